// Session+Tasks: task runs, at the session level like CALL (spec §8). EXECUTE TASK only queues a
// run (a SCHEDULED row of sl_task_run, SCHEDULED_FROM = EXECUTE_TASK) and returns at once, as in
// Snowflake; it then tells the session's `taskRunDispatcher`, which the composition root makes a
// background worker of the client process. Runs happen in `runDueTasks(now:)`, the scheduler's entry point
// (every due run: scheduled, queued, graph children, retries) and `runQueuedTasks()` (the queued
// runs only, not the schedule's), both looping claim → execute → complete through the run queue
// (Catalog+TaskRuns.swift) until nothing is due. Callers pass the clock: tests a fixed date, a scheduler loop the real time.
//
// A run acts as the task's owner role, in the task's database and schema, with its warehouse and
// no session variables; the body goes through `execute` like a CALL, so each statement inside is
// its own transaction. Before each statement the run checks its deadline (USER_TASK_TIMEOUT_MS:
// FAILED with 000630, as Snowflake records timed-out runs) and whether its scheduler is stopping
// (`taskRunControl`: CANCELLED with 000604). States: SCHEDULED → EXECUTING → SUCCEEDED | FAILED |
// SKIPPED (WHEN was not true) | CANCELLED, and SKIPPED straight from SCHEDULED for an overlap.
// https://docs.snowflake.com/en/sql-reference/sql/execute-task, …/user-guide/tasks-intro

import Foundation
import GRDB
import SnowSQL
import Synchronization

/// One task run, as the scheduler reports it.
public struct TaskRun: Equatable, Sendable {
    public var runID: Int64
    /// `DB.SCHEMA.TASK`.
    public var task: String
    /// SUCCEEDED, FAILED, FAILED_AND_AUTO_SUSPENDED, SKIPPED or CANCELLED.
    public var state: String
    public var scheduledTime: Date
    public var errorCode: String?
    public var errorMessage: String?
    /// `SCHEDULE` or `EXECUTE_TASK`.
    public var scheduledFrom: String
}

/// Runs the runs EXECUTE TASK queues, outside the statement that queued them (in Snowlite, a
/// background worker of the client process).
public protocol TaskRunDispatcher: AnyObject, Sendable {
    /// EXECUTE TASK committed a queued run.
    func runsQueued()
    /// Returns once the runs queued so far have been run (before the process exits).
    func waitUntilIdle()
}

/// Lets whoever runs tasks stop them: once stopping, no new run starts; once cancelled, a run in
/// progress stops before its next statement. Shared between the thread running tasks and the one
/// that decides to stop.
public final class TaskRunControl: Sendable {
    private let state = Mutex<(stopping: Bool, cancelled: Bool)>((false, false))

    public init() {}

    public func stop() { state.withLock { $0.stopping = true } }
    public func cancel() { state.withLock { $0 = (true, true) } }
    public var isStopping: Bool { state.withLock { $0.stopping } }
    public var isCancelled: Bool { state.withLock { $0.cancelled } }
}

/// The run a session is executing: its graph run, deadline and return value.
final class TaskRunContext {
    let claim: ClaimedTaskRun
    let deadline: Date
    let timeoutMilliseconds: Int
    let control: TaskRunControl?
    /// SYSTEM$SET_RETURN_VALUE.
    var returnValue: String?

    init(claim: ClaimedTaskRun, start: Date, control: TaskRunControl?) {
        self.claim = claim
        timeoutMilliseconds = claim.task.userTaskTimeoutMilliseconds
        deadline = start.addingTimeInterval(Double(timeoutMilliseconds) / 1000)
        self.control = control
    }

    /// Throws when the run must not go on: its scheduler is stopping, or its time is up.
    func check(_ now: Date) throws {
        if control?.isCancelled == true { throw SnowflakeError.executionCanceled }
        if now > deadline { throw SnowflakeError.taskTimedOut(milliseconds: timeoutMilliseconds) }
    }
}

extension Session {
    /// EXECUTE TASK name: OWNERSHIP or OPERATE on the task; its owner must hold EXECUTE TASK (091089).
    /// Queues the run and returns.
    func executeTask(_ written: ObjectName) throws -> ResultSet {
        try store.queue.write { db in
            let executor = Executor(session: self, db: db)
            let missing = SnowflakeError.doesNotExist("Task", try nameParts(written).joined(separator: "."))
            guard let task = try executor.visibleTask(written) else { throw missing }
            let access = try executor.access
            let securable = Authorization.securable(task)
            if !access.authorizer.owns(securable) { try access.require(.operate, on: securable, name: task.name, missing: missing) }
            if task.hasPredecessors {
                throw SnowflakeError.compilationError("Cannot execute task \(task.name): it is not a root task.")
            }
            try executor.requireOwnerCanExecuteTasks(task)
            try executor.catalog.enqueueTaskRun(task, at: statementTime, scheduledFrom: "EXECUTE_TASK", origin: .executeTask)
        }
        taskRunDispatcher?.runsQueued()
        return .success
    }

