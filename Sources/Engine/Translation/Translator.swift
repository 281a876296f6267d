// Translator: Snowflake queries to SQLite SQL. It resolves names against the catalog and the
// session's context, expands `*`, titles result columns as Snowflake does, and types every
// output column. Expressions are in Translator+Expressions.swift; FROM items in
// Translator+From.swift. Every output column is named "c1", "c2", … inside SQLite, so
// user names never need to survive SQLite's own naming rules.

import Foundation
import GRDB
import SnowSQL

/// A translated query: the SQL, its arguments, and the Snowflake columns it yields.
struct TranslatedQuery {
    var sql: String
    var arguments: [DatabaseValue]
    var columns: [ResultColumn]
    /// The SQLite names of the output columns, in order ("c1", "c2", …).
    var sqlNames: [String]
    /// Whether running it again may give another result on the same data: it calls a function
    /// evaluated at run time, reads a variable, or reads a table function other than FLATTEN. Such
    /// a result is never reused from the result cache (Session+ResultCache.swift).
    var isVolatile = false
    /// Paths over tables' VARIANT columns that their sub-columns lack (Translator+SubColumns.swift).
    var subColumnsToLearn: [SubColumnsToLearn] = []
    /// The SQL before its sub-column markers were settled.
    var unfinishedSQL: String?
}

/// The work a function does while its query is translated, done by the statement's Executor:
/// SYSTEM$TASK_DEPENDENTS_ENABLE resumes a task graph as ALTER TASK … RESUME would.
struct TranslationActions {
    var enableTaskAndDependents: (String) throws -> Void
}

/// Raised for a column name that resolves to nothing; the session adds its line and position.
struct InvalidIdentifier: Error {
    var name: String
}

final class Translator {
    let session: Session
    let catalog: Catalog
    /// The database and schema that unqualified names resolve in (a view's own, while expanding it).
    var database: String?
    var schema: String?
    /// The role whose privileges reads are checked against: the session's (nil), or a view's owner
    /// while its definition is expanded (views run with their owner's rights).
    var accessRole: String?
    /// Common table expressions visible by name, innermost last.
    var cteStack: [[String: CommonTable]] = []
    /// How many times each CTE name has been read so far (a recursive CTE reads its own).
    var cteReads: [String: Int] = [:]
    /// Set once anything translated so far makes the query volatile (TranslatedQuery.isVolatile).
    /// A user function's call reads and restores it around each argument (Translator+UserFunctions).
    var isVolatile = false
    /// The user functions whose bodies are being expanded, outermost first: a call to one of them
    /// again is recursion, refused (Translator+UserFunctions.swift).
    var expandingFunctions: [String] = []
    /// The databases of the tables, views and streams read so far, views' own reads included
    /// (a package view shared with applications must have REFERENCE_USAGE on each: Executor+SharedContent).
    var databasesRead: Set<String> = []
    private var aliasCounter = 0
    /// What the few functions that act when translated (their arguments are constants) ask of the
    /// statement's execution, handed over by the Executor that made this translator: the translator
    /// itself never runs statements.
    let actions: TranslationActions
    /// Set when the query is only described (Session+Describe.swift): the functions that act when
    /// translated do nothing and NEXTVAL takes no value, so translating changes nothing.
    var describing = false
    /// The rows a staged-file FROM item reads instead of its stage: one file of a COPY's transformation.
    var stagedSource: StagedRows?
    /// The base tables read so far, by SQL alias, with their sub-columns (Translator+SubColumns.swift).
    var tableReads: [String: TableRead] = [:]
    /// Makes this translation's INDEXED BY markers unlike any text a query could hold.
    let subColumnNonce = String(UInt64.random(in: 1...UInt64.max), radix: 36)
    /// How many path uses were tagged so far, and how deep in aggregate or window functions'
    /// arguments the translation is (Translator+SubColumns.swift).
    var subColumnTags = 0
    var aggregateArgumentDepth = 0
    /// How deep in nested `translate` calls the translator is: the outermost finishes the SQL.
    private var translationDepth = 0

