// Translator+TaskHistory: `TABLE([db.]INFORMATION_SCHEMA.TASK_HISTORY(…))` in FROM (spec §8): the
// runs of sl_task_run — finished ones and each started task's next SCHEDULED run — newest
// SCHEDULED_TIME first, for the tasks of one database the role can see. The rows are read when the
// query is translated and handed to SQLite as JSON, as RESULT_SCAN does. Arguments (named):
// TASK_NAME, DATABASE_NAME, SCHEMA_NAME, RESULT_LIMIT (default 100, at most 10000),
// SCHEDULED_TIME_RANGE_START / _END, ERROR_ONLY; ROOT_TASK_ID is accepted and ignored.
// An unqualified TASK_HISTORY needs INFORMATION_SCHEMA as the current schema, as in Snowflake.
// https://docs.snowflake.com/en/sql-reference/functions/task_history

import Foundation
import GRDB
import SnowSQL

extension Translator {
    /// The columns, in Snowflake's order, with their types.
    static let taskHistoryColumns: [(String, SnowflakeType)] = [
        ("QUERY_ID", .string), ("NAME", .string), ("DATABASE_NAME", .string), ("SCHEMA_NAME", .string),
        ("QUERY_TEXT", .string), ("CONDITION_TEXT", .string), ("STATE", .string), ("ERROR_CODE", .string),
        ("ERROR_MESSAGE", .string), ("SCHEDULED_TIME", .timestampLTZ), ("QUERY_START_TIME", .timestampLTZ),
        ("NEXT_SCHEDULED_TIME", .timestampLTZ), ("COMPLETED_TIME", .timestampLTZ), ("ROOT_TASK_ID", .string),
        ("GRAPH_VERSION", .integer), ("RUN_ID", .integer), ("RETURN_VALUE", .string), ("SCHEDULED_FROM", .string),
        ("ATTEMPT_NUMBER", .integer), ("CONFIG", .string), ("QUERY_HASH", .string), ("QUERY_HASH_VERSION", .integer),
        ("QUERY_PARAMETERIZED_HASH", .string), ("QUERY_PARAMETERIZED_HASH_VERSION", .integer),
        ("GRAPH_RUN_GROUP_ID", .string), ("BACKFILL_INFO", .variant), ("SPCS_JOB_ID", .string),
    ]

    func taskHistory(_ call: FunctionCall, alias: TableAlias?, _ scope: Scope) throws -> TypedSQL {
        let qualifier = call.name.dropLast().map(\.name)
        guard qualifier.last == "INFORMATION_SCHEMA" || (qualifier.isEmpty && session.currentSchema == "INFORMATION_SCHEMA") else {
            throw SnowflakeError.unknownFunction(call.name.map(\.sql).joined(separator: "."))
        }
        guard let database = qualifier.count == 2 ? qualifier[0] : session.currentDatabase else {
            throw SnowflakeError.objectDoesNotExistOrCannotBePerformed
        }
        var arguments: [String: DatabaseValue] = [:]
        let known: Set<String> = ["TASK_NAME", "DATABASE_NAME", "SCHEMA_NAME", "RESULT_LIMIT", "SCHEDULED_TIME_RANGE_START",
                                  "SCHEDULED_TIME_RANGE_END", "ERROR_ONLY", "ROOT_TASK_ID"]
        for argument in call.arguments {
            guard let name = argument.name, known.contains(name) else {
                throw SnowflakeError.invalidArgumentCount(function: "TASK_HISTORY", given: call.arguments.count)
            }
            arguments[name] = try constant(argument.value)
        }
        let text = { (name: String) -> String? in String.fromDatabaseValue(arguments[name] ?? .null) }
        var sql = "SELECT * FROM sl_task_run WHERE database_name = ?"
        var bound: [DatabaseValueConvertible] = [database]
        if let taskName = text("TASK_NAME") {
            sql += " AND name = ?"
            bound.append(Session.normalizeName(taskName))
        }
        if let schema = text("SCHEMA_NAME") {
            sql += " AND schema_name = ?"
            bound.append(Session.normalizeName(schema))
        }
        if let start = text("SCHEDULED_TIME_RANGE_START") {
            sql += " AND substr(scheduled_time, 1, 23) >= ?"
            bound.append(String(start.prefix(23)))
        }
        if let end = text("SCHEDULED_TIME_RANGE_END") {
            sql += " AND substr(scheduled_time, 1, 23) < ?"
            bound.append(String(end.prefix(23)))
        }
        if let errorOnly = arguments["ERROR_ONLY"], Bool.fromDatabaseValue(errorOnly) == true {
            sql += " AND state IN ('FAILED', 'FAILED_AND_AUTO_SUSPENDED')"
        }
        if let other = text("DATABASE_NAME"), Session.normalizeName(other) != database { sql += " AND 0" }
        let limit = min(max(Int.fromDatabaseValue(arguments["RESULT_LIMIT"] ?? .null) ?? 100, 1), 10_000)
        sql += " ORDER BY substr(scheduled_time, 1, 23) DESC, run_id DESC"

        let access = try access
        var taskIDs: [String: String?] = [:]  // visible tasks by DB.SCHEMA.NAME; nil value: not visible
        var rows: [[Any]] = []
        for row in try Row.fetchAll(catalog.db, sql: sql, arguments: StatementArguments(bound)) {
            guard rows.count < limit else { break }
            let schema: String = row["schema_name"], name: String = row["name"]
            let key = "\(database).\(schema).\(name)"
            if taskIDs[key] == nil {
                let task = try catalog.object(database: database, schema: schema, name: name, kinds: [.task])
                let reachable = task.map { (try? access.requireReach(database: $0.database, schema: $0.schema,
                                                                      missing: .objectDoesNotExistOrCannotBePerformed)) != nil } ?? false
                taskIDs[key] = .some(task.flatMap { reachable && access.canSee($0) ? ($0.properties["id"] ?? "") : nil })
            }
            guard let id = taskIDs[key] ?? nil else { continue }
            func cell(_ column: String) -> Any { (row[column] as String?) ?? NSNull() }
            rows.append([cell("query_id"), name, database, schema, cell("query_text"), cell("condition_text"), cell("state"),
                         cell("error_code"), cell("error_message"), cell("scheduled_time"), cell("query_start_time"),
                         cell("next_scheduled_time"), cell("completed_time"), (row["root_task_id"] as String?) ?? id,
                         NSNumber(value: 1), NSNumber(value: row["run_id"] as Int64), cell("return_value"),
                         cell("scheduled_from"), NSNumber(value: row["attempt_number"] as Int64), NSNull(), NSNull(), NSNull(),
                         NSNull(), NSNull(), cell("graph_run_group_id"), NSNull(), NSNull()])
        }
        let json = String(decoding: try JSONSerialization.data(withJSONObject: rows), as: UTF8.self)
        let list = Translator.taskHistoryColumns.indices.map { "value ->> '$[\($0)]' AS \(quote("c\($0 + 1)"))" }
            .joined(separator: ", ")
        let sqlAlias = nextAlias()
        let columns = Translator.taskHistoryColumns.enumerated().map { i, column in
            RelationColumn(name: alias.flatMap { i < $0.columns.count ? $0.columns[i].name : nil } ?? column.0,
                           type: column.1, sqlName: "c\(i + 1)")
        }
        scope.relations.append(Relation(name: alias?.name.name ?? "TASK_HISTORY", qualifiedParts: [], sqlAlias: sqlAlias,
                                        columns: columns))
        return TypedSQL("(SELECT \(list) FROM json_each(?)) AS \(sqlAlias)", [json.databaseValue], type: .boolean)
    }
}
