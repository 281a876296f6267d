// Catalog+Tasks: how a task is stored. A task is a schema object of kind TASK whose definition is
// its body text and whose properties hold the rest, as text: `state` (`started` | `suspended`),
// `id`, `warehouse`, `schedule`, `condition` (the WHEN expression), `predecessors` (a JSON array of
// `DB.SCHEMA.NAME`), `next_scheduled_time` while started with a schedule, `last_suspended_on` and
// `_reason`, and the parameters set on it in lower case (`user_task_timeout_ms`,
// `suspend_task_after_num_failures`, `task_auto_retry_attempts`, `allow_overlapping_execution`…).
// The readers below give those their types and defaults; graphs are found by name here, since a
// predecessor is recorded by its qualified name.

import GRDB

extension ObjectRecord {
    /// USER_TASK_TIMEOUT_MS and SUSPEND_TASK_AFTER_NUM_FAILURES when the task sets none [D].
    static let defaultUserTaskTimeoutMilliseconds = 3_600_000
    static let defaultSuspendTaskAfterNumFailures = 10

    /// USER_TASK_TIMEOUT_MS: how long a run may take.
    var userTaskTimeoutMilliseconds: Int {
        properties["user_task_timeout_ms"].flatMap(Int.init) ?? ObjectRecord.defaultUserTaskTimeoutMilliseconds
    }

    /// SUSPEND_TASK_AFTER_NUM_FAILURES (on a root; 0 = never).
    var suspendTaskAfterNumFailures: Int {
        properties["suspend_task_after_num_failures"].flatMap(Int.init) ?? ObjectRecord.defaultSuspendTaskAfterNumFailures
    }
}

extension Catalog {
    /// The task named `DB.SCHEMA.NAME`.
    func task(qualified name: String) throws -> ObjectRecord? {
        try Row.fetchOne(db, sql: """
            SELECT * FROM sl_object WHERE kind = ? AND database_name || '.' || schema_name || '.' || name = ?
            """, arguments: [CatalogKind.task.rawValue, name]).map(Catalog.objectRecord)
    }

    /// Every task of the account, by database, schema and name.
    func allTasks() throws -> [ObjectRecord] {
        try Row.fetchAll(db, sql: "SELECT * FROM sl_object WHERE kind = ? ORDER BY database_name, schema_name, name",
                         arguments: [CatalogKind.task.rawValue]).map(Catalog.objectRecord)
    }

    /// Replaces an object's definition (a task's body: ALTER TASK … MODIFY AS).
    func updateDefinition(of record: ObjectRecord, to text: String) throws {
        try db.execute(sql: "UPDATE sl_object SET definition = ? WHERE database_name = ? AND schema_name = ? AND name = ? AND kind = ?",
                       arguments: [text, record.database, record.schema, record.name, record.kind.rawValue])
    }
}
