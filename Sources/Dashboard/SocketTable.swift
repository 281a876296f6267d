// SocketTable: which user owns the process at the other end of a loopback TCP connection, read
// from the kernel's socket tables (/proc/net/tcp and /proc/net/tcp6 on Linux). The dashboard
// answers only its own user on loopback (DashboardAccess.swift), and a TCP connection carries no
// credentials: but both ends of a loopback connection are sockets on this machine, so the
// client's socket is a row of the table, its local end being the endpoint the server sees as
// remote, and the row's uid column is the user that opened it.
//
// A row reads `sl local_address rem_address st … uid …`, each address `HEX_ADDRESS:HEX_PORT`. The
// port is a big-endian number printed in hex; the address is the raw network-order bytes printed
// as native 32-bit words (so on x86 `127.0.0.1` is `0100007F`): reading each word back as a native
// integer gives the bytes in order on any machine. IPv4 addresses are compared as IPv4-mapped
// IPv6 (::ffff:a.b.c.d), so a dual-stack socket's row matches too.
//
// Where the tables come from is injected (`PeerOwnerLookup`): the kernel's files, or a test's text.

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One end of a TCP connection: 16 address bytes (IPv4 as IPv4-mapped IPv6) and a port.
public struct SocketEndpoint: Hashable, Sendable, CustomStringConvertible {
    public let address: [UInt8]
    public let port: Int

    /// `127.0.0.1`, `::1`, `::ffff:127.0.0.1`; nil for anything that is not an IP address.
    public init?(ip: String, port: Int) {
        var v4 = in_addr()
        var v6 = in6_addr()
        if inet_pton(AF_INET, ip, &v4) == 1 {
            address = Array(repeating: 0, count: 10) + [0xFF, 0xFF] + withUnsafeBytes(of: &v4) { Array($0) }
        } else if inet_pton(AF_INET6, ip, &v6) == 1 {
            address = withUnsafeBytes(of: &v6) { Array($0) }
        } else {
            return nil
        }
        self.port = port
    }

    init(address: [UInt8], port: Int) {
        self.address = address
        self.port = port
    }

    public var description: String {
        let isV4 = address[0..<10].allSatisfy { $0 == 0 } && address[10] == 0xFF && address[11] == 0xFF
        if isV4 { return address[12...].map(String.init).joined(separator: ".") + ":\(port)" }
        let groups = stride(from: 0, to: 16, by: 2).map { String(UInt16(address[$0]) << 8 | UInt16(address[$0 + 1]), radix: 16) }
        return "[\(groups.joined(separator: ":"))]:\(port)"
    }
}

/// The rows of the kernel's TCP socket tables that matter here: both ends and the owner.
public struct SocketTable: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public let local: SocketEndpoint
        public let remote: SocketEndpoint
        public let uid: UInt32
    }

    public let rows: [Row]

    /// Parses the text of /proc/net/tcp and /proc/net/tcp6 (either, both concatenated, headers
    /// included); lines that are not rows are skipped.
    public static func parse(_ text: String) -> SocketTable {
        var rows: [Row] = []
        for line in text.split(whereSeparator: \.isNewline) {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            // sl, local_address, rem_address, st, tx:rx, tr:when, retrnsmt, uid, …
            guard fields.count >= 8, fields[0].hasSuffix(":"), let local = endpoint(fields[1]), let remote = endpoint(fields[2]),
                  let uid = UInt32(fields[7]) else { continue }
            rows.append(Row(local: local, remote: remote, uid: uid))
        }
        return SocketTable(rows: rows)
    }

    /// The owner of the socket whose local end is `peer` and whose remote end is `server` (when
    /// known): the client's socket, not the server's own. nil when no row, or rows of two users, match.
    public func owner(of peer: SocketEndpoint, connectedTo server: SocketEndpoint?) -> UInt32? {
        let owners = Set(rows.filter { $0.local == peer && (server == nil || $0.remote == server) }.map(\.uid))
        return owners.count == 1 ? owners.first : nil
    }

    /// `0100007F:1F90` (IPv4) or 32 hex digits and a port (IPv6).
    static func endpoint(_ text: Substring) -> SocketEndpoint? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let port = Int(parts[1], radix: 16), [8, 32].contains(parts[0].count) else { return nil }
        var bytes: [UInt8] = []
        var index = parts[0].startIndex
        while index < parts[0].endIndex {
            let end = parts[0].index(index, offsetBy: 8)
            guard let word = UInt32(parts[0][index..<end], radix: 16) else { return nil }
            // The kernel printed the address bytes as a native integer: its native bytes are them.
            bytes += withUnsafeBytes(of: word) { Array($0) }
            index = end
        }
        if bytes.count == 4 { bytes = Array(repeating: 0, count: 10) + [0xFF, 0xFF] + bytes }
        return SocketEndpoint(address: bytes, port: port)
    }
}

/// Where the socket tables come from: `kernel` reads /proc; tests hand in text.
public struct PeerOwnerLookup: Sendable {
    /// The tables' text, nil where the system has none.
    public let readTables: @Sendable () -> String?

    public init(readTables: @escaping @Sendable () -> String?) {
        self.readTables = readTables
    }

    /// Linux's /proc/net/tcp and /proc/net/tcp6; nil elsewhere (no /proc), or when unreadable.
    public static let kernel = PeerOwnerLookup {
        let texts = ["/proc/net/tcp", "/proc/net/tcp6"].compactMap(readToEnd)
        return texts.isEmpty ? nil : texts.joined(separator: "\n")
    }

    /// The whole of a /proc file. Such files say they are empty, and Foundation's readers trust
    /// the size: a table longer than a page came back cut, and the client's row with it.
    static func readToEnd(_ path: String) -> String? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return count == 0 ? String(decoding: bytes, as: UTF8.self) : nil }
            bytes += chunk[..<count]
        }
    }

    /// The uid of the process at `peer`, connected to `server`; nil when the tables do not say.
    public func owner(of peer: SocketEndpoint, connectedTo server: SocketEndpoint?) -> UInt32? {
        guard let text = readTables() else { return nil }
        return SocketTable.parse(text).owner(of: peer, connectedTo: server)
    }
}
