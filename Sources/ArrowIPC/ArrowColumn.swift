// ArrowColumn and ArrowColumnBuilder: the values of one field in one record batch, in Arrow's
// physical layout (Columnar.rst, "Physical Memory Layout"), built one row at a time.
//
// Layout per type: a validity bitmap (bit i set when row i is not null, least significant bit
// first), omitted when the column has no nulls; then fixed-width values little-endian (a null
// row's slot holds zeros), or bit-packed booleans, or for UTF8/BINARY `count + 1` Int32 offsets
// and the bytes they index; a struct has the bitmap only, and its children hold one slot per row,
// null rows included.

/// The built values of one field for one record batch.
public struct ArrowColumn: Sendable {
    /// The field the column was built for; a batch's columns must match the schema's fields.
    public let field: ArrowField
    /// Number of rows.
    public let length: Int
    public let nullCount: Int
    /// Validity bitmap, empty when `nullCount` is 0.
    let validity: [UInt8]
    /// The buffers after validity: values (fixed-width and BOOL), or offsets and data
    /// (UTF8/BINARY); none for a struct.
    let valueBuffers: [[UInt8]]
    let children: [ArrowColumn]
}

/// Builds an `ArrowColumn` for one field, a row at a time. An append that throws leaves the
/// builder as it was.
public struct ArrowColumnBuilder: Sendable {
    public let field: ArrowField
    /// How errors name the column: the field's name, a struct's child as `parent.child`.
    let columnName: String
    /// Rows appended so far.
    public private(set) var count = 0
    private var nullCount = 0
    private var validity: [UInt8] = []
    /// Fixed-width values, packed booleans, or UTF8/BINARY data.
    private var values: [UInt8] = []
    /// UTF8/BINARY only: Int32 offsets, little-endian, starting with 0.
    private var offsets: [UInt8] = []
    private(set) var children: [ArrowColumnBuilder] = []

    public init(for field: ArrowField) {
        self.init(for: field, columnName: field.name)
    }

    private init(for field: ArrowField, columnName: String) {
        self.field = field
        self.columnName = columnName
        switch field.type {
        case .utf8, .binary: offsets = [0, 0, 0, 0]
        case .structure(let childFields):
            children = childFields.map { ArrowColumnBuilder(for: $0, columnName: columnName + "." + $0.name) }
        case .int8, .int16, .int32, .int64, .float64, .bool, .date32, .decimal128: break
        }
    }

    /// UTF8/BINARY bytes held so far (what the next value's offset will be).
    var dataByteCount: Int { values.count }

    // MARK: - Appending

    /// Appends one row. Throws, changing nothing, when the value does not suit the column: see
    /// `ArrowValue` for which values each type takes.
    public mutating func append(_ value: ArrowValue) throws(ArrowIPCError) {
        store(try check(value))
    }

    public mutating func appendNull() throws(ArrowIPCError) { try append(.null) }

    /// INT8…INT64, DATE32 (days since 1970-01-01) or DECIMAL128 (the integer, scaled exactly).
    public mutating func append(_ value: Int64?) throws(ArrowIPCError) { try append(value.map(ArrowValue.integer) ?? .null) }

    /// Same as `append(_: Int64?)`; spares callers the conversion (and integer literals the ambiguity).
    public mutating func append(_ value: Int?) throws(ArrowIPCError) { try append(value.map { .integer(Int64($0)) } ?? .null) }

    /// FLOAT64.
    public mutating func append(_ value: Double?) throws(ArrowIPCError) { try append(value.map(ArrowValue.double) ?? .null) }

    /// BOOL.
    public mutating func append(_ value: Bool?) throws(ArrowIPCError) { try append(value.map(ArrowValue.bool) ?? .null) }

    /// UTF8.
    public mutating func append(_ value: String?) throws(ArrowIPCError) { try append(value.map(ArrowValue.string) ?? .null) }

    /// BINARY.
    public mutating func append(_ value: [UInt8]?) throws(ArrowIPCError) { try append(value.map(ArrowValue.binary) ?? .null) }

    /// DECIMAL128: the unscaled integer, at the column's scale.
    public mutating func append(_ value: ArrowDecimal128?) throws(ArrowIPCError) { try append(value.map(ArrowValue.decimal) ?? .null) }

