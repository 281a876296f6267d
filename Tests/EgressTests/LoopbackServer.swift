// LoopbackServer: a real HTTP server (Hummingbird 2) on 127.0.0.1 and an ephemeral port, started
// and stopped by the test that uses it, recording every request it receives so a denied case can
// assert that nothing reached it. This is the only file that imports Hummingbird (its HTTPRequest
// and HTTPResponse names would clash with Egress's).
//
// Routes, whatever the method:
//   /redirect?to=URL[&status=302]  answers `status` with `Location: URL`
//   /slow?ms=N                     waits N milliseconds (at most 5000), then 200
//   /big?bytes=N                   answers N bytes of 'x' (at most 1 MiB)
//   /status/N                      answers status N with an empty body
//   anything else                  200, body "METHOD /path?query", and headers `X-Echo-Body-Length`
//                                  plus `X-Seen: a` and `X-Seen: b` (a repeated header)

import Foundation
import Hummingbird
import ServiceLifecycle
import XCTest

struct ReceivedRequest: Sendable, Equatable {
    var method: String
    /// Path and query as the request line had them.
    var uri: String
    /// Header names lower-cased, in order, `host` first.
    var headers: [(name: String, value: String)]
    var body: [UInt8]
    /// The client's port: equal for two requests when they came over one connection.
    var clientPort: Int? = nil

    func header(_ name: String) -> String? { headers.first { $0.name == name.lowercased() }?.value }

    static func == (a: ReceivedRequest, b: ReceivedRequest) -> Bool {
        a.method == b.method && a.uri == b.uri && a.body == b.body
            && a.headers.map { "\($0.name): \($0.value)" } == b.headers.map { "\($0.name): \($0.value)" }
    }
}

/// A request's context with the port of the connection it came over.
struct LoopbackContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let clientPort: Int?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        clientPort = source.channel.remoteAddress?.port
    }
}

final class LoopbackServer: @unchecked Sendable {
    private let lock = NSLock()
    private var log: [ReceivedRequest] = []
    private(set) var port = 0

    /// Every request received so far, in order.
    var received: [ReceivedRequest] {
        lock.lock()
        defer { lock.unlock() }
        return log
    }

    private func record(_ request: ReceivedRequest) {
        lock.lock()
        defer { lock.unlock() }
        log.append(request)
    }

    /// Starts a server, runs `body` with it, and stops it (also when `body` throws).
    static func run<T>(_ body: (LoopbackServer) async throws -> T) async throws -> T {
        let server = LoopbackServer()
        let router = Router(context: LoopbackContext.self)
        for method in [HTTPRequest.Method.get, .head, .post, .put, .patch, .delete] {
            for path in ["/", "**"] {
                router.on(.init(stringLiteral: path), method: method) { request, context in
                    try await server.respond(to: request, clientPort: context.clientPort)
                }
            }
        }
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: nil),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            }
        )
        let services = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: app.logger))
        let running = Task {
            defer { portContinuation.finish() }
            try await services.run()
        }
        /// Graceful: in-flight requests finish, then the listener closes and `run` returns.
        func stop() async {
            await services.triggerGracefulShutdown()
            _ = await running.result
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            await stop()
            // Not a skip: without the server the egress tests would check nothing.
            throw ServerDidNotStart()
        }
        server.port = port
        do {
            let value = try await body(server)
            await stop()
            return value
        } catch {
            await stop()
            throw error
        }
    }

    struct ServerDidNotStart: Error, CustomStringConvertible {
        var description: String { "the loopback server did not start on 127.0.0.1" }
    }

    private func respond(to request: Request, clientPort: Int?) async throws -> Response {
        let buffer = try await request.body.collect(upTo: 1 << 20)
        let body = Array(buffer.readableBytesView)
        // HTTP/1's Host header arrives as the request's authority, not among the fields.
        let host = request.head.authority.map { [(name: "host", value: $0)] } ?? []
        let headers = host + request.headers.map { (name: $0.name.canonicalName, value: $0.value) }
        let uri = request.uri.string
        record(ReceivedRequest(method: request.method.rawValue, uri: uri, headers: headers, body: body, clientPort: clientPort))

        let path = request.uri.path
        let query = request.uri.queryParameters
        if path == "/redirect", let target = query.get("to") {
            var fields = HTTPFields()
            fields[.location] = target
            let code = query.get("status").flatMap { Int($0) } ?? 302
            return Response(status: .init(code: code), headers: fields, body: .init())
        }
        if path == "/slow" {
            let milliseconds = min(query.get("ms").flatMap { Int($0) } ?? 1000, 5000)
            try? await Task.sleep(for: .milliseconds(milliseconds))
            return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "slow")))
        }
        if path == "/big" {
            let bytes = min(query.get("bytes").flatMap { Int($0) } ?? 0, 1 << 20)
            return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: String(repeating: "x", count: bytes))))
        }
        if path.hasPrefix("/status/"), let code = Int(path.dropFirst("/status/".count)) {
            return Response(status: .init(code: code), body: .init())
        }
        var fields = HTTPFields()
        fields[.contentType] = "text/plain"
        fields[.init("X-Echo-Body-Length")!] = String(body.count)
        fields[values: .init("X-Seen")!] = ["a", "b"]
        let text = "\(request.method.rawValue) \(uri)"
        return Response(status: .ok, headers: fields, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
