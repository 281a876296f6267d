// The GitHub connector's parts, without a server: the state objects' JSON gives the VARIANT that
// JSONSerialization's text gave (PARSE_JSON's canonical text compared, over unicode, `/`, control
// characters, nested objects, numbers, booleans and null, and random documents), and whatever the
// writer does not take is still JSONSerialization's; the fetched pages answer as a set of their
// URLs would, and a link back to one stops the run; the lookahead worker runs every request on one
// thread, in order, and that thread ends with the run.

import Foundation
import XCTest

@testable import Engine
@testable import GitHubConnector

final class GitHubConnectorPartsTests: XCTestCase {
    // MARK: - State objects as JSON

    private static func foundation(_ value: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]), as: UTF8.self)
    }

    /// The text the writer gives and JSONSerialization's are one VARIANT once PARSE_JSON has read them.
    private func assertSameVariant(_ value: [String: Any], file: StaticString = #filePath, line: UInt = #line) throws {
        let old = try Self.foundation(value)
        let new = try XCTUnwrap(KeyValueTable.written(value), "not written: \(old)", file: file, line: line)
        XCTAssertEqual(try Variant.parse(new), try Variant.parse(old), "\(new) against \(old)", file: file, line: line)
        XCTAssertEqual(try KeyValueTable.json(value), new, file: file, line: line)
    }

    func testStateObjectsGiveTheVariantJSONSerializationGave() throws {
        let link = "https://api.github.com/repos/Snowflake-Labs/sfquickstarts/issues?state=all&per_page=100&page=2"
        let ingestion: [String: Any] = [
            "table_name": "DEST_DB.PUBLIC.SNOWFLAKE_LABS_SFQUICKSTARTS", "rows_count": 250,
            "extras": ["current_page_link": link, "next_page_link": NSNull()],
        ]
        try assertSameVariant(["state": "RUNNING", "ingestion": ingestion])
        try assertSameVariant(["state": "DONE", "ingestion": ingestion, "watermark": "2024-03-01T10:00:00Z"])
        try assertSameVariant(["state": "FAILED", "reason": "GitHub answered 500 for \(link)"])
        try assertSameVariant(["enabled": true])
        try assertSameVariant([:])
        let strings = [
            "", "a/b", "</script>", "http://x/y?z=1&w=2#f", "quote \" and backslash \\ and both \\\"",
            "\u{0}\u{1}\u{7}\u{8}\t\n\u{B}\u{C}\r\u{E}\u{1F} \u{7F}", "é ü ß 中文 😀 👩‍👩‍👧", "e\u{301} (combining)",
            "\u{2028}\u{2029}\u{FEFF}\u{FFFD}\u{10FFFF}", "\\u0041 is not an escape", "'single' `back`", "\u{85}\u{A0}",
        ]
        for (i, text) in strings.enumerated() {
            try assertSameVariant(["value": text, "nested": ["k\(i)": [text, [text: text]]], text: i])
        }
        try assertSameVariant([
            "numbers": [0, -1, 1, 42, Int.max, Int.min, 1_000_000], "booleans": [true, false], "null": NSNull(),
            "empty": ["object": [String: Any](), "array": [Any]()],
            "deep": ["a": ["b": ["c": ["d": [[["e": [true, NSNull(), "f"]]]]]]]],
            "keys": ["b": 1, "B": 2, "é": 3, "e": 4, "_": 5, "a/": 6, "": 7, "10": 8, "9": 9, "\n": 10, "\"": 11, "😀": 12],
        ])
    }

    func testRandomDocumentsGiveTheVariantJSONSerializationGave() throws {
        var generator = SystemRandomNumberGenerator()
        func text() -> String {
            let pool: [ClosedRange<UInt32>] = [0x0...0x1F, 0x20...0x7E, 0x7F...0x7FF, 0x800...0xD7FF, 0xE000...0xFFFF, 0x10000...0x10FFFF]
            var scalars = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...12, using: &generator) {
                let range = pool.randomElement(using: &generator)!
                scalars.append(Unicode.Scalar(UInt32.random(in: range, using: &generator))!)
            }
            return String(scalars)
        }
        func value(_ depth: Int) -> Any {
            switch Int.random(in: 0..<(depth < 4 ? 7 : 5), using: &generator) {
            case 0: return text()
            case 1: return Int.random(in: Int.min...Int.max, using: &generator)
            case 2: return Bool.random(using: &generator)
            case 3: return NSNull()
            case 4: return "/" + text() + "/"
            case 5: return (0..<Int.random(in: 0...4, using: &generator)).map { _ in value(depth + 1) }
            default: return object(depth + 1)
            }
        }
        func object(_ depth: Int) -> [String: Any] {
            var object: [String: Any] = [:]
            for _ in 0..<Int.random(in: 0...5, using: &generator) { object[text()] = value(depth) }
            return object
        }
        for _ in 0..<500 { try assertSameVariant(object(0)) }
    }

    /// Numbers JSONSerialization read back (NSNumber: an integer, a double or a boolean) and Swift
    /// doubles are left to JSONSerialization: the text is exactly what it was.
    func testOtherValuesAreStillJSONSerializations() throws {
        let config = try XCTUnwrap(
            JSONSerialization.jsonObject(with: Data(#"{"per_page": 50, "incremental": false, "ratio": 1.5, "name": "x"}"#.utf8))
                as? [String: Any])
        for value: [String: Any] in [config, ["ratio": 0.1], ["whole": 1.0], ["number": NSNumber(value: 3)], ["nested": ["x": 2.5]]] {
            XCTAssertNil(KeyValueTable.written(value), "\(value)")
            XCTAssertEqual(try KeyValueTable.json(value), try Self.foundation(value))
        }
    }

    // MARK: - Fetched pages

    func testFetchedPagesAnswerAsASetOfTheirURLs() {
        let base = "https://api.github.com/repos/o/r/issues?state=all&per_page=100"
        var urls = [
            base, base + "&since=2024-01-01T00:00:00Z", "https://api.github.com/x", "https://api.github.com/x?page=",
            base + "&page=007", base + "&page=0", base + "&page=-1", base + "&page=1x", base + "&page=99999999999999999999",
            "https://api.github.com/repos/o/r/issues?page=3&state=all", "https://api.github.com/repos/o/r/issues?page=3",
            base + "&page=3&page=4", base + "&page=4&page=3", base + "&page=5#part", "https://api.github.com/repos/o/r/issues?Page=3",
            "https://api.github.com/repos/o/r/issues?xpage=3", "page=3", "https://api.github.com/p?a=1&page=3&b=2",
        ]
        urls += (1...300).map { base + "&page=\($0)" }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            var pages = FetchedPages()
            var set: Set<String> = []
            for url in urls.shuffled(using: &generator).prefix(Int.random(in: 0...urls.count, using: &generator)) {
                pages.insert(url)
                set.insert(url)
                if Bool.random(using: &generator) {
                    pages.insert(url)  // twice counts once
                }
                XCTAssertEqual(pages.count, set.count)
            }
            for url in urls + ["\(base)&page=301", "\(base)&page=00", base.uppercased()] {
                XCTAssertEqual(pages.contains(url), set.contains(url), url)
            }
        }
    }

    func testALinkBackToAFetchedPageStopsTheRunAndOthersDoNot() {
        let base = "https://api.github.com/repos/o/r/issues?state=all&per_page=100"
        var pages = FetchedPages()
        pages.insert(IngestData.normalized(base))
        for page in 2...10_000 { pages.insert(IngestData.normalized("\(base)&page=\(page)")) }
        XCTAssertEqual(pages.count, 10_000)
        XCTAssertNil(IngestData.stopReason(next: nil, fetched: pages, maxPages: 20_000))
        XCTAssertNil(IngestData.stopReason(next: "\(base)&page=10001", fetched: pages, maxPages: 20_000))
        XCTAssertEqual(
            IngestData.stopReason(
                next: "HTTPS://API.GITHUB.COM:443/repos/o/r/issues?state=all&per_page=100&page=77", fetched: pages, maxPages: 20_000),
            "GitHub's next-page link points back to HTTPS://API.GITHUB.COM:443/repos/o/r/issues?state=all&per_page=100&page=77, "
                + "a page this run already fetched; stopped after 10000 pages")
        XCTAssertNotNil(IngestData.stopReason(next: base, fetched: pages, maxPages: 20_000))
        XCTAssertEqual(
            IngestData.stopReason(next: "\(base)&page=10001", fetched: pages, maxPages: 10_000),
            "GitHub's next-page links go on past 10000 pages (max_pages); stopped after 10000 pages, before \(base)&page=10001")
    }

    // MARK: - The lookahead worker

    func testOneThreadRunsTheRequestsInOrderAndEndsWithTheRun() throws {
        final class Seen: @unchecked Sendable {
            let lock = NSLock()
            /// `/proc/<pid>/task/<tid>` of each thread a request ran on.
            var threads: Set<String> = []
            var order: [Int] = []
        }
        let seen = Seen()
        let done = DispatchSemaphore(value: 0)
        var worker: LookaheadWorker? = LookaheadWorker()
        for i in 0..<200 {
            worker?.send {
                let thread = "/proc/" + ((try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/thread-self")) ?? "?")
                seen.lock.withLock {
                    seen.threads.insert(thread)
                    seen.order.append(i)
                }
                done.signal()
            }
        }
        for _ in 0..<200 { done.wait() }
        let threads = seen.lock.withLock { seen.threads }
        XCTAssertEqual(threads.count, 1, "\(threads)")
        XCTAssertEqual(seen.lock.withLock { seen.order }, Array(0..<200))
        let thread = try XCTUnwrap(threads.first)
        XCTAssertEqual(try String(contentsOfFile: thread + "/comm", encoding: .utf8), "page-lookahead\n")
        worker = nil
        let deadline = Date().addingTimeInterval(10)
        while FileManager.default.fileExists(atPath: thread) && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        XCTAssertFalse(FileManager.default.fileExists(atPath: thread), "the thread ends once the run lets go of the worker")
    }
}
