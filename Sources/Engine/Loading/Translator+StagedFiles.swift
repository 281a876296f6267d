// Translator+StagedFiles: `SELECT $1, $2 FROM @stage[/path] (FILE_FORMAT => 'f', PATTERN => '…') t`
// — staged files read as a table. `$n` is the n-th field of a CSV record (VARCHAR; NULL past the
// record's last field) or, for JSON, the document (`$1`, a VARIANT); METADATA$FILENAME,
// METADATA$FILE_ROW_NUMBER, METADATA$FILE_CONTENT_KEY, METADATA$FILE_LAST_MODIFIED and
// METADATA$START_SCAN_TIME are there by name only. The format is FILE_FORMAT's (a named format),
// else the stage's, else CSV. A record that cannot be read fails the query with its place.
// The rows travel to SQLite as one bound JSON array read with json_each (as RESULT_SCAN's do).
// COPY's transformation reads one file at a time: it sets `stagedSource` before translating.
// https://docs.snowflake.com/en/user-guide/querying-stage, …/user-guide/querying-metadata

import Foundation
import GRDB
import SnowSQL

/// The rows of staged files, as a staged-file FROM item reads them.
struct StagedRows {
    /// How many `$n` columns there are (the widest CSV record; 1 for JSON).
    var width: Int
    var valueType: SnowflakeType
    /// Per row: `width` values, then the five METADATA$ values.
    var rows: [[Any]] = []
    /// The line each row starts on in its file.
    var lines: [Int] = []

    static let metadataColumns: [(name: String, type: SnowflakeType)] = [
        ("METADATA$FILENAME", .string), ("METADATA$FILE_ROW_NUMBER", .integer), ("METADATA$FILE_CONTENT_KEY", .string),
        ("METADATA$FILE_LAST_MODIFIED", .timestampNTZ), ("METADATA$START_SCAN_TIME", .timestampLTZ),
    ]
}

extension Executor {
    /// Every row of `files`, read with `format`; a row that cannot be read throws.
    func stagedRows(_ files: [LoadFile], format: FileFormat) throws -> StagedRows {
        var result = StagedRows(width: format.type == "JSON" ? 1 : 0, valueType: format.type == "JSON" ? .variant : .string)
        let scanTime = Timestamps.catalog(session.statementTime)
        var records: [(StagedRecord, LoadFile)] = []
        for file in files {
            let bytes = try stagedContent(file, format: format)
            var reader = StagedRecords(bytes: bytes, format: format)
            var places = PlaceFinder(bytes: bytes)
            while let item = reader.next() {
                switch item {
                case .record(let record):
                    result.width = max(result.width, record.values.count)
                    records.append((record, file))
                case .failure(let failure):
                    let place = places.place(of: failure.errorOffset)
                    throw SnowflakeError.loadRowFailed(
                        failure.error, file: file.listedName, line: place.line,
                        character: place.character, row: failure.rowNumber,
                        rowStartLine: failure.line, column: nil, hint: false)
                }
            }
        }
        result.lines = records.map { $0.0.line }
        // Each file's last-modified time, read once.
        var modified: [String: Any] = [:]
        for file in files { modified[file.path] = Executor.modifiedTime(file.file.lastModified) }
        result.rows = records.map { record, file in
            var row: [Any] = record.values.map { $0.map { $0 as Any } ?? NSNull() }
            row += Array(repeating: NSNull(), count: result.width - record.values.count)
            return row + [file.path, record.rowNumber, file.file.md5, modified[file.path] ?? NSNull(), scanTime]
        }
        return result
    }

    /// LIST's `last_modified` (`Mon, 8 May 2023 12:13:47 GMT`) as TIMESTAMP_NTZ text.
    static func modifiedTime(_ text: String) -> Any {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, d MMM yyyy HH:mm:ss 'GMT'"
        return formatter.date(from: text).map(Timestamps.ntz) ?? NSNull()
    }
}

extension Translator {
    func stagedFiles(_ location: StageLocation, options: [Property], alias: TableAlias?, _ scope: Scope) throws -> TypedSQL {
        markVolatile()
        let rows: StagedRows
        if let source = stagedSource {
            rows = source
        } else {
            let executor = Executor(session: session, db: catalog.db)
            let stage = try executor.resolveStage(location, operation: "SELECT", privilege: .read)
            let formatName = options.first { $0.name == "FILE_FORMAT" }?.value.text
            let format = try formatName.map(executor.namedFileFormat) ?? executor.stageFileFormat(stage)
            try Executor.requireReadable(format)
            let pattern = options.first { $0.name == "PATTERN" }?.value.text
            rows = try executor.stagedRows(try executor.stagedFiles(stage, location, files: nil, pattern: pattern).found, format: format)
        }
        return try stagedRelation(rows, alias: alias, scope)
    }

    /// `rows` as a FROM item: `$1`…`$n` by position, the METADATA$ columns by name.
    func stagedRelation(_ rows: StagedRows, alias: TableAlias?, _ scope: Scope) throws -> TypedSQL {
        let json = String(decoding: try JSONSerialization.data(withJSONObject: rows.rows), as: UTF8.self)
        let names = (1...max(rows.width, 1)).map { "$\($0)" }
        var columns = names.prefix(rows.width).enumerated().map { i, name in
            RelationColumn(name: name, type: rows.valueType, sqlName: "c\(i + 1)")
        }
        for (i, metadata) in StagedRows.metadataColumns.enumerated() {
            columns.append(
                RelationColumn(
                    name: metadata.name, type: metadata.type, sqlName: "c\(rows.width + i + 1)",
                    nullable: metadata.name == "METADATA$FILE_LAST_MODIFIED"))
        }
        let list = columns.enumerated().map { i, column in "value ->> '$[\(i)]' AS \(quote(column.sqlName))" }.joined(separator: ", ")
        let sqlAlias = nextAlias()
        scope.relations.append(
            Relation(
                name: alias?.name.name, qualifiedParts: [], sqlAlias: sqlAlias, columns: columns,
                stagedWidth: rows.width))
        return TypedSQL("(SELECT \(list) FROM json_each(?)) AS \(sqlAlias)", [json.databaseValue], type: .boolean)
    }
}
