// ReplayTests: the quickstart's own commands, replayed through the built programs against a mock
// GitHub (GitHubFixtureServer) on 127.0.0.1 that the connector reaches as https://api.github.com
// through the `egress_map` option: `make deploy` and `make install` themselves; install.sql piped
// through standard input; the Python example's integration-test flow (install from the staged
// folder, provision, enable snowcli, DESC, ingest); and the negative paths a user meets — a refused
// token, a secret not granted, egress to an unlisted host, an unbound warehouse reference — each
// with its clear error or FAILED state. The connector's log lines land in the event table at the
// manifest's level.

import Foundation
import GitHubFixture
import SnowliteTesting
import XCTest

final class ReplayTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let app = "EXAMPLE_GITHUB_PYTHON_CONNECTOR_INSTANCE"

    private var home: URL!
    private var snowsql: BuiltProgram!

    override func setUpWithError() throws {
        snowsql = try BuiltProgram.locate("snowsql")
        home = FileManager.default.temporaryDirectory.appendingPathComponent("replay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let build = try BuiltProgram(url: URL(fileURLWithPath: "/usr/bin/make")).run(["--no-print-directory", "sf_build"], home: home,
                                                                                    directory: Self.root)
        XCTAssertEqual(build.status, 0, build.stderr)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: home)
    }

    /// The connection `make` uses, with the quickstart's options and the fixture as GitHub.
    private func writeConfig(port: Int) throws {
        try DeployTests.writeConfig(to: home.appendingPathComponent("config"),
                                    extraOptions: ["egress_map = https://api.github.com=http://127.0.0.1:\(port)"])
    }

    private func make(_ target: String, token: String = GitHubFixture.defaultToken) throws -> BuiltProgram.Output {
        try BuiltProgram(url: URL(fileURLWithPath: "/usr/bin/make")).run([
            "--no-print-directory", target, "SNOWSQL=\(snowsql.url.path)", "SNOWSQL_OPTIONS=--config \(home.appendingPathComponent("config").path)",
            "GITHUB_TOKEN=\(token)",
        ], home: home, directory: Self.root)
    }

    /// Statements through snowsql on the same connection, as CSV without a header.
    private func sql(_ text: String) throws -> BuiltProgram.Output {
        try snowsql.run(["--config", home.appendingPathComponent("config").path, "-c", "native_sdk_connection",
                         "-o", "output_format=csv", "-o", "header=false", "-o", "exit_on_error=false", "-q", text],
                        home: home, directory: Self.root)
    }

    private func deployAndInstall(_ server: GitHubFixtureServer, token: String = GitHubFixture.defaultToken) throws {
        try writeConfig(port: server.port)
        for target in ["deploy", "install"] {
            let output = try make(target, token: token)
            XCTAssertEqual(output.status, 0, "make \(target):\n\(output.stdout)\(output.stderr)")
        }
    }

    private static let grants = """
        grant create database on account to application \(app);
        grant execute task on account to application \(app);
        call \(app).public.register_reference('warehouse_reference', 'ADD', system$reference('warehouse', 'compute_wh', 'persistent', 'usage'));
        """
    private static let provision = """
        call \(app).public.provision_connector(parse_json('{"destination_database": "DEST_DB",
          "secret_name": "EXAMPLE_GITHUB_PYTHON_CONNECTOR_SECRETS.PUBLIC.GITHUB_TOKEN", "external_access_integration_name": "GITHUB_INTEGRATION"}'));
        """
    private static let state = """
        alter application \(app) set debug_mode = true;
        select key, value:state::string, value:reason::string from \(app).state.app_state
        qualify row_number() over (partition by key order by timestamp desc) = 1;
        """

    func testMakeDeployAndMakeInstallThenTheConnectorIngests() async throws {
        try await GitHubFixtureServer.run(configuration: .init()) { server in
            try self.deployAndInstall(server)
            let flow = try self.sql("""
                create event table EXAMPLE_GITHUB_PYTHON_CONNECTOR_SECRETS.public.events;
                alter account set event_table = EXAMPLE_GITHUB_PYTHON_CONNECTOR_SECRETS.public.events;
                \(Self.grants)
                \(Self.provision)
                call \(Self.app).public.enable_resource('Snowflake-Labs/sfquickstarts');
                """)
            XCTAssertTrue(flow.stdout.contains("Connector provisioned\nSnowflake-Labs/sfquickstarts enabled\n"), flow.stdout)
            // The worker ran the task before that snowsql exited.
            XCTAssertEqual(try self.sql("select count(*) from dest_db.public.snowflake_labs_sfquickstarts").stdout, "250\n")
            let state = try self.sql(Self.state).stdout
            XCTAssertTrue(state.hasSuffix("Snowflake-Labs/sfquickstarts,DONE,NULL\n"), state)
            // The manifest's log level is DEBUG: the connector's INFO lines are in the event table.
            let events = try self.sql("""
                select record:severity_text::string, value::string from EXAMPLE_GITHUB_PYTHON_CONNECTOR_SECRETS.public.events
                where resource_attributes:"snow.application.name" = '\(Self.app)' and value::string like 'Connector%'
                """)
            XCTAssertEqual(events.stdout, "INFO,Connector provisioned\n")
        }
    }

    func testInstallFromStandardInputAndThePythonExamplesIntegrationFlow() async throws {
        try await GitHubFixtureServer.run(configuration: .init()) { server in
            try self.writeConfig(port: server.port)
            XCTAssertEqual(try self.make("deploy").status, 0)
            let install = try self.snowsql.run([
                "--config", self.home.appendingPathComponent("config").path, "-c", "native_sdk_connection",
                "-D", "APP_NAME=EXAMPLE_GITHUB_PYTHON_CONNECTOR", "-D", "APP_VERSION=V_1_0_0", "-D", "WAREHOUSE=XS",
                "-D", "token=\(GitHubFixture.defaultToken)",
            ], input: try String(contentsOf: Self.root.appendingPathComponent("sql/install.sql"), encoding: .utf8),
               home: self.home, directory: Self.root)
            XCTAssertEqual(install.status, 0, install.stdout)
            // The integration tests install from the staged folder instead of the version.
            let flow = try self.sql("""
                drop application \(Self.app) cascade;
                create application \(Self.app) from application package EXAMPLE_GITHUB_PYTHON_CONNECTOR
                  using '@EXAMPLE_GITHUB_PYTHON_CONNECTOR_STAGE.PUBLIC.ARTIFACTS/V_1_0_0';
                grant usage on integration github_integration to application \(Self.app);
                grant usage on database EXAMPLE_GITHUB_PYTHON_CONNECTOR_SECRETS to application \(Self.app);
                grant usage on schema EXAMPLE_GITHUB_PYTHON_CONNECTOR_SECRETS.public to application \(Self.app);
                grant read on secret EXAMPLE_GITHUB_PYTHON_CONNECTOR_SECRETS.public.github_token to application \(Self.app);
                \(Self.grants)
                use database \(Self.app);
                call provision_connector(parse_json('{"destination_database": "DEST_DB",
                  "secret_name": "EXAMPLE_GITHUB_PYTHON_CONNECTOR_SECRETS.PUBLIC.GITHUB_TOKEN", "external_access_integration_name": "GITHUB_INTEGRATION"}'));
                call enable_resource('Snowflake-Labs/snowcli');
                desc table dest_db.public.snowflake_labs_snowcli;
                desc view dest_db.public.snowflake_labs_snowcli_flattened;
                call ingest_data('Snowflake-Labs/snowcli');
                select count(*) > 0 from dest_db.public.snowflake_labs_snowcli;
                """)
            let lines = flow.stdout.split(separator: "\n").map(String.init)
            XCTAssertTrue(lines.contains("Connector provisioned"), flow.stdout)
            XCTAssertTrue(lines.contains("Snowflake-Labs/snowcli enabled"), flow.stdout)
            XCTAssertEqual(lines.filter { $0.hasPrefix("RAW,VARIANT,COLUMN") }.count, 1, flow.stdout)
            XCTAssertEqual(lines.filter { $0.contains(",COLUMN,Y,") }.count, 14, flow.stdout)  // 1 table column + 13 view columns
            let result = try XCTUnwrap(lines.first { $0.contains("rows_count") })
            XCTAssertTrue(result.contains("\"\"rows_count\"\":42") && result.contains("\"\"extras\"\""), result)
            XCTAssertEqual(lines.last, "True")
        }
    }

    func testTheNegativePathsAUserMeets() async throws {
        try await GitHubFixtureServer.run(configuration: .init()) { server in
            try self.deployAndInstall(server, token: "ghp_refused")
            // No warehouse bound yet: ENABLE_RESOURCE cannot create its task.
            var output = try self.sql("""
                grant create database on account to application \(Self.app);
                grant execute task on account to application \(Self.app);
                \(Self.provision)
                call \(Self.app).public.enable_resource('Snowflake-Labs/sfquickstarts');
                """)
            XCTAssertTrue(output.stdout.contains("""
                505027 (23001): Reference 'WAREHOUSE_REFERENCE' of application '\(Self.app)' is not bound to an object; \
                the consumer binds it through the register callback.
                """), output.stdout)
            // The token is refused: the run ends FAILED with the reason.
            output = try self.sql("""
                call \(Self.app).public.register_reference('warehouse_reference', 'ADD', system$reference('warehouse', 'compute_wh', 'persistent', 'usage'));
                call \(Self.app).public.enable_resource('Snowflake-Labs/sfquickstarts');
                """)
            XCTAssertTrue(try self.sql(Self.state).stdout.hasSuffix("""
                Snowflake-Labs/sfquickstarts,FAILED,GitHub refused the token (401 Bad credentials); check the secret bound as 'token'\n
                """), output.stdout)
            // Egress to a host no rule lists: denied before anything is sent.
            output = try self.sql("""
                alter network rule EXAMPLE_GITHUB_PYTHON_CONNECTOR_SECRETS.public.gh_rule set value_list = ('uploads.github.com:443');
                call \(Self.app).public.ingest_data('Snowflake-Labs/sfquickstarts');
                """)
            XCTAssertTrue(output.stdout.contains("api.github.com:443"), output.stdout)
            XCTAssertTrue(try self.sql("select decision from table(information_schema.egress_history()) limit 1").stdout == "DENIED\n")
            // A secret the application may not read cannot be bound.
            output = try self.sql("""
                revoke read on secret EXAMPLE_GITHUB_PYTHON_CONNECTOR_SECRETS.public.github_token from application \(Self.app);
                \(Self.provision)
                """)
            XCTAssertTrue(output.stdout.contains("""
                002003 (02000): SQL compilation error:
                Secret 'EXAMPLE_GITHUB_PYTHON_CONNECTOR_SECRETS.PUBLIC.GITHUB_TOKEN' does not exist or not authorized.
                """), output.stdout)
            XCTAssertEqual(server.controller.requests.filter { $0.header("authorization") == "Bearer ghp_refused" }.count, 1)
        }
    }
}
