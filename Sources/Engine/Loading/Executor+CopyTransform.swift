// Executor+CopyTransform: COPY INTO t [(cols)] FROM (SELECT $1, $2:a::int, METADATA$FILENAME … FROM
// @s[/path] [(FILE_FORMAT => …, PATTERN => …)] [alias]) — each file's rows go through the query
// (Translator+StagedFiles reads that one file) into the table, the query's columns met with the
// targets' types as INSERT … SELECT meets them. A file loads in one INSERT; when it fails, its rows
// are tried one at a time, to name the row (ABORT_STATEMENT) or to load the others (CONTINUE).
// MATCH_BY_COLUMN_NAME and VALIDATION_MODE are refused with a transformation, as Snowflake does.
// https://docs.snowflake.com/en/user-guide/data-load-transform

import GRDB
import SnowSQL

extension Executor {
    func copyTransformed(_ copy: CopyIntoTable, query: Query, options: CopyOptions) throws -> ResultSet {
        guard options.match == .none else {
            throw SnowflakeError.compilationError("match_by_column_name is not supported with copy transform.")
        }
        guard options.validation == nil else {
            throw SnowflakeError.compilationError("VALIDATION_MODE does not support COPY statements that transform data during a load.")
        }
        guard case .select(let select) = query.body, case .stagedFiles(let location, let fromOptions, _)? = select.from,
            query.with.isEmpty
        else {
            throw SnowflakeError.unsupported("COPY transformation whose FROM clause is not one stage location")
        }
        let (table, columns) = try targetTable(copy.table, operation: "COPY", requiring: [.insert])
        let targets = try copyTargets(copy.columns, of: columns)
        let stage = try resolveStage(location, operation: "COPY", privilege: .read)
        let named = fromOptions.first { $0.name == "FILE_FORMAT" }?.value.text
        let format = try fileFormat(options.fileFormat) ?? named.map(namedFileFormat) ?? stageFileFormat(stage)
        try Executor.requireReadable(format)
        let pattern = options.pattern ?? fromOptions.first { $0.name == "PATTERN" }?.value.text
        let (found, missing) = try stagedFiles(stage, location, files: options.files, pattern: pattern)
        let files = try filesToLoad(found, table: table, options: options)
        if files.isEmpty && missing.isEmpty { return Executor.noFilesProcessed }
        if let first = missing.first, options.onError == .abortStatement { throw SnowflakeError.remoteFileNotFound(first.shownName) }
        var results = missing.map { Executor.missingFileLoad($0) }
        let token = try loadToken(of: table)
        let others = columns.filter { column in !targets.contains { $0.name == column.name } }
        let defaults = try others.map { try defaultValue($0, of: table) }
        for file in files {
            var outcome = FileLoad(file: file.listedName)
            do {
                let rows = try stagedRows([file], format: format)
                outcome.rowsParsed = rows.rows.count
                try db.execute(sql: "SAVEPOINT snowlite_copy_file")
                do {
                    outcome.rowsLoaded = try insertTransformed(
                        rows, query: query, into: table, targets: targets, others: others,
                        defaults: defaults)
                } catch let error as SnowflakeError {
                    try db.execute(sql: "ROLLBACK TO snowlite_copy_file")
                    outcome = try loadRowByRow(
                        rows, query: query, file: file, into: table, targets: targets, others: others,
                        defaults: defaults, options: options, first: error)
                }
                try db.execute(sql: "RELEASE snowlite_copy_file")
            } catch let error as SnowflakeError where options.onError != .abortStatement {
                outcome.errorsSeen = max(outcome.errorsSeen, 1)
                outcome.firstError = outcome.firstError ?? error
                outcome.rowsLoaded = 0
            }
            outcome.settle(options)
            try finishLoad(outcome, of: file, token: token, table: table, options: options)
            results.append(outcome)
        }
        return Executor.copyResult(results, options: options)
    }

    /// INSERT INTO table SELECT … over `rows`; the count inserted.
    private func insertTransformed(
        _ rows: StagedRows, query: Query, into table: ObjectRecord, targets: [ColumnRecord],
        others: [ColumnRecord], defaults: [TypedSQL]
    ) throws -> Int {
        let translator = translator()
        translator.stagedSource = rows
        let translated = try translator.translate(query)
        guard translated.columns.count == targets.count else {
            throw SnowflakeError.insertValueListMismatch(expected: targets.count, got: translated.columns.count)
        }
        let cells =
            zip(translated.sqlNames, zip(translated.columns, targets)).map { name, pair in
                coerced(TypedSQL(quote(name), type: pair.0.type), to: pair.1)
            } + defaults
        let select = TypedSQL.join(cells, separator: ", ", type: .boolean)
        let names = (targets + others).map { quote($0.name) }.joined(separator: ", ")
        do {
            try db.execute(
                sql: "INSERT INTO \(quote(table.storageName ?? table.qualifiedName)) (\(names)) SELECT \(select.sql) FROM (\(translated.sql))",
                arguments: StatementArguments(select.arguments + translated.arguments))
        } catch { throw SnowflakeError.from(error) }
        return db.changesCount
    }

    /// A file whose one INSERT failed, one row at a time: ABORT_STATEMENT names the first bad row,
    /// CONTINUE loads the others, SKIP_FILE loads none.
    private func loadRowByRow(
        _ rows: StagedRows, query: Query, file: LoadFile, into table: ObjectRecord, targets: [ColumnRecord],
        others: [ColumnRecord], defaults: [TypedSQL], options: CopyOptions,
        first: SnowflakeError
    ) throws -> FileLoad {
        var outcome = FileLoad(file: file.listedName, rowsParsed: rows.rows.count)
        var skipping = false
        for (index, row) in rows.rows.enumerated() {
            var one = rows
            (one.rows, one.lines) = ([row], [rows.lines[index]])
            do {
                if !skipping {
                    outcome.rowsLoaded += try insertTransformed(
                        one, query: query, into: table, targets: targets, others: others,
                        defaults: defaults)
                }
            } catch let error as SnowflakeError {
                // Shape errors (a column count) are the statement's, not a row's.
                if error.code == SnowflakeError.insertValueListMismatch(expected: 0, got: 0).code { throw error }
                outcome.errorsSeen += 1
                let line = rows.lines[index]
                if outcome.firstError == nil { (outcome.firstError, outcome.firstErrorLine, outcome.firstErrorCharacter) = (error, line, 1) }
                switch options.onError {
                case .abortStatement:
                    throw SnowflakeError.loadRowFailed(
                        error, file: file.listedName, line: line, character: 1, row: index + 1,
                        rowStartLine: line, column: nil, hint: true)
                case .skipFile(let errors) where outcome.errorsSeen >= errors: skipping = true
                default: break
                }
            }
        }
        if outcome.errorsSeen == 0 { throw first }
        if skipping || options.skipsFile(errors: outcome.errorsSeen, rows: outcome.rowsParsed) {
            try db.execute(sql: "ROLLBACK TO snowlite_copy_file")
            outcome.rowsLoaded = 0
        }
        return outcome
    }
}
