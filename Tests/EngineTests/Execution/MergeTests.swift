// MERGE: matched updates and deletes, not-matched inserts with and without a column list, clause
// conditions evaluated on the values before the change, result columns per action kind, the
// duplicate-row error, VALUES sources with column aliases, and the index that keeps a page's cost
// independent of the table's size.

import GRDB
import Synchronization
import XCTest
@testable import Engine

final class MergeTests: EngineTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try script("""
            create database d;
            create table t (id int, raw variant, seen int default 0);
            insert into t (id, raw) select 1, parse_json('{"id": 1, "state": "open"}') union all select 2, parse_json('{"id": 2, "state": "open"}')
            """)
    }

    func testUpsertByVariantKey() throws {
        let result = try run("""
            merge into t using (select 2 as id, parse_json('{"id": 2, "state": "closed"}') as raw
                                union all select 3, parse_json('{"id": 3, "state": "open"}')) s
            on t.raw:id = s.raw:id
            when matched then update set raw = s.raw, seen = seen + 1
            when not matched then insert (id, raw) values (s.id, s.raw)
            """)
        XCTAssertEqual(result.columns.map(\.name), ["number of rows inserted", "number of rows updated"])
        XCTAssertEqual(result.rows, [[.integer(1), .integer(1)]])
        XCTAssertEqual(result.producedRowCount, 2)
        XCTAssertEqual(try cells("select id, raw:state::string, seen from t order by id"),
                       [["1", "open", "0"], ["2", "closed", "1"], ["3", "open", "0"]])
    }

    func testClausesTakeTheFirstMatchingConditionAndDelete() throws {
        let result = try run("""
            merge into t d using (select * from values (1, 'drop'), (2, 'keep'), (5, 'new'), (6, 'skip')) as src (k, what)
            on d.id = src.k
            when matched and src.what = 'drop' then delete
            when matched then update set seen = 9
            when not matched and src.what <> 'skip' then insert values (src.k, to_variant(src.what), 0)
            """)
        XCTAssertEqual(result.columns.map(\.name), ["number of rows inserted", "number of rows updated", "number of rows deleted"])
        XCTAssertEqual(result.rows, [[.integer(1), .integer(1), .integer(1)]])
        XCTAssertEqual(try cells("select id, raw, seen from t order by id"), [["2", "{\n  \"id\": 2,\n  \"state\": \"open\"\n}", "9"], ["5", "\"new\"", "0"]])
    }

    func testConditionsSeeValuesBeforeTheChange() throws {
        try run("merge into t using (select 1 as k) s on t.id = s.k when matched and t.seen = 0 then update set seen = 1")
        XCTAssertEqual(try cells("select seen from t where id = 1"), [["1"]])
    }

    func testDuplicateSourceRowsForAnUpdateFail() throws {
        assertError("merge into t using (select 1 as k union all select 1) s on t.id = s.k when matched then update set seen = 5",
                    "100090 (42P18): Duplicate row detected during DML action")
        XCTAssertEqual(try cells("select seen from t order by id"), [["0"], ["0"]])
        // Duplicates that only insert are all inserted.
        let result = try run("merge into t using (select 7 as k union all select 7) s on t.id = s.k when not matched then insert (id) values (s.k)")
        XCTAssertEqual(result.rows, [[.integer(2)]])
    }

    func testWorkTablesOutliveAMergeEmptyAndUnchanged() throws {
        // MERGE's work tables stay in the connection's temp schema, one source table per list of
        // column types; a failed MERGE in a transaction leaves nothing behind for the next.
        try run("begin")
        assertError("merge into t using (select 1 as k union all select 1) s on t.id = s.k when matched then update set seen = 5",
                    "100090 (42P18): Duplicate row detected during DML action")
        let first = try run("merge into t using (select 1 as k, 'x' as w) s on t.id = s.k when matched then update set seen = 6")
        XCTAssertEqual(first.rows, [[.integer(1)]])
        try run("commit")
        let second = try run("""
            merge into t using (select 2.5::float as k, to_variant('y') as w union all select 9, null) s on t.id = s.k
            when matched then update set seen = 7 when not matched then insert (id, raw) values (s.k, s.w)
            """)
        XCTAssertEqual(second.rows, [[.integer(2), .integer(0)]])
        XCTAssertEqual(try cells("select id, raw, seen from t order by id"),
                       [["1", "{\n  \"id\": 1,\n  \"state\": \"open\"\n}", "6"], ["2", "{\n  \"id\": 2,\n  \"state\": \"open\"\n}", "0"],
                        ["3", "\"y\"", "0"], ["9", "NULL", "0"]])
        let left = try session.store.queue.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM temp.sqlite_master WHERE type = 'table' ORDER BY name")
        }
        // (The failed MERGE's own source table went with its statement.)
        XCTAssertEqual(left, ["snowlite_merge_new", "snowlite_merge_pair", "snowlite_merge_source_INTEGER_TEXT", "snowlite_merge_source_REAL_TEXT"])
        for table in left {
            XCTAssertEqual(try session.store.queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM temp.\"\(table)\"") }, 0, table)
        }
    }

    func testALaterMergeCreatesNothing() throws {
        // Any CREATE, even one that creates nothing, empties the connection's statement caches: once
        // the work tables and the lookup index exist, a MERGE runs none.
        let merge = #"merge into t using (select parse_json('{"id": 1}') as raw) s on t.raw:id = s.raw:id when matched then update set seen = 3"#
        try run(merge)
        let executed = Mutex<[String]>([])
        try session.store.queue.inDatabase { db in db.trace(options: .statement) { event in executed.withLock { $0.append("\(event)") } } }
        defer { try? session.store.queue.inDatabase { db in db.trace(options: .statement, nil) } }
        try run(merge)
        let statements = executed.withLock { $0 }
        XCTAssertTrue(statements.contains { $0.hasPrefix("UPDATE") }, "\(statements)")
        XCTAssertEqual(statements.filter { $0.uppercased().hasPrefix("CREATE") }, [])
    }

    func testErrors() throws {
        assertError("merge into nosuch using t s on 1 = 1 when matched then delete",
                    "002003 (42S02): SQL compilation error:\nTable 'NOSUCH' does not exist or not authorized.")
        assertError("merge into t using (select 1 as k) s on t.id = s.k when not matched then insert (id, seen) values (s.k)",
                    "002020 (21S01): SQL compilation error:\nInsert value list does not match column list expecting 2 but got 1")
        assertError("merge into t using (select 1 as k) s on t.id = s.nope when matched then delete",
                    "000904 (42000): SQL compilation error: error line 1 at position 47\ninvalid identifier 'S.NOPE'")
        assertError("merge into t using t s on t.id = s.id", "001003 (42000): SQL compilation error:\nsyntax error line 1 at position 37 unexpected '<EOF>'.")
    }

    func testTheTargetKeyIsIndexedSoLookupsDoNotScan() throws {
        try run("merge into t using (select parse_json('{\"id\": 1}') as raw) s on t.raw:id = s.raw:id when matched then update set seen = 3")
        let plan = try session.store.queue.read { db in
            try Row.fetchAll(db, sql: """
                EXPLAIN QUERY PLAN SELECT 1 FROM "D.PUBLIC.T" AS t JOIN (SELECT '{"id":1}' AS raw) AS s ON (t."RAW" -> '$.id') = (s.raw -> '$.id')
                """).map { $0["detail"] as String }
        }
        XCTAssertTrue(plan.contains { $0.hasPrefix("SEARCH t USING INDEX") }, "\(plan)")
    }
}
