// Parser: recursive descent over the lexer's tokens. This file holds the entry points and the
// small helpers every rule uses (peek, advance, match, expect, identifiers, object names);
// statement families live in Parser+<Family>.swift, expressions in Parser+Expressions.swift.
// Every loop consumes at least one token per turn, so parsing always ends.

public struct Parser {
    var tokens: [Token]
    var index = 0
    /// The tree level the node being parsed will sit at, and the deepest level a node of the
    /// current chain reached (Parser+Depth.swift).
    var depth = 0
    var deepest = 0
    /// The statement text, for source ranges (select item titles, view definitions).
    let source: [UInt8]
    /// How many `?` placeholders the statement being parsed has had: the n-th is the bind `:n`,
    /// as drivers number their bindings (qmark style).
    var placeholders = 0

    public init(_ text: String) throws(SyntaxError) {
        tokens = try Lexer.tokenize(text)
        source = Array(text.utf8)
    }

    /// Parses a script: statements separated by `;`. Empty statements are skipped.
    public static func parseScript(_ text: String) throws(SyntaxError) -> [Statement] {
        var parser = try Parser(text)
        var statements: [Statement] = []
        while !parser.atEnd {
            if parser.matchSymbol(";") { continue }
            parser.placeholders = 0
            statements.append(try parser.parseStatement())
            if !parser.atEnd { try parser.expectSymbol(";") }
        }
        return statements
    }

    /// Parses exactly one statement; a trailing `;` is allowed. Several statements are reported
    /// through `multipleStatements` so the engine can answer with error 000006.
    public static func parseOne(_ text: String) throws(SyntaxError) -> ParsedStatement {
        var parser = try Parser(text)
        parser.placeholders = 0
        let statement = try parser.parseStatement()
        var ended = false
        while parser.matchSymbol(";") { ended = true }  // `select 1;;` is still one statement
        if parser.atEnd { return ParsedStatement(statement: statement, followedByMore: false) }
        if !ended { throw parser.unexpected() }
        return ParsedStatement(statement: statement, followedByMore: true)
    }

    // MARK: - Token helpers

    var current: Token { tokens[index] }
    var atEnd: Bool { current.kind == .endOfInput }
    func peek(_ offset: Int = 1) -> Token { tokens[min(index + offset, tokens.count - 1)] }

    @discardableResult
    mutating func advance() -> Token {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    func unexpected() -> SyntaxError { SyntaxError(at: current) }

    func check(_ keyword: String) -> Bool { current.isWord(keyword) }
    func checkSymbol(_ symbol: String) -> Bool { current.isSymbol(symbol) }

    mutating func match(_ keyword: String) -> Bool {
        if check(keyword) { advance(); return true }
        return false
    }

    /// Matches a run of keywords (`IF NOT EXISTS`), all or nothing.
    mutating func match(_ keywords: String...) -> Bool {
        for (offset, keyword) in keywords.enumerated() where !peek(offset).isWord(keyword) { return false }
        for _ in keywords { advance() }
        return true
    }

    mutating func matchSymbol(_ symbol: String) -> Bool {
        if checkSymbol(symbol) { advance(); return true }
        return false
    }

    mutating func expect(_ keyword: String) throws(SyntaxError) {
        guard match(keyword) else { throw unexpected() }
    }

    mutating func expectSymbol(_ symbol: String) throws(SyntaxError) {
        guard matchSymbol(symbol) else { throw unexpected() }
    }

    /// The source text between two byte offsets.
    func text(from start: Int, to end: Int) -> String {
        String(decoding: source[start..<max(start, end)], as: UTF8.self)
    }

    /// The end offset of the last consumed token.
    var previousEnd: Int { index > 0 ? tokens[index - 1].end : 0 }

    // MARK: - Names

    /// An identifier: an unquoted non-reserved word (upper-cased) or a quoted identifier.
    mutating func parseIdentifier() throws(SyntaxError) -> Identifier {
        switch current.kind {
        case .word where !Keywords.isReserved(current.text):
            return Identifier.unquoted(advance().text)
        case .quotedIdentifier:
            return Identifier(advance().value, quoted: true)
        default:
            throw unexpected()
        }
    }

    /// True when the current token can start an identifier.
    var atIdentifier: Bool {
        (current.kind == .word && !Keywords.isReserved(current.text)) || current.kind == .quotedIdentifier
    }

    /// `a.b.c` with `db..obj` meaning schema PUBLIC.
    mutating func parseQualifiedParts() throws(SyntaxError) -> [Identifier] {
        var parts = [try parseIdentifier()]
        while checkSymbol(".") {
            advance()
            if checkSymbol(".") {  // db..object
                parts.append(Identifier("PUBLIC"))
                advance()
            }
            parts.append(try parseIdentifier())
        }
        return parts
    }

    /// An object name: qualified parts, or `IDENTIFIER('…' | $v | :b)` (spec §2: only a literal or a
    /// variable, so `IDENTIFIER($a || $b)` is a syntax error at `||`).
    mutating func parseObjectName() throws(SyntaxError) -> ObjectName {
        if current.isWord("IDENTIFIER") && peek().isSymbol("(") {
            advance(); advance()
            let argument = try parseIdentifierArgument()
            try expectSymbol(")")
            return .identifier(argument)
        }
        return .parts(try parseQualifiedParts())
    }

    /// The argument of `IDENTIFIER(…)`: a string literal, `$var`, `:bind` or `?` — never an expression.
    mutating func parseIdentifierArgument() throws(SyntaxError) -> Expression {
        switch current.kind {
        case .string, .dollarString: return .literal(.string(advance().value))
        case .variable: return .variable(advance().value.uppercased())
        case .symbol where current.text == ":" && (peek().kind == .word || peek().isBindNumber):
            advance()
            return .bind(advance().text.uppercased())
        case .symbol where current.text == "?":
            advance()
            return nextPlaceholder()
        default: throw unexpected()
        }
    }

    /// The bind the next `?` stands for: `:1`, `:2`, … in order.
    mutating func nextPlaceholder() -> Expression {
        placeholders += 1
        return .bind(String(placeholders))
    }

    /// `( ident, … )`.
    mutating func parseIdentifierList() throws(SyntaxError) -> [Identifier] {
        try expectSymbol("(")
        var names = [try parseIdentifier()]
        while matchSymbol(",") { names.append(try parseIdentifier()) }
        try expectSymbol(")")
        return names
    }

    /// A string literal (`'…'` or `$$…$$`).
    mutating func parseStringLiteral() throws(SyntaxError) -> String {
        guard current.kind == .string || current.kind == .dollarString else { throw unexpected() }
        return advance().value
    }

    mutating func parseInteger() throws(SyntaxError) -> Int {
        guard current.kind == .number, let value = Int(current.text) else { throw unexpected() }
        advance()
        return value
    }
}

/// One parsed statement, and whether more statements followed it in the same text.
public struct ParsedStatement: Sendable {
    public var statement: Statement
    public var followedByMore: Bool
}
