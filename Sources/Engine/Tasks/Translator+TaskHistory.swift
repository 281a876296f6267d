// Translator+TaskHistory: `TABLE([db.]INFORMATION_SCHEMA.TASK_HISTORY(…))` in FROM (spec §8): the
// task runs (Catalog+TaskRuns.swift) — finished ones and each started task's next SCHEDULED run — newest
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
        let errorOnly = arguments["ERROR_ONLY"].map { Bool.fromDatabaseValue($0) == true } ?? false
        let otherDatabase = text("DATABASE_NAME").map { Session.normalizeName($0) != database } ?? false
        let runs = try otherDatabase ? [] : catalog.taskRunHistory(
            database: database, schema: text("SCHEMA_NAME").map(Session.normalizeName), name: text("TASK_NAME").map(Session.normalizeName),
            from: text("SCHEDULED_TIME_RANGE_START").map { String($0.prefix(23)) },
            until: text("SCHEDULED_TIME_RANGE_END").map { String($0.prefix(23)) }, errorOnly: errorOnly)
        let limit = min(max(Int.fromDatabaseValue(arguments["RESULT_LIMIT"] ?? .null) ?? 100, 1), 10_000)

        let access = try access
        var taskIDs: [String: String?] = [:]  // visible tasks by DB.SCHEMA.NAME; nil value: not visible
        var rows: [[Any]] = []
        for run in runs {
            guard rows.count < limit else { break }
            let schema = run.schema, name = run.name
            let key = "\(database).\(schema).\(name)"
            if taskIDs[key] == nil {
                let task = try catalog.object(database: database, schema: schema, name: name, kinds: [.task])
                let reachable = task.map { (try? access.requireReach(database: $0.database, schema: $0.schema,
                                                                      missing: .objectDoesNotExistOrCannotBePerformed)) != nil } ?? false
                taskIDs[key] = .some(task.flatMap { reachable && access.canSee($0) ? ($0.taskID ?? "") : nil })
            }
            guard let id = taskIDs[key] ?? nil else { continue }
            func cell(_ text: String?) -> Any { text ?? NSNull() }
            rows.append([cell(run.queryID), name, database, schema, cell(run.queryText), cell(run.conditionText), cell(run.state),
                         cell(run.errorCode), cell(run.errorMessage), cell(run.scheduledTime), cell(run.queryStartTime),
                         cell(run.nextScheduledTime), cell(run.completedTime), run.rootTaskID ?? id,
                         NSNumber(value: 1), NSNumber(value: run.runID), cell(run.returnValue),
                         cell(run.scheduledFrom), NSNumber(value: run.attemptNumber), NSNull(), NSNull(), NSNull(),
                         NSNull(), NSNull(), cell(run.graphRunGroupID), NSNull(), NSNull()])
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
