// RegexDifferentialTests: the engine against ICU's NSRegularExpression (the backtracking engine
// the REGEXP functions used before) on generated patterns and every short text over a small
// alphabet, where the two must agree: the whole-text test (RLIKE), the first match with every
// group's bounds, and the successive matches (REGEXP_COUNT, REGEXP_REPLACE), case-sensitive and
// not. The patterns leave out what the engines read differently on purpose: a loop (`*`, `+`,
// `{m,n}`) around something that can match empty (Perl stops at an empty iteration, an
// automaton does not), stacked and lazy quantifiers (Snowflake has no lazy ones), and
// newlines and non-ASCII text (RE2's `$`, `.` and `\w` are narrower than ICU's).

import Foundation
import XCTest
@testable import Engine

final class RegexDifferentialTests: XCTestCase {
    /// A pattern and whether it can match the empty string.
    private func pattern(_ g: inout SeededGenerator, depth: Int) -> (text: String, nullable: Bool) {
        switch g.next(depth > 0 ? 10 : 5) {
        case 0: return (["a", "b", "1", "ab", "ba"][g.next(5)], false)
        case 1: return (["[ab]", "[^a]", #"\d"#, #"\w"#, "[a-b1]", ".", #"\W"#, "[[:alpha:]]"][g.next(8)], false)
        case 2: return (["^", "$", #"\b"#, #"\B"#][g.next(4)], true)
        case 3, 4: return (["a", "b"][g.next(2)], false)
        case 5, 6:
            let left = pattern(&g, depth: depth - 1), right = pattern(&g, depth: depth - 1)
            return (left.text + right.text, left.nullable && right.nullable)
        case 7:
            let left = pattern(&g, depth: depth - 1), right = pattern(&g, depth: depth - 1)
            return ("(" + left.text + "|" + right.text + ")", left.nullable || right.nullable)
        case 8:
            let inner = pattern(&g, depth: depth - 1)
            return ("(" + inner.text + ")", inner.nullable)
        default:
            let inner = pattern(&g, depth: depth - 1)
            let body = "(" + inner.text + ")"
            if inner.nullable { return (body + "?", true) }
            let quantifier = ["*", "+", "?", "{2}", "{1,2}", "{0,2}", "{2,}"][g.next(7)]
            return (body + quantifier, quantifier == "*" || quantifier == "?" || quantifier.hasPrefix("{0"))
        }
    }

    /// Every text of up to three characters over `a b 1 space`, and 60 longer ones.
    private func texts(_ g: inout SeededGenerator) -> [String] {
        let alphabet = ["a", "b", "1", " "]
        var all = [""], layer = [""]
        for _ in 0 ..< 3 {
            layer = layer.flatMap { word in alphabet.map { word + $0 } }
            all += layer
        }
        for _ in 0 ..< 60 {
            all.append((0 ..< 4 + g.next(5)).map { _ in alphabet[g.next(alphabet.count)] }.joined())
        }
        return all
    }

    private func icuGroups(_ match: NSTextCheckingResult) -> [Int] {
        (0 ..< match.numberOfRanges).flatMap { i -> [Int] in
            let r = match.range(at: i)
            return r.location == NSNotFound ? [-1, -1] : [r.location, r.location + r.length]
        }
    }

    func testGeneratedPatternsAgreeWithICU() throws {
        var g = SeededGenerator(state: 17_18)
        let texts = texts(&g)
        var compared = 0
        for _ in 0 ..< 300 {
            let p = pattern(&g, depth: 3).text
            for caseInsensitive in [false, true] {
                let flags = RegexFlags(caseInsensitive: caseInsensitive)
                let options: NSRegularExpression.Options = caseInsensitive ? [.caseInsensitive] : []
                let icu = try NSRegularExpression(pattern: p, options: options)
                let icuWhole = try NSRegularExpression(pattern: "^(?:" + p + ")$", options: options)
                let mine = try RegularExpression(p, flags: flags, wholeText: false)
                let mineWhole = try RegularExpression(p, flags: flags, wholeText: true)
                XCTAssertEqual(mine.groupCount, icu.numberOfCaptureGroups, p)
                for text in texts {
                    let range = NSRange(location: 0, length: text.utf16.count)
                    let scalars = RegularExpression.scalars(of: text)
                    XCTAssertEqual(mineWhole.matchesWhole(text), icuWhole.firstMatch(in: text, range: range) != nil, "'\(text)' rlike '\(p)'")
                    let first = try mine.matches(in: scalars, from: 0, groups: mine.groupCount, limit: 1).first?.slots
                    XCTAssertEqual(first, icu.firstMatch(in: text, range: range).map(icuGroups), "first match of '\(p)' in '\(text)'")
                    let all = try mine.matches(in: scalars, from: 0).map(\.slots)
                    XCTAssertEqual(all, icu.matches(in: text, range: range).map { icuGroups($0).prefix(2).map { $0 } },
                                   "matches of '\(p)' in '\(text)'")
                    compared += 1
                }
            }
        }
        XCTAssertEqual(compared, 300 * 2 * 145)
    }

    func testHandPickedPatternsAgreeWithICU() throws {
        let patterns = ["(a|ab)(c|bcd)(d*)", "(a+)(b+)?", "a*", "(a|b)*b", "[^ ]+", #"\b\w+\b"#, "(a)|(b)", "x*", "(ab|a)(bc|c)?",
                        "((a)|b)+", "(a{1,2}){2}", "^a|b$", "[[:digit:][:alpha:]]{2}", "(a|b|)c"]
        let texts = ["", "a", "ab", "abcd", "abc", "aabbb", "ba ab", "b a", "1a2b", "aaaa", "c", "bc"]
        for p in patterns {
            let icu = try NSRegularExpression(pattern: p)
            let mine = try RegularExpression(p, flags: RegexFlags(), wholeText: false)
            for text in texts {
                let range = NSRange(location: 0, length: text.utf16.count)
                let expected = icu.matches(in: text, range: range).map(icuGroups)
                XCTAssertEqual(try mine.matches(in: RegularExpression.scalars(of: text), from: 0, groups: mine.groupCount).map(\.slots), expected,
                               "'\(p)' in '\(text)'")
            }
        }
    }
}
