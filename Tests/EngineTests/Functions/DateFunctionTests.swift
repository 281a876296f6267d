// DateFunctionTests: date and time functions — the part argument as a bare word or a string in
// any of Snowflake's spellings (and the error for an unknown one), DATEADD/TIMESTAMPADD with
// month-end clamping and the DATE → TIMESTAMP_NTZ promotion, DATEDIFF counting boundaries,
// DATE_TRUNC, DATE_PART and EXTRACT, the YEAR … SECOND helpers, LAST_DAY, ADD_MONTHS, DAYNAME,
// TO_DATE/TO_TIMESTAMP_* from strings (AUTO, formats, epoch integers) and numbers, their TRY_
// forms and errors, TO_CHAR of dates and timestamps with a format, CONVERT_TIMEZONE in both
// forms (daylight saving time at the instant), DATE_FROM_PARTS, TIME_FROM_PARTS, TIMESTAMP_FROM_PARTS
// (parts carried over), NEXT_DAY and PREVIOUS_DAY. The session clock is
// fixed at 2026-01-02 03:04:05.678 UTC.

import XCTest
@testable import Engine

final class DateFunctionTests: EngineTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try script("""
            create database d;
            create table events (id int, d date, ts timestamp_ntz, t time);
            insert into events values (1, '2024-01-31', '2024-01-31 10:20:30.123', '10:20:30'), (2, '2024-02-29', '2024-03-01 00:00:00', '23:30:00'), (3, NULL, NULL, NULL)
            """)
    }

    func testPartNamesAreWordsOrStringsInAnySpelling() throws {
        XCTAssertEqual(try cells("select dateadd(day, 1, d), dateadd('day', 1, d), dateadd(dd, 1, d), dateadd(D, 1, d), dateadd(days, 1, d) from events where id = 1"),
                       [["2024-02-01", "2024-02-01", "2024-02-01", "2024-02-01", "2024-02-01"]])
        XCTAssertEqual(try cells("select dateadd(mm, 1, d), dateadd(mon, 1, d), dateadd(yy, 1, d), dateadd(hh, 1, ts), dateadd(mi, 1, ts), dateadd(min, 1, ts), dateadd(s, 1, ts), dateadd(sec, 1, ts), dateadd(ms, 1, ts) from events where id = 1"),
                       [["2024-02-29", "2024-02-29", "2025-01-31", "2024-01-31 11:20:30.123", "2024-01-31 10:21:30.123", "2024-01-31 10:21:30.123",
                         "2024-01-31 10:20:31.123", "2024-01-31 10:20:31.123", "2024-01-31 10:20:30.124"]])
        // A column named like a part is still the part; the amount and the value may be columns.
        try script("create table spans (day int, d date);\ninsert into spans values (2, '2024-02-28')")
        XCTAssertEqual(try cells("select dateadd(day, day, d), day from spans"), [["2024-03-01", "2"]])
    }

    func testUnknownOrUnsuitablePartsAreRefused() {
        assertError("select dateadd(foo, 1, d) from events",
                    "001007 (22023): SQL compilation error:\n['FOO'] is not a valid date/time component for function DATEADD.")
        assertError("select date_trunc('fortnight', ts) from events",
                    "001007 (22023): SQL compilation error:\n['FORTNIGHT'] is not a valid date/time component for function DATE_TRUNC.")
        assertError("select datediff(dayofweek, d, d) from events",
                    "001007 (22023): SQL compilation error:\n['DAYOFWEEK'] is not a valid date/time component for function DATEDIFF.")
        assertError("select dateadd(day, 1, t) from events",
                    "001007 (22023): SQL compilation error:\n[DAY] is not a valid date/time component for function DATEADD and type TIME.")
        assertError("select date_part(1 + 1, d) from events",
                    "001007 (22023): SQL compilation error:\nInvalid date/time part argument for function DATE_PART")
        assertError("select dateadd(day, 1, 5)",
                    "001044 (42P13): SQL compilation error: error line 1 at position 7\nInvalid argument types for function 'DATEADD': (NUMBER(38,0))")
    }

    func testDateadd() throws {
        let result = try run("select dateadd(month, 1, d), dateadd(year, 1, d), dateadd(hour, 2, d), dateadd(week, -1, ts), timestampadd(quarter, 1, ts), dateadd(minute, 45, t) from events order by id")
        XCTAssertEqual(result.columns.map(\.type), [.date, .date, .timestampNTZ, .timestampNTZ, .timestampNTZ, .time])
        XCTAssertEqual(result.rows.map { $0.map { $0.displayText() ?? "NULL" } }, [
            ["2024-02-29", "2025-01-31", "2024-01-31 02:00:00.000", "2024-01-24 10:20:30.123", "2024-04-30 10:20:30.123", "11:05:30"],
            ["2024-03-29", "2025-02-28", "2024-02-29 02:00:00.000", "2024-02-23 00:00:00.000", "2024-06-01 00:00:00.000", "00:15:00"],
            ["NULL", "NULL", "NULL", "NULL", "NULL", "NULL"],
        ])
        XCTAssertEqual(try cells("select dateadd(day, 1, '2024-01-01'), dateadd(day, NULL, '2024-01-01'::date), dateadd(second, 90, '2024-12-31 23:59:00'::timestamp_ntz)"),
                       [["2024-01-02 00:00:00.000", "NULL", "2025-01-01 00:00:30.000"]])
        // An LTZ from CURRENT_TIMESTAMP keeps its zone through arithmetic.
        XCTAssertEqual(try cells("select dateadd(day, 1, current_timestamp()), date_trunc(day, current_timestamp())"),
                       [["2026-01-03 03:04:05.678 +0000", "2026-01-02 00:00:00.000 +0000"]])
    }

    func testDatediffCountsBoundaries() throws {
        XCTAssertEqual(try cells("select datediff(day, '2024-01-01', '2024-03-01'), datediff(year, '2023-12-31'::date, '2024-01-01'::date), datediff(hour, '2024-01-01 10:59:00', '2024-01-01 11:00:00'), timestampdiff(minute, '2024-01-01 11:00:00', '2024-01-01 10:00:59')"),
                       [["60", "1", "1", "-60"]])
        XCTAssertEqual(try cells("select datediff(week, '2024-01-07'::date, '2024-01-08'::date), datediff(week, '2024-01-08'::date, '2024-01-14'::date), datediff(quarter, '2024-03-31'::date, '2024-04-01'::date), datediff(month, d, ts), datediff(ms, ts, dateadd(second, 1, ts)) from events order by id"),
                       [["1", "0", "1", "0", "1000"], ["1", "0", "1", "1", "1000"], ["1", "0", "1", "NULL", "NULL"]])
        XCTAssertEqual(try cells("select datediff(day, '2024-01-01', NULL), datediff(second, sysdate(), current_timestamp())"), [["NULL", "0"]])
        XCTAssertEqual(try run("select datediff(day, d, d) from events").columns.map(\.type), [.integer])
    }

    func testDateTrunc() throws {
        let result = try run("select date_trunc('month', ts), date_trunc(week, d), date_trunc(hour, ts), date_trunc(quarter, d), date_trunc(year, ts), trunc(ts, 'day') from events order by id")
        XCTAssertEqual(result.columns.map(\.type), [.timestampNTZ, .date, .timestampNTZ, .date, .timestampNTZ, .timestampNTZ])
        XCTAssertEqual(result.rows.map { $0.map { $0.displayText() ?? "NULL" } }, [
            ["2024-01-01 00:00:00.000", "2024-01-29", "2024-01-31 10:00:00.000", "2024-01-01", "2024-01-01 00:00:00.000", "2024-01-31 00:00:00.000"],
            ["2024-03-01 00:00:00.000", "2024-02-26", "2024-03-01 00:00:00.000", "2024-01-01", "2024-01-01 00:00:00.000", "2024-03-01 00:00:00.000"],
            ["NULL", "NULL", "NULL", "NULL", "NULL", "NULL"],
        ])
        XCTAssertEqual(try cells("select date_trunc(second, ts), date_trunc(minute, t) from events where id = 1"), [["2024-01-31 10:20:30.000", "10:20:00"]])
    }

    func testDatePartExtractAndHelpers() throws {
        XCTAssertEqual(try cells("select date_part(year, d), extract(month from d), extract('day' from ts), date_part(dow, d), date_part(doy, d), date_part(week, d), date_part(quarter, d), extract(hour from t) from events order by id"),
                       [["2024", "1", "31", "3", "31", "5", "1", "10"], ["2024", "2", "1", "4", "60", "9", "1", "23"],
                        ["NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL"]])
        XCTAssertEqual(try cells("select year(ts), month(ts), day(ts), hour(ts), minute(ts), second(ts), dayofweek(ts), dayofweekiso(ts), dayofyear(ts), weekofyear(ts), quarter(ts) from events where id = 1"),
                       [["2024", "1", "31", "10", "20", "30", "3", "3", "31", "5", "1"]])
        XCTAssertEqual(try cells("select week('2021-01-01'::date), yearofweek('2021-01-01'::date), dayofweek('2024-01-07'::date), dayofweekiso('2024-01-07'::date)"),
                       [["53", "2020", "0", "7"]])
        XCTAssertEqual(try cells("select extract(epoch_second from '1970-01-02'::timestamp_ntz), date_part(epoch_millisecond, ts), extract(nanosecond from ts), date_part(timezone_hour, to_timestamp_tz('2024-01-01 00:00:00 -05:30')) from events where id = 1"),
                       [["86400", "1706696430123", "123000000", "-5"]])
        XCTAssertEqual(try run("select extract(year from d), year(d) from events").columns.map(\.type), [.integer, .integer])
    }

    func testLastDayAddMonthsAndNames() throws {
        XCTAssertEqual(try cells("select last_day('2024-02-10'::date), last_day('2024-02-10'::date, year), last_day('2024-02-10'::date, quarter), last_day('2024-01-31'::date, week), last_day(ts) from events where id = 1"),
                       [["2024-02-29", "2024-12-31", "2024-03-31", "2024-02-04", "2024-01-31"]])
        XCTAssertEqual(try cells("select add_months('2024-01-31'::date, 1), add_months('2024-02-29'::date, 1), add_months('2024-03-15'::date, -2), add_months(NULL, 1)"),
                       [["2024-02-29", "2024-03-31", "2024-01-15", "NULL"]])
        XCTAssertEqual(try cells("select dayname(d), monthname(d) from events order by id"), [["Wed", "Jan"], ["Thu", "Feb"], ["NULL", "NULL"]])
        assertError("select last_day(d, hour) from events",
                    "001007 (22023): SQL compilation error:\n['HOUR'] is not a valid date/time component for function LAST_DAY.")
    }

    func testToDateAndToTimestampFromStrings() throws {
        XCTAssertEqual(try cells("select to_date('2024-05-06'), to_date('06/05/2024', 'DD/MM/YYYY'), to_date('2024-05-06 10:00:00'), to_date('31-Dec-2024'), to_date('12/31/2024'), date('2024-5-6')"),
                       [["2024-05-06", "2024-05-06", "2024-05-06", "2024-12-31", "2024-12-31", "2024-05-06"]])
        XCTAssertEqual(try cells("select to_timestamp('2024-05-06 07:08:09'), to_timestamp_ntz('2024-05-06T07:08:09.5Z'), to_timestamp('06.05.2024 7:08 PM', 'DD.MM.YYYY HH12:MI AM'), to_timestamp('20240506 070809.123', 'YYYYMMDD HH24MISS.FF3'), to_timestamp('January 5, 2024', 'MMMM DD, YYYY')"),
                       [["2024-05-06 07:08:09.000", "2024-05-06 07:08:09.500", "2024-05-06 19:08:00.000", "2024-05-06 07:08:09.123", "2024-01-05 00:00:00.000"]])
        let zoned = try run("select to_timestamp_ltz('2024-05-06 07:08:09 +02:00'), to_timestamp_tz('2024-05-06 07:08:09 +02:00'), to_timestamp_tz('2024-05-06 07:08:09')")
        XCTAssertEqual(zoned.columns.map(\.type), [.timestampLTZ, .timestampTZ, .timestampTZ])
        XCTAssertEqual(zoned.rows.map { $0.map { $0.displayText() ?? "NULL" } },
                       [["2024-05-06 05:08:09.000", "2024-05-06 07:08:09.000 +0200", "2024-05-06 07:08:09.000"]])
    }

    func testEpochNumbersAndOtherInputs() throws {
        XCTAssertEqual(try cells("select to_timestamp(1700000000), to_timestamp(1700000000123, 3), to_timestamp('1700000000'), to_timestamp('1700000000123'), to_timestamp(1.5), to_date('1700000000')"),
                       [["2023-11-14 22:13:20.000", "2023-11-14 22:13:20.123", "2023-11-14 22:13:20.000", "2023-11-14 22:13:20.123", "1970-01-01 00:00:01.500", "2023-11-14"]])
        XCTAssertEqual(try cells("select to_date(ts), to_timestamp(d), to_date(NULL), to_timestamp(NULL), to_date(parse_json('\"2024-02-03\"')) from events where id = 1"),
                       [["2024-01-31", "2024-01-31 00:00:00.000", "NULL", "NULL", "2024-02-03"]])
        XCTAssertEqual(try cells("select to_time('10:00'), to_time('2024-01-01 11:12:13')"), [["10:00:00", "11:12:13"]])
    }

    func testConversionErrorsAndTryForms() throws {
        assertError("select to_date('abc')", "100040 (22007): Date 'abc' is not recognized")
        assertError("select to_timestamp('2024-13-01')", "100035 (22007): Timestamp '2024-13-01' is not recognized")
        assertError("select to_date('2024/01/01', 'YYYY-MM-DD')", "100096 (22007): Can't parse '2024/01/01' as date with format 'YYYY-MM-DD'")
        assertError("select to_timestamp('2024-02-30 10:00', 'YYYY-MM-DD HH24:MI')",
                    "100096 (22007): Can't parse '2024-02-30 10:00' as timestamp with format 'YYYY-MM-DD HH24:MI'")
        XCTAssertEqual(try cells("select try_to_date('abc'), try_to_date('2024/01/01', 'YYYY-MM-DD'), try_to_date('2024/01/01', 'YYYY/MM/DD'), try_to_timestamp('x'), try_to_timestamp_ntz('2024-01-01 10:00')"),
                       [["NULL", "NULL", "2024-01-01", "NULL", "2024-01-01 10:00:00.000"]])
    }

    func testToCharOfDatesAndTimestamps() throws {
        XCTAssertEqual(try cells("select to_char(d, 'YYYY/MM/DD'), to_char(ts, 'DD-MON-YYYY HH24:MI:SS.FF3'), to_char(ts, 'Mon DD, YYYY HH12:MI AM'), to_varchar(d), to_char(ts, 'YY\"q\"MMMM DY') from events order by id"),
                       [["2024/01/31", "31-Jan-2024 10:20:30.123", "Jan 31, 2024 10:20 AM", "2024-01-31", "24qJanuary Wed"],
                        ["2024/02/29", "01-Mar-2024 00:00:00.000", "Mar 01, 2024 12:00 AM", "2024-02-29", "24qMarch Fri"],
                        ["NULL", "NULL", "NULL", "NULL", "NULL"]])
        XCTAssertEqual(try cells("select to_char(t, 'HH12:MI PM'), to_char(ts, 'FF'), to_char(current_timestamp(), 'YYYY-MM-DD HH24:MI TZH:TZM') from events where id = 2"),
                       [["11:30 PM", "000000000", "2026-01-02 03:04 +00:00"]])
    }
}

