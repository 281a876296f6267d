// SQLPrinter+ExternalAccess: network rules, secrets and external access integrations back to
// text (parsed in Parser+ExternalAccess.swift). Secret values print as written: the printer
// serves round trips, not display.

extension StatementPrinter {
    static func externalAccess(_ statement: ExternalAccessStatement) -> String {
        switch statement {
        case .createNetworkRule(let r):
            var out = create(r.modifiers, "NETWORK RULE", r.name)
            if let type = r.type { out += " TYPE = " + type }
            if let values = r.valueList { out += " VALUE_LIST = " + strings(values) }
            if let mode = r.mode { out += " MODE = " + mode }
            if let comment = r.comment { out += " COMMENT = " + SQLPrinter.quoteString(comment) }
            return out
        case .createSecret(let s): return create(s.modifiers, "SECRET", s.name) + secret(s.properties)
        case .createIntegration(let e):
            var out = create(e.modifiers, "EXTERNAL ACCESS INTEGRATION", e.name)
            if let rules = e.allowedNetworkRules { out += " ALLOWED_NETWORK_RULES = " + references(.names(rules)) }
            if let list = e.allowedAPIAuthenticationIntegrations { out += " ALLOWED_API_AUTHENTICATION_INTEGRATIONS = " + references(list) }
            if let list = e.allowedAuthenticationSecrets { out += " ALLOWED_AUTHENTICATION_SECRETS = " + references(list) }
            if let enabled = e.enabled { out += " ENABLED = " + (enabled ? "TRUE" : "FALSE") }
            if let comment = e.comment { out += " COMMENT = " + SQLPrinter.quoteString(comment) }
            return out
        case .alterSecret(let name, let ifExists, let set):
            return "ALTER SECRET " + (ifExists ? "IF EXISTS " : "") + name.description + " SET" + secret(set)
        case .alterNetworkRule(let name, let ifExists, let values, let comment):
            var out = "ALTER NETWORK RULE " + (ifExists ? "IF EXISTS " : "") + name.description + " SET"
            if let values { out += " VALUE_LIST = " + strings(values) }
            if let comment { out += " COMMENT = " + SQLPrinter.quoteString(comment) }
            return out
        case .alterIntegration(let name, let ifExists, let enabled, let comment):
            var out = "ALTER EXTERNAL ACCESS INTEGRATION " + (ifExists ? "IF EXISTS " : "") + name.description + " SET"
            if let enabled { out += " ENABLED = " + (enabled ? "TRUE" : "FALSE") }
            if let comment { out += " COMMENT = " + SQLPrinter.quoteString(comment) }
            return out
        case .drop(let kind, let name, let ifExists):
            return "DROP " + kind.rawValue + (ifExists ? " IF EXISTS " : " ") + name.description
        case .show(let kind, let filter): return "SHOW " + kind.plural + showFilter(filter)
        case .describe(let kind, let name): return "DESCRIBE " + kind.rawValue + " " + name.description
        }
    }

    private static func strings(_ items: [String]) -> String {
        "(" + items.map(SQLPrinter.quoteString).joined(separator: ", ") + ")"
    }

    private static func references(_ list: ObjectReferenceList) -> String {
        switch list {
        case .all: return "ALL"
        case .nothing: return "NONE"
        case .names(let items):
            return "(" + items.map { item -> String in
                switch item {
                case .name(let name): return name.description
                case .string(let text): return SQLPrinter.quoteString(text)
                }
            }.joined(separator: ", ") + ")"
        }
    }

    /// The secret's properties, values included: the printer serves round trips, not display.
    private static func secret(_ p: SecretProperties) -> String {
        var out = ""
        if let type = p.type { out += " TYPE = " + type }
        if let v = p.secretString { out += " SECRET_STRING = " + SQLPrinter.quoteString(v) }
        if let v = p.username { out += " USERNAME = " + SQLPrinter.quoteString(v) }
        if let v = p.password { out += " PASSWORD = " + SQLPrinter.quoteString(v) }
        if let v = p.apiAuthentication { out += " API_AUTHENTICATION = " + v.description }
        if let v = p.oauthScopes { out += " OAUTH_SCOPES = " + strings(v) }
        if let v = p.oauthRefreshToken { out += " OAUTH_REFRESH_TOKEN = " + SQLPrinter.quoteString(v) }
        if let v = p.oauthRefreshTokenExpiryTime { out += " OAUTH_REFRESH_TOKEN_EXPIRY_TIME = " + SQLPrinter.quoteString(v) }
        if let v = p.comment { out += " COMMENT = " + SQLPrinter.quoteString(v) }
        return out
    }
}
