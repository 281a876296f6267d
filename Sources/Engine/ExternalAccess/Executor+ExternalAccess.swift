// Executor+ExternalAccess: network rules and secrets (schema objects) and external access
// integrations (account objects) — CREATE, ALTER (secrets, integrations), DROP, SHOW, DESCRIBE
// (spec §6.1–6.3). Storage and the internal API procedures read are in Catalog+ExternalAccess.
//
// Privileges: CREATE NETWORK RULE / CREATE SECRET on the schema; CREATE INTEGRATION on the
// account plus USAGE on each secret an integration names (and its database and schema); OWNERSHIP
// to drop, replace or alter; USAGE (or ownership) on a secret to describe it.
//
// A secret's values (SECRET_STRING, PASSWORD, OAUTH_REFRESH_TOKEN) go only to sl_secret_value;
// no message here names them, and errors about a secret's properties name the property, never
// its value.
//
// Wording chosen where Snowflake's is not documented [?] (spec §4.2): `Network rule X successfully
// created.`, `Secret X successfully created.`, `Integration X successfully created.` (the
// "<Kind> X successfully created." pattern with the kinds' message words); bad values
// `invalid value [V] for parameter 'P'` as elsewhere; a missing required property
// `Missing option(s): [P]`; a non-egress rule in an integration
// `Network rule 'R' cannot be used in an external access integration: its MODE is M, not EGRESS.`
// https://docs.snowflake.com/en/sql-reference/sql/create-network-rule, …/create-secret, …/desc-secret,
// …/create-external-access-integration, …/show-integrations, …/desc-integration

import Foundation
import GRDB
import Security
import SnowSQL

extension Executor {
    func externalAccess(_ statement: ExternalAccessStatement) throws -> ResultSet {
        switch statement {
        case .createNetworkRule(let create): return try createNetworkRule(create)
        case .createSecret(let create): return try createSecret(create)
        case .createIntegration(let create): return try createExternalAccessIntegration(create)
        case .alterSecret(let name, let ifExists, let set): return try alterSecret(name, ifExists: ifExists, set: set)
        case .alterIntegration(let name, let ifExists, let enabled, let comment):
            return try alterIntegration(name, ifExists: ifExists, enabled: enabled, comment: comment)
        case .alterNetworkRule(let name, let ifExists, let values, let comment):
            return try alterNetworkRule(name, ifExists: ifExists, valueList: values, comment: comment)
        case .drop(let kind, let name, let ifExists):
            return kind == .integration ? try dropIntegration(name, ifExists: ifExists)
                : try dropExternalAccessObject(kind, name, ifExists: ifExists)
        case .show(.integration, let filter):
            return Executor.filter(try showIntegrations(), filter)
        case .show(let kind, let filter):
            let result = kind == .secret ? try showSecrets(filter.scope) : try showNetworkRules(filter.scope)
            return Executor.filter(result, filter)
        case .describe(.integration, let name): return try describeIntegration(name)
        case .describe(.secret, let name): return try describeSecret(name)
        case .describe(_, let name): return try describeNetworkRule(name)
        }
    }

    // MARK: - Network rules

    static let networkRuleTypes: Set<String> = ["HOST_PORT", "IPV4", "IPV6", "PRIVATE_HOST_PORT", "AWSVPCEID", "AZURELINKID", "GCPPSCID"]
    static let networkRuleModes: Set<String> = ["INGRESS", "EGRESS", "INTERNAL_STAGE"]

    func createNetworkRule(_ create: CreateNetworkRule) throws -> ResultSet {
        try Executor.checkModifiers(create.modifiers)
        let name = try newObjectName(create.name, kind: .networkRule)
        try access.requireCreate(.networkRule, database: name.database, schema: name.schema)
        guard let type = create.type else { throw Executor.missingOption("TYPE") }
        guard let values = create.valueList else { throw Executor.missingOption("VALUE_LIST") }
        guard Executor.networkRuleTypes.contains(type) else { throw Executor.invalidValue(type, "TYPE") }
        let mode = create.mode ?? "INGRESS"
        guard Executor.networkRuleModes.contains(mode) else { throw Executor.invalidValue(mode, "MODE") }
        try Executor.checkValueList(values, type: type)
        if let done = try replaceExternalAccessObject(name, kind: .networkRule, modifiers: create.modifiers) { return done }
        let record = ObjectRecord(database: name.database, schema: name.schema, name: name.name, kind: .networkRule,
                                  owner: session.currentRole ?? "", comment: create.comment, createdOn: now, storageName: nil,
                                  definition: nil,
                                  properties: ["type": type, "mode": mode, "value_list": Catalog.encodeList(values)])
        try catalog.insertObject(record)
        try applyFutureGrants(to: record)
        return Executor.created("Network rule", name.name)
    }

