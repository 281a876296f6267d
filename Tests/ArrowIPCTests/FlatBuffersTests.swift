// The FlatBuffers encoder: exact bytes of small tables, worked out by hand from the format
// (https://flatbuffers.dev/internals/), and the alignment rules verifiers enforce, read back with
// the tests' independent FlatBufferTableView.

import XCTest
@testable import ArrowIPC

final class FlatBuffersTests: XCTestCase {
    func testAnEmptyTableIsARootOffsetAVTableAndAnSOffset() {
        XCTAssertEqual(FlatBufferEncoder.encode(root: FlatBufferTable()), [
            0x08, 0x00, 0x00, 0x00,  // root: the table at 8
            0x04, 0x00, 0x04, 0x00,  // vtable: 4 bytes, table of 4 bytes, no slots
            0x04, 0x00, 0x00, 0x00,  // table: its vtable 4 bytes before it
            0x00, 0x00, 0x00, 0x00,  // padding to a multiple of 8
        ])
    }

    /// Slots 0 int16, 1 string, 3 int64, 4 bool; slot 2 absent. Inline fields go largest first,
    /// so the int64 needs only the table's own 8-byte alignment.
    func testScalarsAndAStringLaidOutByHand() {
        var table = FlatBufferTable()
        table.set(0, .int16(7))
        table.set(1, .string("hi"))
        table.set(3, .int64(-2))
        table.set(4, .bool(true))
        XCTAssertEqual(FlatBufferEncoder.encode(root: table), [
            0x18, 0x00, 0x00, 0x00,  // root: the table at 24
            0x0E, 0x00, 0x17, 0x00,  // vtable at 4: 14 bytes, table of 23 bytes
            0x14, 0x00, 0x10, 0x00, 0x00, 0x00, 0x08, 0x00, 0x16, 0x00,  // slots 0…4 at +20, +16, absent, +8, +22
            0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // padding to the table's alignment, 8
            0x14, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // table at 24: vtable 20 bytes back; padding
            0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,  // +8: int64 -2
            0x08, 0x00, 0x00, 0x00,  // +16: the string, 8 bytes on
            0x07, 0x00, 0x01, 0x00,  // +20: int16 7; +22: true; padding
            0x02, 0x00, 0x00, 0x00, 0x68, 0x69, 0x00, 0x00,  // "hi", NUL-terminated, padded to 8
        ])
    }

    func testDefaultValuesAreWrittenNotElided() throws {
        var table = FlatBufferTable()
        table.set(0, .int16(0))
        table.set(1, .bool(false))
        let view = try FlatBufferTableView.root(of: FlatBufferEncoder.encode(root: table))
        XCTAssertTrue(try view.isPresent(0))
        XCTAssertTrue(try view.isPresent(1))
        XCTAssertEqual(try view.scalar(0, default: Int16(1)), 0)
        XCTAssertFalse(try view.isPresent(2))
    }

    func testSettingASlotTwiceKeepsTheLastValue() throws {
        var table = FlatBufferTable()
        table.set(0, .int32(1))
        table.set(0, .int32(2))
        XCTAssertEqual(table.slots.count, 1)
        XCTAssertEqual(try FlatBufferTableView.root(of: FlatBufferEncoder.encode(root: table)).scalar(0, default: Int32(0)), 2)
    }

    /// Vectors of 16-byte structs start their elements at a multiple of 8, whatever precedes them;
    /// nested tables, vectors of tables and strings all read back.
    func testVectorsOfStructsAndTablesAreAlignedAndReadBack() throws {
        for prefixLength in 0..<4 {
            var table = FlatBufferTable()
            table.set(0, .string(String(repeating: "x", count: prefixLength)))  // shifts what follows
            let elements: [UInt8] = (0..<32).map { UInt8($0) }
            table.set(1, .structs(count: 2, alignment: 8, bytes: elements))
            var child = FlatBufferTable()
            child.set(0, .int64(.max))
            child.set(1, .string("child"))
            table.set(2, .tables([child, FlatBufferTable(), child]))
            table.set(3, .table(child))
            let buffer = FlatBufferEncoder.encode(root: table)
            XCTAssertEqual(buffer.count % 8, 0)

            let view = try FlatBufferTableView.root(of: buffer)  // checks every alignment it reads
            XCTAssertEqual(try view.string(0), String(repeating: "x", count: prefixLength))
            XCTAssertEqual(try view.structs(1, elementSize: 16, alignment: 8), [Array(elements[0..<16]), Array(elements[16..<32])])
            let children = try XCTUnwrap(try view.tables(2))
            XCTAssertEqual(children.count, 3)
            XCTAssertEqual(try children[0].scalar(0, default: Int64(0)), .max)
            XCTAssertEqual(try children[1].string(1), nil)
            XCTAssertEqual(try children[2].string(1), "child")
            XCTAssertEqual(try view.table(3)?.string(1), "child")
        }
    }

    func testEmptyVectorsAndStringsArePresentAndEmpty() throws {
        var table = FlatBufferTable()
        table.set(0, .tables([]))
        table.set(1, .structs(count: 0, alignment: 8, bytes: []))
        table.set(2, .string(""))
        let view = try FlatBufferTableView.root(of: FlatBufferEncoder.encode(root: table))
        XCTAssertEqual(try view.tables(0)?.count, 0)
        XCTAssertEqual(try view.structs(1, elementSize: 16, alignment: 8)?.count, 0)
        XCTAssertEqual(try view.string(2), "")
    }
}
