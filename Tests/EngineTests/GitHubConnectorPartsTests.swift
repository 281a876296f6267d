// The GitHub connector's parts, without a server: the fetched pages answer as a set of their URLs
// would, and a link back to one stops the run; the lookahead worker runs every request on one
// thread, in order, and that thread ends with the run.

import Foundation
import XCTest

@testable import GitHubConnector

final class GitHubConnectorPartsTests: XCTestCase {
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
