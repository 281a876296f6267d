// Executor+CopyFiles: one staged file through a COPY — its rows read (StagedRecords), matched to the
// target columns (by position, by PARSE_HEADER's names, or by a JSON object's keys), inserted
// (TableLoad), and every bad row described as Snowflake describes it: its error, line, character,
// byte offset, row number, the line its row starts on, the column as `"T"["COL":k]`, a category
// (`parsing` or `conversion`) and the record as written. `loadFile` applies ON_ERROR to them.

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
        if case .skipFilePercent(let percent) = options.onError,
            Double(outcome.errorsSeen) > percent / 100 * Double(outcome.rowsParsed)
        {
            skipping = true
        }
        outcome.errorLimit = options.errorLimit(rowsParsed: outcome.rowsParsed)
        if skipping {
            try db.execute(sql: "ROLLBACK TO snowlite_copy_file")
            outcome.rowsLoaded = 0
        }
        try db.execute(sql: "RELEASE snowlite_copy_file")
        if outcome.errorsSeen > 0 { outcome.status = outcome.rowsLoaded > 0 ? "PARTIALLY_LOADED" : "LOAD_FAILED" }
        return outcome
    }

    /// Reads `file`'s rows into `load` (at most `limit` rows when given) and hands each bad row to
    /// `onError`, which may throw to stop, or answer false to read on without inserting (to count
    /// rows and errors). Returns the rows parsed and loaded. A file that cannot be read at all throws.
    func scanFile(
        _ file: LoadFile, format: FileFormat, load: TableLoad, match: CopyOptions.ColumnMatch, limit: Int? = nil,
        onError: (RowError) throws -> Bool
    ) throws -> (parsed: Int, loaded: Int) {
        let bytes = try stagedContent(file, format: format)
        var records = StagedRecords(bytes: bytes, format: format)
        var places = PlaceFinder(bytes: bytes)
        let table = SQLPrinter.quoteIdentifier(load.table.name)
        let headerIndexes = match == .none ? nil : records.header.map { Executor.matched(load.targets, to: $0, match) }
        var (parsed, loaded) = (0, 0)
        var inserting = true
        func report(
            _ error: SnowflakeError, record offset: Int, line: Int, at errorOffset: Int, row: Int, column: String?,
            category: String
        ) throws {
            let place = places.place(of: errorOffset)
            do {
                inserting =
                    try onError(
                        RowError(
                            error: error, line: place.line, character: place.character, byteOffset: errorOffset, row: row,
                            rowStartLine: line, column: column, category: category,
                            rejected: Executor.lineText(at: offset, in: bytes))) && inserting
            } catch let error as SnowflakeError { throw RowLevelAbort(error: error) }
        }
        while let item = records.next() {
            if let limit, parsed >= limit { break }
            parsed += 1
            let record: StagedRecord
            switch item {
            case .failure(let failure):
                try report(
                    failure.error, record: failure.offset, line: failure.line, at: failure.errorOffset, row: failure.rowNumber,
                    column: nil, category: "parsing")
                continue
            case .record(let read): record = read
            }
            // Which field (or JSON member) each target takes.
            var values: [String?]
            var fieldOf: [Int?] = Array(load.targets.indices)
            if format.type == "JSON" && match != .none {
                guard let members = Executor.members(record.values.first ?? nil, load.targets, match) else {
                    try report(
                        SnowflakeError.compilationError("MATCH_BY_COLUMN_NAME needs each JSON document to be an object."),
                        record: record.offset, line: record.line, at: record.offset, row: record.rowNumber, column: nil,
                        category: "parsing")
                    continue
                }
                values = members
                fieldOf = load.targets.map { _ in 0 }
            } else if let headerIndexes {
                values = headerIndexes.map { index in index.flatMap { $0 < record.values.count ? record.values[$0] : nil } }
                fieldOf = headerIndexes
            } else {
                values = record.values
                if values.count != load.targets.count {
                    if format.flag("ERROR_ON_COLUMN_COUNT_MISMATCH") && format.type == "CSV" {
                        let count = values.count
                        let column =
                            count > load.targets.count
                            ? "\(table)[\(count)]"
                            : "\(table)[\(SQLPrinter.quoteIdentifier(load.targets[max(count - 1, 0)].name)):\(count)]"
                        try report(
                            SnowflakeError.columnCountMismatch(file: count, table: load.targets.count), record: record.offset,
                            line: record.line, at: record.offset, row: record.rowNumber, column: column, category: "parsing")
                        continue
                    }
                    values = Array(values.prefix(load.targets.count))
                    values += Array(repeating: nil, count: load.targets.count - values.count)
                }
            }
            guard inserting else { continue }
            do {
                try load.insert(values)
                loaded += 1
            } catch let failure as TableLoad.Failure {
                let error = failure.error
                let index = failure.column ?? load.failingColumn(values, db: db) ?? 0
                let field = fieldOf[index] ?? 0
                let at = field < record.valueOffsets.count ? record.valueOffsets[field] : record.offset
                let column = "\(table)[\(SQLPrinter.quoteIdentifier(load.targets[index].name)):\(index + 1)]"
                try report(
                    error, record: record.offset, line: record.line, at: at, row: record.rowNumber, column: column,
                    category: "conversion")
            }
        }
        try load.flush()
        return (parsed, loaded)
    }

    /// For each target, the index of the header name it matches (nil: none; it loads NULL).
    static func matched(_ targets: [ColumnRecord], to header: [String], _ match: CopyOptions.ColumnMatch) -> [Int?] {
        targets.map { column in
            header.firstIndex { match == .caseSensitive ? $0 == column.name : $0.uppercased() == column.name.uppercased() }
        }
    }

    /// A JSON object's members for each target, as VARIANT text (nil: no such key); nil when the
    /// document is not an object.
    static func members(_ variant: String?, _ targets: [ColumnRecord], _ match: CopyOptions.ColumnMatch) -> [String?]? {
        guard let variant, case .object(let pairs)? = try? JSONText.parse(variant) else { return nil }
        return targets.map { column in
            let member = pairs.last { match == .caseSensitive ? $0.0 == column.name : $0.0.uppercased() == column.name.uppercased() }
            return member.map { Variant.canonical($0.1) }
        }
    }
}

/// A bad row's error on its way out of a scan, apart from errors reading the file itself.
struct RowLevelAbort: Error {
    var error: SnowflakeError
}
