// DateFunctions: the SQL functions behind DATEADD, DATEDIFF, DATE_TRUNC, DATE_PART/EXTRACT,
// LAST_DAY, ADD_MONTHS, DAYNAME/MONTHNAME, TO_DATE/TO_TIMESTAMP_* and TO_CHAR of a date,
// registered on each connection. Values arrive as their stored text (DatePart.swift reads it);
// the part arrives as the canonical name the translator bound (`day`, `month`…).
// https://docs.snowflake.com/en/sql-reference/functions-date-time

import Foundation
import GRDB

enum DateFunctions {
    static func install(in db: Database) {
        // sf_dateadd(part, amount, value, resultKind)
        db.add(function: ScalarFunction("sf_dateadd", argumentCount: 4, pure: true) { v in
            guard let part = part(v[0]), let amount = try amount(v[1]), let t = try temporal(v[2]) else { return nil }
            let kind = TemporalKind(rawValue: String.fromDatabaseValue(v[3]) ?? "") ?? .timestamp
            return try add(part, amount, to: t, kind: kind).text(kind)
        })
        // sf_datediff(part, from, to): how many part boundaries lie between the two.
        db.add(function: ScalarFunction("sf_datediff", argumentCount: 3, pure: true) { v in
            guard let part = part(v[0]), let a = try temporal(v[1]), let b = try temporal(v[2]) else { return nil }
            return try difference(part, from: a, to: b)
        })
        // sf_date_trunc(part, value, kind)
        db.add(function: ScalarFunction("sf_date_trunc", argumentCount: 3, pure: true) { v in
            guard let part = part(v[0]), let t = try temporal(v[1]) else { return nil }
            let kind = TemporalKind(rawValue: String.fromDatabaseValue(v[2]) ?? "") ?? .timestamp
            return truncate(t, to: part).text(kind)
        })
        db.add(function: ScalarFunction("sf_date_part", argumentCount: 2, pure: true) { v in
            guard let part = part(v[0]), let t = try temporal(v[1]) else { return nil }
            return extract(part, from: t)
        })
        // sf_last_day(value, part): the last day of the value's month, quarter, year or week.
        db.add(function: ScalarFunction("sf_last_day", argumentCount: 2, pure: true) { v in
            guard let part = part(v[1]), let t = try temporal(v[0]) else { return nil }
            let start = truncate(t, to: part)
            let next = part == .week ? try add(.day, 7, to: start, kind: .date) : try add(part, 1, to: start, kind: .date)
            return CivilTime(days: next.days - 1).text(.date)
        })
        // sf_add_months(value, n, kind): the last day of a month stays the last day.
        db.add(function: ScalarFunction("sf_add_months", argumentCount: 3, pure: true) { v in
            guard let t = try temporal(v[0]), let n = try amount(v[1]) else { return nil }
            let kind = TemporalKind(rawValue: String.fromDatabaseValue(v[2]) ?? "") ?? .date
            var result = try add(.month, n, to: t, kind: kind, function: "ADD_MONTHS")
            let (y, m, d) = t.date
            if d == CivilTime.daysInMonth(year: y, month: m) {
                let (ry, rm, _) = result.date
                result.days = CivilTime.days(year: ry, month: rm, day: CivilTime.daysInMonth(year: ry, month: rm))
            }
            return result.text(kind)
        })
        db.add(function: ScalarFunction("sf_dayname", argumentCount: 1, pure: true) { v in
            try temporal(v[0]).map { DateFormat.dayNames[$0.weekday] }
        })
        db.add(function: ScalarFunction("sf_monthname", argumentCount: 1, pure: true) { v in
            try temporal(v[0]).map { String(DateFormat.monthNames[$0.date.month - 1].prefix(3)) }
        })
        // sf_to_temporal(value, target, format, scale, isTry): TO_DATE, TO_TIMESTAMP_*, TRY_ forms.
        db.add(function: ScalarFunction("sf_to_temporal", argumentCount: 5, pure: true) { v in
            let isTry = Bool.fromDatabaseValue(v[4]) ?? false
            do {
                return try toTemporal(v[0], target: String.fromDatabaseValue(v[1]) ?? "", format: String.fromDatabaseValue(v[2]),
                                      scale: Int.fromDatabaseValue(v[3]))
            } catch where isTry {
                return nil
            }
        })
        // sf_format_temporal(value, format): TO_CHAR(date_or_timestamp, format).
        db.add(function: ScalarFunction("sf_format_temporal", argumentCount: 2, pure: true) { v in
            guard let t = try temporal(v[0]), let format = String.fromDatabaseValue(v[1]) else { return nil }
            return DateFormat.format(t, format)
        })
    }

