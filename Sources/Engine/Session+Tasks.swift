// Session+Tasks: task runs, at the session level like CALL (spec §8). EXECUTE TASK runs a task
// once now, started or suspended; `runDueTasks(now:)` is the scheduler's entry point: it runs every
// started task whose next run is due, one run per task per call, skipping a task whose previous
// run is still EXECUTING (no overlap), and schedules the next run. Callers pass the clock: tests a
// fixed date, a scheduler loop the real time.
//
// A run acts as the task's owner role, in the task's database and schema, with its warehouse and
// no session variables; the body goes through `execute` like a CALL, so each statement inside is
// its own transaction. It is recorded in sl_task_run (TASK_HISTORY) as SCHEDULED → EXECUTING →
// SUCCEEDED | FAILED (with the error's code and message) | SKIPPED (WHEN was not true). EXECUTE TASK
// returns once the run is over (Snowflake's is asynchronous): a failing body does not fail it.
// https://docs.snowflake.com/en/sql-reference/sql/execute-task, …/user-guide/tasks-intro

import Foundation
import GRDB
import SnowSQL

/// One task run, as the scheduler reports it.
public struct TaskRun: Equatable, Sendable {
    public var runID: Int64
    /// `DB.SCHEMA.TASK`.
    public var task: String
    /// SUCCEEDED, FAILED or SKIPPED.
    public var state: String
    public var scheduledTime: Date
    public var errorCode: String?
    public var errorMessage: String?
    /// `SCHEDULE` or `EXECUTE_TASK`.
    public var scheduledFrom: String
}

extension Session {
    /// EXECUTE TASK name: OWNERSHIP or OPERATE on the task; its owner must hold EXECUTE TASK (091089).
    func executeTask(_ written: ObjectName) throws -> ResultSet {
        let task = try store.queue.write { db -> ObjectRecord in
            let executor = Executor(session: self, db: db)
            let missing = SnowflakeError.doesNotExist("Task", try nameParts(written).joined(separator: "."))
            guard let task = try executor.visibleTask(written) else { throw missing }
            let access = try executor.access
            let securable = Authorization.securable(task)
            if !access.authorizer.owns(securable) { try access.require(.operate, on: securable, name: task.name, missing: missing) }
            if task.properties["predecessors"] != nil {
                throw SnowflakeError.compilationError("Cannot execute task \(task.name): it is not a root task.")
            }
            try executor.requireOwnerCanExecuteTasks(task)
            return task
        }
        _ = try runTask(task, scheduledTime: clock(), from: "EXECUTE_TASK", scheduledRun: nil, now: clock())
        return .success
    }

    /// Runs each started task whose next scheduled time is at or before `now`, once, in name order.
    public func runDueTasks(now: Date) throws -> [TaskRun] {
        let due = try store.queue.read { db -> [(ObjectRecord, Int64?, Date)] in
            let tasks = try Row.fetchAll(db, sql: "SELECT * FROM sl_object WHERE kind = ? ORDER BY database_name, schema_name, name",
                                         arguments: [Catalog.taskKind]).map(Catalog.objectRecord)
            var due: [(ObjectRecord, Int64?, Date)] = []
            let nowText = Timestamps.ntz(now)
            for task in tasks where task.properties["state"] == "started" {
                guard let next = task.properties["next_scheduled_time"], next <= nowText else { continue }
                let key: StatementArguments = [task.database, task.schema, task.name]
                let executing = try Int.fetchOne(db, sql: """
                    SELECT 1 FROM sl_task_run WHERE database_name = ? AND schema_name = ? AND name = ? AND state = 'EXECUTING'
                    """, arguments: key)
                guard executing == nil else { continue }
                let scheduled = try Int64.fetchOne(db, sql: """
                    SELECT run_id FROM sl_task_run WHERE database_name = ? AND schema_name = ? AND name = ? AND state = 'SCHEDULED'
                    ORDER BY run_id DESC LIMIT 1
                    """, arguments: key)
                due.append((task, scheduled, Session.date(ntz: next) ?? now))
            }
            return due
        }
        return try due.map { task, scheduled, time in
            try runTask(task, scheduledTime: time, from: "SCHEDULE", scheduledRun: scheduled, now: now)
        }
    }

