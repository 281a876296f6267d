// IdentityColumnTests: AUTOINCREMENT / IDENTITY columns — rows inserted without the column take
// 1, 2, 3… (or the start and step written), a value written for it is kept, a failed statement
// takes no values, the generator lives on across statements, sessions and MERGE — and the rest of
// what SQLAlchemy's CREATE TABLE writes: NOT NULL, PRIMARY KEY (…), UNIQUE (…), FOREIGN KEY … REFERENCES
// (read, not enforced, as in Snowflake), column COMMENT.
// https://docs.snowflake.com/en/sql-reference/sql/create-table

import XCTest
@testable import Engine

final class IdentityColumnTests: EngineTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try run("create database d")
    }

    func testSQLAlchemysIntegerPrimaryKey() throws {
        // What snowflake-sqlalchemy writes for sa.Column("id", sa.Integer, primary_key=True).
        XCTAssertEqual(try status("CREATE TABLE users (\n\tid INTEGER NOT NULL AUTOINCREMENT, \n\tname VARCHAR, \n\tPRIMARY KEY (id)\n)\n\n"),
                       "Table USERS successfully created.")
        XCTAssertEqual(try cells("insert into users (name) values ('a'), ('b')"), [["2"]])
        try run("insert into users (name) select 'c'")
        XCTAssertEqual(try cells("select id, name from users order by id"), [["1", "a"], ["2", "b"], ["3", "c"]])
        XCTAssertEqual(try cells("desc table users").map { [$0[0], $0[1], $0[3], $0[4]] }, [
            ["ID", "NUMBER(38,0)", "N", "IDENTITY START 1 INCREMENT 1 NOORDER"],
            ["NAME", "VARCHAR(16777216)", "Y", "NULL"],
        ])
    }

    func testStartStepAndOrderInEachSpelling() throws {
        try run("""
            create table t (a int identity(100, 10) order, b int autoincrement start 5 increment -1 noorder,
                            c number(10,2) autoincrement start with = 7 increment by = 2, f float identity, s string)
            """)
        try run("insert into t (s) values ('x'), ('y')")
        try run("insert into t (s) values ('z')")
        XCTAssertEqual(try cells("select a, b, c, f, s from t order by s"),
                       [["100", "5", "7.00", "1", "x"], ["110", "4", "9.00", "2", "y"], ["120", "3", "11.00", "3", "z"]])
        XCTAssertEqual(try cells("desc table t").map { $0[4] }, [
            "IDENTITY START 100 INCREMENT 10 ORDER", "IDENTITY START 5 INCREMENT -1 NOORDER",
            "IDENTITY START 7 INCREMENT 2 NOORDER", "IDENTITY START 1 INCREMENT 1 NOORDER", "NULL",
        ])
    }

    func testWrittenValuesAreKeptAndFailedStatementsTakeNone() throws {
        try run("create table t (id int autoincrement, n number)")
        try run("insert into t (n) values (1)")
        try run("insert into t values (50, 2)")
        try run("insert into t (id, n) values (NULL, 3)")
        assertError("insert into t (n) values ('x')", "100038 (22018): Numeric value 'x' is not recognized")
        assertError("insert into t (n) select 1 / 0", "100051 (22012): Division by zero")
        try run("insert into t (n) values (4), (5)")
        XCTAssertEqual(try cells("select id, n from t order by n"), [["1", "1"], ["50", "2"], ["NULL", "3"], ["2", "4"], ["3", "5"]])
    }

    func testTheGeneratorLivesAcrossSessionsMergeAndTransactions() throws {
        try run("create table t (id int autoincrement start 10, v string)")
        try run("insert into t (v) values ('a')")
        let other = try makeSession(store: session.store)
        _ = try other.execute("use schema d.public")
        _ = try other.execute("insert into t (v) values ('b')")
        try run("merge into t using (select 'c' as v) s on t.v = s.v when not matched then insert (v) values (s.v)")
        try script("begin;\ninsert into t (v) values ('rolled back');\nrollback")
        try run("insert into t (v) values ('d')")
        XCTAssertEqual(try cells("select id, v from t order by id"), [["10", "a"], ["11", "b"], ["12", "c"], ["13", "d"]])
        // A replaced table starts again.
        try run("create or replace table t (id int autoincrement start 10, v string)")
        try run("insert into t (v) values ('e')")
        XCTAssertEqual(try cells("select id, v from t"), [["10", "e"]])
    }

    func testWhatCannotBeAnIdentity() throws {
        assertError("create table t (a varchar autoincrement)",
                    "001007 (22023): SQL compilation error:\nAUTOINCREMENT and IDENTITY are only supported for numeric columns; 'A' is VARCHAR(16777216).")
        assertError("create table t (a int identity(1, 0))", "001007 (22023): SQL compilation error:\nSequence increment must be a non-zero integer.")
        assertError("create table t (a int default 1 autoincrement)",
                    "001003 (42000): SQL compilation error:\nsyntax error line 1 at position 32 unexpected 'autoincrement'.")
        assertError("create table t (a int autoincrement default 1)",
                    "001003 (42000): SQL compilation error:\nsyntax error line 1 at position 36 unexpected 'default'.")
        assertError("create table t (id int autoincrement) as select 1",
                    "001003 (42000): SQL compilation error:\nUnsupported feature 'CREATE TABLE … AS SELECT with an AUTOINCREMENT or IDENTITY column'.")
        assertError("select count(*) from t", "002003 (42S02): SQL compilation error:\nObject 'T' does not exist or not authorized.")
    }

    func testKeysAndCommentsAsSQLAlchemyWritesThem() throws {
        try run("""
            CREATE TABLE parent (
            \tid INTEGER NOT NULL AUTOINCREMENT,
            \tcode VARCHAR(10) NOT NULL COMMENT 'the code',
            \tCONSTRAINT pk_parent PRIMARY KEY (id),
            \tUNIQUE (code)
            ) COMMENT = 'parents'
            """)
        try run("""
            CREATE TABLE child (
            \tid INTEGER NOT NULL AUTOINCREMENT,
            \tparent_id INTEGER,
            \tother_id INTEGER REFERENCES parent (id),
            \tPRIMARY KEY (id),
            \tCONSTRAINT fk_parent FOREIGN KEY(parent_id) REFERENCES parent (id) ON DELETE CASCADE ON UPDATE NO ACTION
            )
            """)
        XCTAssertEqual(try cells("desc table parent").map { [$0[0], $0[3], $0[9]] },
                       [["ID", "N", "NULL"], ["CODE", "N", "the code"]])
        XCTAssertEqual(try cells("show tables like 'PARENT'").map { $0[5] }, ["parents"])
        // Snowflake enforces NOT NULL only: a foreign key to no parent is kept.
        try run("insert into child (parent_id) values (99)")
        XCTAssertEqual(try cells("select id, parent_id, other_id from child"), [["1", "99", "NULL"]])
        assertError("insert into parent (code) values (NULL)", "100072 (22000): NULL result in a non-nullable column")
    }
}
