// Application packages and versions (spec §5.1): deploy.sql's statements exactly as the quickstart
// sends them, twice in a row (the redeploy recreates the stage database and the package); what
// ADD VERSION snapshots and the catalog API CREATE APPLICATION will read; ADD PATCH, DROP VERSION,
// SET DEFAULT RELEASE DIRECTIVE; SHOW APPLICATION PACKAGES and SHOW VERSIONS; and the exact text of
// every error — no manifest, an invalid manifest, a missing setup script, a duplicate version, a
// missing package (002003) and a role without the privilege (003001). Files are staged with PUT
// from a temporary folder; the sessions get the Apps manifest parser, as Snowlite.connect does.

import Foundation
import GRDB
import XCTest
@testable import Engine

final class ApplicationPackageTests: AccessControlTestCase {
    static let app = "EXAMPLE_GITHUB_PYTHON_CONNECTOR"
    static let stageDB = "EXAMPLE_GITHUB_PYTHON_CONNECTOR_STAGE"
    static let stageName = "EXAMPLE_GITHUB_PYTHON_CONNECTOR_STAGE.PUBLIC.ARTIFACTS"
    static let manifest = """
        manifest_version: 1
        version:
          name: V_1_0
          label: "1.0.0"
          comment: "Initial version"
        artifacts:
          setup_script: setup.sql
          readme: README.md
          default_streamlit: public.github_app
          extension_code: true
        configuration:
          log_level: debug
          trace_level: ON_EVENT
        privileges:
          - EXECUTE TASK:
              description: "Needed to run ingestion tasks"
        references:
          - warehouse_reference:
              label: "Warehouse used for ingestion"
              description: "Warehouse which will be used to schedule ingestion tasks"
              privileges: [USAGE]
              object_type: WAREHOUSE
              register_callback: public.register_reference
        """
    static let setup = "create or alter versioned schema public;\ncreate schema if not exists state;\n"

    private var folder: URL!

