// The account file and transactions: one SQLite file per account, created owner-only in WAL
// mode; a second connection sees what the first committed and nothing it has not; every
// statement is atomic; BEGIN … COMMIT/ROLLBACK spans statements; DDL commits an open transaction.

import Foundation
import GRDB
import XCTest
@testable import Engine

final class AccountStoreTests: EngineTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        try super.setUpWithError()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("snowlite-\(UUID().uuidString)")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    /// A login on an account already set up for its user only reads: it goes through while another
    /// connection holds the write lock (a task run of `snowlite serve`, say), and queries work.
    func testALoginOnAnAccountSetUpTakesNoWriteLock() throws {
        let path = directory.appendingPathComponent("acct.sqlite").path
        _ = try makeSession(path: path)
        let writer = try Session.openAccount(path: path)
        try writer.queue.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE") }
        defer { try? writer.queue.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") } }
        // Before, the login's INSERT OR IGNOREs waited for the lock and failed (database is locked).
        let second = try makeSession(path: path)
        XCTAssertEqual(try second.execute("select current_role(), 1").rows, [[.string("ACCOUNTADMIN"), .integer(1)]])
    }

    /// The file's user_version records how many migrations it has been through; an up-to-date file is
    /// not migrated again (a missing migration record stays missing), and one with an older version is.
    func testAnUpToDateFileIsNotMigratedAgain() throws {
        let path = directory.appendingPathComponent("acct.sqlite").path
        let store = try Session.openAccount(path: path)
        let applied = try store.queue.read { db in try CatalogSchema.migrator.appliedMigrations(db) }
        XCTAssertEqual(applied.count, CatalogSchema.version)
        XCTAssertEqual(try store.queue.read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") }, applied.count)
        let last = try XCTUnwrap(applied.last)
        try store.queue.write { db in try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = ?", arguments: [last]) }

        let again = try Session.openAccount(path: path)
        XCTAssertEqual(try again.queue.read { db in try CatalogSchema.migrator.appliedMigrations(db) }, Array(applied.dropLast()))

        // An older version: the migrator runs (nothing left to apply once the record is back) and
        // the version is written again.
        try again.queue.writeWithoutTransaction { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: [last])
            try db.execute(sql: "PRAGMA user_version = 1")
        }
        let older = try Session.openAccount(path: path)
        XCTAssertEqual(try older.queue.read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") }, applied.count)
    }

    /// The write-ahead log is copied into the file by the account's checkpoint thread, not by the
    /// commit that filled it; every row is in the file once the account is closed, and the thread
    /// ends with the account's connection.
    func testTheLogIsCheckpointedOnAThreadOfItsOwn() throws {
        let path = directory.appendingPathComponent("acct.sqlite").path
        func checkpointThreads() -> Int {
            let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
            return tasks.filter { task in
                (try? String(contentsOfFile: "/proc/self/task/\(task)/comm", encoding: .utf8))?.hasPrefix("wal-checkpoint") ?? false
            }.count
        }
        func fileSize() -> Int { ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0 }
        func waitUntil(_ condition: () -> Bool) -> Bool {
            for _ in 0..<200 where !condition() { Thread.sleep(forTimeInterval: 0.05) }
            return condition()
        }
        let before = checkpointThreads()
        var store: AccountStore? = try Session.openAccount(path: path)
        try store?.queue.inDatabase { db in try db.execute(sql: "CREATE TABLE t (n INTEGER, b BLOB)") }
        // 1,500 rows of 4,000 bytes in 15 commits: the log passes SQLite's 1,000 pages.
        for batch in 0..<15 {
            try store?.queue.write { db in
                try db.execute(sql: """
                    WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 100)
                    INSERT INTO t SELECT i + ?, randomblob(4000) FROM k
                    """, arguments: [batch * 100])
            }
        }
        XCTAssertEqual(checkpointThreads(), before + 1)
        // The commit that passed 1,000 pages woke the thread, which copied them into the file.
        XCTAssertTrue(waitUntil { fileSize() >= 3_500_000 }, "the file holds \(fileSize()) bytes")
        store = nil
        XCTAssertTrue(waitUntil { checkpointThreads() == before }, "\(checkpointThreads()) checkpoint threads")
        let reopened = try Session.openAccount(path: path)
        XCTAssertEqual(try reopened.queue.read { db in try Int.fetchOne(db, sql: "SELECT count(DISTINCT n) FROM t") }, 1_500)
        XCTAssertEqual(try reopened.queue.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") }, "ok")
    }

    func testAccountFileIsOwnerOnlyAndInWALMode() throws {
        let path = directory.appendingPathComponent("acct.sqlite").path
        let first = try makeSession(path: path)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        let mode = try first.store.queue.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        XCTAssertEqual(mode, "wal")
    }

    /// AccountStore.read is what GRDB's read is: read-only, a transaction of its own (gone after it,
    /// whether the body returns or throws), or the open transaction when there is one.
    func testAReadIsReadOnlyAndInATransactionOfItsOwn() throws {
        let store = try Session.openAccount(path: directory.appendingPathComponent("acct.sqlite").path)
        try store.queue.inDatabase { db in try db.execute(sql: "CREATE TABLE t (a INTEGER)") }
        XCTAssertEqual(try store.read { db in db.isInsideTransaction }, true)
        XCTAssertThrowsError(try store.read { db in try db.execute(sql: "INSERT INTO t VALUES (1)") }) { error in
            XCTAssertEqual((error as? DatabaseError)?.resultCode, .SQLITE_READONLY)
        }
        struct Stop: Error {}
        XCTAssertThrowsError(try store.read { _ in throw Stop() }) { XCTAssertTrue($0 is Stop) }
        try store.queue.inDatabase { db in
            XCTAssertFalse(db.isInsideTransaction)
            try db.execute(sql: "INSERT INTO t VALUES (1)")  // writable again
            try db.execute(sql: "BEGIN")
            try db.execute(sql: "INSERT INTO t VALUES (2)")
        }
        // Inside an open transaction a read sees its uncommitted rows and leaves it open.
        XCTAssertEqual(try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM t") }, 2)
        try store.queue.inDatabase { db in
            XCTAssertTrue(db.isInsideTransaction)
            try db.execute(sql: "ROLLBACK")
        }
        XCTAssertEqual(try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM t") }, 1)
    }

    /// The catalog's REFERENCES hold on every connection, a file's and a private in-memory one
    /// (AccountStore switches foreign keys on itself rather than through GRDB).
    func testEveryConnectionEnforcesTheCatalogsForeignKeys() throws {
        let path = directory.appendingPathComponent("acct.sqlite").path
        let stores = [try makeSession(path: path).store, try Session.openAccount(path: ":memory:")]
        for store in stores + [try stores[0].inMemoryCopy()] {
            XCTAssertEqual(try store.queue.read { db in try Int.fetchOne(db, sql: "PRAGMA foreign_keys") }, 1, store.path)
        }
    }

    func testASecondConnectionSeesCommittedWorkOnly() throws {
        let path = directory.appendingPathComponent("acct.sqlite").path
        let writer = try makeSession(path: path)
        _ = try writer.execute("create database d")
        _ = try writer.execute("create table t (a int)")
        _ = try writer.execute("insert into t values (1)")
        let reader = try makeSession(path: path)
        XCTAssertEqual(try reader.execute("select a from d.public.t").rows, [[.integer(1)]])

        _ = try writer.execute("begin")
        _ = try writer.execute("insert into t values (2)")
        XCTAssertEqual(try reader.execute("select count(*) from d.public.t").rows, [[.integer(1)]])
        _ = try writer.execute("commit")
        XCTAssertEqual(try reader.execute("select count(*) from d.public.t").rows, [[.integer(2)]])
    }

    func testRollbackUndoesTheTransaction() throws {
        try script("create database d;\ncreate table t (a int)")
        try run("begin transaction")
        try run("insert into t values (1)")
        XCTAssertEqual(try cells("select count(*) from t"), [["1"]])
        try run("rollback")
        XCTAssertEqual(try cells("select count(*) from t"), [["0"]])
    }

    func testAFailedStatementInsideATransactionKeepsTheRest() throws {
        try script("create database d;\ncreate table t (a int not null)")
        try run("begin")
        try run("insert into t values (1)")
        assertError("insert into t values (2), (NULL)", "100072 (22000): NULL result in a non-nullable column")
        try run("commit")
        XCTAssertEqual(try cells("select a from t"), [["1"]])
    }

    func testDDLCommitsAnOpenTransaction() throws {
        try script("create database d;\ncreate table t (a int)")
        try run("begin")
        try run("insert into t values (1)")
        try run("create table u (b int)")
        try run("rollback")
        XCTAssertEqual(try cells("select count(*) from t"), [["1"]])
    }

    func testFailedCreateLeavesNoTrace() throws {
        try run("create database d")
        assertError("create table t (a int, a int)", "002025 (42S21): SQL compilation error:\nduplicate column name 'A'")
        assertError("select * from t", "002003 (42S02): SQL compilation error:\nObject 'T' does not exist or not authorized.")
        XCTAssertEqual(try status("create table t (a int)"), "Table T successfully created.")
    }

    func testLoginContextAndBootstrap() throws {
        XCTAssertEqual(try cells("select current_user(), current_role(), current_warehouse(), current_database()"),
                       [["TESTER", "ACCOUNTADMIN", "COMPUTE_WH", "NULL"]])
        XCTAssertEqual(try run("show roles").column("name").compactMap { $0.displayText() },
                       ["ACCOUNTADMIN", "PUBLIC", "SECURITYADMIN", "SYSADMIN", "USERADMIN"])
        let other = Session(store: session.store, user: "tester", sessionID: 7)
        XCTAssertThrowsError(try other.login(role: "nosuch", warehouse: nil, database: nil, schema: nil)) { error in
            XCTAssertEqual((error as? SnowflakeError)?.code, "250001")
        }
        try run("create database d")
        // D belongs to ACCOUNTADMIN: SYSADMIN's login leaves the database unset until it may use it.
        try other.login(role: "sysadmin", warehouse: nil, database: "d", schema: nil)
        XCTAssertNil(other.currentDatabase)
        try run("grant usage on database d to role sysadmin")
        try run("grant usage on schema d.public to role sysadmin")
        try other.login(role: "sysadmin", warehouse: nil, database: "d", schema: nil)
        XCTAssertEqual(other.currentRole, "SYSADMIN")
        XCTAssertEqual(other.currentDatabase, "D")
        XCTAssertEqual(other.currentSchema, "PUBLIC")
    }
}
