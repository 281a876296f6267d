// Catalog+ExternalAccess: how network rules, secrets and external access integrations are stored,
// and the internal API the procedure runtime reads them with (binding EXTERNAL_ACCESS_INTEGRATIONS
// and SECRETS to a handler, spec §6.4).
//   - a network rule is a schema object (sl_object, kind `NETWORK RULE`) with properties `type`,
//     `mode` and `value_list` (a JSON array of the entries as written);
//   - a secret is a schema object (kind `SECRET`) whose sl_object properties hold only what SHOW
//     and DESC may print (`secret_type`, `username`, `oauth_scopes`, `integration_name`,
//     `oauth_refresh_token_expiry_time`); its values live in sl_secret_value, which nothing but
//     `secretValue` reads, so no SQL, SHOW, DESC or INFORMATION_SCHEMA view can return them;
//   - an external access integration is an account object (sl_account_object, kind
//     `INTEGRATION`) with properties `type` = EXTERNAL_ACCESS, `enabled`, and its lists of fully
//     qualified names resolved at CREATE (`allowed_network_rules`, `allowed_authentication_secrets`,
//     `allowed_api_authentication_integrations`: a JSON array, or `ALL` / `NONE`).

import Foundation
import GRDB

/// What a secret holds, by type. Only the procedure runtime asks for it.
enum SecretValue: Equatable, Sendable {
    case genericString(String)
    case password(username: String, password: String)
    /// The API authentication integration, scopes and refresh token of an OAUTH2 secret.
    case oauth2(integration: String, scopes: [String], refreshToken: String?, refreshTokenExpiryTime: String?)
}

/// A network rule as the egress policy reads it.
struct NetworkRuleDefinition: Equatable, Sendable {
    /// `HOST_PORT`, `IPV4`, …
    var type: String
    /// `EGRESS`, `INGRESS`, `INTERNAL_STAGE`.
    var mode: String
    /// The VALUE_LIST entries as written (HOST_PORT ones already valid for `HostPortRule.parse`).
    var values: [String]
}

/// Which secrets an integration allows: every one, none, or the named ones.
enum AllowedObjects: Equatable, Sendable {
    case all
    case none
    /// Canonical qualified names (`DB.PUBLIC.GITHUB_TOKEN`), as grants record them.
    case names([String])

    /// Whether `name` (canonical, qualified) is allowed.
    func allows(_ name: String) -> Bool {
        switch self {
        case .all: return true
        case .none: return false
        case .names(let names): return names.contains(name)
        }
    }
}

/// An external access integration as handler binding reads it.
struct ExternalAccessIntegrationDefinition: Equatable, Sendable {
    var name: String
    var enabled: Bool
    /// Canonical qualified names of its network rules.
    var rules: [String]
    var secrets: AllowedObjects
    var apiAuthenticationIntegrations: AllowedObjects
}

extension Catalog {
    // MARK: - Internal API for procedures

    /// The network rule `database.schema.name`, or nil when there is none. No access check: the
    /// caller checked the integration that names it.
    func networkRule(database: String, schema: String, name: String) throws -> NetworkRuleDefinition? {
        guard let record = try object(database: database, schema: schema, name: name, kinds: [.networkRule]) else {
            return nil
        }
        return try Catalog.networkRuleDefinition(record)
    }

    static func networkRuleDefinition(_ record: ObjectRecord) throws -> NetworkRuleDefinition {
        NetworkRuleDefinition(type: record.properties["type"] ?? "", mode: record.properties["mode"] ?? "INGRESS",
                              values: try decodeList(record.properties["value_list"]) ?? [])
    }

    /// The external access integration `name`, or nil when there is none (or the integration is
    /// of another type).
    func externalAccessIntegration(name: String) throws -> ExternalAccessIntegrationDefinition? {
        guard let record = try accountObject(kind: .integration, name: name),
              record.properties["type"] == "EXTERNAL_ACCESS" else { return nil }
        return try Catalog.externalAccessIntegrationDefinition(record)
    }

