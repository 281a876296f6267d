// Parser+DDL: CREATE and DROP for databases, schemas, tables (hybrid tables too, with their INDEX
// elements, CREATE / DROP INDEX and SHOW INDEXES / HYBRID TABLES), views, warehouses, roles and
// sequences (CREATE STAGE's body is in Parser+Stages.swift).
// Properties (`COMMENT = '…'`, `WAREHOUSE_SIZE = XSMALL`) are accepted in any order and any case;
// a property a kind does not have is a syntax error at its name, as in Snowflake.

extension Parser {
    static let databaseProperties: Set<String> = [
        "COMMENT", "DATA_RETENTION_TIME_IN_DAYS", "MAX_DATA_EXTENSION_TIME_IN_DAYS", "DEFAULT_DDL_COLLATION",
        "LOG_LEVEL", "TRACE_LEVEL", "EXTERNAL_VOLUME", "CATALOG", "REPLACE_INVALID_CHARACTERS", "STORAGE_SERIALIZATION_POLICY",
    ]
    static let tableProperties: Set<String> = [
        "COMMENT", "DATA_RETENTION_TIME_IN_DAYS", "MAX_DATA_EXTENSION_TIME_IN_DAYS", "CHANGE_TRACKING",
        "DEFAULT_DDL_COLLATION", "ENABLE_SCHEMA_EVOLUTION",
    ]
    static let warehouseProperties: Set<String> = [
        "WAREHOUSE_SIZE", "WAREHOUSE_TYPE", "MAX_CLUSTER_COUNT", "MIN_CLUSTER_COUNT", "SCALING_POLICY", "AUTO_SUSPEND",
        "AUTO_RESUME", "INITIALLY_SUSPENDED", "RESOURCE_MONITOR", "COMMENT", "ENABLE_QUERY_ACCELERATION",
        "QUERY_ACCELERATION_MAX_SCALE_FACTOR", "MAX_CONCURRENCY_LEVEL", "STATEMENT_QUEUED_TIMEOUT_IN_SECONDS",
        "STATEMENT_TIMEOUT_IN_SECONDS", "RESOURCE_CONSTRAINT",
    ]

    static let userProperties: Set<String> = [
        "PASSWORD", "LOGIN_NAME", "DISPLAY_NAME", "FIRST_NAME", "MIDDLE_NAME", "LAST_NAME", "EMAIL", "MUST_CHANGE_PASSWORD",
        "DISABLED", "DAYS_TO_EXPIRY", "MINS_TO_UNLOCK", "DEFAULT_WAREHOUSE", "DEFAULT_NAMESPACE", "DEFAULT_ROLE",
        "DEFAULT_SECONDARY_ROLES", "MINS_TO_BYPASS_MFA", "RSA_PUBLIC_KEY", "RSA_PUBLIC_KEY_2", "TYPE", "COMMENT",
    ]

