// TaskRunQueue: task runs as rows of sl_task_run (TASK_HISTORY), and every change of a run's state,
// each inside the caller's write transaction (spec §8). A run is queued as a SCHEDULED row — by the
// task's schedule, by EXECUTE TASK, by its predecessors in a graph run, or as a retry — and a
// scheduler claims it by turning it EXECUTING in an IMMEDIATE transaction, so two schedulers on one
// account file never run the same run twice. Claiming a scheduled run also queues the task's next
// one, on the schedule's grid after the claiming time: a scheduler that was down runs one catch-up
// run per task, never a burst. A due scheduled run whose task (or graph) is still running is SKIPPED
// unless ALLOW_OVERLAPPING_EXECUTION; an EXECUTE TASK run waits for it instead. Finishing a run queues
// the children whose predecessors have all succeeded in the graph run, retries a failed run
// (TASK_AUTO_RETRY_ATTEMPTS), and suspends the root after SUSPEND_TASK_AFTER_NUM_FAILURES failed
// graph runs in a row (that run's state is FAILED_AND_AUTO_SUSPENDED).
//
// Choices [?]: a graph run's group id is the root run's RUN_ID; a child runs only when every
// predecessor SUCCEEDED (a predecessor skipped by its WHEN stops the branch); an EXECUTING run older
// than its USER_TASK_TIMEOUT_MS is taken as abandoned (its scheduler died) and marked CANCELLED.
// https://docs.snowflake.com/en/user-guide/tasks-intro, …/user-guide/tasks-graphs, …/sql/create-task

import Foundation
import GRDB

/// Why a run was queued (sl_task_run.origin).
enum TaskRunOrigin: String {
    case schedule = "SCHEDULE", executeTask = "EXECUTE_TASK", predecessor = "PREDECESSOR", retry = "RETRY"
}

/// A run a scheduler claimed: EXECUTING, and that scheduler's to finish.
struct ClaimedTaskRun {
    var runID: Int64
    var task: ObjectRecord
    var scheduledTime: Date
    var scheduledFrom: String
    var group: String
    var rootTaskID: String?
    var attempt: Int
}

/// What claiming found: a run to execute, or a due scheduled run skipped for overlapping.
enum TaskRunClaim {
    case execute(ClaimedTaskRun)
    case skipped(TaskRun)
}

struct TaskRunQueue {
    let executor: Executor
    var db: Database { executor.db }
    var catalog: Catalog { executor.catalog }

    /// USER_TASK_TIMEOUT_MS and SUSPEND_TASK_AFTER_NUM_FAILURES when the task sets none [D].
    static let defaultTimeoutMilliseconds = 3_600_000
    static let defaultSuspendAfterFailures = 10
    static let failedStates: Set<String> = ["FAILED", "FAILED_AND_AUTO_SUSPENDED"]

    // MARK: - Queueing

