// Parser+Statements: the statement dispatcher and the session statements — SET, UNSET,
// SHOW VARIABLES, EXECUTE IMMEDIATE, USE, BEGIN/COMMIT/ROLLBACK — with SHOW <kinds>, DESCRIBE and
// the ShowFilter every family's SHOW reads. A first word the parser does not know is a 001003
// syntax error at that word.

extension Parser {
    public mutating func parseStatement() throws(SyntaxError) -> Statement {
        if atBlockStart { return .block(try parseBlock()) }
        if let feature = snowflakeOnlyKind() { throw SyntaxError(at: current, reason: .needsSnowflake(feature: feature)) }
        let word = current.kind == .word ? current.text.uppercased() : ""
        switch word {
        case "SELECT", "WITH", "VALUES": return .query(try parseQuery())
        case "SET": return try parseSet()
        case "UNSET": return try parseUnset()
        case "SHOW" where peek().isWord("VERSIONS") || (peek().isWord("APPLICATION") && peek(2).isWord("PACKAGES"))
            || (peek().isWord("SHARED") && peek(2).isWord("CONTENT")):
            return try parseShowApplicationPackages()
        case "SHOW" where peek().isWord("RELEASE") && peek(2).isWord("DIRECTIVES"): return try parseShowReleaseDirectives()
        case "SHOW" where externalAccessKind(at: 1, plural: true) != nil: return try parseShowExternalAccess()
        case "SHOW" where atShowTasks: return try parseShowTasks()
        case "SHOW" where atShowStreams: return try parseShowStreams()
        case "SHOW" where atShowFunctions: return try parseShowFunctions()
        case "SHOW" where atShowHybridTables: return try parseShowHybridTables()
        case "SHOW" where peek().isWord("PRIVILEGES") && peek(2).isWord("IN"):
            advance(); advance(); advance()
            try expect("APPLICATION")
            return .application(.showPrivileges(try parseObjectName()))
        case "SHOW" where peek().isWord("REFERENCES") && peek(2).isWord("IN"):
            advance(); advance(); advance()
            try expect("APPLICATION")
            return .application(.showReferences(try parseObjectName()))
        case "SHOW" where peek().isWord("APPLICATION") && peek(2).isWord("ROLES"):
            advance(); advance(); advance()
            try expect("IN")
            try expect("APPLICATION")
            return .application(.showRoles(try parseObjectName()))
        case "SHOW" where peek().isWord("TELEMETRY") || (peek().isWord("OBJECTS") && peek(2).isWord("OWNED")):
            return try parseShowApplicationDetails()
        case "DESC" where peek().isWord("APPLICATION") && peek(2).isWord("PACKAGE"),
             "DESCRIBE" where peek().isWord("APPLICATION") && peek(2).isWord("PACKAGE"):
            advance(); advance(); advance()
            return .applicationPackage(.describe(try parseObjectName()))
        case "DESC" where peek().isWord("APPLICATION") && !peek(2).isWord("PACKAGE"),
             "DESCRIBE" where peek().isWord("APPLICATION") && !peek(2).isWord("PACKAGE"):
            advance(); advance()
            return .application(.describe(try parseObjectName()))
        case "SHOW" where peek().isWord("APPLICATIONS"):
            advance(); advance()
            return .application(.show(like: match("LIKE") ? try parseStringLiteral() : nil))
        case "SHOW" where peek().isWord("PARAMETERS"):
            advance()
            return .showParameters(try parseShowParameters())
        case "SHOW": return try parseShow()
        case "EXECUTE" where peek().isWord("TASK"): return try parseExecuteTask()
        case "EXECUTE" where peek().isWord("IMMEDIATE") && peek(2).isWord("FROM"):
            advance(); advance(); advance()
            if current.kind == .stageReference { return .application(.executeFrom("@" + advance().value)) }
            return .application(.executeFrom(try parseStringLiteral()))
        case "EXECUTE":
            advance()
            try expect("IMMEDIATE")
            return try parseExecuteImmediate()
        case "USE": return try parseUse()
        case "BEGIN", "START":
            advance()
            if word == "START" { try expect("TRANSACTION") } else {
                guard atEnd || checkSymbol(";") || check("TRANSACTION") || check("WORK") || check("NAME") else { throw unexpected() }
                _ = match("TRANSACTION") || match("WORK")
            }
            if match("NAME") { _ = try parseIdentifier() }
            return .begin
        case "COMMIT":
            advance()
            _ = match("WORK")
            return .commit
        case "ROLLBACK":
            advance()
            _ = match("WORK")
            return .rollback
        case "CREATE": return try parseCreate()
        case "DROP" where peek().isWord("APPLICATION") && peek(2).isWord("PACKAGE"): return try parseDropApplicationPackage()
        case "DROP" where peek().isWord("APPLICATION"):
            advance()
            return try parseDropApplication()

        case "DROP" where externalAccessKind(at: 1, plural: false) != nil: return try parseDropExternalAccess()
        case "DROP" where atFileFormat(1): return try parseDropFileFormat()
        case "DROP" where peek().isWord("TASK"): return try parseDropTask()
        case "DROP" where peek().isWord("STREAM"): return try parseDropStream()
        case "DROP" where peek().isWord("INDEX"): return try parseDropIndex()
        case "DROP" where peek().isWord("FUNCTION"):
            advance()
            return try parseDropFunction()
        case "DROP": return try parseDrop()
        case "ALTER" where peek().isWord("APPLICATION") && peek(2).isWord("PACKAGE"): return try parseAlterApplicationPackage()
        case "ALTER" where peek().isWord("APPLICATION"): return try parseAlterApplication()
        case "ALTER" where atFileFormat(1): return try parseAlterFileFormat()
        case "ALTER" where externalAccessKind(at: 1, plural: false) != nil:
            return try parseAlterExternalAccess()
        case "DESC" where externalAccessKind(at: 1, plural: false) != nil,
             "DESCRIBE" where externalAccessKind(at: 1, plural: false) != nil:
            return try parseDescribeExternalAccess()
        case "DESC" where atFileFormat(1), "DESCRIBE" where atFileFormat(1): return try parseDescribeFileFormat()
        case "DESC" where peek().isWord("STREAM"), "DESCRIBE" where peek().isWord("STREAM"): return try parseDescribeStream()
        case "DESC", "DESCRIBE": return try parseDescribe()
        case "INSERT":
            let multiTable = peek().isWord("ALL") || peek().isWord("FIRST")
                || (peek().isWord("OVERWRITE") && (peek(2).isWord("ALL") || peek(2).isWord("FIRST")))
            return multiTable ? .multiTableInsert(try parseMultiTableInsert()) : .insert(try parseInsert())
        case "UPDATE": return .update(try parseUpdate())
        case "DELETE": return .delete(try parseDelete())
        case "MERGE": return .merge(try parseMerge())
        case "CALL": return .call(try parseCall())
        case "ALTER" where peek().isWord("TASK"): return try parseAlterTask()
        case "ALTER" where peek().isWord("STREAM"): return try parseAlterStream()
        case "ALTER" where peek().isWord("FUNCTION"):
            advance()
            return .function(.alter(try parseAlterFunction()))
        case "ALTER" where peek().isWord("PROCEDURE"):
            advance()
            return .alterProcedure(try parseAlterProcedure())
        case "ALTER" where ["ACCOUNT", "SESSION", "USER", "WAREHOUSE"].contains { peek().isWord($0) }:
            advance()
            return .alterParameters(try parseAlterParameters())
        case "GRANT": return try parseGrant()
        case "REVOKE": return try parseRevoke()
        case "COPY" where peek().isWord("INTO"): return try parseCopy()
        case "PUT": return try parsePut()
        case "GET": return try parseGet()
        case "LIST", "LS": return try parseList()
        case "REMOVE", "RM": return try parseRemove()
        default:
            if checkSymbol("(") { return .query(try parseQuery()) }
            throw unexpected()
        }
    }

