// Session+StatementTimeout: the limit each statement a client sends runs under, and cancellation.
// STATEMENT_TIMEOUT_IN_SECONDS is read from the session, else the user, else the account (172,800
// seconds when none sets it; 0 means the 604,800-second maximum); a warehouse's own value also
// applies, and the lower of the two wins. A task run's statements also stop at the run's
// USER_TASK_TIMEOUT_MS. The limit covers the whole statement — a CALL with everything its procedure
// runs, a block with all its loops — and is enforced by the session's StatementWatch.
// https://docs.snowflake.com/en/sql-reference/parameters#statement-timeout-in-seconds

import Foundation

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

    /// Starts the watch for a statement a client sent: its limit and why it would stop.
    func beginStatementWatch() throws {
        var limit = Duration.seconds(try statementTimeoutSeconds())
        var reason = StatementWatch.Stop.timedOut(seconds: Int(limit.components.seconds))
        if let run = taskRun {
            let remaining = run.deadline.timeIntervalSince(clock())
            if Duration.seconds(max(0, remaining)) < limit {
                limit = .seconds(max(0, remaining))
                reason = .taskTimedOut(milliseconds: run.timeoutMilliseconds)
            }
        }
        statementWatch.begin(limit: limit, reason: reason)
    }

    /// The statement timeout in force: session, user or account, and the warehouse's if lower.
    func statementTimeoutSeconds() throws -> Int {
        let name = StatementTimeouts.parameter
        let key = Executor.parameterKey(name)
        let (user, account, warehouse) = try store.queue.read { db in
            let catalog = Catalog(db: db)
            return (try catalog.accountObject(kind: .user, name: self.user)?.properties[key],
                    try catalog.accountObject(kind: .accountParameter, name: name)?.parameterValue,
                    try currentWarehouse.flatMap { try catalog.accountObject(kind: .warehouse, name: $0)?.properties[key] })
        }
        let own = StatementTimeouts.seconds(parameters[name]) ?? StatementTimeouts.seconds(user)
            ?? StatementTimeouts.seconds(account) ?? StatementTimeouts.defaultSeconds
        return min(own, StatementTimeouts.seconds(warehouse) ?? StatementTimeouts.maximumSeconds)
    }
}

