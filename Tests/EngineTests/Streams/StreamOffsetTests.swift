// StreamOffsetTests: when a stream's offset moves. A plain SELECT (cached or not) and
// SYSTEM$STREAM_HAS_DATA never move it; a DML statement that reads the stream moves it when it
// succeeds (not when it fails); inside BEGIN … COMMIT every statement sees the stream as its first
// read did (repeatable read) and the offset moves at COMMIT — or at the DDL that commits — never at
// ROLLBACK. A task `WHEN SYSTEM$STREAM_HAS_DATA('s')` runs only when the stream has rows; a run
// without is SKIPPED with 0040003 in TASK_HISTORY.

import Foundation
import XCTest

@testable import Engine

final class StreamOffsetTests: EngineTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try script(
            """
            create database d;
            create table t (id int, v string);
            create table sink (id int, v string);
            create stream s on table t
            """)
    }

    func ids() throws -> [String] { try cells("select id from s order by id").map { $0[0] } }
    func hasData() throws -> String { try cells("select system$stream_has_data('s')")[0][0] }

    func testSelectDoesNotConsumeAndDMLDoes() throws {
        XCTAssertEqual(try hasData(), "False")
        try run("insert into t values (1, 'a'), (2, 'b')")
        XCTAssertEqual(try hasData(), "True")
        XCTAssertEqual(try ids(), ["1", "2"])
        XCTAssertEqual(try ids(), ["1", "2"], "a SELECT, even cached, leaves the offset")
        XCTAssertEqual(try hasData(), "True")
        XCTAssertEqual(try cells("insert into sink select id, v from s"), [["2"]])
        XCTAssertEqual(try ids(), [], "the same query text is not served from the result cache")
        XCTAssertEqual(try hasData(), "False")
        try run("insert into t values (3, 'c')")
        XCTAssertEqual(try ids(), ["3"])
        // A DML statement that reads the stream without taking a row still consumes it.
        try run("delete from sink where id in (select id from s where id > 10)")
        XCTAssertEqual(try ids(), [])
    }

    func testAFailedStatementDoesNotConsume() throws {
        try run("insert into t values (1, 'a')")
        assertError(
            "insert into sink select id, v, 1 from s",
            """
            002020 (21S01): SQL compilation error:
            Insert value list does not match column list expecting 2 but got 3
            """)
        XCTAssertEqual(try ids(), ["1"])
    }

    func testAStatementWritingItsOwnTableSeesItsChangesNextTime() throws {
        try run("insert into t values (1, 'a')")
        try run("insert into t select id + 10, v from s")
        XCTAssertEqual(try ids(), ["11"])
    }

    func testCreateTableAsSelectConsumes() throws {
        try run("insert into t values (1, 'a')")
        try run("create table copy as select id, metadata$action as action from s")
        XCTAssertEqual(try cells("select * from copy"), [["1", "INSERT"]])
        XCTAssertEqual(try ids(), [])
    }

    func testOffsetMovesAtCommitNotAtRollback() throws {
        try run("insert into t values (1, 'a')")
        try run("begin")
        try run("insert into sink select id, v from s")
        XCTAssertEqual(try ids(), ["1"], "inside the transaction the offset has not moved")
        try run("insert into t values (2, 'b')")
        XCTAssertEqual(try ids(), ["1"], "every statement of the transaction sees the stream as its first read did")
        try run("insert into sink select id, v from s")
        XCTAssertEqual(try cells("select count(*) from sink"), [["2"]])
        try run("rollback")
        XCTAssertEqual(try ids(), ["1"], "ROLLBACK leaves the offset")
        XCTAssertEqual(try cells("select count(*) from sink"), [["0"]])

        try run("begin")
        try run("insert into sink select id, v from s")
        try run("insert into t values (2, 'b')")
        try run("commit")
        XCTAssertEqual(try ids(), ["2"], "COMMIT moves the offset to where the transaction read it")
        XCTAssertEqual(try cells("select id from sink"), [["1"]])
    }

    func testSelectInATransactionDoesNotConsume() throws {
        try run("insert into t values (1, 'a')")
        try run("begin")
        XCTAssertEqual(try ids(), ["1"])
        try run("commit")
        XCTAssertEqual(try ids(), ["1"])
    }

    func testDDLCommitsTheConsumedOffset() throws {
        try run("insert into t values (1, 'a')")
        try run("begin")
        try run("insert into sink select id, v from s")
        try run("create table other (x int)")
        XCTAssertFalse(session.inExplicitTransaction)
        XCTAssertEqual(try ids(), [])
    }

    func testAutocommitOffOpensATransaction() throws {
        try run("insert into t values (1, 'a')")
        try run("alter session set autocommit = false")
        try run("insert into sink select id, v from s")
        XCTAssertEqual(try ids(), ["1"])
        try run("commit")
        XCTAssertEqual(try ids(), [])
    }

    func testHasDataErrors() throws {
        assertError(
            "select system$stream_has_data('nope')",
            """
            002003 (02000): SQL compilation error:
            Stream 'NOPE' does not exist or not authorized.
            """)
        XCTAssertEqual(try cells("select system$stream_has_data('D.PUBLIC.S')"), [["False"]])
        XCTAssertEqual(try run("select system$stream_has_data('s')").columns.map(\.type), [.boolean])
    }

    // MARK: - Tasks

    func testTaskRunsOnlyWhenTheStreamHasData() throws {
        try script(
            """
            create warehouse wh;
            create task drain warehouse = wh when system$stream_has_data('s') as insert into sink select id, v from s
            """)
        try run("execute task drain")
        XCTAssertEqual(try session.runQueuedTasks().map(\.state), ["SKIPPED"])
        try run("insert into t values (1, 'a')")
        try run("execute task drain")
        XCTAssertEqual(try session.runQueuedTasks().map(\.state), ["SUCCEEDED"])
        XCTAssertEqual(try cells("select * from sink"), [["1", "a"]])
        XCTAssertEqual(try ids(), [])
        try run("execute task drain")
        let runs = try session.runQueuedTasks()
        XCTAssertEqual(runs.map(\.state), ["SKIPPED"])
        XCTAssertEqual(runs.map(\.errorCode), ["0040003"])
        XCTAssertEqual(
            try cells(
                """
                select state, error_code, error_message, query_id is null from table(d.information_schema.task_history()) order by run_id
                """),
            [
                ["SKIPPED", "0040003", "Conditional expression for task evaluated to false.", "True"],
                ["SUCCEEDED", "NULL", "NULL", "False"],
                ["SKIPPED", "0040003", "Conditional expression for task evaluated to false.", "True"],
            ])
    }
}
