// Setup scripts that CALL (issue 19, item 8): a top-level CALL, anonymous block or EXECUTE IMMEDIATE
// in a setup script runs as the application, inside the install's one transaction — what they
// create belongs to the application, and a failure anywhere in them fails the install and leaves
// nothing behind. What the setup-script restrictions forbid stays refused, even from a block.
// https://docs.snowflake.com/en/developer-guide/native-apps/creating-setup-script

import Foundation
import XCTest

@testable import Engine

final class SetupScriptCallTests: AccessControlTestCase {
    static let manifest = """
        manifest_version: 1
        version:
          name: V1
        artifacts:
          setup_script: setup.sql
        """
    static let setup = """
        create schema core;
        create application role app_user;
        grant usage on schema core to application role app_user;
        create table core.status (step string, at_line int);
        create procedure core.record(step string, n int) returns string language sql as
        $$
        begin
          insert into core.status values (:step, :n);
          return 'recorded ' || step;
        end;
        $$;
        call core.record('called', 6);
        execute immediate $$
        declare
          n int default 0;
        begin
          for i in 1 to 3 do
            n := n + i;
          end for;
          insert into core.status values ('block', :n);
        end;
        $$;
        begin
          create view core.steps as select step, at_line from core.status;
          grant select on view core.steps to application role app_user;
        end;
        execute immediate 'insert into core.status values (''immediate'', 7)';
        """
    var fixture: ApplicationFixture!

    override func setUpWithError() throws {
        try super.setUpWithError()
        fixture = try ApplicationFixture()
        try run("create database d")
        try run("create stage d.public.artifacts")
    }

    override func tearDownWithError() throws {
        fixture.remove()
        try super.tearDownWithError()
    }

    private func addVersion(_ version: String = "v1", setup: String) throws {
        try fixture.addVersion(version, files: ["manifest.yml": Self.manifest, "setup.sql": setup], in: session)
    }

    func testCallsBlocksAndExecuteImmediateRunAsTheApplication() throws {
        try addVersion(setup: Self.setup)
        XCTAssertEqual(
            try status("create application app from application package pkg using version v1"),
            "Application 'APP' created successfully.")
        XCTAssertEqual(
            try cells("select step, at_line from app.core.steps order by step"),
            [["block", "6"], ["called", "6"], ["immediate", "7"]])
        // What the block created is the application's: the consumer reads it through the application role only.
        XCTAssertEqual(try cells("show views in schema app.core").map { [$0[1], $0[5]] }, [["STEPS", "APPLICATION APP"]])
        assertError(
            "select * from app.core.status",
            """
            002003 (42S02): SQL compilation error:
            Object 'APP.CORE.STATUS' does not exist or not authorized.
            """)
        XCTAssertEqual(try cells("select current_role(), current_database()"), [["ACCOUNTADMIN", "D"]])
    }

    func testAFailureInsideACallFailsTheInstallAndLeavesNothing() throws {
        try addVersion(
            setup: """
                create schema core;
                create table core.t (a int);
                create procedure core.fill() returns string language sql as
                $$
                begin
                  insert into core.t values (1);
                  insert into core.missing values (2);
                  return 'done';
                end;
                $$;
                call core.fill();
                """)
        assertError(
            "create application app from application package pkg using version v1",
            """
            002003 (42S02): Uncaught exception of type 'STATEMENT_ERROR' on line 4 at position 2 : SQL compilation error:
            Table 'CORE.MISSING' does not exist or not authorized.
            """)
        XCTAssertEqual(try cells("show applications"), [])
        XCTAssertEqual(try cells("show databases like 'APP'"), [])
    }

    func testWhatSetupScriptsMayNotDoStaysRefusedInsideBlocks() throws {
        try addVersion(setup: "create schema core;\nbegin\n  use database d;\nend;\n")
        assertError(
            "create application app from application package pkg using version v1",
            """
            090236 (42601): Uncaught exception of type 'STATEMENT_ERROR' on line 3 at position 2 : \
            Stored procedure execution error: Unsupported statement type 'USE'
            """)
        try addVersion("v2", setup: "create schema core;\nbegin\n  begin transaction;\n  commit;\nend;\n")
        assertError(
            "create application app from application package pkg using version v2",
            """
            001003 (42000): Uncaught exception of type 'STATEMENT_ERROR' on line 3 at position 2 : SQL compilation error:
            Unsupported feature 'transaction control in a setup script'.
            """)
        XCTAssertEqual(try cells("show applications"), [])
    }
}
