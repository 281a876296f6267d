// Executor+CopyFiles: one staged file through a COPY — its rows made ready (FileRows: read, matched to
// the target columns, converted; on a reader thread when nothing in the SQL can fail), inserted
// (TableLoad), and every bad row handed on with what Snowflake reports of it (RowError); `loadFile`
// applies ON_ERROR to them.

import Foundation
import GRDB
import SnowSQL

extension Executor {
    /// Loads `file` under ON_ERROR; ABORT_STATEMENT throws the first bad row's error.
    func loadFile(_ file: LoadFile, format: FileFormat, load: TableLoad, options: CopyOptions) throws -> FileLoad {
        var outcome = FileLoad(file: file.listedName)
        try db.execute(sql: "SAVEPOINT snowlite_copy_file")
        var skipping = false
        do {
            (outcome.rowsParsed, outcome.rowsLoaded) = try scanFile(file, format: format, load: load, match: options.match) { error in
                outcome.errorsSeen += 1
                if outcome.firstError == nil {
                    outcome.firstError = error.error
                    (outcome.firstErrorLine, outcome.firstErrorCharacter, outcome.firstErrorColumn) = (error.line, error.character, error.column)
                }
                switch options.onError {
                case .abortStatement:
                    throw SnowflakeError.loadRowFailed(
                        error.error, file: file.listedName, line: error.line, character: error.character,
                        row: error.row, rowStartLine: error.rowStartLine, column: error.column, hint: true)
                case .skipFile(let errors) where outcome.errorsSeen >= errors:
                    skipping = true
                    return false
                default: break
                }
                return true
            }
        } catch let error as RowLevelAbort {
            try? db.execute(sql: "ROLLBACK TO snowlite_copy_file")
            try? db.execute(sql: "RELEASE snowlite_copy_file")
            throw error.error
        } catch let error as SnowflakeError where options.onError != .abortStatement {
            // The file itself could not be read (decompression): it fails as a whole.
            outcome.errorsSeen += 1
            outcome.firstError = outcome.firstError ?? error
            skipping = true
        }
        if skipping || options.skipsFile(errors: outcome.errorsSeen, rows: outcome.rowsParsed) {
            try db.execute(sql: "ROLLBACK TO snowlite_copy_file")
            outcome.rowsLoaded = 0
        }
        try db.execute(sql: "RELEASE snowlite_copy_file")
        outcome.settle(options)
        return outcome
    }

    /// Reads `file`'s rows into `load` (at most `limit` rows when given) and hands each bad row to
    /// `onError`, which may throw to stop, or answer false to read on without inserting (to count
    /// rows and errors). Returns the rows parsed and loaded. A file that cannot be read at all throws.
    /// When nothing in the SQL can fail (TableLoad.batchable), a reader thread parses and converts
    /// while this one inserts.
    func scanFile(
        _ file: LoadFile, format: FileFormat, load: TableLoad, match: CopyOptions.ColumnMatch, limit: Int? = nil,
        onError: (RowError) throws -> Bool
    ) throws -> (parsed: Int, loaded: Int) {
        var rows = FileRows(
            bytes: try stagedContent(file, format: format), format: format, table: load.table.name,
            targets: load.targets, conversion: load.conversion, match: match, keepContext: !load.batchable,
            limit: limit)
        var (parsed, loaded) = (0, 0)
        var inserting = true
        // A bad row goes to onError; what it throws ends the scan as the row's own error.
        func report(_ error: RowError) throws {
            do { inserting = try onError(error) && inserting } catch let error as SnowflakeError { throw RowLevelAbort(error: error) }
        }
        func take(_ row: ScannedRow) throws {
            parsed += 1
            switch row {
            case .failure(let error): try report(error)
            case .row(let values, let context):
                guard inserting else { return }
                do {
                    try load.insertConverted(values)
                    loaded += 1
                } catch let failure as TableLoad.Failure {
                    // Only an unbatched row's INSERT can fail here: name its column from its context.
                    guard let context else { throw failure.error }
                    let index = failure.column ?? load.failingColumn(context.values, db: db) ?? 0
                    let field = context.fieldOf[index] ?? 0
                    let at = field < context.record.valueOffsets.count ? context.record.valueOffsets[field] : context.record.offset
                    try report(
                        rows.error(
                            failure.error, record: context.record.offset, line: context.record.line, at: at,
                            row: context.record.rowNumber, column: rows.column(index), category: "conversion"))
                }
            }
        }
        if load.batchable {
            let channel = RowChannel()
            channel.start(rows)
            defer { channel.stop() }
            while let chunk = channel.take() {
                for row in chunk { try take(row) }
            }
        } else {
            while let row = rows.next() { try take(row) }
        }
        try load.flush()
        return (parsed, loaded)
    }
}

/// A bad row's error on its way out of a scan, apart from errors reading the file itself.
struct RowLevelAbort: Error {
    var error: SnowflakeError
}
