// GrantTests: GRANT, REVOKE and SHOW GRANTS as statements — what they record and print. SHOW GRANTS
// is checked column by column and row by row (the owner's OWNERSHIP row included); grants to
// applications and application roles are stored for the native-app issue; a grant on a missing
// object is 002003; granting is allowed to the owner, to MANAGE GRANTS and to holders WITH GRANT
// OPTION only; role grants refuse cycles; ALL, ON ALL … IN and ON FUTURE … IN expand as Snowflake's do.

import Foundation
import GRDB
import XCTest
@testable import Engine

final class GrantTests: AccessControlTestCase {
    static let grantColumns = ["created_on", "privilege", "granted_on", "name", "granted_to", "grantee_name", "grant_option",
                               "granted_by"]
    static let created = "2026-01-02 03:04:05.678 +0000"

    /// SHOW GRANTS cells from `privilege` to `granted_by`, one row per grant.
    private func grants(_ sql: String, file: StaticString = #filePath, line: UInt = #line) throws -> [[String]] {
        try cells(sql, file: file, line: line).map { Array($0.dropFirst().prefix(7)) }
    }

    func testStatusAndShowGrantsOnATable() throws {
        try script("create database d;\ncreate table t (a int)")
        XCTAssertEqual(try status("grant select, insert on table d.public.t to role analyst"), "Statement executed successfully.")
        XCTAssertEqual(try status("grant select on table d.public.t to role analyst with grant option"), "Statement executed successfully.")
        let result = try run("show grants on table d.public.t")
        XCTAssertEqual(result.columns.map(\.name), Self.grantColumns + ["granted_by_role_type"])
        XCTAssertEqual(result.rows.map { $0.map { $0.displayText() ?? "NULL" } }, [
            [Self.created, "INSERT", "TABLE", "D.PUBLIC.T", "ROLE", "ANALYST", "false", "ACCOUNTADMIN", "ROLE"],
            [Self.created, "OWNERSHIP", "TABLE", "D.PUBLIC.T", "ROLE", "ACCOUNTADMIN", "true", "ACCOUNTADMIN", "ROLE"],
            [Self.created, "SELECT", "TABLE", "D.PUBLIC.T", "ROLE", "ANALYST", "true", "ACCOUNTADMIN", "ROLE"],
        ])
    }

    func testShowGrantsToAndOfRoles() throws {
        try script("""
            create database d;
            grant usage on database d to role analyst;
            grant role analyst to role sysadmin;
            create role reader;
            grant role reader to role analyst
            """)
        let to = try run("show grants to role analyst")
        XCTAssertEqual(to.columns.map(\.name), Self.grantColumns)
        XCTAssertEqual(try grants("show grants to role analyst"), [
            ["USAGE", "DATABASE", "D", "ROLE", "ANALYST", "false", "ACCOUNTADMIN"],
            ["USAGE", "ROLE", "READER", "ROLE", "ANALYST", "false", "ACCOUNTADMIN"],
        ])
        // The owner of ANALYST (its creator, ACCOUNTADMIN) lists OWNERSHIP of it and of D among its grants.
        let owned = try grants("show grants to role accountadmin").filter { $0[0] == "OWNERSHIP" }.map { [$0[1], $0[2]] }
        XCTAssertEqual(owned, [["DATABASE", "D"], ["ROLE", "ANALYST"], ["ROLE", "READER"], ["SCHEMA", "D.PUBLIC"],
                               ["USER", "ANA"], ["USER", "TESTER"], ["WAREHOUSE", "COMPUTE_WH"]])
        let of = try run("show grants of role analyst")
        XCTAssertEqual(of.columns.map(\.name), ["created_on", "role", "granted_to", "grantee_name", "granted_by"])
        XCTAssertEqual(of.rows.map { $0.dropFirst().map { $0.displayText() ?? "NULL" } }, [
            ["ANALYST", "ROLE", "SYSADMIN", "ACCOUNTADMIN"],
            ["ANALYST", "USER", "ANA", "ACCOUNTADMIN"],
        ])
        assertError("show grants to role nosuch", missing("Role", "NOSUCH"))
    }