    override func setUpWithError() throws {
        try super.setUpWithError()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("app-package-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sf_build"), withIntermediateDirectories: true)
        try write("sf_build/manifest.yml", Self.manifest)
        try write("sf_build/setup.sql", Self.setup)
        try write("sf_build/README.md", "# GitHub connector\n")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
        try super.tearDownWithError()
    }

    private func write(_ relative: String, _ text: String) throws {
        let url = folder.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    /// Stages one local file (relative to the temporary folder) into `@d.public.artifacts/<path>`.
    private func stage(_ file: String, at path: String) throws {
        try run("put 'file://\(folder.appendingPathComponent(file).path)' @d.public.artifacts/\(path) auto_compress = false overwrite = true")
    }

    /// A database D with stage ARTIFACTS holding the build folder under `path`.
    private func stageBuild(at path: String = "v1") throws {
        try run("create database if not exists d")
        try run("create stage if not exists d.public.artifacts")
        for file in ["manifest.yml", "setup.sql", "README.md"] { try stage("sf_build/" + file, at: path) }
    }

    private func read<T>(_ body: (Catalog) throws -> T) throws -> T {
        try session.store.queue.read { db in try body(Catalog(db: db)) }
    }

    // MARK: - deploy.sql

    /// deploy.sql after `&` substitution (spec §0), run from the project folder.
    private func deploy() throws -> [ResultSet] {
        let previous = FileManager.default.currentDirectoryPath
        _ = FileManager.default.changeCurrentDirectoryPath(folder.path)
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
        let app = Self.app, stageName = Self.stageName
        return try [
            "SET APP_NAME = '\(app)'",
            "SET APP_INSTANCE_NAME = $APP_NAME || '_INSTANCE'",
            "CREATE OR REPLACE DATABASE IDENTIFIER('\(Self.stageDB)')",
            "CREATE STAGE IF NOT EXISTS IDENTIFIER('\(stageName)')",
            "PUT 'file://sf_build/*' @\(stageName)/V_1_0_0 AUTO_COMPRESS = FALSE overwrite=true",
            "DROP APPLICATION PACKAGE IF EXISTS IDENTIFIER($APP_NAME)",
            "CREATE APPLICATION PACKAGE IF NOT EXISTS IDENTIFIER($APP_NAME)",
            "ALTER APPLICATION PACKAGE IDENTIFIER($APP_NAME) ADD VERSION V_1_0_0 USING @\(stageName)/V_1_0_0",
        ].map { try run($0) }
    }

    private func texts(_ result: ResultSet) -> [[String]] { result.rows.map { $0.map { $0.displayText() ?? "NULL" } } }

    func testDeployTwiceAsTheQuickstartDoes() throws {
        let first = try deploy()
        XCTAssertEqual(texts(first[5]), [["Drop statement executed successfully (\(Self.app) already dropped)."]])
        XCTAssertEqual(texts(first[6]), [["Application Package '\(Self.app)' created successfully."]])
        XCTAssertEqual(first[7].columns.map(\.name), ["status", "version", "patch"])
        XCTAssertEqual(texts(first[7]), [["Version 'V_1_0_0' of application package '\(Self.app)' created successfully.", "V_1_0_0", "0"]])
        XCTAssertEqual(first[7].producedRowCount, 1)

        let second = try deploy()
        XCTAssertEqual(texts(second[5]), [["\(Self.app) successfully dropped."]])
        XCTAssertEqual(texts(second[6]), [["Application Package '\(Self.app)' created successfully."]])
        XCTAssertEqual(texts(second[7]), texts(first[7]))
        XCTAssertEqual(try cells("show versions in application package \(Self.app)").map { Array($0.prefix(4)) },
                       [["V_1_0_0", "0", "1.0.0", "Initial version"]])

        let version = try XCTUnwrap(try read { try $0.applicationVersion(package: Self.app, version: "V_1_0_0", patch: 0) })
        XCTAssertEqual(version.manifest, Self.manifest)
        XCTAssertEqual(version.files.map(\.path), ["README.md", "manifest.yml", "setup.sql"])
        let setup = try read { try $0.applicationVersionFile(package: Self.app, version: "V_1_0_0", patch: 0, path: "setup.sql") }
        XCTAssertEqual(setup.map { String(decoding: $0, as: UTF8.self) }, Self.setup)
        XCTAssertNil(try read { try $0.applicationVersionFile(package: Self.app, version: "V_1_0_0", patch: 0, path: "nope.sql") })
        XCTAssertNil(try read { try $0.applicationVersion(package: Self.app, version: "V_1_0_0", patch: 1) })
    }

    func testAVersionOutlivesItsStage() throws {
        try stageBuild()
        try run("create application package pkg")
        try run("alter application package pkg add version v1 using '@d.public.artifacts/v1'")
        try run("drop database d")
        let setup = try read { try $0.applicationVersionFile(package: "PKG", version: "V1", patch: 0, path: "setup.sql") }
        XCTAssertEqual(setup.map { String(decoding: $0, as: UTF8.self) }, Self.setup)
        // Dropping the package drops its versions and the blobs nothing else names.
        XCTAssertEqual(try status("drop application package pkg"), "PKG successfully dropped.")
        XCTAssertEqual(try read { try Int.fetchOne($0.db, sql: "SELECT count(*) FROM sl_app_version_file") }, 0)
        XCTAssertEqual(try read { try Int.fetchOne($0.db, sql: "SELECT count(*) FROM sl_blob") }, 0)
    }

    // MARK: - CREATE, DROP, SHOW

    func testCreateIfNotExistsAndProperties() throws {
        XCTAssertEqual(try status("create application package if not exists pkg comment = 'demo' MULTIPLE_INSTANCES = true distribution = external"),
                       "Application Package 'PKG' created successfully.")
        XCTAssertEqual(try status("create application package if not exists pkg"), "PKG already exists, statement succeeded.")
        assertError("create application package pkg", "002002 (42710): SQL compilation error:\nObject 'PKG' already exists.")
        let show = try run("show application packages")
        XCTAssertEqual(show.columns.map(\.name), [
            "created_on", "name", "is_default", "is_current", "distribution", "owner", "comment", "options", "retention_time",
            "dropped_on", "application_class", "multiple_instances", "type", "owner_role_type", "release_channels",
        ])
        XCTAssertEqual(texts(show).map { Array($0.dropFirst()) },
                       [["PKG", "N", "N", "EXTERNAL", "ACCOUNTADMIN", "demo", "", "1", "NULL", "NULL", "TRUE", "NATIVE", "ROLE", "DISABLED"]])
        XCTAssertEqual(try status("drop application package pkg"), "PKG successfully dropped.")
        XCTAssertEqual(try status("drop application package if exists pkg"), "Drop statement executed successfully (PKG already dropped).")
        XCTAssertEqual(try cells("show application packages"), [])
    }

    func testShowFiltersByLikeStartsWithAndLimit() throws {
        for name in ["alpha", "beta", "\"alpine\""] { try run("create application package \(name)") }
        XCTAssertEqual(try cells("show application packages").map { $0[1] }, ["ALPHA", "BETA", "alpine"])
        XCTAssertEqual(try cells("show application packages like 'al%'").map { $0[1] }, ["ALPHA", "alpine"])
        XCTAssertEqual(try cells("show application packages starts with 'AL'").map { $0[1] }, ["ALPHA"])
        XCTAssertEqual(try cells("show application packages limit 1").map { $0[1] }, ["ALPHA"])
    }

    func testDropOrShowVersionsOfAMissingPackage() {
        let missing = "002003 (02000): SQL compilation error:\nApplication package 'NOPE' does not exist or not authorized."
        assertError("drop application package nope", missing)
        assertError("show versions in application package nope", missing)
        assertError("alter application package nope add version v1 using @d.public.artifacts/v1", missing)
    }

    // MARK: - Versions and patches

    func testVersionNameFromTheManifestAndLabels() throws {
        try stageBuild()
        try run("create application package pkg")
        let added = try run("alter application package pkg add version using @d.public.artifacts/v1")
        XCTAssertEqual(texts(added), [["Version 'V_1_0' of application package 'PKG' created successfully.", "V_1_0", "0"]])
        try run("alter application package pkg add version \"v2\" using '@d.public.artifacts/v1/' label = 'Second'")
        let show = try run("show versions in application package pkg")
        XCTAssertEqual(show.columns.map(\.name), ["version", "patch", "label", "comment", "created_on", "dropped_on", "log_level",
                                                  "trace_level", "state", "review_status"])
        XCTAssertEqual(texts(show).map { $0.enumerated().filter { $0.offset != 4 }.map(\.element) }, [
            ["V_1_0", "0", "1.0.0", "Initial version", "NULL", "DEBUG", "ON_EVENT", "READY", "NOT_REVIEWED"],
            ["v2", "0", "Second", "Initial version", "NULL", "DEBUG", "ON_EVENT", "READY", "NOT_REVIEWED"],
        ])
        XCTAssertEqual(try cells("show versions like 'v_1%' in application package pkg").map { $0[0] }, ["V_1_0"])
    }

    func testPatchesDropVersionAndReleaseDirective() throws {
        try stageBuild()
        try stageBuild(at: "v1_fix")
        try run("create application package pkg")
        try run("alter application package pkg add version v1 using @d.public.artifacts/v1")
        XCTAssertEqual(texts(try run("alter application package pkg add patch for version v1 using @d.public.artifacts/v1_fix")),
                       [["Patch 1 for version 'V1' of application package 'PKG' created successfully.", "V1", "1"]])
        XCTAssertEqual(texts(try run("alter application package pkg add patch 5 for version v1 using @d.public.artifacts/v1_fix label = 'hot'")),
                       [["Patch 5 for version 'V1' of application package 'PKG' created successfully.", "V1", "5"]])
        assertError("alter application package pkg add patch 5 for version v1 using @d.public.artifacts/v1_fix",
                    "093168 (42710): Patch 5 for version 'V1' already exists in application package 'PKG'.")
        assertError("alter application package pkg add patch for version v9 using @d.public.artifacts/v1_fix",
                    "093031 (02000): Version 'V9' does not exist in application package 'PKG'.")
        XCTAssertEqual(try cells("show versions in application package pkg").map { [$0[0], $0[1], $0[2]] },
                       [["V1", "0", "1.0.0"], ["V1", "1", "1.0.0"], ["V1", "5", "hot"]])

        XCTAssertEqual(try status("alter application package pkg set default release directive version = v1 patch = 1"),
                       "Statement executed successfully.")
        XCTAssertEqual(try read { try $0.defaultReleaseDirective(package: "PKG") }.map { "\($0.version) \($0.patch)" }, "V1 1")
        assertError("alter application package pkg set default release directive version = v1 patch = 2",
                    "093036 (22023): Patch 2 for version 'V1' does not exist in application package 'PKG'.")
        assertError("alter application package pkg drop version v1",
                    "093088 (22023): Version 'V1' of application package 'PKG' cannot be dropped: a release directive refers to it.")

        try run("alter application package pkg add version v2 using @d.public.artifacts/v1")
        XCTAssertEqual(try status("alter application package pkg drop version v2"), "Statement executed successfully.")
        assertError("alter application package pkg drop version v2",
                    "093031 (02000): Version 'V2' does not exist in application package 'PKG'.")
        XCTAssertEqual(try cells("show versions in application package pkg").map { $0[0] }, ["V1", "V1", "V1"])
    }
}
