// Parser+Scripting: Snowflake Scripting blocks (spec §7.2) —
//   [DECLARE decl; …] BEGIN stmt; … [EXCEPTION WHEN e [OR e…] [CONTINUE] THEN stmt; …] END
// Statements inside are scripting statements (LET, :=, IF, CASE, FOR, WHILE, REPEAT, LOOP,
// BREAK, CONTINUE, RETURN, RAISE, OPEN/FETCH/CLOSE, nested blocks) or ordinary SQL statements,
// each ended by `;`. Server-side contexts parse these; the snowsql client does not (spec §1.6).

extension Parser {
    /// Words that end a statement list inside a block.
    static let blockTerminators: Set<String> = ["END", "EXCEPTION", "ELSE", "ELSEIF", "WHEN", "UNTIL"]

    /// True when the current `BEGIN` opens a Scripting block rather than a transaction.
    var atBlockStart: Bool {
        if check("DECLARE") { return true }
        guard check("BEGIN") else { return false }
        let next = peek()
        return !(next.kind == .endOfInput || next.isSymbol(";") || next.isWord("TRANSACTION") || next.isWord("WORK")
                 || next.isWord("NAME"))
    }

    /// block := [DECLARE decl; …] BEGIN stmts [EXCEPTION handlers] END
    public mutating func parseBlock() throws(SyntaxError) -> ScriptBlock {
        var block = ScriptBlock(body: [])
        if match("DECLARE") {
            while !check("BEGIN") {
                block.declarations.append(try parseDeclaration())
                try expectSymbol(";")
            }
        }
        try expect("BEGIN")
        block.body = try parseScriptStatements()
        if match("EXCEPTION") {
            while match("WHEN") {
                var names = [try parseIdentifier().name]
                while match("OR") { names.append(try parseIdentifier().name) }
                let continues = match("CONTINUE")
                try expect("THEN")
                block.handlers.append(ExceptionHandler(exceptions: names, continues: continues, body: try parseScriptStatements()))
            }
        }
        try expect("END")
        return block
    }

    /// decl := name [type] [DEFAULT e | := e] | name CURSOR FOR query | name RESULTSET [DEFAULT (query)]
    ///       | name EXCEPTION [(code, 'message')]
    mutating func parseDeclaration() throws(SyntaxError) -> ScriptDeclaration {
        let name = try parseIdentifier().name
        if match("CURSOR") { return try parseCursorDeclaration(name) }
        if match("RESULTSET") {
            guard match("DEFAULT") || matchAssign() else { return .resultSet(name: name, source: nil) }
            return .resultSet(name: name, source: try parseResultSetSource())
        }
        if match("EXCEPTION") {
            guard matchSymbol("(") else { return .exception(name: name, code: nil, message: nil) }
            let negative = matchSymbol("-")
            let code = try parseInteger()
            try expectSymbol(",")
            let message = try parseStringLiteral()
            try expectSymbol(")")
            return .exception(name: name, code: negative ? -code : code, message: message)
        }
        let type = (check("DEFAULT") || checkSymbol(":") || checkSymbol(";")) ? nil : try parseDataType()
        let initial: Expression? = (match("DEFAULT") || matchAssign()) ? try parseExpression() : nil
        return .variable(name: name, type: type, initial: initial)
    }

    /// `:=` (two tokens to the lexer).
    mutating func matchAssign() -> Bool {
        guard checkSymbol(":") && peek().isSymbol("=") else { return false }
        advance(); advance()
        return true
    }

    /// cursor := FOR query | FOR resultset_name — after `name CURSOR`. The query's `?` placeholders
    /// are numbered from 1 within it, as `OPEN … USING (…)` supplies them.
    mutating func parseCursorDeclaration(_ name: String) throws(SyntaxError) -> ScriptDeclaration {
        try expect("FOR")
        if atIdentifier && !check("SELECT") && !check("WITH") && (peek().isSymbol(";") || peek().kind == .endOfInput) {
            return .cursorOverResultSet(name: name, resultSet: try parseIdentifier().name)
        }
        let saved = placeholders
        placeholders = 0
        defer { placeholders = saved }
        return .cursor(name: name, query: try parseQuery())
    }

    /// `ASYNC (statement)`: the statement an asynchronous child job runs.
    mutating func parseAsyncSource() throws(SyntaxError) -> Statement {
        try expect("ASYNC")
        try expectSymbol("(")
        let statement = try parseStatement()
        try expectSymbol(")")
        return statement
    }

