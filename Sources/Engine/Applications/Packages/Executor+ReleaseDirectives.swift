// Executor+ReleaseDirectives: SET, MODIFY and UNSET RELEASE DIRECTIVE, SHOW RELEASE DIRECTIVES, and
// what makes a directive matter — the applications installed from the package follow it (issue 20,
// item 3). Snowflake queues an upgrade of every installed application the changed directive targets
// and runs it later; here it runs inside the ALTER APPLICATION PACKAGE statement, one application at
// a time, each in a savepoint of its own. An upgrade whose setup script (or version initializer)
// fails is rolled back, the application stays on its version and DESCRIBE APPLICATION reports it as
// Snowflake does (upgrade_state FAILED, the target, the attempt and `[ErrorCode n] message`); the
// ALTER APPLICATION PACKAGE itself still succeeds, as the upgrade is not part of it in Snowflake.
// Only applications installed from the release directive follow it: one installed USING VERSION is
// pinned until upgraded by hand [?], and one installed from staged files never follows.
//
// SHOW RELEASE DIRECTIVES lists DEFAULT first when set, then the custom directives by name, one row
// per target account; the region and release-channel columns describe Snowflake's rollout, which a
// single local account does not have: active_regions is SNOWLITE_LOCAL (CURRENT_REGION), the release
// is DEPLOYED when it was set, pending_regions and release_channel_name are NULL.
// https://docs.snowflake.com/en/sql-reference/sql/alter-application-package-release-directive,
// …/show-release-directives, …/developer-guide/native-apps/update-app-upgrade

import Foundation
import GRDB
import SnowSQL

extension Executor {
    /// SET | MODIFY | UNSET RELEASE DIRECTIVE d on `package` (already checked alterable).
    func releaseDirective(_ action: ReleaseDirectiveAction, of package: AccountObjectRecord) throws -> ResultSet {
        var directives = package.customReleaseDirectives
        switch action {
        case .set(let written, let accounts, let version, let patch):
            let name = try directiveName(written, clause: "SET RELEASE DIRECTIVE")
            try requirePatch(version.name, patch, of: package)
            let targets = accounts.map { $0.organization.name + "." + $0.account.name }
            for target in targets {
                if let other = directives.first(where: { $0.name != name && $0.accounts.contains(target) }) {
                    throw SnowflakeError.accountInOtherReleaseDirective(target, directive: other.name, package: package.name)
                }
            }
            if let index = directives.firstIndex(where: { $0.name == name }) {
                directives[index].accounts = targets
                (directives[index].version, directives[index].patch, directives[index].modifiedOn) = (version.name, patch, now)
            } else {
                directives.append(
                    ReleaseDirective(
                        name: name, accounts: targets, version: version.name, patch: patch,
                        createdOn: now, modifiedOn: nil))
            }
        case .modify(let written, let version, let patch):
            let name = try directiveName(written, clause: "MODIFY RELEASE DIRECTIVE")
            guard let index = directives.firstIndex(where: { $0.name == name }) else {
                throw SnowflakeError.releaseDirectiveNotFound(name, package: package.name)
            }
            try requirePatch(version.name, patch, of: package)
            (directives[index].version, directives[index].patch, directives[index].modifiedOn) = (version.name, patch, now)
        case .unset(let written):
            let name = try directiveName(written, clause: "UNSET RELEASE DIRECTIVE")
            guard directives.contains(where: { $0.name == name }) else {
                throw SnowflakeError.releaseDirectiveNotFound(name, package: package.name)
            }
            directives.removeAll { $0.name == name }
        }
        try catalog.updateAccountObjectProperties(
            kind: package.kind, name: package.name,
            try package.withCustomReleaseDirectives(directives))
        try followReleaseDirectives(of: package.name)
        return .success
    }

    /// A custom directive's name as stored; DEFAULT is the default directive's.
    private func directiveName(_ written: Identifier, clause: String) throws -> String {
        guard written.name.uppercased() != "DEFAULT" || written.quoted else { throw SnowflakeError.defaultReleaseDirectiveName(clause) }
        return written.name
    }

    /// The version exists (093031) and has the patch (093036).
    func requirePatch(_ version: String, _ patch: Int, of package: AccountObjectRecord) throws {
        let patches = try catalog.applicationVersionRecords(package: package.name, version: version)
        guard !patches.isEmpty else { throw SnowflakeError.versionNotFound(version, package: package.name) }
        guard patches.contains(where: { $0.patch == patch }) else {
            throw SnowflakeError.patchNotFound(patch, version: version, package: package.name)
        }
    }

