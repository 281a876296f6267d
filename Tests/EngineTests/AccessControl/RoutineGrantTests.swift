// Grants on a procedure or function go with it (issue 19 review): dropping one and creating it
// again under the same signature starts with no grants, so a role that could call the old one
// cannot call the new one until it is granted again.

import XCTest

@testable import Engine

final class RoutineGrantTests: AccessControlTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try script(
            """
            create database d;
            grant usage on database d to role analyst;
            grant usage on schema d.public to role analyst
            """)
    }

    func testDroppingAProcedureDropsItsGrants() throws {
        try script(
            """
            create procedure p(n number) returns string language sql as 'begin return ''old''; end';
            grant usage on procedure p(number) to role analyst
            """)
        XCTAssertEqual(try analyst.execute("call d.public.p(1)").rows.map { $0.map { $0.displayText() ?? "NULL" } }, [["old"]])
        try run("drop procedure p(number)")
        XCTAssertEqual(try cells("show grants to role analyst").filter { $0[2] == "PROCEDURE" }, [])
        try run("create procedure p(n number) returns string language sql as 'begin return ''new''; end'")
        asAnalyst()
        assertError("call d.public.p(1)", missing("Procedure", "D.PUBLIC.P"))
    }

    func testDroppingAFunctionDropsItsGrants() throws {
        try script(
            """
            create function f(n number) returns number as 'n + 1';
            grant usage on function f(number) to role analyst
            """)
        XCTAssertEqual(try analyst.execute("select d.public.f(1)").rows.map { $0.map { $0.displayText() ?? "NULL" } }, [["2"]])
        try run("drop function f(number)")
        try run("create function f(n number) returns number as 'n + 2'")
        XCTAssertEqual(try cells("show grants to role analyst").filter { $0[2] == "FUNCTION" }, [])
        asAnalyst()
        assertError("select d.public.f(1)", "002140 (42601): SQL compilation error:\nUnknown function D.PUBLIC.F")
    }
}
