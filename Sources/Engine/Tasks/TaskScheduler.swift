// TaskScheduler and TaskRunWorker: the two ways task runs happen outside the statements that
// queue them (spec §8).
//
// TaskScheduler is the loop `snowlite serve` runs for one account. Each tick runs every due
// run (Session.runDueTasks) at the injected clock's time, then sleeps for the poll interval. The
// next run times live in the account file, so a scheduler that starts after downtime runs one
// catch-up run per task, and any number of schedulers (and client workers) can share one account:
// each run is claimed in a transaction. Stopping lets the run in progress finish; after a grace
// period it is cancelled at its next statement (and a long SQLite statement interrupted), and it is
// recorded CANCELLED.
//
// It is a type of its own so that another service (the dashboard) can run beside it in the same
// process: `run()` blocks its thread, `run() async` runs on a thread of its own until the calling
// task is cancelled, and `stop(grace:)` may be called from any thread.
//
// TaskRunWorker is how EXECUTE TASK's run happens when no `snowlite serve` is running. EXECUTE TASK
// only queues the run and returns; the session then wakes this worker, a background thread of the
// client process with its own session and its own connection to the account file, which claims and
// runs the queued runs (and the graph runs and retries they lead to) while the client goes on —
// the next prompt, the next statement of a script. Before the process exits the client waits for
// the worker (`waitUntilIdle`), so a `snowsql -q "execute task t"` has run t when it returns, and
// a procedure that runs EXECUTE TASK (the connector's ENABLE_RESOURCE) gets its data soon after,
// as in Snowflake. A `snowlite serve` on the same account claims runs through the same table, so
// the two never run one run twice.
//
// Choices [?]: a run queued behind one executing in another process is left to that process's
// scheduler (or `snowlite tasks run-due`); a worker that cannot reach the account (the file is
// locked for long) tries again a few times, then reports on standard error and gives up.

import Foundation

public final class TaskScheduler: @unchecked Sendable {
    public struct Configuration: Sendable {
        /// Seconds between ticks (real time).
        public var pollInterval: TimeInterval = 1
        /// Seconds a run in progress may take to finish once the scheduler stops.
        public var grace: TimeInterval = 30
        public init() {}
    }

    public let configuration: Configuration
    /// The id the scheduler claims runs under (sl_task_run.claimed_by).
    public let claimer: String
    private let makeSession: @Sendable () throws -> Session
    private let clock: @Sendable () -> Date
    private let log: @Sendable (String) -> Void
    /// Tells which claimants of EXECUTING runs have ended (TaskRunProcesses.swift).
    private let processes: any ProcessTable
    /// Where run bodies execute; nil: on the scheduler's thread (TaskRunProcesses.swift).
    private let executor: (any TaskRunExecutor)?
    private let control = TaskRunControl()
    private let condition = NSCondition()
    private var store: AccountStore?
    private var finished = false

    /// `makeSession` opens the scheduler's own session (on the thread that runs the loop); `clock`
    /// is the time the scheduler goes by; `log` gets one line per run and per start and stop.
    public init(configuration: Configuration = Configuration(), claimer: String = "scheduler-\(ProcessInfo.processInfo.processIdentifier)",
                processes: any ProcessTable = SystemProcessTable(), executor: (any TaskRunExecutor)? = nil,
                clock: @escaping @Sendable () -> Date, log: @escaping @Sendable (String) -> Void,
                makeSession: @escaping @Sendable () throws -> Session) {
        self.configuration = configuration
        self.claimer = claimer
        self.processes = processes
        self.executor = executor
        self.clock = clock
        self.log = log
        self.makeSession = makeSession
    }

    /// Runs ticks on the calling thread until `stop` is called; returns once the last run ended.
    public func run() throws {
        defer {
            condition.lock()
            finished = true
            condition.broadcast()
            condition.unlock()
        }
        let session = try makeSession()
        session.taskRunControl = control
        session.taskRunClaimer = claimer
        condition.lock()
        store = session.store
        condition.unlock()
        log("Scheduler started for account \(session.accountName) (\(session.store.path)).")
        while !control.isStopping {
            do {
                for run in try session.runDueTasks(now: clock(), processes: processes, executor: executor) { log(TaskScheduler.line(run)) }
            } catch {
                log("Scheduler: \(error)")
            }
            condition.lock()
            if !control.isStopping { _ = condition.wait(until: Date().addingTimeInterval(configuration.pollInterval)) }
            condition.unlock()
        }
        log("Scheduler stopped.")
    }

