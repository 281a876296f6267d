// StatementTimeoutTests: STATEMENT_TIMEOUT_IN_SECONDS at the session, user, account and warehouse
// levels, and cancellation. Each limited statement would run for hours (a recursive count to a
// trillion, an endless loop): the test sees Snowflake's 000630 once the one-second limit passes,
// and the session goes on as before.

import Foundation
import XCTest
@testable import Engine
import Synchronization

final class StatementTimeoutTests: EngineTestCase {
    /// A trillion-row join of ten digits.
    static let endlessQuery = "select count(*) from " + (1...12).map { "ten t\($0)" }.joined(separator: ", ")
    static let timedOut = "000630 (57014): Statement reached its statement or warehouse timeout of 1 second(s) and was canceled."

    override func setUpWithError() throws {
        try super.setUpWithError()
        try run("create database d")
        try run("create table ten (n int)")
        try run("insert into ten values (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)")
    }

    func testASessionLimitStopsALongQueryAndTheSessionGoesOn() throws {
        try run("alter session set statement_timeout_in_seconds = 1")
        assertError(StatementTimeoutTests.endlessQuery, StatementTimeoutTests.timedOut)
        XCTAssertEqual(try cells("select 42"), [["42"]])
    }

    func testTheLimitCoversAWholeBlockAndItsLoops() throws {
        try run("alter session set statement_timeout_in_seconds = 1")
        assertError("execute immediate $$ begin loop null; end loop; end $$", StatementTimeoutTests.timedOut)
        // A handler does not catch the timeout: the block ends with it.
        assertError("""
            execute immediate $$ declare n int default 0; begin while (true) do n := n + 1; end while;
            exception when other then return 'caught'; end $$
            """, StatementTimeoutTests.timedOut)
    }

    func testTheLimitCoversEverythingAProcedureRuns() throws {
        try script("""
            create procedure spin() returns int language sql as $$ begin loop null; end loop; end $$;
            alter session set statement_timeout_in_seconds = 1
            """)
        assertError("call spin()", StatementTimeoutTests.timedOut)
    }

    func testAWriteThatTimesOutLeavesNothingBehind() throws {
        try script("""
            create table t (n int);
            alter session set statement_timeout_in_seconds = 1
            """)
        assertError("insert into t " + StatementTimeoutTests.endlessQuery.replacingOccurrences(of: "count(*)", with: "t1.n"),
                    StatementTimeoutTests.timedOut)
        XCTAssertEqual(try cells("select count(*) from t"), [["0"]])
    }

    func testTheUserAndAccountLevelsApplyAndTheSessionLevelWins() throws {
        try run("alter account set statement_timeout_in_seconds = 1")
        assertError(StatementTimeoutTests.endlessQuery, StatementTimeoutTests.timedOut)
        try run("alter account unset statement_timeout_in_seconds")
        try run("alter user set statement_timeout_in_seconds = 1")
        assertError(StatementTimeoutTests.endlessQuery, StatementTimeoutTests.timedOut)
        // The session's own value comes before the user's: 0 is the seven-day maximum.
        try run("alter session set statement_timeout_in_seconds = 0")
        XCTAssertEqual(try session.statementTimeoutSeconds(), 604_800)
        try run("alter session unset statement_timeout_in_seconds")
        try run("alter user tester unset statement_timeout_in_seconds")
        XCTAssertEqual(try session.statementTimeoutSeconds(), 172_800)
    }

    func testTheWarehouseLimitAppliesWhenLower() throws {
        try run("alter session set statement_timeout_in_seconds = 3600")
        try run("create warehouse slow statement_timeout_in_seconds = 1")
        assertError(StatementTimeoutTests.endlessQuery, StatementTimeoutTests.timedOut)
        try run("alter warehouse slow set statement_timeout_in_seconds = 7200")
        XCTAssertEqual(try session.statementTimeoutSeconds(), 3600)
        try run("alter warehouse slow unset statement_timeout_in_seconds")
        XCTAssertEqual(try session.statementTimeoutSeconds(), 3600)
    }

    func testOtherUserAndWarehousePropertiesAreRefusedNotIgnored() throws {
        assertError("alter user set default_role = analyst",
                    "001003 (42000): SQL compilation error:\nUnsupported feature 'ALTER USER … SET DEFAULT_ROLE'.")
        assertError("alter warehouse compute_wh set warehouse_size = large",
                    "001003 (42000): SQL compilation error:\nUnsupported feature 'ALTER WAREHOUSE … SET WAREHOUSE_SIZE'.")
        assertError("alter user tester unset default_role",
                    "001003 (42000): SQL compilation error:\nUnsupported feature 'ALTER USER … UNSET DEFAULT_ROLE'.")
    }

    func testValuesOutsideTheRangeAreRefused() throws {
        for value in ["-1", "604801", "'soon'"] {
            let shown = value.trimmingCharacters(in: CharacterSet(charactersIn: "'"))
            assertError("alter session set statement_timeout_in_seconds = \(value)",
                        "001007 (22023): SQL compilation error:\ninvalid value [\(shown)] for parameter 'STATEMENT_TIMEOUT_IN_SECONDS'")
        }
    }

    func testAnotherUsersParametersNeedItsOwnership() throws {
        try script("""
            create user other;
            create role low;
            grant role low to user tester
            """)
        try run("use role low")
        assertError("alter user other set statement_timeout_in_seconds = 5", "002003 (02000): SQL compilation error:\nUser 'OTHER' does not exist or not authorized.")
        // PUBLIC may use the warehouse, not modify it.
        assertError("alter warehouse compute_wh set statement_timeout_in_seconds = 5",
                    "003001 (42501): SQL access control error:\nInsufficient privileges to operate on warehouse 'COMPUTE_WH'")
    }

    func testACanceledStatementEndsWithSnowflakesError() throws {
        // The session is used by one thread at a time: the query's, then (after `done`) the test's.
        nonisolated(unsafe) let session = self.session!
        final class Failure: Sendable { let text = Mutex<String?>(nil) }
        let failure = Failure()
        let done = expectation(description: "the query ends")
        Thread {
            do { _ = try session.execute(StatementTimeoutTests.endlessQuery) } catch { failure.text.withLock { $0 = "\(error)" } }
            done.fulfill()
        }.start()
        // Cancel as a client's abort does, until the statement is running.
        let giveUp = Date().addingTimeInterval(30)
        while !session.cancelRunningStatement(), Date() < giveUp { Thread.sleep(forTimeInterval: 0.01) }
        wait(for: [done], timeout: 60)
        XCTAssertEqual(failure.text.withLock { $0 }, "000604 (57014): SQL execution canceled")
        XCTAssertFalse(session.cancelRunningStatement(), "nothing runs any more")
        XCTAssertEqual(try cells("select 1"), [["1"]])
    }
}
