// JSONCanonical writes PARSE_JSON's canonical text straight from the bytes; it must agree with the
// tree path (JSONText.parse, keys sorted, JSONText.compact) on every input it accepts, and leave
// malformed input (and non-ASCII keys) to it.

import XCTest
@testable import Engine

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
