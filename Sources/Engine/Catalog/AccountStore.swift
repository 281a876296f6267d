// AccountStore: one Snowflake account is one SQLite file. This opens it (mode 0600, WAL, a busy
// timeout so the REPL, the scheduler and the dashboard can share it), and brings the catalog's
// system tables up to date through GRDB migrations (CatalogSchema.swift).

import Foundation
import GRDB

public final class AccountStore: Sendable {
    /// The GRDB connection every statement of every session of this process goes through.
    public let queue: DatabaseQueue
    /// The file path, or `:memory:`.
    public let path: String
    /// The events SYSTEM$LOG records on this connection, until the session whose statement logged
    /// them takes them within the same database access (EventLog.swift). One buffer per connection,
    /// so sessions on other connections of the same process never see them.
    let events = EventBuffer()
    /// The translated statements this connection keeps prepared (PreparedStatements.swift).
    let preparedStatements = PreparedStatements()
    /// The catalog records this connection has read, while the catalog is unchanged (Catalog+Cache.swift).
    let catalogCache = CatalogCache()
    /// What every connection of this store runs first (kept for `inMemoryCopy`).
    private let prepare: @Sendable (Database, EventBuffer) throws -> Void

    /// Opens (creating if needed) the account database at `path`; `:memory:` gives a private one.
    /// `prepare` runs on the connection first, with its event buffer (the engine registers its SQL
    /// functions there).
    init(path: String, copying source: DatabaseQueue? = nil,
         prepare: @escaping @Sendable (Database, EventBuffer) throws -> Void) throws {
        self.path = path
        self.prepare = prepare
        let events = self.events
        var config = Configuration()
        // The catalog's REFERENCES are enforced, as GRDB would have it, but switched on below with
        // the other pragmas: GRDB's own `execute(sql:)` renders an SQL literal, whose first use
        // (a generic join) costs a client's start-up a scan of the program's conformances.
        config.foreignKeysEnabled = false
        config.prepareDatabase { db in
            try AccountStore.run("PRAGMA foreign_keys = ON", in: db)
            // In WAL mode NORMAL keeps the file consistent after a crash and syncs at checkpoints,
            // not at every statement's commit (each statement is its own transaction).
            try AccountStore.run("PRAGMA synchronous = NORMAL", in: db)
            // 8 MiB of page cache (SQLite's default is 2 MB): a table of a few thousand 1 KB
            // issues stays in it, and grouping queries over more read their sub-columns' index,
            // not the documents. More only holds pages a bulk load never reads again: at 32 MiB
            // it was 22 MB of an ingestion's 80 MB peak (bench/results.md, issue 24).
            try AccountStore.run("PRAGMA cache_size = -8192", in: db)
            // MERGE stages its source and pairs in temporary tables: kept in memory, not in files.
            try AccountStore.run("PRAGMA temp_store = MEMORY", in: db)
            try prepare(db, events)
        }
        config.busyMode = .timeout(10)
        config.label = "snowlite-account"
        // BEGIN … COMMIT spans several statements, each its own database access.
        config.allowsUnsafeTransactions = true
        if path == ":memory:" {
            queue = try DatabaseQueue(configuration: config)
        } else {
            let isNew = !FileManager.default.fileExists(atPath: path)
            if isNew {
                let url = URL(fileURLWithPath: path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                // Create the file owner-only before SQLite opens it: it will hold secrets.
                _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
            }
            queue = try DatabaseQueue(path: path, configuration: config)
            try queue.writeWithoutTransaction { db in
                _ = try String.fetchOne(db.makeStatement(sql: "PRAGMA journal_mode = WAL"))
                // The log is copied into the file on a thread of the account's own (SQLiteCAPI.swift).
                WALCheckpointer.install(on: db, path: path)
            }
        }
        if let source { try source.backup(to: queue) }
        try migrate()
    }

    /// Brings the catalog's tables up to date. The file's `user_version` holds how many migrations it
    /// has been through: a file already up to date is not asked for its applied migrations, in a write
    /// barrier, at every start (a client's start-up pays for that).
    private func migrate() throws {
        let version = CatalogSchema.version
        if try queue.inDatabase({ db in try Int.fetchOne(db.makeStatement(sql: "PRAGMA user_version")) }) == version { return }
        try CatalogSchema.migrator.migrate(queue)
        // A constant of the program, not user text.
        try queue.inDatabase { db in try db.execute(sql: "PRAGMA user_version = \(version)") }
    }

    /// A read, as GRDB's `DatabaseQueue.read` makes it — read-only (`PRAGMA query_only`), in a
    /// deferred transaction of its own unless one is open, committed after `body`, rolled back when
    /// it throws — with its BEGIN and COMMIT prepared once per connection. GRDB runs them through
    /// `execute(sql:)`, whose SQL literal's first use (a generic join) cost a client's start-up a
    /// scan of the program's conformances, and prepares them again at every read.
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        try queue.inDatabase { db in
            try db.readOnly {
                if db.isInsideTransaction { return try body(db) }
                try db.cachedStatement(sql: "BEGIN DEFERRED TRANSACTION").execute()
                do {
                    let result = try body(db)
                    if db.isInsideTransaction { try db.cachedStatement(sql: "COMMIT TRANSACTION").execute() }
                    return result
                } catch {
                    if db.isInsideTransaction { try? db.cachedStatement(sql: "ROLLBACK TRANSACTION").execute() }
                    throw error
                }
            }
        }
    }

    /// Runs one statement of Snowlite's own (no arguments) prepared as it is, without GRDB's SQL
    /// literal rendering.
    static func run(_ sql: String, in db: Database) throws {
        try db.makeStatement(sql: sql).execute()
    }

    /// A private in-memory account holding what this one holds now: the fuzz harness starts each
    /// input on a copy of one prepared account instead of building an account per input.
    public func inMemoryCopy() throws -> AccountStore {
        try AccountStore(path: ":memory:", copying: queue, prepare: prepare)
    }

    /// Where an account's file lives: `--db`/`SNOWLITE_DB` win, else `$SNOWLITE_HOME/<account>.sqlite`
    /// with `SNOWLITE_HOME` defaulting to `~/.snowlite`.
    public static func defaultPath(account: String, explicitPath: String?, environment: [String: String]) -> String {
        if let explicit = explicitPath, !explicit.isEmpty { return explicit }
        if let fromEnv = environment["SNOWLITE_DB"], !fromEnv.isEmpty { return fromEnv }
        let home = environment["SNOWLITE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.snowlite")
        let safe = account.lowercased().map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" }
        return home + "/" + String(safe) + ".sqlite"
    }
}
