// Executor+DeclarativePackages: declarative (data-only) application packages, `CREATE APPLICATION
// PACKAGE p TYPE = DATA`. Such a package has no setup script: its manifest names the provider's
// databases, schemas, tables and views to share and the app roles that may read them
// (DeclarativeManifest). It always has a LIVE version whose files are written with
// `PUT … snow://package/p/versions/LIVE/` (and read with LIST, GET, REMOVE): rows of sl_stage_file
// under the package's database, schema `VERSIONS$`, stage `LIVE`, which is no catalog object.
//   ALTER APPLICATION PACKAGE p BUILD               checks the live manifest and what it names
//   ALTER APPLICATION PACKAGE p COMMIT              the live files become version VERSION$n
//   ALTER APPLICATION PACKAGE p RELEASE             the last committed version is released:
//                                                   every application installed from p is upgraded to it
//   ALTER APPLICATION PACKAGE p RELEASE LIVE VERSION  the three at once
//   ALTER APPLICATION PACKAGE p ABORT LIVE VERSION  the live files are the last committed version's again
//   ALTER APPLICATION PACKAGE p ADD VERSION FROM @s/path   the live files are replaced by a stage folder's
//   SHOW SHARED CONTENT IN APPLICATION PACKAGE p [FOR VERSION v]
// Installing and upgrading an application from such a package is Executor+DeclarativeInstall.
//
// Choices where Snowflake's behaviour is not documented [?]: committed versions are numbered from
// VERSION$2 (the docs' first release reports VERSION$2, the package's empty first version being
// VERSION$1); the COMMIT, RELEASE, ABORT and ADD VERSION FROM messages and every error's wording
// and code; ADD LIVE VERSION while a live version exists (always, here) is refused.
// https://docs.snowflake.com/en/developer-guide/declarative-sharing/command-reference,
// …/declarative-sharing/package

import Foundation
import Security
import SnowSQL

extension AccountObjectRecord {
    /// CREATE APPLICATION PACKAGE … TYPE = DATA: a declarative package.
    var isDeclarativePackage: Bool { properties["type"] == "DATA" }
}

extension Executor {
    /// The schema name under which a declarative package's version files are kept.
    static let packageVersionsSchema = "VERSIONS$"

    /// The live version's file area of `package` (sl_stage_file rows; no catalog object).
    static func liveVersionStage(_ package: String) -> ObjectRecord {
        ObjectRecord(
            database: package, schema: packageVersionsSchema, name: "LIVE", kind: .stage, owner: "", comment: nil,
            createdOn: "", storageName: nil, definition: nil, properties: [:])
    }

    /// `snow://package/p/versions/LIVE`: the package exists and the role owns it (or is
    /// ACCOUNTADMIN), it is declarative, and the version is LIVE (committed versions are immutable).
    func packageVersionStage(_ package: Identifier, version: String) throws -> ObjectRecord {
        let record = try alterablePackage(.parts([package]))
        guard record.isDeclarativePackage else { throw SnowflakeError.notDeclarative(record.name, "snow://package") }
        guard version == "LIVE" else { throw SnowflakeError.unsupported("files of committed version \(version); only LIVE can be read or written") }
        return Executor.liveVersionStage(record.name)
    }

