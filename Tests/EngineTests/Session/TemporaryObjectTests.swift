// TEMPORARY and SCOPED TEMPORARY tables and stages (Session+TemporaryObjects.swift): the session
// that creates one sees it, no other session does, `close()` drops it, and the next login drops
// those of a process that ended without closing; a name held by any table stays taken.

import Foundation
import XCTest
@testable import Engine

final class TemporaryObjectTests: AccessControlTestCase {
    /// Processes as the test says: `ended` pids are gone.
    struct Processes: ProcessTable {
        var pid: Int32 = 4242
        var ended: Set<Int32> = []
        var current: TaskRunClaimant { TaskRunClaimant(pid: pid, host: "build-7", start: "boot/\(pid)") }
        func isRunning(_ claimant: TaskRunClaimant) -> Bool? {
            guard claimant.host == "build-7" else { return nil }
            return !ended.contains(claimant.pid)
        }
    }

    override func setUpWithError() throws {
        try super.setUpWithError()
        admin.processes = Processes()
        try script("create database d;\ncreate table d.public.permanent (a int)")
    }

    /// A second session of the administrator on the same account.
    private func otherAdminSession(processes: Processes = Processes()) throws -> Session {
        let other = Session(store: admin.store, user: "tester", clock: { EngineTestCase.fixedDate }, sessionID: 44)
        other.processes = processes
        try other.login(role: nil, warehouse: nil, database: "d", schema: "public")
        return other
    }

    func testAScopedTemporaryTableIsTheSessionsOwn() throws {
        XCTAssertEqual(try status("""
            CREATE  OR  REPLACE  SCOPED TEMPORARY  TABLE SNOWPARK_TEMP_TABLE_1("A" BIGINT NOT NULL , "B" STRING NOT NULL )
            """), "Table SNOWPARK_TEMP_TABLE_1 successfully created.")
        XCTAssertEqual(try run("INSERT  INTO SNOWPARK_TEMP_TABLE_1(\"A\", \"B\") VALUES (1, 'x'), (2, 'y')").rows, [[.integer(2)]])
        XCTAssertEqual(try cells("select * from snowpark_temp_table_1"), [["1", "x"], ["2", "y"]])
        XCTAssertEqual(try run("show tables like 'SNOWPARK%'").column("kind"), [.string("TEMPORARY")])
        XCTAssertEqual(try cells("""
            select table_name, table_type, is_temporary from information_schema.tables where table_schema = 'PUBLIC' order by 1
            """), [["PERMANENT", "BASE TABLE", "NO"], ["SNOWPARK_TEMP_TABLE_1", "TEMPORARY TABLE", "YES"]])

        session = try otherAdminSession()
        assertError("select * from d.public.snowpark_temp_table_1",
                    "002003 (42S02): SQL compilation error:\nObject 'D.PUBLIC.SNOWPARK_TEMP_TABLE_1' does not exist or not authorized.")
        XCTAssertEqual(try cells("show tables in schema d.public").map { $0[1] }, ["PERMANENT"])
        XCTAssertEqual(try status("drop table if exists d.public.snowpark_temp_table_1"),
                       "Drop statement executed successfully (SNOWPARK_TEMP_TABLE_1 already dropped).")
        // One name, one table: another session's temporary table keeps it.
        assertError("create table d.public.snowpark_temp_table_1 (a int)",
                    "002002 (42710): SQL compilation error:\nObject 'D.PUBLIC.SNOWPARK_TEMP_TABLE_1' already exists.")
    }

    /// Snowflake lets a temporary table hide a permanent one for the session; Snowlite refuses the
    /// name rather than replace the permanent table or write into it.
    func testATemporaryTableCannotTakeAPermanentTablesName() throws {
        try script("use schema d.public;\ninsert into permanent values (1);\ncreate stage kept")
        for statement in ["create temporary table permanent (b int)", "create or replace temp table permanent (b int)",
                          "create temporary table if not exists permanent (b int)"] {
            assertError(statement, "002002 (42710): SQL compilation error:\nObject 'PERMANENT' already exists.")
        }
        assertError("create or replace temporary stage kept", "002002 (42710): SQL compilation error:\nObject 'KEPT' already exists.")
        XCTAssertEqual(try run("show tables").column("kind"), [.string("TABLE")])
        XCTAssertEqual(try cells("select a from permanent"), [["1"]])
        // A temporary table may replace the session's own temporary table.
        try run("create temporary table scratch (a int)")
        XCTAssertEqual(try status("create or replace temporary table scratch (b string)"), "Table SCRATCH successfully created.")
        XCTAssertEqual(try cells("desc table scratch").map { $0[0] }, ["B"])
    }

    func testClosingTheSessionDropsItsTemporaryObjects() throws {
        try script("""
            use schema d.public;
            create temporary table scratch (a int);
            insert into scratch values (1);
            create SCOPED TEMPORARY                     stage if not exists "D"."PUBLIC".SNOWPARK_TEMP_STAGE_1
            """)
        XCTAssertEqual(try run("show stages").column("type"), [.string("INTERNAL TEMPORARY")])
        try admin.close()
        XCTAssertEqual(try cells("show tables").map { $0[1] }, ["PERMANENT"])
        XCTAssertEqual(try cells("show stages"), [])
        XCTAssertEqual(try status("create table scratch (a int)"), "Table SCRATCH successfully created.")
        XCTAssertEqual(try cells("select count(*) from scratch"), [["0"]])
    }

    func testTheNextLoginDropsTheTemporaryObjectsOfAnEndedProcess() throws {
        let crashed = try otherAdminSession(processes: Processes(pid: 777))
        _ = try crashed.execute("create temporary table left_behind (a int)")
        _ = try crashed.execute("create temporary stage left_stage")
        // While its process runs, a login leaves them be.
        _ = try otherAdminSession(processes: Processes(pid: 1))
        XCTAssertEqual(try crashed.execute("select count(*) from left_behind").rows, [[.integer(0)]])
        // Once it has ended, the next login drops them and frees their names.
        _ = try otherAdminSession(processes: Processes(pid: 1, ended: [777]))
        XCTAssertThrowsError(try crashed.execute("select count(*) from left_behind"))
        XCTAssertEqual(try status("create table d.public.left_behind (a int)"), "Table LEFT_BEHIND successfully created.")
        XCTAssertEqual(try status("create stage d.public.left_stage"), "Stage area LEFT_STAGE successfully created.")
    }

    func testOnlyTablesAndStagesCanBeTemporary() {
        assertError("create temporary view d.public.v as select 1 as a",
                    "001003 (42000): SQL compilation error:\nUnsupported feature 'TEMPORARY objects other than tables and stages'.")
        assertError("create temporary sequence d.public.s",
                    "001003 (42000): SQL compilation error:\nUnsupported feature 'TEMPORARY objects other than tables and stages'.")
    }
}
