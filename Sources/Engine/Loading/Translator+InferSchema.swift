// Translator+InferSchema: TABLE(INFER_SCHEMA(LOCATION => '@s/path', FILE_FORMAT => 'f'
// [, FILES => ('a.csv', …)] [, IGNORE_CASE => b] [, MAX_RECORDS_PER_FILE => n])) — the columns
// staged CSV or JSON files would load into: COLUMN_NAME, TYPE, NULLABLE, EXPRESSION, FILENAMES and
// ORDER_ID. CSV columns are PARSE_HEADER's names (else c1, c2…) and JSON's are the documents'
// top-level keys, in the order first seen. A column's TYPE is the narrowest that holds every value
// seen: NUMBER(p, s) for plain numbers, REAL for exponents, BOOLEAN, DATE, TIMESTAMP_NTZ, TEXT
// for other strings; VARIANT for JSON objects and arrays, and for values of several kinds.
// Every column is NULLABLE, as Snowflake reports for CSV and JSON.
// https://docs.snowflake.com/en/sql-reference/functions/infer_schema

import Foundation
import SnowSQL

/// What the values of one column have been so far.
private struct InferredColumn {
    var name: String
    var kind: Kind?
    var integerDigits = 1
    var scale = 0
    var files: [String] = []

    enum Kind: Equatable { case number, real, boolean, date, timestamp, text, variant }

    mutating func see(_ kind: Kind, digits: Int = 0, scale: Int = 0) {
        integerDigits = max(integerDigits, digits)
        self.scale = max(self.scale, scale)
        switch (self.kind, kind) {
        case (nil, _): self.kind = kind
        case (let old?, let new) where old == new: break
        case (.number?, .real), (.real?, .number): self.kind = .real
        case (.date?, .timestamp), (.timestamp?, .date): self.kind = .timestamp
        default: self.kind = self.kind == .variant || kind == .variant ? .variant : .text
        }
    }

    var type: String {
        switch kind ?? .text {
        case .number: return "NUMBER(\(min(38, integerDigits + scale)), \(scale))"
        case .real: return "REAL"
        case .boolean: return "BOOLEAN"
        case .date: return "DATE"
        case .timestamp: return "TIMESTAMP_NTZ"
        case .text: return "TEXT"
        case .variant: return "VARIANT"
        }
    }
}

