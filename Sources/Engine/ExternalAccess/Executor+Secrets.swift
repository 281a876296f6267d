// Executor+Secrets: CREATE, ALTER, SHOW and DESCRIBE SECRET (spec §6.2), for the GENERIC_STRING,
// PASSWORD and OAUTH2 types. A secret's values (SECRET_STRING, PASSWORD, OAUTH_REFRESH_TOKEN) go
// only to sl_secret_value; no message here names them, and errors about a secret's properties
// name the property, never its value. The dispatch, DROP and the IF NOT EXISTS / OR REPLACE
// preamble are in Executor+ExternalAccess. Wording chosen where Snowflake's is not documented [?]
// (spec §4.2): `Secret X successfully created.`
// https://docs.snowflake.com/en/sql-reference/sql/create-secret, …/desc-secret

import Foundation
import GRDB
import Security
import SnowSQL

extension Executor {
    /// The properties each secret type takes besides TYPE and COMMENT.
    static let secretTypeProperties: [String: [String]] = [
        "GENERIC_STRING": ["SECRET_STRING"],
        "PASSWORD": ["USERNAME", "PASSWORD"],
        "OAUTH2": ["API_AUTHENTICATION", "OAUTH_SCOPES", "OAUTH_REFRESH_TOKEN", "OAUTH_REFRESH_TOKEN_EXPIRY_TIME"],
    ]
    static let otherSecretTypes: Set<String> = ["CLOUD_PROVIDER_TOKEN", "SYMMETRIC_KEY", "WORKLOAD_IDENTITY_FEDERATION"]

    func createSecret(_ create: CreateSecret) throws -> ResultSet {
        try Executor.checkModifiers(create.modifiers)
        let name = try newObjectName(create.name, kind: .secret)
        try access.requireCreate(.secret, database: name.database, schema: name.schema)
        let p = create.properties
        guard let type = p.type else { throw Executor.missingOption("TYPE") }
        try Executor.checkSecretProperties(p, type: type)
        switch type {
        case "GENERIC_STRING": if p.secretString == nil { throw Executor.missingOption("SECRET_STRING") }
        case "PASSWORD":
            if p.username == nil { throw Executor.missingOption("USERNAME") }
            if p.password == nil { throw Executor.missingOption("PASSWORD") }
        default: if p.apiAuthentication == nil { throw Executor.missingOption("API_AUTHENTICATION") }
        }
        if let done = try replaceExternalAccessObject(name, kind: .secret, modifiers: create.modifiers) { return done }
        var properties = ["secret_type": type]
        properties["username"] = p.username
        if let integration = p.apiAuthentication { properties["integration_name"] = try session.nameParts(integration).joined(separator: ".") }
        properties["oauth_scopes"] = p.oauthScopes.map(Catalog.encodeList)
        properties["oauth_refresh_token_expiry_time"] = p.oauthRefreshTokenExpiryTime
        let record = ObjectRecord(database: name.database, schema: name.schema, name: name.name, kind: .secret,
                                  owner: session.currentRole ?? "", comment: p.comment, createdOn: now, storageName: nil,
                                  definition: nil, properties: properties)
        try catalog.insertObject(record)
        try catalog.storeSecretValue(of: record, kind: type, fields: Executor.secretFields(p, properties, into: [:]))
        try applyFutureGrants(to: record)
        return Executor.created("Secret", name.name)
    }

    /// A known type, only the properties it takes, and no `:` in a username or password. The errors
    /// name types and properties only.
    private static func checkSecretProperties(_ p: SecretProperties, type: String) throws {
        if otherSecretTypes.contains(type) { throw SnowflakeError.unsupported("secret TYPE = \(type)") }
        guard let allowed = secretTypeProperties[type] else { throw invalidValue(type, "TYPE") }
        let written: [(String, Bool)] = [
            ("SECRET_STRING", p.secretString != nil), ("USERNAME", p.username != nil), ("PASSWORD", p.password != nil),
            ("API_AUTHENTICATION", p.apiAuthentication != nil), ("OAUTH_SCOPES", p.oauthScopes != nil),
            ("OAUTH_REFRESH_TOKEN", p.oauthRefreshToken != nil),
            ("OAUTH_REFRESH_TOKEN_EXPIRY_TIME", p.oauthRefreshTokenExpiryTime != nil),
        ]
        for (property, present) in written where present && !allowed.contains(property) {
            throw SnowflakeError.compilationError("invalid property '\(property)' for 'SECRET' of TYPE '\(type)'")
        }
        // PASSWORD secrets may not hold `:` (https://docs.snowflake.com/en/sql-reference/sql/create-secret).
        for (property, value) in [("USERNAME", p.username), ("PASSWORD", p.password)] where value?.contains(":") == true {
            throw SnowflakeError.compilationError("invalid value for property '\(property)': it may not contain ':'")
        }
    }

