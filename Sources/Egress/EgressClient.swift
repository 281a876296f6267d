// EgressClient: the only way procedure code reaches the network. Before each hop it parses the
// URL once (`EgressURL`), asks the procedure's `EgressPolicy`, and only if allowed hands the
// request, rebuilt from the parsed parts and moved by the egress map, to the transport. A denied
// request fails with an `EgressError` naming host:port and the procedure, and nothing is sent.
// Every decision goes to the egress log.
//
// Two requests the rules allow are refused all the same, before anything is sent (issue 17, item
// 8). Snowflake's HOST_PORT rules are scheme-blind, so `api.github.com:443` allows
// `http://api.github.com:443/…` too; sent, that puts the Authorization header on the wire in
// clear text. So plain http:// to port 443 (the TLS port, every rule's default) is refused; https
// to port 80 is not (it leaks nothing). And a host that the egress map names is reached only
// through its mapped origins (EgressMap.conflictingEntry): another scheme or port of it would
// bypass the map and reach the real host.
//
// Redirects: the transport follows none. With `maxRedirects = 0` (the default) a 3xx response is
// returned as is; with N > 0 the client follows up to N, each `Location` checked like a first
// request. Like browsers and curl, 301/302 turn a POST into a GET and 303 turns anything but HEAD
// into a GET (dropping the body), and credentials (`Authorization`, `Cookie`) are not carried to
// another origin.
//
// One client per running procedure: the runtime builds it with that procedure's policy and
// shares the transport, the map, the clock and the log.

import Foundation
import Security

public struct EgressError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        /// No network rule of the procedure's enabled integrations allows the host and port.
        case denied
        /// The URL (or a redirect's Location) could not be read.
        case invalidURL
        /// A header name or value would break the request (CR, LF, or a bad name).
        case invalidRequest
        /// The request was allowed and sent, and the transport failed (connect, timeout, TLS…).
        case transport
        /// More redirects than the request allowed.
        case tooManyRedirects
        /// A rule allowed it, but sending it would leak: plain http:// to port 443, or another
        /// origin of a host the egress map names.
        case unsafe
    }

    public let code: Code
    public let message: String
    /// `host:port` of the hop that failed, when it is known.
    public let hostPort: String?

    public init(code: Code, message: String, hostPort: String? = nil) {
        self.code = code
        self.message = message
        self.hostPort = hostPort
    }

    public var description: String { message }
}

public struct EgressClient: Sendable {
    public let policy: EgressPolicy
    public let transport: any HTTPTransport
    public let map: EgressMap
    public let clock: @Sendable () -> Date
    public let log: any EgressLog

    public init(policy: EgressPolicy, transport: any HTTPTransport, map: EgressMap = EgressMap(),
                clock: @escaping @Sendable () -> Date = { Date() }, log: any EgressLog) {
        self.policy = policy
        self.transport = transport
        self.map = map
        self.clock = clock
        self.log = log
    }

    /// Sends `request` if the policy allows it (and each redirect it is asked to follow).
    /// The response's `url` is the logical URL of the last hop.
    public func send(_ request: HTTPRequest) throws(EgressError) -> HTTPResponse {
        var current = request
        var url = try parse(request.url, method: request.method, hop: 0)
        var hop = 0
        while true {
            var response = try sendOnce(current, to: url, hop: hop)
            response.url = url.description
            guard request.maxRedirects > 0, response.isRedirect, let location = response.header("Location") else {
                return response
            }
            guard hop < request.maxRedirects else {
                throw EgressError(code: .tooManyRedirects,
                                  message: "Request to \(url.hostPort) stopped: more than \(request.maxRedirects) redirects.",
                                  hostPort: url.hostPort)
            }
            hop += 1
            let next = try parse(Self.resolve(location, against: url), method: current.method, hop: hop)
            current = Self.redirected(current, status: response.status, from: url, to: next)
            url = next
        }
    }

    // MARK: - One hop

    private func sendOnce(_ request: HTTPRequest, to url: EgressURL, hop: Int) throws(EgressError) -> HTTPResponse {
        var entry = EgressLogEntry(time: clock(), procedure: policy.procedure, method: request.method, url: url.description,
                                   hostPort: url.hostPort, decision: .denied(""), mappedTo: nil, hop: hop, status: nil,
                                   bytesSent: 0, bytesReceived: 0, duration: .zero, error: nil)
        let decision = policy.decide(url)
        guard case let .allowed(integration, rule, value) = decision else {
            guard case .denied(let denial) = decision else { preconditionFailure("a decision allows or denies") }
            let message = policy.denialMessage(for: url, denial)
            entry.decision = .denied(message)
            log.record(entry)
            throw EgressError(code: .denied, message: message, hostPort: url.hostPort)
        }
        entry.decision = .allowed(integration: integration, rule: rule, value: value)
        if let problem = Self.headerProblem(request.headers) {
            entry.decision = .denied(problem)
            log.record(entry)
            throw EgressError(code: .invalidRequest, message: problem, hostPort: url.hostPort)
        }
        if let problem = unsafeProblem(url) {
            entry.decision = .denied(problem)
            log.record(entry)
            throw EgressError(code: .unsafe, message: problem, hostPort: url.hostPort)
        }

        let physical = map.physicalURL(for: url)
        if physical != url { entry.mappedTo = physical.origin }
        var wire = request
        wire.url = physical.description
        entry.bytesSent = request.body?.count ?? 0
        let start = entry.time
        do {
            let response = try transport.send(wire)
            entry.status = response.status
            entry.bytesReceived = response.body.count
            entry.duration = Self.elapsed(from: start, to: clock())
            log.record(entry)
            return response
        } catch {
            entry.error = error.message
            entry.duration = Self.elapsed(from: start, to: clock())
            log.record(entry)
            throw EgressError(code: .transport, message: "Request to \(url.hostPort) failed: \(error.message)",
                              hostPort: url.hostPort)
        }
    }

