// Executor+Merge: MERGE INTO … USING … ON … WHEN [NOT] MATCHED …. SQLite has no MERGE, so it
// runs in steps inside the statement's transaction:
//   1. the source is evaluated once into a temporary table (its keys are extracted once per row);
//   2. target/source pairs that satisfy ON are found — an expression index on the target side of
//      each `target_expr = source_expr` term (`t.raw:id`) makes that a lookup per source row, so
//      the cost of a page does not grow with the table;
//   3. each pair takes the first WHEN MATCHED clause whose condition holds (evaluated on the
//      values before any change); a target row that two source rows would update or delete is
//      error 100090; then UPDATEs and DELETEs apply;
//   4. source rows with no pair take the first WHEN NOT MATCHED clause that holds and are inserted.
// The result has one column per action kind present: inserted, updated, deleted (spec §10).
// The work tables live in the connection's temp schema for its whole life and are emptied, not
// dropped, after each MERGE: a schema change would make SQLite and GRDB prepare every statement
// again, which was most of a connector page's MERGE. The source table is one per list of column
// affinities (a table of the source's types, as CREATE TABLE would declare them).

import Foundation
import GRDB
import Security
import SnowSQL

extension Executor {
    // MERGE's own temporary tables (the source rows are numbered `snowlite_rid`). Not catalog
    // tables: they live in the connection's temp schema, empty between statements.
    private static let pairTable = "snowlite_merge_pair"
    private static let newRowTable = "snowlite_merge_new"

    /// The source table for columns of these types: `snowlite_rid` and `c1`…`cN` with the
    /// affinities CREATE TABLE gives the types.
    private static func sourceTable(_ types: [SnowflakeType]) -> (name: String, create: String) {
        let affinities = types.map(\.sqliteAffinity)
        let name = "snowlite_merge_source_" + affinities.joined(separator: "_")
        let columns = affinities.enumerated().map { "c\($0.offset + 1) \($0.element)" }
        return (name, "CREATE TEMP TABLE IF NOT EXISTS \(name) (" + (["snowlite_rid INTEGER PRIMARY KEY"] + columns).joined(separator: ", ") + ")")
    }

    /// The privileges on the target that the actions of a MERGE need; SELECT on the source is
    /// checked as it is read.
    static func mergePrivileges(_ merge: Merge) -> [Privilege] {
        let actionPrivileges = merge.clauses.map { clause -> Privilege in
            switch clause.action {
            case .update: return .update
            case .delete: return .delete
            case .insert: return .insert
            }
        }
        return Array(Set(actionPrivileges)).sorted { $0.rawValue < $1.rawValue }
    }

