// ProcedureRegistry: Swift implementations of procedures declared with a handler in another
// language (`LANGUAGE PYTHON HANDLER = 'snowflake_github_connector.procedures.ingest_data'`).
// The composition root registers handlers by their handler string; CREATE PROCEDURE succeeds for
// any handler (as Snowflake's does), and CALL fails with a clear error when none is registered.

import Foundation
import GRDB
import Security
import SnowSQL

/// What a handler sees: its arguments, and a way to run SQL as the procedure's owner, in the
/// procedure's database and schema, with values always bound.
public struct ProcedureContext {
    /// `DB.SCHEMA.NAME` of the procedure being called.
    public let procedure: String
    public let arguments: [Value]
    public let argumentNames: [String]
    let session: Session
    /// Decides every request the handler sends: the procedure's integrations and their rules.
    public let egressPolicy: EgressPolicy
    /// The secrets bound with SECRETS = (…), by lower-cased alias; values are read on demand.
    let secrets: [String: ResolvedExternalAccess.Secret]
    /// The procedure's own code and what it imports, when it runs in a Python runtime.
    public let python: PythonProcedureDefinition?

    /// The session the procedure runs in, acting as its owner: a Python worker's Snowpark session
    /// runs its statements here (Sources/PythonProcedures).
    public var engine: Session { session }

    /// Throws when the CALL's statement was canceled or ran out of time (StatementWatch).
    public func checkStopped() throws { try session.checkStatementWatch() }

    /// Runs one statement; `:name` in it reads `bindings[name]`.
    public func sql(_ text: String, bindings: [String: Value] = [:]) throws -> ResultSet {
        let statement: SnowSQL.Statement
        if let parsed = session.parsedProcedureStatements[text] {
            statement = parsed
        } else {
            statement = try Session.parseSingle(text)
            if session.parsedProcedureStatements.count >= 64 { session.parsedProcedureStatements.removeAll() }
            session.parsedProcedureStatements[text] = statement
        }
        let now = session.clock()
        let variables = bindings.mapValues { value in
            SessionVariable(value: value, type: ProcedureContext.type(of: value), createdOn: now, updatedOn: now)
        }
        return try session.run(statement, bindings: variables, text: text)
    }

    /// Logs a message at a severity (TRACE, DEBUG, INFO, WARN, ERROR, FATAL) for the event table,
    /// as Python's `logging` does in a Snowflake handler (WARNING → WARN, CRITICAL → FATAL).
    /// A record of Python's `logging` also has its logger's name, the event's scope, and its attributes
    /// (`code.filepath`, `code.function`, `code.lineno`, `extra`), RECORD_ATTRIBUTES.
    public func log(_ severity: String, _ message: String, scope: String? = nil, attributes: [(String, JSONValue)] = []) {
        let level = severity.uppercased()
        let mapped = level == "WARNING" ? "WARN" : (level == "CRITICAL" ? "FATAL" : level)
        session.loggedEvents.append(LogEvent(severity: EventLog.severities.contains(mapped) ? mapped : "INFO", message: message,
                                             scope: scope, attributes: attributes))
    }

    /// The argument of that name (upper-cased), or nil.
    public func argument(_ name: String) -> Value? {
        argumentNames.firstIndex(of: name.uppercased()).map { arguments[$0] }
    }

    static func type(of value: Value) -> SnowflakeType {
        switch value {
        case .integer: return .integer
        case .decimal(let text): return .number(precision: 38, scale: text.split(separator: ".").last.map { $0.count } ?? 0)
        case .double: return .float
        case .boolean: return .boolean
        case .variant: return .variant
        case .date: return .date
        case .time: return .time
        case .timestamp: return .timestampNTZ
        case .binary: return .binary(length: 8_388_608)
        case .null, .string: return .string
        }
    }
}

/// A procedure implemented in Swift: returns the procedure's value (or a table).
public protocol ProcedureHandler: Sendable {
    func call(_ context: ProcedureContext) throws -> ScriptOutcome
}

/// Handlers by handler string, case-sensitive as Python module paths are.
public struct ProcedureRegistry: Sendable {
    private var handlers: [String: any ProcedureHandler] = [:]

    public init() {}

    public mutating func register(_ handler: String, _ implementation: any ProcedureHandler) {
        handlers[handler] = implementation
    }

    public func handler(_ name: String) -> (any ProcedureHandler)? { handlers[name] }
}
