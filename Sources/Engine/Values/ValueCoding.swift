// ValueCoding: between SQLite's stored values and Snowflake-typed Values. A result column's
// Snowflake type decides how a stored value reads back: NUMBER with a scale prints its digits,
// BOOLEAN stored as 0/1 prints True/False, VARIANT stays JSON text.

import Foundation
import GRDB

enum ValueCoding {
    /// A stored SQLite value, read as a value of `type`.
    static func value(_ stored: DatabaseValue, as type: SnowflakeType) -> Value {
        switch stored.storage {
        case .null: return .null
        case .int64(let i):
            switch type {
            case .number(_, 0): return .integer(i)
            case .number(_, let s): return .decimal(formatDecimal(Double(i), scale: s))
            case .float: return .double(Double(i))
            case .boolean: return .boolean(i != 0)
            case .variant, .object, .array: return .variant(String(i))
            default: return .string(String(i))
            }
        case .double(let d):
            switch type {
            case .number(_, 0):
                if let i = Int64(exactly: d.rounded()) { return .integer(i) }
                return .double(d)
            case .number(_, let s): return .decimal(formatDecimal(d, scale: s))
            case .boolean: return .boolean(d != 0)
            case .variant, .object, .array: return .variant(Value.render(double: d))
            case .varchar: return .string(Value.render(double: d))
            default: return .double(d)
            }
        case .string(let s):
            switch type {
            case .variant, .object, .array: return .variant(s)
            case .date: return .date(s)
            case .time: return .time(s)
            case .timestampNTZ, .timestampLTZ, .timestampTZ: return .timestamp(s)
            case .boolean: return .boolean(["TRUE", "1", "YES", "ON"].contains(s.uppercased()))
            case .number(_, 0): return Int64(s).map(Value.integer) ?? .string(s)
            case .number(_, let scale): return Double(s).map { .decimal(formatDecimal($0, scale: scale)) } ?? .string(s)
            case .float: return Double(s).map(Value.double) ?? .string(s)
            // BINARY kept as its hex text (a RESULT_SCAN cell, a row written before BINARY was a blob).
            case .binary: return BinaryFormat.hexBytes(s).map(Value.binary) ?? .string(s)
            default: return .string(s)
            }
        case .blob(let data): return .binary([UInt8](data))
        }
    }

    /// A Value as SQLite stores it (for binding session variables and literals).
    static func databaseValue(_ value: Value) -> DatabaseValue {
        switch value {
        case .null: return .null
        case .integer(let i): return i.databaseValue
        case .decimal(let s): return (Double(s) ?? 0).databaseValue
        case .double(let d): return d.databaseValue
        case .string(let s), .variant(let s), .date(let s), .time(let s), .timestamp(let s): return s.databaseValue
        case .boolean(let b): return (b ? 1 : 0).databaseValue
        case .binary(let bytes): return Data(bytes).databaseValue
        }
    }

    /// `1.5` at scale 2 → `1.50`.
    static func formatDecimal(_ d: Double, scale: Int) -> String {
        String(format: "%.\(scale)f", d)
    }
}