    static func part(_ value: DatabaseValue) -> DatePart? {
        String.fromDatabaseValue(value).flatMap(DatePart.init(rawValue:))
    }

    /// A stored date, time or timestamp; a value that is none of them is a conversion error.
    static func temporal(_ value: DatabaseValue) throws -> CivilTime? {
        guard let text = SQLFunctions.text(of: value) else { return nil }
        guard let t = CivilTime.parse(text) else { throw SnowflakeError.timestampNotRecognized(text).encoded }
        return t
    }

    // MARK: - Arithmetic

    static let nanos: [DatePart: Int64] = [
        .hour: 3_600_000_000_000, .minute: 60_000_000_000, .second: 1_000_000_000,
        .millisecond: 1_000_000, .microsecond: 1_000, .nanosecond: 1,
    ]

    /// DATEADD's amount: an integer, or a number rounded half away from zero; one that no 64-bit
    /// integer holds is out of range rather than a trap.
    static func amount(_ value: DatabaseValue) throws -> Int64? {
        if case .int64(let n) = value.storage { return n }
        guard let d = Double.fromDatabaseValue(value) else { return nil }
        guard let n = Int64(exactly: d.rounded(.toNearestOrAwayFromZero)) else {
            throw SnowflakeError.numericValueOutOfRange(SQLFunctions.text(of: value) ?? "").encoded
        }
        return n
    }

    /// `t` plus `n` parts. Every step is checked, so an amount whose result lies outside the years
    /// a stored date can hold (CivilTime.dayRange) is an error instead of a trap or a wrapped date.
    static func add(_ part: DatePart, _ n: Int64, to t: CivilTime, kind: TemporalKind, function: String = "DATEADD") throws -> CivilTime {
        let outOfRange = SnowflakeError.dateArithmeticOutOfRange(function: function, amount: n, part: part.rawValue).encoded
        var r = t
        switch part {
        case .year, .quarter, .month:
            let months = part == .year ? n.multipliedReportingOverflow(by: 12) : part == .quarter ? n.multipliedReportingOverflow(by: 3) : (partialValue: n, overflow: false)
            // More months than the whole range holds is out of range before any arithmetic.
            guard !months.overflow, months.partialValue.magnitude <= UInt64(CivilTime.dayRange.count / 28) else { throw outOfRange }
            r = t.addingMonths(Int(months.partialValue))
        case .week, .day:
            let days = part == .week ? n.multipliedReportingOverflow(by: 7) : (partialValue: n, overflow: false)
            let sum = Int64(t.days).addingReportingOverflow(days.partialValue)
            guard !days.overflow, !sum.overflow else { throw outOfRange }
            r.days = Int(sum.partialValue)
        default:
            let product = n.multipliedReportingOverflow(by: nanos[part] ?? 1)
            guard !product.overflow else { throw outOfRange }
            r = t.addingNanos(product.partialValue)
            if kind == .time { r.days = 0 }
        }
        guard CivilTime.dayRange.contains(r.days) else { throw outOfRange }
        return r
    }

    /// DATEDIFF counts boundaries crossed: from Dec 31 to Jan 1 is one year. Sub-day parts are
    /// counted in 128 bits: nanoseconds between year 1 and 9999 do not fit a 64-bit result, which is
    /// then out of range.
    static func difference(_ part: DatePart, from a: CivilTime, to b: CivilTime) throws -> Int64 {
        switch part {
        case .year: return Int64(b.date.year - a.date.year)
        case .quarter:
            return Int64((b.date.year * 4 + (b.date.month - 1) / 3) - (a.date.year * 4 + (a.date.month - 1) / 3))
        case .month: return Int64(b.monthIndex - a.monthIndex)
        case .week: return Int64((truncate(b, to: .week).days - truncate(a, to: .week).days) / 7)
        case .day: return Int64(b.days - a.days)
        default:
            let unit = nanos[part] ?? 1
            func units(_ t: CivilTime) -> Int128 { Int128(t.days) * Int128(CivilTime.nanosPerDay / unit) + Int128(t.nanos / unit) }
            let count = units(b) - units(a)
            guard let result = Int64(exactly: count) else { throw SnowflakeError.numericValueOutOfRange(String(count)).encoded }
            return result
        }
    }

