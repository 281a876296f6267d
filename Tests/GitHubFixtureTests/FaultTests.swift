// FaultTests: each injected fault answers what GitHub answers (status, headers, exact body), fires
// on the page it names, once or always, and can be armed in the Configuration or flipped through
// the controller between requests; changes made through the controller show on the next request
// (a second ingestion sees exactly the changed issue); and every request is recorded with its
// headers.

import Foundation
import GitHubFixture
import HummingbirdTesting
import XCTest

final class FaultTests: XCTestCase {
    // MARK: - Faults

    func testServerErrorOnceFiresOnItsPageThenDisarms() async throws {
        try await withRouter(GitHubFixture.Configuration(faults: [.serverError(page: 2, .once)])) { fixture in
            let first = try await fixture.get("\(snowcli)?per_page=10")
            XCTAssertEqual(first.status, .ok)
            let failed = try await fixture.get("\(snowcli)?per_page=10&page=2")
            XCTAssertEqual(failed.status, .internalServerError)
            XCTAssertEqual(failed.text, #"{"message":"Server Error"}"#)
            XCTAssertEqual(failed.header("X-RateLimit-Remaining"), "4998")
            XCTAssertEqual(fixture.controller.faults, [])
            let retried = try await fixture.get("\(snowcli)?per_page=10&page=2")
            XCTAssertEqual(retried.status, .ok)
            XCTAssertEqual(try retried.issues().first?.number, 29)
        }
    }

    func testServerErrorAlwaysKeepsFailing() async throws {
        try await withRouter { fixture in
            fixture.controller.arm(.serverError(page: 3))
            for _ in 0..<3 {
                let response = try await fixture.get("\(snowcli)?per_page=10&page=3")
                XCTAssertEqual(response.status, .internalServerError)
            }
            let otherPage = try await fixture.get("\(snowcli)?per_page=10&page=4")
            XCTAssertEqual(otherPage.status, .ok)
            XCTAssertEqual(fixture.controller.faults, [.serverError(page: 3)])
        }
    }

    func testRateLimitExceededIs403WithNothingRemaining() async throws {
        try await withRouter(GitHubFixture.Configuration(faults: [.rateLimitExceeded(page: 1, .once)])) { fixture in
            let response = try await fixture.get(snowcli)
            XCTAssertEqual(response.status, .forbidden)
            XCTAssertEqual(response.header("X-RateLimit-Remaining"), "0")
            XCTAssertEqual(response.header("X-RateLimit-Limit"), "5000")
            XCTAssertEqual(response.header("X-RateLimit-Reset"), String(Int(fixedNow.timeIntervalSince1970) + 3600))
            XCTAssertEqual(
                response.text,
                #"{"message":"API rate limit exceeded for user ID 1.","documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"}"#)
            let next = try await fixture.get(snowcli)
            XCTAssertEqual(next.status, .ok)
            XCTAssertEqual(next.header("X-RateLimit-Remaining"), "4998")
        }
    }

    func testSecondaryRateLimitIs429WithRetryAfter() async throws {
        try await withRouter { fixture in
            fixture.controller.arm(.secondaryRateLimit(retryAfter: 60))
            let response = try await fixture.get("\(snowcli)?page=2")
            XCTAssertEqual(response.status.code, 429)
            XCTAssertEqual(response.header("Retry-After"), "60")
            XCTAssertEqual(
                response.text,
                #"{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.","documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits"}"#
            )
            let single = try await fixture.get("\(snowcli)/1")
            XCTAssertEqual(single.status.code, 429, "a fault without a page fires on every issue route")
        }
    }

    func testBadCredentialsFaultRefusesEvenTheRightToken() async throws {
        try await withRouter(GitHubFixture.Configuration(faults: [.badCredentials])) { fixture in
            for page in 1...2 {
                let response = try await fixture.get("\(snowcli)?page=\(page)")
                XCTAssertEqual(response.status, .unauthorized)
                XCTAssertEqual(response.text, #"{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest"}"#)
            }
            fixture.controller.clearFaults()
            let cleared = try await fixture.get(snowcli)
            XCTAssertEqual(cleared.status, .ok)
        }
    }

    func testMalformedJSONIsThePageCutInHalf() async throws {
        try await withRouter { fixture in
            fixture.controller.arm(.malformedJSON(page: 2, .once))
            let broken = try await fixture.get("\(snowcli)?per_page=10&page=2")
            XCTAssertEqual(broken.status, .ok)
            XCTAssertNotNil(broken.header("Link"), "the headers are the page's own")
            XCTAssertThrowsError(try broken.json())
            let whole = try await fixture.get("\(snowcli)?per_page=10&page=2")
            XCTAssertEqual(try whole.issues().count, 10)
            XCTAssertEqual(broken.text, String(whole.text.utf8.prefix(whole.text.utf8.count / 2))!)
        }
    }

    func testSlowDelaysTheAnswerAndAddsUp() async throws {
        try await withRouter { fixture in
            fixture.controller.setFaults([.slow(milliseconds: 150, page: 1), .slow(milliseconds: 100, page: 1, .once), .serverError(page: 9)])
            let clock = ContinuousClock()
            let start = clock.now
            let slowed = try await fixture.get(snowcli)
            let elapsed = clock.now - start
            XCTAssertEqual(slowed.status, .ok)
            XCTAssertGreaterThanOrEqual(elapsed, .milliseconds(250))
            XCTAssertEqual(fixture.controller.faults, [.slow(milliseconds: 150, page: 1), .serverError(page: 9)])
        }
    }

    func testFaultsFireInArmingOrderAndLaterOnesWait() async throws {
        try await withRouter { fixture in
            fixture.controller.setFaults([.serverError(page: 1, .once), .rateLimitExceeded(page: 1, .once)])
            let first = try await fixture.get(snowcli)
            let second = try await fixture.get(snowcli)
            let third = try await fixture.get(snowcli)
            XCTAssertEqual([first.status.code, second.status.code, third.status.code], [500, 403, 200])
        }
    }

    // MARK: - A page that changes between runs

    func testUpdatedIssueIsWhatTheNextIngestionSees() async throws {
        try await withRouter { fixture in
            let run = "\(snowcli)?state=all&sort=updated&direction=asc&per_page=100"
            let firstRun = try await fixture.get(run).issues()
            XCTAssertEqual(firstRun.map(\.number), Array(1...42))
            let lastSeen = firstRun.last!.updatedAt
            XCTAssertEqual(lastSeen, defaultUpdatedAt(42))

            let changed = try fixture.controller.updateIssue(repo: "Snowflake-Labs/snowcli", number: 5, title: "Quickstart fails on Windows")
            XCTAssertEqual(changed.updatedAt, instant(42 * 600 + 3600 + 60))

            // `since` is inclusive: the last issue of the first run comes back with the change.
            let secondRun = try await fixture.get("\(run)&since=\(lastSeen)").issues()
            XCTAssertEqual(secondRun.map(\.number), [42, 5])
            XCTAssertEqual(secondRun[1], changed)
            XCTAssertEqual(secondRun[1].title, "Quickstart fails on Windows")
            XCTAssertEqual(secondRun[1].state, .closed, "issue 5 stays closed")
            XCTAssertEqual(secondRun[1].createdAt, instant(5 * 600))
            let justAfter = try await fixture.numbers("\(run)&since=\(instant(42 * 600 + 3600 + 1))")
            XCTAssertEqual(justAfter, [5])
            // The default order (created, newest first) is unchanged by the edit.
            let byCreation = try await fixture.numbers("\(snowcli)?state=all&per_page=3&page=13")
            XCTAssertEqual(byCreation, [6, 5, 4])
        }
    }

    func testAddedIssuesComeAfterEverythingAndClosingMovesBetweenFilters() async throws {
        try await withRouter { fixture in
            try fixture.controller.updateIssue(repo: "Snowflake-Labs/snowcli", number: 2, state: .closed)
            let added = try fixture.controller.addIssues(repo: "snowflake-labs/snowcli", count: 3)
            XCTAssertEqual(added, 43..<46)
            XCTAssertEqual(fixture.controller.issueCount(repo: "Snowflake-Labs/snowcli"), 45)
            let byUpdate = try await fixture.numbers("\(snowcli)?state=all&sort=updated&direction=desc&per_page=5")
            XCTAssertEqual(byUpdate, [45, 44, 43, 2, 42])
            let closed = try await fixture.numbers("\(snowcli)?state=closed&per_page=100")
            XCTAssertEqual(closed, [45, 40, 35, 30, 25, 20, 15, 10, 5, 2])
            let open = try await fixture.numbers("\(snowcli)?per_page=3")
            XCTAssertEqual(open, [44, 43, 42])
            XCTAssertEqual(fixture.controller.issue(repo: "Snowflake-Labs/snowcli", number: 43)?.createdAt, instant(42 * 600 + 3600 + 60 + 600))

            XCTAssertThrowsError(try fixture.controller.updateIssue(repo: "Snowflake-Labs/snowcli", number: 46, title: "x")) { error in
                XCTAssertEqual(error as? GitHubFixture.ControllerError, .unknownIssue(repository: "Snowflake-Labs/snowcli", number: 46))
            }
            XCTAssertThrowsError(try fixture.controller.addIssues(repo: "octo/nope", count: 1)) { error in
                XCTAssertEqual(error as? GitHubFixture.ControllerError, .unknownRepository("octo/nope"))
            }
        }
    }

    // MARK: - The request log

    func testEveryRequestIsRecordedWithItsHeaders() async throws {
        try await withRouter { fixture in
            let headers = ["User-Agent": "snowlite-github-connector/1.0", "Accept": "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28"]
            _ = try await fixture.get("\(snowcli)?per_page=100&state=all", headers: headers)
            _ = try await fixture.get("/repos/Snowflake-Labs/nope/issues", authorization: nil)
            let requests = fixture.controller.requests
            XCTAssertEqual(requests.map(\.description), ["GET \(snowcli)?per_page=100&state=all", "GET /repos/Snowflake-Labs/nope/issues"])
            XCTAssertEqual(requests[0].header("Authorization"), bearer)
            XCTAssertEqual(requests[0].header("user-agent"), "snowlite-github-connector/1.0")
            XCTAssertEqual(requests[0].header("Accept"), "application/vnd.github+json")
            XCTAssertEqual(requests[0].header("X-GitHub-Api-Version"), "2022-11-28")
            // The router test client names `localhost` as the request's authority: the log puts it first as Host.
            XCTAssertEqual(requests[0].headers.first, GitHubFixture.RecordedRequest.HeaderField(name: "Host", value: "localhost"))
            XCTAssertEqual(
                requests[0].headers.map(\.name).sorted(), ["accept", "authorization", "host", "user-agent", "x-github-api-version"])
            XCTAssertNil(requests[1].header("Authorization"))
            fixture.controller.clearRequests()
            XCTAssertEqual(fixture.controller.requests, [])
        }
    }
}
