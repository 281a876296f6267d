// Session+Call: CALL runs at the session level, like a block: the arguments are evaluated in the
// caller's context, then the body runs with the procedure's rights — by default its owner's role,
// in its own database and schema, without the caller's session variables (spec §7.1) — and each
// statement of the body is its own transaction, so a procedure is not atomic, as in Snowflake.
// The result is one row in a column named after the procedure, or the table it returns.

import Foundation
import GRDB
import SnowSQL

extension Session {
    /// Procedures one CALL may nest inside another (a procedure that CALLs itself, or a handler
    /// whose SQL CALLs back), counted on this session's own stack of running executables, so each
    /// session and each call chain has its own count. Each level costs the CALL, the interpreter
    /// and the statement machinery, about 12 KB of stack in a debug build (64 levels ran on a
    /// 768 KB thread and overflowed a 512 KB one), so 64 levels and a statement nested to the
    /// parser's limit at the bottom fit the 8 MB of a Linux thread and the 16 MB of task threads.
    static let maximumCallDepth = 64

    func runCall(_ call: Call) throws -> ResultSet {
        if let result = try callTaskFunction(call) { return result }
        if let result = try callValidateNativeAppSetup(call) { return result }
        if executables.count(where: { $0.type == "procedure" }) >= Session.maximumCallDepth {
            throw SnowflakeError.callDepthExceeded(call.name.description, limit: Session.maximumCallDepth)
        }
        try checkStack()
        let named = call.arguments.contains { $0.name != nil }
        if named && call.arguments.contains(where: { $0.name == nil }) {
            throw SnowflakeError.compilationError("Named and positional arguments cannot be mixed in a CALL")
        }
        let (procedure, arguments) = try reading { db -> (StoredProcedure, [String: SessionVariable]) in
            let executor = Executor(session: self, db: db)
            let procedure = try executor.findProcedure(call.name, argumentCount: call.arguments.count)
            var values: [String: SessionVariable] = [:]
            let now = clock()
            for (i, parameter) in procedure.arguments.enumerated() {
                let written: SnowSQL.Expression?
                if named {
                    written = call.arguments.first { $0.name == parameter.name }?.value
                } else {
                    written = i < call.arguments.count ? call.arguments[i].value : nil
                }
                guard let expression = written ?? parameter.defaultText.flatMap({ try? Parser.parseStandaloneExpression($0) }) else {
                    throw SnowflakeError.compilationError("Missing argument \(parameter.name) for procedure \(procedure.baseName)")
                }
                let translated = Cast.convert(try executor.translator().expression(expression, Scope(parent: nil)), to: parameter.type)
                let stored = try DatabaseValue.fetchOne(db, sql: "SELECT " + translated.sql, arguments: StatementArguments(translated.arguments)) ?? .null
                values[parameter.name] = SessionVariable(value: ValueCoding.value(stored, as: parameter.type), type: parameter.type,
                                                         createdOn: now, updatedOn: now)
            }
            return (procedure, values)
        }

        // The procedure's rights: owner's by default.
        let saved = SessionState(self)
        let savedBindings = bindings
        defer {
            saved.restore(self)
            bindings = savedBindings
        }
        if procedure.executeAs == "OWNER" {
            currentRole = procedure.record.owner.isEmpty ? currentRole : procedure.record.owner
            currentDatabase = procedure.record.database
            currentSchema = procedure.record.schema
            variables = [:]
        }

        executables.append(Executable(name: procedure.baseName, type: "procedure", database: procedure.record.database,
                                      schema: procedure.record.schema, logLevel: procedure.logLevel?.uppercased(),
                                      ownersRightsFrame: procedure.executeAs == "OWNER" ? nextOwnersRightsFrame() : nil))
        defer {
            flushEvents()  // what a Swift handler logged, with the procedure as its source
            executables.removeLast()
        }
        let outcome: ScriptOutcome
        if procedure.language == "SQL" {
            outcome = try runSQLProcedure(procedure, arguments: arguments)
        } else {
            // A Swift handler registered under the handler's name, or (SNOWLITE_PROCEDURE_RUNTIME) the procedure's own Python.
            let swiftHandler = procedure.handler.flatMap { procedureRegistry.handler($0) }
            let ordered = procedure.arguments.map { arguments[$0.name]?.value ?? .null }
            let qualified = "\(procedure.record.database).\(procedure.record.schema).\(procedure.baseName)"
            // Integrations and secrets are resolved again, with the rights the body runs with.
            let (policy, secrets, python) = try accessing { db in
                let catalog = Catalog(db: db)
                let executor = Executor(session: self, db: db)
                let mode = try executor.procedureRuntimeMode()
                let runsPython = procedure.language == "PYTHON" && (mode == .python || (mode == .auto && swiftHandler == nil))
                if !runsPython && swiftHandler == nil {
                    throw SnowflakeError.handlerNotRegistered(procedure.handler ?? "", procedure: procedure.baseName, language: procedure.language)
                }
                if runsPython && pythonRuntime == nil {
                    throw SnowflakeError.pythonRuntimeMissing(procedure.baseName, reason: "this session has no Python runtime")
                }
                let resolved = try resolveExternalAccess(try ProcedureExternalAccess(properties: procedure.record.properties),
                                                         catalog: catalog, access: executor.access)
                return (try egressPolicy(procedure: qualified, resolved, catalog: catalog),
                        Dictionary(resolved.secrets.map { ($0.alias.lowercased(), $0.secret) }) { first, _ in first },
                        runsPython ? try executor.pythonDefinition(procedure) : nil)
            }
            let context = ProcedureContext(procedure: qualified, arguments: ordered, argumentNames: procedure.arguments.map(\.name),
                                           session: self, egressPolicy: policy, secrets: secrets, python: python)
            if let python, let pythonRuntime {
                executables[executables.count - 1].signature = python.signature
                outcome = try pythonRuntime.call(context)
            } else if let swiftHandler {
                outcome = try swiftHandler.call(context)
            } else {
                throw SnowflakeError.internalError("a CALL with neither a Swift handler nor Python to run")
            }
        }
        return try result(of: procedure, outcome)
    }

