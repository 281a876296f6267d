// MultiTableInsertTests: INSERT ALL and INSERT FIRST — unconditional and conditional, column lists,
// VALUES of the query's columns, expressions, DEFAULT and NULL, ELSE, OVERWRITE, the query run once
// for every clause, the answer's columns, and the errors.

import Foundation
import XCTest

final class MultiTableInsertTests: EngineTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        for statement in [
            "create database d", "create table src (n int, name string)",
            "insert into src values (1, 'one'), (2, 'two'), (3, 'three'), (4, null)",
            "create table a (x int, y string default 'dflt')", "create table b (x int, y string)",
        ] {
            try run(statement)
        }
    }

    func testUnconditionalAllFillsEveryTarget() throws {
        let result = try run("insert all into a into b (y, x) values (name, n) select n, name from src")
        XCTAssertEqual(result.columns.map(\.name), ["number of rows inserted into A", "number of rows inserted into B"])
        XCTAssertEqual(try cells("select * from a order by x"), [["1", "one"], ["2", "two"], ["3", "three"], ["4", "NULL"]])
        XCTAssertEqual(try cells("select * from b order by x"), try cells("select * from a order by x"))
        XCTAssertEqual(result.rows, [[.integer(4), .integer(4)]])
    }

    func testFirstTakesTheFirstWhenThatHoldsAndElseTheRest() throws {
        try run("insert into a values (99, 'old')")
        let result = try run(
            """
            insert overwrite first
              when n <= 2 then into a (x) values (n)
              when n <= 3 then into b values (n, name) into b values (n * 10, upper(name))
              else into a values (n, default)
            select n, name from src
            """)
        XCTAssertEqual(result.rows, [[.integer(3), .integer(2)]])
        XCTAssertEqual(try cells("select * from a order by x"), [["1", "dflt"], ["2", "dflt"], ["4", "dflt"]])
        XCTAssertEqual(try cells("select * from b order by x"), [["3", "three"], ["30", "THREE"]])
    }

    func testConditionalAllTakesEveryWhenThatHoldsAndANullConditionDoesNot() throws {
        let result = try run(
            """
            insert all when name is null then into a values (n, 'null name')
                       when n > 1 then into a values (n, 'gt1')
                       when name = 'zzz' then into b
                       else into b
            select * from src
            """)
        XCTAssertEqual(result.columns.map(\.name), ["number of rows inserted into A", "number of rows inserted into B"])
        XCTAssertEqual(result.rows, [[.integer(4), .integer(1)]])
        XCTAssertEqual(try cells("select * from a order by x, y"), [["2", "gt1"], ["3", "gt1"], ["4", "gt1"], ["4", "null name"]])
        XCTAssertEqual(try cells("select * from b"), [["1", "one"]])
    }

    func testTheQueryRunsOnceForEveryClause() throws {
        try run("create sequence s")
        try run("insert all into a (x) values (v) into b (x) values (v) select s.nextval as v from src")
        XCTAssertEqual(try cells("select x from a order by x"), try cells("select x from b order by x"))
    }

    func testErrors() throws {
        assertError(
            "insert first into a select * from src", "001003 (42000): SQL compilation error:\nsyntax error line 1 at position 13 unexpected 'into'.")
        assertError(
            "insert all into a values (1) select * from src",
            "002020 (21S01): SQL compilation error:\nInsert value list does not match column list expecting 2 but got 1")
        assertError(
            "insert all into a values (nope, name) select * from src",
            "000904 (42000): SQL compilation error: error line 1 at position 26\ninvalid identifier 'NOPE'")
        assertError(
            "insert all into missing select * from src",
            "002003 (42S02): SQL compilation error:\nTable 'MISSING' does not exist or not authorized.")
        // A failing clause leaves every target as it was: the statement is one transaction.
        assertError(
            "insert all into a into b (x) values (name) select * from src",
            "100038 (22018): Numeric value 'one' is not recognized")
        XCTAssertEqual(try cells("select count(*) from a"), [["0"]])
    }
}
