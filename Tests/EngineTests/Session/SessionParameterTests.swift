// Session parameters the drivers set: AUTOCOMMIT (SQLAlchemy sends `ALTER SESSION SET
// autocommit=False` on connect, then ROLLBACK on every check-in), QUERY_TAG (Snowpark's
// `session.query_tag`), and SHOW PARAMETERS, which lists them with where their value comes from.

import Foundation
import XCTest
@testable import Engine

final class SessionParameterTests: EngineTestCase {
    private var path: String!

    /// Sessions on their own connections to one account file, so that a transaction of one is
    /// invisible to the other until it commits.
    override func setUpWithError() throws {
        path = try temporaryAccountPath()
        session = try makeSession(path: path)
        try script("create database d;\ncreate table t (a int)")
    }

    private func otherSessionSees() throws -> [[String]] {
        let other = try makeSession(path: path)
        return try other.execute("select a from d.public.t order by a").rows.map { $0.map { $0.displayText() ?? "NULL" } }
    }

    // MARK: - AUTOCOMMIT

    func testWithoutAutocommitDMLOpensATransactionThatRollbackUndoes() throws {
        XCTAssertEqual(try status("ALTER SESSION SET autocommit=False"), "Statement executed successfully.")
        XCTAssertEqual(try cells("SELECT CURRENT_VERSION()"), [[Session.snowflakeVersion]])
        XCTAssertFalse(session.inExplicitTransaction)  // a query opens no transaction
        try run("insert into t values (1)")
        XCTAssertTrue(session.inExplicitTransaction)
        XCTAssertEqual(try cells("select a from t"), [["1"]])
        XCTAssertEqual(try otherSessionSees(), [])
        XCTAssertEqual(try status("ROLLBACK"), "Statement executed successfully.")
        XCTAssertEqual(try cells("select count(*) from t"), [["0"]])

        try run("insert into t values (2)")
        try run("update t set a = 3")
        try run("commit")
        XCTAssertEqual(try otherSessionSees(), [["3"]])
    }

    func testDDLAndSettingAutocommitCommitTheOpenTransaction() throws {
        try run("alter session set autocommit = false")
        try run("insert into t values (1)")
        try run("create table u (b int)")  // DDL commits first
        XCTAssertFalse(session.inExplicitTransaction)
        XCTAssertEqual(try otherSessionSees(), [["1"]])
        try run("insert into t values (2)")
        try run("alter session set autocommit = true")
        XCTAssertEqual(try otherSessionSees(), [["1"], ["2"]])
        try run("insert into t values (3)")
        XCTAssertFalse(session.inExplicitTransaction)
        XCTAssertEqual(try otherSessionSees(), [["1"], ["2"], ["3"]])
    }

    func testClosingTheSessionRollsItsTransactionBack() throws {
        try run("alter session set autocommit = false")
        try run("insert into t values (1)")
        try session.close()
        XCTAssertFalse(session.inExplicitTransaction)
        XCTAssertEqual(try otherSessionSees(), [])
    }

    func testAutocommitTakesOnlyABoolean() {
        assertError("alter session set autocommit = 'maybe'",
                    "001007 (22023): SQL compilation error:\ninvalid value [maybe] for parameter 'AUTOCOMMIT'")
        assertError("alter account set autocommit = false", "001003 (42000): SQL compilation error:\nUnsupported feature 'ALTER ACCOUNT … AUTOCOMMIT'.")
    }

    // MARK: - QUERY_TAG and SHOW PARAMETERS

    func testQueryTagIsShownWithTheOtherParameters() throws {
        XCTAssertEqual(try status("alter session set query_tag = 'probe'"), "Statement executed successfully.")
        try run("alter session set autocommit = false")
        try run("alter session set python_snowpark_use_sql_simplifier = true")
        XCTAssertEqual(try cells("show parameters").map { Array($0[0...3]) + [$0[5]] }, [
            ["AUTOCOMMIT", "false", "true", "SESSION", "BOOLEAN"],
            ["LOG_LEVEL", "OFF", "OFF", "", "STRING"],
            ["PYTHON_SNOWPARK_USE_SQL_SIMPLIFIER", "TRUE", "", "SESSION", "STRING"],
            ["QUERY_TAG", "probe", "", "SESSION", "STRING"],
            ["STATEMENT_TIMEOUT_IN_SECONDS", "172800", "172800", "", "NUMBER"],
            ["USE_CACHED_RESULT", "true", "true", "", "BOOLEAN"],
        ])
        XCTAssertEqual(try cells("show parameters like 'query%' in session").map { $0[1] }, ["probe"])
        try run("alter session unset query_tag")
        XCTAssertEqual(try cells("show parameters like 'QUERY_TAG'").map { $0[1] }, [""])
    }

    func testShowParametersInAccountShowsTheAccountsValues() throws {
        try run("alter account set statement_timeout_in_seconds = 600")
        try run("alter session set statement_timeout_in_seconds = 60")
        XCTAssertEqual(try cells("show parameters like 'STATEMENT%' in account").map { Array($0[0...3]) },
                       [["STATEMENT_TIMEOUT_IN_SECONDS", "600", "172800", "ACCOUNT"]])
        XCTAssertEqual(try cells("show parameters like 'STATEMENT%'").map { Array($0[0...3]) },
                       [["STATEMENT_TIMEOUT_IN_SECONDS", "60", "172800", "SESSION"]])
    }
}
