// LIKE and ILIKE: `%`, `_` and ESCAPE as Snowflake reads them, checked against a plain recursive
// reference on every small pattern, and patterns of any length (100,000 `%`, a 100,000-character
// string) matched without recursion.

import Foundation
import XCTest
@testable import Engine

final class LikeTests: EngineTestCase {
    /// The definition, written the obvious way: fine for short inputs, recursive for long ones.
    private func reference(_ s: [Character], _ p: [Character], escape: Character?) -> Bool {
        func match(_ i: Int, _ j: Int) -> Bool {
            if j == p.count { return i == s.count }
            if p[j] == escape, j + 1 < p.count { return i < s.count && s[i] == p[j + 1] && match(i + 1, j + 2) }
            if p[j] == "%" { return match(i, j + 1) || (i < s.count && match(i + 1, j)) }
            if p[j] == "_" { return i < s.count && match(i + 1, j + 1) }
            return i < s.count && s[i] == p[j] && match(i + 1, j + 1)
        }
        return match(0, 0)
    }

    /// Every word of `alphabet` up to `length` characters.
    private func words(_ alphabet: [Character], upTo length: Int) -> [[Character]] {
        var all: [[Character]] = [[]], layer: [[Character]] = [[]]
        for _ in 0 ..< length {
            layer = layer.flatMap { word in alphabet.map { word + [$0] } }
            all += layer
        }
        return all
    }

    func testEverySmallPatternAgreesWithTheDefinition() {
        let patterns = words(["a", "b", "%", "_", "\\"], upTo: 5)
        let texts = words(["a", "b", "%", "_"], upTo: 3)
        var compared = 0
        for p in patterns {
            for s in texts {
                for escape in [nil, "\\" as Character] {
                    XCTAssertEqual(SQLFunctions.matchLike(s, p, escape: escape), reference(s, p, escape: escape),
                                   "'\(String(s))' like '\(String(p))' escape \(escape.map { String($0) } ?? "none")")
                    compared += 1
                }
            }
        }
        XCTAssertEqual(compared, 3_906 * 85 * 2)
    }

    func testLongPatternsAndLongTextsNeedNoStack() throws {
        XCTAssertEqual(try cells("select 'abc' like repeat('%', 100000), 'abc' like repeat('%', 100000) || 'd'"), [["True", "False"]])
        XCTAssertEqual(try cells("select repeat('ab', 50000) like repeat('a_', 50000), repeat('ab', 50000) ilike '%' || repeat('B%', 1000)"),
                       [["True", "True"]])
        XCTAssertEqual(try cells("select repeat('a', 100000) like repeat('%a', 1000) || 'b'"), [["False"]])
    }

    func testEscapeUnderscoreAndCase() throws {
        XCTAssertEqual(try cells(#"select 'a%c' like 'a\\%c' escape '\\', 'abc' like 'a\\%c' escape '\\', 'a_c' like 'a!_c' escape '!', 'abc' like 'a!_c' escape '!'"#),
                       [["True", "False", "True", "False"]])
        XCTAssertEqual(try cells("select 'abc' like 'a_c', 'ac' like 'a_c', 'ABC' like 'a%', 'ABC' ilike 'a%'"), [["True", "False", "False", "True"]])
    }
}
