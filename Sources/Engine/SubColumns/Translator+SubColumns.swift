// Translator+SubColumns: how a query reads a table's sub-columns (Catalog+SubColumns.swift).
//
// A path over a table's VARIANT column is translated as always, `(t3."RAW" -> '$.state')`, and
// `::STRING` of it as `sf_convert(…, 'VARIANT', 'VARCHAR(16777216)')`. When the table's index
// holds that expression, SQLite reads the stored value wherever the query's expression is the
// indexed one (a subtree of it is enough: `::INT` of an indexed path converts the stored value).
// SQLite 3.40 does not see that such an index covers a query by itself, so when every use of the
// table's columns in the query is an indexed path, the FROM item names the index (`INDEXED BY`):
// the rows come from the index and the document is never read. Naming an index only chooses how
// rows are found, never which rows or values come back.
//
// Paths a query uses that the table's index lacks are handed to the statement
// (`TranslatedQuery.subColumnsToLearn`), which adds them (Executor+SubColumns.swift).

import GRDB
import SnowSQL

/// One base table read in a query's FROM clause: its sub-columns and how the query uses its columns.
struct TableRead {
    var table: ObjectRecord
    var subColumns: SubColumns
    /// The comment standing where `INDEXED BY` may go, after the FROM item's alias.
    var marker: String
    /// Column uses of any kind, and those that were literal paths.
    var references = 0
    var pathReferences = 0
    /// The index expressions of those paths, in order of first use.
    var paths: [String] = []
    /// Paths and their string casts used here that the index lacks, in order of first use.
    var unlearned: [String] = []

    /// Set when the query's rows come out in the order this table is read (no GROUP BY, no
    /// aggregate): reading the index instead would reorder rows a user sees in load order.
    var keepsReadOrder = false

    /// Whether the query may read the table's rows from its index alone: it groups them, and the
    /// index holds every use of the table's columns.
    var isCovered: Bool {
        !keepsReadOrder && pathReferences > 0 && references == pathReferences && paths.allSatisfy(subColumns.expressions.contains)
    }
}

/// Expressions a query used that its table's sub-columns lack.
struct SubColumnsToLearn {
    var table: ObjectRecord
    var expressions: [String]
}

extension Translator {
    /// Registers a base table the FROM clause reads and returns the marker to write after its alias
    /// (empty when the table has no semi-structured column, so no sub-columns).
    func tableRead(_ table: ObjectRecord, columns: [RelationColumn], sqlAlias: String) throws -> String {
        guard session.usesSubColumns, !describing, columns.contains(where: { $0.type.isSemiStructured }) else { return "" }
        let marker = "/*sl-subcolumns \(subColumnNonce) \(sqlAlias)*/"
        tableReads[sqlAlias] = TableRead(table: table, subColumns: try catalog.subColumns(of: table), marker: marker)
        return marker
    }

    /// Marks the base tables of `scope`'s FROM clause as read in their own order.
    func keepReadOrder(of scope: Scope) {
        for relation in scope.relations { tableReads[relation.sqlAlias]?.keepsReadOrder = true }
    }

    /// Counts a use of a column of the relation `sqlAlias` (a reference, `*`, `$n`, USING).
    func noteColumnUse(of sqlAlias: String, count: Int = 1) {
        tableReads[sqlAlias]?.references += count
    }

    /// Notes `base:steps` when `base` is a semi-structured column of a base table and the path is
    /// a literal one: the index expression it is, and whether the table's index lacks it.
    func notePath(_ base: Expression, _ steps: [PathStep], _ scope: Scope) throws {
        guard let (alias, expression) = try indexablePath(base, steps, scope) else { return }
        tableReads[alias]?.pathReferences += 1
        if tableReads[alias]?.paths.contains(expression) == false { tableReads[alias]?.paths.append(expression) }
        noteUse(of: expression, in: alias)
    }

    /// Notes `base:steps::STRING`, whose value is worth keeping beside the path's own: GROUP BY
    /// and ORDER BY read such an index in order.
    func noteCast(_ value: Expression, to target: SnowflakeType, isTry: Bool, _ scope: Scope) throws {
        guard !isTry, target == .varchar(length: SnowflakeType.maxVarchar), case .path(let base, let steps) = value,
            let (alias, path) = try indexablePath(base, steps, scope)
        else { return }
        let cast = Cast.convert(TypedSQL(path, type: .variant), to: target)
        guard cast.arguments.isEmpty else { return }
        noteUse(of: cast.sql, in: alias)
    }

    private func noteUse(of expression: String, in alias: String) {
        guard let read = tableReads[alias], read.subColumns.shouldLearn(expression), !read.unlearned.contains(expression) else { return }
        tableReads[alias]?.unlearned.append(expression)
    }

    /// The alias and the index expression (over the bare column) of a literal path over a base
    /// table's column.
    private func indexablePath(_ base: Expression, _ steps: [PathStep], _ scope: Scope) throws -> (String, String)? {
        guard case .column(let parts) = base, let (relation, column) = try scope.resolve(parts.map(\.name)),
            tableReads[relation.sqlAlias] != nil, column.computed == nil, column.type.isSemiStructured
        else { return nil }
        let bare = try path(TypedSQL(quote(column.sqlName), type: column.type), steps)
        guard bare.arguments.isEmpty else { return nil }
        return (relation.sqlAlias, bare.sql)
    }

    /// Writes `INDEXED BY` where a table's reads are all indexed paths and removes the other
    /// markers; hands over what the tables could learn. The SQL with its markers is kept, so the
    /// statement can finish it again once it has taught the tables (`refinishSubColumns`).
    func finishSubColumns(_ query: inout TranslatedQuery) {
        guard !tableReads.isEmpty else { return }
        query.unfinishedSQL = query.sql
        for read in tableReads.values where query.sql.contains(read.marker) {
            var clause = ""
            if read.isCovered, let storage = read.table.storageName { clause = " INDEXED BY " + quote(SubColumns.indexName(storage: storage)) }
            query.sql = query.sql.replacingOccurrences(of: read.marker, with: clause)
        }
        query.subColumnsToLearn = tableReads.values.filter { !$0.unlearned.isEmpty }
            .map { SubColumnsToLearn(table: $0.table, expressions: $0.unlearned) }
    }

    /// Finishes `query` again with the tables' sub-columns as they are now.
    func refinishSubColumns(_ query: inout TranslatedQuery) throws {
        guard let unfinished = query.unfinishedSQL else { return }
        for (alias, read) in tableReads {
            let table =
                try catalog.object(
                    database: read.table.database, schema: read.table.schema, name: read.table.name,
                    kinds: [.table]) ?? read.table
            tableReads[alias]?.table = table
            tableReads[alias]?.subColumns = try catalog.subColumns(of: table)
            tableReads[alias]?.unlearned = []
        }
        query.sql = unfinished
        finishSubColumns(&query)
    }
}