    /// Runs every due run — the schedule's, EXECUTE TASK's, graph children, retries — once, earliest
    /// first, until none is due at `now`; returns them in the order they ended, after the runs
    /// freed because the process that claimed them ended (`processes` tells, TaskRunProcesses.swift).
    /// With an `executor`, each run's body executes there (`snowlite serve`: a worker process).
    public func runDueTasks(now: Date, processes: any ProcessTable = SystemProcessTable(),
                            executor: (any TaskRunExecutor)? = nil) throws -> [TaskRun] {
        try runTasks(now: now, queuedOnly: false, processes: processes, executor: executor)
    }

    /// Runs the runs EXECUTE TASK queued (and the graph runs and retries they lead to), not the
    /// schedule's: what a client does for the EXECUTE TASK statements it sent.
    public func runQueuedTasks(processes: any ProcessTable = SystemProcessTable()) throws -> [TaskRun] {
        try runTasks(now: clock(), queuedOnly: true, processes: processes, executor: nil)
    }

    /// Executes the run `runID` that another process (a scheduler handing it to this worker,
    /// TaskRunProcesses.swift) claimed, as this process's claim now, and records how it ended.
    public func executeClaimedTaskRun(_ runID: Int64, now: Date, processes: any ProcessTable = SystemProcessTable()) throws -> TaskRun {
        let claim = try immediateTransaction { db -> ClaimedTaskRun? in
            let catalog = Catalog(db: db)
            guard let claim = try catalog.claimedTaskRun(runID) else { return nil }
            try catalog.recordTaskRunClaimant(processes.current, runID: runID)
            return claim
        }
        guard let claim else { throw SnowflakeError.taskRunNotExecuting(runID) }
        return try execute(claim, now: now)
    }

    /// Whether a run of the task `DB.SCHEMA.NAME` (any task when nil) is queued or executing — what
    /// `snowlite tasks wait` waits for. Scheduled runs of a schedule do not count; a run whose
    /// claiming process has ended is freed first, so it does not keep anyone waiting.
    public func hasPendingTaskRuns(task: String? = nil, processes: any ProcessTable = SystemProcessTable()) throws -> Bool {
        _ = try freeRunsOfEndedClaimants(processes)
        return try store.queue.read { db in try Catalog(db: db).hasPendingTaskRuns(task: task) }
    }

    /// Records the EXECUTING runs whose claiming process has ended as FAILED (000603) and returns
    /// them. The check is a read; the write lock is taken only when there is a run to free.
    public func freeRunsOfEndedClaimants(_ processes: any ProcessTable = SystemProcessTable()) throws -> [TaskRun] {
        guard try store.queue.read({ db in try !Catalog(db: db).runsOfEndedClaimants(processes).isEmpty }) else { return [] }
        return try immediateTransaction { db in try Catalog(db: db).failRunsOfEndedClaimants(processes, at: clock()) }
    }

    /// Waits until the runs this session's EXECUTE TASK statements queued have run (a client
    /// process does before it exits).
    public func waitForQueuedTaskRuns() {
        taskRunDispatcher?.waitUntilIdle()
    }

    /// Closes the account's connection before a client process exits with the session still in
    /// memory: SQLite rolls back a transaction left open and, as the file's last connection, copies
    /// the write-ahead log into the file and removes it (a log left behind made the next start
    /// rebuild its index from it). GRDB's own teardown, which this skips, was a tenth of a start.
    /// Nothing may use the session afterwards.
    public func closeBeforeExit() {
        try? store.queue.close()
    }

    /// A task named as a statement would (`t`, `s.t`, `db.s.t`; quoted parts keep their case) as
    /// `DB.SCHEMA.NAME`, when the role can see it.
    public func visibleTaskName(_ text: String) throws -> String {
        let written = ObjectName.identifier(.literal(.string(text)))
        return try store.queue.read { db in
            guard let task = try Executor(session: self, db: db).visibleTask(written) else {
                throw SnowflakeError.doesNotExist("Task", try nameParts(written).joined(separator: "."))
            }
            return task.qualifiedName
        }
    }

    /// Marks the runs `claimer` is still executing CANCELLED, through its own connection to the
    /// account: for a scheduler that has to stop before they end.
    public static func cancelTaskRuns(claimedBy claimer: String, in store: AccountStore, at time: Date) throws {
        try store.queue.write { db in try Catalog(db: db).cancelTaskRuns(claimedBy: claimer, at: time) }
    }

