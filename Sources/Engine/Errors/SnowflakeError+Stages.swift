// SnowflakeError+Stages: the errors of PUT and GET on the client's side of a stage. Snowflake's
// drivers raise them in the 2530xx range with no SQLSTATE, so snowsql prints them as
// `253006: File doesn't exist: ['…']` (SnowflakeError.description leaves the parentheses out).
// The errors of the stage itself (missing, not authorized) are the usual compilation errors.
// Loading and unloading (COPY INTO, staged-file queries) have theirs below: a row's error names its
// file, line, character, row and column as Snowflake's do (the COPY transcripts in the research
// notes); wording marked [?] is ours where no Snowflake text was found.
// https://docs.snowflake.com/en/sql-reference/sql/put, …/get, …/copy-into-table

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

    // MARK: - Loading (COPY INTO <table>, staged-file queries)

    /// The line ABORT_STATEMENT appends to a row's error.
    static let continueLoadingHint = "If you would like to continue loading when an error is encountered, use other values such as "
        + "'SKIP_FILE' or 'CONTINUE' for the ON_ERROR option. For more information on loading options, please run "
        + "'info loading_data' in a SQL client."

    /// A row's error as the statement's error: its own code and text, then where it is.
    /// `hint` adds the ON_ERROR sentence (COPY under ABORT_STATEMENT; not VALIDATION_MODE).
    static func loadRowFailed(_ error: SnowflakeError, file: String, line: Int, character: Int, row: Int, rowStartLine: Int,
                              column: String?, hint: Bool) -> SnowflakeError {
        var message = error.message + "\n  File '\(file)', line \(line), character \(character)"
        let rowText = rowStartLine == line ? "Row \(row)" : "Row \(row) starts at line \(rowStartLine)"
        message += "\n  " + rowText + (column.map { ", column \($0)" } ?? "")
        if hint { message += "\n  " + continueLoadingHint }
        return SnowflakeError(code: error.code, sqlState: error.sqlState, message: message)
    }

    /// A CSV record with more or fewer fields than the table has columns [? code; the text is Snowflake's].
    static func columnCountMismatch(file: Int, table: Int) -> SnowflakeError {
        SnowflakeError(code: "100080", sqlState: "22000",
                       message: "Number of columns in file (\(file)) does not match that of the corresponding table (\(table)), "
                           + "use file format option error_on_column_count_mismatch=false to ignore this error")
    }

    /// A quoted field that never ends [? wording and code].
    static let unterminatedQuotedField = SnowflakeError(code: "100016", sqlState: "22000",
                                                        message: "End of file reached while parsing a quoted field")

    /// Text after a quoted field's closing quote [? code; the form of Snowflake's parsing errors].
    static func expectedDelimiter(found: String, delimiter: String) -> SnowflakeError {
        SnowflakeError(code: "100016", sqlState: "22000",
                       message: "Found character '\(found)' instead of field delimiter '\(delimiter)'")
    }

    /// A loaded value of more than 16 MB, Snowflake's largest [? code; the text is Snowflake's].
    static func maxLOBSizeExceeded(_ bytes: Int) -> SnowflakeError {
        SnowflakeError(code: "100082", sqlState: "22000",
                       message: "Max LOB size (16777216) exceeded, actual size of parsed column is \(bytes)")
    }

    /// A JSON document of more than 16 MB.
    static let jsonDocumentTooLarge = SnowflakeError(code: "100069", sqlState: "22P02",
                                                     message: "Error parsing JSON: document is too large, max size 16777216 bytes")

    /// A compressed file that does not decompress [? wording and code].
    static func badCompressedFile(_ file: String, compression: String) -> SnowflakeError {
        SnowflakeError(code: "100075", sqlState: "22000", message: "Failed to decompress file '\(file)' as \(compression)")
    }

    /// A JSON document whose object holds a key twice, loaded with ALLOW_DUPLICATE = FALSE (Snowflake's
    /// text, without the position it adds).
    static func duplicateJSONKey(_ key: String) -> SnowflakeError {
        SnowflakeError(code: "100069", sqlState: "22P02", message: "Error parsing JSON: duplicate object attribute \"\(key)\"")
    }

    /// A JSON document that is not an object, loaded with MATCH_BY_COLUMN_NAME: a row's error, like
    /// the JSON parsing errors beside it [? wording and code].
    static let matchNeedsObject = SnowflakeError(code: "100069", sqlState: "22P02",
                                                 message: "MATCH_BY_COLUMN_NAME needs each JSON document to be an object")

    /// JSON (or PARQUET) loaded without a transformation into a table of more than one column.
    static let jsonNeedsOneColumn = SnowflakeError(
        code: "002019", sqlState: "0A000",
        message: "\(compilation)\nJSON file format can produce one and only one column of type variant, object, or array. "
            + "Load data into separate columns using the MATCH_BY_COLUMN_NAME copy option or copy with transformation.")

    /// FILES names a file the stage does not hold.
    static func remoteFileNotFound(_ path: String) -> SnowflakeError {
        SnowflakeError(code: "091016", sqlState: "22000",
                       message: "Remote file '\(path)' was not found. If you are running a copy command, please make sure files "
                           + "are not deleted when they are being loaded or files are not being loaded into two different "
                           + "tables concurrently with auto purge option.")
    }

    // MARK: - Unloading (COPY INTO <location>)

    /// Unloading onto files that exist, without OVERWRITE [? code; the text is Snowflake's].
    static func unloadFilesExist(_ location: String) -> SnowflakeError {
        SnowflakeError(code: "100176", sqlState: "22000",
                       message: "Files already existing at the unload destination: \(location). Use overwrite option to force unloading.")
    }

    // MARK: - Recursive queries

    /// A recursive CTE still producing rows after 100 iterations.
    static let recursionLimit = SnowflakeError(code: "100189", sqlState: "22000",
                                               message: "Recursion exceeded max iteration count (100).")
}