    init(session: Session, catalog: Catalog, actions: TranslationActions) {
        self.session = session
        self.catalog = catalog
        self.actions = actions
        self.database = session.currentDatabase
        self.schema = session.currentSchema
    }

    func nextAlias(_ prefix: String = "t") -> String {
        aliasCounter += 1
        return "\(prefix)\(aliasCounter)"
    }

    // MARK: - Queries

    func translate(_ query: Query, parent: Scope? = nil) throws -> TranslatedQuery {
        translationDepth += 1
        defer { translationDepth -= 1 }
        var result = try translateQuery(query, parent: parent)
        if translationDepth == 1 { finishSubColumns(&result) }
        return result
    }

    private func translateQuery(_ query: Query, parent: Scope?) throws -> TranslatedQuery {
        var withSQL = ""
        var withArguments: [DatabaseValue] = []
        if !query.with.isEmpty {
            cteStack.append([:])
            var parts: [String] = []
            for cte in query.with {
                if let recursive = try recursiveCommonTable(cte, parent: parent) {
                    cteStack[cteStack.count - 1][cte.name.name] = recursive
                    continue
                }
                let inner = try translate(cte.query, parent: parent)
                let name = nextAlias("cte")
                var columns: [RelationColumn] = []
                for (i, column) in inner.columns.enumerated() {
                    let title = i < cte.columns.count ? cte.columns[i].name : column.name
                    columns.append(RelationColumn(name: title, type: column.type, sqlName: inner.sqlNames[i],
                                                  nullable: column.nullable))
                }
                parts.append("\(quote(name)) AS (\(inner.sql))")
                withArguments += inner.arguments
                cteStack[cteStack.count - 1][cte.name.name] = CommonTable(sql: name, columns: columns)
            }
            withSQL = parts.isEmpty ? "" : "WITH " + parts.joined(separator: ", ") + " "
        }
        defer { if !query.with.isEmpty { cteStack.removeLast() } }

        var result: TranslatedQuery
        if case .select(let select) = query.body {
            result = try translateSelect(select, orderBy: query.orderBy, parent: parent)
        } else {
            result = try translateBody(query.body, parent: parent)
            if !query.orderBy.isEmpty {
                let terms = try query.orderBy.map { item -> TypedSQL in
                    guard let name = outputReference(item.expression, result), let i = result.sqlNames.firstIndex(of: name) else {
                        throw SnowflakeError.compilationError("ORDER BY term does not match any column in the result of a set operation")
                    }
                    return orderTerm(TypedSQL(quote(name), type: result.columns[i].type), item)
                }
                result.sql += " ORDER BY " + terms.map(\.sql).joined(separator: ", ")
                result.arguments += terms.flatMap(\.arguments)
            }
        }
        try appendLimit(query, to: &result, parent: parent)
        result.sql = withSQL + result.sql
        result.arguments = withArguments + result.arguments
        result.isVolatile = isVolatile
        return result
    }

    /// Notes that the query being translated may give another result when run again.
    func markVolatile() { isVolatile = true }

    private func appendLimit(_ query: Query, to result: inout TranslatedQuery, parent: Scope?) throws {
        guard query.limit != nil || query.offset != nil else { return }
        let scope = Scope(parent: parent)
        if let limit = query.limit {
            let sql = try expression(limit, scope)
            result.sql += " LIMIT " + sql.sql
            result.arguments += sql.arguments
        } else {
            result.sql += " LIMIT -1"
        }
        if let offset = query.offset {
            let sql = try expression(offset, scope)
            result.sql += " OFFSET " + sql.sql
            result.arguments += sql.arguments
        }
    }

