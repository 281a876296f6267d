// ProcedureExternalAccess: what a procedure may reach beyond the account (spec §6.4). CREATE or
// ALTER PROCEDURE … EXTERNAL_ACCESS_INTEGRATIONS = (…) SECRETS = ('alias' = secret, …) binds them,
// checked then: each integration exists and the procedure's owner holds USAGE on it; each secret
// exists, the owner holds READ on it, and one of the listed integrations allows it. Inside an
// application either may be `reference('…')`, resolved through the consumer's binding. At CALL the
// runtime resolves them again (grants and integrations may have changed since) into what a Swift
// handler gets: an EgressPolicy for every request it sends, and its secrets by alias only.
// https://docs.snowflake.com/en/developer-guide/external-network-access/creating-using-external-network-access

import Foundation
import GRDB
import Security
import SnowSQL

/// The integrations and secrets bound to a procedure, as its properties store them.
struct ProcedureExternalAccess {
    /// An object named outright (an integration's name, a secret's `DB.SCHEMA.NAME`), or a reference.
    enum Target: Equatable {
        case named(String)
        case reference(String)

        var stored: String {
            switch self {
            case .named(let name): return name
            case .reference(let name): return "reference:" + name
            }
        }

        init(stored: String) {
            self = stored.hasPrefix("reference:") ? .reference(String(stored.dropFirst("reference:".count))) : .named(stored)
        }
    }

    var integrations: [Target] = []
    /// Secrets by alias, in the order written.
    var secrets: [(alias: String, secret: Target)] = []

    init() {}

    /// Reads `external_access_integrations` (a JSON list) and `secrets` (a JSON list of [alias, secret]).
    init(properties: [String: String]) throws {
        integrations = (try Catalog.decodeList(properties["external_access_integrations"]) ?? []).map(Target.init(stored:))
        let pairs = try Catalog.storedJSON(properties["secrets"] ?? "[]", as: [[String]].self, "procedure's secrets")
        secrets = pairs.compactMap { $0.count == 2 ? ($0[0], Target(stored: $0[1])) : nil }
    }

    func store(into properties: inout [String: String]) {
        properties["external_access_integrations"] = integrations.isEmpty ? nil : Catalog.encodeList(integrations.map(\.stored))
        let pairs = secrets.map { [$0.alias, $0.secret.stored] }
        properties["secrets"] = secrets.isEmpty ? nil
            : String(decoding: (try? JSONSerialization.data(withJSONObject: pairs)) ?? Data("[]".utf8), as: UTF8.self)
    }
}

extension Executor {
    /// The binding a CREATE or ALTER PROCEDURE asks for, on top of `existing`, checked against the
    /// roles the statement runs as (they become or are the procedure's owner).
    func bindExternalAccess(integrations: PropertyValue?, secrets: [ProcedureSecret]?,
                            existing: ProcedureExternalAccess) throws -> ProcedureExternalAccess {
        var binding = existing
        if let integrations {
            let items: [PropertyValue]
            if case .list(let list) = integrations { items = list } else { items = [integrations] }
            binding.integrations = try items.map { item in
                switch item {
                case .reference(let name): return .reference(name)
                case .word(let name), .string(let name): return .named(try session.nameParts(.identifier(.literal(.string(name)))).joined(separator: "."))
                default: throw SnowflakeError.compilationError("invalid value [\(item.text)] for parameter 'EXTERNAL_ACCESS_INTEGRATIONS'")
                }
            }
        }
        if let secrets {
            binding.secrets = try secrets.map { secret in
                if case .function(let call) = secret.secret, call.baseName == "REFERENCE", call.arguments.count == 1,
                   case .literal(.string(let name)) = call.arguments[0].value {
                    return (secret.alias, .reference(name))
                }
                guard case .column(let parts) = secret.secret else {
                    throw SnowflakeError.compilationError("invalid value for secret '\(secret.alias)'; expected a secret name")
                }
                let name = try session.qualify(parts.map(\.name), database: session.currentDatabase, schema: session.currentSchema,
                                               operation: "SECRETS")
                return (secret.alias, .named(Authorization.canonicalName([name.database, name.schema, name.name])))
            }
        }
        let resolved = try session.resolveExternalAccess(binding, catalog: catalog, access: access)
        // Every secret must be allowed by one of the procedure's integrations.
        for (alias, secret) in resolved.secrets {
            guard resolved.allowing.contains(where: { $0.secrets.allows(secret.canonicalName) }) else {
                throw SnowflakeError.compilationError("Secret '\(secret.canonicalName)' (alias '\(alias)') is not allowed by any "
                    + "external access integration of the procedure; list it in ALLOWED_AUTHENTICATION_SECRETS.")
            }
        }
        return binding
    }
}

/// A procedure's external access resolved against the catalog: the integrations' definitions and
/// the secrets each alias names.
struct ResolvedExternalAccess {
    struct Secret {
        var database: String
        var schema: String
        var name: String
        var canonicalName: String { Authorization.canonicalName([database, schema, name]) }
    }

    var allowing: [ExternalAccessIntegrationDefinition]
    var secrets: [(alias: String, secret: Secret)]
}

