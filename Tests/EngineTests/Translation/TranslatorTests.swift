// Translator: Snowflake SQL in, the SQLite SQL Snowlite runs out — asserted as text, so a change
// in translation is a visible change. User values must travel as bound arguments.

import GRDB
import SnowSQL
import XCTest
@testable import Engine

final class TranslatorTests: EngineTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try script("create database d;\ncreate table t (id int, name string)")
    }

    func translate(_ sql: String) throws -> TranslatedQuery {
        guard case .query(let query) = try Parser.parseOne(sql).statement else { throw SnowflakeError.unsupported("not a query") }
        return try session.store.queue.read { db in try Executor(session: session, db: db).translator().translate(query) }
    }

    func testSimpleSelect() throws {
        let q = try translate("select id, name from t where name = 'x' order by id desc")
        XCTAssertEqual(q.sql, #"SELECT t1."ID" AS "c1", t1."NAME" AS "c2" FROM "D.PUBLIC.T" AS t1 WHERE (t1."NAME" = ?) ORDER BY "c1" DESC NULLS FIRST"#)
        XCTAssertEqual(q.arguments, ["x".databaseValue])
        XCTAssertEqual(q.columns, [ResultColumn("ID", .integer), ResultColumn("NAME", .string)])
    }

    func testUserTextNeverEntersTheSQL() throws {
        try run("set v = 'x'' OR 1=1 --'")
        let q = try translate("select name from t where name = $v or name = 'a\"b'")
        XCTAssertFalse(q.sql.contains("OR 1=1"))
        XCTAssertFalse(q.sql.contains("a\"b"))
        XCTAssertEqual(q.arguments, ["x' OR 1=1 --".databaseValue, "a\"b".databaseValue])
    }

    func testDivisionConcatAndGrouping() throws {
        let q = try translate("select name || '!', count(*) / 2 from t group by 1")
        XCTAssertEqual(q.sql, #"SELECT sf_concat(t1."NAME", ?) AS "c1", sf_div(count(*), 2) AS "c2" FROM "D.PUBLIC.T" AS t1 GROUP BY 1"#)
        XCTAssertEqual(q.columns.map(\.type), [.string, .number(precision: 38, scale: 6)])
    }

    func testQualifyWrapsTheSelect() throws {
        let q = try translate("select id from t qualify row_number() over (partition by name order by id) = 1")
        XCTAssertEqual(q.sql, #"SELECT "c1" FROM (SELECT (row_number() OVER (PARTITION BY t1."NAME" ORDER BY t1."ID" ASC NULLS LAST) = 1) AS "q", t1."ID" AS "c1" FROM "D.PUBLIC.T" AS t1) WHERE "q""#)
    }
}

final class VariantTranslationTests: EngineTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try script("create database d;\ncreate table t (id int, raw variant)")
    }

    func translate(_ sql: String) throws -> TranslatedQuery {
        guard case .query(let query) = try Parser.parseOne(sql).statement else { throw SnowflakeError.unsupported("not a query") }
        return try session.store.queue.read { db in try Executor(session: session, db: db).translator().translate(query) }
    }

    func testPlainPathsBecomeLiteralJSONPaths() throws {
        let q = try translate("select raw:user.login, raw:labels[0].name, raw:\"Mixed Key\" from t")
        XCTAssertEqual(q.sql, #"SELECT (t1."RAW" -> '$.user.login') AS "c1", (t1."RAW" -> '$.labels[0].name') AS "c2", (t1."RAW" -> '$."Mixed Key"') AS "c3" FROM "D.PUBLIC.T" AS t1"#)
        XCTAssertEqual(q.arguments, [])
    }

    func testOtherKeysTravelAsBoundPaths() throws {
        let q = try translate("select raw:\"it's\" from t")
        XCTAssertEqual(q.sql, #"SELECT sf_get_path(t1."RAW", ?) AS "c1" FROM "D.PUBLIC.T" AS t1"#)
        XCTAssertEqual(q.arguments, [#""it's""#.databaseValue])
    }

    func testCastsAndComparisonsGoThroughConvert() throws {
        let q = try translate("select raw:id::int from t where raw:state = 'open'")
        XCTAssertEqual(q.sql, #"SELECT sf_convert((t1."RAW" -> '$.id'), 'VARIANT', 'NUMBER(38,0)') AS "c1" FROM "D.PUBLIC.T" AS t1 WHERE (sf_convert((t1."RAW" -> '$.state'), 'VARIANT', 'VARCHAR(16777216)') = ?)"#)
        XCTAssertEqual(q.arguments, ["open"].map { $0.databaseValue })
    }
}
