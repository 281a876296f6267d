// SnowflakeError+Streams: the errors of streams (Streams/). A stream whose base table was dropped or
// replaced cannot be read (091901, Snowflake's words, located in the statement's text); a task
// whose WHEN condition is not true records its skipped run with 0040003, as TASK_HISTORY shows it.
// https://docs.snowflake.com/en/user-guide/streams-intro, …/sql-reference/functions/task_history

extension SnowflakeError {
    /// 091901: reading a stream whose base table (`table`, qualified) was dropped or recreated.
    static func streamBaseTableDropped(table: String, stream: String, line: Int, position: Int) -> SnowflakeError {
        SnowflakeError(
            code: "091901", sqlState: "01000",
            message: "Base table '\(table)' dropped, cannot read from stream '\(stream)' in line \(line) position \(position)")
    }

    /// 0040003: what TASK_HISTORY records for a run SKIPPED because its WHEN condition was not true.
    static let taskConditionFalse = SnowflakeError(
        code: "0040003", sqlState: "01000",
        message: "Conditional expression for task evaluated to false.")

    /// 001007: a stream on a view whose query Snowlite cannot track [?: wording chosen]: only a
    /// projection and filter of one table is supported.
    static func streamOnViewUnsupported(_ view: String, reason: String) -> SnowflakeError {
        compilationError("Change tracking is not supported on view '\(view)': \(reason).")
    }
}

/// Raised while translating a read of a stale stream; the session locates `written` in the
/// statement's text and reports 091901 (Session.reported).
struct StaleStream: Error {
    var table: String
    var stream: String
    var written: String
}
