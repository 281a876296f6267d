// GitHubFixtureServer: the fixture as a real HTTP/1.1 server (Hummingbird 2) on a loopback address.
// `run` starts it for the length of a test or a benchmark and stops it gracefully afterwards, also
// when the body throws; `serve` runs it until its task is cancelled or the process gets SIGINT or
// SIGTERM, for a long-running `snowlite fixtures github --port N`.
//
// The server answers as `Server: github.com`. It listens on `host:port` (port 0: any free port,
// read back from `port`), while every URL it writes names the configured public base URL: a client
// reaches it through an egress map entry such as
// `SNOWLITE_EGRESS_MAP='https://api.github.com=http://127.0.0.1:<port>'`.

import Hummingbird
import ServiceLifecycle

public final class GitHubFixtureServer: Sendable {
    /// The address the server listens on.
    public let host: String
    /// The port it is bound to (the real one when 0 was asked for).
    public let port: Int
    /// The fixture's state: faults, issue changes, the request log.
    public let controller: GitHubFixture.Controller

    init(host: String, port: Int, controller: GitHubFixture.Controller) {
        self.host = host
        self.port = port
        self.controller = controller
    }

    /// `http://host:port`: where the server really is, the right side of an egress map entry.
    public var localURL: String { "http://\(host):\(port)" }

    /// Starts a server, runs `body` with it, and stops it gracefully (in-flight requests finish)
    /// when `body` returns or throws. Throws `DidNotStart` when the address cannot be bound.
    public static func run<T>(
        configuration: GitHubFixture.Configuration = GitHubFixture.Configuration(),
        host: String = "127.0.0.1",
        port: Int = 0,
        body: (GitHubFixtureServer) async throws -> T
    ) async throws -> T {
        let controller = GitHubFixture.Controller(configuration: configuration)
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let services = serviceGroup(controller: controller, host: host, port: port, handlesSignals: false) { port in
            portContinuation.yield(port)
            portContinuation.finish()
        }
        let running = Task {
            defer { portContinuation.finish() }
            try await services.run()
        }
        func stop() async {
            await services.triggerGracefulShutdown()
            _ = await running.result
        }
        var iterator = ports.makeAsyncIterator()
        guard let boundPort = await iterator.next(), boundPort > 0 else {
            await stop()
            if case .failure(let error) = await running.result { throw DidNotStart(host: host, port: port, reason: "\(error)") }
            throw DidNotStart(host: host, port: port, reason: "the listener reported no port")
        }
        let server = GitHubFixtureServer(host: host, port: boundPort, controller: controller)
        do {
            let value = try await body(server)
            await stop()
            return value
        } catch {
            await stop()
            throw error
        }
    }

    /// Serves until the calling task is cancelled or the process receives SIGINT or SIGTERM, then
    /// shuts down gracefully. `onListening` is called once, with the bound port, when the server
    /// accepts connections.
    public static func serve(
        configuration: GitHubFixture.Configuration = GitHubFixture.Configuration(),
        host: String = "127.0.0.1",
        port: Int,
        onListening: @escaping @Sendable (GitHubFixtureServer) async -> Void = { _ in }
    ) async throws {
        let controller = GitHubFixture.Controller(configuration: configuration)
        let services = serviceGroup(controller: controller, host: host, port: port, handlesSignals: true) { boundPort in
            await onListening(GitHubFixtureServer(host: host, port: boundPort, controller: controller))
        }
        // The group runs in a task of its own, which does not inherit this task's cancellation:
        // cancelling `serve` asks for a graceful shutdown instead of tearing the server down mid-request.
        let running = Task { try await services.run() }
        try await withTaskCancellationHandler {
            try await running.value
        } onCancel: {
            Task { await services.triggerGracefulShutdown() }
        }
    }

    /// The application on `host:port` in a service group that shuts it down gracefully when asked
    /// and, if `handlesSignals`, on SIGINT or SIGTERM.
    private static func serviceGroup(
        controller: GitHubFixture.Controller, host: String, port: Int, handlesSignals: Bool,
        onListening: @escaping @Sendable (Int) async -> Void
    ) -> ServiceGroup {
        let app = Application(
            router: buildRouter(controller: controller),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "github.com"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) }
        )
        return ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: handlesSignals ? [.sigint, .sigterm] : [], logger: app.logger))
    }

    /// The server could not listen on the address asked for.
    public struct DidNotStart: Error, CustomStringConvertible {
        public var host: String
        public var port: Int
        public var reason: String

        public var description: String { "the GitHub fixture could not listen on \(host):\(port): \(reason)" }
    }
}