    /// The fields sl_secret_value keeps: `fields` with what `p` sets.
    private static func secretFields(_ p: SecretProperties, _ properties: [String: String], into fields: [String: Any]) -> [String: Any] {
        var fields = fields
        if let v = p.secretString { fields["secret_string"] = v }
        if let v = p.username { fields["username"] = v }
        if let v = p.password { fields["password"] = v }
        if let v = properties["integration_name"] { fields["integration"] = v }
        if let v = p.oauthScopes { fields["scopes"] = v }
        if let v = p.oauthRefreshToken { fields["refresh_token"] = v }
        if let v = p.oauthRefreshTokenExpiryTime { fields["refresh_token_expiry_time"] = v }
        return fields
    }

    /// ALTER SECRET [IF EXISTS] name SET …: OWNERSHIP needed; TYPE cannot change.
    func alterSecret(_ written: ObjectName, ifExists: Bool, set p: SecretProperties) throws -> ResultSet {
        let parts = try session.nameParts(written)
        let name = try session.qualify(parts, database: session.currentDatabase, schema: session.currentSchema, operation: "ALTER SECRET")
        let missing = SnowflakeError.doesNotExist("Secret", parts.joined(separator: "."))
        guard var secret = try catalog.object(database: name.database, schema: name.schema, name: name.name, kinds: [.secret]) else {
            if ifExists { return .success }
            throw missing
        }
        let access = try access
        try access.requireReach(database: secret.database, schema: secret.schema, missing: missing)
        try access.requireOwnership(Authorization.securable(secret), name: secret.name, missing: missing)
        let type = secret.properties["secret_type"] ?? "GENERIC_STRING"
        if let newType = p.type, newType != type {
            throw SnowflakeError.compilationError("invalid property 'TYPE' for 'SECRET' of TYPE '\(type)'")
        }
        try Executor.checkSecretProperties(p, type: type)
        if let comment = p.comment { secret.comment = comment.isEmpty ? nil : comment }
        if let username = p.username { secret.properties["username"] = username }
        if let integration = p.apiAuthentication {
            secret.properties["integration_name"] = try session.nameParts(integration).joined(separator: ".")
        }
        if let scopes = p.oauthScopes { secret.properties["oauth_scopes"] = Catalog.encodeList(scopes) }
        if let expiry = p.oauthRefreshTokenExpiryTime { secret.properties["oauth_refresh_token_expiry_time"] = expiry }
        try catalog.updateObject(secret)
        let fields = Executor.secretFields(p, secret.properties, into: try catalog.secretValueFields(of: secret))
        try catalog.storeSecretValue(of: secret, kind: type, fields: fields)
        return .success
    }

    func showSecrets(_ scope: ShowFilter.Scope?) throws -> ResultSet {
        let access = try access
        var rows: [[Value]] = []
        for (database, schema) in try schemasInScope(scope) {
            for secret in try catalog.objects(database: database, schema: schema, kinds: [.secret]) where access.canSee(secret) {
                rows.append([.timestamp(secret.createdOn), .string(secret.name), .string(secret.schema), .string(secret.database),
                             .string(secret.owner), .string(secret.comment ?? ""), .string(Executor.secretTypeWord(secret)),
                             try Executor.scopes(secret), .string(secret.owner.isEmpty ? "" : "ROLE")])
            }
        }
        return Executor.resultSet(["created_on", "name", "schema_name", "database_name", "owner", "comment", "secret_type",
                                   "oauth_scopes", "owner_role_type"], rows)
    }

    /// DESC SECRET: needs USAGE on the secret (ownership is enough); never the secret's values.
    func describeSecret(_ written: ObjectName) throws -> ResultSet {
        let secret = try describedObject(written, kind: .secret, word: "Secret", privilege: .usage)
        let text = { (key: String) -> Value in secret.properties[key].map(Value.string) ?? .null }
        return Executor.resultSet(
            ["created_on", "name", "schema_name", "database_name", "owner", "comment", "secret_type", "username",
             "oauth_access_token_expiry_time", "oauth_refresh_token_expiry_time", "oauth_scopes", "integration_name",
             "algorithm", "key_length", "workload_identity_federation_issuer", "workload_identity_federation_subject"],
            [[.timestamp(secret.createdOn), .string(secret.name), .string(secret.schema), .string(secret.database),
              .string(secret.owner), .string(secret.comment ?? ""), .string(Executor.secretTypeWord(secret)), text("username"),
              .null, text("oauth_refresh_token_expiry_time"), try Executor.scopes(secret), text("integration_name"),
              .null, .null, .null, .null]])
    }

    /// SHOW and DESC print GENERIC_STRING secrets as `GENERIC`.
    private static func secretTypeWord(_ secret: ObjectRecord) -> String {
        let type = secret.properties["secret_type"] ?? "GENERIC_STRING"
        return type == "GENERIC_STRING" ? "GENERIC" : type
    }

    private static func scopes(_ secret: ObjectRecord) throws -> Value {
        guard let scopes = try Catalog.decodeList(secret.properties["oauth_scopes"]) else { return .null }
        return .string("[" + scopes.joined(separator: ", ") + "]")
    }
}
