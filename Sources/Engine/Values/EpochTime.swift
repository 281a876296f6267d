// EpochTime: dates, times and timestamps as numbers counted from 1970-01-01, the way Snowflake's
// drivers send bound values (DATE in milliseconds, TIME and TIMESTAMP in nanoseconds) and read
// result cells (days; seconds and a fraction; a time zone offset in minutes). Snowlite keeps these
// values as text (`2024-01-01 12:34:56.123 +0100`, Timestamps.swift); this is the one place that
// converts between the two. A timestamp with an offset is an instant: its epoch is UTC's, and the
// offset says how to show it. One without (TIMESTAMP_NTZ) is a wall-clock time read as if UTC.

public enum EpochTime {
    /// A timestamp as a driver counts it.
    public struct Instant: Sendable, Equatable {
        /// Whole seconds since 1970-01-01 00:00:00 UTC (floor, so negative times count down).
        public var seconds: Int64
        /// Nanoseconds past `seconds`, 0 ..< 1,000,000,000.
        public var nanos: Int64
        /// The value's offset from UTC in minutes; nil for a value without one.
        public var offsetMinutes: Int?

        public var epochNanos: Int64 { seconds &* 1_000_000_000 &+ nanos }
    }

    /// Days since 1970-01-01 of a DATE's text.
    public static func days(ofDate text: String) -> Int? {
        CivilTime.parse(text)?.days
    }

    /// Nanoseconds since midnight of a TIME's text.
    public static func nanos(ofTime text: String) -> Int64? {
        CivilTime.parse(text)?.nanos
    }

    /// A timestamp's text as an instant.
    public static func instant(ofTimestamp text: String) -> Instant? {
        guard let civil = CivilTime.parse(text) else { return nil }
        let offset = civil.offset.flatMap(minutes(ofOffset:))
        let wall = Int64(civil.days) * 86_400 + civil.nanos / 1_000_000_000
        return Instant(seconds: wall - Int64(offset ?? 0) * 60, nanos: civil.nanos % 1_000_000_000, offsetMinutes: offset)
    }

    /// The text of the DATE `days` after 1970-01-01; nil beyond the years Snowlite stores.
    public static func dateText(days: Int) -> String? {
        guard CivilTime.dayRange.contains(days) else { return nil }
        return CivilTime(days: days).text(.date)
    }

    /// The text of the TIME `nanos` after midnight; nil outside a day.
    public static func timeText(nanos: Int64) -> String? {
        guard (0..<CivilTime.nanosPerDay).contains(nanos) else { return nil }
        return CivilTime(days: 0, nanos: nanos).text(.time)
    }

    /// The text of the timestamp `epochNanos` after 1970-01-01 UTC, shown at `offsetMinutes` from
    /// UTC (with the offset written) or, when nil, as a wall-clock time.
    public static func timestampText(epochNanos: Int64, offsetMinutes: Int?) -> String? {
        let shifted = epochNanos.addingReportingOverflow(Int64(offsetMinutes ?? 0) * 60_000_000_000)
        guard !shifted.overflow else { return nil }
        var days = shifted.partialValue / CivilTime.nanosPerDay
        var nanos = shifted.partialValue % CivilTime.nanosPerDay
        if nanos < 0 { nanos += CivilTime.nanosPerDay; days -= 1 }
        guard CivilTime.dayRange.contains(Int(days)) else { return nil }
        let civil = CivilTime(days: Int(days), nanos: nanos, offset: offsetMinutes.map(offsetText(minutes:)))
        return civil.text(.timestamp)
    }

    /// `+0100` → 60, `-0530` → -330.
    static func minutes(ofOffset text: String) -> Int? {
        let bytes = Array(text.utf8)
        guard bytes.count == 5, bytes[0] == 43 || bytes[0] == 45,
              let hours = Int(String(decoding: bytes[1...2], as: UTF8.self)),
              let minutes = Int(String(decoding: bytes[3...4], as: UTF8.self)) else { return nil }
        return (bytes[0] == 45 ? -1 : 1) * (hours * 60 + minutes)
    }

    /// 60 → `+0100`, -330 → `-0530`.
    static func offsetText(minutes: Int) -> String {
        let magnitude = abs(minutes)
        let hours = String(magnitude / 60), mins = String(magnitude % 60)
        return (minutes < 0 ? "-" : "+") + (hours.count < 2 ? "0" + hours : hours) + (mins.count < 2 ? "0" + mins : mins)
    }
}
