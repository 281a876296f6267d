// Parser+ExternalAccess: network rules, secrets and external access integrations (spec §6.1–6.3) —
// CREATE, ALTER (secrets, integrations), DROP, SHOW and DESCRIBE; they print in
// SQLPrinter+ExternalAccess.swift. The dispatchers in Parser+Statements.swift and Parser+DDL.swift
// look ahead for the kind words (`NETWORK RULE`, `SECRET`, `[EXTERNAL ACCESS] INTEGRATION`).
// Properties come in any order and any case, each at most once (a repeated or unknown property is
// a syntax error at its name).
//
// Secret values never appear in a syntax error: Token.errorText shows a string token's content,
// so inside CREATE / ALTER SECRET an error at a string reports it as `'***'` instead
// [?: Snowflake echoes the token; we chose never to].
// https://docs.snowflake.com/en/sql-reference/sql/create-network-rule, …/create-secret, …/alter-secret,
// …/create-external-access-integration, …/alter-external-access-integration

extension Parser {
    /// The external-access kind named `offset` tokens ahead and how many words name it:
    /// `NETWORK RULE[S]` (2), `SECRET[S]` (1), `INTEGRATION[S]` (1), `EXTERNAL ACCESS INTEGRATION[S]` (3).
    func externalAccessKind(at offset: Int, plural: Bool) -> (kind: ExternalAccessKind, words: Int)? {
        let s = plural ? "S" : ""
        let word = peek(offset)
        if word.isWord("NETWORK") && peek(offset + 1).isWord("RULE" + s) { return (.networkRule, 2) }
        if word.isWord("SECRET" + s) { return (.secret, 1) }
        if word.isWord("INTEGRATION" + s) { return (.integration, 1) }
        if word.isWord("EXTERNAL") && peek(offset + 1).isWord("ACCESS") && peek(offset + 2).isWord("INTEGRATION" + s) {
            return (.integration, 3)
        }
        return nil
    }

    /// At `CREATE [modifiers]` followed by NETWORK RULE, SECRET or EXTERNAL ACCESS INTEGRATION.
    var atCreateExternalAccess: Bool {
        guard let (kind, words) = externalAccessKind(at: 0, plural: false) else { return false }
        return kind != .integration || words == 3  // a bare `CREATE INTEGRATION` names no type
    }

    /// CREATE … NETWORK RULE | SECRET | EXTERNAL ACCESS INTEGRATION [IF NOT EXISTS] name <properties> — from the kind.
    mutating func parseCreateExternalAccess(_ modifiers: CreateModifiers) throws(SyntaxError) -> Statement {
        guard let (kind, words) = externalAccessKind(at: 0, plural: false) else { throw unexpected() }
        for _ in 0..<words { advance() }
        var modifiers = modifiers
        modifiers.ifNotExists = match("IF", "NOT", "EXISTS")
        let name = try parseObjectName()
        switch kind {
        case .networkRule: return .externalAccess(.createNetworkRule(try parseNetworkRuleProperties(modifiers, name)))
        case .secret:
            return .externalAccess(.createSecret(CreateSecret(modifiers: modifiers, name: name,
                                                              properties: try parseSecretProperties())))
        case .integration: return .externalAccess(.createIntegration(try parseIntegrationProperties(modifiers, name)))
        }
    }

    /// `TYPE = word VALUE_LIST = ('…', …) MODE = word COMMENT = '…'`, any order.
    private mutating func parseNetworkRuleProperties(_ modifiers: CreateModifiers,
                                                      _ name: ObjectName) throws(SyntaxError) -> CreateNetworkRule {
        var rule = CreateNetworkRule(modifiers: modifiers, name: name)
        while let property = try nextProperty(["TYPE", "VALUE_LIST", "MODE", "COMMENT"]) {
            switch property {
            case "TYPE" where rule.type == nil: rule.type = try parseWordValue()
            case "MODE" where rule.mode == nil: rule.mode = try parseWordValue()
            case "VALUE_LIST" where rule.valueList == nil: rule.valueList = try parseStringList()
            case "COMMENT" where rule.comment == nil: rule.comment = try parseStringLiteral()
            default: throw SyntaxError(at: tokens[index - 2])
            }
        }
        return rule
    }

