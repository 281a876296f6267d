// SnowCLIWorkflowTests: the statements the Snowflake CLI's `snow app` commands send that only they
// send, each with its exact answer (../shared/spec/snow-app-workflow.md): the bootstrap request
// and Snowsight functions, SYSTEM$VALIDATE_NATIVE_APP_SETUP on a package's stage (success leaves
// nothing behind, a failing setup script is reported with its line, a bad argument is refused),
// installing from the package's stage with the grants the CLI gives an application's own role,
// DESCRIBE APPLICATION PACKAGE, SHOW TELEMETRY EVENT DEFINITIONS and SHOW OBJECTS OWNED BY
// APPLICATION, the upgrade restrictions' codes, LIKE patterns with Snowflake's backslash escapes,
// INTERVAL constants and the EVENT_TABLE parameter `snow app events` reads.

import Foundation
import XCTest

@testable import Engine

final class SnowCLIWorkflowTests: AccessControlTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        try super.setUpWithError()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("snow-cli-workflow-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // What `snow app deploy` creates: the package (a database too), its schema and stage.
        try script(
            """
            create application package myapp_pkg comment = GENERATED_BY_SNOWFLAKECLI distribution = internal;
            use database myapp_pkg;
            create schema if not exists app_src;
            create stage if not exists stage encryption = (type = 'SNOWFLAKE_SSE') directory = (enable = True)
            """)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
        try super.tearDownWithError()
    }

    private static let manifest = "manifest_version: 2\nartifacts:\n  setup_script: setup_script.sql\n"
    private static let setup = """
        create application role if not exists app_public;
        create or alter versioned schema core;
        grant usage on schema core to application role app_public;
        create or replace procedure core.hello() returns string language sql as 'select ''Hello''';
        grant usage on procedure core.hello() to application role app_public;

        """

    /// PUTs `files` (name → text) under `@myapp_pkg.app_src.stage/<directory>`.
    private func stage(_ files: [String: String], directory: String = "") throws {
        for (name, text) in files.sorted(by: { $0.key < $1.key }) {
            let url = folder.appendingPathComponent(UUID().uuidString + "-" + name)
            try text.write(to: url, atomically: true, encoding: .utf8)
            let target = "@myapp_pkg.app_src.stage" + (directory.isEmpty ? "" : "/" + directory)
            // Each file keeps its own name on the stage: PUT names it after the local file.
            let named = folder.appendingPathComponent(UUID().uuidString)
            try FileManager.default.createDirectory(at: named, withIntermediateDirectories: true)
            try FileManager.default.moveItem(at: url, to: named.appendingPathComponent(name))
            try run("put 'file://\(named.appendingPathComponent(name).path)' \(target) auto_compress = false overwrite = true")
        }
    }

    private func validate(_ location: String = "@myapp_pkg.app_src.stage") throws -> String {
        try cells("call system$validate_native_app_setup('\(location)')")[0][0]
    }

    // MARK: - What the CLI asks of the account

    func testBootstrapDataRequestAnswersTheClientParameters() throws {
        let expected =
            #"{"clientParamsInfo":[{"name":"FEATURE_RELEASE_CHANNELS","value":false},"#
            + #"{"name":"ENABLE_EVENT_SHARING_V2_IN_THE_SAME_ACCOUNT","value":false},"#
            + #"{"name":"ENFORCE_MANDATORY_FILTERS_FOR_SAME_ACCOUNT_INSTALLATION","value":false},"#
            + #"{"name":"UI_SNOWSIGHT_ENABLE_REGIONLESS_REDIRECT","value":true}]}"#
        let result = try run("call system$bootstrap_data_request('CLIENT_PARAMS_INFO')")
        XCTAssertEqual(result.columns.map(\.name), ["SYSTEM$BOOTSTRAP_DATA_REQUEST"])
        XCTAssertEqual(try cells("call system$bootstrap_data_request('CLIENT_PARAMS_INFO')"), [[expected]])
        XCTAssertEqual(try cells("select system$bootstrap_data_request('client_params_info')"), [[expected]])
        assertError(
            "call system$bootstrap_data_request('ACCOUNT_INFO')",
            """
            001003 (42000): SQL compilation error:
            Unsupported feature 'SYSTEM$BOOTSTRAP_DATA_REQUEST requests other than 'CLIENT_PARAMS_INFO''.
            """)
    }

    func testTheSnowsightLinkFunctions() throws {
        let result = try run("select system$get_snowsight_host() as result, system$return_current_org_name() as org, current_account_name() as acct")
        XCTAssertEqual(result.columns.map(\.name), ["RESULT", "ORG", "ACCT"])
        XCTAssertEqual(
            try cells("select system$get_snowsight_host(), system$return_current_org_name()"),
            [["https://app.snowflake.com", "SNOWLITE"]])
    }

    // MARK: - SYSTEM$VALIDATE_NATIVE_APP_SETUP

    func testValidationOfAGoodFolderSucceedsAndLeavesNothing() throws {
        try stage(["manifest.yml": Self.manifest, "setup_script.sql": Self.setup])
        let result = try run("call system$validate_native_app_setup('@myapp_pkg.app_src.stage')")
        XCTAssertEqual(result.columns.map(\.name), ["SYSTEM$VALIDATE_NATIVE_APP_SETUP"])
        XCTAssertEqual(try validate(), #"{"errors":[],"status":"SUCCESS","warnings":[]}"#)
        XCTAssertEqual(try cells("show applications"), [])
        XCTAssertEqual(try cells("show databases").map { $0[1] }.filter { $0.hasPrefix("SNOWLITE$") }, [])
        // The same folder installs for real afterwards.
        XCTAssertEqual(
            try status("create application myapp from application package myapp_pkg using @myapp_pkg.app_src.stage"),
            "Application 'MYAPP' created successfully.")
        XCTAssertEqual(try cells("call myapp.core.hello()"), [["Hello"]])
    }

    func testValidationReportsTheFailingStatementWithItsLine() throws {
        try stage(["manifest.yml": Self.manifest, "setup_script.sql": Self.setup + "insert into core.missing values (1);\n"])
        XCTAssertEqual(
            try validate(),
            #"{"errors":[{"cause":"Uncaught exception of type 'STATEMENT_ERROR' on line 6 at position 0 : "#
                + #"SQL compilation error:\nTable 'CORE.MISSING' does not exist or not authorized.","column":0,"errorCode":"002003","#
                + #""fileName":"@STAGE/setup_script.sql","line":6,"message":"SQL compilation error:\nTable 'CORE.MISSING' does not "#
                + #"exist or not authorized."}],"status":"FAIL","warnings":[]}"#)
        XCTAssertEqual(try cells("show applications"), [])
        // A syntax error: its own line and position.
        try stage(["setup_script.sql": "create application role r;\n  create tabel t (a int);\n"])
        XCTAssertEqual(
            try validate(),
            #"{"errors":[{"cause":"SQL compilation error:\nsyntax error line 2 at position 9 "#
                + #"unexpected 'tabel'.","column":9,"errorCode":"001003","fileName":"@STAGE/setup_script.sql","line":2,"#
                + #""message":"SQL compilation error:\nsyntax error line 2 at position 9 unexpected 'tabel'."}],"status":"FAIL","#
                + #""warnings":[]}"#)
    }

    func testValidationOfAFolderWithoutAManifest() throws {
        try stage(["setup_script.sql": Self.setup], directory: "v1")
        XCTAssertEqual(
            try validate("@myapp_pkg.app_src.stage/v1"),
            #"{"errors":[{"cause":"The manifest file 'manifest.yml' was "#
                + #"not found in '@MYAPP_PKG.APP_SRC.STAGE/v1'.","column":0,"errorCode":"093080","fileName":"","line":0,"#
                + #""message":"The manifest file 'manifest.yml' was not found in '@MYAPP_PKG.APP_SRC.STAGE/v1'."}],"#
                + #""status":"FAIL","warnings":[]}"#)
    }

    func testValidationNeedsAStageOfAnApplicationPackage() throws {
        assertError(
            "call system$validate_native_app_setup('@myapp_pkg.app_src.nowhere')",
            "002003 (02000): SQL compilation error:\nStage 'MYAPP_PKG.APP_SRC.NOWHERE' does not exist or not authorized.")
        try script("create database d;\ncreate stage d.public.s")
        assertError(
            "call system$validate_native_app_setup('@d.public.s')",
            """
            001007 (22023): SQL compilation error:
            SYSTEM$VALIDATE_NATIVE_APP_SETUP validates a stage of an application package; 'D' is not one.
            """)
        assertError(
            "call system$validate_native_app_setup('myapp_pkg.app_src.stage')",
            """
            001007 (22023): SQL compilation error:
            SYSTEM$VALIDATE_NATIVE_APP_SETUP expects a stage location such as '@pkg.schema.stage', not 'myapp_pkg.app_src.stage'.
            """)
        assertError(
            "call system$validate_native_app_setup(1)",
            """
            001007 (22023): SQL compilation error:
            SYSTEM$VALIDATE_NATIVE_APP_SETUP expects a stage location such as '@pkg.schema.stage', not '1'.
            """)
    }

    // MARK: - Another role installs

    func testARoleGrantedInstallAndDevelopInstallsFromThePackagesStage() throws {
        try stage(["manifest.yml": Self.manifest, "setup_script.sql": Self.setup])
        let create = "create application myapp from application package myapp_pkg using '@myapp_pkg.app_src.stage'"
        try run("grant create application on account to role analyst")
        asAnalyst()
        assertError(create, "002003 (02000): SQL compilation error:\nApplication package 'MYAPP_PKG' does not exist or not authorized.")
        asAdmin()
        try run("grant install on application package myapp_pkg to role analyst")
        asAnalyst()
        assertError(create, insufficient("application package", "MYAPP_PKG"))
        asAdmin()
        // What `snow app run` grants when the application's role is not the package's.
        try script(
            """
            grant install, develop on application package myapp_pkg to role analyst;
            grant usage on schema myapp_pkg.app_src to role analyst;
            grant read on stage myapp_pkg.app_src.stage to role analyst
            """)
        asAnalyst()
        XCTAssertEqual(try status(create), "Application 'MYAPP' created successfully.")
        XCTAssertEqual(try cells("call myapp.core.hello()"), [["Hello"]])
        XCTAssertEqual(try cells("show applications").map { [$0[1], $0[6]] }, [["MYAPP", "ANALYST"]])
        // The package's database is reachable for its stage, not for anything else it holds.
        XCTAssertEqual(try cells("ls @myapp_pkg.app_src.stage").map { $0[0] }, ["stage/manifest.yml", "stage/setup_script.sql"])
        assertError("put 'file:///dev/null' @myapp_pkg.app_src.stage", insufficient("stage", "STAGE"))
    }

    // MARK: - Descriptions

    func testDescribeApplicationPackage() throws {
        let rows = try cells("describe application package myapp_pkg")
        XCTAssertEqual(
            rows.filter { $0[0] != "created_on" },
            [
                ["name", "MYAPP_PKG"], ["distribution", "INTERNAL"], ["owner", "ACCOUNTADMIN"],
                ["comment", "GENERATED_BY_SNOWFLAKECLI"], ["multiple_instances", "FALSE"], ["type", "NATIVE"],
                ["release_channels", "DISABLED"],
            ])
        XCTAssertEqual(try cells("desc application package MYAPP_PKG").count, 8)
        assertError(
            "describe application package nope",
            "002003 (02000): SQL compilation error:\nApplication package 'NOPE' does not exist or not authorized.")
    }

    func testTelemetryEventDefinitionsAndObjectsOwned() throws {
        try stage([
            "manifest.yml": Self.manifest + """
                configuration:
                  telemetry_event_definitions:
                    - type: ERRORS_AND_WARNINGS
                      sharing: MANDATORY
                    - type: DEBUG_LOGS
                      sharing: OPTIONAL
                """, "setup_script.sql": Self.setup,
        ])
        try run("create application myapp from application package myapp_pkg using '@myapp_pkg.app_src.stage'")
        let definitions = try run("show telemetry event definitions in application myapp")
        XCTAssertEqual(definitions.columns.map(\.name), ["name", "type", "sharing", "status"])
        XCTAssertEqual(
            try cells("show telemetry event definitions in application myapp"),
            [
                ["SNOWFLAKE$ERRORS_AND_WARNINGS", "ERRORS_AND_WARNINGS", "MANDATORY", "ENABLED"],
                ["SNOWFLAKE$DEBUG_LOGS", "DEBUG_LOGS", "OPTIONAL", "DISABLED"],
            ])
        let owned = try run("show objects owned by application myapp")
        XCTAssertEqual(owned.columns.map(\.name), ["created_on", "name", "type"])
        XCTAssertEqual(owned.rows.count, 0)
        assertError(
            "show objects owned by application nope",
            "002003 (02000): SQL compilation error:\nApplication 'NOPE' does not exist or not authorized.")
    }

    // MARK: - Upgrades the CLI recovers from by dropping and recreating

    func testUpgradeRestrictionsOfADevelopmentModeApplication() throws {
        try stage(["manifest.yml": Self.manifest, "setup_script.sql": Self.setup])
        try run("alter application package myapp_pkg add version v1 using '@myapp_pkg.app_src.stage'")
        try run("create application myapp from application package myapp_pkg using '@myapp_pkg.app_src.stage'")
        assertError(
            "alter application myapp upgrade using version v1",
            "093044 (22023): Application 'MYAPP' was installed from staged files; upgrade it with UPGRADE USING '<@stage/path>'.")
        assertError(
            "alter application myapp upgrade ",
            "093055 (22023): Application 'MYAPP' was installed from staged files; upgrade it with UPGRADE USING '<@stage/path>'.")
        XCTAssertEqual(
            try status("alter application myapp upgrade using @myapp_pkg.app_src.stage"),
            "Application 'MYAPP' upgraded successfully.")
    }

    // MARK: - Names, patterns, intervals, parameters

    func testLikePatternsWithBackslashEscapes() throws {
        try run("create application package myappxpkg")
        // The wire text `'MYAPP\\_PKG'`: the literal is MYAPP\_PKG, whose `\_` is a literal underscore.
        XCTAssertEqual(try cells(#"select 'MYAPP\\_PKG'"#), [[#"MYAPP\_PKG"#]])
        XCTAssertEqual(try cells(#"show application packages like 'MYAPP\\_PKG'"#).map { $0[1] }, ["MYAPP_PKG"])
        XCTAssertEqual(try cells(#"show application packages like 'myapp_pkg'"#).map { $0[1] }, ["MYAPPXPKG", "MYAPP_PKG"])
        XCTAssertEqual(try cells(#"show stages like 'STAGE' in schema myapp_pkg.app_src"#).map { $0[1] }, ["STAGE"])
        XCTAssertEqual(try cells(#"show stages like 'STAGE\\_SNOWFLAKE\\_CLI\\_SCRATCH' in schema myapp_pkg.app_src"#), [])
    }

    func testIntervalConstantsInDateArithmetic() throws {
        XCTAssertEqual(try cells("select '2024-03-01 10:00:00'::timestamp_ntz - interval '5 minutes'"), [["2024-03-01 09:55:00.000"]])
        XCTAssertEqual(
            try cells("select '2024-03-01 10:00:00'::timestamp_ntz + interval '1 day, 2 hours, 30'"),
            [["2024-03-02 12:00:30.000"]])
        XCTAssertEqual(try cells("select '2024-03-01'::date + interval '1 month' - interval '-1 week'"), [["2024-04-08"]])
        assertError(
            "select sysdate() - interval '5 fortnights'",
            """
            001007 (22023): SQL compilation error:
            ['FORTNIGHTS'] is not a valid date/time component for function DATEADD.
            """)
        assertError(
            "select sysdate() - interval 'soon'",
            "001003 (42000): SQL compilation error:\nsyntax error line 1 at position 28 unexpected 'soon'.")
    }

    func testShowParametersInAccountListsTheEventTable() throws {
        XCTAssertEqual(
            try cells("show parameters like 'event_table' in account").map { Array($0[0...3]) },
            [["EVENT_TABLE", "", "", ""]])
        try script("create database tel;\ncreate event table tel.public.events;\nalter account set event_table = tel.public.events")
        XCTAssertEqual(
            try cells("show parameters like 'event_table' in account").map { Array($0[0...3]) },
            [["EVENT_TABLE", "TEL.PUBLIC.EVENTS", "", "ACCOUNT"]])
        XCTAssertEqual(try cells("show parameters like 'event_table'"), [])
    }
}