    func testShowGrantsToUserAndTheDefaults() throws {
        let result = try run("show grants to user ana")
        XCTAssertEqual(result.columns.map(\.name), ["created_on", "privilege", "granted_on", "name", "role", "granted_to",
                                                    "grantee_name", "grant_option", "granted_by"])
        XCTAssertEqual(try cells("show grants to user ana").map { Array($0.dropFirst()) }, [["USAGE", "ROLE", "ANALYST", "ANALYST", "USER", "ANA", "false",
                                                                 "ACCOUNTADMIN"]])
        XCTAssertEqual(try grants("show grants").map { $0[2] }, ["ACCOUNTADMIN"])
        XCTAssertEqual(try grants("show grants on account").map { [$0[0], $0[4]] }, [
            ["CREATE APPLICATION", "ACCOUNTADMIN"], ["CREATE APPLICATION PACKAGE", "ACCOUNTADMIN"], ["CREATE DATABASE", "SYSADMIN"],
            ["CREATE INTEGRATION", "ACCOUNTADMIN"], ["CREATE ROLE", "USERADMIN"], ["CREATE USER", "USERADMIN"],
            ["CREATE WAREHOUSE", "SYSADMIN"], ["EXECUTE MANAGED TASK", "ACCOUNTADMIN"], ["EXECUTE TASK", "ACCOUNTADMIN"],
            ["MANAGE GRANTS", "SECURITYADMIN"], ["MODIFY LOG LEVEL", "ACCOUNTADMIN"],
        ])
        XCTAssertEqual(try grants("show grants on warehouse compute_wh").map { [$0[0], $0[4]] },
                       [["OWNERSHIP", "ACCOUNTADMIN"], ["USAGE", "PUBLIC"]])
    }

    func testDefaultsGoInOnceAndRevokesStay() throws {
        try run("revoke usage on warehouse compute_wh from role public")
        _ = try login("tester")
        _ = try login("ana")
        XCTAssertEqual(try grants("show grants on warehouse compute_wh").map(\.[0]), ["OWNERSHIP"])
        let count = try admin.store.queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sl_grant WHERE granted_by = ''") }
        XCTAssertEqual(count, Session.defaultGrants.count - 1)
    }

    func testRevokeAndGrantOption() throws {
        try script("""
            create database d;
            create table t (a int);
            create role other;
            grant usage on database d to role analyst;
            grant usage on schema d.public to role analyst;
            grant select on table d.public.t to role analyst
            """)
        asAnalyst()
        assertError("grant select on table d.public.t to role other", insufficient("table", "T"))
        asAdmin()
        try run("grant select on table d.public.t to role analyst with grant option")
        asAnalyst()
        XCTAssertEqual(try status("grant select on table d.public.t to role other"), "Statement executed successfully.")
        assertError("grant insert on table d.public.t to role other", insufficient("table", "T"))
        asAdmin()
        XCTAssertEqual(try grants("show grants on table d.public.t").filter { $0[4] == "OTHER" },
                       [["SELECT", "TABLE", "D.PUBLIC.T", "ROLE", "OTHER", "false", "ANALYST"]])
        XCTAssertEqual(try status("revoke grant option for select on table d.public.t from role analyst"), "Statement executed successfully.")
        XCTAssertEqual(try grants("show grants on table d.public.t").filter { $0[4] == "ANALYST" }.map(\.[5]), ["false"])
        try run("revoke select on table d.public.t from role analyst")
        asAnalyst()
        assertError("select * from d.public.t", missing("Object", "D.PUBLIC.T"))
        // Revoking what was never granted succeeds.
        asAdmin()
        XCTAssertEqual(try status("revoke insert on table d.public.t from role analyst"), "Statement executed successfully.")
    }

