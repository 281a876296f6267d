// StringFunctionTests: the string functions — INITCAP, SPLIT, SPLIT_PART, LEFT, RIGHT,
// LPAD/RPAD, CONTAINS/STARTSWITH/ENDSWITH, the REGEXP_ family (parameters, groups, occurrences,
// back-references, a bad pattern's error), TO_VARCHAR/TO_CHAR with number formats, and the
// digests MD5, SHA1, SHA2 (checked against the published test vectors) and HASH. Every function
// is also called with NULL, and result types are checked where they matter.

import XCTest
@testable import Engine

final class StringFunctionTests: EngineTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try script("""
            create database d;
            create table words (id int, w string, n number(10,2));
            insert into words values (1, 'hello world', 12.5), (2, NULL, NULL)
            """)
    }

    func testInitcap() throws {
        XCTAssertEqual(try cells("select initcap('hello wORLD-foo bar_baz'), initcap('a b', ''), initcap('x;y z', ';'), initcap(NULL)"),
                       [["Hello World-Foo Bar_Baz", "A b", "X;Y z", "NULL"]])
        XCTAssertEqual(try cells("select initcap(w) from words order by id"), [["Hello World"], ["NULL"]])
    }

    func testSplitReturnsAnArray() throws {
        let result = try run("select split('a,,b', ','), split('abc', ''), split('', ','), split(NULL, ',')")
        XCTAssertEqual(result.columns.map(\.type), [.array, .array, .array, .array])
        XCTAssertEqual(result.rows.map { $0.map { $0.displayText(pretty: false) ?? "NULL" } }, [[#"["a","","b"]"#, #"["abc"]"#, #"[""]"#, "NULL"]])
        XCTAssertEqual(try cells("select split('a-b', '-')[1]::string, array_size(split('1 2 3', ' '))"), [["b", "3"]])
    }

    func testSplitPart() throws {
        XCTAssertEqual(try cells("select split_part('a.b.c', '.', 2), split_part('a.b.c', '.', -1), split_part('a.b.c', '.', 0), split_part('a.b.c', '.', 9)"),
                       [["b", "c", "a", ""]])
        XCTAssertEqual(try cells("select split_part('a::b', '::', 2), split_part('abc', '', 1), split_part(NULL, '.', 1), split_part('a', NULL, 1)"),
                       [["b", "abc", "NULL", "NULL"]])
    }

    func testLeftRightAndPadding() throws {
        XCTAssertEqual(try cells("select left('hello', 2), right('hello', 3), left('hi', 10), right('hi', -1), left(12345, 2), left(NULL, 1), right('x', NULL)"),
                       [["he", "llo", "hi", "", "12", "NULL", "NULL"]])
        XCTAssertEqual(try cells("select lpad('7', 3, '0'), rpad('ab', 5, 'xy'), lpad('abcdef', 3), rpad('ab', 4), lpad('ab', 5, ''), lpad('ab', 0, 'x')"),
                       [["007", "abxyx", "abc", "ab  ", "ab", ""]])
        XCTAssertEqual(try cells("select lpad(NULL, 3, '0'), rpad('a', NULL, '0'), lpad('a', 3, NULL), lpad('é', 3, '*')"),
                       [["NULL", "NULL", "NULL", "**é"]])
    }

    func testContainsStartsWithEndsWith() throws {
        let result = try run("select contains('hello', 'ell'), startswith('hello', 'he'), endswith('hello', 'lo'), contains('hello', 'L'), startswith('hello', '')")
        XCTAssertEqual(result.columns.map(\.type), Array(repeating: .boolean, count: 5))
        XCTAssertEqual(result.rows.map { $0.map { $0.displayText() ?? "NULL" } }, [["True", "True", "True", "False", "True"]])
        XCTAssertEqual(try cells("select contains(NULL, 'a'), startswith('a', NULL), endswith(123, 3)"), [["NULL", "NULL", "True"]])
        XCTAssertEqual(try cells("select id from words where contains(w, 'lo w')"), [["1"]])
    }

    func testRegexpLike() throws {
        XCTAssertEqual(try cells(#"select regexp_like('abc123', '[a-z]+\\d+'), regexp_like('abc123x', '[a-z]+\\d+'), regexp_like('ABC', 'abc'), regexp_like('ABC', 'abc', 'i'), regexp_like('ab', 'a.')"#),
                       [["True", "False", "False", "True", "True"]])
        XCTAssertEqual(try cells("select regexp_like('a\nb', 'a.b'), regexp_like('a\nb', 'a.b', 's'), regexp_like(NULL, 'a'), regexp_like('a', NULL)"),
                       [["False", "True", "NULL", "NULL"]])
        XCTAssertEqual(try cells("select id from words where w rlike 'hel+o.*'"), [["1"]])
    }

    func testRegexpSubstr() throws {
        XCTAssertEqual(try cells(#"select regexp_substr('a1b22c333', '\\d+'), regexp_substr('a1b22c333', '\\d+', 1, 2), regexp_substr('a1b22c333', '\\d+', 4), regexp_substr('a1b22c333', '\\d+', 1, 4)"#),
                       [["1", "22", "22", "NULL"]])
        XCTAssertEqual(try cells(#"select regexp_substr('key=val', '(\\w+)=(\\w+)', 1, 1, 'e'), regexp_substr('key=val', '(\\w+)=(\\w+)', 1, 1, 'e', 2), regexp_substr('KEY', 'key', 1, 1, 'i'), regexp_substr(NULL, 'a')"#),
                       [["key", "val", "KEY", "NULL"]])
        assertError(#"select regexp_substr('ab', '(a)b', 1, 1, 'e', 3)"#,
                    "100049 (22023): Invalid value [3] for function 'REGEXP_SUBSTR', parameter 6: must be an integer between 0 and 1")
    }

    func testRegexpReplaceAndCount() throws {
        XCTAssertEqual(try cells(#"select regexp_replace('a1b2', '\\d', '#'), regexp_replace('a1b2', '\\d'), regexp_replace('a1b2c3', '\\d', '#', 1, 2), regexp_replace('a1b2c3', '\\d', '#', 4)"#),
                       [["a#b#", "ab", "a1b#c3", "a1b#c#"]])
        XCTAssertEqual(try cells(#"select regexp_replace('john smith', '(\\w+) (\\w+)', '\\2, \\1'), regexp_replace('cost', 'c', '$1'), regexp_replace('AbA', 'a', 'x', 1, 0, 'i'), regexp_replace(NULL, 'a', 'b')"#),
                       [["smith, john", "$1ost", "xbx", "NULL"]])
        XCTAssertEqual(try cells(#"select regexp_count('a1b2c3', '\\d'), regexp_count('a1b2c3', '\\d', 3), regexp_count('aaa', 'A', 1, 'i'), regexp_count(NULL, 'a')"#),
                       [["3", "2", "3", "NULL"]])
    }

    func testBadRegularExpressionsAndParameters() {
        assertError("select regexp_like('a', '(')", "100048 (2201B): Invalid regular expression: '('")
        assertError("select regexp_replace('a', '[', 'b')", "100048 (2201B): Invalid regular expression: '['")
        assertError("select 'a' rlike '*'", "100048 (2201B): Invalid regular expression: '*'")
        assertError("select regexp_like('a', 'a', 'q')", "100048 (2201B): Invalid regular expression parameter 'q'")
    }

    func testToCharOfNumbers() throws {
        XCTAssertEqual(try cells("select to_char(12.5, '999.999'), to_char(7, '000'), to_char(1234567.891, '9,999,999.99'), to_char(-5, '999'), to_char(12345, '999')"),
                       [["  12.500", " 007", " 1,234,567.89", "  -5", "####"]])
        XCTAssertEqual(try cells("select to_char(0.5, '999.99'), to_char(0.5, '990.99'), to_char(5, 'FM999'), to_char(-12.3, '99.9MI'), to_char(7, 'S99'), to_char(1234, '$9,999')"),
                       [["    .50", "   0.50", "5", "12.3-", " +7", " $1,234"]])
        XCTAssertEqual(try cells("select to_char(255, 'XX'), to_char(255, 'xxxx'), to_char(n, '99.9'), to_varchar(id), to_char(NULL, '999') from words order by id"),
                       [["FF", "  ff", " 12.5", "1", "NULL"], ["FF", "  ff", "NULL", "2", "NULL"]])
    }

    func testDigestsMatchPublishedVectors() throws {
        XCTAssertEqual(try cells("select md5('abc'), md5(''), md5_hex('The quick brown fox jumps over the lazy dog')"),
                       [["900150983cd24fb0d6963f7d28e17f72", "d41d8cd98f00b204e9800998ecf8427e", "9e107d9d372bb6826bd81d3542a419d6"]])
        XCTAssertEqual(try cells("select sha1('abc'), sha1('')"),
                       [["a9993e364706816aba3e25717850c26c9cd0d89d", "da39a3ee5e6b4b0d3255bfef95601890afd80709"]])
        XCTAssertEqual(try cells("select sha2('abc'), sha2('abc', 224), sha2('', 256)"),
                       [["ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                         "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7",
                         "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"]])
        XCTAssertEqual(try cells("select sha2('abc', 384), sha2_hex('abc', 512)"),
                       [["cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7",
                         "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"]])
        // Two blocks of input, so the length word lands in a second block.
        XCTAssertEqual(try cells("select sha2('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'), md5(repeat('a', 100))"),
                       [["248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1", "36a92cc94a9e0fa21f625f8bfb007adf"]])
        XCTAssertEqual(try cells("select repeat('ab', 3), repeat('x', 0), repeat('x', NULL), repeat(NULL, 2)"), [["ababab", "", "NULL", "NULL"]])
        XCTAssertEqual(try cells("select md5(NULL), sha1(NULL), sha2(NULL), md5(12)"),
                       [["NULL", "NULL", "NULL", "c20ad4d76fe97759aa27a0c99bff6710"]])
        assertError("select sha2('abc', 100)",
                    "100072 (22023): Invalid digest size for function SHA2: 100; use 224, 256, 384 or 512")
    }

    func testHashIsStableAndTyped() throws {
        let result = try run("select hash(1), hash('a', 2), hash(NULL)")
        XCTAssertEqual(result.columns.map(\.type), [.integer, .integer, .integer])
        // FNV-1a of Snowlite's encoding: stable across runs, different from Snowflake's values.
        XCTAssertEqual(result.rows.map { $0.map { $0.displayText() ?? "NULL" } }, [["-3426942343482400344", "-5823034026746797942", "590474061099445088"]])
        XCTAssertEqual(try cells("select hash(1) = hash(1.0), hash(1) = hash('1'), hash('a', 'b') = hash('ab'), hash(w) = hash('hello world') from words where id = 1"),
                       [["True", "False", "False", "True"]])
    }
}
