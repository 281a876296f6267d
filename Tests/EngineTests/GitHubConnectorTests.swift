// The GitHub connector (issue "The GitHub connector in Swift"): the project's own manifest.yml and
// setup.sql installed as the quickstart installs them, the consumer's grants and warehouse
// reference, then PROVISION_CONNECTOR, ENABLE_RESOURCE and INGEST_DATA against the mock GitHub API
// (GitHubFixture) on 127.0.0.1, reached through libcurl and an egress map while the network rule
// still names api.github.com:443. Checked: rows and shapes, the state the dashboard reads, the
// requests GitHub saw, incremental runs, each fault ending DONE after a retry or FAILED with its
// reason and never half a page, and provisioning errors that change nothing; next-page links that
// loop or never end stop the run FAILED (issue 17, item 9).

import Egress
import Foundation
import GitHubConnector
import GitHubFixture
import XCTest
@testable import Engine

final class GitHubConnectorTests: AccessControlTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let repository = "Snowflake-Labs/sfquickstarts"
    static let provision = """
        call app.public.provision_connector(parse_json('{"destination_database": "DEST_DB",
          "secret_name": "SECRETS.PUBLIC.GITHUB_TOKEN", "external_access_integration_name": "GITHUB_INTEGRATION"}'))
        """
    static let latestState = """
        select key, value:state::string, value:ingestion:rows_count::int, value:reason::string from app.state.app_state
        qualify row_number() over (partition by key order by timestamp desc) = 1
        """

    /// Records the waits the connector asks for instead of waiting.
    final class Waits: @unchecked Sendable {
        private let lock = NSLock()
        private var recorded: [Duration] = []
        var all: [Duration] { lock.withLock { recorded } }
        func record(_ duration: Duration) { lock.withLock { recorded.append(duration) } }
    }

    private var fixture: ApplicationFixture!
    private let waits = Waits()

    override func setUpWithError() throws {
        try super.setUpWithError()
        fixture = try ApplicationFixture()
    }

    override func tearDownWithError() throws {
        fixture.remove()
        try super.tearDownWithError()
    }

    /// Installs the connector as install.sql does, pointed at `server`, with the grants the
    /// Streamlit pop-ups ask for and the warehouse reference bound.
    private func install(_ server: GitHubFixtureServer, token: String = GitHubFixture.defaultToken) throws {
        let waits = self.waits
        GitHubConnector.register(in: &admin.procedureRegistry, environment: ConnectorEnvironment(
            transport: CurlTransport(), map: try EgressMap.parse("https://api.github.com=http://127.0.0.1:\(server.port)"),
            sleep: { waits.record($0) }))
        var files = ["snowflake_github_connector.zip": "PK"]
        for name in ["manifest.yml", "setup.sql", "streamlit_app.py"] {
            files[name] = try String(contentsOf: Self.root.appendingPathComponent(name), encoding: .utf8)
        }
        try script("create database d;\ncreate stage d.public.artifacts")
        try fixture.addVersion("V_1_0_0", files: files, in: session)
        try script("""
            create database secrets;
            create network rule secrets.public.gh_rule mode = egress type = host_port value_list = ('api.github.com:443');
            create secret secrets.public.github_token type = generic_string secret_string = '\(token)';
            create external access integration github_integration allowed_network_rules = (secrets.public.gh_rule)
              allowed_authentication_secrets = ('secrets.public.github_token') enabled = true;
            create application app from application package pkg using version V_1_0_0;
            grant usage on integration github_integration to application app;
            grant usage on database secrets to application app;
            grant usage on schema secrets.public to application app;
            grant read on secret secrets.public.github_token to application app;
            grant create database on account to application app;
            grant execute task on account to application app;
            alter application app set debug_mode = true;
            call app.public.register_reference('warehouse_reference', 'ADD',
              system$reference('warehouse', 'compute_wh', 'persistent', 'usage'))
            """)
    }

    private func count() throws -> [[String]] { try cells("select count(*) from dest_db.public.snowflake_labs_sfquickstarts") }

    func testTheQuickstartFlowIngestsEveryIssue() async throws {
        try await GitHubFixtureServer.run(configuration: .init()) { server in
            try self.install(server)
            XCTAssertEqual(try self.cells(Self.provision), [["Connector provisioned"]])
            XCTAssertEqual(try self.cells("call app.public.enable_resource('\(Self.repository)')"), [["\(Self.repository) enabled"]])
            _ = try self.admin.runQueuedTasks()  // the run EXECUTE TASK queued
            // ENABLE_RESOURCE executed the task: every issue, open and closed, 100 to a page.
            XCTAssertEqual(try self.count(), [["250"]])
            XCTAssertEqual(try self.cells("desc table dest_db.public.snowflake_labs_sfquickstarts").map { Array($0[0...1]) },
                           [["RAW", "VARIANT"]])
            XCTAssertEqual(try self.cells("desc view dest_db.public.snowflake_labs_sfquickstarts_flattened").map { $0[0] }, [
                "ID", "NODE_ID", "URL", "REPOSITORY_URL", "LABELS_URL", "COMMENTS_URL", "EVENTS_URL", "HTML_URL", "NUMBER",
                "STATE", "TITLE", "BODY", "USER",
            ])
            XCTAssertEqual(try self.cells(Self.latestState), [[Self.repository, "DONE", "250", "NULL"]])
            let first = server.controller.requests
            XCTAssertEqual(first.map(\.uri), [
                "/repos/Snowflake-Labs/sfquickstarts/issues?state=all&per_page=100",
                "/repos/Snowflake-Labs/sfquickstarts/issues?state=all&per_page=100&page=2",
                "/repos/Snowflake-Labs/sfquickstarts/issues?state=all&per_page=100&page=3",
            ])
            XCTAssertEqual(first[0].header("authorization"), "Bearer \(GitHubFixture.defaultToken)")
            XCTAssertEqual(first[0].header("accept"), "application/vnd.github+json")
            XCTAssertEqual(first[0].header("user-agent"), "snowlite-github-connector")
            // Each next page is sent ahead while the current one merges (PageLookahead); every
            // request is still on record, once, in the order sent (newest first).
            let api = "https://api.github.com/repos/Snowflake-Labs/sfquickstarts/issues?state=all&per_page=100"
            XCTAssertEqual(try self.cells("select url, status from table(information_schema.egress_history())"),
                           [[api + "&page=3", "200"], [api + "&page=2", "200"], [api, "200"]])

            // A second run asks only for what changed since the newest stored update.
            _ = try server.controller.updateIssue(repo: Self.repository, number: 7, title: "Renamed")
            server.controller.clearRequests()
            let result = try self.cells("call app.public.ingest_data('\(Self.repository)')")[0][0]
            let ingestion = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.utf8)) as? [String: Any])
            XCTAssertEqual(ingestion["rows_count"] as? Int, 250)
            XCTAssertEqual(ingestion["table_name"] as? String, "DEST_DB.PUBLIC.SNOWFLAKE_LABS_SFQUICKSTARTS")
            XCTAssertNotNil(ingestion["extras"] as? [String: Any])
            XCTAssertEqual(server.controller.requests.count, 1)
            XCTAssertTrue(server.controller.requests[0].uri.contains("&since="), server.controller.requests[0].uri)
            XCTAssertEqual(try self.cells("select title from dest_db.public.snowflake_labs_sfquickstarts_flattened where number = 7"),
                           [["Renamed"]])
            XCTAssertEqual(try self.count(), [["250"]])
            // Every request went through the egress check and is on record; the token is nowhere.
            XCTAssertEqual(try self.cells("""
                select decision, host_port, mapped_to, status from table(information_schema.egress_history()) order by time limit 1
                """), [["ALLOWED", "api.github.com:443", "http://127.0.0.1:\(server.port)", "200"]])
            let history = try self.cells("select * from table(information_schema.egress_history())").joined().joined()
            XCTAssertFalse(history.contains(GitHubFixture.defaultToken))
        }
    }

    func testAServerErrorIsRetriedAndAPersistentOneFailsBetweenPages() async throws {
        let configuration = GitHubFixture.Configuration(faults: [.serverError(page: 2)])
        try await GitHubFixtureServer.run(configuration: configuration) { server in
            try self.install(server)
            try self.run(Self.provision)
            // The task's run fails on page 2 after three retries; page 1 is in, never half a page.
            try self.run("call app.public.enable_resource('\(Self.repository)')")
            _ = try self.admin.runQueuedTasks()  // the run EXECUTE TASK queued
            XCTAssertEqual(try self.count(), [["100"]])
            XCTAssertEqual(try self.cells(Self.latestState), [[Self.repository, "FAILED", "NULL", """
                GitHub answered 500 for https://api.github.com/repos/Snowflake-Labs/sfquickstarts/issues?state=all&per_page=100&page=2
                """]])
            XCTAssertEqual(self.waits.all, [.milliseconds(500), .seconds(1), .seconds(2)])
            // Page 2 was first sent ahead, then three times again: four 500s on record, after page 1.
            XCTAssertEqual(try self.cells("select status, count(*) from table(information_schema.egress_history()) group by 1 order by 1"),
                           [["200", "1"], ["500", "4"]])
            self.assertError("call app.public.ingest_data('\(Self.repository)')", """
                100357 (P0000): Python Interpreter Error:
                Exception: GitHub answered 500 for https://api.github.com/repos/Snowflake-Labs/sfquickstarts/issues?state=all&per_page=100&page=2
                 in function INGEST_DATA with handler snowflake_github_connector.procedures.ingest_data
                """)

            // One failure is retried and the run ends DONE.
            server.controller.setFaults([.serverError(page: 2, .once)])
            try self.run("call app.public.ingest_data('\(Self.repository)')")
            XCTAssertEqual(try self.cells(Self.latestState).map { $0[1] }, ["DONE"])
            XCTAssertEqual(try self.count(), [["250"]])
            XCTAssertEqual(self.waits.all.last, .milliseconds(500))
        }
    }

    /// The next page is sent ahead while page 1 is merged; page 1 fails, and the request sent
    /// ahead is still waited for and on record after it.
    func testAPageSentAheadIsOnRecordWhenTheCurrentPageFails() async throws {
        try await GitHubFixtureServer.run(configuration: .init(faults: [.malformedJSON(page: 1)])) { server in
            try self.install(server)
            try self.run(Self.provision)
            XCTAssertThrowsError(try self.session.execute("call app.public.ingest_data('\(Self.repository)')"))
            let api = "https://api.github.com/repos/Snowflake-Labs/sfquickstarts/issues?state=all&per_page=100"
            XCTAssertEqual(try self.cells("select url, status from table(information_schema.egress_history())"),
                           [[api + "&page=2", "200"], [api, "200"]])
            XCTAssertEqual(server.controller.requests.count, 2)
        }
    }

    /// A Link back to a page already fetched: the page in hand is merged, nothing more is asked,
    /// and the run ends FAILED naming the link.
    func testANextPageLinkToAPageAlreadyFetchedStopsTheRun() async throws {
        try await GitHubFixtureServer.run(configuration: .init(faults: [.linkToItself(page: 2)])) { server in
            try self.install(server)
            try self.run(Self.provision)
            try self.run("call app.public.enable_resource('\(Self.repository)')")
            let runs = try self.admin.runQueuedTasks()
            let page2 = "https://api.github.com/repos/Snowflake-Labs/sfquickstarts/issues?state=all&per_page=100&page=2"
            let reason = "GitHub's next-page link points back to \(page2), a page this run already fetched; stopped after 2 pages"
            XCTAssertEqual(runs.map(\.state), ["FAILED"])
            XCTAssertEqual(runs.first?.errorMessage, """
                Python Interpreter Error:
                Exception: \(reason)
                 in function INGEST_DATA with handler snowflake_github_connector.procedures.ingest_data
                """)
            XCTAssertEqual(try self.cells(Self.latestState), [[Self.repository, "FAILED", "NULL", reason]])
            XCTAssertEqual(try self.count(), [["200"]])
            XCTAssertEqual(server.controller.requests.map(\.uri), [
                "/repos/Snowflake-Labs/sfquickstarts/issues?state=all&per_page=100",
                "/repos/Snowflake-Labs/sfquickstarts/issues?state=all&per_page=100&page=2",
            ])
            // One state row per page merged, and the FAILED one.
            XCTAssertEqual(try self.cells("select value:state::string from app.state.app_state order by timestamp"),
                           [["RUNNING"], ["RUNNING"], ["FAILED"]])
        }
    }

    /// Links that never end stop at `max_pages` pages, FAILED naming the limit.
    func testNextPageLinksThatNeverEndStopAtMaxPages() async throws {
        try await GitHubFixtureServer.run(configuration: .init(faults: [.endlessNextLinks()])) { server in
            try self.install(server)
            try self.run("""
                call app.public.provision_connector(parse_json('{"destination_database": "DEST_DB", "max_pages": 5,
                  "secret_name": "SECRETS.PUBLIC.GITHUB_TOKEN", "external_access_integration_name": "GITHUB_INTEGRATION"}'))
                """)
            try self.run("call app.public.enable_resource('\(Self.repository)')")
            let runs = try self.admin.runQueuedTasks()
            XCTAssertEqual(runs.map(\.state), ["FAILED"])
            XCTAssertEqual(runs.first?.errorMessage, """
                Python Interpreter Error:
                Exception: GitHub's next-page links go on past 5 pages (max_pages); stopped after 5 pages, before \
                https://api.github.com/repos/Snowflake-Labs/sfquickstarts/issues?state=all&per_page=100&page=6
                 in function INGEST_DATA with handler snowflake_github_connector.procedures.ingest_data
                """)
            XCTAssertEqual(server.controller.requests.count, 5)
            XCTAssertEqual(try self.count(), [["250"]])
            XCTAssertEqual(try self.cells(Self.latestState).map { $0[1] }, ["FAILED"])
        }
    }

    func testRefusedTokensRateLimitsMalformedAndSlowPages() async throws {
        try await GitHubFixtureServer.run(configuration: .init()) { server in
            try self.install(server, token: "ghp_wrong_token")
            try self.run(Self.provision)
            let ingest = "call app.public.ingest_data('\(Self.repository)')"
            try self.run("call app.public.enable_resource('\(Self.repository)')")
            _ = try self.admin.runQueuedTasks()  // the run EXECUTE TASK queued
            XCTAssertEqual(try self.cells(Self.latestState).map { $0[3] },
                           ["GitHub refused the token (401 Bad credentials); check the secret bound as 'token'"])
            try self.run("alter secret secrets.public.github_token set secret_string = '\(GitHubFixture.defaultToken)'")

            server.controller.setFaults([.rateLimitExceeded(page: 1)])
            XCTAssertThrowsError(try self.session.execute(ingest))
            let reason = try self.cells(Self.latestState)[0][3]
            XCTAssertTrue(reason.hasPrefix("GitHub rate limit exceeded; it resets at 20"), reason)

            server.controller.setFaults([.secondaryRateLimit(retryAfter: 2, page: 1, .once)])
            try self.run(ingest)
            XCTAssertEqual(self.waits.all, [.seconds(2)])

            // The finished run's watermark makes the next one incremental: one page, here malformed.
            server.controller.setFaults([.malformedJSON(page: 1)])
            XCTAssertThrowsError(try self.session.execute(ingest))
            let malformed = try self.cells(Self.latestState)[0][3]
            XCTAssertTrue(malformed.hasPrefix("GitHub returned malformed JSON for https://api.github.com/repos/Snowflake-Labs/sfquickstarts/issues?state=all&per_page=100&since=20"), malformed)

            // A slow answer is only slow: the run ends DONE.
            server.controller.setFaults([.slow(milliseconds: 300, page: 1)])
            try self.run(ingest)
            XCTAssertEqual(try self.cells(Self.latestState).map { $0[1] }, ["DONE"])
        }
    }

    func testProvisioningErrorsChangeNothing() async throws {
        try await GitHubFixtureServer.run(configuration: .init()) { server in
            try self.install(server)
            // Without CREATE DATABASE the binding made first is taken back.
            try self.run("revoke create database on account from application app")
            self.assertError(Self.provision, self.insufficient("account", "SNOWLITE"))
            let ingest = try self.admin.store.queue.read { db in
                try Catalog(db: db).object(database: "APP", schema: "PUBLIC", name: "INGEST_DATA(VARCHAR)", kinds: [.procedure])
            }
            XCTAssertEqual(ingest?.properties["secrets"], nil)
            XCTAssertEqual(ingest?.properties["external_access_integrations"], nil)
            try self.run("grant create database on account to application app")
            try self.run("revoke read on secret secrets.public.github_token from application app")
            self.assertError(Self.provision, missing("Secret", "SECRETS.PUBLIC.GITHUB_TOKEN"))
            self.assertError("call app.public.provision_connector(parse_json('{\"destination_database\": \"DEST_DB\"}'))", """
                100357 (P0000): Python Interpreter Error:
                Exception: Missing configuration key 'secret_name'
                 in function PROVISION_CONNECTOR with handler snowflake_github_connector.procedures.provision_connector
                """)
            self.assertError("""
                call app.public.provision_connector(parse_json('{"destination_database": "DEST; DROP DATABASE D",
                  "secret_name": "S", "external_access_integration_name": "I"}'))
                """, """
                100357 (P0000): Python Interpreter Error:
                Exception: Configuration key 'destination_database' must be an identifier, not DEST; DROP DATABASE D
                 in function PROVISION_CONNECTOR with handler snowflake_github_connector.procedures.provision_connector
                """)
            XCTAssertEqual(try self.cells("show databases like 'DEST_DB'"), [])
            self.assertError("call app.public.enable_resource('not a repo')", """
                100357 (P0000): Python Interpreter Error:
                Exception: Invalid resource id 'not a repo': expected 'owner/repository' as GitHub names them
                 in function ENABLE_RESOURCE with handler snowflake_github_connector.procedures.enable_resource
                """)
            XCTAssertEqual(server.controller.requests.count, 0)
        }
    }
}
