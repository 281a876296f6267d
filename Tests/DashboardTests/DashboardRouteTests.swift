// The dashboard's routes (issue 11), driven in-process over an account where the quickstart's
// scripts installed the connector: the privileges panel first while anything is missing and the
// grants and reference binding that clear it, PROVISION_CONNECTOR from the configuration form
// and its stored values read-only afterwards, ENABLE_RESOURCE and the table of enabled
// repositories, the state with its task runs, the data previews, the overview, and what is
// refused: a POST without its session's CSRF token, an unknown application or tab. Every page
// lists the SQL it ran; the tests compare that SQL and the pages' text exactly.

import Dashboard
import Foundation
import GitHubFixture
import Hummingbird
import XCTest

final class DashboardRouteTests: XCTestCase {
    static let app = ConnectorAccount.application
    static let repository = "Snowflake-Labs/sfquickstarts"

    /// Grants what the manifest requests and binds the warehouse, through the panel's forms.
    static func grantEverything(_ browser: DashboardHarness) async throws {
        _ = try await browser.get("/apps/\(app)")
        _ = try await browser.post("/apps/\(app)/privileges", [("privilege", "EXECUTE TASK")])
        _ = try await browser.post("/apps/\(app)/privileges", [("privilege", "CREATE DATABASE")])
        _ = try await browser.post("/apps/\(app)/references", [("reference", "warehouse_reference"), ("object", "COMPUTE_WH")])
    }

    static func provision(_ browser: DashboardHarness) async throws -> HTMLText {
        try await browser.post("/apps/\(app)/configuration", [
            ("destination_database", "GITHUB_DATA"), ("secret_name", ConnectorAccount.secret),
            ("external_access_integration_name", "GITHUB_INTEGRATION"),
        ])
    }

    func testThePrivilegesPanelComesFirstUntilEverythingIsGrantedAndBound() async throws {
        try await DashboardHarness.run { browser in
            let first = try await browser.get("/apps/\(Self.app)")
            XCTAssertEqual(first.status, .ok)
            XCTAssertEqual(first.table(id: "privileges-required"), [
                ["Privilege", "Description", "Granted", ""],
                ["EXECUTE TASK", "Runs the ingestion task of each enabled repository", "no", "Grant EXECUTE TASK"],
                ["CREATE DATABASE", "Creates the destination database for ingested issues", "no", "Grant CREATE DATABASE"],
            ])
            XCTAssertEqual(first.statements, [
                "SHOW PRIVILEGES IN APPLICATION GITHUB_CONNECTOR_INSTANCE",
                "SHOW REFERENCES IN APPLICATION GITHUB_CONNECTOR_INSTANCE",
                "SHOW WAREHOUSES",
                "SELECT value FROM STATE.APP_CONFIGURATION WHERE key = 'config' [as Streamlit GITHUB_CONNECTOR_INSTANCE.PUBLIC.GITHUB_APP]",
            ])

            let granted = try await browser.post("/apps/\(Self.app)/privileges", [("privilege", "EXECUTE TASK")])
            XCTAssertEqual(granted.text(id: "notice"), "GRANT EXECUTE TASK: Statement executed successfully.")
            XCTAssertEqual(granted.statements.first, "GRANT EXECUTE TASK ON ACCOUNT TO APPLICATION GITHUB_CONNECTOR_INSTANCE")
            let refused = try await browser.post("/apps/\(Self.app)/privileges", [("privilege", "CREATE USER")])
            XCTAssertEqual(refused.text(id: "error"), """
                003001 (42501): SQL access control error: Privilege 'CREATE USER' is not requested by the manifest of application \
                'GITHUB_CONNECTOR_INSTANCE'.
                """)
            XCTAssertEqual(refused.statements.first, "SHOW PRIVILEGES IN APPLICATION GITHUB_CONNECTOR_INSTANCE")
            _ = try await browser.post("/apps/\(Self.app)/privileges", [("privilege", "CREATE DATABASE")])
            let bound = try await browser.post("/apps/\(Self.app)/references",
                                               [("reference", "warehouse_reference"), ("object", "COMPUTE_WH")])
            XCTAssertEqual(bound.text(id: "notice"), "Reference warehouse_reference bound to COMPUTE_WH.")
            XCTAssertEqual(bound.statements.first, """
                CALL GITHUB_CONNECTOR_INSTANCE.PUBLIC.REGISTER_REFERENCE('warehouse_reference', 'ADD', \
                SYSTEM$REFERENCE('WAREHOUSE', 'COMPUTE_WH', 'PERSISTENT', 'USAGE'))
                """)
            // Nothing is missing now: no panel above the tabs; the Privileges tab shows what was granted.
            XCTAssertNil(bound.text(id: "privileges-required"))
            XCTAssertEqual(bound.table(id: "privileges"), [
                ["Privilege", "Description", "Granted", ""],
                ["EXECUTE TASK", "Runs the ingestion task of each enabled repository", "yes", ""],
                ["CREATE DATABASE", "Creates the destination database for ingested issues", "yes", ""],
            ])
            XCTAssertEqual(try browser.account.cells("show references in application \(Self.app)").map { Array($0[0...1]) + [$0[6]] },
                           [["WAREHOUSE_REFERENCE", "Warehouse used for ingestion", "COMPUTE_WH"]])
            let configuration = try await browser.get("/apps/\(Self.app)/configuration")
            XCTAssertNil(configuration.text(id: "privileges-required"))
        }
    }

