// Conversion: Snowflake's conversions between stored values, with its conversion errors
// (`Numeric value 'abc' is not recognized`, `Boolean value …`, `Timestamp '…' is not recognized`,
// `… not a legal hex-encoded value`). BINARY is stored as a blob; text becomes BINARY as HEX and
// BINARY becomes text as upper-case HEX (SQLFunctions.text). A FLOAT NaN is refused (SQLite has none).
// `convert(_:from:to:)` is what the SQL function sf_convert runs; Cast.swift decides when to call it.

import Foundation
import GRDB

enum Conversion {
    /// Converts a stored value of type `from` to type `to` (both canonical type names).
    static func convert(_ value: DatabaseValue, from: String, to: String) throws -> DatabaseValueConvertible? {
        if value.isNull { return nil }
        guard let target = SnowflakeType.parseCanonical(to) else { return value }
        let source = SnowflakeType.parseCanonical(from) ?? .string
        if source.isSemiStructured { return try Variant.extract(value, as: target) }
        if target.isSemiStructured { return try Variant.wrap(value, from: source, as: target) }
        if source == .boolean, case .varchar = target {
            return (Int64.fromDatabaseValue(value) ?? 0) != 0 ? "true" : "false"
        }
        // A NUMBER with a scale is text with that many decimals (`2.50` for 2.5 as NUMBER(10,2)).
        if case .number(_, let scale) = source, scale > 0, case .varchar(let length) = target,
           let number = Double.fromDatabaseValue(value), number.isFinite {
            // `+ 0` turns a negative zero (a small negative value rounded away) into 0, printed without a sign.
            let text = String(format: "%.\(scale)f", number + 0)
            if text.count > length { throw SnowflakeError.stringTooLong(text).encoded }
            return text
        }
        return try cast(value, to: target)
    }

    /// Converts a stored scalar to a scalar type.
    static func cast(_ value: DatabaseValue, to type: SnowflakeType) throws -> DatabaseValueConvertible? {
        if value.isNull { return nil }
        switch type {
        case .number(_, let scale):
            let d = try number(value)
            // Text spelling NaN or an infinity is a FLOAT only; a number past a double's range fits no NUMBER.
            if !d.isFinite, case .string(let text) = value.storage {
                let spelled = text.lowercased().contains("nan") || text.lowercased().contains("inf")
                throw (spelled ? SnowflakeError.numericValueNotRecognized(text) : SnowflakeError.numericValueOutOfRange(text)).encoded
            }
            if scale == 0 {
                if case .int64(let i) = value.storage { return i }
                // Plain digits are read exactly (and without going through a double).
                if case .string(let text) = value.storage, let i = Int64(text) { return i }
                let rounded = d.rounded(.toNearestOrAwayFromZero)
                guard let i = Int64(exactly: rounded) else { return rounded }
                return i
            }
            let factor = pow(10.0, Double(scale))
            return (d * factor).rounded(.toNearestOrAwayFromZero) / factor
        case .float:
            let d = try number(value)
            // 'NaN' is a FLOAT in Snowflake, but SQLite would keep it as NULL: refused, never NULL.
            if d.isNaN { throw SnowflakeError.floatNaNUnsupported.encoded }
            return d
        case .varchar(let length):
            guard let text = SQLFunctions.text(of: value) else { return nil }
            if text.count > length {
                throw SnowflakeError.stringTooLong(text).encoded
            }
            return text
        case .boolean:
            switch value.storage {
            case .int64(let i): return i != 0
            case .double(let d): return d != 0
            case .string(let s):
                guard let b = boolean(s) else {
                    throw SnowflakeError.booleanNotRecognized(s).encoded
                }
                return b
            default: return value
            }
        case .date:
            let text = SQLFunctions.text(of: value) ?? ""
            guard let parsed = timestampParts(text) else {
                throw SnowflakeError.dateNotRecognized(text).encoded
            }
            return parsed.date
        case .timestampNTZ, .timestampLTZ, .timestampTZ:
            let text = SQLFunctions.text(of: value) ?? ""
            guard let parsed = timestampParts(text) else { throw SnowflakeError.timestampNotRecognized(text).encoded }
            return parsed.date + " " + parsed.time
        case .time:
            let text = SQLFunctions.text(of: value) ?? ""
            if let parsed = timestampParts(text), text.count > 10 { return String(parsed.time.prefix(8)) }
            guard text.range(of: #"^\d{1,2}:\d{2}(:\d{2})?$"#, options: .regularExpression) != nil else {
                throw SnowflakeError.timeNotRecognized(text).encoded
            }
            return text.count == 5 ? text + ":00" : text
        case .variant, .object, .array:
            return try Variant.wrap(value, from: .string, as: type)
        case .binary:
            // A blob is BINARY already; text is read as HEX, BINARY_INPUT_FORMAT's default.
            if case .blob = value.storage { return value }
            let text = SQLFunctions.text(of: value) ?? ""
            guard let bytes = BinaryFormat.hexBytes(text) else { throw SnowflakeError.notLegalHex(text).encoded }
            return Data(bytes)
        }
    }

