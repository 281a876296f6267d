// Executor+Parameters: ALTER ACCOUNT | SESSION | USER | WAREHOUSE SET/UNSET (AUTOCOMMIT,
// EVENT_TABLE, LOG_LEVEL, QUERY_TAG, STATEMENT_TIMEOUT_IN_SECONDS, and other parameters kept as
// given), SHOW PARAMETERS, and CREATE EVENT TABLE, a table with the event-table columns of spec §12
// that only Snowlite writes to (EventLog.swift). A user's and a warehouse's parameters are kept in
// their catalog properties under `parameter.<NAME>`. AUTOCOMMIT = FALSE is honoured for the session
// (Session+Execute.swift: DML opens a transaction that COMMIT or ROLLBACK ends).

import Foundation
import GRDB
import Security
import SnowSQL

extension Executor {
    /// The columns of an event table (spec §12).
    static let eventTableColumns: [ColumnRecord] = [
        ("TIMESTAMP", SnowflakeType.timestampNTZ), ("START_TIMESTAMP", .timestampNTZ), ("OBSERVED_TIMESTAMP", .timestampNTZ),
        ("TRACE", .object), ("RESOURCE", .object), ("RESOURCE_ATTRIBUTES", .object), ("SCOPE", .object),
        ("SCOPE_ATTRIBUTES", .object), ("RECORD_TYPE", .string), ("RECORD", .object), ("RECORD_ATTRIBUTES", .object),
        ("VALUE", .variant), ("EXEMPLARS", .array),
    ].map { ColumnRecord(name: $0.0, type: $0.1, isNullable: true) }

    func createEventTable(_ create: CreateEventTable) throws -> ResultSet {
        try Executor.checkModifiers(create.modifiers)
        let name = try newObjectName(create.name, kind: "EVENT TABLE")
        try access.requireCreate(.table, database: name.database, schema: name.schema)
        if let done = try replaceExisting(name, kind: .table, modifiers: create.modifiers) { return done }
        let record = ObjectRecord(database: name.database, schema: name.schema, name: name.name, kind: .table,
                                  owner: session.currentRole ?? "",
                                  comment: create.properties.first { $0.name == "COMMENT" }?.value.text, createdOn: now,
                                  storageName: name.description, definition: nil, properties: ["event_table": "true"])
        try catalog.insertObject(record)
        try catalog.insertColumns(Executor.eventTableColumns, of: record)
        let columns = Executor.eventTableColumns.map { "\(quote($0.name)) \($0.type.sqliteAffinity)" }
        try db.execute(sql: "CREATE TABLE \(quote(name.description)) (\(columns.joined(separator: ", ")))")
        try applyFutureGrants(to: record)
        return Executor.created("Table", name.name)
    }

