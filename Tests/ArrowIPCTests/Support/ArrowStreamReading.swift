// The tests' own Arrow IPC stream reader: splits a stream into its encapsulated messages, decodes
// the Schema message back into `ArrowField`s and each RecordBatch back into values, and checks the
// layout on the way, as strictly as Columnar.rst states it: continuation markers, 8-byte metadata
// and body sizes, the end-of-stream marker, one FieldNode per field and the right number of
// buffers per type (depth-first), every buffer 8-aligned inside the body, in order and exactly as
// long as its column needs, zero padding, offsets that start at 0 and never decrease, null counts
// that match the validity bitmaps. Any departure is a `StreamFormatError`.

@testable import ArrowIPC

/// One encapsulated message of a stream.
struct EncapsulatedMessage {
    /// Where the message (its continuation marker) starts in the stream.
    let streamOffset: Int
    /// The flatbuffer with its padding; its size is the message's metadata size.
    let metadata: [UInt8]
    let body: [UInt8]
    let message: FlatBufferTableView
    /// Message.header_type: 1 Schema, 3 RecordBatch.
    let headerType: UInt8
}

/// A stream as the tests read it back.
struct DecodedStream {
    let messages: [EncapsulatedMessage]
    let fields: [ArrowField]
    /// Per batch, per field, the column's values (`.decimal` for decimals, `.integer` for dates).
    let batches: [[[ArrowValue]]]
}

enum ArrowStreamReading {
    /// Splits `stream` into messages, up to an end-of-stream marker that must end it.
    static func messages(of stream: [UInt8]) throws -> [EncapsulatedMessage] {
        var messages: [EncapsulatedMessage] = []
        var position = 0
        while true {
            guard position + 8 <= stream.count else { throw StreamFormatError("stream ends without its end-of-stream marker") }
            let continuation = try FlatBufferTableView.read(UInt32.self, in: stream, at: position)
            guard continuation == 0xFFFF_FFFF else { throw StreamFormatError("no continuation marker at \(position)") }
            let metadataSize = Int(try FlatBufferTableView.read(Int32.self, in: stream, at: position + 4))
            if metadataSize == 0 {
                guard position + 8 == stream.count else { throw StreamFormatError("bytes after the end-of-stream marker") }
                return messages
            }
            guard metadataSize > 0, metadataSize % 8 == 0, position + 8 + metadataSize <= stream.count else {
                throw StreamFormatError("metadata size \(metadataSize) at \(position)")
            }
            let metadata = Array(stream[(position + 8)..<(position + 8 + metadataSize)])
            let message = try FlatBufferTableView.root(of: metadata)
            guard try message.scalar(0, default: Int16(0)) == 4 else { throw StreamFormatError("metadata version is not V5") }
            let bodyLength = Int(try message.scalar(3, default: Int64(0)))
            let bodyStart = position + 8 + metadataSize
            guard bodyLength >= 0, bodyLength % 8 == 0, bodyStart + bodyLength <= stream.count else {
                throw StreamFormatError("body length \(bodyLength) at \(bodyStart)")
            }
            messages.append(EncapsulatedMessage(streamOffset: position, metadata: metadata,
                                                body: Array(stream[bodyStart..<(bodyStart + bodyLength)]),
                                                message: message, headerType: try message.scalar(1, default: UInt8(0))))
            position = bodyStart + bodyLength
        }
    }

    /// Reads the whole stream: a Schema message first, RecordBatch messages after it.
    static func decode(_ stream: [UInt8]) throws -> DecodedStream {
        let messages = try messages(of: stream)
        guard let first = messages.first, first.headerType == 1, first.body.isEmpty,
              let schema = try first.message.table(2) else {
            throw StreamFormatError("the stream does not start with a Schema message")
        }
        guard try schema.scalar(0, default: Int16(0)) == 0 else { throw StreamFormatError("schema is not little-endian") }
        let fields = try (schema.tables(1) ?? []).map(decodeField)
        var batches: [[[ArrowValue]]] = []
        for message in messages.dropFirst() {
            guard message.headerType == 3, let recordBatch = try message.message.table(2) else {
                throw StreamFormatError("message at \(message.streamOffset) is not a RecordBatch")
            }
            var reader = try RecordBatchReading(recordBatch: recordBatch, body: message.body)
            let columns = try fields.map { try reader.column(for: $0, length: reader.length) }
            try reader.checkAllConsumed()
            batches.append(columns)
        }
        return DecodedStream(messages: messages, fields: fields, batches: batches)
    }

    /// A RecordBatch message's FieldNodes and Buffers as written, without interpreting them.
    static func nodesAndBuffers(of message: EncapsulatedMessage) throws
        -> (nodes: [[Int]], buffers: [[Int]]) {
        guard message.headerType == 3, let recordBatch = try message.message.table(2) else {
            throw StreamFormatError("not a RecordBatch message")
        }
        func pairs(_ slot: Int) throws -> [[Int]] {
            try (recordBatch.structs(slot, elementSize: 16, alignment: 8) ?? []).map { bytes in
                [Int(try FlatBufferTableView.read(Int64.self, in: bytes, at: 0)),
                 Int(try FlatBufferTableView.read(Int64.self, in: bytes, at: 8))]
            }
        }
        return (try pairs(1), try pairs(2))
    }

