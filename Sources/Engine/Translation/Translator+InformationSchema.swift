// Translator+InformationSchema: `<db>.INFORMATION_SCHEMA.TABLES | COLUMNS | SCHEMATA | VIEWS | FUNCTIONS | PROCEDURES`
// (and LOAD_HISTORY, Loading/Translator+LoadHistory.swift) as
// derived tables. Each view is a SQL query over Snowlite's catalog (the relations of
// Catalog+InformationSchema.swift) filtered to one database, with Snowflake's column names and types, so
// WHERE, joins, ORDER BY and aggregates work as on any table. What the catalog cannot say in SQL
// — row counts of user tables, the columns of views (known only by translating them) and the
// INFORMATION_SCHEMA views themselves — is computed here and bound as one JSON argument.
//
// Privileges (https://docs.snowflake.com/en/sql-reference/info-schema#general-usage-notes): the
// output depends on the current role; only objects the role holds some privilege on (and whose
// database and schema it may use) are listed, so an application's internals show only as far as
// the application granted them to application roles the consumer holds. Which objects those are
// is decided here by Authorization.visible and bound into the view's own SQL
// (Catalog+InformationSchema.swift), where no WHERE clause or join of the query can undo it.
// An INFORMATION_SCHEMA is reached like any schema: its database must be visible (else 002003
// Database) and usable (else 003001). VIEW_DEFINITION is shown only to the view's owner role.
// https://docs.snowflake.com/en/sql-reference/info-schema

import Foundation
import GRDB
import SnowSQL

/// One output column of an INFORMATION_SCHEMA view: its name, its type, the SQL that computes it.
struct InformationSchemaColumn {
    var name: String
    var type: SnowflakeType
    var sql: String

    init(_ name: String, _ type: SnowflakeType, _ sql: String) {
        self.name = name
        self.type = type
        self.sql = sql
    }
}

extension Translator {
    /// The INFORMATION_SCHEMA view `name` of `name.database` as a FROM item. A database that does
    /// not exist or that the role cannot see is `Database '<NAME>' does not exist or not authorized.`,
    /// one it sees but may not use is 003001 on it, and an unknown view is 002003 for the name as written.
    func informationSchemaView(_ name: QualifiedName, written parts: [String], alias: TableAlias?,
                               _ scope: Scope) throws -> TypedSQL {
        let missing = SnowflakeError.doesNotExist("Object", parts.map { Identifier($0, quoted: true).sql }.joined(separator: "."))
        let access = try access
        guard let database = try catalog.database(name.database) else {
            throw SnowflakeError.doesNotExist("Database", name.database)
        }
        try access.requireUsage(database, missing: SnowflakeError.doesNotExist("Database", name.database))
        let view: (columns: [InformationSchemaColumn], sql: TypedSQL)
        switch name.name {
        case "TABLES": view = try tablesView(database)
        case "COLUMNS": view = try columnsView(database)
        case "SCHEMATA": view = try schemataView(database)
        case "VIEWS": view = try viewsView(database)
        case "FUNCTIONS": view = try functionsView(database)
        case "PROCEDURES": view = try proceduresView(database)
        case "LOAD_HISTORY": view = try loadHistoryView(database)
        default: throw missing
        }
        let sqlAlias = nextAlias()
        let columns = view.columns.enumerated().map { i, column in
            RelationColumn(name: alias.flatMap { i < $0.columns.count ? $0.columns[i].name : nil } ?? column.name,
                           type: column.type, sqlName: "c\(i + 1)")
        }
        scope.relations.append(Relation(name: alias?.name.name ?? name.name,
                                        qualifiedParts: [name.database, "INFORMATION_SCHEMA", name.name],
                                        sqlAlias: sqlAlias, columns: columns))
        return view.sql.wrapped("(", ") AS \(sqlAlias)")
    }

    /// The views Snowlite's INFORMATION_SCHEMA holds, with their columns.
    private static let informationSchemaViews = ["COLUMNS", "FUNCTIONS", "LOAD_HISTORY", "PROCEDURES", "SCHEMATA", "TABLES", "VIEWS"]

    private static func informationSchemaColumns(_ view: String) -> [InformationSchemaColumn] {
        switch view {
        case "TABLES": return tablesViewColumns
        case "COLUMNS": return columnsViewColumns
        case "SCHEMATA": return schemataViewColumns
        case "FUNCTIONS": return functionsViewColumns
        case "PROCEDURES": return proceduresViewColumns
        case "LOAD_HISTORY": return loadHistoryViewColumns
        default: return viewsViewColumns
        }
    }

