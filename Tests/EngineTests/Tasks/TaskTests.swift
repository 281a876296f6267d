// TaskTests: Snowflake tasks end to end on a session with the Scripting interpreter — the
// connector's own statements (`IDENTIFIER('TASKS.INGEST_X')SCHEDULE = …`, `reference(…)` refused
// outside apps, RESUME, EXECUTE TASK queueing a run that `runQueuedTasks()` runs), SHOW TASKS, DESC
// TASK, TASK_HISTORY, the scheduler entry point `runDueTasks(now:)` driven by a fixed clock (due
// runs, missed runs skipped, WHEN, failures recorded with their error, CRON across a DST change),
// owner's rights in the task's schema, bodies that are CALLs or blocks, the 091089 owner-privilege
// error, and the CREATE / ALTER / DROP errors. Overlaps, failures counted, timeouts, restarts and
// two schedulers are in TaskSchedulerTests; graphs in TaskGraphTests.

import Foundation
import GRDB
import XCTest
import Engine

final class TaskTests: EngineTestCase {
    var t0: Date { Date(timeIntervalSince1970: 1_767_348_000) }  // 2026-01-02 10:00 UTC
    override var sessionID: Int64 { 9 }

    override func setUpWithError() throws {
        clock.now = t0
        try super.setUpWithError()
        for statement in ["create warehouse wh", "create database app", "create schema core", "create schema tasks",
                          "create table core.log (msg string)",
                          """
                          create procedure core.ingest_data(repo string) returns string language sql as
                          $$ begin insert into core.log values (:repo); return 'ok'; end $$
                          """] {
            _ = try session.execute(statement)
        }
    }

    /// SHOW TASKS' name, schedule, state, warehouse and definition columns.
    func showTasks(_ sql: String = "show tasks in account") throws -> [[String]] {
        let result = try session.execute(sql)
        let names = result.columns.map(\.name)
        let wanted = ["name", "schedule", "state", "warehouse", "definition"].map { names.firstIndex(of: $0)! }
        return result.rows.map { row in wanted.map { row[$0].displayText() ?? "NULL" } }
    }

    func history(_ arguments: String = "") throws -> [[String]] {
        try cells("""
            select name, state, scheduled_from, scheduled_time, next_scheduled_time, error_code, error_message
            from table(app.information_schema.task_history(\(arguments)))
            """)
    }

    // MARK: - The connector's statements

    func testConnectorStatementsWithAPlainWarehouse() throws {
        assertError("""
            CREATE OR REPLACE TASK IDENTIFIER('TASKS.INGEST_X')SCHEDULE = '30 minutes' WAREHOUSE = reference('warehouse_reference') AS CALL CORE.INGEST_DATA('org/repo')
            """, "001007 (22023): SQL compilation error:\nreference('warehouse_reference') can only be used inside an application.")
        XCTAssertEqual(try status("""
            CREATE OR REPLACE TASK IDENTIFIER('TASKS.INGEST_X')SCHEDULE = '30 minutes' WAREHOUSE = wh AS CALL CORE.INGEST_DATA('org/repo')
            """), "Task INGEST_X successfully created.")
        XCTAssertEqual(try showTasks(), [["INGEST_X", "30 minutes", "suspended", "WH", "CALL CORE.INGEST_DATA('org/repo')"]])
        XCTAssertEqual(try status("ALTER TASK IDENTIFIER('TASKS.INGEST_X') RESUME"), "Statement executed successfully.")
        XCTAssertEqual(try showTasks("show tasks like 'ingest%' in schema app.tasks").map { $0[2] }, ["started"])

        clock.now = t0.addingTimeInterval(60)
        XCTAssertEqual(try status("EXECUTE TASK IDENTIFIER('TASKS.INGEST_X')"), "Statement executed successfully.")
        // EXECUTE TASK returns at once: its run is queued, not yet run.
        XCTAssertEqual(try cells("select msg from core.log"), [])
        XCTAssertEqual(try history().map { $0[1] }, ["SCHEDULED", "SCHEDULED"])
        XCTAssertEqual(try session.runQueuedTasks().map(\.state), ["SUCCEEDED"])
        XCTAssertEqual(try cells("select msg from core.log"), [["org/repo"]])
        // The run from EXECUTE TASK, and the next scheduled run (resumed at 10:00, every 30 minutes).
        XCTAssertEqual(try history(), [
            ["INGEST_X", "SCHEDULED", "SCHEDULE", "2026-01-02 10:30:00.000 +0000", "NULL", "NULL", "NULL"],
            ["INGEST_X", "SUCCEEDED", "EXECUTE_TASK", "2026-01-02 10:01:00.000 +0000", "NULL", "NULL", "NULL"],
        ])
    }

