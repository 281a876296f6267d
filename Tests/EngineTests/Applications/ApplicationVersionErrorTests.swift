// ADD VERSION's errors, each with its exact text: a folder without manifest.yml, an invalid
// manifest (the Apps parser's wording), a setup script the folder lacks, a duplicate version, a
// version id longer than 30 characters or given nowhere, a missing stage, a session without a
// manifest reader, and the access checks — CREATE APPLICATION PACKAGE needs the account privilege
// (003001), a package the role holds nothing on is missing (002003), and one it sees but does not
// own cannot be altered (003001); READ on the stage is needed to read the version's files.

import Foundation
import XCTest
@testable import Engine

final class ApplicationVersionErrorTests: AccessControlTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        try super.setUpWithError()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("app-version-errors-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try script("create database d;\ncreate stage d.public.artifacts;\ncreate application package pkg")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
        try super.tearDownWithError()
    }

    /// Writes `text` to a local file named `name` and stages it under `@d.public.artifacts/<path>`.
    private func stage(_ name: String, _ text: String, at path: String) throws {
        let url = folder.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try text.write(to: url.appendingPathComponent(name), atomically: true, encoding: .utf8)
        try run("put 'file://\(url.appendingPathComponent(name).path)' @d.public.artifacts/\(path) auto_compress = false overwrite = true")
    }

    private func stageGoodVersion(at path: String) throws {
        try stage("manifest.yml", "manifest_version: 1\nartifacts:\n  setup_script: setup.sql\n", at: path)
        try stage("setup.sql", "create schema core;\n", at: path)
    }

    func testAFolderWithoutAManifest() throws {
        try stage("setup.sql", "select 1;\n", at: "v1")
        assertError("alter application package pkg add version v1 using @d.public.artifacts/v1",
                    "093080 (22023): The manifest file 'manifest.yml' was not found in '@D.PUBLIC.ARTIFACTS/v1'.")
        // A manifest further down the folder is not at its root.
        try stage("manifest.yml", "manifest_version: 1\n", at: "v1/nested")
        assertError("alter application package pkg add version v1 using @d.public.artifacts/v1",
                    "093080 (22023): The manifest file 'manifest.yml' was not found in '@D.PUBLIC.ARTIFACTS/v1'.")
        assertError("alter application package pkg add version v1 using @d.public.artifacts/nothing_here",
                    "093080 (22023): The manifest file 'manifest.yml' was not found in '@D.PUBLIC.ARTIFACTS/nothing_here'.")
    }

    func testAnInvalidManifest() throws {
        try stage("manifest.yml", """
            manifest_version: 1
            references:
              - target_database:
                  label: "Target"
                  privileges: [USAGE]
                  object_type: DATABASE
                  register_callback: public.register_reference
            """, at: "v1")
        try stage("setup.sql", "select 1;\n", at: "v1")
        assertError("alter application package pkg add version v1 using @d.public.artifacts/v1",
                    "093079 (22023): Invalid manifest: Invalid value 'DATABASE' provided for 'object_type'")
        try stage("manifest.yml", "artifacts:\n  setup_script: setup.sql\n", at: "v2")
        try stage("setup.sql", "select 1;\n", at: "v2")
        assertError("alter application package pkg add version v2 using @d.public.artifacts/v2",
                    "093079 (22023): Invalid manifest: The manifest field 'manifest_version' is required.")
        XCTAssertEqual(try cells("show versions in application package pkg"), [])
    }

    func testAMissingSetupScript() throws {
        try stage("manifest.yml", "manifest_version: 1\nartifacts:\n  setup_script: scripts/setup.sql\n", at: "v1")
        try stage("setup.sql", "select 1;\n", at: "v1")
        assertError("alter application package pkg add version v1 using @d.public.artifacts/v1",
                    "093081 (22023): The setup script 'scripts/setup.sql' was not found in '@D.PUBLIC.ARTIFACTS/v1'.")
        // The default setup script is setup.sql next to the manifest.
        try stage("manifest.yml", "manifest_version: 1\n", at: "v2")
        assertError("alter application package pkg add version v2 using @d.public.artifacts/v2",
                    "093081 (22023): The setup script 'setup.sql' was not found in '@D.PUBLIC.ARTIFACTS/v2'.")
        try stage("setup.sql", "select 1;\n", at: "v2/scripts")
        try stage("manifest.yml", "manifest_version: 1\nartifacts:\n  setup_script: ./scripts/setup.sql\n", at: "v2")
        XCTAssertEqual(try run("alter application package pkg add version v2 using @d.public.artifacts/v2").rows.first?.last,
                       .integer(0))
    }

    func testADuplicateVersion() throws {
        try stageGoodVersion(at: "v1")
        try run("alter application package pkg add version v1 using @d.public.artifacts/v1")
        assertError("alter application package pkg add version V1 using @d.public.artifacts/v1",
                    "093030 (42710): Version 'V1' already exists in application package 'PKG'.")
        // A quoted lower-case id is another version.
        XCTAssertEqual(try run("alter application package pkg add version \"v1\" using @d.public.artifacts/v1").rows.first?[1],
                       .string("v1"))
    }

    func testVersionIdentifierRules() throws {
        try stageGoodVersion(at: "v1")
        assertError("alter application package pkg add version using @d.public.artifacts/v1",
                    "001007 (22023): SQL compilation error:\nA version identifier is required: name one in ADD VERSION or in the manifest's 'version.name'.")
        assertError("alter application package pkg add version v_123456789_123456789_123456789 using @d.public.artifacts/v1",
                    "001007 (22023): SQL compilation error:\nVersion identifier 'V_123456789_123456789_123456789' is longer than 30 characters.")
    }

    func testAMissingStage() throws {
        assertError("alter application package pkg add version v1 using @d.public.nope/v1",
                    "002003 (02000): SQL compilation error:\nStage 'D.PUBLIC.NOPE' does not exist or not authorized.")
    }

    // MARK: - Access control

    func testCreatingAPackageNeedsTheAccountPrivilege() throws {
        asAnalyst()
        assertError("create application package mine", insufficient("account", "SNOWLITE"))
        assertError("create application package if not exists pkg", insufficient("account", "SNOWLITE"))
        asAdmin()
        try run("grant create application package on account to role analyst")
        asAnalyst()
        XCTAssertEqual(try status("create application package mine"), "Application Package 'MINE' created successfully.")
        XCTAssertEqual(try cells("show application packages").map { [$0[1], $0[5]] }, [["MINE", "ANALYST"]])
    }

    func testOnlyTheOwnerOrAccountAdminAltersAPackage() throws {
        try stageGoodVersion(at: "v1")
        asAnalyst()
        assertError("alter application package pkg add version v1 using @d.public.artifacts/v1", missing("Application package", "PKG"))
        assertError("drop application package pkg", missing("Application package", "PKG"))
        XCTAssertEqual(try cells("show application packages"), [])
        asAdmin()
        try run("grant develop on application package pkg to role analyst")
        asAnalyst()
        XCTAssertEqual(try cells("show application packages").map { $0[1] }, ["PKG"])
        assertError("alter application package pkg add version v1 using @d.public.artifacts/v1",
                    insufficient("application package", "PKG"))
        assertError("drop application package pkg", insufficient("application package", "PKG"))
    }

    func testAddingAVersionNeedsReadOnTheStage() throws {
        try stageGoodVersion(at: "v1")
        try run("grant create application package on account to role analyst")
        asAnalyst()
        try run("create application package mine")
        assertError("alter application package mine add version v1 using @d.public.artifacts/v1",
                    "002003 (02000): SQL compilation error:\nStage 'D.PUBLIC.ARTIFACTS' does not exist or not authorized.")
        asAdmin()
        try script("grant usage on database d to role analyst;\ngrant usage on schema d.public to role analyst;\ngrant read on stage d.public.artifacts to role analyst")
        asAnalyst()
        XCTAssertEqual(try run("alter application package mine add version v1 using @d.public.artifacts/v1").rows.first?[1], .string("V1"))
    }
}
