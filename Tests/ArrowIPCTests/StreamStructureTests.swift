// The structure of every verification stream, read back with the tests' own reader
// (Support/ArrowStreamReading.swift, which checks alignment, markers, node and buffer order and
// lengths as it goes): the schema and every value come back as written, messages and bodies sit
// on 8-byte boundaries, and the nodes and buffers of nested fields come in depth-first order.
//
// The same streams are checked with pyarrow and the Snowflake connector by
// `verify_with_pyarrow.py`; `testDumpVerificationStreamsWhenAsked` writes them for it: with
// ARROW_IPC_DUMP_DIR set, each stream goes to `<dir>/<name>.arrows` (otherwise to a scratch folder).
// Run from a package that builds ArrowIPCTests:
//   ARROW_IPC_DUMP_DIR=/tmp/arrow-streams swift test --filter testDumpVerificationStreamsWhenAsked

import Foundation
import XCTest
@testable import ArrowIPC

final class StreamStructureTests: XCTestCase {
    func testEveryVerificationStreamReadsBackAsWritten() throws {
        for stream in VerificationStreams.all {
            let decoded = try ArrowStreamReading.decode(try stream.bytes())
            XCTAssertEqual(decoded.fields, stream.fields, stream.name)
            XCTAssertEqual(decoded.batches.count, stream.batches.count, stream.name)
            for (batchIndex, (decodedBatch, writtenBatch)) in zip(decoded.batches, stream.batches).enumerated() {
                for (field, (decodedColumn, writtenColumn)) in zip(stream.fields, zip(decodedBatch, writtenBatch)) {
                    let expected = try writtenColumn.map { try Self.asRead($0, in: field) }
                    XCTAssertTrue(Self.same(decodedColumn, expected),
                                  "\(stream.name) batch \(batchIndex) \(field.name): \(decodedColumn) != \(expected)")
                }
            }
        }
    }

    func testMessagesBodiesAndTheStreamAreMultiplesOf8Bytes() throws {
        for stream in VerificationStreams.all {
            let bytes = try stream.bytes()
            XCTAssertEqual(bytes.count % 8, 0, stream.name)
            for message in try ArrowStreamReading.messages(of: bytes) {
                XCTAssertEqual(message.streamOffset % 8, 0, stream.name)
                XCTAssertEqual(Array(bytes[message.streamOffset..<(message.streamOffset + 4)]), [0xFF, 0xFF, 0xFF, 0xFF])
                XCTAssertEqual(message.metadata.count % 8, 0, stream.name)
                XCTAssertEqual(message.body.count % 8, 0, stream.name)
            }
            XCTAssertEqual(Array(bytes.suffix(8)), [0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0], stream.name)
        }
    }

    func testASchemaWithoutBatchesIsOneMessageAndTheEndMarker() throws {
        let writer = try ArrowStreamWriter(fields: VerificationStreams.allTypesFields)
        let messages = try ArrowStreamReading.messages(of: writer.finish())
        XCTAssertEqual(messages.map(\.headerType), [1])
        XCTAssertEqual(messages[0].body, [])
        XCTAssertEqual(writer.batchCount, 0)
        XCTAssertEqual(try ArrowStreamReading.decode(writer.finish()).fields, VerificationStreams.allTypesFields)
    }

    /// A zero-row batch still has every buffer; only UTF8 and BINARY hold bytes: their one offset.
    func testAZeroRowBatchHasEveryBufferAndOnlyTheOffsetsHoldBytes() throws {
        var writer = try ArrowStreamWriter(fields: VerificationStreams.allTypesFields)
        try writer.append(batch: VerificationStreams.allTypesFields.map { ArrowColumnBuilder(for: $0).build() })
        let messages = try ArrowStreamReading.messages(of: writer.finish())
        let (nodes, buffers) = try ArrowStreamReading.nodesAndBuffers(of: messages[1])
        XCTAssertEqual(nodes, Array(repeating: [0, 0], count: 13))  // 11 fields, the struct's 2 children
        XCTAssertEqual(buffers, [
            [0, 0], [0, 0], [0, 0], [0, 0], [0, 0], [0, 0], [0, 0], [0, 0], [0, 0], [0, 0], [0, 0], [0, 0],  // ints, f, b
            [0, 0], [0, 4], [8, 0],  // s: validity, offsets [0], data
            [8, 0], [8, 4], [16, 0],  // bin
            [16, 0], [16, 0], [16, 0], [16, 0],  // d, dec
            [16, 0], [16, 0], [16, 0], [16, 0], [16, 0],  // ts: validity, epoch's two, fraction's two
        ])
        XCTAssertEqual(messages[1].body, Array(repeating: 0, count: 16))
    }