    /// SET v = e | SET (a, b) = (e1, e2)
    mutating func parseSet() throws(SyntaxError) -> Statement {
        try expect("SET")
        if matchSymbol("(") {
            var names = [try parseIdentifier().name]
            while matchSymbol(",") { names.append(try parseIdentifier().name) }
            try expectSymbol(")")
            try expectSymbol("=")
            try expectSymbol("(")
            var values = [try parseExpression()]
            while matchSymbol(",") { values.append(try parseExpression()) }
            try expectSymbol(")")
            return .set(names: names, values: values)
        }
        let name = try parseIdentifier().name
        try expectSymbol("=")
        return .set(names: [name], values: [try parseExpression()])
    }

    /// UNSET v | UNSET (a, b)
    mutating func parseUnset() throws(SyntaxError) -> Statement {
        try expect("UNSET")
        if checkSymbol("(") { return .unset(try parseIdentifierList().map(\.name)) }
        return .unset([try parseIdentifier().name])
    }

    /// EXECUTE IMMEDIATE '…' | $$…$$ | $v | :v [USING (b, …)]
    mutating func parseExecuteImmediate() throws(SyntaxError) -> Statement {
        let source = try parseExpression()
        var using: [Expression] = []
        if match("USING") {
            try expectSymbol("(")
            repeat { using.append(try parseExpression()) } while matchSymbol(",")
            try expectSymbol(")")
        }
        return .executeImmediate(source, using: using)
    }

