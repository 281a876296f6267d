// TypePredicateTests: the IS_<type> predicates and AS_<type> casts over Snowflake's own example
// values (the `vartab` table of the IS_ pages: null, SQL NULL, true, -17, 123.12, 1.912e2, a
// string, an array, an object), CHECK_JSON, and the 001044 error for an argument that is not
// semi-structured.

import XCTest

@testable import Engine

final class TypePredicateTests: EngineTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try script(
            """
            create database d;
            create table vartab (n number(2), v variant);
            insert into vartab select column1, parse_json(column2) from values (1, 'null'), (2, null), (3, 'true'), (4, '-17'),
                (5, '123.12'), (6, '1.912e2'), (7, '"Om ara pa ca na dhih"  '), (8, '[-1, 12, 289, 2188, false,]'),
                (9, '{ "x" : "abc", "y" : false, "z": 10} ')
            """)
    }

    func testPredicatesClassValuesAsTypeofDoes() throws {
        XCTAssertEqual(
            try cells(
                """
                select n, typeof(v), is_null_value(v), is_boolean(v), is_integer(v), is_decimal(v), is_double(v), is_real(v),
                       is_varchar(v), is_char(v), is_array(v), is_object(v)
                from vartab order by n
                """),
            [
                ["1", "NULL_VALUE", "True", "False", "False", "False", "False", "False", "False", "False", "False", "False"],
                ["2", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL"],
                ["3", "BOOLEAN", "False", "True", "False", "False", "False", "False", "False", "False", "False", "False"],
                ["4", "INTEGER", "False", "False", "True", "True", "True", "True", "False", "False", "False", "False"],
                ["5", "DECIMAL", "False", "False", "False", "True", "True", "True", "False", "False", "False", "False"],
                ["6", "DOUBLE", "False", "False", "False", "False", "True", "True", "False", "False", "False", "False"],
                ["7", "VARCHAR", "False", "False", "False", "False", "False", "False", "True", "True", "False", "False"],
                ["8", "ARRAY", "False", "False", "False", "False", "False", "False", "False", "False", "True", "False"],
                ["9", "OBJECT", "False", "False", "False", "False", "False", "False", "False", "False", "False", "True"],
            ])
        XCTAssertEqual(try run("select is_array(v) from vartab").columns.map(\.type), [.boolean])
    }

    func testTemporalAndBinaryPredicatesFindNoSuchValueInJSON() throws {
        // A VARIANT holds JSON: a date's text is a VARCHAR (TYPEOF agrees), never a DATE.
        XCTAssertEqual(
            try cells(
                """
                select is_date(v), is_date_value(v), is_time(v), is_timestamp_ltz(v), is_timestamp_ntz(v), is_timestamp_tz(v), is_binary(v),
                       typeof(v)
                from (select to_variant('2024-01-01'::date) v union all select parse_json('"2024-01-01"') union all select NULL)
                """),
            [
                ["False", "False", "False", "False", "False", "False", "False", "VARCHAR"],
                ["False", "False", "False", "False", "False", "False", "False", "VARCHAR"],
                ["NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL"],
            ])
    }

    func testArraysAndObjectsArePredicateArguments() throws {
        XCTAssertEqual(
            try cells("select is_array(array_construct(1)), is_object(object_construct('a', 1)), is_array(NULL), is_object(array_construct())"),
            [["True", "True", "NULL", "False"]])
    }

    func testCastsGiveNullForAnotherType() throws {
        XCTAssertEqual(
            try cells(
                """
                select n, as_integer(v), as_double(v), as_real(v), as_boolean(v), as_varchar(v), as_char(v), to_json(as_array(v)), to_json(as_object(v))
                from vartab where n in (1, 3, 4, 5, 6, 7, 8) order by n
                """),
            [
                ["1", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL"],
                ["3", "NULL", "NULL", "NULL", "True", "NULL", "NULL", "NULL", "NULL"],
                ["4", "-17", "-17", "-17", "NULL", "NULL", "NULL", "NULL", "NULL"],
                ["5", "NULL", "123.12", "123.12", "NULL", "NULL", "NULL", "NULL", "NULL"],
                ["6", "NULL", "191.2", "191.2", "NULL", "NULL", "NULL", "NULL", "NULL"],
                ["7", "NULL", "NULL", "NULL", "NULL", "Om ara pa ca na dhih", "Om ara pa ca na dhih", "NULL", "NULL"],
                ["8", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "[-1,12,289,2188,false]", "NULL"],
            ])
        XCTAssertEqual(
            try run("select as_integer(v), as_double(v), as_boolean(v), as_array(v), as_object(v), as_char(v) from vartab")
                .columns.map(\.type), [.integer, .float, .boolean, .array, .object, .string])
    }

    func testCheckJSON() throws {
        XCTAssertEqual(
            try cells(
                """
                select check_json('{"a": [1, 2]}'), check_json(NULL), check_json(''), check_json(parse_json('{}')), check_json('{"a": 1')
                """), [["NULL", "NULL", "NULL", "NULL", "Error parsing JSON: {\"a\": 1, pos 8"]])
        assertError(
            "select check_json(n) from vartab",
            "001044 (42P13): SQL compilation error: error line 1 at position 7\nInvalid argument types for function 'CHECK_JSON': (NUMBER(2,0))")
    }

    func testArgumentsThatAreNotSemiStructuredAreRefused() throws {
        assertError(
            "select is_integer(n) from vartab",
            "001044 (42P13): SQL compilation error: error line 1 at position 7\nInvalid argument types for function 'IS_INTEGER': (NUMBER(2,0))")
        assertError(
            "select is_date(current_date())",
            "001044 (42P13): SQL compilation error: error line 1 at position 7\nInvalid argument types for function 'IS_DATE': (DATE)")
        assertError(
            "select as_varchar('x')",
            "001044 (42P13): SQL compilation error: error line 1 at position 7\nInvalid argument types for function 'AS_VARCHAR': (VARCHAR(1))")
        assertError(
            "select is_array(v, v) from vartab",
            "001044 (42P13): SQL compilation error: error line 1 at position 7\nInvalid argument types for function 'IS_ARRAY': (2 arguments)")
    }
}