/// Timestamps.ntz: the stored text of an instant, by calendar arithmetic (no Foundation Calendar).
final class TimestampTextTests: XCTestCase {
    func testInstantsAsStoredText() {
        let cases: [(TimeInterval, String)] = [
            (0, "1970-01-01 00:00:00.000"),
            (1_767_323_045.678, "2026-01-02 03:04:05.678"),
            (951_825_599.9994, "2000-02-29 11:59:59.999"),  // a leap day; to the nearest millisecond
            (951_825_599.9996, "2000-02-29 12:00:00.000"),  // which may be the next second
            (-1.5, "1969-12-31 23:59:58.500"),
            (-86_400_001, "1967-04-06 23:59:59.000"),
            (253_402_300_799, "9999-12-31 23:59:59.000"),
        ]
        for (seconds, text) in cases {
            XCTAssertEqual(Timestamps.ntz(Date(timeIntervalSince1970: seconds)), text, "\(seconds)")
        }
        XCTAssertEqual(Timestamps.catalog(Date(timeIntervalSince1970: 0)), "1970-01-01 00:00:00.000 +0000")
        XCTAssertEqual(Timestamps.date(Date(timeIntervalSince1970: 1_767_323_045.678)), "2026-01-02")
    }
}

final class ConvertTimezoneTests: EngineTestCase {
    func testTwoArgumentsGiveTheInstantInTheTargetZone() throws {
        XCTAssertEqual(try cells("""
            select convert_timezone('America/Los_Angeles', '2024-01-15 12:00:00 +0000'::timestamp_tz),
                   convert_timezone('America/Los_Angeles', '2024-07-15 12:00:00'::timestamp_ntz),
                   convert_timezone('Asia/Kolkata', current_timestamp()), convert_timezone('UTC', '2024-03-01 08:30:00 +0200'),
                   convert_timezone('Europe/Warsaw', NULL)
            """), [["2024-01-15 04:00:00.000 -0800", "2024-07-15 05:00:00.000 -0700", "2026-01-02 08:34:05.678 +0530",
                    "2024-03-01 06:30:00.000 +0000", "NULL"]])
        XCTAssertEqual(try run("select convert_timezone('UTC', current_timestamp())").columns.map(\.type), [.timestampTZ])
    }

