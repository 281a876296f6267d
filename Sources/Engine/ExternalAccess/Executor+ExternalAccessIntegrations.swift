// Executor+ExternalAccessIntegrations: CREATE, ALTER (ENABLED, COMMENT), DROP, SHOW and DESCRIBE
// [EXTERNAL ACCESS] INTEGRATION (spec §6.3). An integration is an account object naming the
// EGRESS network rules a procedure may reach and the secrets it may read; creating one needs
// CREATE INTEGRATION on the account plus USAGE on each secret it names. The dispatch is in
// Executor+ExternalAccess. Wording chosen where Snowflake's is not documented [?] (spec §4.2):
// `Integration X successfully created.`; a non-egress rule in an integration
// `Network rule 'R' cannot be used in an external access integration: its MODE is M, not EGRESS.`
// https://docs.snowflake.com/en/sql-reference/sql/create-external-access-integration,
// …/show-integrations, …/desc-integration

import Foundation
import GRDB
import Security
import SnowSQL

extension Executor {
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
}
