// DriverSessions: the driver server's open sessions, by session token, by master token and by
// session id. Tokens are random (32 bytes from the system's generator, in hex), one pair per
// login. A session token is valid for `sessionValidity`; past it, a request gets 390112 and the
// client renews it with the master token (valid for `masterValidity`), which issues a new pair.
// Closing a session (`/session?delete=true`) forgets both tokens. Lock-protected; no globals.

import DriverWire
import Foundation

final class DriverSessions: @unchecked Sendable {
    struct Validity: Sendable {
        var session: TimeInterval = 3600
        var master: TimeInterval = 14_400
    }

    private struct Entry {
        var session: DriverSession
        var sessionToken: String
        var masterToken: String
        var sessionIssued: Date
        var masterIssued: Date
    }

    enum Lookup {
        case found(DriverSession)
        case expired
        case unknown
    }

    let validity: Validity
    private let clock: @Sendable () -> Date
    private let lock = NSLock()
    private var entries: [Int64: Entry] = [:]
    private var bySessionToken: [String: Int64] = [:]
    private var byMasterToken: [String: Int64] = [:]

    init(validity: Validity, clock: @escaping @Sendable () -> Date) {
        self.validity = validity
        self.clock = clock
    }

    /// Registers a new session; returns its session and master tokens.
    func open(_ session: DriverSession) -> (sessionToken: String, masterToken: String) {
        let tokens = (DriverSessions.newToken(), DriverSessions.newToken())
        let now = clock()
        lock.withLock {
            entries[session.id] = Entry(session: session, sessionToken: tokens.0, masterToken: tokens.1, sessionIssued: now, masterIssued: now)
            bySessionToken[tokens.0] = session.id
            byMasterToken[tokens.1] = session.id
        }
        return tokens
    }

    /// The session a request's session token names.
    func session(token: String) -> Lookup {
        lock.withLock {
            guard let id = bySessionToken[token], let entry = entries[id] else { return .unknown }
            return clock().timeIntervalSince(entry.sessionIssued) < validity.session ? .found(entry.session) : .expired
        }
    }

    /// A renewal: the master token must be the session's and still valid, and `oldSessionToken`
    /// its current session token. Issues a new session token.
    func renew(masterToken: String, oldSessionToken: String) -> (DriverSession, String)? {
        lock.withLock {
            guard let id = byMasterToken[masterToken], var entry = entries[id], entry.sessionToken == oldSessionToken,
                  clock().timeIntervalSince(entry.masterIssued) < validity.master else { return nil }
            bySessionToken[entry.sessionToken] = nil
            entry.sessionToken = DriverSessions.newToken()
            entry.sessionIssued = clock()
            bySessionToken[entry.sessionToken] = id
            entries[id] = entry
            return (entry.session, entry.sessionToken)
        }
    }

    /// True when `masterToken` belongs to an open session whose master token has expired.
    func masterExpired(_ masterToken: String) -> Bool {
        lock.withLock {
            guard let id = byMasterToken[masterToken], let entry = entries[id] else { return false }
            return clock().timeIntervalSince(entry.masterIssued) >= validity.master
        }
    }

    /// True when `token` is an open session's master token (valid or not).
    func isMasterToken(_ token: String) -> Bool {
        lock.withLock { byMasterToken[token] != nil }
    }

    /// Forgets a session and its tokens; returns it.
    @discardableResult
    func close(token: String) -> DriverSession? {
        lock.withLock {
            guard let id = bySessionToken[token], let entry = entries.removeValue(forKey: id) else { return nil }
            bySessionToken[entry.sessionToken] = nil
            byMasterToken[entry.masterToken] = nil
            return entry.session
        }
    }

    /// The open session with this id (SYSTEM$CANCEL_ALL_QUERIES names sessions by id).
    func session(id: Int64) -> DriverSession? {
        lock.withLock { entries[id]?.session }
    }

    var count: Int { lock.withLock { entries.count } }

    /// 32 random bytes in hex.
    static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in
            let word = generator.next() as UInt64
            let digits = String(word, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }.joined()
    }
}
