// FunctionLibrary+DateParts: dates and times built from their parts, and the weekday steps a
// scheduler takes — DATE_FROM_PARTS(year, month, day), TIME_FROM_PARTS(hour, minute, second
// [, nanosecond]), TIMESTAMP_FROM_PARTS / TIMESTAMP_NTZ_FROM_PARTS(year, month, day, hour, minute,
// second [, nanosecond]) or (date, time), NEXT_DAY and PREVIOUS_DAY(date, 'weekday').
// Parts past their range carry over as Snowflake's do: month 0 is December of the year before,
// day 0 the last day of the month before, hour 25 one o'clock the next day, negative parts count
// back. A part that is NULL gives NULL. The time-zone argument of TIMESTAMP_FROM_PARTS, and the
// LTZ and TZ forms, are not built: refused, or unknown functions.
// https://docs.snowflake.com/en/sql-reference/functions/date_from_parts
// https://docs.snowflake.com/en/sql-reference/functions/timestamp_from_parts
// https://docs.snowflake.com/en/sql-reference/functions/next_day

import Foundation
import GRDB

extension FunctionLibrary {
    static func registerDateParts(_ d: inout FunctionRegistry) {
        d.add(["DATE_FROM_PARTS", "DATEFROMPARTS"], 3...3) { c in
            TypedSQL.call("sf_from_parts", [kind(.date)] + (try c.arguments.map { try part($0, c) }), type: .date)
        }
        d.add(["TIME_FROM_PARTS", "TIMEFROMPARTS"], 3...4) { c in
            TypedSQL.call("sf_from_parts", [kind(.time)] + (try c.arguments.map { try part($0, c) }), type: .time)
        }
        d.add(["TIMESTAMP_FROM_PARTS", "TIMESTAMP_NTZ_FROM_PARTS", "TIMESTAMPFROMPARTS", "TIMESTAMPNTZFROMPARTS"], 2...8) { c in
            if c.arguments.count == 2 {
                guard c.first.type == .date || c.first.sql == "NULL", c.arguments[1].type == .time || c.arguments[1].sql == "NULL" else {
                    throw SnowflakeError.invalidArgumentTypes(function: c.name, c.arguments.map(\.type.canonicalName))
                }
                return TypedSQL.call("sf_date_and_time", [c.first, c.arguments[1]], type: .timestampNTZ)
            }
            guard (6...7).contains(c.arguments.count) else {
                if c.arguments.count == 8 { throw SnowflakeError.unsupported("\(c.name) with a time zone") }
                throw SnowflakeError.invalidArgumentCount(function: c.name, given: c.arguments.count)
            }
            return TypedSQL.call("sf_from_parts", [kind(.timestampNTZ)] + (try c.arguments.map { try part($0, c) }), type: .timestampNTZ)
        }
        for (name, forward) in [("NEXT_DAY", true), ("PREVIOUS_DAY", false)] {
            d.add([name], 2...2) { c in
                let value = try temporalArgument(c.first, part: .day, function: c.name)
                guard value.type != .time else {
                    throw SnowflakeError.invalidArgumentTypes(function: c.name, c.arguments.map(\.type.canonicalName))
                }
                return TypedSQL.call("sf_next_day", [value, text(c.arguments[1]), TypedSQL(forward ? "1" : "0", type: .boolean)], type: .date)
            }
        }
    }

    /// A numeric part (a string is read as a number); anything else is 001044.
    private static func part(_ value: TypedSQL, _ c: FunctionContext) throws -> TypedSQL {
        if value.type.isNumeric || value.type.isString || value.sql == "NULL" { return Cast.convert(value, to: .integer) }
        throw SnowflakeError.invalidArgumentTypes(function: c.name, c.arguments.map(\.type.canonicalName))
    }
}

