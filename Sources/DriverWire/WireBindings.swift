// WireBindings: the values a driver binds to `?` / `:n` placeholders (driver-protocol.md §6), as
// typed session values the engine binds by number. Each binding is `{"type": T, "value": V}`; V
// is a string (or null) in the driver's units — DATE in milliseconds since 1970-01-01, TIME and
// timestamps in nanoseconds, BINARY in hex — or, for `executemany`, a list of them, one per row.

import Engine
import Foundation

package enum WireBindings {
    /// What a request's `bindings` object holds: one set of values, or one per row.
    package enum Bound: Sendable, Equatable {
        case single([String: SessionVariable])
        case rows([[String: SessionVariable]])
    }

    package static func decode(_ bindings: [String: Any]) throws -> Bound {
        var single: [String: SessionVariable] = [:]
        var columns: [String: [SessionVariable]] = [:]
        for (name, entry) in bindings {
            guard let entry = entry as? [String: Any], let type = entry["type"] as? String else {
                throw SnowflakeError.invalidBinding(name, type: "?", value: "\(entry)")
            }
            if let list = entry["value"] as? [Any] {
                columns[name] = try list.map { try variable($0 as? String, type: type, position: name) }
            } else {
                single[name] = try variable(entry["value"] as? String, type: type, position: name)
            }
        }
        guard !columns.isEmpty else { return .single(single) }
        let count = columns.values.first?.count ?? 0
        guard single.isEmpty, columns.values.allSatisfy({ $0.count == count }) else {
            throw SnowflakeError.unsupported("array bindings of different lengths")
        }
        return .rows((0..<count).map { row in columns.mapValues { $0[row] } })
    }

    package static let epoch = Date(timeIntervalSince1970: 0)

    /// One bound value of the driver type `type` (FIXED, REAL, TEXT, BOOLEAN, DATE, TIME,
    /// TIMESTAMP_NTZ/LTZ/TZ, BINARY, ANY).
    package static func variable(_ text: String?, type: String, position: String) throws -> SessionVariable {
        func make(_ value: Value, _ type: SnowflakeType) -> SessionVariable {
            SessionVariable(value: value, type: type, createdOn: epoch, updatedOn: epoch)
        }
        func invalid() -> SnowflakeError { SnowflakeError.invalidBinding(position, type: type, value: text ?? "NULL") }
        let upper = type.uppercased()
        guard let text else {
            return make(.null, upper == "ANY" ? .string : try snowflakeType(upper, position: position))
        }
        switch upper {
        case "FIXED":
            if let i = Int64(text) { return make(.integer(i), .integer) }
            guard let scale = decimalScale(text) else { throw invalid() }
            return make(.decimal(text), .number(precision: 38, scale: scale))
        case "REAL":
            guard let d = Double(text) else { throw invalid() }
            return make(.double(d), .float)
        case "TEXT", "ANY":
            return make(.string(text), .string)
        case "BOOLEAN":
            switch text.lowercased() {
            case "true", "1": return make(.boolean(true), .boolean)
            case "false", "0": return make(.boolean(false), .boolean)
            default: throw invalid()
            }
        case "DATE":
            guard let millis = Int64(text) else { throw invalid() }
            let day: Int64 = 86_400_000
            let days = millis >= 0 ? millis / day : (millis - day + 1) / day
            guard let date = EpochTime.dateText(days: Int(days)) else { throw invalid() }
            return make(.date(date), .date)
        case "TIME":
            // Snowlite's TIME holds whole seconds: a fraction is refused, never dropped.
            guard let nanos = Int64(text), let time = EpochTime.timeText(nanos: nanos) else { throw invalid() }
            guard nanos % 1_000_000_000 == 0 else { throw SnowflakeError.timeFractionNotKept(position) }
            return make(.time(time), .time)
        case "TIMESTAMP_NTZ", "TIMESTAMP_LTZ", "TIMESTAMP_TZ":
            // Snowlite keeps a timestamp as its wall-clock text (the session's time zone is UTC):
            // NTZ and LTZ values as UTC, a TZ value as the clock at its offset.
            let parts = text.split(separator: " ")
            guard let nanos = parts.first.flatMap({ Int64($0) }) else { throw invalid() }
            var offset = 0
            if upper == "TIMESTAMP_TZ", parts.count == 2 {
                guard let encoded = Int(parts[1]), (0...2880).contains(encoded) else { throw invalid() }
                offset = encoded - 1440
            } else if parts.count != 1 {
                throw invalid()
            }
            let wall = nanos.addingReportingOverflow(Int64(offset) * 60_000_000_000)
            guard !wall.overflow, let stamp = EpochTime.timestampText(epochNanos: wall.partialValue, offsetMinutes: nil) else {
                throw invalid()
            }
            return make(.timestamp(stamp), try snowflakeType(upper, position: position))
        case "BINARY":
            guard let bytes = bytes(hex: text) else { throw invalid() }
            return make(.binary(bytes), .binary(length: 8_388_608))
        default:
            throw SnowflakeError.invalidBinding(position, type: type, value: text)
        }
    }

    package static func snowflakeType(_ driverType: String, position: String) throws -> SnowflakeType {
        switch driverType {
        case "FIXED": return .integer
        case "REAL": return .float
        case "TEXT": return .string
        case "BOOLEAN": return .boolean
        case "DATE": return .date
        case "TIME": return .time
        case "TIMESTAMP_NTZ": return .timestampNTZ
        case "TIMESTAMP_LTZ": return .timestampLTZ
        case "TIMESTAMP_TZ": return .timestampTZ
        case "BINARY": return .binary(length: 8_388_608)
        default: throw SnowflakeError.invalidBinding(position, type: driverType, value: "NULL")
        }
    }

    /// The scale of a plain decimal like `-12.340` (digits after the point); nil if it is not one.
    package static func decimalScale(_ text: String) -> Int? {
        var body = Substring(text)
        if body.first == "-" || body.first == "+" { body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              !(parts[0].isEmpty && (parts.count == 1 || parts[1].isEmpty)) else { return nil }
        let scale = parts.count == 2 ? parts[1].count : 0
        return parts[0].count + scale <= 38 ? scale : nil
    }

    package static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(digits.count / 2)
        var i = 0
        while i < digits.count {
            guard let high = nibble(digits[i]), let low = nibble(digits[i + 1]) else { return nil }
            out.append(high << 4 | low)
            i += 2
        }
        return out
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: return c - 48
        case 65...70: return c - 55
        case 97...102: return c - 87
        default: return nil
        }
    }
}

extension Character {
    package var isASCIIDigit: Bool { isASCII && isNumber }
}
