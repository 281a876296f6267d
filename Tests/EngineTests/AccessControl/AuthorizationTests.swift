// AuthorizationTests: what a role without privileges meets, statement by statement, and that one
// GRANT opens each door (the connector flow's matrix: CREATE DATABASE on the account, USAGE on a
// database, schema and warehouse, CREATE TABLE on a schema, SELECT and INSERT on a table,
// OWNERSHIP for DROP). An object the role holds nothing on, nor inside, is missing (002003 /
// 002043 for USE); a visible one without the privilege is 003001 naming its kind and bare name.
// Roles inherit what is granted to roles granted to them; MANAGE GRANTS grants but does not use.

import Foundation
import XCTest
@testable import Engine

final class AuthorizationTests: AccessControlTestCase {
    /// D.PUBLIC.T with one row, and D.PUBLIC.V over it, owned by ACCOUNTADMIN.
    private func adminData() throws {
        asAdmin()
        try script("""
            create database d;
            create table t (id int, name string);
            insert into t values (1, 'one');
            create view v as select id from t
            """)
    }

    func testTheDefaultsOfANewAccount() throws {
        XCTAssertEqual(analyst.currentRole, "ANALYST")
        XCTAssertEqual(analyst.currentWarehouse, "COMPUTE_WH")  // PUBLIC has USAGE on it
        asAnalyst()
        assertError("create database x", insufficient("account", "SNOWLITE"))
        assertError("create warehouse x", insufficient("account", "SNOWLITE"))
        assertError("create role x", insufficient("account", "SNOWLITE"))
        asAdmin()
        try run("use role sysadmin")
        XCTAssertEqual(try status("create database sysdb"), "Database SYSDB successfully created.")
        XCTAssertEqual(try status("create warehouse syswh"), "Warehouse SYSWH successfully created.")
        assertError("create role x", insufficient("account", "SNOWLITE"))
        try run("use role useradmin")
        XCTAssertEqual(try status("create role x"), "Role X successfully created.")
        // ACCOUNTADMIN is not a superuser: it sees SYSADMIN's objects only because it inherits SYSADMIN.
        try run("use role accountadmin")
        XCTAssertEqual(try status("drop database sysdb"), "SYSDB successfully dropped.")
    }

    func testCreateDatabaseOnAccount() throws {
        asAnalyst()
        assertError("create database mine", insufficient("account", "SNOWLITE"))
        asAdmin()
        try run("grant create database on account to role analyst")
        asAnalyst()
        XCTAssertEqual(try status("create database mine"), "Database MINE successfully created.")
        // The creator owns the database and its PUBLIC schema: tables need nothing more.
        XCTAssertEqual(try status("create table t (a int)"), "Table T successfully created.")
        XCTAssertEqual(try run("show databases").column("owner"), [.string("ANALYST")])
    }

    func testUsageOnDatabaseAndSchema() throws {
        try adminData()
        asAnalyst()
        assertError("use database d", Self.useFailed)
        assertError("select * from d.public.t", missing("Object", "D.PUBLIC.T"))
        asAdmin()
        try run("grant usage on database d to role analyst")
        asAnalyst()
        XCTAssertEqual(try status("use database d"), "Statement executed successfully.")
        assertError("use schema d.public", Self.useFailed)
        assertError("select * from d.public.t", missing("Object", "D.PUBLIC.T"))
        asAdmin()
        try run("grant usage on schema d.public to role analyst")
        asAnalyst()
        XCTAssertEqual(try status("use schema d.public"), "Statement executed successfully.")
        // USAGE on the containers shows nothing inside: the table stays missing without a privilege on it.
        assertError("select * from t", missing("Object", "T"))
        assertError("describe table t", missing("Table", "T"))
    }

    func testSelectAndInsertOnATable() throws {
        try adminData()
        try script("""
            grant usage on database d to role analyst;
            grant usage on schema d.public to role analyst;
            grant insert on table d.public.t to role analyst
            """)
        asAnalyst()
        try run("use schema d.public")
        // INSERT makes the table visible; reading it needs SELECT.
        assertError("select * from t", insufficient("table", "T"))
        XCTAssertEqual(try cells("insert into t values (2, 'two')"), [["1"]])
        assertError("delete from t", insufficient("table", "T"))
        assertError("update t set name = 'x'", insufficient("table", "T"))
        XCTAssertEqual(try cells("describe table t").map { $0[0] }, ["ID", "NAME"])
        asAdmin()
        try run("grant select on table d.public.t to role analyst")
        asAnalyst()
        XCTAssertEqual(try cells("select id from t order by id"), [["1"], ["2"]])
    }

