// ArrowStreamWriter: an Arrow IPC stream (Columnar.rst, "IPC Streaming Format"): the Schema
// message, one RecordBatch message per appended batch, then the end-of-stream marker. Snowflake's
// driver protocol carries such a stream base64-encoded as a result's `rowsetBase64`.
//
// Each message is encapsulated ("Encapsulated message format"): the continuation marker
// 0xFFFFFFFF, the metadata size as a little-endian int32, the FlatBuffers `Message` padded to a
// multiple of 8 (the size counts the padding), then the body. A record batch's body is its
// buffers end to end, each starting at a multiple of 8, in the depth-first order of the fields
// (a struct's validity, then its children's buffers); the message's `Buffer` entries give each
// one's offset in the body and unpadded length, its `FieldNode`s each column's rows and nulls.
// The end-of-stream marker is 0xFFFFFFFF followed by a zero size. Metadata is version V5, bodies
// little-endian, uncompressed; no dictionaries.

/// Writes one Arrow IPC stream in memory.
public struct ArrowStreamWriter: Sendable {
    /// The schema: every batch has one column per field, in this order.
    public let fields: [ArrowField]
    /// Record batches appended so far.
    public private(set) var batchCount = 0
    private var stream: [UInt8] = []

    /// Starts a stream with the Schema message for `fields`. Throws when a field cannot be
    /// written (a decimal outside NUMBER(1...38, 0...precision), a struct without children).
    public init(fields: [ArrowField]) throws(ArrowIPCError) {
        for field in fields { try field.validate() }
        self.fields = fields
        var schema = FlatBufferTable()
        schema.set(0, .int16(0))  // Endianness.Little
        schema.set(1, .tables(fields.map(\.flatBufferTable)))
        appendMessage(headerType: MessageHeader.schema, header: schema, body: [])
    }

    /// Appends one record batch: one column per field of the schema, built for that field, all of
    /// the same length. Throws, writing nothing, when they are not. A zero-row batch is valid
    /// Arrow, but the Snowflake Python connector's reader (4.x) crashes on one, even when pyarrow
    /// wrote it: for an empty result, append no batch.
    public mutating func append(batch columns: [ArrowColumn]) throws(ArrowIPCError) {
        guard columns.count == fields.count else { throw .columnCount(expected: fields.count, given: columns.count) }
        for (index, (column, field)) in zip(columns, fields).enumerated() where column.field != field {
            let sameShape = column.field.name == field.name && column.field.type == field.type
                && column.field.nullable == field.nullable
            throw sameShape ? .columnMetadata(index: index, field: field)
                : .columnField(index: index, column: column.field, schema: field)
        }
        let length = columns.first?.length ?? 0
        for (index, column) in columns.enumerated() where column.length != length {
            throw .columnLength(index: index, field: column.field.name, length: column.length, expected: length)
        }

        var body = RecordBatchBody()
        for column in columns { body.add(column) }
        var recordBatch = FlatBufferTable()
        recordBatch.set(0, .int64(Int64(length)))
        recordBatch.set(1, .structs(count: body.nodeCount, alignment: 8, bytes: body.nodes))
        recordBatch.set(2, .structs(count: body.bufferCount, alignment: 8, bytes: body.buffers))
        appendMessage(headerType: MessageHeader.recordBatch, header: recordBatch, body: body.bytes)
        batchCount += 1
    }

    /// The whole stream: the schema, the batches appended so far and the end-of-stream marker.
    /// The writer can go on appending; a later `finish()` returns the longer stream.
    public func finish() -> [UInt8] {
        stream + [0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x00]
    }

    // MARK: - Messages

    /// Members of Message.fbs's `union MessageHeader` (NONE = 0).
    private enum MessageHeader {
        static let schema: UInt8 = 1
        static let recordBatch: UInt8 = 3
    }

    /// `Message { version: V5, header_type, header, bodyLength }`, encapsulated, then its body
    /// (whose length is already a multiple of 8).
    private mutating func appendMessage(headerType: UInt8, header: FlatBufferTable, body: [UInt8]) {
        var message = FlatBufferTable()
        message.set(0, .int16(4))  // MetadataVersion.V5
        message.set(1, .uint8(headerType))
        message.set(2, .table(header))
        message.set(3, .int64(Int64(body.count)))
        let metadata = FlatBufferEncoder.encode(root: message)  // a multiple of 8 bytes
        stream.append(contentsOf: [0xFF, 0xFF, 0xFF, 0xFF])
        withUnsafeBytes(of: Int32(metadata.count).littleEndian) { stream.append(contentsOf: $0) }
        stream.append(contentsOf: metadata)
        stream.append(contentsOf: body)
    }
}

/// A record batch's body and the metadata that describes it, gathered field by field in
/// depth-first order: the `FieldNode` structs ({length, null_count}), the `Buffer` structs
/// ({offset, length}), both as 16-byte little-endian records, and the body bytes.
private struct RecordBatchBody {
    private(set) var nodes: [UInt8] = []
    private(set) var nodeCount = 0
    private(set) var buffers: [UInt8] = []
    private(set) var bufferCount = 0
    private(set) var bytes: [UInt8] = []

    /// Adds a column's node and buffers, then its children's.
    mutating func add(_ column: ArrowColumn) {
        appendInt64(column.length, to: &nodes)
        appendInt64(column.nullCount, to: &nodes)
        nodeCount += 1
        addBuffer(column.validity)
        for buffer in column.valueBuffers { addBuffer(buffer) }
        for child in column.children { add(child) }
    }

    /// The buffer starts at the body's current end (a multiple of 8) and is padded with zeros to
    /// the next multiple of 8; its recorded length is the unpadded one. An empty buffer (an
    /// omitted validity bitmap) takes no bytes.
    private mutating func addBuffer(_ buffer: [UInt8]) {
        appendInt64(bytes.count, to: &buffers)
        appendInt64(buffer.count, to: &buffers)
        bufferCount += 1
        bytes.append(contentsOf: buffer)
        bytes.append(contentsOf: repeatElement(0, count: (8 - bytes.count % 8) % 8))
    }

    private func appendInt64(_ number: Int, to buffer: inout [UInt8]) {
        withUnsafeBytes(of: Int64(number).littleEndian) { buffer.append(contentsOf: $0) }
    }
}
