// IssueRouteTests: `GET /repos/{owner}/{repo}/issues` and `/issues/{number}` through the router, as
// the connector sees them: pages and their exact `Link` headers, the per_page cap, the state and
// since filters, sorting, the issue JSON itself, the public base URL, 401 / 404 / 422 bodies word
// for word, and the rate-limit headers and their enforcement.

import Foundation
@testable import GitHubFixture
import HummingbirdTesting
import XCTest

/// What `Link` headers of the sfquickstarts listing start with.
private let base = "https://api.github.com/repos/Snowflake-Labs/sfquickstarts/issues"

final class IssueRouteTests: XCTestCase {
    // MARK: - Pagination

    func testDefaultListingIsThirtyOpenIssuesNewestFirst() async throws {
        try await withRouter { fixture in
            let response = try await fixture.get(quickstarts)
            XCTAssertEqual(response.status, .ok)
            XCTAssertEqual(response.header("Content-Type"), "application/json; charset=utf-8")
            XCTAssertEqual(try response.issues().map(\.number), Array((1...250).reversed().filter { $0 % 5 != 0 }.prefix(30)))
            // 200 open issues: 7 pages of 30.
            XCTAssertEqual(response.header("Link"), "<\(base)?page=2>; rel=\"next\", <\(base)?page=7>; rel=\"last\"")
        }
    }

    func testPagesOfOneHundredCarryGitHubsLinkHeaderAndCoverEveryIssueOnce() async throws {
        try await withRouter { fixture in
            let first = try await fixture.get("\(quickstarts)?per_page=100&state=all")
            XCTAssertEqual(
                first.header("Link"),
                "<\(base)?per_page=100&state=all&page=2>; rel=\"next\", <\(base)?per_page=100&state=all&page=3>; rel=\"last\"")
            let second = try await fixture.get("\(quickstarts)?per_page=100&state=all&page=2")
            XCTAssertEqual(
                second.header("Link"),
                "<\(base)?per_page=100&state=all&page=1>; rel=\"prev\", <\(base)?per_page=100&state=all&page=3>; rel=\"next\", "
                    + "<\(base)?per_page=100&state=all&page=3>; rel=\"last\", <\(base)?per_page=100&state=all&page=1>; rel=\"first\"")
            let last = try await fixture.get("\(quickstarts)?per_page=100&state=all&page=3")
            XCTAssertEqual(
                last.header("Link"),
                "<\(base)?per_page=100&state=all&page=2>; rel=\"prev\", <\(base)?per_page=100&state=all&page=1>; rel=\"first\"")
            XCTAssertFalse(last.header("Link")!.contains("rel=\"next\""))

            let numbers = try first.issues().map(\.number) + second.issues().map(\.number) + last.issues().map(\.number)
            XCTAssertEqual(numbers, Array((1...250).reversed()))
        }
    }

    func testLinkReplacesPageWhereTheRequestHadItAndKeepsEveryOtherParameterAsSent() async throws {
        try await withRouter { fixture in
            let query = "page=2&state=closed&since=2024-01-01T00%3A00%3A00Z&per_page=10&sort=updated"
            let response = try await fixture.get("\(quickstarts)?\(query)")
            let link = { (page: Int) in "<\(base)?page=\(page)&state=closed&since=2024-01-01T00%3A00%3A00Z&per_page=10&sort=updated>" }
            // 50 closed issues: 5 pages of 10.
            XCTAssertEqual(
                response.header("Link"),
                "\(link(1)); rel=\"prev\", \(link(3)); rel=\"next\", \(link(5)); rel=\"last\", \(link(1)); rel=\"first\"")
            XCTAssertEqual(try response.issues().map(\.number), [200, 195, 190, 185, 180, 175, 170, 165, 160, 155])
        }
    }

