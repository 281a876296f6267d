// References (spec §5.8): the consumer hands an object to an application with SYSTEM$REFERENCE
// and the application's register callback binds it (SYSTEM$SET_REFERENCE / ADD / REMOVE…).
// Inside the application `reference('…')` then names the object — a task's warehouse, a table in
// FROM — with the reference's privileges and no grant. Checked: the consumer's own privileges,
// the object's type, the privileges the manifest asks for, strings the session never issued,
// unbound references, calls from outside an application, SHOW REFERENCES, UNSET REFERENCES and
// DROP APPLICATION.

import Foundation
import XCTest
@testable import Engine

final class ReferenceTests: AccessControlTestCase {
    static let manifest = """
        manifest_version: 1
        artifacts:
          setup_script: setup.sql
        privileges:
          - EXECUTE TASK:
              description: "Run ingestion tasks"
        references:
          - warehouse_reference:
              label: "Warehouse"
              description: "Runs the ingestion tasks"
              privileges: [USAGE]
              object_type: WAREHOUSE
              register_callback: public.register_reference
          - source_tables:
              label: "Sources"
              description: "Tables to count"
              privileges:
                - SELECT
              object_type: TABLE
              multi_valued: true
              register_callback: public.register_table
        """
    static let setup = """
        create or alter versioned schema public;
        create schema if not exists tasks;
        create application role app_user;
        grant usage on schema public to application role app_user;
        create or replace procedure public.register_reference(ref_name string, operation string, ref_or_alias string)
          returns string language sql as $$
          begin
            case (operation)
              when 'ADD' then
                select system$set_reference(:ref_name, :ref_or_alias);
              when 'REMOVE' then
                select system$remove_reference(:ref_name);
              when 'CLEAR' then
                select system$remove_all_references(:ref_name);
              else
                return 'unknown operation: ' || operation;
            end case;
            return null;
          end;
          $$;
        create or replace procedure public.register_table(ref_name string, operation string, ref_or_alias string)
          returns string language sql as 'select system$add_reference(:ref_name, :ref_or_alias)';
        create or replace procedure public.schedule()
          returns string language sql as $$
          begin
            create or replace task tasks.ingest warehouse = reference('warehouse_reference') schedule = '30 minutes' as select 1;
            return 'scheduled';
          end;
          $$;
        create or replace procedure public.count_sources()
          returns number language sql as 'select count(*) from reference(''source_tables'')';
        create or replace procedure public.count_directly()
          returns number language sql as 'select count(*) from d.public.src';
        create or replace procedure public.aliases()
          returns string language sql as 'select system$get_all_references(''source_tables'')';
        grant usage on procedure public.register_reference(string, string, string) to application role app_user;
        grant usage on procedure public.register_table(string, string, string) to application role app_user;
        grant usage on procedure public.schedule() to application role app_user;
        grant usage on procedure public.count_sources() to application role app_user;
        grant usage on procedure public.count_directly() to application role app_user;
        grant usage on procedure public.aliases() to application role app_user;
        """

    private var fixture: ApplicationFixture!

    override func setUpWithError() throws {
        try super.setUpWithError()
        fixture = try ApplicationFixture()
        try script("""
            create database d;
            create stage d.public.artifacts;
            create table d.public.src (n int);
            insert into d.public.src values (1), (2), (3);
            create table d.public.other (n int);
            insert into d.public.other values (10);
            create view d.public.src_view as select * from d.public.src
            """)
        try fixture.addVersion("v1", files: ["manifest.yml": Self.manifest, "setup.sql": Self.setup], in: session)
        try run("create application app from application package pkg using version v1")
    }

    override func tearDownWithError() throws {
        fixture.remove()
        try super.tearDownWithError()
    }

    private func references() throws -> [[String]] {
        try cells("show references in application app").map { [$0[0], $0[3], $0[4], $0[5], $0[6], $0[7], $0[8]] }
    }

