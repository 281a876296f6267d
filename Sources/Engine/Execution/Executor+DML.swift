// Executor+DML: INSERT, UPDATE and DELETE on tables. Values meet a column's type through
// Snowflake's conversions (Cast), columns left out get their DEFAULT or identity, and the result is the
// row count Snowflake reports (`number of rows inserted`, …), which snowsql's footer counts.

import Foundation
import GRDB
import Security
import SnowSQL

extension Executor {
    /// The counts each DML statement answers with (a count is never NULL); MERGE's depend on its
    /// clauses (`mergeColumns`).
    static let insertColumns = [ResultColumn("number of rows inserted", .integer, nullable: false)]
    static let updateColumns = [ResultColumn("number of rows updated", .integer, nullable: false),
                                ResultColumn("number of multi-joined rows updated", .integer, nullable: false)]
    static let deleteColumns = [ResultColumn("number of rows deleted", .integer, nullable: false)]

    /// The table a DML statement writes, with its columns, once the role is found to hold each of
    /// `privileges` on it (and USAGE on its database and schema).
    func targetTable(_ name: ObjectName, operation: String, requiring privileges: [Privilege] = []) throws -> (ObjectRecord, [ColumnRecord]) {
        if case .reference(let arguments) = name {
            return try referencedTarget(arguments, operation: operation, requiring: privileges)
        }
        let parts = try session.nameParts(name)
        let qualified = try session.qualify(parts, database: session.currentDatabase, schema: session.currentSchema,
                                            operation: operation)
        guard try catalog.schema(database: qualified.database, name: qualified.schema) != nil,
              let object = try catalog.object(database: qualified.database, schema: qualified.schema, name: qualified.name,
                                              kinds: [.table, .view]) else {
            throw SnowflakeError.doesNotExist("Table", parts.joined(separator: "."))
        }
        let access = try access
        for privilege in privileges {
            try access.require(privilege, on: object, missing: SnowflakeError.doesNotExist("Table", parts.joined(separator: ".")))
        }
        guard object.kind == .table else {
            throw SnowflakeError.compilationError("View '\(object.name)' cannot be the target of \(operation).")
        }
        return (object, try catalog.columns(of: object))
    }

    /// A DML target written `reference('t')`: the consumer's table bound to it, with the reference's privileges.
    private func referencedTarget(_ arguments: [Expression], operation: String,
                                  requiring privileges: [Privilege]) throws -> (ObjectRecord, [ColumnRecord]) {
        let object = try translator().referencedTarget(arguments, requiring: privileges)
        guard object.kind == .table else {
            throw SnowflakeError.compilationError("View '\(object.name)' cannot be the target of \(operation).")
        }
        return (object, try catalog.columns(of: object))
    }

    /// A value converted to a column's type, unless it already has that type.
    func coerced(_ value: TypedSQL, to column: ColumnRecord) -> TypedSQL { Cast.convert(value, to: column.type) }

    /// What a row inserted into `table` without `column` gets: its identity's next value, its
    /// DEFAULT, or NULL.
    func defaultValue(_ column: ColumnRecord, of table: ObjectRecord) throws -> TypedSQL {
        if let identity = column.identity { return identityValue(identity, column: column, of: table) }
        guard let text = column.defaultText else { return TypedSQL("NULL", type: column.type) }
        let expression = try Parser.parseStandaloneExpression(text)
        return coerced(try translator().expression(expression, Scope(parent: nil)), to: column)
    }

