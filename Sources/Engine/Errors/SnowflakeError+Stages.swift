// SnowflakeError+Stages: the errors of PUT and GET on the client's side of a stage. Snowflake's
// drivers raise them in the 2530xx range with no SQLSTATE, so snowsql prints them as
// `253006: File doesn't exist: ['…']` (SnowflakeError.description leaves the parentheses out).
// The errors of the stage itself (missing, not authorized) are the usual compilation errors.
// https://docs.snowflake.com/en/sql-reference/sql/put, …/get

extension SnowflakeError {
    // MARK: - Reading local files (PUT)

    /// 253006: PUT whose file name or wildcard pattern matches no file. The name is quoted as
    /// written, inside the brackets of the list of sources the driver was given.
    static func localFilesNotFound(_ written: String) -> SnowflakeError {
        SnowflakeError(code: "253006", sqlState: "", message: "File doesn't exist: ['\(written)']")
    }

    /// 253006: PUT of a name that matches a directory.
    static func localFileIsDirectory(_ path: String) -> SnowflakeError {
        SnowflakeError(code: "253006", sqlState: "", message: "Not a file but a directory: \(path)")
    }

    /// 253006: a matched file that could not be read (it went away between matching and reading,
    /// or may not be read); the path is the absolute one, without brackets.
    static func localFileNotFound(_ path: String) -> SnowflakeError {
        SnowflakeError(code: "253006", sqlState: "", message: "File doesn't exist: \(path)")
    }

    // MARK: - Writing local files (GET)

    /// 253005: GET into a local path that is a file, or a directory that cannot be created (GET
    /// creates the directory and its parents when they are missing).
    static func localPathNotDirectory(_ path: String) -> SnowflakeError {
        SnowflakeError(code: "253005", sqlState: "", message: "The local path is not a directory: \(path)")
    }

    /// 253002: GET could not write a downloaded file into the local directory; Snowflake's driver
    /// wraps the cause in its "While getting file(s)" sentence.
    static func localFileNotWritten(_ path: String) -> SnowflakeError {
        SnowflakeError(code: "253002", sqlState: "", message: "While getting file(s) there was an error: 'cannot write \(path)'")
    }
}