    /// ALTER NETWORK RULE … SET VALUE_LIST / COMMENT: the owner changes the list (checked as at
    /// CREATE); every integration naming the rule sees the new list at its next request.
    func alterNetworkRule(_ written: ObjectName, ifExists: Bool, valueList: [String]?, comment: String?) throws -> ResultSet {
        let parts = try session.nameParts(written)
        let name = try session.qualify(parts, database: session.currentDatabase, schema: session.currentSchema,
                                       operation: "ALTER NETWORK RULE")
        let missing = SnowflakeError.doesNotExist("Network rule", parts.joined(separator: "."))
        guard var rule = try catalog.object(database: name.database, schema: name.schema, name: name.name,
                                            kinds: [.networkRule]) else {
            if ifExists { return .success }
            throw missing
        }
        let access = try access
        try access.requireReach(database: rule.database, schema: rule.schema, missing: missing)
        try access.requireOwnership(Authorization.securable(rule), name: rule.name, missing: missing)
        if let valueList {
            try Executor.checkValueList(valueList, type: rule.properties["type"] ?? "")
            rule.properties["value_list"] = Catalog.encodeList(valueList)
        }
        if let comment { rule.comment = comment.isEmpty ? nil : comment }
        try catalog.updateObject(rule)
        return .success
    }

    /// HOST_PORT values must be valid host:port rules (wildcards, ports); other types are kept as written.
    static func checkValueList(_ values: [String], type: String) throws {
        guard type == "HOST_PORT" else { return }
        for value in values {
            do { _ = try HostPortRule.parse(value) } catch { throw SnowflakeError.compilationError(error.message) }
        }
    }

    func showNetworkRules(_ scope: ShowFilter.Scope?) throws -> ResultSet {
        let access = try access
        var rows: [[Value]] = []
        for (database, schema) in try schemasInScope(scope) {
            for rule in try catalog.objects(database: database, schema: schema, kinds: [.networkRule]) where access.canSee(rule) {
                let definition = try Catalog.networkRuleDefinition(rule)
                rows.append([.timestamp(rule.createdOn), .string(rule.name), .string(rule.database), .string(rule.schema),
                             .string(rule.owner), .string(rule.comment ?? ""), .string(definition.type), .string(definition.mode),
                             .integer(Int64(definition.values.count)), .string(rule.owner.isEmpty ? "" : "ROLE")])
            }
        }
        return Executor.resultSet(["created_on", "name", "database_name", "schema_name", "owner", "comment", "type", "mode",
                                   "entries_in_valuelist", "owner_role_type"], rows)
    }

    func describeNetworkRule(_ written: ObjectName) throws -> ResultSet {
        let rule = try describedObject(written, kind: .networkRule, word: "Network rule", privilege: nil)
        let definition = try Catalog.networkRuleDefinition(rule)
        return Executor.resultSet(["created_on", "name", "database_name", "schema_name", "owner", "comment", "type", "mode",
                                   "value_list"],
                                  [[.timestamp(rule.createdOn), .string(rule.name), .string(rule.database), .string(rule.schema),
                                    .string(rule.owner), .string(rule.comment ?? ""), .string(definition.type),
                                    .string(definition.mode), .string(definition.values.joined(separator: ","))]])
    }

    // MARK: - Secrets

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

    // MARK: - Schema objects shared by rules and secrets

    /// IF NOT EXISTS / OR REPLACE against an object of the same name and kind (prepareCreate);
    /// returns a result when the statement is done. OR REPLACE needs OWNERSHIP of the old object.
    private func replaceExternalAccessObject(_ name: QualifiedName, kind: CatalogKind, modifiers: CreateModifiers) throws -> ResultSet? {
        let existing = try catalog.object(database: name.database, schema: name.schema, name: name.name, kinds: [kind])
        return try prepareCreate(existing: existing, name: name, modifiers: modifiers)
    }

    /// The object DESCRIBE names: reachable and visible (else 002003 `<word> 'name'`), `privilege`
    /// held when given (else 003001).
    private func describedObject(_ written: ObjectName, kind: CatalogKind, word: String, privilege: Privilege?) throws -> ObjectRecord {
        let parts = try session.nameParts(written)
        let name = try session.qualify(parts, database: session.currentDatabase, schema: session.currentSchema, operation: "DESCRIBE")
        let missing = SnowflakeError.doesNotExist(word, parts.joined(separator: "."))
        guard let object = try catalog.object(database: name.database, schema: name.schema, name: name.name, kinds: [kind]) else {
            throw missing
        }
        try access.require(privilege, on: object, missing: missing)
        return object
    }

