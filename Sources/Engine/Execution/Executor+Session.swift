// Executor+Session: statements that change or show the session — SET, UNSET, SHOW VARIABLES,
// USE, EXECUTE IMMEDIATE (spec §2, §3).

import Foundation
import GRDB
import SnowSQL

extension Executor {
    /// SET v = e | SET (a, b) = (e1, e2): every value is computed before any is assigned.
    func set(_ names: [String], _ values: [Expression]) throws -> ResultSet {
        guard names.count == values.count else {
            throw SnowflakeError.insertValueListMismatch(expected: names.count, got: values.count)
        }
        let evaluated = try values.map { try evaluate($0) }
        let now = session.clock()
        for (name, result) in zip(names, evaluated) {
            if case .string(let s) = result.value, s.utf8.count > 16_384 {
                throw SnowflakeError.variableValueTooLarge(name, size: s.utf8.count)
            }
            let created = session.variables[name]?.createdOn ?? now
            session.variables[name] = SessionVariable(value: result.value, type: result.type, createdOn: created, updatedOn: now)
        }
        return .success
    }

    func unset(_ names: [String]) throws -> ResultSet {
        for name in names where session.variables[name] == nil { throw UndefinedVariable(name: name) }
        for name in names { session.variables[name] = nil }
        return .success
    }

    /// SHOW VARIABLES: `session_id, created_on, updated_on, name, value, type, comment`.
    func showVariables(like: String?) throws -> ResultSet {
        let columns = [
            ResultColumn("session_id", .integer), ResultColumn("created_on", .timestampLTZ), ResultColumn("updated_on", .timestampLTZ),
            ResultColumn("name", .string), ResultColumn("value", .string), ResultColumn("type", .string), ResultColumn("comment", .string),
        ]
        let rows: [[Value]] = session.variables.sorted { $0.key < $1.key }
            .filter { entry in like.map { Executor.matchesLike(entry.key, $0) } ?? true }
            .map { name, variable in
                [.integer(session.sessionID), .timestamp(Timestamps.catalog(variable.createdOn)),
                 .timestamp(Timestamps.catalog(variable.updatedOn)), .string(name),
                 variable.value.displayText(pretty: false).map(Value.string) ?? .null, .string(variable.type.familyName), .string("")]
            }
        return ResultSet(columns: columns, rows: rows)
    }

    /// SHOW … LIKE: case-insensitive, `%` and `_` wildcards.
    static func matchesLike(_ name: String, _ pattern: String) -> Bool {
        SQLFunctions.matchLike(Array(name.lowercased()), Array(pattern.lowercased()), escape: "\\")
    }

    /// USE [ROLE | WAREHOUSE | DATABASE | SCHEMA] name.
    func use(_ use: UseStatement) throws -> ResultSet {
        let parts = try session.nameParts(use.name)
        switch use.kind {
        case .role:
            guard parts.count == 1, try catalog.accountObject(kind: .role, name: parts[0]) != nil else {
                throw SnowflakeError.doesNotExist("Role", parts.joined(separator: "."))
            }
            guard try session.heldRoles(db).contains(parts[0]) else { throw SnowflakeError.roleNotAssigned(parts[0]) }
            session.currentRole = parts[0]
        case .warehouse:
            // USAGE on the warehouse; one the role cannot see does not exist for it.
            guard parts.count == 1, let record = try catalog.accountObject(kind: .warehouse, name: parts[0]),
                  try access.canSee(record) else {
                throw SnowflakeError.objectDoesNotExistOrCannotBePerformed
            }
            try access.require(.usage, on: Authorization.securable(record), name: record.name,
                               missing: SnowflakeError.objectDoesNotExistOrCannotBePerformed)
            session.currentWarehouse = parts[0]
        case .database:
            try useDatabase(parts)
        case nil where parts.count == 1:
            try useDatabase(parts)
        case .schema, nil:
            let (database, schema) = try session.qualifySchema(parts, operation: "USE SCHEMA")
            guard let record = try catalog.schema(database: database, name: schema), try access.canSee(record) else {
                throw SnowflakeError.objectDoesNotExistOrCannotBePerformed
            }
            // USAGE on the schema and its database (owning them is enough).
            guard try access.canUse(record) else { throw try access.insufficient(Authorization.securable(record), name: schema) }
            session.currentDatabase = database
            session.currentSchema = schema
        }
        return .success
    }

    /// USE DATABASE d: the schema becomes PUBLIC (none if the database has no PUBLIC).
    private func useDatabase(_ parts: [String]) throws {
        let access = try access
        guard parts.count == 1, let record = try catalog.database(parts[0]), try access.canSee(record) else {
            throw SnowflakeError.objectDoesNotExistOrCannotBePerformed
        }
        guard access.canUse(record) else { throw access.insufficient(Authorization.securable(record), name: record.name) }
        session.currentDatabase = parts[0]
        session.currentSchema = try catalog.schema(database: parts[0], name: "PUBLIC") != nil ? "PUBLIC" : nil
    }

}
