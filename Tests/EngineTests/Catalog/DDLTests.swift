// DDL: CREATE and DROP for databases, schemas, tables, views, warehouses and roles — the exact
// status messages, IF NOT EXISTS / OR REPLACE, the context changes CREATE DATABASE and CREATE
// SCHEMA make, and the errors for missing or duplicate objects (spec §3, §4).

import XCTest
@testable import Engine

final class DDLTests: EngineTestCase {
    func testCreateDatabaseMakesItAndPublicCurrent() throws {
        XCTAssertEqual(try status("create database d1"), "Database D1 successfully created.")
        XCTAssertEqual(try cells("select current_database(), current_schema()"), [["D1", "PUBLIC"]])
        XCTAssertEqual(try status("create database if not exists d1"), "D1 already exists, statement succeeded.")
        assertError("create database d1", "002002 (42710): SQL compilation error:\nObject 'D1' already exists.")
        XCTAssertEqual(try status("create or replace database d1"), "Database D1 successfully created.")
        assertError("create or replace database if not exists d1",
                    "002060 (42601): SQL compilation error:\noptions IF NOT EXISTS and OR REPLACE are incompatible.")
    }

    func testOrReplaceDropsTheOldContents() throws {
        try script("create database d;\ncreate table t (a int);\ninsert into t values (1)")
        try run("create or replace database d")
        assertError("select * from d.public.t", "002003 (42S02): SQL compilation error:\nObject 'D.PUBLIC.T' does not exist or not authorized.")
    }

    func testCreateSchemaMakesItCurrent() throws {
        try run("create database d")
        XCTAssertEqual(try status("create schema state"), "Schema STATE successfully created.")
        XCTAssertEqual(try cells("select current_schema()"), [["STATE"]])
        XCTAssertEqual(try status("create schema if not exists d.state"), "STATE already exists, statement succeeded.")
        assertError("create schema nosuch.s", "002003 (02000): SQL compilation error:\nDatabase 'NOSUCH' does not exist or not authorized.")
    }

    func testUnqualifiedCreateNeedsACurrentDatabase() {
        assertError("create table t (a int)",
                    "090105 (22000): Cannot perform CREATE TABLE. This session does not have a current database. Call 'USE DATABASE', or use a qualified name.")
        assertError("create schema s",
                    "090105 (22000): Cannot perform CREATE SCHEMA. This session does not have a current database. Call 'USE DATABASE', or use a qualified name.")
    }

    func testCreateTableInAMissingSchema() throws {
        try run("create database d")
        assertError("create table d.nope.t (a int)", "002003 (02000): SQL compilation error:\nSchema 'D.NOPE' does not exist or not authorized.")
    }

    func testDescribeShowsCanonicalTypesDefaultsAndNullability() throws {
        try run("create database d")
        try run("create table app_state (key string not null, value variant, timestamp timestamp_ntz default sysdate())")
        try run("create table t2 (n number(10,2), i int, f double, b boolean, c char, v varchar(20), dt date, ts timestamp, pk int primary key)")
        let describe = try run("describe table app_state")
        XCTAssertEqual(describe.columns.map(\.name), ["name", "type", "kind", "null?", "default", "primary key", "unique key",
                                                      "check", "expression", "comment", "policy name", "privacy domain"])
        XCTAssertEqual(describe.rows.map { $0.prefix(5).map { $0.displayText() ?? "NULL" } }, [
            ["KEY", "VARCHAR(16777216)", "COLUMN", "N", "NULL"],
            ["VALUE", "VARIANT", "COLUMN", "Y", "NULL"],
            ["TIMESTAMP", "TIMESTAMP_NTZ(9)", "COLUMN", "Y", "SYSDATE()"],
        ])
        XCTAssertEqual(try cells("desc table t2").map { $0[1] }, [
            "NUMBER(10,2)", "NUMBER(38,0)", "FLOAT", "BOOLEAN", "VARCHAR(1)", "VARCHAR(20)", "DATE", "TIMESTAMP_NTZ(9)", "NUMBER(38,0)",
        ])
        XCTAssertEqual(try cells("desc table t2").last?[3], "N")
        assertError("describe table nosuch", "002003 (42S02): SQL compilation error:\nTable 'NOSUCH' does not exist or not authorized.")
    }