    /// Set operations, VALUES and parenthesized queries.
    func translateBody(_ body: QueryBody, parent: Scope?) throws -> TranslatedQuery {
        switch body {
        case .select(let select):
            return try translateSelect(select, orderBy: [], parent: parent)
        case .nested(let query):
            let inner = try translate(query, parent: parent)
            return TranslatedQuery(sql: "SELECT * FROM (\(inner.sql))", arguments: inner.arguments,
                                   columns: inner.columns, sqlNames: inner.sqlNames)
        case .values(let rows):
            return try translateValues(rows, columnNames: nil, parent: parent)
        case .setOperation(let op, let all, let left, let right):
            let l = try translateBody(left, parent: parent)
            let r = try translateBody(right, parent: parent)
            guard l.columns.count == r.columns.count else {
                throw SnowflakeError.setOperatorColumnCountMismatch(expected: l.columns.count, got: r.columns.count)
            }
            let keyword: String
            switch op {
            case .union: keyword = all ? "UNION ALL" : "UNION"
            case .intersect: keyword = "INTERSECT"
            case .except, .minus: keyword = "EXCEPT"
            }
            var columns = l.columns
            for i in columns.indices {
                columns[i].type = unify(l.columns[i].type, r.columns[i].type)
                columns[i].nullable = l.columns[i].nullable || r.columns[i].nullable
            }
            // A chain `a UNION ALL b UNION ALL c` stays flat (SQLite's parser has a depth limit);
            // SQLite, like Snowflake, applies set operators left to right. A parenthesized set
            // operation on the right keeps its parentheses as a subquery.
            let leftSQL = Translator.isSimple(left) ? "SELECT * FROM (\(l.sql))" : l.sql
            let rightSQL = "SELECT * FROM (\(r.sql))"
            return TranslatedQuery(sql: "\(leftSQL) \(keyword) \(rightSQL)",
                                   arguments: l.arguments + r.arguments, columns: columns, sqlNames: l.sqlNames)
        }
    }

    /// Whether a query body is a single SELECT/VALUES rather than a chain of set operations.
    static func isSimple(_ body: QueryBody) -> Bool {
        if case .setOperation = body { return false }
        return true
    }

    /// `VALUES (…), (…)` as a query with columns COLUMN1, COLUMN2, … (or the given names).
    func translateValues(_ rows: [[Expression]], columnNames: [String]?, parent: Scope?) throws -> TranslatedQuery {
        guard let width = rows.first?.count else { throw SnowflakeError.compilationError("VALUES needs at least one row") }
        let scope = Scope(parent: parent)
        var rowSQL: [String] = []
        var arguments: [DatabaseValue] = []
        var types = [SnowflakeType?](repeating: nil, count: width)
        var nullable = [Bool](repeating: false, count: width)
        for row in rows {
            guard row.count == width else {
                throw SnowflakeError.valuesRowWidthMismatch(expected: width, got: row.count)
            }
            let cells = try row.map { try expression($0, scope) }
            for (i, cell) in cells.enumerated() {
                nullable[i] = nullable[i] || cell.nullable
                if cell.sql != "NULL" { types[i] = types[i].map { unify($0, cell.type) } ?? cell.type }
            }
            rowSQL.append("(" + cells.map(\.sql).joined(separator: ", ") + ")")
            arguments += cells.flatMap(\.arguments)
        }
        let names = (1...width).map { "c\($0)" }
        let select = names.enumerated().map { "column\($0.offset + 1) AS \(quote($0.element))" }.joined(separator: ", ")
        let columns = (0..<width).map { i in
            ResultColumn(columnNames.flatMap { i < $0.count ? $0[i] : nil } ?? "COLUMN\(i + 1)", types[i] ?? .string,
                         nullable: nullable[i])
        }
        return TranslatedQuery(sql: "SELECT \(select) FROM (VALUES \(rowSQL.joined(separator: ", ")))",
                               arguments: arguments, columns: columns, sqlNames: names)
    }

    /// The output column an ORDER BY term names: an ordinal, or a title/alias of the result.
    func outputReference(_ e: Expression, _ result: TranslatedQuery) -> String? {
        if case .literal(.number(let text)) = e, let n = Int(text), n >= 1, n <= result.sqlNames.count {
            return result.sqlNames[n - 1]
        }
        if case .column(let parts) = e, parts.count == 1,
           let i = result.columns.firstIndex(where: { $0.name == parts[0].name }) {
            return result.sqlNames[i]
        }
        return nil
    }

