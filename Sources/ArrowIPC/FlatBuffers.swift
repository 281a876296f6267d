// FlatBuffers: just enough of the FlatBuffers binary format (https://flatbuffers.dev/internals/)
// to write Arrow's Schema.fbs and Message.fbs tables: tables with vtables, scalars, strings,
// vectors of tables and vectors of structs. Nothing here reads.
//
// The usual builders write back to front; this one lays a finished tree out front to back, which
// keeps every position absolute and every alignment a plain `position % n`: a table's vtable, then
// the table (its `soffset` points back to the vtable), then each child it refers to, in slot order,
// its `uoffset` patched once the child's position is known. Offsets therefore always point
// forward, as `uoffset` requires. Default values are never elided: what a slot is given is
// written, so `Date { unit: DAY }` (0, not the schema's default) reaches the reader.
//
// Readers verify alignment relative to the start of the buffer (flatcc, flatbuffers::Verifier):
// scalars at multiples of their size, vector bodies at multiples of their element's alignment,
// tables and vector lengths at multiples of 4. The encoded buffer's length is a multiple of 8, so
// the Arrow message that holds it needs no further padding.

/// A table as written: each present slot (the field's index in declaration order, where a union
/// takes two: its type, then its value) with its value. Absent slots read as absent.
struct FlatBufferTable: Sendable {
    /// What a slot holds: a scalar stored inline in the table, or a child stored after it and
    /// referenced by a 32-bit forward offset.
    enum Value: Sendable {
        case bool(Bool)
        case uint8(UInt8)
        case int16(Int16)
        case int32(Int32)
        case int64(Int64)
        case child(Child)

        static func string(_ text: String) -> Value { .child(.string(text)) }
        static func table(_ table: FlatBufferTable) -> Value { .child(.table(table)) }
        static func tables(_ tables: [FlatBufferTable]) -> Value { .child(.tables(tables)) }
        static func structs(count: Int, alignment: Int, bytes: [UInt8]) -> Value {
            .child(.structs(count: count, alignment: alignment, bytes: bytes))
        }

        /// Size (and alignment) of the value inline in the table: the scalar, or a 4-byte offset.
        var inlineSize: Int {
            switch self {
            case .bool, .uint8: return 1
            case .int16: return 2
            case .int32, .child: return 4
            case .int64: return 8
            }
        }
    }

    /// What an offset slot refers to.
    enum Child: Sendable {
        case string(String)
        case table(FlatBufferTable)
        case tables([FlatBufferTable])
        /// A vector of fixed-size structs, already laid out little-endian: `count` elements of
        /// `bytes.count / count` bytes each, the first one aligned to `alignment`.
        case structs(count: Int, alignment: Int, bytes: [UInt8])
    }

    private(set) var slots: [(slot: Int, value: Value)] = []

    init() {}

    /// Sets slot `slot` (0-based declaration index). Setting a slot twice keeps the last value.
    mutating func set(_ slot: Int, _ value: Value) {
        slots.removeAll { $0.slot == slot }
        slots.append((slot, value))
    }
}

/// Lays a `FlatBufferTable` tree out as one FlatBuffers buffer whose root is that table.
struct FlatBufferEncoder {
    private var bytes: [UInt8] = []

    /// The buffer for `root`: a 4-byte offset to the root table, then the tables and their
    /// children; zero-padded to a multiple of 8 bytes.
    static func encode(root: FlatBufferTable) -> [UInt8] {
        var encoder = FlatBufferEncoder()
        let rootOffsetPosition = encoder.reserveOffset()
        let rootPosition = encoder.writeTable(root)
        encoder.patchOffset(at: rootOffsetPosition, target: rootPosition)
        encoder.pad(toMultipleOf: 8)
        return encoder.bytes
    }

    // MARK: - Tables

