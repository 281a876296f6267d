// TIMESTAMP_TZ keeps the offset a value is written with, and compares as the instant it names
// (review of issue 19: both were silent wrong results). `'… +0200'::timestamp_tz` keeps +0200 as
// TO_TIMESTAMP_TZ does; `::timestamp_ltz` moves to UTC by it; a TIMESTAMP_TZ read as TIMESTAMP_LTZ
// is moved by its offset; =, <, IN and BETWEEN between TIMESTAMP_TZ values (or with a
// TIMESTAMP_LTZ, or a string read as one) compare instants, not text; ORDER BY (and
// OVER (ORDER BY …)) sorts by instant.
// https://docs.snowflake.com/en/sql-reference/data-types-datetime#timestamp-ltz-timestamp-ntz-timestamp-tz

import XCTest

@testable import Engine

final class TimestampOffsetTests: EngineTestCase {
    func testCastsKeepOrApplyTheWrittenOffset() throws {
        XCTAssertEqual(
            try cells(
                """
                select '2024-03-01 08:30:00 +0200'::timestamp_tz, cast('2024-03-01 08:30:00 +02:00' as timestamp_tz),
                       '2024-03-01 08:30:00 +0200'::timestamp_ltz, to_timestamp_tz('2024-03-01 08:30:00 +0200')::timestamp_ltz,
                       try_cast('not a time' as timestamp_tz)
                """),
            [
                [
                    "2024-03-01 08:30:00.000 +0200", "2024-03-01 08:30:00.000 +0200", "2024-03-01 06:30:00.000",
                    "2024-03-01 06:30:00.000", "NULL",
                ]
            ])
    }

    func testTimestampTZValuesCompareAsInstants() throws {
        XCTAssertEqual(
            try cells(
                """
                select '2024-03-01 08:30:00 +0200'::timestamp_tz = to_timestamp_tz('2024-03-01 06:30:00 +0000'),
                       to_timestamp_tz('2024-03-01 08:30:00 +0200') < to_timestamp_tz('2024-03-01 07:00:00 +0000'),
                       to_timestamp_tz('2024-03-01 08:30:00 +0200') = '2024-03-01 07:30:00 +0100',
                       to_timestamp_tz('2024-03-01 08:30:00 +0200') in ('2024-03-01 06:30:00 Z', '2024-03-01 09:30:00 +0200'),
                       to_timestamp_tz('2024-03-01 08:30:00 +0200') between '2024-03-01 06:00:00 +0000' and '2024-03-01 07:00:00 +0000',
                       to_timestamp_tz('2024-03-01 08:30:00 +0200') = '2024-03-01 06:30:00'::timestamp_ltz
                """), [["True", "True", "True", "True", "True", "True"]])
    }

    func testAStoredOffsetSurvivesAndFilters() throws {
        try script(
            """
            create database d;
            create table meetings (at timestamp_tz);
            insert into meetings values ('2024-03-01 08:30:00 +0200'), ('2024-03-01 08:30:00 +0000')
            """)
        XCTAssertEqual(
            try cells("select at from meetings where at < '2024-03-01 08:00:00 +0000' order by at"),
            [["2024-03-01 08:30:00.000 +0200"]])
    }

    func testTimestampTZSortsByInstant() throws {
        try script(
            """
            create database d;
            create table meetings (name string, at timestamp_tz);
            insert into meetings values ('berlin', '2024-03-01 09:00:00 +0100'), ('tokyo', '2024-03-01 16:30:00 +0900'),
                                        ('london', '2024-03-01 08:45:00 +0000')
            """)
        // By text the order would be london, berlin, tokyo; by instant tokyo (07:30Z) is first.
        XCTAssertEqual(try cells("select name from meetings order by at"), [["tokyo"], ["berlin"], ["london"]])
        XCTAssertEqual(try cells("select name from meetings order by at desc"), [["london"], ["berlin"], ["tokyo"]])
        XCTAssertEqual(
            try cells("select name, row_number() over (order by at) from meetings order by 2"),
            [["tokyo", "1"], ["berlin", "2"], ["london", "3"]])
        XCTAssertEqual(
            try cells("select name from meetings union all select 'none' order by 1"),
            [["berlin"], ["london"], ["none"], ["tokyo"]])
    }
}
