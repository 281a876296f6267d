// Catalog: reads and writes the account's system tables (CatalogSchema.swift) for databases,
// schemas, schema objects (tables, views), their columns, and account objects (warehouses, roles,
// users), each of a CatalogKind. It runs inside the statement's transaction and knows nothing of
// the statement's SQL text; the executor decides what to do, the catalog records it.

import Foundation
import GRDB
import Synchronization

struct DatabaseRecord: Equatable {
    var name: String
    var kind: DatabaseKind
    var owner: String
    var comment: String?
    var isTransient: Bool
    var retentionTime: Int
    var createdOn: String
}

struct SchemaRecord: Equatable {
    var database: String
    var name: String
    var owner: String
    var comment: String?
    var isTransient: Bool
    var isManagedAccess: Bool
    var createdOn: String
}

struct ObjectRecord: Equatable {
    var database: String
    var schema: String
    var name: String
    var kind: CatalogKind
    var owner: String
    var comment: String?
    var createdOn: String
    /// The SQLite table holding a table's rows.
    var storageName: String?
    /// A view's query text.
    var definition: String?
    var properties: [String: String]

    var qualifiedName: String { "\(database).\(schema).\(name)" }
}

struct ColumnRecord: Equatable {
    var name: String
    var type: SnowflakeType
    var isNullable: Bool
    var defaultText: String?
    var comment: String?
    /// An AUTOINCREMENT / IDENTITY column's generator (a column has it or a DEFAULT, not both).
    var identity: IdentityRecord?
}

/// The generator of an AUTOINCREMENT / IDENTITY column: where it starts, its step, ORDER or
/// NOORDER, and the value the next row left without one takes (Executor+IdentityColumns.swift).
struct IdentityRecord: Equatable {
    var start: Int64
    var increment: Int64
    var ordered: Bool
    var next: Int64

    /// As DESCRIBE TABLE's `default` shows it: `IDENTITY START 1 INCREMENT 1 NOORDER`.
    var description: String { "IDENTITY START \(start) INCREMENT \(increment) \(ordered ? "ORDER" : "NOORDER")" }
}

struct AccountObjectRecord: Equatable {
    var kind: CatalogKind
    var name: String
    var owner: String
    var comment: String?
    var createdOn: String
    var properties: [String: String]
}

struct Catalog {
    let db: Database
    /// The session whose temporary objects this catalog shows (Session.temporaryScope); the
    /// temporary objects of every other session are invisible to it, as to any catalog without one.
    var temporaryScope: String? = nil
    /// The connection's cache of records (Catalog+Cache.swift), when the caller reads through it.
    var cache: CatalogCache? = nil

    /// The property naming the session a temporary object belongs to.
    static let temporaryScopeKey = "temporary_session"

    /// Whether this catalog shows `record`: every permanent object, and its own session's temporary ones.
    func shows(_ record: ObjectRecord) -> Bool {
        record.properties[Catalog.temporaryScopeKey].map { $0 == temporaryScope } ?? true
    }

    // MARK: - Databases

    func database(_ name: String) throws -> DatabaseRecord? {
        try cached(\.databases, .init(database: name)) {
            try db.cachedRows("SELECT * FROM sl_database WHERE name = ?", [name]).first.map(Catalog.databaseRecord)
        }
    }

    func databases() throws -> [DatabaseRecord] {
        try Row.fetchAll(db, sql: "SELECT * FROM sl_database ORDER BY name").map(Catalog.databaseRecord)
    }

    static func databaseRecord(_ row: Row) throws -> DatabaseRecord {
        DatabaseRecord(name: row["name"], kind: try DatabaseKind.stored(row["kind"]), owner: row["owner"], comment: row["comment"],
                       isTransient: row["is_transient"], retentionTime: row["retention_time"], createdOn: row["created_on"])
    }

