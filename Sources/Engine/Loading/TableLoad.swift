// TableLoad: the prepared INSERT a COPY runs once per row. Each target column's cell is the row's
// value met with the column's type through Snowflake's conversions (Cast, as INSERT does: a CSV
// field is VARCHAR, a JSON value VARIANT); the columns the COPY leaves out get their DEFAULT or
// identity. The statement is prepared once; a row binds its values into the argument slots the
// cells left for them. Where Cast would call sf_convert, the conversion runs here in Swift — the
// same Conversion.convert, without a SQL function call per value — so a failing value names its
// column at once; for the other cells (TIMESTAMP_TZ's reading, a row's constraint) `failingColumn`
// finds the column by converting the row's values one at a time.

import Foundation
import GRDB

final class TableLoad {
    let table: ObjectRecord
    let targets: [ColumnRecord]
    /// Each target's cell: its SQL with one slot for the row's value.
    private let cells: [TypedSQL]
    private var statement: GRDB.Statement
    private let sql: String
    private let db: Database
    /// The statement's arguments, with placeholders where the row's values go.
    private let template: [DatabaseValue]
    /// For each target, the index of its value's slot in `template`.
    private let slots: [Int]
    /// What a row's text becomes before binding (Sendable: a reader thread may use it).
    let conversion: RowConversion

    /// Rows go in INSERTs of this many when nothing in the SQL can fail (every value converted
    /// here, no NOT NULL column left to the SQL, no hybrid table's keys): one INSERT of many rows
    /// costs far less than as many INSERTs. Otherwise each row is an INSERT of its own, so an error
    /// belongs to its row.
    static let batchRows = 64
    let batchable: Bool
    private let prefix: String
    private let rowSQL: String
    private var batchStatement: GRDB.Statement?
    private var pending: [(any DatabaseValueConvertible)?] = []
    /// `template` as the values StatementArguments takes.
    private let templateValues: [(any DatabaseValueConvertible)?]
    private var pendingRows = 0

    /// The largest value Snowflake loads: 16 MB.
    static let largestValue = 16_777_216

    /// A row that failed: the target whose value could not be converted, when known.
    struct Failure: Error, Sendable {
        var column: Int?
        var error: SnowflakeError
    }

    /// `valueType` is what a row's values are: VARCHAR for CSV fields, VARIANT for JSON values.
    init(
        executor: Executor, table: ObjectRecord, columns: [ColumnRecord], targets: [ColumnRecord],
        valueType: SnowflakeType, truncateColumns: Bool
    ) throws {
        self.table = table
        self.targets = targets
        let others = columns.filter { column in !targets.contains { $0.name == column.name } }
        let defaults = try others.map { try executor.defaultValue($0, of: table) }
        // A marker no value can equal: where it lands in the arguments is the value's slot.
        let markers = targets.indices.map { Data("\u{0}snowlite copy slot \($0)".utf8).databaseValue }
        var conversions: [SnowflakeType?] = []
        cells = zip(targets, markers).map { column, marker in
            let cell = executor.coerced(TypedSQL("?", [marker], type: valueType), to: column)
            // VARCHAR to a scalar type: what sf_convert would run (Conversion.convert), without its SQL call.
            guard cell.sql.hasPrefix("sf_convert("), valueType.isString, !column.type.isSemiStructured else {
                conversions.append(nil)
                return cell
            }
            conversions.append(column.type)
            return TypedSQL("?", [marker], type: column.type)
        }
        let all = TypedSQL.join(cells + defaults, separator: ", ", type: .boolean)
        let names = (targets + others).map { quote($0.name) }.joined(separator: ", ")
        let storage = quote(table.storageName ?? table.qualifiedName)
        prefix = "INSERT INTO \(storage) (\(names)) VALUES "
        rowSQL = "(" + all.sql + ")"
        sql = prefix + rowSQL
        batchable =
            cells.allSatisfy { $0.sql == "?" } && table.properties[HybridTable.property] == nil
            && others.allSatisfy { $0.isNullable || $0.defaultText != nil || $0.identity != nil }
        db = executor.db
        statement = try db.makeStatement(sql: sql)
        template = all.arguments
        templateValues = all.arguments.map { $0 }
        slots = markers.map { marker in all.arguments.firstIndex(of: marker) ?? 0 }
        conversion = RowConversion(
            conversions: conversions, nullable: targets.map(\.isNullable),
            cutTo: targets.map { column in
                guard truncateColumns, case .varchar(let length) = column.type else { return nil }
                return length
            })
    }

