// CurlTransport against a real server on 127.0.0.1: each method with its headers and body as the
// server received them, response status and headers (repeats kept), a 302 returned as is rather
// than followed, the User-Agent, and the failures a procedure can meet: timeout, connection
// refused, a non-http scheme, an oversized response and TLS spoken to a plain-HTTP port. Every
// request has a short timeout, so a broken case fails fast instead of hanging the suite.

import Foundation
import XCTest
@testable import Egress

final class CurlTransportTests: XCTestCase {
    private func send(_ request: HTTPRequest, transport: CurlTransport = CurlTransport()) async throws
        -> Result<HTTPResponse, HTTPTransportError> {
        var bounded = request
        bounded.timeout = min(request.timeout, .seconds(5))
        bounded.connectTimeout = .seconds(2)
        let fixed = bounded
        return try await offThread { () -> Result<HTTPResponse, HTTPTransportError> in
            Result { () throws(HTTPTransportError) in try transport.send(fixed) }
        }
    }

    /// A transport keeps the connection of a finished request for the next one; the options of the
    /// last request do not carry over; another transport opens its own connection.
    func testRequestsOneAfterAnotherShareAConnection() async throws {
        try await LoopbackServer.run { server in
            let base = "http://127.0.0.1:\(server.port)"
            let transport = CurlTransport()
            _ = try await send(HTTPRequest(.post, base + "/first", headers: [HTTPHeader("X-Only-First", "1")], body: Data("x".utf8)),
                               transport: transport).get()
            _ = try await send(HTTPRequest(.get, base + "/second"), transport: transport).get()
            _ = try await send(HTTPRequest(.get, base + "/third"), transport: CurlTransport()).get()
            let received = server.received
            XCTAssertEqual(received.map(\.uri), ["/first", "/second", "/third"])
            XCTAssertNotNil(received[0].clientPort)
            XCTAssertEqual(received[1].clientPort, received[0].clientPort, "the second request reused the connection")
            XCTAssertNotEqual(received[2].clientPort, received[0].clientPort)
            XCTAssertEqual(received[1].method, "GET")
            XCTAssertNil(received[1].header("x-only-first"))
            XCTAssertEqual(received[1].body, [])
        }
    }

    func testMethodsHeadersAndBodies() async throws {
        try await LoopbackServer.run { server in
            let base = "http://127.0.0.1:\(server.port)"
            for method in [HTTPMethod.post, .put, .patch, .delete] {
                let body = Data("{\"method\":\"\(method.rawValue)\"}".utf8)
                let request = HTTPRequest(method, base + "/items/1?v=2", headers: [HTTPHeader("X-Token", "abc"),
                                                                                    HTTPHeader("Content-Type", "application/json")],
                                          body: body)
                let response = try await send(request).get()
                XCTAssertEqual(response.status, 200)
                XCTAssertEqual(String(decoding: response.body, as: UTF8.self), "\(method.rawValue) /items/1?v=2")
                XCTAssertEqual(response.header("x-echo-body-length"), String(body.count))
                let received = try XCTUnwrap(server.received.last)
                XCTAssertEqual(received.method, method.rawValue)
                XCTAssertEqual(received.body, Array(body))
                XCTAssertEqual(received.header("x-token"), "abc")
                XCTAssertEqual(received.header("content-type"), "application/json")
                XCTAssertEqual(received.header("content-length"), String(body.count))
                XCTAssertNil(received.header("expect"))
            }
            XCTAssertEqual(server.received.count, 4)
        }
    }

    func testBodiesWithoutAContentTypeGetNoneMadeUp() async throws {
        try await LoopbackServer.run { server in
            let empty = try await send(HTTPRequest(.post, "http://127.0.0.1:\(server.port)/empty")).get()
            XCTAssertEqual(empty.header("x-echo-body-length"), "0")
            XCTAssertEqual(server.received.last?.header("content-length"), "0")
            XCTAssertNil(server.received.last?.header("content-type"))

            _ = try await send(HTTPRequest(.get, "http://127.0.0.1:\(server.port)/plain")).get()
            XCTAssertEqual(server.received.last?.method, "GET")
            XCTAssertEqual(server.received.last?.body, [])
        }
    }