    func testInsertNeedsInsert() throws {
        try adminData()
        try script("""
            grant usage on database d to role analyst;
            grant usage on schema d.public to role analyst;
            grant select on table d.public.t to role analyst
            """)
        asAnalyst()
        assertError("insert into d.public.t values (2, 'two')", insufficient("table", "T"))
        assertError("merge into d.public.t using (select 1 as id) s on t.id = s.id when matched then delete",
                    insufficient("table", "T"))
        asAdmin()
        try run("grant insert, delete on table d.public.t to role analyst")
        asAnalyst()
        XCTAssertEqual(try cells("insert into d.public.t values (2, 'two')"), [["1"]])
        XCTAssertEqual(try cells("merge into d.public.t using (select 2 as id) s on t.id = s.id when matched then delete"), [["1"]])
    }

    func testViewsReadWithTheirOwnersPrivileges() throws {
        try adminData()
        try script("""
            grant usage on database d to role analyst;
            grant usage on schema d.public to role analyst;
            grant select on view d.public.v to role analyst
            """)
        asAnalyst()
        XCTAssertEqual(try cells("select * from d.public.v"), [["1"]])
        assertError("select * from d.public.t", missing("Object", "D.PUBLIC.T"))
    }

    func testCreateTableOnSchema() throws {
        try adminData()
        try script("""
            grant usage on database d to role analyst;
            grant usage on schema d.public to role analyst
            """)
        asAnalyst()
        assertError("create table d.public.mine (a int)", insufficient("schema", "PUBLIC"))
        assertError("create view d.public.mv as select 1 as x", insufficient("schema", "PUBLIC"))
        assertError("create schema d.mine", insufficient("database", "D"))
        asAdmin()
        try run("grant create table on schema d.public to role analyst")
        try run("grant create schema on database d to role analyst")
        asAnalyst()
        XCTAssertEqual(try status("create table d.public.mine (a int)"), "Table MINE successfully created.")
        XCTAssertEqual(try status("create schema d.mine"), "Schema MINE successfully created.")
        XCTAssertEqual(try status("create view d.mine.mv as select a from d.public.mine"), "View MV successfully created.")
    }

    func testInvisibleDatabaseAndSchema() throws {
        try adminData()
        asAnalyst()
        assertError("create table d.public.x (a int)", missing("Database", "D"))
        assertError("create schema d.s", missing("Database", "D"))
        assertError("drop database d", missing("Database", "D"))
        XCTAssertEqual(try status("drop database if exists d"), "Drop statement executed successfully (D already dropped).")
        assertError("show tables in database d", Self.useFailed)
        asAdmin()
        try run("grant usage on database d to role analyst")
        asAnalyst()
        assertError("create table d.public.x (a int)", missing("Schema", "D.PUBLIC"))
        assertError("drop schema d.public", missing("Schema", "D.PUBLIC"))
        assertError("drop database d", insufficient("database", "D"))
    }

    func testOwnershipForDrop() throws {
        try adminData()
        try script("""
            grant usage on database d to role analyst;
            grant usage on schema d.public to role analyst;
            grant select on table d.public.t to role analyst
            """)
        asAnalyst()
        assertError("drop table d.public.t", insufficient("table", "T"))
        assertError("create or replace table d.public.t (a int)", insufficient("schema", "PUBLIC"))
        asAdmin()
        try run("grant ownership on table d.public.t to role analyst copy current grants")
        asAnalyst()
        XCTAssertEqual(try status("drop table d.public.t"), "T successfully dropped.")
        assertError("select * from d.public.t", missing("Object", "D.PUBLIC.T"))
    }

