// StringLimitTests: functions that build long strings check Snowflake's 16 MB limit before they
// build them (issue 17, item 15). `lpad('x', 9223372036854775807, 'y')` crashed the process
// trying to allocate 2^63 characters; now it, RPAD, REPEAT, CONCAT, `||`, LISTAGG and ARRAY_AGG
// past 16,777,216 bytes fail with 100082 naming the size they would have had, and values up to
// the limit, negative lengths and counts still behave.

import XCTest
@testable import Engine

final class StringLimitTests: EngineTestCase {
    private func tooLarge(_ bytes: String) -> String {
        "100082 (22000): Max LOB size (16777216) exceeded, actual size of parsed column is \(bytes)"
    }

    func testPaddingPastTheLimitIsRefusedBeforeItIsBuilt() {
        assertError("select lpad('x', 9223372036854775807, 'y')", tooLarge("9223372036854775807"))
        assertError("select rpad('x', 9223372036854775807, 'y')", tooLarge("9223372036854775807"))
        assertError("select lpad('x', 9223372036854775807)", tooLarge("9223372036854775807"))
        // A 4-byte pad character counts four bytes a character.
        assertError("select rpad('', 4194305, '😀')", tooLarge("16777220"))
    }

    func testRepeatPastTheLimitIsRefusedBeforeItIsBuilt() {
        assertError("select repeat('ab', 9223372036854775807)", tooLarge("18446744073709551614"))
        assertError("select repeat('x', 16777217)", tooLarge("16777217"))
    }

    func testConcatenationPastTheLimitIsRefused() {
        assertError("select repeat('x', 16777216) || 'y'", tooLarge("16777217"))
        assertError("select concat(repeat('x', 10000000), repeat('y', 10000000))", tooLarge("20000000"))
        assertError("select listagg(s, ',') from (select repeat('x', 9000000) s union all select repeat('y', 9000000))",
                    tooLarge("18000001"))
    }

    func testValuesWithinTheLimitAndNegativeLengths() throws {
        XCTAssertEqual(try cells("select length(repeat('x', 16777216)), length(lpad('', 100000, 'ab')), length(rpad('a', 100000))"),
                       [["16777216", "100000", "100000"]])
        XCTAssertEqual(try cells("select lpad('abc', -9223372036854775808, 'y'), rpad('abc', -1), repeat('x', -9223372036854775808), "
                                 + "repeat('x', 0), repeat('ab', 3), repeat(NULL, 2), repeat('x', NULL)"),
                       [["", "", "", "", "ababab", "NULL", "NULL"]])
        XCTAssertEqual(try cells("select lpad('abc', 5, 'xy'), rpad('abc', 2), lpad('7', 3, '0')"), [["xyabc", "ab", "007"]])
    }
}
