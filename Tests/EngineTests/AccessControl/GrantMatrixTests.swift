// GrantMatrixTests: the connector flow (deploy, install, bind, provision, schedule) walked by a
// role that is not ACCOUNTADMIN. Each step names the privilege it needs: the step first fails
// with Snowflake's exact text, then the administrator grants that one privilege, and the same
// statement succeeds. Steps run in order, so each later step also shows the earlier grants were
// enough. The application's own steps (its procedures, run as the application) need what the
// consumer grants TO APPLICATION.

import Foundation
import XCTest
@testable import Engine

final class GrantMatrixTests: AccessControlTestCase {
    static let manifest = """
        manifest_version: 1
        artifacts:
          setup_script: setup.sql
        privileges:
          - EXECUTE TASK:
              description: "Runs the ingestion task"
          - CREATE DATABASE:
              description: "Creates the destination database"
        references:
          - warehouse_reference:
              label: "Warehouse"
              description: "Runs the ingestion task"
              privileges: [USAGE]
              object_type: WAREHOUSE
              register_callback: public.register_reference
        """
    static let setup = """
        create or alter versioned schema public;
        create schema if not exists tasks;
        create application role app_user;
        grant usage on schema public to application role app_user;
        create procedure public.register_reference(ref_name string, operation string, ref_or_alias string)
          returns string language sql as 'select system$set_reference(:ref_name, :ref_or_alias)';
        create procedure public.provision()
          returns string language sql as 'create database if not exists dest_db';
        create procedure public.schedule()
          returns string language sql as $$
          begin
            create or replace task tasks.ingest warehouse = reference('warehouse_reference') schedule = '30 minutes' as select 1;
            alter task tasks.ingest resume;
            return 'scheduled';
          end;
          $$;
        grant usage on procedure public.register_reference(string, string, string) to application role app_user;
        grant usage on procedure public.provision() to application role app_user;
        grant usage on procedure public.schedule() to application role app_user;
        """

    /// One step of the flow: the statement the analyst runs, the grant it needs, and the error without it.
    struct Step {
        var statement: String
        var grant: String
        var error: String
    }

    private var folder: URL!

    override func setUpWithError() throws {
        try super.setUpWithError()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("grant-matrix-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (path, text) in ["manifest.yml": Self.manifest, "setup.sql": Self.setup] {
            try text.write(to: folder.appendingPathComponent(path), atomically: true, encoding: .utf8)
        }
        try run("create warehouse xs")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
        try super.tearDownWithError()
    }

    private func uncaught(_ code: String, line: Int, position: Int, _ message: String) -> String {
        "\(code): Uncaught exception of type 'STATEMENT_ERROR' on line \(line) at position \(position) : \(message)"
    }

    func testEachStepOfTheConnectorFlowNeedsItsPrivilege() throws {
        let steps = [
            Step(statement: "create database stage_db", grant: "grant create database on account to role analyst",
                 error: insufficient("account", "SNOWLITE")),
            Step(statement: "create application package pkg", grant: "grant create application package on account to role analyst",
                 error: insufficient("account", "SNOWLITE")),
            Step(statement: "create application app from application package pkg using version v1",
                 grant: "grant create application on account to role analyst", error: insufficient("account", "SNOWLITE")),
            Step(statement: """
                create external access integration github_integration allowed_network_rules = (stage_db.public.gh_rule) enabled = true
                """, grant: "grant create integration on account to role analyst", error: insufficient("account", "SNOWLITE")),
            Step(statement: """
                call app.public.register_reference('warehouse_reference', 'ADD',
                    system$reference('warehouse', 'xs', 'persistent', 'usage'))
                """, grant: "grant usage on warehouse xs to role analyst", error: missing("Warehouse", "XS")),
            Step(statement: "call app.public.provision()", grant: "grant create database on account to application app",
                 error: insufficient("account", "SNOWLITE")),
            Step(statement: "call app.public.schedule()", grant: "grant execute task on account to application app",
                 error: uncaught("091089 (23001)", line: 4, position: 4,
                                 "Cannot execute task , EXECUTE TASK privilege must be granted to owner role")),
        ]
        for (index, step) in steps.enumerated() {
            asAnalyst()
            if index == 2 { try stageVersion() }
            if index == 3 { try run("create network rule stage_db.public.gh_rule mode = egress type = host_port value_list = ('api.github.com:443')") }
            assertError(step.statement, step.error)
            asAdmin()
            try run(step.grant)
            asAnalyst()
            XCTAssertNoThrow(try run(step.statement), "step \(index + 1) still fails after: \(step.grant)")
        }
        // Where the flow ends: the analyst owns the application, its database and its task runs.
        XCTAssertEqual(try cells("show applications").map { [$0[1], $0[6]] }, [["APP", "ANALYST"]])
        asAdmin()
        XCTAssertEqual(try cells("show databases like 'DEST_DB'").map { $0[1] }, ["DEST_DB"])
    }

    /// As the analyst: the build staged and added as version v1 of PKG (the package's owner may).
    private func stageVersion() throws {
        try run("create stage stage_db.public.artifacts")
        for file in ["manifest.yml", "setup.sql"] {
            try run("put 'file://\(folder.appendingPathComponent(file).path)' @stage_db.public.artifacts/v1 auto_compress = false")
        }
        try run("alter application package pkg add version v1 using @stage_db.public.artifacts/v1")
    }
}