    /// The start of the part holding `t`; weeks start on Monday (WEEK_START = 0).
    static func truncate(_ t: CivilTime, to part: DatePart) -> CivilTime {
        let (y, m, _) = t.date
        var r = t
        switch part {
        case .year: r = CivilTime(year: y, month: 1, day: 1)
        case .quarter: r = CivilTime(year: y, month: (m - 1) / 3 * 3 + 1, day: 1)
        case .month: r = CivilTime(year: y, month: m, day: 1)
        case .week: r = CivilTime(days: t.days - (t.isoWeekday - 1))
        case .day: r = CivilTime(days: t.days)
        default:
            let unit = nanos[part] ?? 1
            r.nanos = t.nanos / unit * unit
            return r
        }
        r.offset = t.offset
        return r
    }

    static func extract(_ part: DatePart, from t: CivilTime) -> Int64 {
        let (y, m, d) = t.date
        switch part {
        case .year: return Int64(y)
        case .quarter: return Int64((m - 1) / 3 + 1)
        case .month: return Int64(m)
        case .week, .weekISO: return Int64(t.isoWeek.week)
        case .yearOfWeek, .yearOfWeekISO: return Int64(t.isoWeek.year)
        case .day: return Int64(d)
        case .dayOfWeek: return Int64(t.weekday)
        case .dayOfWeekISO: return Int64(t.isoWeekday)
        case .dayOfYear: return Int64(t.days - CivilTime.days(year: y, month: 1, day: 1) + 1)
        case .hour: return Int64(t.hour)
        case .minute: return Int64(t.minute)
        case .second: return Int64(t.second)
        case .millisecond: return t.fraction / 1_000_000
        case .microsecond: return t.fraction / 1_000
        case .nanosecond: return t.fraction
        case .epochSecond: return utc(t).epochNanos / 1_000_000_000
        case .epochMillisecond: return utc(t).epochNanos / 1_000_000
        case .epochMicrosecond: return utc(t).epochNanos / 1_000
        case .epochNanosecond: return utc(t).epochNanos
        case .timezoneHour: return Int64(offsetMinutes(t.offset) / 60)
        case .timezoneMinute: return Int64(offsetMinutes(t.offset) % 60)
        }
    }

    /// `+HHMM` as minutes east of UTC.
    static func offsetMinutes(_ offset: String?) -> Int {
        guard let offset, offset.count == 5, let h = Int(offset.dropFirst().prefix(2)), let m = Int(offset.suffix(2)) else { return 0 }
        return (offset.hasPrefix("-") ? -1 : 1) * (h * 60 + m)
    }

    /// The same instant in UTC, without an offset.
    static func utc(_ t: CivilTime) -> CivilTime {
        var r = t.addingNanos(-Int64(offsetMinutes(t.offset)) * 60_000_000_000)
        r.offset = nil
        return r
    }

    // MARK: - Conversion

    /// TO_DATE / TO_TIMESTAMP_* of a string (AUTO or a format) or of a number of seconds since the
    /// epoch (`scale` 3 for milliseconds…). `target` is DATE, TIMESTAMP_NTZ, TIMESTAMP_LTZ or TIMESTAMP_TZ.
    static func toTemporal(_ value: DatabaseValue, target: String, format: String?, scale: Int?) throws -> String? {
        let isDate = target == "DATE"
        var t: CivilTime
        switch value.storage {
        case .null: return nil
        case .int64(let n): t = DateFormat.epoch(n, scale: scale ?? 0)
        case .double(let d): t = DateFormat.epoch(seconds: d / pow(10, Double(scale ?? 0)))
        default:
            let text = SQLFunctions.text(of: value) ?? ""
            if let format, format.uppercased() != "AUTO" {
                guard let parsed = DateFormat.parse(text, format) else {
                    throw SnowflakeError.cannotParse(text, isDate: isDate, format: format).encoded
                }
                t = parsed
            } else {
                guard let parsed = DateFormat.auto(text) else {
                    if isDate {
                        throw SnowflakeError.dateNotRecognized(text).encoded
                    }
                    throw SnowflakeError.timestampNotRecognized(text).encoded
                }
                t = parsed
            }
        }
        switch target {
        case "DATE": return t.text(.date)
        case "TIMESTAMP_LTZ": return utc(t).text(.timestamp)
        case "TIMESTAMP_TZ": return t.text(.timestamp)
        default:
            t.offset = nil
            return t.text(.timestamp)
        }
    }
}
