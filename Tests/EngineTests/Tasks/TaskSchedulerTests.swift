// TaskSchedulerTests: the scheduler's promises, with a clock the test moves by hand — two
// schedulers (two sessions, each with its own connection to one account file) never run one run
// twice, in turns or racing on two threads; a due run while one executes is SKIPPED (run with
// ALLOW_OVERLAPPING_EXECUTION) and an EXECUTE TASK run waits for it; a restart after downtime runs
// one catch-up run, not a burst; SUSPEND_TASK_AFTER_NUM_FAILURES counts consecutive failures only;
// USER_TASK_TIMEOUT_MS fails a run (000630); TASK_AUTO_RETRY_ATTEMPTS runs it again; a stopping
// scheduler's run ends CANCELLED (000604); an EXECUTING run its scheduler abandoned is cancelled.
// A Swift procedure (`core.hook()`) lets a test act in the middle of a run.

import Foundation
import GRDB
import XCTest
import Engine

final class TaskSchedulerTests: XCTestCase {
    final class Clock: @unchecked Sendable { var now = Date(timeIntervalSince1970: 1_767_348_000) }  // 2026-01-02 10:00 UTC

    /// What `core.hook()` does when a task body calls it.
    final class Hook: ProcedureHandler, @unchecked Sendable {
        var action: () throws -> Void = {}
        func call(_ context: ProcedureContext) throws -> ScriptOutcome {
            let action = self.action
            self.action = {}  // once: a run the hook starts calls it again
            try action()
            return .value(.string("hooked"), .string)
        }
    }

    let clock = Clock()
    let hook = Hook()
    var folder: URL!
    var session: Session!
    var t0: Date { Date(timeIntervalSince1970: 1_767_348_000) }

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("tasks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        session = try openSession(id: 1)
        for statement in ["create database app", "create schema core", "use schema app.core", "create table core.log (msg string)",
                          "create procedure core.hook() returns string language python runtime_version = '3.11' handler = 'tests.hook'"] {
            _ = try session.execute(statement)
        }
    }

    override func tearDownWithError() throws {
        session = nil
        try? FileManager.default.removeItem(at: folder)
    }

    /// Another session on the account file, through a connection of its own (another scheduler).
    func openSession(id: Int64) throws -> Session {
        let store = try Session.openAccount(path: folder.appendingPathComponent("account.sqlite").path)
        let clock = self.clock
        let session = Session(store: store, user: "tester", clock: { clock.now }, sessionID: id)
        session.procedureRegistry.register("tests.hook", hook)
        try session.login(role: nil, warehouse: nil, database: "app", schema: "core")
        return session
    }

    func cells(_ sql: String, in session: Session? = nil) throws -> [[String]] {
        try (session ?? self.session).execute(sql).rows.map { $0.map { $0.displayText() ?? "NULL" } }
    }

    /// TASK_HISTORY's name, state, scheduled time (time of day) and error code, newest first.
    func history(_ task: String) throws -> [[String]] {
        try cells("""
            select name, state, substr(scheduled_time::string, 12, 8), error_code
            from table(app.information_schema.task_history(task_name => '\(task)'))
            """)
    }

    func minutes(_ n: Int) -> Date { t0.addingTimeInterval(TimeInterval(n * 60)) }

    // MARK: - Two schedulers

    func testTwoSchedulersTakeTurnsWithoutRunningARunTwice() throws {
        let other = try openSession(id: 2)
        for name in ["a", "b", "c"] {
            _ = try session.execute("create task \(name) schedule = '1 minute' as insert into log values ('\(name)')")
            _ = try session.execute("alter task \(name) resume")
        }
        XCTAssertEqual(try session.runDueTasks(now: minutes(1)).map(\.task), ["APP.CORE.A", "APP.CORE.B", "APP.CORE.C"])
        XCTAssertEqual(try other.runDueTasks(now: minutes(1)), [])
        XCTAssertEqual(try other.runDueTasks(now: minutes(2)).map(\.task), ["APP.CORE.A", "APP.CORE.B", "APP.CORE.C"])
        XCTAssertEqual(try session.runDueTasks(now: minutes(2)), [])
        XCTAssertEqual(try cells("select msg, count(*) from log group by msg order by msg"), [["a", "2"], ["b", "2"], ["c", "2"]])
    }

