// StagedRecords: one staged file as rows, whatever its type — a CSV file's records after
// SKIP_HEADER records (or its PARSE_HEADER names), a JSON file's documents — numbered from 1 as
// METADATA$FILE_ROW_NUMBER numbers them, each with the place it starts and its fields' places.
// COPY INTO <table> and staged-file queries both read files through this.

import Foundation

/// One row: its values (`$1`, `$2`…: CSV fields, or a JSON document's VARIANT text; nil is NULL).
struct StagedRecord {
    var values: [String?]
    var rowNumber: Int
    var line: Int
    var offset: Int
    /// Where each value starts, for the character an error names.
    var valueOffsets: [Int]
}

/// A row that could not be read, and where.
struct StagedFailure {
    var error: SnowflakeError
    var rowNumber: Int
    var line: Int
    var offset: Int
    var errorOffset: Int
}

struct StagedRecords {
    enum Item {
        case record(StagedRecord)
        case failure(StagedFailure)
    }

    let bytes: [UInt8]
    /// The file's reader: exactly one is set.
    private var csv: CSVReader?
    private var json: JSONReader?
    private var rowNumber = 0
    /// PARSE_HEADER's column names (CSV), else nil.
    private(set) var header: [String]?

    init(bytes: [UInt8], format: FileFormat) {
        self.bytes = bytes
        if format.type == "JSON" {
            json = JSONReader(bytes: bytes, format: format)
            return
        }
        var reader = CSVReader(bytes: bytes, format: format)
        if format.flag("PARSE_HEADER"), case .record(let names)? = reader.next() {
            header = names.values.map { $0 ?? "" }
        } else {
            for _ in 0..<format.integer("SKIP_HEADER") where reader.next() != nil {}
        }
        csv = reader
    }

    mutating func next() -> Item? {
        guard let item = csv != nil ? csv?.next() : json?.next() else { return nil }
        rowNumber += 1
        switch item {
        case .record(var record):
            record.rowNumber = rowNumber
            return .record(record)
        case .failure(var failure):
            failure.rowNumber = rowNumber
            return .failure(failure)
        }
    }
}