    /// CREATE [OR REPLACE | OR ALTER] [TRANSIENT | [LOCAL | GLOBAL | SCOPED] TEMPORARY | TEMP | VOLATILE] [SECURE]
    ///   <kind> [IF NOT EXISTS] name …
    /// SCOPED TEMPORARY is what Snowpark writes for its own objects; it is read as TEMPORARY.
    mutating func parseCreate() throws(SyntaxError) -> Statement {
        let statementStart = current.start
        try expect("CREATE")
        var modifiers = CreateModifiers()
        if match("OR", "REPLACE") { modifiers.orReplace = true } else if match("OR", "ALTER") { modifiers.orAlter = true }
        if match("TRANSIENT") { modifiers.transient = true }
        else if match("LOCAL", "TEMPORARY") || match("GLOBAL", "TEMPORARY") || match("SCOPED", "TEMPORARY") || match("TEMPORARY")
                    || match("TEMP") || match("VOLATILE") {
            modifiers.temporary = true
        }
        let secure = match("SECURE")
        let kindWord = current.kind == .word ? current.text.uppercased() : ""
        switch kindWord {
        case "DATABASE":
            advance()
            modifiers.ifNotExists = match("IF", "NOT", "EXISTS")
            let name = try parseObjectName()
            return .createDatabase(CreateDatabase(modifiers: modifiers, name: name,
                                                  properties: try parseProperties(Parser.databaseProperties)))
        case "SCHEMA":
            advance()
            modifiers.ifNotExists = match("IF", "NOT", "EXISTS")
            let name = try parseObjectName()
            let managed = match("WITH", "MANAGED", "ACCESS")
            return .createSchema(CreateSchema(modifiers: modifiers, name: name, managedAccess: managed,
                                              properties: try parseProperties(Parser.databaseProperties)))
        case "TABLE":
            advance()
            modifiers.ifNotExists = match("IF", "NOT", "EXISTS")
            return .createTable(try parseCreateTableBody(modifiers))
        case "HYBRID" where peek().isWord("TABLE"):
            advance(); advance()
            modifiers.ifNotExists = match("IF", "NOT", "EXISTS")
            return .createTable(try parseCreateTableBody(modifiers, hybrid: true))
        case "INDEX":
            return .hybridTable(.createIndex(try parseCreateIndex(modifiers)))
        case "VIEW", "RECURSIVE":
            if match("RECURSIVE") { guard check("VIEW") else { throw unexpected() } }
            advance()
            modifiers.ifNotExists = match("IF", "NOT", "EXISTS")
            var view = try parseCreateViewBody(modifiers, secure: secure)
            view.statementText = SourceText(text(from: statementStart, to: previousEnd))
            return .createView(view)
        case "WAREHOUSE":
            advance()
            modifiers.ifNotExists = match("IF", "NOT", "EXISTS")
            let name = try parseObjectName()
            _ = match("WITH")
            return .createWarehouse(CreateWarehouse(modifiers: modifiers, name: name,
                                                    properties: try parseProperties(Parser.warehouseProperties)))
        case "EVENT":
            return .createEventTable(try parseCreateEventTable(modifiers))
        case "PROCEDURE":
            advance()
            modifiers.ifNotExists = match("IF", "NOT", "EXISTS")
            return .createProcedure(try parseCreateProcedureBody(modifiers, secure: secure))
        case "FUNCTION":
            advance()
            return .function(.create(try parseCreateFunctionBody(modifiers, secure: secure)))
        case "ROLE":
            advance()
            modifiers.ifNotExists = match("IF", "NOT", "EXISTS")
            let name = try parseObjectName()
            return .createRole(CreateRole(modifiers: modifiers, name: name, properties: try parseProperties(["COMMENT"])))
        case "USER":
            advance()
            modifiers.ifNotExists = match("IF", "NOT", "EXISTS")
            let name = try parseObjectName()
            return .createUser(CreateUser(modifiers: modifiers, name: name, properties: try parseProperties(Parser.userProperties)))
        case "SEQUENCE":
            advance()
            modifiers.ifNotExists = match("IF", "NOT", "EXISTS")
            return .createSequence(try parseCreateSequenceBody(modifiers))
        case "TASK": return try parseCreateTask(modifiers)
        case "STREAM": return try parseCreateStream(modifiers)
        case "FILE" where peek().isWord("FORMAT"):
            return try parseCreateFileFormat(modifiers)
        case "STAGE":
            advance()
            return .createStage(try parseCreateStageBody(modifiers))
        case "APPLICATION" where atApplicationPackage:
            return try parseCreateApplicationPackage(modifiers)
        case "APPLICATION":
            return try parseCreateApplication(modifiers)
        case "STREAMLIT":
            return try parseCreateStreamlit(modifiers)
        case "VERSIONED" where peek().isWord("SCHEMA"):
            advance(); advance()
            modifiers.ifNotExists = match("IF", "NOT", "EXISTS")
            let name = try parseObjectName()
            let managed = match("WITH", "MANAGED", "ACCESS")
            return .createSchema(CreateSchema(modifiers: modifiers, name: name, managedAccess: managed,
                                              properties: try parseProperties(Parser.databaseProperties), versioned: true))
        case "NETWORK" where atCreateExternalAccess, "EXTERNAL" where atCreateExternalAccess:
            return try parseCreateExternalAccess(modifiers)
        case "SECRET":
            return try parseCreateExternalAccess(modifiers)
        default:
            throw unexpected()
        }
    }

