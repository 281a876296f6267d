// Session+TemporaryObjects: TEMPORARY tables and stages (and Snowpark's SCOPED TEMPORARY ones,
// read as TEMPORARY) belong to the session that created them, as in Snowflake: only that session
// sees them, and they are dropped when it ends.
// https://docs.snowflake.com/en/user-guide/tables-temp-transient#temporary-tables
//
// A temporary object is a catalog row like any other, marked with its session's scope (a token
// unique to the Session object: two sessions may share an id) and with the process that created
// it. The catalog a session's statements read (Executor.catalog) shows its own temporary objects
// and no other session's. A session ends with `close()` (a driver's session delete); a process
// that ends without closing its sessions (snowsql exits, or a crash) leaves its temporary objects
// behind, and the next login drops every temporary object whose process is no longer running, as
// task runs of ended processes are freed (TaskRunProcesses.swift).
//
// Where Snowlite differs: a name belongs to one object of a schema at a time, so a temporary table
// cannot take the name of a permanent table (Snowflake lets it hide the permanent one for the
// session) nor of another session's temporary table: both are 002002 `Object '…' already exists.`
// SCOPED TEMPORARY objects created inside a procedure live until the session ends, not until the
// procedure returns.

import Foundation
import GRDB

extension Executor {
    /// The properties that make a new table or stage this session's temporary object.
    func temporaryProperties(_ base: [String: String]) -> [String: String] {
        var properties = base
        properties[Catalog.temporaryScopeKey] = session.temporaryScope
        let process = session.processes.current
        properties["temporary_pid"] = String(process.pid)
        properties["temporary_host"] = process.host
        if let start = process.start { properties["temporary_start"] = start }
        return properties
    }

    /// Refuses a temporary object the name of a permanent one, whatever OR REPLACE or IF NOT EXISTS
    /// say (Snowflake would hide the permanent object for the session; replacing it would destroy
    /// it, and IF NOT EXISTS would send the session's writes into it): 002002.
    func requireNotPermanent(_ name: QualifiedName, kinds: [CatalogKind], temporary: Bool) throws {
        guard temporary, let existing = try catalog.object(database: name.database, schema: name.schema, name: name.name, kinds: kinds),
              existing.properties[Catalog.temporaryScopeKey] == nil else { return }
        throw SnowflakeError.alreadyExists(name.written)
    }

    /// Refuses a new object's name when an object of `kinds` holds it, seen or not (another
    /// session's temporary object): 002002.
    func requireNameFree(_ name: QualifiedName, kinds: [CatalogKind]) throws {
        if try catalog.holdsName(database: name.database, schema: name.schema, name: name.name, kinds: kinds) {
            throw SnowflakeError.alreadyExists(name.written)
        }
    }
}

extension Session {
    /// Ends the session as Snowflake does when a client logs out: an open transaction is rolled
    /// back, and the session's temporary tables and stages are dropped.
    public func close() throws {
        if inExplicitTransaction {
            try store.queue.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") }
            inExplicitTransaction = false
        }
        // Most sessions made none: a read answers that without taking the write lock.
        let made = try store.read { db in
            let catalog = Catalog(db: db, temporaryScope: temporaryScope)
            return try catalog.temporaryObjects().contains(where: catalog.shows)
        }
        guard made else { return }
        try store.queue.write { db in
            let catalog = Catalog(db: db, temporaryScope: temporaryScope)
            for record in try catalog.temporaryObjects() where catalog.shows(record) { try catalog.dropObject(record) }
        }
    }

    /// The temporary objects whose process has ended.
    func endedTemporaryObjects(_ catalog: Catalog) throws -> [ObjectRecord] {
        try catalog.temporaryObjects().filter { record in
            guard let pid = record.properties["temporary_pid"].flatMap(Int32.init),
                  let host = record.properties["temporary_host"] else { return false }
            let claimant = TaskRunClaimant(pid: pid, host: host, start: record.properties["temporary_start"])
            return processes.isRunning(claimant) == false
        }
    }

    /// Drops the temporary objects of sessions whose process has ended without closing them.
    /// Reads only, unless there is something to drop.
    func dropTemporaryObjectsOfEndedProcesses() throws {
        let ended = try store.read { db in try endedTemporaryObjects(Catalog(db: db)) }
        guard !ended.isEmpty else { return }
        try store.queue.write { db in
            // Another login may have dropped them since the read.
            let catalog = Catalog(db: db)
            let present = Set(try catalog.temporaryObjects().map { $0.kind.rawValue + " " + $0.qualifiedName })
            for record in ended where present.contains(record.kind.rawValue + " " + record.qualifiedName) {
                try catalog.dropObject(record)
            }
        }
    }
}
