// Executor+ApplicationPackages: application packages and their versions (spec §5.1) — CREATE, DROP
// and SHOW APPLICATION PACKAGES, ALTER APPLICATION PACKAGE … ADD VERSION | ADD PATCH | DROP VERSION
// | SET DEFAULT RELEASE DIRECTIVE, and SHOW VERSIONS IN APPLICATION PACKAGE.
//
// ADD VERSION reads a stage folder (READ on the stage), requires `manifest.yml` at its root, reads
// it with ManifestParser (Yams), requires the manifest's setup script in
// the folder, then snapshots every file under the folder into the catalog (Catalog+ApplicationVersions.swift).
//
// Choices where Snowflake's behaviour is not documented [?]:
//   - messages name the package and version as stored (upper case when unquoted), where the docs
//     show them as typed: `Application Package 'PKG' created successfully.`;
//   - error codes and wording for a missing manifest or setup script, a duplicate or missing
//     version, and a missing version id (see the `SnowflakeError` factories at the end);
//   - altering a package takes its ownership, or ACCOUNTADMIN (MANAGE VERSIONS is not modelled);
//   - SET DEFAULT RELEASE DIRECTIVE and DROP VERSION answer `Statement executed successfully.`
// https://docs.snowflake.com/en/sql-reference/sql/create-application-package,
// …/alter-application-package-version, …/show-application-packages, …/show-versions

import Foundation
import GRDB
import Security
import SnowSQL

extension Executor {
    func applicationPackage(_ statement: ApplicationPackageStatement) throws -> ResultSet {
        switch statement {
        case .create(let create): return try createApplicationPackage(create)
        case .drop(let name, let ifExists): return try dropApplicationPackage(name, ifExists: ifExists)
        case .show(let like, let startsWith, let limit):
            return try showApplicationPackages(like: like, startsWith: startsWith, limit: limit)
        case .showVersions(let name, let like): return try showVersions(of: name, like: like)
        case .showSharedContent(let name, let version): return try showSharedContent(in: name, version: version)
        case .describe(let name): return try describeApplicationPackage(name)
        case .showReleaseDirectives(let written, let like):
            let name = try packageName(written)
            guard let package = try visiblePackage(name) else { throw Executor.missingPackage(name) }
            return try showReleaseDirectives(of: package, like: like)
        case .alter(let alter):
            let package = try alterablePackage(alter.name)
            if let done = try declarativeAction(alter.action, of: package) { return done }
            switch alter.action {
            case .addVersion(let version, let location, let label):
                return try addVersion(to: package, version: version, patch: nil, location: location, label: label)
            case .addPatch(let patch, let version, let location, let label):
                return try addVersion(to: package, version: version, patch: .some(patch), location: location, label: label)
            case .dropVersion(let version): return try dropVersion(version.name, of: package)
            case .setDefaultReleaseDirective(let version, let patch):
                return try setDefaultReleaseDirective(of: package, version: version.name, patch: patch)
            case .addLiveVersion, .addLiveVersionFrom, .build, .commit, .release, .abortLiveVersion:
                throw SnowflakeError.internalError("a declarative package's action reached the native path")
            case .releaseDirective(let action): return try releaseDirective(action, of: package)
            }
        }
    }

    // MARK: - CREATE, DROP