    private func runSQLProcedure(_ procedure: StoredProcedure, arguments: [String: SessionVariable]) throws -> ScriptOutcome {
        guard let body = procedure.body else { throw SnowflakeError.compilationError("Procedure \(procedure.baseName) has no body") }
        let statement = try Session.parseSingle(body)
        guard case .block(let block) = statement else {
            // A body that is a single statement returns that statement's first value.
            let result = try run(statement, bindings: arguments, text: body)
            guard let first = result.rows.first?.first else { return .none }
            return .value(first, result.columns[0].type)
        }
        return try Interpreter.run(block, in: self, arguments: arguments)
    }

    /// One row named after the procedure, the value converted to the declared return type; or the table.
    private func result(of procedure: StoredProcedure, _ outcome: ScriptOutcome) throws -> ResultSet {
        if case .table(let table) = outcome { return table }
        let type = procedure.returnsTable ? SnowflakeType.string : procedure.returnType
        var value = Value.null
        if case .value(let returned, let returnedType) = outcome {
            let now = clock()
            let holder = ["SL_RESULT": SessionVariable(value: returned, type: returnedType, createdOn: now, updatedOn: now)]
            let targetName = DataTypeName(type.canonicalName.split(separator: "(").first.map(String.init) ?? "VARCHAR",
                                          Session.typeArguments(type))
            value = try evaluate(.cast(.bind("SL_RESULT"), targetName, style: .cast), bindings: holder).0
        }
        return ResultSet(columns: [ResultColumn(procedure.baseName, type)], rows: [[value]])
    }

    static func typeArguments(_ type: SnowflakeType) -> [Int] {
        switch type {
        case .number(let p, let s): return [p, s]
        case .varchar(let n): return [n]
        default: return []
        }
    }

    /// `CALL SYSTEM$SET_RETURN_VALUE('…')` and the other task functions, which Snowflake's docs CALL:
    /// evaluated as the function, in one statement's transaction; nil for other names.
    private func callTaskFunction(_ call: Call) throws -> ResultSet? {
        guard case .parts(let parts) = call.name, parts.count == 1, !parts[0].quoted,
              FunctionLibrary.taskGraphFunctions.contains(where: { $0.name == parts[0].name })
                || FunctionLibrary.snowCLIFunctions.contains(parts[0].name) else { return nil }
        let function = SnowSQL.Expression.function(FunctionCall(name: parts, arguments: call.arguments))
        let (value, type) = try writing { db in try collectingEvents { try Executor(session: self, db: db).evaluate(function) } }
        return ResultSet(columns: [ResultColumn(parts[0].name, type)], rows: [[value]])
    }
}
