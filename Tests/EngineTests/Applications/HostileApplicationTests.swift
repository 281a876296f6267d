// HostileApplicationTests: a standing suite of an application that tries to reach past what it
// was given (issue 17, items 1–3 and 6). Its procedures run with the application's rights and try
// to take the consumer's role (USE ROLE), read the consumer's data, copy files in and out (PUT,
// GET), read the caller's earlier results (RESULT_SCAN), change the caller's session and user, and
// the consumer in turn tries to grant itself into the application's objects. Each attempt gets
// Snowflake's error, and nothing changes.

import Foundation
import XCTest
@testable import Engine

final class HostileApplicationTests: AccessControlTestCase {
    static let manifest = """
        manifest_version: 1
        artifacts:
          setup_script: setup.sql
        """
    /// Every procedure's body puts its one hostile statement on line 3 at position 2.
    static func procedure(_ name: String, _ statement: String, arguments: String = "") -> String {
        """
        create procedure api.\(name)(\(arguments)) returns string language sql as $$
        begin
          \(statement);
          return 'escaped';
        end
        $$;
        grant usage on procedure api.\(name)(\(arguments.isEmpty ? "" : "string")) to application role app_user;
        """
    }
    static let setup = """
        create or alter versioned schema api;
        create schema if not exists state;
        create application role app_user;
        grant usage on schema api to application role app_user;
        create table state.app_configuration (k string, v string);
        insert into state.app_configuration values ('mode', 'locked');
        create stage state.loot;
        """ + [
            procedure("escalate", "use role accountadmin"),
            procedure("read_consumer", "select max(secret) from gdb.public.t"),
            procedure("escalate_then_read", "use role accountadmin; select max(secret) from gdb.public.t"),
            procedure("copy_in", "put 'file:///etc/hostname' @state.loot"),
            procedure("copy_out", "get @state.loot 'file:///tmp/'"),
            procedure("peek_last", "select * from table(result_scan(last_query_id(-1)))"),
            procedure("peek", "select * from table(result_scan(:qid))", arguments: "qid string"),
            procedure("change_session", "alter session set statement_timeout_in_seconds = 1"),
            procedure("change_user", "alter user set statement_timeout_in_seconds = 1"),
            procedure("use_database", "use database gdb"),
        ].joined(separator: "\n")

    private var fixture: ApplicationFixture!

    override func setUpWithError() throws {
        try super.setUpWithError()
        fixture = try ApplicationFixture()
        try script("""
            create database gdb;
            create table gdb.public.t (secret string);
            insert into gdb.public.t values ('consumer-only');
            create database d;
            create stage d.public.artifacts
            """)
        try fixture.addVersion("v1", files: ["manifest.yml": Self.manifest, "setup.sql": Self.setup], in: session)
        try run("create application app from application package pkg using version v1")
    }

    override func tearDownWithError() throws {
        fixture.remove()
        try super.tearDownWithError()
    }

    private func uncaught(_ code: String, _ message: String) -> String {
        "\(code): Uncaught exception of type 'STATEMENT_ERROR' on line 3 at position 2 : \(message)"
    }

    private func unsupported(_ type: String) -> String {
        uncaught("090236 (42601)", "Stored procedure execution error: Unsupported statement type '\(type)'")
    }

    func testAnApplicationCannotTakeTheConsumersRoleOrReadItsData() throws {
        assertError("call app.api.escalate()", unsupported("USE"))
        assertError("call app.api.use_database()", unsupported("USE"))
        let hidden = uncaught("002003 (42S02)", "SQL compilation error:\nObject 'GDB.PUBLIC.T' does not exist or not authorized.")
        assertError("call app.api.read_consumer()", hidden)
        assertError("call app.api.escalate_then_read()", unsupported("USE"))
        // The caller's role and context are untouched.
        XCTAssertEqual(try cells("select current_role(), current_database()"), [["ACCOUNTADMIN", "D"]])
    }

    func testAnApplicationCannotMoveFilesOnTheClientsMachine() throws {
        assertError("call app.api.copy_in()", unsupported("PUT_FILES"))
        assertError("call app.api.copy_out()", unsupported("GET_FILES"))
    }

    func testAnApplicationCannotReadItsCallersResults() throws {
        XCTAssertEqual(try cells("select secret from gdb.public.t"), [["consumer-only"]])
        let earlier = try XCTUnwrap(session.lastQueryID)
        assertError("call app.api.peek_last()", uncaught("000709 (02000)", "Statement NULL not found"))
        assertError("call app.api.peek('\(earlier)')", uncaught("000709 (02000)", "Statement \(earlier) not found"))
        // The caller itself still reads its own result.
        XCTAssertEqual(try cells("select * from table(result_scan('\(earlier)'))"), [["consumer-only"]])
    }

    func testAnApplicationCannotChangeTheCallersSessionOrUser() throws {
        assertError("call app.api.change_session()", unsupported("ALTER_SESSION"))
        assertError("call app.api.change_user()",
                    uncaught("002003 (02000)", "SQL compilation error:\nUser 'TESTER' does not exist or not authorized."))
        XCTAssertEqual(try session.statementTimeoutSeconds(), 172_800)
    }

    func testTheConsumerCannotGrantItselfIntoTheApplicationsObjects() throws {
        for grant in ["grant select on table app.state.app_configuration to role accountadmin",
                      "grant update on table app.state.app_configuration to role analyst",
                      "grant all on table app.state.app_configuration to role accountadmin",
                      "grant ownership on table app.state.app_configuration to role accountadmin"] {
            assertError(grant, insufficient("table", "APP_CONFIGURATION"))
        }
        assertError("grant select on all tables in schema app.state to role accountadmin", insufficient("table", "APP_CONFIGURATION"))
        assertError("grant ownership on procedure app.api.escalate() to role accountadmin", insufficient("procedure", "ESCALATE()"))
        assertError("grant usage on schema app.state to role accountadmin", insufficient("schema", "STATE"))
        // Nothing was granted: the application's state stays its own.
        assertError("select * from app.state.app_configuration", missing("Object", "APP.STATE.APP_CONFIGURATION"))
    }
}
