// TokenFunctionTests: STRTOK and STRTOK_TO_ARRAY (any delimiter character splits, empty tokens
// are skipped), CHARINDEX/POSITION, REVERSE, ASCII, and the BASE64 functions with their TRY_
// forms: exact results, NULL in, and the errors for bad input, a bad part number, an alphabet
// argument and a wrong argument count.

import XCTest

@testable import Engine

final class TokenFunctionTests: EngineTestCase {
    func testStrtok() throws {
        XCTAssertEqual(
            try cells(
                """
                select strtok('a.b.c', '.', 1), strtok('user@snowflake.com', '@.', 2), strtok('user@snowflake.com', '@.', 3),
                       strtok('a..b', '.', 2), strtok('a b', ' ', 3), strtok('hello world'), strtok('', '.'), strtok('abc', ''),
                       strtok(NULL, '.'), strtok('a.b', NULL), strtok('a.b', '.', NULL)
                """), [["a", "snowflake", "com", "b", "NULL", "hello", "NULL", "abc", "NULL", "NULL", "NULL"]])
        assertError(
            "select strtok('a.b', '.', 0)", "100049 (22023): Invalid value [0] for function 'STRTOK', parameter 3: must be a positive integer")
        assertError(
            "select strtok('a', '.', 1, 2)",
            "001044 (42P13): SQL compilation error: error line 1 at position 7\nInvalid argument types for function 'STRTOK': (4 arguments)")
    }

    func testStrtokToArray() throws {
        XCTAssertEqual(
            try cells(
                """
                select to_json(strtok_to_array('a.b..c', '.')), to_json(strtok_to_array('user@snowflake.com', '.@')),
                       to_json(strtok_to_array('  one two ')), to_json(strtok_to_array('', ',')), strtok_to_array(NULL) is null
                """), [["[\"a\",\"b\",\"c\"]", "[\"user\",\"snowflake\",\"com\"]", "[\"one\",\"two\"]", "[]", "True"]])
        XCTAssertEqual(try run("select strtok_to_array('a b')").columns.map(\.type), [.array])
    }

    func testCharindexPositionReverseAscii() throws {
        XCTAssertEqual(
            try cells(
                """
                select charindex('an', 'banana'), charindex('an', 'banana', 3), charindex('x', 'banana'), position('na', 'banana', 10),
                       charindex('', 'abc'), charindex('é', 'café'), charindex(NULL, 'a'), position(3, 12345),
                       charindex('lésine', 'le péché, la lésine'), charindex('☃☃', 'bunch of ☃☃☃☃'), charindex('', ''), charindex('sth', ''),
                       charindex(to_binary('EF'), to_binary('ABCDEF')), charindex(to_binary('BC'), to_binary('ABCD'))
                """), [["2", "4", "0", "0", "1", "4", "NULL", "3", "14", "10", "1", "0", "3", "0"]])
        assertError(
            "select charindex(to_binary('EF'), 'EF')",
            "001044 (42P13): SQL compilation error: error line 1 at position 7\nInvalid argument types for function 'CHARINDEX': (BINARY(8388608), VARCHAR(2))"
        )
        XCTAssertEqual(
            try cells("select reverse('Snowflake'), reverse('añb'), reverse(''), reverse(NULL), ascii('A'), ascii('é'), ascii(''), ascii(NULL)"),
            [["ekalfwonS", "bña", "", "NULL", "65", "233", "0", "NULL"]])
    }

    func testBase64() throws {
        XCTAssertEqual(
            try cells(
                """
                select base64_encode('Snowflake'), base64_encode(to_binary('SNOW', 'UTF-8')), base64_encode('Snowflake ❄', 8),
                       base64_decode_string('U25vd2ZsYWtl'), try_base64_decode_string('not base64!'), to_varchar(base64_decode_binary('U05PVw=='), 'UTF-8'),
                       try_base64_decode_binary('%%') is null, base64_encode(NULL), base64_decode_string(NULL)
                """), [["U25vd2ZsYWtl", "U05PVw==", "U25vd2Zs\nYWtlIOKd\nhA==", "Snowflake", "NULL", "SNOW", "True", "NULL", "NULL"]])
        assertError(
            "select base64_decode_string('not base64!')", "100115 (22000): The following string is not a legal base64-encoded value: 'not base64!'")
        assertError(
            "select base64_encode('a', 0, '+/=')",
            "001003 (42000): SQL compilation error:\nUnsupported feature 'BASE64_ENCODE with an alphabet argument'.")
    }
}