    func testUnknownTypeAndDuplicateColumn() throws {
        try run("create database d")
        assertError("create table t (a foo)", "002040 (42601): SQL compilation error:\nUnsupported data type 'FOO'.")
        assertError("create table t (a int, A string)", "002025 (42S21): SQL compilation error:\nduplicate column name 'A'")
        assertError("create table t (a int default nosuchfn())", "002140 (42601): SQL compilation error:\nUnknown function NOSUCHFN")
        assertError("select * from t", "002003 (42S02): SQL compilation error:\nObject 'T' does not exist or not authorized.")
    }

    func testCreateTableAsSelect() throws {
        try run("create database d")
        XCTAssertEqual(try status("create table t as select 1 as a, 'x' as b union all select 2, 'y'"), "Table T successfully created.")
        XCTAssertEqual(try cells("select * from t order by a"), [["1", "x"], ["2", "y"]])
        XCTAssertEqual(try cells("desc table t").map { $0[0] }, ["A", "B"])
    }

    /// A column list names the query's columns; one that would change a type is refused, never ignored.
    func testCreateTableAsSelectWithAColumnList() throws {
        try run("create database d")
        try run("create table ten (n int) as select * from values (0), (1)")
        XCTAssertEqual(try cells("select n from ten order by n"), [["0"], ["1"]])
        XCTAssertEqual(try cells("desc table ten").map { Array($0.prefix(2)) }, [["N", "NUMBER(38,0)"]])
        assertError("create table two (a int, b int) as select 1",
                    "001007 (22023): SQL compilation error:\nThe column definition list has 2 column(s), the query 1.")
        assertError("create table s (a string) as select 1",
                    "001003 (42000): SQL compilation error:\nUnsupported feature 'CREATE TABLE … AS SELECT with a column list that changes 1's type'.")
        assertError("select * from s", "002003 (42S02): SQL compilation error:\nObject 'S' does not exist or not authorized.")
    }

    func testViews() throws {
        try script("create database d;\ncreate table t (a int, b string);\ninsert into t values (1, 'x'), (2, 'y')")
        XCTAssertEqual(try status("create view v as (select a * 10 as ten, b from t where a > 1)"), "View V successfully created.")
        XCTAssertEqual(try cells("select * from v"), [["20", "y"]])
        XCTAssertEqual(try cells("desc view v").map { Array($0.prefix(2)) }, [["TEN", "NUMBER(38,0)"], ["B", "VARCHAR(16777216)"]])
        // A view resolves names where it lives, whatever the session's context.
        try run("create database other")
        XCTAssertEqual(try cells("select ten from d.public.v"), [["20"]])
        let show = try run("show views in database d")
        XCTAssertEqual(show.column("name"), [.string("V")])
        XCTAssertEqual(show.column("text"), [.string("create view v as (select a * 10 as ten, b from t where a > 1)")])
        assertError("create view bad as select nosuch from d.public.t",
                    "000904 (42000): SQL compilation error: error line 1 at position 26\ninvalid identifier 'NOSUCH'")
    }

    func testDropMessagesAndContext() throws {
        try script("create database d;\ncreate table t (a int)")
        XCTAssertEqual(try status("drop table t"), "T successfully dropped.")
        XCTAssertEqual(try status("drop table if exists t"), "Drop statement executed successfully (T already dropped).")
        assertError("drop table t", "002003 (42S02): SQL compilation error:\nTable 'T' does not exist or not authorized.")
        assertError("drop view t", "002003 (42S02): SQL compilation error:\nView 'T' does not exist or not authorized.")
        XCTAssertEqual(try status("drop schema public"), "PUBLIC successfully dropped.")
        XCTAssertEqual(try cells("select current_database(), current_schema()"), [["D", "NULL"]])
        XCTAssertEqual(try status("drop database d cascade"), "D successfully dropped.")
        XCTAssertEqual(try cells("select current_database()"), [["NULL"]])
        assertError("drop database d", "002003 (02000): SQL compilation error:\nDatabase 'D' does not exist or not authorized.")
        XCTAssertEqual(try status("drop database if exists d"), "Drop statement executed successfully (D already dropped).")
    }