    // MARK: - Building blocks

    /// `SELECT <columns> FROM <from>` naming the outputs c1, c2, …
    private static func select(_ columns: [InformationSchemaColumn], from: String) -> String {
        "SELECT " + columns.enumerated().map { "\($1.sql) AS \(quote("c\($0 + 1)"))" }.joined(separator: ", ") + " FROM " + from
    }

    /// Rows computed in Swift, as a query with the outputs c1, c2, …: one bound JSON array of rows,
    /// read back with json_each. Each row has one value per column (String, Int64 or nil).
    static func staticRows(_ rows: [[Any?]], width: Int) throws -> TypedSQL {
        let json = try JSONSerialization.data(withJSONObject: rows.map { $0.map { $0 ?? NSNull() } })
        let list = (0..<width).map { "value ->> '$[\($0)]' AS \(quote("c\($0 + 1)"))" }.joined(separator: ", ")
        return TypedSQL("SELECT \(list) FROM json_each(?)", [String(decoding: json, as: UTF8.self).databaseValue], type: .boolean)
    }

    private static func yesNo(_ condition: String) -> String { "CASE WHEN \(condition) THEN 'YES' ELSE 'NO' END" }

    /// The `kinds` objects of the database the current role may see, and the same as the bound
    /// JSON array `[schema, name, owned]` that Catalog+InformationSchema's sources join as `vis`.
    private func visibleObjects(_ database: DatabaseRecord, kinds: [CatalogKind]) throws
        -> (objects: [ObjectRecord], json: DatabaseValue) {
        let access = try access
        let objects = try access.visible(catalog.objects(database: database.name, kinds: kinds))
        let rows = objects.map { [$0.schema, $0.name, access.authorizer.owns(Authorization.securable($0)) ? 1 : 0] as [Any] }
        return (objects, String(decoding: try JSONSerialization.data(withJSONObject: rows), as: UTF8.self).databaseValue)
    }

    // MARK: - TABLES

    /// https://docs.snowflake.com/en/sql-reference/info-schema/tables
    private static let tablesViewColumns: [InformationSchemaColumn] = {
        let isTable = "o.kind = 'TABLE'"
        // Only the session's own temporary tables are listed (Session+TemporaryObjects.swift).
        let isTemporary = "json_extract(o.properties, '$.kind') = 'TEMPORARY'"
        return [
            .init("TABLE_CATALOG", .string, "o.database_name"),
            .init("TABLE_SCHEMA", .string, "o.schema_name"),
            .init("TABLE_NAME", .string, "o.name"),
            .init("TABLE_OWNER", .string, "NULLIF(o.owner, '')"),
            .init("TABLE_TYPE", .string, """
                CASE WHEN \(isTemporary) THEN 'TEMPORARY TABLE' WHEN \(isTable) THEN 'BASE TABLE' ELSE 'VIEW' END
                """),
            .init("IS_TRANSIENT", .string,
                  yesNo("\(isTable) AND (json_extract(o.properties, '$.kind') = 'TRANSIENT' OR s.is_transient)")),
            .init("CLUSTERING_KEY", .string, "NULL"),
            .init("ROW_COUNT", .integer, "rc.value"),
            .init("BYTES", .integer, "rc.value * 1024"),
            .init("RETENTION_TIME", .integer, "CASE WHEN \(isTable) THEN d.retention_time END"),
            .init("SELF_REFERENCING_COLUMN_NAME", .string, "NULL"),
            .init("REFERENCE_GENERATION", .string, "NULL"),
            .init("USER_DEFINED_TYPE_CATALOG", .string, "NULL"),
            .init("USER_DEFINED_TYPE_SCHEMA", .string, "NULL"),
            .init("USER_DEFINED_TYPE_NAME", .string, "NULL"),
            .init("IS_INSERTABLE_INTO", .string, yesNo(isTable)),
            .init("IS_TYPED", .string, "'YES'"),
            .init("COMMIT_ACTION", .string, "NULL"),
            .init("CREATED", .timestampLTZ, "o.created_on"),
            .init("LAST_ALTERED", .timestampLTZ, "o.created_on"),
            .init("LAST_DDL", .timestampLTZ, "o.created_on"),
            .init("LAST_DDL_BY", .string, "NULL"),
            .init("AUTO_CLUSTERING_ON", .string, "CASE WHEN \(isTable) THEN 'NO' END"),
            .init("COMMENT", .string, "o.comment"),
            .init("IS_TEMPORARY", .string, yesNo(isTemporary)),
            .init("IS_ICEBERG", .string, "'NO'"),
            .init("IS_DYNAMIC", .string, "'NO'"),
            .init("IS_IMMUTABLE", .string, "'NO'"),
        ]
    }()

