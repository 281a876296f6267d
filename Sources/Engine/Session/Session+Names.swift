// Session+Names: turning names as written into catalog names. Unqualified names take the
// session's (or a view's) database and schema; `IDENTIFIER('db.sch.t')` and `IDENTIFIER($v)`
// are evaluated and split part by part with the usual folding rules (spec §2, §3).

import Foundation
import SnowSQL

struct QualifiedName: Equatable {
    var database: String
    var schema: String
    var name: String
    /// The name as the statement wrote it (`T`, `S.T`), for messages that quote it.
    var written: String
    var description: String { "\(database).\(schema).\(name)" }
}

extension Session {
    /// The parts of a name, evaluating IDENTIFIER(…) from a string literal or a session variable.
    func nameParts(_ name: ObjectName) throws -> [String] {
        switch name {
        case .parts(let parts): return parts.map(\.name)
        case .reference:
            // Only a DML target resolves a reference (Executor.targetTable); anywhere else it names nothing.
            throw SnowflakeError.unsupported("REFERENCE() as an object name here")
        case .identifier(let argument):
            let text: String
            switch argument {
            case .literal(.string(let s)): text = s
            case .variable(let v):
                guard let variable = variables[v] else { throw UndefinedVariable(name: v) }
                guard case .string(let s) = variable.value else {
                    throw SnowflakeError.compilationError("invalid value [\(variable.value.displayText() ?? "NULL")] for parameter 'IDENTIFIER'")
                }
                text = s
            case .bind(let name):
                guard let variable = bindings[name], case .string(let s) = variable.value else {
                    throw SnowflakeError.bindVariableNotSet(":\(name)")
                }
                text = s
            default:
                throw SnowflakeError.unsupported("IDENTIFIER with an expression")
            }
            return try Session.splitIdentifier(text)
        }
    }

    /// `'db.sch."Mixed"'` → ["DB", "SCH", "Mixed"].
    static func splitIdentifier(_ text: String) throws -> [String] {
        do {
            return try Parser.parseQualifiedName(text).map(\.name)
        } catch {
            throw SnowflakeError.invalidIdentifierText(text)
        }
    }

    /// Completes a schema-object name from the context. `operation` words the 090105 error
    /// (`Cannot perform CREATE TABLE…`, `Cannot perform SELECT…`).
    func qualify(_ parts: [String], database: String?, schema: String?, operation: String) throws -> QualifiedName {
        let written = parts.joined(separator: ".")
        switch parts.count {
        case 1:
            guard let database else { throw SnowflakeError.noCurrentDatabase(operation: operation) }
            guard let schema else { throw SnowflakeError.noCurrentSchema(operation: operation) }
            return QualifiedName(database: database, schema: schema, name: parts[0], written: written)
        case 2:
            guard let database else { throw SnowflakeError.noCurrentDatabase(operation: operation) }
            return QualifiedName(database: database, schema: parts[0], name: parts[1], written: written)
        case 3:
            return QualifiedName(database: parts[0], schema: parts[1], name: parts[2], written: written)
        default:
            throw SnowflakeError.compilationError("invalid object name '\(parts.joined(separator: "."))'")
        }
    }

    /// A schema name: `sch` in the current database, or `db.sch`.
    func qualifySchema(_ parts: [String], operation: String) throws -> (database: String, schema: String) {
        switch parts.count {
        case 1:
            guard let database = currentDatabase else { throw SnowflakeError.noCurrentDatabase(operation: operation) }
            return (database, parts[0])
        case 2:
            return (parts[0], parts[1])
        default:
            throw SnowflakeError.compilationError("invalid schema name '\(parts.joined(separator: "."))'")
        }
    }
}