    /// Inserts one row whose values `conversion` made (one a target).
    func insertConverted(_ values: [DatabaseValue]) throws {
        // The row's arguments go straight into the batch (or a row of their own): the template's,
        // then each slot set to its value.
        if batchable {
            let base = pending.count
            pending.append(contentsOf: templateValues)
            for (i, slot) in slots.enumerated() { pending[base + slot] = values[i] }
            pendingRows += 1
            if pendingRows == TableLoad.batchRows { try flush() }
            return
        }
        var single = templateValues
        for (i, slot) in slots.enumerated() { single[slot] = values[i] }
        statement.setUncheckedArguments(StatementArguments(single))
        do { try statement.execute() } catch {
            // A failed step leaves its error on the statement (GRDB binds the next row only after a
            // reset that would raise it): the next row gets a statement of its own.
            statement = try db.makeStatement(sql: sql)
            throw Failure(column: nil, error: SnowflakeError.from(error) as? SnowflakeError ?? .internalError("\(error)"))
        }
    }

    /// Inserts the rows waiting for a batch. Call it once a file's rows are read.
    func flush() throws {
        guard pendingRows > 0 else { return }
        let full = pendingRows == TableLoad.batchRows
        let rows = Array(repeating: rowSQL, count: pendingRows).joined(separator: ", ")
        let statement = try full ? (batchStatement ?? db.makeStatement(sql: prefix + rows)) : db.makeStatement(sql: prefix + rows)
        if full { batchStatement = statement }
        statement.setUncheckedArguments(StatementArguments(pending))
        pending.removeAll(keepingCapacity: true)
        pendingRows = 0
        do { try statement.execute() } catch {
            batchStatement = nil
            throw SnowflakeError.from(error)
        }
    }

    /// The index of the first target whose value alone fails to convert (or is NULL for a NOT NULL
    /// column); nil when none does on its own.
    func failingColumn(_ values: [String?], db: Database) -> Int? {
        for (i, cell) in cells.enumerated() {
            if values[i] == nil && !targets[i].isNullable { return i }
            if conversion.conversions[i] != nil { continue }
            let arguments = cell.arguments.map { $0 == template[slots[i]] ? conversion.text(values[i], i)?.databaseValue ?? .null : $0 }
            if (try? DatabaseValue.fetchOne(db, sql: "SELECT " + cell.sql, arguments: StatementArguments(arguments))) == nil {
                return i
            }
        }
        return nil
    }
}

/// A row's text as the values TableLoad binds: cut to length (TRUNCATECOLUMNS), checked against
/// Snowflake's 16 MB and NOT NULL, and converted where the column's type asks (Conversion.cast, what
/// sf_convert runs). A value type, so COPY's reader thread converts while the inserting one binds.
struct RowConversion: Sendable {
    /// Per target: the type the value is converted to here (nil: as it is, or by the SQL).
    let conversions: [SnowflakeType?]
    let nullable: [Bool]
    /// Per target: the longest string the column takes when TRUNCATECOLUMNS cuts values.
    let cutTo: [Int?]

    func convert(_ values: [String?]) throws -> [DatabaseValue] {
        var out: [DatabaseValue] = []
        out.reserveCapacity(values.count)
        for i in values.indices {
            guard let value = text(values[i], i) else {
                if !nullable[i] { throw TableLoad.Failure(column: i, error: SnowflakeError.nullIntoNotNull) }
                out.append(.null)
                continue
            }
            if value.utf8.count > TableLoad.largestValue {
                throw TableLoad.Failure(column: i, error: SnowflakeError.maxLOBSizeExceeded(value.utf8.count))
            }
            guard let type = conversions[i] else {
                out.append(value.databaseValue)
                continue
            }
            do {
                let converted = try Conversion.cast(value.databaseValue, to: type)?.databaseValue ?? .null
                if converted.isNull && !nullable[i] { throw TableLoad.Failure(column: i, error: SnowflakeError.nullIntoNotNull) }
                out.append(converted)
            } catch let failure as TableLoad.Failure {
                throw failure
            } catch {
                throw TableLoad.Failure(column: i, error: SnowflakeError.from(error) as? SnowflakeError ?? .internalError("\(error)"))
            }
        }
        return out
    }

    /// The row's text for target `i`, cut to the column's length under TRUNCATECOLUMNS.
    func text(_ value: String?, _ i: Int) -> String? {
        guard var value else { return nil }
        if let length = cutTo[i], value.count > length { value = String(value.prefix(length)) }
        return value
    }
}
