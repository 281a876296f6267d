// Who may use the dashboard (issue 17, item 7): the kernel socket table read right (both address
// families, byte order, the client's row and not the server's), a loopback server that answers
// its own user's processes and refuses another user's with 403 on every endpoint — pages, forms,
// the stylesheet, paths that do not exist — the token where the kernel does not say who connects,
// and the same over a real socket, with the real /proc tables.

@testable import Dashboard
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Hummingbird
import HummingbirdTesting
import XCTest

final class DashboardAccessTests: XCTestCase {
    static let otherUser = "The dashboard answers only the user who runs `snowlite serve`.\n"

    func testTheSocketTableParserReadsBothFamiliesAndFindsTheClientsRow() throws {
        let tcp6 = """
              sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
               0: 00000000000000000000000001000000:A029 00000000000000000000000001000000:1F90 01 00000000:00000000 00:00000000 00000000  1002        0 77 1 0 20 4 30 10 -1
               1: 0000000000000000FFFF00000100007F:A02A 0000000000000000FFFF00000100007F:1F90 01 00000000:00000000 00:00000000 00000000  1003        0 78 1 0 20 4 30 10 -1
            """
        let table = SocketTable.parse(LoopbackPeer.tcpTable(clientUser: 1001) + "\n" + tcp6)
        XCTAssertEqual(table.rows.map { "\($0.local) -> \($0.remote) uid \($0.uid)" }, [
            "127.0.0.1:8080 -> 0.0.0.0:0 uid 1000",
            "127.0.0.1:8080 -> 127.0.0.1:41000 uid 1000",
            "127.0.0.1:41000 -> 127.0.0.1:8080 uid 1001",
            "[0:0:0:0:0:0:0:1]:41001 -> [0:0:0:0:0:0:0:1]:8080 uid 1002",
            "127.0.0.1:41002 -> 127.0.0.1:8080 uid 1003",
        ])
        let server = SocketEndpoint(ip: "127.0.0.1", port: 8080)
        XCTAssertEqual(table.owner(of: try XCTUnwrap(SocketEndpoint(ip: "127.0.0.1", port: 41000)), connectedTo: server), 1001)
        XCTAssertEqual(table.owner(of: try XCTUnwrap(SocketEndpoint(ip: "::1", port: 41001)), connectedTo: SocketEndpoint(ip: "::1", port: 8080)),
                       1002)
        // A dual-stack socket's row (::ffff:127.0.0.1) is the IPv4 client's.
        XCTAssertEqual(table.owner(of: try XCTUnwrap(SocketEndpoint(ip: "::ffff:127.0.0.1", port: 41002)), connectedTo: server), 1003)
        XCTAssertEqual(table.owner(of: try XCTUnwrap(SocketEndpoint(ip: "127.0.0.1", port: 41002)), connectedTo: server), 1003)
        // No row, or a row connected elsewhere: nobody is known, so nobody is answered.
        XCTAssertNil(table.owner(of: try XCTUnwrap(SocketEndpoint(ip: "127.0.0.1", port: 50000)), connectedTo: server))
        XCTAssertNil(table.owner(of: try XCTUnwrap(SocketEndpoint(ip: "127.0.0.1", port: 41000)),
                                 connectedTo: SocketEndpoint(ip: "127.0.0.1", port: 9090)))
        // Two rows for one end with different owners: not a single answer.
        let twice = SocketTable.parse(LoopbackPeer.tcpTable(clientUser: 1001) + "\n" + LoopbackPeer.tcpTable(clientUser: 1005))
        XCTAssertNil(twice.owner(of: try XCTUnwrap(SocketEndpoint(ip: "127.0.0.1", port: 41000)), connectedTo: server))
        XCTAssertEqual(SocketTable.parse("garbage\n  sl local\n 0: zz:1 00:0 01 0 0 0 1000").rows, [])
        XCTAssertNil(SocketEndpoint(ip: "localhost", port: 1))
    }

