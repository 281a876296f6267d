// WireCells: a result's columns and cells as the driver protocol's JSON format has them
// (driver-protocol.md §7.2, §7.3). Each column becomes a `rowtype` entry with the keys the
// clients index unconditionally (name, type, nullable, length, precision, scale); each cell a
// string or null whose form depends on the column's type: integers and decimals as written,
// BOOLEAN as "1"/"0" (the clients read anything else as false), DATE as days since 1970-01-01,
// TIME as seconds since midnight with nine fraction digits, timestamps as epoch seconds with nine
// fraction digits (TIMESTAMP_TZ followed by its offset in minutes plus 1440), BINARY as
// upper-case hex, VARIANT/OBJECT/ARRAY as their JSON text.

import Engine

package enum WireCells {
    /// A value the column's type cannot be written as (a bug, reported rather than sent wrong).
    package struct Unrepresentable: Error, CustomStringConvertible {
        var value: Value
        var type: SnowflakeType
        package var description: String { "a \(type.canonicalName) cell holds \(value), which cannot be sent" }
    }

    /// The `rowtype` entry of a column.
    package static func rowType(_ column: ResultColumn) -> WireJSON {
        let (length, precision, scale, byteLength) = sizes(column.type)
        return .object([
            ("name", .string(column.name)),
            ("database", .string("")), ("schema", .string("")), ("table", .string("")),
            ("type", .string(column.type.familyName)),
            ("nullable", .bool(column.nullable)),
            ("length", length.map { .int(Int64($0)) } ?? .null),
            ("precision", precision.map { .int(Int64($0)) } ?? .null),
            ("scale", scale.map { .int(Int64($0)) } ?? .null),
            ("byteLength", byteLength.map { .int(Int64($0)) } ?? .null),
            ("collation", .null),
        ])
    }

    /// length, precision, scale and byteLength as Snowflake reports them for a type.
    package static func sizes(_ type: SnowflakeType) -> (length: Int?, precision: Int?, scale: Int?, byteLength: Int?) {
        switch type {
        case .number(let p, let s): return (nil, p, s, nil)
        case .float, .boolean, .date: return (nil, nil, nil, nil)
        case .varchar(let n): return (n, nil, nil, min(n * 4, SnowflakeType.maxVarchar))
        case .binary(let n): return (n, nil, nil, n)
        case .time, .timestampNTZ, .timestampLTZ, .timestampTZ: return (nil, 0, 9, nil)
        case .variant, .object, .array: return (SnowflakeType.maxVarchar, nil, nil, SnowflakeType.maxVarchar)
        }
    }

    /// The rows as the JSON array `rowset` holds.
    package static func rowset(_ rows: [[Value]], columns: [ResultColumn]) throws -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "[")]
        out.reserveCapacity(rows.count * max(1, columns.count) * 8 + 2)
        let types = columns.map(\.type)
        for (r, row) in rows.enumerated() {
            if r > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "["))
            for (c, value) in row.enumerated() {
                if c > 0 { out.append(UInt8(ascii: ",")) }
                if let text = try cell(value, type: c < types.count ? types[c] : .string) {
                    WireJSON.writeString(text, to: &out)
                } else {
                    out.append(contentsOf: WireJSON.nullBytes)
                }
            }
            out.append(UInt8(ascii: "]"))
        }
        out.append(UInt8(ascii: "]"))
        return out
    }

    /// One cell's text; nil for SQL NULL.
    package static func cell(_ value: Value, type: SnowflakeType) throws -> String? {
        switch value {
        case .null: return nil
        case .boolean(let b): return b ? "1" : "0"
        case .integer(let i): return String(i)
        case .decimal(let s): return s
        case .double(let d):
            // A FIXED column holding a double (a number past 64 bits, which SQLite keeps as REAL): sent
            // as its digits only when they are exact, otherwise refused rather than rounded.
            if case .number(_, 0) = type {
                guard d.rounded() == d, abs(d) < 9_007_199_254_740_992 else { throw Unrepresentable(value: value, type: type) }
                return String(Int64(d))
            }
            return d.isNaN ? "NaN" : d.isInfinite ? (d < 0 ? "-inf" : "inf") : String(d)
        case .string(let s):
            // A string cast to BINARY is kept as its hex text: sent as the bytes it spells.
            guard case .binary = type else { return s }
            guard let bytes = WireBindings.bytes(hex: s) else { throw Unrepresentable(value: value, type: type) }
            return hex(bytes)
        case .variant(let json): return value.displayText(pretty: true) ?? json
        case .binary(let bytes): return hex(bytes)
        case .date(let text):
            guard let days = EpochTime.days(ofDate: text) else { throw Unrepresentable(value: value, type: type) }
            return String(days)
        case .time(let text):
            guard let nanos = EpochTime.nanos(ofTime: text) else { throw Unrepresentable(value: value, type: type) }
            return seconds(nanos / 1_000_000_000, fraction: nanos % 1_000_000_000)
        case .timestamp(let text):
            guard let instant = EpochTime.instant(ofTimestamp: text) else { throw Unrepresentable(value: value, type: type) }
            let epoch = seconds(instant.seconds, fraction: instant.nanos)
            guard case .timestampTZ = type else { return epoch }
            return epoch + " " + String((instant.offsetMinutes ?? 0) + 1440)
        }
    }

    /// `45296.123000000`: the decimal number `whole + fraction / 10^9` (`fraction` in 0 ..< 10^9)
    /// with nine fraction digits; `-0.500000000` for whole -1 and fraction 5 × 10^8.
    package static func seconds(_ whole: Int64, fraction: Int64) -> String {
        let negative = whole < 0 && fraction > 0
        let (integral, nanos) = negative ? (whole + 1, 1_000_000_000 - fraction) : (whole, fraction)
        let digits = String(nanos)
        let sign = negative && integral == 0 ? "-" : ""
        return sign + String(integral) + "." + String(repeating: "0", count: max(0, 9 - digits.count)) + digits
    }

    private static let upperHex = Array("0123456789ABCDEF".utf8)

    package static func hex(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(upperHex[Int(byte >> 4)])
            out.append(upperHex[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
