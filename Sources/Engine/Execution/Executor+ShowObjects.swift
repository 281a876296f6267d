// Executor+ShowObjects: SHOW [TERSE] OBJECTS (the tables and views the role can see, together) and
// SHOW STREAMLITS, with LIKE, IN (ACCOUNT, DATABASE, SCHEMA, APPLICATION) and STARTS WITH applied as
// for every SHOW. Column lists follow Snowflake's output as documented [?: the order of the columns
// past `owner` is taken from Snowflake's output as we know it, not from a documented table].
// https://docs.snowflake.com/en/sql-reference/sql/show-objects
// https://docs.snowflake.com/en/sql-reference/sql/show-streamlits

import GRDB
import SnowSQL

extension Executor {
    /// SHOW OBJECTS: one row per visible table or view — `kind` TABLE or VIEW, a table's row count
    /// and bytes as SHOW TABLES has them. TERSE keeps created_on, name, kind, database_name, schema_name.
    func showTablesAndViews(_ scope: ShowFilter.Scope?, terse: Bool) throws -> ResultSet {
        var rows: [[Value]] = []
        let access = try access
        for (database, schema) in try schemasInScope(scope) {
            for object in try catalog.objects(database: database, schema: schema, kinds: [.table, .view]) where access.canSee(object) {
                let isTable = object.kind == .table
                let count: Int64? =
                    isTable
                    ? try Int64.fetchOne(db, sql: "SELECT count(*) FROM \(quote(object.storageName ?? object.qualifiedName))") ?? 0 : nil
                let kind = isTable ? "TABLE" : "VIEW"
                if terse {
                    rows.append([
                        .timestamp(object.createdOn), .string(object.name), .string(kind), .string(object.database),
                        .string(object.schema),
                    ])
                    continue
                }
                rows.append([
                    .timestamp(object.createdOn), .string(object.name), .string(object.database), .string(object.schema),
                    .string(kind), .string(object.comment ?? ""), .string(""), count.map(Value.integer) ?? .integer(0),
                    count.map { .integer($0 * 1024) } ?? .integer(0), .string(object.owner), .integer(isTable ? 1 : 0),
                    .string("ROLE"), .null, .string("N"), .string("N"),
                ])
            }
        }
        if terse {
            return ResultSet(columns: Executor.columns(["created_on", "name", "kind", "database_name", "schema_name"]), rows: rows)
        }
        return ResultSet(
            columns: Executor.columns([
                "created_on", "name", "database_name", "schema_name", "kind", "comment",
                "cluster_by", "rows", "bytes", "owner", "retention_time", "owner_role_type",
                "budget", "is_hybrid", "is_dynamic",
            ]), rows: rows)
    }

    /// SHOW STREAMLITS: the Streamlit apps the role can see, with their title and warehouse as created (`url_id` is the name: Snowlite serves one page per Streamlit at a path of its own).
    func showStreamlits(_ scope: ShowFilter.Scope?) throws -> ResultSet {
        var rows: [[Value]] = []
        let access = try access
        for (database, schema) in try schemasInScope(scope) {
            for object in try catalog.objects(database: database, schema: schema, kinds: [.streamlit]) where access.canSee(object) {
                let p = object.properties
                rows.append([
                    .timestamp(object.createdOn), .string(object.name), .string(object.database), .string(object.schema),
                    .string(p["title"] ?? ""), .string(object.owner), .string(object.comment ?? ""),
                    .string(p["query_warehouse"] ?? ""), .string(object.name), .string("ROLE"),
                ])
            }
        }
        return ResultSet(
            columns: Executor.columns([
                "created_on", "name", "database_name", "schema_name", "title", "owner", "comment",
                "query_warehouse", "url_id", "owner_role_type",
            ]), rows: rows)
    }
}
