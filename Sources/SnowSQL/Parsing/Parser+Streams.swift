// Parser+Streams: CREATE STREAM, ALTER STREAM, DROP STREAM, SHOW STREAMS and DESC STREAM; they print
// in SQLPrinter+Streams.swift. The dispatchers in Parser+Statements.swift and Parser+DDL.swift look
// ahead for `STREAM` / `STREAMS`. Properties come in any order, each at most once; a repeated or
// unknown one is a syntax error at its name. Time Travel (AT | BEFORE) and the kinds of source
// Snowlite does not have (external tables, stages, dynamic tables) fail at their words.
//   CREATE [OR REPLACE] STREAM [IF NOT EXISTS] name [COPY GRANTS] ON TABLE t | ON VIEW v
//     [APPEND_ONLY = TRUE|FALSE] [SHOW_INITIAL_ROWS = TRUE|FALSE] [COMMENT = '…']
//   CREATE [OR REPLACE] STREAM [IF NOT EXISTS] name CLONE other [COPY GRANTS]
//   ALTER STREAM [IF EXISTS] name SET COMMENT = '…' | UNSET COMMENT
//   DROP STREAM [IF EXISTS] name
//   SHOW [TERSE] STREAMS [LIKE '…'] [IN …] [STARTS WITH '…'] [LIMIT n]
//   DESC[RIBE] STREAM name
// https://docs.snowflake.com/en/sql-reference/sql/create-stream, …/alter-stream, …/show-streams

extension Parser {
    /// At `SHOW [TERSE] STREAMS`.
    var atShowStreams: Bool { peek().isWord("STREAMS") || (peek().isWord("TERSE") && peek(2).isWord("STREAMS")) }

    /// CREATE … STREAM — from `STREAM`.
    mutating func parseCreateStream(_ modifiers: CreateModifiers) throws(SyntaxError) -> Statement {
        try expect("STREAM")
        var modifiers = modifiers
        modifiers.ifNotExists = match("IF", "NOT", "EXISTS")
        let name = try parseObjectName()
        var copyGrants = match("COPY", "GRANTS")
        if match("CLONE") {
            let source = try parseObjectName()
            if !copyGrants { copyGrants = match("COPY", "GRANTS") }
            return .stream(.create(CreateStream(modifiers: modifiers, name: name, copyGrants: copyGrants, source: .clone(source))))
        }
        try expect("ON")
        let source: StreamSource
        if match("TABLE") {
            source = .table(try parseObjectName())
        } else if match("VIEW") {
            source = .view(try parseObjectName())
        } else {
            throw unexpected()
        }
        var create = CreateStream(modifiers: modifiers, name: name, copyGrants: copyGrants, source: source)
        var seen = Set<String>()
        while current.kind == .word, ["APPEND_ONLY", "SHOW_INITIAL_ROWS", "COMMENT"].contains(current.text.uppercased()) {
            let word = current.text.uppercased()
            guard seen.insert(word).inserted else { throw unexpected() }
            advance()
            try expectSymbol("=")
            switch word {
            case "APPEND_ONLY": create.appendOnly = try parseStreamBoolean()
            case "SHOW_INITIAL_ROWS": create.showInitialRows = try parseStreamBoolean()
            default: create.comment = try parseStringLiteral()
            }
        }
        return .stream(.create(create))
    }

    /// TRUE | FALSE, as a word or a string.
    private mutating func parseStreamBoolean() throws(SyntaxError) -> Bool {
        if match("TRUE") { return true }
        if match("FALSE") { return false }
        if current.kind == .string, ["TRUE", "FALSE"].contains(current.value.uppercased()) {
            return advance().value.uppercased() == "TRUE"
        }
        throw unexpected()
    }

    /// ALTER STREAM [IF EXISTS] name SET COMMENT = '…' | UNSET COMMENT
    mutating func parseAlterStream() throws(SyntaxError) -> Statement {
        try expect("ALTER")
        try expect("STREAM")
        let ifExists = match("IF", "EXISTS")
        let name = try parseObjectName()
        if match("SET") {
            try expect("COMMENT")
            try expectSymbol("=")
            return .stream(.alter(name: name, ifExists: ifExists, comment: try parseStringLiteral()))
        }
        try expect("UNSET")
        try expect("COMMENT")
        return .stream(.alter(name: name, ifExists: ifExists, comment: nil))
    }

    /// DROP STREAM [IF EXISTS] name
    mutating func parseDropStream() throws(SyntaxError) -> Statement {
        try expect("DROP")
        try expect("STREAM")
        let ifExists = match("IF", "EXISTS")
        return .stream(.drop(try parseObjectName(), ifExists: ifExists))
    }

    /// DESC[RIBE] STREAM name — from `DESC` / `DESCRIBE`.
    mutating func parseDescribeStream() throws(SyntaxError) -> Statement {
        advance()
        try expect("STREAM")
        return .stream(.describe(try parseObjectName()))
    }

    /// SHOW [TERSE] STREAMS [LIKE '…'] [IN …] [STARTS WITH '…'] [LIMIT n]
    mutating func parseShowStreams() throws(SyntaxError) -> Statement {
        try expect("SHOW")
        let terse = match("TERSE")
        try expect("STREAMS")
        return .stream(.show(terse: terse, try parseShowFilter()))
    }
}
