// Procedures: CREATE PROCEDURE with a Snowflake Scripting body or a Swift handler, CALL with
// positional, named and default arguments, owner's rights (the procedure's database and schema,
// no caller variables), RETURNS TABLE, overloads, DROP and SHOW, and the errors a CALL can meet.

import Foundation
import XCTest
import Engine

final class ProcedureTests: EngineTestCase {

    struct Greeter: ProcedureHandler {
        func call(_ context: ProcedureContext) throws -> ScriptOutcome {
            let name = context.argument("who")?.displayText() ?? "nobody"
            let count = try context.sql("select count(*) from t where id >= :floor", bindings: ["FLOOR": .integer(2)])
            return .value(.string("hello \(name), \(count.rows[0][0].displayText() ?? "")"), .string)
        }
    }

    override var sessionID: Int64 { 9 }

    override func setUpWithError() throws {
        clock.now = Date(timeIntervalSince1970: 1_767_323_045)
        try super.setUpWithError()
        session.procedureRegistry.register("connector.procedures.greet", Greeter())
        for statement in ["create database app", "create schema core", "create table t (id int)", "insert into t values (1), (2), (3)"] {
            _ = try session.execute(statement)
        }
    }

    func testSQLProcedureWithArgumentsAndDefaults() throws {
        let created = try session.execute("""
            create or replace procedure core.add_rows(n int, label string default 'x')
            returns varchar language sql as
            $$
            begin
              for i in 1 to n do
                insert into t values (100 + :i);
              end for;
              return label || ':' || (select count(*) from t);
            end;
            $$
            """)
        XCTAssertEqual(created.rows, [[.string("Function ADD_ROWS successfully created.")]])
        let result = try session.execute("call core.add_rows(2)")
        XCTAssertEqual(result.columns.map(\.name), ["ADD_ROWS"])
        XCTAssertEqual(result.rows, [[.string("x:5")]])
        XCTAssertEqual(try cells("call core.add_rows(label => 'named', n => 1)"), [["named:6"]])
    }

    func testOwnersRightsUseTheProceduresSchemaAndHideCallerVariables() throws {
        _ = try session.execute("create procedure core.where_am_i() returns string language sql as 'select current_database() || ''.'' || current_schema()'")
        _ = try session.execute("create procedure core.read_variable() returns string language sql as 'select $secret_thing'")
        _ = try session.execute("create database other")
        _ = try session.execute("set secret_thing = 'caller only'")
        XCTAssertEqual(try cells("call app.core.where_am_i()"), [["APP.CORE"]])
        assertError("call app.core.read_variable()",
                    "002211 (02000): SQL compilation error: error line 1 at position 7\nSession variable '$SECRET_THING' does not exist")
        XCTAssertEqual(try cells("select current_database(), $secret_thing"), [["OTHER", "caller only"]])
    }

    /// What a CALL of Python code says in a session with no Python runtime wired.
    static func noPython(_ procedure: String) -> String {
        """
        100357 (P0000): Python Interpreter Error:
        Procedure \(procedure) runs Python code, and Snowlite has no Python to run it: this session has no Python runtime. Run \
        `snowlite python install` (a virtual environment with Snowpark under $SNOWLITE_HOME/python), or set SNOWLITE_PYTHON \
        to a Python 3.9 or later with snowflake-snowpark-python and the procedure's PACKAGES installed; or ALTER ACCOUNT SET \
        SNOWLITE_PROCEDURE_RUNTIME = SWIFT to run Swift handlers only.
        """
    }

    func testSwiftHandlers() throws {
        _ = try session.execute("""
            create procedure core.greet(who string) returns string language python runtime_version = '3.11'
            packages = ('snowflake-snowpark-python') handler = 'connector.procedures.greet'
            """)
        XCTAssertEqual(try cells("call core.greet('ann')"), [["hello ann, 2"]])
        _ = try session.execute("create procedure core.missing() returns string language python runtime_version = '3.11' handler = 'connector.nothing.here'")
        // AUTO (the default): no Swift handler, so the procedure's Python runs, and this session has no Python.
        assertError("call core.missing()", Self.noPython("MISSING"))
        _ = try session.execute("alter account set snowlite_procedure_runtime = swift")
        assertError("call core.missing()", "100357 (P0000): Python Interpreter Error:\nNo implementation is registered for handler 'connector.nothing.here' of procedure MISSING; Snowlite runs PYTHON procedures through handlers registered in Swift.")
        XCTAssertEqual(try cells("call core.greet('ann')"), [["hello ann, 2"]])
        // PYTHON: the Swift handler is passed over for the procedure's own code.
        _ = try session.execute("alter account set snowlite_procedure_runtime = 'python'")
        assertError("call core.greet('ann')", Self.noPython("GREET"))
        XCTAssertEqual(try cells("show parameters like 'SNOWLITE%' in account").map { Array($0.prefix(4)) },
                       [["SNOWLITE_PROCEDURE_RUNTIME", "PYTHON", "AUTO", "ACCOUNT"]])
        assertError("alter account set snowlite_procedure_runtime = java",
                    "001007 (22023): SQL compilation error:\ninvalid value [JAVA] for parameter 'SNOWLITE_PROCEDURE_RUNTIME'")
        assertError("alter session set snowlite_procedure_runtime = swift",
                    "001007 (22023): SQL compilation error:\nParameter 'SNOWLITE_PROCEDURE_RUNTIME' can only be set for the account: use ALTER ACCOUNT SET SNOWLITE_PROCEDURE_RUNTIME = …")
    }