    /// DROP NETWORK RULE | SECRET [IF EXISTS] name: OWNERSHIP needed; an invisible object is missing.
    func dropExternalAccessObject(_ kind: ExternalAccessKind, _ written: ObjectName, ifExists: Bool) throws -> ResultSet {
        let parts = try session.nameParts(written)
        let name = try session.qualify(parts, database: session.currentDatabase, schema: session.currentSchema,
                                       operation: "DROP \(kind.rawValue)")
        let missing = SnowflakeError.doesNotExist(kind == .secret ? "Secret" : "Network rule", parts.joined(separator: "."))
        let access = try access
        guard let object = try catalog.object(database: name.database, schema: name.schema, name: name.name, kinds: [CatalogKind(kind)]),
              (try? access.requireReach(database: object.database, schema: object.schema, missing: missing)) != nil,
              access.canSee(object) else {
            if ifExists { return Executor.alreadyDropped(name.name) }
            throw missing
        }
        try access.requireOwnership(Authorization.securable(object), name: object.name)
        try catalog.dropObject(object)
        return Executor.dropped(name.name)
    }

    // MARK: - External access integrations

    func createExternalAccessIntegration(_ create: CreateExternalAccessIntegration) throws -> ResultSet {
        try Executor.checkModifiers(create.modifiers)
        let name = try integrationName(create.name)
        let access = try access
        try access.requireAccount(.createIntegration)
        let existing = try catalog.accountObject(kind: .integration, name: name)
        if existing != nil && create.modifiers.ifNotExists { return Executor.alreadyExists(name) }
        guard let ruleReferences = create.allowedNetworkRules else { throw Executor.missingOption("ALLOWED_NETWORK_RULES") }
        guard let enabled = create.enabled else { throw Executor.missingOption("ENABLED") }
        var rules: [String] = []
        for reference in ruleReferences {
            let (rule, written) = try referencedObject(reference, kind: .networkRule, word: "Network rule", privilege: nil)
            let mode = rule.properties["mode"] ?? "INGRESS"
            guard mode == "EGRESS" else {
                throw SnowflakeError.compilationError(
                    "Network rule '\(written)' cannot be used in an external access integration: its MODE is \(mode), not EGRESS.")
            }
            rules.append(Authorization.canonicalName([rule.database, rule.schema, rule.name]))
        }
        var properties = ["type": "EXTERNAL_ACCESS", "enabled": enabled ? "true" : "false",
                          "allowed_network_rules": Catalog.encodeList(rules)]
        switch create.allowedAuthenticationSecrets {
        case .all: properties["allowed_authentication_secrets"] = "ALL"
        case .nothing, nil: properties["allowed_authentication_secrets"] = "NONE"
        case .names(let references):
            var secrets: [String] = []
            for reference in references {
                let (secret, _) = try referencedObject(reference, kind: .secret, word: "Secret", privilege: .usage)
                secrets.append(Authorization.canonicalName([secret.database, secret.schema, secret.name]))
            }
            properties["allowed_authentication_secrets"] = Catalog.encodeList(secrets)
        }
        // API authentication (security) integrations are not emulated: the names are kept as written.
        switch create.allowedAPIAuthenticationIntegrations {
        case .all, .nothing, nil: properties["allowed_api_authentication_integrations"] = "NONE"
        case .names(let references):
            properties["allowed_api_authentication_integrations"] = Catalog.encodeList(try references.map {
                try referenceParts($0).joined(separator: ".")
            })
        }
        if let existing {
            guard create.modifiers.orReplace else { throw SnowflakeError.alreadyExists(name) }
            try access.requireOwnership(Authorization.securable(existing), name: name)
            try catalog.dropAccountObject(kind: .integration, name: name)
        }
        try catalog.insertAccountObject(AccountObjectRecord(kind: .integration, name: name, owner: session.currentRole ?? "",
                                                            comment: create.comment, createdOn: now, properties: properties))
        return Executor.created("Integration", name)
    }

    /// The one-part name of an integration.
    private func integrationName(_ written: ObjectName) throws -> String {
        let parts = try session.nameParts(written)
        guard parts.count == 1 else {
            throw SnowflakeError.compilationError("invalid integration name '\(parts.joined(separator: "."))'")
        }
        return parts[0]
    }

    private func referenceParts(_ reference: ObjectReference) throws -> [String] {
        switch reference {
        case .name(let name): return try session.nameParts(name)
        case .string(let text): return try session.nameParts(.identifier(.literal(.string(text))))
        }
    }

    /// A rule or secret an integration names, resolved in the current database and schema when
    /// not qualified: reachable and visible (else 002003 naming it as written), `privilege` held.
    private func referencedObject(_ reference: ObjectReference, kind: CatalogKind, word: String,
                                  privilege: Privilege?) throws -> (ObjectRecord, String) {
        let parts = try referenceParts(reference)
        let written = parts.joined(separator: ".")
        let name = try session.qualify(parts, database: session.currentDatabase, schema: session.currentSchema,
                                       operation: "CREATE EXTERNAL ACCESS INTEGRATION")
        let missing = SnowflakeError.doesNotExist(word, written)
        guard let object = try catalog.object(database: name.database, schema: name.schema, name: name.name, kinds: [kind]) else {
            throw missing
        }
        try access.require(privilege, on: object, missing: missing)
        return (object, written)
    }