    /// CREATE APPLICATION PACKAGE: needs CREATE APPLICATION PACKAGE on the account (ACCOUNTADMIN's by
    /// default); the creating role owns the package.
    func createApplicationPackage(_ create: CreateNamedObject) throws -> ResultSet {
        try Executor.checkModifiers(create.modifiers)
        let kind = CatalogKind.applicationPackage
        let name = try packageName(create.name)
        try access.requireAccount(.createApplicationPackage)
        // A package is also a database (its shared content): the name is one database's.
        if let database = try catalog.database(name), database.kind != .applicationPackage, !create.modifiers.ifNotExists {
            throw SnowflakeError.alreadyExists(name)
        }
        if let done = try prepareCreate(existing: try catalog.accountObject(kind: kind, name: name).map(Authorization.securable),
                                        name: name, written: name, modifiers: create.modifiers,
                                        drop: { try removePackage(name) }) { return done }
        var properties = ["distribution": "INTERNAL", "multiple_instances": "FALSE", "enable_release_channels": "FALSE"]
        var comment: String?
        for property in create.properties {
            switch property.name {
            case "COMMENT": comment = property.value.text
            case "DISTRIBUTION":
                let value = property.value.text.uppercased()
                guard value == "INTERNAL" || value == "EXTERNAL" else {
                    throw SnowflakeError.compilationError("invalid value '\(property.value.text)' for property 'DISTRIBUTION'")
                }
                properties["distribution"] = value
            case "TYPE":
                let value = property.value.text.uppercased()
                guard value == "DATA" || value == "NATIVE" else {
                    throw SnowflakeError.compilationError("invalid value '\(property.value.text)' for property 'TYPE'")
                }
                properties["type"] = value
            default: properties[property.name.lowercased()] = property.value.text.uppercased()
            }
        }
        // With TYPE = DATA the command's other parameters are not supported (the docs).
        if properties["type"] == "DATA", let other = create.properties.first(where: { $0.name != "TYPE" }) {
            throw SnowflakeError.unsupported("\(other.name) with TYPE = DATA")
        }
        try catalog.insertAccountObject(AccountObjectRecord(kind: kind, name: name, owner: session.currentRole ?? "",
                                                            comment: comment, createdOn: now, properties: properties))
        try insertPackageDatabase(name, owner: session.currentRole ?? "", comment: comment)
        return .status("Application Package '\(name)' created successfully.")
    }

    /// DROP APPLICATION PACKAGE [IF EXISTS]: the owner drops it with its versions. Applications
    /// installed from it stay (spec §5.1); there are none to keep yet.
    func dropApplicationPackage(_ written: ObjectName, ifExists: Bool) throws -> ResultSet {
        let name = try packageName(written)
        guard let package = try visiblePackage(name) else {
            if ifExists { return Executor.alreadyDropped(name) }
            throw Executor.missingPackage(name)
        }
        try access.requireOwnership(Authorization.securable(package), name: package.name)
        try removePackage(name)
        return Executor.dropped(name)
    }

    private func removePackage(_ name: String) throws {
        try catalog.dropApplicationVersions(package: name)
        try catalog.dropAccountObject(kind: .applicationPackage, name: name)
        if try catalog.database(name)?.kind == .applicationPackage { try catalog.dropDatabase(name) }
        try catalog.removeAllStageFiles(of: Executor.liveVersionStage(name))
    }

    // MARK: - Names and access

    /// The package's one-part name as stored.
    func packageName(_ written: ObjectName) throws -> String {
        let parts = try session.nameParts(written)
        guard parts.count == 1 else {
            throw SnowflakeError.compilationError("invalid application package name '\(parts.joined(separator: "."))'")
        }
        return parts[0]
    }

    static func missingPackage(_ name: String) -> SnowflakeError { .doesNotExist("Application package", name) }

    /// The package, when the role holds some privilege on it or MANAGE GRANTS (which sees everything).
    func visiblePackage(_ name: String) throws -> AccountObjectRecord? {
        guard let package = try catalog.accountObject(kind: .applicationPackage, name: name) else { return nil }
        let access = try access
        return access.canSee(package) || access.authorizer.canManageGrants ? package : nil
    }

    /// The package ALTER names: visible (else 002003), owned or ACCOUNTADMIN (else 003001).
    func alterablePackage(_ written: ObjectName) throws -> AccountObjectRecord {
        let name = try packageName(written)
        guard let package = try visiblePackage(name) else { throw Executor.missingPackage(name) }
        let access = try access
        let securable = Authorization.securable(package)
        guard access.authorizer.owns(securable) || access.activeRoles.contains("ACCOUNTADMIN") else {
            throw access.insufficient(securable, name: package.name)
        }
        return package
    }

    // MARK: - ADD VERSION, ADD PATCH

    private static let versionColumns = [ResultColumn("status", .string), ResultColumn("version", .string),
                                         ResultColumn("patch", .integer)]

    /// The files under a stage folder (READ on the stage), by path relative to it, and the folder
    /// as messages write it (`@DB.S.STAGE/v1`).
    func stagedFolder(_ location: StageLocation, operation: String) throws -> (written: String, files: [(path: String, md5: String)]) {
        let stage = try resolveStage(location, operation: operation, privilege: .read)
        let folder = location.path.split(separator: "/").joined(separator: "/")
        let written = "@" + ([stage.database, stage.schema, stage.name].joined(separator: ".")) + (folder.isEmpty ? "" : "/" + folder)
        let prefix = folder.isEmpty ? "" : folder + "/"
        return (written, try catalog.stageFiles(stage: stage, prefix: prefix).map { file in
            (path: String(file.path.dropFirst(prefix.count)), md5: file.md5)
        })
    }

