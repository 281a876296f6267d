// UserFunctionTests: SQL UDFs and UDTFs — CREATE FUNCTION with expression and query bodies,
// calls in SELECT lists, WHERE, views, other functions, procedures and Scripting; arguments cast to
// their declared types and evaluated once; defaults and named arguments; overloads chosen by type;
// table functions in FROM, lateral too; recursion refused; ALTER, DESCRIBE, SHOW USER FUNCTIONS,
// INFORMATION_SCHEMA.FUNCTIONS and DROP, each with Snowflake's output or error.

import Foundation
import XCTest

@testable import Engine

final class UserFunctionTests: EngineTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try script(
            """
            create database d;
            create schema s;
            create table t (x int, y string);
            insert into t values (1, 'a'), (2, 'b'), (3, 'c')
            """)
    }

    func testScalarFunctionInSelectWhereViewsAndOtherFunctions() throws {
        XCTAssertEqual(try status("create function double_it(a number) returns number as 'a * 2'"), "Function DOUBLE_IT successfully created.")
        let result = try run("select x, double_it(x) from t where double_it(x) > 2 order by x")
        XCTAssertEqual(result.columns.map(\.name), ["X", "DOUBLE_IT(X)"])
        XCTAssertEqual(result.columns.map(\.type), [.integer, .integer])
        XCTAssertEqual(try cells("select x, double_it(x) from t where double_it(x) > 2 order by x"), [["2", "4"], ["3", "6"]])
        try run("create view v as select x, double_it(x) as d from t")
        XCTAssertEqual(try cells("select * from v order by x"), [["1", "2"], ["2", "4"], ["3", "6"]])
        try run("create function quadruple(a number) returns number as $$ double_it(double_it(a)) $$")
        XCTAssertEqual(try cells("select quadruple(5), d.s.quadruple(1), s.double_it(7)"), [["20", "4", "14"]])
    }

    func testArgumentsAndResultAreCastToTheDeclaredTypes() throws {
        // 2.46 becomes 2.5 as NUMBER(10,1), then 3 as NUMBER(10,0).
        try run("create function rounded(a number(10,1)) returns number(10,0) as 'a'")
        XCTAssertEqual(try cells("select rounded(2.46), rounded('7.25'), rounded(null)"), [["3", "7", "NULL"]])
        try run("create function described(a number) returns varchar as '''n='' || a'")
        let result = try run("select described(4)")
        XCTAssertEqual(result.columns[0].type, .string)
        XCTAssertEqual(try cells("select described(4)"), [["n=4"]])
    }

    func testAnArgumentIsEvaluatedOnceAndAggregatesStayAggregates() throws {
        try run("create sequence seq")
        try run("create function pair(a number) returns varchar as 'a || '','' || a'")
        XCTAssertEqual(try cells("select pair(seq.nextval) from t"), [["1,1"], ["2,2"], ["3,3"]])
        try run("create function same_text(a varchar) returns boolean as 'a = a'")
        XCTAssertEqual(try cells("select same_text(uuid_string())"), [["True"]])
        try run("create function twice(a number) returns number as 'a + a'")
        XCTAssertEqual(try cells("select twice(sum(x)), twice(count(*)) from t"), [["12", "6"]])
    }

    func testQueryBodiesDefaultsAndNamedArguments() throws {
        try run("create function total() returns number(10,2) as 'select sum(x) from t'")
        XCTAssertEqual(try cells("select total()"), [["6.00"]])
        try run("create function y_of(k number) returns varchar as 'select y from t where x = k'")
        XCTAssertEqual(try cells("select x, y_of(x + 1) from t order by x"), [["1", "b"], ["2", "c"], ["3", "NULL"]])
        try run("create function label(n number, p varchar default 'n=') returns varchar as 'p || n'")
        XCTAssertEqual(try cells("select label(1), label(2, 'x:'), label(p => 'named ', n => 3)"), [["n=1", "x:2", "named 3"]])
        assertError(
            "select label()", "001044 (42P13): SQL compilation error: error line 1 at position 7\nInvalid argument types for function 'LABEL': ()")
    }

    func testTableFunctionsInFromAndLaterally() throws {
        try run("create function ids(floor number) returns table (id number, y varchar) as 'select x, y from t where x >= floor order by x'")
        let result = try run("select * from table(ids(2))")
        XCTAssertEqual(result.columns.map(\.name), ["ID", "Y"])
        XCTAssertEqual(try cells("select * from table(ids(2))"), [["2", "b"], ["3", "c"]])
        XCTAssertEqual(try cells("select i.id from table(ids(3)) as i"), [["3"]])
        XCTAssertEqual(
            try cells("select t.x, u.id, u.y from t, table(ids(t.x)) u order by 1, 2"),
            [["1", "1", "a"], ["1", "2", "b"], ["1", "3", "c"], ["2", "2", "b"], ["2", "3", "c"], ["3", "3", "c"]])
        XCTAssertEqual(try cells("select count(*) from t join table(ids(t.x + 1)) u on u.id > t.x"), [["3"]])
        assertError("select ids(1)", "002140 (42601): SQL compilation error:\nTable function IDS must be called in a FROM clause: TABLE(IDS(…))")
        try run("create function one() returns number as '1'")
        assertError("select * from table(one())", "002141 (42601): SQL compilation error:\nUnknown user-defined table function ONE")
        assertError(
            "create function two_columns() returns table (a number) as 'select 1, 2'",
            "002080 (42601): SQL compilation error:\nTable function TWO_COLUMNS declares 1 column but its query returns 2.")
    }

    func testOverloadsAreChosenByArgumentTypes() throws {
        try run("create function f(a number) returns varchar as '''number '' || a'")
        try run("create function f(a varchar) returns varchar as '''text '' || a'")
        try run("create function f(a number, b number) returns varchar as '''two'''")
        XCTAssertEqual(try cells("select f(1), f('x'), f(1.5), f(1, 2)"), [["number 1", "text x", "number 2", "two"]])
        assertError("select f(null)", "001045 (42P13): SQL compilation error:\nAmbiguous call to function 'F' with argument types (NULL).")
        assertError(
            "select f(1, 2, 3)",
            "001044 (42P13): SQL compilation error: error line 1 at position 7\nInvalid argument types for function 'F': (NUMBER(38,0), NUMBER(38,0), NUMBER(38,0))"
        )
        XCTAssertEqual(try status("drop function f(number)"), "F successfully dropped.")
        XCTAssertEqual(try cells("select f(1)"), [["text 1"]])
        assertError("drop function f(number)", "002003 (02000): SQL compilation error:\nFunction 'F(NUMBER)' does not exist or not authorized.")
        XCTAssertEqual(try status("drop function if exists f(int)"), "Drop statement executed successfully (F already dropped).")
    }

    func testBuiltInsComeFirstAndUnknownNamesFail() throws {
        assertError(
            "create function upper(a varchar) returns varchar as 'a'",
            "002002 (42710): SQL compilation error:\nFunction 'UPPER' cannot be created: a system-defined function has that name.")
        assertError("select nope(1)", "002140 (42601): SQL compilation error:\nUnknown function NOPE")
        assertError("select public.nope(1)", "002140 (42601): SQL compilation error:\nUnknown function PUBLIC.NOPE")
        assertError(
            "create function bad(a number) returns number as 'a + zz'",
            "000904 (42000): SQL compilation error: error line 1 at position 0\ninvalid identifier 'ZZ'")
        try run("create function five() returns number as '5'")
        assertError("create function five() returns number as '6'", "002002 (42710): SQL compilation error:\nObject 'FIVE' already exists.")
        XCTAssertEqual(try status("create function if not exists five() returns number as '6'"), "FIVE already exists, statement succeeded.")
        try run("create or replace function five() returns varchar as '''6'''")
        XCTAssertEqual(try cells("select five()"), [["6"]])
    }

    func testRecursionIsRefused() throws {
        try run("create function one() returns number as '1'")
        try run("create function two() returns number as 'one() + 1'")
        try run("create function three() returns number as 'two() + 1'")
        // A function cannot name itself: at CREATE it does not exist yet.
        assertError("create or replace function two() returns number as 'two() + 1'", "002140 (42601): SQL compilation error:\nUnknown function TWO")
        // A cycle made by renaming: ONE → TWO → ONE.
        try run("drop function one()")
        try run("alter function three() rename to one")
        assertError(
            "select two()",
            "002074 (42P13): SQL compilation error:\nRecursive call to SQL function 'TWO()' is not supported: TWO() -> ONE() -> TWO().")
    }

    func testFunctionsInProceduresAndScripting() throws {
        try run("create function five() returns number as '5'")
        try run("create procedure p() returns varchar language sql as 'begin let n number := five() * 2; return n || ''!''; end'")
        XCTAssertEqual(try cells("call p()"), [["10!"]])
        XCTAssertEqual(try cells("execute immediate $$ begin return five() + 1; end $$"), [["6"]])
    }

    func testAlterDescribeShowAndInformationSchema() throws {
        try run("create function two() returns number as '2'")
        try run("create function ids(floor number) returns table (id number) as 'select x from t where x >= floor'")
        XCTAssertEqual(try status("alter function two() set comment = 'the second'"), "Statement executed successfully.")
        let show = try run("show user functions like 'TWO'")
        XCTAssertEqual(show.columns.map(\.name), Executor.showFunctionsColumns)
        XCTAssertEqual(
            try cells("show user functions like 'TWO'"),
            [
                [
                    "2026-01-02 03:04:05.678 +0000", "TWO", "S", "N", "N", "N", "0", "0", "TWO() RETURN NUMBER(38,0)", "the second", "D",
                    "N", "N", "N", "NULL", "NULL", "N", "SQL", "N", "N",
                ]
            ])
        try run("alter function two() unset comment")
        try run("alter function two() set secure")
        XCTAssertEqual(
            try cells("show user functions in schema d.s").map { [$0[1], $0[8], $0[9], $0[11], $0[13]] },
            [
                ["IDS", "IDS(NUMBER) RETURN TABLE (ID NUMBER(38,0))", "user-defined function", "Y", "N"],
                ["TWO", "TWO() RETURN NUMBER(38,0)", "user-defined function", "N", "Y"],
            ])
        XCTAssertEqual(try cells("show functions like 'IDS'").map { $0[1] }, ["IDS"])
        XCTAssertEqual(
            try cells("describe function ids(int)"),
            [
                ["signature", "(FLOOR NUMBER)"], ["returns", "TABLE (ID NUMBER(38,0))"], ["language", "SQL"],
                ["null handling", "CALLED ON NULL INPUT"], ["volatility", "VOLATILE"], ["body", "select x from t where x >= floor"],
            ])
        XCTAssertEqual(
            try cells(
                """
                select function_name, argument_signature, data_type, numeric_precision, function_language, function_definition, is_secure
                from d.information_schema.functions order by 1
                """),
            [
                ["IDS", "(FLOOR NUMBER)", "TABLE (ID NUMBER(38,0))", "NULL", "SQL", "select x from t where x >= floor", "NO"],
                ["TWO", "()", "NUMBER", "38", "SQL", "2", "YES"],
            ])
        assertError(
            "alter function two() set secrets = ('cred' = s.sec)",
            "002061 (0A000): SQL compilation error:\nSECRETS is not supported for a LANGUAGE SQL function.")
        assertError(
            "create function three() returns number external_access_integrations = (x) as '3'",
            "002061 (0A000): SQL compilation error:\nEXTERNAL_ACCESS_INTEGRATIONS is not supported for a LANGUAGE SQL function.")
        XCTAssertEqual(try status("alter function two() rename to deux"), "Statement executed successfully.")
        XCTAssertEqual(try cells("select deux()"), [["2"]])
        assertError("select two()", "002140 (42601): SQL compilation error:\nUnknown function TWO")
        assertError(
            "alter function two() set comment = 'x'", "002003 (02000): SQL compilation error:\nFunction 'TWO()' does not exist or not authorized.")
    }

    func testHandlerFunctionsAreKeptButNotRun() throws {
        try run("create function py(a number) returns number language python runtime_version = '3.11' handler = 'm.f' as 'def f(a): return a'")
        XCTAssertEqual(
            try cells("describe function py(number)"),
            [
                ["signature", "(A NUMBER)"], ["returns", "NUMBER(38,0)"], ["language", "PYTHON"], ["null handling", "CALLED ON NULL INPUT"],
                ["volatility", "VOLATILE"], ["body", "def f(a): return a"], ["handler", "m.f"], ["runtime_version", "3.11"],
            ])
        assertError(
            "select py(1)",
            "001003 (42000): SQL compilation error:\nUnsupported feature 'calling a LANGUAGE PYTHON function (PY): Snowlite runs SQL functions only'."
        )
    }
}