/// The SQL functions behind the parts functions, registered on each connection.
enum DatePartFunctions {
    static func install(in db: Database) {
        // sf_from_parts(kind, part…): DATE (y, m, d), TIME (h, mi, s [, ns]) or TIMESTAMP_NTZ
        // (y, m, d, h, mi, s [, ns]), parts carried over.
        db.add(
            function: ScalarFunction("sf_from_parts", argumentCount: nil, pure: true) { v in
                let kind = TemporalKind(rawValue: String.fromDatabaseValue(v[0]) ?? "") ?? .timestamp
                var parts: [Int64] = []
                for value in v.dropFirst() {
                    guard let n = Int64.fromDatabaseValue(value) else { return nil }
                    parts.append(n)
                }
                let function = kind == .date ? "DATE_FROM_PARTS" : kind == .time ? "TIME_FROM_PARTS" : "TIMESTAMP_FROM_PARTS"
                let outOfRange = SnowflakeError.invalidFunctionArgument(
                    parts.map(String.init).joined(separator: ", "), function: function,
                    parameter: 1, rule: "the parts give a value out of range"
                ).encoded
                var t = CivilTime(days: 0)
                if kind != .time {
                    guard let date = try? date(year: parts[0], month: parts[1], day: parts[2]) else { throw outOfRange }
                    t.days = date
                }
                let clock = kind == .time ? Array(parts) : Array(parts.dropFirst(3))
                if !clock.isEmpty {
                    let nanos = [3_600_000_000_000, 60_000_000_000, 1_000_000_000, 1].enumerated().reduce(Int128(0)) { sum, unit in
                        unit.offset < clock.count ? sum + Int128(clock[unit.offset]) * Int128(unit.element) : sum
                    }
                    let days = nanos / Int128(CivilTime.nanosPerDay)
                    guard let whole = Int(exactly: days), let rest = Int64(exactly: nanos - days * Int128(CivilTime.nanosPerDay)) else {
                        throw outOfRange
                    }
                    t = t.addingNanos(rest)
                    t.days += whole
                }
                if kind == .time { t.days = 0 }
                guard CivilTime.dayRange.contains(t.days) else { throw outOfRange }
                return t.text(kind)
            })
        // sf_date_and_time(date, time): the date at that time of day.
        db.add(
            function: ScalarFunction("sf_date_and_time", argumentCount: 2, pure: true) { v in
                guard let date = try DateFunctions.temporal(v[0]), let time = try DateFunctions.temporal(v[1]) else { return nil }
                return CivilTime(days: date.days, nanos: time.nanos).text(.timestamp)
            })
        // sf_next_day(date, weekday, forward): the first such weekday strictly after (or before) the date.
        db.add(
            function: ScalarFunction("sf_next_day", argumentCount: 3, pure: true) { v in
                guard let t = try DateFunctions.temporal(v[0]), let name = SQLFunctions.text(of: v[1]) else { return nil }
                guard let wanted = weekday(name) else {
                    throw SnowflakeError.invalidFunctionArgument(
                        name, function: Bool.fromDatabaseValue(v[2]) == true ? "NEXT_DAY" : "PREVIOUS_DAY",
                        parameter: 2, rule: "not a day of the week"
                    ).encoded
                }
                let forward = Bool.fromDatabaseValue(v[2]) == true
                let step = forward ? (wanted - t.weekday + 6) % 7 + 1 : (t.weekday - wanted + 6) % 7 + 1
                return CivilTime(days: t.days + (forward ? step : -step)).text(.date)
            })
    }

    /// A date past the years a stored date can hold.
    struct OutOfRange: Error {}

    /// The day number of a carried-over year, month and day.
    static func date(year: Int64, month: Int64, day: Int64) throws -> Int {
        let months = year.multipliedReportingOverflow(by: 12)
        guard !months.overflow else { throw OutOfRange() }
        let total = months.partialValue.addingReportingOverflow(month - 1)
        guard !total.overflow else { throw OutOfRange() }
        let y = total.partialValue >= 0 ? total.partialValue / 12 : (total.partialValue - 11) / 12
        let m = total.partialValue - y * 12 + 1
        guard let year = Int(exactly: y), (-1_000_000...1_000_000).contains(year), let days = Int(exactly: day - 1),
            abs(days) <= CivilTime.dayRange.count
        else { throw OutOfRange() }
        let result = CivilTime.days(year: year, month: Int(m), day: 1) + days
        guard CivilTime.dayRange.contains(result) else { throw OutOfRange() }
        return result
    }

    /// Sunday = 0 … Saturday = 6 from a name or its start (at least two letters: `mo`, `Tue`, `friday`).
    static func weekday(_ name: String) -> Int? {
        let word = name.trimmingCharacters(in: .whitespaces).lowercased()
        guard word.count >= 2 else { return nil }
        let names = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]
        return names.firstIndex { $0.hasPrefix(word) }
    }
}
