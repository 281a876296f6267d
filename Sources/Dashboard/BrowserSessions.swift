// BrowserSessions: the dashboard's request safety. Every browser gets a session cookie
// (HttpOnly, SameSite=Strict) and, with it, a CSRF token that each form carries; a POST whose
// token is not its session's is refused with 403 before it reaches the Engine. Who may send
// requests at all is DashboardAccess.swift's rule. Tokens are 128 random bits from the system
// generator.
// `FormFields` reads application/x-www-form-urlencoded bodies and query strings.

import Foundation
import Hummingbird
import Synchronization

/// Browser sessions and their CSRF tokens, kept in memory for the server's life.
final class BrowserSessions: Sendable {
    static let cookieName = "snowlite_session"
    /// At most this many sessions are kept; the oldest goes first.
    static let capacity = 1_000

    private let sessions = Locked(State())

    private struct State {
        var tokens: [String: String] = [:]
        var order: [String] = []
    }

    /// 32 hex digits from the system's random generator.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<2).map { _ in String(format: "%016llx", generator.next() as UInt64) }.joined()
    }

    /// The CSRF token of the request's session, and the cookie to set when the session is new.
    func csrfToken(for request: Request) -> (token: String, newCookie: Cookie?) {
        if let id = request.cookies[Self.cookieName]?.value, let token = sessions.withLock({ $0.tokens[id] }) {
            return (token, nil)
        }
        let id = Self.randomToken(), token = Self.randomToken()
        sessions.withLock { state in
            state.tokens[id] = token
            state.order.append(id)
            if state.order.count > Self.capacity { state.tokens[state.order.removeFirst()] = nil }
        }
        return (token, Cookie(name: Self.cookieName, value: id, path: "/", httpOnly: true, sameSite: .strict))
    }

    /// Whether `submitted` is the CSRF token of the request's session.
    func accepts(_ submitted: String?, for request: Request) -> Bool {
        guard let submitted, let id = request.cookies[Self.cookieName]?.value,
              let token = sessions.withLock({ $0.tokens[id] }) else { return false }
        return Self.constantTimeEqual(token, submitted)
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let (x, y) = (Array(a.utf8), Array(b.utf8))
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// A lock around a value, for state shared by the server's request handlers.
final class Locked<Value: Sendable>: Sendable {
    private let value: Mutex<Value>

    init(_ value: Value) {
        self.value = Mutex(value)
    }

    func withLock<T: Sendable>(_ body: (inout Value) throws -> T) rethrows -> T {
        try value.withLock { try body(&$0) }
    }
}

/// On loopback, refuses requests whose Host is not a loopback name: a page on another site that
/// rebinds its DNS name to 127.0.0.1 cannot then read the dashboard's forms and their tokens.
struct LoopbackHostMiddleware<Context: RequestContext>: RouterMiddleware {
    let allowed: String
    let remote: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !remote, let host = request.head.authority else { return try await next(request, context) }
        let name = host.hasPrefix("[") ? String(host.prefix { $0 != "]" }) + "]" : String(host.split(separator: ":").first ?? "")
        guard DashboardConfiguration.isLoopback(name) || name == allowed else {
            return Response(status: .misdirectedRequest, headers: [.contentType: "text/plain; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: "The dashboard answers only to loopback names, not \(name).\n")))
        }
        return try await next(request, context)
    }
}

/// The fields of a form body or a query string (`a=1&b=x+y%2F`), first value of each name.
struct FormFields: Sendable {
    private var fields: [String: String] = [:]

    init(query: String) {
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (text: Substring) -> String in
                String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text)
            }
            let name = decode(parts[0])
            if fields[name] == nil { fields[name] = parts.count > 1 ? decode(parts[1]) : "" }
        }
    }

    /// Reads a request's urlencoded body (at most 64 KiB).
    static func body(of request: Request) async throws -> FormFields {
        let buffer = try await request.body.collect(upTo: 64 * 1024)
        return FormFields(query: String(buffer: buffer))
    }

    subscript(_ name: String) -> String? { fields[name] }

    /// The field, without surrounding blanks; empty when absent.
    func trimmed(_ name: String) -> String {
        (fields[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
