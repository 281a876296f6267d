// Executor+NetworkRules: CREATE, ALTER (VALUE_LIST, COMMENT), SHOW and DESCRIBE NETWORK RULE
// (spec §6.1). A network rule is a schema object: TYPE, MODE (INGRESS unless written) and a
// VALUE_LIST, whose HOST_PORT entries are checked as host:port rules at CREATE and at ALTER. The
// dispatch, DROP and the IF NOT EXISTS / OR REPLACE preamble are in Executor+ExternalAccess.
// Wording chosen where Snowflake's is not documented [?] (spec §4.2): `Network rule X successfully
// created.` https://docs.snowflake.com/en/sql-reference/sql/create-network-rule

import Foundation
import GRDB
import Security
import SnowSQL

extension Executor {
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
}
