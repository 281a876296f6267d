// Parser+Expressions: scalar expressions by precedence, loosest first —
// OR, AND, NOT, comparisons (= <> < IS IN BETWEEN LIKE), + - ||, * / %, unary -,
// postfix (:: casts, :path, [subscript]) and primaries (literals, $variables, :binds, columns,
// function calls with OVER, CASE, CAST, EXISTS, subqueries).

extension Parser {
    /// expression := or_expression
    /// The expression is one level below the node that holds it (Parser+Depth.swift).
    public mutating func parseExpression() throws(SyntaxError) -> Expression {
        try descend()
        defer { ascend() }
        let chain = beginChain()
        var left = try parseAnd()
        while match("OR") {
            try lengthenChain()
            left = .binary(.or, left, try child { p throws(SyntaxError) in try p.parseAnd() })
        }
        endChain(chain)
        return left
    }

    mutating func parseAnd() throws(SyntaxError) -> Expression {
        let chain = beginChain()
        var left = try parseNot()
        while match("AND") {
            try lengthenChain()
            left = .binary(.and, left, try child { p throws(SyntaxError) in try p.parseNot() })
        }
        endChain(chain)
        return left
    }

    mutating func parseNot() throws(SyntaxError) -> Expression {
        if match("NOT") { return .unary(.not, try child { p throws(SyntaxError) in try p.parseNot() }) }
        return try parseComparison()
    }

    static let comparisonSymbols: [String: BinaryOperator] = [
        "=": .equal, "<>": .notEqual, "!=": .notEqual, "<": .less, "<=": .lessOrEqual, ">": .greater, ">=": .greaterOrEqual,
    ]

    /// The quantifier of `ANY|SOME|ALL (SELECT|WITH …)` at the current token, if that is what follows.
    func quantifierBeforeQuery() -> Quantifier? {
        let quantifier: Quantifier
        if check("ANY") || check("SOME") { quantifier = .any } else if check("ALL") { quantifier = .all } else { return nil }
        guard peek().isSymbol("(") else { return nil }
        let third = peek(2)
        return third.isWord("SELECT") || third.isWord("WITH") ? quantifier : nil
    }

    /// comparison := additive { cmp [ANY|SOME|ALL] additive | cmp ANY|ALL (query) | IS [NOT] NULL | IS [NOT] DISTINCT FROM e
    ///               | [NOT] IN (…) | [NOT] BETWEEN a AND b | [NOT] LIKE|ILIKE|RLIKE [ANY] p [ESCAPE e] }
    mutating func parseComparison() throws(SyntaxError) -> Expression {
        let chain = beginChain()
        defer { endChain(chain) }
        var left = try parseAdditive()
        while true {
            if current.kind == .symbol, let op = Parser.comparisonSymbols[current.text] {
                advance()
                try lengthenChain()
                // `= ANY (SELECT …)`, `> ALL (…)`: a comparison with every row of a subquery.
                if let quantifier = quantifierBeforeQuery() {
                    advance()
                    try expectSymbol("(")
                    let query = try parseQuery()
                    try expectSymbol(")")
                    left = .quantified(left, op, quantifier, query)
                    continue
                }
                left = .binary(op, left, try child { p throws(SyntaxError) in try p.parseAdditive() })
                continue
            }
            // Every form below wraps `left` in a new node, one level up.
            if check("IS") || check("IN") || check("BETWEEN") || check("LIKE") || check("ILIKE") || check("RLIKE")
                || check("REGEXP") || check("NOT") {
                try lengthenChain()
            }
            if match("IS") {
                let negated = match("NOT")
                if match("NULL") { left = .isNull(left, negated: negated); continue }
                if match("DISTINCT") {
                    try expect("FROM")
                    left = .isDistinctFrom(left, try child { p throws(SyntaxError) in try p.parseAdditive() }, negated: negated)
                    continue
                }
                throw unexpected()
            }
            let negated = check("NOT") && (peek().isWord("IN") || peek().isWord("BETWEEN") || peek().isWord("LIKE")
                                           || peek().isWord("ILIKE") || peek().isWord("RLIKE") || peek().isWord("REGEXP"))
            if negated { advance() }
            if match("IN") {
                try expectSymbol("(")
                if check("SELECT") || check("WITH") {
                    let query = try parseQuery()
                    try expectSymbol(")")
                    left = .inQuery(left, query, negated: negated)
                } else {
                    var items = [try parseExpression()]
                    while matchSymbol(",") { items.append(try parseExpression()) }
                    try expectSymbol(")")
                    left = .inList(left, items, negated: negated)
                }
                continue
            }
            if match("BETWEEN") {
                let low = try child { p throws(SyntaxError) in try p.parseAdditive() }
                try expect("AND")
                let high = try child { p throws(SyntaxError) in try p.parseAdditive() }
                left = .between(left, low: low, high: high, negated: negated)
                continue
            }
            let kind: LikeKind?
            if match("LIKE") { kind = .like } else if match("ILIKE") { kind = .ilike }
            else if match("RLIKE") || match("REGEXP") { kind = .rlike } else { kind = nil }
            if let kind {
                // Only `ANY (…)`: the AST has no LIKE ALL, so `LIKE ALL (…)` stays a syntax error at ALL.
                if check("ANY") {
                    advance()
                    try expectSymbol("(")
                    var patterns = [try parseExpression()]
                    while matchSymbol(",") { patterns.append(try parseExpression()) }
                    try expectSymbol(")")
                    left = .likeAny(left, patterns: patterns, kind: kind, negated: negated)
                    continue
                }
                let pattern = try child { p throws(SyntaxError) in try p.parseAdditive() }
                let escape = match("ESCAPE") ? try child { p throws(SyntaxError) in try p.parseAdditive() } : nil
                left = .like(left, pattern: pattern, kind: kind, negated: negated, escape: escape)
                continue
            }
            if negated { throw unexpected() }
            return left
        }
    }