    func testAPageThatFitsHasNoLinkHeaderAndAPagePastTheEndIsEmpty() async throws {
        try await withRouter { fixture in
            let single = try await fixture.get("/repos/Snowflake-Labs/snowcli/issues?per_page=100&state=all")
            XCTAssertEqual(try single.issues().map(\.number), Array((1...42).reversed()))
            XCTAssertNil(single.header("Link"))

            let beyond = try await fixture.get("\(quickstarts)?per_page=100&page=4&state=all")
            XCTAssertEqual(beyond.status, .ok)
            XCTAssertEqual(beyond.text, "[]")
            XCTAssertEqual(
                beyond.header("Link"),
                "<\(base)?per_page=100&page=3&state=all>; rel=\"prev\", <\(base)?per_page=100&page=1&state=all>; rel=\"first\"")
        }
    }

    func testPerPageIsCappedAtOneHundredAndNonsenseFallsBackToDefaults() async throws {
        try await withRouter { fixture in
            let capped = try await fixture.get("\(quickstarts)?per_page=500&state=all")
            XCTAssertEqual(try capped.issues().count, 100)
            XCTAssertEqual(
                capped.header("Link"),
                "<\(base)?per_page=500&state=all&page=2>; rel=\"next\", <\(base)?per_page=500&state=all&page=3>; rel=\"last\"")
            let nonsense = try await fixture.get("\(quickstarts)?per_page=0&page=abc&state=all")
            XCTAssertEqual(try nonsense.issues().map(\.number), Array((221...250).reversed()))
        }
    }

    func testTheThousandthPageOfAHundredThousandIssuesIsComputedNotStored() async throws {
        let configuration = GitHubFixture.Configuration(repositories: [GitHubFixture.Repository(owner: "bench", name: "big", issueCount: 100_000)])
        try await withRouter(configuration) { fixture in
            let api = "https://api.github.com/repos/bench/big/issues"
            let query = "state=all&sort=updated&direction=asc&per_page=100"
            let last = try await fixture.get("/repos/bench/big/issues?\(query)&page=1000")
            XCTAssertEqual(try last.issues().map(\.number), Array(99_901...100_000))
            XCTAssertEqual(last.header("Link"), "<\(api)?\(query)&page=999>; rel=\"prev\", <\(api)?\(query)&page=1>; rel=\"first\"")
            let first = try await fixture.get("/repos/bench/big/issues?\(query)")
            XCTAssertEqual(first.header("Link"), "<\(api)?\(query)&page=2>; rel=\"next\", <\(api)?\(query)&page=1000>; rel=\"last\"")
            XCTAssertEqual(try last.issues().last?.updatedAt, defaultUpdatedAt(100_000))
        }
    }

    // MARK: - Filters and order

    func testStateFilter() async throws {
        try await withRouter { fixture in
            let closed = try await fixture.numbers("\(quickstarts)?state=closed&per_page=100")
            XCTAssertEqual(closed, Array(stride(from: 250, through: 5, by: -5)))
            let open = try await fixture.numbers("\(quickstarts)?state=open&per_page=100&page=2")
            XCTAssertEqual(open, Array((1...250).reversed().filter { $0 % 5 != 0 }.dropFirst(100)))
            let issue = try await fixture.get("\(quickstarts)?state=closed&per_page=1").issues()[0]
            XCTAssertEqual(issue.state, .closed)
            XCTAssertEqual(issue.stateReason, "completed")
            XCTAssertEqual(issue.closedAt, issue.updatedAt)

            let invalid = try await fixture.get("\(quickstarts)?state=merged")
            XCTAssertEqual(invalid.status.code, 422)
            XCTAssertEqual(
                invalid.text,
                #"{"message":"Validation Failed","errors":[{"resource":"Issue","code":"invalid","field":"state"}],"documentation_url":"https://docs.github.com/rest/issues/issues#list-repository-issues"}"#
            )
        }
    }

