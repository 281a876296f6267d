// Translator+ExtremumLookups: an index for "the newest row of a key". A connector's state table is
// append-only and each new row asks for its key's newest timestamp first
// (`SELECT DATEADD(millisecond, 1, MAX(timestamp)) FROM app_state WHERE key = :key`): without an
// index SQLite reads the whole table for it, so an ingestion of N pages read N²/2 rows. The first
// statement that writes and asks such a question (one MIN or MAX of a column, no GROUP BY, one
// table, and `column = constant` in its WHERE) gives the table a SQLite index on (that column, the
// aggregated column), which SQLite's min/max optimization reads as one lookup.
//
// Like MERGE's lookup indexes, it is invisible to SQL: SQLite keeps it exact on every write, it
// changes which rows are read, never a value, and goes with the table (DROP, CREATE OR REPLACE; a
// clone copies rows only). A read-only statement never makes one; a DESCRIBE neither.

import GRDB
import SnowSQL

extension Translator {
    /// Gives `select`'s one table the index its MIN/MAX lookup needs, when the statement may write.
    func indexExtremumLookup(_ select: Select, _ scope: Scope) throws {
        guard !describing, select.groupBy.isEmpty, scope.aggregateCalls == 1, scope.relations.count == 1,
            case .table? = select.from, let relation = scope.relations.first, let condition = select.whereClause,
            let aggregated = Translator.extremumColumn(select.items), let key = Translator.equalityColumn(condition),
            let keyColumn = Translator.plainColumn(key, of: relation), let valueColumn = Translator.plainColumn(aggregated, of: relation),
            keyColumn != valueColumn, relation.qualifiedParts.count == 3,
            let table = try catalog.object(
                database: relation.qualifiedParts[0], schema: relation.qualifiedParts[1],
                name: relation.qualifiedParts[2], kinds: [.table])
        else { return }
        guard try !catalog.db.isReadOnlyTransaction else { return }
        try catalog.createLookupIndex(
            storage: quote(table.storageName ?? table.qualifiedName),
            expression: quote(keyColumn) + ", " + quote(valueColumn))
    }

    /// The column name of the select list's one MIN or MAX (not a window function) of a bare column.
    static func extremumColumn(_ items: [SelectItem]) -> [Identifier]? {
        var found: [[Identifier]] = []
        func visit(_ e: Expression) {
            switch e {
            case .function(let call):
                let name = call.name.last?.name.uppercased()
                if call.over == nil, call.name.count == 1, name == "MAX" || name == "MIN", call.arguments.count == 1,
                    case .column(let column) = call.arguments[0].value
                {
                    found.append(column)
                }
                for argument in call.arguments { visit(argument.value) }
            case .cast(let inner, _, _), .nested(let inner), .unary(_, let inner): visit(inner)
            case .binary(_, let l, let r): visit(l); visit(r)
            default: break
            }
        }
        for item in items {
            guard case .expression(let e, _, _) = item else { return nil }
            visit(e)
        }
        return found.count == 1 ? found[0] : nil
    }

    /// A column the WHERE clause requires equal to a constant (a literal, a bind or a session
    /// variable), among its ANDed terms.
    static func equalityColumn(_ condition: Expression) -> [Identifier]? {
        func isConstant(_ e: Expression) -> Bool {
            switch e {
            case .literal, .bind, .variable: return true
            case .nested(let inner): return isConstant(inner)
            default: return false
            }
        }
        for term in Executor.conjuncts(condition) {
            guard case .binary(.equal, let l, let r) = term else { continue }
            if case .column(let column) = l, isConstant(r) { return column }
            if case .column(let column) = r, isConstant(l) { return column }
        }
        return nil
    }

    /// The SQLite column a name (bare or qualified by the relation's name) stands for, when it is
    /// one of the table's own columns.
    static func plainColumn(_ name: [Identifier], of relation: Relation) -> String? {
        guard let last = name.last, name.count == 1 || (name.count == 2 && name[0].name == relation.name) else { return nil }
        let matches = relation.columns.filter { $0.name == last.name && $0.computed == nil }
        return matches.count == 1 ? matches[0].sqlName : nil
    }
}
