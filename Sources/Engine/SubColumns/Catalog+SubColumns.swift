// Catalog+SubColumns: a table's sub-columns, as Snowflake keeps a VARIANT column's common paths
// beside the document — here one SQLite index per table over the path expressions its queries
// use (`("RAW" -> '$.state')`, `sf_convert("RAW" -> '$.state', 'VARIANT', 'VARCHAR(16777216)')`).
// SQLite computes each entry when a row is written, by every path that writes (INSERT, UPDATE,
// MERGE, COPY, DELETE), and a query whose expression is the indexed one reads the stored value
// instead of parsing the document: same SQL, so the same result by construction.
//
// The table's `subcolumns` property lists the expressions in index order; the index itself is
// named after the table's storage, so a copy of the properties (CLONE) without the index reads
// as no sub-columns. Expressions SQLite would not index (an error in some row) are listed under
// `subcolumns_refused` and never tried again. See docs/ARCHITECTURE.md, "Sub-columns".

import GRDB

/// The sub-columns a table has: the indexed expressions, in index order.
struct SubColumns: Equatable {
    /// The most expressions one table's index holds; past it, paths are read from the document.
    static let limit = 16
    static let property = "subcolumns"
    static let refusedProperty = "subcolumns_refused"
    static let leadingProperty = "subcolumns_leading"

    var expressions: [String] = []
    var refused: [String] = []
    /// How many of the first expressions are a GROUP BY's keys (0: no grouping query has decided).
    var leading = 0

    /// Whether a query's use of `expression` should teach the table a sub-column.
    func shouldLearn(_ expression: String) -> Bool {
        !expressions.contains(expression) && !refused.contains(expression) && expressions.count < SubColumns.limit
    }

    static func indexName(storage: String) -> String {
        "sl_subcolumns " + storage
    }
}

extension Catalog {
    /// The sub-columns of `table` whose index is in the account file (none for a view, or for a
    /// table whose properties were copied from another's).
    func subColumns(of table: ObjectRecord) throws -> SubColumns {
        guard let storage = table.storageName else { return SubColumns() }
        let refused = try Catalog.decodeList(table.properties[SubColumns.refusedProperty]) ?? []
        guard let listed = try Catalog.decodeList(table.properties[SubColumns.property]), !listed.isEmpty,
            try db.schemaHolds(SubColumns.indexName(storage: storage))
        else { return SubColumns(expressions: [], refused: refused) }
        return SubColumns(expressions: listed, refused: refused, leading: Int(table.properties[SubColumns.leadingProperty] ?? "") ?? 0)
    }

    /// Rebuilds `table`'s sub-column index over its expressions and `learned`, and records them.
    /// The first grouping query decides what the index leads with: `leading`, its GROUP BY keys,
    /// go first (once; later ones go after them). When SQLite refuses the index (some row's
    /// expression fails), the table keeps what it had and what was new is recorded as refused.
    /// Returns whether the index changed.
    @discardableResult
    func learnSubColumns(_ learned: [String], leading: [String] = [], of table: ObjectRecord) throws -> Bool {
        guard let storage = table.storageName else { return false }
        var current = try subColumns(of: table)
        let adding = (leading + learned).reduce(into: [String]()) { out, e in
            if current.shouldLearn(e) && !out.contains(e) && current.expressions.count + out.count < SubColumns.limit { out.append(e) }
        }
        var expressions = current.expressions + adding
        var leadingCount = current.leading
        if current.leading == 0, !leading.isEmpty, leading.allSatisfy(expressions.contains) {
            expressions = leading + expressions.filter { !leading.contains($0) }
            leadingCount = leading.count
        }
        guard expressions != current.expressions else { return false }
        let index = SubColumns.indexName(storage: storage).quotedDatabaseIdentifier
        var updated = table
        do {
            try db.inSavepoint {
                try db.execute(sql: "DROP INDEX IF EXISTS \(index)")
                try db.execute(sql: "CREATE INDEX \(index) ON \(storage.quotedDatabaseIdentifier) (\(expressions.joined(separator: ", ")))")
                return .commit
            }
            current.expressions = expressions
            current.leading = leadingCount
        } catch {
            current.refused += adding
        }
        updated.properties[SubColumns.property] = Catalog.encodeList(current.expressions)
        updated.properties[SubColumns.refusedProperty] = current.refused.isEmpty ? nil : Catalog.encodeList(current.refused)
        updated.properties[SubColumns.leadingProperty] = current.leading == 0 ? nil : String(current.leading)
        try updateObject(updated)
        return current.expressions == expressions
    }
}
