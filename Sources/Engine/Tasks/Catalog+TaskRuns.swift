// Catalog+TaskRuns: the task run queue, as rows of sl_task_run (TASK_HISTORY), and every change of
// a run's state, each inside the caller's write transaction (spec §8). A run is queued as a SCHEDULED row — by the
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
// than its USER_TASK_TIMEOUT_MS is taken as abandoned (its scheduler died) and marked CANCELLED —
// unless its claimant was recorded, and then it is freed as soon as that process has ended
// (below: Who claimed a run).
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

/// One run as TASK_HISTORY shows it (a row of sl_task_run).
struct TaskRunRecord {
    var runID: Int64
    var database: String
    var schema: String
    var name: String
    var queryID: String?
    var queryText: String?
    var conditionText: String?
    var state: String?
    var errorCode: String?
    var errorMessage: String?
    var scheduledTime: String?
    var queryStartTime: String?
    var nextScheduledTime: String?
    var completedTime: String?
    var returnValue: String?
    var scheduledFrom: String?
    var attemptNumber: Int64
    var graphRunGroupID: String?
    var rootTaskID: String?
}

extension Catalog {
    /// The states of a run that failed.
    private static let failedTaskRunStates: Set<String> = ["FAILED", "FAILED_AND_AUTO_SUSPENDED"]

    // MARK: - Queueing

