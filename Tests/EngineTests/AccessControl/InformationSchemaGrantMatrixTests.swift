// InformationSchemaGrantMatrixTests: what each INFORMATION_SCHEMA view shows to roles with
// nothing, some and all privileges (issue 17, item 4). Snowflake returns only the objects the
// current role holds some privilege on, VIEW_DEFINITION only to the view's owner role, and an
// INFORMATION_SCHEMA of a database the role cannot see is that database missing.
// https://docs.snowflake.com/en/sql-reference/info-schema
//
// The account: GDB.S holds T1 (two rows), T2, V1 over T1 and V2 over T2, all ACCOUNTADMIN's.
//   - LOW holds nothing;
//   - ANALYST holds USAGE on GDB and GDB.S, SELECT on T1 (not T2), and owns the view MINE it made;
//   - ACCOUNTADMIN owns everything.
// Inside an application, the consumer sees only what the application granted to its application
// roles (ApplicationInformationSchemaTests below).

import Foundation
import XCTest
@testable import Engine

final class InformationSchemaGrantMatrixTests: AccessControlTestCase {
    private var low: Session!

    override func setUpWithError() throws {
        try super.setUpWithError()
        try script("""
            create database gdb;
            create schema gdb.s;
            create table gdb.s.t1 (a int);
            insert into gdb.s.t1 values (1), (2);
            create table gdb.s.t2 (b string);
            create view gdb.s.v1 as select a from gdb.s.t1;
            create view gdb.s.v2 as select b from gdb.s.t2;
            create role low;
            create user lowuser default_role = low;
            grant role low to user lowuser;
            grant usage on database gdb to role analyst;
            grant usage on schema gdb.s to role analyst;
            grant select on table gdb.s.t1 to role analyst;
            grant create view on schema gdb.s to role analyst
            """)
        low = try login("lowuser")
        asAnalyst()
        try run("create view gdb.s.mine as select a from gdb.s.t1")
    }

    private static let ownViews = [["INFORMATION_SCHEMA", "COLUMNS"], ["INFORMATION_SCHEMA", "FUNCTIONS"], ["INFORMATION_SCHEMA", "LOAD_HISTORY"], ["INFORMATION_SCHEMA", "PROCEDURES"],
                                   ["INFORMATION_SCHEMA", "SCHEMATA"],
                                   ["INFORMATION_SCHEMA", "TABLES"], ["INFORMATION_SCHEMA", "VIEWS"]]

    // MARK: - Nothing

    func testARoleWithNothingFindsTheDatabaseMissing() throws {
        session = low
        for view in ["tables", "columns", "schemata", "views", "functions"] {
            assertError("select * from gdb.information_schema.\(view)", missing("Database", "GDB"))
        }
        asAdmin()
        // A database that does not exist reads the same, whoever asks.
        assertError("select * from nodb.information_schema.tables", missing("Database", "NODB"))
    }

    func testADatabaseSeenButNotUsableIsInsufficientPrivileges() throws {
        // SELECT on a table inside shows the database, but without USAGE on it nothing in it is reachable.
        asAdmin()
        try run("grant select on table gdb.s.t2 to role low")
        session = low
        assertError("select * from gdb.information_schema.tables", insufficient("database", "GDB"))
    }

    // MARK: - Some

    func testSomePrivilegesListOnlyWhatTheyReach() throws {
        asAnalyst()
        XCTAssertEqual(try cells("select table_schema, table_name, table_type, row_count from gdb.information_schema.tables order by 1, 2"),
                       Self.ownViews.map { $0 + ["VIEW", "NULL"] } + [["S", "MINE", "VIEW", "NULL"], ["S", "T1", "BASE TABLE", "2"]])
        XCTAssertEqual(try cells("select table_name, column_name from gdb.information_schema.columns where table_schema = 'S' order by 1, 2"),
                       [["MINE", "A"], ["T1", "A"]])
        XCTAssertEqual(try cells("select schema_name from gdb.information_schema.schemata order by 1"), [["INFORMATION_SCHEMA"], ["S"]])
        XCTAssertEqual(try cells("select table_name, table_owner, view_definition from gdb.information_schema.views where table_schema = 'S'"),
                       [["MINE", "ANALYST", "create view gdb.s.mine as select a from gdb.s.t1"]])
    }

    func testNoWhereClauseOrJoinReachesTheHiddenRows() throws {
        asAnalyst()
        XCTAssertEqual(try cells("select count(*) from gdb.information_schema.tables where table_name = 'T2' or 1 = 1"), [["9"]])
        XCTAssertEqual(try cells("""
            select t.table_name, c.column_name from gdb.information_schema.tables t
            full join gdb.information_schema.columns c on c.table_name = t.table_name
            where t.table_schema = 'S' or c.table_schema = 'S' order by 1, 2
            """), [["MINE", "A"], ["T1", "A"]])
        XCTAssertEqual(try cells("select count(*) from gdb.information_schema.views where view_definition like '%t2%'"), [["0"]])
    }

    func testAViewSeenButNotOwnedHidesItsDefinition() throws {
        asAdmin()
        try run("grant select on view gdb.s.v1 to role analyst")
        asAnalyst()
        XCTAssertEqual(try cells("select table_name, table_owner, view_definition from gdb.information_schema.views where table_schema = 'S' order by 1"),
                       [["MINE", "ANALYST", "create view gdb.s.mine as select a from gdb.s.t1"], ["V1", "ACCOUNTADMIN", "NULL"]])
        XCTAssertEqual(try cells("select table_name, column_name from gdb.information_schema.columns where table_schema = 'S' order by 1, 2"),
                       [["MINE", "A"], ["T1", "A"], ["V1", "A"]])
    }

