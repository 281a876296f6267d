// OverflowTests: arithmetic on numbers the user supplies never traps (issue 17, item 14). The
// issue's repros — DATEDIFF in nanoseconds across ten thousand years, DATEADD of 2^63 - 1 years,
// ROUND to a scale of -2^63, which trapped, and DATEADD of -2^63 days, which gave a nonsense date —
// are out-of-range errors or, where the answer exists, that answer; and so are the neighbours the
// audit found: ADD_MONTHS, sub-day DATEADD, MOD(-2^63, -1), FLOOR to a scale of -2^63, GET with an
// index no integer holds, SUM past 64 bits.

import XCTest
@testable import Engine

final class OverflowTests: EngineTestCase {
    func testDatediffPastSixtyFourBitsIsOutOfRange() throws {
        assertError("select datediff(nanosecond, '0001-01-01'::timestamp_ntz, '9999-12-31'::timestamp_ntz)",
                    "100039 (22003): Numeric value '315537811200000000000' is out of range")
        // Spans that fit are counted exactly, far from 1970 too.
        XCTAssertEqual(try cells("select datediff(nanosecond, '2262-04-11'::timestamp_ntz, '2262-04-12'::timestamp_ntz), "
                                 + "datediff(second, '0001-01-01'::timestamp_ntz, '9999-12-31'::timestamp_ntz)"),
                       [["86400000000000", "315537811200"]])
    }

    func testDateaddOutsideTheDateRangeIsAnError() throws {
        assertError("select dateadd(year, 9223372036854775807, '2026-01-02'::date)",
                    "100039 (22008): Date value out of range: DATEADD of 9223372036854775807 YEAR gives a year outside -999999 to 999999")
        assertError("select dateadd(day, -9223372036854775808, current_date())",
                    "100039 (22008): Date value out of range: DATEADD of -9223372036854775808 DAY gives a year outside -999999 to 999999")
        assertError("select dateadd(week, 9223372036854775807, current_date())",
                    "100039 (22008): Date value out of range: DATEADD of 9223372036854775807 WEEK gives a year outside -999999 to 999999")
        assertError("select dateadd(nanosecond, -9223372036854775808, '9999-12-31'::timestamp_ntz), dateadd(hour, 9223372036854775807, current_timestamp())",
                    "100039 (22008): Date value out of range: DATEADD of 9223372036854775807 HOUR gives a year outside -999999 to 999999")
        assertError("select add_months('2026-01-31'::date, 9223372036854775807)",
                    "100039 (22008): Date value out of range: ADD_MONTHS of 9223372036854775807 MONTH gives a year outside -999999 to 999999")
        assertError("select dateadd(day, 1e30, current_date())", "100039 (22003): Numeric value '1e+30' is out of range")
        // The largest amounts of nanoseconds land where they should.
        XCTAssertEqual(try cells("select dateadd(nanosecond, -9223372036854775808, '2000-01-01'::timestamp_ntz), "
                                 + "dateadd(year, 7000, '2026-01-02'::date)"),
                       [["1707-09-22 00:12:43.145", "9026-01-02"]])
    }

    func testRoundAndTruncateToExtremeScales() throws {
        XCTAssertEqual(try cells("select round(1.5, -9223372036854775808), round(1.5, 9223372036854775807) = 1.5, "
                                 + "floor(1.5, -9223372036854775808), ceil(-1.5, 9223372036854775807)"),
                       [["0", "True", "0", "-1.5"]])
        XCTAssertEqual(try cells("select round(1e300::float, 0) = 1e300::float, round(2.5, 0)"), [["True", "3"]])
    }

    func testModuloOfTheSmallestIntegerByMinusOne() throws {
        XCTAssertEqual(try cells("select mod(-9223372036854775808, -1), (-9223372036854775808) % -1"), [["0", "0"]])
    }

    func testAnIndexNoIntegerHoldsFindsNothing() throws {
        XCTAssertEqual(try cells("select get(parse_json('[1,2]'), 1e300), get(parse_json('[1,2]'), 1::float)"), [["NULL", "2"]])
    }

    func testSumPastSixtyFourBits() throws {
        assertError("select sum(x) from (select 9223372036854775807 x union all select 1)",
                    "100039 (22003): Numeric value out of range: the result does not fit a 64-bit integer")
        XCTAssertEqual(try cells("select sum(x) from (select 9223372036854775806 x union all select 1)"), [["9223372036854775807"]])
    }
}