    /// ADD VERSION (`patch` nil) or ADD PATCH (`patch` .some: the number written, or nil for the next).
    /// Everything is checked before anything is written.
    private func addVersion(to package: AccountObjectRecord, version written: Identifier?, patch: Int??,
                            location: StageLocation, label: String?) throws -> ResultSet {
        let reader = ManifestParser()
        let (where_, files) = try stagedFolder(location, operation: "ALTER APPLICATION PACKAGE")
        guard let manifestFile = files.first(where: { $0.path == "manifest.yml" }) else {
            throw SnowflakeError.manifestNotFound(where_)
        }
        let manifestText = String(decoding: try catalog.blob(md5: manifestFile.md5), as: UTF8.self)
        let manifest = try reader.read(manifestText)
        let setupScript = manifest.setupScript.hasPrefix("./") ? String(manifest.setupScript.dropFirst(2)) : manifest.setupScript
        guard files.contains(where: { $0.path == setupScript }) else {
            throw SnowflakeError.setupScriptNotFound(manifest.setupScript, where_)
        }

        let version = try versionName(written, manifest: manifest)
        let existing = try catalog.applicationVersionRecords(package: package.name, version: version)
        let patchNumber: Int
        if let patch {
            guard !existing.isEmpty else { throw SnowflakeError.versionNotFound(version, package: package.name) }
            let next = (existing.map(\.patch).max() ?? -1) + 1
            patchNumber = patch ?? next
            if existing.contains(where: { $0.patch == patchNumber }) {
                throw SnowflakeError.patchExists(patchNumber, version: version, package: package.name)
            }
            if let highest = existing.map(\.patch).max(), patchNumber < highest {
                throw SnowflakeError.nonIncreasingPatch(patchNumber, highest: highest, version: version)
            }
            guard patchNumber <= 130 else {
                throw SnowflakeError.compilationError("Version '\(version)' cannot have more than 130 patches.")
            }
        } else {
            guard existing.isEmpty else { throw SnowflakeError.versionExists(version, package: package.name) }
            guard Set(try catalog.applicationVersionRecords(package: package.name).map(\.version)).count < 2 else {
                throw SnowflakeError.tooManyVersions(package: package.name)
            }
            patchNumber = 0
        }

        var properties: [String: String] = [:]
        properties["comment"] = manifest.version?.comment
        properties["log_level"] = manifest.logLevel
        properties["trace_level"] = manifest.traceLevel
        properties["metric_level"] = manifest.metricLevel
        properties["setup_script"] = setupScript
        let record = ApplicationVersionRecord(package: package.name, version: version, patch: patchNumber,
                                              label: label ?? manifest.version?.label, manifest: manifestText,
                                              createdOn: now, properties: properties)
        try catalog.insertApplicationVersion(record, files: files)
        let message = patch == nil
            ? "Version '\(version)' of application package '\(package.name)' created successfully."
            : "Patch \(patchNumber) for version '\(version)' of application package '\(package.name)' created successfully."
        return ResultSet(columns: Executor.versionColumns,
                         rows: [[.string(message), .string(version), .integer(Int64(patchNumber))]], kind: .status)
    }

    /// The version id: the one written, else the manifest's `version.name` read as an identifier
    /// (unquoted → upper case). At most 30 characters.
    private func versionName(_ written: Identifier?, manifest: ApplicationManifest) throws -> String {
        let name: String
        if let written {
            name = written.name
        } else if let fromManifest = manifest.version?.name {
            guard let parts = try? Parser.parseQualifiedName(fromManifest), parts.count == 1 else {
                throw SnowflakeError.invalidManifest("Invalid value '\(fromManifest)' provided for 'version.name'")
            }
            name = parts[0].name
        } else {
            throw SnowflakeError.compilationError(
                "A version identifier is required: name one in ADD VERSION or in the manifest's 'version.name'.")
        }
        guard name.count <= 30 else {
            throw SnowflakeError.compilationError("Version identifier '\(name)' is longer than 30 characters.")
        }
        return name
    }

    // MARK: - DROP VERSION, SET DEFAULT RELEASE DIRECTIVE

