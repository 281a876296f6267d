// Applications (spec §5.2–5.6): CREATE APPLICATION installs a version of a package by running its
// setup script as the application, in one transaction. The script's objects belong to the
// application; the consumer sees them only through the application roles granted to the role that
// installed it. A failing script statement fails the CREATE with the line it stopped on and leaves
// nothing behind; unqualified names fail (a setup script has no current schema); IMPORTS and
// Streamlit files must be in the version; development mode installs from a stage folder; debug
// mode lets the owner see inside; UPGRADE replaces the versioned schemas and keeps state. DROP
// APPLICATION removes the container, its roles and their grants, and with CASCADE the databases
// the application created (without it, the error names them).

import Foundation
import GRDB
import XCTest
@testable import Engine

final class ApplicationTests: AccessControlTestCase {
    static let manifest = """
        manifest_version: 1
        version:
          name: V1
        artifacts:
          setup_script: scripts/setup.sql
          default_streamlit: app_public.dashboard
        privileges:
          - EXECUTE TASK:
              description: "Run ingestion tasks"
          - CREATE DATABASE:
              description: "Create the destination database"
        """
    static let setup = """
        create or alter versioned schema app_public;
        create schema if not exists state;
        create application role app_admin;
        grant usage on schema app_public to application role app_admin;
        create table state.app_config (config_key string, value string);
        insert into state.app_config values ('org', 'snowflake');
        create procedure app_public.get_config(key string)
          returns string language python runtime_version = '3.11' packages = ('snowflake-snowpark-python')
          imports = ('/connector.zip') handler = 'config.get';
        grant usage on procedure app_public.get_config(string) to application role app_admin;
        create streamlit app_public.dashboard from '/streamlit' main_file = 'app.py';
        grant usage on streamlit app_public.dashboard to application role app_admin;
        """

    /// The Swift side of `config.get`: reads the application's own state table as its owner.
    struct ConfigReader: ProcedureHandler {
        func call(_ context: ProcedureContext) throws -> ScriptOutcome {
            let rows = try context.sql("select value from state.app_config where config_key = :key",
                                       bindings: ["KEY": context.argument("key") ?? .null])
            return .value(rows.rows.first?.first ?? .null, .string)
        }
    }

    /// The Swift side of `provision`: creates the connector's destination database as the application.
    struct Provisioner: ProcedureHandler {
        func call(_ context: ProcedureContext) throws -> ScriptOutcome {
            .value(try context.sql("create database dest_db").rows[0][0], .string)
        }
    }

    private var fixture: ApplicationFixture!

    override func setUpWithError() throws {
        try super.setUpWithError()
        admin.procedureRegistry.register("config.get", ConfigReader())
        analyst.procedureRegistry.register("config.get", ConfigReader())
        admin.procedureRegistry.register("provision", Provisioner())
        fixture = try ApplicationFixture()
        try run("create database d")
        try run("create stage d.public.artifacts")
    }

    override func tearDownWithError() throws {
        fixture.remove()
        try super.tearDownWithError()
    }

    /// Stages a version folder `v` holding the manifest, `scripts/setup.sql` and the Streamlit file,
    /// (and `extra` files), and adds it to package PKG as version `version`.
    private func addVersion(_ version: String = "v1", setup: String = ApplicationTests.setup, extra: [String: String] = [:]) throws {
        let files = ["manifest.yml": Self.manifest, "scripts/setup.sql": setup, "streamlit/app.py": "import streamlit\n",
                     "connector.zip": "PK"].merging(extra) { _, new in new }
        try fixture.addVersion(version, files: files, in: session)
    }

    func testInstallRunsTheSetupScriptAsTheApplication() throws {
        try addVersion()
        XCTAssertEqual(try status("create application app from application package pkg using version v1"),
                       "Application 'APP' created successfully.")
        XCTAssertEqual(try cells("show applications").map { [$0[1], $0[4], $0[5], $0[6], $0[8], $0[10]] },
                       [["APP", "APPLICATION PACKAGE", "PKG", "ACCOUNTADMIN", "V1", "0"]])
        // The installer reaches what the application role was given, and no more.
        XCTAssertEqual(try cells("call app.app_public.get_config('org')"), [["snowflake"]])
        assertError("select * from app.state.app_config", missing("Object", "APP.STATE.APP_CONFIG"))
        XCTAssertEqual(try cells("show schemas in database app").map { $0[1] }, ["APP_PUBLIC"])
        XCTAssertEqual(try cells("show grants to application role app.app_admin").map { [$0[1], $0[2], $0[3]] },
                       [["USAGE", "PROCEDURE", "APP.APP_PUBLIC.GET_CONFIG(VARCHAR)"],
                        ["USAGE", "SCHEMA", "APP.APP_PUBLIC"],
                        ["USAGE", "STREAMLIT", "APP.APP_PUBLIC.DASHBOARD"]])
        // The installer's own context is as it was.
        XCTAssertEqual(try cells("select current_role(), current_database(), current_schema()"), [["ACCOUNTADMIN", "D", "PUBLIC"]])
    }

