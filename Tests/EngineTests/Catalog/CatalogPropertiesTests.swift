// A catalog row's `properties` column is written by Foundation's JSONSerialization (sorted keys)
// and read back by Catalog.storedProperties through JSONText: every dictionary Snowlite can write
// must come back as it was, and text that is not an object of strings must be refused as a
// damaged account file, never read as empty.

import Foundation
import XCTest
@testable import Engine

final class CatalogPropertiesTests: XCTestCase {
    /// Characters a property may hold: plain text, quotes, backslashes, slashes, controls, NUL,
    /// accents, CJK, an emoji (a surrogate pair in JSON's \u escapes), JSON's own punctuation.
    private static let pieces = [
        "a", "Z", "0", " ", "\"", "\\", "/", "\n", "\r", "\t", "\u{0}", "\u{1}", "\u{1F}", "\u{7F}", "é", "ß", "中",
        "\u{2028}", "😀", "{", "}", "[", "]", ":", ",", "'", "null", "true", "1e5", "-0",
    ]

    private func randomText(_ generator: inout SeededGenerator) -> String {
        (0..<generator.next(12)).map { _ in Self.pieces[generator.next(Self.pieces.count)] }.joined()
    }

    func testWhatSnowliteWritesReadsBackAsItWas() throws {
        var generator = SeededGenerator(state: 24)
        for _ in 0..<2_000 {
            var properties: [String: String] = [:]
            for _ in 0..<generator.next(6) { properties[randomText(&generator)] = randomText(&generator) }
            let text = String(decoding: try JSONSerialization.data(withJSONObject: properties, options: [.sortedKeys]), as: UTF8.self)
            XCTAssertEqual(try Catalog.storedProperties(text, of: "X"), properties, text)
        }
    }

    func testTheCommonCases() throws {
        XCTAssertEqual(try Catalog.storedProperties("{}", of: "X"), [:])
        XCTAssertEqual(try Catalog.storedProperties(#"{"size":"X-Small","state":"STARTED"}"#, of: "X"), ["size": "X-Small", "state": "STARTED"])
        XCTAssertEqual(try Catalog.storedProperties(#"{"a":"x\/y\u00e9\ud83d\ude00"}"#, of: "X"), ["a": "x/yé😀"])
    }

    func testAnythingButAnObjectOfStringsIsADamagedFile() {
        for text in ["", "[]", "\"a\"", "{\"a\":1}", "{\"a\":null}", "{\"a\":[\"b\"]}", "{\"a\":\"b\"", "{\"a\":\"b\"} x", "nonsense"] {
            XCTAssertThrowsError(try Catalog.storedProperties(text, of: "WH")) { error in
                let error = error as? SnowflakeError
                XCTAssertEqual(error?.code, "000603", text)
                XCTAssertEqual(error?.message, "SQL execution internal error:\nThe account file holds a damaged properties column for 'WH'.", text)
            }
        }
    }
}
