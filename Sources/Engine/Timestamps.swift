// Timestamps: how times are stored and shown. Catalog times (`created_on`) and TIMESTAMP_NTZ values
// are stored as `YYYY-MM-DD HH:MM:SS.fff` UTC text so SQLite orders them correctly; snowsql shows
// them with three fraction digits (TIMESTAMP_OUTPUT_FORMAT default `YYYY-MM-DD HH24:MI:SS.FF3`).

import Foundation

public enum Timestamps {
    /// `2026-11-26 10:15:02.123` in UTC.
    public static func ntz(_ date: Date) -> String {
        // Whole milliseconds first, so 05.678 does not print as 05.677 through binary rounding.
        let totalMillis = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let millis = Int(((totalMillis % 1000) + 1000) % 1000)
        let seconds = Date(timeIntervalSince1970: TimeInterval((totalMillis - Int64(millis)) / 1000))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: seconds)
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d.%03d",
                      c.year ?? 1970, c.month ?? 1, c.day ?? 1, c.hour ?? 0, c.minute ?? 0, c.second ?? 0, millis)
    }

    /// `created_on` columns in SHOW output carry the session time zone (UTC here): `… -0800` style.
    public static func catalog(_ date: Date) -> String { ntz(date) + " +0000" }

    /// `YYYY-MM-DD`.
    public static func date(_ date: Date) -> String { String(ntz(date).prefix(10)) }
}
