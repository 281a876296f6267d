// DashboardAccess: who may use the dashboard (issue 17, item 7). The account file is 0600, readable
// by its user only, and the dashboard is the account with that user's rights: it must not answer
// anyone else. Loopback is not enough, since every local user can reach 127.0.0.1. So:
//
// - on loopback where the kernel tells who is connecting (Linux: SocketTable), a request is
//   answered only when the process at the other end belongs to the user running the server;
// - on loopback elsewhere, and beyond loopback (`--allow-remote`) always, a request must present
//   the access token printed at start: once as `?token=…` (which sets an HttpOnly cookie), then
//   the cookie, or `Authorization: Bearer …`;
// - anyone else gets 403 and a one-line text body, before any page, form or file is looked at.
//
// The rule is a middleware that `DashboardServer.buildRouter` adds before any route: Hummingbird
// wraps each route, and the not-found responder, in the middleware added before it, so every
// endpoint the router will ever have is behind it. The connection's two ends reach the middleware
// through the request context (`DashboardRequestContext`), which a test may fix.

import Foundation
import Hummingbird
import NIOCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A request context that knows both ends of the connection its request came on.
public protocol DashboardRequestContext: RequestContext where Source == ApplicationRequestContextSource {
    /// The client's end (its address and port), nil when unknown.
    var peer: SocketEndpoint? { get }
    /// The server's end of the same connection.
    var server: SocketEndpoint? { get }
    /// The connection itself (its channel), for remembering what was decided about it; nil when unknown.
    var connection: (any AnyObject & Sendable)? { get }
}

extension DashboardRequestContext {
    public var connection: (any AnyObject & Sendable)? { nil }
}

/// The dashboard's request context: the ends of the request's TCP connection.
public struct DashboardContext: DashboardRequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?
    public let localAddress: SocketAddress?
    public let connection: (any AnyObject & Sendable)?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
        localAddress = source.channel.localAddress
        connection = source.channel
    }

    public var peer: SocketEndpoint? { Self.endpoint(remoteAddress) }
    public var server: SocketEndpoint? { Self.endpoint(localAddress) }

    static func endpoint(_ address: SocketAddress?) -> SocketEndpoint? {
        guard let address, let ip = address.ipAddress, let port = address.port else { return nil }
        return SocketEndpoint(ip: ip, port: port)
    }
}

/// How the server decides who may use it.
public enum DashboardAccess: Sendable {
    /// Loopback with socket tables: the peer's owner must be `uid`.
    case sameUser(uid: UInt32, owners: PeerOwnerLookup)
    /// Every request presents `token`.
    case token(String)

    /// The rule for a configuration: the token beyond loopback, with --allow-remote, or where the
    /// kernel does not say who connects; else the server's own user.
    static func rule(for configuration: DashboardConfiguration, loopback: Bool) -> DashboardAccess {
        if loopback, !configuration.allowRemote, let owners = configuration.peerOwners, owners.readTables() != nil {
            return .sameUser(uid: configuration.serverUser, owners: owners)
        }
        return .token(configuration.token ?? BrowserSessions.randomToken())
    }

    var token: String? {
        if case .token(let token) = self { return token }
        return nil
    }

    /// The effective uid of this process: whose account file the server opened.
    public static var currentUser: UInt32 { UInt32(geteuid()) }

    static let otherUserText = "The dashboard answers only the user who runs `snowlite serve`.\n"
    static let tokenText = "The dashboard needs its access token: open the URL with ?token=… that `snowlite serve` printed at start.\n"
}

/// Applies `DashboardAccess` to every request (see the file's comment).
struct DashboardAccessMiddleware<Context: DashboardRequestContext>: RouterMiddleware {
    static var cookieName: String { "snowlite_token" }
    let access: DashboardAccess
    /// The connections already found to be the server user's: a driver client sends every
    /// statement on one keep-alive connection, and reading the kernel's socket tables costs
    /// milliseconds (the kernel walks its whole TCP hash table).
    let admitted = AdmittedConnections()
    /// Under the token rule, what else lets a request pass (DashboardConfiguration.otherCredential).
    var otherCredential: (@Sendable (Request) -> Bool)?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        switch access {
        case .sameUser(let uid, let owners):
            if let connection = context.connection, admitted.contains(connection) { return try await next(request, context) }
            guard let peer = context.peer, owners.owner(of: peer, connectedTo: context.server) == uid else {
                return Self.forbidden(DashboardAccess.otherUserText)
            }
            if let connection = context.connection { admitted.insert(connection) }
            return try await next(request, context)
        case .token(let token):
            if let otherCredential, otherCredential(request) { return try await next(request, context) }
            let query = FormFields(query: request.uri.query ?? "")
            if let offered = query["token"], BrowserSessions.constantTimeEqual(offered, token) {
                var response = try await next(request, context)
                response.setCookie(Cookie(name: Self.cookieName, value: token, path: "/", httpOnly: true, sameSite: .strict))
                return response
            }
            let bearer = request.headers[.authorization].flatMap { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : nil }
            guard let presented = request.cookies[Self.cookieName]?.value ?? bearer,
                  BrowserSessions.constantTimeEqual(presented, token) else {
                return Self.forbidden(DashboardAccess.tokenText)
            }
            return try await next(request, context)
        }
    }

    static func forbidden(_ text: String) -> Response {
        Response(status: .forbidden, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

/// Connections (channels) already admitted, held weakly: an entry counts only while its channel is
/// alive and is that very object, so a new connection that reuses an address, a port or even the
/// memory of a closed one is looked up afresh. Lock-protected; one set per router.
final class AdmittedConnections: @unchecked Sendable {
    private struct Entry {
        weak var connection: AnyObject?
    }

    private let lock = NSLock()
    private var entries: [ObjectIdentifier: Entry] = [:]

    func contains(_ connection: AnyObject) -> Bool {
        lock.withLock { entries[ObjectIdentifier(connection)]?.connection === connection }
    }

    func insert(_ connection: AnyObject) {
        lock.withLock {
            if entries.count >= 1024 { entries = entries.filter { $0.value.connection != nil } }
            entries[ObjectIdentifier(connection)] = Entry(connection: connection)
        }
    }
}
