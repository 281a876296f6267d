// IssueListingTests: the arithmetic behind a page of issues checked against the obvious way (make
// every issue, filter, sort, slice) on repositories of many shapes: changed, closed, reopened and
// added issues, every state, sort, direction, `since` on and between instants, every page size.
// Also the hand-written ISO-8601 conversions against Foundation's formatter, and how a query
// string is read.

import Foundation
import XCTest

@testable import GitHubFixture

final class IssueListingTests: XCTestCase {
    /// A repository with `count` issues and the configuration's timeline.
    private func repository(_ count: Int, closedEvery: Int, lag: Int = 3600) -> RepositoryIssues {
        let configuration = GitHubFixture.Configuration(secondsUntilUpdate: lag, closedEvery: closedEvery)
        return RepositoryIssues(GitHubFixture.Repository(owner: "o", name: "r", issueCount: count), configuration: configuration)
    }

    /// Every filter and page size against the brute-force listing of `repository`.
    private func assertListsLikeBruteForce(_ repository: RepositoryIssues, _ shape: String, line: UInt = #line) {
        let records = (1...max(repository.count, 1)).compactMap { repository.record($0) }
        let instants = records.flatMap { [$0.updatedAt, $0.updatedAt + 1] }.sorted()
        var sinces: [Int?] = [nil, Int.min]
        if !instants.isEmpty {
            sinces += [instants[0] - 1, instants[instants.count / 3], instants[instants.count / 2], instants[instants.count - 2], instants.last! + 1]
        }
        for state in [IssueQuery.StateFilter.open, .closed, .all] {
            for sort in [IssueQuery.Sort.created, .updated] {
                for direction in [IssueQuery.Direction.ascending, .descending] {
                    for since in sinces {
                        let filter = IssueQuery.Filter(state: state, since: since, sort: sort, direction: direction)
                        var expected = records
                            .filter { $0.state.passes(state) && $0.updatedAt >= (since ?? Int.min) }
                            .sorted { (sort == .updated ? ($0.updatedAt, $0.number) : ($0.createdAt, $0.number)) < (sort == .updated ? ($1.updatedAt, $1.number) : ($1.createdAt, $1.number)) }
                            .map(\.number)
                        if direction == .descending { expected.reverse() }
                        for limit in [1, 7, 100] {
                            var listed: [Int] = []
                            var offset = 0
                            repeat {
                                let page = repository.list(filter, offset: offset, limit: limit)
                                XCTAssertEqual(page.total, expected.count, "\(shape) \(filter)", line: line)
                                listed += page.numbers
                                offset += limit
                            } while offset < expected.count + limit
                            XCTAssertEqual(listed, expected, "\(shape) \(filter) limit \(limit)", line: line)
                        }
                    }
                }
            }
        }
    }

    func testUntouchedRepositoriesListLikeBruteForce() {
        assertListsLikeBruteForce(repository(37, closedEvery: 3), "37 issues, every 3rd closed")
        assertListsLikeBruteForce(repository(12, closedEvery: 1), "everything closed")
        assertListsLikeBruteForce(repository(9, closedEvery: 0, lag: 0), "nothing closed, updated when created")
        assertListsLikeBruteForce(repository(0, closedEvery: 5), "no issues")
    }

    func testChangedAndAddedIssuesListLikeBruteForce() {
        var issues = repository(37, closedEvery: 4)
        XCTAssertTrue(issues.change(1, title: "retitled", state: nil))
        XCTAssertTrue(issues.change(8, title: nil, state: .open))
        XCTAssertTrue(issues.change(20, title: nil, state: .closed))
        XCTAssertTrue(issues.change(37, title: "last one", state: nil))
        XCTAssertFalse(issues.change(38, title: "none", state: nil))
        assertListsLikeBruteForce(issues, "four changes")
        XCTAssertTrue(issues.change(8, title: "reopened, then retitled", state: nil))
        XCTAssertEqual(issues.record(8)?.state, .open, "a later change keeps the earlier state")
        XCTAssertEqual(issues.add(5), 38..<43)
        XCTAssertTrue(issues.change(40, title: nil, state: .closed))
        XCTAssertEqual(issues.add(0), 43..<43)
        XCTAssertEqual(issues.add(2), 43..<45)
        XCTAssertTrue(issues.change(3, title: nil, state: .closed))
        assertListsLikeBruteForce(issues, "changes between batches")

        var empty = repository(0, closedEvery: 0)
        XCTAssertEqual(empty.add(4), 1..<5)
        XCTAssertTrue(empty.change(2, title: "only change", state: nil))
        assertListsLikeBruteForce(empty, "an empty repository that grew")
    }