    /// `true`/`false` spellings Snowflake accepts; nil for anything else.
    static func boolean(_ text: String) -> Bool? {
        // The usual spellings first, without trimming or lower-casing.
        switch text {
        case "true", "TRUE", "True": return true
        case "false", "FALSE", "False": return false
        default: break
        }
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "true", "t", "yes", "y", "on", "1": return true
        case "false", "f", "no", "n", "off", "0": return false
        default: return nil
        }
    }

    static func number(_ value: DatabaseValue) throws -> Double {
        switch value.storage {
        case .int64(let i): return Double(i)
        case .double(let d): return d
        case .string(let s):
            // Swift also reads hexadecimal floats (`0x1p3`), which Snowflake does not. Text that
            // neither starts nor ends with a blank needs no trimming (Foundation's is slow).
            let blank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 }
            let trimmed = (s.utf8.first.map(blank) ?? true) || (s.utf8.last.map(blank) ?? true)
                ? s.trimmingCharacters(in: .whitespaces) : s
            guard !trimmed.contains(where: { $0 == "x" || $0 == "X" }), let d = Double(trimmed) else {
                throw SnowflakeError.numericValueNotRecognized(s).encoded
            }
            return d
        default:
            throw SnowflakeError.numericValueNotRecognized(SQLFunctions.text(of: value) ?? "").encoded
        }
    }

    /// Compiled once: timestamps are converted on every row of a scan.
    static let timestampPattern = try? NSRegularExpression(
        pattern: #"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(?: ?(?:Z|[+-]\d{2}:?\d{2}))?$"#)

    /// `YYYY-MM-DD[( |T)HH:MM[:SS[.fff…]]]` → ("YYYY-MM-DD", "HH:MM:SS.fff").
    static func timestampParts(_ text: String) -> (date: String, time: String)? {
        if let parts = plainTimestampParts(text) { return parts }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let regex = timestampPattern, let m = regex.firstMatch(in: trimmed, range: NSRange(trimmed.startIndex..., in: trimmed)) else { return nil }
        func group(_ i: Int) -> String? {
            guard let r = Range(m.range(at: i), in: trimmed) else { return nil }
            return String(trimmed[r])
        }
        guard let y = Int(group(1) ?? ""), let mo = Int(group(2) ?? ""), let d = Int(group(3) ?? ""),
              (1...12).contains(mo), (1...31).contains(d) else { return nil }
        let h = Int(group(4) ?? "0") ?? 0, mi = Int(group(5) ?? "0") ?? 0, s = Int(group(6) ?? "0") ?? 0
        let fraction = String((group(7) ?? "").prefix(3)).padding(toLength: 3, withPad: "0", startingAt: 0)
        guard h < 24, mi < 60, s < 60 else { return nil }
        return (String(format: "%04d-%02d-%02d", y, mo, d), String(format: "%02d:%02d:%02d.", h, mi, s) + fraction)
    }

    /// `YYYY-MM-DD`, `YYYY-MM-DD HH:MM:SS` and `YYYY-MM-DD HH:MM:SS.fff…` read byte by byte: what a
    /// file's dates and timestamps mostly are, giving what the pattern above gives for them.
    private static func plainTimestampParts(_ text: String) -> (date: String, time: String)? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10 || bytes.count >= 19 else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                guard i < bytes.count, (0x30...0x39).contains(bytes[i]) else { return nil }
                value = value * 10 + Int(bytes[i] - 0x30)
            }
            return value
        }
        guard number(0..<4) != nil, bytes[4] == 0x2D, let month = number(5..<7), bytes[7] == 0x2D, let day = number(8..<10),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        let date = String(decoding: bytes[0..<10], as: UTF8.self)
        if bytes.count == 10 { return (date, "00:00:00.000") }
        guard bytes[10] == 0x20 || bytes[10] == 0x54, let hour = number(11..<13), bytes[13] == 0x3A, let minute = number(14..<16),
              bytes[16] == 0x3A, let second = number(17..<19), hour < 24, minute < 60, second < 60 else { return nil }
        var fraction = "000"
        if bytes.count > 19 {
            guard bytes[19] == 0x2E, bytes.count <= 29, number(20..<bytes.count) != nil else { return nil }
            fraction = String(decoding: (bytes[20...] + [0x30, 0x30, 0x30]).prefix(3), as: UTF8.self)
        }
        return (date, String(decoding: bytes[11..<19], as: UTF8.self) + "." + fraction)
    }
}
