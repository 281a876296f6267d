// ExtremumLookupTests: the index a statement asking for a key's newest row gives its table
// (Translator+ExtremumLookups) — made by the first statement that may write and asks, used by
// SQLite as one lookup, never by a read-only query or a shape SQLite could not use it for, and
// never changing an answer.

import GRDB
import XCTest

@testable import Engine

final class ExtremumLookupTests: EngineTestCase {
    static let append = """
        insert into app_state (timestamp, key, value)
        select greatest(sysdate(), coalesce((select dateadd(millisecond, 1, max(timestamp)) from app_state where key = 'k'), sysdate())),
               'k', parse_json('{"n": 1}')
        """

    override func setUpWithError() throws {
        try super.setUpWithError()
        try script(
            """
            create database d;
            create table app_state (timestamp timestamp_ntz default sysdate(), key string, value variant)
            """)
    }

    func indexes() throws -> [String] {
        try session.reading { db in
            try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'D.PUBLIC.APP_STATE' ORDER BY name")
        }
    }

    func testAnAppendAskingForItsKeysNewestRowIndexesIt() throws {
        XCTAssertEqual(try indexes(), [])
        // Read-only, the question makes no index.
        XCTAssertEqual(try cells("select max(timestamp) from app_state where key = 'k'"), [["NULL"]])
        XCTAssertEqual(try indexes(), [])
        for _ in 0..<3 { try run(Self.append) }
        XCTAssertEqual(
            try indexes(), [#"CREATE INDEX "sl_index ""D.PUBLIC.APP_STATE"" ""KEY"", ""TIMESTAMP""" ON "D.PUBLIC.APP_STATE" ("KEY", "TIMESTAMP")"#])
        // Each row one millisecond after the key's newest (the clock stands still in tests).
        XCTAssertEqual(
            try cells("select timestamp from app_state order by timestamp"),
            [["2026-01-02 03:04:05.678"], ["2026-01-02 03:04:05.679"], ["2026-01-02 03:04:05.680"]])
        // SQLite answers the question from the index, without reading the table.
        let detail = try session.reading { db in
            try Row.fetchAll(
                db, sql: #"EXPLAIN QUERY PLAN SELECT max(t1."TIMESTAMP") FROM "D.PUBLIC.APP_STATE" AS t1 WHERE (t1."KEY" = ?)"#,
                arguments: ["k"]
            ).map { $0["detail"] as String }
        }
        XCTAssertEqual(detail, [#"SEARCH t1 USING COVERING INDEX sl_index "D.PUBLIC.APP_STATE" "KEY", "TIMESTAMP" (KEY=?)"#])
    }

    func testOtherShapesMakeNoIndex() throws {
        try run("insert into app_state (key, value) select 'k', parse_json('1')")
        for statement in [
            // Two aggregates, a GROUP BY, no key equality, a key compared with a column, the same column.
            "insert into app_state (key) select max(timestamp)::string || count(*) from app_state where key = 'k'",
            "insert into app_state (key) select max(timestamp)::string from app_state where key = 'k' group by key",
            "insert into app_state (key) select max(timestamp)::string from app_state where key like 'k'",
            "insert into app_state (key) select max(timestamp)::string from app_state where key = value::string",
            "insert into app_state (key) select max(key) from app_state where key = 'k'",
        ] {
            try run(statement)
            XCTAssertEqual(try indexes(), [], statement)
        }
    }

    func testTheTableMadeAgainStartsWithoutIt() throws {
        try run(Self.append)
        XCTAssertEqual(try indexes().count, 1)
        try run("create or replace table app_state (timestamp timestamp_ntz, key string, value variant)")
        XCTAssertEqual(try indexes(), [])
        try run(Self.append)
        XCTAssertEqual(try cells("select count(*), max(timestamp) from app_state where key = 'k'"), [["1", "2026-01-02 03:04:05.678"]])
    }
}