    /// `(col type [constraints], …, [PRIMARY KEY (…)]) [properties]`, `[properties] AS query`, or `LIKE t` / `CLONE t`
    /// and properties (not for a hybrid table); a
    /// hybrid table's list may also hold `INDEX name (cols) [INCLUDE (cols)]`.
    mutating func parseCreateTableBody(_ modifiers: CreateModifiers, hybrid: Bool = false) throws(SyntaxError) -> CreateTable {
        let name = try parseObjectName()
        var table = CreateTable(modifiers: modifiers, name: name, columns: [], hybrid: hybrid)
        if !hybrid, match("LIKE") {
            table.source = .like(try parseObjectName())
        } else if !hybrid, match("CLONE") {
            table.source = .clone(try parseObjectName())
        } else if matchSymbol("(") {
            repeat {
                if hybrid && atTableIndex { table.indexes.append(try parseTableIndex()) }
                else if let constraint = try parseTableConstraint() { table.constraints.append(constraint) }
                else { table.columns.append(try parseColumnDefinition()) }
            } while matchSymbol(",")
            try expectSymbol(")")
        }
        table.properties = try parseProperties(Parser.tableProperties)
        _ = match("COPY", "GRANTS")
        if table.source == nil, match("AS") { table.asQuery = try parseQuery() }
        if table.columns.isEmpty && table.asQuery == nil && table.source == nil { throw unexpected() }
        return table
    }

    /// `[CONSTRAINT name] { PRIMARY KEY (…) | UNIQUE (…) | FOREIGN KEY (…) REFERENCES t [(…)] [ON …] }`;
    /// nil when the next element is a column.
    mutating func parseTableConstraint() throws(SyntaxError) -> TableConstraint? {
        let mark = index
        if match("CONSTRAINT") { _ = try parseIdentifier() }
        if match("PRIMARY", "KEY") { return TableConstraint(kind: .primaryKey, columns: try parseIdentifierList()) }
        if check("UNIQUE") && peek().isSymbol("(") {
            advance()
            return TableConstraint(kind: .unique, columns: try parseIdentifierList())
        }
        if match("FOREIGN", "KEY") {
            let columns = try parseIdentifierList()
            try expect("REFERENCES")
            let (table, referenced, actions) = try parseReferences()
            return TableConstraint(kind: .foreignKey, columns: columns, references: table, referencedColumns: referenced,
                                   actions: actions)
        }
        if index != mark { throw unexpected() }
        return nil
    }

    /// After REFERENCES: `t [(cols)] [MATCH {FULL | SIMPLE | PARTIAL}] [ON {UPDATE | DELETE} action]…`.
    /// The MATCH and ON clauses are kept as written (`MATCH FULL`, `ON DELETE CASCADE`): an ordinary
    /// table does not enforce foreign keys, and a hybrid table takes only RESTRICT and NO ACTION.
    mutating func parseReferences() throws(SyntaxError) -> (ObjectName, [Identifier], [String]) {
        let table = try parseObjectName()
        let columns = checkSymbol("(") ? try parseIdentifierList() : []
        var actions: [String] = []
        if match("MATCH") {
            guard let kind = ["FULL", "SIMPLE", "PARTIAL"].first(where: { match($0) }) else { throw unexpected() }
            actions.append("MATCH " + kind)
        }
        while match("ON") {
            guard let event = ["UPDATE", "DELETE"].first(where: { match($0) }) else { throw unexpected() }
            let action: String
            if match("SET") {
                guard let value = ["NULL", "DEFAULT"].first(where: { match($0) }) else { throw unexpected() }
                action = "SET " + value
            } else if match("CASCADE") { action = "CASCADE" }
            else if match("RESTRICT") { action = "RESTRICT" }
            else if match("NO", "ACTION") { action = "NO ACTION" }
            else { throw unexpected() }
            actions.append("ON \(event) \(action)")
        }
        return (table, columns, actions)
    }