    private func runTasks(now: Date, queuedOnly: Bool, processes: any ProcessTable, executor: (any TaskRunExecutor)?) throws -> [TaskRun] {
        var runs = try freeRunsOfEndedClaimants(processes)
        var waiting = Set<Int64>()
        while taskRunControl?.isStopping != true {
            let claim = try immediateTransaction { db in
                try Catalog(db: db).claimNextTaskRun(now: now, queuedOnly: queuedOnly, claimer: taskRunClaimer, processes: processes,
                                                     sessionID: sessionID, waiting: &waiting)
            }
            guard let claim else { break }
            switch claim {
            case .skipped(let run): runs.append(run)
            case .execute(let claimed):
                guard let executor else {
                    runs.append(try execute(claimed, now: now))
                    continue
                }
                let end = executor.execute(runID: claimed.runID, now: now, control: taskRunControl)
                runs.append(try recordWorkerEnd(claimed, end))
            }
        }
        return runs
    }

    /// The run a worker executed, as it recorded its end; or FAILED with why the worker did not
    /// (killed, exited early, never started) — a run it left EXECUTING is failed all the same.
    private func recordWorkerEnd(_ claim: ClaimedTaskRun, _ end: TaskRunWorkerEnd) throws -> TaskRun {
        try immediateTransaction { db in
            let catalog = Catalog(db: db)
            if try catalog.claimedTaskRun(claim.runID) != nil {
                _ = try catalog.completeTaskRun(claim, state: "FAILED", error: end.failure, returnValue: nil, at: clock())
            }
            return try catalog.endedTaskRun(claim)
        }
    }

    /// `body` in a transaction that takes the write lock at once, so two processes claiming runs
    /// are served one after the other.
    private func immediateTransaction<T>(_ body: (Database) throws -> T) throws -> T {
        try store.queue.writeWithoutTransaction { db in
            var result: T?
            try db.inTransaction(.immediate) {
                result = try body(db)
                return .commit
            }
            return result!
        }
    }

    /// Executes a claimed run as its task's owner and records how it ended.
    private func execute(_ claim: ClaimedTaskRun, now: Date) throws -> TaskRun {
        let task = claim.task
        let context = TaskRunContext(claim: claim, start: max(now, clock()), control: taskRunControl)
        var state = "SUCCEEDED"
        var failure: SnowflakeError?
        // A run whose WHEN condition is not true is SKIPPED with 0040003, as TASK_HISTORY shows it.
        var skipped: SnowflakeError?
        do {
            try store.queue.read { db in try Executor(session: self, db: db).requireOwnerCanExecuteTasks(task) }
            if try !runAsOwner(task, context: context) {
                state = "SKIPPED"
                skipped = .taskConditionFalse
            }
            // A handler inside the body may have caught the timeout; the run still timed out.
            try context.check(clock())
        } catch let error as SnowflakeError {
            failure = error
        } catch {
            failure = SnowflakeError.from(error) as? SnowflakeError
                ?? SnowflakeError.taskRunFailed(error)
        }
        if failure != nil {
            // A statement interrupted because the run was stopped or late fails for that reason.
            if context.control?.isCancelled == true { failure = .executionCanceled }
            else if clock() > context.deadline { failure = .taskTimedOut(milliseconds: context.timeoutMilliseconds) }
            state = failure == .executionCanceled ? "CANCELLED" : "FAILED"
        }
        let end = max(now, clock())
        let recorded = try immediateTransaction { db in
            try Catalog(db: db).completeTaskRun(claim, state: state, error: failure ?? skipped, returnValue: context.returnValue, at: end)
        }
        return TaskRun(runID: claim.runID, task: task.qualifiedName, state: recorded, scheduledTime: claim.scheduledTime,
                       errorCode: (failure ?? skipped)?.code, errorMessage: (failure ?? skipped)?.message, scheduledFrom: claim.scheduledFrom)
    }

    /// Runs the body with the owner's rights; false when the WHEN condition is not true.
    private func runAsOwner(_ task: ObjectRecord, context: TaskRunContext) throws -> Bool {
        let saved = SessionState(self)
        let savedBindings = bindings
        let savedRun = taskRun
        defer {
            saved.restore(self)
            bindings = savedBindings
            taskRun = savedRun
        }
        currentRole = task.owner.isEmpty ? currentRole : task.owner
        currentDatabase = task.database
        currentSchema = task.schema
        currentWarehouse = task.warehouse
        variables = [:]
        bindings = [:]
        taskRun = context
        executables.append(Executable(name: task.name, type: "TASK", database: task.database, schema: task.schema,
                                      logLevel: task.properties["log_level"]?.uppercased()))
        defer {
            flushEvents()
            executables.removeLast()
        }
        if let condition = task.condition {
            let expression: SnowSQL.Expression
            do { expression = try Parser.parseStandaloneExpression(condition) } catch {
                throw SnowflakeError.syntax(line: error.line, position: error.position, token: error.token)
            }
            statementTime = clock()
            guard case .boolean(true) = try evaluate(expression, bindings: [:]).0 else { return false }
        }
        let body = task.definition ?? ""
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