    func testAFailingStatementFailsTheInstallAndLeavesNothing() throws {
        try addVersion(setup: "create schema core;\ncreate table core.t (a int);\n\ncreate table t2 (a int);\n")
        assertError("create application app from application package pkg using version v1", """
            090106 (22000): Uncaught exception of type 'STATEMENT_ERROR' on line 4 at position 0 : Cannot perform CREATE TABLE. \
            This session does not have a current schema. Call 'USE SCHEMA', or use a qualified name.
            """)
        XCTAssertEqual(try cells("show applications"), [])
        assertError("show schemas in database app", AccessControlTestCase.useFailed)
        XCTAssertEqual(try cells("select current_role(), current_database()"), [["ACCOUNTADMIN", "D"]])
    }

    func testVersionedSchemasAndApplicationRolesBelongToSetupScripts() throws {
        assertError("create or alter versioned schema d.core", """
            001007 (22023): SQL compilation error:
            Versioned schemas can only be created by an application's setup script.
            """)
        assertError("create application role r", """
            001007 (22023): SQL compilation error:
            Application roles can only be created by an application's setup script.
            """)
    }

    func testImportsAndStreamlitFilesMustBeInTheVersion() throws {
        try addVersion(setup: "create schema core;\ncreate procedure core.p() returns string language python runtime_version = '3.11'\n"
                       + "  packages = ('snowflake-snowpark-python') imports = ('/missing.zip') handler = 'config.get';\n")
        assertError("create application app from application package pkg using version v1", """
            001007 (22023): Uncaught exception of type 'STATEMENT_ERROR' on line 2 at position 0 : SQL compilation error:
            File '/missing.zip' does not exist in version 'V1' of application package 'PKG'.
            """)
        try addVersion("v2", setup: "create schema core;\ncreate streamlit core.s from '/' main_file = 'app.py';\n")
        assertError("create application app from application package pkg using version v2", """
            001007 (22023): Uncaught exception of type 'STATEMENT_ERROR' on line 2 at position 0 : SQL compilation error:
            File '/app.py' does not exist in version 'V2' of application package 'PKG'.
            """)
        // A package holds at most two versions (093037).
        try run("alter application package pkg drop version v1")
        try addVersion("v3", setup: "create schema core;\ncreate procedure core.p() returns string language python "
                       + "runtime_version = '3.11' handler = 'config.get' execute as caller;\n")
        assertError("create application app from application package pkg using version v3", """
            001007 (22023): Uncaught exception of type 'STATEMENT_ERROR' on line 2 at position 0 : SQL compilation error:
            A setup script cannot create EXECUTE AS CALLER procedures.
            """)
        XCTAssertEqual(try cells("show applications"), [])
    }

    func testDevelopmentModeInstallsStraightFromTheStage() throws {
        try addVersion()
        XCTAssertEqual(try status("create application dev from application package pkg using '@d.public.artifacts/v1' debug_mode = true"),
                       "Application 'DEV' created successfully.")
        XCTAssertEqual(try cells("show applications like 'DEV'").map { [$0[1], $0[8], $0[10]] }, [["DEV", "UNVERSIONED", "NULL"]])
        XCTAssertEqual(try cells("call dev.app_public.get_config('org')"), [["snowflake"]])
        assertError("create application dev2 from application package pkg using @d.public.artifacts/nowhere",
                    "093080 (22023): The manifest file 'manifest.yml' was not found in '@D.PUBLIC.ARTIFACTS/nowhere'.")
    }