    func testTimelineIsDeterministicAndChangesComeAfterEverything() {
        var issues = repository(10, closedEvery: 5)
        let epoch = 1_704_067_200
        XCTAssertEqual(issues.record(1), RepositoryIssues.Record(number: 1, title: nil, state: .open, createdAt: epoch + 600, updatedAt: epoch + 4200))
        XCTAssertEqual(issues.record(10)?.state, .closed)
        XCTAssertNil(issues.record(0))
        XCTAssertNil(issues.record(11))
        _ = issues.change(4, title: "first", state: nil)
        _ = issues.change(6, title: "second", state: nil)
        XCTAssertEqual(issues.record(4)?.updatedAt, epoch + 6000 + 3600 + 60)
        XCTAssertEqual(issues.record(6)?.updatedAt, epoch + 6000 + 3600 + 120)
        XCTAssertEqual(issues.add(1), 11..<12)
        XCTAssertEqual(issues.record(11)?.createdAt, epoch + 6000 + 3600 + 120 + 600)
        XCTAssertEqual(repository(3, closedEvery: 5).key, issues.key, "the key comes from the full name")
    }

    // MARK: - Timestamps

    func testTimestampsFormatLikeFoundation() {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        XCTAssertEqual(Timestamp.format(0), "1970-01-01T00:00:00Z")
        XCTAssertEqual(Timestamp.format(-1), "1969-12-31T23:59:59Z")
        XCTAssertEqual(Timestamp.format(951_782_400), "2000-02-29T00:00:00Z")
        XCTAssertEqual(Timestamp.format(1_704_067_800), "2024-01-01T00:10:00Z")
        for seconds in stride(from: -2_208_988_800, to: 4_102_444_800, by: 7919 * 3600 + 13) {
            let text = Timestamp.format(seconds)
            XCTAssertEqual(text, formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds))))
            XCTAssertEqual(Timestamp.parse(text), seconds, text)
        }
    }

    func testSinceAcceptsGitHubsFormsAndRefusesTheRest() {
        XCTAssertEqual(Timestamp.parse("2024-01-01T00:10:00Z"), 1_704_067_800)
        XCTAssertEqual(Timestamp.parse("2024-01-01T00:10:00.999Z"), 1_704_067_800)
        XCTAssertEqual(Timestamp.parse("2024-01-01T02:10:00+02:00"), 1_704_067_800)
        XCTAssertEqual(Timestamp.parse("2023-12-31T23:40:00-00:30"), 1_704_067_800)
        XCTAssertEqual(Timestamp.parse("2024-01-01"), 1_704_067_200)
        XCTAssertEqual(Timestamp.parse("2024-02-29"), 1_709_164_800)
        for invalid in ["", "yesterday", "2024-13-01", "2023-02-29", "2024-01-01T24:00:00Z", "2024-01-01T00:00:00",
                        "2024-01-01T00:00:00Zjunk", "2024-01-01T00:00Z", "2024-01-01T00:00:00.Z", "2024-1-01"] {
            XCTAssertNil(Timestamp.parse(invalid), invalid)
        }
    }

    // MARK: - Queries

    func testQueryReadsGitHubsParameters() throws {
        let query = try IssueQuery(query: "state=all&state=closed&since=2024-01-01&sort=updated&direction=asc&per_page=250&page=3&labels=bug")
        XCTAssertEqual(query.filter, IssueQuery.Filter(state: .all, since: 1_704_067_200, sort: .updated, direction: .ascending))
        XCTAssertEqual(query.perPage, 100)
        XCTAssertEqual(query.page, 3)
        XCTAssertEqual(query.offset, 200)
        XCTAssertEqual(try IssueQuery(query: nil), try IssueQuery(query: ""))
        XCTAssertEqual(try IssueQuery(query: nil).filter, IssueQuery.Filter(state: .open, since: nil, sort: .created, direction: .descending))
        XCTAssertThrowsError(try IssueQuery(query: "direction=up")) { error in
            XCTAssertEqual(error as? IssueQuery.InvalidParameter, IssueQuery.InvalidParameter(name: "direction"))
        }
        let paged = try IssueQuery(query: "page=2")
        XCTAssertEqual(paged.linkHeader(total: 31, baseURL: "https://api.github.com", path: "/repos/o/r/issues"),
                       #"<https://api.github.com/repos/o/r/issues?page=1>; rel="prev", <https://api.github.com/repos/o/r/issues?page=1>; rel="first""#)
        XCTAssertNil(try IssueQuery(query: nil).linkHeader(total: 30, baseURL: "https://api.github.com", path: "/repos/o/r/issues"))
        XCTAssertNil(try IssueQuery(query: nil).linkHeader(total: 0, baseURL: "https://api.github.com", path: "/repos/o/r/issues"))
    }
}
