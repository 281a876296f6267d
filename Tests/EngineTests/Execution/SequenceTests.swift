// Sequences: CREATE / DROP / SHOW / DESCRIBE SEQUENCE with Snowflake's messages, and NEXTVAL in
// select lists, INSERT … SELECT and column DEFAULTs — one value per evaluation (per row), values
// that persist in the account across statements and sessions, and none consumed by a statement
// that fails.

import XCTest
@testable import Engine

final class SequenceTests: EngineTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try run("create database d")
    }

    func testCreateMessagesAndModifiers() throws {
        XCTAssertEqual(try status("create sequence s"), "Sequence S successfully created.")
        XCTAssertEqual(try status("create sequence if not exists s"), "S already exists, statement succeeded.")
        assertError("create sequence s", "002002 (42710): SQL compilation error:\nObject 'S' already exists.")
        XCTAssertEqual(try cells("select s.nextval"), [["1"]])
        XCTAssertEqual(try status("create or replace sequence s start = 100"), "Sequence S successfully created.")
        XCTAssertEqual(try cells("select s.nextval"), [["100"]])
        XCTAssertEqual(try status("drop sequence s"), "S successfully dropped.")
        XCTAssertEqual(try status("drop sequence if exists s"), "Drop statement executed successfully (S already dropped).")
        assertError("drop sequence s", "002003 (02000): SQL compilation error:\nSequence 'S' does not exist or not authorized.")
        assertError("select s.nextval", "000904 (42000): SQL compilation error: error line 1 at position 7\ninvalid identifier 'S.NEXTVAL'")
    }

    func testPropertiesInAnyOrderStartAndIncrement() throws {
        try run("create sequence down comment = 'counts down' increment by = -5 order start with 10")
        XCTAssertEqual(try cells("select down.nextval"), [["10"]])
        XCTAssertEqual(try cells("select down.nextval"), [["5"]])
        XCTAssertEqual(try cells("select down.nextval, down.nextval"), [["0", "-5"]])
        let show = try run("show sequences like 'DOWN'")
        XCTAssertEqual(show.columns.map(\.name), ["created_on", "name", "schema_name", "database_name", "next_value", "interval",
                                                  "owner", "comment", "owner_role_type", "ordered"])
        XCTAssertEqual(show.rows.map { $0.map { $0.displayText() ?? "NULL" } }, [
            ["2026-01-02 03:04:05.678 +0000", "DOWN", "PUBLIC", "D", "-10", "-5", "ACCOUNTADMIN", "counts down", "ROLE", "Y"],
        ])
        XCTAssertEqual(try cells("desc sequence down").map { [$0[1], $0[4], $0[9]] }, [["DOWN", "-10", "Y"]])
        assertError("create sequence z increment 0", "001007 (22023): SQL compilation error:\nSequence increment must be a non-zero integer.")
    }

    func testOneValuePerRowAndTheNextStatementContinues() throws {
        try script("create sequence s;\ncreate table t (a int);\ninsert into t values (10), (20), (30)")
        XCTAssertEqual(try cells("select a, s.nextval from t order by a"), [["10", "1"], ["20", "2"], ["30", "3"]])
        XCTAssertEqual(try cells("select d.public.s.nextval, public.s.nextval"), [["4", "5"]])
        XCTAssertEqual(try cells("show sequences").map { $0[4] }, ["6"])
        // Another session of the same account continues from the stored value.
        let other = try makeSession(store: session.store)
        _ = try other.execute("use schema d.public")
        XCTAssertEqual(try other.execute("select s.nextval").rows, [[.integer(6)]])
        XCTAssertEqual(try cells("select s.nextval"), [["7"]])
    }

    func testInsertSelectAndColumnDefaults() throws {
        try script("create sequence ids start 100 increment 10;\ncreate table u (id int default ids.nextval, v string)")
        XCTAssertEqual(try cells("desc table u").map { $0[4] }, ["D.PUBLIC.IDS.NEXTVAL", "NULL"])
        try run("insert into u (v) values ('a'), ('b')")
        try run("insert into u (v) select column1 from values ('c'), ('d')")
        try run("insert into u select ids.nextval, 'e'")
        XCTAssertEqual(try cells("select id, v from u order by id"),
                       [["100", "a"], ["110", "b"], ["120", "c"], ["130", "d"], ["140", "e"]])
        // The default names the sequence fully: it works from any schema.
        try run("create schema other")
        try run("insert into d.public.u (v) values ('f')")
        XCTAssertEqual(try cells("select max(id) from d.public.u"), [["150"]])
    }

    func testAFailedStatementConsumesNoValues() throws {
        try script("create sequence s;\ncreate table t (id int, n number)")
        assertError("select s.nextval, 1 / 0", "100051 (22012): Division by zero")
        assertError("insert into t select s.nextval, 1 / 0", "100051 (22012): Division by zero")
        assertError("insert into t values (s.nextval, 'x')", "100038 (22018): Numeric value 'x' is not recognized")
        XCTAssertEqual(try cells("select s.nextval"), [["1"]])
        XCTAssertEqual(try cells("select count(*) from t"), [["0"]])
    }

    func testSetAndExecuteImmediateTakeValues() throws {
        try run("create sequence s")
        try run("set v = s.nextval")
        XCTAssertEqual(try cells("select $v, s.nextval"), [["1", "2"]])
        XCTAssertEqual(try cells("execute immediate 'select s.nextval'"), [["3"]])
        try run("create view next_ids as select s.nextval as id")
        XCTAssertEqual(try cells("select id from next_ids"), [["4"]])
    }

    func testShowSequencesScopes() throws {
        try script("create sequence a;\ncreate schema s2;\ncreate sequence b")
        XCTAssertEqual(try cells("show sequences").map { $0[1] }, ["B"])
        XCTAssertEqual(try cells("show sequences in database d").map { [$0[2], $0[1]] }, [["PUBLIC", "A"], ["S2", "B"]])
        XCTAssertEqual(try cells("show sequences in schema d.public").map { $0[1] }, ["A"])
        assertError("desc sequence nosuch", "002003 (02000): SQL compilation error:\nSequence 'NOSUCH' does not exist or not authorized.")
    }
}