    func testDropWithAndWithoutCascadeWhenTheApplicationCreatedADatabase() throws {
        try addVersion(setup: Self.setup + """

            create procedure app_public.provision() returns string language python runtime_version = '3.11'
              handler = 'provision';
            grant usage on procedure app_public.provision() to application role app_admin;
            """)
        try run("create application app from application package pkg using version v1")
        assertError("call app.app_public.provision()",
                    "003001 (42501): SQL access control error:\nInsufficient privileges to operate on account 'SNOWLITE'")
        try run("grant create database on account to application app")
        XCTAssertEqual(try cells("call app.app_public.provision()"), [["Database DEST_DB successfully created."]])
        assertError("drop application app", """
            093128 (42501): SQL compilation error:
            Application 'APP' owns database 'DEST_DB' outside itself; drop it with DROP APPLICATION APP CASCADE.
            """)
        XCTAssertEqual(try cells("show databases like 'DEST_DB'").map { [$0[1], $0[5]] }, [["DEST_DB", "APPLICATION APP"]])
        XCTAssertEqual(try status("drop application app cascade"), "APP successfully dropped.")
        XCTAssertEqual(try cells("show databases like 'DEST_DB'"), [])
    }

    func testDebugModeLetsTheOwnerSeeInside() throws {
        try addVersion()
        try run("create application app from application package pkg using version v1")
        assertError("select * from app.state.app_config", missing("Object", "APP.STATE.APP_CONFIG"))
        XCTAssertEqual(try status("alter application app set debug_mode = true"), "Statement executed successfully.")
        XCTAssertEqual(try cells("select config_key, value from app.state.app_config"), [["org", "snowflake"]])
        XCTAssertEqual(try cells("show schemas in database app").map { $0[1] }, ["APP_PUBLIC", "STATE"])
        try run("alter application app set debug_mode = false comment = 'installed'")
        assertError("select * from app.state.app_config", missing("Object", "APP.STATE.APP_CONFIG"))
        XCTAssertEqual(try cells("show applications").map { $0[7] }, ["installed"])
        assertError("alter application app set debug_mode = maybe",
                    "001007 (22023): SQL compilation error:\ninvalid value [MAYBE] for parameter 'DEBUG_MODE'")
        XCTAssertEqual(try status("alter application if exists nope set comment = 'x'"), "Statement executed successfully.")
        assertError("alter application nope set comment = 'x'", missing("Application", "NOPE"))
    }

    func testUpgradeReplacesVersionedSchemasAndKeepsState() throws {
        try addVersion()
        try run("create application app from application package pkg using version v1")
        try addVersion("v2", setup: """
            create or alter versioned schema app_public;
            create schema if not exists state;
            create application role if not exists app_admin;
            grant usage on schema app_public to application role app_admin;
            create table if not exists state.app_config (config_key string, value string);
            create procedure app_public.get_config_v2(key string) returns string language python runtime_version = '3.11'
              handler = 'config.get';
            grant usage on procedure app_public.get_config_v2(string) to application role app_admin;
            """)
        XCTAssertEqual(try status("alter application app upgrade using version v2"), "Application 'APP' upgraded successfully.")
        XCTAssertEqual(try cells("show applications").map { [$0[8], $0[10]] }, [["V2", "0"]])
        // The state table kept its row; the versioned schema holds only the new version's objects.
        XCTAssertEqual(try cells("call app.app_public.get_config_v2('org')"), [["snowflake"]])
        assertError("call app.app_public.get_config('org')", missing("Procedure", "APP.APP_PUBLIC.GET_CONFIG"))
        // A failing upgrade leaves the installed version as it was.
        // A package holds at most two versions (093037).
        try run("alter application package pkg drop version v1")
        try addVersion("v3", setup: "create or alter versioned schema app_public;\ncreate table nowhere (a int);\n")
        assertError("alter application app upgrade using version v3", """
            090106 (22000): Uncaught exception of type 'STATEMENT_ERROR' on line 2 at position 0 : Cannot perform CREATE TABLE. \
            This session does not have a current schema. Call 'USE SCHEMA', or use a qualified name.
            """)
        XCTAssertEqual(try cells("show applications").map { [$0[8], $0[10]] }, [["V2", "0"]])
        XCTAssertEqual(try cells("call app.app_public.get_config_v2('org')"), [["snowflake"]])
        assertError("alter application app upgrade using '@d.public.artifacts/v3'", """
            093045 (22023): Application 'APP' was installed from a version; upgrade it with UPGRADE or UPGRADE USING VERSION.
            """)
    }