    func testABoundWarehouseReferenceLetsTheApplicationScheduleATask() throws {
        XCTAssertEqual(try cells("show references in application app").map { Array($0[0...5]) }, [
            ["WAREHOUSE_REFERENCE", "Warehouse", "Runs the ingestion tasks", "USAGE", "WAREHOUSE", "false"],
            ["SOURCE_TABLES", "Sources", "Tables to count", "SELECT", "TABLE", "true"],
        ])
        XCTAssertEqual(try references().map { $0[4] }, ["NULL", "NULL"])
        // A task cannot name the warehouse before the consumer binds it.
        assertError("call app.public.schedule()", """
            505027 (23001): Uncaught exception of type 'STATEMENT_ERROR' on line 3 at position 4 : Reference 'WAREHOUSE_REFERENCE' \
            of application 'APP' is not bound to an object; the consumer binds it through the register callback.
            """)
        XCTAssertEqual(try cells("""
            call app.public.register_reference('warehouse_reference', 'ADD',
                system$reference('warehouse', 'compute_wh', 'persistent', 'usage'))
            """), [["NULL"]])
        XCTAssertEqual(try references()[0], ["WAREHOUSE_REFERENCE", "USAGE", "WAREHOUSE", "false", "COMPUTE_WH", "NULL", "NULL"])
        XCTAssertEqual(try cells("call app.public.schedule()"), [["scheduled"]])
        // The task runs on the consumer's warehouse, though the application holds no grant on it.
        try run("alter application app set debug_mode = true")
        XCTAssertEqual(try cells("show tasks in schema app.tasks").map { [$0[1], $0[7]] }, [["INGEST", "COMPUTE_WH"]])
        XCTAssertEqual(try cells("show grants to application app").filter { $0[2] == "WAREHOUSE" }, [])

        // The callback's REMOVE unbinds it; the next schedule fails again.
        XCTAssertEqual(try cells("call app.public.register_reference('warehouse_reference', 'REMOVE', '')"), [["NULL"]])
        XCTAssertEqual(try references()[0][4], "NULL")
    }

    func testTheReferenceStringIsCheckedAgainstTheManifest() throws {
        let callback = "call app.public.register_reference('warehouse_reference', 'ADD', "
        // A table where the manifest declares a warehouse.
        assertError(callback + "system$reference('table', 'd.public.src', 'persistent', 'select'))", """
            505028 (42601): Uncaught exception of type 'STATEMENT_ERROR' on line 5 at position 8 : \
            Object type TABLE does not match the specified type WAREHOUSE for reference creation
            """)
        // The warehouse without the USAGE the manifest asks for.
        assertError(callback + "system$reference('warehouse', 'compute_wh'))", """
            001007 (22023): Uncaught exception of type 'STATEMENT_ERROR' on line 5 at position 8 : SQL compilation error:
            Reference 'WAREHOUSE_REFERENCE' needs USAGE on the warehouse, which the reference string does not carry.
            """)
        // A string this session never issued: an application cannot forge one.
        assertError(callback + "'ENT_REF_WAREHOUSE_43_1')", """
            505029 (22023): Uncaught exception of type 'STATEMENT_ERROR' on line 5 at position 8 : \
            Invalid reference string 'ENT_REF_WAREHOUSE_43_1'.
            """)
        // A name the manifest does not declare.
        assertError("call app.public.register_reference('nope', 'ADD', system$reference('warehouse', 'compute_wh', 'persistent', 'usage'))", """
            505026 (23001): Uncaught exception of type 'STATEMENT_ERROR' on line 5 at position 8 : \
            Reference definition 'nope' cannot be found in the current version of the application 'APP'
            """)
        // SET on a multi-valued reference.
        assertError("call app.public.register_reference('source_tables', 'ADD', system$reference('table', 'd.public.src', 'persistent', 'select'))", """
            001007 (22023): Uncaught exception of type 'STATEMENT_ERROR' on line 5 at position 8 : SQL compilation error:
            Reference 'SOURCE_TABLES' is multi-valued; bind it with SYSTEM$ADD_REFERENCE.
            """)
        XCTAssertEqual(try references().map { $0[4] }, ["NULL", "NULL"])
    }

