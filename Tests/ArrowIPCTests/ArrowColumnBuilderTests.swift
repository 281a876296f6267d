// Column building: the exact buffers of each layout (validity bits, little-endian values, packed
// booleans, offsets and data, struct children with a slot for every row), and every refusal of a
// value with its exact wording, leaving the builder as it was.

import XCTest
@testable import ArrowIPC

final class ArrowColumnBuilderTests: XCTestCase {
    func testFixedWidthValuesWithNulls() throws {
        var builder = ArrowColumnBuilder(for: ArrowField(name: "n", type: .int16))
        try builder.append(Int64(-2))
        try builder.appendNull()
        try builder.append(0x0102)
        let column = builder.build()
        XCTAssertEqual(column.length, 3)
        XCTAssertEqual(column.nullCount, 1)
        XCTAssertEqual(column.validity, [0b101])
        XCTAssertEqual(column.valueBuffers, [[0xFE, 0xFF, 0x00, 0x00, 0x02, 0x01]])  // a null's slot is zeros
        XCTAssertTrue(column.children.isEmpty)
    }

    func testNoNullsMeansNoValidityBitmap() throws {
        var builder = ArrowColumnBuilder(for: ArrowField(name: "d", type: .date32, nullable: false))
        try builder.append(-1)
        try builder.append(19000)
        let column = builder.build()
        XCTAssertEqual(column.nullCount, 0)
        XCTAssertEqual(column.validity, [])
        XCTAssertEqual(column.valueBuffers, [[0xFF, 0xFF, 0xFF, 0xFF, 0x38, 0x4A, 0x00, 0x00]])
    }

    func testDoublesKeepTheirBits() throws {
        var builder = ArrowColumnBuilder(for: ArrowField(name: "f", type: .float64))
        for value in [1.0, -0.0, .nan, -.infinity] { try builder.append(value) }
        let values = builder.build().valueBuffers[0]
        let bits = stride(from: 0, to: values.count, by: 8).map { start in
            values[start..<(start + 8)].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        }
        XCTAssertEqual(bits, [1.0, -0.0, .nan, -.infinity].map { (value: Double) in value.bitPattern })
    }

    func testBooleansArePackedLeastSignificantBitFirst() throws {
        var builder = ArrowColumnBuilder(for: ArrowField(name: "b", type: .bool))
        let values: [Bool?] = [true, false, nil, true, true, false, false, false, true, nil]
        for value in values { try builder.append(value) }
        let column = builder.build()
        XCTAssertEqual(column.nullCount, 2)
        XCTAssertEqual(column.validity, [0b1111_1011, 0b01])
        XCTAssertEqual(column.valueBuffers, [[0b0001_1001, 0b01]])
    }

    func testTextAndBinaryAreOffsetsAndData() throws {
        var text = ArrowColumnBuilder(for: ArrowField(name: "s", type: .utf8))
        for value in ["é", nil, "", "ab"] as [String?] { try text.append(value) }
        XCTAssertEqual(text.build().valueBuffers, [[0, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 4, 0, 0, 0],
                                                   [0xC3, 0xA9, 0x61, 0x62]])
        XCTAssertEqual(text.build().validity, [0b1101])

        var binary = ArrowColumnBuilder(for: ArrowField(name: "x", type: .binary))
        XCTAssertEqual(binary.build().valueBuffers, [[0, 0, 0, 0], []])  // no rows: one offset
        try binary.append([0x00, 0xFF] as [UInt8])
        XCTAssertEqual(binary.build().valueBuffers, [[0, 0, 0, 0, 2, 0, 0, 0], [0x00, 0xFF]])
    }

    func testDecimalsFromTextIntegersAndUnscaledValues() throws {
        var builder = ArrowColumnBuilder(for: ArrowField(name: "d", type: .decimal128(precision: 10, scale: 2)))
        try builder.appendDecimal("-12.3")
        try builder.append(Int64(5))  // 5.00
        try builder.append(ArrowDecimal128(unscaled: 1))
        try builder.appendDecimal(nil)
        let column = builder.build()
        XCTAssertEqual(column.valueBuffers[0], ArrowDecimal128(unscaled: -1230).littleEndianBytes
            + ArrowDecimal128(unscaled: 500).littleEndianBytes + ArrowDecimal128(unscaled: 1).littleEndianBytes
            + Array(repeating: 0, count: 16))
        XCTAssertEqual(column.validity, [0b0111])
    }

    /// A null struct row still gives each child a slot: null where the child is nullable, the
    /// type's zero where it is not.
    func testStructRowsAndNullStructRows() throws {
        let field = ArrowField(name: "ts", type: .structure([
            ArrowField(name: "epoch", type: .int64, nullable: false),
            ArrowField(name: "zone", type: .utf8),
        ]))
        var builder = ArrowColumnBuilder(for: field)
        try builder.append(.structure([.integer(7), .string("UTC")]))
        try builder.append(.null)
        let column = builder.build()
        XCTAssertEqual(column.validity, [0b01])
        XCTAssertEqual(column.valueBuffers, [])
        XCTAssertEqual(column.children.map(\.length), [2, 2])
        XCTAssertEqual(column.children[0].nullCount, 0)
        XCTAssertEqual(column.children[0].valueBuffers, [[7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]])
        XCTAssertEqual(column.children[1].nullCount, 1)
        XCTAssertEqual(column.children[1].valueBuffers, [[0, 0, 0, 0, 3, 0, 0, 0, 3, 0, 0, 0], Array("UTC".utf8)])
    }

