// StatementWatch: how a running statement is stopped from outside its own thread — by its time
// limit (STATEMENT_TIMEOUT_IN_SECONDS, a task's USER_TASK_TIMEOUT_MS) or by a cancellation
// (Session.cancelRunningStatement: a client's abort). A statement stops at the next point that checks (every
// statement and loop iteration of a script, every statement of a procedure) and, inside SQLite,
// through the connection's interrupt, which the watch only sends while its own statement holds
// the connection, so that another session's statement on the same connection is never hit.
// https://docs.snowflake.com/en/sql-reference/parameters#statement-timeout-in-seconds

import Dispatch
import Foundation
import Synchronization

final class StatementWatch: Sendable {
    /// Why the statement was stopped: the error it ends with.
    enum Stop: Sendable, Equatable {
        case timedOut(seconds: Int)
        case taskTimedOut(milliseconds: Int)
        case canceled

        var error: SnowflakeError {
            switch self {
            case .timedOut(let seconds): return .statementTimedOut(seconds: String(seconds))
            case .taskTimedOut(let milliseconds): return .taskTimedOut(milliseconds: milliseconds)
            case .canceled: return .executionCanceled
            }
        }
    }

    private struct State {
        var running = false
        /// How many of the statement's database accesses are open (a procedure's inner statements nest).
        var inDatabase = 0
        var stop: Stop?
        /// When the statement started, and whether its limit is known yet (`arm`).
        var start: DispatchTime = .now()
        var armed = false
        var canceled = false
        /// When and why the running statement's limit stops it.
        var deadline: DispatchTime = .distantFuture
        var reason: Stop = .canceled
    }

    /// When the timer fires next. A statement's deadline later than that moves nothing: the tick
    /// finds the statement still within its limit and moves the timer on to its deadline. So a
    /// stream of statements under the two-day default costs no timer call at all.
    private let scheduledFor = Mutex<DispatchTime>(.distantFuture)

    private let state = Mutex(State())
    private let interrupt: @Sendable () -> Void
    /// One timer per session, moved when a statement's limit is known: never one pending block per statement.
    /// Dispatch sources are safe to schedule from any thread; Dispatch does not mark them Sendable.
    nonisolated(unsafe) private let timer: any DispatchSourceTimer

    /// `interrupt` aborts what the session's connection is running (GRDB's `interrupt()`).
    init(interrupt: @escaping @Sendable () -> Void) {
        self.interrupt = interrupt
        timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "snowlite.statement-watch"))
        timer.schedule(deadline: .distantFuture)
        timer.setEventHandler { [weak self] in self?.fire() }
        timer.activate()
    }

    deinit { timer.cancel() }

    /// A statement starts. Its limit is given by `arm`, within its first database access (where
    /// reading it costs no transaction of its own).
    func begin() {
        state.withLock { $0 = State(running: true, start: .now()) }
    }

    /// Whether the running statement's limit is still to be given.
    var needsLimit: Bool { state.withLock { $0.running && !$0.armed } }

    /// The running statement stops `limit` after it began, with `reason`.
    func arm(limit: Duration, reason: Stop) {
        let deadline: DispatchTime? = state.withLock { state in
            guard state.running, !state.armed else { return nil }
            state.armed = true
            guard limit < .seconds(Int64(Int32.max)) else { return nil }
            let (seconds, attoseconds) = limit.components
            state.deadline = state.start + .nanoseconds(Int(max(0, seconds)) * 1_000_000_000 + Int(attoseconds / 1_000_000_000))
            state.reason = reason
            return state.canceled ? nil : state.deadline
        }
        if let deadline { schedule(deadline, ifEarlier: true) }
    }

    /// Moves the timer to `deadline` (only if that is earlier than where it stands, with `ifEarlier`).
    /// Past the deadline it fires every 50 ms: SQLite ignores an interrupt sent while no SQL runs.
    private func schedule(_ deadline: DispatchTime, ifEarlier: Bool = false) {
        scheduledFor.withLock { scheduled in
            guard !ifEarlier || deadline < scheduled else { return }
            scheduled = deadline
            timer.schedule(deadline: deadline, repeating: deadline == .distantFuture ? .never : .milliseconds(50))
        }
    }

    /// The statement is over: nothing stops it any more.
    func end() {
        state.withLock { $0 = State() }
    }

    /// Stops the running statement; false when none is running.
    @discardableResult
    func cancel() -> Bool {
        let running = state.withLock { state in
            guard state.running else { return false }
            state.canceled = true
            return true
        }
        if running { schedule(.now()) }
        return running
    }

    /// Throws the error the statement was stopped with, if it was.
    func check() throws {
        if let stop = state.withLock({ $0.stop }) { throw stop.error }
    }

    /// Why the statement was stopped, if it was.
    var stopped: Stop? { state.withLock { $0.stop } }

    /// Runs `body` (one of the statement's database accesses) where an interrupt may reach it.
    func inDatabase<T>(_ body: () throws -> T) throws -> T {
        state.withLock { $0.inDatabase += 1 }
        defer { state.withLock { $0.inDatabase -= 1 } }
        try check()
        return try body()
    }

    private func fire() {
        let next: DispatchTime? = state.withLock { state in
            // A tick before the running statement's deadline (or with none running) moves the timer on.
            guard state.running, state.canceled || DispatchTime.now() >= state.deadline else {
                return state.running ? state.deadline : .distantFuture
            }
            if state.stop == nil { state.stop = state.canceled ? .canceled : state.reason }
            // Sent under the lock: the access cannot end, and another session's statement start, in between.
            if state.inDatabase > 0 { interrupt() }
            return nil
        }
        if let next { schedule(next) }
    }
}
