// Conversion: Snowflake's casts between stored values, with its conversion errors
// (`Numeric value 'abc' is not recognized`, `Boolean value …`, `Timestamp '…' is not recognized`).
// Used by `::`, CAST, TRY_CAST and by INSERT/UPDATE when a value meets a column's type.

import Foundation
import GRDB

enum Conversion {
    /// Converts a stored value to the type named canonically (`NUMBER(38,2)`, `BOOLEAN`, `VARCHAR(…)`).
    static func cast(_ value: DatabaseValue, to typeName: String) throws -> DatabaseValueConvertible? {
        if value.isNull { return nil }
        guard let type = SnowflakeType.parseCanonical(typeName) else { return value }
        switch type {
        case .number(_, let scale):
            let d = try number(value)
            if scale == 0 {
                let rounded = d.rounded(.toNearestOrAwayFromZero)
                guard let i = Int64(exactly: rounded) else { return rounded }
                return i
            }
            let factor = pow(10.0, Double(scale))
            return (d * factor).rounded(.toNearestOrAwayFromZero) / factor
        case .float:
            return try number(value)
        case .varchar(let length):
            guard let text = SQLFunctions.text(of: value) else { return nil }
            if text.count > length {
                throw SnowflakeError(code: "100078", sqlState: "22000",
                                     message: "String '\(text)' is too long and would be truncated").encoded
            }
            return text
        case .boolean:
            switch value.storage {
            case .int64(let i): return i != 0
            case .double(let d): return d != 0
            case .string(let s):
                switch s.trimmingCharacters(in: .whitespaces).lowercased() {
                case "true", "t", "yes", "y", "on", "1": return true
                case "false", "f", "no", "n", "off", "0": return false
                default:
                    throw SnowflakeError(code: "100037", sqlState: "22018", message: "Boolean value '\(s)' is not recognized").encoded
                }
            default: return value
            }
        case .date:
            let text = SQLFunctions.text(of: value) ?? ""
            guard let parsed = timestampParts(text) else {
                throw SnowflakeError(code: "100040", sqlState: "22007", message: "Date '\(text)' is not recognized").encoded
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
                throw SnowflakeError(code: "100108", sqlState: "22007", message: "Time '\(text)' is not recognized").encoded
            }
            return text.count == 5 ? text + ":00" : text
        case .variant, .object, .array:
            switch value.storage {
            case .string(let s): return JSONText.quote(s)
            case .int64(let i): return String(i)
            case .double(let d): return Value.render(double: d)
            default: return nil
            }
        case .binary:
            return value
        }
    }

    static func number(_ value: DatabaseValue) throws -> Double {
        switch value.storage {
        case .int64(let i): return Double(i)
        case .double(let d): return d
        case .string(let s):
            guard let d = Double(s.trimmingCharacters(in: .whitespaces)) else {
                throw SnowflakeError.numericValueNotRecognized(s).encoded
            }
            return d
        default:
            throw SnowflakeError.numericValueNotRecognized(SQLFunctions.text(of: value) ?? "").encoded
        }
    }

    /// `YYYY-MM-DD[( |T)HH:MM[:SS[.fff…]]]` → ("YYYY-MM-DD", "HH:MM:SS.fff").
    static func timestampParts(_ text: String) -> (date: String, time: String)? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let pattern = #"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(?: ?(?:Z|[+-]\d{2}:?\d{2}))?$"#
        guard let regex = try? NSRegularExpression(pattern: pattern),
              let m = regex.firstMatch(in: trimmed, range: NSRange(trimmed.startIndex..., in: trimmed)) else { return nil }
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
