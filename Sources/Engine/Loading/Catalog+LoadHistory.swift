// Catalog+LoadHistory: COPY INTO <table>'s load metadata, as Snowflake keeps it per table — which
// staged file (by its name and its content's md5) was loaded, with what result. A file already
// LOADED or PARTIALLY_LOADED with the same md5 is skipped by the next COPY unless FORCE; one that
// failed is tried again. Rows live under the table's load token (Executor+CopyIntoTable gives a
// table one at its first COPY), so a table dropped and created again, or cloned, starts with none.
// Snowflake forgets metadata after 64 days; Snowlite keeps it (README.md says so).
// https://docs.snowflake.com/en/user-guide/data-load-considerations-load#loading-older-files

import GRDB

/// One file's outcome in one COPY.
struct LoadRecord {
    var fileName: String
    var stageLocation: String
    var md5: String
    var fileSize: Int64
    var status: String
    var rowsLoaded: Int
    var rowsParsed: Int
    var firstError: String?
    var firstErrorLine: Int?
    var firstErrorCharacter: Int?
    var firstErrorColumn: String?
    var errorsSeen: Int
    var errorLimit: Int
}

extension Catalog {
    /// The table property holding its load token.
    static let loadTokenProperty = "load_token"

    /// Whether `fileName` with this content was loaded (fully or in part) into the table of `token`.
    func wasLoaded(token: String, fileName: String, md5: String) throws -> Bool {
        try Bool.fetchOne(
            db,
            sql: """
                SELECT EXISTS (SELECT 1 FROM sl_load_history WHERE load_token = ? AND file_name = ? AND md5 = ?
                               AND status IN ('LOADED', 'PARTIALLY_LOADED'))
                """, arguments: [token, fileName, md5]) ?? false
    }

    func recordLoad(_ record: LoadRecord, token: String, table: ObjectRecord, at time: String) throws {
        try db.execute(
            sql: """
                INSERT INTO sl_load_history (load_token, database_name, schema_name, table_name, file_name, stage_location, md5,
                    file_size, status, row_count, row_parsed, first_error_message, first_error_line_number,
                    first_error_character_position, first_error_col_name, error_count, error_limit, last_load_time)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                token, table.database, table.schema, table.name, record.fileName, record.stageLocation, record.md5,
                record.fileSize, record.status, record.rowsLoaded, record.rowsParsed, record.firstError,
                record.firstErrorLine, record.firstErrorCharacter, record.firstErrorColumn, record.errorsSeen,
                record.errorLimit, time,
            ])
    }

    /// Drops the load history of a table that is dropped.
    func forgetLoads(token: String) throws {
        try db.execute(sql: "DELETE FROM sl_load_history WHERE load_token = ?", arguments: [token])
    }

    /// The load history of the tables whose current load token is among `tokens`, oldest first:
    /// (table's database, schema, name, and the record, its load time).
    func loadHistory(tokens: [String]) throws -> [(database: String, schema: String, table: String, record: LoadRecord, time: String)] {
        guard !tokens.isEmpty else { return [] }
        let marks = Array(repeating: "?", count: tokens.count).joined(separator: ", ")
        return try Row.fetchAll(
            db,
            sql: """
                SELECT * FROM sl_load_history WHERE load_token IN (\(marks)) ORDER BY id
                """, arguments: StatementArguments(tokens)
        ).map { row in
            (
                row["database_name"], row["schema_name"], row["table_name"],
                LoadRecord(
                    fileName: row["file_name"], stageLocation: row["stage_location"], md5: row["md5"],
                    fileSize: row["file_size"], status: row["status"], rowsLoaded: row["row_count"],
                    rowsParsed: row["row_parsed"], firstError: row["first_error_message"],
                    firstErrorLine: row["first_error_line_number"], firstErrorCharacter: row["first_error_character_position"],
                    firstErrorColumn: row["first_error_col_name"], errorsSeen: row["error_count"],
                    errorLimit: row["error_limit"]), row["last_load_time"]
            )
        }
    }
}
