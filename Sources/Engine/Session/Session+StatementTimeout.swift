// Session+StatementTimeout: the limit each statement a client sends runs under, and cancellation.
// STATEMENT_TIMEOUT_IN_SECONDS is read from the session, else the user, else the account (172,800
// seconds when none sets it; 0 means the 604,800-second maximum); a warehouse's own value also
// applies, and the lower of the two wins. A task run's statements also stop at the run's
// USER_TASK_TIMEOUT_MS. The limit covers the whole statement — a CALL with everything its procedure
// runs, a block with all its loops — and is enforced by the session's StatementWatch.
// https://docs.snowflake.com/en/sql-reference/parameters#statement-timeout-in-seconds

import Foundation
import GRDB

enum StatementTimeouts {
    static let defaultSeconds = 172_800
    static let maximumSeconds = 604_800
    static let parameter = "STATEMENT_TIMEOUT_IN_SECONDS"

    /// A stored value as the limit it means (0 is the maximum); nil when not set or not a number.
    static func seconds(_ text: String?) -> Int? {
        guard let text, let seconds = Int(text) else { return nil }
        return seconds == 0 ? maximumSeconds : seconds
    }
}

extension Session {
    /// Stops the statement this session is running (SQL execution canceled); false when none is.
    /// Safe from any thread: a client's Ctrl-C, a driver's abort request.
    @discardableResult
    public func cancelRunningStatement() -> Bool { statementWatch.cancel() }

    /// Gives the running statement its limit, if it has none yet: the statement timeout in force
    /// and, in a task run, what is left of the run's time, whichever ends first.
    func armStatementWatch(_ catalog: Catalog) throws {
        guard statementWatch.needsLimit else { return }
        var limit = Duration.seconds(try statementTimeoutSeconds(catalog))
        var reason = StatementWatch.Stop.timedOut(seconds: Int(limit.components.seconds))
        if let run = taskRun {
            let remaining = run.deadline.timeIntervalSince(clock())
            if Duration.seconds(max(0, remaining)) < limit {
                limit = .seconds(max(0, remaining))
                reason = .taskTimedOut(milliseconds: run.timeoutMilliseconds)
            }
        }
        statementWatch.arm(limit: limit, reason: reason)
    }

    /// One of the running statement's database accesses: the first gives the statement its limit
    /// (reading it on the connection at hand), and each may be interrupted.
    func watched<T>(_ db: Database, _ body: () throws -> T) throws -> T {
        try armStatementWatch(Catalog(db: db))
        return try statementWatch.inDatabase(body)
    }

    /// Throws when the running statement has been stopped (a script's statements and loops check
    /// this); a statement that has not yet touched the database is given its limit first.
    func checkStatementWatch() throws {
        if statementWatch.needsLimit { try reading { db in try armStatementWatch(Catalog(db: db)) } }
        try statementWatch.check()
    }

    /// The statement timeout in force: session, user or account, and the warehouse's if lower.
    func statementTimeoutSeconds() throws -> Int {
        try reading { db in try statementTimeoutSeconds(Catalog(db: db)) }
    }

    func statementTimeoutSeconds(_ catalog: Catalog) throws -> Int {
        let name = StatementTimeouts.parameter
        // The user's, account's and warehouse's values change only with an account object, which
        // replaces the grant stamp: while it stands, what was read is still what is stored.
        let stamp = try catalog.grantStamp()
        let stored: StoredStatementTimeouts
        if let cached = storedStatementTimeouts, cached.stamp == stamp, cached.warehouse == currentWarehouse {
            stored = cached
        } else {
            let key = Executor.parameterKey(name)
            stored = StoredStatementTimeouts(
                stamp: stamp, warehouse: currentWarehouse,
                user: StatementTimeouts.seconds(try catalog.accountObject(kind: .user, name: self.user)?.properties[key]),
                account: StatementTimeouts.seconds(try catalog.accountObject(kind: .accountParameter, name: name)?.parameterValue),
                warehouseSeconds: StatementTimeouts.seconds(
                    try currentWarehouse.flatMap { try catalog.accountObject(kind: .warehouse, name: $0)?.properties[key] }))
            storedStatementTimeouts = stored
        }
        let own = StatementTimeouts.seconds(parameters[name]) ?? stored.user ?? stored.account ?? StatementTimeouts.defaultSeconds
        return min(own, stored.warehouseSeconds ?? StatementTimeouts.maximumSeconds)
    }
}

/// The statement timeouts the catalog held under one grant stamp, for one warehouse.
struct StoredStatementTimeouts {
    var stamp: Int64?
    var warehouse: String?
    var user: Int?
    var account: Int?
    var warehouseSeconds: Int?
}