extension Session {
    /// Resolves `binding` with the privileges `access` holds: 002003 for an integration or secret
    /// that is missing or not visible, 003001 without USAGE on an integration or READ on a secret.
    func resolveExternalAccess(_ binding: ProcedureExternalAccess, catalog: Catalog, access: Authorization) throws -> ResolvedExternalAccess {
        var allowing: [ExternalAccessIntegrationDefinition] = []
        for target in binding.integrations {
            let name: String
            switch target {
            case .named(let written):
                let missing = SnowflakeError.doesNotExist("Integration", written)
                guard let record = try catalog.accountObject(kind: .integration, name: written),
                      record.properties["type"] == "EXTERNAL_ACCESS" else { throw missing }
                try access.require(.usage, on: Authorization.securable(record), name: record.name, missing: missing)
                name = record.name
            case .reference(let reference):
                let bound = try boundReference(reference, objectTypes: ["EXTERNAL ACCESS INTEGRATION"], catalog: catalog)
                guard bound.object.privileges.contains("USAGE") else {
                    throw SnowflakeError.insufficientPrivileges("integration", bound.object.name)
                }
                name = bound.object.name
            }
            guard let definition = try catalog.externalAccessIntegration(name: name) else {
                throw SnowflakeError.doesNotExist("Integration", name)
            }
            allowing.append(definition)
        }
        var secrets: [(alias: String, secret: ResolvedExternalAccess.Secret)] = []
        for (alias, target) in binding.secrets {
            switch target {
            case .named(let canonical):
                let parts = try nameParts(.identifier(.literal(.string(canonical))))
                let missing = SnowflakeError.doesNotExist("Secret", canonical)
                guard parts.count == 3,
                      let record = try catalog.object(database: parts[0], schema: parts[1], name: parts[2], kinds: [.secret]) else {
                    throw missing
                }
                try access.require(.read, on: record, missing: missing)
                secrets.append((alias, .init(database: record.database, schema: record.schema, name: record.name)))
            case .reference(let reference):
                let bound = try boundReference(reference, objectTypes: ["SECRET"], catalog: catalog)
                guard !Set(bound.object.privileges).isDisjoint(with: ["READ", "USAGE"]) else {
                    throw SnowflakeError.insufficientPrivileges("secret", bound.object.name)
                }
                let object = bound.object
                guard let database = object.database, let schema = object.schema,
                      try catalog.object(database: database, schema: schema, name: object.name, kinds: [.secret]) != nil else {
                    throw SnowflakeError.doesNotExist("Secret", object.qualifiedName)
                }
                secrets.append((alias, .init(database: database, schema: schema, name: object.name)))
            }
        }
        return ResolvedExternalAccess(allowing: allowing, secrets: secrets)
    }

    /// The egress policy of a resolved binding: each integration with its EGRESS HOST_PORT rules.
    func egressPolicy(procedure: String, _ resolved: ResolvedExternalAccess, catalog: Catalog) throws -> EgressPolicy {
        var integrations: [EgressIntegration] = []
        for definition in resolved.allowing {
            var rules: [EgressNetworkRule] = []
            for canonical in definition.rules {
                let parts = try nameParts(.identifier(.literal(.string(canonical))))
                guard parts.count == 3, let rule = try catalog.networkRule(database: parts[0], schema: parts[1], name: parts[2]),
                      rule.type == "HOST_PORT", rule.mode == "EGRESS" else { continue }
                rules.append(try EgressNetworkRule(name: canonical, valueList: rule.values))
            }
            integrations.append(EgressIntegration(name: definition.name, enabled: definition.enabled, rules: rules))
        }
        return EgressPolicy(procedure: procedure, integrations: integrations)
    }
}

// MARK: - Secrets as a handler reads them

extension ProcedureContext {
    /// `_snowflake.get_generic_secret_string(alias)`: the string of a GENERIC_STRING secret.
    public func genericString(_ alias: String) throws -> String {
        guard case .genericString(let text) = try secretValue(alias) else {
            throw SnowflakeError.secretAliasWrongType(alias, procedure: procedure, expected: "GENERIC_STRING")
        }
        return text
    }

    /// `_snowflake.get_username_password(alias)`: the user name and password of a PASSWORD secret.
    public func usernamePassword(_ alias: String) throws -> (username: String, password: String) {
        guard case .password(let username, let password) = try secretValue(alias) else {
            throw SnowflakeError.secretAliasWrongType(alias, procedure: procedure, expected: "PASSWORD")
        }
        return (username, password)
    }

    /// `_snowflake.get_secret_type(alias)`: GENERIC_STRING, PASSWORD or OAUTH2.
    public func secretType(_ alias: String) throws -> String {
        switch try secretValue(alias) {
        case .genericString: return "GENERIC_STRING"
        case .password: return "PASSWORD"
        case .oauth2: return "OAUTH2"
        }
    }

    private func secretValue(_ alias: String) throws -> SecretValue {
        guard let secret = secrets[alias.lowercased()] else {
            throw SnowflakeError.secretAliasNotBound(alias, procedure: procedure)
        }
        let value = try session.accessing { db in
            try Catalog(db: db).secretValue(database: secret.database, schema: secret.schema, name: secret.name)
        }
        guard let value else { throw SnowflakeError.doesNotExist("Secret", secret.canonicalName) }
        return value
    }
}
