// The schema model: the physical Arrow types Snowlite sends (the subset of Schema.fbs's `Type`
// union that Snowflake's result sets use) and fields with their custom metadata. Snowflake's
// connectors read the Snowflake type of a column from its field metadata (`logicalType`, `scale`,
// `precision`, `charLength`, `byteLength`), so metadata entries are kept in the order given.

/// A physical Arrow type.
public indirect enum ArrowType: Sendable, Equatable, CustomStringConvertible {
    /// Signed integers of 8, 16, 32 and 64 bits.
    case int8, int16, int32, int64
    /// IEEE 754 double precision.
    case float64
    /// One bit per value.
    case bool
    /// UTF-8 text and raw bytes, with 32-bit offsets.
    case utf8, binary
    /// Days since 1970-01-01, 32-bit.
    case date32
    /// A 128-bit two's-complement unscaled integer; the value is `unscaled / 10^scale`.
    /// Snowflake's NUMBER: `precision` 1...38, `scale` 0...precision.
    case decimal128(precision: Int, scale: Int)
    /// A struct of child fields (Snowflake's timestamps: epoch, fraction, timezone).
    case structure([ArrowField])

    public var description: String {
        switch self {
        case .int8: return "INT8"
        case .int16: return "INT16"
        case .int32: return "INT32"
        case .int64: return "INT64"
        case .float64: return "FLOAT64"
        case .bool: return "BOOL"
        case .utf8: return "UTF8"
        case .binary: return "BINARY"
        case .date32: return "DATE32"
        case .decimal128(let precision, let scale): return "DECIMAL128(\(precision), \(scale))"
        case .structure(let children):
            return "STRUCT<" + children.map { "\($0.name): \($0.type)" }.joined(separator: ", ") + ">"
        }
    }

    /// Bytes per value of a fixed-width type stored one value per slot; nil for bit-packed,
    /// variable-length and nested types.
    var byteWidth: Int? {
        switch self {
        case .int8: return 1
        case .int16: return 2
        case .int32, .date32: return 4
        case .int64, .float64: return 8
        case .decimal128: return 16
        case .bool, .utf8, .binary, .structure: return nil
        }
    }

    /// How many buffers a column of this type has in a record batch, its children's excluded:
    /// validity and values; validity, offsets and data; or, for a struct, validity only.
    var bufferCount: Int {
        switch self {
        case .utf8, .binary: return 3
        case .structure: return 1
        case .int8, .int16, .int32, .int64, .float64, .bool, .date32, .decimal128: return 2
        }
    }
}

/// A field of a schema (or of a struct): name, type, nullability and custom metadata.
public struct ArrowField: Sendable, Equatable, CustomStringConvertible {
    public var name: String
    public var type: ArrowType
    public var nullable: Bool
    /// Custom key/value metadata, written in this order.
    public var metadata: [(key: String, value: String)]

    public init(name: String, type: ArrowType, nullable: Bool = true, metadata: [(key: String, value: String)] = []) {
        self.name = name
        self.type = type
        self.nullable = nullable
        self.metadata = metadata
    }

    public static func == (lhs: ArrowField, rhs: ArrowField) -> Bool {
        lhs.name == rhs.name && lhs.type == rhs.type && lhs.nullable == rhs.nullable
            && lhs.metadata.count == rhs.metadata.count
            && zip(lhs.metadata, rhs.metadata).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }

    public var description: String {
        "'\(name)' \(type)" + (nullable ? "" : " NOT NULL")
    }

    /// Throws when the field cannot be written as given: a decimal outside NUMBER(1...38, 0...p),
    /// a struct without children. Children are checked too.
    func validate() throws(ArrowIPCError) {
        switch type {
        case .decimal128(let precision, let scale):
            guard (1...38).contains(precision), (0...precision).contains(scale) else {
                throw .unsupportedDecimal(field: name, precision: precision, scale: scale)
            }
        case .structure(let children):
            guard !children.isEmpty else { throw .emptyStruct(field: name) }
            for child in children { try child.validate() }
        case .int8, .int16, .int32, .int64, .float64, .bool, .utf8, .binary, .date32:
            break
        }
    }
}

// MARK: - Schema.fbs

extension ArrowField {
    /// The `Field` table: name (slot 0), nullable (1), type_type and type (2, 3), children (5),
    /// custom_metadata (6). Slot 4, dictionary, stays absent. Readers require `type` and
    /// `children` to be present even when empty, so both always are.
    var flatBufferTable: FlatBufferTable {
        var table = FlatBufferTable()
        table.set(0, .string(name))
        table.set(1, .bool(nullable))
        table.set(2, .uint8(typeUnionTag))
        table.set(3, .table(typeTable))
        let children: [ArrowField]
        if case .structure(let fields) = type { children = fields } else { children = [] }
        table.set(5, .tables(children.map(\.flatBufferTable)))
        if !metadata.isEmpty {
            table.set(6, .tables(metadata.map { entry in
                var keyValue = FlatBufferTable()
                keyValue.set(0, .string(entry.key))
                keyValue.set(1, .string(entry.value))
                return keyValue
            }))
        }
        return table
    }

    /// The member of Schema.fbs's `union Type` (NONE = 0, Null = 1, Int = 2, FloatingPoint = 3,
    /// Binary = 4, Utf8 = 5, Bool = 6, Decimal = 7, Date = 8, … Struct_ = 13).
    private var typeUnionTag: UInt8 {
        switch type {
        case .int8, .int16, .int32, .int64: return 2
        case .float64: return 3
        case .binary: return 4
        case .utf8: return 5
        case .bool: return 6
        case .decimal128: return 7
        case .date32: return 8
        case .structure: return 13
        }
    }

    /// The type's own table: `Int { bitWidth, is_signed }`, `FloatingPoint { precision: DOUBLE }`,
    /// `Decimal { precision, scale, bitWidth: 128 }`, `Date { unit: DAY }`, or an empty table.
    private var typeTable: FlatBufferTable {
        var table = FlatBufferTable()
        switch type {
        case .int8: table = FlatBufferTable.signedInteger(bitWidth: 8)
        case .int16: table = FlatBufferTable.signedInteger(bitWidth: 16)
        case .int32: table = FlatBufferTable.signedInteger(bitWidth: 32)
        case .int64: table = FlatBufferTable.signedInteger(bitWidth: 64)
        case .float64:
            table.set(0, .int16(2))  // Precision.DOUBLE
        case .decimal128(let precision, let scale):
            table.set(0, .int32(Int32(precision)))
            table.set(1, .int32(Int32(scale)))
            table.set(2, .int32(128))
        case .date32:
            table.set(0, .int16(0))  // DateUnit.DAY; the schema's default is MILLISECOND
        case .bool, .utf8, .binary, .structure:
            break
        }
        return table
    }
}

extension FlatBufferTable {
    /// `Int { bitWidth, is_signed: true }`.
    fileprivate static func signedInteger(bitWidth: Int32) -> FlatBufferTable {
        var table = FlatBufferTable()
        table.set(0, .int32(bitWidth))
        table.set(1, .bool(true))
        return table
    }
}
