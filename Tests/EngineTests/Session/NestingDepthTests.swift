// NestingDepthTests: statements nested deeper than the parser allows (issue 17, item 11) — the
// issue's repros, 3,000 parentheses, 5,000 nested calls, NOTs, unary minuses, CASEs and casts,
// 10,000-term `+`, AND and `||` chains, which overflowed the stack and killed the process —
// fail with the 001795 limit error; moderately deep statements still run.

import XCTest
@testable import Engine

final class NestingDepthTests: EngineTestCase {
    private func repeated(_ text: String, _ count: Int) -> String { String(repeating: text, count: count) }

    private func tooDeep(at position: Int) -> String {
        "001795 (42601): SQL compilation error: error line 1 at position \(position)\n"
            + "maximum nesting depth of expressions and queries exceeded, expected at most 256"
    }

    func testTheIssuesReprosAreALimitError() {
        assertError("select " + repeated("(", 3000) + "1" + repeated(")", 3000), tooDeep(at: 262))
        assertError("select " + repeated("abs(", 5000) + "1" + repeated(")", 5000), tooDeep(at: 1027))
        assertError("select " + repeated("not ", 5000) + "true", tooDeep(at: 1027))
        assertError("select " + repeated("- ", 5000) + "1", tooDeep(at: 517))
        assertError("select " + repeated("case when true then ", 5000) + "1" + repeated(" end", 5000), tooDeep(at: 5097))
        assertError("select 1" + repeated("::int", 5000), tooDeep(at: 1278))
        assertError("select " + repeated("cast(", 5000) + "1" + repeated(" as int)", 5000), tooDeep(at: 1282))
        assertError("select " + repeated("1+", 10_000) + "1", tooDeep(at: 517))
        assertError("select " + repeated("true and ", 10_000) + "true", tooDeep(at: 2302))
        assertError("select " + repeated("'a'||", 10_000) + "'a'", tooDeep(at: 1282))
    }

    func testDeepQueriesAndBlocksAreALimitError() {
        assertError(repeated("select 1 union all ", 10_000) + "select 1", tooDeep(at: 4845))
        assertError("select * from " + repeated("(select * from ", 5000) + "(select 1)" + repeated(")", 5000), tooDeep(at: 3840))
        assertError("begin " + repeated("begin ", 5000) + "return 1; " + repeated("end; ", 5000) + "end", tooDeep(at: 1542))
    }

    func testModeratelyDeepStatementsStillRun() throws {
        XCTAssertEqual(try cells("select " + repeated("(", 200) + "1" + repeated(")", 200)), [["1"]])
        XCTAssertEqual(try cells("select " + repeated("abs(", 25) + "-1" + repeated(")", 25)), [["1"]])
        XCTAssertEqual(try cells("select " + repeated("not ", 20) + "true, " + repeated("- ", 20) + "1"), [["True", "1"]])
        XCTAssertEqual(try cells("select " + repeated("1 + ", 30) + "1, " + repeated("'a' || ", 30) + "'a'"), [["31", repeated("a", 31)]])
        XCTAssertEqual(try cells("select count(*) from (" + repeated("select 1 union all ", 60) + "select 1)"), [["61"]])
        XCTAssertEqual(try cells("begin " + repeated("begin ", 100) + "return 7; " + repeated("end; ", 100) + "end"), [["7"]])
    }
}
