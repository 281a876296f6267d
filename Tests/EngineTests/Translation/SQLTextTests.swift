// SQLText: byte-for-byte search and replace in SQL text, held to Foundation's answers on text
// where the two must agree (generated from pieces of SQL, tags and markers, some non-ASCII), and
// to exact answers on the edges (a match at either end, overlapping occurrences, nothing found).

import Foundation
import XCTest

@testable import Engine

final class SQLTextTests: XCTestCase {
    private static let pieces = ["SELECT ", "\"RAW\"", " -> ", "'$.a'", "/*sl 1 t1*/", "/*sl", "*/", "(", ")", ", ", "é", "中", "😀", "a", "aa", " "]

    private func text(_ g: inout SeededGenerator, _ count: Int) -> String {
        (0..<count).map { _ in Self.pieces[g.next(Self.pieces.count)] }.joined()
    }

    func testAnswersAsFoundationDoes() {
        var g = SeededGenerator(state: 31)
        for _ in 0..<3_000 {
            let haystack = text(&g, g.next(30)), needle = text(&g, 1 + g.next(3)), replacement = text(&g, g.next(3))
            XCTAssertEqual(SQLText.contains(haystack, needle), haystack.contains(needle), "\(haystack) / \(needle)")
            XCTAssertEqual(
                SQLText.replacing(needle, with: replacement, in: haystack),
                haystack.replacingOccurrences(of: needle, with: replacement), "\(haystack) / \(needle) / \(replacement)")
        }
    }

    func testTheEdges() {
        XCTAssertEqual(SQLText.replacing("aa", with: "b", in: "aaaaa"), "bba")
        XCTAssertEqual(SQLText.replacing("x", with: "yy", in: "xax"), "yyayy")
        XCTAssertEqual(SQLText.replacing("/*m*/", with: "", in: "t AS s/*m*/ JOIN u/*m*/"), "t AS s JOIN u")
        XCTAssertEqual(SQLText.replacing("q", with: "z", in: "abc"), "abc")
        XCTAssertEqual(SQLText.replacing("", with: "z", in: "abc"), "abc")
        XCTAssertEqual(SQLText.replacing("abcd", with: "z", in: "abc"), "abc")
        XCTAssertTrue(SQLText.contains("abc", "abc"))
        XCTAssertTrue(SQLText.contains("xabc", "bc"))
        XCTAssertFalse(SQLText.contains("ab", "abc"))
        XCTAssertFalse(SQLText.contains("", "a"))
    }
}