    func testSystemReferenceChecksTheConsumersOwnPrivileges() throws {
        try run("create warehouse xs")
        asAnalyst()
        assertError("select system$reference('warehouse', 'xs', 'persistent', 'usage')", missing("Warehouse", "XS"))
        asAdmin()
        try run("grant monitor on warehouse xs to role analyst")
        asAnalyst()
        assertError("select system$reference('warehouse', 'xs', 'persistent', 'usage')", insufficient("warehouse", "XS"))
        asAdmin()
        assertError("select system$reference('table', 'd.public.src_view')", """
            505028 (42601): Object type VIEW does not match the specified type TABLE for reference creation
            """)
        assertError("select system$reference('warehouse', 'compute_wh', 'persistent', 'select')", """
            001007 (22023): SQL compilation error:
            Privilege SELECT is not valid for a reference to a WAREHOUSE.
            """)
        assertError("select system$reference('stage', 'd.public.artifacts')", """
            001007 (22023): SQL compilation error:
            Invalid object type 'stage' for SYSTEM$REFERENCE.
            """)
        XCTAssertTrue(try cells("select system$reference('view', 'd.public.src_view', 'call', 'select')")[0][0].hasPrefix("ENT_REF_VIEW_"))
    }

    func testReferenceFunctionsBelongToApplications() throws {
        assertError("select system$set_reference('warehouse_reference', 'x')", """
            001007 (22023): SQL compilation error:
            SYSTEM$SET_REFERENCE can only be called by an application.
            """)
        assertError("select * from reference('source_tables')", """
            001007 (22023): SQL compilation error:
            reference('source_tables') can only be used inside an application.
            """)
        assertError("select system$set_reference(n, 'x') from d.public.src", """
            001007 (22023): SQL compilation error:
            Argument 1 of SYSTEM$SET_REFERENCE must be a constant.
            """)
    }

    func testAMultiValuedTableReferenceReadsWithoutAGrant() throws {
        // The application holds no SELECT on the consumer's table…
        assertError("call app.public.count_directly()", """
            002003 (42S02): SQL compilation error:
            Object 'D.PUBLIC.SRC' does not exist or not authorized.
            """)
        for table in ["src", "other"] {
            let alias = try cells("""
                call app.public.register_table('source_tables', 'ADD', system$reference('table', 'd.public.\(table)', 'persistent', 'select'))
                """)[0][0]
            XCTAssertEqual(alias.count, 32)
        }
        // …but reads it through the reference: the first bound table.
        XCTAssertEqual(try cells("call app.public.count_sources()"), [["3"]])
        let rows = try references().filter { $0[0] == "SOURCE_TABLES" }
        XCTAssertEqual(rows.map { Array($0[4...6]) }, [["SRC", "PUBLIC", "D"], ["OTHER", "PUBLIC", "D"]])
        let aliases = try cells("show references in application app").filter { $0[0] == "SOURCE_TABLES" }.map { $0[9] }
        XCTAssertEqual(try cells("call app.public.aliases()")[0][0].filter { !$0.isWhitespace },
                       "[" + aliases.map { "\"\($0)\"" }.joined(separator: ",") + "]")

        // UNSET REFERENCES with an alias removes that binding; without, all of the reference's.
        try run("alter application app unset references ('source_tables', '\(aliases[0])')")
        XCTAssertEqual(try cells("call app.public.count_sources()"), [["1"]])
        try run("alter application app unset references ('source_tables')")
        XCTAssertEqual(try references().map { $0[4] }, ["NULL", "NULL"])
        assertError("alter application app unset references ('nope')",
                    "505026 (23001): Reference definition 'nope' cannot be found in the current version of the application 'APP'")
    }

    func testDroppingTheApplicationDropsItsBindings() throws {
        try run("""
            call app.public.register_reference('warehouse_reference', 'ADD',
                system$reference('warehouse', 'compute_wh', 'persistent', 'usage'))
            """)
        try run("drop application app")
        try run("create application app from application package pkg using version v1")
        XCTAssertEqual(try references().map { $0[4] }, ["NULL", "NULL"])
        // A binding made by a failing statement is rolled back with it.
        assertError("""
            call app.public.register_reference('warehouse_reference', 'ADD',
                system$reference('warehouse', 'compute_wh', 'persistent', 'usage', 'monitor', 'nope'))
            """, """
            001007 (22023): SQL compilation error:
            Privilege NOPE is not valid for a reference to a WAREHOUSE.
            """)
        XCTAssertEqual(try references().map { $0[4] }, ["NULL", "NULL"])
    }
}
