// Parser+Query: queries — WITH, SELECT … FROM … WHERE … GROUP BY … HAVING … QUALIFY,
// UNION/INTERSECT/EXCEPT/MINUS, VALUES, ORDER BY, LIMIT/OFFSET — and FROM-clause items:
// tables, IDENTIFIER()/TABLE($v), subqueries, VALUES, table functions (LATERAL FLATTEN), joins.

extension Parser {
    /// query := [WITH cte, …] set_operations [ORDER BY …] [LIMIT n [OFFSET m] | OFFSET m [ROWS] [FETCH …]]
    /// A query is one level below the node that holds it (Parser+Depth.swift).
    public mutating func parseQuery() throws(SyntaxError) -> Query {
        try descend()
        defer { ascend() }
        var ctes: [CommonTableExpression] = []
        if match("WITH") {
            _ = match("RECURSIVE")
            repeat {
                let name = try parseIdentifier()
                let columns = checkSymbol("(") ? try parseIdentifierList() : []
                try expect("AS")
                try expectSymbol("(")
                let query = try parseQuery()
                try expectSymbol(")")
                ctes.append(CommonTableExpression(name: name, columns: columns, query: query))
            } while matchSymbol(",")
        }
        var query = Query(with: ctes, body: try parseSetOperations())
        if match("ORDER", "BY") { query.orderBy = try parseOrderItems() }
        if match("LIMIT") {
            query.limit = try parseExpression()
            if match("OFFSET") { query.offset = try parseExpression() }
        } else if match("OFFSET") {
            query.offset = try parseExpression()
            _ = match("ROWS") || match("ROW")
            if match("FETCH") {
                _ = match("FIRST") || match("NEXT")
                query.limit = try parseExpression()
                _ = match("ROWS") || match("ROW")
                _ = match("ONLY")
            }
        } else if match("FETCH") {
            _ = match("FIRST") || match("NEXT")
            query.limit = try parseExpression()
            _ = match("ROWS") || match("ROW")
            _ = match("ONLY")
        }
        return query
    }

    mutating func parseSetOperations() throws(SyntaxError) -> QueryBody {
        let chain = beginChain()
        defer { endChain(chain) }
        var left = try parseQueryTerm()
        while true {
            let op: SetOperator
            if match("UNION") { op = .union } else if match("INTERSECT") { op = .intersect }
            else if match("EXCEPT") { op = .except } else if match("MINUS") { op = .minus } else { return left }
            let all = match("ALL")
            if !all { _ = match("DISTINCT") }
            try lengthenChain()
            left = .setOperation(op, all: all, left, try child { p throws(SyntaxError) in try p.parseQueryTerm() })
        }
    }

    mutating func parseQueryTerm() throws(SyntaxError) -> QueryBody {
        if check("SELECT") { return .select(try parseSelect()) }
        if check("VALUES") { return .values(try parseValuesRows()) }
        if checkSymbol("(") {
            advance()
            let inner = try parseQuery()
            try expectSymbol(")")
            return .nested(inner)
        }
        throw unexpected()
    }

    /// `VALUES (e, …), (e, …)`
    mutating func parseValuesRows() throws(SyntaxError) -> [[Expression]] {
        try expect("VALUES")
        var rows: [[Expression]] = []
        repeat {
            try expectSymbol("(")
            var row = [try parseExpression()]
            while matchSymbol(",") { row.append(try parseExpression()) }
            try expectSymbol(")")
            rows.append(row)
        } while matchSymbol(",")
        return rows
    }

    /// SELECT [DISTINCT] [TOP n] items [FROM …] [WHERE …] [GROUP BY …] [HAVING …] [QUALIFY …]
    mutating func parseSelect() throws(SyntaxError) -> Select {
        try expect("SELECT")
        var select = Select(items: [])
        if match("DISTINCT") { select.distinct = true } else { _ = match("ALL") }
        if check("TOP") && peek().kind == .number {
            advance()
            select.top = .literal(.number(advance().text))
        }
        repeat { select.items.append(try parseSelectItem()) } while matchSymbol(",")
        if match("INTO") { select.into = try parseIntoTargets() }
        if match("FROM") { select.from = try parseFrom() }
        if match("WHERE") { select.whereClause = try parseExpression() }
        if match("GROUP", "BY") {
            repeat { select.groupBy.append(try parseExpression()) } while matchSymbol(",")
        }
        if match("HAVING") { select.having = try parseExpression() }
        if match("QUALIFY") { select.qualify = try parseExpression() }
        return select
    }

    mutating func parseSelectItem() throws(SyntaxError) -> SelectItem {
        if matchSymbol("*") { return .wildcard(qualifier: [], exclude: try parseExclude()) }
        let start = current.start
        let expression = try parseExpression()
        if case .star(let qualifier) = expression { return .wildcard(qualifier: qualifier, exclude: try parseExclude()) }
        let text = SourceText(self.text(from: start, to: previousEnd))
        return .expression(expression, alias: try parseAlias(), text: text)
    }

