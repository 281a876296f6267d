// EgressLog: every egress decision, allowed or denied, as one entry: when, which procedure, which
// request (method and logical URL; userinfo never appears, since it is no part of the parsed
// URL), the decision and why, where it was physically sent, the status, the bytes each way and
// how long it took. The client writes to a sink; the composition root decides where entries go
// (an in-memory buffer in tests, later a system table or the event table).

import Foundation
import Synchronization

public struct EgressLogEntry: Sendable, Equatable {
    public enum Decision: Sendable, Equatable {
        /// Allowed by this integration, network rule and VALUE_LIST entry.
        case allowed(integration: String, rule: String, value: String)
        /// Denied; the message is the one the caller got.
        case denied(String)
    }

    public var time: Date
    public var procedure: String
    public var method: HTTPMethod
    /// The URL as the policy saw it, rebuilt from its parts (no userinfo, no fragment).
    public var url: String
    /// `host:port` as the policy saw it.
    public var hostPort: String
    public var decision: Decision
    /// The origin the request was sent to, when an egress map moved it.
    public var mappedTo: String?
    /// 0 for the request itself, 1 for the first redirect followed, and so on.
    public var hop: Int
    /// nil when nothing came back (denied, or the transport failed).
    public var status: Int?
    public var bytesSent: Int
    public var bytesReceived: Int
    public var duration: Duration
    /// The transport's error, when it failed after the request was allowed.
    public var error: String?

    public var isAllowed: Bool {
        if case .allowed = decision { return true }
        return false
    }
}

/// Where the client records entries. Called synchronously, once per decision.
public protocol EgressLog: Sendable {
    func record(_ entry: EgressLogEntry)
}

/// Keeps entries in memory, in order: for tests, and for a runtime that flushes them elsewhere.
public final class EgressLogBuffer: EgressLog, Sendable {
    private let stored = Mutex<[EgressLogEntry]>([])

    public init() {}

    public func record(_ entry: EgressLogEntry) {
        stored.withLock { $0.append(entry) }
    }

    public var entries: [EgressLogEntry] {
        stored.withLock { $0 }
    }

    /// Returns the entries recorded so far and forgets them.
    public func drain() -> [EgressLogEntry] {
        stored.withLock { entries in
            defer { entries = [] }
            return entries
        }
    }
}

/// Records nothing.
public struct DiscardingEgressLog: EgressLog {
    public init() {}
    public func record(_ entry: EgressLogEntry) {}
}
