// Value: one cell of a result, typed as Snowflake types it, with the text snowsql prints for it.
// Numbers keep exact text where the type has a scale; VARIANT/OBJECT/ARRAY keep compact JSON and
// pretty-print with sorted keys (spec §9); BOOLEAN prints True/False as snowsql (Python) does [?].

import Foundation

public enum Value: Sendable, Hashable {
    case null
    /// NUMBER with scale 0.
    case integer(Int64)
    /// NUMBER with a scale: the exact decimal text, e.g. `1.50`.
    case decimal(String)
    /// FLOAT.
    case double(Double)
    case string(String)
    case boolean(Bool)
    /// VARIANT, OBJECT or ARRAY: compact JSON text.
    case variant(String)
    /// DATE `YYYY-MM-DD`, TIME `HH:MI:SS`, timestamps `YYYY-MM-DD HH:MI:SS.FFF` (already rendered).
    case date(String)
    case time(String)
    case timestamp(String)
    case binary([UInt8])

    public var isNull: Bool { if case .null = self { return true } else { return false } }

    /// The text snowsql shows in a table cell; nil for SQL NULL (formatters print `NULL`).
    /// VARIANT values are pretty-printed (two-space indent, sorted keys) when `pretty` is set.
    public func displayText(pretty: Bool = true) -> String? {
        switch self {
        case .null: return nil
        case .integer(let i): return String(i)
        case .decimal(let s): return s
        case .double(let d): return Value.render(double: d)
        case .string(let s): return s
        case .boolean(let b): return b ? "True" : "False"
        case .variant(let json): return pretty ? JSONText.pretty(json) : json
        case .date(let s), .time(let s), .timestamp(let s): return s
        case .binary(let bytes): return bytes.map { String(format: "%02X", $0) }.joined()
        }
    }

    /// Floats print like Python's repr: `1.5`, `2.0` shown as `2`, `inf` as `inf`.
    static func render(double d: Double) -> String {
        if d.isNaN { return "nan" }
        if d.isInfinite { return d < 0 ? "-inf" : "inf" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return String(d)
    }
}

extension Value {
    /// A VARIANT of JSON text, kept as every VARIANT is (compact, keys sorted); text that is not
    /// JSON becomes a VARIANT string.
    public static func variant(fromJSON text: String) -> Value {
        .variant(JSONCanonical.canonical(text) ?? JSONText.quote(text))
    }
}
