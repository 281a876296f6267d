// RegularExpressionTests: the REGEXP functions on the linear-time engine — patterns that make a
// backtracking engine take exponential time answer at once, the syntax Snowflake's RE2 reads in
// POSIX mode (classes, POSIX classes, escapes, anchors with `m`, `.` with `s`, case-insensitive
// matching over Unicode, stacked quantifiers), what it refuses (back-references, `(?…)`, counts
// over 1,000, programs past the size limit) and how matches are iterated and replaced.

import XCTest
@testable import Engine

final class RegularExpressionTests: EngineTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try script("create database d")
    }

    func testCatastrophicPatternsAnswerAtOnce() throws {
        XCTAssertEqual(try cells("select regexp_like(repeat('a', 40) || 'b', '(a+)+$'), regexp_like(repeat('a', 40), '(a+)+$')"),
                       [["False", "True"]])
        XCTAssertEqual(try cells("select regexp_like(repeat('a', 10000) || 'c', '(a|a)*b'), regexp_like(repeat('a', 10000) || 'b', '(a|a)*b'), regexp_like(repeat('a', 10000), '(a*)*b')"),
                       [["False", "True", "False"]])
        XCTAssertEqual(try cells("select regexp_count(repeat('x', 10000), '(x+x+)+y'), regexp_substr(repeat('x', 10000) || 'y', '(x+x+)+y') = repeat('x', 10000) || 'y', length(regexp_substr(repeat('a', 10000) || 'b', '(a*)*b'))"),
                       [["0", "True", "10001"]])
        XCTAssertEqual(try cells("select regexp_replace(repeat('ab', 5000), '(a|b|ab)*c', 'x') = repeat('ab', 5000), regexp_like(repeat('ab', 5000), '((a|b)*)*')"),
                       [["True", "True"]])
    }

    func testClassesEscapesAndPosixClasses() throws {
        XCTAssertEqual(try cells(#"select regexp_count('a1 B_é', '[[:alpha:]]'), regexp_count('a1 B_', '[[:alnum:]_]'), regexp_count('a-b]c', '[]-]'), regexp_count('x9', '[^[:digit:]]')"#),
                       [["2", "4", "2", "1"]])
        XCTAssertEqual(try cells(#"select regexp_count('a1 b2', '\\d'), regexp_count('a1 b2', '\\D'), regexp_count('a b\tc', '\\s'), regexp_count('a_1 é', '\\w'), regexp_count('a_1 é', '\\W')"#),
                       [["2", "3", "2", "3", "2"]])
        XCTAssertEqual(try cells(#"select regexp_substr('a.b*c', '\\.b\\*'), regexp_substr('tab\there', '\\t.'), regexp_substr('A', '\\x41'), regexp_substr('A', '\\x{41}'), regexp_substr('A', '\\101')"#),
                       [[".b*", "\th", "A", "A", "A"]])
        XCTAssertEqual(try cells(#"select regexp_count('ab cd', '\\b'), regexp_count('ab cd', '\\B'), regexp_substr('cat concat', '\\bcat\\b', 2), regexp_like('a{', 'a{'), regexp_like('a{,2}', 'a{,2}')"#),
                       [["4", "2", "NULL", "True", "True"]])
    }

    func testAnchorsDotAndParameters() throws {
        XCTAssertEqual(try cells("select regexp_count('ab\ncd', '^[a-z]+$'), regexp_count('ab\ncd', '^[a-z]+$', 1, 'm'), regexp_substr('ab\ncd', '[a-z]+$', 1, 1, 'm')"),
                       [["0", "2", "ab"]])
        XCTAssertEqual(try cells("select regexp_like('a\nb', 'a', 'm'), regexp_like('a\nb', 'a.b'), regexp_like('a\nb', 'a.b', 's'), regexp_like('a\nb', 'a[^x]b')"),
                       [["False", "False", "True", "True"]])
        XCTAssertEqual(try cells("select regexp_substr('bcd', '^c', 2), regexp_count('xAxa', 'a', 1, 'i'), regexp_count('xAxa', 'a', 1, 'ic'), regexp_count('aAB', '[^a]', 1, 'i')"),
                       [["c", "2", "1", "1"]])
    }

    func testUnicodeAndCaseFolding() throws {
        XCTAssertEqual(try cells("select regexp_substr('héllo wörld', 'w.r'), regexp_substr('ééa', 'a', 3), regexp_like('É', 'é', 'i'), regexp_like('Straße', 'STRASSE', 'i'), regexp_count('ΣσΑ', 'σ', 1, 'i')"),
                       [["wör", "a", "True", "False", "2"]])
        XCTAssertEqual(try cells("select regexp_replace('naïve café', '[éï]', '_'), regexp_substr('日本語テキスト', '[語テ]+'), regexp_like('😀x', '.x')"),
                       [["na_ve caf_", "語テ", "True"]])
    }

    func testQuantifiersAreGreedyAndStack() throws {
        // Snowflake has no non-greedy quantifiers: as in RE2's POSIX mode, `*?` is `*` made optional.
        XCTAssertEqual(try cells("select regexp_substr('aaa', 'a*?'), regexp_substr('aaa', 'a+?'), regexp_substr('aaaa', 'a{2}{2}'), regexp_substr('aaaaa', 'a{2,3}'), regexp_substr('aaaaa', 'a{2,}')"),
                       [["aaa", "aaa", "aaaa", "aaa", "aaaaa"]])
        XCTAssertEqual(try cells("select regexp_substr('abcd', 'a|ab'), regexp_substr('abcd', '(a|ab)(c|bcd)', 1, 1, 'e', 2), regexp_substr('xyz', '(a)|y', 1, 1, 'e')"),
                       [["a", "bcd", "NULL"]])
    }

    func testIterationOverEmptyMatchesAndReplacement() throws {
        XCTAssertEqual(try cells("select regexp_count('baaa', 'a*'), regexp_replace('abc', 'x*', '-'), regexp_replace('baaa', 'a*', '-'), regexp_count('', ''), regexp_replace('', '^$', 'e')"),
                       [["3", "-a-b-c-", "-b--", "1", "e"]])
        XCTAssertEqual(try cells(#"select regexp_replace('ab', '(a)', '[\\2\\1\\0]'), regexp_replace('a.b', '\\.', '\\\\'), regexp_replace('ab', 'b', 'x\\'), regexp_replace('abab', 'b', 'x', 1, -1)"#),
                       [["[aa]b", #"a\b"#, #"ax\"#, "abab"]])
    }

    func testRefusedPatterns() {
        for pattern in ["(?:a)b", "(?i)a", "a(?=b)", #"(a)\\1"#, #"\\q"#, #"\\"#, "a{1001}", "a{3,2}", "a|*", "(a))", "[a-b-c]", "[z-a]", "[[:nope:]]", "+a", "{2}"] {
            let shown = pattern.replacingOccurrences(of: #"\\"#, with: #"\"#)
            assertError("select regexp_like('a', '\(pattern)')", "100048 (2201B): Invalid regular expression: '\(shown)'")
        }
        assertError("select regexp_like('a', 'a{1000}{1000}')",
                    "100048 (2201B): Invalid regular expression: 'a{1000}{1000}', pattern too large - compile failed")
        assertError("select regexp_count('a', '((a{1000}){100})')",
                    "100048 (2201B): Invalid regular expression: '((a{1000}){100})', pattern too large - compile failed")
        assertError("select regexp_like('a', repeat('(', 2000) || 'a' || repeat(')', 2000))",
                    "100048 (2201B): Invalid regular expression: '\(String(repeating: "(", count: 2000))a\(String(repeating: ")", count: 2000))'")
    }

    func testLongPatternsAndTextsNeedNoStack() throws {
        XCTAssertEqual(try cells("select regexp_like(repeat('ab', 5000), repeat('(a|b)', 10000)), regexp_count(repeat('a', 100000), 'a'), regexp_like(repeat('a', 100000), 'a*')"),
                       [["True", "100000", "True"]])
        XCTAssertEqual(try cells("select regexp_substr('xay', repeat('(', 1000) || 'a' || repeat(')', 1000), 1, 1, 'e', 1000), regexp_like('aaa', 'a' || repeat('*', 999))"),
                       [["a", "True"]])
    }
}
