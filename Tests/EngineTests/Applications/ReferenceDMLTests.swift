// DML and CALL through a reference (issue 20, items 4 and 5): inside an application, `INSERT INTO
// reference('t')`, `UPDATE reference('t') SET …`, `DELETE FROM reference('t')` and `MERGE INTO
// reference('t')` write the consumer's table bound to the reference, `CALL reference('p')(…)` calls
// the consumer's procedure bound to it (SYSTEM$REFERENCE('procedure', 'db.s.p(types)', …)) and
// `reference('f')(…)` its function,
// with the privileges the reference carries and no grant to the application; a privilege the
// reference does not carry is refused, and outside an application `reference()` names nothing.
// https://docs.snowflake.com/en/developer-guide/native-apps/requesting-refs

import Foundation
import XCTest

@testable import Engine

final class ReferenceDMLTests: AccessControlTestCase {
    static let manifest = """
        manifest_version: 1
        artifacts:
          setup_script: setup.sql
        references:
          - audit_log:
              label: "Audit log"
              description: "Where the application writes what it did"
              privileges: [SELECT, INSERT, UPDATE, DELETE]
              object_type: TABLE
              register_callback: api.register
          - lookup:
              label: "Lookup"
              description: "Read only"
              privileges: [SELECT]
              object_type: TABLE
              register_callback: api.register
          - scorer:
              label: "Scorer"
              description: "The consumer's scoring function"
              privileges: [USAGE]
              object_type: FUNCTION
              register_callback: api.register
          - notifier:
              label: "Notifier"
              description: "The consumer's procedure the application calls after each run"
              privileges: [USAGE]
              object_type: PROCEDURE
              register_callback: api.register
        """
    static let setup = """
        create schema api;
        create application role app_user;
        grant usage on schema api to application role app_user;
        create procedure api.register(ref_name string, operation string, ref_or_alias string)
          returns string language sql as 'select system$set_reference(:ref_name, :ref_or_alias)';
        create procedure api.record(what string) returns number language sql as
        $$
        begin
          insert into reference('audit_log') (event, n) values (:what, 1);
          update reference('audit_log') set n = n + 1 where event = 'seen';
          delete from reference('audit_log') where event = 'noise';
          merge into reference('audit_log') t using (select :what as e) s on t.event = s.e
            when matched then update set n = t.n + 10;
          return (select count(*) from reference('audit_log'));
        end;
        $$;
        create procedure api.write_lookup() returns string language sql as
          'begin insert into reference(''lookup'') values (1); return ''written''; end';
        create procedure api.notify(what string) returns string language sql as
        $$
        declare
          answer string;
        begin
          call reference('notifier')(:what || '!') into :answer;
          return 'notified: ' || answer;
        end;
        $$;
        grant usage on procedure api.register(string, string, string) to application role app_user;
        grant usage on procedure api.notify(string) to application role app_user;
        create procedure api.best_score() returns number language sql as
          'begin return (select max(reference(''scorer'')(n)) from reference(''audit_log'')); end';
        grant usage on procedure api.best_score() to application role app_user;
        grant usage on procedure api.record(string) to application role app_user;
        grant usage on procedure api.write_lookup() to application role app_user;
        """
    private var fixture: ApplicationFixture!

    override func setUpWithError() throws {
        try super.setUpWithError()
        fixture = try ApplicationFixture()
        try script(
            """
            create database d;
            create stage d.public.artifacts;
            create table d.public.audit (event string, n int);
            insert into d.public.audit values ('seen', 1), ('noise', 5);
            create table d.public.codes (code int);
            create function d.public.score(n number) returns number as 'n * 100 + 1';
            create procedure d.public.log_event(msg string) returns string language sql as
              'begin insert into d.public.audit values (:msg, 0); return ''logged '' || msg; end'
            """)
        try fixture.addVersion("v1", files: ["manifest.yml": Self.manifest, "setup.sql": Self.setup], in: session)
        try run("create application app from application package pkg using version v1")
        try run(
            """
            call app.api.register('audit_log', 'ADD',
                system$reference('table', 'd.public.audit', 'persistent', 'select', 'insert', 'update', 'delete'))
            """)
        try run("call app.api.register('lookup', 'ADD', system$reference('table', 'd.public.codes', 'persistent', 'select'))")
    }

    override func tearDownWithError() throws {
        fixture.remove()
        try super.tearDownWithError()
    }

    func testInsertUpdateDeleteAndMergeWriteTheBoundTable() throws {
        XCTAssertEqual(try cells("call app.api.record('deployed')"), [["2"]])
        XCTAssertEqual(try cells("select event, n from d.public.audit order by event"), [["deployed", "11"], ["seen", "2"]])
        // The application holds no grant on the consumer's table.
        XCTAssertEqual(try cells("show grants to application app").filter { $0[2] == "TABLE" }, [])
    }

    func testAPrivilegeTheReferenceDoesNotCarryIsRefused() throws {
        assertError(
            "call app.api.write_lookup()",
            """
            003001 (42501): Uncaught exception of type 'STATEMENT_ERROR' on line 1 at position 6 : SQL access control error:
            Insufficient privileges to operate on table 'CODES'
            """)
        XCTAssertEqual(try cells("select count(*) from d.public.codes"), [["0"]])
    }

    func testOutsideAnApplicationAReferenceNamesNothing() throws {
        assertError(
            "insert into reference('audit_log') values ('x', 1)",
            "001007 (22023): SQL compilation error:\nreference('audit_log') can only be used inside an application.")
        assertError(
            "create table reference('x') (a int)", "001003 (42000): SQL compilation error:\nsyntax error line 1 at position 23 unexpected 'x'.")
    }

    func testCallThroughAProcedureReference() throws {
        assertError(
            "call app.api.notify('run done')",
            """
            505027 (23001): Uncaught exception of type 'STATEMENT_ERROR' on line 5 at position 2 : Reference 'NOTIFIER' \
            of application 'APP' is not bound to an object; the consumer binds it through the register callback.
            """)
        try run(
            """
            call app.api.register('notifier', 'ADD', system$reference('procedure', 'd.public.log_event(varchar)', 'persistent', 'usage'))
            """)
        XCTAssertEqual(try cells("call app.api.notify('run done')"), [["notified: logged run done!"]])
        XCTAssertEqual(try cells("select event from d.public.audit where n = 0"), [["run done!"]])
        XCTAssertEqual(try cells("show grants to application app").filter { $0[2] == "PROCEDURE" }, [])
        assertError(
            "select system$reference('procedure', 'd.public.log_event(number)', 'persistent', 'usage')",
            "002003 (02000): SQL compilation error:\nProcedure 'D.PUBLIC.LOG_EVENT(NUMBER)' does not exist or not authorized.")
    }

    func testCallingAConsumerFunctionThroughAReference() throws {
        try run("call app.api.register('scorer', 'ADD', system$reference('function', 'd.public.score(number)', 'persistent', 'usage'))")
        XCTAssertEqual(try cells("call app.api.best_score()"), [["501"]])
        XCTAssertEqual(try cells("show grants to application app").filter { $0[2] == "FUNCTION" }, [])
        assertError(
            "select reference('scorer')(1)",
            "001007 (22023): SQL compilation error:\nreference('scorer') can only be used inside an application.")
    }
}
