// RouterHarness: drives the fixture's router in-process with HummingbirdTesting (`.router`: no
// socket, no port), so route tests are fast and exact. Also the small things every test file
// shares: a fixed clock for the rate-limit window, header look-up by name, the body as text and as
// JSON, and the numbers of the issues on a page.

import Foundation
import GitHubFixture
import Hummingbird
import HummingbirdTesting
import XCTest

/// 2024-06-01T12:00:00Z: the fixed "now" of route tests, so `X-RateLimit-Reset` is exact.
let fixedNow = Date(timeIntervalSince1970: 1_717_243_200)

/// The issue lists of the two default repositories.
let quickstarts = "/repos/Snowflake-Labs/sfquickstarts/issues"
let snowcli = "/repos/Snowflake-Labs/snowcli/issues"

/// `Authorization` with the default token, as the connector sends it.
let bearer = "Bearer \(GitHubFixture.defaultToken)"

/// One in-process fixture: its controller and a client that talks to its router.
struct RouterHarness: Sendable {
    let controller: GitHubFixture.Controller
    let client: any TestClientProtocol

    /// A GET of `uri` with `authorization` (none when nil) and any other headers.
    func get(_ uri: String, authorization: String? = bearer, headers: [String: String] = [:]) async throws -> TestResponse {
        var fields = HTTPFields()
        if let authorization { fields[.authorization] = authorization }
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) {
            fields[HTTPFields.Element.Name(name)!] = value
        }
        return try await client.execute(uri: uri, method: .get, headers: fields)
    }

    /// The numbers of the issues `uri` lists (the request must succeed).
    func numbers(_ uri: String, file: StaticString = #filePath, line: UInt = #line) async throws -> [Int] {
        let response = try await get(uri)
        XCTAssertEqual(response.status, .ok, response.text, file: file, line: line)
        return try response.issues().map(\.number)
    }
}

/// Runs `body` against a fixture built from `configuration`, its router driven in-process.
func withRouter<T: Sendable>(
    _ configuration: GitHubFixture.Configuration = GitHubFixture.Configuration(),
    _ body: @escaping @Sendable (RouterHarness) async throws -> T
) async throws -> T {
    let controller = GitHubFixture.Controller(configuration: configuration, clock: { fixedNow })
    let app = Application(router: GitHubFixtureServer.buildRouter(controller: controller))
    return try await app.test(.router) { client in
        try await body(RouterHarness(controller: controller, client: client))
    }
}

extension TestResponse {
    /// The value of header `name`, nil when absent.
    func header(_ name: String) -> String? { headers[HTTPFields.Element.Name(name)!] }

    /// The body as UTF-8 text.
    var text: String { String(buffer: body) }

    /// The body decoded as a page of issues.
    func issues() throws -> [GitHubFixture.Issue] {
        try JSONDecoder().decode([GitHubFixture.Issue].self, from: Data(text.utf8))
    }

    /// The body as a JSON value (dictionaries and arrays), for checks on raw keys such as `null`.
    func json() throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }
}

/// `2024-01-01T00:00:00Z + seconds` as GitHub writes instants.
func instant(_ seconds: Int) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.string(from: GitHubFixture.Configuration.defaultEpoch.addingTimeInterval(TimeInterval(seconds)))
}

/// Issue n's generated updated_at under the default configuration: created 600 s apart from the
/// epoch, updated an hour later.
func defaultUpdatedAt(_ number: Int) -> String { instant(number * 600 + 3600) }
