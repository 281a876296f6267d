// SQLPrinter+Statements: queries and statements back to text, for round trips, view
// definitions and the tree dump's golden files.

enum QueryPrinter {
    static func print(_ query: Query) -> String {
        var out = ""
        if !query.with.isEmpty {
            out += "WITH " + query.with.map { cte in
                let columns = cte.columns.isEmpty ? "" : " (" + cte.columns.map(\.sql).joined(separator: ", ") + ")"
                return cte.name.sql + columns + " AS (" + print(cte.query) + ")"
            }.joined(separator: ", ") + " "
        }
        out += print(query.body)
        if !query.orderBy.isEmpty { out += " ORDER BY " + SQLPrinter.print(query.orderBy) }
        if let limit = query.limit { out += " LIMIT " + SQLPrinter.print(limit) }
        if let offset = query.offset { out += " OFFSET " + SQLPrinter.print(offset) }
        return out
    }

    static func print(_ body: QueryBody) -> String {
        switch body {
        case .select(let select): return print(select)
        case .values(let rows): return values(rows)
        case .setOperation(let op, let all, let left, let right):
            let rightText: String
            if case .setOperation = right { rightText = "(" + print(right) + ")" } else { rightText = print(right) }
            return print(left) + " " + op.rawValue + (all ? " ALL " : " ") + rightText
        case .nested(let query): return "(" + print(query) + ")"
        }
    }

    static func values(_ rows: [[Expression]]) -> String {
        "VALUES " + rows.map { "(" + $0.map(SQLPrinter.print).joined(separator: ", ") + ")" }.joined(separator: ", ")
    }

    static func print(_ select: Select) -> String {
        var out = "SELECT "
        if select.distinct { out += "DISTINCT " }
        if let top = select.top { out += "TOP " + SQLPrinter.print(top) + " " }
        out += select.items.map(print).joined(separator: ", ")
        if !select.into.isEmpty { out += " INTO " + select.into.map { ":" + Identifier($0, quoted: true).sql }.joined(separator: ", ") }
        if let from = select.from { out += " FROM " + print(from) }
        if let condition = select.whereClause { out += " WHERE " + SQLPrinter.print(condition) }
        if !select.groupBy.isEmpty { out += " GROUP BY " + select.groupBy.map(SQLPrinter.print).joined(separator: ", ") }
        if let having = select.having { out += " HAVING " + SQLPrinter.print(having) }
        if let qualify = select.qualify { out += " QUALIFY " + SQLPrinter.print(qualify) }
        return out
    }

    static func print(_ item: SelectItem) -> String {
        switch item {
        case .expression(let e, let alias, _):
            return SQLPrinter.print(e) + (alias.map { " AS " + $0.sql } ?? "")
        case .wildcard(let qualifier, let exclude):
            var out = qualifier.isEmpty ? "*" : qualifier.map(\.sql).joined(separator: ".") + ".*"
            if !exclude.isEmpty { out += " EXCLUDE (" + exclude.map(\.sql).joined(separator: ", ") + ")" }
            return out
        }
    }

    static func alias(_ alias: TableAlias?) -> String {
        guard let alias else { return "" }
        let columns = alias.columns.isEmpty ? "" : " (" + alias.columns.map(\.sql).joined(separator: ", ") + ")"
        return " AS " + alias.name.sql + columns
    }

    static func print(_ table: TableReference) -> String {
        switch table {
        case .table(let name, let a): return name.description + alias(a)
        case .subquery(let query, let a, let lateral): return (lateral ? "LATERAL " : "") + "(" + print(query) + ")" + alias(a)
        case .values(let rows, let a): return values(rows) + alias(a)
        case .tableFunction(let call, let a, let lateral):
            return lateral ? "LATERAL " + SQLPrinter.print(call) + alias(a) : "TABLE(" + SQLPrinter.print(call) + ")" + alias(a)
        case .resultSet(let name, let a): return "TABLE(" + name.sql + ")" + alias(a)
        case .stagedFiles(let location, let options, let a): return StatementPrinter.stagedFiles(location, options) + alias(a)
        case .join(let left, let kind, let right, let condition):
            let rightText: String
            if case .join = right { rightText = "(" + print(right) + ")" } else { rightText = print(right) }
            var out = print(left) + (kind == .comma ? ", " : " " + kind.rawValue + " ") + rightText
            switch condition {
            case .on(let e): out += " ON " + SQLPrinter.print(e)
            case .using(let columns): out += " USING (" + columns.map(\.sql).joined(separator: ", ") + ")"
            case nil: break
            }
            return out
        }
    }
}

