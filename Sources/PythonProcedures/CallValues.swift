// CallValues: values between SQL and a Python worker. Arguments go as JSON, with the types JSON
// lacks tagged (`{"$type": "decimal", "$value": "1.50"}`: decimal, date, time, timestamp, binary,
// variant), which the worker turns into Decimal, date, datetime, bytes and parsed JSON, as
// Snowflake's SQL-Python type mapping does. A result comes back the same way and becomes the
// procedure's value, which CALL then casts to the declared RETURNS type.
// https://docs.snowflake.com/en/developer-guide/udf-stored-procedure-data-type-mapping

import Engine
import Foundation

enum CallValues {
    /// An argument as the worker reads it.
    static func argument(_ value: Value) -> Any {
        switch value {
        case .null: return NSNull()
        case .integer(let n): return NSNumber(value: n)
        case .double(let d): return d.isFinite ? NSNumber(value: d) : tagged("float", String(d))
        case .decimal(let text): return tagged("decimal", text)
        case .string(let text): return text
        case .boolean(let flag): return NSNumber(value: flag)
        case .variant(let json): return tagged("variant", json)
        case .date(let text): return tagged("date", text)
        case .time(let text): return tagged("time", text)
        case .timestamp(let text): return tagged("timestamp", text)
        case .binary(let bytes): return tagged("binary", Data(bytes).base64EncodedString())
        }
    }

    /// Whether JSONSerialization read `true`/`false` (an NSNumber of a C `char`), not a number.
    static func isBoolean(_ number: NSNumber) -> Bool { String(cString: number.objCType) == "c" }

    /// Whether JSONSerialization read a number with a fraction or an exponent (a C `double`).
    static func isFloating(_ number: NSNumber) -> Bool { ["d", "f"].contains(String(cString: number.objCType)) }

    private static func tagged(_ type: String, _ value: String) -> [String: String] { ["$type": type, "$value": value] }

    /// A result the worker sent, with the type it has before CALL casts it to RETURNS.
    static func result(_ json: Any?) throws -> (Value, SnowflakeType) {
        switch json {
        case nil, is NSNull: return (.null, .string)
        case let text as String: return (.string(text), .string)
        case let number as NSNumber:
            if CallValues.isBoolean(number) { return (.boolean(number.boolValue), .boolean) }
            if !isFloating(number), let whole = Int64(exactly: number) { return (.integer(whole), .integer) }
            return (.double(number.doubleValue), .float)
        case let object as [String: Any]:
            guard let type = object["$type"] as? String, let text = object["$value"] as? String else {
                throw WorkerFailure("its result is not a value it can return")
            }
            switch type {
            case "decimal":
                let scale = text.split(separator: ".").dropFirst().first?.count ?? 0
                return (.decimal(text), .number(precision: 38, scale: scale))
            case "date": return (.date(text), .date)
            case "time": return (.time(text), .time)
            case "timestamp": return (.timestamp(text), .timestampNTZ)
            case "binary": return (.binary([UInt8](Data(base64Encoded: text) ?? Data())), .binary(length: 8_388_608))
            case "variant": return (Value.variant(fromJSON: text), .variant)
            default: throw WorkerFailure("its result has an unknown type '\(type)'")
            }
        default:
            throw WorkerFailure("its result is not a value it can return")
        }
    }
}
