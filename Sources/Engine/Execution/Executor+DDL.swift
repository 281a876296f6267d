// Executor+DDL: CREATE and DROP for databases, schemas, tables, views, warehouses and roles,
// with Snowflake's status messages (spec §4.2) and context changes (CREATE DATABASE makes the
// new database and its PUBLIC schema current; CREATE SCHEMA makes the schema current).

import Foundation
import GRDB
import Security
import SnowSQL

extension Executor {
    func createDatabase(_ create: CreateDatabase) throws -> ResultSet {
        try Executor.checkModifiers(create.modifiers)
        let parts = try session.nameParts(create.name)
        guard parts.count == 1 else { throw SnowflakeError.compilationError("invalid database name '\(parts.joined(separator: "."))'") }
        let name = parts[0]
        try access.requireAccount(.createDatabase)
        let existing = try catalog.database(name)
        // An application or a package is never replaced as a database.
        if let existing, existing.kind != .standard, !create.modifiers.ifNotExists { throw SnowflakeError.alreadyExists(name) }
        if let done = try prepareCreate(existing: existing.map(Authorization.securable), name: name, written: name,
                                        modifiers: create.modifiers, drop: { try catalog.dropDatabase(name) }) { return done }
        let comment = create.properties.first { $0.name == "COMMENT" }?.value.text
        let retention = create.properties.first { $0.name == "DATA_RETENTION_TIME_IN_DAYS" }.flatMap { Int($0.value.text) } ?? 1
        try insertDatabaseWithSchemas(DatabaseRecord(name: name, kind: .standard, owner: session.currentRole ?? "", comment: comment,
                                                     isTransient: create.modifiers.transient, retentionTime: retention, createdOn: now))
        // [? inferred] Application code keeps its context: the quickstart's PROVISION_CONNECTOR creates
        // its destination database, then writes STATE.APP_CONFIGURATION unqualified.
        if session.actingApplication == nil {
            session.currentDatabase = name
            session.currentSchema = "PUBLIC"
        }
        return Executor.created("Database", name)
    }

    /// Records a database with its PUBLIC schema (owned by the database's owner) and INFORMATION_SCHEMA.
    func insertDatabaseWithSchemas(_ record: DatabaseRecord) throws {
        try catalog.insertDatabase(record)
        for schema in ["PUBLIC", "INFORMATION_SCHEMA"] {
            try catalog.insertSchema(SchemaRecord(database: record.name, name: schema, owner: schema == "PUBLIC" ? record.owner : "",
                                                  comment: schema == "PUBLIC" ? nil : "Views describing the contents of schemas in this database",
                                                  isTransient: record.isTransient, isManagedAccess: false, createdOn: record.createdOn))
        }
    }

    func createSchema(_ create: CreateSchema) throws -> ResultSet {
        // CREATE OR ALTER (VERSIONED) SCHEMA is the setup-script idiom: create, or keep what exists.
        var modifiers = create.modifiers
        if modifiers.orAlter && !modifiers.orReplace && !modifiers.ifNotExists {
            modifiers.orAlter = false
            modifiers.ifNotExists = true
        }
        try Executor.checkModifiers(modifiers)
        if create.versioned && session.runningApplication == nil {
            throw SnowflakeError.compilationError("Versioned schemas can only be created by an application's setup script.")
        }
        let (database, name) = try session.qualifySchema(try session.nameParts(create.name), operation: "CREATE SCHEMA")
        let access = try access
        guard let databaseRecord = try catalog.database(database), try access.canSee(databaseRecord) else {
            throw SnowflakeError.doesNotExist("Database", database)
        }
        // CREATE SCHEMA on the database (its owner holds it).
        guard access.authorizer.holds(.createSchema, on: Authorization.securable(databaseRecord)) else {
            throw access.insufficient(Authorization.securable(databaseRecord), name: database)
        }
        if let done = try prepareCreate(existing: try catalog.schema(database: database, name: name).map(Authorization.securable),
                                        name: name, written: name, modifiers: modifiers,
                                        drop: { try catalog.dropSchema(database: database, name: name) }) { return done }
        let comment = create.properties.first { $0.name == "COMMENT" }?.value.text
        let record = SchemaRecord(database: database, name: name, owner: session.currentRole ?? "", comment: comment,
                                  isTransient: create.modifiers.transient, isManagedAccess: create.managedAccess, createdOn: now)
        try catalog.insertSchema(record)
        try applyFutureGrants(to: .schema(database: database, name: name), Authorization.securable(record), database: database, schema: nil)
        if create.versioned { session.runningApplication?.versionedSchemas.insert(name) }
        // A setup script has no current schema (every name it writes stays qualified), and other
        // application code keeps its context, as for CREATE DATABASE.
        if session.actingApplication == nil {
            session.currentDatabase = database
            session.currentSchema = name
        }
        return Executor.created("Schema", name)
    }

