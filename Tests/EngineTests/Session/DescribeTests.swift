// Session.describe: the columns a statement would return, for a driver's describeOnly request —
// names, types and nullability as executing gives them, with nothing run and nothing changed, and
// the errors compiling the statement gives.

import Foundation
import XCTest
@testable import Engine

final class DescribeTests: EngineTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try script("""
            create database d;
            create table t (id int not null, name string, amount number(10,2) not null);
            insert into t values (1, 'a', 1.50);
            create table u (id int not null, note string);
            create sequence seq
            """)
    }

    private func describe(_ sql: String, file: StaticString = #filePath, line: UInt = #line) throws -> [ResultColumn] {
        do {
            return try session.describe(sql)
        } catch {
            XCTFail("describe \(sql) failed: \(error)", file: file, line: line)
            throw error
        }
    }

    private func assertDescribeError(_ sql: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try session.describe(sql), file: file, line: line) { error in
            XCTAssertEqual((error as? SnowflakeError)?.description, expected, file: file, line: line)
        }
    }

    // MARK: - Queries

    func testLiteralsCastsAndCountsAreNotNull() throws {
        XCTAssertEqual(try describe("select 1 as a, 'xy' as b, 1.5 as c, true as d, null as e"), [
            ResultColumn("A", .integer, nullable: false), ResultColumn("B", .varchar(length: 2), nullable: false),
            ResultColumn("C", .number(precision: 38, scale: 1), nullable: false), ResultColumn("D", .boolean, nullable: false),
            ResultColumn("E", .string),
        ])
        XCTAssertEqual(try describe("select 0 :: bigint as a, 'a' :: string as b, try_cast('x' as int) as c, (-(2)) as d"), [
            ResultColumn("A", .integer, nullable: false), ResultColumn("B", .string, nullable: false),
            ResultColumn("C", .integer), ResultColumn("D", .integer, nullable: false),
        ])
        XCTAssertEqual(try describe("select count(*), count(name), count_if(id > 1), sum(id), max(name) from t"), [
            ResultColumn("COUNT(*)", .integer, nullable: false), ResultColumn("COUNT(NAME)", .integer, nullable: false),
            ResultColumn("COUNT_IF(ID > 1)", .integer, nullable: false), ResultColumn("SUM(ID)", .integer),
            ResultColumn("MAX(NAME)", .string),
        ])
        // A semi-structured value may hold JSON null, which converts to SQL NULL.
        XCTAssertEqual(try describe("select parse_json('1') :: int as a"), [ResultColumn("A", .integer)])
    }

    func testColumnsKeepTheirDeclaredNullabilityExceptOnTheOuterSideOfAJoin() throws {
        XCTAssertEqual(try describe("select * from t"), [
            ResultColumn("ID", .integer, nullable: false), ResultColumn("NAME", .string),
            ResultColumn("AMOUNT", .number(precision: 10, scale: 2), nullable: false),
        ])
        XCTAssertEqual(try describe("select t.id, u.id from t join u on t.id = u.id"), [
            ResultColumn("ID", .integer, nullable: false), ResultColumn("ID", .integer, nullable: false),
        ])
        XCTAssertEqual(try describe("select t.id, u.id from t left join u on t.id = u.id"), [
            ResultColumn("ID", .integer, nullable: false), ResultColumn("ID", .integer),
        ])
        XCTAssertEqual(try describe("select t.id, u.id from t right join u on t.id = u.id"), [
            ResultColumn("ID", .integer), ResultColumn("ID", .integer, nullable: false),
        ])
        XCTAssertEqual(try describe("select id from t union all select null"), [ResultColumn("ID", .integer)])
        XCTAssertEqual(try describe("with c as (select id from t) select * from c"), [ResultColumn("ID", .integer, nullable: false)])
        XCTAssertEqual(try describe("select column1 from values (1), (null)"), [ResultColumn("COLUMN1", .integer)])
    }

    func testExecutingReportsTheSameColumns() throws {
        let sql = "select $1 as k, $2 as v, count(*) over () as n from values ('a' :: string, 1), ('b' :: string, null)"
        XCTAssertEqual(try run(sql).columns, try describe(sql))
        XCTAssertEqual(try describe(sql), [
            ResultColumn("K", .string, nullable: false), ResultColumn("V", .integer), ResultColumn("N", .integer, nullable: false),
        ])
    }

    // MARK: - Nothing runs

    func testDescribingChangesNothing() throws {
        XCTAssertEqual(try describe("insert into t (id, name, amount) select id + 10, name, amount from t"),
                       [ResultColumn("number of rows inserted", .integer, nullable: false)])
        XCTAssertEqual(try describe("update t set name = 'b'"), [
            ResultColumn("number of rows updated", .integer, nullable: false),
            ResultColumn("number of multi-joined rows updated", .integer, nullable: false),
        ])
        XCTAssertEqual(try describe("delete from t"), [ResultColumn("number of rows deleted", .integer, nullable: false)])
        XCTAssertEqual(try describe("""
            merge into t using (select 1 as id) s on t.id = s.id when matched then delete when not matched then insert (id, amount) values (s.id, 0)
            """), [ResultColumn("number of rows inserted", .integer, nullable: false),
                   ResultColumn("number of rows deleted", .integer, nullable: false)])
        XCTAssertEqual(try describe("select seq.nextval"), [ResultColumn("NEXTVAL", .integer, nullable: false)])
        XCTAssertEqual(try describe("create table v (a int)"), [ResultColumn("status", .string)])
        XCTAssertEqual(try describe("drop table t"), [ResultColumn("status", .string)])
        XCTAssertEqual(try describe("use schema public"), [ResultColumn("status", .string)])
        XCTAssertEqual(try cells("select id, name, amount from t"), [["1", "a", "1.50"]])
        XCTAssertEqual(try cells("show tables").map { $0[1] }, ["T", "U"])
        XCTAssertEqual(try cells("select seq.nextval"), [["1"]])
    }

    func testShowAndDescribeAnswerTheirColumns() throws {
        XCTAssertEqual(try describe("show tables").prefix(3).map(\.name), ["created_on", "name", "database_name"])
        XCTAssertEqual(try describe("desc table t").map(\.name), [
            "name", "type", "kind", "null?", "default", "primary key", "unique key", "check", "expression", "comment",
            "policy name", "privacy domain",
        ])
        XCTAssertEqual(try describe("show parameters").map(\.name), ["key", "value", "default", "level", "description", "type"])
    }

    /// CALL answers one column named after the procedure, of its return type; the procedure does not run.
    func testCallAnswersTheProcedureColumn() throws {
        try run("create procedure p() returns number(10,2) language sql as $$ begin insert into u values (9, 'ran'); return 1; end $$")
        XCTAssertEqual(try describe("call p()"), [ResultColumn("P", .number(precision: 10, scale: 2))])
        XCTAssertEqual(try cells("select count(*) from u"), [["0"]])
        assertDescribeError("call nope()", "002003 (02000): SQL compilation error:\nProcedure 'NOPE' does not exist or not authorized.")
    }

    /// The 5.x connector describes an INSERT before binding its values.
    func testBindPlaceholdersNeedNoValuesToBeDescribed() throws {
        XCTAssertEqual(try describe("insert into t values (?, ?, ?)"), [ResultColumn("number of rows inserted", .integer, nullable: false)])
        XCTAssertEqual(try describe("select id, name from t where id = ?"), [
            ResultColumn("ID", .integer, nullable: false), ResultColumn("NAME", .string),
        ])
        assertDescribeError("insert into t values (?, ?)", "002020 (21S01): SQL compilation error:\nInsert value list does not match column list expecting 3 but got 2")
    }

    /// Inside BEGIN … COMMIT the transaction's own work is seen, and kept.
    func testDescribingInsideATransactionSeesItsWork() throws {
        try run("begin")
        try run("insert into u values (5, 'open')")
        XCTAssertEqual(try describe("select note from u where id = 5"), [ResultColumn("NOTE", .string)])
        try run("commit")
        XCTAssertEqual(try cells("select note from u"), [["open"]])
    }

    // MARK: - Errors

    func testCompileErrorsAreTheOnesExecutingGives() throws {
        assertDescribeError("select * from nope", "002003 (42S02): SQL compilation error:\nObject 'NOPE' does not exist or not authorized.")
        assertDescribeError("select id, nope from t",
                            "000904 (42000): SQL compilation error: error line 1 at position 11\ninvalid identifier 'NOPE'")
        assertDescribeError("selec 1", "001003 (42000): SQL compilation error:\nsyntax error line 1 at position 0 unexpected 'selec'.")
        assertDescribeError("insert into nope values (1)", "002003 (42S02): SQL compilation error:\nTable 'NOPE' does not exist or not authorized.")
        assertDescribeError("insert into t (id, nope) values (1, 2)",
                            "000904 (42000): SQL compilation error: error line 1 at position 19\ninvalid identifier 'NOPE'")
        assertDescribeError("insert into t values (1)", "002020 (21S01): SQL compilation error:\nInsert value list does not match column list expecting 3 but got 1")
        assertDescribeError("select 1; select 2", SnowflakeError.multipleStatements.description)
    }
}
