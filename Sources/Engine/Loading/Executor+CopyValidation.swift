// Executor+CopyValidation: COPY INTO <table> … VALIDATION_MODE — the files are read and nothing is
// loaded. RETURN_n_ROWS answers the first n rows as the table would hold them, or fails at the
// first bad row (its error without the ON_ERROR sentence); RETURN_ERRORS and RETURN_ALL_ERRORS
// answer every bad row in Snowflake's twelve columns. Load metadata is neither read past (files
// loaded before are skipped, as a load would skip them) nor written.
// https://docs.snowflake.com/en/sql-reference/sql/copy-into-table#optional-parameters (VALIDATION_MODE)

import GRDB
import SnowSQL

extension Executor {
    static let validationErrorColumns: [ResultColumn] = [
        ResultColumn("ERROR", .string), ResultColumn("FILE", .string), ResultColumn("LINE", .integer),
        ResultColumn("CHARACTER", .integer), ResultColumn("BYTE_OFFSET", .integer), ResultColumn("CATEGORY", .string),
        ResultColumn("CODE", .integer), ResultColumn("SQL_STATE", .string), ResultColumn("COLUMN_NAME", .string),
        ResultColumn("ROW_NUMBER", .integer), ResultColumn("ROW_START_LINE", .integer), ResultColumn("REJECTED_RECORD", .string),
    ]

    func validateCopy(
        _ files: [LoadFile], missing: [MissingStagedFile], validation: CopyOptions.Validation,
        table: ObjectRecord, columns: [ColumnRecord], targets: [ColumnRecord], format: FileFormat,
        options: CopyOptions
    ) throws -> ResultSet {
        if let first = missing.first { throw SnowflakeError.remoteFileNotFound(first.shownName) }
        let load = try TableLoad(
            executor: self, table: table, columns: columns, targets: targets,
            valueType: format.type == "JSON" ? .variant : .string, truncateColumns: options.truncateColumns)
        try db.execute(sql: "SAVEPOINT snowlite_copy_validation")
        defer {
            try? db.execute(sql: "ROLLBACK TO snowlite_copy_validation")
            try? db.execute(sql: "RELEASE snowlite_copy_validation")
        }
        do {
            return try validate(files, validation: validation, table: table, targets: targets, format: format, options: options, load: load)
        } catch let abort as RowLevelAbort { throw abort.error }
    }

    private func validate(
        _ files: [LoadFile], validation: CopyOptions.Validation, table: ObjectRecord, targets: [ColumnRecord],
        format: FileFormat, options: CopyOptions, load: TableLoad
    ) throws -> ResultSet {
        switch validation {
        case .rows(let n):
            let storage = quote(table.storageName ?? table.qualifiedName)
            // The rows are inserted (and rolled back after): the new ones are read back as stored.
            let before = try Int64.fetchOne(db, sql: "SELECT max(rowid) FROM \(storage)") ?? 0
            var left = n
            for file in files where left > 0 {
                // Each row is converted as the insert would convert it; the first bad one ends the statement.
                let (parsed, _) = try scanFile(file, format: format, load: load, match: options.match, limit: left) { error in
                    throw SnowflakeError.loadRowFailed(
                        error.error, file: file.listedName, line: error.line, character: error.character,
                        row: error.row, rowStartLine: error.rowStartLine, column: error.column,
                        hint: false)
                }
                left -= parsed
            }
            let names = targets.map { quote($0.name) }.joined(separator: ", ")
            let stored = try Row.fetchAll(
                db, sql: "SELECT \(names) FROM \(storage) WHERE rowid > ? ORDER BY rowid LIMIT ?",
                arguments: [before, n])
            let rows = stored.map { row in targets.enumerated().map { ValueCoding.value(row[$0] as DatabaseValue, as: $1.type) } }
            return ResultSet(columns: targets.map { ResultColumn($0.name, $0.type) }, rows: rows)
        case .errors, .allErrors:
            var rows: [[Value]] = []
            for file in files {
                _ = try scanFile(file, format: format, load: load, match: options.match) { error in
                    rows.append([
                        .string(error.error.message), .string(file.listedName), .integer(Int64(error.line)),
                        .integer(Int64(error.character)), .integer(Int64(error.byteOffset)), .string(error.category),
                        .integer(Int64(error.error.code) ?? 0), .string(error.error.sqlState),
                        error.column.map { .string($0) } ?? .null, .integer(Int64(error.row)),
                        .integer(Int64(error.rowStartLine)), .string(error.rejected),
                    ])
                    return true
                }
            }
            return ResultSet(columns: Executor.validationErrorColumns, rows: rows)
        }
    }
}
