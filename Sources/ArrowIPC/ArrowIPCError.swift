// ArrowIPCError: every refusal of the writer, one factory per case with one stable wording (tests
// assert it verbatim). A malformed stream crashes the client that decodes it, so anything the
// writer cannot write exactly is refused here before a byte is written: a schema it does not
// support, a value of the wrong kind or out of range, a batch whose columns do not match.

/// Why the Arrow writer refused its input.
public struct ArrowIPCError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        /// The schema cannot be written (decimal precision or scale, empty struct).
        case unsupportedSchema
        /// A value does not suit its column (kind, range, nullability, decimal digits).
        case invalidValue
        /// Text that is not a plain decimal number.
        case invalidDecimalText
        /// A batch's columns do not match the schema or each other.
        case invalidBatch
    }

    public let code: Code
    public let message: String

    public var description: String { message }

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    // MARK: - Schema

    static func unsupportedDecimal(field: String, precision: Int, scale: Int) -> ArrowIPCError {
        ArrowIPCError(.unsupportedSchema, "field '\(field)': DECIMAL128(\(precision), \(scale)) is not supported: "
            + "the precision must be 1 to 38 and the scale 0 to the precision")
    }

    static func emptyStruct(field: String) -> ArrowIPCError {
        ArrowIPCError(.unsupportedSchema, "field '\(field)': a struct needs at least one child field")
    }

    // MARK: - Values

    // `column` names the column, a struct's child as `parent.child`.

    static func valueKindMismatch(column: String, type: ArrowType, kind: String) -> ArrowIPCError {
        ArrowIPCError(.invalidValue, "column '\(column)' of type \(type) cannot take \(kind)")
    }

    static func integerOutOfRange(column: String, type: ArrowType, value: Int64) -> ArrowIPCError {
        ArrowIPCError(.invalidValue, "column '\(column)' of type \(type) cannot hold \(value)")
    }

    static func nullInNonNullableColumn(column: String) -> ArrowIPCError {
        ArrowIPCError(.invalidValue, "column '\(column)' is not nullable but was given a null")
    }

    static func decimalOutOfRange(column: String, type: ArrowType, unscaled: Int128) -> ArrowIPCError {
        ArrowIPCError(.invalidValue, "column '\(column)' of type \(type) cannot hold the unscaled value "
            + "\(unscaled): it has more digits than the precision")
    }

    static func structArity(column: String, type: ArrowType, expected: Int, given: Int) -> ArrowIPCError {
        ArrowIPCError(.invalidValue, "column '\(column)' of type \(type) takes \(expected) child values "
            + "but was given \(given)")
    }

    static func dataTooLarge(column: String) -> ArrowIPCError {
        ArrowIPCError(.invalidValue, "column '\(column)' would hold more than 2147483647 bytes of data in one batch")
    }

    // MARK: - Decimal text

    static func notADecimal(_ text: String) -> ArrowIPCError {
        ArrowIPCError(.invalidDecimalText, "'\(text)' is not a decimal number (digits with an optional sign and point)")
    }

    static func tooManyFractionDigits(_ text: String, scale: Int) -> ArrowIPCError {
        ArrowIPCError(.invalidDecimalText, "'\(text)' has nonzero digits beyond scale \(scale)")
    }

    static func decimalTextOutOfRange(_ text: String, scale: Int) -> ArrowIPCError {
        ArrowIPCError(.invalidDecimalText, "'\(text)' at scale \(scale) has more than 38 digits")
    }

    static func negativeDecimalScale(_ scale: Int) -> ArrowIPCError {
        ArrowIPCError(.invalidDecimalText, "decimal scale \(scale) is negative")
    }

    // MARK: - Batches

    static func columnCount(expected: Int, given: Int) -> ArrowIPCError {
        ArrowIPCError(.invalidBatch, "a batch of this schema needs \(expected) columns but was given \(given)")
    }

    static func columnField(index: Int, column: ArrowField, schema: ArrowField) -> ArrowIPCError {
        ArrowIPCError(.invalidBatch, "column \(index) was built for field \(column) but the schema's field "
            + "\(index) is \(schema)")
    }

    static func columnMetadata(index: Int, field: ArrowField) -> ArrowIPCError {
        ArrowIPCError(.invalidBatch, "column \(index) was built for field \(field) with other metadata than the "
            + "schema's field \(index)")
    }

    static func columnLength(index: Int, field: String, length: Int, expected: Int) -> ArrowIPCError {
        ArrowIPCError(.invalidBatch, "column \(index) ('\(field)') has \(length) rows but column 0 has \(expected)")
    }
}
