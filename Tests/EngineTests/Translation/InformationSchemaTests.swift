// INFORMATION_SCHEMA: TABLES, COLUMNS, SCHEMATA and VIEWS of a database as queryable relations
// with Snowflake's column names and types — filtered, joined, grouped and ordered like any table,
// reached qualified, unqualified with a current database, or after USE SCHEMA …INFORMATION_SCHEMA.

import XCTest
@testable import Engine

final class InformationSchemaTests: EngineTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try script("""
            create database d;
            create table t (id number(10,2) not null, name varchar(20) default 'x' comment 'who', v variant, ts timestamp_ntz);
            create transient table tt (b boolean) comment = 'scratch';
            insert into t (id) values (1), (2);
            create secure view v as select id, name from t
            """)
    }

    func testTables() throws {
        let result = try run("""
            select table_catalog, table_schema, table_name, table_owner, table_type, is_transient, row_count, bytes, comment
            from information_schema.tables where table_schema = 'PUBLIC' order by table_name
            """)
        XCTAssertEqual(result.rows.map { $0.map { $0.displayText() ?? "NULL" } }, [
            ["D", "PUBLIC", "T", "ACCOUNTADMIN", "BASE TABLE", "NO", "2", "2048", "NULL"],
            ["D", "PUBLIC", "TT", "ACCOUNTADMIN", "BASE TABLE", "YES", "0", "0", "scratch"],
            ["D", "PUBLIC", "V", "ACCOUNTADMIN", "VIEW", "NO", "NULL", "NULL", "NULL"],
        ])
        XCTAssertEqual(result.columns.map(\.type.canonicalName),
                       ["VARCHAR(16777216)", "VARCHAR(16777216)", "VARCHAR(16777216)", "VARCHAR(16777216)", "VARCHAR(16777216)",
                        "VARCHAR(16777216)", "NUMBER(38,0)", "NUMBER(38,0)", "VARCHAR(16777216)"])
        XCTAssertEqual(try cells("select created, last_altered from d.information_schema.tables where table_name = 'T'"),
                       [["2026-01-02 03:04:05.678 +0000", "2026-01-02 03:04:05.678 +0000"]])
        XCTAssertEqual(try cells("select table_name from information_schema.tables where table_schema = 'INFORMATION_SCHEMA' order by 1"),
                       [["COLUMNS"], ["FUNCTIONS"], ["LOAD_HISTORY"], ["PROCEDURES"], ["SCHEMATA"], ["TABLES"], ["VIEWS"]])
    }

    func testColumnsOfTablesAndViews() throws {
        XCTAssertEqual(try cells("""
            select column_name, ordinal_position, column_default, is_nullable, data_type, character_maximum_length,
                   character_octet_length, numeric_precision, numeric_scale, comment
            from d.information_schema.columns where table_name = 'T' order by ordinal_position
            """), [
            ["ID", "1", "NULL", "NO", "NUMBER", "NULL", "NULL", "10", "2", "NULL"],
            ["NAME", "2", "'x'", "YES", "TEXT", "20", "80", "NULL", "NULL", "who"],
            ["V", "3", "NULL", "YES", "VARIANT", "NULL", "NULL", "NULL", "NULL", "NULL"],
            ["TS", "4", "NULL", "YES", "TIMESTAMP_NTZ", "NULL", "NULL", "NULL", "NULL", "NULL"],
        ])
        XCTAssertEqual(try cells("select column_name, data_type, numeric_precision from information_schema.columns where table_name = 'V' order by 1"),
                       [["ID", "NUMBER", "10"], ["NAME", "TEXT", "NULL"]])
        XCTAssertEqual(try cells("""
            select count(*) from information_schema.columns where table_schema = 'INFORMATION_SCHEMA' and table_name = 'SCHEMATA'
            """), [["13"]])
    }

    /// SQLAlchemy's reflection reads these (snowflake-sqlalchemy's _get_schema_columns).
    func testIdentityColumnsAndTheTypeAlias() throws {
        try run("create table ident (id int autoincrement start 5 increment 2 order, name varchar(20))")
        XCTAssertEqual(try cells("""
            select column_name, is_identity, identity_start, identity_increment, identity_ordered, identity_cycle, data_type_alias
            from information_schema.columns where table_name = 'IDENT' order by ordinal_position
            """), [["ID", "YES", "5", "2", "YES", "NO", "NULL"], ["NAME", "NO", "NULL", "NULL", "NULL", "NULL", "NULL"]])
    }

    func testSchemataAndViews() throws {
        XCTAssertEqual(try cells("select catalog_name, schema_name, schema_owner, is_transient, is_managed_access from information_schema.schemata order by 2"), [
            ["D", "INFORMATION_SCHEMA", "NULL", "NO", "NO"],
            ["D", "PUBLIC", "ACCOUNTADMIN", "NO", "NO"],
        ])
        XCTAssertEqual(try cells("select table_name, view_definition, is_secure from information_schema.views where table_schema = 'PUBLIC'"),
                       [["V", "create secure view v as select id, name from t", "YES"]])
    }

    func testJoinsAggregatesAndUseSchema() throws {
        XCTAssertEqual(try cells("""
            select t.table_name, count(*) as n from information_schema.tables t
            join information_schema.columns c on c.table_schema = t.table_schema and c.table_name = t.table_name
            where t.table_schema = 'PUBLIC' group by t.table_name order by n desc, 1
            """), [["T", "4"], ["V", "2"], ["TT", "1"]])
        try run("use schema d.information_schema")
        XCTAssertEqual(try cells("select count(*) from tables where table_schema = 'PUBLIC'"), [["3"]])
        // Each database has its own.
        try run("create database e")
        XCTAssertEqual(try cells("select count(*) from information_schema.tables where table_schema <> 'INFORMATION_SCHEMA'"), [["0"]])
        XCTAssertEqual(try cells("select count(*) from d.information_schema.tables where table_schema <> 'INFORMATION_SCHEMA'"), [["3"]])
    }

    func testUnknownViewsAndDatabases() throws {
        assertError("select * from information_schema.nosuch",
                    "002003 (42S02): SQL compilation error:\nObject 'INFORMATION_SCHEMA.NOSUCH' does not exist or not authorized.")
        // As any object of a database that is not there, or not visible (issue 17, item 4).
        assertError("select * from nodb.information_schema.tables",
                    "002003 (02000): SQL compilation error:\nDatabase 'NODB' does not exist or not authorized.")
        try run("drop database d")
        assertError("select * from information_schema.tables",
                    "090105 (22000): Cannot perform SELECT. This session does not have a current database. Call 'USE DATABASE', or use a qualified name.")
    }
}