    func testThreeArgumentsMoveAWallClockBetweenZones() throws {
        XCTAssertEqual(try cells("""
            select convert_timezone('America/Los_Angeles', 'America/New_York', '2024-01-15 09:00:00'::timestamp_ntz),
                   convert_timezone('Europe/Warsaw', 'UTC', '2024-03-31 12:00:00'), convert_timezone('Europe/Warsaw', 'UTC', '2024-03-30 12:00:00'),
                   convert_timezone('UTC', 'Asia/Tokyo', '2024-12-31 20:00:00'::timestamp_ntz)
            """), [["2024-01-15 12:00:00.000", "2024-03-31 10:00:00.000", "2024-03-30 11:00:00.000", "2025-01-01 05:00:00.000"]])
        XCTAssertEqual(try run("select convert_timezone('UTC', 'UTC', '2024-01-01 00:00:00')").columns.map(\.type), [.timestampNTZ])
    }

    func testErrors() throws {
        assertError("select convert_timezone('UTC', 'America/New_York', '2024-01-01 00:00:00 +0000'::timestamp_tz)", """
            001044 (42P13): SQL compilation error: error line 1 at position 7
            Invalid argument types for function 'CONVERT_TIMEZONE': (VARCHAR(3), VARCHAR(16), TIMESTAMP_TZ(9))
            """)
        assertError("select convert_timezone('UTC', current_date())", """
            001044 (42P13): SQL compilation error: error line 1 at position 7
            Invalid argument types for function 'CONVERT_TIMEZONE': (VARCHAR(3), DATE)
            """)
        assertError("select convert_timezone('Mars/Olympus', current_timestamp())",
                    "100049 (22023): Invalid value [Mars/Olympus] for function 'CONVERT_TIMEZONE', parameter 1: not a known time zone")
        assertError("select convert_timezone('UTC', 'Nowhere', '2024-01-01 00:00:00')",
                    "100049 (22023): Invalid value [Nowhere] for function 'CONVERT_TIMEZONE', parameter 2: not a known time zone")
    }
}

