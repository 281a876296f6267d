// SQLPrinter+HybridTables: CREATE INDEX, DROP INDEX, SHOW INDEXES and SHOW HYBRID TABLES back to
// text, and the parts of CREATE HYBRID TABLE ordinary tables lack (secondary indexes, a foreign
// key's clauses). Parsed in Parser+DDL.swift.

extension StatementPrinter {
    static func hybridTable(_ statement: HybridTableStatement) -> String {
        switch statement {
        case .createIndex(let c):
            var out = "CREATE "
            if c.modifiers.orReplace { out += "OR REPLACE " }
            out += "INDEX "
            if c.modifiers.ifNotExists { out += "IF NOT EXISTS " }
            return out + c.index.name.sql + " ON " + c.table.description + indexColumns(c.index)
        case .dropIndex(let table, let index, let ifExists):
            return "DROP INDEX " + (ifExists ? "IF EXISTS " : "") + table.description + "." + index.sql
        case .showIndexes(let terse, let filter, let table):
            var out = "SHOW " + (terse ? "TERSE " : "") + "INDEXES"
            guard let table else { return out + showFilter(filter) }
            if let like = filter.like { out += " LIKE " + SQLPrinter.quoteString(like) }
            out += " IN TABLE " + table.description
            var rest = filter
            rest.like = nil
            return out + showFilter(rest)
        case .showHybridTables(let terse, let filter):
            return "SHOW " + (terse ? "TERSE " : "") + "HYBRID TABLES" + showFilter(filter)
        }
    }

    /// ` (a, b)` and, when written, ` INCLUDE (c)`.
    static func indexColumns(_ index: TableIndex) -> String {
        var out = " (" + index.columns.map(\.sql).joined(separator: ", ") + ")"
        if !index.include.isEmpty { out += " INCLUDE (" + index.include.map(\.sql).joined(separator: ", ") + ")" }
        return out
    }

    /// A foreign key's target and clauses: ` REFERENCES t (c) ON DELETE RESTRICT`.
    static func references(_ table: ObjectName, _ columns: [Identifier], _ actions: [String]) -> String {
        var out = " REFERENCES " + table.description
        if !columns.isEmpty { out += " (" + columns.map(\.sql).joined(separator: ", ") + ")" }
        return out + actions.map { " " + $0 }.joined()
    }
}