    /// Resolves the name of a new schema object of `kind` and checks its schema exists.
    func newObjectName(_ name: ObjectName, kind: CatalogKind) throws -> QualifiedName {
        try newObjectName(name, kind: kind.rawValue)
    }

    /// Resolves the name of a new schema object and checks its schema exists; `kind` names the
    /// statement in a missing-context error (`CREATE EVENT TABLE`).
    func newObjectName(_ name: ObjectName, kind: String) throws -> QualifiedName {
        let qualified = try session.qualify(try session.nameParts(name), database: session.currentDatabase,
                                            schema: session.currentSchema, operation: "CREATE \(kind)")
        guard try catalog.database(qualified.database) != nil else { throw SnowflakeError.doesNotExist("Database", qualified.database) }
        guard try catalog.schema(database: qualified.database, name: qualified.schema) != nil else {
            throw SnowflakeError.doesNotExist("Schema", "\(qualified.database).\(qualified.schema)")
        }
        return qualified
    }

    /// The CREATE preamble when the name is taken by `existing` (nil: it is free). IF NOT EXISTS
    /// ends the statement with its status, which this returns; without OR REPLACE the name is taken
    /// (002002 naming `written`); with it the role must own the old object (003001 naming `name`)
    /// and `drop` removes it. nil: the statement goes on to create the object.
    func prepareCreate(existing: Securable?, name: String, written: String, modifiers: CreateModifiers,
                       drop: () throws -> Void) throws -> ResultSet? {
        guard let existing else { return nil }
        if modifiers.ifNotExists { return Executor.alreadyExists(name) }
        guard modifiers.orReplace else { throw SnowflakeError.alreadyExists(written) }
        try access.requireOwnership(existing, name: name)
        try drop()
        return nil
    }

    /// The CREATE preamble for a schema object named `name` and taken by `existing`; OR REPLACE
    /// drops the old object from the catalog, or hands it to `drop`.
    func prepareCreate(existing: ObjectRecord?, name: QualifiedName, modifiers: CreateModifiers,
                       drop: ((ObjectRecord) throws -> Void)? = nil) throws -> ResultSet? {
        guard let existing else { return nil }
        return try prepareCreate(existing: Authorization.securable(existing), name: existing.name, written: name.written,
                                 modifiers: modifiers) {
            if let drop { try drop(existing) } else { try catalog.dropObject(existing) }
        }
    }

    /// Applies OR REPLACE / IF NOT EXISTS to an existing table or view: unlike `prepareCreate`, a
    /// table only replaces a table and a view a view. Returns a result when the statement is done.
    func replaceExisting(_ name: QualifiedName, kind: CatalogKind, modifiers: CreateModifiers) throws -> ResultSet? {
        guard let existing = try catalog.object(database: name.database, schema: name.schema, name: name.name,
                                                kinds: [.table, .view]) else { return nil }
        if modifiers.ifNotExists { return Executor.alreadyExists(name.name) }
        guard modifiers.orReplace, existing.kind == kind else { throw SnowflakeError.alreadyExists(name.written) }
        try access.requireOwnership(Authorization.securable(existing), name: existing.name)
        try requireNotReferenced(existing)
        try catalog.dropObject(existing)
        return nil
    }

    /// CREATE TABLE t (a INT, …) AS SELECT …: the list names the query's columns in order. A
    /// list that converts a column to another type is refused rather than stored unconverted.
    static func renamed(_ columns: [ColumnRecord], as definitions: [SnowSQL.ColumnDefinition]) throws -> [ColumnRecord] {
        guard definitions.count == columns.count else {
            throw SnowflakeError.compilationError(
                "The column definition list has \(definitions.count) column(s), the query \(columns.count).")
        }
        return try zip(columns, definitions).map { column, definition in
            let type = try Translator.dataType(definition.type)
            if definition.identity != nil {
                throw SnowflakeError.unsupported("CREATE TABLE … AS SELECT with an AUTOINCREMENT or IDENTITY column")
            }
            guard type == column.type else {
                throw SnowflakeError.unsupported("CREATE TABLE … AS SELECT with a column list that changes \(column.name)'s type")
            }
            return ColumnRecord(name: definition.name.name, type: type, isNullable: !(definition.notNull || definition.primaryKey))
        }
    }

