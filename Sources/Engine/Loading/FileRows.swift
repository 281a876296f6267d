// FileRows: one staged file's rows made ready for a table — read (StagedRecords), matched to the
// target columns (by position, by PARSE_HEADER's names, or by a JSON object's keys), counted against
// the table (ERROR_ON_COLUMN_COUNT_MISMATCH) and converted (RowConversion); a row that cannot be is a
// RowError with everything Snowflake reports of it. Pure work on the file's bytes, so COPY runs it
// on a reader thread while the statement's thread inserts (RowChannel).

import Foundation
import GRDB
import SnowSQL

/// A row ready to insert, or a bad row.
enum ScannedRow: Sendable {
    /// The converted values, one a target; `context` when the INSERT may still fail in SQL, to
    /// name the row's column then.
    case row([DatabaseValue], context: RowContext?)
    case failure(RowError)
}

/// Where a row's values came from, for an error only its INSERT finds.
struct RowContext: Sendable {
    var values: [String?]
    /// The field (or JSON value) each target took.
    var fieldOf: [Int?]
    var record: StagedRecord
}

struct FileRows: Sendable {
    let bytes: [UInt8]
    private var records: StagedRecords
    private var places: PlaceFinder
    /// The table's name as errors write it (`"T"`), and its target columns' names.
    let table: String
    let targets: [String]
    let conversion: RowConversion
    private let isJSON: Bool
    private let countMismatchIsError: Bool
    private let match: CopyOptions.ColumnMatch
    private let headerIndexes: [Int?]?
    private let keepContext: Bool
    private let limit: Int?
    private var read = 0

    init(
        bytes: [UInt8], format: FileFormat, table: String, targets: [ColumnRecord], conversion: RowConversion,
        match: CopyOptions.ColumnMatch, keepContext: Bool, limit: Int?
    ) {
        self.bytes = bytes
        records = StagedRecords(bytes: bytes, format: format)
        places = PlaceFinder(bytes: bytes)
        self.table = SQLPrinter.quoteIdentifier(table)
        self.targets = targets.map(\.name)
        self.conversion = conversion
        isJSON = format.type == "JSON"
        countMismatchIsError = format.flag("ERROR_ON_COLUMN_COUNT_MISMATCH") && format.type == "CSV"
        self.match = match
        headerIndexes =
            match == .none
            ? nil
            : records.header.map { header in
                targets.map { column in header.firstIndex { match.pairs($0, column.name) } }
            }
        self.keepContext = keepContext
        self.limit = limit
    }

    /// `"T"["COL":k]` for target `index`.
    func column(_ index: Int) -> String { "\(table)[\(SQLPrinter.quoteIdentifier(targets[index])):\(index + 1)]" }

