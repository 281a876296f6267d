// Catalog+StreamChanges: what a stream holds — its definition as read from its catalog record, and
// the SQL of its change rows between two log positions (Catalog+StreamTracking.swift).
//
// A standard stream shows the net change of each row between its offset O and the end E: a row's
// state at O is given by its first log entry after O (an INSERT: it did not exist; an UPDATE or
// DELETE: the values it had), its state at E by its first entry after E, or, with none, the table
// itself. Gone → DELETE; new → INSERT; both → a DELETE and an INSERT pair with
// METADATA$ISUPDATE TRUE; a row inserted and deleted between the two does not appear. An
// APPEND_ONLY stream shows every INSERT entry between O and E with the values inserted. Only
// entries without a group, or of the stream's own group (SHOW_INITIAL_ROWS), count.

import Foundation
import GRDB

/// A stream's record, read as what it tracks.
struct StreamDefinition {
    var record: ObjectRecord
    /// `Table` or `View`.
    var sourceType: String
    /// The table or view it was created on, and the table whose changes it reads.
    var source: QualifiedName
    var base: QualifiedName
    var tracking: ChangeTracking
    var offset: Int64
    var appendOnly: Bool
    /// The group of its SHOW_INITIAL_ROWS entries, until the offset first moves.
    var initialGroup: String?
    /// Unique to this stream (a replaced stream has a new one): what offsets are held under.
    var id: String

    init(_ record: ObjectRecord) throws {
        let p = record.properties
        guard let token = p["tracking"], let id = p["id"] else {
            throw SnowflakeError.internalError("stream \(record.qualifiedName) has no change tracking")
        }
        func name(_ prefix: String) -> QualifiedName {
            let database = p[prefix + "_database"] ?? "", schema = p[prefix + "_schema"] ?? "", name = p[prefix + "_name"] ?? ""
            return QualifiedName(database: database, schema: schema, name: name, written: "\(database).\(schema).\(name)")
        }
        self.record = record
        sourceType = p["source_type"] ?? "Table"
        source = name("source")
        base = name("base")
        tracking = ChangeTracking(token: token)
        offset = Int64(p["offset"] ?? "0") ?? 0
        appendOnly = p["mode"] == "APPEND_ONLY"
        initialGroup = p["initial_group"]
        self.id = id
    }

    /// When a stream whose offset moved at `time` would go stale in Snowflake: 14 days on (the
    /// longest a table's retention is extended for its streams). Snowlite keeps every change
    /// until its streams consume it, so no stream goes stale with age.
    static func staleAfter(_ time: Date) -> String { Timestamps.catalog(time.addingTimeInterval(14 * 86_400)) }
}

extension Catalog {
    /// The change rows of `stream` between its offset and `end`, as a query whose columns are the
    /// base table's `columns` by name, then METADATA$ACTION, METADATA$ISUPDATE (0/1) and METADATA$ROW_ID.
    func streamChanges(_ stream: StreamDefinition, table: ObjectRecord, columns: [String], end: Int64) -> (sql: String, arguments: [DatabaseValue]) {
        let log = quote(stream.tracking.log)
        let names = columns.map(quote)
        func cols(_ alias: String) -> String { names.map { "\(alias).\($0), " }.joined() }
        let visible = "(\"METADATA$GROUP\" IS NULL OR \"METADATA$GROUP\" = ?)"
        let group = (stream.initialGroup ?? "").databaseValue
        if stream.appendOnly {
            return (
                """
                SELECT \(cols("l"))'INSERT' AS "METADATA$ACTION", 0 AS "METADATA$ISUPDATE", l."METADATA$ROW_ID" AS "METADATA$ROW_ID"
                FROM \(log) AS l WHERE l."METADATA$SEQ" > ? AND l."METADATA$SEQ" <= ? AND l."METADATA$ACTION" = 'INSERT' AND \(visible)
                """, [stream.offset.databaseValue, end.databaseValue, group]
            )
        }
        let storage = quote(table.storageName ?? table.qualifiedName)
        let sql = """
            WITH ch AS (SELECT "METADATA$ROW_ID" AS rid, MIN("METADATA$SEQ") AS f FROM \(log)
                        WHERE "METADATA$SEQ" > ? AND "METADATA$SEQ" <= ? AND \(visible) GROUP BY 1),
            aft AS (SELECT "METADATA$ROW_ID" AS rid, MIN("METADATA$SEQ") AS g FROM \(log)
                    WHERE "METADATA$SEQ" > ? AND \(visible) AND "METADATA$ROW_ID" IN (SELECT rid FROM ch) GROUP BY 1),
            bef AS (SELECT l.* FROM ch JOIN \(log) AS l ON l."METADATA$SEQ" = ch.f WHERE l."METADATA$ACTION" <> 'INSERT'),
            cur AS (SELECT \(cols("l"))l."METADATA$ROW_ID" AS "METADATA$RID" FROM aft JOIN \(log) AS l ON l."METADATA$SEQ" = aft.g
                    WHERE l."METADATA$ACTION" <> 'INSERT'
                    UNION ALL
                    SELECT \(cols("t"))r.row_id AS "METADATA$RID" FROM \(storage) AS t JOIN \(quote(stream.tracking.rows)) AS r ON r.rid = t.rowid
                    WHERE r.row_id IN (SELECT rid FROM ch) AND r.row_id NOT IN (SELECT rid FROM aft))
            SELECT \(cols("b"))'DELETE' AS "METADATA$ACTION", (b."METADATA$ROW_ID" IN (SELECT "METADATA$RID" FROM cur)) AS "METADATA$ISUPDATE",
                   b."METADATA$ROW_ID" AS "METADATA$ROW_ID" FROM bef AS b
            UNION ALL
            SELECT \(cols("c"))'INSERT', (c."METADATA$RID" IN (SELECT "METADATA$ROW_ID" FROM bef)), c."METADATA$RID" FROM cur AS c
            """
        return (sql, [stream.offset.databaseValue, end.databaseValue, group, end.databaseValue, group])
    }

    /// Moves a stream's offset to `position` (its initial rows, if any, are then behind it) and
    /// prunes what no stream of its table can read any more.
    func advanceStream(_ stream: StreamDefinition, to position: Int64, at time: Date) throws {
        guard
            var record = try object(
                database: stream.record.database, schema: stream.record.schema, name: stream.record.name,
                kinds: [.stream]), record.properties["id"] == stream.id
        else { return }
        record.properties["offset"] = String(position)
        record.properties["stale_after"] = StreamDefinition.staleAfter(time)
        record.properties["initial_group"] = nil
        try updateObject(record)
        // The table may have been dropped since the stream was read.
        guard try db.tableExists(stream.tracking.log) else { return }
        try pruneChangeLog(stream.tracking, streams: try streams(tracking: stream.tracking.token))
    }
}
