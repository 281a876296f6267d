// TaskSchedulerLoopTests: the `serve` loop (Snowlite.TaskScheduler) in-process, with a clock the
// test moves by hand and a short poll interval — each tick runs what is due at the clock's time and
// logs one line per run; `run() async` (how a service beside it, the dashboard, runs it) stops when
// its task is cancelled; `stop(grace:)` lets nothing new start; the worker that runs EXECUTE TASK's
// runs for a client (TaskRunWorker) runs them in the background and `waitUntilIdle` waits for them.

import Foundation
import XCTest
import Engine
import Snowlite

final class TaskSchedulerLoopTests: XCTestCase {
    /// A clock and a log shared with the scheduler's thread.
    final class Shared: @unchecked Sendable {
        private let lock = NSLock()
        private var instant = Date(timeIntervalSince1970: 1_767_348_000)  // 2026-01-02 10:00 UTC
        private var lines: [String] = []
        var now: Date {
            get { lock.withLock { instant } }
            set { lock.withLock { instant = newValue } }
        }
        var log: [String] { lock.withLock { lines } }
        func append(_ line: String) { lock.withLock { lines.append(line) } }

        /// Waits (real time) until the log has `count` lines.
        func waitForLog(_ count: Int, timeout: TimeInterval = 10) -> Bool {
            let deadline = Date().addingTimeInterval(timeout)
            while log.count < count && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
            return log.count >= count
        }
    }

    let shared = Shared()
    var folder: URL!
    var path: String { folder.appendingPathComponent("account.sqlite").path }
    var options: ConnectionOptions {
        var options = ConnectionOptions()
        options.databasePath = path
        return options
    }

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("scheduler-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let session = try makeSession()
        for statement in ["create database app", "create table app.public.log (msg string)",
                          "create task app.public.tick schedule = '1 minute' as insert into app.public.log values ('tick')",
                          "alter task app.public.tick resume"] {
            _ = try session.execute(statement)
        }
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    func makeSession() throws -> Session {
        let shared = self.shared
        return try Snowlite.makeSession(store: try Snowlite.openAccount(options, environment: [:]), options: options,
                                        clock: { shared.now }, environment: [:])
    }

    func cells(_ sql: String) throws -> [[String]] {
        try makeSession().execute(sql).rows.map { $0.map { $0.displayText() ?? "NULL" } }
    }

    func scheduler() -> TaskScheduler {
        var configuration = TaskScheduler.Configuration()
        configuration.pollInterval = 0.01
        let (shared, options) = (self.shared, self.options)
        return TaskScheduler(configuration: configuration, claimer: "test-scheduler", clock: { shared.now }, log: shared.append) {
            try Snowlite.makeSession(store: try Snowlite.openAccount(options, environment: [:]), options: options,
                                     clock: { shared.now }, environment: [:])
        }
    }

    func testTheLoopRunsWhatIsDueAtEachTickAndStopsWithItsTask() async throws {
        let scheduler = scheduler()
        let loop = Task { try await scheduler.run() }
        XCTAssertTrue(shared.waitForLog(1))
        XCTAssertEqual(shared.log, ["Scheduler started for account SNOWLITE (\(path))."])
        shared.now = shared.now.addingTimeInterval(60)
        XCTAssertTrue(shared.waitForLog(2))
        shared.now = shared.now.addingTimeInterval(60)
        XCTAssertTrue(shared.waitForLog(3))
        loop.cancel()
        try await loop.value
        XCTAssertEqual(shared.log, [
            "Scheduler started for account SNOWLITE (\(path)).",
            "APP.PUBLIC.TICK SUCCEEDED (run 1, scheduled 2026-01-02 10:01:00.000, SCHEDULE)",
            "APP.PUBLIC.TICK SUCCEEDED (run 2, scheduled 2026-01-02 10:02:00.000, SCHEDULE)",
            "Scheduler stopped.",
        ])
        XCTAssertEqual(try cells("select count(*) from app.public.log"), [["2"]])
    }

    func testAStoppedSchedulerStartsNothing() throws {
        let scheduler = scheduler()
        let thread = Thread { try? scheduler.run() }
        thread.start()
        XCTAssertTrue(shared.waitForLog(1))
        scheduler.stop(grace: 0)
        XCTAssertTrue(scheduler.waitUntilFinished(timeout: 10))
        shared.now = shared.now.addingTimeInterval(600)
        Thread.sleep(forTimeInterval: 0.1)
        XCTAssertEqual(shared.log.last, "Scheduler stopped.")
        XCTAssertEqual(try cells("select count(*) from app.public.log"), [["0"]])
    }

    func testTheClientsWorkerRunsExecuteTaskRunsInTheBackground() throws {
        let session = try makeSession()
        let options = self.options, shared = self.shared
        let worker = TaskRunWorker(report: shared.append) {
            try Snowlite.makeSession(store: try Snowlite.openAccount(options, environment: [:]), options: options,
                                     clock: { shared.now }, environment: [:])
        }
        session.taskRunDispatcher = worker
        _ = try session.execute("create task app.public.once as insert into app.public.log values ('once')")
        _ = try session.execute("execute task app.public.once")
        session.waitForQueuedTaskRuns()
        XCTAssertEqual(try cells("select msg from app.public.log"), [["once"]])
        XCTAssertFalse(try session.hasPendingTaskRuns())
        // The scheduled runs are the scheduler's, not the worker's.
        shared.now = shared.now.addingTimeInterval(600)
        _ = try session.execute("execute task app.public.once")
        session.waitForQueuedTaskRuns()
        XCTAssertEqual(try cells("select msg from app.public.log"), [["once"], ["once"]])
        XCTAssertEqual(shared.log, [])
    }

    func testTheScaledClockRunsFaster() {
        let base = Date(timeIntervalSince1970: 1000)
        let shared = self.shared
        shared.now = base
        let clock = TaskScheduler.scaledClock(60, from: { shared.now })
        shared.now = base.addingTimeInterval(2)
        XCTAssertEqual(clock(), base.addingTimeInterval(120))
    }
}
