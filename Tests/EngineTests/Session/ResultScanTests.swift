// RESULT_SCAN and LAST_QUERY_ID: an earlier result of the session — SHOW, DESCRIBE, SELECT, DML,
// status — read back as a table with its own column names (SHOW's lower-case ones quoted) and
// types; LAST_QUERY_ID(n) counting back or from the start; unknown ids and results that fell out
// of the bounded store fail with Snowflake's 000709. The store keeps the ids of a long session's
// statements as runs of counters: every index answers as a list of every id would.

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

    func testALongSessionKeepsEveryIDAsRunsOfCounters() throws {
        let first = try run("select 'first' as w")
        let runs = session.queryResults.storedRuns
        var ids: [String] = []
        for _ in 0..<1_000 { ids.append(try run("select 1").queryID) }
        XCTAssertEqual(session.queryResults.storedRuns, runs, "1,000 more statements, no more runs")
        // setUp ran 4 statements, and each `cells` below is one more.
        XCTAssertEqual(try cells("select last_query_id(-1001), last_query_id(-1000), last_query_id(-1)"),
                       [[first.queryID, ids[0], ids[999]]])
        XCTAssertEqual(try cells("select last_query_id(5), last_query_id(6), last_query_id(1005)"), [[first.queryID, ids[0], ids[999]]])
        XCTAssertEqual(try cells("select last_query_id(-1003), last_query_id(-1008), last_query_id(1008)"), [[first.queryID, "NULL", "NULL"]])
    }

    /// The runs answer LAST_QUERY_ID(n) for every n as the list of every statement's id did, over
    /// principals that interleave, counters with gaps (failed statements, other sessions' ids) and
    /// ids the session did not make (a driver's).
    func testRunsAnswerAsAListOfEveryIDWould() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            var store = QueryResultStore()
            var list: [(id: String, principal: Int)] = []
            var counter = UInt64.random(in: 1...0x2_0000, using: &generator)
            let sessions: [UInt64] = [UInt64.random(in: 0..<0xFFFF, using: &generator), 7]
            for _ in 0..<Int.random(in: 0...200, using: &generator) {
                let principal = Int.random(in: 1...3, using: &generator) == 1 ? 2 : 1
                let id: String
                switch Int.random(in: 0..<10, using: &generator) {
                case 0: id = UUID().uuidString.lowercased()
                case 1: id = "01b00000-0000-0000-0000-0000000000zz"
                case 2: id = Session.queryID(counter: counter, sessionID: sessions[1])
                default: id = Session.queryID(counter: counter, sessionID: sessions[0])
                }
                counter += Int.random(in: 0..<8, using: &generator) == 0 ? 2 : 1
                var result = ResultSet(columns: [], rows: [])
                result.queryID = id
                store.record(result, principal: principal)
                list.append((id, principal))
            }
            for principal in 1...3 {
                let own = list.filter { $0.principal == principal }.map(\.id)
                for n in -(own.count + 2)...(own.count + 2) {
                    let expected: String? = n < 0 ? (own.count + n >= 0 ? own[own.count + n] : nil) : (n > 0 && n <= own.count ? own[n - 1] : nil)
                    XCTAssertEqual(store.queryID(n, principal: principal), expected, "LAST_QUERY_ID(\(n)) for \(principal)")
                }
            }
            XCTAssertLessThanOrEqual(store.storedRuns, list.count)
        }
    }
}
