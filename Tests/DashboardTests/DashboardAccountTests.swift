// The dashboard beyond one application's forms: the account overview (applications with a
// default Streamlit, databases, tasks and their last runs, egress decisions, event-table lines),
// the State tab refreshing itself while a run is EXECUTING and a repository RUNNING (pages and
// rows so far), a failed run's error from TASK_HISTORY, and the server's address rules — loopback
// only unless allowed, and then the access token printed at start on every request.

import Dashboard
import Engine
import Foundation
import GitHubFixture
import GRDB
import Hummingbird
import HummingbirdTesting
import XCTest

final class DashboardAccountTests: XCTestCase {
    static let app = ConnectorAccount.application

    func testTheOverviewShowsTheAccountAroundTheConnector() async throws {
        try await DashboardHarness.run { browser in
            try browser.account.run(try browser.account.openSession(), """
                create database logs;
                create event table logs.public.events;
                alter account set event_table = logs.public.events
                """)
            try await DashboardRouteTests.grantEverything(browser)
            _ = try await DashboardRouteTests.provision(browser)
            _ = try await browser.post("/apps/\(Self.app)/resources", [("organization", "Snowflake-Labs"), ("repository", "sfquickstarts")])

            let page = try await browser.get("/")
            XCTAssertEqual(page.status, .ok)
            XCTAssertEqual(page.text(id: "applications"),
                           "Applications GITHUB_CONNECTOR_INSTANCE V_1_0 Streamlit GITHUB_CONNECTOR_INSTANCE.PUBLIC.GITHUB_APP")
            XCTAssertEqual(page.table(id: "databases"), [
                ["name", "kind", "owner", "comment"],
                // An application package is a database too (its shared content), as SHOW DATABASES shows it.
                ["GITHUB_CONNECTOR", "APPLICATION PACKAGE", "ACCOUNTADMIN", ""],
                ["GITHUB_CONNECTOR_INSTANCE", "APPLICATION", "APPLICATION GITHUB_CONNECTOR_INSTANCE", ""],
                ["GITHUB_CONNECTOR_SECRETS", "STANDARD", "ACCOUNTADMIN", ""],
                ["GITHUB_CONNECTOR_STAGE", "STANDARD", "ACCOUNTADMIN", ""],
                ["GITHUB_DATA", "STANDARD", "APPLICATION GITHUB_CONNECTOR_INSTANCE", ""],
                ["LOGS", "STANDARD", "ACCOUNTADMIN", ""],
            ])
            XCTAssertEqual(page.table(id: "egress").dropFirst().map { Array($0[1...4]) + [$0[6]] }, [
                ["GITHUB_CONNECTOR_INSTANCE.PUBLIC.INGEST_DATA", "GET",
                 "https://api.github.com/repos/Snowflake-Labs/sfquickstarts/issues?state=all&per_page=100&page=3", "ALLOWED", "200"],
                ["GITHUB_CONNECTOR_INSTANCE.PUBLIC.INGEST_DATA", "GET",
                 "https://api.github.com/repos/Snowflake-Labs/sfquickstarts/issues?state=all&per_page=100&page=2", "ALLOWED", "200"],
                ["GITHUB_CONNECTOR_INSTANCE.PUBLIC.INGEST_DATA", "GET",
                 "https://api.github.com/repos/Snowflake-Labs/sfquickstarts/issues?state=all&per_page=100", "ALLOWED", "200"],
            ])
            let events = page.table(id: "events")
            XCTAssertEqual(events.first, ["TIMESTAMP", "APPLICATION", "EXECUTABLE", "SEVERITY", "MESSAGE"])
            // One instant (the fixed clock) for every line: compared in name order.
            XCTAssertEqual(events.dropFirst().map { $0[1...4].joined(separator: " | ") }.sorted(), [
                "GITHUB_CONNECTOR_INSTANCE | ENABLE_RESOURCE | INFO | Enabled: Snowflake-Labs/sfquickstarts",
                "GITHUB_CONNECTOR_INSTANCE | INGEST_DATA | INFO | Batch fetched for Snowflake-Labs/sfquickstarts: 100 issues new or changed in 0 ms",
                "GITHUB_CONNECTOR_INSTANCE | INGEST_DATA | INFO | Batch fetched for Snowflake-Labs/sfquickstarts: 100 issues new or changed in 0 ms",
                "GITHUB_CONNECTOR_INSTANCE | INGEST_DATA | INFO | Batch fetched for Snowflake-Labs/sfquickstarts: 50 issues new or changed in 0 ms",
                "GITHUB_CONNECTOR_INSTANCE | INGEST_DATA | INFO | Ingestion done for Snowflake-Labs/sfquickstarts",
                "GITHUB_CONNECTOR_INSTANCE | INGEST_DATA | INFO | Starting ingestion for Snowflake-Labs/sfquickstarts",
                "GITHUB_CONNECTOR_INSTANCE | PROVISION_CONNECTOR | INFO | Connector provisioned",
                "GITHUB_CONNECTOR_INSTANCE | PROVISION_CONNECTOR | INFO | Provisioning the connector into database GITHUB_DATA",
            ])
            XCTAssertEqual(page.statements.prefix(4), [
                "SHOW APPLICATIONS", "SHOW DATABASES",
                #"SELECT "name", "kind", "owner", "comment" FROM TABLE(RESULT_SCAN('"#
                    + (page.statements.dropFirst(2).first?.components(separatedBy: "RESULT_SCAN('").last ?? ""),
                "SHOW TASKS IN ACCOUNT",
            ])
        }
    }

