// ExtractParsingTests: `EXTRACT(part FROM expr)` — the parser reads it as a two-argument call of
// EXTRACT whose first argument is the part (a bare word, kept as a column name like DATE_PART's
// part, or a string), the printer writes it back in the FROM form, and parse → print → parse
// gives the same tree. EXTRACT used as a column name is still a column.

import XCTest
@testable import SnowSQL

final class ExtractParsingTests: XCTestCase {
    func testExtractBecomesATwoArgumentCall() throws {
        XCTAssertEqual(try parseExpression("extract(year from d)"), call("EXTRACT", col("YEAR"), col("D")))
        XCTAssertEqual(try parseExpression("EXTRACT('dayofweek' FROM t.ts + 1)"),
                       call("EXTRACT", str("dayofweek"), .binary(.add, col("T", "TS"), num("1"))))
        XCTAssertEqual(try parseExpression("extract(epoch_second from to_timestamp('2024-01-01'))"),
                       call("EXTRACT", col("EPOCH_SECOND"), call("TO_TIMESTAMP", str("2024-01-01"))))
    }

    func testOtherUsesOfTheNameAreUnchanged() throws {
        XCTAssertEqual(try parseExpression("extract(a, b)"), call("EXTRACT", col("A"), col("B")))
        XCTAssertEqual(try parseExpression("extract"), col("EXTRACT"))
        XCTAssertEqual(syntaxError("select extract(year from)"),
                       "syntax error line 1 at position 24 unexpected ')'.")
    }

    func testPrintsBackInTheFromForm() throws {
        XCTAssertEqual(SQLPrinter.print(try parseExpression("extract(month from d)")), "EXTRACT(MONTH FROM D)")
        XCTAssertEqual(SQLPrinter.print(try parseExpression("extract('day' from d)")), "EXTRACT('day' FROM D)")
        // A comma call gives the same tree, so it prints in the FROM form too (and parses back the same).
        XCTAssertEqual(SQLPrinter.print(try parseExpression("extract(a, b)")), "EXTRACT(A FROM B)")
    }

    func testRoundTrips() throws {
        for sql in ["select extract(year from d), extract('hour' from ts) from t where extract(month from d) = 1",
                    "select date_part(day, d), extract(a, b) from t"] {
            let original = try parse(sql)
            let printed = SQLPrinter.print(original)
            XCTAssertEqual(try parse(printed), original, printed)
            XCTAssertEqual(SQLPrinter.print(try parse(printed)), printed)
        }
    }
}