final class DateFromPartsTests: EngineTestCase {
    func testDateFromPartsCarriesOver() throws {
        XCTAssertEqual(try cells("""
            select date_from_parts(2024, 2, 29), date_from_parts(2004, 1, 0), date_from_parts(2004, 0, 1), date_from_parts(2010, 1, 100),
                   date_from_parts(2004, 14, -1), datefromparts(2024, '3', 1.4), date_from_parts(2024, NULL, 1)
            """), [["2024-02-29", "2003-12-31", "2003-12-01", "2010-04-10", "2005-01-30", "2024-03-01", "NULL"]])
        XCTAssertEqual(try run("select date_from_parts(2024, 1, 1)").columns.map(\.type), [.date])
        assertError("select date_from_parts(2024, 1)", """
            001044 (42P13): SQL compilation error: error line 1 at position 7
            Invalid argument types for function 'DATE_FROM_PARTS': (2 arguments)
            """)
        assertError("select date_from_parts(current_date(), 1, 1)", """
            001044 (42P13): SQL compilation error: error line 1 at position 7
            Invalid argument types for function 'DATE_FROM_PARTS': (DATE, NUMBER(38,0), NUMBER(38,0))
            """)
        assertError("select date_from_parts(9223372036854775807, 1, 1)",
                    "100049 (22023): Invalid value [9223372036854775807, 1, 1] for function 'DATE_FROM_PARTS', parameter 1: the parts give a value out of range")
    }

