// UserFunctionAccessTests: who may call, list and describe a user function. Calling needs USAGE on
// the function (an invisible one is `Unknown function`); the body reads with its owner's rights, as
// a view does; GRANT USAGE ON FUNCTION f(types) and ON ALL FUNCTIONS IN SCHEMA; a SECURE function's
// body is hidden from other roles in DESCRIBE and INFORMATION_SCHEMA.FUNCTIONS; and inside a native
// app, a setup script's function granted to an application role is called by the consumer.

import Foundation
import XCTest

@testable import Engine

final class UserFunctionAccessTests: AccessControlTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try script(
            """
            create database d;
            create schema d.s;
            create table d.s.secret_numbers (n int);
            insert into d.s.secret_numbers values (10), (20);
            create function d.s.total() returns number as 'select sum(n) from d.s.secret_numbers';
            create secure function d.s.hidden(a number) returns number as 'a + 1';
            create function d.s.rows_above(m number) returns table (n number) as 'select n from d.s.secret_numbers where n > m';
            grant usage on database d to role analyst;
            grant usage on schema d.s to role analyst
            """)
    }

    func testCallingNeedsUsageAndTheBodyRunsWithTheOwnersRights() throws {
        asAnalyst()
        assertError("select d.s.total()", "002140 (42601): SQL compilation error:\nUnknown function D.S.TOTAL")
        assertError(
            "select * from table(d.s.rows_above(0))", "002141 (42601): SQL compilation error:\nUnknown user-defined table function D.S.ROWS_ABOVE")
        asAdmin()
        try run("grant usage on function d.s.total() to role analyst")
        try run("grant usage on function d.s.rows_above(number) to role analyst")
        asAnalyst()
        // The analyst cannot read the table, but the function's owner can.
        assertError("select * from d.s.secret_numbers", missing("Object", "D.S.SECRET_NUMBERS"))
        XCTAssertEqual(try cells("select d.s.total()"), [["30"]])
        XCTAssertEqual(try cells("select * from table(d.s.rows_above(15))"), [["20"]])
        XCTAssertEqual(try cells("show user functions in schema d.s").map { $0[1] }, ["ROWS_ABOVE", "TOTAL"])
        asAdmin()
        try run("revoke usage on function d.s.total() from role analyst")
        asAnalyst()
        assertError("select d.s.total()", "002140 (42601): SQL compilation error:\nUnknown function D.S.TOTAL")
    }

    func testGrantOnAllFunctionsAndSecureBodies() throws {
        try run("grant usage on all functions in schema d.s to role analyst")
        asAnalyst()
        XCTAssertEqual(try cells("select d.s.hidden(1), d.s.total()"), [["2", "30"]])
        XCTAssertEqual(
            try cells("describe function d.s.hidden(number)"),
            [
                ["signature", "(A NUMBER)"], ["returns", "NUMBER(38,0)"], ["language", "SQL"],
                ["null handling", "CALLED ON NULL INPUT"], ["volatility", "VOLATILE"],
            ])
        XCTAssertEqual(
            try cells("select function_name, function_definition, is_secure from d.information_schema.functions order by 1"),
            [
                ["HIDDEN", "NULL", "YES"], ["ROWS_ABOVE", "select n from d.s.secret_numbers where n > m", "NO"],
                ["TOTAL", "select sum(n) from d.s.secret_numbers", "NO"],
            ])
        assertError("drop function d.s.hidden(number)", insufficient("function", "HIDDEN"))
        asAdmin()
        XCTAssertEqual(try cells("describe function d.s.hidden(number)").last, ["body", "a + 1"])
        XCTAssertEqual(try status("drop function d.s.hidden(number)"), "HIDDEN successfully dropped.")
        // A function made again under the same signature does not inherit the old grants.
        try run("create secure function d.s.hidden(a number) returns number as 'a + 2'")
        asAnalyst()
        assertError("select d.s.hidden(1)", "002140 (42601): SQL compilation error:\nUnknown function D.S.HIDDEN")
    }

    func testAnApplicationsFunctionIsCalledThroughItsApplicationRole() throws {
        let fixture = try ApplicationFixture()
        defer { fixture.remove() }
        let manifest = """
            manifest_version: 1
            artifacts:
              setup_script: setup.sql
            """
        let setup = """
            create application role app_user;
            create schema core;
            grant usage on schema core to application role app_user;
            create table core.settings (k string, v string);
            insert into core.settings values ('greeting', 'hello');
            create function core.greet(who string) returns string as $$ (select v from core.settings where k = 'greeting') || ', ' || who $$;
            create function core.internal() returns number as '1';
            grant usage on function core.greet(string) to application role app_user;
            """
        try run("create stage d.public.artifacts")
        try fixture.addVersion("v1", files: ["manifest.yml": manifest, "setup.sql": setup], in: session)
        try run("create application app from application package pkg using version v1")
        XCTAssertEqual(try cells("select app.core.greet('ana')"), [["hello, ana"]])
        assertError("select app.core.internal()", "002140 (42601): SQL compilation error:\nUnknown function APP.CORE.INTERNAL")
        XCTAssertEqual(try cells("show user functions in schema app.core").map { $0[1] }, ["GREET"])
    }
}
