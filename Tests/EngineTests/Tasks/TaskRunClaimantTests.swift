// TaskRunClaimantTests: a run whose claiming process has ended is freed at once (issue 17, item 21).
// With a process table the test controls: the claimant is recorded on the run; while its process
// runs, the run blocks its task (the next scheduled run is SKIPPED, `tasks wait` waits); once it has
// ended, the next scheduler tick or `hasPendingTaskRuns` records the run FAILED with 000603 naming
// the process, TASK_AUTO_RETRY_ATTEMPTS retries it, and the task's next run proceeds. A claimant on
// another host, or a run recorded before claimants were, is left to the timeout. And the system's
// table itself: this process runs, a reaped child does not, a reused pid is not its old process, and
// another pid namespace's pids are not this one's.

import Foundation
import GRDB
import XCTest
import Engine

final class TaskRunClaimantTests: XCTestCase {
    /// Processes as the test says: `ended` pids are gone; another host cannot be told.
    struct Processes: ProcessTable {
        var ended: Set<Int32> = []
        var current: TaskRunClaimant { TaskRunClaimant(pid: 4242, host: "build-7", start: "boot/100") }
        func isRunning(_ claimant: TaskRunClaimant) -> Bool? {
            guard claimant.host == "build-7" else { return nil }
            return !ended.contains(claimant.pid)
        }
    }

    var folder: URL!
    var session: Session!
    var t0: Date { Date(timeIntervalSince1970: 1_767_348_000) }  // 2026-01-02 10:00 UTC
    func minutes(_ n: Int) -> Date { t0.addingTimeInterval(TimeInterval(n * 60)) }

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("claimants-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try Session.openAccount(path: folder.appendingPathComponent("account.sqlite").path)
        let t0 = self.t0
        session = Session(store: store, user: "tester", clock: { t0 }, sessionID: 1)
        try session.login(role: nil, warehouse: nil, database: nil, schema: nil)
        for statement in ["create database app", "create schema core", "use schema app.core", "create table core.log (msg string)",
                          "create task t schedule = '1 minute' as insert into log values ('t')", "alter task t resume"] {
            _ = try session.execute(statement)
        }
    }

    override func tearDownWithError() throws {
        session = nil
        try? FileManager.default.removeItem(at: folder)
    }

    func cells(_ sql: String) throws -> [[String]] {
        try session.execute(sql).rows.map { $0.map { $0.displayText() ?? "NULL" } }
    }

    /// TASK_HISTORY's state, scheduled time (time of day), error code and message, newest first.
    func history() throws -> [[String]] {
        try cells("""
            select state, substr(scheduled_time::string, 12, 8), error_code, error_message
            from table(app.information_schema.task_history(task_name => 'T'))
            """)
    }

    /// The 10:01 run, claimed by `pid` on `host`, which then stopped doing anything.
    func claim(pid: Int32?, host: String = "build-7") throws {
        try session.store.queue.write { db in
            try db.execute(sql: """
                UPDATE sl_task_run SET state = 'EXECUTING', claimed_by = 'scheduler-1', query_start_time = '2026-01-02 10:01:00.000 +0000',
                    claimer_pid = ?, claimer_host = ?, claimer_start = 'boot/7'
                WHERE name = 'T'
                """, arguments: [pid, pid.map { _ in host }])
            try db.execute(sql: """
                INSERT INTO sl_task_run (database_name, schema_name, name, query_text, state, scheduled_time, scheduled_from)
                VALUES ('APP', 'CORE', 'T', 'x', 'SCHEDULED', '2026-01-02 10:02:00.000 +0000', 'SCHEDULE')
                """)
        }
    }

    static let ended = "SQL execution internal error: the process running this task run (pid 77 on host build-7) ended before the run did."