    func insert(_ insert: Insert) throws -> ResultSet {
        let (table, columns) = try targetTable(insert.table, operation: "INSERT", requiring: [.insert])
        let targets: [ColumnRecord]
        if insert.columns.isEmpty {
            targets = columns
        } else {
            targets = try insert.columns.map { identifier in
                guard let column = columns.first(where: { $0.name == identifier.name }) else {
                    throw InvalidIdentifier(name: identifier.sql)
                }
                return column
            }
        }
        let others = columns.filter { column in !targets.contains { $0.name == column.name } }
        let defaults = try others.map { try defaultValue($0, of: table) }
        let storage = quote(table.storageName ?? table.qualifiedName)
        let columnList = (targets + others).map { quote($0.name) }.joined(separator: ", ")
        if insert.overwrite { try db.execute(sql: "DELETE FROM \(storage)") }

        switch insert.source {
        case .values(let rows):
            let translator = translator()
            let scope = Scope(parent: nil)
            var rowSQL: [TypedSQL] = []
            for row in rows {
                guard row.count == targets.count else {
                    throw SnowflakeError.insertValueListMismatch(expected: targets.count, got: row.count)
                }
                let cells = try zip(row, targets).map { coerced(try translator.expression($0, scope), to: $1) } + defaults
                rowSQL.append(TypedSQL.join(cells, separator: ", ", type: .boolean).wrapped("(", ")"))
            }
            let values = TypedSQL.join(rowSQL, separator: ", ", type: .boolean)
            try run("INSERT INTO \(storage) (\(columnList)) VALUES \(values.sql)", arguments: values.arguments)
        case .query(let query):
            let translated = try translator().translate(query)
            guard translated.columns.count == targets.count else {
                throw SnowflakeError.insertValueListMismatch(expected: targets.count, got: translated.columns.count)
            }
            let cells = zip(translated.sqlNames, zip(translated.columns, targets)).map { name, pair in
                coerced(TypedSQL(quote(name), type: pair.0.type), to: pair.1)
            } + defaults
            let select = TypedSQL.join(cells, separator: ", ", type: .boolean)
            // The select list's arguments come first in the text, then the query's.
            try run("INSERT INTO \(storage) (\(columnList)) SELECT \(select.sql) FROM (\(translated.sql))",
                    arguments: select.arguments + translated.arguments)
        }
        return ResultSet(columns: Executor.insertColumns,
                         rows: [[.integer(Int64(db.changesCount))]], kind: .dml(affected: db.changesCount))
    }

    func update(_ update: Update) throws -> ResultSet {
        let (table, columns) = try targetTable(update.table, operation: "UPDATE", requiring: [.update])
        let translator = translator()
        let scope = Scope(parent: nil)
        let alias = translator.nextAlias()
        let relationColumns = columns.map { RelationColumn(name: $0.name, type: $0.type, sqlName: $0.name) }
        scope.relations.append(Relation(name: update.alias?.name ?? table.name, qualifiedParts: [table.database, table.schema, table.name],
                                        sqlAlias: alias, columns: relationColumns))
        var from: TypedSQL?
        if let source = update.from { from = try translator.tableReference(source, scope) }
        let assignments = try update.assignments.map { assignment -> TypedSQL in
            guard let column = columns.first(where: { $0.name == assignment.column.name }) else {
                throw InvalidIdentifier(name: assignment.column.sql)
            }
            let value = coerced(try translator.expression(assignment.value, scope), to: column)
            return value.wrapped(quote(column.name) + " = ", "")
        }
        let set = TypedSQL.join(assignments, separator: ", ", type: .boolean)
        var sql = "UPDATE \(quote(table.storageName ?? table.qualifiedName)) AS \(alias) SET \(set.sql)"
        var arguments = set.arguments
        if let from {
            sql += " FROM " + from.sql
            arguments += from.arguments
        }
        if let condition = update.whereClause {
            let w = try translator.expression(condition, scope)
            sql += " WHERE " + w.sql
            arguments += w.arguments
        }
        try run(sql, arguments: arguments)
        let count = db.changesCount
        return ResultSet(columns: Executor.updateColumns,
                         rows: [[.integer(Int64(count)), .integer(0)]], kind: .dml(affected: count))
    }

    func delete(_ delete: Delete) throws -> ResultSet {
        let (table, columns) = try targetTable(delete.table, operation: "DELETE", requiring: [.delete])
        let translator = translator()
        let scope = Scope(parent: nil)
        let alias = translator.nextAlias()
        scope.relations.append(Relation(name: delete.alias?.name ?? table.name, qualifiedParts: [table.database, table.schema, table.name],
                                        sqlAlias: alias,
                                        columns: columns.map { RelationColumn(name: $0.name, type: $0.type, sqlName: $0.name) }))
        var sql = "DELETE FROM \(quote(table.storageName ?? table.qualifiedName)) AS \(alias)"
        var arguments: [DatabaseValue] = []
        if let using = delete.using {
            // DELETE … USING: a row goes when some USING row satisfies the condition with it.
            let usingScope = Scope(parent: scope)
            let source = try translator.tableReference(using, usingScope)
            let condition = try delete.whereClause.map { try translator.expression($0, usingScope) }
            sql += " WHERE EXISTS (SELECT 1 FROM \(source.sql)" + (condition.map { " WHERE " + $0.sql } ?? "") + ")"
            arguments = source.arguments + (condition?.arguments ?? [])
        } else if let condition = delete.whereClause {
            let w = try translator.expression(condition, scope)
            sql += " WHERE " + w.sql
            arguments = w.arguments
        }
        try run(sql, arguments: arguments)
        let count = db.changesCount
        return ResultSet(columns: Executor.deleteColumns, rows: [[.integer(Int64(count))]],
                         kind: .dml(affected: count))
    }
}
