// The Snowpark corpus (issue 18, item 6): every statement Snowpark Python sent while the
// quickstart's Python handlers ran, replayed in order where it was sent — inside the installed
// connector (GH_APP), by its owner's-rights procedures, and the task that ingests. The connector's
// three Python handlers are replaced by one that sends the corpus's statements of the step being
// replayed through the procedure's context, executing those sent with describeOnly=false and
// describing (Session.describe) those sent with describeOnly=true; the [check] statements are the
// consumer's own. The corpus file is a copy of ../shared/spec/snowpark-sql-corpus.sql.

import Foundation
import XCTest
@testable import Engine

/// One statement of the corpus: the step that sent it, whether it was only described, its text.
struct CorpusStatement {
    var step: String
    var describeOnly: Bool
    var sql: String

    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("snowpark-sql-corpus.sql")

    /// The statements in order: each follows a `-- [step] describeOnly=… bindings=…` line, up to
    /// the next blank line, its trailing `;` dropped.
    static func load() throws -> [CorpusStatement] {
        var statements: [CorpusStatement] = []
        var current: (step: String, describeOnly: Bool, lines: [String])?
        func finish() {
            guard let open = current else { return }
            var sql = open.lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
            if sql.hasSuffix(";") { sql.removeLast() }
            statements.append(CorpusStatement(step: open.step, describeOnly: open.describeOnly, sql: sql))
            current = nil
        }
        for line in try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n") {
            if line.hasPrefix("-- ["), let close = line.firstIndex(of: "]") {
                finish()
                let step = String(line[line.index(line.startIndex, offsetBy: 4)..<close])
                current = (step, line.contains("describeOnly=true"), [])
            } else if line.trimmingCharacters(in: .whitespaces).isEmpty {
                finish()
            } else if current != nil {
                current?.lines.append(line)
            }
        }
        finish()
        return statements
    }
}

/// Stands in for the connector's Python handlers: each call sends the statements queued for it,
/// one clock second apart (APP_STATE rows are ordered by their SYSDATE() timestamp), and records
/// what each answered.
final class CorpusReplay: ProcedureHandler, @unchecked Sendable {
    let clock: EngineTestCase.Clock
    var queued: [CorpusStatement] = []
    var described: [(sql: String, columns: [ResultColumn])] = []
    var executed: [(sql: String, result: ResultSet)] = []
    var failures: [String] = []

    init(clock: EngineTestCase.Clock) { self.clock = clock }

    func call(_ context: ProcedureContext) throws -> ScriptOutcome {
        let statements = queued
        queued = []
        for statement in statements { send(statement, in: context.session, execute: { try context.sql($0) }) }
        return .value(.string("replayed \(statements.count)"), .string)
    }

    /// Sends one statement as Snowpark sent it: described by `session`, or run by `execute` (the
    /// procedure's context, or the consumer's session).
    func send(_ statement: CorpusStatement, in session: Session, execute: (String) throws -> ResultSet) {
        clock.now += 1
        do {
            if statement.describeOnly {
                described.append((statement.sql, try session.describe(statement.sql)))
            } else {
                executed.append((statement.sql, try execute(statement.sql)))
            }
        } catch {
            failures.append("[\(statement.step)] \(statement.sql.prefix(120)): \(error)")
        }
    }

    /// The result of the first executed statement starting with `prefix`.
    func result(_ prefix: String) -> ResultSet? { executed.first { $0.sql.hasPrefix(prefix) }?.result }
}

