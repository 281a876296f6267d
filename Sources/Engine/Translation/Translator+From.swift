// Translator+From: FROM-clause items to SQLite — tables by their storage name, views expanded
// from their stored definition in their own database and schema, CTEs, subqueries, VALUES, and
// joins. Each item adds a Relation to the scope so column references resolve.

import GRDB
import Security
import SnowSQL

extension Translator {
    /// The privileges reads are checked against (Authorization.swift).
    var access: Authorization {
        get throws {
            Authorization(authorizer: try session.authorizer(catalog.db, role: accessRole), catalog: catalog,
                          accountName: session.accountName)
        }
    }
}

extension Translator {
    /// The value of an expression that reads no column (a literal, a bind, a session variable,
    /// LAST_QUERY_ID()…), computed now, as `type` when given. A column reference throws
    /// InvalidIdentifier, which callers that merely prefer a constant catch.
    func constant(_ expression: Expression, as type: SnowflakeType? = nil) throws -> DatabaseValue {
        var translated = try self.expression(expression, Scope(parent: nil))
        if let type { translated = Cast.convert(translated, to: type) }
        // PARSE_JSON of bound text (a page of issues) is parsed here rather than copied into SQLite
        // and back; an error, or blank text, takes the SQL path below, which reports it as ever.
        if translated.sql == "sf_parse_json(?)", translated.arguments.count == 1,
           case .string(let text) = translated.arguments[0].storage, let parsed = try? Variant.parse(text) {
            return parsed.databaseValue
        }
        return try DatabaseValue.fetchOne(catalog.db, sql: "SELECT " + translated.sql,
                                          arguments: StatementArguments(translated.arguments)) ?? .null
    }

    func tableReference(_ reference: TableReference, _ scope: Scope) throws -> TypedSQL {
        switch reference {
        case .table(let name, let alias):
            return try namedTable(name, alias: alias, scope)
        case .subquery(let query, let alias, let lateral):
            let inner = try translate(query, parent: lateral ? scope : scope.parent)
            return addDerived(inner, alias: alias, scope)
        case .values(let rows, let alias):
            let inner = try translateValues(rows, columnNames: alias?.columns.map(\.name), parent: scope.parent)
            return addDerived(inner, alias: alias.map { TableAlias(name: $0.name) }, scope)
        case .tableFunction(let call, let alias, let lateral):
            return try tableFunction(call, alias: alias, lateral: lateral, scope)
        case .stagedFiles(let location, let options, let alias):
            return try stagedFiles(location, options: options, alias: alias, scope)
        case .resultSet(let name, let alias):
            markVolatile()
            guard let stored = session.scriptResultSets[name.name] else { throw SnowflakeError.notAResultSet(name.name) }
            return try storedRows(stored, name: name.name, alias: alias, scope)
        case .join(let left, var kind, let right, let condition):
            let first = scope.relations.count
            let l = try tableReference(left, scope)
            let middle = scope.relations.count
            let r = try tableReference(right, scope)
            defer {
                // The side an outer join may leave unmatched gives NULL in every column.
                if kind == .left || kind == .full { scope.makeNullable(middle..<scope.relations.count) }
                if kind == .right || kind == .full { scope.makeNullable(first..<middle) }
            }
            // FLATTEN(…, OUTER => TRUE) keeps input rows that produce nothing: a LEFT JOIN.
            if case .tableFunction(let call, _, _) = right, Translator.isOuterFlatten(call), kind == .comma || kind == .inner {
                kind = .left
            }
            var sql = l.sql + (kind == .comma ? ", " : " " + kind.rawValue + " ") + r.sql
            var arguments = l.arguments + r.arguments
            switch condition {
            case .on(let e):
                let on = try expression(e, scope)
                sql += " ON " + on.sql
                arguments += on.arguments
            case .using(let columns):
                // USING names columns SQLite resolves itself: none of the joined tables is covered by an index.
                for relation in scope.relations[first...] { noteColumnUse(of: relation.sqlAlias, count: 1_000_000) }
                sql += " USING (" + columns.map { quote($0.name) }.joined(separator: ", ") + ")"
            case nil:
                if kind == .inner || kind == .left { sql += " ON 1" }
            }
            return TypedSQL(sql, arguments, type: .boolean)
        }
    }

    /// A derived table: `(sql) AS tN`, its columns titled as the query titled them (or renamed by the alias).
    private func addDerived(_ inner: TranslatedQuery, alias: TableAlias?, _ scope: Scope) -> TypedSQL {
        let sqlAlias = nextAlias()
        var columns: [RelationColumn] = []
        for (i, column) in inner.columns.enumerated() {
            let name = alias.flatMap { i < $0.columns.count ? $0.columns[i].name : nil } ?? column.name
            columns.append(RelationColumn(name: name, type: column.type, sqlName: inner.sqlNames[i], nullable: column.nullable))
        }
        scope.relations.append(Relation(name: alias?.name.name, qualifiedParts: [], sqlAlias: sqlAlias, columns: columns))
        return TypedSQL("(\(inner.sql)) AS \(sqlAlias)", inner.arguments, type: .boolean)
    }