    func testSuspendedTaskRunsWithExecuteTaskOnly() throws {
        _ = try session.execute("create task core.t1 warehouse = wh schedule = '5 minutes' as insert into log values ('t1')")
        XCTAssertEqual(try session.runDueTasks(now: t0.addingTimeInterval(3600)), [])
        _ = try session.execute("execute task core.t1")
        XCTAssertEqual(try session.runQueuedTasks().map(\.scheduledFrom), ["EXECUTE_TASK"])
        // Nothing more is queued.
        XCTAssertEqual(try session.runQueuedTasks(), [])
        XCTAssertEqual(try cells("select msg from core.log"), [["t1"]])
        XCTAssertEqual(try showTasks().map { $0[2] }, ["suspended"])
        XCTAssertEqual(try history().map { $0[1] }, ["SUCCEEDED"])
    }

    // MARK: - The scheduler

    func testRunDueTasksRunsEachDueTaskOnceAndSchedulesTheNext() throws {
        _ = try session.execute("use schema app.core")
        _ = try session.execute("create task t10 schedule = '10 minutes' as insert into log values ('tick')")
        _ = try session.execute("alter task t10 resume")
        XCTAssertEqual(try session.runDueTasks(now: t0.addingTimeInterval(300)), [])

        let runs = try session.runDueTasks(now: t0.addingTimeInterval(600))
        XCTAssertEqual(runs.map(\.task), ["APP.CORE.T10"])
        XCTAssertEqual(runs.map(\.state), ["SUCCEEDED"])
        XCTAssertEqual(runs.map(\.scheduledFrom), ["SCHEDULE"])
        XCTAssertEqual(runs.map(\.scheduledTime), [t0.addingTimeInterval(600)])
        // Called again at the same instant: nothing is due until 10:20.
        XCTAssertEqual(try session.runDueTasks(now: t0.addingTimeInterval(600)), [])
        // Called late, at 10:45: one run for the 10:20 slot, the next at 10:50 (missed slots are skipped).
        XCTAssertEqual(try session.runDueTasks(now: t0.addingTimeInterval(2700)).count, 1)
        XCTAssertEqual(try cells("select count(*) from log"), [["2"]])
        XCTAssertEqual(try history("task_name => 't10'"), [
            ["T10", "SCHEDULED", "SCHEDULE", "2026-01-02 10:50:00.000 +0000", "NULL", "NULL", "NULL"],
            ["T10", "SUCCEEDED", "SCHEDULE", "2026-01-02 10:20:00.000 +0000", "2026-01-02 10:50:00.000 +0000", "NULL", "NULL"],
            ["T10", "SUCCEEDED", "SCHEDULE", "2026-01-02 10:10:00.000 +0000", "2026-01-02 10:20:00.000 +0000", "NULL", "NULL"],
        ])
        XCTAssertEqual(try history("task_name => 'T10', result_limit => 1").count, 1)
        XCTAssertEqual(try history("scheduled_time_range_start => '2026-01-02 10:15:00'").count, 2)

        // Suspended: the scheduled run is withdrawn and nothing runs.
        _ = try session.execute("alter task t10 suspend")
        XCTAssertEqual(try session.runDueTasks(now: t0.addingTimeInterval(7200)), [])
        XCTAssertEqual(try history().map { $0[1] }, ["SUCCEEDED", "SUCCEEDED"])
    }

    func testReplacingAStartedTaskWithdrawsItsRuns() throws {
        _ = try session.execute("create task core.r schedule = '5 minutes' as insert into core.log values ('old')")
        _ = try session.execute("alter task core.r resume")
        _ = try session.execute("execute task core.r")
        XCTAssertEqual(try status("create or replace task core.r schedule = '5 minutes' as insert into core.log values ('new')"),
                       "Task R successfully created.")
        // The scheduled run is gone, the queued one cancelled; the new task starts suspended.
        XCTAssertEqual(try history().map { [$0[1], $0[2]] }, [["CANCELLED", "EXECUTE_TASK"]])
        XCTAssertEqual(try showTasks().map { $0[2] }, ["suspended"])
        XCTAssertEqual(try session.runDueTasks(now: t0.addingTimeInterval(3600)), [])
    }

