// PreparedStatements: the translated statements a connection keeps prepared. A client repeats the
// same statement shapes (a dashboard's queries, a connector's MERGE) and translated SQL binds its
// strings, so their texts repeat: preparing one through GRDB (with its authorizer) costs more than
// running a small one. A text is kept prepared from the second time it is run, so texts that never
// come back (each with its own numbers) neither fill the cache nor push the others out. GRDB's
// statement cache keeps every text it is given for the connection's life, so this one is bounded:
// past `limit` texts it empties GRDB's caches (the catalog's reads are prepared again on their next
// use) and starts counting again. A text already running on the connection (a statement run from
// inside itself, as a function's SQL can be) gets a statement of its own: resetting a running
// statement would cut its rows short.

import GRDB
import Synchronization

final class PreparedStatements: Sendable {
    /// The most translated texts kept prepared at once.
    static let limit = 256

    /// The most texts remembered as run once.
    static let seenLimit = 4096

    private struct Texts {
        var seen: Set<Int> = []
        var prepared: Set<String> = []
        var running: [String: Int] = [:]
    }

    private let texts = Mutex(Texts())

    /// Runs `body` with `sql` prepared on `db`: the statement kept for it, or a new one the first
    /// time it runs or while the kept one is running.
    func with<T>(_ sql: String, in db: Database, _ body: (GRDB.Statement) throws -> T) throws -> T {
        let (reuse, clear) = texts.withLock { texts -> (Bool, Bool) in
            defer { texts.running[sql, default: 0] += 1 }
            if texts.running[sql, default: 0] > 0 { return (false, false) }
            if texts.prepared.contains(sql) { return (true, false) }
            // The first time, remembered by its hash only (a collision only prepares one early).
            if texts.seen.count >= Self.seenLimit { texts.seen = [] }
            guard texts.seen.insert(sql.hashValue).inserted == false else { return (false, false) }
            let full = texts.prepared.count >= Self.limit
            if full { texts.prepared = [] }
            texts.prepared.insert(sql)
            return (true, full)
        }
        defer {
            texts.withLock { texts in
                texts.running[sql, default: 1] -= 1
                if texts.running[sql] == 0 { texts.running[sql] = nil }
            }
        }
        if clear { db.clearSchemaCache() }
        return try body(reuse ? db.cachedStatement(sql: sql) : db.makeStatement(sql: sql))
    }

    /// How many texts are kept prepared now (tests).
    var count: Int { texts.withLock { $0.prepared.count } }
}