    /// Runs the loop on a thread of its own until the calling task is cancelled (then stops it
    /// with the configured grace), for running beside other services.
    public func run() async throws {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, Error>) in
                let thread = Thread { [self] in
                    do {
                        try run()
                        continuation.resume()
                    } catch {
                        continuation.resume(throwing: error)
                    }
                }
                thread.stackSize = 16 << 20
                thread.start()
            }
        } onCancel: {
            stop()
        }
    }

    /// Stops the loop: no run starts any more; a run in progress has `grace` seconds (the
    /// configured grace when nil) to finish before it is cancelled.
    public func stop(grace: TimeInterval? = nil) {
        control.stop()
        condition.lock()
        condition.broadcast()
        condition.unlock()
        DispatchQueue.global().asyncAfter(deadline: .now() + (grace ?? configuration.grace)) { [self] in
            condition.lock()
            let (done, store) = (finished, store)
            condition.unlock()
            guard !done else { return }
            control.cancel()
            store?.queue.interrupt()
        }
    }

    /// Waits up to `timeout` seconds for the loop to end; false when it has not.
    public func waitUntilFinished(timeout: TimeInterval) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        let deadline = Date().addingTimeInterval(timeout)
        while !finished {
            if !condition.wait(until: deadline) { return finished }
        }
        return true
    }

    /// `APP.CORE.T SUCCEEDED (run 3, scheduled 2026-01-02 10:01:00.000, SCHEDULE)`, and the error
    /// of a failed run.
    public static func line(_ run: TaskRun) -> String {
        var text = "\(run.task) \(run.state) (run \(run.runID), scheduled \(Timestamps.ntz(run.scheduledTime)), \(run.scheduledFrom))"
        if let code = run.errorCode, let message = run.errorMessage {
            text += ": \(code): " + message.replacingOccurrences(of: "\n", with: " ")
        }
        return text
    }

    /// A clock that starts at the real time (`start`, else now) and runs `scale` times faster
    /// (tests of `serve`; its worker processes rebuild it from the same start).
    public static func scaledClock(_ scale: Double, from base: @escaping @Sendable () -> Date = { Date() },
                                   start: Date? = nil) -> @Sendable () -> Date {
        let start = start ?? base()
        return { start.addingTimeInterval(base().timeIntervalSince(start) * scale) }
    }
}

// MARK: - The client's worker

public final class TaskRunWorker: TaskRunDispatcher, @unchecked Sendable {
    private let makeSession: @Sendable () throws -> Session
    private let report: @Sendable (String) -> Void
    private let condition = NSCondition()
    /// Woken since the last pass over the queue.
    private var pending = false
    /// A pass is under way.
    private var busy = false
    private var started = false
    /// Passes that failed in a row.
    private var failures = 0
    static let maximumFailures = 20

    /// `makeSession` opens the worker's own session (called on the worker's thread, once).
    public init(report: @escaping @Sendable (String) -> Void = { try? FileHandle.standardError.write(contentsOf: Data(($0 + "\n").utf8)) },
                makeSession: @escaping @Sendable () throws -> Session) {
        self.makeSession = makeSession
        self.report = report
    }

    public func runsQueued() {
        condition.lock()
        defer { condition.unlock() }
        pending = true
        if !started {
            started = true
            let thread = Thread { [self] in loop() }
            thread.name = "snowlite-task-runs"
            // Task bodies run the parser and interpreter, which recurse.
            thread.stackSize = 16 << 20
            thread.start()
        }
        condition.broadcast()
    }

    public func waitUntilIdle() {
        condition.lock()
        defer { condition.unlock() }
        while pending || busy { condition.wait() }
    }

    private func loop() {
        var session: Session?
        while true {
            condition.lock()
            while !pending { condition.wait() }
            (pending, busy) = (false, true)
            condition.unlock()
            var failed = false
            do {
                if session == nil { session = try makeSession() }
                _ = try session?.runQueuedTasks()
            } catch {
                failed = true
                report("Task runs: \(error)")
            }
            condition.lock()
            failures = failed ? failures + 1 : 0
            if failed && failures < TaskRunWorker.maximumFailures {
                // Try again shortly (another connection may hold the account's write lock).
                pending = true
                condition.unlock()
                Thread.sleep(forTimeInterval: 0.25)
                condition.lock()
            }
            busy = false
            condition.broadcast()
            condition.unlock()
        }
    }
}
