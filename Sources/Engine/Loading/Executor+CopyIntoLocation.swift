// Executor+CopyIntoLocation: COPY INTO @stage[/prefix] FROM <table> | (query) — unloading. The rows
// are written as CSV (each value as TO_VARCHAR writes it; NULL as NULL_IF's first string, `\N` by
// default; enclosed only when FIELD_OPTIONALLY_ENCLOSED_BY says) or as JSON (one document per
// line, from a query of one VARIANT or OBJECT column), gzip-compressed unless COMPRESSION = NONE.
// Files are named as Snowflake names them: `data_0_0_0.csv.gz` under a path ending in `/`, the
// path as a prefix otherwise (`@s/out/result` → `out/result_0_0_0.csv.gz`), and with SINGLE =
// TRUE the path itself (or `data`). MAX_FILE_SIZE starts a new file (`…_0_0_1…`) past that many
// bytes. Files already there fail the statement unless OVERWRITE = TRUE.
// https://docs.snowflake.com/en/sql-reference/sql/copy-into-location

import Foundation
import GRDB
import SnowSQL

extension Executor {
    func copyIntoLocation(_ copy: CopyIntoLocation) throws -> ResultSet {
        var (overwrite, single, header, detailed, maxSize, returnRows) = (false, false, false, false, 16_777_216, false)
        var formatOption: PropertyValue?
        for option in copy.options {
            let text = option.value.text.uppercased()
            switch option.name {
            case "OVERWRITE": overwrite = text == "TRUE"
            case "SINGLE": single = text == "TRUE"
            case "HEADER": header = text == "TRUE"
            case "DETAILED_OUTPUT": detailed = text == "TRUE"
            case "INCLUDE_QUERY_ID" where text == "FALSE": break
            case "FILE_FORMAT": formatOption = option.value
            case "MAX_FILE_SIZE":
                guard let size = Int(text), size > 0 else { throw Executor.invalidValue(option.value.text, "MAX_FILE_SIZE") }
                maxSize = size
            case "VALIDATION_MODE" where text == "RETURN_ROWS": returnRows = true
            default: throw SnowflakeError.unsupported("COPY INTO <location> option \(option.name) = \(option.value.text)")
            }
        }
        let stage = try resolveStage(copy.location, operation: "COPY", privilege: .write)
        let format = try fileFormat(formatOption) ?? stageFileFormat(stage)
        try Executor.requireReadable(format)
        let query: Query
        switch copy.source {
        case .query(let written): query = written
        case .table(let name):
            query = Query(body: .select(Select(items: [.wildcard(qualifier: [], exclude: [])], from: .table(name, alias: nil))))
        }
        let translated = try translator().translate(query)
        if returnRows { return try fetch(translated) }
        if format.type == "JSON" && (translated.columns.count != 1 || !translated.columns[0].type.isSemiStructured) {
            throw SnowflakeError.jsonNeedsOneColumn
        }
        // Every value as the text TO_VARCHAR gives it.
        let texts = zip(translated.sqlNames, translated.columns).map { name, column in
            Cast.convert(TypedSQL(quote(name), type: column.type), to: .string)
        }
        let select = TypedSQL.join(texts, separator: ", ", type: .boolean)
        let rows = try Row.fetchAll(
            db, sql: "SELECT \(select.sql) FROM (\(translated.sql))",
            arguments: StatementArguments(select.arguments + translated.arguments)
        )
        .map { row in (0..<texts.count).map { row[$0] as String? } }
        let writer = UnloadWriter(
            format: format, columns: translated.columns.map(\.name),
            enclosed: translated.columns.map { $0.type.isString }, header: header)
        let chunks = writer.files(rows, maxSize: single ? Int.max : maxSize)
        let compressed = format.text("COMPRESSION").uppercased() != "NONE"
        var written: [(path: String, content: [UInt8], rows: Int, input: Int)] = []
        for (index, chunk) in chunks.enumerated() {
            let path = Executor.unloadPath(
                copy.location.path, index: index, single: single,
                ext: writer.fileExtension + (compressed ? ".gz" : ""))
            written.append((path, compressed ? try Gzip.compress(chunk.bytes) : chunk.bytes, chunk.rows, chunk.bytes.count))
        }
        if !overwrite, try written.contains(where: { try catalog.stageFile(stage: stage, path: $0.path) != nil }) {
            throw SnowflakeError.unloadFilesExist(copy.location.description)
        }
        let modified = Executor.lastModified(session.statementTime)
        for file in written { try catalog.putStageFile(stage: stage, path: file.path, content: file.content, lastModified: modified) }
        if detailed {
            return ResultSet(
                columns: [
                    ResultColumn("FILE_NAME", .string), ResultColumn("FILE_SIZE", .integer),
                    ResultColumn("ROW_COUNT", .integer),
                ],
                rows: written.map { [.string($0.path), .integer(Int64($0.content.count)), .integer(Int64($0.rows))] })
        }
        return ResultSet(
            columns: [
                ResultColumn("rows_unloaded", .integer), ResultColumn("input_bytes", .integer),
                ResultColumn("output_bytes", .integer),
            ],
            rows: [
                [
                    .integer(Int64(rows.count)), .integer(Int64(written.reduce(0) { $0 + $1.input })),
                    .integer(Int64(written.reduce(0) { $0 + $1.content.count })),
                ]
            ])
    }

