// Executor+ApplicationUpgrade: ALTER APPLICATION (spec §5.2). SET DEBUG_MODE / COMMENT change the
// record; in debug mode the application's owner acts with the application's own privileges as
// well (Authorization.load), so a developer sees and queries the state tables inside. UPGRADE
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
        let parts = try session.nameParts(written)
        guard parts.count == 1, let record = try catalog.accountObject(kind: Executor.applicationKind, name: parts[0]),
              try access.authorizer.owns(Authorization.securable(record)) || session.heldRoles(db).contains("ACCOUNTADMIN") else {
            if ifExists { return .success }
            throw SnowflakeError.doesNotExist("Application", parts.joined(separator: "."))
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
            session.grantsChanged()
            return .success
        case .upgrade(let source):
            try checkUpgradeSource(source, of: record)
            for schema in (record.properties["versioned_schemas"] ?? "").split(separator: ",") {
                try catalog.dropSchema(database: record.name, name: String(schema))
            }
            try install(record, from: source)
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

    /// An application installed from staged files upgrades from staged files, one installed from a
    /// version from a version.
    private func checkUpgradeSource(_ source: CreateApplication.Source, of record: AccountObjectRecord) throws {
        let fromStage = record.properties["version"] == "UNVERSIONED"
        switch source {
        case .stage where !fromStage:
            throw SnowflakeError.compilationError(
                "Application '\(record.name)' was installed from a version; upgrade it with UPGRADE or UPGRADE USING VERSION.")
        case .version where fromStage, .releaseDirective where fromStage:
            throw SnowflakeError.compilationError(
                "Application '\(record.name)' was installed from staged files; upgrade it with UPGRADE USING '<@stage/path>'.")
        default:
            break
        }
    }
}