    func testCronAcrossTheFallBackChangeRunsTheRepeatedTimeTwice() throws {
        clock.now = try XCTUnwrap(ISO8601DateFormatter().date(from: "2026-10-31T12:00:00Z"))
        _ = try session.execute("""
            create task core.late schedule = 'USING CRON 30 1 * * * America/New_York' as insert into core.log values ('late')
            """)
        _ = try session.execute("alter task core.late resume")
        // 1 November 01:30 happens at 05:30 UTC (EDT) and again at 06:30 UTC (EST), then 2 November 06:30 UTC.
        let utc = { (text: String) in ISO8601DateFormatter().date(from: text)! }
        XCTAssertEqual(try session.runDueTasks(now: utc("2026-11-01T05:30:00Z")).map(\.scheduledTime), [utc("2026-11-01T05:30:00Z")])
        XCTAssertEqual(try session.runDueTasks(now: utc("2026-11-01T06:00:00Z")), [])
        XCTAssertEqual(try session.runDueTasks(now: utc("2026-11-01T06:30:00Z")).map(\.scheduledTime), [utc("2026-11-01T06:30:00Z")])
        XCTAssertEqual(try history().map { $0[3] }, ["2026-11-02 06:30:00.000 +0000", "2026-11-01 06:30:00.000 +0000",
                                                     "2026-11-01 05:30:00.000 +0000"])
    }

    func testCronScheduleInATimeZone() throws {
        _ = try session.execute("""
            create task core.nightly schedule = 'USING CRON 0 2 * * * America/New_York' as insert into core.log values ('night')
            """)
        _ = try session.execute("alter task core.nightly resume")
        // 02:00 in New York in January is 07:00 UTC the next day.
        XCTAssertEqual(try history().map { $0[3] }, ["2026-01-03 07:00:00.000 +0000"])
        XCTAssertEqual(try session.runDueTasks(now: t0.addingTimeInterval(22 * 3600)).map(\.state), ["SUCCEEDED"])
        XCTAssertEqual(try history().map { $0[3] }, ["2026-01-04 07:00:00.000 +0000", "2026-01-03 07:00:00.000 +0000"])
    }

    func testFailedAndSkippedRunsAreRecorded() throws {
        _ = try session.execute("create task core.broken schedule = '1 minute' as insert into core.nope values (1)")
        _ = try session.execute("create task core.never schedule = '1 minute' when 1 = 2 as insert into core.log values ('x')")
        _ = try session.execute("alter task core.broken resume")
        _ = try session.execute("alter task core.never resume")
        let runs = try session.runDueTasks(now: t0.addingTimeInterval(60))
        XCTAssertEqual(runs.map(\.task), ["APP.CORE.BROKEN", "APP.CORE.NEVER"])
        XCTAssertEqual(runs.map(\.state), ["FAILED", "SKIPPED"])
        XCTAssertEqual(runs[0].errorCode, "002003")
        XCTAssertEqual(try history("error_only => true"), [
            ["BROKEN", "FAILED", "SCHEDULE", "2026-01-02 10:01:00.000 +0000", "2026-01-02 10:02:00.000 +0000", "002003",
             "SQL compilation error:\nTable 'CORE.NOPE' does not exist or not authorized."],
        ])
        XCTAssertEqual(try cells("select count(*) from core.log"), [["0"]])
    }

    // MARK: - Owner's rights and bodies

    func testBodyRunsAsItsOwnerInItsSchema() throws {
        _ = try session.execute("""
            create task core.block_task as
            begin
              insert into log values ('one');
              insert into log values (current_schema());
            end
            """)
        _ = try session.execute("create database other")
        _ = try session.execute("set v = 1")
        _ = try session.execute("execute task app.core.block_task")
        XCTAssertEqual(try session.runQueuedTasks().map(\.state), ["SUCCEEDED"])
        XCTAssertEqual(try cells("select msg from app.core.log order by msg"), [["CORE"], ["one"]])
        // The caller's database and variables are back.
        XCTAssertEqual(try cells("select current_database(), $v"), [["OTHER", "1"]])
    }

    func testOwnerNeedsExecuteTaskOnTheAccount() throws {
        for statement in ["create role worker", "grant usage on database app to role worker",
                          "grant usage on schema app.core to role worker", "grant create task on schema app.core to role worker",
                          "grant role worker to user tester", "use role worker",
                          "create task app.core.w as select 1"] {
            _ = try session.execute(statement)
        }
        let denied = "091089 (23001): Cannot execute task , EXECUTE TASK privilege must be granted to owner role"
        assertError("alter task app.core.w resume", denied)
        assertError("execute task app.core.w", denied)
        _ = try session.execute("use role accountadmin")
        _ = try session.execute("grant execute task on account to role worker")
        _ = try session.execute("use role worker")
        XCTAssertEqual(try status("alter task app.core.w resume"), "Statement executed successfully.")
        XCTAssertEqual(try status("execute task app.core.w"), "Statement executed successfully.")
        // A run checks again: the owner lost EXECUTE TASK after the run was queued.
        _ = try session.execute("use role accountadmin")
        _ = try session.execute("revoke execute task on account from role worker")
        let runs = try session.runQueuedTasks()
        XCTAssertEqual(runs.map(\.state), ["FAILED"])
        XCTAssertEqual(runs.map(\.errorCode), ["091089"])
    }

