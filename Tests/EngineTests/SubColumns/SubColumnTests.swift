// SubColumnTests: what a table's sub-columns are and when queries read them — the paths a query
// teaches a table, the index reads of grouping queries (and not of queries whose rows come out in
// read order), the limit, and tables made again, cloned or rolled back.

import GRDB
import SnowSQL
import XCTest

@testable import Engine

final class SubColumnTests: EngineTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try script(
            """
            create database d;
            create table t (id int, raw variant);
            insert into t select column1, parse_json(column2) from values (1, '{"state":"open","user":{"login":"a"},"n":1}'), \
            (2, '{"state":"closed","user":{"login":"b"},"n":2}'), (3, '{"state":"open","n":"x"}'), (4, '[1]'), (5, null)
            """)
    }

    func subColumns(_ table: String = "T") throws -> [String] {
        try session.reading { db in
            let catalog = Catalog(db: db)
            return try catalog.subColumns(of: XCTUnwrap(catalog.object(database: "D", schema: "PUBLIC", name: table, kinds: [.table])))
                .expressions
        }
    }

    func translated(_ sql: String) throws -> String {
        guard case .query(let query) = try Parser.parseOne(sql).statement else { throw SnowflakeError.unsupported("not a query") }
        return try session.reading { db in try Executor(session: session, db: db).translator().translate(query).sql }
    }

    func testAQueryTeachesItsPathsAndItsStringCasts() throws {
        // A query whose rows come out in read order would never read the index: it teaches nothing.
        XCTAssertEqual(try cells("select raw:state::string, raw:user.login from t where id = 1"), [["open", "\"a\""]])
        XCTAssertEqual(try subColumns(), [])
        XCTAssertEqual(
            try cells("select raw:state::string, count(*), sum(raw:n::int) from t where raw:user.login is not null group by 1 order by 1"),
            [["closed", "1", "2"], ["open", "1", "1"]])
        // The GROUP BY key leads the index, so grouping by it reads the index in order.
        XCTAssertEqual(
            try subColumns(),
            [
                #"sf_convert(("RAW" -> '$.state'), 'VARIANT', 'VARCHAR(16777216)')"#, #"("RAW" -> '$.state')"#,
                #"("RAW" -> '$.n')"#, #"("RAW" -> '$.user.login')"#,
            ])
        // Now a grouping query whose every column use is an indexed path reads the index alone.
        XCTAssertEqual(
            try translated("select raw:state::string, count(*) from t group by 1"),
            #"SELECT sf_convert((t1."RAW" -> '$.state'), 'VARIANT', 'VARCHAR(16777216)') AS "c1", count(*) AS "c2" FROM "D.PUBLIC.T" AS t1 INDEXED BY "sl_subcolumns D.PUBLIC.T" GROUP BY 1"#
        )
        // A path inside an aggregate's arguments: the table is read through a subquery over the index.
        XCTAssertEqual(try translated("select raw:state::string, sum(raw:n::int) from t group by 1"),
                       #"SELECT t1."sc2" AS "c1", sum(sf_convert(t1."sc3", 'VARIANT', 'NUMBER(38,0)')) AS "c2" FROM (SELECT ("RAW" -> '$.state') AS "sc1", sf_convert(("RAW" -> '$.state'), 'VARIANT', 'VARCHAR(16777216)') AS "sc2", ("RAW" -> '$.n') AS "sc3" FROM "D.PUBLIC.T" INDEXED BY "sl_subcolumns D.PUBLIC.T" LIMIT -1 OFFSET 0) AS t1 GROUP BY 1"#)
        XCTAssertEqual(try cells("select raw:state::string, sum(raw:n::int) from t where raw:user.login is not null group by 1 order by 1"),
                       [["closed", "2"], ["open", "1"]])
        // Rows that come out in read order, or a query that reads the whole document, are read from the table.
        XCTAssertFalse(try translated("select raw:state::string from t").contains("INDEXED BY"))
        XCTAssertFalse(try translated("select raw:state::string, count(raw) from t group by 1").contains("INDEXED BY"))
        XCTAssertFalse(try translated("select raw:state::string, count(*) from t group by 1, id").contains("INDEXED BY"))
        XCTAssertEqual(
            try cells("select raw:state::string s, count(*) from t group by 1 order by 1"),
            [["closed", "1"], ["open", "2"], ["NULL", "2"]])
    }

    func testTheFirstGroupingQueryDecidesWhatTheIndexLeadsWith() throws {
        XCTAssertEqual(try cells("select max(raw:n::string) from t"), [["x"]])
        XCTAssertEqual(try subColumns(), [#"("RAW" -> '$.n')"#, #"sf_convert(("RAW" -> '$.n'), 'VARIANT', 'VARCHAR(16777216)')"#])
        XCTAssertEqual(try cells("select raw:state::string, count(*) from t group by 1 order by 1"), [["closed", "1"], ["open", "2"], ["NULL", "2"]])
        let state = #"sf_convert(("RAW" -> '$.state'), 'VARIANT', 'VARCHAR(16777216)')"#
        XCTAssertEqual(try subColumns().first, state)
        XCTAssertTrue(try translated("select raw:state::string, count(*) from t group by 1").contains(#"FROM "D.PUBLIC.T" AS t1 INDEXED BY"#))
        // A later grouping key is added after it; its queries read the index through a subquery.
        XCTAssertEqual(try cells("select raw:user.login::string, count(*) from t group by 1 order by 1"), [["a", "1"], ["b", "1"], ["NULL", "3"]])
        XCTAssertEqual(try subColumns().first, state)
        XCTAssertTrue(try translated("select raw:user.login::string, count(*) from t group by 1").contains("LIMIT -1 OFFSET 0) AS t1"))
    }

    func testAProcedureQueryUsesButNeverTeaches() throws {
        try run("""
            create procedure p() returns string language sql as $$
            begin
              let r resultset := (select raw:state::string s, count(*) n from t group by 1 order by 1);
              return 'done';
            end;
            $$
            """)
        XCTAssertEqual(try cells("call p()"), [["done"]])
        XCTAssertEqual(try subColumns(), [])
        XCTAssertEqual(try cells("select raw:state::string s, count(*) from t group by 1 order by 1").count, 3)
        XCTAssertEqual(try subColumns().count, 2)
    }

    func testWritesKeepTheIndexExact() throws {
        XCTAssertEqual(
            try cells("select raw:state::string, count(*) from t group by 1 order by 1"), [["closed", "1"], ["open", "2"], ["NULL", "2"]])
        try run("update t set raw = object_delete(raw, 'state') where id = 1")
        try run("insert into t select 6, parse_json('{\"state\":5}')")
        try run("delete from t where id = 2")
        XCTAssertEqual(try cells("select raw:state::string, count(*) from t group by 1 order by 1"), [["5", "1"], ["open", "1"], ["NULL", "3"]])
        try run("insert overwrite into t select 7, parse_json('{\"state\":null}')")
        XCTAssertEqual(try cells("select raw:state, raw:state::string, count(*) from t group by 1, 2"), [["null", "NULL", "1"]])
    }

    func testATableLearnsAtMostSixteenExpressions() throws {
        let paths = (1...20).map { "raw:k\($0)::string" }
        XCTAssertEqual(
            try cells("select \(paths.joined(separator: ", ")), count(*) from t group by \((1...20).map(String.init).joined(separator: ", "))").count,
            1)
        XCTAssertEqual(try subColumns().count, SubColumns.limit)
        XCTAssertEqual(try subColumns().last, #"sf_convert(("RAW" -> '$.k8'), 'VARIANT', 'VARCHAR(16777216)')"#)
        // A path past the limit is read from the document, and nothing more is learned.
        XCTAssertFalse(try translated("select raw:k20, count(*) from t group by 1").contains("INDEXED BY"))
        XCTAssertEqual(try cells("select raw:k20, count(*) from t group by 1"), [["NULL", "5"]])
    }

    func testTablesMadeAgainClonedOrRolledBack() throws {
        XCTAssertEqual(try cells("select raw:state::string, count(*) from t group by 1 order by 1").count, 3)
        // A clone has the rows, not the index: its queries read the document until they teach it.
        try run("create table c clone t")
        XCTAssertEqual(try subColumns("C"), [])
        XCTAssertEqual(
            try cells("select raw:state::string, count(*) from c group by 1 order by 1"), [["closed", "1"], ["open", "2"], ["NULL", "2"]])
        XCTAssertEqual(try subColumns("C").count, 2)
        // A table made again starts with none.
        try run("create or replace table t (id int, raw variant)")
        XCTAssertEqual(try subColumns(), [])
        XCTAssertEqual(try cells("select raw:state::string, count(*) from t group by 1"), [])
        // What a rolled-back transaction's query taught goes with it.
        try run("begin")
        XCTAssertEqual(try cells("select raw:n, count(*) from c group by 1").count, 4)
        XCTAssertEqual(try subColumns("C").count, 3)
        try run("rollback")
        XCTAssertEqual(try subColumns("C").count, 2)
        XCTAssertEqual(
            try cells("select raw:n, count(*) from c group by 1 order by 2, 1"), [["\"x\"", "1"], ["1", "1"], ["2", "1"], ["NULL", "2"]])
    }
}
