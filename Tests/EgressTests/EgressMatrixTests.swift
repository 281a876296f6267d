// The egress matrix on loopback: the real client, the real libcurl transport and a real HTTP server
// on 127.0.0.1. Loopback needs no TLS, so IP-literal cases use http rules on the server's port,
// and domain cases (`api.github.com`, `*.example.com`) go through an egress map that sends the
// allowed origins to the server. Every denied case asserts that the server received nothing —
// not merely that an error was thrown — and that the error names host:port and the procedure.
// Issue 17, item 8: what a scheme-blind rule allows but must not be sent — plain http:// to port
// 443, and another origin of a host the egress map names — is refused before anything is sent.

import Foundation
import XCTest
@testable import Egress
import Security

/// Runs a blocking call (curl) on a thread of its own, off the cooperative pool the server uses.
func offThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}

final class EgressMatrixTests: XCTestCase {
    static let procedure = "GH_APP.CONNECTOR.FETCH_ISSUES"
    let log = EgressLogBuffer()

    private func client(rules values: [String], enabled: Bool = true, bound: Bool = true, map: String = "") throws -> EgressClient {
        let rule = try EgressNetworkRule(name: "LOOPBACK_RULE", valueList: values)
        let integrations = bound ? [EgressIntegration(name: "LOOPBACK_EAI", enabled: enabled, rules: [rule])] : []
        return EgressClient(policy: EgressPolicy(procedure: Self.procedure, integrations: integrations),
                            transport: CurlTransport(), map: try EgressMap.parse(map), log: log)
    }

    private func send(_ client: EgressClient, _ url: String, maxRedirects: Int = 0) async throws -> Result<HTTPResponse, EgressError> {
        let request = HTTPRequest(.get, url, timeout: .seconds(5), connectTimeout: .seconds(2), maxRedirects: maxRedirects)
        return try await offThread { () -> Result<HTTPResponse, EgressError> in
            Result { () throws(EgressError) in try client.send(request) }
        }
    }

    private func assertDenied(_ result: Result<HTTPResponse, EgressError>, _ hostPort: String, _ server: LoopbackServer,
                              received: Int = 0, file: StaticString = #filePath, line: UInt = #line) {
        switch result {
        case .success(let response):
            XCTFail("expected a denial for \(hostPort), got \(response.status) from \(response.url)", file: file, line: line)
        case .failure(let error):
            XCTAssertEqual(error.code, .denied, error.message, file: file, line: line)
            XCTAssertEqual(error.hostPort, hostPort, file: file, line: line)
            XCTAssertTrue(error.message.hasPrefix("Request to \(hostPort) denied: no network rule of the integrations bound to "
                                                  + "procedure '\(Self.procedure)' allows it"), error.message, file: file, line: line)
        }
        XCTAssertEqual(server.received.count, received, "the server must have received nothing more", file: file, line: line)
    }

    private func body(_ result: Result<HTTPResponse, EgressError>, file: StaticString = #filePath, line: UInt = #line) -> String? {
        switch result {
        case .success(let response):
            XCTAssertEqual(response.status, 200, file: file, line: line)
            return String(decoding: response.body, as: UTF8.self)
        case .failure(let error):
            XCTFail("expected success, got \(error.message)", file: file, line: line)
            return nil
        }
    }

    // MARK: - The matrix

    func testAllowedHostAndPort() async throws {
        try await LoopbackServer.run { server in
            let result = try await send(client(rules: ["127.0.0.1:\(server.port)"]), "http://127.0.0.1:\(server.port)/hello?x=1")
            XCTAssertEqual(body(result), "GET /hello?x=1")
            XCTAssertEqual(server.received.map(\.uri), ["/hello?x=1"])
            XCTAssertEqual(server.received.first?.header("host"), "127.0.0.1:\(server.port)")
        }
        let entry = try XCTUnwrap(log.entries.first)
        XCTAssertEqual(entry.decision, .allowed(integration: "LOOPBACK_EAI", rule: "LOOPBACK_RULE", value: entry.hostPort))
        XCTAssertEqual(entry.status, 200)
        XCTAssertEqual(entry.bytesReceived, "GET /hello?x=1".utf8.count)
        XCTAssertGreaterThanOrEqual(entry.duration, .zero)
    }

    func testWrongPort() async throws {
        try await LoopbackServer.run { server in
            let otherPort = server.port == 65535 ? server.port - 1 : server.port + 1
            let url = "http://127.0.0.1:\(server.port)/"
            assertDenied(try await send(client(rules: ["127.0.0.1:\(otherPort)"]), url), "127.0.0.1:\(server.port)", server)
            assertDenied(try await send(client(rules: ["127.0.0.1"]), url), "127.0.0.1:\(server.port)", server)
            assertDenied(try await send(client(rules: ["127.0.0.1:80"]), "http://127.0.0.1:\(server.port)/"),
                         "127.0.0.1:\(server.port)", server)
        }
    }