    /// col type [COLLATE '…'] { NOT NULL | NULL | DEFAULT e | AUTOINCREMENT … | IDENTITY … | PRIMARY KEY
    /// | UNIQUE | [FOREIGN KEY] REFERENCES t [(c)] | COMMENT '…' }. A column has a DEFAULT or an
    /// identity, not both.
    mutating func parseColumnDefinition() throws(SyntaxError) -> ColumnDefinition {
        let name = try parseIdentifier()
        var column = ColumnDefinition(name: name, type: try parseDataType())
        while true {
            if match("NOT", "NULL") { column.notNull = true }
            else if match("NULL") { column.notNull = false }
            else if column.identity == nil && match("DEFAULT") { column.defaultValue = try parseExpression() }
            else if column.defaultValue == nil && column.identity == nil && (match("AUTOINCREMENT") || match("IDENTITY")) {
                column.identity = try parseColumnIdentity()
            }
            else if match("PRIMARY", "KEY") { column.primaryKey = true }
            else if match("UNIQUE") { column.unique = true }
            else if match("FOREIGN", "KEY") || check("REFERENCES") {
                // Kept, and enforced only on a hybrid table.
                try expect("REFERENCES")
                let mark = index
                let (table, columns, actions) = try parseReferences()
                if columns.count > 1 {
                    // A column references one column: the error is at the comma after it.
                    index = mark
                    _ = try parseObjectName()
                    try expectSymbol("(")
                    _ = try parseIdentifier()
                    throw unexpected()
                }
                column.references = ColumnReference(table: table, column: columns.first, actions: actions)
            }
            else if match("COMMENT") {
                _ = matchSymbol("=")
                column.comment = try parseStringLiteral()
            } else if match("COLLATE") { _ = try parseStringLiteral() }
            else if match("CONSTRAINT") { _ = try parseIdentifier() }
            else { return column }
        }
    }

    /// After AUTOINCREMENT or IDENTITY: `[(start, step) | START [WITH] [=] n INCREMENT [BY] [=] n] [ORDER | NOORDER]`.
    mutating func parseColumnIdentity() throws(SyntaxError) -> ColumnIdentity {
        var identity = ColumnIdentity()
        if matchSymbol("(") {
            identity.start = try parseSignedInteger()
            try expectSymbol(",")
            identity.increment = try parseSignedInteger()
            try expectSymbol(")")
        } else {
            if match("START") {
                _ = match("WITH")
                _ = matchSymbol("=")
                identity.start = try parseSignedInteger()
            }
            if match("INCREMENT") {
                _ = match("BY")
                _ = matchSymbol("=")
                identity.increment = try parseSignedInteger()
            }
        }
        if match("ORDER") { identity.ordered = true } else if match("NOORDER") { identity.ordered = false }
        return identity
    }

    /// `name [(cols)] [COPY GRANTS] [COMMENT = '…'] AS query`
    mutating func parseCreateViewBody(_ modifiers: CreateModifiers, secure: Bool) throws(SyntaxError) -> CreateView {
        let name = try parseObjectName()
        let columns = checkSymbol("(") ? try parseIdentifierList() : []
        _ = match("COPY", "GRANTS")
        let comment = try parseProperties(["COMMENT", "CHANGE_TRACKING"]).first { $0.name == "COMMENT" }?.value.text
        try expect("AS")
        let start = current.start
        let query = try parseQuery()
        return CreateView(modifiers: modifiers, secure: secure, name: name, columns: columns, query: query,
                          queryText: SourceText(text(from: start, to: previousEnd)), comment: comment)
    }

    /// `name [WITH] [START [WITH] [=] n] [INCREMENT [BY] [=] n] [ORDER | NOORDER] [COMMENT = '…']`,
    /// the properties in any order (https://docs.snowflake.com/en/sql-reference/sql/create-sequence).
    mutating func parseCreateSequenceBody(_ modifiers: CreateModifiers) throws(SyntaxError) -> CreateSequence {
        var sequence = CreateSequence(modifiers: modifiers, name: try parseObjectName())
        _ = match("WITH")
        while true {
            if sequence.start == nil && match("START") {
                _ = match("WITH")
                _ = matchSymbol("=")
                sequence.start = try parseSignedInteger()
            } else if sequence.increment == nil && match("INCREMENT") {
                _ = match("BY")
                _ = matchSymbol("=")
                sequence.increment = try parseSignedInteger()
            } else if sequence.ordered == nil && match("ORDER") {
                sequence.ordered = true
            } else if sequence.ordered == nil && match("NOORDER") {
                sequence.ordered = false
            } else if sequence.comment == nil && match("COMMENT") {
                _ = matchSymbol("=")
                sequence.comment = try parseStringLiteral()
            } else {
                return sequence
            }
        }
    }