    func testExecuteImmediateFromRunsTheVersionsOtherFiles() throws {
        try addVersion(setup: """
            create schema core;
            execute immediate from './tables.sql';
            execute immediate from '/scripts/more/views.sql';
            """, extra: ["scripts/tables.sql": "create table core.t (a int);\ninsert into core.t values (1), (2);\n",
                         "scripts/more/views.sql": "\ncreate view core.v as select count(*) n from core.t;\nexecute immediate from '../broken.sql';\n",
                         "scripts/broken.sql": "select 1;\n\nselect * from core.missing;\n"])
        assertError("create application app from application package pkg using version v1", """
            002003 (42S02): Uncaught exception of type 'STATEMENT_ERROR' on line 3 at position 0 : SQL compilation error:
            Object 'CORE.MISSING' does not exist or not authorized.
            """)
        try addVersion("v2", setup: "create schema core;\nexecute immediate from 'nope.sql';\n")
        assertError("create application app from application package pkg using version v2", """
            001007 (22023): Uncaught exception of type 'STATEMENT_ERROR' on line 2 at position 0 : SQL compilation error:
            File 'nope.sql' does not exist in version 'V2' of application package 'PKG'.
            """)
        // A package holds at most two versions (093037).
        try run("alter application package pkg drop version v1")
        try addVersion("v3", setup: "create schema core;\nexecute immediate from './tables.sql';\n"
                       + "create application role r;\ngrant usage on schema core to application role r;\n"
                       + "grant select on table core.t to application role r;\n",
                       extra: ["scripts/tables.sql": "create table core.t (a int);\ninsert into core.t values (1), (2);\n"])
        try run("create application app from application package pkg using version v3")
        XCTAssertEqual(try cells("select sum(a) from app.core.t"), [["3"]])
        assertError("execute immediate from './tables.sql'",
                    "001503 (42601): Relative file references like './tables.sql' cannot be used in top-level EXECUTE IMMEDIATE calls.")
    }

    func testDescribeAndShowApplicationRoles() throws {
        try addVersion()
        try run("create application app from application package pkg using version v1 comment = 'connector'")
        XCTAssertEqual(try cells("desc application app"), [
            ["name", "APP"], ["source_type", "APPLICATION PACKAGE"], ["source", "PKG"], ["version", "V1"], ["patch", "0"],
            ["label", "NULL"], ["comment", "connector"], ["owner", "ACCOUNTADMIN"], ["debug_mode", "FALSE"], ["log_level", "NULL"],
            ["created_on", "2026-01-02 03:04:05.678 +0000"], ["upgrade_state", "COMPLETE"], ["upgrade_target_version", "NULL"],
            ["upgrade_target_patch", "NULL"], ["upgrade_attempt", "NULL"], ["upgrade_failure_type", "NULL"],
            ["upgrade_failure_reason", "NULL"],
        ])
        XCTAssertEqual(try cells("show application roles in application app").map { Array($0.dropFirst()) },
                       [["APP_ADMIN", "APP", "", "APPLICATION"]])
        assertError("desc application nope", missing("Application", "NOPE"))
        asAnalyst()
        assertError("show application roles in application app", missing("Application", "APP"))
    }

    func testShowPrivilegesFollowsTheConsumersGrants() throws {
        try addVersion()
        try run("create application app from application package pkg using version v1")
        XCTAssertEqual(try cells("show privileges in application app"), [
            ["EXECUTE TASK", "Run ingestion tasks", "False", "True"],
            ["CREATE DATABASE", "Create the destination database", "False", "True"],
        ])
        try run("grant create database on account to application app")
        XCTAssertEqual(try cells("show privileges in application app").map { $0[2] }, ["False", "True"])
    }

    func testVersionedSchemasHoldNoTasks() throws {
        try addVersion(setup: "create or alter versioned schema core;\ncreate schema tasks;\n"
                       + "create task tasks.ok schedule = '30 minutes' as select 1;\ncreate task core.t schedule = '30 minutes' as select 1;\n")
        assertError("create application app from application package pkg using version v1", """
            001007 (22023): Uncaught exception of type 'STATEMENT_ERROR' on line 4 at position 0 : SQL compilation error:
            Tasks cannot be created in versioned schema 'APP.CORE'.
            """)
    }