enum StatementPrinter {
    static func print(_ statement: Statement) -> String {
        switch statement {
        case .query(let q): return QueryPrinter.print(q)
        case .set(let names, let values):
            if names.count == 1 { return "SET \(Identifier(names[0], quoted: true).sql) = \(SQLPrinter.print(values[0]))" }
            return "SET (" + names.map { Identifier($0, quoted: true).sql }.joined(separator: ", ") + ") = ("
                + values.map(SQLPrinter.print).joined(separator: ", ") + ")"
        case .unset(let names):
            return "UNSET (" + names.map { Identifier($0, quoted: true).sql }.joined(separator: ", ") + ")"
        case .showVariables(let like): return "SHOW VARIABLES" + (like.map { " LIKE " + SQLPrinter.quoteString($0) } ?? "")
        case .executeImmediate(let source, let using):
            return "EXECUTE IMMEDIATE " + SQLPrinter.print(source)
                + (using.isEmpty ? "" : " USING (" + using.map(SQLPrinter.print).joined(separator: ", ") + ")")
        case .use(let use): return "USE " + (use.kind.map { $0.rawValue + " " } ?? "") + use.name.description
        case .begin: return "BEGIN"
        case .commit: return "COMMIT"
        case .rollback: return "ROLLBACK"
        case .createDatabase(let c):
            return create(c.modifiers, "DATABASE", c.name) + properties(c.properties)
        case .createSchema(let c):
            return create(c.modifiers, c.versioned ? "VERSIONED SCHEMA" : "SCHEMA", c.name) + (c.managedAccess ? " WITH MANAGED ACCESS" : "")
                + properties(c.properties)
        case .createTable(let c): return createTable(c)
        case .createView(let c):
            var out = create(c.modifiers, (c.secure ? "SECURE " : "") + "VIEW", c.name)
            if !c.columns.isEmpty { out += " (" + c.columns.map(\.sql).joined(separator: ", ") + ")" }
            if let comment = c.comment { out += " COMMENT = " + SQLPrinter.quoteString(comment) }
            return out + " AS " + QueryPrinter.print(c.query)
        case .createWarehouse(let c): return create(c.modifiers, "WAREHOUSE", c.name) + properties(c.properties)
        case .createRole(let c): return create(c.modifiers, "ROLE", c.name) + properties(c.properties)
        case .createSequence(let c):
            var out = create(c.modifiers, "SEQUENCE", c.name)
            if let start = c.start { out += " START WITH \(start)" }
            if let increment = c.increment { out += " INCREMENT BY \(increment)" }
            if let ordered = c.ordered { out += ordered ? " ORDER" : " NOORDER" }
            if let comment = c.comment { out += " COMMENT = " + SQLPrinter.quoteString(comment) }
            return out
        case .drop(let d):
            var out = "DROP " + d.kind.rawValue + (d.ifExists ? " IF EXISTS " : " ") + d.name.description
            if let cascade = d.cascade { out += cascade ? " CASCADE" : " RESTRICT" }
            return out
        case .show(let s): return "SHOW " + (s.terse ? "TERSE " : "") + s.kind.plural + showFilter(s.filter)
        case .describe(let d) where d.kind == .procedure:
            return "DESCRIBE PROCEDURE " + d.name.description + "(" + d.argumentTypes.map(\.description).joined(separator: ", ") + ")"
        case .describe(let d): return "DESCRIBE " + d.kind.rawValue + " " + d.name.description
        case .insert(let i):
            var out = "INSERT " + (i.overwrite ? "OVERWRITE " : "") + "INTO " + i.table.description
            if !i.columns.isEmpty { out += " (" + i.columns.map(\.sql).joined(separator: ", ") + ")" }
            switch i.source {
            case .values(let rows): out += " " + QueryPrinter.values(rows)
            case .query(let q): out += " " + QueryPrinter.print(q)
            }
            return out
        case .multiTableInsert(let m): return multiTableInsert(m)
        case .update(let u):
            var out = "UPDATE " + u.table.description + (u.alias.map { " AS " + $0.sql } ?? "") + " SET "
            out += u.assignments.map { $0.column.sql + " = " + SQLPrinter.print($0.value) }.joined(separator: ", ")
            if let from = u.from { out += " FROM " + QueryPrinter.print(from) }
            if let w = u.whereClause { out += " WHERE " + SQLPrinter.print(w) }
            return out
        case .merge(let m): return merge(m)
        case .block(let b): return ScriptPrinter.print(b)
        case .application(let a): return NativeAppPrinter.print(a)
        case .createProcedure(let p): return ProcedurePrinter.create(p)
        case .call(let c): return ProcedurePrinter.call(c)
        case .dropProcedure(let d): return ProcedurePrinter.drop(d)
        case .alterProcedure(let a): return ProcedurePrinter.alter(a)
        case .alterParameters(let a):
            let altered = "ALTER \(a.target.rawValue)" + (a.ifExists ? " IF EXISTS" : "") + (a.object.map { " " + $0.sql } ?? "")
            if a.set.isEmpty { return altered + " UNSET " + a.unset.joined(separator: ", ") }
            return altered + " SET" + properties(a.set)
        case .showParameters(let show):
            return "SHOW PARAMETERS" + (show.like.map { " LIKE " + SQLPrinter.quoteString($0) } ?? "")
                + (show.target == .account ? " IN ACCOUNT" : "")
        case .createEventTable(let c): return create(c.modifiers, "EVENT TABLE", c.name) + properties(c.properties)
        case .delete(let d):
            var out = "DELETE FROM " + d.table.description + (d.alias.map { " AS " + $0.sql } ?? "")
            if let using = d.using { out += " USING " + QueryPrinter.print(using) }
            if let w = d.whereClause { out += " WHERE " + SQLPrinter.print(w) }
            return out
        case .createStage(let c): return create(c.modifiers, "STAGE", c.name) + properties(c.properties)
        case .put(let p):
            return "PUT " + SQLPrinter.quoteString(p.fileURL) + " " + stage(p.stage) + properties(p.options)
        case .list(let location, let pattern): return "LIST " + stage(location) + (pattern.map { " PATTERN = " + SQLPrinter.quoteString($0) } ?? "")
        case .get(let g): return "GET " + stage(g.stage) + " " + SQLPrinter.quoteString(g.directoryURL) + properties(g.options)
        case .remove(let location, let pattern):
            return "REMOVE " + stage(location) + (pattern.map { " PATTERN = " + SQLPrinter.quoteString($0) } ?? "")
        case .grant, .revoke, .grantRole, .revokeRole, .grantOwnership, .showGrants:
            return GrantPrinter.print(statement)
        case .createUser(let c): return create(c.modifiers, "USER", c.name) + properties(c.properties)
        case .applicationPackage(let a): return applicationPackage(a)
        case .externalAccess(let e): return externalAccess(e)
        case .task(let t): return task(t)
        case .stream(let s): return stream(s)
        case .function(let f): return FunctionPrinter.print(f)
        case .hybridTable(let h): return hybridTable(h)
        case .loading(let l): return loading(l)
        }
    }

