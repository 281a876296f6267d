// CharacterFunctionTests: CHR/CHAR, UNICODE, SPACE, OCTET_LENGTH and BIT_LENGTH, TRANSLATE,
// CONCAT_WS (NULL when any argument is), GREATEST_IGNORE_NULLS and LEAST_IGNORE_NULLS: exact
// results, NULL in, and the errors for a code point that is none, a value past 16 MB and a
// wrong argument count.

import XCTest

@testable import Engine

final class CharacterFunctionTests: EngineTestCase {
    func testChrUnicodeSpaceAndLengths() throws {
        XCTAssertEqual(
            try cells(
                """
                select chr(65), char(10052), chr(NULL), unicode('❄x'), unicode(''), '[' || space(3) || ']', space(-1), space(NULL),
                       octet_length('añ❄'), bit_length('añ❄'), octet_length(to_binary('ABCD')), octet_length(NULL)
                """), [["A", "❄", "NULL", "10052", "0", "[   ]", "", "NULL", "6", "48", "2", "NULL"]])
        assertError("select chr(1114112)", "100049 (22023): Invalid value [1114112] for function 'CHR', parameter 1: not a Unicode code point")
        assertError("select chr(-1)", "100049 (22023): Invalid value [-1] for function 'CHR', parameter 1: not a Unicode code point")
        assertError("select space(100000000)", "100082 (22000): Max LOB size (16777216) exceeded, actual size of parsed column is 100000000")
    }

    func testTranslateAndConcatWS() throws {
        XCTAssertEqual(
            try cells(
                """
                select translate('bar', 'abc', 'xyz'), translate('❄a❄b', '❄a', 'X'), translate('aab', 'aa', 'xy'), translate('x', NULL, 'y'),
                       concat_ws(',', 'one', 'two', 3), concat_ws('-', 'a'), concat_ws(',', 'a', NULL), concat_ws(NULL, 'a'), concat_ws('', 'a', 'b')
                """), [["yxr", "XXb", "xxb", "NULL", "one,two,3", "a", "NULL", "NULL", "ab"]])
        assertError(
            "select concat_ws(',')",
            """
            001044 (42P13): SQL compilation error: error line 1 at position 7
            Invalid argument types for function 'CONCAT_WS': (1 argument)
            """)
    }

    func testGreatestAndLeastIgnoringNulls() throws {
        XCTAssertEqual(
            try cells(
                """
                select greatest_ignore_nulls(1, NULL, 3), least_ignore_nulls(NULL, 4, 2), greatest_ignore_nulls(NULL, NULL),
                       least_ignore_nulls(7), greatest_ignore_nulls('b', NULL, 'a'), greatest(1, NULL, 3)
                """), [["3", "2", "NULL", "7", "b", "NULL"]])
    }
}
