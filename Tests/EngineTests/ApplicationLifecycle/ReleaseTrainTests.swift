// ReleaseTrain (Applications/Apps/ReleaseTrain, issue 20 item 3): release directives as the docs
// describe them. The provider's package has V1 (patches 0 and 1) and V2; the consumer installs from
// the release directive and the application follows each change of the directive that applies to
// this account — the default, a custom directive naming SNOWLITE.<account>, the default again once
// the custom one is unset — each upgrade running the target's setup script. A failing setup script
// leaves the application on its version, reported by DESCRIBE APPLICATION. Applications installed
// USING VERSION or from staged files do not follow. Every directive error has its exact text.

import Foundation
import XCTest

@testable import Engine

final class ReleaseTrainTests: LifecycleAppTestCase {
    override class var app: String { "ReleaseTrain" }

    override func setUpWithError() throws {
        try super.setUpWithError()
        for folder in ["v1", "v1_patch1", "v2", "v2_broken"] { try stage(folder) }
        try runProviderScript()
    }

    var account: String { "SNOWLITE." + session.accountName }

    func release(_ application: String = "train") throws -> String {
        try cells("call \(application).core.release()")[0][0]
    }

    func directives() throws -> [[String]] {
        try cells("show release directives in application package release_train_pkg").map { Array($0[0...6]) + [$0[9]] }
    }

    func testTheConsumerFollowsTheDefaultAndCustomDirectives() throws {
        XCTAssertEqual(try cells("select current_organization_name(), current_account()"), [["SNOWLITE", session.accountName]])
        XCTAssertEqual(
            try status("create application train from application package release_train_pkg"),
            "Application 'TRAIN' created successfully.")
        XCTAssertEqual(try release(), "V1 patch 0")

        // The default directive moves to patch 1: the application is upgraded in the same statement.
        clock.now = clock.now.addingTimeInterval(60)
        XCTAssertEqual(
            try status("alter application package release_train_pkg set default release directive version = v1 patch = 1"),
            "Statement executed successfully.")
        XCTAssertEqual(try release(), "V1 patch 1")
        XCTAssertEqual(
            try directives(),
            [
                ["DEFAULT", "DEFAULT", "NULL", "2026-01-02 03:04:05.678 +0000", "V1", "1", "2026-01-02 03:05:05.678 +0000", "DEPLOYED"]
            ])

        // A custom directive for another account changes nothing here.
        try run("alter application package release_train_pkg set release directive partners accounts = (acme.prod) version = v2 patch = 0")
        XCTAssertEqual(try release(), "V1 patch 1")
        // One naming this account wins over the default.
        try run("alter application package release_train_pkg set release directive early accounts = (\(account), acme.test) version = v2 patch = 0")
        XCTAssertEqual(try release(), "V2 patch 0")
        XCTAssertEqual(
            try directives(),
            [
                ["DEFAULT", "DEFAULT", "NULL", "2026-01-02 03:04:05.678 +0000", "V1", "1", "2026-01-02 03:05:05.678 +0000", "DEPLOYED"],
                ["EARLY", "ACCOUNT", account, "2026-01-02 03:05:05.678 +0000", "V2", "0", "NULL", "DEPLOYED"],
                ["EARLY", "ACCOUNT", "ACME.TEST", "2026-01-02 03:05:05.678 +0000", "V2", "0", "NULL", "DEPLOYED"],
                ["PARTNERS", "ACCOUNT", "ACME.PROD", "2026-01-02 03:05:05.678 +0000", "V2", "0", "NULL", "DEPLOYED"],
            ])
        XCTAssertEqual(try cells("show release directives like 'P%' in application package release_train_pkg").map { $0[0] }, ["PARTNERS"])
        XCTAssertEqual(
            try cells("show versions in application package release_train_pkg").map { Array($0[0...2]) },
            [["V1", "0", "First"], ["V1", "1", "NULL"], ["V2", "0", "NULL"]])

        // Unsetting it returns the account to the default directive (a downgrade to V1 patch 1).
        try run("alter application package release_train_pkg unset release directive early")
        XCTAssertEqual(try release(), "V1 patch 1")
        // The state schema kept every setup run.
        XCTAssertEqual(
            try cells("select release from train.core.setup_runs"),
            [["V1 patch 0"], ["V1 patch 1"], ["V2 patch 0"], ["V1 patch 1"]])
        XCTAssertEqual(try describe("train", "upgrade_state"), "COMPLETE")
    }