    mutating func parseExclude() throws(SyntaxError) -> [Identifier] {
        guard match("EXCLUDE") else { return [] }
        if checkSymbol("(") { return try parseIdentifierList() }
        return [try parseIdentifier()]
    }

    /// `[AS] alias` — an implicit alias may not be a word that starts the next clause.
    mutating func parseAlias() throws(SyntaxError) -> Identifier? {
        if match("AS") {
            if current.kind == .string { return Identifier(advance().value, quoted: true) }
            return try parseIdentifier()
        }
        if current.kind == .quotedIdentifier { return try parseIdentifier() }
        if current.kind == .word && !Keywords.isReserved(current.text)
            && !Keywords.clauseStarters.contains(current.text.uppercased()) {
            return try parseIdentifier()
        }
        return nil
    }

    // MARK: - FROM

    /// from := table_ref { , table_ref | join }
    mutating func parseFrom() throws(SyntaxError) -> TableReference {
        let chain = beginChain()
        defer { endChain(chain) }
        var left = try parseJoinedTable()
        while matchSymbol(",") {
            try lengthenChain()
            left = .join(left, .comma, try child { p throws(SyntaxError) in try p.parseJoinedTable() }, nil)
        }
        return left
    }

    mutating func parseJoinedTable() throws(SyntaxError) -> TableReference {
        let chain = beginChain()
        defer { endChain(chain) }
        var left = try parseTablePrimary()
        while true {
            let kind: JoinKind
            if match("JOIN") || match("INNER", "JOIN") { kind = .inner }
            else if match("LEFT", "JOIN") || match("LEFT", "OUTER", "JOIN") { kind = .left }
            else if match("RIGHT", "JOIN") || match("RIGHT", "OUTER", "JOIN") { kind = .right }
            else if match("FULL", "JOIN") || match("FULL", "OUTER", "JOIN") { kind = .full }
            else if match("CROSS", "JOIN") { kind = .cross }
            else if match("NATURAL", "JOIN") { kind = .natural }
            else { return left }
            try lengthenChain()
            let right = try child { p throws(SyntaxError) in try p.parseTablePrimary() }
            var condition: JoinCondition?
            if kind != .cross && kind != .natural {
                if match("ON") { condition = .on(try parseExpression()) }
                else if match("USING") { condition = .using(try parseIdentifierList()) }
                else if kind != .inner { throw unexpected() }
            }
            left = .join(left, kind, right, condition)
        }
    }

    mutating func parseTableAlias() throws(SyntaxError) -> TableAlias? {
        guard let name = try parseAlias() else { return nil }
        let columns = checkSymbol("(") ? try parseIdentifierList() : []
        return TableAlias(name: name, columns: columns)
    }

    mutating func parseTablePrimary() throws(SyntaxError) -> TableReference {
        let lateral = match("LATERAL")
        // `FROM (t)` (Snowpark writes it): a table named in parentheses is that table. Joins in
        // parentheses are not taken: printed back without them, a join could change its grouping.
        if checkSymbol("("), !lateral, peek().kind == .word || peek().kind == .quotedIdentifier,
           !["SELECT", "WITH", "VALUES"].contains(where: { peek().isWord($0) }) {
            advance()
            guard case .table(let name, let alias) = try parseTablePrimary() else { throw unexpected() }
            try expectSymbol(")")
            let outer = try parseTableAlias()
            return .table(name, alias: alias ?? outer)
        }
        if checkSymbol("(") {
            advance()
            let query = try parseQuery()
            try expectSymbol(")")
            return .subquery(query, alias: try parseTableAlias(), lateral: lateral)
        }
        if atStageLocation && !lateral { return try parseStagedFiles() }
        if check("VALUES") && !lateral {
            let rows = try parseValuesRows()
            return .values(rows, alias: try parseTableAlias())
        }
        if check("TABLE") && peek().isSymbol("(") {
            advance(); advance()
            // TABLE('name' | $v) is a synonym of IDENTIFIER() in FROM.
            if current.kind == .string || current.kind == .variable {
                let argument: Expression = current.kind == .string ? .literal(.string(advance().value))
                    : .variable(advance().value.uppercased())
                try expectSymbol(")")
                return .table(.identifier(argument), alias: try parseTableAlias())
            }
            let name = try parseQualifiedParts()
            if name.count == 1 && checkSymbol(")") {  // TABLE(rs): a Scripting RESULTSET
                advance()
                return .resultSet(name[0], alias: try parseTableAlias())
            }
            let call = try parseCallArguments(name: name)
            try expectSymbol(")")
            return .tableFunction(call, alias: try parseTableAlias(), lateral: lateral)
        }
        let name = try parseObjectName()
        if checkSymbol("("), case .parts(let parts) = name {
            let call = try parseCallArguments(name: parts)
            return .tableFunction(call, alias: try parseTableAlias(), lateral: lateral)
        }
        if lateral { throw unexpected() }
        return .table(name, alias: try parseTableAlias())
    }
}
