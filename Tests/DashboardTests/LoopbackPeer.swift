// LoopbackPeer: a connection whose two ends the router tests fix (HummingbirdTesting's `.router`
// has no socket), and the kernel socket table that says which user owns its client end — so the
// dashboard's access rule (DashboardAccess.swift) is driven deterministically, as the kernel would
// drive it: the client at 127.0.0.1:41000 connected to the server at 127.0.0.1:8080.

import Dashboard
import Hummingbird

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
