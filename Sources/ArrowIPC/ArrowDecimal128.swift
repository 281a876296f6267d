// ArrowDecimal128: one value of a DECIMAL128 column, the unscaled 128-bit two's-complement integer
// (NUMBER(10,2)'s -12.34 is -1234). Snowflake's NUMBER has up to 38 digits, which no Double holds,
// so values arrive as text ("-12.340") and are converted digit by digit here: no rounding, and
// nothing is accepted that would change the value (an exponent, a nonzero digit beyond the scale).
//
// In a record batch a value is 16 bytes, little-endian: the low 64 bits, then the high 64 bits
// (Schema.fbs, `table Decimal`: "two's complement … in the endianness indicated in the Schema").

/// The unscaled integer of a DECIMAL128 value.
public struct ArrowDecimal128: Sendable, Hashable, CustomStringConvertible {
    /// The value times 10^scale.
    public let unscaled: Int128

    public init(unscaled: Int128) {
        self.unscaled = unscaled
    }

    /// From the two 64-bit halves of the two's-complement integer.
    public init(high: Int64, low: UInt64) {
        unscaled = Int128(high) << 64 | Int128(low)
    }

    /// The upper 64 bits of the two's-complement integer (negative values have the sign here).
    public var high: Int64 { Int64(truncatingIfNeeded: unscaled >> 64) }

    /// The lower 64 bits of the two's-complement integer.
    public var low: UInt64 { UInt64(truncatingIfNeeded: unscaled) }

    public var description: String { String(unscaled) }

    /// Parses decimal text at `scale`: an optional `+` or `-`, digits, and optionally `.` and more
    /// digits (`"-12.340"`, `"5"`, `".5"`, `"5."`). Fewer fraction digits than the scale are padded
    /// with zeros; more are accepted only when the extra ones are zeros. At most 38 significant
    /// digits (integer part and scale together), the most Snowflake's NUMBER holds.
    public init(parsing text: String, scale: Int) throws(ArrowIPCError) {
        guard scale >= 0 else { throw .negativeDecimalScale(scale) }
        var integerDigits: [UInt8] = []
        var fractionDigits: [UInt8] = []
        var isNegative = false
        var sawPoint = false
        for (index, byte) in text.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "+") where index == 0:
                break
            case UInt8(ascii: "-") where index == 0:
                isNegative = true
            case UInt8(ascii: ".") where !sawPoint:
                sawPoint = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if sawPoint { fractionDigits.append(byte - UInt8(ascii: "0")) } else { integerDigits.append(byte - UInt8(ascii: "0")) }
            default:
                throw .notADecimal(text)
            }
        }
        guard !integerDigits.isEmpty || !fractionDigits.isEmpty else { throw .notADecimal(text) }
        if fractionDigits.count > scale {
            guard fractionDigits[scale...].allSatisfy({ $0 == 0 }) else {
                throw .tooManyFractionDigits(text, scale: scale)
            }
            fractionDigits.removeLast(fractionDigits.count - scale)
        }
        // The unscaled digits: integer part, fraction, zeros up to the scale; leading zeros dropped.
        let significand = (integerDigits + fractionDigits).drop { $0 == 0 }
        let trailingZeros = scale - fractionDigits.count
        guard significand.isEmpty || significand.count + trailingZeros <= 38 else {
            throw .decimalTextOutOfRange(text, scale: scale)
        }
        var magnitude: Int128 = 0
        for digit in significand { magnitude = magnitude * 10 + Int128(digit) }
        if !significand.isEmpty {
            for _ in 0..<trailingZeros { magnitude *= 10 }
        }
        unscaled = isNegative ? -magnitude : magnitude
    }

    /// Whether the value has at most `precision` digits (|unscaled| < 10^precision), as a
    /// DECIMAL128(precision, _) column requires; `precision` is 1...38.
    func fits(precision: Int) -> Bool {
        var limit: UInt128 = 1
        for _ in 0..<min(max(precision, 0), 38) { limit *= 10 }
        return unscaled.magnitude < limit
    }

    /// The 16 bytes a record batch stores: low 64 bits, then high 64 bits, little-endian.
    var littleEndianBytes: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16)
        withUnsafeBytes(of: low.littleEndian) { bytes.append(contentsOf: $0) }
        withUnsafeBytes(of: high.littleEndian) { bytes.append(contentsOf: $0) }
        return bytes
    }
}