    func testTimeAndTimestampFromParts() throws {
        XCTAssertEqual(try cells("""
            select time_from_parts(12, 34, 56), time_from_parts(0, 100, 0), time_from_parts(25, 0, 0), time_from_parts(12, 0, -1),
                   timestamp_from_parts(2024, 1, 31, 23, 59, 60), timestamp_ntz_from_parts(2024, 1, 1, 0, 0, 0, 123456789),
                   timestamp_from_parts(2013, 4, 5, 12, 0, -3600), timestamp_from_parts('2024-05-06'::date, '07:08:09'::time),
                   timestamp_from_parts(2024, 1, 1, NULL, 0, 0)
            """), [["12:34:56", "01:40:00", "01:00:00", "11:59:59", "2024-02-01 00:00:00.000", "2024-01-01 00:00:00.123",
                    "2013-04-05 11:00:00.000", "2024-05-06 07:08:09.000", "NULL"]])
        XCTAssertEqual(try run("select time_from_parts(1, 2, 3), timestamp_from_parts(2024, 1, 1, 0, 0, 0)").columns.map(\.type),
                       [.time, .timestampNTZ])
        assertError("select timestamp_from_parts(2024, 1, 1, 0, 0, 0, 0, 'UTC')",
                    "001003 (42000): SQL compilation error:\nUnsupported feature 'TIMESTAMP_FROM_PARTS with a time zone'.")
        assertError("select timestamp_from_parts(2024, 1, 1)", """
            001044 (42P13): SQL compilation error: error line 1 at position 7
            Invalid argument types for function 'TIMESTAMP_FROM_PARTS': (3 arguments)
            """)
        assertError("select timestamp_from_parts(1, 2)", """
            001044 (42P13): SQL compilation error: error line 1 at position 7
            Invalid argument types for function 'TIMESTAMP_FROM_PARTS': (NUMBER(38,0), NUMBER(38,0))
            """)
    }

    func testNextDayAndPreviousDay() throws {
        // 2026-01-02 is a Friday.
        XCTAssertEqual(try cells("""
            select next_day(current_date(), 'Friday'), next_day(current_date(), 'mo'), previous_day(current_date(), 'fri'),
                   previous_day(current_date(), 'Th'), next_day('2024-02-28 10:00:00'::timestamp_ntz, 'thu'), next_day(NULL, 'mo'),
                   next_day(current_date(), NULL)
            """), [["2026-01-09", "2026-01-05", "2025-12-26", "2026-01-01", "2024-02-29", "NULL", "NULL"]])
        assertError("select next_day(current_date(), 'x')",
                    "100049 (22023): Invalid value [x] for function 'NEXT_DAY', parameter 2: not a day of the week")
        assertError("select previous_day(current_date(), 'someday')",
                    "100049 (22023): Invalid value [someday] for function 'PREVIOUS_DAY', parameter 2: not a day of the week")
        assertError("select next_day(5, 'mo')", """
            001044 (42P13): SQL compilation error: error line 1 at position 7
            Invalid argument types for function 'NEXT_DAY': (NUMBER(38,0))
            """)
    }
}
