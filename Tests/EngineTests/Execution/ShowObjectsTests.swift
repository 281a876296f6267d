// SHOW OBJECTS, SHOW STREAMLITS, SHOW USER PROCEDURES and `IN APPLICATION` (issue 19, item 6):
// tables and views listed together with their kind, TERSE's five columns, the usual LIKE / IN /
// STARTS WITH filters, and DROP STREAMLIT.
// https://docs.snowflake.com/en/sql-reference/sql/show-objects

import XCTest

@testable import Engine

final class ShowObjectsTests: EngineTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try script(
            """
            create database d;
            create table t (a int);
            insert into t values (1), (2);
            create view v as select a from t;
            create streamlit dash from '@d.public.s' main_file = 'app.py' title = 'Dashboard' query_warehouse = xs;
            create procedure p(x number) returns string language sql as 'begin return x; end';
            create schema d.other;
            create table d.other.o (b string);
            use schema d.public
            """)
    }

    func testShowObjectsListsTablesAndViewsWithTheirKind() throws {
        let result = try run("show objects")
        XCTAssertEqual(
            result.columns.map(\.name),
            [
                "created_on", "name", "database_name", "schema_name", "kind", "comment",
                "cluster_by", "rows", "bytes", "owner", "retention_time", "owner_role_type",
                "budget", "is_hybrid", "is_dynamic",
            ])
        XCTAssertEqual(
            try cells("show objects").map { Array($0[1...4]) + [$0[7], $0[9]] },
            [["T", "D", "PUBLIC", "TABLE", "2", "ACCOUNTADMIN"], ["V", "D", "PUBLIC", "VIEW", "0", "ACCOUNTADMIN"]])
        XCTAssertEqual(
            try cells("show terse objects in database d").map { Array($0[1...]) },
            [["O", "TABLE", "D", "OTHER"], ["T", "TABLE", "D", "PUBLIC"], ["V", "VIEW", "D", "PUBLIC"]])
        XCTAssertEqual(try cells("show objects like 'v%' in account").map { $0[1] }, ["V"])
        XCTAssertEqual(try cells("show objects in application d starts with 'O'").map { $0[1] }, ["O"])
    }

    func testShowStreamlitsAndDropStreamlit() throws {
        XCTAssertEqual(
            try cells("show streamlits").map { Array($0[1...]) },
            [["DASH", "D", "PUBLIC", "Dashboard", "ACCOUNTADMIN", "", "XS", "DASH", "ROLE"]])
        XCTAssertEqual(try status("drop streamlit dash"), "DASH successfully dropped.")
        XCTAssertEqual(try cells("show streamlits"), [])
        assertError("drop streamlit dash", "002003 (02000): SQL compilation error:\nStreamlit 'DASH' does not exist or not authorized.")
    }

    func testShowUserProceduresIsShowProcedures() throws {
        XCTAssertEqual(try cells("show user procedures").map { [$0[1], $0[7]] }, [["P", "P(NUMBER) RETURN VARCHAR(16777216)"]])
        XCTAssertEqual(try cells("show user procedures"), try cells("show procedures"))
        assertError("drop object t", "001003 (42000): SQL compilation error:\nsyntax error line 1 at position 5 unexpected 'object'.")
    }
}