    /// The ALTER APPLICATION PACKAGE actions of declarative packages; nil for the others.
    func declarativeAction(_ action: AlterApplicationPackage.Action, of package: AccountObjectRecord) throws -> ResultSet? {
        let name = package.name
        switch action {
        case .addVersion, .addPatch, .dropVersion, .setDefaultReleaseDirective, .releaseDirective:
            if package.isDeclarativePackage {
                throw SnowflakeError.compilationError("Application package '\(name)' is of TYPE = DATA: its versions are made by COMMIT and RELEASE.")
            }
            return nil
        default: break
        }
        guard package.isDeclarativePackage else { throw SnowflakeError.notDeclarative(name, "ALTER APPLICATION PACKAGE … " + Executor.word(action)) }
        switch action {
        case .addLiveVersion:
            throw SnowflakeError.compilationError("Application package '\(name)' already has a live version.")
        case .addLiveVersionFrom(let location):
            let folder = try stagedFolder(location, operation: "ALTER APPLICATION PACKAGE")
            try replaceLiveFiles(of: name, with: folder.files)
            return .status("Replaced the live version of APPLICATION PACKAGE \(name) with the files of '\(folder.written)' successfully.")
        case .build:
            _ = try buildLiveVersion(of: package)
            return .status("Built the live version of APPLICATION PACKAGE \(name) successfully.")
        case .commit:
            let version = try commitLiveVersion(of: package)
            return .status("Committed the live version of APPLICATION PACKAGE \(name) as \(version) successfully.")
        case .release(let live):
            let version = live ? try commitLiveVersion(of: package) : try lastCommittedVersion(of: name)
            guard let version else { throw SnowflakeError.compilationError("Application package '\(name)' has no committed version to release.") }
            try releaseVersion(version, of: package)
            return .status(
                live
                    ? "Released LIVE version (\(version)) of APPLICATION PACKAGE \(name) successfully."
                    : "Released version (\(version)) of APPLICATION PACKAGE \(name) successfully.")
        case .abortLiveVersion:
            let committed = try lastCommittedVersion(of: name).flatMap { try catalog.applicationVersion(package: name, version: $0, patch: 0) }
            try replaceLiveFiles(of: name, with: committed?.files ?? [])
            return .status("Aborted the live version of APPLICATION PACKAGE \(name) successfully.")
        case .addVersion, .addPatch, .dropVersion, .setDefaultReleaseDirective, .releaseDirective:
            return nil
        }
    }

    private static func word(_ action: AlterApplicationPackage.Action) -> String {
        switch action {
        case .addLiveVersion: return "ADD LIVE VERSION"
        case .addLiveVersionFrom: return "ADD VERSION FROM"
        case .build: return "BUILD"
        case .commit: return "COMMIT"
        case .release(let live): return live ? "RELEASE LIVE VERSION" : "RELEASE"
        case .abortLiveVersion: return "ABORT LIVE VERSION"
        default: return "this action"
        }
    }

    // MARK: - The live version

    /// The live version's files replaced by `files` (path, md5 of stored blobs).
    private func replaceLiveFiles(of package: String, with files: [(path: String, md5: String)]) throws {
        let stage = Executor.liveVersionStage(package)
        try catalog.removeAllStageFiles(of: stage)
        let lastModified = Executor.lastModified(session.statementTime)
        for file in files {
            try catalog.putStageFile(stage: stage, path: file.path, content: Array(try catalog.blob(md5: file.md5)), lastModified: lastModified)
        }
    }

    /// The live manifest's text, read and checked against the catalog as the role sees it: every
    /// shared object exists as the kind declared and the role may SELECT it; every database a
    /// shared view reads is shared or listed in `required_databases`.
    func buildLiveVersion(of package: AccountObjectRecord) throws -> (text: String, files: [(path: String, md5: String)]) {
        let stage = Executor.liveVersionStage(package.name)
        let files = try catalog.stageFiles(stage: stage).map { (path: $0.path, md5: $0.md5) }
        guard let manifestFile = files.first(where: { $0.path == "manifest.yml" }) else {
            throw SnowflakeError.manifestNotFound("snow://package/\(package.name)/versions/LIVE")
        }
        let text = String(decoding: try catalog.blob(md5: manifestFile.md5), as: UTF8.self)
        try checkSharedContent(try DeclarativeManifest.read(text))
        return (text, files)
    }