    func insertDatabase(_ record: DatabaseRecord) throws {
        try db.execute(sql: """
            INSERT INTO sl_database (name, kind, owner, comment, is_transient, retention_time, created_on) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [record.name, record.kind.rawValue, record.owner, record.comment, record.isTransient, record.retentionTime, record.createdOn])
    }

    /// Drops a database, its schemas, objects and their stored rows.
    func dropDatabase(_ name: String) throws {
        for schema in try schemas(in: name) { try dropSchema(database: name, name: schema.name) }
        try db.execute(sql: "DELETE FROM sl_database WHERE name = ?", arguments: [name])
        try dropGrants(on: .database, [name])
    }

    // MARK: - Schemas

    func schema(database: String, name: String) throws -> SchemaRecord? {
        try cached(\.schemas, .init(database: database, schema: name)) {
            try db.cachedRows("SELECT \(Catalog.schemaColumns) FROM sl_schema WHERE database_name = ? AND name = ?", [database, name]).first
                .map(Catalog.schemaRecord)
        }
    }

    func schemas(in database: String) throws -> [SchemaRecord] {
        try Row.fetchAll(db, sql: "SELECT \(Catalog.schemaColumns) FROM sl_schema WHERE database_name = ? ORDER BY name", arguments: [database])
            .map(Catalog.schemaRecord)
    }

    /// The columns schemaRecord reads, by position: GRDB finds a column by name with a
    /// case-insensitive search, which was a visible part of every statement's catalog reads.
    static let schemaColumns = "database_name, name, owner, comment, is_transient, is_managed_access, created_on"

    static func schemaRecord(_ row: Row) -> SchemaRecord {
        SchemaRecord(database: row[0], name: row[1], owner: row[2], comment: row[3], isTransient: row[4], isManagedAccess: row[5],
                     createdOn: row[6])
    }

    func insertSchema(_ record: SchemaRecord) throws {
        try db.execute(sql: """
            INSERT INTO sl_schema (database_name, name, owner, comment, is_transient, is_managed_access, created_on)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [record.database, record.name, record.owner, record.comment, record.isTransient,
                             record.isManagedAccess, record.createdOn])
    }

    func dropSchema(database: String, name: String) throws {
        for object in try objects(database: database, schema: name) { try dropObject(object) }
        try db.execute(sql: "DELETE FROM sl_schema WHERE database_name = ? AND name = ?", arguments: [database, name])
        try dropGrants(on: .schema, [database, name])
    }

    // MARK: - Schema objects

    /// The object of that name in a schema, of any kind (`kinds` nil) or one of `kinds`.
    func object(database: String, schema: String, name: String, kinds: [CatalogKind]? = nil) throws -> ObjectRecord? {
        let records = try cached(\.objects, .init(database: database, schema: schema, name: name)) {
            try db.cachedRows("SELECT \(Catalog.objectColumns) FROM sl_object WHERE database_name = ? AND schema_name = ? AND name = ?",
                              [database, schema, name]).map(Catalog.objectRecord)
        }
        return records.first { (kinds?.contains($0.kind) ?? true) && shows($0) }
    }

    /// Whether an object of one of `kinds`, visible to this catalog or another session's temporary
    /// one, holds the name.
    func holdsName(database: String, schema: String, name: String, kinds: [CatalogKind]) throws -> Bool {
        try db.cachedRows("SELECT kind FROM sl_object WHERE database_name = ? AND schema_name = ? AND name = ?",
                          [database, schema, name]).contains { row in kinds.contains { $0.rawValue == row["kind"] } }
    }