    func testARunWhoseClaimantEndedIsFreedAndTheTaskGoesOn() throws {
        try claim(pid: 77)
        // While pid 77 runs, its run blocks the task.
        XCTAssertEqual(try session.runDueTasks(now: minutes(2), processes: Processes()).map(\.state), ["SKIPPED"])
        XCTAssertTrue(try session.hasPendingTaskRuns(processes: Processes()))
        // It has ended: `tasks wait` frees the run and has nothing to wait for.
        XCTAssertFalse(try session.hasPendingTaskRuns(processes: Processes(ended: [77])))
        XCTAssertEqual(try history().last, ["FAILED", "10:01:00", "000603", Self.ended])
        XCTAssertEqual(try session.runDueTasks(now: minutes(3), processes: Processes(ended: [77])).map(\.state), ["SUCCEEDED"])
        XCTAssertEqual(try history().map { $0[0] }, ["SCHEDULED", "SUCCEEDED", "SKIPPED", "FAILED"])
        // The run the tick claimed records the claimant it was given.
        let claimants = try session.store.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT claimer_pid, claimer_host, claimer_start FROM sl_task_run WHERE state = 'SUCCEEDED'")
        }
        XCTAssertEqual(claimants.map { "\($0["claimer_pid"] as Int32) \($0["claimer_host"] as String) \($0["claimer_start"] as String)" },
                       ["4242 build-7 boot/100"])
    }

    func testTheSchedulerFreesTheRunAtItsNextTickAndReportsIt() throws {
        try claim(pid: 77)
        let runs = try session.runDueTasks(now: minutes(2), processes: Processes(ended: [77]))
        XCTAssertEqual(runs.map(TaskScheduler.line), [
            "APP.CORE.T FAILED (run 1, scheduled 2026-01-02 10:01:00.000, SCHEDULE): 000603: \(Self.ended)",
            "APP.CORE.T SUCCEEDED (run 2, scheduled 2026-01-02 10:02:00.000, SCHEDULE)",
        ])
    }

    func testAFreedRunIsRetriedLikeAnyFailedRun() throws {
        _ = try session.execute("alter task t suspend")
        _ = try session.execute("alter task t set task_auto_retry_attempts = 1")
        _ = try session.execute("alter task t resume")
        try claim(pid: 77)
        let runs = try session.runDueTasks(now: minutes(2), processes: Processes(ended: [77]))
        XCTAssertEqual(runs.map(\.state), ["FAILED", "SUCCEEDED", "SUCCEEDED"])
        XCTAssertEqual(try cells("select scheduled_from, attempt_number, state from table(app.information_schema.task_history(task_name => 'T')) where attempt_number = 2"),
                       [["SCHEDULE", "2", "SUCCEEDED"]])
    }

    func testAClaimantOnAnotherHostOrNoneRecordedIsLeftToTheTimeout() throws {
        try claim(pid: 77, host: "elsewhere")
        XCTAssertTrue(try session.hasPendingTaskRuns(processes: Processes(ended: [77])))
        XCTAssertEqual(try session.runDueTasks(now: minutes(2), processes: Processes(ended: [77])).map(\.state), ["SKIPPED"])
        _ = try session.store.queue.write { db in try db.execute(sql: "UPDATE sl_task_run SET claimer_pid = NULL, claimer_host = NULL") }
        XCTAssertTrue(try session.hasPendingTaskRuns(processes: Processes(ended: [77])))
    }

    // MARK: - The system's processes

    func testTheSystemTableTellsThisProcessARealChildAndAReusedPidApart() throws {
        let system = SystemProcessTable()
        let me = system.current
        XCTAssertEqual(me.pid, ProcessInfo.processInfo.processIdentifier)
        XCTAssertEqual(system.isRunning(me), true)
        XCTAssertNil(system.isRunning(TaskRunClaimant(pid: me.pid, host: me.host + ".elsewhere", start: me.start)))
        guard let start = me.start else { throw XCTSkip("no /proc: start times are not known here") }
        // The same pid with another start time is another process: the claimant has ended.
        XCTAssertEqual(system.isRunning(TaskRunClaimant(pid: me.pid, host: me.host, start: start + "0")), false)
        // Another pid namespace's pid 1 (a container's) cannot be told from here.
        XCTAssertNil(system.isRunning(TaskRunClaimant(pid: 1, host: me.host, start: "pid:[1]/" + start)))
        XCTAssertTrue(start.hasPrefix("pid:["), start)
        // A child that ran and was reaped is gone.
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/sh")
        child.arguments = ["-c", "exit 0"]
        try child.run()
        let pid = child.processIdentifier
        child.waitUntilExit()
        XCTAssertEqual(system.isRunning(TaskRunClaimant(pid: pid, host: me.host, start: nil)), false)
    }
}
