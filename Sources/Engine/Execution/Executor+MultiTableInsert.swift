// Executor+MultiTableInsert: INSERT [OVERWRITE] ALL | FIRST. The query runs once, into a temporary
// SQLite table, so that every INTO clause sees the same rows (a query with RANDOM() or NEXTVAL is
// not run again per clause). Each INTO clause is then one INSERT … SELECT from it: its VALUES (the
// query's columns by name, expressions of them, DEFAULT or NULL; without VALUES every column of the
// query in order) converted to the target's column types, the other columns taking their defaults,
// under its WHEN's condition. ALL inserts a row through every WHEN that holds; FIRST through the
// first one only; ELSE takes the rows no WHEN held for (a NULL condition does not hold). OVERWRITE
// empties each target first. The answer has one column per target table, in the order the tables
// are first named, counting the rows inserted into it [? Snowflake's column names: "number of rows
// inserted into <TABLE>" is this implementation's wording].
// https://docs.snowflake.com/en/sql-reference/sql/insert-multi-table

import GRDB
import SnowSQL

extension Executor {
    func multiTableInsert(_ insert: MultiTableInsert) throws -> ResultSet {
        let translator = translator()
        let source = try translator.translate(insert.query)
        let sourceTable = translator.nextAlias("insert_source")
        try db.execute(
            sql: "CREATE TEMP TABLE \(quote(sourceTable)) AS SELECT * FROM (\(source.sql))",
            arguments: StatementArguments(source.arguments))
        defer { try? db.execute(sql: "DROP TABLE IF EXISTS temp.\(quote(sourceTable))") }
        let scope = Scope(parent: nil)
        scope.relations.append(
            Relation(
                name: nil, qualifiedParts: [], sqlAlias: quote(sourceTable),
                columns: zip(source.columns, source.sqlNames).map {
                    RelationColumn(name: $0.name, type: $0.type, sqlName: $1, nullable: $0.nullable)
                }))

        // Each WHEN's condition, held only when TRUE; a clause's filter as ALL or FIRST say.
        let conditions = try insert.whens.map { when -> TypedSQL in
            try translator.expression(when.condition, scope).wrapped("COALESCE((", "), 0)")
        }
        var plans: [(into: MultiTableInsert.Into, filter: TypedSQL?)] = insert.intos.map { ($0, nil) }
        for (index, when) in insert.whens.enumerated() {
            var filter = conditions[index]
            if insert.first {
                for earlier in conditions[..<index] {
                    filter = TypedSQL.join([filter, earlier.wrapped("NOT ", "")], separator: " AND ", type: .boolean)
                }
            }
            plans += when.intos.map { ($0, filter) }
        }
        if !insert.elseIntos.isEmpty {
            let none = TypedSQL.join(conditions.map { $0.wrapped("NOT ", "") }, separator: " AND ", type: .boolean)
            plans += insert.elseIntos.map { ($0, none) }
        }

        var counts: [(table: String, rows: Int)] = []
        var emptied = Set<String>()
        for (into, filter) in plans {
            let (table, columns) = try targetTable(into.table, operation: "INSERT", requiring: [.insert])
            let storage = quote(table.storageName ?? table.qualifiedName)
            if insert.overwrite, emptied.insert(storage).inserted { try db.execute(sql: "DELETE FROM \(storage)") }
            let targets =
                try into.columns.isEmpty
                ? columns
                : into.columns.map { identifier in
                    guard let column = columns.first(where: { $0.name == identifier.name }) else { throw InvalidIdentifier(name: identifier.sql) }
                    return column
                }
            let values: [TypedSQL]
            if let written = into.values {
                guard written.count == targets.count else {
                    throw SnowflakeError.insertValueListMismatch(expected: targets.count, got: written.count)
                }
                values = try zip(written, targets).map { value, column in
                    switch value {
                    case .default: return try defaultValue(column, of: table)
                    case .expression(let expression): return coerced(try translator.expression(expression, scope), to: column)
                    }
                }
            } else {
                guard source.columns.count == targets.count else {
                    throw SnowflakeError.insertValueListMismatch(expected: targets.count, got: source.columns.count)
                }
                values = zip(zip(source.sqlNames, source.columns), targets).map { pair, column in
                    coerced(TypedSQL(quote(sourceTable) + "." + quote(pair.0), type: pair.1.type), to: column)
                }
            }
            let others = columns.filter { column in !targets.contains { $0.name == column.name } }
            let cells = TypedSQL.join(values + (try others.map { try defaultValue($0, of: table) }), separator: ", ", type: .boolean)
            var sql =
                "INSERT INTO \(storage) (\((targets + others).map { quote($0.name) }.joined(separator: ", "))) "
                + "SELECT \(cells.sql) FROM \(quote(sourceTable))"
            var arguments = cells.arguments
            if let filter {
                sql += " WHERE " + filter.sql
                arguments += filter.arguments
            }
            try db.execute(sql: sql, arguments: StatementArguments(arguments))
            if let index = counts.firstIndex(where: { $0.table == table.name }) {
                counts[index].rows += db.changesCount
            } else {
                counts.append((table.name, db.changesCount))
            }
        }
        let total = counts.reduce(0) { $0 + $1.rows }
        return ResultSet(
            columns: counts.map { ResultColumn("number of rows inserted into \($0.table)", .integer, nullable: false) },
            rows: [counts.map { .integer(Int64($0.rows)) }], kind: .dml(affected: total))
    }

    /// The answer's columns, for a driver's describe-only request: the targets must exist and be writable.
    func multiTableInsertColumns(_ insert: MultiTableInsert) throws -> [ResultColumn] {
        var names: [String] = []
        for into in insert.intos + insert.whens.flatMap(\.intos) + insert.elseIntos {
            let (table, _) = try targetTable(into.table, operation: "INSERT", requiring: [.insert])
            if !names.contains(table.name) { names.append(table.name) }
        }
        _ = try describingTranslator().translate(insert.query)
        return names.map { ResultColumn("number of rows inserted into \($0)", .integer, nullable: false) }
    }
}