    /// Adds a SCHEDULED run of `task`; a run that starts a graph run (no `group`) heads its own group.
    @discardableResult
    func enqueueTaskRun(_ task: ObjectRecord, at time: Date, scheduledFrom: String, origin: TaskRunOrigin,
                 group: String? = nil, rootTaskID: String? = nil, attempt: Int = 1) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO sl_task_run (database_name, schema_name, name, query_text, condition_text, state, scheduled_time,
                                     scheduled_from, origin, graph_run_group_id, root_task_id, attempt_number)
            VALUES (?, ?, ?, ?, ?, 'SCHEDULED', ?, ?, ?, ?, ?, ?)
            """, arguments: [task.database, task.schema, task.name, task.definition ?? "", task.condition,
                             Timestamps.catalog(time), scheduledFrom, origin.rawValue, group,
                             rootTaskID ?? task.taskID, attempt])
        let runID = db.lastInsertedRowID
        if group == nil {
            try db.execute(sql: "UPDATE sl_task_run SET graph_run_group_id = ? WHERE run_id = ?", arguments: [String(runID), runID])
        }
        return runID
    }

    /// Withdraws a task's queued runs: its scheduled ones always, the others (EXECUTE TASK, graph,
    /// retry) only when `everything` (the task is dropped or replaced), as CANCELLED.
    func withdrawTaskRuns(of task: ObjectRecord, everything: Bool, at time: Date) throws {
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

    /// Sets a started task's next run from its schedule (none without one) and records it as a
    /// SCHEDULED run: the next run time lives in the account file, so a restarted scheduler finds it.
    func scheduleNextTaskRun(of task: inout ObjectRecord, after previous: Date, now: Date? = nil) throws {
        guard let text = task.schedule, let schedule = try? TaskSchedule.parse(text),
              let next = schedule.next(after: previous, notBefore: now ?? previous) else { return }
        task.nextScheduledTime = Timestamps.ntz(next)
        try updateObject(task)
        try enqueueTaskRun(task, at: next, scheduledFrom: "SCHEDULE", origin: .schedule)
    }

    // MARK: - Claiming

    /// Claims the earliest due run (scheduled at or before `now`) that may start; `queuedOnly` leaves
    /// the schedule's own runs to the scheduler. `waiting` collects due runs that must wait for a
    /// run in progress, so one call does not look at them twice. nil: nothing to do. The run's query
    /// id is made with `sessionID`, the claiming session's; `processes.current` is recorded on the
    /// run as its claimant (asked only when there is a run to claim: it reads /proc).
    func claimNextTaskRun(now: Date, queuedOnly: Bool, claimer: String, processes: any ProcessTable, sessionID: Int64,
                          waiting: inout Set<Int64>) throws -> TaskRunClaim? {
        try cancelAbandonedTaskRuns(now: now)
        var sql = "SELECT * FROM sl_task_run WHERE state = 'SCHEDULED' AND substr(scheduled_time, 1, 23) <= ?"
        if queuedOnly { sql += " AND origin <> 'SCHEDULE'" }
        sql += " ORDER BY substr(scheduled_time, 1, 23), run_id"
        for row in try Row.fetchAll(db, sql: sql, arguments: [Timestamps.ntz(now)]) {
            let runID: Int64 = row["run_id"]
            if waiting.contains(runID) { continue }
            let origin = TaskRunOrigin(rawValue: row["origin"]) ?? .schedule
            guard let task = try object(database: row["database_name"], schema: row["schema_name"], name: row["name"],
                                        kinds: [.task]),
                  task.isStarted || origin == .executeTask || origin == .retry else {
                // Dropped, or suspended since it was queued: the run is withdrawn.
                try db.execute(sql: "DELETE FROM sl_task_run WHERE run_id = ?", arguments: [runID])
                continue
            }
            let scheduledTime = Session.date(ntz: row["scheduled_time"]) ?? now
            let claim = ClaimedTaskRun(runID: runID, task: task, scheduledTime: scheduledTime, scheduledFrom: row["scheduled_from"],
                                       group: row["graph_run_group_id"] ?? String(runID), rootTaskID: row["root_task_id"],
                                       attempt: row["attempt_number"])
            let startsGraphRun = origin == .schedule || origin == .executeTask
            if startsGraphRun, !task.allowsOverlappingExecution, try isTaskRunning(task, outside: claim.group) {
                // EXECUTE TASK queues after the run in progress; a scheduled run is skipped.
                guard origin == .schedule else {
                    waiting.insert(runID)
                    continue
                }
                try db.execute(sql: "UPDATE sl_task_run SET state = 'SKIPPED', completed_time = ? WHERE run_id = ?",
                               arguments: [Timestamps.catalog(now), runID])
                try queueNextScheduledRun(of: task, after: scheduledTime, now: now, fromRun: runID)
                return .skipped(TaskRun(runID: runID, task: task.qualifiedName, state: "SKIPPED", scheduledTime: scheduledTime,
                                        errorCode: nil, errorMessage: nil, scheduledFrom: claim.scheduledFrom))
            }
            let queryID = Session.queryID(counter: UInt64(runID), sessionID: UInt64(sessionID))
            try db.execute(sql: """
                UPDATE sl_task_run SET state = 'EXECUTING', claimed_by = ?, query_start_time = ?, query_id = ?
                WHERE run_id = ? AND state = 'SCHEDULED'
                """, arguments: [claimer, Timestamps.catalog(now), queryID, runID])
            guard db.changesCount == 1 else { continue }
            try recordTaskRunClaimant(processes.current, runID: runID)
            if origin == .schedule { try queueNextScheduledRun(of: task, after: scheduledTime, now: now, fromRun: runID) }
            return .execute(claim)
        }
        return nil
    }

    /// Whether `task` is executing, or its graph is still running, in a graph run other than `group`.
    private func isTaskRunning(_ task: ObjectRecord, outside group: String) throws -> Bool {
        try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM sl_task_run WHERE graph_run_group_id IS NOT ? AND (
                (database_name = ? AND schema_name = ? AND name = ? AND state = 'EXECUTING')
                OR (root_task_id = ? AND (state = 'EXECUTING' OR (state = 'SCHEDULED' AND origin IN ('PREDECESSOR', 'RETRY'))))))
            """, arguments: [group, task.database, task.schema, task.name, task.taskID]) ?? false
    }

    /// Queues a started task's next scheduled run after `previous`, later than `now`, and notes it
    /// on the run `fromRun` (TASK_HISTORY's NEXT_SCHEDULED_TIME).
    private func queueNextScheduledRun(of task: ObjectRecord, after previous: Date, now: Date, fromRun runID: Int64) throws {
        var task = task
        task.nextScheduledTime = nil
        try updateObject(task)
        try scheduleNextTaskRun(of: &task, after: previous, now: now)
        let next = task.nextScheduledTime.flatMap(Session.date(ntz:)).map(Timestamps.catalog)
        try db.execute(sql: "UPDATE sl_task_run SET next_scheduled_time = ? WHERE run_id = ?", arguments: [next, runID])
    }

    /// EXECUTING runs older than their task's timeout: whoever ran them is gone.
    private func cancelAbandonedTaskRuns(now: Date) throws {
        let rows = try Row.fetchAll(db, sql: """
            SELECT run_id, database_name, schema_name, name, query_start_time FROM sl_task_run
            WHERE state = 'EXECUTING' AND query_start_time IS NOT NULL
            """)
        for row in rows {
            guard let started = Session.date(ntz: row["query_start_time"]) else { continue }
            let task = try object(database: row["database_name"], schema: row["schema_name"], name: row["name"], kinds: [.task])
            let timeout = task?.userTaskTimeoutMilliseconds ?? ObjectRecord.defaultUserTaskTimeoutMilliseconds
            guard started.addingTimeInterval(Double(timeout) / 1000) < now else { continue }
            try db.execute(sql: """
                UPDATE sl_task_run SET state = 'CANCELLED', completed_time = ?, error_code = ?, error_message = ? WHERE run_id = ?
                """, arguments: [Timestamps.catalog(now), SnowflakeError.executionCanceled.code,
                                 SnowflakeError.executionCanceled.message, row["run_id"] as Int64])
        }
    }

    /// Marks the runs `claimer` is executing CANCELLED (a scheduler that must stop before they end).
    func cancelTaskRuns(claimedBy claimer: String, at time: Date) throws {
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
    func completeTaskRun(_ claim: ClaimedTaskRun, state: String, error: SnowflakeError?, returnValue: String?,
                         at time: Date) throws -> String {
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
            if try retryTaskRun(claim, at: time) { return state }
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
    private func rootTask(ofGraphRun group: String) throws -> ObjectRecord? {
        guard let runID = Int64(group),
              let row = try Row.fetchOne(db, sql: "SELECT database_name, schema_name, name FROM sl_task_run WHERE run_id = ?",
                                         arguments: [runID]) else { return nil }
        return try object(database: row["database_name"], schema: row["schema_name"], name: row["name"], kinds: [.task])
    }

    /// Queues the children of the task that just succeeded whose predecessors have all succeeded
    /// in this graph run; suspended children do not run.
    private func enqueueSuccessors(of claim: ClaimedTaskRun, at time: Date) throws {
        let name = claim.task.qualifiedName
        for child in try allTasks() where child.isStarted {
            let predecessors = try child.predecessors()
            guard predecessors.contains(name), try latestTaskRunState(of: child.qualifiedName, in: claim.group) == nil else { continue }
            var ready = true
            for predecessor in predecessors {
                if try latestTaskRunState(of: predecessor, in: claim.group) != "SUCCEEDED" { ready = false }
            }
            guard ready else { continue }
            try enqueueTaskRun(child, at: time, scheduledFrom: claim.scheduledFrom, origin: .predecessor, group: claim.group,
                               rootTaskID: claim.rootTaskID)
        }
    }

    /// The state of the latest run of the task `DB.SCHEMA.NAME` in a graph run; nil when it has none.
    private func latestTaskRunState(of qualifiedName: String, in group: String) throws -> String? {
        try String.fetchOne(db, sql: """
            SELECT state FROM sl_task_run
            WHERE graph_run_group_id = ? AND database_name || '.' || schema_name || '.' || name = ?
            ORDER BY run_id DESC LIMIT 1
            """, arguments: [group, qualifiedName])
    }

    /// The return value the latest run of a predecessor set in this graph run.
    func taskRunReturnValue(of qualifiedName: String, in group: String) throws -> String? {
        try String.fetchOne(db, sql: """
            SELECT return_value FROM sl_task_run
            WHERE graph_run_group_id = ? AND database_name || '.' || schema_name || '.' || name = ?
            ORDER BY run_id DESC LIMIT 1
            """, arguments: [group, qualifiedName])
    }

    /// TASK_AUTO_RETRY_ATTEMPTS (set on the root): queues the failed task again in the same graph
    /// run while attempts remain.
    private func retryTaskRun(_ claim: ClaimedTaskRun, at time: Date) throws -> Bool {
        guard let root = try rootTask(ofGraphRun: claim.group),
              let attempts = root.taskAutoRetryAttempts, claim.attempt <= attempts else {
            return false
        }
        try enqueueTaskRun(claim.task, at: time, scheduledFrom: claim.scheduledFrom, origin: .retry, group: claim.group,
                           rootTaskID: claim.rootTaskID, attempt: claim.attempt + 1)
        return true
    }

    /// SUSPEND_TASK_AFTER_NUM_FAILURES (on the root, default 10, 0 = never): when the root's last N
    /// graph runs all failed, the root is suspended and its scheduled run withdrawn.
    private func suspendRootAfterFailures(_ claim: ClaimedTaskRun, at time: Date) throws -> Bool {
        guard var root = try rootTask(ofGraphRun: claim.group), root.isStarted else { return false }
        let limit = root.suspendTaskAfterNumFailures
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
        root.markSuspended(at: Timestamps.catalog(time), reason: "SUSPENDED_DUE_TO_ERRORS")
        try updateObject(root)
        try withdrawTaskRuns(of: root, everything: false, at: time)
        return true
    }

    /// A graph run failed when the latest run of some task in it failed.
    private func graphRunFailed(_ group: String) throws -> Bool {
        let rows = try Row.fetchAll(db, sql: """
            SELECT database_name || '.' || schema_name || '.' || name AS task, state FROM sl_task_run
            WHERE graph_run_group_id = ? ORDER BY run_id
            """, arguments: [group])
        var latest: [String: String] = [:]
        for row in rows { latest[row["task"]] = row["state"] }
        return latest.values.contains { Catalog.failedTaskRunStates.contains($0) }
    }

    // MARK: - Reading

    /// Whether a run of the task `DB.SCHEMA.NAME` (any task when nil) is queued or executing.
    /// Scheduled runs of a schedule do not count.
    func hasPendingTaskRuns(task: String?) throws -> Bool {
        var sql = """
            SELECT EXISTS (SELECT 1 FROM sl_task_run
            WHERE (state = 'EXECUTING' OR (state = 'SCHEDULED' AND origin <> 'SCHEDULE'))
            """
        var arguments: StatementArguments = []
        if let task {
            sql += " AND database_name || '.' || schema_name || '.' || name = ?"
            arguments += [task]
        }
        return try Bool.fetchOne(db, sql: sql + ")", arguments: arguments) ?? false
    }

    /// The runs of the tasks of `database` (of one schema, of one task name when given) scheduled
    /// in [`from`, `until`) (compared on their first 23 characters), only failed ones when
    /// `errorOnly`; newest scheduled time first.
    func taskRunHistory(database: String, schema: String?, name: String?, from: String?, until: String?,
                        errorOnly: Bool) throws -> [TaskRunRecord] {
        var sql = "SELECT * FROM sl_task_run WHERE database_name = ?"
        var bound: [DatabaseValueConvertible] = [database]
        if let name {
            sql += " AND name = ?"
            bound.append(name)
        }
        if let schema {
            sql += " AND schema_name = ?"
            bound.append(schema)
        }
        if let from {
            sql += " AND substr(scheduled_time, 1, 23) >= ?"
            bound.append(from)
        }
        if let until {
            sql += " AND substr(scheduled_time, 1, 23) < ?"
            bound.append(until)
        }
        if errorOnly { sql += " AND state IN ('FAILED', 'FAILED_AND_AUTO_SUSPENDED')" }
        sql += " ORDER BY substr(scheduled_time, 1, 23) DESC, run_id DESC"
        return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(bound)).map { row in
            TaskRunRecord(runID: row["run_id"], database: row["database_name"], schema: row["schema_name"], name: row["name"],
                          queryID: row["query_id"], queryText: row["query_text"], conditionText: row["condition_text"],
                          state: row["state"], errorCode: row["error_code"], errorMessage: row["error_message"],
                          scheduledTime: row["scheduled_time"], queryStartTime: row["query_start_time"],
                          nextScheduledTime: row["next_scheduled_time"], completedTime: row["completed_time"],
                          returnValue: row["return_value"], scheduledFrom: row["scheduled_from"],
                          attemptNumber: row["attempt_number"], graphRunGroupID: row["graph_run_group_id"],
                          rootTaskID: row["root_task_id"])
        }
    }
}