    static let additiveSymbols: [String: BinaryOperator] = ["+": .add, "-": .subtract, "||": .concat]
    static let multiplicativeSymbols: [String: BinaryOperator] = ["*": .multiply, "/": .divide, "%": .modulo]

    mutating func parseAdditive() throws(SyntaxError) -> Expression {
        let chain = beginChain()
        defer { endChain(chain) }
        var left = try parseMultiplicative()
        while current.kind == .symbol, let op = Parser.additiveSymbols[current.text] {
            advance()
            try lengthenChain()
            if op != .concat, let shifted = try parseIntervalArithmetic(left, subtract: op == .subtract) {
                left = shifted
                continue
            }
            left = .binary(op, left, try child { p throws(SyntaxError) in try p.parseMultiplicative() })
        }
        return left
    }

    mutating func parseMultiplicative() throws(SyntaxError) -> Expression {
        let chain = beginChain()
        defer { endChain(chain) }
        var left = try parseUnary()
        while current.kind == .symbol, let op = Parser.multiplicativeSymbols[current.text] {
            advance()
            try lengthenChain()
            left = .binary(op, left, try child { p throws(SyntaxError) in try p.parseUnary() })
        }
        return left
    }

    mutating func parseUnary() throws(SyntaxError) -> Expression {
        if matchSymbol("-") { return .unary(.minus, try child { p throws(SyntaxError) in try p.parseUnary() }) }
        if matchSymbol("+") { return .unary(.plus, try child { p throws(SyntaxError) in try p.parseUnary() }) }
        return try parsePostfix()
    }

    /// postfix := primary { :: type | : path | [ expr ] | . key (after a path) }
    mutating func parsePostfix() throws(SyntaxError) -> Expression {
        let chain = beginChain()
        defer { endChain(chain) }
        var expression = try parsePrimary()
        while true {
            // Each form wraps the expression so far in a node one level up.
            if checkSymbol("::") || checkSymbol("[") || (checkSymbol(":") && (peek().kind == .word || peek().kind == .quotedIdentifier)) {
                try lengthenChain()
            }
            if matchSymbol("::") {
                expression = .cast(expression, try parseDataType(), style: .doubleColon)
            } else if checkSymbol(":") && (peek().kind == .word || peek().kind == .quotedIdentifier) {
                advance()
                expression = appendPath(expression, .key(advance().value))
                try parsePathContinuation(&expression)
            } else if checkSymbol("[") {
                advance()
                let index = try parseExpression()
                try expectSymbol("]")
                switch index {
                case .literal(.string(let key)): expression = appendPath(expression, .key(key))
                case .literal(.number(let n)) where Int(n) != nil: expression = appendPath(expression, .index(Int(n)!))
                default: expression = .element(expression, index)
                }
                try parsePathContinuation(&expression)
            } else {
                return expression
            }
        }
    }

