// Catalog+HybridTables: how a hybrid table's constraints are enforced in its SQLite storage. Each
// key gets a UNIQUE index and BEFORE INSERT / BEFORE UPDATE OF triggers that look the new row's key
// up and RAISE(ABORT) with the Snowflake error already encoded (SnowflakeError.encoded), so SQLite
// undoes the failing statement and the session reports Snowflake's code and words naming the
// constraint's index. Rows are checked one by one as they are written, as Snowflake enforces
// hybrid constraints at the row level. A foreign key gets triggers on its own table (a new or
// changed row needs a parent; NULL is refused too, as Snowflake refuses it) and on the parent
// (a referenced row cannot be deleted or have its key changed: RESTRICT, the only action
// Snowflake takes); the parent's are named after the child and go when the child goes.

import GRDB

extension Catalog {
    /// Installs `hybrid`'s indexes and triggers on `table`'s storage (and its parents').
    func installHybridConstraints(_ hybrid: HybridTable, of table: ObjectRecord) throws {
        guard let storage = table.storageName else { return }
        let keys =
            [(hybrid.primaryKey, SnowflakeError.primaryKeyExists)]
            + hybrid.uniqueKeys.map { ($0, SnowflakeError.uniqueKeyExists(index: HybridTable.uniqueIndex(table: table.name, columns: $0))) }
        for (number, (columns, error)) in keys.enumerated() {
            let name = "hybrid \(storage) key \(number)"
            try db.execute(sql: "CREATE UNIQUE INDEX \(quote(name)) ON \(quote(storage)) (\(columns.map(quote).joined(separator: ", ")))")
            let matches = columns.map { "k.\(quote($0)) = NEW.\(quote($0))" }.joined(separator: " AND ")
            try trigger(
                name + " insert", "BEFORE INSERT ON \(quote(storage))",
                when: "EXISTS (SELECT 1 FROM \(quote(storage)) AS k WHERE \(matches))", raising: error)
            try trigger(
                name + " update", "BEFORE UPDATE OF \(columns.map(quote).joined(separator: ", ")) ON \(quote(storage))",
                when: "EXISTS (SELECT 1 FROM \(quote(storage)) AS k WHERE k.rowid <> OLD.rowid AND \(matches))", raising: error)
        }
        for (number, key) in hybrid.foreignKeys.enumerated() {
            try installForeignKey(key, number: number, of: table, storage: storage)
        }
        for index in hybrid.indexes { try createSecondaryIndex(index, of: table) }
    }

    /// A foreign key's index and its triggers on the child (`storage`) and on the parent.
    private func installForeignKey(_ key: HybridTable.ForeignKey, number: Int, of table: ObjectRecord, storage: String) throws {
        let name = "hybrid \(storage) foreign key \(number)"
        let violated = SnowflakeError.foreignKeyViolated(index: HybridTable.foreignKeyIndex(table: table.name, key))
        try db.execute(sql: "CREATE INDEX \(quote(name)) ON \(quote(storage)) (\(key.columns.map(quote).joined(separator: ", ")))")
        let pairs = Array(zip(key.columns.map(quote), key.parentColumns.map(quote)))
        let missing =
            pairs.map { "NEW.\($0.0) IS NULL" }.joined(separator: " OR ") + " OR NOT EXISTS (SELECT 1 FROM "
            + quote(key.parentStorage) + " AS p WHERE " + pairs.map { "p.\($0.1) = NEW.\($0.0)" }.joined(separator: " AND ") + ")"
        try trigger(name + " insert", "BEFORE INSERT ON \(quote(storage))", when: missing, raising: violated)
        try trigger(
            name + " update", "BEFORE UPDATE OF \(key.columns.map(quote).joined(separator: ", ")) ON \(quote(storage))",
            when: missing, raising: violated)
        let referenced =
            "EXISTS (SELECT 1 FROM \(quote(storage)) AS c WHERE "
            + pairs.map { "c.\($0.0) = OLD.\($0.1)" }.joined(separator: " AND ") + ")"
        let changed = "(" + pairs.map { "NEW.\($0.1) IS NOT OLD.\($0.1)" }.joined(separator: " OR ") + ")"
        try trigger(
            name + " parent delete", "BEFORE DELETE ON \(quote(key.parentStorage))", when: referenced,
            raising: .foreignKeyStillReferenced)
        try trigger(
            name + " parent update",
            "BEFORE UPDATE OF \(key.parentColumns.map(quote).joined(separator: ", ")) ON \(quote(key.parentStorage))",
            when: changed + " AND " + referenced, raising: .foreignKeyStillReferenced)
    }

    /// Removes what `table` (a hybrid table being dropped) installed on other tables: its foreign
    /// keys' triggers on their parents. Its own indexes and triggers go with its storage.
    func dropHybridConstraints(of table: ObjectRecord) throws {
        guard let hybrid = HybridTable(of: table), let storage = table.storageName else { return }
        for number in hybrid.foreignKeys.indices {
            for suffix in ["parent delete", "parent update"] {
                try db.execute(sql: "DROP TRIGGER IF EXISTS \(quote("hybrid \(storage) foreign key \(number) \(suffix)"))")
            }
        }
    }

    /// A secondary index in SQLite, so lookups on its columns are served by it.
    func createSecondaryIndex(_ index: HybridTable.Index, of table: ObjectRecord) throws {
        guard let storage = table.storageName else { return }
        try db.execute(
            sql: """
                CREATE INDEX \(quote(Catalog.secondaryIndexName(index.name, storage: storage))) ON \(quote(storage)) \
                (\(index.columns.map(quote).joined(separator: ", ")))
                """)
    }

    /// Drops a secondary index from the storage.
    func dropSecondaryIndex(_ name: String, of table: ObjectRecord) throws {
        guard let storage = table.storageName else { return }
        try db.execute(sql: "DROP INDEX IF EXISTS \(quote(Catalog.secondaryIndexName(name, storage: storage)))")
    }

    private static func secondaryIndexName(_ name: String, storage: String) -> String { "hybrid \(storage) index \(name)" }

    /// `CREATE TRIGGER name <timing> WHEN condition BEGIN SELECT RAISE(ABORT, error) END`: the
    /// error travels encoded in the message (SnowflakeError+SQLite), as a SQL string literal.
    private func trigger(_ name: String, _ timing: String, when condition: String, raising error: SnowflakeError) throws {
        let message = error.encoded.message ?? ""
        let literal = "'" + message.replacingOccurrences(of: "'", with: "''") + "'"
        try db.execute(sql: "CREATE TRIGGER \(quote(name)) \(timing) WHEN \(condition) BEGIN SELECT RAISE(ABORT, \(literal)); END")
    }
}
