// ContextFunctionTests: the session's context and clock — CURRENT_ACCOUNT and CURRENT_ACCOUNT_NAME,
// CURRENT_REGION (SNOWLITE_LOCAL), CURRENT_TIME/LOCALTIME, SYSTIMESTAMP, RANDOM, and
// IS_ROLE_IN_SESSION over the current role's hierarchy (its argument a constant; in a view, the
// querying session's roles).

import XCTest

@testable import Engine

final class ContextFunctionTests: EngineTestCase {
    func testAccountRegionAndClock() throws {
        XCTAssertEqual(
            try cells("select current_account(), current_account_name(), current_region(), current_time(), localtime(), systimestamp()"),
            [["SNOWLITE", "SNOWLITE", "SNOWLITE_LOCAL", "03:04:05", "03:04:05", "2026-01-02 03:04:05.678 +0000"]])
        XCTAssertEqual(try run("select current_time(), systimestamp()").columns.map(\.type), [.time, .timestampLTZ])
    }

    func testRandom() throws {
        let values = try cells("select random(), random() from values (1), (2), (3)").flatMap { $0 }
        XCTAssertEqual(values.count, 6)
        XCTAssertEqual(Set(values).count, 6, "six draws of 64 bits are distinct")
        XCTAssertTrue(values.allSatisfy { Int64($0) != nil })
        XCTAssertEqual(try run("select random()").columns.map(\.type), [.integer])
        // With a seed, the same sequence every time (DataGenerationTests).
        XCTAssertEqual(try cells("select random(42) = random(42), random(42) = random(43)"), [["True", "False"]])
    }

    func testIsRoleInSession() throws {
        try script(
            """
            create role analyst;
            create role reader;
            grant role reader to role analyst;
            grant role analyst to user tester;
            use role analyst
            """)
        XCTAssertEqual(
            try cells(
                "select is_role_in_session('ANALYST'), is_role_in_session('reader'), is_role_in_session('\"reader\"'), is_role_in_session('PUBLIC'), is_role_in_session('SYSADMIN'), is_role_in_session('nope')"
            ),
            [["True", "True", "False", "True", "False", "False"]])
        XCTAssertEqual(try run("select is_role_in_session('analyst')").columns.map(\.type), [.boolean])
        // In a view, the roles are the querying session's, not the view owner's.
        try script(
            """
            use role accountadmin;
            create database d;
            create view d.public.admins_only as select 'secret' as s where is_role_in_session('ACCOUNTADMIN');
            grant usage on database d to role analyst;
            grant usage on schema d.public to role analyst;
            grant select on view d.public.admins_only to role analyst
            """)
        XCTAssertEqual(try cells("select * from d.public.admins_only"), [["secret"]])
        try run("use role analyst")
        XCTAssertEqual(try cells("select * from d.public.admins_only"), [])
        assertError(
            "select is_role_in_session(column1) from values ('ANALYST')",
            "001007 (22023): SQL compilation error:\nArgument 1 of IS_ROLE_IN_SESSION must be a constant.")
    }
}
