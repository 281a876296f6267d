// TaskRunWorker: how EXECUTE TASK's run happens when no `snowlite serve` is running. EXECUTE TASK
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
import Engine

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
    public init(report: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) },
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
