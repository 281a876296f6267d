// Executor+HybridTables: CREATE INDEX, DROP INDEX, SHOW INDEXES and SHOW HYBRID TABLES. A
// secondary index is part of its table's HybridTable definition and an index in the storage;
// the indexes Snowflake builds for constraints are listed too and cannot be dropped. SHOW lists
// only tables the role can see, with Snowflake's columns; a hybrid table's rows and bytes are
// NULL, as in Snowflake's examples.
// https://docs.snowflake.com/en/sql-reference/sql/create-index, …/drop-index, …/show-indexes,
// …/show-hybrid-tables

import SnowSQL

extension Executor {
    func hybridTable(_ statement: HybridTableStatement) throws -> ResultSet {
        switch statement {
        case .createIndex(let create): return try createIndex(create)
        case .dropIndex(let table, let index, let ifExists): return try dropIndex(table: table, index: index, ifExists: ifExists)
        case .showIndexes(let terse, let filter, let table):
            return Executor.filter(try showIndexes(terse: terse, scope: filter.scope, table: table), filter)
        case .showHybridTables(let terse, let filter):
            return Executor.filter(try showHybridTables(terse: terse, scope: filter.scope), filter)
        }
    }

    /// The table an index statement names, once the role is found to own it; nil when it does not
    /// exist (or cannot be seen) and `ifExists` allows that.
    private func indexedTable(_ name: ObjectName, operation: String, ifExists: Bool = false) throws -> ObjectRecord? {
        let parts = try session.nameParts(name)
        let qualified = try session.qualify(parts, database: session.currentDatabase, schema: session.currentSchema, operation: operation)
        let missing = SnowflakeError.doesNotExist("Table", parts.joined(separator: "."))
        guard let table = try catalog.object(database: qualified.database, schema: qualified.schema, name: qualified.name, kinds: [.table]),
            (try? access.requireReach(database: table.database, schema: table.schema, missing: missing)) != nil,
            try access.canSee(table)
        else {
            if ifExists { return nil }
            throw missing
        }
        try access.requireOwnership(Authorization.securable(table), name: table.name)
        return table
    }

    func createIndex(_ create: CreateIndex) throws -> ResultSet {
        try Executor.checkModifiers(create.modifiers)
        guard var table = try indexedTable(create.table, operation: "CREATE INDEX") else { return Executor.alreadyExists(create.index.name.name) }
        guard var hybrid = HybridTable(of: table) else { throw SnowflakeError.indexNeedsHybridTable(table.name) }
        let name = create.index.name.name
        if let existing = hybrid.indexes.first(where: { $0.name == name }) {
            if create.modifiers.ifNotExists { return Executor.alreadyExists(name) }
            guard create.modifiers.orReplace else { throw SnowflakeError.alreadyExists(name) }
            hybrid.indexes.removeAll { $0 == existing }
            try catalog.dropSecondaryIndex(name, of: table)
        }
        let types = Dictionary(try catalog.columns(of: table).map { ($0.name, $0.type) }, uniquingKeysWith: { first, _ in first })
        let index = try secondaryIndex(create.index, in: hybrid, table: table.name) { identifiers in
            try identifiers.map { identifier in
                guard let type = types[identifier.name] else { throw SnowflakeError.hybridColumnUnknown(identifier.name) }
                guard HybridTable.indexable(type) else {
                    throw SnowflakeError.hybridColumnNotIndexable(identifier.name, type: type.canonicalName)
                }
                return identifier.name
            }
        }
        hybrid.indexes.append(index)
        table.properties[HybridTable.property] = hybrid.stored
        try catalog.updateObject(table)
        try catalog.createSecondaryIndex(index, of: table)
        return Executor.created("Index", name)
    }

    func dropIndex(table name: ObjectName, index: Identifier, ifExists: Bool) throws -> ResultSet {
        guard var table = try indexedTable(name, operation: "DROP INDEX", ifExists: ifExists) else {
            return Executor.alreadyDropped(index.name)
        }
        let hybrid = HybridTable(of: table)
        guard var hybrid, hybrid.indexes.contains(where: { $0.name == index.name }) else {
            if let hybrid, hybrid.listedIndexes(table: table.name, createdOn: table.createdOn).contains(where: { $0.name == index.name }) {
                throw SnowflakeError.constraintIndexNotDroppable(index.name)
            }
            if ifExists { return Executor.alreadyDropped(index.name) }
            throw SnowflakeError.doesNotExist("Index", table.name + "." + index.name)
        }
        hybrid.indexes.removeAll { $0.name == index.name }
        table.properties[HybridTable.property] = hybrid.stored
        try catalog.updateObject(table)
        try catalog.dropSecondaryIndex(index.name, of: table)
        return Executor.dropped(index.name)
    }