    /// What the racing schedulers report, gathered from their threads.
    final class Reports: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var errors: [String] = []
        private(set) var runIDs: [Int64: Set<Int64>] = [:]
        func add(_ id: Int64, _ runs: [TaskRun]) {
            lock.withLock { runIDs[id, default: []].formUnion(runs.filter { $0.state == "SUCCEEDED" }.map(\.runID)) }
        }
        func fail(_ error: Error) { lock.withLock { errors.append("\(error)") } }
    }

    func testTwoSchedulersRacingOnTwoThreadsRunEachRunOnce() throws {
        for name in ["a", "b", "c", "d"] {
            _ = try session.execute("create task \(name) schedule = '1 minute' as insert into log values ('\(name)')")
            _ = try session.execute("alter task \(name) resume")
        }
        let path = folder.appendingPathComponent("account.sqlite").path
        let start = t0
        let group = DispatchGroup()
        let reports = Reports()
        for id in [11, 12] as [Int64] {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                do {
                    let store = try Session.openAccount(path: path)
                    let scheduler = Session(store: store, user: "tester", clock: { start }, sessionID: id)
                    try scheduler.login(role: nil, warehouse: nil, database: nil, schema: nil)
                    for minute in 1...15 {
                        reports.add(id, try scheduler.runDueTasks(now: start.addingTimeInterval(TimeInterval(minute * 60))))
                    }
                } catch {
                    reports.fail(error)
                }
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        XCTAssertEqual(group.wait(timeout: .now() + 60), .success)
        XCTAssertEqual(reports.errors, [])
        // No run was executed by both; every run that succeeded inserted one row; no scheduled
        // time of a task ran twice.
        let first = reports.runIDs[11] ?? [], second = reports.runIDs[12] ?? []
        XCTAssertEqual(first.intersection(second), [])
        let succeeded = try cells("""
            select count(*), count(distinct name || scheduled_time)
            from table(app.information_schema.task_history(result_limit => 1000)) where state = 'SUCCEEDED'
            """)
        XCTAssertEqual(succeeded, [[String(first.count + second.count), String(first.count + second.count)]])
        XCTAssertEqual(try cells("select count(*) from log"), [[String(first.count + second.count)]])
        XCTAssertGreaterThanOrEqual(first.count + second.count, 4)
    }

    // MARK: - Overlapping runs

    func testADueRunWhileOneExecutesIsSkippedAndAnExecuteTaskRunWaits() throws {
        let other = try openSession(id: 2)
        _ = try session.execute("create task slow schedule = '1 minute' as begin call hook(); insert into log values ('slow'); end")
        _ = try session.execute("alter task slow resume")
        var seenByOther: [TaskRun] = []
        hook.action = { [unowned self] in
            // While the 10:01 run executes here, the other scheduler finds 10:02 due, and an
            // EXECUTE TASK run, which waits.
            _ = try other.execute("execute task slow")
            XCTAssertEqual(try other.runQueuedTasks(), [])
            seenByOther = try other.runDueTasks(now: minutes(2))
        }
        // The run is over, then the EXECUTE TASK run goes.
        let runs = try session.runDueTasks(now: minutes(1))
        XCTAssertEqual(runs.map(\.state), ["SUCCEEDED", "SUCCEEDED"])
        XCTAssertEqual(runs.map(\.scheduledFrom), ["SCHEDULE", "EXECUTE_TASK"])
        XCTAssertEqual(seenByOther.map(\.state), ["SKIPPED"])
        XCTAssertEqual(seenByOther.map(\.scheduledTime), [minutes(2)])
        XCTAssertEqual(try other.runQueuedTasks(), [])
        XCTAssertEqual(try history("slow"), [
            ["SLOW", "SCHEDULED", "10:03:00", "NULL"], ["SLOW", "SKIPPED", "10:02:00", "NULL"],
            ["SLOW", "SUCCEEDED", "10:01:00", "NULL"], ["SLOW", "SUCCEEDED", "10:00:00", "NULL"],
        ])
        XCTAssertEqual(try cells("select count(*) from log"), [["2"]])
    }

    func testAllowOverlappingExecutionRunsTheDueRunAlongside() throws {
        let other = try openSession(id: 2)
        _ = try session.execute("""
            create task slow schedule = '1 minute' allow_overlapping_execution = true
            as begin call hook(); insert into log values ('slow'); end
            """)
        _ = try session.execute("alter task slow resume")
        var seenByOther: [TaskRun] = []
        hook.action = { [unowned self] in seenByOther = try other.runDueTasks(now: minutes(2)) }
        XCTAssertEqual(try session.runDueTasks(now: minutes(1)).map(\.state), ["SUCCEEDED"])
        XCTAssertEqual(seenByOther.map(\.state), ["SUCCEEDED"])
        XCTAssertEqual(try cells("select count(*) from log"), [["2"]])
    }

    func testAnAbandonedRunIsCancelledAfterItsTimeout() throws {
        _ = try session.execute("create task t schedule = '1 minute' user_task_timeout_ms = 60000 as insert into log values ('t')")
        _ = try session.execute("alter task t resume")
        // A scheduler claimed the 10:01 run and died.
        try session.store.queue.write { db in
            try db.execute(sql: """
                UPDATE sl_task_run SET state = 'EXECUTING', claimed_by = 'gone', query_start_time = '2026-01-02 10:01:00.000 +0000'
                WHERE name = 'T'
                """)
            try db.execute(sql: """
                INSERT INTO sl_task_run (database_name, schema_name, name, query_text, state, scheduled_time, scheduled_from)
                VALUES ('APP', 'CORE', 'T', 'x', 'SCHEDULED', '2026-01-02 10:02:00.000 +0000', 'SCHEDULE')
                """)
        }
        XCTAssertEqual(try session.runDueTasks(now: minutes(2)).map(\.state), ["SKIPPED"])
        XCTAssertEqual(try session.runDueTasks(now: minutes(3)).map(\.state), ["SUCCEEDED"])
        XCTAssertEqual(try history("t").map { $0[1] }, ["SCHEDULED", "SUCCEEDED", "SKIPPED", "CANCELLED"])
        XCTAssertEqual(try history("t").last, ["T", "CANCELLED", "10:01:00", "000604"])
    }

    // MARK: - Restart

    func testARestartRunsOneCatchUpRunNotABurst() throws {
        _ = try session.execute("create task t schedule = '10 minutes' as insert into log values ('t')")
        _ = try session.execute("alter task t resume")
        XCTAssertEqual(try session.runDueTasks(now: minutes(10)).count, 1)
        session = nil  // the scheduler stops; 10:20 … 12:50 are missed

        session = try openSession(id: 3)
        let runs = try session.runDueTasks(now: minutes(175))
        XCTAssertEqual(runs.map(\.scheduledTime), [minutes(20)])
        XCTAssertEqual(try session.runDueTasks(now: minutes(175)), [])
        XCTAssertEqual(try session.runDueTasks(now: minutes(180)).map(\.scheduledTime), [minutes(180)])
        XCTAssertEqual(try history("t").map { $0[2] }, ["13:10:00", "13:00:00", "10:20:00", "10:10:00"])
        XCTAssertEqual(try cells("select count(*) from log"), [["3"]])
    }

    // MARK: - Failures

    func testConsecutiveFailuresSuspendTheTask() throws {
        _ = try session.execute("""
            create task flaky schedule = '1 minute' suspend_task_after_num_failures = 3 as insert into sink values ('x')
            """)
        _ = try session.execute("alter task flaky resume")
        var states: [String] = []
        for minute in 1...2 { states += try session.runDueTasks(now: minutes(minute)).map(\.state) }
        _ = try session.execute("create table sink (msg string)")
        states += try session.runDueTasks(now: minutes(3)).map(\.state)
        _ = try session.execute("drop table sink")
        for minute in 4...8 { states += try session.runDueTasks(now: minutes(minute)).map(\.state) }
        // Two failures, a success (the count starts again), three failures: suspended.
        XCTAssertEqual(states, ["FAILED", "FAILED", "SUCCEEDED", "FAILED", "FAILED", "FAILED_AND_AUTO_SUSPENDED"])
        let show = try session.execute("show tasks like 'FLAKY'")
        let column = { (name: String) in show.rows[0][show.columns.firstIndex { $0.name == name }!].displayText() ?? "NULL" }
        XCTAssertEqual([column("state"), column("last_suspended_reason")], ["suspended", "SUSPENDED_DUE_TO_ERRORS"])
        XCTAssertEqual(try history("flaky").first, ["FLAKY", "FAILED_AND_AUTO_SUSPENDED", "10:06:00", "002003"])
        XCTAssertEqual(try cells("""
            select count(*) from table(app.information_schema.task_history(task_name => 'FLAKY', error_only => true))
            """), [["5"]])
    }

    func testTenFailuresSuspendByDefaultAndZeroNever() throws {
        _ = try session.execute("create task ten schedule = '1 minute' as insert into sink values ('x')")
        _ = try session.execute("create task never schedule = '1 minute' suspend_task_after_num_failures = 0 as insert into sink values ('x')")
        _ = try session.execute("alter task ten resume")
        _ = try session.execute("alter task never resume")
        var ten: [String] = [], never: [String] = []
        for minute in 1...12 {
            for run in try session.runDueTasks(now: minutes(minute)) {
                if run.task == "APP.CORE.TEN" { ten.append(run.state) } else { never.append(run.state) }
            }
        }
        XCTAssertEqual(ten, Array(repeating: "FAILED", count: 9) + ["FAILED_AND_AUTO_SUSPENDED"])
        XCTAssertEqual(never, Array(repeating: "FAILED", count: 12))
    }

    func testATimedOutRunFails() throws {
        _ = try session.execute("""
            create task slow user_task_timeout_ms = 1500 as begin call hook(); insert into log values ('late'); end
            """)
        hook.action = { [unowned self] in clock.now = clock.now.addingTimeInterval(5) }
        _ = try session.execute("execute task slow")
        let runs = try session.runQueuedTasks()
        XCTAssertEqual(runs.map(\.state), ["FAILED"])
        XCTAssertEqual(runs.first?.errorCode, "000630")
        XCTAssertEqual(runs.first?.errorMessage, "Statement reached its statement or warehouse timeout of 1 second(s) and was canceled.")
        XCTAssertEqual(try cells("select count(*) from log"), [["0"]])
    }

    func testAutoRetryRunsAFailedTaskAgain() throws {
        _ = try session.execute("create task t task_auto_retry_attempts = 2 as insert into sink values ('x')")
        _ = try session.execute("execute task t")
        XCTAssertEqual(try session.runQueuedTasks().map(\.state), ["FAILED", "FAILED", "FAILED"])
        XCTAssertEqual(try cells("""
            select state, attempt_number, scheduled_from from table(app.information_schema.task_history(task_name => 'T'))
            order by attempt_number
            """), [["FAILED", "1", "EXECUTE_TASK"], ["FAILED", "2", "EXECUTE_TASK"], ["FAILED", "3", "EXECUTE_TASK"]])
    }

    // MARK: - Stopping

    func testAStoppingSchedulersRunIsCancelledAtItsNextStatement() throws {
        let control = TaskRunControl()
        session.taskRunControl = control
        _ = try session.execute("create task t as begin call hook(); insert into log values ('after'); end")
        _ = try session.execute("create task u as insert into log values ('u')")
        _ = try session.execute("execute task t")
        _ = try session.execute("execute task u")
        hook.action = { control.cancel() }
        let runs = try session.runQueuedTasks()
        // T is cancelled; U, queued after it, does not start.
        XCTAssertEqual(runs.map(\.state), ["CANCELLED"])
        XCTAssertEqual(runs.first?.errorMessage, "SQL execution canceled")
        XCTAssertEqual(try history("u").map { $0[1] }, ["SCHEDULED"])
        session.taskRunControl = nil
        XCTAssertEqual(try session.runQueuedTasks().map(\.task), ["APP.CORE.U"])
        XCTAssertEqual(try cells("select msg from log"), [["u"]])
    }
}