    func testOtherHost() async throws {
        try await LoopbackServer.run { server in
            let port = server.port
            assertDenied(try await send(client(rules: ["127.0.0.2:\(port)"]), "http://127.0.0.1:\(port)/"), "127.0.0.1:\(port)", server)
            // Both origins are mapped to the server: only the policy stands between uploads and it.
            let map = "https://api.github.com=http://127.0.0.1:\(port),https://uploads.github.com=http://127.0.0.1:\(port)"
            assertDenied(try await send(client(rules: ["api.github.com"], map: map), "https://uploads.github.com/x"),
                         "uploads.github.com:443", server)
        }
    }

    func testRedirectToAnotherHostIsCheckedAndDenied() async throws {
        try await LoopbackServer.run { server in
            let port = server.port
            let allowed = try client(rules: ["127.0.0.1:\(port)"])
            // `localhost` is physically the same server, but no rule names it.
            let result = try await send(allowed, "http://127.0.0.1:\(port)/redirect?to=http://localhost:\(port)/landing", maxRedirects: 3)
            assertDenied(result, "localhost:\(port)", server, received: 1)
            XCTAssertEqual(server.received.map(\.uri), ["/redirect?to=http://localhost:\(port)/landing"])

            let map = "https://api.github.com=http://127.0.0.1:\(port),https://evil.example.com=http://127.0.0.1:\(port)"
            let github = try client(rules: ["api.github.com"], map: map)
            let mapped = try await send(github, "https://api.github.com/redirect?to=https://evil.example.com/steal", maxRedirects: 3)
            assertDenied(mapped, "evil.example.com:443", server, received: 2)
        }
        XCTAssertEqual(log.entries.map(\.isAllowed), [true, false, true, false])
        XCTAssertEqual(log.entries.map(\.hop), [0, 1, 0, 1])
        XCTAssertEqual(log.entries.map(\.status), [302, nil, 302, nil])
    }

    func testRedirectsWithinTheRulesAreFollowedOnlyWhenAsked() async throws {
        try await LoopbackServer.run { server in
            let allowed = try client(rules: ["127.0.0.1:\(server.port)"])
            let url = "http://127.0.0.1:\(server.port)/redirect?to=/landing"
            let notFollowed = try await send(allowed, url).get()
            XCTAssertEqual(notFollowed.status, 302)
            XCTAssertEqual(notFollowed.header("Location"), "/landing")
            XCTAssertEqual(server.received.count, 1)

            let followed = try await send(allowed, url, maxRedirects: 1).get()
            XCTAssertEqual(String(decoding: followed.body, as: UTF8.self), "GET /landing")
            XCTAssertEqual(followed.url, "http://127.0.0.1:\(server.port)/landing")
            XCTAssertEqual(server.received.map(\.uri).suffix(2), ["/redirect?to=/landing", "/landing"])
        }
    }

    func testUserinfoIsNotTheHost() async throws {
        try await LoopbackServer.run { server in
            let port = server.port
            let map = "https://api.github.com=http://127.0.0.1:\(port)"
            assertDenied(try await send(client(rules: ["api.github.com"], map: map), "https://api.github.com@127.0.0.1/"),
                         "127.0.0.1:443", server)
            // Were userinfo read as the host, this one would be allowed and reach the server.
            assertDenied(try await send(client(rules: ["api.github.com:\(port)"]), "http://api.github.com:\(port)@127.0.0.1:\(port)/"),
                         "127.0.0.1:\(port)", server)
        }
    }

    func testIPLiteralNeedsARuleNamingIt() async throws {
        try await LoopbackServer.run { server in
            let port = server.port
            assertDenied(try await send(client(rules: ["localhost:\(port)"]), "http://127.0.0.1:\(port)/"), "127.0.0.1:\(port)", server)
            assertDenied(try await send(client(rules: ["*.0.1.example.com:0"]), "http://127.0.1:\(port)/"), "127.0.0.1:\(port)", server)
            // Another spelling of the same address is that address, and is sent as the dotted quad.
            let short = try await send(client(rules: ["127.0.0.1:\(port)"]), "http://127.1:\(port)/short")
            XCTAssertEqual(body(short), "GET /short")
            XCTAssertEqual(server.received.first?.header("host"), "127.0.0.1:\(port)")
        }
    }

    func testUpperCaseAndTrailingDot() async throws {
        let port = try await LoopbackServer.run { server in
            let map = "https://api.github.com=http://127.0.0.1:\(server.port)"
            let result = try await send(client(rules: ["API.GitHub.com."], map: map), "https://Api.GITHUB.com./repos?page=2")
            XCTAssertEqual(body(result), "GET /repos?page=2")
            XCTAssertEqual(try result.get().url, "https://api.github.com/repos?page=2")
            return server.port
        }
        XCTAssertEqual(log.entries.first?.hostPort, "api.github.com:443")
        XCTAssertEqual(log.entries.first?.mappedTo, "http://127.0.0.1:\(port)")
    }

