// ApplicationFunctionTests: the system functions only an application's code may call —
// SYSTEM$HOLD_PRIVILEGE_ON_ACCOUNT (in the setup script and in a procedure, before and after the
// consumer grants the privilege; refused for the consumer) and SYSTEM$GET_ALL_REFERENCES in both
// forms (the aliases, and with details {alias, database, schema, name}), as VARCHAR JSON text.

import Foundation
import XCTest

@testable import Engine

final class ApplicationFunctionTests: AccessControlTestCase {
    static let manifest = """
        manifest_version: 1
        artifacts:
          setup_script: setup.sql
        privileges:
          - EXECUTE TASK:
              description: "Run the scheduler"
        references:
          - warehouse_reference:
              label: "Warehouse"
              description: "Runs the scheduler"
              privileges: [USAGE]
              object_type: WAREHOUSE
              register_callback: core.register
          - source_tables:
              label: "Sources"
              description: "Tables to read"
              privileges: [SELECT]
              object_type: TABLE
              multi_valued: true
              register_callback: core.register
        """
    static let setup = """
        create or alter versioned schema core;
        create application role if not exists app_user;
        grant usage on schema core to application role app_user;
        create schema if not exists state;
        grant usage on schema state to application role app_user;
        create table if not exists state.installed (execute_task boolean);
        insert into state.installed select system$hold_privilege_on_account('EXECUTE TASK');
        grant select on table state.installed to application role app_user;
        create or replace procedure core.register(ref_name string, operation string, ref_or_alias string)
          returns string language sql as $$
          begin
            if (ref_name = 'SOURCE_TABLES') then
              select system$add_reference(:ref_name, :ref_or_alias);
            else
              select system$set_reference(:ref_name, :ref_or_alias);
            end if;
            return 'bound';
          end;
          $$;
        create or replace procedure core.holds(privilege string)
          returns boolean language sql as 'select system$hold_privilege_on_account(:privilege)';
        create or replace procedure core.refs(name string)
          returns string language sql as 'select system$get_all_references(:name)';
        create or replace procedure core.ref_details(name string, details boolean)
          returns string language sql as 'select system$get_all_references(:name, :details)';
        grant usage on procedure core.register(string, string, string) to application role app_user;
        grant usage on procedure core.holds(string) to application role app_user;
        grant usage on procedure core.refs(string) to application role app_user;
        grant usage on procedure core.ref_details(string, boolean) to application role app_user;
        """

    private var fixture: ApplicationFixture!

    override func setUpWithError() throws {
        try super.setUpWithError()
        fixture = try ApplicationFixture()
        try script(
            """
            create database d;
            create stage d.public.artifacts;
            create table d.public.src (n int);
            create table d.public.other (n int);
            create warehouse xs
            """)
        try fixture.addVersion("v1", files: ["manifest.yml": Self.manifest, "setup.sql": Self.setup], in: session)
        try run("create application app from application package pkg using version v1")
    }

    override func tearDownWithError() throws {
        fixture.remove()
        try super.tearDownWithError()
    }

    func testHoldPrivilegeOnAccountAnswersForTheApplication() throws {
        // The setup script ran before any grant; ACCOUNTADMIN's own privileges are not the application's.
        XCTAssertEqual(try cells("select * from app.state.installed"), [["False"]])
        XCTAssertEqual(try cells("call app.core.holds('EXECUTE TASK')"), [["False"]])
        try run("grant execute task on account to application app")
        XCTAssertEqual(try cells("call app.core.holds('execute   task')"), [["True"]])
        XCTAssertEqual(try cells("call app.core.holds('CREATE DATABASE')"), [["False"]])
        XCTAssertEqual(try cells("call app.core.holds('IMPORTED PRIVILEGES ON SNOWFLAKE DB')"), [["False"]])
        // An upgrade's setup script sees the grant.
        try fixture.addVersion("v2", files: ["manifest.yml": Self.manifest, "setup.sql": Self.setup], in: session)
        try run("alter application app upgrade using version v2")
        XCTAssertEqual(try cells("select * from app.state.installed"), [["False"], ["True"]])
        try run("revoke execute task on account from application app")
        XCTAssertEqual(try cells("call app.core.holds('EXECUTE TASK')"), [["False"]])
    }

    func testHoldPrivilegeOnAccountIsTheApplicationsOnly() throws {
        assertError(
            "select system$hold_privilege_on_account('EXECUTE TASK')",
            """
            001007 (22023): SQL compilation error:
            SYSTEM$HOLD_PRIVILEGE_ON_ACCOUNT can only be called by an application.
            """)
        assertError(
            "select system$hold_privilege_on_account()",
            """
            001044 (42P13): SQL compilation error: error line 1 at position 7
            Invalid argument types for function 'SYSTEM$HOLD_PRIVILEGE_ON_ACCOUNT': (0 arguments)
            """)
        XCTAssertEqual(try run("select system$hold_privilege_on_account('EXECUTE TASK')", describeOnly: true), [.boolean])
    }

    func testGetAllReferencesListsTheBindings() throws {
        XCTAssertEqual(try cells("call app.core.refs('source_tables')"), [["[]"]])
        XCTAssertEqual(try cells("call app.core.ref_details('source_tables', true)"), [["[]"]])
        for table in ["src", "other"] {
            try run("call app.core.register('SOURCE_TABLES', 'ADD', system$reference('table', 'd.public.\(table)', 'persistent', 'select'))")
        }
        try run("call app.core.register('WAREHOUSE_REFERENCE', 'ADD', system$reference('warehouse', 'xs', 'persistent', 'usage'))")
        let bound = try cells("show references in application app")
        let aliases = bound.filter { $0[0] == "SOURCE_TABLES" }.map { $0[9] }
        let warehouse = bound.first { $0[0] == "WAREHOUSE_REFERENCE" }?[9] ?? ""
        XCTAssertEqual(aliases.count, 2)
        XCTAssertEqual(try cells("call app.core.refs('source_tables')"), [["[\"\(aliases[0])\",\"\(aliases[1])\"]"]])
        XCTAssertEqual(
            try cells("call app.core.ref_details('source_tables', true)"),
            [
                [
                    "[{\"alias\":\"\(aliases[0])\",\"database\":\"D\",\"schema\":\"PUBLIC\",\"name\":\"SRC\"},"
                        + "{\"alias\":\"\(aliases[1])\",\"database\":\"D\",\"schema\":\"PUBLIC\",\"name\":\"OTHER\"}]"
                ]
            ])
        XCTAssertEqual(
            try cells("call app.core.ref_details('warehouse_reference', true)"),
            [
                [
                    "[{\"alias\":\"\(warehouse)\",\"database\":null,\"schema\":null,\"name\":\"XS\"}]"
                ]
            ])
        XCTAssertEqual(try cells("call app.core.ref_details('warehouse_reference', false)"), [["[\"\(warehouse)\"]"]])
        assertError(
            "call app.core.refs('nope')",
            """
            505026 (23001): Reference definition 'nope' cannot be found in the current version of the application 'APP'
            """)
        assertError(
            "select system$get_all_references('source_tables')",
            """
            001007 (22023): SQL compilation error:
            SYSTEM$GET_ALL_REFERENCES can only be called by an application.
            """)
    }
}

extension ApplicationFunctionTests {
    /// The column types a statement's describe-only answer reports.
    fileprivate func run(_ sql: String, describeOnly: Bool) throws -> [SnowflakeType] {
        try session.describe(sql).map(\.type)
    }
}