    func createTable(_ create: CreateTable) throws -> ResultSet {
        try Executor.checkModifiers(create.modifiers, allowsTemporary: true)
        let name = try newObjectName(create.name, kind: .table)
        try access.requireCreate(.table, database: name.database, schema: name.schema)
        try requireNotPermanent(name, kinds: [.table, .view], temporary: create.modifiers.temporary)
        if let done = try replaceExisting(name, kind: .table, modifiers: create.modifiers) { return done }
        try requireNameFree(name, kinds: [.table, .view])

        var columns: [ColumnRecord] = []
        var query: TranslatedQuery?
        var cloned: ObjectRecord?
        if let source = create.source {
            let copied = try tableToCopy(source)
            columns = copied.columns
            if case .clone = source { cloned = copied.table }
        } else if let asQuery = create.asQuery {
            let translated = try translator().translate(asQuery)
            query = translated
            if create.hybrid {
                // A hybrid table's CTAS defines its columns; the query's values are converted to them.
                columns = try definedColumns(create)
                guard columns.count == translated.columns.count else {
                    throw SnowflakeError.hybridColumnCount(columns: columns.count, query: translated.columns.count)
                }
            } else {
                columns = translated.columns.map { ColumnRecord(name: $0.name, type: $0.type, isNullable: true) }
                if !create.columns.isEmpty { columns = try Executor.renamed(columns, as: create.columns) }
            }
        } else {
            columns = try definedColumns(create)
        }
        var seen = Set<String>()
        for column in columns where !seen.insert(column.name).inserted {
            throw SnowflakeError.duplicateColumnName(column.name)
        }
        let hybrid = create.hybrid ? try hybridDefinition(create, name: name, columns: columns) : nil
        let storage = name.description
        var properties: [String: String] = create.modifiers.temporary ? temporaryProperties(["kind": "TEMPORARY"])
            : create.modifiers.transient ? ["kind": "TRANSIENT"] : [:]
        if let hybrid { properties[HybridTable.property] = hybrid.stored }
        let record = ObjectRecord(database: name.database, schema: name.schema, name: name.name, kind: .table,
                                  owner: session.currentRole ?? "",
                                  comment: create.properties.first { $0.name == "COMMENT" }?.value.text,
                                  createdOn: now, storageName: storage, definition: nil, properties: properties)
        try catalog.insertObject(record)
        try catalog.insertColumns(columns, of: record)
        try applyFutureGrants(to: record)
        let columnSQL = columns.map { "\(quote($0.name)) \($0.type.sqliteAffinity)\($0.isNullable ? "" : " NOT NULL")" }
        try db.execute(sql: "CREATE TABLE \(quote(storage)) (\(columnSQL.joined(separator: ", ")))")
        if let hybrid { try catalog.installHybridConstraints(hybrid, of: record) }
        if let cloned { try copyRows(of: cloned, columns: columns, into: storage) }
        if let query {
            // Each value meets its column's type (a no-op when the query's column is already of it).
            let cells = zip(query.sqlNames, zip(query.columns, columns)).map { name, pair in
                coerced(TypedSQL(quote(name), type: pair.0.type), to: pair.1)
            }
            let select = TypedSQL.join(cells, separator: ", ", type: .boolean)
            try db.execute(sql: """
                INSERT INTO \(quote(storage)) (\(columns.map { quote($0.name) }.joined(separator: ", "))) \
                SELECT \(select.sql) FROM (\(query.sql))
                """, arguments: StatementArguments(select.arguments + query.arguments))
        }
        return Executor.created("Table", name.name)
    }

    /// The columns CREATE TABLE defines (not a CTAS's query's): types, NOT NULL (primary key columns
    /// too), DEFAULT or identity, comment.
    private func definedColumns(_ create: CreateTable) throws -> [ColumnRecord] {
        let primaryKey = Set(create.constraints.filter { $0.kind == .primaryKey }.flatMap(\.columns).map(\.name))
        return try create.columns.map { definition in
            let type = try Translator.dataType(definition.type)
            var defaultText: String?
            if let value = definition.defaultValue {
                _ = try translator().expression(value, Scope(parent: nil))  // unknown functions fail now, not at INSERT
                defaultText = SQLPrinter.print(try qualifyingSequenceReference(value))
            }
            return ColumnRecord(name: definition.name.name, type: type,
                                isNullable: !(definition.notNull || definition.primaryKey || primaryKey.contains(definition.name.name)),
                                defaultText: defaultText, comment: definition.comment,
                                identity: try Executor.identity(of: definition, type: type))
        }
    }