    func alterParameters(_ alter: AlterParameters) throws -> ResultSet {
        switch alter.target {
        case .session:
            for property in alter.set {
                // Which code a Python procedure runs is the account's choice, not a session's.
                if property.name == ProcedureRuntimeMode.parameter { throw SnowflakeError.accountOnlyParameter(property.name) }
                session.parameters[property.name] = try Executor.parameterValue(property)
            }
            for name in alter.unset { session.parameters[name] = nil }
        case .account:
            // Account parameters belong to ACCOUNTADMIN.
            guard try session.heldRoles(db).contains("ACCOUNTADMIN"), session.currentRole == "ACCOUNTADMIN" else {
                throw SnowflakeError.insufficientPrivileges("account", session.accountName)
            }
            // Only the session's AUTOCOMMIT is honoured: an account's would be kept and ignored.
            if (alter.set.map(\.name) + alter.unset).contains("AUTOCOMMIT") {
                throw SnowflakeError.unsupported("ALTER ACCOUNT … AUTOCOMMIT")
            }
            for property in alter.set {
                var value = try Executor.parameterValue(property)
                if property.name == "EVENT_TABLE" {
                    let parts = try Session.splitIdentifier(property.value.text)
                    let qualified = try session.qualify(parts, database: session.currentDatabase, schema: session.currentSchema,
                                                        operation: "ALTER ACCOUNT")
                    guard try Session.eventTable(qualified.description, catalog: catalog) != nil else {
                        throw SnowflakeError.doesNotExist("Event table", qualified.written)
                    }
                    value = qualified.description
                }
                try catalog.dropAccountObject(kind: .accountParameter, name: property.name)
                try catalog.insertAccountObject(AccountObjectRecord(kind: .accountParameter, name: property.name, owner: "ACCOUNTADMIN",
                                                                    comment: nil, createdOn: now, properties: ["value": value]))
            }
            for name in alter.unset { try catalog.dropAccountObject(kind: .accountParameter, name: name) }
        case .user, .warehouse:
            let kind: CatalogKind = alter.target == .user ? .user : .warehouse
            // Only the parameters Snowlite acts on: another property (a password, a default role,
            // a size) would be kept and ignored, so it is refused.
            let named = alter.set.map { ("SET", $0.name) } + alter.unset.map { ("UNSET", $0) }
            for (verb, name) in named where name != StatementTimeouts.parameter && !(alter.target == .user && name == "PASSWORD") {
                throw SnowflakeError.unsupported("ALTER \(alter.target.rawValue) … \(verb) \(name)")
            }
            let name = alter.object?.name ?? session.user
            let access = try self.access
            guard var record = try catalog.accountObject(kind: kind, name: name),
                  access.authorizer.holdsAnyPrivilege(on: Authorization.securable(record))
                    || name == session.user && !session.runsWithOwnersRights else {
                if alter.ifExists { return .success }
                throw SnowflakeError.doesNotExist(kind == .user ? "User" : "Warehouse", name)
            }
            // A user sets their own parameters; another user's need its OWNERSHIP, a warehouse's MODIFY.
            let securable = Authorization.securable(record)
            if kind == .user ? name != session.user || session.runsWithOwnersRights : !access.authorizer.holds(.modify, on: securable) {
                try access.requireOwnership(securable, name: name)
            }
            // A password is kept as a hash beside the user's record (Catalog+Passwords.swift), never in it.
            for property in alter.set where property.name == "PASSWORD" {
                try catalog.setPasswordHash(try PasswordHash.make(password: property.value.text), user: name)
            }
            for name in alter.unset where name == "PASSWORD" { try catalog.setPasswordHash(nil, user: record.name) }
            for property in alter.set where property.name != "PASSWORD" {
                record.properties[Executor.parameterKey(property.name)] = try Executor.parameterValue(property)
            }
            for name in alter.unset where name != "PASSWORD" { record.properties[Executor.parameterKey(name)] = nil }
            try catalog.updateAccountObject(record)
        }
        return .success
    }

    /// Where a user's or warehouse's parameter is kept among its properties.
    static func parameterKey(_ name: String) -> String { "parameter." + name }

    /// A parameter's value as stored; LOG_LEVEL must be one of Snowflake's levels, a timeout a
    /// whole number of seconds up to 604,800 (seven days), a binary format HEX.
    static func parameterValue(_ property: Property) throws -> String {
        let value = property.value.text
        if property.name == "STATEMENT_TIMEOUT_IN_SECONDS" {
            guard let seconds = Int(value), (0...StatementTimeouts.maximumSeconds).contains(seconds) else {
                throw SnowflakeError.compilationError("invalid value [\(value)] for parameter 'STATEMENT_TIMEOUT_IN_SECONDS'")
            }
            return String(seconds)
        }
        if property.name == "AUTOCOMMIT" {
            guard let flag = ["TRUE": "true", "FALSE": "false"][value.uppercased()] else {
                throw SnowflakeError.compilationError("invalid value [\(value)] for parameter 'AUTOCOMMIT'")
            }
            return flag
        }
        if property.name == "BINARY_INPUT_FORMAT" || property.name == "BINARY_OUTPUT_FORMAT" {
            guard let format = BinaryFormat.named(value) else {
                throw SnowflakeError.compilationError("invalid value [\(value)] for parameter '\(property.name)'")
            }
            // Casts read and write BINARY as HEX only (BinaryFormat.swift): another format would be
            // kept and ignored, so it is refused.
            guard format == .hex else { throw SnowflakeError.unsupported("\(property.name) = \(format.rawValue)") }
            return format.rawValue
        }
        if property.name == ProcedureRuntimeMode.parameter {
            guard let mode = ProcedureRuntimeMode(rawValue: value.uppercased()) else {
                throw SnowflakeError.compilationError("invalid value [\(value)] for parameter '\(property.name)'")
            }
            return mode.rawValue
        }
        if property.name == "LOG_LEVEL" {
            let level = value.uppercased()
            guard EventLog.levels.contains(level) else {
                throw SnowflakeError.compilationError("invalid value [\(value)] for parameter 'LOG_LEVEL'")
            }
            return level
        }
        return value
    }
}

