// DashboardHarness: drives the dashboard's router in-process with HummingbirdTesting (`.router`:
// no socket; a LoopbackPeer of the server's own user) over a ConnectorAccount whose connector reaches the mock GitHub API on 127.0.0.1. It
// behaves as one browser: it keeps the session cookie, reads the CSRF token from the last page's
// forms and sends it with each POST. `HTMLText` reads pages back as text — an element by id, the
// rows of a table, the SQL a page lists — so tests compare exact strings, not markup.

import Dashboard
import Foundation
import GitHubFixture
import Hummingbird
import HummingbirdTesting
import XCTest

final class DashboardHarness: @unchecked Sendable {
    let client: any TestClientProtocol
    let account: ConnectorAccount
    let server: GitHubFixtureServer
    private(set) var cookie: String?
    private(set) var csrf: String?

    init(client: any TestClientProtocol, account: ConnectorAccount, server: GitHubFixtureServer) {
        self.client = client
        self.account = account
        self.server = server
    }

    /// A GET, as the browser; keeps the session cookie and the page's CSRF token.
    func get(_ uri: String, file: StaticString = #filePath, line: UInt = #line) async throws -> HTMLText {
        let response = try await client.execute(uri: uri, method: .get, headers: headers())
        return keep(response)
    }

    /// A form's POST with the page's CSRF token (or `csrf` when given).
    func post(_ uri: String, _ fields: [(String, String)], csrf: String? = nil) async throws -> HTMLText {
        var all = [("csrf", csrf ?? self.csrf ?? "")] + fields
        all = all.filter { !$0.0.isEmpty }
        let body = all.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        var fields = headers()
        fields[.contentType] = "application/x-www-form-urlencoded"
        let response = try await client.execute(uri: uri, method: .post, headers: fields, body: ByteBuffer(string: body))
        return keep(response)
    }

    private func headers() -> HTTPFields {
        var fields = HTTPFields()
        if let cookie { fields[.cookie] = cookie }
        return fields
    }

    private func keep(_ response: TestResponse) -> HTMLText {
        if let set = response.headers[.setCookie], let pair = set.split(separator: ";").first {
            cookie = String(pair)
        }
        let page = HTMLText(status: response.status, html: String(buffer: response.body))
        if let token = page.csrf { csrf = token }
        return page
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// Runs `body` with a dashboard over a freshly installed connector and a running GitHub mock.
    static func run(_ body: @escaping @Sendable (DashboardHarness) async throws -> Void) async throws {
        try await GitHubFixtureServer.run { server in
            let account = try ConnectorAccount(server: server)
            defer { account.remove() }
            let dashboard = try DashboardServer(openSession: { try account.openSession() }, configuration: LoopbackPeer.configuration())
            let app = Application(router: dashboard.buildRouter(LoopbackPeerContext.self))
            try await app.test(.router) { client in
                try await body(DashboardHarness(client: client, account: account, server: server))
            }
        }
    }
}

/// A page as text.
struct HTMLText: Sendable {
    let status: HTTPResponse.Status
    let html: String