    /// `[-|+] digits` as a 64-bit integer.
    mutating func parseSignedInteger() throws(SyntaxError) -> Int64 {
        var sign: Int64 = 1
        if checkSymbol("-") || checkSymbol("+") {
            if current.text == "-" { sign = -1 }
            advance()
        }
        guard current.kind == .number, let value = Int64(current.text) else { throw unexpected() }
        advance()
        return sign * value
    }

    /// DROP <kind> [IF EXISTS] name [CASCADE | RESTRICT]
    mutating func parseDrop() throws(SyntaxError) -> Statement {
        try expect("DROP")
        if check("PROCEDURE") { return .dropProcedure(try parseDropProcedure()) }
        // DROP HYBRID TABLE is DROP TABLE (https://docs.snowflake.com/en/sql-reference/sql/drop-table).
        if check("HYBRID") && peek().isWord("TABLE") { advance() }
        guard current.kind == .word, let kind = ObjectKind(rawValue: current.text.uppercased()), kind != .object else { throw unexpected() }
        advance()
        var drop = DropStatement(kind: kind, name: .parts([]))
        drop.ifExists = match("IF", "EXISTS")
        drop.name = try parseObjectName()
        if match("CASCADE") { drop.cascade = true } else if match("RESTRICT") { drop.cascade = false }
        return .drop(drop)
    }

    // MARK: - Properties

    /// `NAME = value …` for the names in `allowed`, in any order and any case. Stops at the first
    /// word that is not an allowed property; the caller decides whether what follows is valid.
    mutating func parseProperties(_ allowed: Set<String>) throws(SyntaxError) -> [Property] {
        var properties: [Property] = []
        while current.kind == .word, allowed.contains(current.text.uppercased()) {
            let name = advance().text.uppercased()
            _ = matchSymbol("=")
            properties.append(Property(name: name, value: try parsePropertyValue()))
        }
        return properties
    }

    mutating func parsePropertyValue() throws(SyntaxError) -> PropertyValue {
        switch current.kind {
        case .string, .dollarString: return .string(advance().value)
        case .number: return .number(advance().text)
        case .word where current.text.uppercased() == "REFERENCE" && peek().isSymbol("(") && peek(2).kind == .string:
            advance()
            advance()
            let name = try parseStringLiteral()
            try expectSymbol(")")
            return .reference(name)
        case .word, .quotedIdentifier:
            var text = advance().value
            while checkSymbol(".") && (peek().kind == .word || peek().kind == .quotedIdentifier) {
                advance()
                text += "." + advance().value
            }
            return .word(text)
        case .symbol where current.text == "-" && peek().kind == .number:
            advance()
            return .number("-" + advance().text)
        case .symbol where current.text == "(":
            advance()
            var items: [PropertyValue] = []
            var nested: [Property] = []
            while !checkSymbol(")") {
                if current.kind == .word && peek().isSymbol("=") {
                    let name = advance().text.uppercased()
                    advance()
                    nested.append(Property(name: name, value: try child { p throws(SyntaxError) in try p.parsePropertyValue() }))
                } else {
                    // Lists nest (`(((…)))`): each level counts toward the parser's depth limit.
                    items.append(try child { p throws(SyntaxError) in try p.parsePropertyValue() })
                }
                // Nested properties may go without commas: `FILE_FORMAT = (TYPE = CSV SKIP_HEADER = 1)`.
                if !matchSymbol(",") && !(current.kind == .word && peek().isSymbol("=")) { break }
            }
            try expectSymbol(")")
            return nested.isEmpty ? .list(items) : .properties(nested)
        default:
            throw unexpected()
        }
    }
}

// MARK: - Hybrid tables: INDEX elements, CREATE / DROP INDEX, SHOW INDEXES, SHOW HYBRID TABLES
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