    func testUsageOnTheContainersAloneShowsNoObject() throws {
        asAdmin()
        try run("revoke select on table gdb.s.t1 from role analyst")
        try run("grant usage on database gdb to role low")
        try run("grant usage on schema gdb.s to role low")
        session = low
        XCTAssertEqual(try cells("select table_schema, table_name from gdb.information_schema.tables order by 1, 2"), Self.ownViews)
        XCTAssertEqual(try cells("select count(*) from gdb.information_schema.columns where table_schema = 'S'"), [["0"]])
        XCTAssertEqual(try cells("select table_name from gdb.information_schema.views where table_schema = 'S'"), [])
        XCTAssertEqual(try cells("select schema_name from gdb.information_schema.schemata order by 1"), [["INFORMATION_SCHEMA"], ["S"]])
        // A privilege on a table without USAGE on its schema still does not list it.
        asAdmin()
        try run("revoke usage on schema gdb.s from role low")
        try run("grant select on table gdb.s.t2 to role low")
        session = low
        XCTAssertEqual(try cells("select table_schema, table_name from gdb.information_schema.tables order by 1, 2"), Self.ownViews)
    }

    // MARK: - All

    func testTheOwnerSeesEverything() throws {
        asAdmin()
        XCTAssertEqual(try cells("select table_schema, table_name, table_type, row_count from gdb.information_schema.tables order by 1, 2"),
                       Self.ownViews.map { $0 + ["VIEW", "NULL"] } + [
                        ["S", "T1", "BASE TABLE", "2"], ["S", "T2", "BASE TABLE", "0"],
                        ["S", "V1", "VIEW", "NULL"], ["S", "V2", "VIEW", "NULL"]])
        XCTAssertEqual(try cells("select schema_name from gdb.information_schema.schemata order by 1"),
                       [["INFORMATION_SCHEMA"], ["PUBLIC"], ["S"]])
        // ACCOUNTADMIN is not a superuser: the analyst's view MINE is not listed to it.
        XCTAssertEqual(try cells("select table_name, view_definition from gdb.information_schema.views where table_schema = 'S' order by 1"),
                       [["V1", "create view gdb.s.v1 as select a from gdb.s.t1"],
                        ["V2", "create view gdb.s.v2 as select b from gdb.s.t2"]])
        XCTAssertEqual(try cells("select table_name, column_name from gdb.information_schema.columns where table_schema = 'S' order by 1, 2"),
                       [["T1", "A"], ["T2", "B"], ["V1", "A"], ["V2", "B"]])
    }
}

/// An application's objects are the application's: its consumer (ACCOUNTADMIN, which installed it)
/// sees in the application's INFORMATION_SCHEMA only what the setup script granted to the
/// application roles it holds, and never a view's text.
final class ApplicationInformationSchemaTests: AccessControlTestCase {
    static let manifest = """
        manifest_version: 1
        artifacts:
          setup_script: setup.sql
        """
    static let setup = """
        create or alter versioned schema app_public;
        create schema if not exists state;
        create application role app_user;
        grant usage on schema app_public to application role app_user;
        create table state.secrets (k string);
        insert into state.secrets values ('hidden');
        create view state.internal as select k from state.secrets;
        create table app_public.shared (a int);
        create view app_public.shared_v as select a from app_public.shared;
        grant select on table app_public.shared to application role app_user;
        grant select on view app_public.shared_v to application role app_user;
        """

    private var fixture: ApplicationFixture!

    override func setUpWithError() throws {
        try super.setUpWithError()
        fixture = try ApplicationFixture()
        try run("create database d")
        try run("create stage d.public.artifacts")
        try fixture.addVersion("v1", files: ["manifest.yml": Self.manifest, "setup.sql": Self.setup], in: session)
        try run("create application app from application package pkg using version v1")
    }

    override func tearDownWithError() throws {
        fixture.remove()
        try super.tearDownWithError()
    }

    func testTheConsumerSeesOnlyWhatTheApplicationGranted() throws {
        XCTAssertEqual(try cells("select table_schema, table_name from app.information_schema.tables where table_schema != 'INFORMATION_SCHEMA' order by 1, 2"),
                       [["APP_PUBLIC", "SHARED"], ["APP_PUBLIC", "SHARED_V"]])
        XCTAssertEqual(try cells("select table_name, column_name from app.information_schema.columns where table_schema != 'INFORMATION_SCHEMA' order by 1, 2"),
                       [["SHARED", "A"], ["SHARED_V", "A"]])
        XCTAssertEqual(try cells("select table_name, view_definition from app.information_schema.views where table_schema != 'INFORMATION_SCHEMA'"),
                       [["SHARED_V", "NULL"]])
        // An application's INFORMATION_SCHEMA has no catalog row of its own, so SCHEMATA lists only APP_PUBLIC.
        XCTAssertEqual(try cells("select schema_name from app.information_schema.schemata order by 1"), [["APP_PUBLIC"]])
        // A role the application role was not granted to finds the application missing.
        asAnalyst()
        assertError("select * from app.information_schema.tables", missing("Database", "APP"))
    }
}