    /// The CSRF token the page's forms carry.
    var csrf: String? { firstMatch(#"name="csrf" value="([0-9a-f]+)""#) }

    /// The text inside the element with `id` (tags removed, blanks collapsed), nil when absent.
    func text(id: String) -> String? {
        guard let open = html.range(of: "id=\"\(id)\"") else { return nil }
        guard let start = html[..<open.lowerBound].range(of: "<", options: .backwards) else { return nil }
        let tag = html[html.index(after: start.lowerBound)...].prefix { $0.isLetter || $0.isNumber }
        // The matching close tag, counting nested elements of the same name (`<p` is not `<pre`).
        var depth = 0
        var index = start.lowerBound
        while let close = html.range(of: "</\(tag)>", range: index..<html.endIndex) {
            var open = html.range(of: "<\(tag)", range: index..<close.lowerBound)
            while let found = open, found.upperBound < html.endIndex, ![" ", ">"].contains(html[found.upperBound]) {
                open = html.range(of: "<\(tag)", range: found.upperBound..<close.lowerBound)
            }
            if let open {
                depth += 1
                index = open.upperBound
            } else {
                depth -= 1
                index = close.upperBound
                if depth == 0 { return HTMLText.plain(String(html[start.lowerBound..<close.upperBound])) }
            }
        }
        return nil
    }

    /// The rows of the first table inside the element with `id`, header row first, each cell as text.
    func table(id: String) -> [[String]] {
        guard let open = html.range(of: "id=\"\(id)\"") else { return [] }
        guard let tableStart = html.range(of: "<table>", range: open.upperBound..<html.endIndex),
              let tableEnd = html.range(of: "</table>", range: tableStart.upperBound..<html.endIndex) else { return [] }
        let table = String(html[tableStart.upperBound..<tableEnd.lowerBound])
        return table.components(separatedBy: "<tr>").dropFirst().map { row in
            row.components(separatedBy: "</th>").count > 1
                ? row.components(separatedBy: "</th>").dropLast().map { HTMLText.plain($0) }
                : row.components(separatedBy: "</td>").dropLast().map { HTMLText.plain($0) }
        }
    }

    /// The SQL statements the page lists at its foot, each followed by `[as Streamlit …]`.
    var statements: [String] {
        guard let list = html.range(of: "<details class=\"statements\"") else { return [] }
        return html[list.upperBound...].components(separatedBy: "<li>").dropFirst().map { item in
            let sql = item.components(separatedBy: "</pre>")[0].components(separatedBy: "<pre class=\"sql\">").last ?? ""
            let streamlit = item.range(of: "<span class=\"as\">").map { HTMLText.plain(String(item[$0.upperBound...].prefix { $0 != "<" })) }
            return HTMLText.unescape(sql).replacingOccurrences(of: "\n", with: " ") + (streamlit.map { " [\($0)]" } ?? "")
        }
    }

    private func firstMatch(_ pattern: String) -> String? {
        guard let regex = try? NSRegularExpression(pattern: pattern),
              let match = regex.firstMatch(in: html, range: NSRange(html.startIndex..., in: html)),
              let range = Range(match.range(at: 1), in: html) else { return nil }
        return String(html[range])
    }

    static func plain(_ fragment: String) -> String {
        let noTags = fragment.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
        let collapsed = noTags.replacingOccurrences(of: "\\s+", with: " ", options: .regularExpression)
        return unescape(collapsed.trimmingCharacters(in: .whitespaces))
    }

    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}

// MARK: - LoopbackPeer

// A connection whose two ends the router tests fix (HummingbirdTesting's `.router`
// has no socket), and the kernel socket table that says which user owns its client end — so the
// dashboard's access rule (DashboardAccess.swift) is driven deterministically, as the kernel would
// drive it: the client at 127.0.0.1:41000 connected to the server at 127.0.0.1:8080.
/// A request context for router tests: every request comes from 127.0.0.1:41000 to 127.0.0.1:8080.
struct LoopbackPeerContext: DashboardRequestContext {
    var coreContext: CoreRequestContextStorage

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    var peer: SocketEndpoint? { SocketEndpoint(ip: "127.0.0.1", port: 41000) }
    var server: SocketEndpoint? { SocketEndpoint(ip: "127.0.0.1", port: 8080) }
}

enum LoopbackPeer {
    /// The user the tests' server runs as.
    static let serverUser: UInt32 = 1000

    /// /proc/net/tcp as the kernel writes it on x86: the listener, the server's end of the
    /// connection (the server's user) and the client's end (owned by `clientUser`).
    static func tcpTable(clientUser: UInt32) -> String {
        """
          sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
           0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  \(serverUser)        0 1360 1 000000006c349f22 100 0 0 10 0
           1: 0100007F:1F90 0100007F:A028 01 00000000:00000000 00:00000000 00000000  \(serverUser)        0 1361 1 000000006c349f23 20 4 30 10 -1
           2: 0100007F:A028 0100007F:1F90 01 00000000:00000000 00:00000000 00000000  \(clientUser)        0 1362 1 000000006c349f24 20 4 30 10 -1
        """
    }

    /// A lookup reading `tcpTable(clientUser:)`.
    static func owners(clientUser: UInt32) -> PeerOwnerLookup {
        let text = tcpTable(clientUser: clientUser)
        return PeerOwnerLookup { text }
    }

    /// A loopback configuration whose server answers the client only when `clientUser` is its user.
    static func configuration(clientUser: UInt32 = serverUser, port: Int = 8080) -> DashboardConfiguration {
        DashboardConfiguration(host: "127.0.0.1", port: port, peerOwners: owners(clientUser: clientUser), serverUser: serverUser)
    }
}
