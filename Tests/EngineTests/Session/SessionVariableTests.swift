// Session variables, IDENTIFIER() and EXECUTE IMMEDIATE (spec §2): values and types, the
// evaluate-all-then-assign rule of SET (a, b), undefined names with their position, SHOW
// VARIABLES, and names built from variables the way the quickstart's scripts build them.

import XCTest
@testable import Engine

final class SessionVariableTests: EngineTestCase {
    func testSetAndReadBack() throws {
        XCTAssertEqual(try status("SET app_name = 'EXAMPLE_GITHUB_PYTHON_CONNECTOR'"), "Statement executed successfully.")
        try run("SET APP_INSTANCE_NAME = $APP_NAME || '_INSTANCE'")
        let result = try run("select $app_instance_name, getvariable('APP_NAME'), getvariable('app_name')")
        XCTAssertEqual(result.columns.map(\.name), ["$APP_INSTANCE_NAME", "GETVARIABLE('APP_NAME')", "GETVARIABLE('APP_NAME')"])
        XCTAssertEqual(result.rows.map { $0.map { $0.displayText() ?? "NULL" } },
                       [["EXAMPLE_GITHUB_PYTHON_CONNECTOR_INSTANCE", "EXAMPLE_GITHUB_PYTHON_CONNECTOR", "NULL"]])
    }

    func testTupleSetEvaluatesEveryValueBeforeAssigning() throws {
        try run("SET min = 10")
        try run("SET (min, max) = (50, 2 * $min)")
        XCTAssertEqual(try cells("select $min, $max"), [["50", "20"]])
    }

    func testSetCountMismatch() {
        assertError("SET (a, b) = (1)", "002020 (21S01): SQL compilation error:\nInsert value list does not match column list expecting 2 but got 1")
    }

    func testUndefinedVariableNamesItsPosition() {
        assertError("select $TABLE_NAME", "002211 (02000): SQL compilation error: error line 1 at position 7\nSession variable '$TABLE_NAME' does not exist")
        assertError("select 1,\n  $nope", "002211 (02000): SQL compilation error: error line 2 at position 2\nSession variable '$NOPE' does not exist")
    }

    func testUnset() throws {
        try run("SET (a, b) = (1, 2)")
        try run("UNSET (a, b)")
        assertError("select $a", "002211 (02000): SQL compilation error: error line 1 at position 7\nSession variable '$A' does not exist")
        assertError("UNSET a", "002211 (02000): SQL compilation error: error line 1 at position 0\nSession variable '$A' does not exist")
    }

    func testFailedSetChangesNothing() throws {
        try run("SET a = 1")
        assertError("SET (a, b) = (2, 1/0)", "100051 (22012): Division by zero")
        XCTAssertEqual(try cells("select $a"), [["1"]])
        assertError("select $b", "002211 (02000): SQL compilation error: error line 1 at position 7\nSession variable '$B' does not exist")
    }

    func testShowVariables() throws {
        try run("SET (n, s) = (5, 'text')")
        let result = try run("SHOW VARIABLES")
        XCTAssertEqual(result.columns.map(\.name), ["session_id", "created_on", "updated_on", "name", "value", "type", "comment"])
        XCTAssertEqual(result.rows.map { $0.map { $0.displayText() ?? "NULL" } }, [
            ["42", "2026-01-02 03:04:05.678 +0000", "2026-01-02 03:04:05.678 +0000", "N", "5", "fixed", ""],
            ["42", "2026-01-02 03:04:05.678 +0000", "2026-01-02 03:04:05.678 +0000", "S", "text", "text", ""],
        ])
        XCTAssertEqual(try run("SHOW VARIABLES LIKE 's%'").rows.count, 1)
    }

    func testIdentifierSplitsAndFoldsEachPart() throws {
        try run("SET DB = 'my_db'")
        try run("CREATE DATABASE IDENTIFIER($DB)")
        XCTAssertEqual(try cells("select current_database()"), [["MY_DB"]])
        try run("SET T = 'my_db.public.\"Mixed\"'")
        XCTAssertEqual(try status("CREATE TABLE IDENTIFIER($T) (a int)"), "Table Mixed successfully created.")
        try run("INSERT INTO IDENTIFIER('MY_DB.PUBLIC.\"Mixed\"') VALUES (7)")
        XCTAssertEqual(try cells("select * from my_db.public.\"Mixed\""), [["7"]])
        XCTAssertEqual(try cells("select * from table($T)"), [["7"]])
    }

    func testExecuteImmediateReturnsTheStatementsResult() throws {
        XCTAssertEqual(try cells("EXECUTE IMMEDIATE 'select 1 as x, ''a'' as y'"), [["1", "a"]])
        try run("SET CREATE_DB = 'create database ' || 'from_variable'")
        XCTAssertEqual(try status("EXECUTE IMMEDIATE $CREATE_DB"), "Database FROM_VARIABLE successfully created.")
        XCTAssertEqual(try status("execute immediate $$create schema s1$$"), "Schema S1 successfully created.")
    }

    func testExecuteImmediateRefusesSeveralStatements() {
        assertError("EXECUTE IMMEDIATE $$select 1; select 2$$",
                    "000006 (0A000): Multiple SQL statements in a single API call are not supported; use one API call per statement instead.")
    }

    func testSeveralStatementsInOneCallAreRefused() {
        assertError("select 1; select 2",
                    "000006 (0A000): Multiple SQL statements in a single API call are not supported; use one API call per statement instead.")
    }

    func testSyntaxErrorsUseSnowflakeWording() {
        assertError("select * frm t", "001003 (42000): SQL compilation error:\nsyntax error line 1 at position 9 unexpected 'frm'.")
        assertError("SET x = ", "001003 (42000): SQL compilation error:\nsyntax error line 1 at position 8 unexpected '<EOF>'.")
        assertError("CREATE ALERT a AS select 1", "001003 (42000): SQL compilation error:\nsyntax error line 1 at position 7 unexpected 'ALERT'.")
    }
}
