// FlatBufferTableView: a small, independent FlatBuffers reader for the tests. It follows the
// format's rules (https://flatbuffers.dev/internals/) rather than the writer's code, and checks
// what a verifier checks: every offset in bounds, tables and vector lengths 4-aligned, scalars
// aligned to their size, strings NUL-terminated. A violation is a `StreamFormatError`.

/// A malformed stream, message or flatbuffer, as the tests' reader found it.
struct StreamFormatError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// One table in a FlatBuffers buffer.
struct FlatBufferTableView {
    let buffer: [UInt8]
    /// The table's position in `buffer` (where its soffset to the vtable is).
    let position: Int

    /// The root table: the buffer starts with a uoffset to it.
    static func root(of buffer: [UInt8]) throws -> FlatBufferTableView {
        guard buffer.count >= 8 else { throw StreamFormatError("flatbuffer of \(buffer.count) bytes is too short") }
        let table = try FlatBufferTableView(buffer: buffer, position: Self.follow(buffer, offsetAt: 0))
        try table.checkVTable()
        return table
    }

    private init(buffer: [UInt8], position: Int) throws {
        guard position % 4 == 0 else { throw StreamFormatError("table at \(position) is not 4-aligned") }
        self.buffer = buffer
        self.position = position
    }

    // MARK: - Primitive reads

    static func read<T: FixedWidthInteger>(_ type: T.Type, in buffer: [UInt8], at position: Int) throws -> T {
        let size = MemoryLayout<T>.size
        guard position >= 0, position + size <= buffer.count else {
            throw StreamFormatError("read of \(size) bytes at \(position) is outside \(buffer.count) bytes")
        }
        var value: T = 0
        for index in 0..<size { value |= T(truncatingIfNeeded: buffer[position + index]) << (8 * index) }
        return value
    }

    /// The target of the uoffset at `position`; it must be forward and in bounds.
    static func follow(_ buffer: [UInt8], offsetAt position: Int) throws -> Int {
        guard position % 4 == 0 else { throw StreamFormatError("offset at \(position) is not 4-aligned") }
        let offset = Int(try read(UInt32.self, in: buffer, at: position))
        guard offset > 0, position + offset < buffer.count else {
            throw StreamFormatError("offset \(offset) at \(position) leaves the buffer")
        }
        return position + offset
    }

    // MARK: - VTable

    private var vtablePosition: Int {
        get throws { position - Int(try Self.read(Int32.self, in: buffer, at: position)) }
    }

    private func checkVTable() throws {
        let vtable = try vtablePosition
        guard vtable >= 0, vtable % 2 == 0 else { throw StreamFormatError("vtable at \(vtable) is misplaced") }
        let vtableSize = Int(try Self.read(UInt16.self, in: buffer, at: vtable))
        let tableSize = Int(try Self.read(UInt16.self, in: buffer, at: vtable + 2))
        guard vtableSize >= 4, vtableSize % 2 == 0, vtable + vtableSize <= buffer.count,
              tableSize >= 4, position + tableSize <= buffer.count else {
            throw StreamFormatError("vtable at \(vtable) has sizes \(vtableSize)/\(tableSize)")
        }
    }

    /// The position of slot `slot`'s inline value, nil when absent.
    func fieldPosition(_ slot: Int, size: Int) throws -> Int? {
        let vtable = try vtablePosition
        let vtableSize = Int(try Self.read(UInt16.self, in: buffer, at: vtable))
        let entry = 4 + 2 * slot
        guard entry + 2 <= vtableSize else { return nil }
        let offset = Int(try Self.read(UInt16.self, in: buffer, at: vtable + entry))
        guard offset != 0 else { return nil }
        let tableSize = Int(try Self.read(UInt16.self, in: buffer, at: vtable + 2))
        guard offset + size <= tableSize else { throw StreamFormatError("slot \(slot) lies outside its table") }
        let fieldPosition = position + offset
        guard fieldPosition % size == 0 else {
            throw StreamFormatError("slot \(slot) at \(fieldPosition) is not aligned to \(size)")
        }
        return fieldPosition
    }

    // MARK: - Typed slots

    func scalar<T: FixedWidthInteger>(_ slot: Int, default defaultValue: T) throws -> T {
        guard let at = try fieldPosition(slot, size: MemoryLayout<T>.size) else { return defaultValue }
        return try Self.read(T.self, in: buffer, at: at)
    }

    func isPresent(_ slot: Int) throws -> Bool { try fieldPosition(slot, size: 1) != nil }

    func table(_ slot: Int) throws -> FlatBufferTableView? {
        guard let at = try fieldPosition(slot, size: 4) else { return nil }
        let table = try FlatBufferTableView(buffer: buffer, position: Self.follow(buffer, offsetAt: at))
        try table.checkVTable()
        return table
    }

    func string(_ slot: Int) throws -> String? {
        guard let at = try fieldPosition(slot, size: 4) else { return nil }
        let start = try Self.follow(buffer, offsetAt: at)
        let length = Int(try Self.read(UInt32.self, in: buffer, at: start))
        guard start + 4 + length < buffer.count, buffer[start + 4 + length] == 0 else {
            throw StreamFormatError("string at \(start) is out of bounds or not NUL-terminated")
        }
        return String(decoding: buffer[(start + 4)..<(start + 4 + length)], as: UTF8.self)
    }

    func tables(_ slot: Int) throws -> [FlatBufferTableView]? {
        guard let (count, elements) = try vector(slot, elementSize: 4, alignment: 4) else { return nil }
        return try (0..<count).map { index in
            let table = try FlatBufferTableView(buffer: buffer, position: Self.follow(buffer, offsetAt: elements + 4 * index))
            try table.checkVTable()
            return table
        }
    }

    /// A vector of structs of `elementSize` bytes: each element's bytes.
    func structs(_ slot: Int, elementSize: Int, alignment: Int) throws -> [[UInt8]]? {
        guard let (count, elements) = try vector(slot, elementSize: elementSize, alignment: alignment) else { return nil }
        return (0..<count).map { index in
            Array(buffer[(elements + index * elementSize)..<(elements + (index + 1) * elementSize)])
        }
    }

    /// A vector's count and the position of its first element, checked in bounds and aligned.
    private func vector(_ slot: Int, elementSize: Int, alignment: Int) throws -> (Int, Int)? {
        guard let at = try fieldPosition(slot, size: 4) else { return nil }
        let start = try Self.follow(buffer, offsetAt: at)
        let count = Int(try Self.read(UInt32.self, in: buffer, at: start))
        let elements = start + 4
        guard elements % alignment == 0 else {
            throw StreamFormatError("vector elements at \(elements) are not aligned to \(alignment)")
        }
        guard elements + count * elementSize <= buffer.count else {
            throw StreamFormatError("vector at \(start) of \(count) elements leaves the buffer")
        }
        return (count, elements)
    }
}