    func testDroppingADatabaseRemovesItsStoredTables() throws {
        try script("create database d;\ncreate table t (a int);\ninsert into t values (1)")
        try run("drop database d")
        let leftovers = try session.store.queue.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'D.%'")
        }
        XCTAssertEqual(leftovers, [])
    }

    func testWarehousesAndRoles() throws {
        XCTAssertEqual(try status("create warehouse xs with warehouse_size = xsmall auto_suspend = 60"), "Warehouse XS successfully created.")
        XCTAssertEqual(try cells("select current_warehouse()"), [["XS"]])
        let show = try run("show warehouses like 'X%'")
        XCTAssertEqual(show.column("name"), [.string("XS")])
        XCTAssertEqual(show.column("size"), [.string("X-Small")])
        XCTAssertEqual(show.column("auto_suspend"), [.integer(60)])
        XCTAssertEqual(try status("use warehouse compute_wh"), "Statement executed successfully.")
        assertError("use warehouse nosuch", "002043 (02000): SQL compilation error:\nObject does not exist, or operation cannot be performed.")

        XCTAssertEqual(try status("create role analyst comment = 'reads'"), "Role ANALYST successfully created.")
        XCTAssertEqual(try run("show roles like 'ANALYST'").column("comment"), [.string("reads")])
        assertError("use role analyst",
                    "003013 (42501): SQL access control error:\nRequested role 'ANALYST' is not assigned to the executing user.  Specify another role to activate.")
        XCTAssertEqual(try status("use role sysadmin"), "Statement executed successfully.")
        XCTAssertEqual(try cells("select current_role()"), [["SYSADMIN"]])
        // ACCOUNTADMIN created (owns) ANALYST: SYSADMIN may not drop it.
        assertError("drop role analyst", "003001 (42501): SQL access control error:\nInsufficient privileges to operate on role 'ANALYST'")
        try run("use role accountadmin")
        XCTAssertEqual(try status("drop role analyst"), "ANALYST successfully dropped.")
    }

    func testShowDatabasesAndSchemasWithFilters() throws {
        try script("create database alpha;\ncreate database beta;\ncreate schema beta.extra")
        let databases = try run("show databases")
        XCTAssertEqual(databases.columns.map(\.name), ["created_on", "name", "is_default", "is_current", "origin", "owner", "comment",
                                                      "options", "retention_time", "kind", "budget", "owner_role_type"])
        XCTAssertEqual(databases.column("name"), [.string("ALPHA"), .string("BETA")])
        XCTAssertEqual(databases.column("is_current"), [.string("N"), .string("Y")])
        XCTAssertEqual(try run("show databases like 'al%'").column("name"), [.string("ALPHA")])
        XCTAssertEqual(try run("show databases starts with 'B'").column("name"), [.string("BETA")])
        XCTAssertEqual(try run("show databases limit 1").rows.count, 1)
        XCTAssertEqual(try run("show schemas in database beta").column("name"),
                       [.string("EXTRA"), .string("INFORMATION_SCHEMA"), .string("PUBLIC")])
        assertError("show schemas in database nosuch", "002043 (02000): SQL compilation error:\nObject does not exist, or operation cannot be performed.")
    }

    func testUseStatements() throws {
        try script("create database d;\ncreate schema s;\ncreate database e")
        try run("use d.s")
        XCTAssertEqual(try cells("select current_database(), current_schema()"), [["D", "S"]])
        try run("use database d")
        XCTAssertEqual(try cells("select current_schema()"), [["PUBLIC"]])
        try run("use schema e.public")
        XCTAssertEqual(try cells("select current_database()"), [["E"]])
        assertError("use database nosuch", "002043 (02000): SQL compilation error:\nObject does not exist, or operation cannot be performed.")
        XCTAssertEqual(try cells("select current_database()"), [["E"]])
    }
}

final class DuplicateObjectTests: EngineTestCase {
    func testDuplicateNamesQuoteTheNameAsWritten() throws {
        try script("create database d;\ncreate table t (a int)")
        assertError("create table t (b int)", "002002 (42710): SQL compilation error:\nObject 'T' already exists.")
        assertError("create table public.t (b int)", "002002 (42710): SQL compilation error:\nObject 'PUBLIC.T' already exists.")
        assertError("create or replace view t as select 1 as x", "002002 (42710): SQL compilation error:\nObject 'T' already exists.")
        XCTAssertEqual(try status("create table if not exists d.public.t (b int)"), "T already exists, statement succeeded.")
        XCTAssertEqual(try cells("desc table t").map { $0[0] }, ["A"])
    }
}
