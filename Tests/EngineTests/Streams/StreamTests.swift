// StreamTests: CREATE [OR REPLACE] STREAM [IF NOT EXISTS] … [COPY GRANTS], SHOW [TERSE] STREAMS with
// Snowflake's columns, DESC STREAM, ALTER STREAM SET/UNSET COMMENT, DROP STREAM [IF EXISTS], their
// errors, a stream made stale by dropping or recreating its table (091901 when read, stale in SHOW
// STREAMS), and access control: SELECT on the stream and on its table, GRANT … ON STREAM and ON ALL
// STREAMS IN SCHEMA, ownership for ALTER and DROP.

import XCTest

@testable import Engine

final class StreamTests: AccessControlTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try script(
            """
            create database d;
            create table t (id int, v string);
            insert into t values (1, 'a')
            """)
    }

    func testCreateShowDescribeAlterDrop() throws {
        XCTAssertEqual(try status("create stream s on table t comment = 'changes'"), "Stream S successfully created.")
        XCTAssertEqual(try status("create stream if not exists s on table t"), "S already exists, statement succeeded.")
        assertError("create stream s on table t", "002002 (42710): SQL compilation error:\nObject 'S' already exists.")
        let show = try run("show streams")
        XCTAssertEqual(
            show.columns.map(\.name),
            [
                "created_on", "name", "database_name", "schema_name", "owner", "comment", "table_name", "source_type", "base_tables",
                "type", "stale", "mode", "stale_after", "invalid_reason", "owner_role_type",
            ])
        XCTAssertEqual(
            try cells("show streams"),
            [
                [
                    "2026-01-02 03:04:05.678 +0000", "S", "D", "PUBLIC", "ACCOUNTADMIN", "changes", "D.PUBLIC.T", "Table", "D.PUBLIC.T",
                    "DELTA", "false", "DEFAULT", "2026-01-16 03:04:05.678 +0000", "N/A", "ROLE",
                ]
            ])
        XCTAssertEqual(
            try cells("show terse streams like 's%' in schema d.public"),
            [
                [
                    "2026-01-02 03:04:05.678 +0000", "S", "DELTA", "D", "PUBLIC", "D.PUBLIC.T",
                ]
            ])
        XCTAssertEqual(try run("show terse streams").columns.map(\.name), ["created_on", "name", "kind", "database_name", "schema_name", "tableOn"])
        XCTAssertEqual(try cells("show streams like 'x%'"), [])
        XCTAssertEqual(try cells("describe stream s"), try cells("show streams"))
        XCTAssertEqual(try status("alter stream s set comment = 'new'"), "Statement executed successfully.")
        XCTAssertEqual(try showStreams(["comment"]), [["new"]])
        XCTAssertEqual(try status("alter stream s unset comment"), "Statement executed successfully.")
        XCTAssertEqual(try showStreams(["comment"]), [[""]])
        XCTAssertEqual(try status("create or replace stream s on table t append_only = true"), "Stream S successfully created.")
        XCTAssertEqual(try showStreams(["name", "mode"]), [["S", "APPEND_ONLY"]])
        try run("insert into t values (2, 'b')")
        XCTAssertEqual(try cells("select id, metadata$action from s"), [["2", "INSERT"]], "the replaced stream reads the table anew")
        XCTAssertEqual(try status("drop stream s"), "S successfully dropped.")
        XCTAssertEqual(try status("drop stream if exists s"), "Drop statement executed successfully (S already dropped).")
        XCTAssertEqual(try cells("show streams"), [])
    }

    func testErrors() throws {
        assertError("create stream s on table nope", missing("Table", "NOPE"))
        assertError("create stream s on view t", missing("View", "T"))
        assertError("create stream s clone nope", missing("Stream", "NOPE"))
        assertError("drop stream nope", missing("Stream", "NOPE"))
        assertError("describe stream nope", missing("Stream", "NOPE"))
        assertError("alter stream nope set comment = 'x'", missing("Stream", "NOPE"))
        XCTAssertEqual(try status("alter stream if exists nope set comment = 'x'"), "Statement executed successfully.")
        assertError("select * from nope", missing("Object", "NOPE"))
        assertError(
            "create stream s on table t at (offset => -60)",
            """
            001003 (42000): SQL compilation error:
            syntax error line 1 at position 27 unexpected 'at'.
            """)
        assertError(
            "create stream s on table t append_only = maybe",
            """
            001003 (42000): SQL compilation error:
            syntax error line 1 at position 41 unexpected 'maybe'.
            """)
    }

    func testDroppedOrRecreatedTableMakesTheStreamStale() throws {
        try run("create stream s on table t")
        try run("drop table t")
        assertError("select * from s", "091901 (01000): Base table 'D.PUBLIC.T' dropped, cannot read from stream 'S' in line 1 position 14")
        XCTAssertEqual(try showStreams(["name", "stale"]), [["S", "true"]])
        try run("create table t (id int, v string)")
        assertError("select id from\n  s", "091901 (01000): Base table 'D.PUBLIC.T' dropped, cannot read from stream 'S' in line 2 position 2")
        assertError(
            "select system$stream_has_data('s')",
            "091901 (01000): Base table 'D.PUBLIC.T' dropped, cannot read from stream 'S' in line 1 position 0")
        XCTAssertEqual(try showStreams(["stale"]), [["true"]])
        try run("create stream fresh on table t")
        try run("insert into t values (5, 'e')")
        XCTAssertEqual(try cells("select id from fresh"), [["5"]])
        assertError("select * from s", "091901 (01000): Base table 'D.PUBLIC.T' dropped, cannot read from stream 'S' in line 1 position 14")
        try run("create or replace table t (id int)")
        XCTAssertEqual(try showStreams(["name", "stale"]), [["FRESH", "true"], ["S", "true"]])
        XCTAssertEqual(try status("drop stream s"), "S successfully dropped.")
    }

    func testReadingNeedsSelectOnTheStreamAndItsTable() throws {
        try script(
            """
            create stream s on table t;
            insert into t values (2, 'b');
            grant usage on database d to role analyst;
            grant usage on schema d.public to role analyst
            """)
        asAnalyst()
        try run("use schema d.public")
        assertError("select id from s", missing("Object", "S"))
        asAdmin()
        XCTAssertEqual(try status("grant select on stream s to role analyst"), "Statement executed successfully.")
        asAnalyst()
        assertError("select id from s", missing("Object", "D.PUBLIC.T"))
        asAdmin()
        try run("grant select on table t to role analyst")
        asAnalyst()
        XCTAssertEqual(try cells("select id from s"), [["2"]])
        XCTAssertEqual(try cells("select system$stream_has_data('s')"), [["True"]])
        assertError("drop stream s", insufficient("stream", "S"))
        assertError("alter stream s set comment = 'x'", insufficient("stream", "S"))
        XCTAssertEqual(try showStreams(["name", "owner"]), [["S", "ACCOUNTADMIN"]])
        assertError("create stream mine on table t", insufficient("schema", "PUBLIC"))
        asAdmin()
        try run("grant create stream on schema d.public to role analyst")
        asAnalyst()
        XCTAssertEqual(try status("create stream mine on table t"), "Stream MINE successfully created.")
        XCTAssertEqual(try showStreams(["name", "owner"]), [["MINE", "ANALYST"], ["S", "ACCOUNTADMIN"]])
        XCTAssertEqual(try status("drop stream mine"), "MINE successfully dropped.")
    }

    func testGrantOnAllStreamsAndCopyGrants() throws {
        try script(
            """
            create stream s1 on table t;
            create stream s2 on table t;
            grant usage on database d to role analyst;
            grant usage on schema d.public to role analyst;
            grant select on table t to role analyst
            """)
        XCTAssertEqual(try status("grant select on all streams in schema d.public to role analyst"), "Statement executed successfully.")
        XCTAssertEqual(
            try cells("show grants to role analyst").filter { $0[2] == "STREAM" }.map { [$0[1], $0[3]] },
            [["SELECT", "D.PUBLIC.S1"], ["SELECT", "D.PUBLIC.S2"]])
        try run("create or replace stream s1 copy grants on table t")
        try run("create or replace stream s2 on table t")
        asAnalyst()
        try run("use schema d.public")
        XCTAssertEqual(try cells("select count(*) from s1"), [["0"]])
        assertError("select count(*) from s2", missing("Object", "S2"))
    }
}
