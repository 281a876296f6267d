// Executor+CopyIntoTable: COPY INTO <table> FROM @stage — each staged file's rows into the table,
// one result row per file (file, status, rows_parsed, rows_loaded, error_limit, errors_seen and the
// first error's text, line, character and column), as Snowflake reports a load.
//
// - Load metadata (Catalog+LoadHistory): a file loaded before with the same md5 is skipped unless
//   FORCE; when nothing is left: `Copy executed with 0 files processed.`
// - ON_ERROR: ABORT_STATEMENT (the default) fails the statement at the first bad row — the
//   statement is atomic, so nothing is loaded; CONTINUE skips bad rows; SKIP_FILE[_n[%]] undoes a
//   file's rows (a savepoint per file) once its error rows reach n (or n percent).
// - MATCH_BY_COLUMN_NAME loads CSV by PARSE_HEADER's names and JSON by object keys.
// - VALIDATION_MODE (Executor+CopyValidation) reads without loading.
// - The transforming form, COPY INTO t FROM (SELECT … FROM @s), is Executor+CopyTransform.
// https://docs.snowflake.com/en/sql-reference/sql/copy-into-table

import Foundation
import GRDB
import Security
import SnowSQL

/// One file's outcome: its result row and its load-history record.
struct FileLoad {
    var file: String
    var status = "LOADED"
    var rowsParsed = 0
    var rowsLoaded = 0
    var errorsSeen = 0
    var errorLimit = 1
    var firstError: SnowflakeError?
    var firstErrorLine: Int?
    var firstErrorCharacter: Int?
    var firstErrorColumn: String?

    /// The error limit and status once the file is read.
    mutating func settle(_ options: CopyOptions) {
        errorLimit = options.errorLimit(rowsParsed: rowsParsed)
        if errorsSeen > 0 { status = rowsLoaded > 0 ? "PARTIALLY_LOADED" : "LOAD_FAILED" }
    }

    var row: [Value] {
        [
            .string(file), .string(status), .integer(Int64(rowsParsed)), .integer(Int64(rowsLoaded)), .integer(Int64(errorLimit)),
            .integer(Int64(errorsSeen)), firstError.map { .string($0.message) } ?? .null,
            firstErrorLine.map { .integer(Int64($0)) } ?? .null, firstErrorCharacter.map { .integer(Int64($0)) } ?? .null,
            firstErrorColumn.map { .string($0) } ?? .null,
        ]
    }
}

/// A bad row, with everything its error reports.
struct RowError {
    var error: SnowflakeError
    var line: Int
    var character: Int
    var byteOffset: Int
    var row: Int
    var rowStartLine: Int
    var column: String?
    var category: String
    var rejected: String
}

extension Executor {
    static let copyResultColumns: [ResultColumn] = [
        ResultColumn("file", .string), ResultColumn("status", .string), ResultColumn("rows_parsed", .integer),
        ResultColumn("rows_loaded", .integer), ResultColumn("error_limit", .integer), ResultColumn("errors_seen", .integer),
        ResultColumn("first_error", .string), ResultColumn("first_error_line", .integer),
        ResultColumn("first_error_character", .integer), ResultColumn("first_error_column_name", .string),
    ]

    static let noFilesProcessed = ResultSet.status("Copy executed with 0 files processed.")

    func copyIntoTable(_ copy: CopyIntoTable) throws -> ResultSet {
        let options = try CopyOptions(copy.options)
        if case .query(let query) = copy.source { return try copyTransformed(copy, query: query, options: options) }
        guard case .location(let location) = copy.source else { return Executor.noFilesProcessed }
        let (table, columns) = try targetTable(copy.table, operation: "COPY", requiring: [.insert])
        let targets = try copyTargets(copy.columns, of: columns)
        let stage = try resolveStage(location, operation: "COPY", privilege: .read)
        let format = try fileFormat(options.fileFormat) ?? stageFileFormat(stage)
        try Executor.requireReadable(format)
        try checkCopyShape(format: format, targets: targets, options: options, columnList: !copy.columns.isEmpty)
        if options.purge { try access.require(.write, on: stage, missing: SnowflakeError.doesNotExist("Stage", stage.qualifiedName)) }
        let (found, missing) = try stagedFiles(stage, location, files: options.files, pattern: options.pattern)
        let files = try filesToLoad(found, table: table, options: options)
        if files.isEmpty && missing.isEmpty { return Executor.noFilesProcessed }
        if let validation = options.validation {
            return try validateCopy(
                files, missing: missing, validation: validation, table: table, columns: columns,
                targets: targets, format: format, options: options)
        }
        if let first = missing.first, options.onError == .abortStatement { throw SnowflakeError.remoteFileNotFound(first.shownName) }
        let load = try TableLoad(
            executor: self, table: table, columns: columns, targets: targets,
            valueType: format.type == "JSON" ? .variant : .string, truncateColumns: options.truncateColumns)
        var results = missing.map { Executor.missingFileLoad($0) }
        let token = try loadToken(of: table)
        for file in files {
            let outcome = try loadFile(file, format: format, load: load, options: options)
            try finishLoad(outcome, of: file, token: token, table: table, options: options)
            results.append(outcome)
        }
        return Executor.copyResult(results, options: options)
    }

