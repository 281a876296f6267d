// DeployTests: the quickstart's deploy sequence (spec §0) — the project's own sql/deploy.sql and
// sql/install.sql over an sf_build/ folder holding manifest.yml, setup.sql, the Streamlit page and
// the connector archive — through the built snowsql, as `make deploy` and `make install` call it:
// `-c <connection>` from ~/.snowsql/config (which turns variable substitution and exit-on-error on,
// as the quickstart asks) and `-D` variables. Deploy, install, and deploy again (the package is
// dropped while its application exists) and install again: each run ends with status 0.

import Foundation
import SnowliteTesting
import XCTest

final class DeployTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let variables = [
        "-D", "APP_NAME=EXAMPLE_GITHUB_PYTHON_CONNECTOR", "-D", "APP_VERSION=V_1_0_0",
        "-D", "STAGE_DB=EXAMPLE_GITHUB_PYTHON_CONNECTOR_STAGE",
        "-D", "STAGE_NAME=EXAMPLE_GITHUB_PYTHON_CONNECTOR_STAGE.PUBLIC.ARTIFACTS",
        "-D", "WAREHOUSE=XS", "-D", "token=ghp_deploy_test_token",
    ]

    private var home: URL!
    private var snowsql: BuiltProgram!

    override func setUpWithError() throws {
        snowsql = try BuiltProgram.locate("snowsql")
        home = FileManager.default.temporaryDirectory.appendingPathComponent("deploy-\(UUID().uuidString)")
        let build = home.appendingPathComponent("sf_build")
        try FileManager.default.createDirectory(at: build, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: home.appendingPathComponent(".snowsql"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.root.appendingPathComponent("sql"), to: home.appendingPathComponent("sql"))
        for file in ["manifest.yml", "setup.sql", "streamlit_app.py"] {
            try FileManager.default.copyItem(at: Self.root.appendingPathComponent(file), to: build.appendingPathComponent(file))
        }
        // An empty zip archive (its end-of-central-directory record): IMPORTS only needs the file.
        try Data([0x50, 0x4b, 0x05, 0x06] + [UInt8](repeating: 0, count: 18))
            .write(to: build.appendingPathComponent("snowflake_github_connector.zip"))
        try Self.writeConfig(to: home.appendingPathComponent(".snowsql/config"))
    }

    /// A snowsql config with the quickstart's connection `native_sdk_connection` and the options its
    /// guide asks for (variable substitution, exit on error), plus `extraOptions` lines.
    static func writeConfig(to url: URL, extraOptions: [String] = []) throws {
        let options = ["variable_substitution = True", "exit_on_error = True", "friendly = False", "timing = False"] + extraOptions
        try (["[connections.native_sdk_connection]", "accountname = snowlite", "username = snowlite", "", "[options]"] + options)
            .joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: home)
    }

    private func run(_ script: String) throws -> BuiltProgram.Output {
        try snowsql.run(["-f", "sql/\(script)", "-c", "native_sdk_connection"] + Self.variables, home: home,
                        extraEnvironment: ["SNOWLITE_FIXED_CLOCK": "2026-01-02T03:04:05Z"])
    }

    func testDeployAndInstallRunTwiceInARow() throws {
        for round in 1...2 {
            let deploy = try run("deploy.sql")
            XCTAssertEqual(deploy.status, 0, "deploy round \(round):\n\(deploy.stdout)")
            XCTAssertEqual(deploy.stderr, "")
            for line in [
                "| Database EXAMPLE_GITHUB_PYTHON_CONNECTOR_STAGE successfully created. |",
                "| setup.sql                      | setup.sql                      |",
                "| Version 'V_1_0_0' of application package 'EXAMPLE_GITHUB_PYTHON_CONNECTOR' created successfully. | V_1_0_0 |     0 |",
            ] {
                XCTAssertTrue(deploy.stdout.contains(line), "deploy round \(round) is missing: \(line)\n\(deploy.stdout)")
            }
            let install = try run("install.sql")
            XCTAssertEqual(install.status, 0, "install round \(round):\n\(install.stdout)")
            XCTAssertFalse(install.stdout.contains("ghp_deploy_test_token"), "the token was printed")
            for line in [
                "| Integration GITHUB_INTEGRATION successfully created. |",
                "| Application 'EXAMPLE_GITHUB_PYTHON_CONNECTOR_INSTANCE' created successfully. |",
                "| Statement executed successfully. |",
            ] {
                XCTAssertTrue(install.stdout.contains(line), "install round \(round) is missing: \(line)\n\(install.stdout)")
            }
        }
        let check = try snowsql.run(["-c", "native_sdk_connection", "-o", "output_format=csv", "-o", "header=false", "-q", """
            show grants to application example_github_python_connector_instance
            """], home: home)
        XCTAssertEqual(check.status, 0, check.stdout)
        let granted = check.stdout.split(separator: "\n").map { $0.split(separator: ",").dropFirst().prefix(3).joined(separator: ",") }
        XCTAssertEqual(granted.sorted(), [
            "READ,SECRET,EXAMPLE_GITHUB_PYTHON_CONNECTOR_SECRETS.PUBLIC.GITHUB_TOKEN",
            "USAGE,DATABASE,EXAMPLE_GITHUB_PYTHON_CONNECTOR_SECRETS",
            "USAGE,INTEGRATION,GITHUB_INTEGRATION",
            "USAGE,SCHEMA,EXAMPLE_GITHUB_PYTHON_CONNECTOR_SECRETS.PUBLIC",
        ])
    }
}
