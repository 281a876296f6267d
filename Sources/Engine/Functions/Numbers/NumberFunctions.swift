// NumberFunctions: the SQL functions behind FLOOR, CEIL, TRUNC, DIV0, DIV0NULL, SIGN, POWER, SQRT, EXP, LN, LOG,
// SQUARE, SIN, COS, TAN, ATAN, ATAN2, SINH, COSH, TANH, ASINH, DEGREES, RADIANS,
// TO_NUMBER with a format, precision and scale, and TO_CHAR of a number with a format
// (`999,999.00`, `000`, `$9.99`, `S999`, `999MI`, `FM…`). SQLite 3.40 as shipped has no math
// functions, so these run in Swift.
// https://docs.snowflake.com/en/sql-reference/sql-format-models#fixed-position-numeric-formats

import Foundation
import GRDB

enum NumberFunctions {
    static func install(in db: Database) {
        // sf_floor(x, scale), sf_ceil(x, scale), sf_trunc(x, scale): an integer at scale ≤ 0.
        for (name, rule) in [("sf_floor", FloatingPointRoundingRule.down), ("sf_ceil", .up), ("sf_trunc", .towardZero)] {
            db.add(function: ScalarFunction(name, argumentCount: 2, pure: true) { v in
                guard let scale = Int.fromDatabaseValue(v[1]) else { return nil }
                if case .int64(let i) = v[0].storage, scale >= 0 { return i }
                guard let x = Double.fromDatabaseValue(v[0]) else { return nil }
                return rounded(x, scale: scale, rule: rule)
            })
        }
        // sf_div0(a, b, nullIsZero): a / b, but 0 when b is 0 (or, for DIV0NULL, NULL), whatever a is.
        db.add(function: ScalarFunction("sf_div0", argumentCount: 3, pure: true) { v in
            let nullIsZero = Bool.fromDatabaseValue(v[2]) == true
            guard let b = Double.fromDatabaseValue(v[1]) else { return nullIsZero ? 0 : nil }
            if b == 0 { return 0 }
            guard let a = Double.fromDatabaseValue(v[0]) else { return nil }
            return a / b
        })
        db.add(function: ScalarFunction("sf_sign", argumentCount: 1, pure: true) { v in
            guard let x = Double.fromDatabaseValue(v[0]) else { return nil }
            return x > 0 ? 1 : (x < 0 ? -1 : 0)
        })
        db.add(function: ScalarFunction("sf_power", argumentCount: 2, pure: true) { v in
            guard let x = Double.fromDatabaseValue(v[0]), let y = Double.fromDatabaseValue(v[1]) else { return nil }
            return pow(x, y)
        })
        // sf_math(name, x): SQRT, EXP, LN, CBRT, SQUARE and the trigonometric functions defined for every x. Out-of-domain input (SQRT(-1), LN(0)) gives NaN,
        // which SQLite stores as NULL.
        db.add(function: ScalarFunction("sf_math", argumentCount: 2, pure: true) { v in
            guard let name = String.fromDatabaseValue(v[0]), let x = Double.fromDatabaseValue(v[1]) else { return nil }
            switch name {
            case "SQRT": return x.squareRoot()
            case "EXP": return exp(x)
            case "LN": return x > 0 ? log(x) : Double.nan
            case "CBRT": return cbrt(x)
            case "SQUARE": return x * x
            case "SIN": return sin(x)
            case "COS": return cos(x)
            case "TAN": return tan(x)
            case "ATAN": return atan(x)
            case "SINH": return sinh(x)
            case "COSH": return cosh(x)
            case "TANH": return tanh(x)
            case "ASINH": return asinh(x)
            case "DEGREES": return x * 180 / Double.pi
            case "RADIANS": return x * Double.pi / 180
            default: return nil
            }
        })
        db.add(function: ScalarFunction("sf_atan2", argumentCount: 2, pure: true) { v in
            guard let y = Double.fromDatabaseValue(v[0]), let x = Double.fromDatabaseValue(v[1]) else { return nil }
            return atan2(y, x)
        })
        db.add(function: ScalarFunction("sf_log", argumentCount: 2, pure: true) { v in
            guard let base = Double.fromDatabaseValue(v[0]), let x = Double.fromDatabaseValue(v[1]) else { return nil }
            return log10(x) / log10(base)
        })
        // sf_to_number(value, format, precision, scale, isTry)
        db.add(function: ScalarFunction("sf_to_number", argumentCount: 5, pure: true) { v in
            let isTry = Bool.fromDatabaseValue(v[4]) ?? false
            do {
                return try toNumber(v[0], format: String.fromDatabaseValue(v[1]),
                                    precision: Int.fromDatabaseValue(v[2]) ?? 38, scale: Int.fromDatabaseValue(v[3]) ?? 0)
            } catch where isTry {
                return nil
            }
        })
        // sf_format_number(value, format): TO_CHAR(number, format).
        db.add(function: ScalarFunction("sf_format_number", argumentCount: 2, pure: true) { v in
            guard let x = Double.fromDatabaseValue(v[0]), let format = String.fromDatabaseValue(v[1]) else { return nil }
            return NumberFormat.format(x, format)
        })
    }