    func testReturnsTableOverloadsDropAndShow() throws {
        _ = try session.execute("""
            create procedure core.ids(floor int) returns table (id int) language sql as
            $$ declare rs resultset default (select id from t where id >= :floor order by id); begin return table(rs); end; $$
            """)
        _ = try session.execute("create procedure core.ids() returns int language sql as 'select 42'")
        XCTAssertEqual(try cells("call core.ids(2)"), [["2"], ["3"]])
        XCTAssertEqual(try cells("call core.ids()"), [["42"]])
        let show = try session.execute("show procedures in schema app.core")
        XCTAssertEqual(show.column("arguments"), [.string("IDS() RETURN NUMBER(38,0)"), .string("IDS(NUMBER) RETURN TABLE(ID INT)")])
        XCTAssertEqual(try session.execute("drop procedure core.ids(int)").rows, [[.string("IDS successfully dropped.")]])
        assertError("call core.ids(2)", "002141 (42601): SQL compilation error:\nNo procedure IDS with 1 argument exists; its signature is IDS().")
        assertError("call core.nope()", "002003 (02000): SQL compilation error:\nProcedure 'CORE.NOPE' does not exist or not authorized.")
        assertError("drop procedure core.ids(string)", "002003 (02000): SQL compilation error:\nProcedure 'CORE.IDS(VARCHAR)' does not exist or not authorized.")
    }

    func testCallIntoAndNonAtomicBodies() throws {
        _ = try session.execute("create procedure core.twice(x int) returns int language sql as 'select :x * 2'")
        XCTAssertEqual(try cells("""
            execute immediate $$
            declare r int;
            begin
              call core.twice(21) into :r;
              return r;
            end;
            $$
            """), [["42"]])
        _ = try session.execute("""
            create procedure core.half_done() returns int language sql as
            $$ begin insert into t values (99); let y := 1 / 0; return 1; end; $$
            """)
        assertError("call core.half_done()", "100051 (22012): Uncaught exception of type 'EXPRESSION_ERROR' on line 1 at position 34 : Division by zero")
        XCTAssertEqual(try cells("select count(*) from t where id = 99"), [["1"]])
    }

    func testAlterProcedure() throws {
        _ = try session.execute("create procedure core.p(x string) returns string language sql as 'select :x'")
        _ = try session.execute("create role reader")
        _ = try session.execute("grant usage on procedure core.p(varchar) to role reader")
        XCTAssertEqual(try cells("alter procedure core.p(string) set comment = 'echoes' log_level = 'debug'"), [["Statement executed successfully."]])
        XCTAssertEqual(try session.execute("show procedures in schema app.core").column("description"), [.string("echoes")])
        // Bindings are checked (ExternalAccessBindingTests has the rest).
        assertError("alter procedure core.p(string) set secrets = ('token' = app.core.token) external_access_integrations = (gh)",
                    "002003 (02000): SQL compilation error:\nIntegration 'GH' does not exist or not authorized.")
        _ = try session.execute("alter procedure core.p(string) rename to echo")
        XCTAssertEqual(try cells("call core.echo('hi')"), [["hi"]])
        XCTAssertEqual(try session.execute("show grants on procedure core.echo(string)").column("privilege").contains(.string("USAGE")), true)
        _ = try session.execute("alter procedure core.echo(string) unset comment")
        XCTAssertEqual(try session.execute("show procedures in schema app.core").column("description"), [.string("user-defined procedure")])
        assertError("alter procedure core.p(string) set comment = 'x'",
                    "002003 (02000): SQL compilation error:\nProcedure 'CORE.P(VARCHAR)' does not exist or not authorized.")
        XCTAssertEqual(try cells("alter procedure if exists core.p(string) set comment = 'x'"), [["Statement executed successfully."]])
    }
}