    /// `(query)`, `(EXECUTE IMMEDIATE …)`, `(DESCRIBE …)` or `(SHOW …)`: what a RESULTSET is assigned.
    mutating func parseResultSetSource() throws(SyntaxError) -> Statement {
        try expectSymbol("(")
        let source: Statement = atResultSetStatement(current) ? try parseStatement() : .query(try parseQuery())
        switch source {
        case .executeImmediate, .query, .describe, .show: break
        default: throw unexpected()
        }
        try expectSymbol(")")
        return source
    }

    /// A statement other than a query that a RESULTSET may be assigned: EXECUTE IMMEDIATE, DESCRIBE, SHOW.
    func atResultSetStatement(_ token: Token) -> Bool {
        token.isWord("EXECUTE") || token.isWord("DESCRIBE") || token.isWord("DESC") || token.isWord("SHOW")
    }

    /// Statements up to (not including) END, EXCEPTION, ELSE, ELSEIF, WHEN or UNTIL.
    mutating func parseScriptStatements() throws(SyntaxError) -> [ScriptStatement] {
        var statements: [ScriptStatement] = []
        while !(current.kind == .word && Parser.blockTerminators.contains(current.text.uppercased())) {
            if atEnd { throw unexpected() }
            statements.append(try parseScriptStatement())
            try expectSymbol(";")
        }
        return statements
    }

