// ExternalAccess: the statements on Snowflake's external-network-access objects (spec §6.1–6.3) —
// network rules and secrets (schema objects) and external access integrations (account objects) —
// one `Statement.externalAccess` case holding what was written. Parsed by
// Parser+ExternalAccess.swift, run by Engine/ExternalAccess/Executor+ExternalAccess.swift (and
// the NetworkRules, Secrets and ExternalAccessIntegrations files beside it). Property values are
// kept as written, so the engine (not the parser) decides what a bad TYPE or MODE means.
// https://docs.snowflake.com/en/sql-reference/sql/create-network-rule, …/create-secret,
// …/create-external-access-integration

public enum ExternalAccessStatement: Equatable, Sendable {
    case createNetworkRule(CreateNetworkRule)
    case createSecret(CreateSecret)
    case createIntegration(CreateExternalAccessIntegration)
    /// ALTER SECRET [IF EXISTS] name SET SECRET_STRING = '…' | PASSWORD = '…' | USERNAME = '…' | COMMENT = '…' …
    case alterSecret(name: ObjectName, ifExists: Bool, set: SecretProperties)
    /// ALTER NETWORK RULE [IF EXISTS] name SET VALUE_LIST = (…) [COMMENT = '…']
    case alterNetworkRule(name: ObjectName, ifExists: Bool, valueList: [String]?, comment: String?)
    /// ALTER [EXTERNAL ACCESS] INTEGRATION [IF EXISTS] name SET ENABLED = … | COMMENT = '…'
    case alterIntegration(name: ObjectName, ifExists: Bool, enabled: Bool?, comment: String?)
    /// DROP NETWORK RULE | SECRET | [EXTERNAL ACCESS] INTEGRATION [IF EXISTS] name
    case drop(ExternalAccessKind, ObjectName, ifExists: Bool)
    /// SHOW NETWORK RULES | SECRETS | [EXTERNAL ACCESS] INTEGRATIONS [LIKE '…'] [IN …] [STARTS WITH '…'] [LIMIT n]
    /// (integrations are account objects: their filter has no IN)
    case show(ExternalAccessKind, ShowFilter)
    /// DESC[RIBE] NETWORK RULE | SECRET | [EXTERNAL ACCESS] INTEGRATION name
    case describe(ExternalAccessKind, ObjectName)
}

/// The three object kinds, as the grammar writes them.
public enum ExternalAccessKind: String, Equatable, Sendable {
    case networkRule = "NETWORK RULE"
    case secret = "SECRET"
    case integration = "INTEGRATION"

    /// SHOW's plural: `NETWORK RULES`, `SECRETS`, `INTEGRATIONS`.
    public var plural: String { rawValue + "S" }
}

/// CREATE [OR REPLACE] NETWORK RULE [IF NOT EXISTS] name TYPE = … VALUE_LIST = ('…', …) MODE = … [COMMENT = '…'].
/// nil: not written.
public struct CreateNetworkRule: Equatable, Sendable {
    public var modifiers: CreateModifiers
    public var name: ObjectName
    /// The word as written, upper-cased (`HOST_PORT`).
    public var type: String?
    public var valueList: [String]?
    public var mode: String?
    public var comment: String?
    public init(modifiers: CreateModifiers, name: ObjectName, type: String? = nil, valueList: [String]? = nil,
                mode: String? = nil, comment: String? = nil) {
        self.modifiers = modifiers
        self.name = name
        self.type = type
        self.valueList = valueList
        self.mode = mode
        self.comment = comment
    }
}

/// The properties of a secret, as CREATE SECRET and ALTER SECRET … SET write them. nil: not written.
/// `secretString`, `password` and `oauthRefreshToken` are the secret values: the engine stores
/// them apart from everything SQL can read.
public struct SecretProperties: Equatable, Sendable {
    /// The word as written, upper-cased (`GENERIC_STRING`).
    public var type: String?
    public var secretString: String?
    public var username: String?
    public var password: String?
    public var apiAuthentication: ObjectName?
    public var oauthScopes: [String]?
    public var oauthRefreshToken: String?
    public var oauthRefreshTokenExpiryTime: String?
    public var comment: String?
    public init(type: String? = nil, secretString: String? = nil, username: String? = nil, password: String? = nil,
                apiAuthentication: ObjectName? = nil, oauthScopes: [String]? = nil, oauthRefreshToken: String? = nil,
                oauthRefreshTokenExpiryTime: String? = nil, comment: String? = nil) {
        self.type = type
        self.secretString = secretString
        self.username = username
        self.password = password
        self.apiAuthentication = apiAuthentication
        self.oauthScopes = oauthScopes
        self.oauthRefreshToken = oauthRefreshToken
        self.oauthRefreshTokenExpiryTime = oauthRefreshTokenExpiryTime
        self.comment = comment
    }
}

/// CREATE [OR REPLACE] SECRET [IF NOT EXISTS] name TYPE = … <properties of that type> [COMMENT = '…'].
public struct CreateSecret: Equatable, Sendable {
    public var modifiers: CreateModifiers
    public var name: ObjectName
    public var properties: SecretProperties
    public init(modifiers: CreateModifiers, name: ObjectName, properties: SecretProperties) {
        self.modifiers = modifiers
        self.name = name
        self.properties = properties
    }
}

/// One name in an integration's list: an object name, or a quoted string holding one
/// (`('DB.PUBLIC.GITHUB_TOKEN')`, as install.sql writes it, spec §14 point 17).
public enum ObjectReference: Equatable, Sendable {
    case name(ObjectName)
    case string(String)
}

/// `(a, b, 'db.sch.c')`, `all` or `none` (`nothing`, so an optional list's nil stays distinct).
public enum ObjectReferenceList: Equatable, Sendable {
    case names([ObjectReference])
    case all
    case nothing
}

/// CREATE [OR REPLACE] EXTERNAL ACCESS INTEGRATION [IF NOT EXISTS] name ALLOWED_NETWORK_RULES = (rule, …)
///   [ALLOWED_API_AUTHENTICATION_INTEGRATIONS = (…) | none] [ALLOWED_AUTHENTICATION_SECRETS = (…) | all | none]
///   ENABLED = TRUE | FALSE [COMMENT = '…']. nil: not written.
public struct CreateExternalAccessIntegration: Equatable, Sendable {
    public var modifiers: CreateModifiers
    public var name: ObjectName
    public var allowedNetworkRules: [ObjectReference]?
    public var allowedAPIAuthenticationIntegrations: ObjectReferenceList?
    public var allowedAuthenticationSecrets: ObjectReferenceList?
    public var enabled: Bool?
    public var comment: String?
    public init(modifiers: CreateModifiers, name: ObjectName, allowedNetworkRules: [ObjectReference]? = nil,
                allowedAPIAuthenticationIntegrations: ObjectReferenceList? = nil,
                allowedAuthenticationSecrets: ObjectReferenceList? = nil, enabled: Bool? = nil, comment: String? = nil) {
        self.modifiers = modifiers
        self.name = name
        self.allowedNetworkRules = allowedNetworkRules
        self.allowedAPIAuthenticationIntegrations = allowedAPIAuthenticationIntegrations
        self.allowedAuthenticationSecrets = allowedAuthenticationSecrets
        self.enabled = enabled
        self.comment = comment
    }
}
