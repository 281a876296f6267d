// Catalog+ApplicationVersions: the catalog side of application packages (spec §5.1). A package is a row of
// `sl_account_object`, kind `APPLICATION PACKAGE` (its DISTRIBUTION, MULTIPLE_INSTANCES and default
// release directive in `properties`). A version's patch is a row of `sl_app_version` (label, the
// manifest text, and `properties`: comment, log_level, trace_level, metric_level); its files are
// rows of `sl_app_version_file`, a snapshot of the stage folder taken at ADD VERSION / ADD PATCH,
// by path relative to the folder, whose bytes are the `sl_blob` rows the stage files already used
// (so dropping or re-staging the stage leaves a version intact).
//
// The API CREATE APPLICATION uses:
//   `catalog.applicationVersion(package:version:patch:)` → the manifest text and the files (path, md5),
//   `catalog.applicationVersionFile(package:version:patch:path:)` → one file's bytes, or nil,
//   `catalog.defaultReleaseDirective(package:)` → the (version, patch) SET DEFAULT RELEASE DIRECTIVE chose.

import Foundation
import GRDB

/// One patch of one version, as SHOW VERSIONS lists it.
struct ApplicationVersionRecord: Equatable {
    var package: String
    var version: String
    var patch: Int
    var label: String?
    var manifest: String
    var createdOn: String
    var properties: [String: String]
}

/// What CREATE APPLICATION needs of a version: its manifest and the files of its folder.
struct ApplicationVersionContent: Equatable {
    var manifest: String
    /// Paths relative to the version's folder (`setup.sql`, `streamlit/app.py`), by path.
    var files: [(path: String, md5: String)]

    static func == (a: ApplicationVersionContent, b: ApplicationVersionContent) -> Bool {
        a.manifest == b.manifest && a.files.map(\.path) == b.files.map(\.path) && a.files.map(\.md5) == b.files.map(\.md5)
    }
}

extension AccountObjectRecord {
    // MARK: - An application's properties

    /// The manifest text of the version an application runs ("" before its first install).
    var manifestText: String { properties["manifest"] ?? "" }

    /// The application package an application was installed from.
    var package: String? { properties["package"] }

    /// The schemas an application's setup script created VERSIONED (dropped at upgrade).
    var versionedSchemas: [String] { (properties["versioned_schemas"] ?? "").split(separator: ",").map(String.init) }

    /// ALTER APPLICATION SET DEBUG_MODE = TRUE: its owner acts with its privileges too.
    var isInDebugMode: Bool { properties["debug_mode"] == "TRUE" }

    // MARK: - A package's properties

    /// The version and patch SET DEFAULT RELEASE DIRECTIVE chose, if any.
    var defaultReleaseDirective: (version: String, patch: Int)? {
        guard let version = properties["default_version"], let patch = properties["default_patch"].flatMap({ Int($0) }) else {
            return nil
        }
        return (version, patch)
    }
}

extension Catalog {
    // MARK: - Reading (CREATE APPLICATION)

    /// The manifest and files of `package` `version` `patch` (names as stored: upper case unless
    /// quoted), or nil when there is no such patch.
    func applicationVersion(package: String, version: String, patch: Int) throws -> ApplicationVersionContent? {
        guard let record = try applicationVersionRecords(package: package, version: version).first(where: { $0.patch == patch }) else {
            return nil
        }
        let files = try Row.fetchAll(db, sql: """
            SELECT path, md5 FROM sl_app_version_file WHERE package_name = ? AND version = ? AND patch = ? ORDER BY path
            """, arguments: [package, version, patch]).map { row -> (path: String, md5: String) in (row["path"], row["md5"]) }
        return ApplicationVersionContent(manifest: record.manifest, files: files)
    }

    /// The bytes of the file at `path` (relative to the version's folder, case-sensitive), or nil.
    func applicationVersionFile(package: String, version: String, patch: Int, path: String) throws -> Data? {
        guard let md5 = try String.fetchOne(db, sql: """
            SELECT md5 FROM sl_app_version_file WHERE package_name = ? AND version = ? AND patch = ? AND path = ?
            """, arguments: [package, version, patch, path]) else { return nil }
        return try blob(md5: md5)
    }

