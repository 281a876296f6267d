// Session+Describe: the columns a statement would return, without running it — what a driver's
// `describeOnly` request asks (the Python connector's `cursor.describe()`, Snowpark's schema
// inference, the 5.x connector's probe before an array-bound INSERT). Snowpark builds the column
// lists of its CREATE TABLE statements from these answers, so names, types and nullability must be
// the ones executing would give.
//
// Nothing runs and nothing changes: a query is translated only (the functions that act when
// translated, SYSTEM$REFERENCE and the binding functions, do nothing; NEXTVAL takes no value)
// inside a read; a DML statement resolves its target (and translates its source) and answers its
// count columns; SHOW and DESCRIBE, which only read, run inside a read and answer their columns;
// DDL and the other statements with a fixed answer give their `status` column; the rest, whose
// shape depends on running them (CALL of a procedure returning a table, a block, EXECUTE
// IMMEDIATE, PUT and GET), give no columns. Compile-time problems fail as executing would: a
// syntax error (001003), a table that does not exist or cannot be seen (002003), an unknown
// column (000904).
// https://docs.snowflake.com/en/developer-guide/sql-api/reference (describeOnly)

import Foundation
import GRDB
import SnowSQL

extension Session {
    /// The result columns `sql` (one statement) would return: names, types and nullability.
    /// Runs nothing and changes nothing; throws the SnowflakeError compiling it would.
    public func describe(_ sql: String) throws -> [ResultColumn] {
        let statement = try Session.parseSingle(sql)
        statementTime = clock()
        let saved = SessionState(self)
        defer {
            saved.restore(self)
            sequenceValues.reset()
        }
        do {
            try checkAllowedHere(statement)
            return try describe(statement)
        } catch {
            throw Session.reported(error, text: sql)
        }
    }

    private func describe(_ statement: SnowSQL.Statement) throws -> [ResultColumn] {
        switch statement {
        case .query(let query):
            return try readingForDescribe { executor in try executor.describingTranslator().translate(query).columns }
        case .insert(let insert):
            return try readingForDescribe { executor in try executor.describeInsert(insert) }
        case .update(let update):
            return try readingForDescribe { executor in
                _ = try executor.targetTable(update.table, operation: "UPDATE", requiring: [.update])
                return Executor.updateColumns
            }
        case .delete(let delete):
            return try readingForDescribe { executor in
                _ = try executor.targetTable(delete.table, operation: "DELETE", requiring: [.delete])
                return Executor.deleteColumns
            }
        case .merge(let merge):
            return try readingForDescribe { executor in try executor.describeMerge(merge) }
        case .multiTableInsert(let insert):
            return try readingForDescribe { executor in try executor.multiTableInsertColumns(insert) }
        case .createTable(let create):
            // CREATE TABLE … AS SELECT: the query must compile.
            if let query = create.asQuery {
                _ = try readingForDescribe { executor in try executor.describingTranslator().translate(query).columns }
            }
            return ResultSet.success.columns
        case .call(let call):
            return try readingForDescribe { executor in
                let procedure = try executor.findProcedure(call.name, argumentCount: call.arguments.count)
                return procedure.returnsTable ? [] : [ResultColumn(procedure.baseName, procedure.returnType)]
            }
        case .show, .describe, .showGrants, .showVariables, .list, .showParameters,
             .task(.show), .task(.describe), .application(.show), .application(.describe), .application(.showRoles),
             .application(.showPrivileges), .application(.showReferences), .applicationPackage(.show),
             .applicationPackage(.showVersions), .externalAccess(.show), .externalAccess(.describe),
             .stream(.show), .stream(.describe), .function(.show), .function(.describe), .hybridTable(.showIndexes),
             .hybridTable(.showHybridTables), .loading(.showFileFormats), .loading(.describeFileFormat):
            // These only read: run inside a read, and keep the columns.
            return try readingForDescribe { executor in try executor.execute(statement).columns }
        case .block, .executeImmediate, .put, .get, .applicationPackage(.alter), .loading(.copyIntoTable), .loading(.copyIntoLocation):
            return []
        case .set, .unset, .use, .begin, .commit, .rollback, .createDatabase, .createSchema, .createView, .createWarehouse,
             .createRole, .createSequence, .drop, .createProcedure, .dropProcedure, .alterProcedure, .alterParameters,
             .createEventTable, .grant, .revoke, .grantRole, .revokeRole, .grantOwnership, .createUser, .createStage,
             .remove, .applicationPackage, .application, .externalAccess, .task, .stream, .function, .hybridTable, .loading:
            return ResultSet.success.columns
        }
    }

    /// `body` with an Executor on a connection where nothing it does is kept: a read outside an
    /// explicit transaction, a savepoint rolled back inside one (where the transaction's own
    /// changes must be seen).
    private func readingForDescribe<T>(_ body: (Executor) throws -> T) throws -> T {
        if inExplicitTransaction {
            return try store.queue.writeWithoutTransaction { db in
                try db.execute(sql: "SAVEPOINT snowlite_describe")
                defer {
                    try? db.execute(sql: "ROLLBACK TO snowlite_describe")
                    try? db.execute(sql: "RELEASE snowlite_describe")
                }
                return try body(Executor(session: self, db: db))
            }
        }
        return try store.read { db in try body(Executor(session: self, db: db)) }
    }
}

extension Executor {
    /// A translator for a query that is only described (Translator.describing).
    func describingTranslator() -> Translator {
        let translator = translator()
        translator.describing = true
        return translator
    }

    /// INSERT's count, once its target and columns resolve and its source compiles to as many columns.
    func describeInsert(_ insert: Insert) throws -> [ResultColumn] {
        let (_, columns) = try targetTable(insert.table, operation: "INSERT", requiring: [.insert])
        for identifier in insert.columns where !columns.contains(where: { $0.name == identifier.name }) {
            throw InvalidIdentifier(name: identifier.sql)
        }
        let width = insert.columns.isEmpty ? columns.count : insert.columns.count
        switch insert.source {
        case .values(let rows):
            let translator = describingTranslator()
            for row in rows {
                guard row.count == width else { throw SnowflakeError.insertValueListMismatch(expected: width, got: row.count) }
                for cell in row { _ = try translator.expression(cell, Scope(parent: nil)) }
            }
        case .query(let query):
            let translated = try describingTranslator().translate(query)
            guard translated.columns.count == width else {
                throw SnowflakeError.insertValueListMismatch(expected: width, got: translated.columns.count)
            }
        }
        return Executor.insertColumns
    }

    /// MERGE's counts, once its target resolves and its source compiles.
    func describeMerge(_ merge: Merge) throws -> [ResultColumn] {
        _ = try targetTable(merge.target, operation: "MERGE", requiring: Executor.mergePrivileges(merge))
        _ = try describingTranslator().tableReference(merge.source, Scope(parent: nil))
        return Executor.mergeColumns(merge)
    }
}
