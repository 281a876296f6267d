// Exact bytes of two tiny streams, checked by hand against Schema.fbs and Message.fbs and read
// correctly by pyarrow 26 (`verify_with_pyarrow.py`, streams `tiny_int32` and `tiny_text`) and by
// the Snowflake connector's nanoarrow reader. Any change to the writer's layout shows up here
// first; if it is intended, verify the new bytes with pyarrow before updating them.

import XCTest
@testable import ArrowIPC

final class GoldenStreamTests: XCTestCase {
    /// Field `a` INT32 nullable, one batch [1, null, -3].
    ///   0x000 Schema message: continuation, metadata size 0x88; Message (version V5 = 4, header_type
    ///         Schema = 1, bodyLength 0) → Schema (endianness Little, one Field: name "a",
    ///         nullable, type_type Int = 2, Int { bitWidth 32, is_signed }, no children)
    ///   0x090 RecordBatch message: metadata size 0x90; header_type RecordBatch = 3, bodyLength 24;
    ///         length 3, nodes [{3, 1}], buffers [{0, 1}, {8, 12}]
    ///   0x128 body: validity 0b101, padding; values 1, 0, -3, padding
    ///   0x140 end of stream
    func testNullableInt32Stream() throws {
        let golden = hexBytes([
            "ff ff ff ff 88 00 00 00 10 00 00 00 0c 00 17 00", // 0000
            "14 00 16 00 10 00 08 00 0c 00 00 00 00 00 00 00", // 0010
            "00 00 00 00 00 00 00 00 10 00 00 00 04 00 01 00", // 0020
            "08 00 0a 00 08 00 04 00 08 00 00 00 08 00 00 00", // 0030
            "00 00 00 00 01 00 00 00 14 00 00 00 10 00 12 00", // 0040
            "04 00 10 00 11 00 08 00 00 00 0c 00 10 00 00 00", // 0050
            "10 00 00 00 1c 00 00 00 24 00 00 00 01 02 00 00", // 0060
            "01 00 00 00 61 00 08 00 09 00 04 00 08 00 00 00", // 0070
            "0a 00 00 00 20 00 00 00 01 00 00 00 00 00 00 00", // 0080
            "ff ff ff ff 90 00 00 00 10 00 00 00 0c 00 17 00", // 0090
            "14 00 16 00 10 00 08 00 0c 00 00 00 00 00 00 00", // 00a0
            "18 00 00 00 00 00 00 00 18 00 00 00 04 00 03 00", // 00b0
            "0a 00 18 00 08 00 10 00 14 00 00 00 00 00 00 00", // 00c0
            "10 00 00 00 00 00 00 00 03 00 00 00 00 00 00 00", // 00d0
            "0c 00 00 00 20 00 00 00 00 00 00 00 01 00 00 00", // 00e0
            "03 00 00 00 00 00 00 00 01 00 00 00 00 00 00 00", // 00f0
            "00 00 00 00 02 00 00 00 00 00 00 00 00 00 00 00", // 0100
            "01 00 00 00 00 00 00 00 08 00 00 00 00 00 00 00", // 0110
            "0c 00 00 00 00 00 00 00 05 00 00 00 00 00 00 00", // 0120
            "01 00 00 00 00 00 00 00 fd ff ff ff 00 00 00 00", // 0130
            "ff ff ff ff 00 00 00 00", // 0140
        ])
        var writer = try ArrowStreamWriter(fields: [ArrowField(name: "a", type: .int32)])
        var column = ArrowColumnBuilder(for: writer.fields[0])
        try column.append(1)
        try column.appendNull()
        try column.append(-3)
        try writer.append(batch: [column.build()])
        XCTAssertEqual(hex(writer.finish()), hex(golden))
        try assertVerifiedStream("tiny_int32", is: golden)
    }

