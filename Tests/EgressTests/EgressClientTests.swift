// EgressClient over a fake transport: a denied request never reaches the transport; an allowed one
// reaches it rebuilt from its parsed parts and moved by the egress map while the response keeps
// the original URL; redirects are followed only when asked, each hop checked, with the method and
// credential rules browsers use; and every decision lands in the egress log with its procedure,
// host:port, status, bytes and duration (a fixed clock makes durations exact).

import Foundation
import XCTest
@testable import Egress
@testable import Security

/// Records what would have been sent and answers from a script keyed by physical URL.
final class FakeTransport: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var sentRequests: [HTTPRequest] = []
    private let responses: [String: HTTPResponse]
    private let failure: HTTPTransportError?

    init(_ responses: [String: HTTPResponse] = [:], failure: HTTPTransportError? = nil) {
        self.responses = responses
        self.failure = failure
    }

    var sent: [HTTPRequest] {
        lock.lock()
        defer { lock.unlock() }
        return sentRequests
    }

    func send(_ request: HTTPRequest) throws(HTTPTransportError) -> HTTPResponse {
        lock.lock()
        sentRequests.append(request)
        lock.unlock()
        if let failure { throw failure }
        return responses[request.url] ?? HTTPResponse(status: 200, body: Data("ok".utf8), url: request.url)
    }
}

/// A clock that advances 250 ms at every reading.
final class SteppingClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current = Date(timeIntervalSince1970: 1_700_000_000)

    func now() -> Date {
        lock.lock()
        defer { lock.unlock() }
        defer { current += 0.25 }
        return current
    }
}

final class EgressClientTests: XCTestCase {
    let log = EgressLogBuffer()
    let clock = SteppingClock()

    private func client(_ transport: FakeTransport, values: [String] = ["api.github.com"], enabled: Bool = true,
                        map: EgressMap = EgressMap()) throws -> EgressClient {
        let rule = try EgressNetworkRule(name: "GH_RULE", valueList: values)
        let policy = EgressPolicy(procedure: "GH.CONNECTOR.FETCH", integrations: [
            EgressIntegration(name: "GH_EAI", enabled: enabled, rules: [rule]),
        ])
        let clock = self.clock
        return EgressClient(policy: policy, transport: transport, map: map, clock: { clock.now() }, log: log)
    }

    private func egressError(_ work: () throws -> HTTPResponse, file: StaticString = #filePath, line: UInt = #line) -> EgressError? {
        do {
            let response = try work()
            XCTFail("expected an EgressError, got status \(response.status)", file: file, line: line)
        } catch let error as EgressError {
            return error
        } catch {
            XCTFail("expected an EgressError, got \(error)", file: file, line: line)
        }
        return nil
    }

    // MARK: - Allowed and denied

    func testAnAllowedRequestIsSentAndLogged() throws {
        let transport = FakeTransport()
        let body = Data("{\"q\":1}".utf8)
        let request = HTTPRequest(.post, "https://API.github.com./graphql?x=1#top",
                                  headers: [HTTPHeader("Authorization", "Bearer t")], body: body)
        let response = try client(transport).send(request)
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.url, "https://api.github.com/graphql?x=1")
        XCTAssertEqual(transport.sent.map(\.url), ["https://api.github.com/graphql?x=1"])
        XCTAssertEqual(transport.sent.first?.method, .post)
        XCTAssertEqual(transport.sent.first?.header("authorization"), "Bearer t")

