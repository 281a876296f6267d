// TaskSchedule: a task's SCHEDULE, parsed and validated at CREATE TASK, and the next time it is
// due — pure, with every instant passed in (the scheduler's clock is injected by its caller).
//   '<n> MINUTE[S] | M | HOUR[S] | H | SECOND[S] | S'   — every n units (1 second .. 11520 minutes)
//   'USING CRON <min> <hour> <day of month> <month> <day of week> <time zone>'
// CRON fields take `*`, numbers, lists (`1,5`), ranges (`1-5`), steps (`*/15`, `0-30/10`), and
// month and day names (`JAN`, `MON`); day of week 0-6 is Sunday..Saturday (7 is Sunday too). When
// both day fields are restricted either may match, as in cron(8). Times are wall-clock times in the
// named IANA zone (Foundation TimeZone): a time skipped by a daylight-saving change does not run
// that day, and a time that happens twice runs twice, as Snowflake documents.
// https://docs.snowflake.com/en/sql-reference/sql/create-task#optional-parameters (SCHEDULE)

import Foundation

public enum TaskSchedule: Equatable, Sendable {
    /// Every `seconds` seconds.
    case interval(seconds: Int)
    case cron(CronSchedule)

    /// The largest interval, in minutes [D: older docs; ? for SECONDS].
    static let maximumMinutes = 11520

    /// Parses a SCHEDULE string; a bad one is 001007 `invalid value ['…'] for parameter 'SCHEDULE': <reason>`
    /// [?: wording chosen after the project's other invalid-value errors].
    public static func parse(_ text: String) throws -> TaskSchedule {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
        if words.count >= 2 && words[0].uppercased() == "USING" && words[1].uppercased() == "CRON" {
            guard words.count == 8 else {
                throw invalid(text, "a CRON schedule needs 5 fields and a time zone: USING CRON <minute> <hour> <day of month> <month> <day of week> <time zone>")
            }
            return .cron(try CronSchedule(fields: Array(words[2..<8]), text: text))
        }
        let units: [String: Int] = ["SECOND": 1, "SECONDS": 1, "S": 1, "MINUTE": 60, "MINUTES": 60, "M": 60,
                                    "HOUR": 3600, "HOURS": 3600, "H": 3600]
        guard words.count == 2, let n = Int(words[0]), let unit = units[words[1].uppercased()] else {
            throw invalid(text, "expected '<n> MINUTE[S] | HOUR[S] | SECOND[S] | M | H | S' or 'USING CRON <minute> <hour> <day of month> <month> <day of week> <time zone>'")
        }
        let seconds = n.multipliedReportingOverflow(by: unit)
        guard n >= 1, !seconds.overflow, seconds.partialValue <= maximumMinutes * 60 else {
            throw invalid(text, "the interval must be at least 1 second and at most \(maximumMinutes) minutes")
        }
        return .interval(seconds: seconds.partialValue)
    }

    static func invalid(_ text: String, _ reason: String) -> SnowflakeError {
        SnowflakeError.compilationError("invalid value ['\(text)'] for parameter 'SCHEDULE': \(reason)")
    }

    /// The first due time after `previous` that is later than `now` (runs missed while nothing
    /// called the scheduler are skipped, not made up). nil: a CRON expression that never matches.
    public func next(after previous: Date, notBefore now: Date) -> Date? {
        switch self {
        case .interval(let seconds):
            let step = TimeInterval(seconds)
            var next = previous.addingTimeInterval(step)
            if next <= now { next = next.addingTimeInterval((floor(now.timeIntervalSince(next) / step) + 1) * step) }
            return next
        case .cron(let cron):
            return cron.next(after: max(previous, now))
        }
    }
}

/// A parsed CRON expression and its time zone.
public struct CronSchedule: Equatable, Sendable {
    public var minutes: Set<Int>
    public var hours: Set<Int>
    public var daysOfMonth: Set<Int>
    public var months: Set<Int>
    /// 0 = Sunday.
    public var daysOfWeek: Set<Int>
    /// The field was written starting with `*` (unrestricted for the either-day rule).
    var dayOfMonthIsStar: Bool
    var dayOfWeekIsStar: Bool
    public var timeZone: TimeZone

