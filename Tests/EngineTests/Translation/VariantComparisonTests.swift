// VARIANT compared with other types on every comparison path — `=`, `<>`, IN and NOT IN (lists and
// subqueries), BETWEEN, `CASE x WHEN`, `= ANY / > ALL (subquery)`, DECODE and EQUAL_NULL — reads the
// value the VARIANT holds as the other side's type, as Snowflake does (issue 19, item 1: an IN list
// of strings was always FALSE). Also the three-valued answers of ANY and ALL.
// https://docs.snowflake.com/en/sql-reference/functions/in

import XCTest

@testable import Engine

final class VariantComparisonTests: EngineTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try script(
            """
            create database d;
            create table docs (id int, doc variant);
            insert into docs select 1, parse_json('{"color":"red","n":3,"day":"2024-05-01"}');
            insert into docs select 2, parse_json('{"color":"green","n":12.5}');
            create table colors (name string, rank int);
            insert into colors values ('red', 1), ('blue', 2), (NULL, 3)
            """)
    }

    func testInListOfStrings() throws {
        XCTAssertEqual(
            try cells(
                """
                select parse_json('{"color":"red"}'):color in ('red', 'blue'), parse_json('{"color":"red"}'):color not in ('red', 'blue'),
                       parse_json('{"color":"red"}'):color in ('green'), parse_json('{"color":"red"}'):color not in ('green')
                """), [["True", "False", "False", "True"]])
        XCTAssertEqual(try cells("select id from docs where doc:color in ('red', 'blue') order by id"), [["1"]])
        XCTAssertEqual(try cells("select id from docs where doc:color not in ('red', 'blue') order by id"), [["2"]])
    }

    func testInListOfNumbersAndNulls() throws {
        XCTAssertEqual(
            try cells("select id, doc:n in (3, 4), doc:n in (12.5), doc:n in ('x', NULL), doc:n not in (1, NULL) from docs order by id"),
            [["1", "True", "False", "NULL", "NULL"], ["2", "False", "True", "NULL", "NULL"]])
    }

    func testInSubqueryAndQuantifiedComparisons() throws {
        XCTAssertEqual(
            try cells(
                "select id, doc:color in (select name from colors), doc:color not in (select name from colors where name is not null) from docs order by id"
            ),
            [["1", "True", "False"], ["2", "NULL", "True"]])
        XCTAssertEqual(
            try cells(
                """
                select doc:color = any (select name from colors), doc:n > all (select rank from colors), doc:n < any (select rank from colors where rank > 5),
                       doc:n = all (select rank from colors where rank > 5)
                from docs where id = 2
                """), [["NULL", "True", "False", "True"]])
        XCTAssertEqual(
            try cells(
                "select 2 = any (select rank from colors), 2 = some (select rank from colors), 0 < all (select rank from colors), 1 < all (select rank from colors)"
            ),
            [["True", "True", "True", "False"]])
    }

    func testBetweenCaseAndEquality() throws {
        XCTAssertEqual(
            try cells(
                """
                select id, doc:n between 1 and 5, doc:n not between 1 and 5, case doc:color when 'red' then 'R' when 'green' then 'G' else '?' end,
                       doc:color = 'red', doc:color <> 'red', doc:day::date between '2024-01-01' and '2024-12-31'
                from docs order by id
                """), [["1", "True", "False", "R", "True", "False", "True"], ["2", "False", "True", "G", "False", "True", "NULL"]])
    }

    func testDecodeAndEqualNullCompareTheHeldValue() throws {
        XCTAssertEqual(
            try cells("select decode(doc:color, 'red', 1, 'green', 2, 0), equal_null(doc:color, 'red') from docs order by id"),
            [["1", "True"], ["2", "False"]])
    }

    func testStringMeetsNumberInEveryForm() throws {
        XCTAssertEqual(
            try cells("select 7 in ('7', '8'), '7' in (7, 8), 7 between '6' and '8', case 7 when '7' then 'yes' else 'no' end"),
            [["True", "True", "True", "yes"]])
    }

    func testQuantifiedSubqueryMustHaveOneColumn() {
        assertError("select 1 = any (select 1, 2)", "001007 (22023): SQL compilation error:\nSubquery returns 2 columns where 1 is expected")
    }
}
