// StreamChangeTests: what reading a stream gives — the base table's columns and METADATA$ACTION,
// METADATA$ISUPDATE, METADATA$ROW_ID, with Snowflake's net-change semantics between the offset and
// now: an update is a DELETE + INSERT pair with ISUPDATE TRUE under one row id, a row inserted and
// deleted since the offset does not appear, row ids stay stable (also when SQLite reuses a rowid),
// INSERT OVERWRITE and MERGE show as the changes they make, APPEND_ONLY shows inserts only,
// SHOW_INITIAL_ROWS shows the rows present at creation, and CLONE takes the offset. Offsets and
// transactions are in StreamOffsetTests.

import XCTest

@testable import Engine

final class StreamChangeTests: EngineTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try script(
            """
            create database d;
            create table t (id int, v string);
            insert into t values (1, 'a');
            create table sink (id int, v string, action string, isupdate boolean)
            """)
    }

    /// The stream's rows without their row ids, in a stable order.
    func changes(_ stream: String = "s") throws -> [[String]] {
        try cells("select id, v, metadata$action, metadata$isupdate from \(stream) order by id, metadata$action, v")
    }

    /// Each row's id by (id, action), to compare across reads.
    func rowIDs(_ stream: String = "s") throws -> [String: String] {
        var ids: [String: String] = [:]
        for row in try cells("select id, metadata$action, metadata$row_id from \(stream)") { ids[row[0] + " " + row[1]] = row[2] }
        return ids
    }

    func testColumnsAndNetChanges() throws {
        XCTAssertEqual(try status("create stream s on table t"), "Stream S successfully created.")
        XCTAssertEqual(try changes(), [])
        let result = try run("select * from s")
        XCTAssertEqual(result.columns.map(\.name), ["ID", "V", "METADATA$ACTION", "METADATA$ISUPDATE", "METADATA$ROW_ID"])
        XCTAssertEqual(result.columns.map(\.type), [.number(precision: 38, scale: 0), .string, .string, .boolean, .string])
        try script(
            """
            insert into t values (2, 'b'), (3, 'c');
            update t set v = 'A' where id = 1;
            delete from t where id = 3;
            update t set v = 'B' where id = 2
            """)
        XCTAssertEqual(
            try changes(),
            [
                ["1", "a", "DELETE", "True"], ["1", "A", "INSERT", "True"], ["2", "B", "INSERT", "False"],
            ])
        let ids = try rowIDs()
        XCTAssertEqual(ids["1 INSERT"], ids["1 DELETE"])
        XCTAssertNotEqual(ids["1 INSERT"], ids["2 INSERT"])
        XCTAssertEqual(ids["1 INSERT"]?.count, 40)
        XCTAssertEqual(try rowIDs(), ids, "a row keeps its id between reads")
    }

    func testAnUpdatedRowKeepsItsIdAfterConsumption() throws {
        try run("create stream s on table t")
        try run("insert into t values (2, 'b')")
        let inserted = try rowIDs()["2 INSERT"]
        try run("insert into sink select id, v, metadata$action, metadata$isupdate from s")
        try run("update t set v = 'bb' where id = 2")
        XCTAssertEqual(try changes(), [["2", "b", "DELETE", "True"], ["2", "bb", "INSERT", "True"]])
        XCTAssertEqual(try rowIDs()["2 DELETE"], inserted)
        XCTAssertEqual(try rowIDs()["2 INSERT"], inserted)
    }

    func testAReusedRowidIsANewRow() throws {
        try run("insert into t values (2, 'b')")
        try run("create stream s on table t")
        // SQLite gives the next row the rowid of the deleted last one.
        try run("delete from t where id = 2")
        try run("insert into t values (3, 'c')")
        XCTAssertEqual(try changes(), [["2", "b", "DELETE", "False"], ["3", "c", "INSERT", "False"]])
        let ids = try rowIDs()
        XCTAssertNotEqual(ids["2 DELETE"], ids["3 INSERT"])
    }

    func testInsertOverwriteDeletesAndInserts() throws {
        try run("create stream s on table t")
        try run("insert overwrite into t values (1, 'a'), (2, 'b')")
        XCTAssertEqual(try changes(), [["1", "a", "DELETE", "False"], ["1", "a", "INSERT", "False"], ["2", "b", "INSERT", "False"]])
        let ids = try rowIDs()
        XCTAssertNotEqual(ids["1 DELETE"], ids["1 INSERT"])
    }

    func testMergeIntoTheTableShowsItsChanges() throws {
        try run("create stream s on table t")
        try run(
            """
            merge into t using (select 1 as id, 'x' as v union all select 5, 'e') as src on t.id = src.id
            when matched then update set v = src.v when not matched then insert (id, v) values (src.id, src.v)
            """)
        XCTAssertEqual(try changes(), [["1", "a", "DELETE", "True"], ["1", "x", "INSERT", "True"], ["5", "e", "INSERT", "False"]])
    }

    func testStreamsInJoinsSubqueriesAndMergeUsing() throws {
        try run("create stream s on table t")
        try run("insert into t values (2, 'b'), (3, 'c')")
        XCTAssertEqual(try cells("select count(*) from (select * from s where metadata$action = 'INSERT')"), [["2"]])
        XCTAssertEqual(try cells("select t.v from t join s on t.id = s.id order by 1"), [["b"], ["c"]])
        XCTAssertEqual(try cells("select id from t where id in (select id from s) order by 1"), [["2"], ["3"]])
        try run(
            """
            merge into sink using s on sink.id = s.id
            when not matched then insert (id, v, action, isupdate) values (s.id, s.v, s.metadata$action, s.metadata$isupdate)
            """)
        XCTAssertEqual(try cells("select * from sink order by id"), [["2", "b", "INSERT", "False"], ["3", "c", "INSERT", "False"]])
        XCTAssertEqual(try changes(), [], "MERGE … USING a stream consumes it")
    }

    func testAppendOnlyShowsInsertsOnly() throws {
        try run("create stream s on table t append_only = true")
        try script(
            """
            insert into t values (2, 'b'), (3, 'c');
            update t set v = 'A' where id = 1;
            update t set v = 'B' where id = 2;
            delete from t where id = 3
            """)
        XCTAssertEqual(try changes(), [["2", "b", "INSERT", "False"], ["3", "c", "INSERT", "False"]])
        XCTAssertEqual(try showStreams(["mode"]), [["APPEND_ONLY"]])
    }

    func testShowInitialRows() throws {
        try run("insert into t values (2, 'b')")
        try run("create stream s on table t show_initial_rows = true")
        try run("create stream plain on table t")
        try run("create stream appended on table t append_only = true show_initial_rows = true")
        try run("delete from t where id = 2")
        try run("insert into t values (3, 'c')")
        XCTAssertEqual(try changes(), [["1", "a", "INSERT", "False"], ["3", "c", "INSERT", "False"]])
        XCTAssertEqual(try changes("plain"), [["2", "b", "DELETE", "False"], ["3", "c", "INSERT", "False"]])
        XCTAssertEqual(try changes("appended"), [["1", "a", "INSERT", "False"], ["2", "b", "INSERT", "False"], ["3", "c", "INSERT", "False"]])
        try run("insert into sink select id, v, metadata$action, metadata$isupdate from s")
        XCTAssertEqual(try changes(), [], "the initial rows are shown once")
        try run("update t set v = 'A' where id = 1")
        XCTAssertEqual(try changes(), [["1", "a", "DELETE", "True"], ["1", "A", "INSERT", "True"]])
    }

    func testCloneTakesTheOffset() throws {
        try run("create stream s on table t")
        try run("insert into t values (2, 'b')")
        XCTAssertEqual(try status("create stream s2 clone s"), "Stream S2 successfully created.")
        XCTAssertEqual(try changes("s2"), [["2", "b", "INSERT", "False"]])
        XCTAssertEqual(try rowIDs("s2"), try rowIDs())
        try run("insert into sink select id, v, metadata$action, metadata$isupdate from s")
        XCTAssertEqual(try changes(), [])
        XCTAssertEqual(try changes("s2"), [["2", "b", "INSERT", "False"]], "consuming one stream leaves its clone")
        try run("create stream initial on table t show_initial_rows = true")
        try run("create stream initial2 clone initial")
        XCTAssertEqual(try changes("initial2"), [["1", "a", "INSERT", "False"], ["2", "b", "INSERT", "False"]])
    }

    func testStreamOnAView() throws {
        try run("create view big as select id, upper(v) as u from t where id > 1")
        XCTAssertEqual(try status("create stream s on view big"), "Stream S successfully created.")
        try script(
            """
            insert into t values (0, 'z'), (2, 'b');
            update t set v = 'q' where id = 1
            """)
        let result = try run("select * from s")
        XCTAssertEqual(result.columns.map(\.name), ["ID", "U", "METADATA$ACTION", "METADATA$ISUPDATE", "METADATA$ROW_ID"])
        XCTAssertEqual(try cells("select id, u, metadata$action, metadata$isupdate from s"), [["2", "B", "INSERT", "False"]])
        XCTAssertEqual(try showStreams(["table_name", "source_type", "base_tables"]), [["D.PUBLIC.BIG", "View", "D.PUBLIC.T"]])
        try run("create view everything as select * from t")
        try run("create stream s2 on view everything")
        try run("delete from t where id = 2")
        XCTAssertEqual(try cells("select id, v, metadata$action from s2"), [["2", "b", "DELETE"]])
        try run("create view grouped as select v, count(*) as n from t group by v")
        assertError(
            "create stream s3 on view grouped",
            """
            001007 (22023): SQL compilation error:
            Change tracking is not supported on view 'D.PUBLIC.GROUPED': its query has DISTINCT, GROUP BY, HAVING or QUALIFY.
            """)
        try run("create view joined as select t.id from t join sink on t.id = sink.id")
        assertError(
            "create stream s3 on view joined",
            """
            001007 (22023): SQL compilation error:
            Change tracking is not supported on view 'D.PUBLIC.JOINED': its query does not read exactly one table.
            """)
        try run("create view counted as select count(*) as n from t")
        assertError(
            "create stream s3 on view counted",
            """
            001007 (22023): SQL compilation error:
            Change tracking is not supported on view 'D.PUBLIC.COUNTED': its query has an aggregate or window function.
            """)
    }

    func testTrackingCostsNothingWithoutStreams() throws {
        func triggers() throws -> Int {
            try session.store.queue.read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'sl_stream%'") ?? -1
            }
        }
        XCTAssertEqual(try triggers(), 0)
        try run("create stream s on table t")
        try run("create stream s2 on table t")
        XCTAssertEqual(try triggers(), 3)
        try run("drop stream s")
        XCTAssertEqual(try triggers(), 3)
        try run("drop stream s2")
        XCTAssertEqual(try triggers(), 0)
        XCTAssertEqual(
            try session.store.queue.read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE name LIKE 'sl_stream%'")
            }, 0)
    }
}