    mutating func next() -> ScannedRow? {
        if let limit, read >= limit { return nil }
        guard let item = records.next() else { return nil }
        read += 1
        let record: StagedRecord
        switch item {
        case .failure(let failure):
            return .failure(
                error(
                    failure.error, record: failure.offset, line: failure.line, at: failure.errorOffset,
                    row: failure.rowNumber, column: nil, category: "parsing"))
        case .record(let read): record = read
        }
        // Which field (or JSON member) each target takes.
        var values: [String?]
        var fieldOf: [Int?] = Array(targets.indices)
        if isJSON && match != .none {
            guard let members = FileRows.members(record.values.first ?? nil, targets, match) else {
                return .failure(
                    error(
                        SnowflakeError.matchNeedsObject,
                        record: record.offset, line: record.line, at: record.offset, row: record.rowNumber,
                        column: nil, category: "parsing"))
            }
            values = members
            fieldOf = targets.map { _ in 0 }
        } else if let headerIndexes {
            values = headerIndexes.map { index in index.flatMap { $0 < record.values.count ? record.values[$0] : nil } }
            fieldOf = headerIndexes
        } else {
            values = record.values
            if values.count != targets.count {
                if countMismatchIsError {
                    let count = values.count
                    let column =
                        count > targets.count
                        ? "\(table)[\(count)]"
                        : "\(table)[\(SQLPrinter.quoteIdentifier(targets[max(count - 1, 0)])):\(count)]"
                    return .failure(
                        error(
                            SnowflakeError.columnCountMismatch(file: count, table: targets.count),
                            record: record.offset, line: record.line, at: record.offset, row: record.rowNumber,
                            column: column, category: "parsing"))
                }
                values = Array(values.prefix(targets.count))
                values += Array(repeating: nil, count: targets.count - values.count)
            }
        }
        do {
            let converted = try conversion.convert(values)
            let context =
                keepContext
                ? RowContext(values: values, fieldOf: fieldOf, record: record)
                : nil
            return .row(converted, context: context)
        } catch let failure as TableLoad.Failure {
            let index = failure.column ?? 0
            let field = fieldOf[index] ?? 0
            let at = field < record.valueOffsets.count ? record.valueOffsets[field] : record.offset
            return .failure(
                error(
                    failure.error, record: record.offset, line: record.line, at: at, row: record.rowNumber,
                    column: column(index), category: "conversion"))
        } catch {
            return .failure(
                self.error(
                    SnowflakeError.internalError("\(error)"), record: record.offset, line: record.line,
                    at: record.offset, row: record.rowNumber, column: nil, category: "conversion"))
        }
    }

    /// A bad row's RowError: its place from `errorOffset`, its record as written.
    mutating func error(
        _ error: SnowflakeError, record offset: Int, line: Int, at errorOffset: Int, row: Int, column: String?,
        category: String
    ) -> RowError {
        let place = places.place(of: errorOffset)
        return RowError(
            error: error, line: place.line, character: place.character, byteOffset: errorOffset, row: row,
            rowStartLine: line, column: column, category: category, rejected: Executor.lineText(at: offset, in: bytes))
    }
}

extension FileRows {
    /// A JSON object's members for each target, as VARIANT text (nil: no such key); nil when the
    /// document is not an object.
    static func members(_ variant: String?, _ targets: [String], _ match: CopyOptions.ColumnMatch) -> [String?]? {
        guard let variant, case .object(let pairs)? = try? JSONText.parse(variant) else { return nil }
        return targets.map { name in pairs.last { match.pairs($0.0, name) }.map { Variant.canonical($0.1) } }
    }
}

/// FileRows from a reader thread to the inserting thread, in chunks, at most a few chunks ahead.
final class RowChannel: @unchecked Sendable {
    static let chunkRows = 512
    private static let chunksAhead = 4
    private let condition = NSCondition()
    private var chunks: [[ScannedRow]] = []
    private var finished = false
    private var cancelled = false

    /// Reads `rows` on a thread of its own into the channel.
    func start(_ rows: FileRows) {
        let thread = Thread { [self] in
            var rows = rows
            var chunk: [ScannedRow] = []
            chunk.reserveCapacity(RowChannel.chunkRows)
            while let row = rows.next() {
                chunk.append(row)
                if chunk.count == RowChannel.chunkRows {
                    guard put(chunk) else { break }
                    chunk.removeAll(keepingCapacity: true)
                }
            }
            if !chunk.isEmpty { _ = put(chunk) }
            condition.lock()
            finished = true
            condition.broadcast()
            condition.unlock()
        }
        thread.start()
    }

    /// False once the reader was told to stop.
    private func put(_ chunk: [ScannedRow]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while chunks.count >= RowChannel.chunksAhead && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        chunks.append(chunk)
        condition.broadcast()
        return true
    }

    /// The next chunk; nil once the file is read.
    func take() -> [ScannedRow]? {
        condition.lock()
        defer { condition.unlock() }
        while chunks.isEmpty && !finished { condition.wait() }
        guard !chunks.isEmpty else { return nil }
        condition.broadcast()
        return chunks.removeFirst()
    }

    /// Stops the reader (when the statement fails) and waits until it has.
    func stop() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
    }
}