    /// The integration a statement names, visible to the role (else 002003 `Integration 'X'`).
    private func visibleIntegration(_ written: ObjectName) throws -> AccountObjectRecord? {
        let name = try integrationName(written)
        guard let record = try catalog.accountObject(kind: .integration, name: name),
              try access.canSee(record) else { return nil }
        return record
    }

    func dropIntegration(_ written: ObjectName, ifExists: Bool) throws -> ResultSet {
        let name = try session.nameParts(written).joined(separator: ".")
        guard let record = try visibleIntegration(written) else {
            if ifExists { return Executor.alreadyDropped(name) }
            throw SnowflakeError.doesNotExist("Integration", name)
        }
        try access.requireOwnership(Authorization.securable(record), name: record.name)
        try catalog.dropAccountObject(kind: .integration, name: record.name)
        return Executor.dropped(record.name)
    }

    /// ALTER [EXTERNAL ACCESS] INTEGRATION [IF EXISTS] name SET ENABLED = … COMMENT = '…': OWNERSHIP needed.
    func alterIntegration(_ written: ObjectName, ifExists: Bool, enabled: Bool?, comment: String?) throws -> ResultSet {
        guard var record = try visibleIntegration(written) else {
            if ifExists { return .success }
            throw SnowflakeError.doesNotExist("Integration", try session.nameParts(written).joined(separator: "."))
        }
        try access.requireOwnership(Authorization.securable(record), name: record.name)
        if let enabled { record.properties["enabled"] = enabled ? "true" : "false" }
        if let comment { record.comment = comment.isEmpty ? nil : comment }
        try catalog.updateAccountObject(record)
        return .success
    }

    /// SHOW [EXTERNAL ACCESS] INTEGRATIONS: the integrations the role holds a privilege on.
    func showIntegrations() throws -> ResultSet {
        let access = try access
        let rows = try catalog.accountObjects(kind: .integration).filter { access.canSee($0) }.map { record -> [Value] in
            [.string(record.name), .string(record.properties["type"] ?? "EXTERNAL_ACCESS"), .string("SECURITY"),
             .string(record.properties["enabled"] ?? "false"), .string(record.comment ?? ""), .timestamp(record.createdOn)]
        }
        return Executor.resultSet(["name", "type", "category", "enabled", "comment", "created_on"], rows)
    }

    /// DESC [EXTERNAL ACCESS] INTEGRATION name: one row per property.
    func describeIntegration(_ written: ObjectName) throws -> ResultSet {
        guard let record = try visibleIntegration(written) else {
            throw SnowflakeError.doesNotExist("Integration", try session.nameParts(written).joined(separator: "."))
        }
        let definition = try Catalog.externalAccessIntegrationDefinition(record)
        func list(_ allowed: AllowedObjects) -> String {
            switch allowed {
            case .all: return "all"
            case .none: return ""
            case .names(let names): return names.joined(separator: ",")
            }
        }
        let rows: [[String]] = [
            ["ENABLED", "Boolean", definition.enabled ? "true" : "false", "false"],
            ["ALLOWED_NETWORK_RULES", "List", definition.rules.joined(separator: ","), "[]"],
            ["ALLOWED_API_AUTHENTICATION_INTEGRATIONS", "List", list(definition.apiAuthenticationIntegrations), "[]"],
            ["ALLOWED_AUTHENTICATION_SECRETS", "List", list(definition.secrets), "[]"],
            ["COMMENT", "String", record.comment ?? "", ""],
        ]
        return Executor.resultSet(["property", "property_type", "property_value", "property_default"],
                                  rows.map { $0.map(Value.string) })
    }

    // MARK: - Pieces

    private static func resultSet(_ names: [String], _ rows: [[Value]]) -> ResultSet {
        ResultSet(columns: names.map { name in
            switch name {
            case "created_on": return ResultColumn(name, .timestampLTZ)
            case "entries_in_valuelist": return ResultColumn(name, .integer)
            default: return ResultColumn(name, .string)
            }
        }, rows: rows)
    }

    /// [?: wording chosen] a required property not written.
    static func missingOption(_ property: String) -> SnowflakeError {
        SnowflakeError.compilationError("Missing option(s): [\(property)]")
    }

    /// A bad TYPE or MODE word; the value is a keyword the user wrote, never a secret.
    static func invalidValue(_ value: String, _ property: String) -> SnowflakeError {
        SnowflakeError.compilationError("invalid value [\(value)] for parameter '\(property)'")
    }
}
