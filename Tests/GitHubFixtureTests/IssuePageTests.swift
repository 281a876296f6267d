// IssuePageTests: a page written straight from issue numbers (Issue.jsonPage) is byte for byte
// the page of the issues Issue.init renders (Issue.jsonArray, which IssueRouteTests holds to
// JSONEncoder), over thousands of issues: every author, open and closed, null bodies, labels,
// changed titles with quotes, backslashes, tabs and non-ASCII text, base URLs and names that
// need escaping, numbers with no issue; and a title only JSONEncoder can write gives nil.

import Foundation
import XCTest

@testable import GitHubFixture

final class IssuePageTests: XCTestCase {
    private func repository(_ owner: String, _ name: String, count: Int, configuration: GitHubFixture.Configuration) -> RepositoryIssues {
        RepositoryIssues(GitHubFixture.Repository(owner: owner, name: name, issueCount: count), configuration: configuration)
    }

    private func assertSamePage(
        _ numbers: [Int], _ repository: RepositoryIssues, _ configuration: GitHubFixture.Configuration,
        line: UInt = #line
    ) {
        let issues = numbers.compactMap { GitHubFixture.Issue(number: $0, of: repository, configuration: configuration) }
        let expected = GitHubFixture.Issue.jsonArray(issues)
        XCTAssertNotNil(expected, line: line)
        let page = GitHubFixture.Issue.jsonPage(numbers, of: repository, configuration: configuration)
        XCTAssertEqual(page.map { String(decoding: $0, as: UTF8.self) }, expected.map { String(decoding: $0, as: UTF8.self) }, line: line)
    }

    func testAPageIsWhatTheIssuesWouldWrite() {
        let configurations = [
            GitHubFixture.Configuration(),
            GitHubFixture.Configuration(publicBaseURL: "http://127.0.0.1:8080/api\\v3", htmlBaseURL: "http://h/\"x\"", closedEvery: 2),
            GitHubFixture.Configuration(secondsUntilUpdate: 0, closedEvery: 1),
        ]
        for (k, configuration) in configurations.enumerated() {
            var repository = repository(
                k == 1 ? "Ow\"ner" : "Snowflake-Labs", k == 1 ? "ré\\po" : "sfquickstarts", count: 3_000,
                configuration: configuration)
            _ = repository.change(5, title: "Say \"hi\" \\ to\tthe café — now", state: .closed)
            _ = repository.change(6, title: "", state: .open)
            _ = repository.change(9, title: nil, state: .closed)
            _ = repository.change(10, title: "é✓😀\n\r\u{8}\u{C}/", state: nil)
            for start in stride(from: 1, to: 3_000, by: 100) {
                assertSamePage(Array(start..<(start + 100)), repository, configuration)
            }
            assertSamePage([3, 2, 1, 0, 2_999, 3_000, 3_001, -4, 7, 7], repository, configuration)
            assertSamePage([], repository, configuration)
        }
    }

    func testATitleOnlyJSONEncoderCanWriteGivesNil() {
        let configuration = GitHubFixture.Configuration()
        var repository = repository("o", "r", count: 10, configuration: configuration)
        XCTAssertNotNil(GitHubFixture.Issue.jsonPage(Array(1...10), of: repository, configuration: configuration))
        _ = repository.change(4, title: "bell\u{07}", state: nil)
        XCTAssertNil(GitHubFixture.Issue.jsonPage(Array(1...10), of: repository, configuration: configuration))
        XCTAssertNotNil(GitHubFixture.Issue.jsonPage([1, 2, 3, 5], of: repository, configuration: configuration))
    }

    /// Timestamp.format now writes bytes; its text is as before, zero-padded years included.
    func testTimestampsKeepTheirForm() {
        let expected = [
            0: "1970-01-01T00:00:00Z", 86_399: "1970-01-01T23:59:59Z", 1_704_067_200: "2024-01-01T00:00:00Z",
            951_786_123: "2000-02-29T01:02:03Z", 253_402_300_799: "9999-12-31T23:59:59Z", 253_402_300_800: "10000-01-01T00:00:00Z",
            -62_135_596_801: "0000-12-31T23:59:59Z",
        ]
        for (seconds, text) in expected {
            XCTAssertEqual(Timestamp.format(seconds), text, "\(seconds)")
        }
    }
}