    func testAQuotedApplicationNameKeepsItsRoles() throws {
        try addVersion()
        try run("create application \"my app\" from application package pkg using version v1")
        XCTAssertEqual(try cells("call \"my app\".app_public.get_config('org')"), [["snowflake"]])
        XCTAssertEqual(try cells("show application roles in application \"my app\"").map { $0[1] }, ["APP_ADMIN"])
        XCTAssertEqual(try status("drop application \"my app\""), "my app successfully dropped.")
        let leftover = try session.store.queue.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM sl_role_grant WHERE role_kind = 'APPLICATION_ROLE'")
        }
        XCTAssertEqual(leftover, 0)
    }

    func testInstallNeedsAnExistingVersionAndPackage() throws {
        assertError("create application app from application package nope using version v1",
                    missing("Application package", "NOPE"))
        try addVersion()
        assertError("create application app from application package pkg using version v9", """
            001007 (22023): SQL compilation error:
            Version 'V9' (patch 0) does not exist in application package 'PKG'.
            """)
        assertError("create application app from application package pkg", """
            001007 (22023): SQL compilation error:
            Application package 'PKG' has no default release directive; name a version with USING VERSION.
            """)
        try run("alter application package pkg set default release directive version = v1 patch = 0")
        XCTAssertEqual(try status("create application app from application package pkg"), "Application 'APP' created successfully.")
        XCTAssertEqual(try status("create application if not exists app from application package pkg"),
                       "APP already exists, statement succeeded.")
        assertError("create application app from application package pkg", "002002 (42710): SQL compilation error:\nObject 'APP' already exists.")
    }

    func testDropRemovesTheApplicationAndItsRoles() throws {
        try addVersion()
        try run("create application app from application package pkg using version v1")
        XCTAssertEqual(try status("drop application app cascade"), "APP successfully dropped.")
        XCTAssertEqual(try cells("show applications"), [])
        XCTAssertEqual(try cells("show databases like 'APP%'"), [])
        XCTAssertEqual(try status("drop application if exists app"), "Drop statement executed successfully (APP already dropped).")
        assertError("drop application app", missing("Application", "APP"))
        // A second install from the same version starts clean.
        XCTAssertEqual(try status("create application app from application package pkg using version v1"),
                       "Application 'APP' created successfully.")
        XCTAssertEqual(try cells("call app.app_public.get_config('org')"), [["snowflake"]])
    }

    func testAnotherRoleCannotInstallOrDrop() throws {
        try addVersion()
        asAnalyst()
        assertError("create application app from application package pkg using version v1",
                    "003001 (42501): SQL access control error:\nInsufficient privileges to operate on account 'SNOWLITE'")
        asAdmin()
        try run("create application app from application package pkg using version v1")
        asAnalyst()
        assertError("drop application app", missing("Application", "APP"))
        assertError("call app.app_public.get_config('org')", missing("Procedure", "APP.APP_PUBLIC.GET_CONFIG"))
    }

    /// A handler that logs at four severities.
    struct Chatty: ProcedureHandler {
        func call(_ context: ProcedureContext) throws -> ScriptOutcome {
            for (severity, message) in [("debug", "details"), ("info", "progress"), ("warn", "careful"), ("error", "broken")] {
                context.log(severity, message)
            }
            return .value(.string("done"), .string)
        }
    }

    func testCodeInsideTheApplicationLogsAtTheManifestsLevel() throws {
        admin.procedureRegistry.register("connector.chatty", Chatty())
        try addVersion(setup: Self.setup + """
            create procedure app_public.chatty() returns string language python runtime_version = '3.11'
              imports = ('/connector.zip') handler = 'connector.chatty';
            grant usage on procedure app_public.chatty() to application role app_admin;
            """, extra: ["manifest.yml": Self.manifest + "\nconfiguration:\n  log_level: warn\n"])
        try run("create event table d.public.events")
        try run("alter account set event_table = d.public.events")
        try run("create application app from application package pkg using version v1")
        XCTAssertEqual(try cells("call app.app_public.chatty()"), [["done"]])
        // The account sets no level, so only the manifest's WARN lets these through.
        XCTAssertEqual(try cells("""
            select record:severity_text::string, value::string, resource_attributes:"snow.application.name"::string,
                   resource_attributes:"snow.executable.name"::string
            from d.public.events order by value
            """), [["ERROR", "broken", "APP", "CHATTY"], ["WARN", "careful", "APP", "CHATTY"]])
        XCTAssertEqual(try cells("describe application app").first { $0[0] == "log_level" }, ["log_level", "WARN"])
    }
}
