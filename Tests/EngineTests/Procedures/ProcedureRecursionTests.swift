// ProcedureRecursionTests: a procedure that calls itself without end (issue 17, item 16)
// overflowed the stack and killed the process; now the CALL past 64 nested procedures fails with
// the call-depth error, which the callers' blocks see as a statement error like any other, and the
// session is usable afterwards. Recursion within the limit runs, a second session keeps its own
// count, and calls from deep inside nested blocks are stopped by the stack budget.

import XCTest
@testable import Engine

final class ProcedureRecursionTests: EngineTestCase {
    private let tooDeep = "Stored procedure CORE.DOWN cannot be called: the maximum depth of nested procedure calls (64) is exceeded"

    override func setUpWithError() throws {
        try super.setUpWithError()
        try script("""
            create database app;
            create schema core;
            create procedure core.down(n int) returns int language sql as
            $$ begin if (n <= 0) then return 0; end if; let r int := 0; call core.down(:n - 1) into :r; return r + 1; end; $$;
            create procedure core.forever() returns int language sql as 'call core.forever()'
            """)
    }

    func testUnboundedRecursionIsACallDepthError() throws {
        do {
            _ = try session.execute("call core.forever()")
            XCTFail("expected the call depth error")
        } catch let error as SnowflakeError {
            XCTAssertEqual(error.code, "100364")
            XCTAssertEqual(error.sqlState, "54001")
            XCTAssertTrue(error.message.hasSuffix("Stored procedure CORE.FOREVER cannot be called: the maximum depth of nested procedure calls (64) is exceeded"),
                          error.message)
        }
        XCTAssertEqual(try cells("select 1"), [["1"]])
    }

    func testRecursionWithinTheLimitRuns() throws {
        // The outermost CALL is depth 1: 63 more nested calls reach the limit exactly.
        XCTAssertEqual(try cells("call core.down(63)"), [["63"]])
        XCTAssertEqual(try cells("call core.down(5)"), [["5"]])
    }

    func testOneCallPastTheLimitFailsThroughEachCaller() throws {
        assertError("call core.down(64)", "100364 (54001): " + String(repeating: "Uncaught exception of type 'STATEMENT_ERROR' on line 1 at position 58 : ", count: 64) + tooDeep)
    }

    func testEachSessionCountsItsOwnCalls() throws {
        let other = try makeSession(store: session.store)
        _ = try other.execute("use schema app.core")
        XCTAssertEqual(try other.execute("call down(63)").rows.first?.first?.displayText(), "63")
        XCTAssertEqual(try cells("call core.down(63)"), [["63"]])
    }
}

extension ProcedureRecursionTests {
    /// Calls from deep inside nested blocks recurse far more than 64 levels of the interpreter;
    /// the stack budget stops them before the stack overflows.
    func testRecursionFromDeepInsideNestedBlocksIsStoppedByTheStackBudget() throws {
        let blocks = 200
        _ = try session.execute("create procedure core.deep() returns int language sql as $$begin "
                                + String(repeating: "begin ", count: blocks) + "call core.deep(); "
                                + String(repeating: "end; ", count: blocks) + "end$$")
        do {
            _ = try session.execute("call core.deep()")
            XCTFail("expected the nesting error")
        } catch let error as SnowflakeError {
            XCTAssertEqual(error.code, "100364")
            XCTAssertTrue(error.message.hasSuffix("Procedure calls, blocks and EXECUTE IMMEDIATE are nested too deeply: the statement has used more than 2 MB of stack"),
                          String(error.message.suffix(200)))
        }
        XCTAssertEqual(try cells("select 1"), [["1"]])
    }
}