    // MARK: - DDL errors and DROP

    func testCreateErrors() throws {
        _ = try session.execute("use schema app.core")
        assertError("create task t schedule = '5 apples' as select 1", """
            001007 (22023): SQL compilation error:
            invalid value ['5 apples'] for parameter 'SCHEDULE': expected '<n> MINUTE[S] | HOUR[S] | SECOND[S] | M | H | S' or 'USING CRON <minute> <hour> <day of month> <month> <day of week> <time zone>'
            """)
        assertError("create task t warehouse = nope as select 1",
                    "002003 (02000): SQL compilation error:\nWarehouse 'NOPE' does not exist or not authorized.")
        assertError("create task t warehouse = wh user_task_managed_initial_warehouse_size = 'XSMALL' as select 1",
                    "001007 (22023): SQL compilation error:\nCannot specify both WAREHOUSE and USER_TASK_MANAGED_INITIAL_WAREHOUSE_SIZE.")
        assertError("create task child after missing as select 1",
                    "002003 (02000): SQL compilation error:\nTask 'MISSING' does not exist or not authorized.")
        _ = try session.execute("create task root schedule = '1 hour' as select 1")
        assertError("create task child schedule = '1 hour' after root as select 1",
                    "001007 (22023): SQL compilation error:\nA task with predecessors (AFTER) cannot have a SCHEDULE.")
        XCTAssertEqual(try status("create task child after root as select 2"), "Task CHILD successfully created.")
        assertError("create task root as select 1", "002002 (42710): SQL compilation error:\nObject 'ROOT' already exists.")
        XCTAssertEqual(try status("create task if not exists root as select 1"), "ROOT already exists, statement succeeded.")
        assertError("execute task child", "001007 (22023): SQL compilation error:\nCannot execute task CHILD: it is not a root task.")
        let show = try session.execute("show tasks like 'CHILD'")
        let predecessors = show.columns.firstIndex { $0.name == "predecessors" }!
        XCTAssertEqual(show.rows.map { $0[predecessors].displayText() }, ["[\"APP.CORE.ROOT\"]"])
    }

    func testSyntaxErrorsAndAnUnqualifiedHistory() throws {
        assertError("create task t schedule = '1 m' schedule = '2 m' as select 1",
                    "001003 (42000): SQL compilation error:\nsyntax error line 1 at position 31 unexpected 'schedule'.")
        assertError("create task t select 1", "001003 (42000): SQL compilation error:\nsyntax error line 1 at position 14 unexpected 'select'.")
        _ = try session.execute("use schema app.core")
        assertError("select * from table(task_history())", "002140 (42601): SQL compilation error:\nUnknown function TASK_HISTORY")
        _ = try session.execute("use schema app.information_schema")
        XCTAssertEqual(try cells("select count(*) from table(task_history())"), [["0"]])
    }

    func testAlterSetUnsetAndDrop() throws {
        _ = try session.execute("use schema app.core")
        _ = try session.execute("create task t as select 1")
        _ = try session.execute("alter task t set schedule = '2 hours' comment = 'c'")
        _ = try session.execute("alter task t modify as insert into log values ('m')")
        XCTAssertEqual(try showTasks(), [["T", "2 hours", "suspended", "NULL", "insert into log values ('m')"]])
        _ = try session.execute("alter task t unset schedule")
        XCTAssertEqual(try showTasks().map { $0[1] }, ["NULL"])
        XCTAssertEqual(try showTasks("desc task t"), [["T", "NULL", "suspended", "NULL", "insert into log values ('m')"]])
        assertError("describe task nope", "002003 (02000): SQL compilation error:\nTask 'NOPE' does not exist or not authorized.")
        assertError("alter task nope resume", "002003 (02000): SQL compilation error:\nTask 'NOPE' does not exist or not authorized.")
        XCTAssertEqual(try status("alter task if exists nope resume"), "Statement executed successfully.")
        XCTAssertEqual(try status("drop task t"), "T successfully dropped.")
        XCTAssertEqual(try status("drop task if exists t"), "Drop statement executed successfully (T already dropped).")
        assertError("drop task t", "002003 (02000): SQL compilation error:\nTask 'T' does not exist or not authorized.")
        XCTAssertEqual(try showTasks(), [])
    }
}