    static func externalAccessIntegrationDefinition(_ record: AccountObjectRecord) throws -> ExternalAccessIntegrationDefinition {
        ExternalAccessIntegrationDefinition(
            name: record.name, enabled: record.properties["enabled"] == "true",
            rules: try decodeList(record.properties["allowed_network_rules"]) ?? [],
            secrets: try allowedObjects(record.properties["allowed_authentication_secrets"]),
            apiAuthenticationIntegrations: try allowedObjects(record.properties["allowed_api_authentication_integrations"]))
    }

    /// The value of the secret `database.schema.name`, or nil when there is none. The one reader of
    /// sl_secret_value; never pass what it returns to a ResultSet or an error message.
    func secretValue(database: String, schema: String, name: String) throws -> SecretValue? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT kind, value FROM sl_secret_value WHERE database_name = ? AND schema_name = ? AND name = ?
            """, arguments: [database, schema, name]) else { return nil }
        let fields = try Catalog.storedJSON(row["value"] as String, as: [String: Any].self, "secret value")
        let text = { (key: String) in fields[key] as? String }
        switch row["kind"] as String {
        case "PASSWORD": return .password(username: text("username") ?? "", password: text("password") ?? "")
        case "OAUTH2":
            return .oauth2(integration: text("integration") ?? "", scopes: fields["scopes"] as? [String] ?? [],
                           refreshToken: text("refresh_token"), refreshTokenExpiryTime: text("refresh_token_expiry_time"))
        default: return .genericString(text("secret_string") ?? "")
        }
    }

    // MARK: - Storage

    /// Records (or replaces) a secret's value.
    func storeSecretValue(of record: ObjectRecord, kind: String, fields: [String: Any]) throws {
        let data = try JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])
        try db.execute(sql: """
            INSERT OR REPLACE INTO sl_secret_value (database_name, schema_name, name, kind, value) VALUES (?, ?, ?, ?, ?)
            """, arguments: [record.database, record.schema, record.name, kind, String(decoding: data, as: UTF8.self)])
    }

    /// The stored fields of a secret's value (for ALTER SECRET to change some of them).
    func secretValueFields(of record: ObjectRecord) throws -> [String: Any] {
        let json = try String.fetchOne(db, sql: """
            SELECT value FROM sl_secret_value WHERE database_name = ? AND schema_name = ? AND name = ?
            """, arguments: [record.database, record.schema, record.name]) ?? "{}"
        return try Catalog.storedJSON(json, as: [String: Any].self, "secret value")
    }

    func deleteSecretValue(of record: ObjectRecord) throws {
        try db.execute(sql: "DELETE FROM sl_secret_value WHERE database_name = ? AND schema_name = ? AND name = ?",
                       arguments: [record.database, record.schema, record.name])
    }

    /// Replaces an object's properties and comment (ALTER).
    func updateObject(_ record: ObjectRecord) throws {
        let data = try JSONSerialization.data(withJSONObject: record.properties, options: [.sortedKeys])
        try db.execute(sql: """
            UPDATE sl_object SET comment = ?, properties = ? WHERE database_name = ? AND schema_name = ? AND name = ? AND kind = ?
            """, arguments: [record.comment, String(decoding: data, as: UTF8.self), record.database, record.schema,
                             record.name, record.kind.rawValue])
    }

    /// Replaces an account object's properties and comment (ALTER).
    func updateAccountObject(_ record: AccountObjectRecord) throws {
        let data = try JSONSerialization.data(withJSONObject: record.properties, options: [.sortedKeys])
        try db.execute(sql: "UPDATE sl_account_object SET comment = ?, properties = ? WHERE kind = ? AND name = ?",
                       arguments: [record.comment, String(decoding: data, as: UTF8.self), record.kind.rawValue, record.name])
    }

    // MARK: - Lists in properties

    /// `ALL`, `NONE` or a JSON array (Catalog+Properties.swift); not recorded means none.
    static func allowedObjects(_ text: String?) throws -> AllowedObjects {
        switch text {
        case "ALL": return .all
        case nil, "NONE": return .none
        default: return .names(try decodeList(text) ?? [])
        }
    }
}