    func testWildcardMatchesExactlyOneLabel() async throws {
        try await LoopbackServer.run { server in
            let origin = "http://127.0.0.1:\(server.port)"
            let map = "https://a.example.com=\(origin),https://a.b.example.com=\(origin),https://example.com=\(origin)"
            let wildcard = try client(rules: ["*.example.com"], map: map)
            let one = try await send(wildcard, "https://a.example.com/one")
            XCTAssertEqual(body(one), "GET /one")
            assertDenied(try await send(wildcard, "https://a.b.example.com/two"), "a.b.example.com:443", server, received: 1)
            assertDenied(try await send(wildcard, "https://example.com/three"), "example.com:443", server, received: 1)
        }
    }

    func testDisabledIntegration() async throws {
        try await LoopbackServer.run { server in
            let result = try await send(client(rules: ["127.0.0.1:\(server.port)"], enabled: false), "http://127.0.0.1:\(server.port)/")
            assertDenied(result, "127.0.0.1:\(server.port)", server)
            guard case .failure(let error) = result else { return }
            XCTAssertTrue(error.message.hasSuffix("(integration 'LOOPBACK_EAI' is disabled)."), error.message)
        }
    }

    func testNoIntegration() async throws {
        try await LoopbackServer.run { server in
            let result = try await send(client(rules: ["127.0.0.1:\(server.port)"], bound: false), "http://127.0.0.1:\(server.port)/")
            assertDenied(result, "127.0.0.1:\(server.port)", server)
            guard case .failure(let error) = result else { return }
            XCTAssertTrue(error.message.hasSuffix("(the procedure has no external access integration)."), error.message)
        }
        XCTAssertEqual(log.entries.count, 1)
        XCTAssertFalse(log.entries[0].isAllowed)
        XCTAssertEqual(log.entries[0].procedure, Self.procedure)
    }

    // MARK: - Allowed by a rule, refused all the same (issue 17, item 8)

    private func assertUnsafe(_ result: Result<HTTPResponse, EgressError>, _ message: String, _ server: LoopbackServer,
                              received: Int = 0, file: StaticString = #filePath, line: UInt = #line) {
        switch result {
        case .success(let response):
            XCTFail("expected a refusal, got \(response.status) from \(response.url)", file: file, line: line)
        case .failure(let error):
            XCTAssertEqual(error.code, .unsafe, file: file, line: line)
            XCTAssertEqual(error.message, message, file: file, line: line)
        }
        XCTAssertEqual(server.received.count, received, "the server must have received nothing more", file: file, line: line)
    }

    func testPlainHTTPToPort443IsRefusedBeforeAnythingIsSent() async throws {
        try await LoopbackServer.run { server in
            let map = "https://api.github.com=http://127.0.0.1:\(server.port)"
            let github = try client(rules: ["api.github.com:443"], map: map)
            let bearer = HTTPRequest(.get, "http://api.github.com:443/repos/o/r/issues", headers: [HTTPHeader("Authorization", "Bearer secret")],
                                     timeout: .seconds(5), connectTimeout: .seconds(2))
            let result = try await offThread { () -> Result<HTTPResponse, EgressError> in
                Result { () throws(EgressError) in try github.send(bearer) }
            }
            assertUnsafe(result, "Request to http://api.github.com:443 denied: plain http:// to port 443 would send it unencrypted "
                         + "to a TLS port; use https://.", server)
            // No map at all: an IP literal on 443 is refused the same way.
            assertUnsafe(try await send(client(rules: ["127.0.0.1:443"]), "http://127.0.0.1:443/"),
                         "Request to http://127.0.0.1:443 denied: plain http:// to port 443 would send it unencrypted to a TLS port; "
                            + "use https://.", server)
            // The mapped origin itself still goes through, to the server.
            let mapped = try await send(github, "https://api.github.com/ok")
            XCTAssertEqual(body(mapped), "GET /ok")
        }
        XCTAssertEqual(log.entries.map(\.isAllowed), [false, false, true])
        XCTAssertEqual(log.entries.first?.hostPort, "api.github.com:443")
    }

    func testAnotherOriginOfAMappedHostIsRefused() async throws {
        try await LoopbackServer.run { server in
            let map = "https://api.github.com=http://127.0.0.1:\(server.port)"
            let github = try client(rules: ["api.github.com:80", "api.github.com:8443"], map: map)
            let refusal = "denied: SNOWLITE_EGRESS_MAP maps https://api.github.com, and a mapped host is reached only through its "
                + "mapped origins."
            assertUnsafe(try await send(github, "http://api.github.com/x"), "Request to http://api.github.com " + refusal, server)
            assertUnsafe(try await send(github, "https://api.github.com:8443/x"), "Request to https://api.github.com:8443 " + refusal,
                         server)
            // A redirect hop is judged the same way: the first request is sent, the second is not.
            let both = try client(rules: ["api.github.com", "api.github.com:80"], map: map)
            let redirected = try await send(both, "https://api.github.com/redirect?to=http://api.github.com/steal", maxRedirects: 2)
            assertUnsafe(redirected, "Request to http://api.github.com " + refusal, server, received: 1)
        }
    }
}