    /// After a path step, `.key` and `[n]` continue the path.
    mutating func parsePathContinuation(_ expression: inout Expression) throws(SyntaxError) {
        while true {
            if checkSymbol(".") && (peek().kind == .word || peek().kind == .quotedIdentifier) {
                advance()
                expression = appendPath(expression, .key(advance().value))
            } else if checkSymbol("[") && peek().kind == .number && peek(2).isSymbol("]"), let n = Int(peek().text) {
                advance(); advance(); advance()
                expression = appendPath(expression, .index(n))
            } else if checkSymbol("[") && peek().kind == .string && peek(2).isSymbol("]") {
                advance()
                let key = advance().value
                advance()
                expression = appendPath(expression, .key(key))
            } else {
                return
            }
        }
    }

    func appendPath(_ base: Expression, _ step: PathStep) -> Expression {
        if case .path(let inner, let steps) = base { return .path(inner, steps + [step]) }
        return .path(base, [step])
    }

    // MARK: - Primaries

    mutating func parsePrimary() throws(SyntaxError) -> Expression {
        let token = current
        switch token.kind {
        case .number:
            advance()
            return .literal(.number(token.text))
        case .string, .dollarString:
            advance()
            return .literal(.string(token.value))
        case .variable:
            advance()
            return .variable(token.value.uppercased())
        case .positional:
            advance()
            return .positional(Int(token.value) ?? 0)
        case .quotedIdentifier:
            return try parseNameOrCall()
        case .symbol:
            if token.text == "(" {
                advance()
                if check("SELECT") || check("WITH") {
                    let query = try parseQuery()
                    try expectSymbol(")")
                    return .subquery(query)
                }
                let inner = try parseExpression()
                try expectSymbol(")")
                return .nested(inner)
            }
            // `:name` (Scripting), `:1` (a driver's numeric binding) and `?` (its qmark binding).
            if token.text == ":" && (peek().kind == .word || peek().isBindNumber) {
                advance()
                return .bind(advance().text.uppercased())
            }
            if token.text == "?" {
                advance()
                return nextPlaceholder()
            }
            throw unexpected()
        case .word:
            return try parseWordPrimary()
        case .stageReference, .fileURL, .endOfInput:
            throw unexpected()
        }
    }

    mutating func parseWordPrimary() throws(SyntaxError) -> Expression {
        let word = current.text.uppercased()
        switch word {
        case "TRUE": advance(); return .literal(.boolean(true))
        case "FALSE": advance(); return .literal(.boolean(false))
        case "NULL": advance(); return .literal(.null)
        case "CASE": return try parseCase()
        case "CAST", "TRY_CAST":
            guard peek().isSymbol("(") else { throw unexpected() }
            advance(); advance()
            let value = try parseExpression()
            try expect("AS")
            let type = try parseDataType()
            try expectSymbol(")")
            return .cast(value, type, style: word == "CAST" ? .cast : .tryCast)
        case "EXISTS":
            advance()
            try expectSymbol("(")
            let query = try parseQuery()
            try expectSymbol(")")
            return .exists(query)
        default:
            break
        }
        if Keywords.niladicFunctions.contains(word) {
            advance()
            if checkSymbol("(") { return .function(try parseCallArguments(name: [Identifier(word)])) }
            return .function(FunctionCall(name: [Identifier(word)]))
        }
        if word == "EXTRACT" && peek().isSymbol("(") && (peek(2).kind == .word || peek(2).kind == .string)
            && peek(3).isWord("FROM") {
            return try parseExtract()
        }
        if (word == "LEFT" || word == "RIGHT") && peek().isSymbol("(") {
            advance()
            return .function(try parseCallArguments(name: [Identifier(word)]))
        }
        return try parseNameOrCall()
    }

