// ConnectorAccount: an account with the GitHub connector installed the way the quickstart's
// scripts install it (sql/deploy.sql, then sql/install.sql), from the project's own manifest.yml,
// setup.sql and streamlit_app.py, against the mock GitHub API (GitHubFixtureServer) reached through
// an egress map — and, as after `make install`, without the grants and the warehouse reference the
// Streamlit pop-ups ask for: the dashboard's privileges panel grants them. The clock is fixed, so
// every timestamp a page shows is exact. `openSession` logs the consumer in again on the same
// account through the composition root, as `snowlite serve`'s sessions are.

import Egress
import Engine
import Foundation
import GitHubFixture
import Snowlite
import XCTest

final class ConnectorAccount: Sendable {
    /// 2026-01-02 03:04:05.678 UTC, as the engine tests use.
    static let fixedDate = Date(timeIntervalSince1970: 1_767_323_045.678)
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let application = "GITHUB_CONNECTOR_INSTANCE"
    static let secret = "GITHUB_CONNECTOR_SECRETS.PUBLIC.GITHUB_TOKEN"

    let store: AccountStore
    let egressMap: EgressMap
    let folder: URL

    /// Installs the connector against `server` in a fresh account (a file in a scratch folder).
    init(server: GitHubFixtureServer) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("dashboard-account-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try Session.openAccount(path: folder.appendingPathComponent("account.sqlite").path)
        egressMap = try EgressMap.parse("https://api.github.com=\(server.localURL)")
        let session = try openSession()
        try deploy(in: session)
        try install(in: session)
    }

    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }

    /// A consumer's session (ACCOUNTADMIN) on the account, wired by the composition root
    /// (`Snowlite.makeSession`) with the fixed clock and the egress map to the fixture.
    func openSession() throws -> Session {
        let session = try consumerSession()
        // EXECUTE TASK's run happens at once, on a session of its own, so a page read after the
        // enable form sees the run's outcome (the CLI's TaskRunWorker does it in the background).
        session.taskRunDispatcher = InlineTaskRuns { try self.consumerSession() }
        return session
    }

    private func consumerSession() throws -> Session {
        try Snowlite.makeSession(store: store, options: ConnectionOptions(), wiring: Wiring(
            clock: { ConnectorAccount.fixedDate }, egressMap: egressMap, sleep: { _ in }, sessionID: 7))
    }

    /// `make deploy`: the package's files on a stage, then a version of the package.
    private func deploy(in session: Session) throws {
        try run(session, """
            create database github_connector_stage;
            create stage github_connector_stage.public.artifacts
            """)
        var files = ["snowflake_github_connector.zip": "PK"]
        for name in ["manifest.yml", "setup.sql", "streamlit_app.py"] {
            files[name] = try String(contentsOf: Self.root.appendingPathComponent(name), encoding: .utf8)
        }
        for (name, text) in files.sorted(by: { $0.key < $1.key }) {
            let url = folder.appendingPathComponent("sf_build").appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
            try run(session, "put 'file://\(url.path)' @github_connector_stage.public.artifacts/V_1_0 auto_compress = false overwrite = true")
        }
        try run(session, """
            create application package github_connector;
            alter application package github_connector add version V_1_0 using '@github_connector_stage.public.artifacts/V_1_0'
            """)
    }

    /// `make install` (sql/install.sql): the secret, the network rule and the integration, the
    /// application, and the grants the script makes — not those the Streamlit pop-ups ask for.
    private func install(in session: Session) throws {
        try run(session, """
            use role accountadmin;
            create or replace database github_connector_secrets;
            use database github_connector_secrets;
            create or replace network rule gh_rule mode = egress type = host_port value_list = ('api.github.com:443');
            create or replace secret \(Self.secret) type = generic_string secret_string = '\(GitHubFixture.defaultToken)';
            create or replace external access integration github_integration allowed_network_rules = (gh_rule)
              allowed_authentication_secrets = ('\(Self.secret)') enabled = true;
            create application \(Self.application) from application package github_connector using version V_1_0;
            grant usage on integration github_integration to application \(Self.application);
            grant usage on database github_connector_secrets to application \(Self.application);
            grant usage on schema github_connector_secrets.public to application \(Self.application);
            grant read on secret \(Self.secret) to application \(Self.application)
            """)
    }

    /// Runs each statement of `script` (split on `;` at line ends), failing the test on an error.
    func run(_ session: Session, _ script: String) throws {
        for statement in script.components(separatedBy: ";\n") where !statement.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            do {
                _ = try session.execute(statement)
            } catch {
                XCTFail("\(statement) failed: \(error)")
                throw error
            }
        }
    }

    /// Cells as snowsql prints them, read by a session of its own.
    func cells(_ sql: String) throws -> [[String]] {
        try openSession().execute(sql).rows.map { $0.map { $0.displayText(pretty: false) ?? "NULL" } }
    }
}

/// Runs the queued task runs as soon as EXECUTE TASK queues them, before the statement returns.
final class InlineTaskRuns: TaskRunDispatcher, @unchecked Sendable {
    let openSession: () throws -> Session

    init(openSession: @escaping () throws -> Session) {
        self.openSession = openSession
    }

    func runsQueued() {
        _ = try? openSession().runQueuedTasks()
    }

    func waitUntilIdle() {}
}