    func merge(_ merge: Merge) throws -> ResultSet {
        let (table, columns) = try targetTable(merge.target, operation: "MERGE", requiring: Executor.mergePrivileges(merge))
        let storage = quote(table.storageName ?? table.qualifiedName)
        let translator = translator()
        let targetName = merge.targetAlias?.name ?? table.name
        let targetColumns = columns.map { RelationColumn(name: $0.name, type: $0.type, sqlName: $0.name) }
        let targetParts = [table.database, table.schema, table.name]

        // 1. The source, once.
        let sourceScope = Scope(parent: nil)
        let sourceSQL = try translator.tableReference(merge.source, sourceScope)
        guard let sourceRelation = sourceScope.relations.first, sourceScope.relations.count == 1 else {
            throw SnowflakeError.unsupported("MERGE with a joined source")
        }
        let (sourceTable, createSource) = Executor.sourceTable(sourceRelation.columns.map(\.type))
        try prepareMergeTables(createSource: createSource, sourceTable: sourceTable)
        let sourceList = TypedSQL.join(sourceRelation.columns.map { Translator.reference(to: $0, of: sourceRelation) }, separator: ", ",
                                       type: .boolean)
        let positional = sourceRelation.columns.indices.map { "c\($0 + 1)" }
        try run("INSERT INTO temp.\(sourceTable) (\(positional.joined(separator: ", "))) SELECT \(sourceList.sql) FROM \(sourceSQL.sql)",
                sourceList.arguments + sourceSQL.arguments)
        var source = sourceRelation
        source.sqlAlias = "s"
        for i in source.columns.indices {
            source.columns[i].sqlName = positional[i]
            source.columns[i].computed = nil
        }

        // The scope WHEN clauses see: target as "t", the materialized source as "s".
        let scope = Scope(parent: nil)
        scope.relations = [Relation(name: targetName, qualifiedParts: targetParts, sqlAlias: "t", columns: targetColumns), source]

        // 2. Pairs, with an index on the target side of each equality.
        try createMergeIndexes(merge.condition, storage: storage, targetName: targetName, targetParts: targetParts,
                               targetColumns: targetColumns, source: source, translator: translator)
        let on = try translator.expression(merge.condition, scope)
        try run("INSERT INTO temp.\(Executor.pairTable) (trow, srid) SELECT t.rowid, s.snowlite_rid "
                + "FROM \(storage) AS t JOIN temp.\(sourceTable) AS s ON \(on.sql)", on.arguments)

        // 3. WHEN MATCHED.
        var inserted = 0, updated = 0, deleted = 0
        let matched = merge.clauses.enumerated().filter { $0.element.matched }
        for (index, clause) in matched {
            var sql = "UPDATE \(Executor.pairTable) SET clause = \(index) WHERE clause IS NULL"
            var arguments: [DatabaseValue] = []
            if let condition = clause.condition {
                let c = try translator.expression(condition, scope)
                sql += " AND EXISTS (SELECT 1 FROM \(storage) AS t, temp.\(sourceTable) AS s WHERE t.rowid = "
                    + "\(Executor.pairTable).trow AND s.snowlite_rid = \(Executor.pairTable).srid AND (\(c.sql)))"
                arguments = c.arguments
            }
            try run(sql, arguments)
        }
        if try Bool.fetchOne(db.cachedStatement(sql: """
            SELECT EXISTS (SELECT 1 FROM temp.\(Executor.pairTable) WHERE clause IS NOT NULL GROUP BY trow HAVING count(*) > 1)
            """)) ?? false {
            throw SnowflakeError.duplicateRowDetected
        }
        for (index, clause) in matched {
            switch clause.action {
            case .update(let assignments):
                let set = try assignments.map { assignment -> TypedSQL in
                    guard let column = columns.first(where: { $0.name == assignment.column.name }) else {
                        throw InvalidIdentifier(name: assignment.column.sql)
                    }
                    return coerced(try translator.expression(assignment.value, scope), to: column).wrapped(quote(column.name) + " = ", "")
                }
                let list = TypedSQL.join(set, separator: ", ", type: .boolean)
                try run("UPDATE \(storage) AS t SET \(list.sql) FROM temp.\(Executor.pairTable) AS m JOIN "
                        + "temp.\(sourceTable) AS s ON s.snowlite_rid = m.srid WHERE t.rowid = m.trow AND m.clause = \(index)", list.arguments)
                updated += db.changesCount
            case .delete:
                try run("DELETE FROM \(storage) WHERE rowid IN (SELECT trow FROM temp.\(Executor.pairTable) WHERE clause = \(index))")
                deleted += db.changesCount
            case .insert:
                break
            }
        }

        // 4. WHEN NOT MATCHED.
        let notMatched = merge.clauses.enumerated().filter { !$0.element.matched }
        if !notMatched.isEmpty {
            try run("INSERT INTO temp.\(Executor.newRowTable) (snowlite_rid) SELECT snowlite_rid FROM "
                    + "temp.\(sourceTable) WHERE snowlite_rid NOT IN (SELECT srid FROM temp.\(Executor.pairTable))")
            let sourceScope = Scope(parent: nil)
            sourceScope.relations = [source]
            for (index, clause) in notMatched {
                var sql = "UPDATE \(Executor.newRowTable) SET clause = \(index) WHERE clause IS NULL"
                var arguments: [DatabaseValue] = []
                if let condition = clause.condition {
                    let c = try translator.expression(condition, sourceScope)
                    sql += " AND EXISTS (SELECT 1 FROM temp.\(sourceTable) AS s WHERE s.snowlite_rid = \(Executor.newRowTable).snowlite_rid AND (\(c.sql)))"
                    arguments = c.arguments
                }
                try run(sql, arguments)
            }
            for (index, clause) in notMatched {
                guard case .insert(let names, let values) = clause.action else { continue }
                let targets = try names.isEmpty ? columns : names.map { name in
                    guard let column = columns.first(where: { $0.name == name.name }) else { throw InvalidIdentifier(name: name.sql) }
                    return column
                }
                guard targets.count == values.count else {
                    throw SnowflakeError.insertValueListMismatch(expected: targets.count, got: values.count)
                }
                let others = columns.filter { column in !targets.contains { $0.name == column.name } }
                let cells = try zip(values, targets).map { coerced(try translator.expression($0, sourceScope), to: $1) }
                    + others.map { try defaultValue($0, of: table) }
                let list = TypedSQL.join(cells, separator: ", ", type: .boolean)
                let columnList = (targets + others).map { quote($0.name) }.joined(separator: ", ")
                try run("INSERT INTO \(storage) (\(columnList)) SELECT \(list.sql) FROM temp.\(Executor.newRowTable) AS n "
                        + "JOIN temp.\(sourceTable) AS s ON s.snowlite_rid = n.snowlite_rid WHERE n.clause = \(index) ORDER BY n.snowlite_rid",
                        list.arguments)
                inserted += db.changesCount
            }
        }
        try emptyMergeTables(sourceTable: sourceTable)

        let counts = ["number of rows inserted": inserted, "number of rows updated": updated, "number of rows deleted": deleted]
        let resultColumns = Executor.mergeColumns(merge)
        let row = resultColumns.map { Value.integer(Int64(counts[$0.name] ?? 0)) }
        return ResultSet(columns: resultColumns, rows: [row], kind: .dml(affected: inserted + updated + deleted))
    }