    /// `x` rounded to `scale` decimals by `rule`; an integer when no decimals remain.
    static func rounded(_ x: Double, scale: Int, rule: FloatingPointRoundingRule) -> DatabaseValueConvertible {
        // Past ±400 digits a double has nothing left to round, and 10^scale is 0 or infinite.
        if scale > 400 { return x }
        if scale < -400 { return Int64(0) }
        if scale <= 0 {
            let factor = pow(10.0, -Double(scale))  // -scale would trap for Int.min
            let r = (x / factor).rounded(rule) * factor
            return Int64(exactly: r) ?? r
        }
        let factor = pow(10.0, Double(scale))
        // Rounding the scaled value first keeps 2.675 * 100 = 267.49999… from flooring to 267.
        let scaled = (x * factor * 1e6).rounded() / 1e6
        return scaled.rounded(rule) / factor
    }

    /// TO_NUMBER: the text read with the format (or as a plain number), rounded half away from
    /// zero to `scale`, and refused when it needs more than `precision` digits.
    static func toNumber(_ value: DatabaseValue, format: String?, precision: Int, scale: Int) throws -> DatabaseValueConvertible? {
        let number: Double
        let text = SQLFunctions.text(of: value) ?? ""
        switch value.storage {
        case .null: return nil
        case .int64(let i): number = Double(i)
        case .double(let d): number = d
        default:
            guard let parsed = format.map({ NumberFormat.parse(text, $0) }) ?? Double(text.trimmingCharacters(in: .whitespaces)) else {
                throw SnowflakeError.numericValueNotRecognized(text).encoded
            }
            number = parsed
        }
        let factor = pow(10.0, Double(scale))
        let scaled = (number * factor).rounded(.toNearestOrAwayFromZero)
        guard abs(scaled) < pow(10.0, Double(precision)) else {
            throw SnowflakeError.numericValueOutOfRange(text).encoded
        }
        if scale == 0, let i = Int64(exactly: scaled) { return i }
        return scaled / factor
    }
}

