// Parser+DML: INSERT [OVERWRITE] INTO … VALUES | query, UPDATE … SET … [FROM] [WHERE],
// DELETE FROM … [USING] [WHERE], MERGE INTO … USING … ON … WHEN [NOT] MATCHED ….

extension Parser {
    /// The table a DML statement writes: a name, or `reference('name' [, 'alias'])` in an application.
    mutating func parseTargetName() throws(SyntaxError) -> ObjectName {
        guard check("REFERENCE") && peek().isSymbol("(") else { return try parseObjectName() }
        advance(); advance()
        var arguments = [try parseExpression()]
        if matchSymbol(",") { arguments.append(try parseExpression()) }
        try expectSymbol(")")
        return .reference(arguments)
    }

    /// INSERT [OVERWRITE] INTO name [(cols)] { VALUES (…), … | query }
    mutating func parseInsert() throws(SyntaxError) -> Insert {
        try expect("INSERT")
        let overwrite = match("OVERWRITE")
        try expect("INTO")
        let table = try parseTargetName()
        var columns: [Identifier] = []
        // `(` starts a column list unless it starts a parenthesized query.
        if checkSymbol("(") && !(peek().isWord("SELECT") || peek().isWord("WITH")) {
            columns = try parseIdentifierList()
        }
        if check("VALUES") {
            return Insert(overwrite: overwrite, table: table, columns: columns, source: .values(try parseValuesRows()))
        }
        return Insert(overwrite: overwrite, table: table, columns: columns, source: .query(try parseQuery()))
    }

    /// INSERT [OVERWRITE] ALL into… query, or INSERT [OVERWRITE] {FIRST | ALL} WHEN c THEN into… … [ELSE into…] query,
    /// where into := INTO t [(cols)] [VALUES (col | DEFAULT | NULL, …)]. FIRST without WHEN is a syntax error, as in Snowflake.
    mutating func parseMultiTableInsert() throws(SyntaxError) -> MultiTableInsert {
        try expect("INSERT")
        let overwrite = match("OVERWRITE")
        let first = match("FIRST")
        if !first { try expect("ALL") }
        var insert = MultiTableInsert(overwrite: overwrite, first: first, query: Query(body: .values([])))
        if check("WHEN") {
            while match("WHEN") {
                let condition = try parseExpression()
                try expect("THEN")
                insert.whens.append(MultiTableInsert.When(condition: condition, intos: try parseIntoClauses()))
            }
            if match("ELSE") { insert.elseIntos = try parseIntoClauses() }
        } else {
            guard !first else { throw unexpected() }
            insert.intos = try parseIntoClauses()
        }
        insert.query = try parseQuery()
        return insert
    }

    /// One or more `INTO t [(cols)] [VALUES (…)]`.
    private mutating func parseIntoClauses() throws(SyntaxError) -> [MultiTableInsert.Into] {
        var intos: [MultiTableInsert.Into] = []
        while match("INTO") {
            var into = MultiTableInsert.Into(table: try parseTargetName())
            if checkSymbol("(") && !(peek().isWord("SELECT") || peek().isWord("WITH")) { into.columns = try parseIdentifierList() }
            if match("VALUES") {
                try expectSymbol("(")
                var values: [MultiTableInsert.Into.Value] = []
                repeat {
                    values.append(match("DEFAULT") ? .default : .expression(try parseExpression()))
                } while matchSymbol(",")
                try expectSymbol(")")
                into.values = values
            }
            intos.append(into)
        }
        guard !intos.isEmpty else { throw unexpected() }
        return intos
    }

    /// UPDATE name [[AS] alias] SET col = e, … [FROM …] [WHERE …]
    mutating func parseUpdate() throws(SyntaxError) -> Update {
        try expect("UPDATE")
        let table = try parseTargetName()
        let alias = check("SET") ? nil : try parseAlias()
        try expect("SET")
        var update = Update(table: table, alias: alias, assignments: try parseAssignments())
        if match("FROM") { update.from = try parseFrom() }
        if match("WHERE") { update.whereClause = try parseExpression() }
        return update
    }

    /// `col = e, …` after SET. `t.col = …`: the qualifier names the target and is dropped.
    mutating func parseAssignments() throws(SyntaxError) -> [Assignment] {
        var assignments: [Assignment] = []
        repeat {
            var column = try parseIdentifier()
            while matchSymbol(".") { column = try parseIdentifier() }
            try expectSymbol("=")
            assignments.append(Assignment(column: column, value: try parseExpression()))
        } while matchSymbol(",")
        return assignments
    }

    /// DELETE FROM name [[AS] alias] [USING …] [WHERE …]
    mutating func parseDelete() throws(SyntaxError) -> Delete {
        try expect("DELETE")
        try expect("FROM")
        let table = try parseTargetName()
        let alias = try parseAlias()
        var delete = Delete(table: table, alias: alias)
        if match("USING") { delete.using = try parseFrom() }
        if match("WHERE") { delete.whereClause = try parseExpression() }
        return delete
    }

    /// MERGE INTO name [[AS] alias] USING source ON cond
    ///   { WHEN MATCHED [AND cond] THEN UPDATE SET c = e, … | DELETE
    ///   | WHEN NOT MATCHED [AND cond] THEN INSERT [(cols)] VALUES (e, …) } …
    mutating func parseMerge() throws(SyntaxError) -> Merge {
        try expect("MERGE")
        try expect("INTO")
        let target = try parseTargetName()
        let alias = try parseAlias()
        try expect("USING")
        let source = try parseTablePrimary()
        try expect("ON")
        var merge = Merge(target: target, targetAlias: alias, source: source, condition: try parseExpression(), clauses: [])
        while match("WHEN") {
            let matched = !match("NOT")
            try expect("MATCHED")
            let condition = match("AND") ? try parseExpression() : nil
            try expect("THEN")
            let action: MergeClause.Action
            if matched && match("UPDATE") {
                try expect("SET")
                action = .update(try parseAssignments())
            } else if matched && match("DELETE") {
                action = .delete
            } else if !matched && match("INSERT") {
                var columns: [Identifier] = []
                if checkSymbol("(") { columns = try parseIdentifierList() }
                try expect("VALUES")
                try expectSymbol("(")
                var values = [try parseExpression()]
                while matchSymbol(",") { values.append(try parseExpression()) }
                try expectSymbol(")")
                action = .insert(columns: columns, values: values)
            } else {
                throw unexpected()
            }
            merge.clauses.append(MergeClause(matched: matched, condition: condition, action: action))
        }
        if merge.clauses.isEmpty { throw unexpected() }
        return merge
    }
}