// MARK: - Who claimed a run

// Who claimed each EXECUTING run (sl_task_run.claimer_pid, claimer_host, claimer_start:
// TaskRunProcesses.swift), and the runs whose claimant has ended, freed as FAILED
// (issue 17, item 21). A freed run fails like any other failed run — TASK_AUTO_RETRY_ATTEMPTS
// retries it, SUSPEND_TASK_AFTER_NUM_FAILURES counts it — with 000603 naming the process that
// ended. Runs claimed before claimants were recorded (NULL pid) are left to the timeout.
extension Catalog {
    /// Records `claimant` on the run just claimed.
    func recordTaskRunClaimant(_ claimant: TaskRunClaimant, runID: Int64) throws {
        try db.execute(sql: "UPDATE sl_task_run SET claimer_pid = ?, claimer_host = ?, claimer_start = ? WHERE run_id = ?",
                       arguments: [claimant.pid, claimant.host, claimant.start, runID])
    }

    /// The EXECUTING runs whose claimant `processes` says has ended, each with its claimant.
    func runsOfEndedClaimants(_ processes: any ProcessTable) throws -> [(runID: Int64, claimant: TaskRunClaimant)] {
        try Row.fetchAll(db, sql: """
            SELECT run_id, claimer_pid, claimer_host, claimer_start FROM sl_task_run
            WHERE state = 'EXECUTING' AND claimer_pid IS NOT NULL AND claimer_host IS NOT NULL
            """).compactMap { row in
            let claimant = TaskRunClaimant(pid: row["claimer_pid"], host: row["claimer_host"], start: row["claimer_start"])
            return processes.isRunning(claimant) == false ? (row["run_id"], claimant) : nil
        }
    }

