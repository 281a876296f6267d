// The query result cache (Session+ResultCache.swift): the same query text under the same context
// gets the earlier result, under a new query id, until any table changes — in this session,
// another session of the process, or another process on the file; run-time functions, variables,
// table functions, procedures and USE_CACHED_RESULT = FALSE keep a query from being reused.

import Foundation
import XCTest
@testable import Engine

final class ResultCacheTests: EngineTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try script("create database d;\ncreate table t (x int);\ninsert into t values (1), (2)")
    }

    private var hits: Int { session.resultCache.hits }

    func testTheSameQueryIsAnsweredAgainUntilATableChanges() throws {
        let first = try run("select sum(x) from t")
        let second = try run("select sum(x) from t")
        XCTAssertEqual(hits, 1)
        XCTAssertEqual(second.rows, first.rows)
        XCTAssertNotEqual(second.queryID, first.queryID, "a reused result has a query id of its own")
        XCTAssertEqual(try cells("select * from table(result_scan(last_query_id(-2)))"), [["3"]])

        try run("insert into t values (4)")
        XCTAssertEqual(try cells("select sum(x) from t"), [["7"]])
        XCTAssertEqual(hits, 1)
        // DDL changes the catalog's tables, so it counts as a change too.
        try run("create table u (y int)")
        XCTAssertEqual(try cells("select sum(x) from t"), [["7"]])
        XCTAssertEqual(hits, 1)
    }

    func testTheTextAndTheContextMustMatch() throws {
        try run("select sum(x) from t")
        try run("SELECT sum(x) FROM t")
        XCTAssertEqual(hits, 0, "a different text is a different query")
        try script("create schema s2;\ncreate table t (x int);\ninsert into t values (10)")
        XCTAssertEqual(try cells("select sum(x) from t"), [["10"]])
        try run("use schema d.public")
        XCTAssertEqual(try cells("select sum(x) from t"), [["3"]])
        try run("alter session set timezone = 'Europe/Paris'")
        XCTAssertEqual(try cells("select sum(x) from t"), [["3"]])
        XCTAssertEqual(hits, 0)
        XCTAssertEqual(try cells("select sum(x) from t"), [["3"]])
        XCTAssertEqual(hits, 1)
    }

    func testRunTimeFunctionsVariablesAndTableFunctionsAreNeverReused() throws {
        try run("set v = 1")
        for query in ["select current_timestamp()", "select uuid_string()", "select current_role(), x from t",
                      "select $v + x from t", "select count(*) from table(result_scan(last_query_id()))",
                      "select last_query_id()", "select sysdate()", "select getdate(), localtimestamp()",
                      "select getvariable('V')", "select system$get_predecessor_return_value()"] {
            try run(query)
            try run(query)
            XCTAssertEqual(hits, 0, query)
        }
        let first = try run("select uuid_string()").rows
        XCTAssertNotEqual(try run("select uuid_string()").rows, first)
        // A view's definition is translated with the query: a run-time function inside counts.
        try run("create view now_v as select current_timestamp() as ts, x from t")
        try run("select * from now_v")
        try run("select * from now_v")
        XCTAssertEqual(hits, 0)
        // FLATTEN reads only the row it is given.
        try run("select count(*) from t, lateral flatten(input => parse_json('[1,2]'))")
        try run("select count(*) from t, lateral flatten(input => parse_json('[1,2]'))")
        XCTAssertEqual(hits, 1)
    }

    func testUseCachedResultFalseTurnsItOff() throws {
        try run("alter session set use_cached_result = false")
        try run("select sum(x) from t")
        try run("select sum(x) from t")
        XCTAssertEqual(hits, 0)
        try run("alter session unset use_cached_result")
        try run("select sum(x) from t")
        try run("select sum(x) from t")
        XCTAssertEqual(hits, 1)
    }

    func testAWriteByAnotherConnectionMakesTheResultStale() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("result-cache-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let mine = try makeSession(path: path)
        _ = try mine.execute("create database d")
        _ = try mine.execute("create table t (x int)")
        _ = try mine.execute("insert into t values (1)")
        XCTAssertEqual(try mine.execute("select sum(x) from t").rows.first?.first?.displayText(), "1")
        // Another process's connection to the same file.
        let other = try makeSession(path: path)
        _ = try other.execute("use schema d.public")
        _ = try other.execute("insert into t values (5)")
        XCTAssertEqual(try mine.execute("select sum(x) from t").rows.first?.first?.displayText(), "6")
        XCTAssertEqual(mine.resultCache.hits, 0)
        XCTAssertEqual(try mine.execute("select sum(x) from t").rows.first?.first?.displayText(), "6")
        XCTAssertEqual(mine.resultCache.hits, 1)
    }

    func testATransactionReadsItsOwnWrites() throws {
        XCTAssertEqual(try cells("select sum(x) from t"), [["3"]])
        try run("begin")
        try run("insert into t values (10)")
        XCTAssertEqual(try cells("select sum(x) from t"), [["13"]])
        try run("rollback")
        XCTAssertEqual(try cells("select sum(x) from t"), [["3"]])
        XCTAssertEqual(hits, 0, "the rolled-back insert still counts as a change")
    }
}