    /// A tunnel to `host:port` a proxy is asked for (CONNECT): judged as an https request to that
    /// origin would be, and logged only when denied; every request sent through it is judged again.
    public func admitTunnel(host: String, port: Int) throws(EgressError) {
        let authority = host.contains(":") ? "[\(host)]" : host
        let url = try parse("https://\(authority):\(port)/", method: .connect, hop: 0)
        let decision = policy.decide(url)
        var problem: String?
        switch decision {
        case .denied(let denial): problem = policy.denialMessage(for: url, denial)
        case .allowed: problem = unsafeProblem(url)
        }
        guard let problem else { return }
        log.record(EgressLogEntry(time: clock(), procedure: policy.procedure, method: .connect, url: url.origin, hostPort: url.hostPort,
                                  decision: .denied(problem), mappedTo: nil, hop: 0, status: nil, bytesSent: 0, bytesReceived: 0,
                                  duration: .zero, error: nil))
        throw EgressError(code: .denied, message: problem, hostPort: url.hostPort)
    }

    /// Parses a URL; one that cannot be read is a denial too, and is logged as one.
    private func parse(_ text: String, method: HTTPMethod, hop: Int) throws(EgressError) -> EgressURL {
        do { return try EgressURL.parse(text) } catch {
            let message = "Request to '\(text)' denied: \(error.description)"
            log.record(EgressLogEntry(time: clock(), procedure: policy.procedure, method: method, url: text, hostPort: "",
                                      decision: .denied(message), mappedTo: nil, hop: hop, status: nil, bytesSent: 0,
                                      bytesReceived: 0, duration: .zero, error: nil))
            throw EgressError(code: .invalidURL, message: message)
        }
    }

    // MARK: - Pieces

    /// Why an allowed request must not be sent all the same, or nil (see the file's comment).
    func unsafeProblem(_ url: EgressURL) -> String? {
        let head = "Request to \(url.origin) denied: "
        if url.scheme == "http", url.port == 443 {
            return head + "plain http:// to port 443 would send it unencrypted to a TLS port; use https://."
        }
        if let entry = map.conflictingEntry(for: url) {
            return head + "\(EgressMap.environmentVariable) maps \(entry.from), and a mapped host is reached only "
                + "through its mapped origins."
        }
        return nil
    }

    static func headerProblem(_ headers: [HTTPHeader]) -> String? {
        let tokenCharacters = Set("!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
        for header in headers {
            guard !header.name.isEmpty, header.name.allSatisfy({ tokenCharacters.contains($0) }) else {
                return "Invalid header name '\(header.name)'."
            }
            // By scalar: "\r\n" is one Character, equal to neither "\r" nor "\n".
            guard !header.value.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" }) else {
                return "Invalid value for header '\(header.name)': it contains a line break."
            }
        }
        return nil
    }

    /// A redirect's `Location` resolved against the URL that answered (RFC 3986 §5.2, without
    /// dot-segment removal): absolute, scheme-relative, absolute path, query-only or relative path.
    static func resolve(_ location: String, against base: EgressURL) -> String {
        if location.contains("://") { return location }
        if location.hasPrefix("//") { return base.scheme + ":" + location }
        if location.hasPrefix("/") { return base.origin + location }
        let basePath = base.pathAndQuery.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]
        if location.hasPrefix("?") { return base.origin + basePath + location }
        if location.isEmpty { return base.description }
        let directory = basePath[...(basePath.lastIndex(of: "/") ?? basePath.startIndex)]
        return base.origin + directory + location
    }

    /// The request to send to a redirect's target.
    static func redirected(_ request: HTTPRequest, status: Int, from: EgressURL, to: EgressURL) -> HTTPRequest {
        var next = request
        next.url = to.description
        let becomesGet = (status == 303 && request.method != .head) || ([301, 302].contains(status) && request.method == .post)
        if becomesGet {
            next.method = .get
            next.body = nil
            next.headers.removeAll { $0.hasName("Content-Type") || $0.hasName("Content-Length") }
        }
        if EgressMap.Origin(from) != EgressMap.Origin(to) {
            next.headers.removeAll { $0.hasName("Authorization") || $0.hasName("Cookie") }
        }
        return next
    }

    static func elapsed(from start: Date, to end: Date) -> Duration {
        .nanoseconds(Int64((max(0, end.timeIntervalSince(start)) * 1e9).rounded()))
    }
}