    // MARK: - Schema

    static func decodeField(_ table: FlatBufferTableView) throws -> ArrowField {
        guard let name = try table.string(0) else { throw StreamFormatError("a field has no name") }
        guard let children = try table.tables(5) else { throw StreamFormatError("field '\(name)' has no children vector") }
        guard let typeTable = try table.table(3) else { throw StreamFormatError("field '\(name)' has no type table") }
        guard try !table.isPresent(4) else { throw StreamFormatError("field '\(name)' is dictionary-encoded") }
        let tag = try table.scalar(2, default: UInt8(0))
        let type: ArrowType
        switch tag {
        case 2:
            guard try typeTable.scalar(1, default: UInt8(0)) == 1 else { throw StreamFormatError("'\(name)' is unsigned") }
            switch try typeTable.scalar(0, default: Int32(0)) {
            case 8: type = .int8
            case 16: type = .int16
            case 32: type = .int32
            case 64: type = .int64
            case let width: throw StreamFormatError("'\(name)' has integer width \(width)")
            }
        case 3:
            guard try typeTable.scalar(0, default: Int16(0)) == 2 else { throw StreamFormatError("'\(name)' is not DOUBLE") }
            type = .float64
        case 4: type = .binary
        case 5: type = .utf8
        case 6: type = .bool
        case 7:
            guard try typeTable.scalar(2, default: Int32(128)) == 128 else { throw StreamFormatError("'\(name)' is not 128-bit") }
            type = .decimal128(precision: Int(try typeTable.scalar(0, default: Int32(0))),
                               scale: Int(try typeTable.scalar(1, default: Int32(0))))
        case 8:
            guard try typeTable.isPresent(0), try typeTable.scalar(0, default: Int16(1)) == 0 else {
                throw StreamFormatError("'\(name)' is not Date(DAY)")
            }
            type = .date32
        case 13: type = .structure(try children.map(decodeField))
        default: throw StreamFormatError("'\(name)' has type tag \(tag)")
        }
        if case .structure = type {} else if !children.isEmpty {
            throw StreamFormatError("non-struct field '\(name)' has children")
        }
        let metadata = try (table.tables(6) ?? []).map { entry in
            (key: try entry.string(0) ?? "", value: try entry.string(1) ?? "")
        }
        return ArrowField(name: name, type: type, nullable: try table.scalar(1, default: UInt8(0)) == 1, metadata: metadata)
    }
}

/// Walks one RecordBatch's nodes and buffers in depth-first order, checking each against the
/// field it belongs to.
private struct RecordBatchReading {
    let length: Int
    private let nodes: [(length: Int, nullCount: Int)]
    private let buffers: [(offset: Int, length: Int)]
    private let body: [UInt8]
    private var nodeIndex = 0
    private var bufferIndex = 0
    private var bodyPosition = 0

    init(recordBatch: FlatBufferTableView, body: [UInt8]) throws {
        func int64(_ bytes: [UInt8], _ at: Int) throws -> Int { Int(try FlatBufferTableView.read(Int64.self, in: bytes, at: at)) }
        length = Int(try recordBatch.scalar(0, default: Int64(-1)))
        guard length >= 0 else { throw StreamFormatError("record batch without a length") }
        guard try !recordBatch.isPresent(3) else { throw StreamFormatError("record batch is compressed") }
        nodes = try (recordBatch.structs(1, elementSize: 16, alignment: 8) ?? []).map { (try int64($0, 0), try int64($0, 8)) }
        buffers = try (recordBatch.structs(2, elementSize: 16, alignment: 8) ?? []).map { (try int64($0, 0), try int64($0, 8)) }
        self.body = body
    }

    func checkAllConsumed() throws {
        guard nodeIndex == nodes.count, bufferIndex == buffers.count else {
            throw StreamFormatError("\(nodes.count - nodeIndex) nodes and \(buffers.count - bufferIndex) buffers left over")
        }
        guard body.count - bodyPosition < 8 || body[bodyPosition...].allSatisfy({ $0 == 0 }) else {
            throw StreamFormatError("the body has \(body.count - bodyPosition) bytes after its last buffer")
        }
    }