    func testTheConfigurationFormProvisionsOnceAndThenShowsTheStoredValuesReadOnly() async throws {
        try await DashboardHarness.run { browser in
            try await Self.grantEverything(browser)
            // A wrong secret: the connector's error in Snowflake's wording, the typed values kept, nothing stored.
            let failed = try await browser.post("/apps/\(Self.app)/configuration", [
                ("destination_database", "GITHUB_DATA"), ("secret_name", "NO_SUCH_DB.PUBLIC.TOKEN"),
                ("external_access_integration_name", "GITHUB_INTEGRATION"),
            ])
            XCTAssertEqual(failed.text(id: "error"),
                           "002003 (02000): SQL compilation error: Secret 'NO_SUCH_DB.PUBLIC.TOKEN' does not exist or not authorized.")
            XCTAssertTrue(failed.html.contains(#"name="secret_name" value="NO_SUCH_DB.PUBLIC.TOKEN" placeholder"#), failed.html)
            XCTAssertEqual(try browser.account.cells("show databases like 'GITHUB_DATA'"), [])

            let provisioned = try await Self.provision(browser)
            XCTAssertEqual(provisioned.text(id: "notice"), "Connector provisioned")
            XCTAssertEqual(provisioned.statements, [
                """
                CALL GITHUB_CONNECTOR_INSTANCE.PUBLIC.PROVISION_CONNECTOR(PARSE_JSON('{"destination_database":"GITHUB_DATA",\
                "external_access_integration_name":"GITHUB_INTEGRATION","secret_name":"GITHUB_CONNECTOR_SECRETS.PUBLIC.GITHUB_TOKEN"}'))
                """,
                "SHOW PRIVILEGES IN APPLICATION GITHUB_CONNECTOR_INSTANCE",
                "SHOW REFERENCES IN APPLICATION GITHUB_CONNECTOR_INSTANCE",
                "SELECT value FROM STATE.APP_CONFIGURATION WHERE key = 'config' [as Streamlit GITHUB_CONNECTOR_INSTANCE.PUBLIC.GITHUB_APP]",
            ])
            let page = try await browser.get("/apps/\(Self.app)/configuration")
            XCTAssertEqual(page.text(id: "configuration"), """
                Connector configuration The connector is configured; these values are stored in STATE.APP_CONFIGURATION. \
                Destination database Secret name Integration name
                """)
            for (name, value) in [("destination_database", "GITHUB_DATA"), ("secret_name", ConnectorAccount.secret),
                                  ("external_access_integration_name", "GITHUB_INTEGRATION")] {
                XCTAssertTrue(page.html.contains(#"name="\#(name)" value="\#(value)""#) && page.html.contains("readonly>"), name)
            }
            XCTAssertFalse(page.html.contains("id=\"configure\""))
            XCTAssertEqual(try browser.account.cells("show databases like 'GITHUB_DATA'").map { $0[1] }, ["GITHUB_DATA"])
        }
    }

    func testEnablingARepositoryIngestsItAndTheStateShowsDone() async throws {
        try await DashboardHarness.run { browser in
            try await Self.grantEverything(browser)
            _ = try await Self.provision(browser)
            let enabled = try await browser.post("/apps/\(Self.app)/resources",
                                                 [("organization", "Snowflake-Labs"), ("repository", "sfquickstarts")])
            XCTAssertEqual(enabled.text(id: "notice"), "Snowflake-Labs/sfquickstarts enabled")
            XCTAssertEqual(enabled.statements.first, "CALL GITHUB_CONNECTOR_INSTANCE.PUBLIC.ENABLE_RESOURCE('Snowflake-Labs/sfquickstarts')")
            XCTAssertEqual(enabled.table(id: "resources"), [["KEY", "VALUE:ENABLED"], [Self.repository, "true"]])
            XCTAssertEqual(enabled.statements.last, """
                select key, value:enabled from state.resource_configuration [as Streamlit GITHUB_CONNECTOR_INSTANCE.PUBLIC.GITHUB_APP]
                """)

            let state = try await browser.get("/apps/\(Self.app)/state")
            XCTAssertEqual(state.table(id: "state"), [
                ["REPOSITORY", "STATE", "ROWS_COUNT", "TIMESTAMP"],
                [Self.repository, "DONE", "250", "2026-01-02 03:04:05.681"],
            ])
            XCTAssertFalse(state.html.contains("http-equiv=\"refresh\""))
            XCTAssertNil(state.text(id: "refreshing"))
            XCTAssertEqual(state.statements.suffix(2), [
                """
                select key as repository, value:state::string as state, value:ingestion:rows_count as rows_count, timestamp \
                from state.app_state qualify row_number() over (partition by repository order by timestamp desc) = 1 \
                [as Streamlit GITHUB_CONNECTOR_INSTANCE.PUBLIC.GITHUB_APP]
                """,
                """
                select name, state, scheduled_time, query_start_time, completed_time, error_code, error_message \
                from table(information_schema.task_history()) order by scheduled_time desc \
                [as Streamlit GITHUB_CONNECTOR_INSTANCE.PUBLIC.GITHUB_APP]
                """,
            ])
            let runs = state.html.components(separatedBy: "<h2>Task runs</h2>")[1]
            XCTAssertEqual(HTMLText(status: .ok, html: "<div id=\"runs\">" + runs).table(id: "runs"), [
                ["NAME", "STATE", "SCHEDULED_TIME", "QUERY_START_TIME", "COMPLETED_TIME", "ERROR_CODE", "ERROR_MESSAGE"],
                ["INGEST_SNOWFLAKE_LABS_SFQUICKSTARTS", "SCHEDULED", "2026-01-02 03:34:05.678 +0000", "NULL", "NULL", "NULL", "NULL"],
                ["INGEST_SNOWFLAKE_LABS_SFQUICKSTARTS", "SUCCEEDED", "2026-01-02 03:04:05.678 +0000", "2026-01-02 03:04:05.678 +0000",
                 "2026-01-02 03:04:05.678 +0000", "NULL", "NULL"],
            ])
            XCTAssertEqual(try browser.account.cells("select count(*) from github_data.public.snowflake_labs_sfquickstarts"), [["250"]])
        }
    }

    func testTheDataPreviewsShowTheFlattenedViewAndTheRawJSON() async throws {
        try await DashboardHarness.run { browser in
            try await Self.grantEverything(browser)
            _ = try await Self.provision(browser)
            _ = try await browser.post("/apps/\(Self.app)/resources", [("organization", "Snowflake-Labs"), ("repository", "sfquickstarts")])
            let data = try await browser.get("/apps/\(Self.app)/data?resource=Snowflake-Labs%2Fsfquickstarts")
            let rows = data.table(id: "preview")
            XCTAssertEqual(rows.count, 21)
            XCTAssertEqual(rows[0], ["ID", "NODE_ID", "URL", "REPOSITORY_URL", "LABELS_URL", "COMMENTS_URL", "EVENTS_URL", "HTML_URL",
                                     "NUMBER", "STATE", "TITLE", "BODY", "USER"])
            XCTAssertEqual(data.statements.last, """
                select * from GITHUB_DATA.PUBLIC.SNOWFLAKE_LABS_SFQUICKSTARTS_FLATTENED limit 20 \
                [as Streamlit GITHUB_CONNECTOR_INSTANCE.PUBLIC.GITHUB_APP]
                """)
            XCTAssertTrue(data.html.contains(#"<option value="Snowflake-Labs/sfquickstarts" selected>"#))
            let raw = try await browser.get("/apps/\(Self.app)/raw")
            XCTAssertEqual(raw.table(id: "preview").count, 21)
            XCTAssertEqual(raw.statements.last, """
                select raw from GITHUB_DATA.PUBLIC.SNOWFLAKE_LABS_SFQUICKSTARTS limit 20 \
                [as Streamlit GITHUB_CONNECTOR_INSTANCE.PUBLIC.GITHUB_APP]
                """)
            // VARIANT cells are formatted JSON, one key a line, keys in order.
            let json = raw.html.components(separatedBy: "<pre class=\"json\">")[1].components(separatedBy: "</pre>")[0]
            XCTAssertEqual(HTMLText.unescape(json).components(separatedBy: "\n").prefix(3), [
                "{", "  \"author_association\": \"CONTRIBUTOR\",",
                #"  "body": "Steps to reproduce issue #250:\n1. Open \"quickstart 250\" and run `setup.sql`.\n2. The step fails — see the log.","#,
            ])
        }
    }

    func testFormsWithoutTheirSessionsTokenAreRefusedAndChangeNothing() async throws {
        try await DashboardHarness.run { browser in
            _ = try await browser.get("/apps/\(Self.app)")
            let forged = try await browser.post("/apps/\(Self.app)/privileges", [("privilege", "CREATE DATABASE")],
                                                csrf: "0123456789abcdef0123456789abcdef")
            XCTAssertEqual(forged.status, .forbidden)
            XCTAssertEqual(forged.text(id: "message"), """
                The form's CSRF token does not belong to this browser session: reload the page and submit the form again.
                """)
            let stranger = DashboardHarness(client: browser.client, account: browser.account, server: browser.server)
            let noCookie = try await stranger.post("/apps/\(Self.app)/privileges", [("privilege", "CREATE DATABASE")],
                                                   csrf: browser.csrf ?? "")
            XCTAssertEqual(noCookie.status, .forbidden)
            XCTAssertEqual(try browser.account.cells("show privileges in application \(Self.app)").map { $0[2] }, ["False", "False"])
        }
    }

    func testAnUnknownApplicationOrTabIsNotFound() async throws {
        try await DashboardHarness.run { browser in
            let missing = try await browser.get("/apps/NOPE/state")
            XCTAssertEqual(missing.status, .notFound)
            XCTAssertEqual(missing.text(id: "message"), "002003 (02000): SQL compilation error: Application 'NOPE' does not exist or not authorized.")
            let tab = try await browser.get("/apps/\(Self.app)/settings")
            XCTAssertEqual(tab.status, .notFound)
            XCTAssertEqual(tab.text(id: "message"), "The application page has no tab 'settings'.")
        }
    }
}