    static let monthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
    static let dayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]

    /// `fields`: minute, hour, day of month, month, day of week, time zone.
    init(fields: [String], text: String) throws {
        minutes = try CronSchedule.field(fields[0], "minute", 0...59, names: [], text: text)
        hours = try CronSchedule.field(fields[1], "hour", 0...23, names: [], text: text)
        daysOfMonth = try CronSchedule.field(fields[2], "day of month", 1...31, names: [], text: text)
        months = try CronSchedule.field(fields[3], "month", 1...12, names: CronSchedule.monthNames, text: text)
        let days = try CronSchedule.field(fields[4], "day of week", 0...7, names: CronSchedule.dayNames, text: text)
        daysOfWeek = Set(days.map { $0 == 7 ? 0 : $0 })
        dayOfMonthIsStar = fields[2].hasPrefix("*")
        dayOfWeekIsStar = fields[4].hasPrefix("*")
        guard let tz = TimeZone(identifier: fields[5]) else {
            throw TaskSchedule.invalid(text, "unknown time zone '\(fields[5])'")
        }
        timeZone = tz
    }

    /// One field: comma-separated `*`, `n`, `a-b`, each optionally `/step`; names where given (index + base).
    static func field(_ written: String, _ what: String, _ range: ClosedRange<Int>, names: [String], text: String) throws -> Set<Int> {
        let base = names.count == 12 ? 1 : 0
        func value(_ s: String) throws -> Int {
            if let n = Int(s) {
                guard range.contains(n) else {
                    throw TaskSchedule.invalid(text, "\(what) \(n) is out of range \(range.lowerBound)-\(range.upperBound)")
                }
                return n
            }
            if let i = names.firstIndex(of: s.uppercased()) { return i + base }
            throw TaskSchedule.invalid(text, "bad \(what) field '\(written)'")
        }
        var result = Set<Int>()
        for item in written.split(separator: ",", omittingEmptySubsequences: false).map(String.init) {
            let pieces = item.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard pieces.count <= 2, !pieces[0].isEmpty else { throw TaskSchedule.invalid(text, "bad \(what) field '\(written)'") }
            var step = 1
            if pieces.count == 2 {
                guard let s = Int(pieces[1]), s >= 1 else { throw TaskSchedule.invalid(text, "bad \(what) field '\(written)'") }
                step = s
            }
            let bounds: ClosedRange<Int>
            if pieces[0] == "*" {
                bounds = range
            } else if let dash = pieces[0].firstIndex(of: "-") {
                let low = try value(String(pieces[0][..<dash])), high = try value(String(pieces[0][pieces[0].index(after: dash)...]))
                guard low <= high else { throw TaskSchedule.invalid(text, "bad \(what) range '\(pieces[0])'") }
                bounds = low...high
            } else {
                let start = try value(pieces[0])
                bounds = start...(pieces.count == 2 ? range.upperBound : start)
            }
            result.formUnion(stride(from: bounds.lowerBound, through: bounds.upperBound, by: step))
        }
        return result
    }

    /// The first matching instant strictly after `date`, looking up to five years ahead.
    public func next(after date: Date) -> Date? {
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        // Wall-clock times are handled as if they were UTC instants ("wall" dates).
        let wallNow = date.addingTimeInterval(TimeInterval(timeZone.secondsFromGMT(for: date)))
        let firstDay = utc.startOfDay(for: wallNow).addingTimeInterval(-86_400)  // a time that happens twice may start a day back
        let sortedHours = hours.sorted(), sortedMinutes = minutes.sorted()
        for offset in 0..<(366 * 5) {
            let day = firstDay.addingTimeInterval(TimeInterval(offset) * 86_400)
            let c = utc.dateComponents([.month, .day, .weekday], from: day)
            guard let month = c.month, let dayOfMonth = c.day, let weekday = c.weekday, months.contains(month) else { continue }
            let domMatch = daysOfMonth.contains(dayOfMonth), dowMatch = daysOfWeek.contains(weekday - 1)
            let dayMatches = (!dayOfMonthIsStar && !dayOfWeekIsStar) ? (domMatch || dowMatch) : (domMatch && dowMatch)
            guard dayMatches else { continue }
            var best: Date?
            for hour in sortedHours {
                for minute in sortedMinutes {
                    let wall = day.addingTimeInterval(TimeInterval(hour * 3600 + minute * 60))
                    for instant in instants(ofWall: wall) where instant > date {
                        if best == nil || instant < best! { best = instant }
                    }
                }
            }
            if let best { return best }
        }
        return nil
    }

    /// The instants whose wall-clock time in the zone is `wall`: none in a spring-forward gap, two
    /// in a fall-back hour.
    func instants(ofWall wall: Date) -> [Date] {
        let offsets = Set([timeZone.secondsFromGMT(for: wall.addingTimeInterval(-86_400)),
                           timeZone.secondsFromGMT(for: wall), timeZone.secondsFromGMT(for: wall.addingTimeInterval(86_400))])
        return offsets.compactMap { offset -> Date? in
            let candidate = wall.addingTimeInterval(TimeInterval(-offset))
            return timeZone.secondsFromGMT(for: candidate) == offset ? candidate : nil
        }.sorted()
    }
}
