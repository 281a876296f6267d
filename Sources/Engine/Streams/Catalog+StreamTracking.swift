// Catalog+StreamTracking: change tracking for the tables streams read. A table gets it with its
// first stream and loses it with its last, so a table without streams costs nothing. Tracking a
// table (token T, kept as the table's `change_tracking` property) adds three SQLite objects:
//
// - `sl_stream_rows T` (rid, row_id): the stable identity of each live row, keyed by its SQLite
//   rowid. A row gets a random 40-hex-digit id when inserted (or when tracking starts) and keeps it
//   through every UPDATE; a deleted row's entry goes, so a reused rowid gets a new id.
// - `sl_stream_log T`: one entry per row change, in commit order (METADATA$SEQ, AUTOINCREMENT so
//   positions never repeat): the row's id, INSERT | UPDATE | DELETE, and the row's values — the new
//   ones for an INSERT, the old ones for an UPDATE or DELETE. Entries of a group (METADATA$GROUP)
//   are a SHOW_INITIAL_ROWS stream's synthetic INSERTs of the rows present at its creation; only
//   streams of that group see them.
// - AFTER INSERT / UPDATE / DELETE triggers on the table's storage that write both.
//
// A stream's offset is a log position; what it reads is computed from the log between its offset
// and an end position and the table itself (Catalog+StreamChanges.swift). Entries every stream on
// the table has passed are pruned when an offset moves. Dropping the table drops its log.

import Foundation
import GRDB

/// The SQLite objects of one tracked table.
struct ChangeTracking {
    /// The table property holding the token.
    static let tableProperty = "change_tracking"
    let token: String
    var log: String { "sl_stream_log " + token }
    var rows: String { "sl_stream_rows " + token }
    var triggers: [String] { ["INSERT", "UPDATE", "DELETE"].map { "sl_stream_" + $0.lowercased() + " " + token } }
}

extension Catalog {
    /// The tracking of `table`, started now if it has none: the log and row-id tables, the
    /// triggers, and an id for every row already there. Returns the table as updated.
    func enableChangeTracking(_ table: ObjectRecord) throws -> (ObjectRecord, ChangeTracking) {
        if let token = table.properties[ChangeTracking.tableProperty] { return (table, ChangeTracking(token: token)) }
        let tracking = ChangeTracking(token: UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased())
        let storage = quote(table.storageName ?? table.qualifiedName)
        let columns = try self.columns(of: table)
        let definitions = columns.map { quote($0.name) + " " + $0.type.sqliteAffinity }
        try db.execute(
            sql: """
                CREATE TABLE \(quote(tracking.log)) ("METADATA$SEQ" INTEGER PRIMARY KEY AUTOINCREMENT, "METADATA$GROUP" TEXT,
                "METADATA$ROW_ID" TEXT NOT NULL, "METADATA$ACTION" TEXT NOT NULL\(definitions.map { ", " + $0 }.joined()))
                """)
        try db.execute(sql: "CREATE INDEX \(quote(tracking.log + " by row")) ON \(quote(tracking.log)) (\"METADATA$ROW_ID\", \"METADATA$SEQ\")")
        try db.execute(sql: "CREATE TABLE \(quote(tracking.rows)) (rid INTEGER PRIMARY KEY, row_id TEXT NOT NULL)")
        try db.execute(sql: "CREATE INDEX \(quote(tracking.rows + " by id")) ON \(quote(tracking.rows)) (row_id)")
        try db.execute(sql: "INSERT INTO \(quote(tracking.rows)) (rid, row_id) SELECT rowid, \(Catalog.newRowID) FROM \(storage)")
        let names = columns.map { quote($0.name) }
        func values(_ prefix: String) -> String { names.map { ", \(prefix).\($0)" }.joined() }
        let logColumns = "(\"METADATA$ROW_ID\", \"METADATA$ACTION\"\(names.map { ", " + $0 }.joined()))"
        let rowID = { (prefix: String) in "(SELECT row_id FROM \(quote(tracking.rows)) WHERE rid = \(prefix).rowid)" }
        try db.execute(
            sql: """
                CREATE TRIGGER \(quote(tracking.triggers[0])) AFTER INSERT ON \(storage) BEGIN
                INSERT OR REPLACE INTO \(quote(tracking.rows)) (rid, row_id) VALUES (NEW.rowid, \(Catalog.newRowID));
                INSERT INTO \(quote(tracking.log)) \(logColumns) VALUES (\(rowID("NEW")), 'INSERT'\(values("NEW")));
                END
                """)
        try db.execute(
            sql: """
                CREATE TRIGGER \(quote(tracking.triggers[1])) AFTER UPDATE ON \(storage) BEGIN
                INSERT INTO \(quote(tracking.log)) \(logColumns) VALUES (\(rowID("OLD")), 'UPDATE'\(values("OLD")));
                END
                """)
        try db.execute(
            sql: """
                CREATE TRIGGER \(quote(tracking.triggers[2])) AFTER DELETE ON \(storage) BEGIN
                INSERT INTO \(quote(tracking.log)) \(logColumns) VALUES (\(rowID("OLD")), 'DELETE'\(values("OLD")));
                DELETE FROM \(quote(tracking.rows)) WHERE rid = OLD.rowid;
                END
                """)
        var updated = table
        updated.properties[ChangeTracking.tableProperty] = tracking.token
        try updateObject(updated)
        return (updated, tracking)
    }