    /// The hybrid tables SHOW covers (`table`, or those of the scope) that the role can see.
    private func shownHybridTables(scope: ShowFilter.Scope?, table: ObjectName? = nil) throws -> [(ObjectRecord, HybridTable)] {
        let access = try access
        if let table {
            let parts = try session.nameParts(table)
            let qualified = try session.qualify(parts, database: session.currentDatabase, schema: session.currentSchema, operation: "SHOW")
            guard let object = try catalog.object(database: qualified.database, schema: qualified.schema, name: qualified.name, kinds: [.table]),
                access.canSee(object)
            else {
                throw SnowflakeError.doesNotExist("Table", parts.joined(separator: "."))
            }
            return HybridTable(of: object).map { [(object, $0)] } ?? []
        }
        var tables: [(ObjectRecord, HybridTable)] = []
        for (database, schema) in try schemasInScope(scope) {
            for object in try catalog.objects(database: database, schema: schema, kinds: [.table]) where access.canSee(object) {
                if let hybrid = HybridTable(of: object) { tables.append((object, hybrid)) }
            }
        }
        return tables
    }

    /// SHOW [TERSE] INDEXES: each hybrid table's indexes, constraint indexes first.
    func showIndexes(terse: Bool, scope: ShowFilter.Scope?, table: ObjectName?) throws -> ResultSet {
        var rows: [[Value]] = []
        for (object, hybrid) in try shownHybridTables(scope: scope, table: table) {
            for index in hybrid.listedIndexes(table: object.name, createdOn: object.createdOn) {
                if terse {
                    rows.append([
                        .timestamp(index.createdOn), .string(index.name), .string("KEY_VALUE_INDEX"), .string(object.database),
                        .string(object.schema),
                    ])
                    continue
                }
                rows.append([
                    .timestamp(index.createdOn), .string(index.name), .string(index.isUnique ? "Y" : "N"),
                    .string(Executor.bracketed(index.columns)), .string(Executor.bracketed(index.include)), .string(object.name),
                    .string(object.database), .string(object.schema), .string(object.owner), .string("ROLE"),
                    .string("ACTIVE"), .string(""),
                ])
            }
        }
        let names =
            terse
            ? ["created_on", "name", "kind", "database_name", "schema_name"]
            : [
                "created_on", "name", "is_unique", "columns", "included_columns", "table", "database_name", "schema_name", "owner",
                "owner_role_type", "status", "status_info",
            ]
        return ResultSet(columns: Executor.columns(names), rows: rows)
    }

    /// SHOW [TERSE] HYBRID TABLES
    func showHybridTables(terse: Bool, scope: ShowFilter.Scope?) throws -> ResultSet {
        let tables = try shownHybridTables(scope: scope)
        if terse {
            return ResultSet(
                columns: Executor.columns(["created_on", "name", "kind", "database_name", "schema_name"]),
                rows: tables.map { object, _ in
                    [
                        .timestamp(object.createdOn), .string(object.name), .string("HYBRID TABLE"), .string(object.database),
                        .string(object.schema),
                    ]
                })
        }
        var columns = Executor.columns([
            "created_on", "name", "database_name", "schema_name", "owner", "datastore_id", "rows", "bytes",
            "comment", "owner_role_type",
        ])
        columns[5] = ResultColumn("datastore_id", .integer)
        return ResultSet(
            columns: columns,
            rows: tables.map { object, _ in
                [
                    .timestamp(object.createdOn), .string(object.name), .string(object.database), .string(object.schema), .string(object.owner),
                    .null, .null, .null, .string(object.comment ?? ""), .string("ROLE"),
                ]
            })
    }

    /// `[A, B]`: a column list as SHOW INDEXES prints it.
    static func bracketed(_ columns: [String]) -> String { "[" + columns.joined(separator: ", ") + "]" }
}
