// ArrowValue: one value of one row as the caller has it, before it is checked against its column.
// The typed appends of ArrowColumnBuilder (`append(_: Int64?)`, `append(_: String?)`…) are
// shorthands for these; a struct's row is `.structure` with one value per child field, which is
// how Snowflake's timestamps travel ({epoch, fraction} or {epoch, fraction, timezone}).

/// A value to append to a column.
public enum ArrowValue: Sendable, Equatable {
    case null
    /// For INT8…INT64 and DATE32 (range-checked), and DECIMAL128 (scaled exactly: 5 in a
    /// DECIMAL128(10, 2) column is 5.00).
    case integer(Int64)
    case double(Double)
    case bool(Bool)
    case string(String)
    case binary([UInt8])
    /// The unscaled integer of a DECIMAL128 value (already at the column's scale).
    case decimal(ArrowDecimal128)
    /// Decimal text (`"-12.340"`) for a DECIMAL128 column, parsed at the column's scale.
    case decimalText(String)
    /// A struct's row: one value per child field, in the children's order.
    case structure([ArrowValue])

    /// How the value is named in an error ("an integer", "a string"…).
    var kindDescription: String {
        switch self {
        case .null: return "a null"
        case .integer: return "an integer"
        case .double: return "a double"
        case .bool: return "a boolean"
        case .string: return "a string"
        case .binary: return "binary data"
        case .decimal: return "a decimal"
        case .decimalText: return "decimal text"
        case .structure: return "a struct value"
        }
    }
}

/// A value after it was checked against its column: what `ArrowColumnBuilder` stores, in the
/// column's own terms. Storing it cannot fail, so a refused value leaves the builder unchanged
/// (a struct's children included).
enum CheckedValue {
    case null
    /// An integer already known to fit the column's width.
    case integer(Int64)
    case double(Double)
    case bit(Bool)
    case bytes([UInt8])
    case decimal(ArrowDecimal128)
    case structure([CheckedValue])

    /// What a child of a null struct row holds: a null where the child is nullable, else its
    /// type's zero (a non-nullable child has no nulls, even under a null parent).
    static func placeholder(for field: ArrowField) -> CheckedValue {
        if field.nullable { return .null }
        switch field.type {
        case .int8, .int16, .int32, .int64, .date32: return .integer(0)
        case .float64: return .double(0)
        case .bool: return .bit(false)
        case .utf8, .binary: return .bytes([])
        case .decimal128: return .decimal(ArrowDecimal128(unscaled: 0))
        case .structure(let children): return .structure(children.map(placeholder(for:)))
        }
    }
}

// MARK: - Checking a value against its column

extension ArrowColumnBuilder {
    /// Checks `value` against this column: its kind, range, nullability, a decimal's precision, a
    /// struct's number of children (each child against its own column), and that UTF8/BINARY data
    /// stays addressable by 32-bit offsets. Changes nothing.
    func check(_ value: ArrowValue) throws(ArrowIPCError) -> CheckedValue {
        let field = self.field
        let type = field.type
        if case .null = value {
            guard field.nullable else { throw .nullInNonNullableColumn(column: columnName) }
            return .null
        }
        switch (type, value) {
        case (.int8, .integer(let number)):
            guard Int8(exactly: number) != nil else { throw .integerOutOfRange(column: columnName, type: type, value: number) }
            return .integer(number)
        case (.int16, .integer(let number)):
            guard Int16(exactly: number) != nil else { throw .integerOutOfRange(column: columnName, type: type, value: number) }
            return .integer(number)
        case (.int32, .integer(let number)), (.date32, .integer(let number)):
            guard Int32(exactly: number) != nil else { throw .integerOutOfRange(column: columnName, type: type, value: number) }
            return .integer(number)
        case (.int64, .integer(let number)):
            return .integer(number)
        case (.float64, .double(let number)):
            return .double(number)
        case (.bool, .bool(let flag)):
            return .bit(flag)
        case (.utf8, .string(let text)):
            return try checkedData(Array(text.utf8))
        case (.binary, .binary(let bytes)):
            return try checkedData(bytes)
        case (.decimal128(let precision, _), .decimal(let decimal)):
            guard decimal.fits(precision: precision) else { throw .decimalOutOfRange(column: columnName, type: type, unscaled: decimal.unscaled) }
            return .decimal(decimal)
        case (.decimal128(let precision, let scale), .decimalText(let text)):
            let decimal = try ArrowDecimal128(parsing: text, scale: scale)
            guard decimal.fits(precision: precision) else { throw .decimalOutOfRange(column: columnName, type: type, unscaled: decimal.unscaled) }
            return .decimal(decimal)
        case (.decimal128(let precision, let scale), .integer(let number)):
            var unscaled = Int128(number)
            for _ in 0..<scale {
                let (product, overflow) = unscaled.multipliedReportingOverflow(by: 10)
                guard !overflow else { throw .integerOutOfRange(column: columnName, type: type, value: number) }
                unscaled = product
            }
            guard ArrowDecimal128(unscaled: unscaled).fits(precision: precision) else {
                throw .integerOutOfRange(column: columnName, type: type, value: number)
            }
            return .decimal(ArrowDecimal128(unscaled: unscaled))
        case (.structure, .structure(let values)):
            guard values.count == children.count else {
                throw .structArity(column: columnName, type: type, expected: children.count, given: values.count)
            }
            var checked: [CheckedValue] = []
            checked.reserveCapacity(children.count)
            for (child, childValue) in zip(children, values) {
                checked.append(try child.check(childValue))
            }
            return .structure(checked)
        default:
            throw .valueKindMismatch(column: columnName, type: type, kind: value.kindDescription)
        }
    }

    private func checkedData(_ bytes: [UInt8]) throws(ArrowIPCError) -> CheckedValue {
        guard bytes.count <= Int(Int32.max) - dataByteCount else { throw .dataTooLarge(column: columnName) }
        return .bytes(bytes)
    }
}