    /// The properties of CREATE SECRET (and ALTER SECRET … SET), any order. An error at a string
    /// token is reported without its text.
    mutating func parseSecretProperties() throws(SyntaxError) -> SecretProperties {
        do throws(SyntaxError) {
            var p = SecretProperties()
            let names: Set<String> = ["TYPE", "SECRET_STRING", "USERNAME", "PASSWORD", "API_AUTHENTICATION", "OAUTH_SCOPES",
                                      "OAUTH_REFRESH_TOKEN", "OAUTH_REFRESH_TOKEN_EXPIRY_TIME", "COMMENT"]
            while let property = try nextProperty(names) {
                switch property {
                case "TYPE" where p.type == nil: p.type = try parseWordValue()
                case "SECRET_STRING" where p.secretString == nil: p.secretString = try parseStringLiteral()
                case "USERNAME" where p.username == nil: p.username = try parseStringLiteral()
                case "PASSWORD" where p.password == nil: p.password = try parseStringLiteral()
                case "API_AUTHENTICATION" where p.apiAuthentication == nil: p.apiAuthentication = try parseObjectName()
                case "OAUTH_SCOPES" where p.oauthScopes == nil: p.oauthScopes = try parseStringList()
                case "OAUTH_REFRESH_TOKEN" where p.oauthRefreshToken == nil: p.oauthRefreshToken = try parseStringLiteral()
                case "OAUTH_REFRESH_TOKEN_EXPIRY_TIME" where p.oauthRefreshTokenExpiryTime == nil:
                    p.oauthRefreshTokenExpiryTime = try parseStringLiteral()
                case "COMMENT" where p.comment == nil: p.comment = try parseStringLiteral()
                default: throw SyntaxError(at: tokens[index - 2])
                }
            }
            // What follows must end the statement; a stray string would be echoed by parseOne.
            if current.kind == .string || current.kind == .dollarString { throw unexpected() }
            return p
        } catch {
            guard error.line == current.line && error.position == current.position,
                  current.kind == .string || current.kind == .dollarString else { throw error }
            throw SyntaxError(line: error.line, position: error.position, token: "***")
        }
    }

    /// `ALLOWED_NETWORK_RULES = (…) ALLOWED_API_AUTHENTICATION_INTEGRATIONS = … ALLOWED_AUTHENTICATION_SECRETS = …
    /// ENABLED = TRUE | FALSE COMMENT = '…'`, any order.
    private mutating func parseIntegrationProperties(_ modifiers: CreateModifiers,
                                                      _ name: ObjectName) throws(SyntaxError) -> CreateExternalAccessIntegration {
        var eai = CreateExternalAccessIntegration(modifiers: modifiers, name: name)
        let names: Set<String> = ["ALLOWED_NETWORK_RULES", "ALLOWED_API_AUTHENTICATION_INTEGRATIONS",
                                  "ALLOWED_AUTHENTICATION_SECRETS", "ENABLED", "COMMENT"]
        while let property = try nextProperty(names) {
            switch property {
            case "ALLOWED_NETWORK_RULES" where eai.allowedNetworkRules == nil:
                guard case .names(let rules) = try parseReferenceList(allowAll: false, allowNone: false) else { throw unexpected() }
                eai.allowedNetworkRules = rules
            case "ALLOWED_API_AUTHENTICATION_INTEGRATIONS" where eai.allowedAPIAuthenticationIntegrations == nil:
                eai.allowedAPIAuthenticationIntegrations = try parseReferenceList(allowAll: false, allowNone: true)
            case "ALLOWED_AUTHENTICATION_SECRETS" where eai.allowedAuthenticationSecrets == nil:
                eai.allowedAuthenticationSecrets = try parseReferenceList(allowAll: true, allowNone: true)
            case "ENABLED" where eai.enabled == nil: eai.enabled = try parseBooleanValue()
            case "COMMENT" where eai.comment == nil: eai.comment = try parseStringLiteral()
            default: throw SyntaxError(at: tokens[index - 2])
            }
        }
        return eai
    }

