// RESULT_SCAN and LAST_QUERY_ID: an earlier result of the session — SHOW, DESCRIBE, SELECT, DML,
// status — read back as a table with its own column names (SHOW's lower-case ones quoted) and
// types; LAST_QUERY_ID(n) counting back or from the start; unknown ids and results that fell out
// of the bounded store fail with Snowflake's 000709.

import XCTest
@testable import Engine

final class ResultScanTests: EngineTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try script("create database d;\ncreate table b (x int);\ncreate table a (x int);\ninsert into a values (1), (2), (3)")
    }

    func testShowResultsWithQuotedLowerCaseColumns() throws {
        try run("show tables")
        XCTAssertEqual(try cells("""
            select "name", "rows" from table(result_scan(last_query_id())) where "rows" > 0 order by "name"
            """), [["A", "3"]])
        try run("show tables")
        assertError("select name from table(result_scan(last_query_id()))",
                    "000904 (42000): SQL compilation error: error line 1 at position 7\ninvalid identifier 'NAME'")
        try run("desc table a")
        XCTAssertEqual(try cells(#"select "name", "type", "null?" from table(result_scan(last_query_id()))"#),
                       [["X", "NUMBER(38,0)", "Y"]])
    }

    func testQueryDMLAndStatusResultsKeepTheirTypes() throws {
        try run("select x, x * 1.5 as y, 'v' || x as s from a order by x")
        let scanned = try run("select sum(x), max(y), min(s) from table(result_scan(last_query_id()))")
        XCTAssertEqual(scanned.rows.map { $0.map { $0.displayText() ?? "NULL" } }, [["6", "4.5", "v1"]])
        try run("insert into b select x from a")
        XCTAssertEqual(try cells(#"select "number of rows inserted" from table(result_scan(last_query_id()))"#), [["3"]])
        try run("create table c (y int)")
        XCTAssertEqual(try cells(#"select "status" from table(result_scan(last_query_id())) r"#), [["Table C successfully created."]])
        try run("select 1.50::number(10,2) as n, true as b, null as z")
        let typed = try run("select * from table(result_scan(last_query_id()))")
        XCTAssertEqual(typed.columns.map(\.name), ["N", "B", "Z"])
        XCTAssertEqual(typed.rows, [[.decimal("1.50"), .boolean(true), .null]])
    }

    func testLastQueryIDCountsBackAndFromTheStart() throws {
        let first = try run("select 'first' as w")
        let second = try run("select 'second' as w")
        XCTAssertEqual(try cells("select last_query_id()"), [[second.queryID]])
        XCTAssertEqual(try cells("select last_query_id(-3), last_query_id(-2)"), [[first.queryID, second.queryID]])
        XCTAssertEqual(try cells("select last_query_id(1000)"), [["NULL"]])
        XCTAssertEqual(try cells("select w from table(result_scan(last_query_id(-4)))"), [["second"]])
        XCTAssertEqual(try cells("select w from table(result_scan('\(first.queryID)'))"), [["first"]])
        try run("set qid = '\(first.queryID)'")
        XCTAssertEqual(try cells("select r.w from table(result_scan($qid)) as r"), [["first"]])
        // The first statement of the session was the CREATE DATABASE of setUp.
        XCTAssertEqual(try cells(#"select "status" from table(result_scan(last_query_id(1)))"#), [["Database D successfully created."]])
    }

    func testUnknownAndForgottenIDs() throws {
        assertError("select * from table(result_scan('01b00000-0000-0000-0000-000000000000'))",
                    "000709 (02000): Statement 01b00000-0000-0000-0000-000000000000 not found")
        let old = try run("select 1 as one")
        for _ in 0..<QueryResultStore.capacity { try run("select 2") }
        assertError("select * from table(result_scan('\(old.queryID)'))", "000709 (02000): Statement \(old.queryID) not found")
        XCTAssertEqual(try cells("select * from table(result_scan(last_query_id(-\(QueryResultStore.capacity))))"), [["2"]])
    }
}