    /// A scripting statement is one level below the block or branch that holds it (Parser+Depth.swift).
    mutating func parseScriptStatement() throws(SyntaxError) -> ScriptStatement {
        try descend()
        defer { ascend() }
        let word = current.kind == .word ? current.text.uppercased() : ""
        let at = SourcePosition(line: current.line, position: current.position)
        if atBlockStart { return .block(try parseBlock()) }
        switch word {
        case "LET":
            advance()
            let name = try parseIdentifier().name
            if match("CURSOR") { return .declare(try parseCursorDeclaration(name)) }
            if match("RESULTSET") {
                guard match("DEFAULT") || matchAssign() else { throw unexpected() }
                if check("ASYNC") { return .async(try parseAsyncSource(), resultSet: name, declares: true, at: at) }
                return .declare(.resultSet(name: name, source: try parseResultSetSource()))
            }
            let type = (check("DEFAULT") || checkSymbol(":")) ? nil : try parseDataType()
            guard match("DEFAULT") || matchAssign() else { throw unexpected() }
            return .assign(name: name, type: type, value: try parseExpression(), declares: true, at: at)
        case "IF":
            advance()
            var branches = [try parseConditionalBranch()]
            var otherwise: [ScriptStatement]?
            while true {
                if match("ELSEIF") { branches.append(try parseConditionalBranch()); continue }
                if match("ELSE") { otherwise = try parseScriptStatements() }
                break
            }
            try expect("END")
            try expect("IF")
            return .ifThen(branches: branches, otherwise: otherwise)
        case "CASE":
            advance()
            let operand = check("WHEN") ? nil : try parseExpression()
            var branches: [ConditionalBranch] = []
            while match("WHEN") {
                let condition = try parseExpression()
                try expect("THEN")
                branches.append(ConditionalBranch(condition: condition, body: try parseScriptStatements()))
            }
            if branches.isEmpty { throw unexpected() }
            let otherwise = match("ELSE") ? try parseScriptStatements() : nil
            try expect("END")
            _ = match("CASE")  // `END;` alone ends a CASE too
            return .caseOf(operand: operand, branches: branches, otherwise: otherwise)
        case "FOR":
            advance()
            let variable = try parseIdentifier().name
            try expect("IN")
            if (current.kind == .word || current.kind == .quotedIdentifier) && peek().isWord("DO") {
                let cursor = try parseIdentifier().name
                try expect("DO")
                let body = try parseScriptStatements()
                return .forCursor(variable: variable, cursor: cursor, body: body, label: try parseLoopEnd("FOR"))
            }
            let reverse = match("REVERSE")
            let low = try parseExpression()
            try expect("TO")
            let high = try parseExpression()
            try expect("DO")
            let body = try parseScriptStatements()
            return .forRange(variable: variable, low: low, high: high, reverse: reverse, body: body, label: try parseLoopEnd("FOR"))
        case "WHILE":
            advance()
            let condition = try parseExpression()
            guard match("DO") || match("LOOP") else { throw unexpected() }
            let body = try parseScriptStatements()
            return .whileLoop(condition: condition, body: body, label: try parseLoopEnd("WHILE"))
        case "REPEAT":
            advance()
            let body = try parseScriptStatements()
            try expect("UNTIL")
            let condition = try parseExpression()
            return .repeatLoop(body: body, until: condition, label: try parseLoopEnd("REPEAT"))
        case "LOOP":
            advance()
            let body = try parseScriptStatements()
            return .loop(body: body, label: try parseLoopEnd("LOOP"))
        case "BREAK", "EXIT":
            advance()
            return .breakLoop(label: atIdentifier ? try parseIdentifier().name : nil)
        case "CONTINUE", "ITERATE":
            advance()
            return .continueLoop(label: atIdentifier ? try parseIdentifier().name : nil)
        case "RETURN":
            advance()
            if check("TABLE") && peek().isSymbol("(") {
                advance(); advance()
                let fromCursor = check("RESULTSET_FROM_CURSOR") && peek().isSymbol("(")
                if fromCursor { advance(); advance() }
                let name = try parseIdentifier().name
                if fromCursor { try expectSymbol(")") }
                try expectSymbol(")")
                return .returnTable(name, fromCursor: fromCursor)
            }
            return .returnValue(checkSymbol(";") ? nil : try parseExpression())
        case "RAISE":
            advance()
            return .raise(atIdentifier ? try parseIdentifier().name : nil, at: at)
        case "OPEN":
            advance()
            let cursor = try parseIdentifier().name
            var using: [Expression] = []
            if match("USING") {
                try expectSymbol("(")
                repeat { using.append(try parseExpression()) } while matchSymbol(",")
                try expectSymbol(")")
            }
            return .open(cursor: cursor, using: using)
        case "FETCH":
            advance()
            let cursor = try parseIdentifier().name
            try expect("INTO")
            return .fetch(cursor: cursor, into: try parseIntoTargets())
        case "CLOSE":
            advance()
            return .close(cursor: try parseIdentifier().name)
        case "NULL":
            advance()
            return .null
        case "ASYNC" where peek().isSymbol("("):
            return .async(try parseAsyncSource(), resultSet: nil, declares: false, at: at)
        case "AWAIT" where peek().kind == .word || peek().kind == .quotedIdentifier:
            advance()
            if match("ALL") { return .await(nil, at: at) }
            return .await(try parseIdentifier().name, at: at)
        case "CANCEL" where peek().kind == .word || peek().kind == .quotedIdentifier:
            advance()
            return .cancel(try parseIdentifier().name)
        default:
            break
        }
        // `SYSTEM$LOG('info', '…');`: a system function as a statement.
        if word.hasPrefix("SYSTEM$") && peek().isSymbol("(") {
            return .evaluate(try parseExpression(), at: at)
        }
        // `name := expression`; `rs := (EXECUTE IMMEDIATE …)` assigns a RESULTSET.
        if (current.kind == .word || current.kind == .quotedIdentifier) && peek().isSymbol(":") && peek(2).isSymbol("=") {
            let name = try parseIdentifier().name
            advance(); advance()
            if checkSymbol("(") && atResultSetStatement(peek()) {
                return .assignResultSet(name: name, source: try parseResultSetSource(), at: at)
            }
            if check("ASYNC") && peek().isSymbol("(") {
                return .async(try parseAsyncSource(), resultSet: name, declares: false, at: at)
            }
            return .assign(name: name, type: nil, value: try parseExpression(), declares: false, at: at)
        }
        let start = current.start
        let statement = try parseStatement()
        var into: [String] = []
        if case .query(let query) = statement, case .select(let select) = query.body { into = select.into }
        if case .call(let call) = statement, let target = call.into { into = [target] }
        return .sql(statement, into: into, text: SourceText(text(from: start, to: previousEnd)), at: at)
    }

    mutating func parseConditionalBranch() throws(SyntaxError) -> ConditionalBranch {
        let condition = try parseExpression()
        try expect("THEN")
        return ConditionalBranch(condition: condition, body: try parseScriptStatements())
    }

    /// `END <keyword> [label]`.
    mutating func parseLoopEnd(_ keyword: String) throws(SyntaxError) -> String? {
        try expect("END")
        try expect(keyword)
        return atIdentifier ? try parseIdentifier().name : nil
    }

    /// `:a, :b` or `a, b` after INTO.
    mutating func parseIntoTargets() throws(SyntaxError) -> [String] {
        var names: [String] = []
        repeat {
            _ = matchSymbol(":")
            names.append(try parseIdentifier().name)
        } while matchSymbol(",")
        return names
    }
}