    /// A stage location, in quotes when its path holds characters that would end the bare form.
    static func stage(_ location: StageLocation) -> String {
        let text = location.description
        return text.contains(where: { " \t\n\r;,()'".contains($0) }) ? SQLPrinter.quoteString(text) : text
    }

    /// A SHOW's filter, each written part with a leading blank: ` LIKE '…' IN SCHEMA s STARTS WITH '…' LIMIT n`.
    static func showFilter(_ filter: ShowFilter) -> String {
        var out = ""
        if let like = filter.like { out += " LIKE " + SQLPrinter.quoteString(like) }
        switch filter.scope {
        case .account: out += " IN ACCOUNT"
        case .database(let name): out += " IN DATABASE" + (name.map { " " + $0.description } ?? "")
        case .schema(let name): out += " IN SCHEMA" + (name.map { " " + $0.description } ?? "")
        case nil: break
        }
        if let startsWith = filter.startsWith { out += " STARTS WITH " + SQLPrinter.quoteString(startsWith) }
        if let limit = filter.limit { out += " LIMIT \(limit)" }
        return out
    }

    static func create(_ m: CreateModifiers, _ kind: String, _ name: ObjectName) -> String {
        var out = "CREATE "
        if m.orReplace { out += "OR REPLACE " }
        if m.orAlter { out += "OR ALTER " }
        if m.transient { out += "TRANSIENT " }
        if m.temporary { out += "TEMPORARY " }
        out += kind + " "
        if m.ifNotExists { out += "IF NOT EXISTS " }
        return out + name.description
    }

    static func properties(_ props: [Property]) -> String {
        props.map { " " + $0.name + " = " + value($0.value) }.joined()
    }