    func createView(_ create: CreateView) throws -> ResultSet {
        try Executor.checkModifiers(create.modifiers)
        let name = try newObjectName(create.name, kind: .view)
        try access.requireCreate(.view, database: name.database, schema: name.schema)
        if let done = try replaceExisting(name, kind: .view, modifiers: create.modifiers) { return done }
        // The query must resolve now, in the view's own database and schema.
        let translator = translator()
        translator.database = name.database
        translator.schema = name.schema
        let translated = try compiledNowOrLater { try translator.translate(create.query) }
        if let translated, !create.columns.isEmpty && create.columns.count != translated.columns.count {
            throw SnowflakeError.compilationError("invalid number of columns in view definition")
        }
        var properties: [String: String] = ["text": create.statementText.text]
        if create.secure { properties["secure"] = "true" }
        if !create.columns.isEmpty { properties["columns"] = create.columns.map(\.name).joined(separator: ",") }
        let record = ObjectRecord(database: name.database, schema: name.schema, name: name.name, kind: .view,
                                  owner: session.currentRole ?? "", comment: create.comment, createdOn: now,
                                  storageName: nil, definition: create.queryText.text, properties: properties)
        try catalog.insertObject(record)
        try applyFutureGrants(to: record)
        return Executor.created("View", name.name)
    }

    /// CREATE of an account-level object: a one-part name, IF NOT EXISTS / OR REPLACE. Returns the
    /// name, or the finished result when IF NOT EXISTS found the object.
    private func prepareAccountObject(kind: CatalogKind, _ create: CreateNamedObject) throws -> (name: String, done: ResultSet?) {
        try Executor.checkModifiers(create.modifiers)
        let parts = try session.nameParts(create.name)
        guard parts.count == 1 else {
            throw SnowflakeError.compilationError("invalid \(kind.rawValue.lowercased()) name '\(parts.joined(separator: "."))'")
        }
        let name = parts[0]
        let access = try access
        try access.requireAccount(Privilege("CREATE " + kind.rawValue))  // CREATE WAREHOUSE, CREATE ROLE
        guard let existing = try catalog.accountObject(kind: kind, name: name) else { return (name, nil) }
        if create.modifiers.ifNotExists { return (name, Executor.alreadyExists(name)) }
        let isSystemRole = kind == .role && Session.systemRoles.contains { $0.name == name }
        guard create.modifiers.orReplace, !isSystemRole else { throw SnowflakeError.alreadyExists(name) }
        try access.requireOwnership(Authorization.securable(existing), name: name)
        try catalog.dropAccountObject(kind: kind, name: name)
        return (name, nil)
    }

    private func insertAccountObject(kind: CatalogKind, name: String, _ create: CreateNamedObject, properties: [String: String]) throws {
        try catalog.insertAccountObject(AccountObjectRecord(kind: kind, name: name, owner: session.currentRole ?? "",
                                                            comment: create.properties.first { $0.name == "COMMENT" }?.value.text,
                                                            createdOn: now, properties: properties))
    }

    func createWarehouse(_ create: CreateWarehouse) throws -> ResultSet {
        let (name, done) = try prepareAccountObject(kind: .warehouse, create)
        if let done { return done }
        var properties: [String: String] = ["size": "X-Small", "state": "STARTED", "auto_suspend": "600", "auto_resume": "true"]
        for property in create.properties {
            switch property.name {
            case "WAREHOUSE_SIZE": properties["size"] = Executor.warehouseSize(property.value.text)
            case "AUTO_SUSPEND": properties["auto_suspend"] = property.value.text
            case "AUTO_RESUME": properties["auto_resume"] = property.value.text.lowercased()
            case "INITIALLY_SUSPENDED": if property.value.text == "TRUE" { properties["state"] = "SUSPENDED" }
            case StatementTimeouts.parameter: properties[Executor.parameterKey(property.name)] = try Executor.parameterValue(property)
            default: break
            }
        }
        try insertAccountObject(kind: .warehouse, name: name, create, properties: properties)
        session.currentWarehouse = name  // CREATE WAREHOUSE makes it the session's warehouse, as in Snowflake.
        return Executor.created("Warehouse", name)
    }

    /// `XSMALL`, `x-small`, `'X-Small'` → `X-Small` as SHOW WAREHOUSES prints it.
    static func warehouseSize(_ text: String) -> String {
        let key = text.uppercased().replacingOccurrences(of: "-", with: "").replacingOccurrences(of: "_", with: "")
        let sizes = ["XSMALL": "X-Small", "SMALL": "Small", "MEDIUM": "Medium", "LARGE": "Large", "XLARGE": "X-Large",
                     "XXLARGE": "2X-Large", "X2LARGE": "2X-Large", "2XLARGE": "2X-Large", "XXXLARGE": "3X-Large",
                     "X3LARGE": "3X-Large", "3XLARGE": "3X-Large", "X4LARGE": "4X-Large", "4XLARGE": "4X-Large"]
        return sizes[key] ?? text
    }