    /// MERGE's result: one count per kind of action its clauses have, inserted, updated, deleted.
    static func mergeColumns(_ merge: Merge) -> [ResultColumn] {
        let actions = merge.clauses.map(\.action)
        let present = [
            ("number of rows inserted", actions.contains { if case .insert = $0 { return true } else { return false } }),
            ("number of rows updated", actions.contains { if case .update = $0 { return true } else { return false } }),
            ("number of rows deleted", actions.contains(.delete)),
        ]
        return present.filter(\.1).map { ResultColumn($0.0, .integer, nullable: false) }
    }

    /// Makes the work tables when this connection has none yet, and empties them (a MERGE that
    /// failed inside an explicit transaction may have left rows).
    private func prepareMergeTables(createSource: String, sourceTable: String) throws {
        // Asked first: GRDB empties every statement cache of the connection after any CREATE it runs.
        if try !db.schemaHolds(sourceTable, schema: "temp") { try run(createSource) }
        if try !db.schemaHolds(Executor.pairTable, schema: "temp") {
            try run("CREATE TEMP TABLE IF NOT EXISTS \(Executor.pairTable) (trow INTEGER, srid INTEGER, clause INTEGER)")
        }
        if try !db.schemaHolds(Executor.newRowTable, schema: "temp") {
            try run("CREATE TEMP TABLE IF NOT EXISTS \(Executor.newRowTable) (snowlite_rid INTEGER PRIMARY KEY, clause INTEGER)")
        }
        try emptyMergeTables(sourceTable: sourceTable)
    }

    private func emptyMergeTables(sourceTable: String) throws {
        for name in [sourceTable, Executor.pairTable, Executor.newRowTable] { try run("DELETE FROM temp.\(name)") }
    }

    /// Runs one of MERGE's statements through the connection's statement cache: their text repeats
    /// from MERGE to MERGE (values are bound), and the schema stays put.
    private func run(_ sql: String, _ arguments: [DatabaseValue] = []) throws {
        try db.cachedStatement(sql: sql).execute(arguments: StatementArguments(arguments))
    }

    /// For each `a = b` term of ON where one side reads only the target and the other only the
    /// source, an index on the target side (`CREATE INDEX … ON t (("RAW" -> '$.id'))`), so the
    /// pairs are found by lookups. Sides with bound values or non-deterministic functions are skipped.
    private func createMergeIndexes(_ condition: Expression, storage: String, targetName: String, targetParts: [String],
                                    targetColumns: [RelationColumn], source: Relation, translator: Translator) throws {
        let targetOnly = Scope(parent: nil)
        targetOnly.relations = [Relation(name: targetName, qualifiedParts: targetParts, sqlAlias: "", columns: targetColumns)]
        let sourceOnly = Scope(parent: nil)
        sourceOnly.relations = [source]
        for term in Executor.conjuncts(condition) {
            guard case .binary(.equal, let left, let right) = term else { continue }
            for (targetSide, sourceSide) in [(left, right), (right, left)] {
                guard let indexed = try? translator.expression(targetSide, targetOnly), indexed.arguments.isEmpty,
                      (try? translator.expression(sourceSide, sourceOnly)) != nil else { continue }
                // An expression SQLite will not index (a non-deterministic function) only loses the index.
                try? catalog.createLookupIndex(storage: storage, expression: indexed.sql)
                break
            }
        }
    }

    /// `a AND b AND c` → [a, b, c], looking through parentheses.
    static func conjuncts(_ e: Expression) -> [Expression] {
        switch e {
        case .binary(.and, let l, let r): return conjuncts(l) + conjuncts(r)
        case .nested(let inner): return conjuncts(inner)
        default: return [e]
        }
    }
}