    func testTheStateRefreshesItselfWhileARunIsExecutingAndShowsItsProgress() async throws {
        try await DashboardHarness.run { browser in
            try await DashboardRouteTests.grantEverything(browser)
            _ = try await DashboardRouteTests.provision(browser)
            // A run in progress, as a scheduler in another session leaves it between two pages: the
            // task run EXECUTING, two RUNNING states with the rows merged so far.
            try await browser.account.store.queue.write { db in
                try db.execute(sql: """
                    INSERT INTO sl_task_run (database_name, schema_name, name, query_text, state, scheduled_time, query_start_time,
                                             scheduled_from)
                    VALUES (?, 'TASKS', 'INGEST_SNOWFLAKE_LABS_SFQUICKSTARTS', 'CALL PUBLIC.INGEST_DATA(''Snowflake-Labs/sfquickstarts'')',
                            'EXECUTING', '2026-01-02 03:04:05.678', '2026-01-02 03:04:05.678', 'SCHEDULE')
                    """, arguments: [Self.app])
                for (millisecond, rows) in [(1, 100), (2, 200)] {
                    try db.execute(sql: """
                        INSERT INTO "\(Self.app).STATE.APP_STATE" ("TIMESTAMP", "KEY", "VALUE") VALUES (?, 'Snowflake-Labs/sfquickstarts', ?)
                        """, arguments: ["2026-01-02 03:04:05.67\(7 + millisecond)",
                                         #"{"ingestion":{"rows_count":\#(rows)},"state":"RUNNING"}"#])
                }
            }
            let running = try await browser.get("/apps/\(Self.app)/state")
            XCTAssertTrue(running.html.contains(#"<meta http-equiv="refresh" content="2">"#))
            XCTAssertEqual(running.text(id: "refreshing"), "An ingestion is running; this page refreshes every 2 seconds.")
            XCTAssertEqual(HTMLText.plain(running.html.components(separatedBy: "<ul class=\"progress\">")[1].components(separatedBy: "</ul>")[0]),
                           "Snowflake-Labs/sfquickstarts: 2 pages, 200 rows so far")
            XCTAssertEqual(running.table(id: "state"), [
                ["REPOSITORY", "STATE", "ROWS_COUNT", "TIMESTAMP"],
                ["Snowflake-Labs/sfquickstarts", "RUNNING", "200", "2026-01-02 03:04:05.679"],
            ])
        }
    }

    func testAFailedRunShowsItsErrorFromTaskHistory() async throws {
        try await GitHubFixtureServer.run(configuration: .init(faults: [.badCredentials])) { server in
            let account = try ConnectorAccount(server: server)
            defer { account.remove() }
            let dashboard = try DashboardServer(openSession: { try account.openSession() }, configuration: LoopbackPeer.configuration())
            try await Application(router: dashboard.buildRouter(LoopbackPeerContext.self)).test(.router) { client in
                let browser = DashboardHarness(client: client, account: account, server: server)
                try await DashboardRouteTests.grantEverything(browser)
                _ = try await DashboardRouteTests.provision(browser)
                _ = try await browser.post("/apps/\(Self.app)/resources", [("organization", "Snowflake-Labs"), ("repository", "sfquickstarts")])
                let state = try await browser.get("/apps/\(Self.app)/state")
                XCTAssertEqual(state.table(id: "state").last, ["Snowflake-Labs/sfquickstarts", "FAILED", "NULL", "2026-01-02 03:04:05.678"])
                let runs = HTMLText(status: .ok, html: "<div id=\"runs\">" + state.html.components(separatedBy: "<h2>Task runs</h2>")[1])
                XCTAssertEqual(runs.table(id: "runs").last, [
                    "INGEST_SNOWFLAKE_LABS_SFQUICKSTARTS", "FAILED", "2026-01-02 03:04:05.678 +0000", "2026-01-02 03:04:05.678 +0000",
                    "2026-01-02 03:04:05.678 +0000", "100357", """
                    Python Interpreter Error: Exception: GitHub refused the token (401 Bad credentials); check the secret bound as \
                    'token' in function INGEST_DATA with handler snowflake_github_connector.procedures.ingest_data
                    """,
                ])
            }
        }
    }

    func testTheApplicationsStateIsReadAsItsStreamlitReadsItAndOnlyByWhoMayOpenIt() async throws {
        try await GitHubFixtureServer.run { server in
            let account = try ConnectorAccount(server: server)
            defer { account.remove() }
            let consumer = try account.openSession()
            // Outside DEBUG_MODE the consumer does not see inside the application …
            XCTAssertThrowsError(try consumer.execute("select count(*) from \(Self.app).state.app_state")) { error in
                XCTAssertEqual((error as? SnowflakeError)?.description,
                               "002003 (42S02): SQL compilation error:\nObject '\(Self.app).STATE.APP_STATE' does not exist or not authorized.")
            }
            // … its Streamlit does, with the application's rights, and the session is as it was after.
            let count = try consumer.executeInStreamlit(database: Self.app, schema: "PUBLIC", name: "GITHUB_APP",
                                                        "select count(*) from state.app_state")
            XCTAssertEqual(count.rows, [[.integer(0)]])
            XCTAssertEqual(consumer.currentRole, "ACCOUNTADMIN")
            XCTAssertNil(consumer.currentDatabase)
            // A role that holds nothing on the application cannot open its Streamlit.
            try account.run(consumer, """
                create role analyst;
                grant role analyst to user snowlite;
                use role analyst
                """)
            XCTAssertThrowsError(try consumer.executeInStreamlit(database: Self.app, schema: "PUBLIC", name: "GITHUB_APP",
                                                                 "select count(*) from state.app_state")) { error in
                XCTAssertEqual((error as? SnowflakeError)?.description, """
                    002003 (02000): SQL compilation error:
                    Streamlit 'GITHUB_CONNECTOR_INSTANCE.PUBLIC.GITHUB_APP' does not exist or not authorized.
                    """)
            }
            XCTAssertEqual(consumer.currentRole, "ANALYST")
        }
    }

    func testAnAccountThatCannotBeOpenedIsShownAsUnavailable() async throws {
        let dashboard = try DashboardServer(openSession: {
            throw SnowflakeError(code: "250001", sqlState: "08001", message: "Could not open the account file '/nowhere/a.sqlite': gone")
        }, configuration: LoopbackPeer.configuration())
        try await Application(router: dashboard.buildRouter(LoopbackPeerContext.self)).test(.router) { client in
            for uri in ["/", "/apps/\(Self.app)/state"] {
                let response = try await client.execute(uri: uri, method: .get)
                XCTAssertEqual(response.status, .serviceUnavailable)
                XCTAssertEqual(HTMLText(status: response.status, html: String(buffer: response.body)).text(id: "message"),
                               "250001 (08001): Could not open the account file '/nowhere/a.sqlite': gone")
            }
        }
    }

    func testBeyondLoopbackTheServerMustBeAllowedAndThenWantsItsToken() async throws {
        XCTAssertThrowsError(try DashboardServer(openSession: { throw DashboardAddressRefused(host: "") },
                                                 configuration: DashboardConfiguration(host: "0.0.0.0", port: 8080))) { error in
            XCTAssertEqual("\(error)", """
                The dashboard listens on loopback only: 0.0.0.0 is not a loopback address. Allow it explicitly \
                (snowlite serve --allow-remote); requests will then need the access token printed at start.
                """)
        }
        let loopback = try DashboardServer(openSession: { throw DashboardAddressRefused(host: "") }, configuration: LoopbackPeer.configuration())
        XCTAssertNil(loopback.accessToken)
        XCTAssertEqual(loopback.startMessage(port: 8080), "Dashboard: http://127.0.0.1:8080/ (for your user's processes only)")

        try await DashboardHarness.run { browser in
            let account = browser.account
            let remote = try DashboardServer(openSession: { try account.openSession() },
                                             configuration: DashboardConfiguration(host: "0.0.0.0", port: 8080, allowRemote: true,
                                                                                   token: "0123456789abcdef"))
            XCTAssertEqual(remote.startMessage(port: 8080), """
                Dashboard: http://0.0.0.0:8080/?token=0123456789abcdef (listening beyond loopback: requests need this token)
                """)
            try await Application(router: remote.buildRouter(LoopbackPeerContext.self)).test(.router) { client in
                // The token, even for the server's own user on loopback (the context's peer).
                let refused = try await client.execute(uri: "/", method: .get)
                XCTAssertEqual(refused.status, .forbidden)
                XCTAssertEqual(String(buffer: refused.body), """
                    The dashboard needs its access token: open the URL with ?token=… that `snowlite serve` printed at start.

                    """)
                let wrong = try await client.execute(uri: "/?token=fedcba9876543210", method: .get)
                XCTAssertEqual(wrong.status, .forbidden)
                let admitted = try await client.execute(uri: "/?token=0123456789abcdef", method: .get)
                XCTAssertEqual(admitted.status, .ok)
                let cookie = admitted.headers[values: .setCookie].first { $0.hasPrefix("snowlite_token=") }
                XCTAssertEqual(cookie?.components(separatedBy: "; ").sorted(),
                               ["HttpOnly", "Path=/", "SameSite=Strict", "snowlite_token=0123456789abcdef"])
                let again = try await client.execute(uri: "/apps/\(Self.app)/state", method: .get,
                                                     headers: [.cookie: "snowlite_token=0123456789abcdef"])
                XCTAssertEqual(again.status, .ok)
                let bearer = try await client.execute(uri: "/style.css", method: .get, headers: [.authorization: "Bearer 0123456789abcdef"])
                XCTAssertEqual(bearer.status, .ok)
            }
        }
    }
}
