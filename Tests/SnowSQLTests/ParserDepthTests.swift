// ParserDepthTests: the parser refuses a statement whose tree would nest deeper than
// `Parser.maximumDepth` levels (issue 17, item 11) — by recursion (parentheses, calls, NOT, unary
// minus, CASE, subqueries, blocks) or by a long flat chain (`a + a + …`, `::`, UNION, JOIN), which
// builds a tree as deep as it is long — at the token where the limit is passed, and accepts trees
// just within it, with chains side by side measured apart rather than added up.

import XCTest
@testable import SnowSQL

final class ParserDepthTests: XCTestCase {
    private let limit = Parser.maximumDepth

    private func repeated(_ text: String, _ count: Int) -> String { String(repeating: text, count: count) }

    /// The error parsing `sql` gives, or nil when it parses.
    private func failure(_ sql: String) -> SyntaxError? {
        do {
            _ = try Parser.parseOne(sql)
            return nil
        } catch {
            return error
        }
    }

    func testTheMessageNamesTheLimit() {
        let error = SyntaxError(line: 1, position: 262, token: "(", reason: .nestedTooDeeply(limit: 256))
        XCTAssertEqual(error.message, "error line 1 at position 262\nmaximum nesting depth of expressions and queries exceeded, expected at most 256")
    }

    func testDeepRecursionStopsAtTheLimit() {
        // `select` is level 1, its item level 2: the 256th parenthesis (position 7 + 255) opens level 258.
        XCTAssertEqual(failure("select " + repeated("(", 3000) + "1" + repeated(")", 3000))?.reason, .nestedTooDeeply(limit: limit))
        XCTAssertEqual(failure("select " + repeated("(", 3000) + "1" + repeated(")", 3000))?.position, 262)
        for sql in ["select " + repeated("abs(", 5000) + "1" + repeated(")", 5000),
                    "select " + repeated("not ", 5000) + "true",
                    "select " + repeated("- ", 5000) + "1",
                    "select " + repeated("case when true then ", 5000) + "1" + repeated(" end", 5000),
                    "select " + repeated("cast(", 5000) + "1" + repeated(" as int)", 5000),
                    "select " + repeated("(select ", 5000) + "1" + repeated(")", 5000),
                    "select * from " + repeated("(select * from ", 5000) + "t" + repeated(")", 5000),
                    "begin " + repeated("begin ", 5000) + "return 1; " + repeated("end; ", 5000) + "end"] {
            XCTAssertEqual(failure(sql)?.reason, .nestedTooDeeply(limit: limit), String(sql.prefix(40)))
        }
    }

    func testLongFlatChainsAreAsDeepAsTheyAreLong() {
        for sql in ["select " + repeated("1 + ", 10_000) + "1",
                    "select " + repeated("true and ", 10_000) + "true",
                    "select " + repeated("true or ", 10_000) + "true",
                    "select " + repeated("'a' || ", 10_000) + "'a'",
                    "select 1 * " + repeated("2 * ", 10_000) + "1",
                    "select 1" + repeated("::int", 5000),
                    "select v" + repeated("[k]", 5000) + " from t",
                    repeated("select 1 union all ", 10_000) + "select 1",
                    "select * from t0" + repeated(" join t on true", 10_000),
                    "select * from t0" + repeated(", t", 10_000)] {
            XCTAssertEqual(failure(sql)?.reason, .nestedTooDeeply(limit: limit), String(sql.prefix(40)))
        }
        // 250 terms of `+` are 250 levels: within the limit.
        XCTAssertNil(failure("select " + repeated("1 + ", 249) + "1"))
    }

    func testTreesWithinTheLimitParse() {
        XCTAssertNil(failure("select " + repeated("(", 200) + "1" + repeated(")", 200)))
        XCTAssertNil(failure("select " + repeated("abs(", 250) + "1" + repeated(")", 250)))
        XCTAssertNil(failure("begin " + repeated("begin ", 200) + "return 1; " + repeated("end; ", 200) + "end"))
    }

    func testChainsSideBySideAreMeasuredApart() {
        let chain = repeated("x + ", 200) + "x"
        // Two 200-level chains as two arguments, two select items or two branches: each is 200 deep.
        XCTAssertNil(failure("select f(\(chain), \(chain)), \(chain) from t where \(chain) = 1 or \(chain) = 2"))
        XCTAssertNil(failure("select case " + repeated("when \(repeated("x + ", 50))x = 1 then 1 ", 100) + "end"))
        // A chain inside the first operand of another: 150 + 150 levels deep.
        XCTAssertEqual(failure("select (" + repeated("x + ", 150) + "x)" + repeated(" + x", 150))?.reason, .nestedTooDeeply(limit: limit))
    }
}
