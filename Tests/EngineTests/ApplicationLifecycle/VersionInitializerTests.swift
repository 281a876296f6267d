// VersionInitializer (Applications/Apps/VersionInitializer, issue 20 item 9): the manifest's
// `lifecycle_callbacks: version_initializer` runs after the setup script at install and at every
// upgrade (by hand or by a release directive), as the application; when it fails the install or
// upgrade fails with its error, and after a failed directive upgrade the initializer of the version
// the application stays on runs again. A callback Snowlite cannot run is refused at install.

import Foundation
import XCTest

@testable import Engine

final class VersionInitializerTests: LifecycleAppTestCase {
    override class var app: String { "VersionInitializer" }

    override func setUpWithError() throws {
        try super.setUpWithError()
        for folder in ["v1", "v2", "v2_failing", "configured"] { try stage(folder) }
        try runProviderScript()
    }

    func events(_ application: String = "keeper") throws -> [String] {
        try cells("select what from \(application).core.events").map { $0[0] }
    }

    func testTheInitializerRunsAfterTheSetupScriptAtInstallAndUpgrade() throws {
        XCTAssertEqual(
            try status("create application keeper from application package initializer_pkg"),
            "Application 'KEEPER' created successfully.")
        XCTAssertEqual(try events(), ["setup V1", "initializer V1"])
        // Following the default directive to V2 runs V2's setup script, then V2's initializer.
        try run("alter application package initializer_pkg set default release directive version = v2 patch = 0")
        XCTAssertEqual(try events(), ["setup V1", "initializer V1", "setup V2", "initializer V2"])
        // An upgrade by hand runs it too.
        try run("create application pinned from application package initializer_pkg using version v1")
        XCTAssertEqual(try events("pinned"), ["setup V1", "initializer V1"])
        XCTAssertEqual(try status("alter application pinned upgrade using version v2 patch 0"), "Application 'PINNED' upgraded successfully.")
        XCTAssertEqual(try events("pinned"), ["setup V1", "initializer V1", "setup V2", "initializer V2"])
        // The initializer is the application's own: the consumer was granted nothing on it.
        assertError("call keeper.core.init()", missing("Procedure", "KEEPER.CORE.INIT"))
    }

    func testAFailingInitializerFailsTheInstallOrUpgrade() throws {
        let failure =
            "002003 (42S02): Uncaught exception of type 'STATEMENT_ERROR' on line 4 at position 4 : SQL compilation error:\n"
            + "Object 'STATE.NO_SUCH_TABLE' does not exist or not authorized."
        try run("create application keeper from application package initializer_pkg using version v2 patch 0")
        XCTAssertEqual(try events(), ["setup V2", "initializer V2"])
        // By hand: the UPGRADE fails with the initializer's error and nothing of it stays.
        assertError("alter application keeper upgrade using version v2 patch 1", failure)
        XCTAssertEqual(try events(), ["setup V2", "initializer V2"])
        XCTAssertEqual(try describe("keeper", "patch"), "0")
        // A plain UPGRADE follows the default directive (V1 patch 0, a downgrade) and from then on the
        // application follows it: to V2 patch 0, then to the failing patch — the ALTER succeeds, the
        // upgrade is rolled back and V2 patch 0's initializer runs again.
        try run("alter application keeper upgrade")
        try run("alter application package initializer_pkg set default release directive version = v2 patch = 0")
        let before = ["setup V2", "initializer V2", "setup V1", "initializer V1", "setup V2", "initializer V2"]
        XCTAssertEqual(try events(), before)
        try run("alter application package initializer_pkg set default release directive version = v2 patch = 1")
        XCTAssertEqual(try events(), before + ["initializer V2"])
        XCTAssertEqual(try describe("keeper", "upgrade_state"), "FAILED")
        XCTAssertEqual(try describe("keeper", "upgrade_failure_reason"), "[ErrorCode 2003] " + failure.dropFirst(16))
        // A fresh install of the failing patch fails (its setup script expects V2's state) and leaves nothing.
        assertError(
            "create application other from application package initializer_pkg using version v2 patch 1",
            "002003 (42S02): Uncaught exception of type 'STATEMENT_ERROR' on line 3 at position 0 : SQL compilation error:\n"
                + "Table 'STATE.EVENTS' does not exist or not authorized.")
        assertError("desc application other", missing("Application", "OTHER"))
    }

    func testACallbackSnowliteCannotRunIsRefusedAtInstall() throws {
        try run("create application package configured_pkg")
        // Adding the version reads the manifest; it is the install that refuses the callback.
        try run("alter application package configured_pkg add version v1 using '@d.public.artifacts/configured'")
        assertError(
            "create application configured from application package configured_pkg using version v1",
            "001003 (42000): SQL compilation error:\nUnsupported feature 'The lifecycle callback 'before_configuration_change' "
                + "(it runs on ALTER APPLICATION SET | UNSET CONFIGURATION VALUE, which Snowlite does not support)'.")
        assertError("desc application configured", missing("Application", "CONFIGURED"))
    }

    func testTheManifestReaderKeepsTheCallbacks() throws {
        let manifest = try ManifestParser().read(try appFile("configured/manifest.yml"))
        XCTAssertEqual(manifest.lifecycleCallbacks, ["version_initializer": "core.init", "before_configuration_change": "core.before_change"])
        XCTAssertEqual(try manifest.versionInitializer()?.map(\.name), ["CORE", "INIT"])
        XCTAssertThrowsError(try ManifestParser().read("manifest_version: 1\nlifecycle_callbacks: [core.init]\n")) { error in
            XCTAssertEqual(
                (error as? SnowflakeError)?.description,
                "093079 (22023): Invalid manifest: The manifest field 'lifecycle_callbacks' must be a mapping")
        }
        let bad = try ManifestParser().read("manifest_version: 1\nlifecycle_callbacks:\n  version_initializer: init\n")
        XCTAssertThrowsError(try bad.versionInitializer()) { error in
            XCTAssertEqual(
                (error as? SnowflakeError)?.description,
                "093079 (22023): Invalid manifest: Invalid value 'init' provided for 'lifecycle_callbacks.version_initializer'")
        }
    }
}
