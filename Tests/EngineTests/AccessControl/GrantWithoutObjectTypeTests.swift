// GrantWithoutObjectTypeTests (issue 20, item 12): `GRANT <privilege> ON <name> TO …` without the
// object's type. Snowflake's GRANT <privileges> grammar has no such form — after ON comes ACCOUNT,
// an account object's type, SCHEMA, a schema object's type, or ALL / FUTURE <types> IN …
// (https://docs.snowflake.com/en/sql-reference/sql/grant-privilege) — so the statement is refused
// as a 001003 syntax error at the name, changes nothing, and the typed form grants as it always did.

import XCTest

@testable import Engine

final class GrantWithoutObjectTypeTests: AccessControlTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try script(
            """
            create database d;
            create table d.public.orders (id int);
            grant usage on database d to role analyst;
            grant usage on schema d.public to role analyst
            """)
    }

    func testGrantAndRevokeWithoutTheTypeAreSyntaxErrorsAtTheName() throws {
        assertError(
            "grant select on d.public.orders to role analyst",
            "001003 (42000): SQL compilation error:\nsyntax error line 1 at position 16 unexpected 'd'.")
        assertError(
            "grant select, insert on orders to role analyst",
            "001003 (42000): SQL compilation error:\nsyntax error line 1 at position 24 unexpected 'orders'.")
        assertError(
            "revoke select on orders from role analyst",
            "001003 (42000): SQL compilation error:\nsyntax error line 1 at position 17 unexpected 'orders'.")
        XCTAssertEqual(
            try cells("show grants to role analyst").map { [$0[1], $0[2], $0[3]] },
            [["USAGE", "DATABASE", "D"], ["USAGE", "SCHEMA", "D.PUBLIC"]])
        asAnalyst()
        assertError(
            "select * from d.public.orders",
            "002003 (42S02): SQL compilation error:\nObject 'D.PUBLIC.ORDERS' does not exist or not authorized.")
    }

    func testTheTypedFormGrants() throws {
        XCTAssertEqual(try status("grant select on table d.public.orders to role analyst"), "Statement executed successfully.")
        asAnalyst()
        XCTAssertEqual(try cells("select count(*) from d.public.orders"), [["0"]])
    }
}
