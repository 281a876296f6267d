// Executor+ExternalAccess: the statements on Snowflake's external-network-access objects, network
// rules and secrets (schema objects) and external access integrations (account objects), each
// kind in its own file: Executor+NetworkRules, Executor+Secrets and
// Executor+ExternalAccessIntegrations (spec §6.1–6.3). Here are the one switch over
// ExternalAccessStatement and what the kinds share: IF NOT EXISTS / OR REPLACE, DESCRIBE and DROP
// for the two schema kinds, the result columns and the errors for a bad or missing property.
// Storage and the internal API procedures read are in Catalog+ExternalAccess.
//
// Privileges: CREATE NETWORK RULE / CREATE SECRET on the schema; CREATE INTEGRATION on the
// account plus USAGE on each secret an integration names (and its database and schema); OWNERSHIP
// to drop, replace or alter; USAGE (or ownership) on a secret to describe it.
//
// Wording chosen where Snowflake's is not documented [?] (spec §4.2): bad values
// `invalid value [V] for parameter 'P'` as elsewhere; a missing required property
// `Missing option(s): [P]`.
// https://docs.snowflake.com/en/sql-reference/sql/create-network-rule, …/create-secret,
// …/create-external-access-integration

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

    // MARK: - Schema objects shared by rules and secrets

    /// IF NOT EXISTS / OR REPLACE against an object of the same name and kind (prepareCreate);
    /// returns a result when the statement is done. OR REPLACE needs OWNERSHIP of the old object.
    func replaceExternalAccessObject(_ name: QualifiedName, kind: CatalogKind, modifiers: CreateModifiers) throws -> ResultSet? {
        let existing = try catalog.object(database: name.database, schema: name.schema, name: name.name, kinds: [kind])
        return try prepareCreate(existing: existing, name: name, modifiers: modifiers)
    }

    /// The object DESCRIBE names: reachable and visible (else 002003 `<word> 'name'`), `privilege`
    /// held when given (else 003001).
    func describedObject(_ written: ObjectName, kind: CatalogKind, word: String, privilege: Privilege?) throws -> ObjectRecord {
        let parts = try session.nameParts(written)
        let name = try session.qualify(parts, database: session.currentDatabase, schema: session.currentSchema, operation: "DESCRIBE")
        let missing = SnowflakeError.doesNotExist(word, parts.joined(separator: "."))
        guard let object = try catalog.object(database: name.database, schema: name.schema, name: name.name, kinds: [kind]) else {
            throw missing
        }
        try access.require(privilege, on: object, missing: missing)
        return object
    }

    /// DROP NETWORK RULE | SECRET [IF EXISTS] name.
    func dropExternalAccessObject(_ kind: ExternalAccessKind, _ written: ObjectName, ifExists: Bool) throws -> ResultSet {
        try dropSchemaObject(written, kind: CatalogKind(kind), word: kind == .secret ? "Secret" : "Network rule",
                             operation: "DROP \(kind.rawValue)", ifExists: ifExists)
    }

    /// DROP <kind> [IF EXISTS] name for a schema object the catalog drops whole (network rules,
    /// secrets, file formats): OWNERSHIP needed; an invisible object is missing (002003 `<word> 'name'`).
    func dropSchemaObject(_ written: ObjectName, kind: CatalogKind, word: String, operation: String, ifExists: Bool) throws -> ResultSet {
        let parts = try session.nameParts(written)
        let name = try session.qualify(parts, database: session.currentDatabase, schema: session.currentSchema, operation: operation)
        let missing = SnowflakeError.doesNotExist(word, parts.joined(separator: "."))
        let access = try access
        guard let object = try catalog.object(database: name.database, schema: name.schema, name: name.name, kinds: [kind]),
              (try? access.requireReach(database: object.database, schema: object.schema, missing: missing)) != nil,
              access.canSee(object) else {
            if ifExists { return Executor.alreadyDropped(name.name) }
            throw missing
        }
        try access.requireOwnership(Authorization.securable(object), name: object.name)
        try catalog.dropObject(object)
        return Executor.dropped(name.name)
    }

    // MARK: - Pieces

    /// The result of SHOW or DESCRIBE over these kinds: `created_on` a timestamp,
    /// `entries_in_valuelist` a number, every other column a string.
    static func resultSet(_ names: [String], _ rows: [[Value]]) -> ResultSet {
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