    func testResponseStatusAndRepeatedHeaders() async throws {
        try await LoopbackServer.run { server in
            let ok = try await send(HTTPRequest(.get, "http://127.0.0.1:\(server.port)/x")).get()
            XCTAssertEqual(ok.headers(named: "X-Seen"), ["a", "b"])
            XCTAssertEqual(ok.header("Content-Type"), "text/plain")
            XCTAssertEqual(ok.url, "http://127.0.0.1:\(server.port)/x")

            let missing = try await send(HTTPRequest(.get, "http://127.0.0.1:\(server.port)/status/404")).get()
            XCTAssertEqual(missing.status, 404)
            XCTAssertTrue(missing.body.isEmpty)

            let head = try await send(HTTPRequest(.head, "http://127.0.0.1:\(server.port)/x")).get()
            XCTAssertEqual(head.status, 200)
            XCTAssertTrue(head.body.isEmpty)
            XCTAssertEqual(server.received.last?.method, "HEAD")
        }
    }

    func testTheTransportFollowsNoRedirect() async throws {
        try await LoopbackServer.run { server in
            let url = "http://127.0.0.1:\(server.port)/redirect?to=http://127.0.0.1:\(server.port)/landing&status=307"
            let response = try await send(HTTPRequest(.get, url)).get()
            XCTAssertEqual(response.status, 307)
            XCTAssertEqual(response.header("location"), "http://127.0.0.1:\(server.port)/landing")
            XCTAssertEqual(server.received.count, 1)
        }
    }

    func testUserAgent() async throws {
        try await LoopbackServer.run { server in
            _ = try await send(HTTPRequest(.get, "http://127.0.0.1:\(server.port)/")).get()
            XCTAssertEqual(server.received.last?.header("user-agent"), "Snowlite-Egress")
            _ = try await send(HTTPRequest(.get, "http://127.0.0.1:\(server.port)/", headers: [HTTPHeader("User-Agent", "gh-connector/1")])).get()
            XCTAssertEqual(server.received.last?.header("user-agent"), "gh-connector/1")
        }
    }

    func testTimeout() async throws {
        try await LoopbackServer.run { server in
            let request = HTTPRequest(.get, "http://127.0.0.1:\(server.port)/slow?ms=1500", timeout: .milliseconds(300))
            let started = Date()
            let result = try await send(request)
            XCTAssertLessThan(Date().timeIntervalSince(started), 1.2)
            guard case .failure(let error) = result else { return XCTFail("expected a timeout") }
            XCTAssertEqual(error.kind, .timeout, error.message)
        }
    }

    func testConnectionRefused() async throws {
        let port = try await LoopbackServer.run { server in server.port }  // stopped: nothing listens there now
        let result = try await send(HTTPRequest(.get, "http://127.0.0.1:\(port)/"))
        guard case .failure(let error) = result else { return XCTFail("expected a connection failure") }
        XCTAssertEqual(error.kind, .connect, error.message)
        XCTAssertTrue(error.message.contains("127.0.0.1"), error.message)
    }

    func testOnlyHTTPAndHTTPS() async throws {
        try await LoopbackServer.run { server in
            for url in ["ftp://127.0.0.1:\(server.port)/", "gopher://127.0.0.1:\(server.port)/", "file:///etc/hostname"] {
                let result = try await send(HTTPRequest(.get, url))
                guard case .failure(let error) = result else { return XCTFail("\(url) must not be fetched") }
                XCTAssertEqual(error.kind, .other, error.message)
            }
            XCTAssertTrue(server.received.isEmpty)
        }
    }

    func testOversizedResponses() async throws {
        try await LoopbackServer.run { server in
            let small = CurlTransport(maxResponseBytes: 1000)
            let fits = try await send(HTTPRequest(.get, "http://127.0.0.1:\(server.port)/big?bytes=1000"), transport: small).get()
            XCTAssertEqual(fits.body.count, 1000)
            let result = try await send(HTTPRequest(.get, "http://127.0.0.1:\(server.port)/big?bytes=200000"), transport: small)
            guard case .failure(let error) = result else { return XCTFail("expected responseTooLarge") }
            XCTAssertEqual(error.kind, .responseTooLarge)
            XCTAssertEqual(error.message, "The response is larger than 1000 bytes.")
        }
    }

    func testTLSToAPlainPortFails() async throws {
        try await LoopbackServer.run { server in
            let result = try await send(HTTPRequest(.get, "https://127.0.0.1:\(server.port)/"))
            guard case .failure(let error) = result else { return XCTFail("TLS to a plain-HTTP port must fail") }
            XCTAssertEqual(error.kind, .tls, error.message)
            XCTAssertTrue(server.received.isEmpty)
        }
    }
}
