// TaskGraphTests: task graphs with a clock the test moves by hand — a diamond (ROOT → A, B → C)
// resumed with SYSTEM$TASK_DEPENDENTS_ENABLE runs in order in one graph run (one GRAPH_RUN_GROUP_ID,
// the root's ROOT_TASK_ID); a failed or suspended task stops its branch; EXECUTE TASK on the root
// runs the graph; a still-running graph makes the next scheduled root run SKIPPED; return values
// pass from a predecessor to its child; and the edge rules — ADD/REMOVE AFTER only while the root
// is suspended, no cycles, no SCHEDULE on a child, no EXECUTE TASK on a child — with exact errors.

import Foundation
import XCTest
import Engine

final class TaskGraphTests: EngineTestCase {
    var t0: Date { Date(timeIntervalSince1970: 1_767_348_000) }  // 2026-01-02 10:00 UTC
    override var sessionID: Int64 { 4 }

    override func setUpWithError() throws {
        clock.now = t0
        try super.setUpWithError()
        for statement in ["create database app", "create schema core", "use schema app.core", "create table log (msg string)",
                          "create task root schedule = '1 minute' as insert into log values ('root')",
                          "create task a after root as insert into log values ('a')",
                          "create task b after root as insert into log values ('b')",
                          "create task c after a, b as insert into log values ('c')"] {
            _ = try session.execute(statement)
        }
    }

    func minutes(_ n: Int) -> Date { t0.addingTimeInterval(TimeInterval(n * 60)) }

    func enableGraph() throws {
        XCTAssertEqual(try cells("select system$task_dependents_enable('app.core.root')"), [["Statement executed successfully."]])
    }

    // MARK: - Runs