    /// DECIMAL128 from text such as `"-12.340"`, parsed exactly at the column's scale.
    public mutating func appendDecimal(_ text: String?) throws(ArrowIPCError) { try append(text.map(ArrowValue.decimalText) ?? .null) }

    // MARK: - Storing

    /// Stores a value that `check` accepted for this column.
    private mutating func store(_ value: CheckedValue) {
        let isValid: Bool
        if case .null = value { isValid = false } else { isValid = true }
        Self.appendBit(isValid, to: &validity, at: count)
        if !isValid { nullCount += 1 }

        switch (field.type, value) {
        case (.int8, .integer(let number)): appendLittleEndian(Int8(truncatingIfNeeded: number))
        case (.int16, .integer(let number)): appendLittleEndian(Int16(truncatingIfNeeded: number))
        case (.int32, .integer(let number)), (.date32, .integer(let number)): appendLittleEndian(Int32(truncatingIfNeeded: number))
        case (.int64, .integer(let number)): appendLittleEndian(number)
        case (.float64, .double(let number)): appendLittleEndian(number.bitPattern)
        case (.bool, .bit(let flag)): Self.appendBit(flag, to: &values, at: count)
        case (.utf8, .bytes(let bytes)), (.binary, .bytes(let bytes)):
            values.append(contentsOf: bytes)
            appendOffset()
        case (.decimal128, .decimal(let decimal)): values.append(contentsOf: decimal.littleEndianBytes)
        case (.structure, .structure(let childValues)):
            // `check` gave one value per child.
            for (index, childValue) in zip(children.indices, childValues) { children[index].store(childValue) }
        case (.structure, _):
            // A null row. (`check` gives a struct nothing else; whatever it were, every child must
            // still get its slot.)
            for index in children.indices { children[index].store(.placeholder(for: children[index].field)) }
        default:
            // A null row. (`check` gives each type only the values matched above; were it to give
            // another, a zeroed slot would keep the buffers as long as `count` says.)
            appendNullSlot()
        }
        count += 1
    }

    /// A null row's slot in the values: zeros, a cleared bit, or an empty string.
    private mutating func appendNullSlot() {
        switch field.type {
        case .bool: Self.appendBit(false, to: &values, at: count)
        case .utf8, .binary: appendOffset()
        case .int8, .int16, .int32, .int64, .float64, .date32, .decimal128:
            values.append(contentsOf: repeatElement(0, count: field.type.byteWidth ?? 0))
        case .structure: break
        }
    }

    private mutating func appendOffset() {
        // `check` keeps the data within Int32.max bytes.
        Self.appendLittleEndian(Int32(truncatingIfNeeded: values.count), to: &offsets)
    }

    private mutating func appendLittleEndian<T: FixedWidthInteger>(_ number: T) {
        Self.appendLittleEndian(number, to: &values)
    }

    /// Static, so that passing one of the builder's own buffers inout does not copy the builder's
    /// other buffers (an unoptimised build did, on every append).
    private static func appendLittleEndian<T: FixedWidthInteger>(_ number: T, to buffer: inout [UInt8]) {
        withUnsafeBytes(of: number.littleEndian) { buffer.append(contentsOf: $0) }
    }

    /// Sets or clears bit `index` of a bitmap that holds exactly `index` bits so far.
    private static func appendBit(_ isSet: Bool, to bitmap: inout [UInt8], at index: Int) {
        if index % 8 == 0 { bitmap.append(0) }
        if isSet { bitmap[index / 8] |= UInt8(1) << UInt8(index % 8) }
    }

    // MARK: - Building

    /// The column as appended so far. The builder can go on appending; the column does not change.
    public func build() -> ArrowColumn {
        let valueBuffers: [[UInt8]]
        switch field.type {
        case .utf8, .binary: valueBuffers = [offsets, values]
        case .structure: valueBuffers = []
        case .int8, .int16, .int32, .int64, .float64, .bool, .date32, .decimal128: valueBuffers = [values]
        }
        return ArrowColumn(field: field, length: count, nullCount: nullCount,
                           validity: nullCount == 0 ? [] : validity,
                           valueBuffers: valueBuffers, children: children.map { $0.build() })
    }
}