    /// DROP VERSION v: every patch of it, unless a release directive names it.
    private func dropVersion(_ version: String, of package: AccountObjectRecord) throws -> ResultSet {
        guard try !catalog.applicationVersionRecords(package: package.name, version: version).isEmpty else {
            throw SnowflakeError.versionNotFound(version, package: package.name)
        }
        if package.releaseDirectivesName(version: version) {
            throw SnowflakeError.versionInReleaseDirective(version, package: package.name)
        }
        try catalog.dropApplicationVersions(package: package.name, version: version)
        return .success
    }

    /// SET DEFAULT RELEASE DIRECTIVE VERSION = v PATCH = n: what CREATE APPLICATION … FROM
    /// APPLICATION PACKAGE installs when no version is named; the applications installed from it follow.
    func setDefaultReleaseDirective(of package: AccountObjectRecord, version: String, patch: Int) throws -> ResultSet {
        try requirePatch(version, patch, of: package)
        var properties = package.properties
        if properties["default_version"] == nil { properties["default_directive_created_on"] = now } else {
            properties["default_directive_modified_on"] = now
        }
        properties["default_version"] = version
        properties["default_patch"] = String(patch)
        try catalog.updateAccountObjectProperties(kind: package.kind, name: package.name, properties)
        try followReleaseDirectives(of: package.name)
        return .success
    }

    // MARK: - SHOW

    static func showColumns(_ names: [String]) -> [ResultColumn] {
        names.map { name in
            switch name {
            case "created_on", "dropped_on": return ResultColumn(name, .timestampLTZ)
            case "retention_time", "patch": return ResultColumn(name, .integer)
            default: return ResultColumn(name, .string)
            }
        }
    }

    /// SHOW APPLICATION PACKAGES: the packages the role sees, by name. Columns as documented, then
    /// `owner_role_type` and `release_channels` [? newer accounts].
    func showApplicationPackages(like: String?, startsWith: String?, limit: Int?) throws -> ResultSet {
        let access = try access
        var rows = try catalog.accountObjects(kind: .applicationPackage)
            .filter { access.canSee($0) || access.authorizer.canManageGrants }
            .filter { package in like.map { Executor.matchesLike(package.name, $0) } ?? true }
            .filter { package in startsWith.map { package.name.hasPrefix($0) } ?? true }
            .map { p -> [Value] in
                [.timestamp(p.createdOn), .string(p.name), .string("N"), .string("N"),
                 .string(p.properties["distribution"] ?? "INTERNAL"), .string(p.owner), .string(p.comment ?? ""), .string(""),
                 .integer(1), .null, .null, .string(p.properties["multiple_instances"] ?? "FALSE"), .string("NATIVE"),
                 .string("ROLE"), .string(p.properties["enable_release_channels"] == "TRUE" ? "ENABLED" : "DISABLED")]
            }
        if let limit { rows = Array(rows.prefix(limit)) }
        return ResultSet(columns: Executor.showColumns([
            "created_on", "name", "is_default", "is_current", "distribution", "owner", "comment", "options", "retention_time",
            "dropped_on", "application_class", "multiple_instances", "type", "owner_role_type", "release_channels",
        ]), rows: rows)
    }

    /// SHOW VERSIONS [LIKE …] IN APPLICATION PACKAGE name: one row per patch, by version then patch.
    func showVersions(of written: ObjectName, like: String?) throws -> ResultSet {
        let name = try packageName(written)
        guard let package = try visiblePackage(name) else { throw Executor.missingPackage(name) }
        let rows = try catalog.applicationVersionRecords(package: package.name)
            .filter { version in like.map { Executor.matchesLike(version.version, $0) } ?? true }
            .map { v -> [Value] in
                let p = v.properties
                return [.string(v.version), .integer(Int64(v.patch)), v.label.map(Value.string) ?? .null,
                        p["comment"].map(Value.string) ?? .null, .timestamp(v.createdOn), .null,
                        .string(p["log_level"] ?? "OFF"), .string(p["trace_level"] ?? "OFF"), .string("READY"),
                        .string("NOT_REVIEWED")]
            }
        return ResultSet(columns: Executor.showColumns([
            "version", "patch", "label", "comment", "created_on", "dropped_on", "log_level", "trace_level", "state",
            "review_status",
        ]), rows: rows)
    }
}