    /// A new row's id: 40 random hexadecimal digits.
    static let newRowID = "lower(hex(randomblob(20)))"

    /// Drops a table's tracking: its triggers (when the table is still there), log and row ids.
    func dropChangeTracking(_ tracking: ChangeTracking) throws {
        for trigger in tracking.triggers { try db.execute(sql: "DROP TRIGGER IF EXISTS \(quote(trigger))") }
        try db.execute(sql: "DROP TABLE IF EXISTS \(quote(tracking.log))")
        try db.execute(sql: "DROP TABLE IF EXISTS \(quote(tracking.rows))")
    }

    /// The position of the newest change of a tracked table (0 before any).
    func changePosition(_ tracking: ChangeTracking) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = ?", arguments: [tracking.log]) ?? 0
    }

    /// Logs every row of `table` now as an INSERT of `group` (SHOW_INITIAL_ROWS).
    func logInitialRows(of table: ObjectRecord, _ tracking: ChangeTracking, group: String) throws {
        let names = try columns(of: table).map { quote($0.name) }
        try db.execute(
            sql: """
                INSERT INTO \(quote(tracking.log)) ("METADATA$GROUP", "METADATA$ROW_ID", "METADATA$ACTION"\(names.map { ", " + $0 }.joined()))
                SELECT ?, r.row_id, 'INSERT'\(names.map { ", t." + $0 }.joined())
                FROM \(quote(table.storageName ?? table.qualifiedName)) AS t JOIN \(quote(tracking.rows)) AS r ON r.rid = t.rowid
                ORDER BY t.rowid
                """, arguments: [group])
    }

    /// Forgets what no stream of the table can read any more: entries at or before every stream's
    /// offset, and the initial rows of groups no stream has.
    func pruneChangeLog(_ tracking: ChangeTracking, streams: [StreamDefinition]) throws {
        guard let oldest = streams.map(\.offset).min() else { return }
        try db.execute(sql: "DELETE FROM \(quote(tracking.log)) WHERE \"METADATA$SEQ\" <= ?", arguments: [oldest])
        let groups = streams.compactMap(\.initialGroup)
        let placeholders = groups.map { _ in "?" }.joined(separator: ", ")
        try db.execute(
            sql: "DELETE FROM \(quote(tracking.log)) WHERE \"METADATA$GROUP\" IS NOT NULL"
                + (groups.isEmpty ? "" : " AND \"METADATA$GROUP\" NOT IN (\(placeholders))"),
            arguments: StatementArguments(groups))
    }

    /// Every stream (of any schema) reading the table tracked by `token`.
    func streams(tracking token: String) throws -> [StreamDefinition] {
        try Row.fetchAll(
            db, sql: "SELECT \(Catalog.objectColumns) FROM sl_object WHERE kind = 'STREAM' AND json_extract(properties, '$.tracking') = ?",
            arguments: [token]
        ).map { try StreamDefinition(try Catalog.objectRecord($0)) }
    }

    /// After a stream is dropped: the table it read loses its tracking when no other stream reads it.
    func releaseChangeTracking(after stream: ObjectRecord) throws {
        guard let token = stream.properties["tracking"] else { return }
        let remaining = try streams(tracking: token)
        guard remaining.isEmpty else { return try pruneChangeLog(ChangeTracking(token: token), streams: remaining) }
        try dropChangeTracking(ChangeTracking(token: token))
        let definition = try StreamDefinition(stream)
        if var table = try object(
            database: definition.base.database, schema: definition.base.schema, name: definition.base.name,
            kinds: [.table]), table.properties[ChangeTracking.tableProperty] == token
        {
            table.properties[ChangeTracking.tableProperty] = nil
            try updateObject(table)
        }
    }
}