    /// /proc files say they are empty; a socket table longer than a page must still be read whole.
    func testTheKernelsFilesAreReadWhole() throws {
        guard let maps = PeerOwnerLookup.readToEnd("/proc/self/maps") else { throw XCTSkip("no /proc on this system") }
        XCTAssertGreaterThan(maps.utf8.count, 4096)
        XCTAssertTrue(maps.hasSuffix("\n"))
        XCTAssertNil(PeerOwnerLookup.readToEnd("/proc/no/such/file"))
    }

    /// The same router, the same connection: the table's owner of the client end decides.
    func testOnLoopbackOnlyTheServersUserIsAnsweredOnEveryEndpoint() async throws {
        let opened = Opened()
        for (clientUser, admitted) in [(1001 as UInt32, false), (LoopbackPeer.serverUser, true)] {
            let dashboard = try DashboardServer(openSession: { opened.mark(); throw DashboardAddressRefused(host: "nowhere") },
                                                configuration: LoopbackPeer.configuration(clientUser: clientUser))
            XCTAssertNil(dashboard.accessToken)
            try await Application(router: dashboard.buildRouter(LoopbackPeerContext.self)).test(.router) { client in
                let requests: [(String, HTTPRequest.Method, HTTPResponse.Status)] = [
                    ("/", .get, .serviceUnavailable), ("/style.css", .get, .ok), ("/apps/APP/state", .get, .serviceUnavailable),
                    ("/apps/APP/resources", .post, .forbidden), ("/no/such/page", .get, .notFound),
                ]
                for (uri, method, status) in requests {
                    let response = try await client.execute(uri: uri, method: method, headers: [.contentType: "application/x-www-form-urlencoded"],
                                                            body: ByteBuffer(string: "organization=o&repository=r"))
                    if admitted {
                        XCTAssertEqual(response.status, status, uri)
                    } else {
                        XCTAssertEqual(response.status, .forbidden, uri)
                        XCTAssertEqual(String(buffer: response.body), Self.otherUser, uri)
                    }
                }
            }
            // Another user's requests never reached the account.
            XCTAssertEqual(opened.count > 0, admitted)
        }
    }

    /// Where the kernel does not say who connects, loopback needs the token too.
    func testWithoutSocketTablesLoopbackNeedsTheToken() async throws {
        for owners in [nil, PeerOwnerLookup { nil }] {
            let dashboard = try DashboardServer(openSession: { throw DashboardAddressRefused(host: "nowhere") },
                                                configuration: DashboardConfiguration(token: "feedfacefeedface", peerOwners: owners))
            XCTAssertEqual(dashboard.startMessage(port: 8080), """
                Dashboard: http://127.0.0.1:8080/?token=feedfacefeedface (this system does not tell who connects: requests need this token)
                """)
            try await Application(router: dashboard.buildRouter(LoopbackPeerContext.self)).test(.router) { client in
                let refused = try await client.execute(uri: "/style.css", method: .get)
                XCTAssertEqual(refused.status, .forbidden)
                XCTAssertEqual(String(buffer: refused.body), """
                    The dashboard needs its access token: open the URL with ?token=… that `snowlite serve` printed at start.

                    """)
                let statuses = [
                    try await client.execute(uri: "/style.css?token=feedfacefeedface", method: .get).status,
                    try await client.execute(uri: "/style.css", method: .get, headers: [.cookie: "snowlite_token=feedfacefeedface"]).status,
                    try await client.execute(uri: "/style.css", method: .get, headers: [.authorization: "Bearer feedfacefeedface"]).status,
                    try await client.execute(uri: "/style.css", method: .get, headers: [.authorization: "Bearer feedfacefeedfacf"]).status,
                ]
                XCTAssertEqual(statuses, [.ok, .ok, .ok, .forbidden])
            }
        }
    }

