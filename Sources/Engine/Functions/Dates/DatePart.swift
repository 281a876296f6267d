// DatePart: the date and time parts that DATEADD, DATEDIFF, DATE_TRUNC, DATE_PART and EXTRACT
// name, in every spelling Snowflake accepts (`day`, `d`, `dd`, `days`, `'DAY'`…), and the civil
// calendar they are computed on: a wall-clock time as days since 1970-01-01 plus nanoseconds into
// the day, read from and written back to the stored text (DATE `YYYY-MM-DD`, TIME `HH:MM:SS`,
// timestamps `YYYY-MM-DD HH:MM:SS.fff`, an LTZ from CURRENT_TIMESTAMP with ` +0000`).
// https://docs.snowflake.com/en/sql-reference/functions-date-time#label-supported-date-time-parts

import Foundation
import SnowSQL

enum DatePart: String, Sendable {
    case year, quarter, month, week, day, hour, minute, second, millisecond, microsecond, nanosecond
    case dayOfWeek = "dayofweek", dayOfWeekISO = "dayofweekiso", dayOfYear = "dayofyear"
    case weekISO = "weekiso", yearOfWeek = "yearofweek", yearOfWeekISO = "yearofweekiso"
    case epochSecond = "epoch_second", epochMillisecond = "epoch_millisecond"
    case epochMicrosecond = "epoch_microsecond", epochNanosecond = "epoch_nanosecond"
    case timezoneHour = "timezone_hour", timezoneMinute = "timezone_minute"

    /// The part a word names, in any of Snowflake's abbreviations; nil for anything else.
    static func named(_ word: String) -> DatePart? {
        switch word.uppercased() {
        case "YEAR", "Y", "YY", "YYY", "YYYY", "YR", "YEARS", "YRS": return .year
        case "QUARTER", "Q", "QTR", "QTRS", "QUARTERS": return .quarter
        case "MONTH", "MM", "MON", "MONS", "MONTHS": return .month
        case "WEEK", "W", "WK", "WEEKOFYEAR", "WOY", "WY": return .week
        case "DAY", "D", "DD", "DAYS", "DAYOFMONTH": return .day
        case "HOUR", "H", "HH", "HR", "HOURS", "HRS": return .hour
        case "MINUTE", "M", "MI", "MIN", "MINUTES", "MINS": return .minute
        case "SECOND", "S", "SEC", "SECONDS", "SECS": return .second
        case "MILLISECOND", "MS", "MSEC", "MILLISECONDS": return .millisecond
        case "MICROSECOND", "US", "USEC", "MICROSECONDS": return .microsecond
        case "NANOSECOND", "NS", "NSEC", "NANOSEC", "NSECOND", "NANOSECONDS", "NANOSECS", "NSECONDS": return .nanosecond
        case "DAYOFWEEK", "WEEKDAY", "DOW", "DW": return .dayOfWeek
        case "DAYOFWEEKISO", "WEEKDAY_ISO", "DOW_ISO", "DW_ISO": return .dayOfWeekISO
        case "DAYOFYEAR", "YEARDAY", "DOY", "DY": return .dayOfYear
        case "WEEKISO", "WEEK_ISO", "WEEKOFYEARISO", "WEEKOFYEAR_ISO": return .weekISO
        case "YEAROFWEEK": return .yearOfWeek
        case "YEAROFWEEKISO": return .yearOfWeekISO
        case "EPOCH_SECOND", "EPOCH", "EPOCH_SECONDS": return .epochSecond
        case "EPOCH_MILLISECOND", "EPOCH_MILLISECONDS": return .epochMillisecond
        case "EPOCH_MICROSECOND", "EPOCH_MICROSECONDS": return .epochMicrosecond
        case "EPOCH_NANOSECOND", "EPOCH_NANOSECONDS": return .epochNanosecond
        case "TIMEZONE_HOUR", "TZH": return .timezoneHour
        case "TIMEZONE_MINUTE", "TZM": return .timezoneMinute
        default: return nil
        }
    }

    /// The part named by a function argument: a bare word (`day`, which the parser read as a
    /// column) or a string literal (`'day'`). Anything else, or an unknown word, is refused.
    static func argument(_ expression: Expression, function: String) throws -> DatePart {
        let word: String
        switch expression {
        case .column(let parts) where parts.count == 1: word = parts[0].name
        case .literal(.string(let s)): word = s
        default: throw SnowflakeError.compilationError("Invalid date/time part argument for function \(function)")
        }
        guard let part = named(word) else { throw invalid(word.uppercased(), function: function) }
        return part
    }

    /// Parts that measure a span of time: what DATEADD, DATEDIFF and DATE_TRUNC accept.
    var isInterval: Bool {
        switch self {
        case .year, .quarter, .month, .week, .day, .hour, .minute, .second, .millisecond, .microsecond, .nanosecond: return true
        default: return false
        }
    }