    /// Adds a SCHEDULED run of `task`; a run that starts a graph run (no `group`) heads its own group.
    @discardableResult
    func enqueue(_ task: ObjectRecord, at time: Date, scheduledFrom: String, origin: TaskRunOrigin,
                 group: String? = nil, rootTaskID: String? = nil, attempt: Int = 1) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO sl_task_run (database_name, schema_name, name, query_text, condition_text, state, scheduled_time,
                                     scheduled_from, origin, graph_run_group_id, root_task_id, attempt_number)
            VALUES (?, ?, ?, ?, ?, 'SCHEDULED', ?, ?, ?, ?, ?, ?)
            """, arguments: [task.database, task.schema, task.name, task.definition ?? "", task.properties["condition"],
                             Timestamps.catalog(time), scheduledFrom, origin.rawValue, group,
                             rootTaskID ?? task.properties["id"], attempt])
        let runID = db.lastInsertedRowID
        if group == nil {
            try db.execute(sql: "UPDATE sl_task_run SET graph_run_group_id = ? WHERE run_id = ?", arguments: [String(runID), runID])
        }
        return runID
    }

    /// Withdraws a task's queued runs: its scheduled ones always, the others (EXECUTE TASK, graph,
    /// retry) only when `everything` (the task is dropped or replaced), as CANCELLED.
    func withdraw(_ task: ObjectRecord, everything: Bool, at time: Date) throws {
        let key: StatementArguments = [task.database, task.schema, task.name]
        try db.execute(sql: """
            DELETE FROM sl_task_run WHERE database_name = ? AND schema_name = ? AND name = ? AND state = 'SCHEDULED'
              AND origin = 'SCHEDULE'
            """, arguments: key)
        guard everything else { return }
        try db.execute(sql: """
            UPDATE sl_task_run SET state = 'CANCELLED', completed_time = ?
            WHERE database_name = ? AND schema_name = ? AND name = ? AND state = 'SCHEDULED'
            """, arguments: [Timestamps.catalog(time)] + key)
    }

    // MARK: - Claiming

    /// Claims the earliest due run (scheduled at or before `now`) that may start; `queuedOnly` leaves
    /// the schedule's own runs to the scheduler. `waiting` collects due runs that must wait for a
    /// run in progress, so one call does not look at them twice. nil: nothing to do.
    func claimNext(now: Date, queuedOnly: Bool, claimer: String, waiting: inout Set<Int64>) throws -> TaskRunClaim? {
        try cancelAbandonedRuns(now: now)
        var sql = "SELECT * FROM sl_task_run WHERE state = 'SCHEDULED' AND substr(scheduled_time, 1, 23) <= ?"
        if queuedOnly { sql += " AND origin <> 'SCHEDULE'" }
        sql += " ORDER BY substr(scheduled_time, 1, 23), run_id"
        for row in try Row.fetchAll(db, sql: sql, arguments: [Timestamps.ntz(now)]) {
            let runID: Int64 = row["run_id"]
            if waiting.contains(runID) { continue }
            let origin = TaskRunOrigin(rawValue: row["origin"]) ?? .schedule
            guard let task = try catalog.object(database: row["database_name"], schema: row["schema_name"], name: row["name"],
                                                kinds: [.task]),
                  task.properties["state"] == "started" || origin == .executeTask || origin == .retry else {
                // Dropped, or suspended since it was queued: the run is withdrawn.
                try db.execute(sql: "DELETE FROM sl_task_run WHERE run_id = ?", arguments: [runID])
                continue
            }
            let scheduledTime = Session.date(ntz: row["scheduled_time"]) ?? now
            let claim = ClaimedTaskRun(runID: runID, task: task, scheduledTime: scheduledTime, scheduledFrom: row["scheduled_from"],
                                       group: row["graph_run_group_id"] ?? String(runID), rootTaskID: row["root_task_id"],
                                       attempt: row["attempt_number"])
            let startsGraphRun = origin == .schedule || origin == .executeTask
            if startsGraphRun, task.properties["allow_overlapping_execution"] != "true", try isRunning(task, outside: claim.group) {
                // EXECUTE TASK queues after the run in progress; a scheduled run is skipped.
                guard origin == .schedule else {
                    waiting.insert(runID)
                    continue
                }
                try db.execute(sql: "UPDATE sl_task_run SET state = 'SKIPPED', completed_time = ? WHERE run_id = ?",
                               arguments: [Timestamps.catalog(now), runID])
                try scheduleNext(task, after: scheduledTime, now: now, fromRun: runID)
                return .skipped(TaskRun(runID: runID, task: task.qualifiedName, state: "SKIPPED", scheduledTime: scheduledTime,
                                        errorCode: nil, errorMessage: nil, scheduledFrom: claim.scheduledFrom))
            }
            let queryID = Session.queryID(counter: UInt64(runID), sessionID: UInt64(executor.session.sessionID))
            try db.execute(sql: """
                UPDATE sl_task_run SET state = 'EXECUTING', claimed_by = ?, query_start_time = ?, query_id = ?
                WHERE run_id = ? AND state = 'SCHEDULED'
                """, arguments: [claimer, Timestamps.catalog(now), queryID, runID])
            guard db.changesCount == 1 else { continue }
            if origin == .schedule { try scheduleNext(task, after: scheduledTime, now: now, fromRun: runID) }
            return .execute(claim)
        }
        return nil
    }

    /// Whether `task` is executing, or its graph is still running, in a graph run other than `group`.
    func isRunning(_ task: ObjectRecord, outside group: String) throws -> Bool {
        try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM sl_task_run WHERE graph_run_group_id IS NOT ? AND (
                (database_name = ? AND schema_name = ? AND name = ? AND state = 'EXECUTING')
                OR (root_task_id = ? AND (state = 'EXECUTING' OR (state = 'SCHEDULED' AND origin IN ('PREDECESSOR', 'RETRY'))))))
            """, arguments: [group, task.database, task.schema, task.name, task.properties["id"]]) ?? false
    }

    /// Queues a started task's next scheduled run after `previous`, later than `now`, and notes it
    /// on the run `fromRun` (TASK_HISTORY's NEXT_SCHEDULED_TIME).
    func scheduleNext(_ task: ObjectRecord, after previous: Date, now: Date, fromRun runID: Int64) throws {
        var task = task
        task.properties["next_scheduled_time"] = nil
        try catalog.updateObject(task)
        try executor.scheduleNextRun(of: &task, after: previous, now: now)
        let next = task.properties["next_scheduled_time"].flatMap(Session.date(ntz:)).map(Timestamps.catalog)
        try db.execute(sql: "UPDATE sl_task_run SET next_scheduled_time = ? WHERE run_id = ?", arguments: [next, runID])
    }

    /// EXECUTING runs older than their task's timeout: whoever ran them is gone.
    func cancelAbandonedRuns(now: Date) throws {
        let rows = try Row.fetchAll(db, sql: """
            SELECT run_id, database_name, schema_name, name, query_start_time FROM sl_task_run
            WHERE state = 'EXECUTING' AND query_start_time IS NOT NULL
            """)
        for row in rows {
            guard let started = Session.date(ntz: row["query_start_time"]) else { continue }
            let task = try catalog.object(database: row["database_name"], schema: row["schema_name"], name: row["name"],
                                          kinds: [.task])
            let timeout = task?.properties["user_task_timeout_ms"].flatMap(Int.init) ?? TaskRunQueue.defaultTimeoutMilliseconds
            guard started.addingTimeInterval(Double(timeout) / 1000) < now else { continue }
            try db.execute(sql: """
                UPDATE sl_task_run SET state = 'CANCELLED', completed_time = ?, error_code = ?, error_message = ? WHERE run_id = ?
                """, arguments: [Timestamps.catalog(now), SnowflakeError.executionCanceled.code,
                                 SnowflakeError.executionCanceled.message, row["run_id"] as Int64])
        }
    }

    /// Marks the runs `claimer` is executing CANCELLED (a scheduler that must stop before they end).
    static func cancelRuns(claimedBy claimer: String, at time: Date, in db: Database) throws {
        try db.execute(sql: """
            UPDATE sl_task_run SET state = 'CANCELLED', completed_time = ?, error_code = ?, error_message = ?
            WHERE state = 'EXECUTING' AND claimed_by = ?
            """, arguments: [Timestamps.catalog(time), SnowflakeError.executionCanceled.code,
                             SnowflakeError.executionCanceled.message, claimer])
    }

    // MARK: - Finishing

    /// Records how a claimed run ended and what follows from it; returns the state recorded
    /// (FAILED_AND_AUTO_SUSPENDED when this failure suspended the root). A run someone else
    /// cancelled meanwhile keeps that state.
    func complete(_ claim: ClaimedTaskRun, state: String, error: SnowflakeError?, returnValue: String?, at time: Date) throws -> String {
        try db.execute(sql: """
            UPDATE sl_task_run SET state = ?, error_code = ?, error_message = ?, completed_time = ?, return_value = ?,
                query_id = CASE WHEN ? = 'SKIPPED' THEN NULL ELSE query_id END
            WHERE run_id = ? AND state = 'EXECUTING'
            """, arguments: [state, error?.code, error?.message, Timestamps.catalog(time), returnValue, state, claim.runID])
        guard db.changesCount == 1 else {
            return try String.fetchOne(db, sql: "SELECT state FROM sl_task_run WHERE run_id = ?", arguments: [claim.runID]) ?? state
        }
        switch state {
        case "SUCCEEDED":
            try enqueueSuccessors(of: claim, at: time)
        case "FAILED":
            if try retry(claim, at: time) { return state }
            if try suspendRootAfterFailures(claim, at: time) {
                try db.execute(sql: "UPDATE sl_task_run SET state = 'FAILED_AND_AUTO_SUSPENDED' WHERE run_id = ?",
                               arguments: [claim.runID])
                return "FAILED_AND_AUTO_SUSPENDED"
            }
        default:
            break
        }
        return state
    }

    /// The root task of a graph run: the task of the run that heads the group.
    func rootTask(of group: String) throws -> ObjectRecord? {
        guard let runID = Int64(group),
              let row = try Row.fetchOne(db, sql: "SELECT database_name, schema_name, name FROM sl_task_run WHERE run_id = ?",
                                         arguments: [runID]) else { return nil }
        return try catalog.object(database: row["database_name"], schema: row["schema_name"], name: row["name"],
                                  kinds: [.task])
    }

    /// Queues the children of the task that just succeeded whose predecessors have all succeeded
    /// in this graph run; suspended children do not run.
    func enqueueSuccessors(of claim: ClaimedTaskRun, at time: Date) throws {
        let name = claim.task.qualifiedName
        let tasks = try Row.fetchAll(db, sql: "SELECT * FROM sl_object WHERE kind = ? ORDER BY database_name, schema_name, name",
                                     arguments: [CatalogKind.task.rawValue]).map(Catalog.objectRecord)
        for child in tasks where child.properties["state"] == "started" {
            let predecessors = Catalog.decodeList(child.properties["predecessors"]) ?? []
            guard predecessors.contains(name), try latestState(of: child.qualifiedName, in: claim.group) == nil else { continue }
            var ready = true
            for predecessor in predecessors {
                if try latestState(of: predecessor, in: claim.group) != "SUCCEEDED" { ready = false }
            }
            guard ready else { continue }
            try enqueue(child, at: time, scheduledFrom: claim.scheduledFrom, origin: .predecessor, group: claim.group,
                        rootTaskID: claim.rootTaskID)
        }
    }

    /// The state of the latest run of the task `DB.SCHEMA.NAME` in a graph run; nil when it has none.
    func latestState(of qualifiedName: String, in group: String) throws -> String? {
        try String.fetchOne(db, sql: """
            SELECT state FROM sl_task_run
            WHERE graph_run_group_id = ? AND database_name || '.' || schema_name || '.' || name = ?
            ORDER BY run_id DESC LIMIT 1
            """, arguments: [group, qualifiedName])
    }

    /// The return value the latest run of a predecessor set in this graph run.
    func returnValue(of qualifiedName: String, in group: String) throws -> String? {
        try String.fetchOne(db, sql: """
            SELECT return_value FROM sl_task_run
            WHERE graph_run_group_id = ? AND database_name || '.' || schema_name || '.' || name = ?
            ORDER BY run_id DESC LIMIT 1
            """, arguments: [group, qualifiedName])
    }

    /// TASK_AUTO_RETRY_ATTEMPTS (set on the root): queues the failed task again in the same graph
    /// run while attempts remain.
    func retry(_ claim: ClaimedTaskRun, at time: Date) throws -> Bool {
        guard let root = try rootTask(of: claim.group),
              let attempts = root.properties["task_auto_retry_attempts"].flatMap(Int.init), claim.attempt <= attempts else {
            return false
        }
        try enqueue(claim.task, at: time, scheduledFrom: claim.scheduledFrom, origin: .retry, group: claim.group,
                    rootTaskID: claim.rootTaskID, attempt: claim.attempt + 1)
        return true
    }

    /// SUSPEND_TASK_AFTER_NUM_FAILURES (on the root, default 10, 0 = never): when the root's last N
    /// graph runs all failed, the root is suspended and its scheduled run withdrawn.
    func suspendRootAfterFailures(_ claim: ClaimedTaskRun, at time: Date) throws -> Bool {
        guard var root = try rootTask(of: claim.group), root.properties["state"] == "started" else { return false }
        let limit = root.properties["suspend_task_after_num_failures"].flatMap(Int.init) ?? TaskRunQueue.defaultSuspendAfterFailures
        guard limit > 0 else { return false }
        let groups = try String.fetchAll(db, sql: """
            SELECT graph_run_group_id FROM sl_task_run
            WHERE database_name = ? AND schema_name = ? AND name = ? AND origin IN ('SCHEDULE', 'EXECUTE_TASK')
              AND state NOT IN ('SCHEDULED', 'SKIPPED', 'CANCELLED') AND graph_run_group_id IS NOT NULL
            ORDER BY run_id DESC LIMIT ?
            """, arguments: [root.database, root.schema, root.name, limit])
        guard groups.count == limit else { return false }
        for group in groups {
            if try !graphRunFailed(group) { return false }
        }
        root.properties["state"] = "suspended"
        root.properties["last_suspended_on"] = Timestamps.catalog(time)
        root.properties["last_suspended_reason"] = "SUSPENDED_DUE_TO_ERRORS"
        root.properties["next_scheduled_time"] = nil
        try catalog.updateObject(root)
        try withdraw(root, everything: false, at: time)
        return true
    }

    /// A graph run failed when the latest run of some task in it failed.
    func graphRunFailed(_ group: String) throws -> Bool {
        let rows = try Row.fetchAll(db, sql: """
            SELECT database_name || '.' || schema_name || '.' || name AS task, state FROM sl_task_run
            WHERE graph_run_group_id = ? ORDER BY run_id
            """, arguments: [group])
        var latest: [String: String] = [:]
        for row in rows { latest[row["task"]] = row["state"] }
        return latest.values.contains { TaskRunQueue.failedStates.contains($0) }
    }
}