    func testAllPrivilegesAndAllObjectsInASchema() throws {
        try script("""
            create database d;
            create table t1 (a int);
            create table t2 (a int);
            create view v as select a from t1;
            grant all privileges on table d.public.t1 to role analyst
            """)
        XCTAssertEqual(try grants("show grants to role analyst").map(\.[0]),
                       ["APPLYBUDGET", "DELETE", "EVOLVE SCHEMA", "INSERT", "REFERENCES", "SELECT", "TRUNCATE", "UPDATE"])
        try run("create role reader_all")
        try run("grant select on all tables in schema d.public to role reader_all")
        try run("grant usage on all schemas in database d to role reader_all")
        XCTAssertEqual(try grants("show grants to role reader_all").map { [$0[0], $0[2]] },
                       [["SELECT", "D.PUBLIC.T1"], ["SELECT", "D.PUBLIC.T2"], ["USAGE", "D.PUBLIC"]])
        assertError("grant select on warehouse compute_wh to role analyst",
                    "001007 (22023): SQL compilation error:\nInvalid privilege SELECT for object type WAREHOUSE.")
    }

    func testFutureGrants() throws {
        try script("""
            create database d;
            grant select on future tables in schema d.public to role analyst;
            grant usage on future schemas in database d to role analyst;
            create table t (a int);
            create schema s2
            """)
        XCTAssertEqual(try grants("show grants to role analyst").map { [$0[0], $0[1], $0[2]] },
                       [["SELECT", "TABLE", "D.PUBLIC.T"], ["USAGE", "SCHEMA", "D.S2"]])
        let future = try run("show future grants in schema d.public")
        XCTAssertEqual(future.columns.map(\.name), ["created_on", "privilege", "grant_on", "name", "grant_to", "grantee_name", "grant_option"])
        XCTAssertEqual(future.rows.map { $0.dropFirst().map { $0.displayText() ?? "NULL" } },
                       [["SELECT", "TABLE", "D.PUBLIC.<TABLE>", "ROLE", "ANALYST", "false"]])
        try run("revoke select on future tables in schema d.public from role analyst")
        try run("create table d.public.t2 (a int)")
        XCTAssertEqual(try grants("show grants on table d.public.t2").map(\.[0]), ["OWNERSHIP"])
        // Dropping an object drops the grants on it: a new T starts with none.
        try run("create or replace table d.public.t (a int)")
        XCTAssertEqual(try grants("show grants on table d.public.t").map(\.[0]), ["OWNERSHIP"])
    }

    func testOwnershipTransfer() throws {
        try script("""
            create database d;
            create table t (a int);
            grant select on table d.public.t to role sysadmin
            """)
        XCTAssertEqual(try status("grant ownership on table d.public.t to role analyst revoke current grants"),
                       "Statement executed successfully.")
        XCTAssertEqual(try grants("show grants on table d.public.t"),
                       [["OWNERSHIP", "TABLE", "D.PUBLIC.T", "ROLE", "ANALYST", "true", "ANALYST"]])
        XCTAssertEqual(try run("show tables in schema d.public").rows, [])  // ACCOUNTADMIN no longer sees it
        try run("grant ownership on schema d.public to role analyst")
        try run("grant usage on database d to role analyst")
        asAnalyst()
        XCTAssertEqual(try run("show tables in schema d.public").column("owner"), [.string("ANALYST")])
        assertError("grant ownership on database d to role analyst", insufficient("database", "D"))
    }

    func testRoleGrantsRefuseCyclesAndUnknownNames() throws {
        try script("create role a;\ncreate role b;\ngrant role a to role b")
        assertError("grant role b to role a",
                    "001007 (22023): SQL compilation error:\nGranting role 'B' to 'A' would create a cycle in the role hierarchy.")
        assertError("grant role a to role a",
                    "001007 (22023): SQL compilation error:\nGranting role 'A' to 'A' would create a cycle in the role hierarchy.")
        assertError("grant role nosuch to role a", missing("Role", "NOSUCH"))
        assertError("grant role a to user nosuch", missing("User", "NOSUCH"))
        assertError("grant select on table nosuch.public.t to role a", missing("Table", "NOSUCH.PUBLIC.T"))
        assertError("grant usage on database nosuch to role a", missing("Database", "NOSUCH"))
        assertError("grant usage on schema nosuch.s to role a", missing("Schema", "NOSUCH.S"))
        assertError("grant usage on warehouse nosuch to role a", missing("Warehouse", "NOSUCH"))
        asAnalyst()
        assertError("grant role a to role analyst", insufficient("role", "A"))
    }