final class SnowparkCorpusTests: AccessControlTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let handlers = ["provision_connector", "enable_resource", "ingest_data"].map { "snowflake_github_connector.procedures." + $0 }
    /// The session id the recording's Snowpark session had: `system$cancel_all_queries` names it.
    override var sessionID: Int64 { 1_234_567_890 }

    private var fixture: ApplicationFixture!
    private var replay: CorpusReplay!

    override func setUpWithError() throws {
        try super.setUpWithError()
        fixture = try ApplicationFixture()
        replay = CorpusReplay(clock: clock)
        for handler in Self.handlers { admin.procedureRegistry.register(handler, replay) }
        try install()
    }

    override func tearDownWithError() throws {
        fixture.remove()
        try super.tearDownWithError()
    }

    /// The connector installed as GH_APP, as the quickstart's install.sql does, with the grants
    /// PROVISION_CONNECTOR's ALTER PROCEDURE needs and the warehouse reference bound.
    private func install() throws {
        var files = ["snowflake_github_connector.zip": "PK"]
        for name in ["manifest.yml", "setup.sql", "streamlit_app.py"] {
            files[name] = try String(contentsOf: Self.root.appendingPathComponent(name), encoding: .utf8)
        }
        try script("create database d;\ncreate stage d.public.artifacts")
        try fixture.addVersion("V_1_0_0", files: files, in: session)
        try script("""
            create database gh_secrets;
            create network rule gh_secrets.public.gh_rule mode = egress type = host_port value_list = ('api.github.com:443');
            create secret gh_secrets.public.github_token type = generic_string secret_string = 'token';
            create external access integration github_integration allowed_network_rules = (gh_secrets.public.gh_rule)
              allowed_authentication_secrets = ('gh_secrets.public.github_token') enabled = true;
            create application gh_app from application package pkg using version V_1_0_0;
            grant usage on integration github_integration to application gh_app;
            grant usage on database gh_secrets to application gh_app;
            grant usage on schema gh_secrets.public to application gh_app;
            grant read on secret gh_secrets.public.github_token to application gh_app;
            grant create database on account to application gh_app;
            grant execute task on account to application gh_app;
            alter application gh_app set debug_mode = true;
            call gh_app.public.register_reference('warehouse_reference', 'ADD',
              system$reference('warehouse', 'compute_wh', 'persistent', 'usage'))
            """)
    }

    /// Replays the corpus step by step: each step's statements go through the procedure (or the
    /// task) that sent them; the consumer's checks run as its own statements.
    private func replayCorpus() throws -> [TaskRun] {
        var taskRuns: [TaskRun] = []
        var steps: [(String, [CorpusStatement])] = []
        for statement in try CorpusStatement.load() {
            if steps.last?.0 == statement.step { steps[steps.count - 1].1.append(statement) } else { steps.append((statement.step, [statement])) }
        }
        XCTAssertEqual(steps.map(\.0), ["1-ingest-before-provision", "2-provision", "3-enable", "4-task-ingest", "check",
                                        "5-ingest-rule-denies", "6-hostile-hook", "8-ingest-netns"])
        for (step, statements) in steps {
            replay.queued = statements
            switch step {
            case "2-provision": try run("call gh_app.public.provision_connector(parse_json('{}'))")
            case "3-enable": try run("call gh_app.public.enable_resource('Snowflake-Labs/snowcli')")
            case "4-task-ingest": taskRuns += try admin.runQueuedTasks()
            case "check":
                replay.queued = []
                for statement in statements { replay.send(statement, in: admin, execute: admin.execute) }
            default: try run("call gh_app.public.ingest_data('Snowflake-Labs/snowcli')")
            }
            XCTAssertTrue(replay.queued.isEmpty, "step \(step) did not send its statements")
        }
        return taskRuns
    }

    func testEveryStatementOfTheCorpusRunsOrDescribesWhereSnowparkSentIt() throws {
        let taskRuns = try replayCorpus()
        XCTAssertEqual(replay.failures, [])
        XCTAssertEqual(replay.executed.count + replay.described.count, 55)
        XCTAssertEqual(taskRuns.map(\.state), ["SUCCEEDED"])
        XCTAssertEqual(taskRuns.map(\.task), ["GH_APP.TASKS.INGEST_SNOWFLAKE_LABS_SNOWCLI"])
    }

    /// What Snowpark builds CREATE TABLE column lists from: names, types and nullability exactly.
    func testTheDescribeAnswersAreExact() throws {
        _ = try replayCorpus()
        let text = SnowflakeType.string
        XCTAssertEqual(replay.described.map(\.columns), [
            [ResultColumn("KEY", text), ResultColumn("VALUE", .variant)],
            [ResultColumn("KEY", text, nullable: false), ResultColumn("VALUE", text, nullable: false)],
            [ResultColumn("KEY", text), ResultColumn("VALUE", .variant)],
            [ResultColumn("RAW", text)],
            [ResultColumn("RAW", .variant)],
            [ResultColumn("RAW", .variant)],
            [ResultColumn("KEY", text, nullable: false), ResultColumn("VALUE", .object)],
        ])
    }

    func testTheCorpusAnswersAsSnowflakeDoes() throws {
        _ = try replayCorpus()
        XCTAssertEqual(replay.result("SELECT \"VALUE\" FROM STATE.APP_CONFIGURATION")?.rows, [])
        XCTAssertEqual(replay.result("select system$cancel_all_queries")?.rows, [[.string("0 cancelled.")]])
        XCTAssertEqual(replay.result("CREATE    TABLE  If  NOT  EXISTS")?.rows, [[.string("Table SNOWFLAKE_LABS_SNOWCLI successfully created.")]])
        XCTAssertEqual(replay.result("CREATE OR REPLACE TASK IDENTIFIER")?.rows, [[.string("Task INGEST_SNOWFLAKE_LABS_SNOWCLI successfully created.")]])
        // The first page merges 30 new issues; Snowpark then counts them.
        let merge = try XCTUnwrap(replay.result("MERGE  INTO DEST_DB"))
        XCTAssertEqual(merge.columns.map(\.name), ["number of rows inserted", "number of rows updated"])
        XCTAssertEqual(merge.rows, [[.integer(30), .integer(0)]])
        let count = try XCTUnwrap(replay.result("SELECT count(1) AS \"COUNT(LITERAL())\""))
        XCTAssertEqual(count.columns, [ResultColumn("COUNT(LITERAL())", .integer, nullable: false)])
        XCTAssertEqual(count.rows, [[.integer(30)]])
        XCTAssertEqual(replay.result("show tables like 'APP_STATE' in schema STATE")?.column("name"), [.string("APP_STATE")])
        XCTAssertEqual(replay.result("select 1 as one")?.rows, [[.integer(1)]])
        // The consumer's checks: every issue once, and the connector's state log in order.
        XCTAssertEqual(replay.result("SELECT COUNT(*) FROM DEST_DB")?.rows, [[.integer(250)]])
        let log = try XCTUnwrap(replay.result("SELECT key, value FROM GH_APP.STATE.APP_STATE"))
        XCTAssertEqual(log.columns.map(\.name), ["KEY", "VALUE"])
        XCTAssertEqual(log.rows.count, 10)
        XCTAssertEqual(log.rows.last, [.string("Snowflake-Labs/snowcli"), .variant(#"{"state":"DONE"}"#)])
        XCTAssertEqual(log.rows.first?[1], .variant("""
            {"ingestion":{"extras":{"current_page_link":"https://api.github.com/repos/Snowflake-Labs/snowcli/issues",\
            "next_page_link":"https://api.github.com/repos/Snowflake-Labs/snowcli/issues?per_page=30&page=2"},\
            "rows_count":30,"table_name":"DEST_DB.PUBLIC.Snowflake_Labs_snowcli"},"state":"RUNNING"}
            """))
        XCTAssertEqual(try cells("""
            select value:state::string, count(*) from gh_app.state.app_state group by 1 order by min(timestamp)
            """), [["RUNNING", "17"], ["DONE", "1"], ["FAILED", "1"]])
        XCTAssertEqual(try cells("select count(*) from dest_db.public.snowflake_labs_snowcli_flattened where number between 1 and 250"),
                       [["250"]])
    }
}
