// ArrayFunctionTests: the ARRAY and OBJECT functions a native app's configuration code uses —
// ARRAY_APPEND/PREPEND/CAT/COMPACT/CONSTRUCT_COMPACT, ARRAY_CONTAINS and ARRAY_POSITION,
// ARRAY_DISTINCT/EXCEPT/INTERSECTION and ARRAYS_OVERLAP (multisets, numbers by value),
// ARRAY_INSERT/REMOVE/REMOVE_AT/REVERSE/SLICE/TO_STRING/GENERATE_RANGE/FLATTEN, OBJECT_DELETE,
// OBJECT_PICK, OBJECT_KEYS, STRIP_NULL_VALUE, GET_IGNORE_CASE and JSON_EXTRACT_PATH_TEXT: exact
// results (compact JSON through TO_JSON), NULL in, and the errors for a wrong argument type or
// count and for a VARIANT that holds no array.

import XCTest

@testable import Engine

final class ArrayFunctionTests: EngineTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try script(
            """
            create database d;
            create table config (id int, settings variant, tags array);
            insert into config select 1, parse_json('{"Mode":"full","retries":3,"hosts":["a","b"]}'), array_construct('x', 'y', 'x');
            insert into config select 2, NULL, NULL
            """)
    }

    func testAppendPrependCatAndCompact() throws {
        XCTAssertEqual(
            try cells(
                """
                select to_json(array_append(array_construct(1, 2), 'three')), to_json(array_prepend(array_construct(1), 0)),
                       to_json(array_cat(array_construct(1, 2), array_construct(2, 'b'))), to_json(array_append(array_construct(), NULL)),
                       to_json(array_compact(array_construct(10, NULL, 30, parse_json('null')))), to_json(array_construct_compact(1, NULL, 'a'))
                """), [["[1,2,\"three\"]", "[0,1]", "[1,2,2,\"b\"]", "[null]", "[10,30]", "[1,\"a\"]"]])
        XCTAssertEqual(
            try cells(
                """
                select array_append(tags, 1) is null, array_cat(tags, array_construct(1)) is null, array_compact(tags) is null
                from config where id = 2
                """), [["True", "True", "True"]])
        XCTAssertEqual(try cells("select to_json(array_append(settings:hosts, 'c')) from config where id = 1"), [["[\"a\",\"b\",\"c\"]"]])
        XCTAssertEqual(
            try run("select array_append(tags, 1), array_size(array_cat(tags, tags)) from config").columns.map(\.type),
            [.array, .integer])
    }

    func testContainsAndPosition() throws {
        XCTAssertEqual(
            try cells(
                """
                select array_contains('x'::variant, tags), array_contains('z', tags), array_position('y', tags), array_position('z', tags),
                       array_contains(2, array_construct(1, 2.0)), array_position(1.0, array_construct('1', 1)), array_contains(NULL, tags),
                       array_contains(NULL, array_construct(1, NULL))
                from config where id = 1
                """), [["True", "False", "1", "NULL", "True", "1", "NULL", "True"]])
        XCTAssertEqual(try cells("select array_contains('x', tags), array_position('x', tags) from config where id = 2"), [["NULL", "NULL"]])
        assertError(
            "select array_contains('x', 'x')",
            "001044 (42P13): SQL compilation error: error line 1 at position 7\nInvalid argument types for function 'ARRAY_CONTAINS': (VARCHAR(1), VARCHAR(1))"
        )
    }

    func testSetOperationsAreMultisets() throws {
        XCTAssertEqual(
            try cells(
                """
                select to_json(array_distinct(array_construct('A', 'B', 'A', 1, 1.0, NULL, NULL))),
                       to_json(array_except(array_construct('A', 'B', 'B', 'B', 'C'), array_construct('B'))),
                       to_json(array_intersection(array_construct('A', 'B', 'B', 'B', 'C'), array_construct('B', 'B', 'D'))),
                       arrays_overlap(array_construct(1, 2), array_construct(3, 2.0)), arrays_overlap(array_construct(1), array_construct('1')),
                       to_json(array_reverse(array_construct(1, 2, 3)))
                """), [["[\"A\",\"B\",1,null]", "[\"A\",\"B\",\"B\",\"C\"]", "[\"B\",\"B\"]", "True", "False", "[3,2,1]"]])
        XCTAssertEqual(
            try cells("select array_except(tags, tags) is null, arrays_overlap(tags, array_construct()) is null from config where id = 2"),
            [["True", "True"]])
    }

    func testInsertRemoveAndSlice() throws {
        XCTAssertEqual(
            try cells(
                """
                select to_json(array_insert(array_construct(0, 1, 2), 1, 'x')), to_json(array_insert(array_construct(0, 1, 2), -1, 'x')),
                       to_json(array_insert(array_construct(0), 3, 'x')), to_json(array_remove(array_construct(1, 2, 1.0, 'a'), 1)),
                       to_json(array_remove_at(array_construct(1, 2, 3), -1)), to_json(array_remove_at(array_construct(1, 2, 3), 7)),
                       array_remove(array_construct(1), NULL) is null
                """), [["[0,\"x\",1,2]", "[0,1,\"x\",2]", "[0,null,null,\"x\"]", "[2,\"a\"]", "[1,2]", "[1,2,3]", "True"]])
        XCTAssertEqual(
            try cells(
                """
                select to_json(array_slice(array_construct(0, 1, 2, 3, 4), 1, 3)), to_json(array_slice(array_construct(0, 1, 2, 3, 4), -2, 10)),
                       to_json(array_slice(array_construct(0, 1, 2), 2, 1)), array_slice(array_construct(0), NULL, 1) is null
                """), [["[1,2]", "[3,4]", "[]", "True"]])
        assertError(
            "select array_insert(array_construct(1), -3, 'x')",
            "001003 (42000): SQL compilation error:\nUnsupported feature 'ARRAY_INSERT at position -3 of an array of 1 elements'.")
        assertError(
            "select array_slice(tags, current_date(), id) from config",
            "001044 (42P13): SQL compilation error: error line 1 at position 7\nInvalid argument types for function 'ARRAY_SLICE': (ARRAY, DATE, NUMBER(38,0))"
        )
    }

    func testToStringGenerateRangeAndFlatten() throws {
        XCTAssertEqual(
            try cells(
                """
                select array_to_string(array_construct('a', 1, NULL, true, array_construct(2), 1.50), ', '), array_to_string(tags, '') ,
                       to_json(array_generate_range(2, 5)), to_json(array_generate_range(5, -3, -3)), to_json(array_generate_range(1, 1)),
                       to_json(array_flatten(array_construct(array_construct(1, 2), array_construct(), array_construct(array_construct(3)))))
                from config where id = 1
                """), [["a, 1, , true, [2], 1.5", "xyx", "[2,3,4]", "[5,2,-1]", "[]", "[1,2,[3]]"]])
        XCTAssertEqual(
            try cells("select array_to_string(tags, ',') is null, array_to_string(array_construct(1), NULL) is null from config where id = 2"),
            [["True", "True"]])
        assertError(
            "select array_generate_range(1, 5, 0)",
            "100049 (22023): Invalid value [0] for function 'ARRAY_GENERATE_RANGE', parameter 3: must not be zero")
        assertError(
            "select array_flatten(array_construct(array_construct(1), 2))",
            "100049 (22023): Invalid value [2] for function 'ARRAY_FLATTEN', parameter 1: every element must be an array")
    }

    func testAVariantThatHoldsNoArrayFailsWhenRun() throws {
        assertError(
            "select array_append(settings:Mode, 1) from config where id = 1",
            "100071 (22000): Failed to cast variant value \"full\" to ARRAY")
        assertError(
            "select array_size(array_cat(settings, tags)) from config where id = 1",
            "100071 (22000): Failed to cast variant value {\"Mode\":\"full\",\"hosts\":[\"a\",\"b\"],\"retries\":3} to ARRAY")
        assertError(
            "select array_append(id, id) from config",
            "001044 (42P13): SQL compilation error: error line 1 at position 7\nInvalid argument types for function 'ARRAY_APPEND': (NUMBER(38,0), NUMBER(38,0))"
        )
        assertError(
            "select array_append(array_construct())",
            "001044 (42P13): SQL compilation error: error line 1 at position 7\nInvalid argument types for function 'ARRAY_APPEND': (1 argument)")
    }

    func testObjectDeletePickAndKeys() throws {
        XCTAssertEqual(
            try cells(
                """
                select to_json(object_delete(settings, 'retries', 'nope')), to_json(object_pick(settings, 'Mode', 'retries')),
                       to_json(object_pick(settings, array_construct('hosts'))), to_json(object_keys(settings)),
                       to_json(object_delete(settings)), to_json(object_pick(settings))
                from config where id = 1
                """),
            [
                [
                    "{\"Mode\":\"full\",\"hosts\":[\"a\",\"b\"]}", "{\"Mode\":\"full\",\"retries\":3}", "{\"hosts\":[\"a\",\"b\"]}",
                    "[\"Mode\",\"hosts\",\"retries\"]", "{\"Mode\":\"full\",\"hosts\":[\"a\",\"b\"],\"retries\":3}", "{}",
                ]
            ])
        XCTAssertEqual(
            try cells("select object_keys(settings) is null, object_pick(settings, 'a') is null from config where id = 2"),
            [["True", "True"]])
        assertError(
            "select object_keys(settings:hosts) from config where id = 1",
            "100071 (22000): Failed to cast variant value [\"a\",\"b\"] to OBJECT")
        assertError(
            "select object_keys('{}')",
            "001044 (42P13): SQL compilation error: error line 1 at position 7\nInvalid argument types for function 'OBJECT_KEYS': (VARCHAR(2))")
    }

    func testStripNullGetIgnoreCaseAndJSONExtractPathText() throws {
        XCTAssertEqual(
            try cells(
                """
                select strip_null_value(parse_json('{"a":null}'):a) is null, to_json(strip_null_value(parse_json('{"a":1}'):a)),
                       get_ignore_case(settings, 'mode'), get_ignore_case(settings, 'RETRIES'), get_ignore_case(settings, 'missing') is null,
                       json_extract_path_text('{"a":{"b":"text","n":[1,2]}}', 'a.b'), json_extract_path_text('{"a":{"n":[1,2]}}', 'a.n'),
                       json_extract_path_text('{"a":{"n":[1,2]}}', 'a.n[1]'), json_extract_path_text('{"a":null}', 'a') is null
                from config where id = 1
                """), [["True", "1", "\"full\"", "3", "True", "text", "[1,2]", "2", "True"]])
        assertError("select json_extract_path_text('{\"a\":', 'a')", "100069 (22P02): Error parsing JSON: {\"a\":, pos 6")
    }
}