    static func value(_ v: PropertyValue) -> String {
        switch v {
        case .string(let s): return SQLPrinter.quoteString(s)
        case .number(let n): return n
        case .word(let w): return w
        case .list(let items): return "(" + items.map(value).joined(separator: ", ") + ")"
        case .properties(let props): return "(" + props.map { $0.name + " = " + value($0.value) }.joined(separator: " ") + ")"
        case .reference(let name): return "REFERENCE(" + SQLPrinter.quoteString(name) + ")"
        }
    }

    static func multiTableInsert(_ m: MultiTableInsert) -> String {
        func intos(_ clauses: [MultiTableInsert.Into]) -> String {
            clauses.map { into in
                var text = " INTO " + into.table.description
                if !into.columns.isEmpty { text += " (" + into.columns.map(\.sql).joined(separator: ", ") + ")" }
                if let values = into.values {
                    text += " VALUES (" + values.map { value -> String in
                        switch value {
                        case .expression(let e): return SQLPrinter.print(e)
                        case .default: return "DEFAULT"
                        }
                    }.joined(separator: ", ") + ")"
                }
                return text
            }.joined()
        }
        var out = "INSERT " + (m.overwrite ? "OVERWRITE " : "") + (m.first ? "FIRST" : "ALL")
        out += intos(m.intos)
        for when in m.whens { out += " WHEN " + SQLPrinter.print(when.condition) + " THEN" + intos(when.intos) }
        if !m.elseIntos.isEmpty { out += " ELSE" + intos(m.elseIntos) }
        return out + " " + QueryPrinter.print(m.query)
    }

    static func createTable(_ c: CreateTable) -> String {
        var out = create(c.modifiers, c.hybrid ? "HYBRID TABLE" : "TABLE", c.name)
        var elements: [String] = c.columns.map { column in
            var text = column.name.sql + " " + column.type.description
            if column.notNull { text += " NOT NULL" }
            if let d = column.defaultValue { text += " DEFAULT " + SQLPrinter.print(d) }
            if let identity = column.identity {
                text += " AUTOINCREMENT"
                if let start = identity.start { text += " START \(start)" }
                if let increment = identity.increment { text += " INCREMENT \(increment)" }
                if let ordered = identity.ordered { text += ordered ? " ORDER" : " NOORDER" }
            }
            if column.primaryKey { text += " PRIMARY KEY" }
            if column.unique { text += " UNIQUE" }
            if let reference = column.references {
                text += references(reference.table, reference.column.map { [$0] } ?? [], reference.actions)
            }
            if let comment = column.comment { text += " COMMENT " + SQLPrinter.quoteString(comment) }
            return text
        }
        elements += c.constraints.map { constraint in
            var text = constraint.kind.rawValue + " (" + constraint.columns.map(\.sql).joined(separator: ", ") + ")"
            if let table = constraint.references { text += references(table, constraint.referencedColumns, constraint.actions) }
            return text
        }
        elements += c.indexes.map { "INDEX " + $0.name.sql + indexColumns($0) }
        if !elements.isEmpty { out += " (" + elements.joined(separator: ", ") + ")" }
        switch c.source {
        case .like(let source)?: out += " LIKE " + source.description
        case .clone(let source)?: out += " CLONE " + source.description
        case nil: break
        }
        out += properties(c.properties)
        if let q = c.asQuery { out += " AS " + QueryPrinter.print(q) }
        return out
    }

    static func merge(_ m: Merge) -> String {
        var out = "MERGE INTO " + m.target.description + (m.targetAlias.map { " AS " + $0.sql } ?? "")
        out += " USING " + QueryPrinter.print(m.source) + " ON " + SQLPrinter.print(m.condition)
        for clause in m.clauses {
            out += clause.matched ? " WHEN MATCHED" : " WHEN NOT MATCHED"
            if let condition = clause.condition { out += " AND " + SQLPrinter.print(condition) }
            out += " THEN "
            switch clause.action {
            case .update(let assignments):
                out += "UPDATE SET " + assignments.map { $0.column.sql + " = " + SQLPrinter.print($0.value) }.joined(separator: ", ")
            case .delete:
                out += "DELETE"
            case .insert(let columns, let values):
                out += "INSERT" + (columns.isEmpty ? "" : " (" + columns.map(\.sql).joined(separator: ", ") + ")")
                out += " VALUES (" + values.map(SQLPrinter.print).joined(separator: ", ") + ")"
            }
        }
        return out
    }
}