    func testAFailingUpgradeLeavesTheApplicationOnItsVersion() throws {
        try run("create application train from application package release_train_pkg")
        try run("alter application package release_train_pkg add patch for version v2 using '@d.public.artifacts/v2_broken'")
        try run("alter application package release_train_pkg set default release directive version = v2 patch = 0")
        XCTAssertEqual(try release(), "V2 patch 0")
        // The statement succeeds; the upgrade does not, and is rolled back.
        XCTAssertEqual(
            try status("alter application package release_train_pkg set default release directive version = v2 patch = 1"),
            "Statement executed successfully.")
        XCTAssertEqual(try release(), "V2 patch 0")
        XCTAssertEqual(try cells("select release from train.core.setup_runs"), [["V1 patch 0"], ["V2 patch 0"]])
        XCTAssertEqual(
            try cells("desc application train").filter { $0[0].hasPrefix("upgrade") || ["version", "patch"].contains($0[0]) },
            [
                ["version", "V2"], ["patch", "0"], ["upgrade_state", "FAILED"], ["upgrade_target_version", "V2"],
                ["upgrade_target_patch", "1"], ["upgrade_attempt", "1"], ["upgrade_failure_type", "VERSION_SETUP"],
                [
                    "upgrade_failure_reason",
                    "[ErrorCode 2003] Uncaught exception of type 'STATEMENT_ERROR' on line 4 at position 0 : SQL compilation error:\n"
                        + "Object 'STATE.MISSING_TABLE' does not exist or not authorized.",
                ],
            ])
        XCTAssertEqual(try cells("show applications like 'TRAIN'").map { $0[13] }, ["FAILED"])
        // Pointing the directive back clears the failure.
        try run("alter application package release_train_pkg set default release directive version = v1 patch = 1")
        XCTAssertEqual(try release(), "V1 patch 1")
        XCTAssertEqual(try describe("train", "upgrade_state"), "COMPLETE")
        XCTAssertEqual(try describe("train", "upgrade_failure_reason"), "NULL")
    }

    func testPinnedAndDevelopmentApplicationsDoNotFollow() throws {
        try run("create application pinned from application package release_train_pkg using version v1 patch 0")
        try run("create application dev from application package release_train_pkg using '@d.public.artifacts/v1'")
        try run("alter application package release_train_pkg set default release directive version = v2 patch = 0")
        XCTAssertEqual(try release("pinned"), "V1 patch 0")
        XCTAssertEqual(try release("dev"), "V1 patch 0")
        // A plain UPGRADE moves the pinned one to the directive, and from then on it follows.
        try run("alter application pinned upgrade")
        XCTAssertEqual(try release("pinned"), "V2 patch 0")
        try run("alter application package release_train_pkg set default release directive version = v1 patch = 1")
        XCTAssertEqual(try release("pinned"), "V1 patch 1")
    }

    func testDirectiveErrors() throws {
        let package = "alter application package release_train_pkg"
        assertError(
            "\(package) set release directive early accounts = (acme.prod) version = v9 patch = 0",
            "093031 (02000): Version 'V9' does not exist in application package 'RELEASE_TRAIN_PKG'.")
        assertError(
            "\(package) set release directive early accounts = (acme.prod) version = v1 patch = 7",
            "093036 (22023): Patch 7 for version 'V1' does not exist in application package 'RELEASE_TRAIN_PKG'.")
        assertError(
            "\(package) modify release directive early version = v1 patch = 0",
            "093090 (02000): Release directive 'EARLY' does not exist in application package 'RELEASE_TRAIN_PKG'.")
        assertError(
            "\(package) unset release directive early",
            "093090 (02000): Release directive 'EARLY' does not exist in application package 'RELEASE_TRAIN_PKG'.")
        try run("\(package) set release directive early accounts = (acme.prod) version = v2 patch = 0")
        assertError(
            "\(package) set release directive later accounts = (acme.test, acme.prod) version = v1 patch = 0",
            "093091 (22023): Account 'ACME.PROD' is already a target of release directive 'EARLY' in application package 'RELEASE_TRAIN_PKG'.")
        assertError(
            "\(package) set release directive default accounts = (acme.test) version = v1 patch = 0",
            "001007 (22023): SQL compilation error:\nThe default release directive cannot be changed with SET RELEASE DIRECTIVE; use SET DEFAULT RELEASE DIRECTIVE."
        )
        // A version a directive names cannot be dropped, nor a third version added.
        assertError(
            "\(package) drop version v2",
            "093088 (22023): Version 'V2' of application package 'RELEASE_TRAIN_PKG' cannot be dropped: a release directive refers to it.")
        assertError(
            "\(package) add version v3 using '@d.public.artifacts/v2'",
            "093037 (22023): Application package 'RELEASE_TRAIN_PKG' already has 2 versions; drop one before adding another.")
        // Patches only go up.
        try run("\(package) add patch 5 for version v2 using '@d.public.artifacts/v2'")
        assertError(
            "\(package) add patch 3 for version v2 using '@d.public.artifacts/v2'",
            "093167 (22023): Patch 3 for version 'V2' must be greater than the highest existing patch 5.")
        XCTAssertEqual(try texts(run("\(package) modify release directive early version = v2 patch = 5")), [["Statement executed successfully."]])
        assertError("show release directives in application package nope", missing("Application package", "NOPE"))
        // Release channels' forms are not read.
        assertError(
            "\(package) modify release directive early add accounts = (acme.x)",
            "001003 (42000): SQL compilation error:\nsyntax error line 1 at position 75 unexpected 'add'.")
    }

    func texts(_ result: ResultSet) -> [[String]] { result.rows.map { $0.map { $0.displayText() ?? "NULL" } } }
}
