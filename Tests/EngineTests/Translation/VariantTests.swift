// VARIANT and semi-structured data (spec §9): PARSE_JSON's leniency and errors, canonical storage,
// path access with case-sensitive keys, strings that keep their quotes until cast, JSON null
// versus SQL NULL, comparisons against the contained value, the constructors and readers, and
// LATERAL FLATTEN / TABLE(FLATTEN(…)).

import XCTest
@testable import Engine

final class VariantTests: EngineTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try script("""
            create database d;
            create table issues (id int, raw variant);
            insert into issues select 1, parse_json('{"id": 101, "state": "open", "user": {"login": "ann"}, "labels": [{"name": "bug"}, {"name": "ui"}], "closed_at": null, "Mixed Key": 2.5}');
            insert into issues select 2, parse_json('{"state": "closed", "id": 102, "labels": []}')
            """)
    }

    func testPathsKeepJSONUntilCast() throws {
        let result = try run("""
            select raw:id, raw:state, raw:state::string, raw:user.login::varchar, raw:labels[1].name, raw['state'], raw:"Mixed Key", raw:State
            from issues where id = 1
            """)
        XCTAssertEqual(result.columns.map(\.name), ["RAW:ID", "RAW:STATE", "RAW:STATE::STRING", "RAW:USER.LOGIN::VARCHAR",
                                                    "RAW:LABELS[1].NAME", "RAW['STATE']", "RAW:\"MIXED KEY\"", "RAW:STATE"])
        XCTAssertEqual(result.rows.map { $0.map { $0.displayText() ?? "NULL" } },
                       [["101", "\"open\"", "open", "ann", "\"ui\"", "\"open\"", "2.5", "NULL"]])
        XCTAssertEqual(result.columns.first?.type, .variant)
    }

    func testJSONNullIsNotSQLNull() throws {
        XCTAssertEqual(try cells("select raw:closed_at, raw:closed_at is null, is_null_value(raw:closed_at), raw:nothing is null from issues where id = 1"),
                       [["null", "False", "True", "True"]])
        XCTAssertEqual(try cells("select parse_json('null'), parse_json(NULL), raw:closed_at::string from issues where id = 1"),
                       [["null", "NULL", "NULL"]])
    }

    func testStorageIsCanonicalSoEqualValuesCompareEqual() throws {
        XCTAssertEqual(try cells("select to_json(raw) from issues where id = 2"), [[#"{"id":102,"labels":[],"state":"closed"}"#]])
        XCTAssertEqual(try cells("select parse_json('{\"b\": 1, \"a\": [1, 2]}') = parse_json('{ a: [1,2], b: 1 }')"), [["True"]])
    }

    func testComparisonsUseTheContainedValue() throws {
        XCTAssertEqual(try cells("select id from issues where raw:state = 'closed'"), [["2"]])
        XCTAssertEqual(try cells("select id from issues where raw:id > 101"), [["2"]])
        XCTAssertEqual(try cells("select raw:state::string s, count(*) from issues group by 1 order by 1"), [["closed", "1"], ["open", "1"]])
    }

    func testLenientParsingAndErrors() throws {
        XCTAssertEqual(try cells("select to_json(parse_json('[1, ,77]')), to_json(parse_json('{ a: {b: \"x\"}}'))"),
                       [["[1,77]", #"{"a":{"b":"x"}}"#]])
        XCTAssertEqual(try cells("select try_parse_json('{oops'), parse_json('')"), [["NULL", "NULL"]])
        assertError("select parse_json('{oops')", "100069 (22P02): Error parsing JSON: {oops, pos 6")
        assertError("select raw:id::int from issues where raw:state::int = 1", "100038 (22018): Numeric value 'open' is not recognized")
        assertError("select 'text':a", "001044 (42P13): SQL compilation error: error line 1 at position 0\nInvalid argument types for function 'GET_PATH': (VARCHAR(4), VARCHAR(16777216))")
    }

    func testNestingDeeperThanAThousandLevelsIsRefusedNotACrash() throws {
        XCTAssertEqual(try cells("select array_size(parse_json(repeat('[', 1000) || repeat(']', 1000)))"), [["1"]])
        let deeper = "[" + String(repeating: "[", count: 999) + "1" + String(repeating: "]", count: 1000)
        XCTAssertEqual(try cells("select to_json(parse_json('\(deeper)')) = '\(deeper)'"), [["True"]])
        let tooDeep = String(repeating: "[", count: 1001) + String(repeating: "]", count: 1001)
        assertError("select parse_json('\(tooDeep)')",
                    "100069 (22P02): Error parsing JSON: nested more than 1000 levels deep: \(String(repeating: "[", count: 60))…, pos 1001")
        XCTAssertEqual(try cells("select try_parse_json(repeat('{\"a\":', 100000) || '1' || repeat('}', 100000)) is null"), [["True"]])
        assertError("select parse_json(repeat('[', 100000))",
                    "100069 (22P02): Error parsing JSON: nested more than 1000 levels deep: \(String(repeating: "[", count: 60))…, pos 1001")
    }

    func testConstructorsAndReaders() throws {
        XCTAssertEqual(try cells("""
            select to_json(object_construct('b', 1, 'a', 'x', 'gone', NULL)), to_json(object_construct_keep_null('k', NULL)),
                   to_json(array_construct(1, 'two', true, NULL)), to_json(object_insert(object_construct('a', 1), 'b', 2.5))
            """), [[#"{"a":"x","b":1}"#, #"{"k":null}"#, #"[1,"two",true,null]"#, #"{"a":1,"b":2.5}"#]])
        XCTAssertEqual(try cells("""
            select typeof(raw:id), typeof(raw:state), typeof(raw:labels), typeof(raw:user), typeof(raw:closed_at), typeof(raw:"Mixed Key"),
                   array_size(raw:labels), get(raw:labels, 0):name::string, get_path(raw, 'user.login'), as_varchar(raw:state), as_varchar(raw:id)
            from issues where id = 1
            """), [["INTEGER", "VARCHAR", "ARRAY", "OBJECT", "NULL_VALUE", "DECIMAL", "2", "bug", "\"ann\"", "open", "NULL"]])
        assertError("select object_insert(object_construct('a', 1), 'a', 2)",
                    "100072 (22000): Duplicate field 'a' in OBJECT_INSERT; use the update flag to replace it")
        XCTAssertEqual(try cells("select to_json(object_insert(object_construct('a', 1), 'a', 2, true))"), [[#"{"a":2}"#]])
    }

    func testCastsToAndFromVariant() throws {
        XCTAssertEqual(try cells("select to_variant(1)::int + 1, 'x'::variant, to_json(true::variant), raw:id::number(10,2), raw:labels::string from issues where id = 2"),
                       [["2", "\"x\"", "true", "102.00", "[]"]])
        // Keys are stored sorted by their bytes: "Mixed Key" before "closed_at".
        assertError("select raw::int from issues where id = 1", "100071 (22000): Failed to cast variant value {\"Mixed Key\":2.5,\"closed_at\":null,\"id\":101,\"labels\":[{\"name\":\"bug\"},{\"name\":\"ui\"}],\"state\":\"open\",\"user\":{\"login\":\"ann\"}} to FIXED")
    }

    func testVariantPrintsPrettyWithSortedKeys() throws {
        XCTAssertEqual(try cells("select raw:user, raw:labels from issues where id = 1"),
                       [["{\n  \"login\": \"ann\"\n}", "[\n  {\n    \"name\": \"bug\"\n  },\n  {\n    \"name\": \"ui\"\n  }\n]"]])
    }
}

final class FlattenTests: EngineTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try script("""
            create database d;
            create table issues (id int, raw variant);
            insert into issues select 1, parse_json('{"labels": [{"name": "bug"}, {"name": "ui"}], "meta": {"a": 1, "b": "x"}}');
            insert into issues select 2, parse_json('{"labels": []}')
            """)
    }

    func testLateralFlattenOverAnArray() throws {
        let result = try run("select i.id, f.index, f.value:name::string, f.path from issues i, lateral flatten(input => i.raw:labels) f order by 1, 2")
        XCTAssertEqual(result.columns.map(\.name), ["ID", "INDEX", "F.VALUE:NAME::STRING", "PATH"])
        XCTAssertEqual(result.rows.map { $0.map { $0.displayText() ?? "NULL" } }, [["1", "0", "bug", "[0]"], ["1", "1", "ui", "[1]"]])
    }

    func testOuterKeepsRowsWithNothingToFlatten() throws {
        XCTAssertEqual(try cells("select i.id, f.value from issues i, lateral flatten(input => i.raw:labels, outer => true) f where f.index is null or f.index = 0 order by 1"),
                       [["1", "{\n  \"name\": \"bug\"\n}"], ["2", "NULL"]])
    }

    func testObjectsPathAndMode() throws {
        XCTAssertEqual(try cells("select key, value, path from issues, lateral flatten(input => raw, path => 'meta') where id = 1 order by key"),
                       [["a", "1", "meta.a"], ["b", "\"x\"", "meta.b"]])
        XCTAssertEqual(try cells("select count(*) from issues, lateral flatten(input => raw, mode => 'ARRAY')"), [["0"]])
        XCTAssertEqual(try cells("select seq, key, index, value, this from table(flatten(input => parse_json('[10, 20]')))"),
                       [["1", "NULL", "0", "10", "[\n  10,\n  20\n]"], ["1", "NULL", "1", "20", "[\n  10,\n  20\n]"]])
        assertError("select * from table(flatten(input => parse_json('[1]'), recursive => true))",
                    "001003 (42000): SQL compilation error:\nUnsupported feature 'FLATTEN with RECURSIVE => TRUE'.")
    }

    /// A constant input (a page of issues) has its kind read once, in Swift: scalars inside it come
    /// back through the container, a scalar input or a MODE it does not match flattens to nothing.
    func testConstantInputs() throws {
        XCTAssertEqual(try cells(#"select index, value from table(flatten(input => parse_json('[1, "a", {"b":2}, null]')))"#),
                       [["0", "1"], ["1", "\"a\""], ["2", "{\n  \"b\": 2\n}"], ["3", "null"]])
        XCTAssertEqual(try cells(#"select key, value from table(flatten(input => parse_json('{"y":1,"x":[2]}')))"#),
                       [["x", "[\n  2\n]"], ["y", "1"]])
        XCTAssertEqual(try cells(#"select count(*) from table(flatten(input => parse_json('"text"')))"#), [["0"]])
        XCTAssertEqual(try cells("select count(*) from table(flatten(input => parse_json('[1,2]'), mode => 'OBJECT'))"), [["0"]])
        XCTAssertEqual(try cells(#"select count(*) from table(flatten(input => parse_json('{"a":1}'), mode => 'ARRAY'))"#), [["0"]])
        XCTAssertEqual(try cells("select index from table(flatten(input => parse_json('[[1],[2]]'), mode => 'ARRAY'))"), [["0"], ["1"]])
    }
}

// MARK: - JSONCanonical against the tree path
//
// JSONCanonical writes PARSE_JSON's canonical text straight from the bytes; it must agree with the
// tree path (JSONText.parse, keys sorted, JSONText.compact) on every input it accepts, and leave
// malformed input (and non-ASCII keys) to it.

final class JSONCanonicalTests: XCTestCase {
    private func treePath(_ text: String) -> String? {
        (try? JSONText.parse(text)).map(Variant.canonical)
    }

    func testAgreesWithTheTreePathOnEveryShapeItAccepts() {
        let inputs = [
            #"{"b":1,"a":{"d":[1,2,{"z":null,"y":true}],"c":false}}"#,
            #"  [ 1 , -2.5e3 , 0.10, "x" ]  "#,
            #"{"a":1,"a":2,"b":3,"a":4}"#,
            #"{'single':'quotes "inside"', bare_key: 1, $dollar: NaN, n: Infinity}"#,
            #"[1,,2,]"#, #"[,]"#, #"{"a":1,}"#, "[]", "{}", #""""#, "0", "-7", "null",
            #"{"text":"line\nbreak\ttab \"quoted\" back\\slash \/ \u00e9\u0001 \ud83d\ude00 \ud800x"}"#,
            "{\"raw\":\"control\u{01}char\",\"unicode\":\"héllo wörld ✓\"}",
            #"{"body":"a\r\nb","number":12345678901234567890,"url":"https://api.github.com/repos/o/r/issues/1"}"#,
            #"{"B":1,"a":2,"_":3,"A":4,"0":5}"#,
            "[\"\\u005c\", \"\\u0022\", \"\\x\"]",
        ]
        for input in inputs {
            XCTAssertNotNil(JSONCanonical.canonical(input), input)
            XCTAssertEqual(JSONCanonical.canonical(input), treePath(input), input)
        }
    }

    func testLeavesMalformedInputAndNonASCIIKeysToTheTreePath() {
        for input in [#"{"a":}"#, "[1 2]", #"{"a" 1}"#, "nul", "1-2", #""open"#, "{", #"[1]x"#, #"{"\u12"#, "-"] {
            XCTAssertNil(JSONCanonical.canonical(input), input)
            XCTAssertNil(treePath(input), input)
        }
        XCTAssertNil(JSONCanonical.canonical(#"{"é":1}"#))
        XCTAssertNil(JSONCanonical.canonical(#"{"a\"b":1}"#))
        XCTAssertEqual(treePath(#"{"a\"b":1,"a":2}"#), #"{"a":2,"a\"b":1}"#)
        XCTAssertEqual(treePath(#"{"é":1,"e":2}"#), #"{"e":2,"é":1}"#)
    }

    func testParseJSONKeepsItsErrorsAndPositions() throws {
        let session = try Session(store: Session.openAccount(path: ":memory:"), user: "tester")
        try session.login(role: nil, warehouse: nil, database: nil, schema: nil)
        XCTAssertEqual(try session.execute(#"select parse_json('{"b": [1, 2], "a": "x"}')::string"#).rows, [[.string(#"{"a":"x","b":[1,2]}"#)]])
        XCTAssertThrowsError(try session.execute(#"select parse_json('{"a": tru}')"#)) { error in
            XCTAssertEqual("\(error)", #"100069 (22P02): Error parsing JSON: {"a": tru}, pos 10"#)
        }
    }

    /// Generated documents (keys out of order and repeated, bare and single-quoted keys, every escape,
    /// nesting, numbers, literals, blanks): the bytes path accepts each and writes the tree's text.
    func testAgreesWithTheTreePathOnGeneratedDocuments() {
        var g = SeededGenerator(state: 24_24)
        // Escapes, raw control characters and quotes, multi-byte characters, and runs long enough to
        // be read eight bytes at a time, with the special byte at any offset of a word.
        let pieces = ["a", "é", "\\n", "\\\"", "\\\\", "\\u00e9", "\\ud83d\\ude00", "\\t", "x y", "\\/", "✓", "'",
                      "\u{01}", "\t", "\u{1F}", "abcdefgh", "0123456789abcde", "ü€😀"]
        func text(_ g: inout SeededGenerator) -> String {
            (0..<g.next(9)).map { _ in pieces[g.next(pieces.count)] }.joined()
        }
        /// A string value, usually double-quoted; single-quoted, a double quote inside it is plain.
        func quoted(_ g: inout SeededGenerator) -> String {
            let body = text(&g)
            guard g.next(4) == 0 else { return "\"" + body + "\"" }
            return "'" + body.replacingOccurrences(of: "'", with: "\"") + "'"
        }
        // The bytes path leaves an object with a non-ASCII key to the tree (Swift orders those keys).
        var hasNonASCIIKey = false
        func blank(_ g: inout SeededGenerator) -> String { ["", "", " ", "\n  "][g.next(4)] }
        func value(_ g: inout SeededGenerator, depth: Int) -> String {
            switch g.next(depth > 3 ? 4 : 7) {
            case 0: return ["null", "true", "false", "NaN", "Infinity"][g.next(5)]
            case 1: return ["0", "-7", "12.50", "1e3", "-2.5E-2", "12345678901234567890"][g.next(6)]
            case 2, 3: return quoted(&g)
            case 4, 5:
                let members = (0..<g.next(5)).map { _ -> String in
                    let name = ["id", "b", "a", "A", "_", "z9", "a", "é", "long_key_name_1"][g.next(9)]
                    if name == "é" { hasNonASCIIKey = true }
                    let key = [ "\"\(name)\"", name, "'\(name)'"][g.next(3)]
                    return blank(&g) + key + blank(&g) + ":" + blank(&g) + value(&g, depth: depth + 1)
                }
                return "{" + members.joined(separator: ",") + blank(&g) + "}"
            default:
                return "[" + (0..<g.next(5)).map { _ in blank(&g) + value(&g, depth: depth + 1) }.joined(separator: ",") + "]"
            }
        }
        var leftToTheTree = 0
        for _ in 0..<4_000 {
            hasNonASCIIKey = false
            let document = blank(&g) + value(&g, depth: 0) + blank(&g)
            let expected = treePath(document)
            XCTAssertNotNil(expected, document)
            if hasNonASCIIKey {
                let canonical = JSONCanonical.canonical(document)
                if canonical == nil { leftToTheTree += 1 } else { XCTAssertEqual(canonical, expected, document) }
            } else {
                XCTAssertEqual(JSONCanonical.canonical(document), expected, document)
            }
            // Canonical text read again (CompactJSON.isCanonical's way) is itself.
            if let expected, !hasNonASCIIKey { XCTAssertEqual(JSONCanonical.canonical(expected), expected, expected) }
        }
        XCTAssertGreaterThan(leftToTheTree, 100)
        // Canonical but for one thing: the writer's text, not the input, comes out.
        for (document, canonical) in [("{\"b\":1,\"a\":2}", "{\"a\":2,\"b\":1}"), ("{\"a\":1,\"a\":2}", "{\"a\":2}"), ("[\"\\/\"]", "[\"/\"]"),
                                      ("[\"\\u00e9\"]", "[\"é\"]"), ("[\"\\u000A\"]", "[\"\\n\"]"), ("[\"\\u001F\"]", "[\"\\u001f\"]"),
                                      ("[\"\u{1}\"]", "[\"\\u0001\"]"), ("[1, 2]", "[1,2]"), ("['a']", "[\"a\"]"), ("{a:1}", "{\"a\":1}")] {
            XCTAssertEqual(JSONCanonical.canonical(document), canonical, document)
        }
        // As deep as PARSE_JSON goes, and one level deeper.
        for depth in [1_000, 1_001] {
            let document = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
            XCTAssertEqual(JSONCanonical.canonical(document), treePath(document), "depth \(depth)")
        }
    }

    /// Issues shaped like the GitHub fixture's, keys in API order: the bytes path and the tree agree.
    func testAgreesOnAPageOfIssues() {
        let issues = (1...50).map { n in
            #"{"url":"https://api.github.com/repos/o/r/issues/\#(n)","id":\#(1000 + n),"node_id":"I_\#(n)","number":\#(n),"#
                + #""title":"Issue \#(n) \"quoted\"","user":{"login":"u\#(n % 7)","id":\#(n % 7)},"labels":[{"name":"bug","color":"d73a4a"}],"#
                + #""state":"\#(n % 3 == 0 ? "closed" : "open")","comments":\#(n % 5),"body":"Line one\r\nLine two \u2713","#
                + #""created_at":"2024-0\#(n % 9 + 1)-01T00:00:00Z","closed_at":null}"#
        }
        let page = "[" + issues.joined(separator: ",") + "]"
        XCTAssertEqual(JSONCanonical.canonical(page), treePath(page))
    }
}