    // MARK: - Refusals

    private func assertRefused(_ field: ArrowField, _ value: ArrowValue, _ message: String,
                               file: StaticString = #filePath, line: UInt = #line) {
        var builder = ArrowColumnBuilder(for: field)
        XCTAssertThrowsError(try builder.append(value), file: file, line: line) { error in
            XCTAssertEqual((error as? ArrowIPCError)?.message, message, file: file, line: line)
            XCTAssertEqual((error as? ArrowIPCError)?.code, .invalidValue, file: file, line: line)
        }
        XCTAssertEqual(builder.count, 0, file: file, line: line)
    }

    func testValuesOfTheWrongKindAreRefused() {
        assertRefused(ArrowField(name: "n", type: .int32), .string("1"), "column 'n' of type INT32 cannot take a string")
        assertRefused(ArrowField(name: "s", type: .utf8), .binary([0x41]), "column 's' of type UTF8 cannot take binary data")
        assertRefused(ArrowField(name: "f", type: .float64), .integer(1), "column 'f' of type FLOAT64 cannot take an integer")
        assertRefused(ArrowField(name: "i", type: .int64), .decimalText("1"), "column 'i' of type INT64 cannot take decimal text")
        assertRefused(ArrowField(name: "b", type: .bool), .integer(1), "column 'b' of type BOOL cannot take an integer")
        assertRefused(ArrowField(name: "d", type: .date32), .double(1), "column 'd' of type DATE32 cannot take a double")
        assertRefused(ArrowField(name: "t", type: epochFractionType), .integer(1),
                      "column 't' of type STRUCT<epoch: INT64, fraction: INT32> cannot take an integer")
        assertRefused(ArrowField(name: "x", type: .int8), .structure([]), "column 'x' of type INT8 cannot take a struct value")
    }

    func testValuesOutOfRangeAreRefused() {
        assertRefused(ArrowField(name: "a", type: .int8), .integer(128), "column 'a' of type INT8 cannot hold 128")
        assertRefused(ArrowField(name: "a", type: .int16), .integer(-32769), "column 'a' of type INT16 cannot hold -32769")
        assertRefused(ArrowField(name: "a", type: .int32), .integer(2_147_483_648), "column 'a' of type INT32 cannot hold 2147483648")
        assertRefused(ArrowField(name: "a", type: .date32), .integer(-2_147_483_649), "column 'a' of type DATE32 cannot hold -2147483649")
        assertRefused(ArrowField(name: "d", type: .decimal128(precision: 4, scale: 2)), .decimalText("100"),
                      "column 'd' of type DECIMAL128(4, 2) cannot hold the unscaled value 10000: it has more digits than the precision")
        assertRefused(ArrowField(name: "d", type: .decimal128(precision: 4, scale: 2)), .decimal(ArrowDecimal128(unscaled: -10000)),
                      "column 'd' of type DECIMAL128(4, 2) cannot hold the unscaled value -10000: it has more digits than the precision")
        assertRefused(ArrowField(name: "d", type: .decimal128(precision: 10, scale: 0)), .integer(.max),
                      "column 'd' of type DECIMAL128(10, 0) cannot hold 9223372036854775807")
        assertRefused(ArrowField(name: "d", type: .decimal128(precision: 38, scale: 38)), .integer(1),
                      "column 'd' of type DECIMAL128(38, 38) cannot hold 1")
    }

    func testNullsInNonNullableFieldsAreRefused() {
        assertRefused(ArrowField(name: "k", type: .int64, nullable: false), .null, "column 'k' is not nullable but was given a null")
        assertRefused(ArrowField(name: "t", type: epochFractionType), .structure([.null, .integer(0)]),
                      "column 't.epoch' is not nullable but was given a null")
    }

    func testAStructRowNeedsOneValuePerChild() {
        assertRefused(ArrowField(name: "t", type: epochFractionType), .structure([.integer(1)]),
                      "column 't' of type STRUCT<epoch: INT64, fraction: INT32> takes 2 child values but was given 1")
    }

    func testDecimalTextErrorsComeThrough() {
        var builder = ArrowColumnBuilder(for: ArrowField(name: "d", type: .decimal128(precision: 10, scale: 2)))
        XCTAssertThrowsError(try builder.appendDecimal("1.005")) { error in
            XCTAssertEqual(error as? ArrowIPCError, ArrowIPCError(.invalidDecimalText, "'1.005' has nonzero digits beyond scale 2"))
        }
    }

    /// A struct row refused by its second child leaves the first child untouched too.
    func testARefusedStructRowChangesNothing() throws {
        var builder = ArrowColumnBuilder(for: ArrowField(name: "t", type: epochFractionType))
        try builder.append(.structure([.integer(1), .integer(2)]))
        XCTAssertThrowsError(try builder.append(.structure([.integer(3), .integer(Int64(Int32.max) + 1)])))
        XCTAssertThrowsError(try builder.append(.structure([.integer(3), .string("no")])))
        try builder.append(.structure([.integer(4), .integer(5)]))
        let column = builder.build()
        XCTAssertEqual(column.length, 2)
        XCTAssertEqual(column.children.map(\.length), [2, 2])
        XCTAssertEqual(column.children[0].valueBuffers[0], [1, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0])
        XCTAssertEqual(column.children[1].valueBuffers[0], [2, 0, 0, 0, 5, 0, 0, 0])
    }
}