    func testADiamondRunsInOrderInOneGraphRun() throws {
        try enableGraph()
        XCTAssertEqual(try cells("show tasks").map { [$0[1], $0[12]] },
                       [["A", "started"], ["B", "started"], ["C", "started"], ["ROOT", "started"]])
        let runs = try session.runDueTasks(now: minutes(1))
        XCTAssertEqual(runs.map(\.task), ["APP.CORE.ROOT", "APP.CORE.A", "APP.CORE.B", "APP.CORE.C"])
        XCTAssertEqual(runs.map(\.state), ["SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "SUCCEEDED"])
        XCTAssertEqual(runs.map(\.scheduledFrom), ["SCHEDULE", "SCHEDULE", "SCHEDULE", "SCHEDULE"])
        XCTAssertEqual(try cells("select msg from log"), [["root"], ["a"], ["b"], ["c"]])
        let rootID = try cells("show tasks like 'ROOT'")[0][2]
        XCTAssertEqual(try cells("""
            select count(distinct graph_run_group_id), count(distinct root_task_id), max(root_task_id)
            from table(information_schema.task_history()) where state = 'SUCCEEDED'
            """), [["1", "1", rootID]])
        // The next graph run starts at 10:02.
        XCTAssertEqual(try session.runDueTasks(now: minutes(2)).map(\.task), ["APP.CORE.ROOT", "APP.CORE.A", "APP.CORE.B", "APP.CORE.C"])
    }

    func testAFailedOrSuspendedTaskStopsItsBranch() throws {
        try enableGraph()
        _ = try session.execute("alter task root suspend")
        _ = try session.execute("alter task a modify as insert into nope values ('a')")
        _ = try session.execute("alter task root resume")
        XCTAssertEqual(try session.runDueTasks(now: minutes(1)).map { [$0.task, $0.state] },
                       [["APP.CORE.ROOT", "SUCCEEDED"], ["APP.CORE.A", "FAILED"], ["APP.CORE.B", "SUCCEEDED"]])
        _ = try session.execute("alter task a modify as insert into log values ('a')")
        _ = try session.execute("alter task b suspend")
        XCTAssertEqual(try session.runDueTasks(now: minutes(2)).map(\.task), ["APP.CORE.ROOT", "APP.CORE.A"])
        XCTAssertEqual(try cells("select msg from log"), [["root"], ["b"], ["root"], ["a"]])
    }

    func testExecuteTaskOnTheRootRunsTheGraph() throws {
        for task in ["a", "b", "c"] { _ = try session.execute("alter task \(task) resume") }
        _ = try session.execute("execute task root")
        let runs = try session.runQueuedTasks()
        XCTAssertEqual(runs.map(\.task), ["APP.CORE.ROOT", "APP.CORE.A", "APP.CORE.B", "APP.CORE.C"])
        XCTAssertEqual(Set(runs.map(\.scheduledFrom)), ["EXECUTE_TASK"])
        // The root stays suspended: nothing is scheduled.
        XCTAssertEqual(try session.runDueTasks(now: minutes(10)), [])
    }

    func testARunningGraphSkipsTheNextRootRun() throws {
        try enableGraph()
        XCTAssertEqual(try session.runDueTasks(now: minutes(1)).count, 4)
        // C of the 10:01 graph run is still executing (on another scheduler) when 10:02 is due.
        try session.store.queue.write { db in
            try db.execute(sql: "UPDATE sl_task_run SET state = 'EXECUTING' WHERE name = 'C'")
        }
        XCTAssertEqual(try session.runDueTasks(now: minutes(2)).map { [$0.task, $0.state] }, [["APP.CORE.ROOT", "SKIPPED"]])
    }

    func testReturnValuesPassFromPredecessorToChild() throws {
        _ = try session.execute("alter task root modify as call system$set_return_value('from root')")
        _ = try session.execute("alter task a modify as insert into log select system$get_predecessor_return_value()")
        _ = try session.execute("alter task b modify as insert into log select system$get_predecessor_return_value('ROOT')")
        _ = try session.execute("alter task c modify as insert into log select coalesce(system$get_predecessor_return_value('a'), 'none')")
        try enableGraph()
        XCTAssertEqual(try session.runDueTasks(now: minutes(1)).map(\.state), ["SUCCEEDED", "SUCCEEDED", "SUCCEEDED", "SUCCEEDED"])
        XCTAssertEqual(try cells("select msg from log"), [["from root"], ["from root"], ["none"]])
        XCTAssertEqual(try cells("""
            select name, return_value from table(information_schema.task_history()) where name = 'ROOT' and state = 'SUCCEEDED'
            """), [["ROOT", "from root"]])
        assertError("select system$set_return_value('x')",
                    "001007 (22023): SQL compilation error:\nSYSTEM$SET_RETURN_VALUE can only be called from a task.")
    }

    // MARK: - Edges

    func testEdgesChangeOnlyWhileTheRootIsSuspended() throws {
        try enableGraph()
        let notSuspended = "001007 (22023): SQL compilation error:\nUnable to update graph with root task APP.CORE.ROOT since that root task is not suspended."
        assertError("alter task c remove after b", notSuspended)
        assertError("create task d after a as select 1", notSuspended)
        assertError("create or replace task b after root as select 1", notSuspended)
        _ = try session.execute("alter task root suspend")
        XCTAssertEqual(try cells("alter task c remove after b"), [["Statement executed successfully."]])
        XCTAssertEqual(try cells("desc task c").map { $0[11] }, ["[\"APP.CORE.A\"]"])
        _ = try session.execute("alter task c add after b, a")
        XCTAssertEqual(try cells("desc task c").map { $0[11] }, ["[\"APP.CORE.A\",\"APP.CORE.B\"]"])
        _ = try session.execute("create task d after c as select 1")
        assertError("alter task a add after d",
                    "001007 (22023): SQL compilation error:\nAdding predecessor APP.CORE.D to task APP.CORE.A would create a cycle.")
        assertError("alter task root add after d",
                    "001007 (22023): SQL compilation error:\nA task with predecessors (AFTER) cannot have a SCHEDULE.")
        assertError("alter task a set schedule = '1 minute'",
                    "001007 (22023): SQL compilation error:\nA task with predecessors (AFTER) cannot have a SCHEDULE.")
        assertError("execute task c", "001007 (22023): SQL compilation error:\nCannot execute task C: it is not a root task.")
        assertError("select system$task_dependents_enable('nope')",
                    "002003 (02000): SQL compilation error:\nTask 'NOPE' does not exist or not authorized.")
    }

    func testATaskLeftWithoutPredecessorsIsARoot() throws {
        _ = try session.execute("alter task a remove after root")
        XCTAssertEqual(try cells("desc task a").map { $0[11] }, ["[]"])
        _ = try session.execute("execute task a")
        XCTAssertEqual(try session.runQueuedTasks().map(\.task), ["APP.CORE.A"])
    }
}