        let entry = try XCTUnwrap(log.entries.first)
        XCTAssertEqual(log.entries.count, 1)
        XCTAssertEqual(entry.procedure, "GH.CONNECTOR.FETCH")
        XCTAssertEqual(entry.method, .post)
        XCTAssertEqual(entry.url, "https://api.github.com/graphql?x=1")
        XCTAssertEqual(entry.hostPort, "api.github.com:443")
        XCTAssertEqual(entry.decision, .allowed(integration: "GH_EAI", rule: "GH_RULE", value: "api.github.com"))
        XCTAssertEqual(entry.status, 200)
        XCTAssertEqual(entry.bytesSent, body.count)
        XCTAssertEqual(entry.bytesReceived, 2)
        XCTAssertEqual(entry.duration, .milliseconds(250))
        XCTAssertEqual(entry.time, Date(timeIntervalSince1970: 1_700_000_000))
        XCTAssertNil(entry.mappedTo)
        XCTAssertNil(entry.error)
        XCTAssertEqual(entry.hop, 0)
    }

    func testADeniedRequestIsNeverSent() throws {
        let transport = FakeTransport()
        let error = egressError { try client(transport).send(HTTPRequest(.get, "https://api.github.com:8443/")) }
        XCTAssertEqual(error?.code, .denied)
        XCTAssertEqual(error?.hostPort, "api.github.com:8443")
        XCTAssertEqual(error?.message, "Request to api.github.com:8443 denied: no network rule of the integrations bound to "
                       + "procedure 'GH.CONNECTOR.FETCH' allows it.")
        XCTAssertTrue(transport.sent.isEmpty)
        XCTAssertEqual(log.entries.count, 1)
        XCTAssertEqual(log.entries.first?.decision, .denied(error?.message ?? ""))
        XCTAssertNil(log.entries.first?.status)
        XCTAssertEqual(log.entries.first?.bytesSent, 0)
    }

    func testADisabledIntegrationDenies() throws {
        let transport = FakeTransport()
        let error = egressError { try client(transport, enabled: false).send(HTTPRequest(.get, "https://api.github.com/")) }
        XCTAssertEqual(error?.code, .denied)
        XCTAssertTrue(error?.message.hasSuffix("(integration 'GH_EAI' is disabled).") ?? false, error?.message ?? "")
        XCTAssertTrue(transport.sent.isEmpty)
    }

    func testAnUnreadableURLIsDeniedAndLogged() throws {
        let transport = FakeTransport()
        let error = egressError { try client(transport).send(HTTPRequest(.get, "https://api.github.com\\@evil.example/")) }
        XCTAssertEqual(error?.code, .invalidURL)
        XCTAssertTrue(error?.message.hasPrefix("Request to 'https://api.github.com\\@evil.example/' denied: Invalid URL") ?? false)
        XCTAssertTrue(transport.sent.isEmpty)
        XCTAssertEqual(log.entries.count, 1)
        XCTAssertFalse(log.entries[0].isAllowed)
    }

    func testHeaderInjectionIsRefusedBeforeSending() throws {
        let transport = FakeTransport()
        let split = HTTPRequest(.get, "https://api.github.com/", headers: [HTTPHeader("X-A", "1\r\nHost: evil.example")])
        XCTAssertEqual(egressError { try client(transport).send(split) }?.code, .invalidRequest)
        let badName = HTTPRequest(.get, "https://api.github.com/", headers: [HTTPHeader("X A", "1")])
        XCTAssertEqual(egressError { try client(transport).send(badName) }?.message, "Invalid header name 'X A'.")
        XCTAssertTrue(transport.sent.isEmpty)
        XCTAssertEqual(log.entries.count, 2)
    }

    func testATransportFailureIsReportedAndLogged() throws {
        let transport = FakeTransport(failure: HTTPTransportError(.timeout, "Operation timed out after 1000 milliseconds"))
        let error = egressError { try client(transport).send(HTTPRequest(.get, "https://api.github.com/")) }
        XCTAssertEqual(error?.code, .transport)
        XCTAssertEqual(error?.message, "Request to api.github.com:443 failed: Operation timed out after 1000 milliseconds")
        XCTAssertEqual(transport.sent.count, 1)
        let entry = try XCTUnwrap(log.entries.first)
        XCTAssertTrue(entry.isAllowed)
        XCTAssertNil(entry.status)
        XCTAssertEqual(entry.error, "Operation timed out after 1000 milliseconds")
    }

    // MARK: - The egress map

    func testTheMapMovesOnlyThePhysicalRequest() throws {
        let transport = FakeTransport()
        let map = try EgressMap.parse("https://api.github.com=http://127.0.0.1:8123")
        let response = try client(transport, map: map).send(HTTPRequest(.get, "https://api.github.com/repos/a/b?page=2"))
        XCTAssertEqual(transport.sent.map(\.url), ["http://127.0.0.1:8123/repos/a/b?page=2"])
        XCTAssertEqual(response.url, "https://api.github.com/repos/a/b?page=2")
        XCTAssertEqual(log.entries.first?.url, "https://api.github.com/repos/a/b?page=2")
        XCTAssertEqual(log.entries.first?.mappedTo, "http://127.0.0.1:8123")
    }

    func testTheMapNeverWidensThePolicy() throws {
        // The physical target is allowed by no rule, yet the check is on the logical URL only.
        let transport = FakeTransport()
        let map = try EgressMap.parse("https://uploads.github.com=http://127.0.0.1:8123")
        let error = egressError { try client(transport, map: map).send(HTTPRequest(.get, "https://uploads.github.com/")) }
        XCTAssertEqual(error?.hostPort, "uploads.github.com:443")
        XCTAssertTrue(transport.sent.isEmpty)
    }

    // MARK: - Redirects

    func testRedirectsAreReturnedUnlessAsked() throws {
        let transport = FakeTransport(["https://api.github.com/old": HTTPResponse(
            status: 301, headers: [HTTPHeader("Location", "/new")], url: "")])
        let response = try client(transport).send(HTTPRequest(.get, "https://api.github.com/old"))
        XCTAssertEqual(response.status, 301)
        XCTAssertEqual(response.header("location"), "/new")
        XCTAssertEqual(transport.sent.count, 1)
    }

    func testEachHopIsChecked() throws {
        let transport = FakeTransport([
            "https://api.github.com/a": HTTPResponse(status: 302, headers: [HTTPHeader("Location", "b?x=1")], url: ""),
            "https://api.github.com/b?x=1": HTTPResponse(status: 307, headers: [HTTPHeader("Location", "https://evil.example/steal")], url: ""),
        ])
        let request = HTTPRequest(.get, "https://api.github.com/a", maxRedirects: 5)
        let error = egressError { try client(transport).send(request) }
        XCTAssertEqual(error?.code, .denied)
        XCTAssertEqual(error?.hostPort, "evil.example:443")
        XCTAssertEqual(transport.sent.map(\.url), ["https://api.github.com/a", "https://api.github.com/b?x=1"])
        XCTAssertEqual(log.entries.map(\.hop), [0, 1, 2])
        XCTAssertEqual(log.entries.map(\.isAllowed), [true, true, false])
    }

    func testTooManyRedirects() throws {
        let transport = FakeTransport(["https://api.github.com/loop": HTTPResponse(
            status: 302, headers: [HTTPHeader("Location", "/loop")], url: "")])
        let error = egressError { try client(transport).send(HTTPRequest(.get, "https://api.github.com/loop", maxRedirects: 2)) }
        XCTAssertEqual(error?.code, .tooManyRedirects)
        XCTAssertEqual(error?.message, "Request to api.github.com:443 stopped: more than 2 redirects.")
        XCTAssertEqual(transport.sent.count, 3)
    }

    func testRedirectMethodAndCredentialRules() throws {
        let github = try EgressURL.parse("https://api.github.com/a")
        let other = try EgressURL.parse("https://codeload.github.com/z")
        let post = HTTPRequest(.post, github.description, headers: [HTTPHeader("Authorization", "Bearer t"),
                                                                    HTTPHeader("Content-Type", "application/json")],
                               body: Data("{}".utf8))
        let sameOrigin303 = EgressClient.redirected(post, status: 303, from: github, to: github)
        XCTAssertEqual(sameOrigin303.method, .get)
        XCTAssertNil(sameOrigin303.body)
        XCTAssertEqual(sameOrigin303.headers, [HTTPHeader("Authorization", "Bearer t")])

        let kept307 = EgressClient.redirected(post, status: 307, from: github, to: other)
        XCTAssertEqual(kept307.method, .post)
        XCTAssertEqual(kept307.body, Data("{}".utf8))
        XCTAssertEqual(kept307.headers, [HTTPHeader("Content-Type", "application/json")])
        XCTAssertEqual(kept307.url, "https://codeload.github.com/z")

        let put302 = EgressClient.redirected(HTTPRequest(.put, github.description, body: Data()), status: 302, from: github, to: github)
        XCTAssertEqual(put302.method, .put)
    }

    func testLocationResolution() throws {
        let base = try EgressURL.parse("https://api.github.com/repos/a/b?page=1")
        XCTAssertEqual(EgressClient.resolve("https://x.example/y", against: base), "https://x.example/y")
        XCTAssertEqual(EgressClient.resolve("//x.example/y", against: base), "https://x.example/y")
        XCTAssertEqual(EgressClient.resolve("/z", against: base), "https://api.github.com/z")
        XCTAssertEqual(EgressClient.resolve("c?d=1", against: base), "https://api.github.com/repos/a/c?d=1")
        XCTAssertEqual(EgressClient.resolve("?page=2", against: base), "https://api.github.com/repos/a/b?page=2")
    }
}