    private func tablesView(_ database: DatabaseRecord) throws -> (columns: [InformationSchemaColumn], sql: TypedSQL) {
        let columns = Translator.tablesViewColumns
        // Row counts are not in the catalog: count each table now (as SHOW TABLES does).
        // Only visible tables are counted: the others are not listed, and are not even read.
        let visible = try visibleObjects(database, kinds: [.table, .view])
        var counts: [String: Int64] = [:]
        for table in visible.objects where table.kind == .table {
            let storage = table.storageName ?? table.qualifiedName
            counts[storage] = try Int64.fetchOne(catalog.db, sql: "SELECT count(*) FROM \(quote(storage))") ?? 0
        }
        let countsJSON = String(decoding: try JSONSerialization.data(withJSONObject: counts), as: UTF8.self)
        let catalogRows = Translator.select(columns, from: Catalog.informationSchemaTablesSource)
        let own = Translator.informationSchemaViews.map { view -> [Any?] in
            columns.map { column -> Any? in
                switch column.name {
                case "TABLE_CATALOG": return database.name
                case "TABLE_SCHEMA": return "INFORMATION_SCHEMA"
                case "TABLE_NAME": return view
                case "TABLE_TYPE": return "VIEW"
                case "IS_TRANSIENT", "IS_INSERTABLE_INTO", "IS_TEMPORARY", "IS_ICEBERG", "IS_DYNAMIC", "IS_IMMUTABLE": return "NO"
                case "IS_TYPED": return "YES"
                case "CREATED", "LAST_ALTERED", "LAST_DDL": return database.createdOn
                default: return nil
                }
            }
        }
        let ownRows = try Translator.staticRows(own, width: columns.count)
        return (columns, TypedSQL(catalogRows + " UNION ALL " + ownRows.sql,
                                  [countsJSON.databaseValue, visible.json, database.name.databaseValue] + ownRows.arguments,
                                  type: .boolean))
    }

    // MARK: - COLUMNS

    /// https://docs.snowflake.com/en/sql-reference/info-schema/columns — DATA_TYPE and the length,
    /// precision and scale columns are read from the canonical type text (`NUMBER(10,2)`).
    private static let columnsViewColumns: [InformationSchemaColumn] = {
        let textual = "c.base IN ('VARCHAR', 'BINARY')"
        var columns: [InformationSchemaColumn] = [
            .init("TABLE_CATALOG", .string, "c.db"),
            .init("TABLE_SCHEMA", .string, "c.sch"),
            .init("TABLE_NAME", .string, "c.tbl"),
            .init("COLUMN_NAME", .string, "c.name"),
            .init("ORDINAL_POSITION", .integer, "c.ordinal + 1"),
            .init("COLUMN_DEFAULT", .string, "c.dflt"),
            .init("IS_NULLABLE", .string, yesNo("c.nullable")),
            .init("DATA_TYPE", .string, "CASE c.base WHEN 'VARCHAR' THEN 'TEXT' ELSE c.base END"),
            .init("CHARACTER_MAXIMUM_LENGTH", .integer, "CASE WHEN \(textual) THEN CAST(c.args AS INTEGER) END"),
            .init("CHARACTER_OCTET_LENGTH", .integer,
                  "CASE c.base WHEN 'VARCHAR' THEN min(CAST(c.args AS INTEGER) * 4, \(SnowflakeType.maxVarchar)) WHEN 'BINARY' THEN CAST(c.args AS INTEGER) END"),
            .init("NUMERIC_PRECISION", .integer, "CASE c.base WHEN 'NUMBER' THEN CAST(substr(c.args, 1, instr(c.args, ',') - 1) AS INTEGER) END"),
            .init("NUMERIC_PRECISION_RADIX", .integer, "CASE c.base WHEN 'NUMBER' THEN 10 END"),
            .init("NUMERIC_SCALE", .integer, "CASE c.base WHEN 'NUMBER' THEN CAST(substr(c.args, instr(c.args, ',') + 1) AS INTEGER) END"),
            .init("DATETIME_PRECISION", .integer,
                  "CASE WHEN c.base IN ('TIME', 'TIMESTAMP_NTZ', 'TIMESTAMP_LTZ', 'TIMESTAMP_TZ') THEN 9 END"),
            .init("INTERVAL_TYPE", .string, "NULL"),
            .init("INTERVAL_PRECISION", .integer, "NULL"),
        ]
        for name in ["CHARACTER_SET_CATALOG", "CHARACTER_SET_SCHEMA", "CHARACTER_SET_NAME", "COLLATION_CATALOG", "COLLATION_SCHEMA",
                     "COLLATION_NAME", "DOMAIN_CATALOG", "DOMAIN_SCHEMA", "DOMAIN_NAME", "UDT_CATALOG", "UDT_SCHEMA", "UDT_NAME",
                     "SCOPE_CATALOG", "SCOPE_SCHEMA", "SCOPE_NAME"] {
            columns.append(.init(name, .string, "NULL"))
        }
        columns += [
            .init("MAXIMUM_CARDINALITY", .integer, "NULL"),
            .init("DTD_IDENTIFIER", .string, "NULL"),
            .init("IS_SELF_REFERENCING", .string, "'NO'"),
            // AUTOINCREMENT / IDENTITY columns (Execution/Catalog+Sequences): their start, step and ORDER.
            .init("IS_IDENTITY", .string, "CASE WHEN c.id_start IS NULL THEN 'NO' ELSE 'YES' END"),
            .init("IDENTITY_GENERATION", .string, "NULL"),
            .init("IDENTITY_START", .string, "CAST(c.id_start AS TEXT)"),
            .init("IDENTITY_INCREMENT", .string, "CAST(c.id_step AS TEXT)"),
            .init("IDENTITY_MAXIMUM", .string, "NULL"),
            .init("IDENTITY_MINIMUM", .string, "NULL"),
            .init("IDENTITY_CYCLE", .string, "CASE WHEN c.id_start IS NULL THEN NULL ELSE 'NO' END"),
            .init("IDENTITY_ORDERED", .string, "CASE WHEN c.id_start IS NULL THEN NULL WHEN c.id_ordered THEN 'YES' ELSE 'NO' END"),
            .init("COMMENT", .string, "c.cmt"),
            // The type as written (INT for NUMBER(38,0)…) is not kept: unknown, so NULL.
            .init("DATA_TYPE_ALIAS", .string, "NULL"),
        ]
        return columns
    }()