    /// `term ASC|DESC NULLS FIRST|LAST`: Snowflake sorts NULL as the highest value by default. A
    /// TIMESTAMP_TZ sorts by the instant it names (read in UTC), not by its text.
    func orderTerm(_ term: TypedSQL, _ item: OrderItem) -> TypedSQL {
        let nullsFirst = item.nullsFirst ?? item.descending
        let key = term.type == .timestampTZ ? Cast.convert(term, to: .timestampLTZ) : term
        return key.wrapped("", (item.descending ? " DESC" : " ASC") + (nullsFirst ? " NULLS FIRST" : " NULLS LAST"))
    }

    // MARK: - SELECT

    func translateSelect(_ select: Select, orderBy: [OrderItem], parent: Scope?) throws -> TranslatedQuery {
        let scope = Scope(parent: parent)
        var fromSQL: TypedSQL?
        if let from = select.from { fromSQL = try tableReference(from, scope) }

        // Select items: titles, and the aliases later clauses may use.
        var outputs: [(title: String, sql: TypedSQL)] = []
        for item in select.items {
            if case .expression(let e, let alias, _) = item, let alias { scope.aliases[alias.name] = e }
        }
        for item in select.items {
            switch item {
            case .wildcard(let qualifier, let exclude):
                let excluded = Set(exclude.map(\.name))
                let relations = try wildcardRelations(qualifier.map(\.name), scope)
                for relation in relations {
                    if relation.stagedWidth != nil { throw SnowflakeError.unsupported("SELECT * over staged files") }
                    noteColumnUse(of: relation.sqlAlias, count: relation.columns.count)
                    for column in relation.columns where !excluded.contains(column.name) {
                        outputs.append((column.name, column.computed
                                        ?? TypedSQL("\(relation.sqlAlias).\(quote(column.sqlName))", type: column.type,
                                                    nullable: column.nullable)))
                    }
                }
            case .expression(let e, let alias, let text):
                var sql = try expression(e, scope)
                // A row of literals (`INSERT … SELECT 5, PARSE_JSON('…')`, a MERGE source's `SELECT 5 AS id
                // UNION ALL …`) binds its whole-number items as it binds its strings, so the statement's
                // text repeats from row to row and stays prepared (PreparedStatements.swift). Only in a
                // select with no FROM: nothing groups by, or is matched against, such an item.
                if select.from == nil, case .literal(.number) = e, sql.arguments.isEmpty, let value = Int64(sql.sql) {
                    sql = TypedSQL("?", [value.databaseValue], type: sql.type, nullable: false)
                }
                outputs.append((alias?.name ?? Translator.title(of: e, text: text.text), sql))
            }
        }
        if outputs.isEmpty { throw SnowflakeError.compilationError("SELECT with no columns") }

        let names = (1...outputs.count).map { "c\($0)" }
        let columns = outputs.map { ResultColumn($0.title, $0.sql.type, nullable: $0.sql.nullable) }
        var selectList = zip(outputs, names).map { $0.sql.wrapped("", " AS \(quote($1))") }
        // QUALIFY filters after window functions and before DISTINCT: it becomes a hidden column
        // of an inner query, and the outer query filters on it.
        let qualify = try select.qualify.map { try expression($0, scope).wrapped("", " AS \"q\"") }
        if let qualify { selectList.insert(qualify, at: 0) }
        let list = TypedSQL.join(selectList, separator: ", ", type: .boolean)
        var sql = "SELECT " + (select.distinct && qualify == nil ? "DISTINCT " : "") + list.sql
        var arguments = list.arguments
        if let fromSQL {
            sql += " FROM " + fromSQL.sql
            arguments += fromSQL.arguments
            // Rows that come out in the order they are read may not be read from an index instead.
            if select.groupBy.isEmpty && !scope.aggregates { keepReadOrder(of: scope) }
        }
        if let condition = select.whereClause {
            let w = try expression(condition, scope)
            sql += " WHERE " + w.sql
            arguments += w.arguments
        }
        try indexExtremumLookup(select, scope)
        if !select.groupBy.isEmpty {
            // A term naming a select item (`GROUP BY 1`, `GROUP BY alias`) groups by SQLite's result
            // column ordinal, so the item is computed once per row, not again for the grouping.
            let shift = qualify == nil ? 0 : 1
            let aliases = select.items.map { item -> String? in
                if case .expression(_, let alias?, _) = item { return alias.name }
                return nil
            }
            // Each term's SQL, and the expression it stands for (a select item's, for an ordinal).
            var keys: [String] = []
            let terms = try select.groupBy.map { term -> TypedSQL in
                if case .literal(.number(let text)) = term, let n = Int(text), n >= 1, n <= outputs.count {
                    keys.append(outputs[n - 1].sql.sql)
                    return TypedSQL("\(n + shift)", type: outputs[n - 1].sql.type)
                }
                if case .column(let parts) = term, parts.count == 1, try scope.resolve([parts[0].name]) == nil,
                   let n = aliases.firstIndex(of: parts[0].name), n < outputs.count, select.items.count == outputs.count {
                    keys.append(outputs[n].sql.sql)
                    return TypedSQL("\(n + 1 + shift)", type: outputs[n].sql.type)
                }
                let key = try expression(term, scope)
                keys.append(key.sql)
                return key
            }
            noteGroupingKeys(keys, of: scope)
            sql += " GROUP BY " + terms.map(\.sql).joined(separator: ", ")
            arguments += terms.flatMap(\.arguments)
        }
        if let having = select.having {
            let h = try expression(having, scope)
            sql += " HAVING " + h.sql
            arguments += h.arguments
        }
        if qualify != nil {
            sql = "SELECT " + (select.distinct ? "DISTINCT " : "") + names.map(quote).joined(separator: ", ")
                + " FROM (\(sql)) WHERE \"q\""
        }

        if !orderBy.isEmpty {
            let current = TranslatedQuery(sql: sql, arguments: arguments, columns: columns, sqlNames: names)
            var terms: [TypedSQL] = []
            for item in orderBy {
                if let name = outputReference(item.expression, current), let i = names.firstIndex(of: name) {
                    terms.append(orderTerm(TypedSQL(quote(name), type: columns[i].type), item))
                } else if qualify != nil || select.distinct {
                    throw SnowflakeError.compilationError(
                        "ORDER BY of an expression not in the select list is not supported with DISTINCT or QUALIFY")
                } else {
                    terms.append(orderTerm(try expression(item.expression, scope), item))
                }
            }
            sql += " ORDER BY " + terms.map(\.sql).joined(separator: ", ")
            arguments += terms.flatMap(\.arguments)
        }
        if let top = select.top {
            let t = try expression(top, scope)
            sql += " LIMIT " + t.sql
            arguments += t.arguments
        }
        return TranslatedQuery(sql: sql, arguments: arguments, columns: columns, sqlNames: names)
    }

