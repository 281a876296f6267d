// StatementExecuting: the narrow view of a connection the client needs — run one statement's
// text, and the session context shown in the REPL prompt. Engine's `Session` conforms; tests use a
// fake that returns canned results. Also the client's own error type and the injected stopwatch
// behind `Time Elapsed`, so footers can be asserted exactly in tests.

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
}

// No default for waitForQueuedTaskRuns: with one, the release build bound Session's conformance
// to the empty default, and a client exited before the runs its EXECUTE TASK queued had run.
extension Session: StatementExecuting {}

/// Opens a connection for the resolved connection parameters (the real one calls `Snowlite.connect`).
public typealias Connector = (ConnectionOptions) throws -> any StatementExecuting

/// A problem on the client's side: bad option, unknown variable, unreadable file, unknown command.
/// `message` is printed as is.
public struct ClientError: Error, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Measures how long a statement took. Tests inject a fixed one so footers read `0.000s`.
public struct Stopwatch: Sendable {
    /// Seconds on a monotonic clock.
    public var now: @Sendable () -> Double

    public init(now: @escaping @Sendable () -> Double) { self.now = now }

    public static let system = Stopwatch(now: {
        Double(DispatchTime.now().uptimeNanoseconds) / 1_000_000_000
    })

    /// A clock that never moves: every statement takes `0.000s`.
    public static let frozen = Stopwatch(now: { 0 })
}

/// Where the client's decisions about stopping end up: keep going, stop running the current
/// input (`stop_on_error`), or leave the program with an exit code.
public enum RunOutcome: Equatable, Sendable {
    case proceed
    case stop
    case exit(Int32)
}

/// snowsql's exit codes (spec §1.8).
public enum ClientExitCode {
    public static let success: Int32 = 0
    public static let clientProblem: Int32 = 1
    public static let badArguments: Int32 = 2
    public static let errorWithExitOnError: Int32 = 5
}

/// The version line `-v` prints, and the banner's version.
public enum ClientVersion {
    public static let snowsql = "1.2.32"
    public static let snowlite = "0.1.0"
    public static var line: String { "Version: \(snowsql) (Snowlite \(snowlite))" }
}
