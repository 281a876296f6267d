// The stream writer's contract: schemas it refuses, batches it refuses (with the exact wording,
// writing nothing), several batches in one stream, and appending after `finish()`.

import XCTest
@testable import ArrowIPC

final class ArrowStreamWriterTests: XCTestCase {
    private let id = ArrowField(name: "id", type: .int64, nullable: false)
    private let nameField = ArrowField(name: "name", type: .utf8)

    private func column(_ field: ArrowField, _ values: [ArrowValue]) throws -> ArrowColumn {
        var builder = ArrowColumnBuilder(for: field)
        for value in values { try builder.append(value) }
        return builder.build()
    }

    private func assertRefusedSchema(_ fields: [ArrowField], _ message: String, line: UInt = #line) {
        XCTAssertThrowsError(try ArrowStreamWriter(fields: fields), line: line) { error in
            XCTAssertEqual(error as? ArrowIPCError, ArrowIPCError(.unsupportedSchema, message), line: line)
        }
    }

    func testUnsupportedSchemasAreRefused() {
        let suffix = "is not supported: the precision must be 1 to 38 and the scale 0 to the precision"
        assertRefusedSchema([ArrowField(name: "d", type: .decimal128(precision: 39, scale: 0))], "field 'd': DECIMAL128(39, 0) \(suffix)")
        assertRefusedSchema([ArrowField(name: "d", type: .decimal128(precision: 0, scale: 0))], "field 'd': DECIMAL128(0, 0) \(suffix)")
        assertRefusedSchema([ArrowField(name: "d", type: .decimal128(precision: 2, scale: 3))], "field 'd': DECIMAL128(2, 3) \(suffix)")
        assertRefusedSchema([ArrowField(name: "d", type: .decimal128(precision: 10, scale: -1))], "field 'd': DECIMAL128(10, -1) \(suffix)")
        assertRefusedSchema([ArrowField(name: "s", type: .structure([]))], "field 's': a struct needs at least one child field")
        assertRefusedSchema([id, ArrowField(name: "s", type: .structure([ArrowField(name: "x", type: .decimal128(precision: 1 << 40, scale: 0))]))],
                            "field 'x': DECIMAL128(1099511627776, 0) \(suffix)")
    }

    func testBatchesThatDoNotMatchTheSchemaAreRefusedAndWriteNothing() throws {
        var writer = try ArrowStreamWriter(fields: [id, nameField])
        let before = writer.finish()
        func assertRefused(_ columns: [ArrowColumn], _ message: String, line: UInt = #line) {
            XCTAssertThrowsError(try writer.append(batch: columns), line: line) { error in
                XCTAssertEqual(error as? ArrowIPCError, ArrowIPCError(.invalidBatch, message), line: line)
            }
        }
        let ids = try column(id, [.integer(1), .integer(2)])
        let names = try column(nameField, [.string("a"), .null])
        assertRefused([ids], "a batch of this schema needs 2 columns but was given 1")
        assertRefused([ids, names, names], "a batch of this schema needs 2 columns but was given 3")
        assertRefused([names, ids], "column 0 was built for field 'name' UTF8 but the schema's field 0 is 'id' INT64 NOT NULL")
        let nullableIDs = try column(ArrowField(name: "id", type: .int64), [.integer(1), .integer(2)])
        assertRefused([nullableIDs, names], "column 0 was built for field 'id' INT64 but the schema's field 0 is 'id' INT64 NOT NULL")
        let taggedNames = try column(ArrowField(name: "name", type: .utf8, metadata: [(key: "logicalType", value: "TEXT")]), [.null, .null])
        assertRefused([ids, taggedNames], "column 1 was built for field 'name' UTF8 with other metadata than the schema's field 1")
        assertRefused([ids, try column(nameField, [.string("a")])], "column 1 ('name') has 1 rows but column 0 has 2")
        XCTAssertEqual(writer.finish(), before)
        XCTAssertEqual(writer.batchCount, 0)

        try writer.append(batch: [ids, names])
        XCTAssertEqual(writer.batchCount, 1)
    }

    func testSeveralBatchesAndZeroRowBatchesFollowTheSchemaInOrder() throws {
        var writer = try ArrowStreamWriter(fields: [id, nameField])
        try writer.append(batch: [try column(id, [.integer(1)]), try column(nameField, [.string("one")])])
        try writer.append(batch: [try column(id, []), try column(nameField, [])])
        try writer.append(batch: [try column(id, [.integer(2), .integer(3)]), try column(nameField, [.null, .string("")])])
        let decoded = try ArrowStreamReading.decode(writer.finish())
        XCTAssertEqual(decoded.messages.map(\.headerType), [1, 3, 3, 3])
        XCTAssertEqual(decoded.batches.map { $0.map(\.count) }, [[1, 1], [0, 0], [2, 2]])
        XCTAssertEqual(decoded.batches[2], [[.integer(2), .integer(3)], [.null, .string("")]])
    }

    /// `finish()` does not end the writer: a later batch and `finish()` give the longer stream,
    /// and the earlier stream is a prefix of it but for the end marker.
    func testFinishingTwiceGivesTheStreamSoFar() throws {
        var writer = try ArrowStreamWriter(fields: [id])
        try writer.append(batch: [try column(id, [.integer(7)])])
        let first = writer.finish()
        try writer.append(batch: [try column(id, [.integer(8)])])
        let second = writer.finish()
        XCTAssertEqual(Array(second.prefix(first.count - 8)), Array(first.dropLast(8)))
        XCTAssertEqual(try ArrowStreamReading.decode(first).batches, [[[.integer(7)]]])
        XCTAssertEqual(try ArrowStreamReading.decode(second).batches, [[[.integer(7)]], [[.integer(8)]]])
    }

    /// Field metadata keeps its order (the connector reads `logicalType`, `scale`, `precision`…).
    func testFieldMetadataKeepsItsOrder() throws {
        let metadata = [(key: "scale", value: "2"), (key: "logicalType", value: "FIXED"), (key: "precision", value: "38"),
                        (key: "", value: ""), (key: "ünïcode", value: "välue")]
        let field = ArrowField(name: "d", type: .decimal128(precision: 38, scale: 2), metadata: metadata)
        let decoded = try ArrowStreamReading.decode(try ArrowStreamWriter(fields: [field]).finish())
        XCTAssertEqual(decoded.fields.first?.metadata.map(\.key), metadata.map(\.key))
        XCTAssertEqual(decoded.fields.first?.metadata.map(\.value), metadata.map(\.value))
    }

    func testAnEmptySchemaIsAValidStream() throws {
        var writer = try ArrowStreamWriter(fields: [])
        try writer.append(batch: [])
        let decoded = try ArrowStreamReading.decode(writer.finish())
        XCTAssertEqual(decoded.fields, [])
        XCTAssertEqual(decoded.batches.count, 1)
    }
}