    private func wildcardRelations(_ qualifier: [String], _ scope: Scope) throws -> [Relation] {
        if qualifier.isEmpty {
            if scope.relations.isEmpty { throw SnowflakeError.compilationError("SELECT with no columns") }
            return scope.relations
        }
        let matches = scope.relations.filter {
            qualifier.count == 1 ? $0.name == qualifier[0] : Array($0.qualifiedParts.suffix(qualifier.count)) == qualifier
        }
        if matches.isEmpty { throw InvalidIdentifier(name: qualifier.joined(separator: ".")) }
        return matches
    }

    /// The title Snowflake gives an unaliased select item: a column's own name, otherwise the
    /// source text upper-cased (string contents included).
    static func title(of e: Expression, text: String) -> String {
        if case .column(let parts) = e, let last = parts.last { return last.name }
        return text.uppercased()
    }

    /// The common type of two branches (CASE, UNION, COALESCE).
    func unify(_ a: SnowflakeType, _ b: SnowflakeType) -> SnowflakeType {
        if a == b { return a }
        switch (a, b) {
        case (.number(let p1, let s1), .number(let p2, let s2)): return .number(precision: max(p1, p2), scale: max(s1, s2))
        case (.number, .float), (.float, .number): return .float
        case (.varchar(let l1), .varchar(let l2)): return .varchar(length: max(l1, l2))
        default: return a
        }
    }
}
