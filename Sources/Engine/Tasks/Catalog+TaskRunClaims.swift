// Catalog+TaskRunClaims: who claimed each EXECUTING run (sl_task_run.claimer_pid, claimer_host,
// claimer_start: TaskRunClaimant.swift), and the runs whose claimant has ended, freed as FAILED
// (issue 17, item 21). A freed run fails like any other failed run — TASK_AUTO_RETRY_ATTEMPTS
// retries it, SUSPEND_TASK_AFTER_NUM_FAILURES counts it — with 000603 naming the process that
// ended. Runs claimed before claimants were recorded (NULL pid) are left to the timeout.

import Foundation
import GRDB

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
            let task = try object(database: row["database_name"], schema: row["schema_name"], name: row["name"], kinds: [.task])
            if let task {
                let claim = ClaimedTaskRun(runID: runID, task: task, scheduledTime: scheduledTime, scheduledFrom: scheduledFrom,
                                           group: row["graph_run_group_id"] ?? String(runID), rootTaskID: row["root_task_id"],
                                           attempt: row["attempt_number"])
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
}