    /// `EXTRACT( part FROM expr )`: a call of EXTRACT whose first argument is the part, a word
    /// (read as a column name, as DATE_PART's bare part is) or a string.
    mutating func parseExtract() throws(SyntaxError) -> Expression {
        advance(); advance()
        let partToken = advance()
        let part: Expression = partToken.kind == .string
            ? .literal(.string(partToken.value)) : .column([Identifier.unquoted(partToken.text)])
        try expect("FROM")
        let value = try parseExpression()
        try expectSymbol(")")
        return .function(FunctionCall(name: [Identifier("EXTRACT")],
                                      arguments: [FunctionArgument(value: part), FunctionArgument(value: value)]))
    }

    /// `reference('name' [, 'alias'])(arguments)` at the current token, or nil (and nothing read)
    /// when the token does not start one: `REFERENCE(…)` must be followed by `(`.
    mutating func parseReferencedCall() throws(SyntaxError) -> Expression? {
        guard current.isWord("REFERENCE") && peek().isSymbol("(") else { return nil }
        let start = index
        advance(); advance()
        var reference = [try parseExpression()]
        if matchSymbol(",") { reference.append(try parseExpression()) }
        try expectSymbol(")")
        guard checkSymbol("(") else {
            index = start
            return nil
        }
        return .referencedCall(reference: reference, call: try parseCallArguments(name: []))
    }

    /// A column reference (`a`, `t.a`, `t.*`) or a function call (`f(…)`, `s.f(…)`). `IDENTIFIER(…)`
    /// here is a call whose one argument is only a literal, a variable or a bind (spec §2).
    mutating func parseNameOrCall() throws(SyntaxError) -> Expression {
        if let referenced = try parseReferencedCall() { return referenced }
        if current.isWord("IDENTIFIER") && peek().isSymbol("(") {
            advance(); advance()
            let argument = try parseIdentifierArgument()
            try expectSymbol(")")
            return .function(FunctionCall(name: [Identifier("IDENTIFIER")], arguments: [FunctionArgument(value: argument)]))
        }
        var parts = [try parseIdentifier()]
        while checkSymbol(".") {
            if peek().isSymbol("*") {
                advance(); advance()
                return .star(qualifier: parts)
            }
            advance()
            // `t.$1`: a staged file's field by its alias (Translator+StagedFiles names its columns `$1`…).
            if current.kind == .positional {
                parts.append(Identifier("$" + advance().value, quoted: true))
                break
            }
            parts.append(try parseIdentifier())
        }
        if checkSymbol("(") { return .function(try parseCallArguments(name: parts)) }
        return .column(parts)
    }

    /// `( [DISTINCT] args | * ) [IGNORE|RESPECT NULLS] [WITHIN GROUP (ORDER BY …)] [OVER (…)]`
    mutating func parseCallArguments(name: [Identifier]) throws(SyntaxError) -> FunctionCall {
        try expectSymbol("(")
        var call = FunctionCall(name: name)
        if matchSymbol("*") {
            call.star = true
        } else if !checkSymbol(")") {
            call.distinct = match("DISTINCT")
            if !call.distinct { _ = match("ALL") }
            repeat {
                if (current.kind == .word || current.kind == .quotedIdentifier) && peek().isSymbol("=>") {
                    let argName = current.kind == .word ? advance().text.uppercased() : advance().value
                    advance()
                    call.arguments.append(FunctionArgument(name: argName, value: try parseExpression()))
                } else {
                    call.arguments.append(FunctionArgument(value: try parseExpression()))
                }
            } while matchSymbol(",")
        }
        try expectSymbol(")")
        if match("IGNORE", "NULLS") { call.ignoreNulls = true } else if match("RESPECT", "NULLS") { call.ignoreNulls = false }
        if match("WITHIN", "GROUP") {
            try expectSymbol("(")
            try expect("ORDER")
            try expect("BY")
            call.withinGroup = try parseOrderItems()
            try expectSymbol(")")
        }
        if match("OVER") { call.over = try parseWindowSpec() }
        return call
    }

