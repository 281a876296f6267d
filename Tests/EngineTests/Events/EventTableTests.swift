// Event tables and logging: CREATE EVENT TABLE, ALTER ACCOUNT SET EVENT_TABLE / LOG_LEVEL, events
// from SYSTEM$LOG in blocks and from Swift handlers with the procedure as their source, filtering
// by the effective level, and events discarded with no active event table.

import Foundation
import XCTest
import Engine

final class EventTableTests: XCTestCase {
    var session: Session!

    struct Chatty: ProcedureHandler {
        func call(_ context: ProcedureContext) throws -> ScriptOutcome {
            context.log("debug", "details")
            context.log("warning", "careful")
            return .value(.string("done"), .string)
        }
    }

    override func setUpWithError() throws {
        let store = try Session.openAccount(path: ":memory:")
        session = Session(store: store, user: "tester", clock: { Date(timeIntervalSince1970: 1_767_323_045) }, sessionID: 5)
        session.procedureRegistry.register("app.chatty", Chatty())
        try session.login(role: nil, warehouse: nil, database: nil, schema: nil)
        _ = try session.execute("create database logs")
    }

    func cells(_ sql: String) throws -> [[String]] {
        try session.execute(sql).rows.map { $0.map { $0.displayText(pretty: false) ?? "NULL" } }
    }

    func testEventsLandInTheActiveEventTableAtTheLevel() throws {
        XCTAssertEqual(try cells("create event table logs.public.events"), [["Table EVENTS successfully created."]])
        XCTAssertEqual(try session.execute("desc table logs.public.events").rows.count, 13)
        _ = try session.execute("execute immediate $$ begin select system$log('info', 'before activation'); end; $$")
        _ = try session.execute("alter account set event_table = logs.public.events")
        _ = try session.execute("execute immediate $$ begin select system$log_info('level is off'); end; $$")
        XCTAssertEqual(try cells("select count(*) from logs.public.events"), [["0"]])

        _ = try session.execute("alter account set log_level = info")
        _ = try session.execute("execute immediate $$ begin select system$log_debug('too detailed'); select system$log('warn', 'kept'); end; $$")
        _ = try session.execute("create procedure logs.public.chatty() returns string language python runtime_version = '3.11' handler = 'app.chatty'")
        XCTAssertEqual(try cells("call logs.public.chatty()"), [["done"]])
        XCTAssertEqual(try cells("""
            select record:severity_text::string, value::string, resource_attributes:"snow.executable.name"::string,
                   resource_attributes:"snow.executable.type"::string from logs.public.events order by value
            """), [["WARN", "careful", "CHATTY", "procedure"], ["WARN", "kept", "", "query"]])

        _ = try session.execute("alter session set log_level = debug")
        _ = try session.execute("call logs.public.chatty()")
        XCTAssertEqual(try cells("select count(*) from logs.public.events where value = 'details'"), [["1"]])
    }

    func testOnlyTheAccountAdministratorSetsAccountParameters() throws {
        _ = try session.execute("use role sysadmin")
        XCTAssertThrowsError(try session.execute("alter account set log_level = debug")) { error in
            XCTAssertEqual((error as? SnowflakeError)?.description,
                           "003001 (42501): SQL access control error:\nInsufficient privileges to operate on account 'SNOWLITE'")
        }
        _ = try session.execute("use role accountadmin")
        XCTAssertThrowsError(try session.execute("alter account set event_table = logs.public.nope")) { error in
            XCTAssertEqual((error as? SnowflakeError)?.description,
                           "002003 (42S02): SQL compilation error:\nEvent table 'LOGS.PUBLIC.NOPE' does not exist or not authorized.")
        }
        XCTAssertThrowsError(try session.execute("alter session set log_level = loud")) { error in
            XCTAssertEqual((error as? SnowflakeError)?.description,
                           "001007 (22023): SQL compilation error:\ninvalid value [LOUD] for parameter 'LOG_LEVEL'")
        }
    }
}
