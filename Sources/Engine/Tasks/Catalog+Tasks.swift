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
    /// The task's id (SHOW TASKS' `id`, TASK_HISTORY's ROOT_TASK_ID).
    var taskID: String? { properties["id"] }

    /// Whether the task is resumed (`state` is `started`; a new task is `suspended`).
    var isStarted: Bool { properties["state"] == "started" }

    mutating func markStarted() { properties["state"] = "started" }

    /// Suspends the task at `time` (stored text) for `reason` (USER_SUSPENDED,
    /// SUSPENDED_DUE_TO_ERRORS); it has no next run any more.
    mutating func markSuspended(at time: String, reason: String) {
        properties["state"] = "suspended"
        properties["last_suspended_on"] = time
        properties["last_suspended_reason"] = reason
        properties["next_scheduled_time"] = nil
    }

    /// The warehouse a run uses.
    var warehouse: String? {
        get { properties["warehouse"] }
        set { properties["warehouse"] = newValue }
    }

    /// The SCHEDULE text (`5 MINUTE`, `USING CRON …`); a graph's children have none.
    var schedule: String? { properties["schedule"] }

    /// The WHEN expression's text.
    var condition: String? {
        get { properties["condition"] }
        set { properties["condition"] = newValue }
    }

    /// When the started task runs next (`YYYY-MM-DD HH:MM:SS.fff`, UTC).
    var nextScheduledTime: String? {
        get { properties["next_scheduled_time"] }
        set { properties["next_scheduled_time"] = newValue }
    }

    /// Whether the task runs after others (AFTER): a child of a graph, not a root.
    var hasPredecessors: Bool { properties["predecessors"] != nil }

    /// The tasks it runs after, as `DB.SCHEMA.NAME`; none for a root.
    func predecessors() throws -> [String] {
        try Catalog.decodeList(properties["predecessors"]) ?? []
    }

    /// Records the tasks it runs after; nil makes it a root.
    mutating func setPredecessors(_ names: [String]?) {
        properties["predecessors"] = names.map(Catalog.encodeList)
    }

    /// ALLOW_OVERLAPPING_EXECUTION.
    var allowsOverlappingExecution: Bool { properties["allow_overlapping_execution"] == "true" }

    /// TASK_AUTO_RETRY_ATTEMPTS (on a root), when set.
    var taskAutoRetryAttempts: Int? { properties["task_auto_retry_attempts"].flatMap(Int.init) }

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
            SELECT \(Catalog.objectColumns) FROM sl_object WHERE kind = ? AND database_name || '.' || schema_name || '.' || name = ?
            """, arguments: [CatalogKind.task.rawValue, name]).map(Catalog.objectRecord)
    }

    /// Every task of the account, by database, schema and name.
    func allTasks() throws -> [ObjectRecord] {
        try Row.fetchAll(db, sql: "SELECT \(Catalog.objectColumns) FROM sl_object WHERE kind = ? ORDER BY database_name, schema_name, name",
                         arguments: [CatalogKind.task.rawValue]).map(Catalog.objectRecord)
    }

    /// Replaces an object's definition (a task's body: ALTER TASK … MODIFY AS).
    func updateDefinition(of record: ObjectRecord, to text: String) throws {
        try db.execute(sql: "UPDATE sl_object SET definition = ? WHERE database_name = ? AND schema_name = ? AND name = ? AND kind = ?",
                       arguments: [text, record.database, record.schema, record.name, record.kind.rawValue])
    }
}