    /// A real socket and the real /proc tables: this test's process is the server's user; a
    /// server told it runs as another user refuses it.
    func testOverARealSocketTheKernelsTablesDecide() async throws {
        guard PeerOwnerLookup.kernel.readTables() != nil else { throw XCTSkip("no /proc/net/tcp on this system") }
        for (serverUser, status) in [(DashboardAccess.currentUser, 200), (DashboardAccess.currentUser &+ 1, 403)] {
            let dashboard = try DashboardServer(openSession: { throw DashboardAddressRefused(host: "nowhere") },
                                                configuration: DashboardConfiguration(port: 0, serverUser: serverUser))
            try await BrowserTests.serve(dashboard) { port in
                let url = try XCTUnwrap(URL(string: "http://127.0.0.1:\(port)/style.css"))
                let (body, response) = try await URLSession.shared.data(from: url)
                XCTAssertEqual((response as? HTTPURLResponse)?.statusCode, status)
                if status == 403 { XCTAssertEqual(String(decoding: body, as: UTF8.self), Self.otherUser) }
            }
        }
    }
}

/// Counts the account opens a test's dashboard attempted.
private final class Opened: @unchecked Sendable {
    private let lock = NSLock()
    private var opens = 0
    var count: Int { lock.withLock { opens } }
    func mark() { lock.withLock { opens += 1 } }
}

/// A connection admitted once is not looked up again while it lives; another connection is, and
/// so is a connection object that took a dead one's place.
final class AdmittedConnectionTests: XCTestCase {
    final class Connection: Sendable {}

    func testAnAdmittedConnectionIsRememberedOnlyWhileItLives() {
        let admitted = AdmittedConnections()
        let first = Connection(), second = Connection()
        XCTAssertFalse(admitted.contains(first))
        admitted.insert(first)
        XCTAssertTrue(admitted.contains(first))
        XCTAssertFalse(admitted.contains(second))
        weak var gone: Connection?
        do {
            let shortLived = Connection()
            gone = shortLived
            admitted.insert(shortLived)
            XCTAssertTrue(admitted.contains(shortLived))
        }
        XCTAssertNil(gone)
        // Whatever object now sits where the dead one was is a stranger.
        XCTAssertFalse(admitted.contains(Connection()))
    }
}

/// Every request of one keep-alive connection: the kernel's tables are read for the first only.
final class KeepAliveAccessTests: XCTestCase {
    final class Connection: Sendable {}
    static let connection = Connection()

    struct KeepAliveContext: DashboardRequestContext {
        var coreContext: CoreRequestContextStorage
        init(source: ApplicationRequestContextSource) { coreContext = .init(source: source) }
        var peer: SocketEndpoint? { SocketEndpoint(ip: "127.0.0.1", port: 41000) }
        var server: SocketEndpoint? { SocketEndpoint(ip: "127.0.0.1", port: 8080) }
        var connection: (any AnyObject & Sendable)? { KeepAliveAccessTests.connection }
    }

    final class Reads: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func mark() { lock.withLock { count += 1 } }
        var value: Int { lock.withLock { count } }
    }

    func testTheTablesAreReadOncePerConnection() async throws {
        let reads = Reads()
        let table = LoopbackPeer.tcpTable(clientUser: LoopbackPeer.serverUser)
        let configuration = DashboardConfiguration(host: "127.0.0.1", port: 8080,
                                                   peerOwners: PeerOwnerLookup { reads.mark(); return table },
                                                   serverUser: LoopbackPeer.serverUser)
        let dashboard = try DashboardServer(openSession: { throw DashboardAddressRefused(host: "nowhere") }, configuration: configuration)
        let before = reads.value  // choosing the rule reads the tables once
        try await Application(router: dashboard.buildRouter(KeepAliveContext.self)).test(.router) { client in
            for _ in 0..<5 {
                let response = try await client.execute(uri: "/style.css", method: .get)
                XCTAssertEqual(response.status, .ok)
            }
        }
        XCTAssertEqual(reads.value - before, 1)
    }
}