    /// Records each EXECUTING run whose claimant has ended as FAILED at `time`, and what follows
    /// from a failure; returns the runs as the scheduler reports them.
    func failRunsOfEndedClaimants(_ processes: any ProcessTable, at time: Date) throws -> [TaskRun] {
        var freed: [TaskRun] = []
        for (runID, claimant) in try runsOfEndedClaimants(processes) {
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM sl_task_run WHERE run_id = ? AND state = 'EXECUTING'",
                                             arguments: [runID]) else { continue }
            let error = SnowflakeError.taskRunClaimantEnded(claimant.description)
            let scheduledTime = Session.date(ntz: row["scheduled_time"]) ?? time
            let scheduledFrom: String = row["scheduled_from"]
            var state = "FAILED"
            let claim = try claimedTaskRun(row)
            let task = claim?.task
            if let claim {
                state = try completeTaskRun(claim, state: state, error: error, returnValue: nil, at: time)
            } else {
                // The task is gone: only the run's own row is left to close.
                try db.execute(sql: """
                    UPDATE sl_task_run SET state = 'FAILED', error_code = ?, error_message = ?, completed_time = ? WHERE run_id = ?
                    """, arguments: [error.code, error.message, Timestamps.catalog(time), runID])
            }
            let name = [row["database_name"], row["schema_name"], row["name"]].compactMap { $0 as String? }.joined(separator: ".")
            freed.append(TaskRun(runID: runID, task: task?.qualifiedName ?? name, state: state, scheduledTime: scheduledTime,
                                 errorCode: error.code, errorMessage: error.message, scheduledFrom: scheduledFrom))
        }
        return freed
    }

    /// The EXECUTING run `runID` as its claimer holds it; nil when it is not executing or its task is gone.
    func claimedTaskRun(_ runID: Int64) throws -> ClaimedTaskRun? {
        try Row.fetchOne(db, sql: "SELECT * FROM sl_task_run WHERE run_id = ? AND state = 'EXECUTING'", arguments: [runID])
            .flatMap(claimedTaskRun)
    }

    private func claimedTaskRun(_ row: Row) throws -> ClaimedTaskRun? {
        guard let task = try object(database: row["database_name"], schema: row["schema_name"], name: row["name"], kinds: [.task]) else {
            return nil
        }
        let runID: Int64 = row["run_id"]
        return ClaimedTaskRun(runID: runID, task: task, scheduledTime: Session.date(ntz: row["scheduled_time"]) ?? Date(),
                              scheduledFrom: row["scheduled_from"], group: row["graph_run_group_id"] ?? String(runID),
                              rootTaskID: row["root_task_id"], attempt: row["attempt_number"])
    }

    /// How the run `claim` ended, as the scheduler reports it (a worker process recorded it).
    func endedTaskRun(_ claim: ClaimedTaskRun) throws -> TaskRun {
        let row = try Row.fetchOne(db, sql: "SELECT state, error_code, error_message FROM sl_task_run WHERE run_id = ?",
                                   arguments: [claim.runID])
        return TaskRun(runID: claim.runID, task: claim.task.qualifiedName, state: row?["state"] ?? "FAILED",
                       scheduledTime: claim.scheduledTime, errorCode: row?["error_code"], errorMessage: row?["error_message"],
                       scheduledFrom: claim.scheduledFrom)
    }
}