    private func checkSharedContent(_ manifest: DeclarativeManifest) throws {
        let access = try access
        for database in manifest.requiredDatabases where try catalog.database(database) == nil {
            throw SnowflakeError.doesNotExist("Database", database)
        }
        let allowed = Set(manifest.databases + manifest.requiredDatabases)
        for schema in manifest.schemas {
            for object in schema.objects {
                let written = "\(schema.database).\(schema.name).\(object.name)"
                let missing = SnowflakeError.doesNotExist(object.kind == .view ? "View" : "Table", written)
                guard
                    let record = try catalog.object(
                        database: schema.database, schema: schema.name, name: object.name,
                        kinds: [object.kind])
                else { throw missing }
                try access.require(.select, on: record, missing: missing)
                guard object.kind == .view else { continue }
                if let other = try databasesRead(by: record).first(where: { !allowed.contains($0) }) {
                    throw SnowflakeError.invalidManifest(
                        """
                        View '\(written)' reads database '\(other)', which is neither shared nor listed in \
                        'shared_content.required_databases'.
                        """)
                }
            }
        }
    }

    /// BUILD, then the live files become the next version, VERSION$n (patch 0); returns its name.
    private func commitLiveVersion(of package: AccountObjectRecord) throws -> String {
        let built = try buildLiveVersion(of: package)
        let version = "VERSION$\((try committedVersionNumbers(of: package.name).last ?? 1) + 1)"
        try catalog.insertApplicationVersion(
            ApplicationVersionRecord(
                package: package.name, version: version, patch: 0, label: nil,
                manifest: built.text, createdOn: now, properties: [:]),
            files: built.files)
        return version
    }

    /// The committed versions' numbers (VERSION$n), in order.
    private func committedVersionNumbers(of package: String) throws -> [Int] {
        try catalog.applicationVersionRecords(package: package).compactMap {
            $0.version.hasPrefix("VERSION$") ? Int($0.version.dropFirst("VERSION$".count)) : nil
        }.sorted()
    }

    /// The newest committed version, if any.
    func lastCommittedVersion(of package: String) throws -> String? {
        try committedVersionNumbers(of: package).last.map { "VERSION$\($0)" }
    }

    /// The released version becomes the package's default release directive, which every application
    /// of a data-only package follows (Executor+ReleaseDirectives): each is upgraded now, in a
    /// savepoint; one that fails stays on its version, with the failure in DESCRIBE APPLICATION.
    private func releaseVersion(_ version: String, of package: AccountObjectRecord) throws {
        _ = try setDefaultReleaseDirective(of: package, version: version, patch: 0)
    }

    // MARK: - SHOW SHARED CONTENT

    /// version_name, database_name, schema_name, entity_name, entity_type: the live version's (when
    /// its manifest reads) and each committed version's shared tables and views.
    func showSharedContent(in written: ObjectName, version: Identifier?) throws -> ResultSet {
        let package = try alterablePackage(written)
        guard package.isDeclarativePackage else { throw SnowflakeError.notDeclarative(package.name, "SHOW SHARED CONTENT") }
        var manifests: [(String, String)] = []
        let stage = Executor.liveVersionStage(package.name)
        if let live = try catalog.stageFile(stage: stage, path: "manifest.yml") {
            manifests.append(("LIVE", String(decoding: try catalog.blob(md5: live.md5), as: UTF8.self)))
        }
        for record in try catalog.applicationVersionRecords(package: package.name) { manifests.append((record.version, record.manifest)) }
        var rows: [[Value]] = []
        for (name, text) in manifests where version.map({ $0.name == name }) ?? true {
            guard let manifest = try? DeclarativeManifest.read(text) else { continue }
            for schema in manifest.schemas {
                for object in schema.objects {
                    rows.append([
                        .string(name), .string(schema.database), .string(schema.name), .string(object.name),
                        .string(object.kind == .view ? "VIEW" : "TABLE"),
                    ])
                }
            }
        }
        return ResultSet(
            columns: Executor.showColumns(["version_name", "database_name", "schema_name", "entity_name", "entity_type"]),
            rows: rows)
    }
}