/// Snowflake's fixed-position numeric format models.
enum NumberFormat {
    /// TO_CHAR(x, format): `9` a digit or a blank, `0` a digit or a zero, `.`/`D` the point,
    /// `,`/`G` a group separator, `$` a dollar sign, `S` an explicit sign, `MI` a trailing minus,
    /// `FM` no padding. Without S or MI one position before the digits holds `-` or a blank.
    /// A number too wide for the format prints as `#`s.
    static func format(_ x: Double, _ rawFormat: String) -> String {
        var format = rawFormat.uppercased()
        let fill = format.hasPrefix("FM")
        if fill { format.removeFirst(2) }
        if !format.isEmpty, format.allSatisfy({ $0 == "X" }) { return hex(x, rawFormat, width: format.count, fill: fill) }
        let trailingMinus = format.hasSuffix("MI")
        if trailingMinus { format.removeLast(2) }
        let leadingSign = format.hasPrefix("S")
        let trailingSign = !leadingSign && format.hasSuffix("S")
        if leadingSign { format.removeFirst() } else if trailingSign { format.removeLast() }
        let dollar = format.contains("$")
        format = format.replacingOccurrences(of: "$", with: "").replacingOccurrences(of: "D", with: ".")
            .replacingOccurrences(of: "G", with: ",")
        let parts = format.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let integerPattern = Array(parts[0])
        let scale = parts.count > 1 ? parts[1].filter { $0 == "9" || $0 == "0" }.count : 0
        let digits = String(format: "%.\(scale)f", abs(x))
        let split = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        var integerDigits = Array(split[0])
        if integerDigits == ["0"] && integerPattern.contains("9") && !integerPattern.contains("0") && scale > 0 { integerDigits = [] }
        let slots = integerPattern.filter { $0 == "9" || $0 == "0" }.count
        let explicitSign = leadingSign || trailingSign || trailingMinus
        let width = rawFormat.count - (fill ? 2 : 0) - (trailingMinus ? 1 : 0) + (explicitSign ? 0 : 1)
        if integerDigits.count > slots { return String(repeating: "#", count: max(width, 1)) }
        // Fill the integer pattern from the right.
        var out: [Character] = []
        var remaining = integerDigits
        let firstZero = integerPattern.firstIndex(of: "0") ?? integerPattern.count
        for (i, ch) in integerPattern.enumerated().reversed() {
            switch ch {
            case "9", "0":
                if let digit = remaining.popLast() { out.append(digit) }
                else { out.append(i >= firstZero ? "0" : " ") }
            case ",":
                out.append(!remaining.isEmpty || firstZero < i ? "," : " ")
            default:
                out.append(ch)
            }
        }
        var integer = String(out.reversed())
        let negative = x < 0
        let signText: String
        if leadingSign || trailingSign { signText = negative ? "-" : "+" } else { signText = negative ? "-" : " " }
        let padding = integer.prefix { $0 == " " }
        integer.removeFirst(padding.count)
        var body = (dollar ? "$" : "") + integer
        if scale > 0 { body += "." + (split.count > 1 ? String(split[1]) : "") }
        var result: String
        if trailingMinus {
            result = String(padding) + body + (negative ? "-" : " ")
        } else if trailingSign {
            result = String(padding) + body + signText
        } else {
            result = String(padding) + signText + body
        }
        if fill { result = result.trimmingCharacters(in: .whitespaces) }
        return result
    }

    /// `XX…`: a non-negative integer in hexadecimal (upper case for `X`, lower for `x`), right
    /// aligned in the format's width; `#`s when it does not fit.
    static func hex(_ x: Double, _ rawFormat: String, width: Int, fill: Bool) -> String {
        guard x >= 0, let n = UInt64(exactly: x.rounded()) else { return String(repeating: "#", count: width) }
        var digits = String(n, radix: 16)
        digits = rawFormat.contains("X") ? digits.uppercased() : digits
        guard digits.count <= width else { return String(repeating: "#", count: width) }
        return fill ? digits : String(repeating: " ", count: width - digits.count) + digits
    }

    /// TO_NUMBER(text, format): the digits, point and sign of the text; group separators, `$`
    /// and blanks are skipped. A format of X digits reads hexadecimal.
    static func parse(_ text: String, _ format: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if !format.isEmpty, format.uppercased().allSatisfy({ $0 == "X" || $0 == "0" }) {
            return UInt64(trimmed, radix: 16).map { Double($0) }
        }
        var cleaned = trimmed.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "$", with: "")
            .replacingOccurrences(of: " ", with: "")
        if cleaned.hasSuffix("-") { cleaned = "-" + cleaned.dropLast() }
        if cleaned.hasSuffix("+") { cleaned = String(cleaned.dropLast()) }
        if cleaned.hasPrefix("+") { cleaned.removeFirst() }
        guard !cleaned.isEmpty, cleaned.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" }) else { return nil }
        return Double(cleaned)
    }
}