    private func columnsView(_ database: DatabaseRecord) throws -> (columns: [InformationSchemaColumn], sql: TypedSQL) {
        // Views have no column rows in the catalog: their columns come from translating them, as DESCRIBE VIEW
        // does. A view that no longer translates (its table was dropped) lists no columns, and views
        // over INFORMATION_SCHEMA are left out so this never expands itself.
        let visible = try visibleObjects(database, kinds: [.table, .view])
        var computed: [[Any?]] = []
        for view in visible.objects where view.kind == .view && !(view.definition ?? "").uppercased().contains("INFORMATION_SCHEMA") {
            guard let translated = try? expandView(view, Scope(parent: nil)) else { continue }
            for (ordinal, column) in translated.columns.enumerated() {
                computed.append([view.database, view.schema, view.name, Int64(ordinal), column.name, column.type.canonicalName,
                                 Int64(1), nil, nil, nil, nil, nil])
            }
        }
        for view in Translator.informationSchemaViews {
            for (ordinal, column) in Translator.informationSchemaColumns(view).enumerated() {
                computed.append([database.name, "INFORMATION_SCHEMA", view, Int64(ordinal), column.name,
                                 column.type.canonicalName, Int64(1), nil, nil, nil, nil, nil])
            }
        }
        let fromCatalog = Catalog.informationSchemaTableColumns
        let fromSwift = try Translator.staticRows(computed, width: 12)
        // The first branch of the UNION names the columns.
        let all = "SELECT * FROM (\(fromSwift.sql))"
        let parsed = """
            SELECT *, CASE WHEN instr(type, '(') > 0 THEN substr(type, 1, instr(type, '(') - 1) ELSE type END AS base, \
            CASE WHEN instr(type, '(') > 0 THEN substr(type, instr(type, '(') + 1, length(type) - instr(type, '(') - 1) END AS args \
            FROM (\(fromCatalog) UNION ALL \(all))
            """
        let columns = Translator.columnsViewColumns
        return (columns, TypedSQL(Translator.select(columns, from: "(\(parsed)) c"),
                                  [visible.json, database.name.databaseValue] + fromSwift.arguments, type: .boolean))
    }

    // MARK: - SCHEMATA