    /// Parts smaller than a day: adding one to a DATE gives a TIMESTAMP_NTZ.
    var isTimeOfDay: Bool {
        switch self {
        case .hour, .minute, .second, .millisecond, .microsecond, .nanosecond: return true
        default: return false
        }
    }

    static func invalid(_ word: String, function: String) -> SnowflakeError {
        SnowflakeError.compilationError("['\(word)'] is not a valid date/time component for function \(function).")
    }
}

/// A wall-clock time: days since 1970-01-01 and nanoseconds into the day. `offset` keeps a
/// stored time zone suffix (` +0000`) so arithmetic on an LTZ value writes it back.
struct CivilTime: Equatable {
    static let nanosPerDay: Int64 = 86_400_000_000_000
    /// The days a stored date can hold: years -999999 to 999999, as many digits as `parse` reads back.
    static let dayRange = CivilTime.days(year: -999_999, month: 1, day: 1)...CivilTime.days(year: 999_999, month: 12, day: 31)
    var days: Int
    var nanos: Int64
    var offset: String? = nil

    init(days: Int, nanos: Int64 = 0, offset: String? = nil) {
        self.days = days
        self.nanos = nanos
        self.offset = offset
    }

    init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, nanos: Int64 = 0) {
        self.days = CivilTime.days(year: year, month: month, day: day)
        self.nanos = Int64(hour * 3600 + minute * 60 + second) * 1_000_000_000 + nanos
    }

    // MARK: - Calendar arithmetic (proleptic Gregorian; H. Hinnant's days_from_civil)

    static func days(year y0: Int, month m: Int, day d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    var date: (year: Int, month: Int, day: Int) { CivilTime.civil(days) }
    var hour: Int { Int(nanos / 3_600_000_000_000) }
    var minute: Int { Int(nanos / 60_000_000_000 % 60) }
    var second: Int { Int(nanos / 1_000_000_000 % 60) }
    var fraction: Int64 { nanos % 1_000_000_000 }
    /// 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday).
    var weekday: Int { ((days + 4) % 7 + 7) % 7 }
    /// 1 = Monday … 7 = Sunday.
    var isoWeekday: Int { weekday == 0 ? 7 : weekday }

    /// The ISO week and its year: the week holding the year's first Thursday is week 1.
    var isoWeek: (year: Int, week: Int) {
        let thursday = days - (isoWeekday - 1) + 3
        let year = CivilTime.civil(thursday).year
        return (year, (thursday - CivilTime.days(year: year, month: 1, day: 1)) / 7 + 1)
    }

    /// Months since year 0, for month arithmetic.
    var monthIndex: Int { date.year * 12 + date.month - 1 }

    /// Adds whole months, keeping the day unless the new month is shorter (Jan 31 + 1 month = Feb 28/29).
    func addingMonths(_ n: Int) -> CivilTime {
        let index = monthIndex + n
        let year = index >= 0 ? index / 12 : (index - 11) / 12
        let month = index - year * 12 + 1
        let day = min(date.day, CivilTime.daysInMonth(year: year, month: month))
        var result = self
        result.days = CivilTime.days(year: year, month: month, day: day)
        return result
    }

    /// Adds nanoseconds, carrying whole days. The days come off `n` first, so no sum overflows.
    func addingNanos(_ n: Int64) -> CivilTime {
        var total = nanos + n % CivilTime.nanosPerDay
        var dayCarry = Int(n / CivilTime.nanosPerDay) + Int(total / CivilTime.nanosPerDay)
        total %= CivilTime.nanosPerDay
        if total < 0 { total += CivilTime.nanosPerDay; dayCarry -= 1 }
        var result = self
        result.days += dayCarry
        result.nanos = total
        return result
    }

    // MARK: - Stored text

    /// Reads `YYYY-MM-DD[( |T)HH:MM[:SS[.f…]]][ ][Z|±HH[:]MM]`, or a TIME's `HH:MM[:SS[.f…]]`.
    static func parse(_ text: String) -> CivilTime? {
        var scanner = DigitScanner(text)
        scanner.skipSpaces()
        if let time = scanner.clock(), scanner.atEnd { return CivilTime(days: 0, nanos: time) }
        scanner = DigitScanner(text)
        scanner.skipSpaces()
        var sign = 1
        if scanner.take("-") { sign = -1 } else { _ = scanner.take("+") }
        guard let year = scanner.number(minDigits: 1, maxDigits: 6), scanner.take("-"),
              let month = scanner.number(minDigits: 1, maxDigits: 2), scanner.take("-"),
              let day = scanner.number(minDigits: 1, maxDigits: 2),
              (1...12).contains(month), day >= 1, day <= daysInMonth(year: sign * year, month: month) else { return nil }
        var result = CivilTime(year: sign * year, month: month, day: day)
        if scanner.take(" ") || scanner.take("T") {
            scanner.skipSpaces()
            guard let time = scanner.clock() else { return nil }
            result.nanos = time
        }
        scanner.skipSpaces()
        if !scanner.atEnd {
            guard let offset = scanner.offset(), scanner.atEnd else { return nil }
            result.offset = offset
        }
        return result
    }

    /// The stored text of a value of `kind`.
    func text(_ kind: TemporalKind) -> String {
        let (y, m, d) = date
        // Zero-padded by hand: String(format:) goes through CoreFoundation's formatter.
        func padded(_ n: Int, _ width: Int) -> String {
            let digits = String(n)
            return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
        }
        let day = (y < 0 ? "-" : "") + padded(abs(y), 4) + "-" + padded(m, 2) + "-" + padded(d, 2)
        let clock = padded(hour, 2) + ":" + padded(minute, 2) + ":" + padded(second, 2)
        switch kind {
        case .date: return day
        case .time: return clock
        case .timestamp:
            return day + " " + clock + "." + padded(Int(fraction / 1_000_000), 3) + (offset.map { " " + $0 } ?? "")
        }
    }

    var epochNanos: Int64 {
        let (product, overflow) = Int64(days).multipliedReportingOverflow(by: CivilTime.nanosPerDay)
        return overflow ? (days < 0 ? Int64.min : Int64.max) : product + nanos
    }
}

