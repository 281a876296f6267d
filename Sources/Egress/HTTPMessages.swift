// HTTPMessages: the request a procedure hands to the egress client, the response it gets back,
// and the transport protocol between the client and the wire. The transport is a protocol so unit
// tests use a fake that records what would have been sent; the composition root wires
// `CurlTransport`. A transport sends exactly one request to the URL it is given and follows no
// redirect: redirects are the client's business, because every hop must pass the policy.

import Foundation

public enum HTTPMethod: String, Sendable, Hashable, CaseIterable {
    case get = "GET"
    case head = "HEAD"
    case post = "POST"
    case put = "PUT"
    case patch = "PATCH"
    case delete = "DELETE"
    /// A tunnel a proxy is asked to open (a Python worker's HTTPS): admitted, never sent by a transport.
    case connect = "CONNECT"
}

/// One header line. Names compare case-insensitively; order and repeats are kept.
public struct HTTPHeader: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }

    func hasName(_ other: String) -> Bool { name.caseInsensitiveCompare(other) == .orderedSame }
}

public struct HTTPRequest: Sendable, Hashable {
    public var method: HTTPMethod
    /// An absolute http or https URL. For the client it is the logical URL the policy checks;
    /// for a transport it is the physical URL to send to (already checked and mapped).
    public var url: String
    public var headers: [HTTPHeader]
    /// The body; nil sends none (an empty body is sent as `Content-Length: 0`).
    public var body: Data?
    /// The whole exchange, connection included, must end within this time.
    public var timeout: Duration
    /// Connecting (DNS, TCP and TLS) must end within this time.
    public var connectTimeout: Duration
    /// How many redirects the egress client follows, each one checked like the first request.
    /// 0 (the default) follows none: the 3xx response is returned to the caller.
    public var maxRedirects: Int

    public init(_ method: HTTPMethod = .get, _ url: String, headers: [HTTPHeader] = [], body: Data? = nil,
                timeout: Duration = .seconds(30), connectTimeout: Duration = .seconds(10), maxRedirects: Int = 0) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.connectTimeout = connectTimeout
        self.maxRedirects = maxRedirects
    }

    public func header(_ name: String) -> String? { headers.first { $0.hasName(name) }?.value }
}

public struct HTTPResponse: Sendable, Hashable {
    public var status: Int
    /// The final response's headers in the order received (interim 1xx responses are dropped).
    public var headers: [HTTPHeader]
    public var body: Data
    /// The logical URL this response answers (after any redirects the client followed). With an
    /// egress map in force it is still the original URL, never the mapped one.
    public var url: String

    public init(status: Int, headers: [HTTPHeader] = [], body: Data = Data(), url: String) {
        self.status = status
        self.headers = headers
        self.body = body
        self.url = url
    }

    /// The first value of a header, by case-insensitive name.
    public func header(_ name: String) -> String? { headers.first { $0.hasName(name) }?.value }

    /// Every value of a header, in order (for `Link`, `Set-Cookie` and the like).
    public func headers(named name: String) -> [String] { headers.filter { $0.hasName(name) }.map(\.value) }

    public var isRedirect: Bool { [301, 302, 303, 307, 308].contains(status) }
}

/// Why a transport could not complete an exchange. Wording comes from the transport (for curl,
/// its error buffer: `Failed to connect to 127.0.0.1 port 9: Connection refused`).
public struct HTTPTransportError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case connect
        case timeout
        case tls
        case responseTooLarge
        case other
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}

/// Sends one HTTP request and returns its response, following no redirect.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) throws(HTTPTransportError) -> HTTPResponse
}