    /// Every session's temporary objects. Every login asks; most accounts have none, and asking
    /// whether there are any first reads one column where the records read ten (GRDB builds a
    /// region of each column a statement reads as it prepares it: a tenth of a client's start).
    func temporaryObjects() throws -> [ObjectRecord] {
        let filter = "FROM sl_object WHERE json_extract(properties, '$.\(Catalog.temporaryScopeKey)') IS NOT NULL"
        guard try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 \(filter))")) == true else { return [] }
        return try db.cachedRows("SELECT \(Catalog.objectColumns) \(filter)").map(Catalog.objectRecord)
    }

    /// The objects of a database (of one schema), of any kind (`kinds` nil) or one of `kinds`.
    func objects(database: String, schema: String? = nil, kinds: [CatalogKind]? = nil) throws -> [ObjectRecord] {
        var sql = "SELECT \(Catalog.objectColumns) FROM sl_object WHERE database_name = ?"
        var arguments: StatementArguments = [database]
        if let schema {
            sql += " AND schema_name = ?"
            arguments += [schema]
        }
        sql += " ORDER BY schema_name, name"
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Catalog.objectRecord)
            .filter { (kinds?.contains($0.kind) ?? true) && shows($0) }
    }

    /// The columns objectRecord reads, by position (see schemaColumns).
    static let objectColumns = "database_name, schema_name, name, kind, owner, comment, created_on, storage_name, definition, properties"

    static func objectRecord(_ row: Row) throws -> ObjectRecord {
        let properties = try Catalog.storedProperties(row[9], of: row[2])
        return ObjectRecord(database: row[0], schema: row[1], name: row[2], kind: try CatalogKind.stored(row[3]), owner: row[4],
                            comment: row[5], createdOn: row[6], storageName: row[7], definition: row[8], properties: properties)
    }

    func insertObject(_ record: ObjectRecord) throws {
        let data = try JSONSerialization.data(withJSONObject: record.properties, options: [.sortedKeys])
        try db.execute(sql: """
            INSERT INTO sl_object (database_name, schema_name, name, kind, owner, comment, created_on, storage_name, definition, properties)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [record.database, record.schema, record.name, record.kind.rawValue, record.owner, record.comment,
                             record.createdOn, record.storageName, record.definition, String(decoding: data, as: UTF8.self)])
    }

    /// Removes an object from the catalog, with its columns and, for a table, its stored rows (for a
    /// stage, its files).
    func dropObject(_ record: ObjectRecord) throws {
        if record.kind == .stage { try removeAllStageFiles(of: record) }
        if record.kind == .secret { try deleteSecretValue(of: record) }
        if let token = record.properties[Catalog.loadTokenProperty] { try forgetLoads(token: token) }
        if let token = record.properties[ChangeTracking.tableProperty] { try dropChangeTracking(ChangeTracking(token: token)) }
        if record.properties[HybridTable.property] != nil { try dropHybridConstraints(of: record) }
        if let storage = record.storageName {
            try db.execute(sql: "DROP TABLE IF EXISTS \(storage.quotedDatabaseIdentifier)")
        }
        try db.execute(sql: "DELETE FROM sl_column WHERE database_name = ? AND schema_name = ? AND object_name = ?",
                       arguments: [record.database, record.schema, record.name])
        try db.execute(sql: "DELETE FROM sl_object WHERE database_name = ? AND schema_name = ? AND name = ? AND kind = ?",
                       arguments: [record.database, record.schema, record.name, record.kind.rawValue])
        try dropGrants(on: Authorization.securableKind(objectKind: record.kind), [record.database, record.schema, record.name])
        // A procedure's or function's grants name it by its signature (`DB.S.P(NUMBER)`): they go with it
        // too, so a routine created again under the same signature starts with none.
        if let routine = record.properties["routine_name"] {
            try dropGrants(on: Authorization.securableKind(objectKind: record.kind), routineName: routine)
        }
        if record.kind == .stream { try releaseChangeTracking(after: record) }
    }

    /// The name of an index Snowlite adds to a table's storage (`storage`, quoted) for lookups on
    /// `expression` (MERGE's ON terms). Indexes stay in the account file, so the name never changes.
    static func lookupIndexName(storage: String, expression: String) -> String {
        "sl_index " + storage + " " + expression
    }

    /// Gives the table stored as `storage` (quoted) a lookup index on `expression` (MERGE's ON terms,
    /// Translator+ExtremumLookups), unless it has one. Asked first: GRDB empties every statement cache
    /// of the connection after any CREATE it runs, even one that creates nothing.
    func createLookupIndex(storage: String, expression: String) throws {
        let name = Catalog.lookupIndexName(storage: storage, expression: expression)
        guard try !db.schemaHolds(name) else { return }
        try db.execute(sql: "CREATE INDEX IF NOT EXISTS \(quote(name)) ON \(storage) (\(expression))")
    }

    // MARK: - Columns

    func columns(of object: ObjectRecord) throws -> [ColumnRecord] {
        try cached(\.columns, .init(database: object.database, schema: object.schema, name: object.name)) { try uncachedColumns(of: object) }
    }

    private func uncachedColumns(of object: ObjectRecord) throws -> [ColumnRecord] {
        try db.cachedRows("""
            SELECT name, type, is_nullable, default_text, comment, identity_start, identity_increment, identity_ordered, identity_next
            FROM sl_column WHERE database_name = ? AND schema_name = ? AND object_name = ? ORDER BY ordinal
            """, [object.database, object.schema, object.name]).map { row in
            let typeName: String = row[1]
            var identity: IdentityRecord?
            if let start: Int64 = row[5] {
                identity = IdentityRecord(start: start, increment: row[6], ordered: row[7], next: row[8])
            }
            return ColumnRecord(name: row[0], type: SnowflakeType.parseCanonical(typeName) ?? .string, isNullable: row[2],
                                defaultText: row[3], comment: row[4], identity: identity)
        }
    }

    func insertColumns(_ columns: [ColumnRecord], of object: ObjectRecord) throws {
        for (ordinal, column) in columns.enumerated() {
            try db.execute(sql: """
                INSERT INTO sl_column (database_name, schema_name, object_name, ordinal, name, type, is_nullable, default_text, comment,
                                       identity_start, identity_increment, identity_ordered, identity_next)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [object.database, object.schema, object.name, ordinal, column.name, column.type.canonicalName,
                                 column.isNullable, column.defaultText, column.comment, column.identity?.start,
                                 column.identity?.increment, column.identity?.ordered, column.identity?.next])
        }
    }

    // MARK: - Account objects

    func accountObject(kind: CatalogKind, name: String) throws -> AccountObjectRecord? {
        try db.cachedRows("SELECT * FROM sl_account_object WHERE kind = ? AND name = ?", [kind.rawValue, name]).first
            .map(Catalog.accountObjectRecord)
    }

    func accountObjects(kind: CatalogKind) throws -> [AccountObjectRecord] {
        try db.cachedRows("SELECT * FROM sl_account_object WHERE kind = ? ORDER BY name", [kind.rawValue])
            .map(Catalog.accountObjectRecord)
    }

    static func accountObjectRecord(_ row: Row) throws -> AccountObjectRecord {
        let properties = try Catalog.storedProperties(row["properties"], of: row["name"])
        return AccountObjectRecord(kind: try CatalogKind.stored(row["kind"]), name: row["name"], owner: row["owner"], comment: row["comment"],
                                   createdOn: row["created_on"], properties: properties)
    }

    func insertAccountObject(_ record: AccountObjectRecord) throws {
        let data = try JSONSerialization.data(withJSONObject: record.properties, options: [.sortedKeys])
        try db.execute(sql: """
            INSERT INTO sl_account_object (kind, name, owner, comment, created_on, properties) VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [record.kind.rawValue, record.name, record.owner, record.comment, record.createdOn,
                             String(decoding: data, as: UTF8.self)])
    }

    func dropAccountObject(kind: CatalogKind, name: String) throws {
        try db.execute(sql: "DELETE FROM sl_account_object WHERE kind = ? AND name = ?", arguments: [kind.rawValue, name])
        if kind == .role {
            try db.execute(sql: "DELETE FROM sl_role_grant WHERE role_name = ? OR (grantee_kind = 'ROLE' AND grantee_name = ?)",
                           arguments: [name, name])
        }
        // What was granted to a role, a user or a package's share goes with it.
        let grantee = kind == .role || kind == .user ? kind.rawValue : kind == .applicationPackage ? Catalog.packageShareGrantee : nil
        try dropGrants(on: Authorization.securableKind(objectKind: kind), [name], grantee: grantee)
    }
}

extension SnowflakeType {
    /// Reads a canonical name back (`NUMBER(38,0)`, `VARCHAR(16777216)`, `TIMESTAMP_NTZ(9)`).
    static func parseCanonical(_ text: String) -> SnowflakeType? {
        // SQL functions name their types as text on every row: read each name once.
        if let known = CanonicalTypeCache.shared.type(for: text) { return known }
        let parsed = parseCanonicalUncached(text)
        if let parsed { CanonicalTypeCache.shared.store(parsed, for: text) }
        return parsed
    }

    private static func parseCanonicalUncached(_ text: String) -> SnowflakeType? {
        guard let open = text.firstIndex(of: "(") else { return SnowflakeType.named(text) }
        let name = String(text[..<open])
        let arguments = text[text.index(after: open)...].dropLast().split(separator: ",").compactMap { Int($0) }
        switch name {
        case "TIME", "TIMESTAMP_NTZ", "TIMESTAMP_LTZ", "TIMESTAMP_TZ": return SnowflakeType.named(name)
        default: return SnowflakeType.named(name, arguments)
        }
    }
}

/// Canonical type names already read (`NUMBER(38,0)` → .number(38, 0)), shared by all connections.
final class CanonicalTypeCache: Sendable {
    static let shared = CanonicalTypeCache()
    private let types = Mutex<[String: SnowflakeType]>([:])

    func type(for name: String) -> SnowflakeType? {
        types.withLock { $0[name] }
    }

    func store(_ type: SnowflakeType, for name: String) {
        types.withLock { $0[name] = type }
    }
}

extension Database {
    /// Whether SQLite's schema `schema` (main or temp) holds a table or index named `name`.
    func schemaHolds(_ name: String, schema: String = "main") throws -> Bool {
        try Bool.fetchOne(cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM \(schema).sqlite_master WHERE name = ?)"),
                          arguments: [name]) ?? false
    }

    /// Whether the current transaction may not write (a plain query's read transaction).
    var isReadOnlyTransaction: Bool {
        get throws { try Bool.fetchOne(cachedStatement(sql: "PRAGMA query_only")) == true }
    }

    /// The rows of a catalog read through this connection's statement cache: prepared once per
    /// connection instead of once per statement. Preparing (with GRDB's authorizer callbacks) the
    /// nine catalog reads every statement makes was a third of a single-row INSERT's time.
    func cachedRows(_ sql: String, _ arguments: StatementArguments = StatementArguments()) throws -> [Row] {
        try Row.fetchAll(cachedStatement(sql: sql), arguments: arguments)
    }
}

extension StatementArguments {
    /// `values` as positional arguments, each through GRDB's array-literal initializer. GRDB's
    /// initializers from a sequence are generic and not inlinable: called from here they run
    /// unspecialized, and their first use for each element type looks up the sequence's associated
    /// types and instantiates a key path by mangled name (360,000 instructions in a client's login).
    init(values: [DatabaseValue]) {
        self.init()
        for value in values { self += [value] }
    }
}
