// Timestamps: how times are stored and shown. Catalog times (`created_on`) and TIMESTAMP_NTZ values
// are stored as `YYYY-MM-DD HH:MM:SS.fff` UTC text so SQLite orders them correctly; snowsql shows
// them with three fraction digits (TIMESTAMP_OUTPUT_FORMAT default `YYYY-MM-DD HH24:MI:SS.FF3`).

import Foundation

public enum Timestamps {
    /// `2026-11-26 10:15:02.123` in UTC. Calendar arithmetic (CivilTime), not Foundation's Calendar:
    /// building a Calendar loads ICU's time zone data, a tenth of a `select 1` process's time.
    public static func ntz(_ date: Date) -> String {
        // Whole milliseconds first, so 05.678 does not print as 05.677 through binary rounding.
        let totalMillis = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let millisPerDay: Int64 = 86_400_000
        let days = totalMillis >= 0 ? totalMillis / millisPerDay : (totalMillis - millisPerDay + 1) / millisPerDay
        return CivilTime(days: Int(days), nanos: (totalMillis - days * millisPerDay) * 1_000_000).text(.timestamp)
    }

    /// `created_on` columns in SHOW output carry the session time zone (UTC here): `… -0800` style.
    public static func catalog(_ date: Date) -> String { ntz(date) + " +0000" }

    /// `YYYY-MM-DD`.
    public static func date(_ date: Date) -> String { String(ntz(date).prefix(10)) }
}
