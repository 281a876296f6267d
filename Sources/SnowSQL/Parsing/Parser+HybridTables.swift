// Parser+HybridTables: the statements about hybrid tables' indexes and listings — CREATE INDEX,
// DROP INDEX, SHOW INDEXES, SHOW HYBRID TABLES — and the `INDEX name (cols) [INCLUDE (cols)]`
// element of CREATE HYBRID TABLE (whose body is Parser+DDL's parseCreateTableBody).
// https://docs.snowflake.com/en/sql-reference/sql/create-index, …/drop-index, …/show-indexes,
// …/show-hybrid-tables

extension Parser {
    /// At `INDEX name (col …`: a secondary index in a hybrid table's element list. A column named
    /// INDEX is read as a column: its type's parenthesis holds a number (`index NUMBER(38, 0)`).
    var atTableIndex: Bool {
        check("INDEX") && (peek().kind == .word || peek().kind == .quotedIdentifier) && peek(2).isSymbol("(")
            && (peek(3).kind == .word || peek(3).kind == .quotedIdentifier)
    }

    /// At `SHOW [TERSE] INDEXES` or `SHOW [TERSE] HYBRID TABLES`.
    var atShowHybridTables: Bool {
        let offset = peek().isWord("TERSE") ? 2 : 1
        return peek(offset).isWord("INDEXES") || (peek(offset).isWord("HYBRID") && peek(offset + 1).isWord("TABLES"))
    }

    /// `INDEX name (cols) [INCLUDE (cols)]`
    mutating func parseTableIndex() throws(SyntaxError) -> TableIndex {
        try expect("INDEX")
        let name = try parseIdentifier()
        let columns = try parseIdentifierList()
        let include = match("INCLUDE") ? try parseIdentifierList() : []
        return TableIndex(name: name, columns: columns, include: include)
    }

    /// After CREATE [OR REPLACE]: `INDEX [IF NOT EXISTS] name ON table (cols) [INCLUDE (cols)]`.
    mutating func parseCreateIndex(_ modifiers: CreateModifiers) throws(SyntaxError) -> CreateIndex {
        var modifiers = modifiers
        try expect("INDEX")
        modifiers.ifNotExists = match("IF", "NOT", "EXISTS")
        let name = try parseIdentifier()
        try expect("ON")
        let table = try parseObjectName()
        let columns = try parseIdentifierList()
        let include = match("INCLUDE") ? try parseIdentifierList() : []
        return CreateIndex(modifiers: modifiers, index: TableIndex(name: name, columns: columns, include: include), table: table)
    }

    /// `DROP INDEX [IF EXISTS] table.index`: the last part names the index, the rest its table.
    mutating func parseDropIndex() throws(SyntaxError) -> Statement {
        try expect("DROP")
        try expect("INDEX")
        let ifExists = match("IF", "EXISTS")
        let start = current
        guard case .parts(let parts) = try parseObjectName(), parts.count >= 2, let index = parts.last else {
            throw SyntaxError(at: start)
        }
        return .hybridTable(.dropIndex(table: .parts(Array(parts.dropLast())), index: index, ifExists: ifExists))
    }

    /// `SHOW [TERSE] INDEXES [LIKE '…'] [IN … | IN TABLE [t] | IN t] …` or `SHOW [TERSE] HYBRID TABLES [filter]`.
    mutating func parseShowHybridTables() throws(SyntaxError) -> Statement {
        try expect("SHOW")
        let terse = match("TERSE")
        if match("HYBRID") {
            try expect("TABLES")
            return .hybridTable(.showHybridTables(terse: terse, try parseShowFilter()))
        }
        try expect("INDEXES")
        let like = match("LIKE") ? try parseStringLiteral() : nil
        var table: ObjectName?
        var filter: ShowFilter
        let scopeWords = ["ACCOUNT", "DATABASE", "SCHEMA", "APPLICATION"]
        if check("IN") && peek().isWord("TABLE") {
            advance(); advance()
            let named = atIdentifier && !check("STARTS") && !check("LIMIT")
            table = named ? try parseObjectName() : nil
            filter = try parseShowFilter(inScope: false)
            if table == nil { filter.scope = .schema(nil) }
        } else if check("IN") && !scopeWords.contains(where: { peek().isWord($0) }) {
            advance()
            table = try parseObjectName()
            filter = try parseShowFilter(inScope: false)
        } else {
            filter = try parseShowFilter()
        }
        filter.like = like
        return .hybridTable(.showIndexes(terse: terse, filter, table: table))
    }
}