    func testUsageOnWarehouse() throws {
        asAdmin()
        try run("create warehouse wh2")
        asAnalyst()
        assertError("use warehouse wh2", Self.useFailed)
        asAdmin()
        try run("grant monitor on warehouse wh2 to role analyst")
        asAnalyst()
        assertError("use warehouse wh2", insufficient("warehouse", "WH2"))
        XCTAssertEqual(try run("show warehouses").column("name").compactMap { $0.displayText() }, ["COMPUTE_WH", "WH2"])
        asAdmin()
        try run("grant usage on warehouse wh2 to role analyst")
        asAnalyst()
        XCTAssertEqual(try status("use warehouse wh2"), "Statement executed successfully.")
    }

    func testShowListsOnlyWhatTheRoleCanSee() throws {
        try adminData()
        try run("create database other")
        asAnalyst()
        XCTAssertEqual(try run("show databases").rows, [])
        XCTAssertEqual(try run("show warehouses").column("name"), [.string("COMPUTE_WH")])
        asAdmin()
        try run("grant select on table d.public.t to role analyst")
        asAnalyst()
        // A privilege inside shows the containers; SHOW TABLES lists only T.
        XCTAssertEqual(try run("show databases").column("name"), [.string("D")])
        XCTAssertEqual(try run("show schemas in database d").column("name"), [.string("PUBLIC")])
        XCTAssertEqual(try run("show tables in account").column("name"), [.string("T")])
        XCTAssertEqual(try run("show views in account").rows, [])
    }

    func testRoleInheritance() throws {
        try adminData()
        try script("""
            grant usage on database d to role analyst;
            grant usage on schema d.public to role analyst;
            grant select on table d.public.t to role analyst;
            use role sysadmin
            """)
        assertError("select * from d.public.t", missing("Object", "D.PUBLIC.T"))
        try run("use role accountadmin")
        try run("grant role analyst to role sysadmin")
        try run("use role sysadmin")
        XCTAssertEqual(try cells("select id from d.public.t"), [["1"]])
        try run("use role accountadmin")
        try run("revoke role analyst from role sysadmin")
        try run("use role sysadmin")
        assertError("select * from d.public.t", missing("Object", "D.PUBLIC.T"))
    }

    func testManageGrantsGrantsButDoesNotUse() throws {
        try adminData()
        try run("grant role securityadmin to user ana")
        asAnalyst()
        try run("use role securityadmin")
        assertError("select * from d.public.t", missing("Object", "D.PUBLIC.T"))
        XCTAssertEqual(try status("grant select on table d.public.t to role analyst"), "Statement executed successfully.")
        XCTAssertEqual(try status("grant usage on database d to role analyst"), "Statement executed successfully.")
        XCTAssertEqual(try status("grant usage on schema d.public to role analyst"), "Statement executed successfully.")
        assertError("select * from d.public.t", missing("Object", "D.PUBLIC.T"))
        try run("use role analyst")
        XCTAssertEqual(try cells("select id from d.public.t"), [["1"]])
    }

    func testUseRoleAndLoginContext() throws {
        asAnalyst()
        assertError("use role sysadmin",
                    "003013 (42501): SQL access control error:\nRequested role 'SYSADMIN' is not assigned to the executing user.  Specify another role to activate.")
        XCTAssertEqual(try status("use role public"), "Statement executed successfully.")
        try adminData()
        let noAccess = try login("ana", database: "d")
        XCTAssertNil(noAccess.currentDatabase)
    }

    /// A session keeps the privileges it loaded only while the account's grant stamp is unchanged:
    /// a grant by another connection to the file is seen at the next statement.
    func testPrivilegesAreReadAgainAfterAGrantFromAnotherConnection() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("grant-stamp-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        admin = try makeSession(path: path)
        asAdmin()
        try script("create role analyst;\ncreate user ana default_role = analyst;\ngrant role analyst to user ana;\ncreate database d")
        let ana = Session(store: try Session.openAccount(path: path), user: "ana", clock: { EngineTestCase.fixedDate }, sessionID: 44)
        try ana.login(role: nil, warehouse: nil, database: nil, schema: nil)
        session = ana
        assertError("create schema d.s", missing("Database", "D"))
        asAdmin()
        try run("grant usage, create schema on database d to role analyst")
        session = ana
        XCTAssertEqual(try status("create schema d.s"), "Schema S successfully created.")
    }
}