    /// Writes the vtable, the table and then its children; returns the table's position.
    private mutating func writeTable(_ table: FlatBufferTable) -> Int {
        // Inline layout: the soffset at 0, then fields by decreasing size so padding is minimal.
        // Relative offsets equal absolute alignment because the table starts at a multiple of its
        // largest inline size (at least 4).
        let ordered = table.slots.sorted { ($0.value.inlineSize, -$0.slot) > ($1.value.inlineSize, -$1.slot) }
        let tableAlignment = max(4, ordered.map(\.value.inlineSize).max() ?? 4)
        var fieldOffsets: [Int: Int] = [:]
        var inlineEnd = 4
        for entry in ordered {
            let size = entry.value.inlineSize
            inlineEnd = (inlineEnd + size - 1) / size * size
            fieldOffsets[entry.slot] = inlineEnd
            inlineEnd += size
        }

        // The vtable: its own size, the table's inline size, one 16-bit offset per slot up to the
        // highest present one (0 = absent).
        let slotCount = (table.slots.map(\.slot).max() ?? -1) + 1
        pad(toMultipleOf: 2)
        let vtablePosition = bytes.count
        appendLittleEndian(UInt16(4 + 2 * slotCount))
        appendLittleEndian(UInt16(inlineEnd))
        for slot in 0..<slotCount {
            appendLittleEndian(UInt16(fieldOffsets[slot] ?? 0))
        }

        pad(toMultipleOf: tableAlignment)
        let tablePosition = bytes.count
        // soffset_t: the vtable lies at tablePosition - soffset.
        appendLittleEndian(Int32(tablePosition - vtablePosition))
        bytes.append(contentsOf: repeatElement(0, count: inlineEnd - 4))
        var pendingChildren: [(slot: Int, position: Int, child: FlatBufferTable.Child)] = []
        for entry in ordered {
            let position = tablePosition + (fieldOffsets[entry.slot] ?? 0)
            switch entry.value {
            case .bool(let flag): bytes[position] = flag ? 1 : 0
            case .uint8(let value): bytes[position] = value
            case .int16(let value): storeLittleEndian(value, at: position)
            case .int32(let value): storeLittleEndian(value, at: position)
            case .int64(let value): storeLittleEndian(value, at: position)
            case .child(let child): pendingChildren.append((entry.slot, position, child))
            }
        }
        // Children in slot order, so the layout does not depend on inline placement.
        for pending in pendingChildren.sorted(by: { $0.slot < $1.slot }) {
            patchOffset(at: pending.position, target: writeChild(pending.child))
        }
        return tablePosition
    }

    /// Writes a non-inline value; returns the position its offset must point at (the table, or a
    /// string's or vector's length prefix).
    private mutating func writeChild(_ child: FlatBufferTable.Child) -> Int {
        switch child {
        case .table(let table):
            return writeTable(table)
        case .string(let text):
            let utf8 = Array(text.utf8)
            pad(toMultipleOf: 4)
            let position = bytes.count
            appendLittleEndian(UInt32(utf8.count))
            bytes.append(contentsOf: utf8)
            bytes.append(0)  // strings are NUL-terminated after their counted bytes
            return position
        case .tables(let tables):
            pad(toMultipleOf: 4)
            let position = bytes.count
            appendLittleEndian(UInt32(tables.count))
            let elementPositions = tables.map { _ in reserveOffset() }
            for (elementPosition, table) in zip(elementPositions, tables) {
                patchOffset(at: elementPosition, target: writeTable(table))
            }
            return position
        case .structs(let count, let alignment, let structBytes):
            // The first element, right after the 4-byte count, must be aligned.
            let elementAlignment = max(4, alignment)
            while (bytes.count + 4) % elementAlignment != 0 { bytes.append(0) }
            let position = bytes.count
            appendLittleEndian(UInt32(count))
            bytes.append(contentsOf: structBytes)
            return position
        }
    }

    // MARK: - Bytes

    private mutating func reserveOffset() -> Int {
        pad(toMultipleOf: 4)
        let position = bytes.count
        appendLittleEndian(UInt32(0))
        return position
    }

    /// A uoffset_t counts from its own position to the target, which lies after it.
    private mutating func patchOffset(at position: Int, target: Int) {
        storeLittleEndian(UInt32(target - position), at: position)
    }

    private mutating func pad(toMultipleOf alignment: Int) {
        while bytes.count % alignment != 0 { bytes.append(0) }
    }

    private mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    private mutating func storeLittleEndian<T: FixedWidthInteger>(_ value: T, at position: Int) {
        withUnsafeBytes(of: value.littleEndian) { raw in
            for (index, byte) in raw.enumerated() { bytes[position + index] = byte }
        }
    }
}
