// Decimal text to the 128-bit unscaled integer: exact at every scale up to 38 digits, the
// two's-complement halves and bytes, and the refusals (with their exact wording) of anything that
// is not a plain decimal or that would lose a digit.

import XCTest
@testable import ArrowIPC

final class ArrowDecimal128Tests: XCTestCase {
    private let nines38 = String(repeating: "9", count: 38)

    private func unscaled(_ text: String, scale: Int) throws -> Int128 {
        try ArrowDecimal128(parsing: text, scale: scale).unscaled
    }

    func testParsingScalesExactly() throws {
        XCTAssertEqual(try unscaled("-12.340", scale: 3), -12340)
        XCTAssertEqual(try unscaled("-12.340", scale: 2), -1234)  // a trailing zero beyond the scale
        XCTAssertEqual(try unscaled("-12.34", scale: 5), -1_234_000)
        XCTAssertEqual(try unscaled("5", scale: 2), 500)
        XCTAssertEqual(try unscaled(".5", scale: 1), 5)
        XCTAssertEqual(try unscaled("5.", scale: 0), 5)
        XCTAssertEqual(try unscaled("+7", scale: 0), 7)
        XCTAssertEqual(try unscaled("-0", scale: 0), 0)
        XCTAssertEqual(try unscaled("-0.000", scale: 1), 0)
        XCTAssertEqual(try unscaled("000123.4500", scale: 2), 12345)
        XCTAssertEqual(try unscaled("0", scale: 100), 0)  // no digit to scale
    }

    func testThirtyEightDigitsAtEveryEnd() throws {
        let largest = try XCTUnwrap(Int128(nines38))
        XCTAssertEqual(try unscaled(nines38, scale: 0), largest)
        XCTAssertEqual(try unscaled("-" + nines38, scale: 0), -largest)
        XCTAssertEqual(try unscaled("9." + String(repeating: "9", count: 37), scale: 37), largest)
        XCTAssertEqual(try unscaled("-0." + String(repeating: "0", count: 37) + "1", scale: 38), -1)
        XCTAssertEqual(try unscaled("1", scale: 37), try XCTUnwrap(Int128("1" + String(repeating: "0", count: 37))))
        XCTAssertEqual(try unscaled(String(repeating: "0", count: 50) + "1", scale: 0), 1)  // leading zeros are free
    }

    func testTwosComplementHalvesAndBytes() {
        let largest = ArrowDecimal128(unscaled: Int128("99999999999999999999999999999999999999") ?? 0)
        XCTAssertEqual(largest.high, 0x4B3B_4CA8_5A86_C47A)
        XCTAssertEqual(largest.low, 0x098A_223F_FFFF_FFFF)
        let smallest = ArrowDecimal128(unscaled: -largest.unscaled)
        XCTAssertEqual(UInt64(bitPattern: smallest.high), 0xB4C4_B357_A579_3B85)
        XCTAssertEqual(smallest.low, 0xF675_DDC0_0000_0001)
        XCTAssertEqual(ArrowDecimal128(high: smallest.high, low: smallest.low), smallest)

        let minusOne = ArrowDecimal128(unscaled: -1)
        XCTAssertEqual(minusOne.high, -1)
        XCTAssertEqual(minusOne.low, .max)
        XCTAssertEqual(ArrowDecimal128(unscaled: Int128(Int64.min)).high, -1)
        XCTAssertEqual(ArrowDecimal128(unscaled: Int128(Int64.min)).low, 0x8000_0000_0000_0000)
        XCTAssertEqual(ArrowDecimal128(unscaled: -2).littleEndianBytes, [0xFE] + Array(repeating: 0xFF, count: 15))
        XCTAssertEqual(ArrowDecimal128(unscaled: 0x0102).littleEndianBytes, [0x02, 0x01] + Array(repeating: 0, count: 14))
        XCTAssertEqual(ArrowDecimal128(unscaled: -1234).description, "-1234")
    }

    func testFitsPrecision() {
        XCTAssertTrue(ArrowDecimal128(unscaled: 99999).fits(precision: 5))
        XCTAssertTrue(ArrowDecimal128(unscaled: -99999).fits(precision: 5))
        XCTAssertFalse(ArrowDecimal128(unscaled: 100_000).fits(precision: 5))
        XCTAssertFalse(ArrowDecimal128(unscaled: -100_000).fits(precision: 5))
        XCTAssertTrue(ArrowDecimal128(unscaled: 0).fits(precision: 1))
        XCTAssertTrue(ArrowDecimal128(unscaled: Int128(nines38) ?? 0).fits(precision: 38))
        XCTAssertFalse(ArrowDecimal128(unscaled: (Int128(nines38) ?? 0) + 1).fits(precision: 38))
    }

    func testTextThatIsNotADecimalIsRefused() {
        for text in ["", "-", "+", ".", "-.", "1e5", "1E5", "1.2.3", " 1", "1 ", "1,5", "--1", "+-1", "1-", "0x10", "١٢", "NaN", "inf"] {
            XCTAssertThrowsError(try ArrowDecimal128(parsing: text, scale: 2), text) { error in
                XCTAssertEqual(error as? ArrowIPCError,
                               ArrowIPCError(.invalidDecimalText, "'\(text)' is not a decimal number (digits with an optional sign and point)"))
            }
        }
    }

    func testDigitsThatWouldBeLostAreRefused() {
        XCTAssertThrowsError(try ArrowDecimal128(parsing: "1.234", scale: 2)) { error in
            XCTAssertEqual((error as? ArrowIPCError)?.message, "'1.234' has nonzero digits beyond scale 2")
        }
        XCTAssertThrowsError(try ArrowDecimal128(parsing: "0.5", scale: 0)) { error in
            XCTAssertEqual((error as? ArrowIPCError)?.message, "'0.5' has nonzero digits beyond scale 0")
        }
        XCTAssertThrowsError(try ArrowDecimal128(parsing: "9" + nines38, scale: 0)) { error in
            XCTAssertEqual((error as? ArrowIPCError)?.message, "'9\(nines38)' at scale 0 has more than 38 digits")
        }
        XCTAssertThrowsError(try ArrowDecimal128(parsing: "1", scale: 38)) { error in
            XCTAssertEqual((error as? ArrowIPCError)?.message, "'1' at scale 38 has more than 38 digits")
        }
        XCTAssertThrowsError(try ArrowDecimal128(parsing: "1", scale: -1)) { error in
            XCTAssertEqual((error as? ArrowIPCError)?.message, "decimal scale -1 is negative")
        }
    }
}
