// Session+Access: how session-level work reaches the account file. Normally each access is the
// store's own: a read, a write transaction, or the connection as it stands. While a setup script
// runs inside CREATE or ALTER APPLICATION's write (`insideSetupScript`), the CALLs, blocks and
// EXECUTE IMMEDIATEs it runs reuse that access instead — reads reenter it and writes are savepoints
// in it — so the whole install stays one transaction, a failing statement still undoes only
// itself, and no access waits on the one that holds the connection.

import GRDB

extension Session {
    /// A read: inside a setup script, the script's own access.
    func reading<T>(_ body: (Database) throws -> T) throws -> T {
        if insideSetupScript { return try store.queue.unsafeReentrantRead(body) }
        return try store.read(body)
    }

    /// A write in a transaction of its own: inside a setup script, a savepoint of the script's access.
    func writing<T>(_ body: (Database) throws -> T) throws -> T {
        if insideSetupScript { return try store.queue.unsafeReentrantWrite { db in try Session.inSavepoint(db) { try body(db) } } }
        return try store.queue.write(body)
    }

    /// A write as a statement makes it: a savepoint of the explicit transaction when one is open (or
    /// of the setup script's access), else a transaction of its own.
    func writingStatement<T>(_ body: (Database) throws -> T) throws -> T {
        if inExplicitTransaction && !insideSetupScript {
            return try store.queue.writeWithoutTransaction { db in try Session.inSavepoint(db) { try body(db) } }
        }
        return try writing(body)
    }

    /// The connection as it stands (no transaction of its own): inside a setup script, the script's access.
    func accessing<T>(_ body: (Database) throws -> T) throws -> T {
        if insideSetupScript { return try store.queue.unsafeReentrantWrite(body) }
        return try store.queue.inDatabase(body)
    }

    /// `body` in a savepoint: released when it returns, rolled back to when it throws.
    static func inSavepoint<T>(_ db: Database, _ body: () throws -> T) throws -> T {
        try db.execute(sql: "SAVEPOINT snowlite_statement")
        do {
            let result = try body()
            try db.execute(sql: "RELEASE snowlite_statement")
            return result
        } catch {
            try? db.execute(sql: "ROLLBACK TO snowlite_statement")
            try? db.execute(sql: "RELEASE snowlite_statement")
            throw error
        }
    }
}