    /// One run of `task`: recorded, run as its owner, finished; a scheduled run also schedules the next.
    private func runTask(_ task: ObjectRecord, scheduledTime: Date, from: String, scheduledRun: Int64?, now: Date) throws -> TaskRun {
        let key: StatementArguments = [task.database, task.schema, task.name]
        let body = task.definition ?? ""
        // SCHEDULED (unless the scheduler made that row already), then EXECUTING.
        let runID = try store.queue.write { db -> Int64 in
            if let scheduledRun { return scheduledRun }
            try db.execute(sql: """
                INSERT INTO sl_task_run (database_name, schema_name, name, query_text, condition_text, state, scheduled_time,
                                         scheduled_from)
                VALUES (?, ?, ?, ?, ?, 'SCHEDULED', ?, ?)
                """, arguments: key + [body, task.properties["condition"], Timestamps.catalog(scheduledTime), from])
            return db.lastInsertedRowID
        }
        let queryID = String(format: "01b%05x-0000-%04x-0000-%012llx", (queryCounter + 1) % 0xFFFFF, sessionID % 0xFFFF,
                             UInt64(queryCounter + 1))
        try store.queue.write { db in
            try db.execute(sql: "UPDATE sl_task_run SET state = 'EXECUTING', query_start_time = ?, query_id = ? WHERE run_id = ?",
                           arguments: [Timestamps.catalog(now), queryID, runID])
        }

        var state = "SUCCEEDED"
        var failure: SnowflakeError?
        do {
            try store.queue.read { db in try Executor(session: self, db: db).requireOwnerCanExecuteTasks(task) }
            if try !runAsOwner(task, body: body) { state = "SKIPPED" }
        } catch let error as SnowflakeError {
            (state, failure) = ("FAILED", error)
        } catch {
            (state, failure) = ("FAILED", SnowflakeError.from(error) as? SnowflakeError
                ?? SnowflakeError(code: "100000", sqlState: "P0000", message: "\(error)"))
        }

        try store.queue.write { db in
            try db.execute(sql: """
                UPDATE sl_task_run SET state = ?, error_code = ?, error_message = ?, completed_time = ?,
                    query_id = CASE WHEN ? = 'SKIPPED' THEN NULL ELSE query_id END
                WHERE run_id = ?
                """, arguments: [state, failure?.code, failure?.message, Timestamps.catalog(now), state, runID])
            guard from == "SCHEDULE" else { return }
            // The task may have been dropped, replaced or suspended by its own body.
            let executor = Executor(session: self, db: db)
            guard var current = try executor.catalog.object(database: task.database, schema: task.schema, name: task.name,
                                                            kinds: [Catalog.taskKind]),
                  current.createdOn == task.createdOn, current.properties["state"] == "started" else { return }
            try executor.scheduleNextRun(of: &current, after: scheduledTime, now: now)
            try db.execute(sql: "UPDATE sl_task_run SET next_scheduled_time = ? WHERE run_id = ?",
                           arguments: [current.properties["next_scheduled_time"].flatMap(Session.date(ntz:)).map(Timestamps.catalog), runID])
        }
        return TaskRun(runID: runID, task: task.qualifiedName, state: state, scheduledTime: scheduledTime,
                       errorCode: failure?.code, errorMessage: failure?.message, scheduledFrom: from)
    }

    /// Runs the body with the owner's rights; false when the WHEN condition is not true.
    private func runAsOwner(_ task: ObjectRecord, body: String) throws -> Bool {
        let saved = SessionState(self)
        let savedBindings = bindings
        defer {
            saved.restore(self)
            bindings = savedBindings
        }
        currentRole = task.owner.isEmpty ? currentRole : task.owner
        currentDatabase = task.database
        currentSchema = task.schema
        currentWarehouse = task.properties["warehouse"]
        variables = [:]
        bindings = [:]
        executables.append(Executable(name: task.name, type: "TASK", database: task.database, schema: task.schema,
                                      logLevel: task.properties["log_level"]?.uppercased()))
        defer {
            flushEvents()
            executables.removeLast()
        }
        if let condition = task.properties["condition"] {
            let expression: SnowSQL.Expression
            do { expression = try Parser.parseStandaloneExpression(condition) } catch {
                throw SnowflakeError.syntax(line: error.line, position: error.position, token: error.token)
            }
            statementTime = clock()
            guard case .boolean(true) = try evaluate(expression, bindings: [:]).0 else { return false }
        }
        _ = try execute(try Session.parseSingle(body), text: body)
        return true
    }

    /// A stored `YYYY-MM-DD HH:MM:SS.fff` UTC text as a date.
    static func date(ntz text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss.SSS"
        return formatter.date(from: String(text.prefix(23)))
    }
}