    /// The path of the `index`-th unloaded file under the location's `path`.
    static func unloadPath(_ path: String, index: Int, single: Bool, ext: String) -> String {
        let folder = path.isEmpty || path.hasSuffix("/")
        if single { return folder ? path + "data" : path }
        let prefix = folder ? path + "data_" : (path.hasSuffix("_") ? path : path + "_")
        return prefix + "0_0_\(index)" + ext
    }
}

/// Rows (as text, nil for NULL) into the bytes of CSV or JSON files.
struct UnloadWriter {
    let format: FileFormat
    let columns: [String]
    /// Which columns are strings: FIELD_OPTIONALLY_ENCLOSED_BY encloses those.
    let enclosed: [Bool]
    let header: Bool

    var fileExtension: String {
        let written = format.text("FILE_EXTENSION")
        if !written.isEmpty { return written.hasPrefix(".") ? written : "." + written }
        return format.type == "JSON" ? ".json" : ".csv"
    }

    /// The files' contents and row counts: a new file once one holds `maxSize` bytes.
    func files(_ rows: [[String?]], maxSize: Int) -> [(bytes: [UInt8], rows: Int)] {
        guard !rows.isEmpty else { return [] }
        let recordEnd = format.type == "JSON" ? "\n" : (format.delimiter("RECORD_DELIMITER").map { String(decoding: $0, as: UTF8.self) } ?? "\n")
        let start = header && format.type == "CSV" ? record(columns, names: true) + recordEnd : ""
        var files: [(bytes: [UInt8], rows: Int)] = []
        var current = Array(start.utf8)
        var count = 0
        for row in rows {
            if format.type == "JSON" && row[0] == nil { continue }
            current += Array(((format.type == "JSON" ? row[0] ?? "" : record(row)) + recordEnd).utf8)
            count += 1
            if current.count >= maxSize {
                files.append((current, count))
                (current, count) = (Array(start.utf8), 0)
            }
        }
        if count > 0 { files.append((current, count)) }
        return files
    }

    private func record(_ values: [String?], names: Bool = false) -> String {
        let delimiter = format.delimiter("FIELD_DELIMITER").map { String(decoding: $0, as: UTF8.self) } ?? ""
        let quote = format.byte("FIELD_OPTIONALLY_ENCLOSED_BY").map { String(UnicodeScalar($0)) }
        let null = format.list("NULL_IF").first ?? ""
        return values.enumerated().map { i, value -> String in
            guard let value else { return null }
            guard let quote, names || enclosed[i] else { return value }
            return quote + value.replacingOccurrences(of: quote, with: quote + quote) + quote
        }.joined(separator: delimiter)
    }
}