    /// USE [ROLE | WAREHOUSE | DATABASE | SCHEMA | APPLICATION PACKAGE] name — a package is a
    /// database to USE (its shared content).
    mutating func parseUse() throws(SyntaxError) -> Statement {
        try expect("USE")
        if check("APPLICATION") && peek().isWord("PACKAGE") {
            advance()
            advance()
            return .use(UseStatement(kind: .database, name: try parseObjectName()))
        }
        var kind: UseStatement.Kind?
        for candidate in [UseStatement.Kind.role, .warehouse, .database, .schema] where check(candidate.rawValue) {
            // `USE role` alone would name a database called ROLE; a name must follow the keyword.
            if peek().kind == .word || peek().kind == .quotedIdentifier {
                advance()
                kind = candidate
            }
            break
        }
        return .use(UseStatement(kind: kind, name: try parseObjectName()))
    }

    /// SHOW VARIABLES | SHOW [TERSE] <kinds> [LIKE '…'] [IN ACCOUNT | DATABASE [d] | SCHEMA [s] | name]
    ///   [STARTS WITH '…'] [LIMIT n]
    mutating func parseShow() throws(SyntaxError) -> Statement {
        try expect("SHOW")
        if match("VARIABLES") {
            let like = match("LIKE") ? try parseStringLiteral() : nil
            return .showVariables(like: like)
        }
        if check("GRANTS") || (check("FUTURE") && peek().isWord("GRANTS")) { return try parseShowGrants() }
        let terse = match("TERSE")
        if atFileFormat(0, plural: true) {
            advance(); advance()
            return .loading(.showFileFormats(try parseShowFilter()))
        }
        // SHOW USER PROCEDURES lists what SHOW PROCEDURES lists: Snowlite has no built-in procedures.
        if check("USER") && peek().isWord("PROCEDURES") { advance() }
        guard current.kind == .word,
              let kind = ObjectKind.allCases.first(where: { $0.plural == current.text.uppercased() }) else { throw unexpected() }
        advance()
        return .show(ShowStatement(kind: kind, terse: terse, filter: try parseShowFilter()))
    }

    /// [LIKE '…'] [IN ACCOUNT | DATABASE [d] | SCHEMA [s] | APPLICATION a | name] [STARTS WITH '…'] [LIMIT n], the
    /// filter after SHOW <kinds>. `inScope: false` for kinds that live in the account: IN is left
    /// unread, so the statement fails there as at any word that cannot follow.
    mutating func parseShowFilter(inScope: Bool = true) throws(SyntaxError) -> ShowFilter {
        var filter = ShowFilter()
        if match("LIKE") { filter.like = try parseStringLiteral() }
        if inScope && match("IN") {
            if match("ACCOUNT") { filter.scope = .account }
            else if match("DATABASE") { filter.scope = .database(atScopeName ? try parseObjectName() : nil) }
            else if match("SCHEMA") { filter.scope = .schema(atScopeName ? try parseObjectName() : nil) }
            // `IN APPLICATION app` and `IN APPLICATION PACKAGE p`: both are databases to SHOW.
            else if match("APPLICATION") {
                _ = match("PACKAGE")
                filter.scope = .database(try parseObjectName())
            }
            else {
                // `IN name`: a database, or `IN db.sch`: a schema.
                let name = try parseObjectName()
                if case .parts(let parts) = name, parts.count == 1 { filter.scope = .database(name) } else { filter.scope = .schema(name) }
            }
        }
        if match("STARTS", "WITH") { filter.startsWith = try parseStringLiteral() }
        if match("LIMIT") { filter.limit = try parseInteger() }
        return filter
    }

    /// After `IN DATABASE` / `IN SCHEMA`: a name follows unless the next clause (STARTS WITH, LIMIT) does.
    private var atScopeName: Bool { atIdentifier && !check("STARTS") && !check("LIMIT") }

    /// DESC[RIBE] [TABLE | VIEW | SEQUENCE | STAGE | USER] name | DESC[RIBE] PROCEDURE name([type, …]) —
    /// `DESC user` alone describes a table USER.
    mutating func parseDescribe() throws(SyntaxError) -> Statement {
        advance()
        if check("TASK") { return try parseDescribeTask() }
        if check("FUNCTION") { return try parseDescribeFunction() }
        if match("PROCEDURE") {
            let (name, types) = try parseProcedureSignature()
            return .describe(DescribeStatement(kind: .procedure, name: name, argumentTypes: types))
        }
        var kind = ObjectKind.table
        if match("TABLE") { kind = .table } else if match("VIEW") { kind = .view } else if match("SEQUENCE") { kind = .sequence }
        else if match("STAGE") { kind = .stage }
        else if check("USER") && (peek().kind == .word || peek().kind == .quotedIdentifier) {
            advance()
            kind = .user
        }
        // `DESCRIBE TABLE reference('t')` inside an application: the consumer's table bound to it.
        let name = kind == .table || kind == .view ? try parseTargetName() : try parseObjectName()
        // `DESC TABLE t TYPE = COLUMNS` is the default form (SQLAlchemy's reflection writes it);
        // TYPE = STAGE (a table's stage properties) is not taken.
        if kind == .table, match("TYPE") {
            try expectSymbol("=")
            guard match("COLUMNS") else { throw unexpected() }
        }
        return .describe(DescribeStatement(kind: kind, name: name))
    }
}