extension Translator {
    func inferSchema(_ call: FunctionCall, alias: TableAlias?, _ scope: Scope) throws -> TypedSQL {
        var named: [String: Expression] = [:]
        for argument in call.arguments {
            guard let name = argument.name,
                ["LOCATION", "FILE_FORMAT", "FILES", "IGNORE_CASE", "MAX_FILE_COUNT", "MAX_RECORDS_PER_FILE", "KIND"].contains(name)
            else { throw SnowflakeError.invalidArgumentCount(function: "INFER_SCHEMA", given: call.arguments.count) }
            named[name] = argument.value
        }
        guard let locationText = String.fromDatabaseValue(try named["LOCATION"].map { try constant($0, as: .string) } ?? .null),
            locationText.hasPrefix("@"), let location = Parser.stageLocation(String(locationText.dropFirst()))
        else {
            throw SnowflakeError.compilationError("argument 'LOCATION' to function INFER_SCHEMA needs to be a stage location")
        }
        guard let formatName = String.fromDatabaseValue(try named["FILE_FORMAT"].map { try constant($0, as: .string) } ?? .null) else {
            throw SnowflakeError.compilationError("argument 'FILE_FORMAT' to function INFER_SCHEMA needs to be specified")
        }
        var files: [String]?
        if let list = named["FILES"] {
            // A name, or an array of names (`ARRAY_CONSTRUCT('a.csv', 'b.csv')`).
            let value = String.fromDatabaseValue(try constant(list, as: .variant)) ?? ""
            switch try? JSONText.parse(value) {
            case .string(let file)?: files = [file]
            case .array(let items)?:
                files = items.compactMap { item in
                    if case .string(let file) = item { return file }
                    return nil
                }
            default: throw SnowflakeError.compilationError("argument 'FILES' to function INFER_SCHEMA must be a list of file names")
            }
        }
        let ignoreCase = named["IGNORE_CASE"].map { $0 == .literal(.boolean(true)) } ?? false
        let perFile = try named["MAX_RECORDS_PER_FILE"].map { Int(String.fromDatabaseValue(try constant($0, as: .string)) ?? "") ?? 0 }
        let executor = Executor(session: session, db: catalog.db)
        let stage = try executor.resolveStage(location, operation: "SELECT", privilege: .read)
        let format = try executor.namedFileFormat(formatName)
        try Executor.requireReadable(format)
        let (found, missing) = try executor.stagedFiles(stage, location, files: files, pattern: nil)
        if let first = missing.first { throw SnowflakeError.remoteFileNotFound(first.shownName) }
        var columns: [InferredColumn] = []
        for file in found {
            var records = StagedRecords(bytes: try executor.stagedContent(file, format: format), format: format)
            var count = 0
            while let item = records.next(), perFile.map({ count < $0 }) ?? true {
                count += 1
                guard case .record(let record) = item else { continue }
                if format.type == "JSON" {
                    guard let text = record.values.first ?? nil, case .object(let pairs)? = try? JSONText.parse(text) else { continue }
                    for (key, value) in pairs { Translator.see(value, key: ignoreCase ? key.uppercased() : key, file: file.path, in: &columns) }
                } else {
                    for (i, field) in record.values.enumerated() {
                        let name = records.header.map { i < $0.count ? $0[i] : "c\(i + 1)" } ?? "c\(i + 1)"
                        Translator.see(field, name: name, file: file.path, in: &columns)
                    }
                }
            }
        }
        let rows: [[Value]] = columns.enumerated().map { i, column in
            let plain = column.name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } && !(column.name.first?.isNumber ?? true)
            let key = plain ? column.name : "\"" + column.name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            let expression =
                format.type == "JSON"
                ? (ignoreCase ? "GET_IGNORE_CASE ($1, '\(column.name)')" : "$1:" + key) : "$\(i + 1)"
            return [
                .string(column.name), .string(column.type), .boolean(true), .string(expression + "::" + column.type),
                .string(column.files.joined(separator: ", ")), .integer(Int64(i)),
            ]
        }
        let result = ResultSet(
            columns: [
                ResultColumn("COLUMN_NAME", .string), ResultColumn("TYPE", .string),
                ResultColumn("NULLABLE", .boolean), ResultColumn("EXPRESSION", .string),
                ResultColumn("FILENAMES", .string), ResultColumn("ORDER_ID", .integer),
            ], rows: rows)
        return try storedRows(result, name: "INFER_SCHEMA", alias: alias, scope)
    }

    private static func column(_ name: String, file: String, in columns: inout [InferredColumn]) -> Int {
        let index =
            columns.firstIndex { $0.name == name }
            ?? {
                columns.append(InferredColumn(name: name))
                return columns.count - 1
            }()
        if columns[index].files.last != file { columns[index].files.append(file) }
        return index
    }

    /// A CSV field's kind.
    private static func see(_ field: String?, name: String, file: String, in columns: inout [InferredColumn]) {
        let index = column(name, file: file, in: &columns)
        guard let field, !field.isEmpty else { return }
        if let (digits, scale) = plainNumber(field) {
            columns[index].see(.number, digits: digits, scale: scale)
        } else if Double(field) != nil {
            columns[index].see(.real)
        } else if ["true", "false"].contains(field.lowercased()) {
            columns[index].see(.boolean)
        } else if let kind = temporal(field) {
            columns[index].see(kind)
        } else {
            columns[index].see(.text)
        }
    }

    /// A JSON member's kind.
    private static func see(_ value: JSONValue, key: String, file: String, in columns: inout [InferredColumn]) {
        let index = column(key, file: file, in: &columns)
        switch value {
        case .null: return
        case .bool: columns[index].see(.boolean)
        case .number(let text):
            if let (digits, scale) = plainNumber(text) {
                columns[index].see(.number, digits: digits, scale: scale)
            } else {
                columns[index].see(.real)
            }
        case .string(let text): columns[index].see(temporal(text) ?? .text)
        case .array, .object: columns[index].see(.variant)
        }
    }

    /// `-123.45` → (3, 2): digits before and after the point, for text that is a plain decimal.
    private static func plainNumber(_ text: String) -> (Int, Int)? {
        let body = text.hasPrefix("-") || text.hasPrefix("+") ? text.dropFirst() : Substring(text)
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, !parts[0].isEmpty, parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
            parts.count == 1 || !parts[1].isEmpty
        else { return nil }
        return (parts[0].count, parts.count == 2 ? parts[1].count : 0)
    }

    /// DATE or TIMESTAMP_NTZ for text those types read (Conversion's own reading), nil otherwise.
    private static func temporal(_ text: String) -> InferredColumn.Kind? {
        guard Conversion.timestampParts(text) != nil else { return nil }
        return text.trimmingCharacters(in: .whitespaces).count <= 10 ? .date : .timestamp
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