    /// Nodes and buffers of nested fields: the struct, then each child with its own children,
    /// before the next field.
    func testNestedFieldsComeDepthFirst() throws {
        let inner = ArrowField(name: "inner", type: .structure([ArrowField(name: "x", type: .int64),
                                                                ArrowField(name: "s", type: .utf8)]))
        let outer = ArrowField(name: "outer", type: .structure([inner, ArrowField(name: "flag", type: .bool)]))
        let last = ArrowField(name: "last", type: .int8)
        var writer = try ArrowStreamWriter(fields: [outer, last])
        var outerColumn = ArrowColumnBuilder(for: outer)
        try outerColumn.append(.structure([.structure([.integer(7), .string("abc")]), .bool(true)]))
        try outerColumn.append(.null)
        var lastColumn = ArrowColumnBuilder(for: last)
        try lastColumn.append(1)
        try lastColumn.append(2)
        try writer.append(batch: [outerColumn.build(), lastColumn.build()])

        let (nodes, buffers) = try ArrowStreamReading.nodesAndBuffers(of: try ArrowStreamReading.messages(of: writer.finish())[1])
        // outer: 1 null; inner, x, s: null under the null row; flag: false there (it is nullable,
        // so it is null too); last.
        XCTAssertEqual(nodes, [[2, 1], [2, 1], [2, 1], [2, 1], [2, 1], [2, 0]])
        XCTAssertEqual(buffers, [
            [0, 1],  // outer validity
            [8, 1],  // inner validity
            [16, 1], [24, 16],  // x: validity, values
            [40, 1], [48, 12], [64, 3],  // s: validity, offsets, data
            [72, 1], [80, 1],  // flag: validity, bits
            [88, 0], [88, 2],  // last: no nulls, values
        ])
    }

    func testTheReaderRefusesBrokenStreams() throws {
        let stream = try XCTUnwrap(VerificationStreams.all.first { $0.name == "tiny_int32" }).bytes()
        XCTAssertThrowsError(try ArrowStreamReading.decode(Array(stream.dropLast(8))))  // no end marker
        var badContinuation = stream
        badContinuation[0] = 0xFE
        XCTAssertThrowsError(try ArrowStreamReading.decode(badContinuation))
        var badBufferOffset = stream
        badBufferOffset[0x118] = 0x10  // the values buffer's offset, 8 → 16
        XCTAssertThrowsError(try ArrowStreamReading.decode(badBufferOffset))
        var badNullCount = stream
        badNullCount[0xF8] = 0x02  // FieldNode null_count, 1 → 2
        XCTAssertThrowsError(try ArrowStreamReading.decode(badNullCount))
        XCTAssertNoThrow(try ArrowStreamReading.decode(stream))
    }

    /// Writes every stream as a file — to ARROW_IPC_DUMP_DIR when set (for verify_with_pyarrow.py),
    /// else to a scratch folder — and reads each file back whole.
    func testDumpVerificationStreamsWhenAsked() throws {
        let asked = ProcessInfo.processInfo.environment["ARROW_IPC_DUMP_DIR"].flatMap { $0.isEmpty ? nil : $0 }
        let folder = URL(fileURLWithPath: asked ?? NSTemporaryDirectory() + "arrow-streams-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { if asked == nil { try? FileManager.default.removeItem(at: folder) } }
        for stream in VerificationStreams.all {
            let file = folder.appendingPathComponent("\(stream.name).arrows")
            let bytes = try stream.bytes()
            try Data(bytes).write(to: file)
            let read = Array(try Data(contentsOf: file))
            XCTAssertEqual(read, bytes, stream.name)
            XCTAssertEqual(try ArrowStreamReading.decode(read).fields, stream.fields, stream.name)
        }
    }

    // MARK: - Helpers

    /// What the reader gives back for a value appended to a column of `field`: decimals as their
    /// unscaled integer, a struct's children likewise.
    static func asRead(_ value: ArrowValue, in field: ArrowField) throws -> ArrowValue {
        switch (field.type, value) {
        case (.decimal128(_, let scale), .decimalText(let text)):
            return .decimal(try ArrowDecimal128(parsing: text, scale: scale))
        case (.decimal128(_, let scale), .integer(let number)):
            return .decimal(try ArrowDecimal128(parsing: String(number), scale: scale))
        case (.structure(let children), .structure(let values)):
            return .structure(try zip(children, values).map { try asRead($1, in: $0) })
        default:
            return value
        }
    }

    /// Equality that compares doubles by their bits, so NaN equals NaN and -0.0 differs from 0.0.
    static func same(_ lhs: [ArrowValue], _ rhs: [ArrowValue]) -> Bool {
        lhs.count == rhs.count && zip(lhs, rhs).allSatisfy { pair in
            switch pair {
            case (.double(let left), .double(let right)): return left.bitPattern == right.bitPattern
            case (.structure(let left), .structure(let right)): return same(left, right)
            default: return pair.0 == pair.1
            }
        }
    }
}
