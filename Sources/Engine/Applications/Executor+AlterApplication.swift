// Executor+AlterApplication: all of ALTER APPLICATION (spec §5.2): SET, UNSET REFERENCES (the
// work is in ApplicationReferences) and UPGRADE. SET DEBUG_MODE / COMMENT change the record; in
// debug mode the application's owner acts with the application's own privileges as well
// (Authorization.load), so a developer sees and queries the state tables inside. UPGRADE
// drops the versioned schemas the installed version made and runs the new version's setup script,
// in the statement's transaction: a failing script leaves the installed version as it was. Plain
// UPGRADE follows the package's default release directive; USING VERSION is for applications
// installed from a version, USING '@stage/path' for those installed from staged files.

import Foundation
import GRDB
import Security
import SnowSQL

extension Executor {
    func alterApplication(_ written: ObjectName, ifExists: Bool, _ action: AlterApplication) throws -> ResultSet {
        let record: AccountObjectRecord
        do {
            record = try visibleApplication(written)
        } catch let error as SnowflakeError where ifExists && error.code == "002003" {
            return .success
        }
        guard session.runningApplication == nil else { throw SnowflakeError.unsupported("ALTER APPLICATION inside a setup script") }
        switch action {
        case .set(let properties):
            var updated = record
            for property in properties {
                switch property.name {
                case "DEBUG_MODE": updated.properties["debug_mode"] = try Executor.debugMode(property.value)
                default: updated.comment = property.value.text
                }
            }
            try catalog.updateAccountObject(updated)
            return .success
        case .unsetReferences(let name, let alias):
            return try unsetReferences(of: record, name: name, alias: alias)
        case .upgrade(let source):
            try checkUpgradeSource(source, of: record)
            try upgradeApplication(record, from: source)
            return .status("Application '\(record.name)' upgraded successfully.")
        }
    }

    /// DEBUG_MODE's value as recorded: TRUE or FALSE.
    static func debugMode(_ value: PropertyValue) throws -> String {
        guard let on = Conversion.boolean(value.text) else {
            throw SnowflakeError.compilationError("invalid value [\(value.text)] for parameter 'DEBUG_MODE'")
        }
        return on ? "TRUE" : "FALSE"
    }

    /// DESCRIBE APPLICATION: property / value rows.
    func describeApplication(_ written: ObjectName) throws -> ResultSet {
        let record = try visibleApplication(written)
        let p = record.properties
        let rows: [(String, String?)] = [
            ("name", record.name), ("source_type", "APPLICATION PACKAGE"), ("source", p["package"]),
            ("version", p["version"]), ("patch", p["patch"].flatMap { $0.isEmpty ? nil : $0 }), ("label", p["label"]),
            ("comment", record.comment), ("owner", record.owner), ("debug_mode", p["debug_mode"]),
            ("log_level", p["log_level"].flatMap { $0.isEmpty ? nil : $0.uppercased() }), ("created_on", record.createdOn),
            ("upgrade_state", p["upgrade_state"] ?? "COMPLETE"), ("upgrade_target_version", p["upgrade_target_version"]),
            ("upgrade_target_patch", p["upgrade_target_patch"]), ("upgrade_attempt", p["upgrade_attempt"]),
            ("upgrade_failure_type", p["upgrade_failure_type"]), ("upgrade_failure_reason", p["upgrade_failure_reason"]),
        ]
        return ResultSet(columns: [ResultColumn("property", .string), ResultColumn("value", .string)],
                         rows: rows.map { [.string($0.0), $0.1.map(Value.string) ?? .null] })
    }

    /// SHOW APPLICATION ROLES IN APPLICATION: the roles its setup script made.
    func showApplicationRoles(_ written: ObjectName) throws -> ResultSet {
        let record = try visibleApplication(written)
        let prefix = Executor.rolePrefix(record.name)
        let rows = try applicationRoles(record.name).map { role -> [Value] in
            [.timestamp(role.createdOn), .string(String(role.name.dropFirst(prefix.count))), .string(record.name),
             .string(role.comment ?? ""), .string("APPLICATION")]
        }
        return ResultSet(columns: [ResultColumn("created_on", .timestampLTZ), ResultColumn("name", .string), ResultColumn("owner", .string),
                                   ResultColumn("comment", .string), ResultColumn("owner_role_type", .string)], rows: rows)
    }

    /// SHOW PRIVILEGES IN APPLICATION: each account privilege the manifest requests, and whether
    /// the consumer has granted it TO APPLICATION.
    func showApplicationPrivileges(_ written: ObjectName) throws -> ResultSet {
        let record = try visibleApplication(written)
        let reader = ManifestParser()
        let manifest = try reader.read(record.manifestText)
        let held = try Authorization.load(role: Executor.principal(record.name), db: db)
        let rows = manifest.privileges.map { privilege -> [Value] in
            [.string(privilege.name), .string(privilege.description), .boolean(held.holds(Privilege(privilege.name), on: .account)),
             .boolean(true)]
        }
        return ResultSet(columns: [ResultColumn("privilege", .string), ResultColumn("description", .string),
                                   ResultColumn("is_granted", .boolean), ResultColumn("is_grantable", .boolean)], rows: rows)
    }

    /// The application a statement names, if the session's roles own it (else 002003).
    func visibleApplication(_ written: ObjectName) throws -> AccountObjectRecord {
        let parts = try session.nameParts(written)
        guard parts.count == 1, let record = try catalog.accountObject(kind: .application, name: parts[0]),
              try access.authorizer.owns(Authorization.securable(record)) || access.activeRoles.contains("ACCOUNTADMIN") else {
            throw SnowflakeError.doesNotExist("Application", parts.joined(separator: "."))
        }
        return record
    }

    /// An application installed from staged files upgrades from staged files, one installed from a
    /// version from a version: the codes the Snowflake CLI reads as "drop and recreate" (093044/45/55).
    private func checkUpgradeSource(_ source: CreateApplication.Source, of record: AccountObjectRecord) throws {
        let fromStage = record.properties["version"] == "UNVERSIONED"
        switch source {
        case .stage where !fromStage:
            throw SnowflakeError.cannotUpgradeVersionedFromStage(record.name)
        case .version where fromStage:
            throw SnowflakeError.cannotUpgradeStaged(record.name, toVersion: true)
        case .releaseDirective where fromStage:
            throw SnowflakeError.cannotUpgradeStaged(record.name, toVersion: false)
        default:
            break
        }
    }
}