    /// https://docs.snowflake.com/en/sql-reference/info-schema/schemata
    private static let schemataViewColumns: [InformationSchemaColumn] = [
            .init("CATALOG_NAME", .string, "s.database_name"),
            .init("SCHEMA_NAME", .string, "s.name"),
            .init("SCHEMA_OWNER", .string, "NULLIF(s.owner, '')"),
            .init("IS_TRANSIENT", .string, yesNo("s.is_transient")),
            .init("IS_MANAGED_ACCESS", .string, yesNo("s.is_managed_access")),
            .init("RETENTION_TIME", .integer, "d.retention_time"),
            .init("DEFAULT_CHARACTER_SET_CATALOG", .string, "NULL"),
            .init("DEFAULT_CHARACTER_SET_SCHEMA", .string, "NULL"),
            .init("DEFAULT_CHARACTER_SET_NAME", .string, "NULL"),
            .init("SQL_PATH", .string, "NULL"),
            .init("CREATED", .timestampLTZ, "s.created_on"),
            .init("LAST_ALTERED", .timestampLTZ, "s.created_on"),
            .init("COMMENT", .string, "s.comment"),
    ]

    /// The schemas the role may see: some privilege on the schema or on something inside it
    /// (Authorization.canSee), and INFORMATION_SCHEMA itself.
    private func schemataView(_ database: DatabaseRecord) throws -> (columns: [InformationSchemaColumn], sql: TypedSQL) {
        let access = try access
        let names = try catalog.schemas(in: database.name).filter { try access.canSee($0) }.map(\.name)
        let json = String(decoding: try JSONSerialization.data(withJSONObject: names), as: UTF8.self)
        let columns = Translator.schemataViewColumns
        let sql = Translator.select(columns, from: Catalog.informationSchemaSchemataSource)
        return (columns, TypedSQL(sql, [json.databaseValue, database.name.databaseValue], type: .boolean))
    }

    // MARK: - VIEWS

    /// https://docs.snowflake.com/en/sql-reference/info-schema/views — VIEW_DEFINITION is the
    /// CREATE statement as written, as SHOW VIEWS' `text` column, and only for the view's owner
    /// role (`vis`' third value); other roles that may see the view get NULL.
    private static let viewsViewColumns: [InformationSchemaColumn] = [
            .init("TABLE_CATALOG", .string, "o.database_name"),
            .init("TABLE_SCHEMA", .string, "o.schema_name"),
            .init("TABLE_NAME", .string, "o.name"),
            .init("TABLE_OWNER", .string, "NULLIF(o.owner, '')"),
            .init("VIEW_DEFINITION", .string, "CASE WHEN vis.value ->> '$[2]' = 1 THEN json_extract(o.properties, '$.text') END"),
            .init("CHECK_OPTION", .string, "'NONE'"),
            .init("IS_UPDATABLE", .string, "'NO'"),
            .init("INSERTABLE_INTO", .string, "'NO'"),
            .init("IS_SECURE", .string, yesNo("json_extract(o.properties, '$.secure') = 'true'")),
            .init("CREATED", .timestampLTZ, "o.created_on"),
            .init("LAST_ALTERED", .timestampLTZ, "o.created_on"),
            .init("LAST_DDL", .timestampLTZ, "o.created_on"),
            .init("LAST_DDL_BY", .string, "NULL"),
            .init("COMMENT", .string, "o.comment"),
    ]

    private func viewsView(_ database: DatabaseRecord) throws -> (columns: [InformationSchemaColumn], sql: TypedSQL) {
        let columns = Translator.viewsViewColumns
        let own = Translator.informationSchemaViews.map { view -> [Any?] in
            columns.map { column -> Any? in
                switch column.name {
                case "TABLE_CATALOG": return database.name
                case "TABLE_SCHEMA": return "INFORMATION_SCHEMA"
                case "TABLE_NAME": return view
                case "CHECK_OPTION": return "NONE"
                case "IS_UPDATABLE", "INSERTABLE_INTO", "IS_SECURE": return "NO"
                case "CREATED", "LAST_ALTERED", "LAST_DDL": return database.createdOn
                default: return nil
                }
            }
        }
        let ownRows = try Translator.staticRows(own, width: columns.count)
        let visible = try visibleObjects(database, kinds: [.view])
        let sql = Translator.select(columns, from: Catalog.informationSchemaViewsSource)
        return (columns, TypedSQL(sql + " UNION ALL " + ownRows.sql, [visible.json, database.name.databaseValue] + ownRows.arguments,
                                  type: .boolean))
    }
}
