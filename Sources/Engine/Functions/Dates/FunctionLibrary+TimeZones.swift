// FunctionLibrary+TimeZones: CONVERT_TIMEZONE, the time zone arithmetic a scheduler does
// (`CONVERT_TIMEZONE('America/Los_Angeles', CURRENT_TIMESTAMP())`, or the UTC wall clock of a
// local one). Two forms, as Snowflake has them:
//   CONVERT_TIMEZONE(target_tz, timestamp)              the same instant, as a TIMESTAMP_TZ in
//       the target zone; a TIMESTAMP_TZ keeps its own offset as the source, any other timestamp
//       (or a string without an offset) is in the session's time zone, which is UTC in Snowlite;
//   CONVERT_TIMEZONE(source_tz, target_tz, timestamp_ntz)  a wall clock in the source zone as the
//       wall clock in the target zone, a TIMESTAMP_NTZ; a TIMESTAMP_LTZ or _TZ there is 001044.
// Zones are IANA names (`UTC`, `Europe/Warsaw`), resolved with daylight saving time at the
// instant; a name nobody knows is an error when the row is converted.
// https://docs.snowflake.com/en/sql-reference/functions/convert_timezone

import Foundation
import GRDB

extension FunctionLibrary {
    static func registerTimeZones(_ d: inout FunctionRegistry) {
        d.add(["CONVERT_TIMEZONE"], 2...3) { c in
            let zones = c.arguments.dropLast().map(text)
            var value = c.arguments[c.arguments.count - 1]
            let threeArguments = c.arguments.count == 3
            switch value.type {
            case .timestampNTZ: break
            case .timestampLTZ,
                .timestampTZ where !threeArguments:
                break
            case .varchar:
                // Read as TO_TIMESTAMP_TZ (or _NTZ) reads it, so a written offset is kept.
                let target = threeArguments ? "TIMESTAMP_NTZ" : "TIMESTAMP_TZ"
                value = TypedSQL.call(
                    "sf_to_temporal",
                    [
                        value, TypedSQL.bound(target.databaseValue, type: .string), TypedSQL("NULL", type: .string),
                        TypedSQL("NULL", type: .integer), TypedSQL("0", type: .boolean),
                    ],
                    type: threeArguments ? .timestampNTZ : .timestampTZ)
            default:
                if value.sql == "NULL" { break }
                throw SnowflakeError.invalidArgumentTypes(function: c.name, c.arguments.map(\.type.canonicalName))
            }
            let source = threeArguments ? zones[0] : TypedSQL("NULL", type: .string)
            return TypedSQL.call(
                "sf_convert_timezone", [source, zones[zones.count - 1], value],
                type: threeArguments ? .timestampNTZ : .timestampTZ)
        }
    }
}

/// The SQL function behind CONVERT_TIMEZONE, registered on each connection.
enum TimeZoneFunctions {
    static func install(in db: Database) {
        // sf_convert_timezone(source or NULL, target, timestamp)
        db.add(
            function: ScalarFunction("sf_convert_timezone", argumentCount: 3, pure: true) { v in
                guard let targetName = SQLFunctions.text(of: v[1]), let t = try DateFunctions.temporal(v[2]) else { return nil }
                let threeArguments = !v[0].isNull
                let target = try zone(targetName, parameter: threeArguments ? 2 : 1)
                let instant: CivilTime
                if threeArguments {
                    let source = try zone(SQLFunctions.text(of: v[0]) ?? "", parameter: 1)
                    var local = t
                    local.offset = nil
                    // The offset in force at that wall clock: guessed at the wall clock read as UTC,
                    // then taken again at the instant that guess gives.
                    let guess = local.addingNanos(-seconds(source, at: local) * 1_000_000_000)
                    instant = local.addingNanos(-seconds(source, at: guess) * 1_000_000_000)
                } else {
                    instant = DateFunctions.utc(t)
                }
                let offset = seconds(target, at: instant)
                var converted = instant.addingNanos(offset * 1_000_000_000)
                converted.offset = threeArguments ? nil : offsetText(offset)
                return converted.text(.timestamp)
            })
    }

    /// The zone an IANA name names (any case for UTC and GMT).
    static func zone(_ name: String, parameter: Int) throws -> TimeZone {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        if ["UTC", "GMT", "Z"].contains(trimmed.uppercased()) { return TimeZone(identifier: "UTC")! }
        guard let zone = TimeZone(identifier: trimmed) else {
            throw SnowflakeError.invalidFunctionArgument(
                name, function: "CONVERT_TIMEZONE", parameter: parameter,
                rule: "not a known time zone"
            ).encoded
        }
        return zone
    }

    /// The zone's offset from UTC, in seconds, at the instant `t` (a UTC wall clock).
    static func seconds(_ zone: TimeZone, at t: CivilTime) -> Int64 {
        Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(t.epochNanos) / 1_000_000_000)))
    }

    /// `+HHMM` for an offset in seconds.
    static func offsetText(_ seconds: Int64) -> String {
        let minutes = abs(seconds) / 60
        let digits = String(minutes / 60 * 100 + minutes % 60)
        return (seconds < 0 ? "-" : "+") + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
