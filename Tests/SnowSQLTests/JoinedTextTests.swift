// JoinedTextTests: joinedText gives what the standard library's joined(separator:) gives, over
// generated arrays of strings (empty, single, multi-byte, empty elements) and separators.

import SnowSQL
import XCTest

final class JoinedTextTests: XCTestCase {
    func testTheEdges() {
        XCTAssertEqual([String]().joinedText(separator: ", "), "")
        XCTAssertEqual(["a"].joinedText(separator: ", "), "a")
        XCTAssertEqual(["", ""].joinedText(separator: "."), ".")
        XCTAssertEqual(["\"DB\"", "\"S\"", "\"T\""].joinedText(separator: "."), "\"DB\".\"S\".\"T\"")
        XCTAssertEqual(["a", "b"].joinedText(separator: ""), "ab")
    }

    func testJoinsAsTheStandardLibraryDoes() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["", "a", "bc", "é", "日本", "🙂", " ", "\n", "\"x\"", "|"]
        for _ in 0..<2_000 {
            let count = Int.random(in: 0...8, using: &generator)
            let strings = (0..<count).map { _ in
                (0..<Int.random(in: 0...3, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            }
            let separator = pieces.randomElement(using: &generator)!
            XCTAssertEqual(strings.joinedText(separator: separator), strings.joined(separator: separator), "\(strings) \(separator)")
        }
    }
}
