// LiveServerTests: the fixture as a real server on 127.0.0.1 and an ephemeral port, spoken to over
// a plain socket (LoopbackHTTPClient): the page and its Link header name api.github.com, not the
// loopback address; the controller flips a fault while the server runs; the log shows the Host the
// client really used; `run` stops the server when its body throws; `serve` stops when cancelled,
// gracefully: a request in flight still gets its answer.

import Foundation
import GitHubFixture
import XCTest

final class LiveServerTests: XCTestCase {
    private let headers = [
        ("Authorization", bearer), ("User-Agent", "snowlite-github-connector/1.0"), ("Accept", "application/vnd.github+json"),
    ]

    func testServesPagesOnLoopbackWithPublicLinksAndControllerFlips() async throws {
        try await GitHubFixtureServer.run(configuration: GitHubFixture.Configuration()) { server in
            XCTAssertGreaterThan(server.port, 0)
            XCTAssertEqual(server.localURL, "http://127.0.0.1:\(server.port)")
            let page = try LoopbackHTTPClient.get(
                port: server.port, path: "/repos/Snowflake-Labs/sfquickstarts/issues?per_page=100&state=all", headers: headers)
            XCTAssertEqual(page.status, 200, page.body)
            XCTAssertEqual(page.header("Server"), "github.com")
            XCTAssertEqual(page.header("Content-Type"), "application/json; charset=utf-8")
            XCTAssertEqual(page.header("X-RateLimit-Remaining"), "4999")
            let base = "https://api.github.com/repos/Snowflake-Labs/sfquickstarts/issues"
            XCTAssertEqual(
                page.header("Link"),
                "<\(base)?per_page=100&state=all&page=2>; rel=\"next\", <\(base)?per_page=100&state=all&page=3>; rel=\"last\"")
            let issues = try JSONDecoder().decode([GitHubFixture.Issue].self, from: Data(page.body.utf8))
            XCTAssertEqual(issues.map(\.number), Array((151...250).reversed()))
            XCTAssertEqual(issues[0].url, "\(base)/250")
            XCTAssertFalse(page.body.contains("127.0.0.1"))

            server.controller.arm(.serverError(page: 2, .once))
            let failed = try LoopbackHTTPClient.get(
                port: server.port, path: "/repos/Snowflake-Labs/sfquickstarts/issues?per_page=100&state=all&page=2", headers: headers)
            XCTAssertEqual(failed.status, 500)
            XCTAssertEqual(failed.body, #"{"message":"Server Error"}"#)
            let retried = try LoopbackHTTPClient.get(
                port: server.port, path: "/repos/Snowflake-Labs/sfquickstarts/issues?per_page=100&state=all&page=2", headers: headers)
            XCTAssertEqual(retried.status, 200)

            let unauthorized = try LoopbackHTTPClient.get(port: server.port, path: "/repos/Snowflake-Labs/snowcli/issues")
            XCTAssertEqual(unauthorized.status, 401)
            XCTAssertEqual(unauthorized.body, #"{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest"}"#)

            let requests = server.controller.requests
            XCTAssertEqual(requests.count, 4)
            XCTAssertEqual(requests[0].method, "GET")
            XCTAssertEqual(requests[0].uri, "/repos/Snowflake-Labs/sfquickstarts/issues?per_page=100&state=all")
            XCTAssertEqual(requests[0].header("Host"), "127.0.0.1:\(server.port)")
            XCTAssertEqual(requests[0].header("Authorization"), bearer)
            XCTAssertEqual(requests[0].header("User-Agent"), "snowlite-github-connector/1.0")
            XCTAssertEqual(requests[0].header("Accept"), "application/vnd.github+json")
            XCTAssertNil(requests[3].header("Authorization"))
        }
    }

    private struct BodyFailed: Error, Equatable {}

    func testRunStopsTheServerWhenItsBodyThrows() async throws {
        var port = 0
        do {
            try await GitHubFixtureServer.run(configuration: GitHubFixture.Configuration()) { server in
                port = server.port
                let answered = try LoopbackHTTPClient.get(port: server.port, path: "/repos/Snowflake-Labs/snowcli/issues", headers: headers)
                XCTAssertEqual(answered.status, 200)
                throw BodyFailed()
            }
            XCTFail("run returned although its body threw")
        } catch let error as BodyFailed {
            XCTAssertEqual(error, BodyFailed())
        }
        XCTAssertGreaterThan(port, 0)
        XCTAssertThrowsError(try LoopbackHTTPClient.get(port: port, path: "/repos/Snowflake-Labs/snowcli/issues")) { error in
            XCTAssertTrue("\(error)".hasPrefix("connect to 127.0.0.1:\(port) failed"), "\(error)")
        }
    }

    func testServeRunsUntilItsTaskIsCancelledAndLetsAnInFlightRequestFinish() async throws {
        let (listening, continuation) = AsyncStream.makeStream(of: GitHubFixtureServer.self)
        let serving = Task {
            try await GitHubFixtureServer.serve(port: 0) { server in continuation.yield(server) }
        }
        var iterator = listening.makeAsyncIterator()
        let started = await iterator.next()
        let server = try XCTUnwrap(started)
        let port = server.port
        let headers = self.headers
        let answered = try LoopbackHTTPClient.get(port: port, path: "/repos/Snowflake-Labs/snowcli/issues?per_page=1", headers: headers)
        XCTAssertEqual(answered.status, 200)
        XCTAssertEqual(try JSONDecoder().decode([GitHubFixture.Issue].self, from: Data(answered.body.utf8)).map(\.number), [42])

        server.controller.arm(.slow(milliseconds: 400, page: 2))
        let inFlight = Task.detached {
            try LoopbackHTTPClient.get(port: port, path: "/repos/Snowflake-Labs/snowcli/issues?per_page=1&page=2", headers: headers)
        }
        for _ in 0..<300 where server.controller.requests.count < 2 { try await Task.sleep(for: .milliseconds(10)) }
        XCTAssertEqual(server.controller.requests.count, 2, "the slow request reached the server")
        serving.cancel()
        let slow = try await inFlight.value
        XCTAssertEqual(slow.status, 200, "the request in flight when serve was cancelled still got its answer")
        XCTAssertEqual(try JSONDecoder().decode([GitHubFixture.Issue].self, from: Data(slow.body.utf8)).map(\.number), [41])
        let outcome = await serving.result
        XCTAssertNoThrow(try outcome.get(), "a cancelled serve shuts down gracefully and returns")
        XCTAssertThrowsError(try LoopbackHTTPClient.get(port: port, path: "/")) { error in
            XCTAssertTrue("\(error)".hasPrefix("connect to 127.0.0.1:\(port) failed"), "\(error)")
        }
    }
}