/// What a stored temporal value is, for reading it back as text.
enum TemporalKind: String {
    case date = "DATE", time = "TIME", timestamp = "TIMESTAMP"

    init(_ type: SnowflakeType) {
        switch type {
        case .date: self = .date
        case .time: self = .time
        default: self = .timestamp
        }
    }
}

/// A cursor over ASCII text for the date parsers.
struct DigitScanner {
    let chars: [UInt8]
    var i = 0

    init(_ text: String) { chars = Array(text.utf8) }

    var atEnd: Bool { i >= chars.count }

    mutating func skipSpaces() { while i < chars.count, chars[i] == 32 { i += 1 } }

    mutating func take(_ s: String) -> Bool {
        let bytes = Array(s.utf8)
        guard i + bytes.count <= chars.count else { return false }
        for (k, b) in bytes.enumerated() {
            let c = chars[i + k]
            if c == b || (isLetter(b) && isLetter(c) && c | 0x20 == b | 0x20) { continue }
            return false
        }
        i += bytes.count
        return true
    }

    private func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 97 && (b | 0x20) <= 122 }

    /// Between `minDigits` and `maxDigits` decimal digits.
    mutating func number(minDigits: Int, maxDigits: Int) -> Int? {
        var value = 0, count = 0
        while count < maxDigits, i < chars.count, chars[i] >= 48, chars[i] <= 57 {
            value = value * 10 + Int(chars[i] - 48)
            i += 1
            count += 1
        }
        return count >= minDigits ? value : nil
    }

    /// Digits of a fraction, scaled to nanoseconds.
    mutating func fractionNanos() -> Int64? {
        let start = i
        guard var digits = number(minDigits: 1, maxDigits: 9).map(Int64.init) else { return nil }
        var count = i - start
        while i < chars.count, chars[i] >= 48, chars[i] <= 57 { i += 1 }  // digits past nanoseconds
        while count < 9 { digits *= 10; count += 1 }
        return digits
    }

    /// `HH:MM[:SS[.f…]]` as nanoseconds into the day.
    mutating func clock() -> Int64? {
        let start = i
        guard let h = number(minDigits: 1, maxDigits: 2), take(":"), let mi = number(minDigits: 2, maxDigits: 2),
              h < 24, mi < 60 else { i = start; return nil }
        var s = 0, f: Int64 = 0
        if take(":") {
            guard let sec = number(minDigits: 2, maxDigits: 2), sec < 60 else { i = start; return nil }
            s = sec
            if take(".") {
                guard let n = fractionNanos() else { i = start; return nil }
                f = n
            }
        }
        return Int64(h * 3600 + mi * 60 + s) * 1_000_000_000 + f
    }

    /// `Z` or `±HH[:]MM` / `±HH`, as `+HHMM`.
    mutating func offset() -> String? {
        if take("Z") { return "+0000" }
        guard i < chars.count, chars[i] == 43 || chars[i] == 45 else { return nil }
        let sign = chars[i] == 45 ? "-" : "+"
        i += 1
        guard let h = number(minDigits: 2, maxDigits: 2), h <= 23 else { return nil }
        _ = take(":")
        let m = number(minDigits: 2, maxDigits: 2) ?? 0
        return sign + String(format: "%02d%02d", h, m)
    }
}