// MARK: - SHOW PARAMETERS

extension Executor {
    /// The parameters Snowlite acts on, with their defaults and types. A parameter set in the
    /// session that is not one of them is listed too, as set.
    static let knownParameters: [(name: String, defaultValue: String, type: String, description: String)] = [
        ("AUTOCOMMIT", "true", "BOOLEAN", "Whether each DML statement commits by itself; when false, DML opens a transaction that COMMIT or ROLLBACK ends."),
        ("LOG_LEVEL", "OFF", "STRING", "The lowest severity of the events logged to the event table."),
        ("QUERY_TAG", "", "STRING", "A tag for the session's queries."),
        (StatementTimeouts.parameter, String(StatementTimeouts.defaultSeconds), "NUMBER", "How long a statement may run before it is canceled."),
        ("USE_CACHED_RESULT", "true", "BOOLEAN", "Whether a query may be answered from the result cache."),
    ]

    /// SHOW PARAMETERS [LIKE '…'] [IN SESSION | IN ACCOUNT]: `key, value, default, level,
    /// description, type`; the level says where the value comes from (SESSION, USER, ACCOUNT, or
    /// empty for the default). IN ACCOUNT shows the account's values only.
    /// https://docs.snowflake.com/en/sql-reference/sql/show-parameters
    func showParameters(_ show: ShowParameters) throws -> ResultSet {
        let user = try catalog.accountObject(kind: .user, name: session.user)
        var known = Executor.knownParameters
        if show.target == .account {
            // An account-only parameter: `snow app events` reads it to find the event table.
            known.append(("EVENT_TABLE", "", "STRING", "The event table the account's events are written to."))
            known.append((ProcedureRuntimeMode.parameter, ProcedureRuntimeMode.auto.rawValue, "STRING",
                          "Which code LANGUAGE PYTHON procedures run: AUTO (a Swift handler of the handler's name, else the procedure's Python), PYTHON or SWIFT."))
        }
        if show.target == .session {
            for name in session.parameters.keys.sorted() where !known.contains(where: { $0.name == name }) {
                known.append((name, "", "STRING", ""))
            }
        }
        var rows: [[Value]] = []
        for parameter in known.sorted(by: { $0.name < $1.name }) {
            if let like = show.like, !Executor.matchesLike(parameter.name, like) { continue }
            var value = parameter.defaultValue
            var level = ""
            let account = try catalog.accountObject(kind: .accountParameter, name: parameter.name)?.properties["value"]
            if show.target == .session, let set = session.parameters[parameter.name] {
                (value, level) = (set, "SESSION")
            } else if show.target == .session, let set = user?.properties[Executor.parameterKey(parameter.name)] {
                (value, level) = (set, "USER")
            } else if let account {
                (value, level) = (account, "ACCOUNT")
            }
            rows.append([.string(parameter.name), .string(value), .string(parameter.defaultValue), .string(level),
                         .string(parameter.description), .string(parameter.type)])
        }
        return ResultSet(columns: ["key", "value", "default", "level", "description", "type"].map { ResultColumn($0, .string) },
                         rows: rows)
    }
}
