// Executor: the one switch over statement kinds. It runs inside the statement's transaction
// with the session it acts for; each family lives in Executor+<Family>.swift. Handlers check
// everything before they change anything, so the transaction's rollback is the only cleanup.

import Foundation
import GRDB
import SnowSQL

struct Executor {
    let session: Session
    let db: Database
    /// The catalog as this session sees it: its own temporary objects, no other session's.
    /// Its records are read through the connection's cache (Catalog+Cache.swift).
    var catalog: Catalog { Catalog(db: db, temporaryScope: session.temporaryScope, cache: session.store.catalogCache) }
    /// `created_on` for objects this statement makes.
    var now: String { Timestamps.catalog(session.statementTime) }

    func execute(_ statement: Statement) throws -> ResultSet {
        try session.checkAllowedHere(statement)
        switch statement {
        case .query(let query): return try runQuery(query)
        case .set(let names, let values): return try set(names, values)
        case .unset(let names): return try unset(names)
        case .showVariables(let like): return try showVariables(like: like)
        case .createProcedure(let create): return try createProcedure(create)
        case .dropProcedure(let drop): return try dropProcedure(drop)
        case .alterProcedure(let alter): return try alterProcedure(alter)
        case .alterParameters(let alter): return try alterParameters(alter)
        case .showParameters(let show): return try showParameters(show)
        case .createEventTable(let create): return try createEventTable(create)
        case .executeImmediate, .block, .call:
            // Session.runStatement runs these outside any one transaction.
            throw SnowflakeError.unsupported("EXECUTE IMMEDIATE or a Scripting block inside a statement")
        case .use(let use): return try self.use(use)
        case .begin, .commit, .rollback:
            throw SnowflakeError.unsupported("transaction control inside EXECUTE IMMEDIATE")
        case .createDatabase(let create): return try createDatabase(create)
        case .createSchema(let create): return try createSchema(create)
        case .createTable(let create): return try consumingStreams { try createTable(create) }
        case .createView(let create): return try createView(create)
        case .createWarehouse(let create): return try createWarehouse(create)
        case .createRole(let create): return try createRole(create)
        case .createSequence(let create): return try createSequence(create)
        case .drop(let drop): return try self.drop(drop)
        case .show(let show): return try self.show(show)
        case .describe(let describe): return try self.describe(describe)
        case .insert(let insert): return try consumingStreams { try self.insert(insert) }
        case .multiTableInsert(let insert): return try consumingStreams { try self.multiTableInsert(insert) }
        case .update(let update): return try consumingStreams { try self.update(update) }
        case .delete(let delete): return try consumingStreams { try self.delete(delete) }
        case .merge(let merge): return try consumingStreams { try self.merge(merge) }
        case .grant(let grant): return try self.grant(grant)
        case .revoke(let revoke): return try self.revoke(revoke)
        case .grantRole(let grant): return try grantRole(grant)
        case .revokeRole(let revoke): return try revokeRole(revoke)
        case .grantOwnership(let grant): return try grantOwnership(grant)
        case .showGrants(let form): return try showGrants(form)
        case .createUser(let create): return try createUser(create)
        case .createStage(let create): return try createStage(create)
        case .put(let put): return try self.put(put)
        case .list(let location, let pattern): return try list(location, pattern: pattern)
        case .get(let get): return try self.get(get)
        case .remove(let location, let pattern): return try remove(location, pattern: pattern)
        case .applicationPackage(let statement): return try applicationPackage(statement)
        case .externalAccess(let statement): return try externalAccess(statement)
        case .loading(let statement): return try loading(statement)
        case .task(let statement): return try task(statement)
        case .stream(let statement): return try stream(statement)
        case .function(let statement): return try userFunction(statement)
        case .application(let statement): return try application(statement)
        case .hybridTable(let statement): return try hybridTable(statement)
        }
    }

    func translator() -> Translator {
        Translator(session: session, catalog: catalog, actions: TranslationActions(enableTaskAndDependents: enableTaskAndDependents))
    }

    // MARK: - Queries

    func runQuery(_ query: Query) throws -> ResultSet {
        try fetch(try translateLearning(query))
    }

    /// Runs translated SQL and reads its rows as the columns' Snowflake types.
    func fetch(_ translated: TranslatedQuery) throws -> ResultSet {
        let types = translated.columns.map(\.type)
        let rows = try prepared(translated.sql) { statement in
            var rows: [[Value]] = []
            let cursor = try Row.fetchCursor(statement, arguments: StatementArguments(values: translated.arguments))
            while let row = try cursor.next() {
                var values: [Value] = []
                values.reserveCapacity(types.count)
                for (i, type) in types.enumerated() {
                    values.append(ValueCoding.value(row[i] as DatabaseValue, as: type))
                }
                rows.append(values)
            }
            return rows
        }
        return ResultSet(columns: translated.columns, rows: rows, kind: .query)
    }

    /// Runs `body` with translated `sql` prepared, as the connection keeps it (PreparedStatements).
    func prepared<T>(_ sql: String, _ body: (GRDB.Statement) throws -> T) throws -> T {
        try session.store.preparedStatements.with(sql, in: db, body)
    }

    /// Runs translated `sql`, one statement, to its end.
    func run(_ sql: String, arguments: [DatabaseValue]) throws {
        try prepared(sql) { try $0.execute(arguments: StatementArguments(values: arguments)) }
    }

    /// Evaluates an expression with no FROM clause (SET values, EXECUTE IMMEDIATE sources).
    func evaluate(_ expression: Expression) throws -> (value: Value, type: SnowflakeType) {
        let translator = translator()
        let sql = try translator.expression(expression, Scope(parent: nil))
        let stored = try DatabaseValue.fetchOne(db, sql: "SELECT " + sql.sql, arguments: StatementArguments(values: sql.arguments)) ?? .null
        return (ValueCoding.value(stored, as: sql.type), sql.type)
    }

    // MARK: - Messages

    static func created(_ kind: String, _ name: String) -> ResultSet {
        .status("\(kind) \(name) successfully created.")
    }

    static func alreadyExists(_ name: String) -> ResultSet {
        .status("\(name) already exists, statement succeeded.")
    }

    static func dropped(_ name: String) -> ResultSet { .status("\(name) successfully dropped.") }

    static func alreadyDropped(_ name: String) -> ResultSet {
        .status("Drop statement executed successfully (\(name) already dropped).")
    }

    /// `OR REPLACE` and `IF NOT EXISTS` cannot be combined [?: wording chosen, code 002060]. Only
    /// the kinds that can be TEMPORARY here (tables and stages) pass `allowsTemporary`: for any
    /// other kind it is refused rather than ignored (the object would outlive the session).
    static func checkModifiers(_ modifiers: CreateModifiers, allowsTemporary: Bool = false) throws {
        if modifiers.orReplace && modifiers.ifNotExists {
            throw SnowflakeError.incompatibleCreateModifiers
        }
        if modifiers.orAlter { throw SnowflakeError.unsupported("CREATE OR ALTER") }
        if modifiers.temporary && !allowsTemporary { throw SnowflakeError.unsupported("TEMPORARY objects other than tables and stages") }
    }
}
