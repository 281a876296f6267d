// Catalog+Cache: the catalog records a connection has read, kept while the catalog does not change.
// Every DML statement resolves its target (the database, the schema, the table, its columns) and
// every query its tables: four catalog reads through GRDB were a fifth of the connector workload's
// time (bench/results.md, issue 24), for records that almost never change between statements.
//
// The catalog's stamp says when they may have: triggers on sl_database, sl_schema, sl_object and
// sl_column give it a new random value whenever one of their rows is inserted, updated or deleted,
// by any connection, inside the transaction that changes it. A cached record is used only while the
// stamp read in the current transaction is the one it was read at. A random value, not a counter:
// a transaction rolled back takes its stamp with it, and a counter would hand the same value to the
// next change. Reading the stamp is one row of a one-row table, a small part of what it replaces.
// The cache is bounded; a migration that rebuilds one of the four tables must create its triggers again.

import GRDB
import Synchronization

final class CatalogCache: Sendable {
    /// The most records (of all kinds) kept at once.
    static let limit = 512

    struct Key: Hashable, Sendable {
        var database: String
        var schema: String = ""
        var name: String = ""
    }

    struct Entries: Sendable {
        var stamp: Int64?
        var count = 0
        var databases: [Key: DatabaseRecord?] = [:]
        var schemas: [Key: SchemaRecord?] = [:]
        var objects: [Key: [ObjectRecord]] = [:]
        var columns: [Key: [ColumnRecord]] = [:]
    }

    private let entries = Mutex(Entries())

    /// The record(s) under `key` in `table` at `stamp`: the cached ones, or those `load` reads (kept).
    func value<Value: Sendable>(
        _ table: WritableKeyPath<Entries, [Key: Value]>, _ key: Key, stamp: Int64,
        load: () throws -> Value
    ) throws -> Value {
        let hit = entries.withLock { entries -> Value? in
            guard entries.stamp == stamp else {
                entries = Entries(stamp: stamp)
                return nil
            }
            return entries[keyPath: table][key]
        }
        if let hit { return hit }
        let value = try load()
        entries.withLock { entries in
            guard entries.stamp == stamp else { return }
            if entries.count >= Self.limit { entries = Entries(stamp: stamp) }
            entries.count += 1
            entries[keyPath: table][key] = value
        }
        return value
    }

    /// The catalog's stamp as the current transaction sees it.
    static func stamp(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT stamp FROM sl_catalog_stamp")) ?? 0
    }

    /// Migration v19: the stamp and the triggers that change it.
    static func createStamp(_ db: Database) throws {
        try db.execute(sql: "CREATE TABLE sl_catalog_stamp (stamp INTEGER NOT NULL)")
        try db.execute(sql: "INSERT INTO sl_catalog_stamp (stamp) VALUES (random())")
        for table in ["sl_database", "sl_schema", "sl_object", "sl_column"] {
            for event in ["INSERT", "UPDATE", "DELETE"] {
                try db.execute(
                    sql: """
                        CREATE TRIGGER \(table)_\(event.lowercased())_stamp AFTER \(event) ON \(table)
                        BEGIN UPDATE sl_catalog_stamp SET stamp = random(); END
                        """)
            }
        }
    }
}

extension Catalog {
    /// Through the connection's cache when this catalog has one (Executor's), else read directly.
    func cached<Value: Sendable>(
        _ table: WritableKeyPath<CatalogCache.Entries, [CatalogCache.Key: Value]>, _ key: CatalogCache.Key,
        load: () throws -> Value
    ) throws -> Value {
        guard let cache else { return try load() }
        return try cache.value(table, key, stamp: try CatalogCache.stamp(db), load: load)
    }
}
