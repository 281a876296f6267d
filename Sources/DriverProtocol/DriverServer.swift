// DriverServer: Snowflake's driver REST protocol (driver-protocol.md), the routes `snowlite serve`
// adds beside the dashboard's on one loopback port, so that the real clients — the Python
// connector 4.x and 5.x, Snowpark, the snow CLI, SQLAlchemy — connect to Snowlite:
//
//     POST /session/v1/login-request      a password login; the account names the account file
//     POST /queries/v1/query-request      one statement, several, describe-only or asynchronous
//     GET  /queries/{id}/result           a kept answer (multi-statement children, async results)
//     GET  /monitoring/queries/{id}       where a query stands
//     POST /queries/v1/abort-request      cancels the session's running statement
//     POST /session?delete=true           closes the session
//     POST /session/heartbeat, /session/token-request, /telemetry/send
//
// Every answer is HTTP 200 with the protocol's JSON envelope, errors included (`success: false`):
// the clients retry 4xx and 5xx answers for minutes. Who may reach the port at all is the
// server's access rule (Dashboard/DashboardAccess.swift), ahead of these routes; a login proves
// who the client is, and its session token then goes with every request.
//
//     let driver = DriverServer(openSession: { login in … return session }, clock: { Date() })
//     driver.addRoutes(to: router)

import DriverWire
import Engine
import Foundation
import Hummingbird
import NIOCore

/// What a login asks for: the account and user, the password, and the context to start in.
public struct DriverLogin: Sendable {
    public var account: String
    public var user: String
    public var password: String
    public var role: String?
    public var warehouse: String?
    public var database: String?
    public var schema: String?
}

/// Authenticates a login and returns its Engine session, logged in with the requested context.
/// Throws SnowflakeError (390100 for a wrong user or password).
public typealias DriverSessionOpener = @Sendable (DriverLogin) throws -> Session

public struct DriverServer: Sendable {
    let openSession: DriverSessionOpener
    let sessions: DriverSessions
    let transfers: StageGrants
    /// Request bodies larger than this are refused (array bindings of many rows stay well below).
    static let maximumBody = 256 * 1024 * 1024

    public init(openSession: @escaping DriverSessionOpener, sessionValidity: TimeInterval = 3600,
                masterValidity: TimeInterval = 14_400, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.openSession = openSession
        sessions = DriverSessions(validity: .init(session: sessionValidity, master: masterValidity), clock: clock)
        transfers = StageGrants(clock: clock)
    }

    /// The open sessions (for tests and the server's own accounting).
    public var openSessionCount: Int { sessions.count }

    /// Adds the protocol's routes to `router`.
    public func addRoutes<Context: RequestContext>(to router: Router<Context>) {
        let server = self
        router.post("/session/v1/login-request") { request, _ in await server.respond { try await server.login(request) } }
        router.post("/queries/v1/query-request") { request, _ in await server.respond { try await server.query(request) } }
        router.get("/queries/:id/result") { request, context in
            await server.respond { try await server.result(request, queryID: context.parameters.get("id") ?? "") }
        }
        router.get("/monitoring/**") { request, _ in await server.respond { try server.monitoring(request) } }
        router.post("/queries/v1/abort-request") { request, _ in await server.respond { try server.abort(request) } }
        router.post("/session") { request, _ in await server.respond { try await server.closeSession(request) } }
        router.post("/session/heartbeat") { request, _ in await server.respond { try server.heartbeat(request) } }
        router.post("/session/token-request") { request, _ in await server.respond { try await server.renew(request) } }
        router.put("/stage-bucket/:grant/:name") { request, context in
            await server.upload(request, grant: context.parameters.get("grant") ?? "", name: context.parameters.get("name") ?? "")
        }
        router.head("/stage-bucket/:grant/:name") { request, context in
            await server.uploadHead(grant: context.parameters.get("grant") ?? "", name: context.parameters.get("name") ?? "")
        }
        // A download's URL is /stage-bucket/<grant>/<index>/<file name>: the router takes the index
        // as `name`, the parameter an upload's URL has at the same depth.
        router.get("/stage-bucket/:grant/:name/:file") { _, context in
            await server.download(grant: context.parameters.get("grant") ?? "", index: context.parameters.get("name") ?? "")
        }
        router.post("/telemetry/send") { request, _ in
            _ = try? await request.body.collect(upTo: DriverServer.maximumBody)
            return DriverServer.json(QueryAnswers.success(.null))
        }
    }

    /// Every answer goes out as HTTP 200 JSON; an error as the protocol's failure envelope.
    func respond(_ work: () async throws -> WireJSON) async -> Response {
        do {
            return DriverServer.json(try await work())
        } catch {
            return DriverServer.json(QueryAnswers.failure(QueryExecution.snowflakeError(error)))
        }
    }

    static func json(_ value: WireJSON) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: value.bytes)))
    }

    // MARK: - Request helpers

    /// The request's JSON body, gunzipped when the client compressed it (connector 4.x does).
    static func body(_ request: Request) async throws -> WireObject {
        let buffer = try await request.body.collect(upTo: maximumBody)
        var bytes = Array(buffer.readableBytesView)
        if request.headers[.contentEncoding]?.lowercased().contains("gzip") == true {
            do { bytes = try Gzip.decompress(bytes) } catch { throw SnowflakeError.badDriverRequest("the body is not gzip") }
        }
        guard let object = WireObject(body: bytes) else { throw SnowflakeError.badDriverRequest("the body is not a JSON object") }
        return object
    }

    /// The token of `Authorization: Snowflake Token="…"`.
    static func token(_ request: Request) -> String? {
        guard let header = request.headers[.authorization], let start = header.range(of: "Token=\"") else { return nil }
        let rest = header[start.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }

    /// The session the request's token names; 390112 once the token has expired, 390104 if unknown.
    func session(_ request: Request) throws -> DriverSession {
        switch sessions.session(token: DriverServer.token(request) ?? "") {
        case .found(let session): return session
        case .expired: throw SnowflakeError.sessionTokenExpired
        case .unknown: throw SnowflakeError.mustLoginAgain
        }
    }

    /// Runs blocking work (a login's password hash, opening an account file) off the server's threads.
    static func blocking<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }
}

extension DriverServer {
    /// Whether a request carries the protocol's own proof of who sends it, for a server whose
    /// other endpoints need an access token: a login (its password is checked), or the token of
    /// an open session (a session token, or a master token renewing one). Telemetry carries a
    /// session token too.
    public func presentsCredential(_ request: Request) -> Bool {
        if request.uri.path == "/session/v1/login-request" { return true }
        // A PUT's or GET's file URL: its grant stands for the session that was given it.
        let parts = request.uri.path.split(separator: "/")
        if parts.count >= 3, parts[0] == "stage-bucket" { return transfers.grant(String(parts[1])) != nil }
        guard let token = DriverServer.token(request) else { return false }
        if case .unknown = sessions.session(token: token) {
            return request.uri.path == "/session/token-request" && sessions.isMasterToken(token)
        }
        return true
    }
}
