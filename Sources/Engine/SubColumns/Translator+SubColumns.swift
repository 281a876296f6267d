// Translator+SubColumns: how a query reads a table's sub-columns (Catalog+SubColumns.swift).
//
// A path over a table's VARIANT column is translated as always, `(t3."RAW" -> '$.state')`, and
// `::STRING` of it as `sf_convert(…, 'VARIANT', 'VARCHAR(16777216)')`. When the table's index
// holds that expression, SQLite reads the stored value wherever the query's expression is the
// indexed one (a subtree of it is enough: `::INT` of an indexed path converts the stored value).
// SQLite 3.40 does not see by itself that such an index covers a query, so the statement is
// finished (Translator+SubColumnReads.swift) once every use of the table is known: each path's
// SQL carries a tag (a comment) until then, and the FROM item a marker.
//
// Paths a query uses that the table's index lacks are handed to the statement
// (`TranslatedQuery.subColumnsToLearn`), which adds them (Executor+SubColumns.swift).

import GRDB
import SnowSQL

/// One base table read in a query's FROM clause: its sub-columns and how the query uses its columns.
struct TableRead {
    var table: ObjectRecord
    var subColumns: SubColumns
    /// The comment standing after the FROM item's alias, where the finished SQL names the index.
    var marker: String
    /// Column uses of any kind, and those that were literal paths (some inside aggregate or window
    /// functions' arguments, which SQLite 3.40 evaluates from the table even when an index holds them).
    var references = 0
    var pathReferences = 0
    var aggregatedPathReferences = 0
    /// The index expressions of those paths, in order of first use.
    var paths: [String] = []
    /// Each path or string cast as the SQL holds it until the statement is finished.
    var tagged: [TaggedUse] = []
    /// Paths and their string casts used here that the index lacks, in order of first use.
    var unlearned: [String] = []
    /// Set when the query's rows come out in the order this table is read (no GROUP BY, no
    /// aggregate): reading the index instead would reorder rows a user sees in load order.
    var keepsReadOrder = false
    /// The GROUP BY keys' index expressions when every key is a path (or string cast) of this
    /// table, and the keys' SQL: an index that leads with them is read in order, without a sort.
    var groupingKeys: [String] = []
    var groupingKeyTexts: [String] = []

    /// Whether the query groups by the index's first expressions and uses the table only inside
    /// its keys, so the index read in order gives the groups.
    var readsIndexInOrder: Bool {
        aggregatedPathReferences == 0 && !groupingKeys.isEmpty && Array(subColumns.expressions.prefix(groupingKeys.count)) == groupingKeys
            && tagged.allSatisfy { use in groupingKeyTexts.contains { SQLText.contains($0, use.text) } }
    }

    /// Whether the query may read the table's rows from its index alone: it groups them, and the
    /// index holds every use of the table's columns.
    var isCovered: Bool {
        !keepsReadOrder && pathReferences > 0 && references == pathReferences && paths.allSatisfy(subColumns.expressions.contains)
    }
}

/// A path (or its string cast) in the SQL being built: `text` is `plain` followed by a tag only
/// this use has; `bare` is the same expression over the unqualified column, as an index holds it.
struct TaggedUse {
    var text: String
    var plain: String
    var bare: String
}

/// Expressions a query used that its table's sub-columns lack, and the GROUP BY keys the index
/// should lead with (when no grouping query has decided yet).
struct SubColumnsToLearn {
    var table: ObjectRecord
    var expressions: [String]
    var leading: [String] = []
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

    /// Notes a GROUP BY's keys (their SQL) for each base table of `scope` whose paths they all are.
    func noteGroupingKeys(_ keys: [String], of scope: Scope) {
        for relation in scope.relations {
            guard let read = tableReads[relation.sqlAlias] else { continue }
            let bares = keys.compactMap { key in read.tagged.last { $0.text == key }?.bare }
            guard bares.count == keys.count, !bares.isEmpty else { continue }
            // The index should lead with them: the first grouping query to ask decides (Catalog+SubColumns).
            tableReads[relation.sqlAlias]?.groupingKeys = bares
            tableReads[relation.sqlAlias]?.groupingKeyTexts = keys
        }
    }

    /// Counts a use of a column of the relation `sqlAlias` (a reference, `*`, `$n`, USING).
    func noteColumnUse(of sqlAlias: String, count: Int = 1) {
        tableReads[sqlAlias]?.references += count
    }

    /// `translated`, the SQL of `base:steps`, tagged when `base` is a semi-structured column of a
    /// base table and the path a literal one; notes whether the table's index lacks it.
    func notePath(_ base: Expression, _ steps: [PathStep], _ translated: TypedSQL, _ scope: Scope) throws -> TypedSQL {
        guard let (alias, bare) = try indexablePath(base, steps, scope), translated.arguments.isEmpty else { return translated }
        tableReads[alias]?.pathReferences += 1
        if aggregateArgumentDepth > 0 { tableReads[alias]?.aggregatedPathReferences += 1 }
        if tableReads[alias]?.paths.contains(bare) == false { tableReads[alias]?.paths.append(bare) }
        noteUse(of: bare, in: alias)
        return tag(translated, bare: bare, in: alias)
    }

    /// `converted`, the SQL of `base:steps::STRING`, tagged as a use of its own: its value is worth
    /// keeping beside the path's, as GROUP BY and ORDER BY read such an index in order.
    func noteCast(_ value: Expression, to target: SnowflakeType, isTry: Bool, _ converted: TypedSQL, _ scope: Scope) throws -> TypedSQL {
        guard !isTry, target == .varchar(length: SnowflakeType.maxVarchar), case .path(let base, let steps) = value,
            converted.arguments.isEmpty, let (alias, path) = try indexablePath(base, steps, scope)
        else { return converted }
        let bare = Cast.convert(TypedSQL(path, type: .variant), to: target)
        guard bare.arguments.isEmpty else { return converted }
        noteUse(of: bare.sql, in: alias)
        return tag(converted, bare: bare.sql, in: alias)
    }

    private func tag(_ sql: TypedSQL, bare: String, in alias: String) -> TypedSQL {
        subColumnTags += 1
        let text = sql.sql + "/*sl-path \(subColumnNonce) \(subColumnTags)*/"
        tableReads[alias]?.tagged.append(TaggedUse(text: text, plain: sql.sql, bare: bare))
        return TypedSQL(text, sql.arguments, type: sql.type, nullable: sql.nullable)
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
}