    func testSinceKeepsIssuesUpdatedAtOrAfterIt() async throws {
        try await withRouter { fixture in
            let since = defaultUpdatedAt(240)
            let numbers = try await fixture.numbers("\(quickstarts)?state=all&since=\(since)&sort=updated&direction=asc")
            XCTAssertEqual(numbers, Array(240...250))
            // An offset and a fraction name the same instant.
            let shifted = try await fixture.numbers("\(quickstarts)?state=all&since=2024-01-02T19%3A00%3A00.5%2B02%3A00")
            XCTAssertEqual(defaultUpdatedAt(240), "2024-01-02T17:00:00Z")
            XCTAssertEqual(shifted, Array((240...250).reversed()))
            let invalid = try await fixture.get("\(quickstarts)?since=yesterday")
            XCTAssertEqual(invalid.status.code, 422)
            XCTAssertTrue(invalid.text.contains(#""field":"since""#), invalid.text)
        }
    }

    func testSortAndDirection() async throws {
        try await withRouter { fixture in
            let oldestUpdated = try await fixture.numbers("\(quickstarts)?state=all&sort=updated&direction=asc&per_page=5")
            XCTAssertEqual(oldestUpdated, [1, 2, 3, 4, 5])
            let newestCreated = try await fixture.numbers("\(quickstarts)?state=all&sort=created&per_page=3&page=2")
            XCTAssertEqual(newestCreated, [247, 246, 245])
            let comments = try await fixture.get("\(quickstarts)?sort=comments")
            XCTAssertEqual(comments.status.code, 422)
        }
    }

    // MARK: - The issue itself

    func testIssueCarriesGitHubsFieldsOnThePublicBaseURL() async throws {
        try await withRouter { fixture in
            let response = try await fixture.get("/repos/Snowflake-Labs/snowcli/issues?state=all&sort=created&direction=asc&per_page=7")
            let objects = try XCTUnwrap(try response.json() as? [[String: Any]])
            let third = objects[2]
            let api = "https://api.github.com/repos/Snowflake-Labs/snowcli"
            XCTAssertEqual(third["number"] as? Int, 3)
            XCTAssertEqual(third["url"] as? String, "\(api)/issues/3")
            XCTAssertEqual(third["repository_url"] as? String, api)
            XCTAssertEqual(third["labels_url"] as? String, "\(api)/issues/3/labels{/name}")
            XCTAssertEqual(third["comments_url"] as? String, "\(api)/issues/3/comments")
            XCTAssertEqual(third["events_url"] as? String, "\(api)/issues/3/events")
            XCTAssertEqual(third["html_url"] as? String, "https://github.com/Snowflake-Labs/snowcli/issues/3")
            XCTAssertEqual(third["state"] as? String, "open")
            XCTAssertEqual(third["title"] as? String, "Fixture issue #3 in Snowflake-Labs/snowcli")
            XCTAssertEqual(
                third["body"] as? String,
                "Steps to reproduce issue #3:\n1. Open \"quickstart 3\" and run `setup.sql`.\n2. The step fails — see the log.")
            XCTAssertEqual(third["created_at"] as? String, "2024-01-01T00:30:00Z")
            XCTAssertEqual(third["updated_at"] as? String, "2024-01-01T01:30:00Z")
            XCTAssertTrue(third["closed_at"] is NSNull)
            let user = try XCTUnwrap(third["user"] as? [String: Any])
            XCTAssertEqual(user["login"] as? String, "snowlite-dev")
            XCTAssertEqual(user["id"] as? Int, 120_004_007)
            XCTAssertEqual((third["labels"] as? [[String: Any]])?.map { $0["name"] as? String }, ["bug"])
            XCTAssertTrue(objects[6]["body"] is NSNull, "issue 7 has a null body, and the key is there")
            XCTAssertTrue(response.text.contains(#""html_url":"https://github.com/Snowflake-Labs/snowcli/issues/3""#), "slashes unescaped")

            let ids = Set(objects.compactMap { $0["id"] as? Int })
            let nodeIDs = Set(objects.compactMap { $0["node_id"] as? String })
            XCTAssertEqual(ids.count, 7)
            XCTAssertEqual(nodeIDs.count, 7)
            XCTAssertTrue(nodeIDs.allSatisfy { $0.hasPrefix("I_kwDO") })
        }
    }

    func testIssuesAreTheSameOnEveryRunAndTheSingleIssueRouteServesThem() async throws {
        let listed = try await withRouter { fixture in try await fixture.get("\(quickstarts)?per_page=3").text }
        let again = try await withRouter { fixture in try await fixture.get("\(quickstarts)?per_page=3").text }
        XCTAssertEqual(listed, again)
        try await withRouter { fixture in
            let page = try await fixture.get("\(quickstarts)?per_page=1").issues()
            let single = try await fixture.get("\(quickstarts)/249")
            XCTAssertEqual(single.status, .ok)
            XCTAssertEqual(try JSONDecoder().decode(GitHubFixture.Issue.self, from: Data(single.text.utf8)), page[0])
            XCTAssertEqual(fixture.controller.issue(repo: "snowflake-labs/SFQUICKSTARTS", number: 249), page[0])
            let missing = try await fixture.get("\(quickstarts)/251")
            XCTAssertEqual(missing.text, #"{"message":"Not Found","documentation_url":"https://docs.github.com/rest"}"#)
        }
    }

    func testPublicBaseURLIsConfigurable() async throws {
        var configuration = GitHubFixture.Configuration(publicBaseURL: "https://github.example.com/api/v3/")
        configuration.repositories = [GitHubFixture.Repository(owner: "acme", name: "widgets", issueCount: 3)]
        try await withRouter(configuration) { fixture in
            let response = try await fixture.get("/repos/acme/widgets/issues?per_page=2")
            XCTAssertEqual(try response.issues().map(\.url), ["https://github.example.com/api/v3/repos/acme/widgets/issues/3", "https://github.example.com/api/v3/repos/acme/widgets/issues/2"])
            XCTAssertEqual(
                response.header("Link"),
                "<https://github.example.com/api/v3/repos/acme/widgets/issues?per_page=2&page=2>; rel=\"next\", <https://github.example.com/api/v3/repos/acme/widgets/issues?per_page=2&page=2>; rel=\"last\"")
        }
    }

    // MARK: - Errors, credentials and the rate limit

    func testUnknownRepositoryAndUnknownRouteAre404WithGitHubsBody() async throws {
        try await withRouter { fixture in
            for uri in ["/repos/Snowflake-Labs/nope/issues", "/repos/Snowflake-Labs/sfquickstarts/pulls", "/user"] {
                let response = try await fixture.get(uri)
                XCTAssertEqual(response.status, .notFound, uri)
                XCTAssertEqual(response.text, #"{"message":"Not Found","documentation_url":"https://docs.github.com/rest"}"#, uri)
                XCTAssertEqual(response.header("X-RateLimit-Limit"), "5000", uri)
            }
        }
    }

    func testMissingOrWrongCredentialsAre401WithGitHubsBody() async throws {
        try await withRouter { fixture in
            for authorization in [nil, "Bearer ghp_wrong", "Basic Z2hwOng=", GitHubFixture.defaultToken] {
                let response = try await fixture.get(quickstarts, authorization: authorization)
                XCTAssertEqual(response.status, .unauthorized, authorization ?? "no header")
                XCTAssertEqual(response.text, #"{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest"}"#)
                XCTAssertEqual(response.header("X-RateLimit-Remaining"), "5000", "a refused request is not counted")
            }
            for authorization in ["token \(GitHubFixture.defaultToken)", "bearer \(GitHubFixture.defaultToken)"] {
                let response = try await fixture.get(quickstarts, authorization: authorization)
                XCTAssertEqual(response.status, .ok, authorization)
            }
        }
        try await withRouter(GitHubFixture.Configuration(token: "ghp_other")) { fixture in
            let defaultToken = try await fixture.get(quickstarts)
            XCTAssertEqual(defaultToken.status, .unauthorized)
            let configuredToken = try await fixture.get(quickstarts, authorization: "Bearer ghp_other")
            XCTAssertEqual(configuredToken.status, .ok)
        }
    }

    func testEveryResponseCarriesTheRateLimitAndTheLimitIsEnforced() async throws {
        let reset = String(Int(fixedNow.timeIntervalSince1970) + 3600)
        try await withRouter(GitHubFixture.Configuration(rateLimit: 2)) { fixture in
            let first = try await fixture.get(quickstarts)
            XCTAssertEqual(first.header("X-RateLimit-Limit"), "2")
            XCTAssertEqual(first.header("X-RateLimit-Remaining"), "1")
            XCTAssertEqual(first.header("X-RateLimit-Used"), "1")
            XCTAssertEqual(first.header("X-RateLimit-Reset"), reset)
            let second = try await fixture.get("/repos/Snowflake-Labs/nope/issues")
            XCTAssertEqual(second.header("X-RateLimit-Remaining"), "0")
            let third = try await fixture.get(quickstarts)
            XCTAssertEqual(third.status, .forbidden)
            XCTAssertEqual(third.header("X-RateLimit-Remaining"), "0")
            XCTAssertEqual(third.header("X-RateLimit-Reset"), reset)
            XCTAssertEqual(
                third.text,
                #"{"message":"API rate limit exceeded for user ID 1.","documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"}"#)
            XCTAssertEqual(fixture.controller.rateLimit, GitHubFixture.RateLimit(limit: 2, remaining: 0, used: 2, reset: Int(reset)!))

            fixture.controller.resetRateLimit()
            let afterReset = try await fixture.get(quickstarts)
            XCTAssertEqual(afterReset.status, .ok)
            XCTAssertEqual(afterReset.header("X-RateLimit-Remaining"), "1")
        }
    }

    // MARK: - The page's bytes

    /// The node id's base64url is written byte by byte: it must be Foundation's base64 of the id's
    /// eight bytes with `+/` made `-_` and the padding dropped, for every kind of id.
    func testTheNodeIDIsTheIDsBase64URL() {
        var ids = [0, 1, 62, 63, 64, 255, 256, 65_535, 10_000_000, 10_261_000_250, Int(Int32.max), Int.max]
        var state: UInt64 = 24
        for _ in 0..<500 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            ids.append(Int(truncatingIfNeeded: state >> 1))
        }
        for id in ids {
            let expected = withUnsafeBytes(of: UInt64(id).bigEndian) { Data($0) }.base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
            XCTAssertEqual(GitHubFixture.Issue.base64URL(of: id), expected, "\(id)")
        }
        XCTAssertEqual(GitHubFixture.Issue.base64URL(of: 10_261_000_250), "AAAAAmOacDo")
    }

    /// A page is written by hand (Issue.swift, IssueJSON) for speed: the bytes must be JSONEncoder's with
    /// sorted keys and unescaped slashes, on every shape — closed, null body, labels, a bot author,
    /// a title changed to hold quotes, a backslash, a tab and non-ASCII text — and a title with a
    /// control character JSONEncoder writes as \u00XX goes back to JSONEncoder.
    func testAPageIsExactlyWhatJSONEncoderWrites() async throws {
        try await withRouter { fixture in
            _ = try fixture.controller.updateIssue(repo: "Snowflake-Labs/sfquickstarts", number: 250,
                                                   title: "Say \"hi\" \\ to\tthe café — now")
            _ = try fixture.controller.updateIssue(repo: "Snowflake-Labs/sfquickstarts", number: 1, title: "bell\u{07}")
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            for page in 1...3 {
                let response = try await fixture.get("\(quickstarts)?per_page=100&state=all&page=\(page)")
                let issues = try response.issues()
                XCTAssertEqual(issues.count, page < 3 ? 100 : 50)
                XCTAssertEqual(response.text, String(decoding: try encoder.encode(issues), as: UTF8.self), "page \(page)")
                // Pages 1 and 2 are written by hand; page 3 holds the bell.
                XCTAssertEqual(GitHubFixture.Issue.jsonArray(issues) == nil, page == 3, "page \(page)")
            }
        }
    }
}