    private func namedTable(_ name: ObjectName, alias: TableAlias?, _ scope: Scope) throws -> TypedSQL {
        let parts = try session.nameParts(name)
        // A one-part name may be a CTE.
        if parts.count == 1 {
            for level in cteStack.reversed() {
                if let cte = level[parts[0]] {
                    cteReads[parts[0], default: 0] += 1
                    let sqlAlias = nextAlias()
                    scope.relations.append(Relation(name: alias?.name.name ?? parts[0], qualifiedParts: parts,
                                                    sqlAlias: sqlAlias, columns: renamed(cte.columns, alias)))
                    let source = cte.inline ? cte.sql : quote(cte.sql)
                    return TypedSQL("\(source) AS \(sqlAlias)", cte.arguments, type: .boolean)
                }
            }
        }
        var qualified = try session.qualify(parts, database: database, schema: schema, operation: "SELECT")
        if try catalog.schema(database: qualified.database, name: qualified.schema) == nil, let shared = try sharedContentName(qualified) {
            qualified = shared
        }
        if qualified.schema == "INFORMATION_SCHEMA" {
            return try informationSchemaView(qualified, written: parts, alias: alias, scope)
        }
        if Translator.isDataSharingUsage(qualified) {
            return try dataSharingUsageView(qualified, written: parts, alias: alias, scope)
        }
        let missing = SnowflakeError.doesNotExist("Object", parts.map { Identifier($0, quoted: true).sql }.joined(separator: "."))
        guard try catalog.schema(database: qualified.database, name: qualified.schema) != nil,
              let object = try catalog.object(database: qualified.database, schema: qualified.schema, name: qualified.name,
                                              kinds: [.table, .view, .stream]) else { throw missing }
        // SELECT on the table, view or stream, USAGE on its database and schema; invisible objects are missing.
        try access.require(.select, on: object, missing: missing)
        databasesRead.insert(object.database)
        if object.kind == .stream { return try streamRelation(object, written: parts, alias: alias, scope) }
        return try relation(for: object, alias: alias, scope)
    }

    /// A table or view the statement may read, added to the scope under its alias.
    func relation(for object: ObjectRecord, alias: TableAlias?, _ scope: Scope) throws -> TypedSQL {
        let sqlAlias = nextAlias()
        let fullParts = [object.database, object.schema, object.name]
        if object.kind == .view {
            let inner = try expandView(object, scope)
            var columns: [RelationColumn] = []
            for (i, column) in inner.columns.enumerated() {
                columns.append(RelationColumn(name: column.name, type: column.type, sqlName: inner.sqlNames[i],
                                              nullable: column.nullable))
            }
            scope.relations.append(Relation(name: alias?.name.name ?? object.name, qualifiedParts: fullParts, sqlAlias: sqlAlias,
                                            columns: renamed(columns, alias)))
            return TypedSQL("(\(inner.sql)) AS \(sqlAlias)", inner.arguments, type: .boolean)
        }
        let columns = try catalog.columns(of: object).map {
            RelationColumn(name: $0.name, type: $0.type, sqlName: $0.name, nullable: $0.isNullable)
        }
        scope.relations.append(Relation(name: alias?.name.name ?? object.name, qualifiedParts: fullParts, sqlAlias: sqlAlias,
                                        columns: renamed(columns, alias)))
        let marker = try tableRead(object, columns: columns, sqlAlias: sqlAlias)
        return TypedSQL("\(quote(object.storageName ?? object.qualifiedName)) AS \(sqlAlias)\(marker)", type: .boolean)
    }

    private func renamed(_ columns: [RelationColumn], _ alias: TableAlias?) -> [RelationColumn] {
        guard let alias, !alias.columns.isEmpty else { return columns }
        var out = columns
        for i in out.indices where i < alias.columns.count { out[i].name = alias.columns[i].name }
        return out
    }

    /// A view's stored query, translated where the view lives (its database and schema).
    func expandView(_ view: ObjectRecord, _ scope: Scope) throws -> TranslatedQuery {
        guard let text = view.definition else { throw SnowflakeError.doesNotExist("View", view.qualifiedName) }
        guard case .query(let query) = try Session.parseSingle(text) else {
            throw SnowflakeError.compilationError("View definition for '\(view.qualifiedName)' is not a query")
        }
        let saved = (database, schema, cteStack, accessRole)
        database = view.database
        schema = view.schema
        cteStack = []
        accessRole = view.owner  // a view reads with its owner's privileges
        defer { (database, schema, cteStack, accessRole) = saved }
        var inner = try translate(query, parent: nil)
        let declared = view.properties["columns"].map { $0.split(separator: ",").map(String.init) } ?? []
        for i in inner.columns.indices where i < declared.count { inner.columns[i].name = declared[i] }
        return inner
    }
}