    func createRole(_ create: CreateRole) throws -> ResultSet {
        let (name, done) = try prepareAccountObject(kind: .role, create)
        if let done { return done }
        try insertAccountObject(kind: .role, name: name, create, properties: [:])
        return Executor.created("Role", name)
    }

    // MARK: - DROP

    func drop(_ drop: DropStatement) throws -> ResultSet {
        let parts = try session.nameParts(drop.name)
        let display = parts.joined(separator: ".")
        // DROP needs OWNERSHIP; an object the role cannot see is reported missing.
        let access = try access
        switch drop.kind {
        case .database:
            guard parts.count == 1, let record = try catalog.database(parts[0]), try access.canSee(record) else {
                if drop.ifExists { return Executor.alreadyDropped(parts.last ?? display) }
                throw SnowflakeError.doesNotExist("Database", display)
            }
            // A package's database goes only with the package [? wording chosen].
            if record.kind == .applicationPackage {
                throw SnowflakeError.compilationError("'\(record.name)' is an application package: drop it with DROP APPLICATION PACKAGE.")
            }
            try access.requireOwnership(Authorization.securable(record), name: record.name)
            try catalog.dropDatabase(parts[0])
            if session.currentDatabase == parts[0] {
                session.currentDatabase = nil
                session.currentSchema = nil
            }
            return Executor.dropped(parts[0])
        case .schema:
            let (database, schema) = try session.qualifySchema(parts, operation: "DROP SCHEMA")
            guard let record = try catalog.schema(database: database, name: schema), schema != "INFORMATION_SCHEMA",
                  try access.canSee(record) else {
                if drop.ifExists { return Executor.alreadyDropped(schema) }
                throw SnowflakeError.doesNotExist("Schema", "\(database).\(schema)")
            }
            try access.requireOwnership(Authorization.securable(record), name: schema)
            try catalog.dropSchema(database: database, name: schema)
            if session.currentDatabase == database && session.currentSchema == schema { session.currentSchema = nil }
            return Executor.dropped(schema)
        case .table, .view, .sequence, .stage, .streamlit:
            let name = try session.qualify(parts, database: session.currentDatabase, schema: session.currentSchema,
                                           operation: "DROP \(drop.kind.rawValue)")
            guard let object = try catalog.object(database: name.database, schema: name.schema, name: name.name,
                                                  kinds: [CatalogKind(drop.kind)].compactMap { $0 }) else {
                if drop.ifExists { return Executor.alreadyDropped(name.name) }
                throw SnowflakeError.doesNotExist(drop.kind.displayName, display)
            }
            let missing = SnowflakeError.doesNotExist(drop.kind.displayName, display)
            guard (try? access.requireReach(database: object.database, schema: object.schema, missing: missing)) != nil,
                  access.canSee(object) else {
                if drop.ifExists { return Executor.alreadyDropped(name.name) }
                throw missing
            }
            try access.requireOwnership(Authorization.securable(object), name: object.name)
            try requireNotReferenced(object)
            try catalog.dropObject(object)
            return Executor.dropped(name.name)
        case .object:
            throw SnowflakeError.internalError("DROP OBJECT does not parse")
        case .procedure:
            // DROP PROCEDURE names argument types and parses as its own statement.
            throw SnowflakeError.syntax(line: 1, position: 0, token: "PROCEDURE")
        case .warehouse, .role, .user:
            // Roles and users are listed to everyone; a warehouse shows only to roles with a privilege on it.
            guard parts.count == 1, let kind = CatalogKind(drop.kind), let record = try catalog.accountObject(kind: kind, name: parts[0]),
                  drop.kind != .warehouse || access.canSee(record) else {
                if drop.ifExists { return Executor.alreadyDropped(parts.last ?? display) }
                throw SnowflakeError.doesNotExist(drop.kind.displayName, display)
            }
            if drop.kind == .role && Session.systemRoles.contains(where: { $0.name == parts[0] }) {
                throw SnowflakeError.insufficientPrivileges("role", parts[0])
            }
            try access.requireOwnership(Authorization.securable(record), name: record.name)
            try catalog.dropAccountObject(kind: kind, name: parts[0])
            if drop.kind == .warehouse && session.currentWarehouse == parts[0] { session.currentWarehouse = nil }
            return Executor.dropped(parts[0])
        }
    }
}