    /// ALTER NETWORK RULE [IF EXISTS] name SET VALUE_LIST = ('…', …) | COMMENT = '…'
    /// ALTER SECRET [IF EXISTS] name SET <secret properties>
    /// ALTER [EXTERNAL ACCESS] INTEGRATION [IF EXISTS] name SET ENABLED = … | COMMENT = '…'
    mutating func parseAlterExternalAccess() throws(SyntaxError) -> Statement {
        try expect("ALTER")
        guard let (kind, words) = externalAccessKind(at: 0, plural: false) else { throw unexpected() }
        for _ in 0..<words { advance() }
        let ifExists = match("IF", "EXISTS")
        let name = try parseObjectName()
        try expect("SET")
        if kind == .networkRule {
            var (values, comment): ([String]?, String?) = (nil, nil)
            while let property = try nextProperty(["VALUE_LIST", "COMMENT"]) {
                switch property {
                case "VALUE_LIST" where values == nil: values = try parseStringList()
                case "COMMENT" where comment == nil: comment = try parseStringLiteral()
                default: throw SyntaxError(at: tokens[index - 2])
                }
            }
            guard values != nil || comment != nil else { throw unexpected() }
            return .externalAccess(.alterNetworkRule(name: name, ifExists: ifExists, valueList: values, comment: comment))
        }
        if kind == .secret { return .externalAccess(.alterSecret(name: name, ifExists: ifExists, set: try parseSecretProperties())) }
        var (enabled, comment): (Bool?, String?) = (nil, nil)
        while let property = try nextProperty(["ENABLED", "COMMENT"]) {
            switch property {
            case "ENABLED" where enabled == nil: enabled = try parseBooleanValue()
            case "COMMENT" where comment == nil: comment = try parseStringLiteral()
            default: throw SyntaxError(at: tokens[index - 2])
            }
        }
        guard enabled != nil || comment != nil else { throw unexpected() }
        return .externalAccess(.alterIntegration(name: name, ifExists: ifExists, enabled: enabled, comment: comment))
    }

    /// DROP NETWORK RULE | SECRET | [EXTERNAL ACCESS] INTEGRATION [IF EXISTS] name
    mutating func parseDropExternalAccess() throws(SyntaxError) -> Statement {
        try expect("DROP")
        guard let (kind, words) = externalAccessKind(at: 0, plural: false) else { throw unexpected() }
        for _ in 0..<words { advance() }
        let ifExists = match("IF", "EXISTS")
        return .externalAccess(.drop(kind, try parseObjectName(), ifExists: ifExists))
    }

    /// SHOW NETWORK RULES | SECRETS | [EXTERNAL ACCESS] INTEGRATIONS [LIKE '…']
    ///   [IN ACCOUNT | DATABASE [d] | SCHEMA [s] | name] [STARTS WITH '…'] [LIMIT n]
    mutating func parseShowExternalAccess() throws(SyntaxError) -> Statement {
        try expect("SHOW")
        guard let (kind, words) = externalAccessKind(at: 0, plural: true) else { throw unexpected() }
        for _ in 0..<words { advance() }
        return .externalAccess(.show(kind, try parseShowFilter(inScope: kind != .integration)))
    }

    /// DESC[RIBE] NETWORK RULE | SECRET | [EXTERNAL ACCESS] INTEGRATION name
    mutating func parseDescribeExternalAccess() throws(SyntaxError) -> Statement {
        advance()
        guard let (kind, words) = externalAccessKind(at: 0, plural: false) else { throw unexpected() }
        for _ in 0..<words { advance() }
        return .externalAccess(.describe(kind, try parseObjectName()))
    }

    // MARK: - Pieces

    /// The next property name among `names` with its `=` consumed, or nil when none follows.
    private mutating func nextProperty(_ names: Set<String>) throws(SyntaxError) -> String? {
        guard current.kind == .word, names.contains(current.text.uppercased()) else { return nil }
        let name = advance().text.uppercased()
        try expectSymbol("=")
        return name
    }

    /// A bare word value (`HOST_PORT`, `EGRESS`), upper-cased.
    private mutating func parseWordValue() throws(SyntaxError) -> String {
        guard current.kind == .word else { throw unexpected() }
        return advance().text.uppercased()
    }

    private mutating func parseBooleanValue() throws(SyntaxError) -> Bool {
        if match("TRUE") { return true }
        if match("FALSE") { return false }
        throw unexpected()
    }

    /// `('a', 'b')`, possibly empty.
    private mutating func parseStringList() throws(SyntaxError) -> [String] {
        try expectSymbol("(")
        var items: [String] = []
        if !checkSymbol(")") {
            repeat { items.append(try parseStringLiteral()) } while matchSymbol(",")
        }
        try expectSymbol(")")
        return items
    }

    /// `(name | 'name', …)`, or the words `all` / `none` where allowed.
    private mutating func parseReferenceList(allowAll: Bool, allowNone: Bool) throws(SyntaxError) -> ObjectReferenceList {
        if allowAll && match("ALL") { return .all }
        if allowNone && match("NONE") { return .nothing }
        try expectSymbol("(")
        var items: [ObjectReference] = []
        if !checkSymbol(")") {
            repeat {
                if current.kind == .string || current.kind == .dollarString {
                    items.append(.string(advance().value))
                } else {
                    items.append(.name(try parseObjectName()))
                }
            } while matchSymbol(",")
        }
        try expectSymbol(")")
        return .names(items)
    }
}
