// EgressMap: where an allowed request physically goes, for offline use and tests.
// `SNOWLITE_EGRESS_MAP='https://api.github.com=http://127.0.0.1:8123'` (entries comma-separated)
// sends every request for the origin on the left to the origin on the right, keeping the path and
// query. The map is applied after the policy check, which always sees the original URL, and the
// response still carries the original URL, so handler code cannot tell the difference.
//
// Decided: the physical request is an ordinary request to the mapped origin, so its `Host` header
// names the mapped origin (`127.0.0.1:8123`), not `api.github.com`. A mock server on loopback
// needs nothing else, and pretending otherwise (a forged Host, or curl's CONNECT_TO) would make a
// TLS target on the right side fail its certificate check. Origins only: a path on either side is
// refused, as is an entry that maps the same origin twice.
//
// Decided (issue 17, item 8): the map is not scheme-blind, as network rules are. A host the map
// names is a stand-in, reached only through the origins mapped for it: `http://api.github.com:443`
// or `https://api.github.com:8443` beside `https://api.github.com=…` would otherwise go, unmapped,
// to the real host (with the connector's bearer token), so the client refuses it before sending.

import Foundation
import Security

public struct EgressMap: Sendable, Equatable {
    /// A scheme, a host and an effective port: what the map rewrites.
    public struct Origin: Sendable, Hashable, CustomStringConvertible {
        public let scheme: String
        public let host: NetworkHost
        public let port: Int

        public init(_ url: EgressURL) {
            scheme = url.scheme
            host = url.host
            port = url.port
        }

        public var description: String { EgressURL(scheme: scheme, host: host, port: port, pathAndQuery: "").origin }
    }

    public struct Entry: Sendable, Equatable {
        public let from: Origin
        public let to: Origin
    }

    public static let environmentVariable = "SNOWLITE_EGRESS_MAP"

    public let entries: [Entry]

    public init(_ entries: [Entry] = []) { self.entries = entries }

    public var isEmpty: Bool { entries.isEmpty }

    /// Parses `from=to[,from=to…]`; blanks around entries are ignored, an empty text maps nothing.
    public static func parse(_ text: String) throws(EgressMapError) -> EgressMap {
        var entries: [Entry] = []
        for rawEntry in text.split(separator: ",") {
            let entry = rawEntry.trimmingCharacters(in: .whitespaces)
            if entry.isEmpty { continue }
            guard let equals = entry.firstIndex(of: "=") else {
                throw EgressMapError(entry: entry, reason: "it is not of the form 'from=to'")
            }
            let from = try origin(String(entry[..<equals]), entry: entry)
            let to = try origin(String(entry[entry.index(after: equals)...]), entry: entry)
            guard !entries.contains(where: { $0.from == from }) else {
                throw EgressMapError(entry: entry, reason: "\(from) is mapped twice")
            }
            entries.append(Entry(from: from, to: to))
        }
        return EgressMap(entries)
    }

    /// The map in `SNOWLITE_EGRESS_MAP`, or an empty one when the variable is unset.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(EgressMapError) -> EgressMap {
        try parse(environment[environmentVariable] ?? "")
    }

    /// Where a (checked) request for `url` is sent: the mapped origin with the same path and query,
    /// or `url` itself when no entry names its origin.
    public func physicalURL(for url: EgressURL) -> EgressURL {
        guard let entry = entries.first(where: { $0.from == Origin(url) }) else { return url }
        return EgressURL(scheme: entry.to.scheme, host: entry.to.host, port: entry.to.port, pathAndQuery: url.pathAndQuery)
    }

    /// The entry naming `url`'s host when no entry names `url`'s own origin (another scheme or
    /// port of a mapped host): the client refuses such a request instead of sending it unmapped.
    public func conflictingEntry(for url: EgressURL) -> Entry? {
        let origin = Origin(url)
        guard !entries.contains(where: { $0.from == origin }) else { return nil }
        return entries.first { $0.from.host == origin.host }
    }

    private static func origin(_ text: String, entry: String) throws(EgressMapError) -> Origin {
        let url: EgressURL
        do { url = try EgressURL.parse(text.trimmingCharacters(in: .whitespaces)) } catch {
            throw EgressMapError(entry: entry, reason: "'\(text)' is not a URL")
        }
        guard EgressURL.defaultPort(forScheme: url.scheme) != nil else {
            throw EgressMapError(entry: entry, reason: "only http and https origins can be mapped")
        }
        guard url.pathAndQuery == "/" else {
            throw EgressMapError(entry: entry, reason: "'\(text)' has a path or query; only origins can be mapped")
        }
        return Origin(url)
    }
}

public struct EgressMapError: Error, Sendable, Equatable, CustomStringConvertible {
    public let entry: String
    public let reason: String

    public var description: String {
        "Invalid \(EgressMap.environmentVariable) entry '\(entry)': \(reason)."
    }
}