    /// After a file: its load history, and PURGE of a file that loaded.
    func finishLoad(_ outcome: FileLoad, of file: LoadFile, token: String, table: ObjectRecord, options: CopyOptions) throws {
        try catalog.recordLoad(Executor.loadRecord(outcome, file), token: token, table: table, at: Timestamps.catalog(session.statementTime))
        if options.purge && outcome.status == "LOADED" { try catalog.removeStageFile(stage: file.stage, path: file.path) }
    }

    /// The result rows, one a file (the failed ones only, with RETURN_FAILED_ONLY).
    static func copyResult(_ results: [FileLoad], options: CopyOptions) -> ResultSet {
        let shown = options.returnFailedOnly ? results.filter { $0.status != "LOADED" } : results
        return ResultSet(columns: Executor.copyResultColumns, rows: shown.map(\.row))
    }

    /// The table's columns a COPY fills: the list written, else all of them in order.
    func copyTargets(_ written: [Identifier], of columns: [ColumnRecord]) throws -> [ColumnRecord] {
        guard !written.isEmpty else { return columns }
        return try written.map { identifier in
            guard let column = columns.first(where: { $0.name == identifier.name }) else { throw InvalidIdentifier(name: identifier.sql) }
            return column
        }
    }

    /// What a format and the copy options allow before any file is read.
    private func checkCopyShape(format: FileFormat, targets: [ColumnRecord], options: CopyOptions, columnList: Bool) throws {
        if options.match != .none {
            if columnList { throw SnowflakeError.compilationError("MATCH_BY_COLUMN_NAME cannot be used with a column list.") }
            if format.type == "CSV" && !format.flag("PARSE_HEADER") {
                throw SnowflakeError.compilationError("MATCH_BY_COLUMN_NAME for CSV files needs the file format option PARSE_HEADER = TRUE.")
            }
            return
        }
        if format.type == "JSON" && (targets.count != 1 || !targets[0].type.isSemiStructured) {
            throw SnowflakeError.jsonNeedsOneColumn
        }
    }

    /// The files not yet loaded into `table` (all of them with FORCE).
    func filesToLoad(_ files: [LoadFile], table: ObjectRecord, options: CopyOptions) throws -> [LoadFile] {
        guard !options.force, let token = table.properties[Catalog.loadTokenProperty] else { return files }
        return try files.filter { !(try catalog.wasLoaded(token: token, fileName: $0.listedName, md5: $0.file.md5)) }
    }

    /// The table's load token, given to it at its first COPY.
    func loadToken(of table: ObjectRecord) throws -> String {
        if let token = table.properties[Catalog.loadTokenProperty] { return token }
        var updated = table
        let token = UUID().uuidString
        updated.properties[Catalog.loadTokenProperty] = token
        try catalog.updateObject(updated)
        return token
    }

    /// A file FILES named that is not on the stage, under CONTINUE or SKIP_FILE.
    static func missingFileLoad(_ missing: MissingStagedFile) -> FileLoad {
        FileLoad(
            file: missing.shownName, status: "LOAD_FAILED", errorsSeen: 1,
            firstError: SnowflakeError.remoteFileNotFound(missing.shownName))
    }

    static func loadRecord(_ load: FileLoad, _ file: LoadFile) -> LoadRecord {
        LoadRecord(
            fileName: load.file, stageLocation: "@" + file.stage.qualifiedName + "/", md5: file.file.md5,
            fileSize: file.file.size, status: load.status, rowsLoaded: load.rowsLoaded, rowsParsed: load.rowsParsed,
            firstError: load.firstError?.message, firstErrorLine: load.firstErrorLine,
            firstErrorCharacter: load.firstErrorCharacter, firstErrorColumn: load.firstErrorColumn,
            errorsSeen: load.errorsSeen, errorLimit: load.errorLimit)
    }
}
