// TaskScheduleTests: a task's SCHEDULE string, parsed and validated as CREATE TASK does, and the
// next due time computed from fixed instants — intervals (with missed runs skipped), CRON fields
// (`*`, numbers, lists, ranges, steps, names, the either-day rule) and CRON in a time zone across
// both daylight-saving changes of 2026 in New York (a 02:30 run is skipped on the spring-forward
// day; a 01:30 run happens twice on the fall-back day). Bad schedules fail with their exact text.

import Foundation
import XCTest
@testable import Engine

final class TaskScheduleTests: XCTestCase {
    func date(_ iso: String) -> Date { ISO8601DateFormatter().date(from: iso)! }
    func iso(_ date: Date?) -> String? { date.map { ISO8601DateFormatter().string(from: $0) } }

    func cronNext(_ schedule: String, after: String) throws -> String? {
        guard case .cron(let cron) = try TaskSchedule.parse(schedule) else { XCTFail("not a CRON schedule"); return nil }
        return iso(cron.next(after: date(after)))
    }

    func assertInvalid(_ schedule: String, _ reason: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try TaskSchedule.parse(schedule), file: file, line: line) { error in
            XCTAssertEqual((error as? SnowflakeError)?.description,
                           "001007 (22023): SQL compilation error:\ninvalid value ['\(schedule)'] for parameter 'SCHEDULE': \(reason)",
                           file: file, line: line)
        }
    }

    // MARK: - Intervals

    func testIntervalUnitsAndAbbreviations() throws {
        XCTAssertEqual(try TaskSchedule.parse("30 minutes"), .interval(seconds: 1800))
        XCTAssertEqual(try TaskSchedule.parse("15 MINUTE"), .interval(seconds: 900))
        XCTAssertEqual(try TaskSchedule.parse("10 m"), .interval(seconds: 600))
        XCTAssertEqual(try TaskSchedule.parse("2 Hours"), .interval(seconds: 7200))
        XCTAssertEqual(try TaskSchedule.parse("1 H"), .interval(seconds: 3600))
        XCTAssertEqual(try TaskSchedule.parse("45 seconds"), .interval(seconds: 45))
        XCTAssertEqual(try TaskSchedule.parse("90 s"), .interval(seconds: 90))
        XCTAssertEqual(try TaskSchedule.parse("11520 minutes"), .interval(seconds: 691_200))
    }

    func testIntervalNextRunAndMissedRuns() throws {
        let schedule = try TaskSchedule.parse("30 minutes")
        let start = date("2026-01-02T10:00:00Z")
        XCTAssertEqual(iso(schedule.next(after: start, notBefore: start)), "2026-01-02T10:30:00Z")
        // Three runs missed: the next one is the first on the grid after now, not a catch-up burst.
        XCTAssertEqual(iso(schedule.next(after: start, notBefore: date("2026-01-02T11:40:00Z"))), "2026-01-02T12:00:00Z")
        XCTAssertEqual(iso(schedule.next(after: start, notBefore: date("2026-01-02T12:00:00Z"))), "2026-01-02T12:30:00Z")
    }

    func testInvalidIntervals() {
        let expected = "expected '<n> MINUTE[S] | HOUR[S] | SECOND[S] | M | H | S' or 'USING CRON <minute> <hour> <day of month> <month> <day of week> <time zone>'"
        assertInvalid("5 apples", expected)
        assertInvalid("minutes", expected)
        assertInvalid("", expected)
        assertInvalid("1.5 hours", expected)
        assertInvalid("0 minutes", "the interval must be at least 1 second and at most 11520 minutes")
        assertInvalid("-5 minutes", "the interval must be at least 1 second and at most 11520 minutes")
        assertInvalid("11521 minutes", "the interval must be at least 1 second and at most 11520 minutes")
        assertInvalid("193 hours", "the interval must be at least 1 second and at most 11520 minutes")
    }

    // MARK: - CRON fields

    func testCronEveryDayAtNine() throws {
        XCTAssertEqual(try cronNext("USING CRON 0 9 * * * UTC", after: "2026-01-02T10:00:00Z"), "2026-01-03T09:00:00Z")
        XCTAssertEqual(try cronNext("USING CRON 0 9 * * * UTC", after: "2026-01-02T08:59:00Z"), "2026-01-02T09:00:00Z")
        // Strictly after: at 09:00 exactly, the next is tomorrow's.
        XCTAssertEqual(try cronNext("using cron 0 9 * * * UTC", after: "2026-01-02T09:00:00Z"), "2026-01-03T09:00:00Z")
    }

    func testCronStepsListsAndRanges() throws {
        XCTAssertEqual(try cronNext("USING CRON */15 * * * * UTC", after: "2026-01-02T10:07:00Z"), "2026-01-02T10:15:00Z")
        XCTAssertEqual(try cronNext("USING CRON */15 * * * * UTC", after: "2026-01-02T10:45:00Z"), "2026-01-02T11:00:00Z")
        XCTAssertEqual(try cronNext("USING CRON 5,35 * * * * UTC", after: "2026-01-02T10:06:00Z"), "2026-01-02T10:35:00Z")
        XCTAssertEqual(try cronNext("USING CRON 0-30/10 8 * * * UTC", after: "2026-01-02T08:21:00Z"), "2026-01-02T08:30:00Z")
        // Weekdays only, every four hours from 9 to 17: after Friday evening comes Monday 09:00.
        XCTAssertEqual(try cronNext("USING CRON 0 9-17/4 * * MON-FRI UTC", after: "2026-01-02T13:30:00Z"), "2026-01-02T17:00:00Z")
        XCTAssertEqual(try cronNext("USING CRON 0 9-17/4 * * 1-5 UTC", after: "2026-01-02T18:00:00Z"), "2026-01-05T09:00:00Z")
        XCTAssertEqual(try cronNext("USING CRON 0 0 1 JAN,jul * UTC", after: "2026-01-02T00:00:00Z"), "2026-07-01T00:00:00Z")
        // 7 is Sunday too.
        XCTAssertEqual(try cronNext("USING CRON 0 12 * * 7 UTC", after: "2026-01-02T00:00:00Z"), "2026-01-04T12:00:00Z")
    }

    func testCronEitherDayRuleWhenBothDaysAreRestricted() throws {
        // The 13th or any Friday: from Saturday 3 January the next is Friday 9 January.
        XCTAssertEqual(try cronNext("USING CRON 0 0 13 * FRI UTC", after: "2026-01-03T00:00:00Z"), "2026-01-09T00:00:00Z")
        XCTAssertEqual(try cronNext("USING CRON 0 0 13 * FRI UTC", after: "2026-01-10T00:00:00Z"), "2026-01-13T00:00:00Z")
        // With `*` for the day of week, only the 13th.
        XCTAssertEqual(try cronNext("USING CRON 0 0 13 * * UTC", after: "2026-01-03T00:00:00Z"), "2026-01-13T00:00:00Z")
    }

    // MARK: - Time zones and daylight saving

    func testCronInATimeZone() throws {
        // 09:00 in Los Angeles in January is 17:00 UTC.
        XCTAssertEqual(try cronNext("USING CRON 0 9 * * * America/Los_Angeles", after: "2026-01-02T10:00:00Z"), "2026-01-02T17:00:00Z")
    }

    func testSpringForwardSkipsTheMissingTime() throws {
        let schedule = "USING CRON 30 2 * * * America/New_York"
        // 7 March, 02:30 EST = 07:30 UTC.
        XCTAssertEqual(try cronNext(schedule, after: "2026-03-07T00:00:00Z"), "2026-03-07T07:30:00Z")
        // 8 March has no 02:30 (02:00 EST → 03:00 EDT): the next run is 9 March, 02:30 EDT = 06:30 UTC.
        XCTAssertEqual(try cronNext(schedule, after: "2026-03-07T07:30:00Z"), "2026-03-09T06:30:00Z")
        // 03:30 exists on both sides.
        XCTAssertEqual(try cronNext("USING CRON 30 3 * * * America/New_York", after: "2026-03-07T09:00:00Z"), "2026-03-08T07:30:00Z")
    }

    func testFallBackRunsTheRepeatedTimeTwice() throws {
        let schedule = "USING CRON 30 1 * * * America/New_York"
        // 1 November 01:30 happens at 05:30 UTC (EDT) and again at 06:30 UTC (EST).
        XCTAssertEqual(try cronNext(schedule, after: "2026-10-31T12:00:00Z"), "2026-11-01T05:30:00Z")
        XCTAssertEqual(try cronNext(schedule, after: "2026-11-01T05:30:00Z"), "2026-11-01T06:30:00Z")
        XCTAssertEqual(try cronNext(schedule, after: "2026-11-01T06:30:00Z"), "2026-11-02T06:30:00Z")
    }

    func testCronThroughTheScheduleEntryPoint() throws {
        let schedule = try TaskSchedule.parse("USING CRON 0 * * * * UTC")
        // Due at 10:00, called at 12:20: the next run is 13:00.
        XCTAssertEqual(iso(schedule.next(after: date("2026-01-02T10:00:00Z"), notBefore: date("2026-01-02T12:20:00Z"))),
                       "2026-01-02T13:00:00Z")
    }

    // MARK: - Invalid CRON

    func testInvalidCronSchedules() {
        let shape = "a CRON schedule needs 5 fields and a time zone: USING CRON <minute> <hour> <day of month> <month> <day of week> <time zone>"
        assertInvalid("USING CRON 0 9 * * *", shape)
        assertInvalid("USING CRON 0 9 * * * * UTC", shape)
        assertInvalid("USING CRON 61 * * * * UTC", "minute 61 is out of range 0-59")
        assertInvalid("USING CRON 0 24 * * * UTC", "hour 24 is out of range 0-23")
        assertInvalid("USING CRON 0 0 0 * * UTC", "day of month 0 is out of range 1-31")
        assertInvalid("USING CRON 0 0 * 13 * UTC", "month 13 is out of range 1-12")
        assertInvalid("USING CRON 0 0 * * 8 UTC", "day of week 8 is out of range 0-7")
        assertInvalid("USING CRON 0 0 * * FOO UTC", "bad day of week field 'FOO'")
        assertInvalid("USING CRON */0 * * * * UTC", "bad minute field '*/0'")
        assertInvalid("USING CRON 1,,2 * * * * UTC", "bad minute field '1,,2'")
        assertInvalid("USING CRON 30-10 * * * * UTC", "bad minute range '30-10'")
        assertInvalid("USING CRON 0 9 * * * Mars/Olympus_Mons", "unknown time zone 'Mars/Olympus_Mons'")
    }
}
