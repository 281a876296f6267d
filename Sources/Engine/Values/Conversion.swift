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
            let text = String(format: "%.\(scale)f", number)
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
            // Swift also reads hexadecimal floats (`0x1p3`), which Snowflake does not.
            let trimmed = s.trimmingCharacters(in: .whitespaces)
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
}