    /// Field `s` UTF8 not null with metadata logicalType = TEXT, one batch ["hi", ""]: the
    /// validity buffer is omitted ({0, 0}), offsets [0, 2, 2] ({0, 12}), data "hi" ({16, 2}).
    func testNonNullableTextStreamWithMetadata() throws {
        let golden = hexBytes([
            "ff ff ff ff c0 00 00 00 10 00 00 00 0c 00 17 00", // 0000
            "14 00 16 00 10 00 08 00 0c 00 00 00 00 00 00 00", // 0010
            "00 00 00 00 00 00 00 00 10 00 00 00 04 00 01 00", // 0020
            "08 00 0a 00 08 00 04 00 08 00 00 00 08 00 00 00", // 0030
            "00 00 00 00 01 00 00 00 18 00 00 00 12 00 16 00", // 0040
            "04 00 14 00 15 00 08 00 00 00 0c 00 10 00 00 00", // 0050
            "14 00 00 00 14 00 00 00 1c 00 00 00 1c 00 00 00", // 0060
            "1c 00 00 00 00 05 00 00 01 00 00 00 73 00 04 00", // 0070
            "04 00 00 00 06 00 00 00 00 00 00 00 01 00 00 00", // 0080
            "0c 00 00 00 08 00 0c 00 04 00 08 00 08 00 00 00", // 0090
            "08 00 00 00 14 00 00 00 0b 00 00 00 6c 6f 67 69", // 00a0
            "63 61 6c 54 79 70 65 00 04 00 00 00 54 45 58 54", // 00b0
            "00 00 00 00 00 00 00 00 ff ff ff ff a0 00 00 00", // 00c0
            "10 00 00 00 0c 00 17 00 14 00 16 00 10 00 08 00", // 00d0
            "0c 00 00 00 00 00 00 00 18 00 00 00 00 00 00 00", // 00e0
            "18 00 00 00 04 00 03 00 0a 00 18 00 08 00 10 00", // 00f0
            "14 00 00 00 00 00 00 00 10 00 00 00 00 00 00 00", // 0100
            "02 00 00 00 00 00 00 00 0c 00 00 00 20 00 00 00", // 0110
            "00 00 00 00 01 00 00 00 02 00 00 00 00 00 00 00", // 0120
            "00 00 00 00 00 00 00 00 00 00 00 00 03 00 00 00", // 0130
            "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00", // 0140
            "00 00 00 00 00 00 00 00 0c 00 00 00 00 00 00 00", // 0150
            "10 00 00 00 00 00 00 00 02 00 00 00 00 00 00 00", // 0160
            "00 00 00 00 02 00 00 00 02 00 00 00 00 00 00 00", // 0170
            "68 69 00 00 00 00 00 00 ff ff ff ff 00 00 00 00", // 0180
        ])
        let field = ArrowField(name: "s", type: .utf8, nullable: false, metadata: [(key: "logicalType", value: "TEXT")])
        var writer = try ArrowStreamWriter(fields: [field])
        var column = ArrowColumnBuilder(for: field)
        try column.append("hi")
        try column.append("")
        try writer.append(batch: [column.build()])
        XCTAssertEqual(hex(writer.finish()), hex(golden))
        try assertVerifiedStream("tiny_text", is: golden)
    }

    /// The streams `verify_with_pyarrow.py` checks as `tiny_int32` and `tiny_text` are these bytes.
    private func assertVerifiedStream(_ name: String, is golden: [UInt8], file: StaticString = #filePath, line: UInt = #line) throws {
        let stream = try XCTUnwrap(VerificationStreams.all.first { $0.name == name }, file: file, line: line)
        XCTAssertEqual(hex(try stream.bytes()), hex(golden), file: file, line: line)
    }

    private func hexBytes(_ lines: [String]) -> [UInt8] {
        lines.joined(separator: " ").split(separator: " ").compactMap { UInt8($0, radix: 16) }
    }

    /// Hex in lines of 16 bytes, so a mismatch names the line.
    private func hex(_ bytes: [UInt8]) -> [String] {
        stride(from: 0, to: bytes.count, by: 16).map { start in
            bytes[start..<min(start + 16, bytes.count)]
                .map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined(separator: " ")
        }
    }
}