    func testTargetsByIdentifierAndEventTables() throws {
        try script("""
            create database d;
            create table t (a int);
            set role_name = 'analyst';
            set table_name = 'd.public.t'
            """)
        XCTAssertEqual(try status("grant select on table identifier($table_name) to role identifier($role_name)"),
                       "Statement executed successfully.")
        XCTAssertEqual(try grants("show grants to role analyst").map(\.[2]), ["D.PUBLIC.T"])
        // An event table is granted on with ON TABLE and shows as EVENT_TABLE.
        try admin.store.queue.write { db in
            try db.execute(sql: """
                INSERT INTO sl_object (database_name, schema_name, name, kind, owner, created_on) VALUES
                ('D', 'PUBLIC', 'EVENTS', 'EVENT TABLE', 'ACCOUNTADMIN', '2026-01-02 03:04:05.678')
                """)
        }
        try run("grant select on table d.public.events to application my_app")
        XCTAssertEqual(try grants("show grants to application my_app"),
                       [["SELECT", "EVENT_TABLE", "D.PUBLIC.EVENTS", "APPLICATION", "MY_APP", "false", "ACCOUNTADMIN"]])
    }

    func testGrantsToApplicationRolesAndProcedureSignatures() throws {
        try script("create database app_db;\ncreate schema core")
        try admin.store.queue.write { db in
            try db.execute(sql: """
                INSERT INTO sl_object (database_name, schema_name, name, kind, owner, created_on) VALUES
                ('APP_DB', 'CORE', 'PROVISION', 'PROCEDURE', 'ACCOUNTADMIN', '2026-01-02 03:04:05.678')
                """)
        }
        XCTAssertEqual(try status("grant usage on procedure app_db.core.provision(string, variant, int) to application role app_db.app_user"),
                       "Statement executed successfully.")
        XCTAssertEqual(try grants("show grants to application role app_db.app_user"), [
            ["USAGE", "PROCEDURE", "APP_DB.CORE.PROVISION(VARCHAR, VARIANT, NUMBER)", "APPLICATION_ROLE", "APP_DB.APP_USER", "false",
             "ACCOUNTADMIN"],
        ])
        try run("grant create database on account to application my_app")
        XCTAssertEqual(try grants("show grants to application my_app").map { [$0[0], $0[1]] }, [["CREATE DATABASE", "ACCOUNT"]])
        XCTAssertEqual(try status("grant application role app_db.app_user to role analyst"), "Statement executed successfully.")
        XCTAssertEqual(try grants("show grants to role analyst"),
                       [["USAGE", "APPLICATION_ROLE", "APP_DB.APP_USER", "ROLE", "ANALYST", "false", "ACCOUNTADMIN"]])
        assertError("grant usage on procedure app_db.core.nope(string) to role analyst", missing("Object", "APP_DB.CORE.NOPE(VARCHAR)"))
    }

    func testUsersAndRoles() throws {
        XCTAssertEqual(try status("create user bob default_role = analyst password = 'x'"), "User BOB successfully created.")
        XCTAssertEqual(try run("show users like 'B%'").column("default_role"), [.string("ANALYST")])
        let bob = try login("bob")
        XCTAssertEqual(bob.currentRole, "PUBLIC")  // ANALYST is his default role, but not granted yet
        try run("grant role analyst to user bob")
        XCTAssertEqual(try login("bob").currentRole, "ANALYST")
        XCTAssertEqual(try status("drop user bob"), "BOB successfully dropped.")
        asAnalyst()
        assertError("create user carl", insufficient("account", "SNOWLITE"))
    }
}
