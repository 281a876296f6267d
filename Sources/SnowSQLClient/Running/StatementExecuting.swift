// StatementExecuting: the narrow view of a connection the client needs — run one statement's
// text, and the session context shown in the REPL prompt. Engine's `Session` conforms; tests use a
// fake that returns canned results.

import Engine
import Foundation
import Snowlite

/// What the client runs statements against. Used from one thread only (the client is synchronous).
public protocol StatementExecuting: AnyObject {
    /// Runs one statement (text without its trailing `;`). Throws `SnowflakeError` on failure.
    func execute(_ sql: String) throws -> ResultSet
    var user: String { get }
    var currentRole: String? { get }
    var currentWarehouse: String? { get }
    var currentDatabase: String? { get }
    var currentSchema: String? { get }
    /// The id of the last query, for `__sfqid` and `sfqid_in_error`.
    var lastQueryID: String? { get }
    /// Returns once the task runs this connection's EXECUTE TASK statements queued have run; the
    /// client calls it before the process exits.
    func waitForQueuedTaskRuns()
    /// Closes the account just before the process exits (nothing runs on the connection afterwards).
    func closeBeforeExit()
}

// No default for waitForQueuedTaskRuns: with one, the release build bound Session's conformance
// to the empty default, and a client exited before the runs its EXECUTE TASK queued had run.
extension Session: StatementExecuting {}

/// Opens a connection for the resolved connection parameters (the real one calls `Snowlite.connect`).
public typealias Connector = (ConnectionOptions) throws -> any StatementExecuting
