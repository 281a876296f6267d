// TaskScheduler: the loop `snowlite serve` runs for one account (spec §8). Each tick runs every due
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

import Foundation
import Engine
import Storage

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
    private let control = TaskRunControl()
    private let condition = NSCondition()
    private var store: AccountStore?
    private var finished = false

    /// `makeSession` opens the scheduler's own session (on the thread that runs the loop); `clock`
    /// is the time the scheduler goes by; `log` gets one line per run and per start and stop.
    public init(configuration: Configuration = Configuration(), claimer: String = "scheduler-\(ProcessInfo.processInfo.processIdentifier)",
                clock: @escaping @Sendable () -> Date, log: @escaping @Sendable (String) -> Void,
                makeSession: @escaping @Sendable () throws -> Session) {
        self.configuration = configuration
        self.claimer = claimer
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
                for run in try session.runDueTasks(now: clock()) { log(TaskScheduler.line(run)) }
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

    /// A clock that starts at the real time and runs `scale` times faster (tests of `serve`).
    public static func scaledClock(_ scale: Double, from base: @escaping @Sendable () -> Date = { Date() }) -> @Sendable () -> Date {
        let start = base()
        return { start.addingTimeInterval(base().timeIntervalSince(start) * scale) }
    }
}