    // MARK: - Following the directive

    /// Upgrades each application installed from `package`'s release directive whose directive now
    /// names another version or patch. A failure is recorded on the application, not raised.
    func followReleaseDirectives(of package: String) throws {
        guard let record = try catalog.accountObject(kind: .applicationPackage, name: package),
            let target = record.releaseDirective(for: session.directiveAccount)
        else { return }
        let applications = try catalog.accountObjects(kind: .application).filter {
            $0.package == package && $0.installationSource == .releaseDirective
        }
        for application in applications {
            let current = (application.properties["version"] ?? "", Int(application.properties["patch"] ?? "") ?? -1)
            guard current != (target.version, target.patch) else { continue }
            do {
                try Session.inSavepoint(db) { try upgradeApplication(application, from: .releaseDirective) }
            } catch let error as SnowflakeError {
                try recordFailedUpgrade(application, target: target, error)
            }
        }
    }

    /// ALTER APPLICATION … UPGRADE's work, and a directive's: drop the versioned schemas the
    /// installed version made, run the new version's setup script and version initializer. When
    /// that fails inside a savepoint the caller rolls back, the application keeps its version.
    func upgradeApplication(_ record: AccountObjectRecord, from source: CreateApplication.Source) throws {
        for schema in record.versionedSchemas {
            try catalog.dropSchema(database: record.name, name: schema)
        }
        try install(record, from: source)
    }

    /// DESCRIBE APPLICATION's upgrade_* rows after a failed upgrade to `target`; then, as Snowflake
    /// does, the version initializer of the version the application stays on runs again.
    private func recordFailedUpgrade(
        _ application: AccountObjectRecord, target: (version: String, patch: Int),
        _ error: SnowflakeError
    ) throws {
        var updated = try catalog.accountObject(kind: .application, name: application.name) ?? application
        let attempt = (Int(updated.properties["upgrade_attempt"] ?? "") ?? 0) + 1
        updated.properties["upgrade_state"] = "FAILED"
        updated.properties["upgrade_target_version"] = target.version
        updated.properties["upgrade_target_patch"] = String(target.patch)
        updated.properties["upgrade_attempt"] = String(attempt)
        updated.properties["upgrade_failure_type"] = "VERSION_SETUP"
        updated.properties["upgrade_failure_reason"] = "[ErrorCode \(Int(error.code) ?? 0)] \(error.message)"
        try catalog.updateAccountObject(updated)
        try? Session.inSavepoint(db) { try rerunVersionInitializer(of: updated) }
    }

    // MARK: - SHOW RELEASE DIRECTIVES

    /// SHOW RELEASE DIRECTIVES [LIKE '…'] IN APPLICATION PACKAGE p: DEFAULT (when set), then each
    /// custom directive by name, one row per target account; LIKE matches the directive's name.
    func showReleaseDirectives(of package: AccountObjectRecord, like: String?) throws -> ResultSet {
        var rows: [[Value]] = []
        func row(
            _ name: String, _ type: String, _ target: String?, _ created: String, _ version: String, _ patch: Int,
            _ modified: String?
        ) -> [Value] {
            [
                .string(name), .string(type), target.map(Value.string) ?? .null, .timestamp(created), .string(version),
                .integer(Int64(patch)), modified.map(Value.timestamp) ?? .null, .string(FunctionLibrary.region), .null,
                .string("DEPLOYED"), .timestamp(modified ?? created), .null,
            ]
        }
        if let directive = package.defaultReleaseDirective {
            let created = package.properties["default_directive_created_on"] ?? package.createdOn
            rows.append(
                row(
                    "DEFAULT", "DEFAULT", nil, created, directive.version, directive.patch,
                    package.properties["default_directive_modified_on"]))
        }
        for directive in package.customReleaseDirectives {
            for account in directive.accounts {
                rows.append(
                    row(
                        directive.name, "ACCOUNT", account, directive.createdOn, directive.version, directive.patch,
                        directive.modifiedOn))
            }
        }
        if let like { rows = rows.filter { Executor.matchesLike($0[0].displayText() ?? "", like) } }
        let names = [
            "name", "target_type", "target_name", "created_on", "version", "patch", "modified_on", "active_regions",
            "pending_regions", "release_status", "deployed_on", "release_channel_name",
        ]
        return ResultSet(
            columns: names.map { name in
                switch name {
                case "created_on", "modified_on", "deployed_on": return ResultColumn(name, .timestampLTZ)
                case "patch": return ResultColumn(name, .integer)
                default: return ResultColumn(name, .string)
                }
            }, rows: rows)
    }
}