    /// The next buffer: it must start at the 8-aligned end of the previous one, with zero padding.
    private mutating func nextBuffer(expectedLength: Int?, name: String) throws -> [UInt8] {
        guard bufferIndex < buffers.count else { throw StreamFormatError("'\(name)' is missing buffers") }
        let buffer = buffers[bufferIndex]
        bufferIndex += 1
        guard buffer.offset == bodyPosition, buffer.offset % 8 == 0 else {
            throw StreamFormatError("buffer \(bufferIndex - 1) of '\(name)' starts at \(buffer.offset), not \(bodyPosition)")
        }
        if let expectedLength, buffer.length != expectedLength {
            throw StreamFormatError("buffer \(bufferIndex - 1) of '\(name)' has \(buffer.length) bytes, not \(expectedLength)")
        }
        let end = buffer.offset + buffer.length
        let paddedEnd = (end + 7) / 8 * 8
        guard paddedEnd <= body.count else { throw StreamFormatError("buffer of '\(name)' leaves the body") }
        guard body[end..<paddedEnd].allSatisfy({ $0 == 0 }) else { throw StreamFormatError("nonzero padding after '\(name)'") }
        bodyPosition = paddedEnd
        return Array(body[buffer.offset..<end])
    }

    mutating func column(for field: ArrowField, length expectedLength: Int) throws -> [ArrowValue] {
        guard nodeIndex < nodes.count else { throw StreamFormatError("no node for '\(field.name)'") }
        let node = nodes[nodeIndex]
        nodeIndex += 1
        guard node.length == expectedLength else {
            throw StreamFormatError("'\(field.name)' has \(node.length) rows, not \(expectedLength)")
        }
        let bitmapLength = (node.length + 7) / 8
        let validity = try nextBuffer(expectedLength: node.nullCount == 0 ? nil : bitmapLength, name: field.name)
        guard validity.isEmpty || validity.count == bitmapLength else {
            throw StreamFormatError("validity of '\(field.name)' has \(validity.count) bytes")
        }
        let isValid = { (row: Int) in validity.isEmpty || validity[row / 8] & (1 << (row % 8)) != 0 }
        let nulls = (0..<node.length).filter { !isValid($0) }.count
        guard nulls == node.nullCount else {
            throw StreamFormatError("'\(field.name)' counts \(node.nullCount) nulls but its bitmap has \(nulls)")
        }
        guard field.nullable || nulls == 0 else { throw StreamFormatError("non-nullable '\(field.name)' has nulls") }

        var values: [ArrowValue]
        switch field.type {
        case .structure(let children):
            let childColumns = try children.map { try column(for: $0, length: node.length) }
            values = (0..<node.length).map { row in .structure(childColumns.map { $0[row] }) }
        case .bool:
            let bits = try nextBuffer(expectedLength: bitmapLength, name: field.name)
            values = (0..<node.length).map { .bool(bits[$0 / 8] & (1 << ($0 % 8)) != 0) }
        case .utf8, .binary:
            let offsetBytes = try nextBuffer(expectedLength: 4 * (node.length + 1), name: field.name)
            let offsets = try (0...node.length).map { Int(try FlatBufferTableView.read(Int32.self, in: offsetBytes, at: 4 * $0)) }
            guard offsets.first == 0, zip(offsets, offsets.dropFirst()).allSatisfy({ $0 <= $1 }) else {
                throw StreamFormatError("offsets of '\(field.name)' are not 0-based and nondecreasing")
            }
            let data = try nextBuffer(expectedLength: offsets.last, name: field.name)
            values = (0..<node.length).map { row in
                let bytes = Array(data[offsets[row]..<offsets[row + 1]])
                return field.type == .utf8 ? .string(String(decoding: bytes, as: UTF8.self)) : .binary(bytes)
            }
        case .int8, .int16, .int32, .int64, .float64, .date32, .decimal128:
            let width = field.type.byteWidth ?? 0
            let bytes = try nextBuffer(expectedLength: width * node.length, name: field.name)
            values = try (0..<node.length).map { row in try Self.fixedWidthValue(field.type, bytes, at: row * width) }
        }
        for row in 0..<node.length where !isValid(row) { values[row] = .null }
        return values
    }

    private static func fixedWidthValue(_ type: ArrowType, _ bytes: [UInt8], at position: Int) throws -> ArrowValue {
        switch type {
        case .int8: return .integer(Int64(try FlatBufferTableView.read(Int8.self, in: bytes, at: position)))
        case .int16: return .integer(Int64(try FlatBufferTableView.read(Int16.self, in: bytes, at: position)))
        case .int32, .date32: return .integer(Int64(try FlatBufferTableView.read(Int32.self, in: bytes, at: position)))
        case .int64: return .integer(try FlatBufferTableView.read(Int64.self, in: bytes, at: position))
        case .float64: return .double(Double(bitPattern: try FlatBufferTableView.read(UInt64.self, in: bytes, at: position)))
        case .decimal128:
            return .decimal(ArrowDecimal128(high: try FlatBufferTableView.read(Int64.self, in: bytes, at: position + 8),
                                            low: try FlatBufferTableView.read(UInt64.self, in: bytes, at: position)))
        case .bool, .utf8, .binary, .structure:
            throw StreamFormatError("\(type) is not fixed-width")
        }
    }
}