    /// `( [PARTITION BY e, …] [ORDER BY …] [ROWS|RANGE frame] )`
    mutating func parseWindowSpec() throws(SyntaxError) -> WindowSpec {
        try expectSymbol("(")
        var spec = WindowSpec()
        if match("PARTITION", "BY") {
            repeat { spec.partitionBy.append(try parseExpression()) } while matchSymbol(",")
        }
        if match("ORDER", "BY") { spec.orderBy = try parseOrderItems() }
        if check("ROWS") || check("RANGE") {
            let units: WindowFrame.Units = advance().text.uppercased() == "ROWS" ? .rows : .range
            if match("BETWEEN") {
                let start = try parseFrameBound()
                try expect("AND")
                spec.frame = WindowFrame(units: units, start: start, end: try parseFrameBound())
            } else {
                spec.frame = WindowFrame(units: units, start: try parseFrameBound(), end: nil)
            }
        }
        try expectSymbol(")")
        return spec
    }

    mutating func parseFrameBound() throws(SyntaxError) -> WindowFrame.Bound {
        if match("UNBOUNDED") {
            if match("PRECEDING") { return .unboundedPreceding }
            try expect("FOLLOWING")
            return .unboundedFollowing
        }
        if match("CURRENT", "ROW") { return .currentRow }
        let n = try parseInteger()
        if match("PRECEDING") { return .preceding(n) }
        try expect("FOLLOWING")
        return .following(n)
    }

    /// `e [ASC|DESC] [NULLS FIRST|LAST], …`
    mutating func parseOrderItems() throws(SyntaxError) -> [OrderItem] {
        var items: [OrderItem] = []
        repeat {
            var item = OrderItem(expression: try parseExpression())
            if match("DESC") { item.descending = true } else { _ = match("ASC") }
            if match("NULLS") {
                if match("FIRST") { item.nullsFirst = true } else { try expect("LAST"); item.nullsFirst = false }
            }
            items.append(item)
        } while matchSymbol(",")
        return items
    }

    /// `CASE [operand] WHEN … THEN … [ELSE …] END`
    mutating func parseCase() throws(SyntaxError) -> Expression {
        try expect("CASE")
        let operand = check("WHEN") ? nil : try parseExpression()
        var branches: [WhenBranch] = []
        while match("WHEN") {
            let condition = try parseExpression()
            try expect("THEN")
            branches.append(WhenBranch(condition: condition, result: try parseExpression()))
        }
        if branches.isEmpty { throw unexpected() }
        let otherwise = match("ELSE") ? try parseExpression() : nil
        try expect("END")
        return .caseWhen(operand: operand, branches: branches, otherwise: otherwise)
    }

    /// A data type: `NUMBER(10,2)`, `VARCHAR(100)`, `DOUBLE PRECISION`, `TIMESTAMP WITH TIME ZONE`.
    mutating func parseDataType() throws(SyntaxError) -> DataTypeName {
        guard current.kind == .word else { throw unexpected() }
        var name = advance().text.uppercased()
        if name == "DOUBLE" && match("PRECISION") { name = "DOUBLE PRECISION" }
        if (name == "CHAR" || name == "NCHAR" || name == "CHARACTER") && match("VARYING") { name += " VARYING" }
        if name.hasPrefix("TIMESTAMP") || name == "TIME" {
            if match("WITH", "LOCAL", "TIME", "ZONE") { name = "TIMESTAMP WITH LOCAL TIME ZONE" }
            else if match("WITH", "TIME", "ZONE") { name = "TIMESTAMP WITH TIME ZONE" }
            else if match("WITHOUT", "TIME", "ZONE") { name = "TIMESTAMP WITHOUT TIME ZONE" }
        }
        var arguments: [Int] = []
        if matchSymbol("(") {
            repeat { arguments.append(try parseInteger()) } while matchSymbol(",")
            try expectSymbol(")")
        }
        return DataTypeName(name, arguments)
    }
}