    /// The version and patch of the package's default release directive, if one was set.
    func defaultReleaseDirective(package: String) throws -> (version: String, patch: Int)? {
        try accountObject(kind: .applicationPackage, name: package)?.defaultReleaseDirective
    }

    /// The highest patch of `version` (0 when the version has none): what USING VERSION v installs.
    func latestPatch(package: String, version: String) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT MAX(patch) FROM sl_app_version WHERE package_name = ? AND version = ?",
                         arguments: [package, version]) ?? 0
    }

    /// Every patch of the package (of one version when `version` is given), by version then patch.
    func applicationVersionRecords(package: String, version: String? = nil) throws -> [ApplicationVersionRecord] {
        var sql = "SELECT * FROM sl_app_version WHERE package_name = ?"
        var arguments: [String] = [package]
        if let version {
            sql += " AND version = ?"
            arguments.append(version)
        }
        return try Row.fetchAll(db, sql: sql + " ORDER BY version, patch", arguments: StatementArguments(arguments)).map { row in
            let properties = try Catalog.storedProperties(row["properties"], of: row["version"])
            return ApplicationVersionRecord(package: row["package_name"], version: row["version"], patch: row["patch"],
                                            label: row["label"], manifest: row["manifest"], createdOn: row["created_on"],
                                            properties: properties)
        }
    }

    // MARK: - Writing

    /// Records a patch and its files; each md5 must name a stored blob (the stage's files).
    func insertApplicationVersion(_ record: ApplicationVersionRecord, files: [(path: String, md5: String)]) throws {
        let data = try JSONSerialization.data(withJSONObject: record.properties, options: [.sortedKeys])
        try db.execute(sql: """
            INSERT INTO sl_app_version (package_name, version, patch, label, manifest, created_on, properties)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [record.package, record.version, record.patch, record.label, record.manifest, record.createdOn,
                             String(decoding: data, as: UTF8.self)])
        for file in files {
            try db.execute(sql: """
                INSERT INTO sl_app_version_file (package_name, version, patch, path, md5) VALUES (?, ?, ?, ?, ?)
                """, arguments: [record.package, record.version, record.patch, file.path, file.md5])
        }
    }

    /// Deletes the package's versions (one version's patches when `version` is given) and the
    /// blobs no stage file or other version still names.
    func dropApplicationVersions(package: String, version: String? = nil) throws {
        var filter = "package_name = ?"
        var arguments: [String] = [package]
        if let version {
            filter += " AND version = ?"
            arguments.append(version)
        }
        let md5s = try String.fetchAll(db, sql: "SELECT DISTINCT md5 FROM sl_app_version_file WHERE " + filter,
                                       arguments: StatementArguments(arguments))
        try db.execute(sql: "DELETE FROM sl_app_version_file WHERE " + filter, arguments: StatementArguments(arguments))
        try db.execute(sql: "DELETE FROM sl_app_version WHERE " + filter, arguments: StatementArguments(arguments))
        for md5 in md5s {
            try db.execute(sql: """
                DELETE FROM sl_blob WHERE md5 = ?
                  AND NOT EXISTS (SELECT 1 FROM sl_stage_file WHERE md5 = ?)
                  AND NOT EXISTS (SELECT 1 FROM sl_app_version_file WHERE md5 = ?)
                """, arguments: [md5, md5, md5])
        }
    }

    /// Replaces a package's properties (the default release directive).
    func updateAccountObjectProperties(kind: CatalogKind, name: String, _ properties: [String: String]) throws {
        let data = try JSONSerialization.data(withJSONObject: properties, options: [.sortedKeys])
        try db.execute(sql: "UPDATE sl_account_object SET properties = ? WHERE kind = ? AND name = ?",
                       arguments: [String(decoding: data, as: UTF8.self), kind.rawValue, name])
    }
}
