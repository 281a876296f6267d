// DateFormats: Snowflake's date and time format strings (`YYYY-MM-DD HH24:MI:SS.FF3`,
// `DD-MON-YYYY`, `MM/DD/YYYY HH12:MI AM`), used to print a value (TO_CHAR) and to read one
// (TO_DATE, TO_TIMESTAMP with a format), and the AUTO detection used without a format: ISO
// forms, `DD-MON-YYYY`, `MM/DD/YYYY`, and integers as seconds (or milli-, micro-, nanoseconds
// by magnitude) since the epoch.
// https://docs.snowflake.com/en/sql-reference/date-time-input-output

import Foundation

enum DateFormat {
    enum Element: Equatable {
        case year4, year2, month, monthAbbreviation, monthName, day, dayAbbreviation
        case hour24, hour12, meridian, minute, second, fraction(digits: Int), zoneHour, zoneMinute
        case literal(String)
    }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                             "September", "October", "November", "December"]
    static let dayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]

    /// Format elements, longest first so `MON` is not read as `MM` + `ON`. Case does not matter.
    private static let tokens: [(String, Element)] = [
        ("YYYY", .year4), ("YY", .year2), ("MMMM", .monthName), ("MON", .monthAbbreviation), ("MM", .month),
        ("DD", .day), ("DY", .dayAbbreviation), ("HH24", .hour24), ("HH12", .hour12), ("HH", .hour12),
        ("AM", .meridian), ("PM", .meridian), ("MI", .minute), ("SS", .second),
    ] + (0...9).reversed().map { ("FF\($0)", .fraction(digits: $0)) } + [("FF", .fraction(digits: 9)), ("TZH", .zoneHour), ("TZM", .zoneMinute)]

    /// The elements of a format string; text in double quotes is literal.
    static func elements(_ format: String) -> [Element] {
        var result: [Element] = []
        let chars = Array(format)
        var i = 0
        outer: while i < chars.count {
            if chars[i] == "\"" {
                let close = chars[(i + 1)...].firstIndex(of: "\"") ?? chars.count
                result.append(.literal(String(chars[(i + 1)..<close])))
                i = close + 1
                continue
            }
            for (token, element) in tokens where i + token.count <= chars.count
                && String(chars[i..<(i + token.count)]).uppercased() == token {
                result.append(element)
                i += token.count
                continue outer
            }
            result.append(.literal(String(chars[i])))
            i += 1
        }
        return result
    }

    // MARK: - Printing

    /// TO_CHAR(value, format).
    static func format(_ t: CivilTime, _ format: String) -> String {
        let (y, m, d) = t.date
        var out = ""
        for element in elements(format) {
            switch element {
            case .year4: out += String(format: "%04d", y)
            case .year2: out += String(format: "%02d", ((y % 100) + 100) % 100)
            case .month: out += String(format: "%02d", m)
            case .monthAbbreviation: out += String(monthNames[m - 1].prefix(3))
            case .monthName: out += monthNames[m - 1]
            case .day: out += String(format: "%02d", d)
            case .dayAbbreviation: out += dayNames[t.weekday]
            case .hour24: out += String(format: "%02d", t.hour)
            case .hour12: out += String(format: "%02d", t.hour % 12 == 0 ? 12 : t.hour % 12)
            case .meridian: out += t.hour < 12 ? "AM" : "PM"
            case .minute: out += String(format: "%02d", t.minute)
            case .second: out += String(format: "%02d", t.second)
            case .fraction(let digits):
                if digits > 0 { out += String(String(format: "%09lld", t.fraction).prefix(digits)) }
            case .zoneHour: out += String((t.offset ?? "+0000").prefix(3))
            case .zoneMinute: out += String((t.offset ?? "+0000").suffix(2))
            case .literal(let text): out += text
            }
        }
        return out
    }

    // MARK: - Reading

    /// Reads `text` laid out as `format`; nil when it does not fit or names no real date.
    static func parse(_ text: String, _ format: String) -> CivilTime? {
        var s = DigitScanner(text.trimmingCharacters(in: .whitespaces))
        var year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0
        var nanos: Int64 = 0
        var pm: Bool?
        var zoneSign = "+", zoneHour: Int?, zoneMinute = 0
        for element in elements(format) {
            switch element {
            case .year4: guard let v = s.number(minDigits: 1, maxDigits: 4) else { return nil }; year = v
            case .year2:
                guard let v = s.number(minDigits: 2, maxDigits: 2) else { return nil }
                year = v < 70 ? 2000 + v : 1900 + v
            case .month: guard let v = s.number(minDigits: 1, maxDigits: 2) else { return nil }; month = v
            case .monthAbbreviation, .monthName:
                guard let index = monthNames.firstIndex(where: { s.take($0) })
                        ?? monthNames.firstIndex(where: { s.take(String($0.prefix(3))) }) else { return nil }
                month = index + 1
            case .day: guard let v = s.number(minDigits: 1, maxDigits: 2) else { return nil }; day = v
            case .dayAbbreviation: guard dayNames.contains(where: { s.take($0) }) else { return nil }
            case .hour24, .hour12: guard let v = s.number(minDigits: 1, maxDigits: 2) else { return nil }; hour = v
            case .meridian:
                if s.take("AM") { pm = false } else if s.take("PM") { pm = true } else { return nil }
            case .minute: guard let v = s.number(minDigits: 1, maxDigits: 2) else { return nil }; minute = v
            case .second: guard let v = s.number(minDigits: 1, maxDigits: 2) else { return nil }; second = v
            case .fraction: guard let v = s.fractionNanos() else { return nil }; nanos = v
            case .zoneHour:
                if s.take("-") { zoneSign = "-" } else { _ = s.take("+") }
                guard let v = s.number(minDigits: 1, maxDigits: 2) else { return nil }
                zoneHour = v
            case .zoneMinute: guard let v = s.number(minDigits: 2, maxDigits: 2) else { return nil }; zoneMinute = v
            case .literal(let literal):
                if literal == " " { s.skipSpaces(); continue }
                guard s.take(literal) else { return nil }
            }
        }
        guard s.atEnd else { return nil }
        if let pm {
            guard (1...12).contains(hour) else { return nil }
            hour = hour % 12 + (pm ? 12 : 0)
        }
        guard (1...12).contains(month), day >= 1, day <= CivilTime.daysInMonth(year: year, month: month),
              hour < 24, minute < 60, second < 60 else { return nil }
        var result = CivilTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second, nanos: nanos)
        if let zoneHour { result.offset = zoneSign + String(format: "%02d%02d", zoneHour, zoneMinute) }
        return result
    }

    /// Formats AUTO tries after the ISO forms.
    private static let autoFormats = ["DD-MON-YYYY", "MM/DD/YYYY", "DD-MON-YYYY HH24:MI:SS", "MM/DD/YYYY HH24:MI:SS",
                                      "DD-MON-YYYY HH24:MI:SS.FF", "MM/DD/YYYY HH24:MI:SS.FF", "DY, DD MON YYYY HH24:MI:SS TZHTZM"]

    /// Reading without a format: ISO, then the other AUTO forms, then an integer since the epoch.
    static func auto(_ text: String) -> CivilTime? {
        if let t = CivilTime.parse(text), text.contains("-") { return t }
        for format in autoFormats {
            if let t = parse(text, format) { return t }
        }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let n = Int64(trimmed) { return epoch(n, scale: epochScale(n)) }
        return nil
    }

    /// Snowflake reads an integer string by its size: seconds below 31536000000, then milli-,
    /// micro- and nanoseconds.
    static func epochScale(_ n: Int64) -> Int {
        let magnitude = n.magnitude
        if magnitude < 31_536_000_000 { return 0 }
        if magnitude < 31_536_000_000_000 { return 3 }
        if magnitude < 31_536_000_000_000_000 { return 6 }
        return 9
    }

    /// `n / 10^scale` seconds after 1970-01-01 00:00:00 UTC.
    static func epoch(_ n: Int64, scale: Int) -> CivilTime {
        let unit = Int64(pow(10.0, Double(9 - min(max(scale, 0), 9))))
        let (nanos, overflow) = n.multipliedReportingOverflow(by: unit)
        return CivilTime(days: 0).addingNanos(overflow ? (n < 0 ? Int64.min : Int64.max) : nanos)
    }

    /// Fractional seconds since the epoch (a FLOAT or a NUMBER with a scale).
    static func epoch(seconds: Double) -> CivilTime {
        let nanos = (seconds * 1e9).rounded()
        return CivilTime(days: 0).addingNanos(Int64(exactly: nanos) ?? (seconds < 0 ? Int64.min : Int64.max))
    }
}
