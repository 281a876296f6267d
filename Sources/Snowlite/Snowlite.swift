// Snowlite: the composition root. It opens an account file, makes sure the account's built-in
// roles, user and warehouse exist, and hands out sessions with the real clock and everything
// plugged in: the Scripting interpreter, the manifest reader, the GitHub connector's handlers (over
// libcurl, with the egress map) and the task worker. Everything else (the CLI, the task scheduler,
// later the dashboard) starts here.

import Foundation
import Engine
import Egress
import GitHubConnector
import PythonProcedures

public struct ConnectionOptions: Sendable {
    public var account: String = "snowlite"
    public var user: String = "snowlite"
    public var role: String?
    public var warehouse: String?
    public var database: String?
    public var schema: String?
    /// An explicit account file (`--db`), else SNOWLITE_DB, else `$SNOWLITE_HOME/<account>.sqlite`.
    public var databasePath: String?
    /// `from=to[,…]`: where allowed egress is physically sent (the `egress_map` option); nil
    /// leaves it to SNOWLITE_EGRESS_MAP.
    public var egressMap: String?
    /// The Python runtime to share with other sessions (its worker pool with them); nil: a new one.
    public var pythonRuntime: (any PythonProcedureRuntime)?

    public init() {}
}

public enum Snowlite {
    /// Where the account file for these options lives.
    public static func accountPath(_ options: ConnectionOptions,
                                   environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        AccountStore.defaultPath(account: options.account, explicitPath: options.databasePath, environment: environment)
    }

    /// `2026-01-02T03:04:05Z` (or with fractional seconds) as a Date.
    static func parseInstant(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }

    /// Opens the account and starts a session in the requested context, as snowsql's login does.
    /// A requested role, warehouse, database or schema that cannot be used is an error, as in Snowflake.
    /// On an account file, the runs its EXECUTE TASK statements queue go to a background worker
    /// (TaskRunWorker) that the client waits for before it exits.
    public static func connect(_ options: ConnectionOptions,
                               environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Session {
        let store = try openAccount(options, environment: environment)
        let clock = self.clock(environment: environment)
        let session = try makeSession(store: store, options: options, clock: clock, environment: environment)
        if store.path != ":memory:" {
            var workerOptions = ConnectionOptions()
            (workerOptions.account, workerOptions.user, workerOptions.egressMap) = (options.account, options.user, options.egressMap)
            workerOptions.pythonRuntime = session.pythonRuntime
            session.taskRunDispatcher = TaskRunWorker { [path = store.path, workerOptions] in
                try makeSession(store: try Session.openAccount(path: path), options: workerOptions, clock: clock,
                                environment: environment)
            }
        }
        return session
    }

    /// Opens the account file these options name (250001 when it cannot be opened).
    public static func openAccount(_ options: ConnectionOptions,
                                   environment: [String: String] = ProcessInfo.processInfo.environment) throws -> AccountStore {
        let path = accountPath(options, environment: environment)
        do {
            return try Session.openAccount(path: path)
        } catch {
            throw SnowflakeError.accountFileNotOpened(path, error)
        }
    }

    /// The real clock, or SNOWLITE_FIXED_CLOCK's one instant for deterministic runs (scenario tests,
    /// golden files).
    public static func clock(environment: [String: String]) -> @Sendable () -> Date {
        if let fixed = environment["SNOWLITE_FIXED_CLOCK"].flatMap(Snowlite.parseInstant) { return { fixed } }
        return { Date() }
    }

    /// A session on `store` wired for real: the connector's handlers reach the network through
    /// libcurl, moved by the `egress_map` option or SNOWLITE_EGRESS_MAP; logged in as `options` say.
    public static func makeSession(store: AccountStore, options: ConnectionOptions, clock: @escaping @Sendable () -> Date,
                                   environment: [String: String]) throws -> Session {
        let map = try egressMap(options, environment: environment)
        // With a fixed clock, one session id too, so query ids repeat from run to run.
        let fixed = environment["SNOWLITE_FIXED_CLOCK"].flatMap(Snowlite.parseInstant) != nil
        return try makeSession(store: store, options: options,
                               wiring: Wiring(clock: clock, egressMap: map, sessionID: fixed ? 1 : nil, environment: environment))
    }

    /// A Python runtime wired as `makeSession` wires a session's, for sessions to share (`snowlite
    /// serve` gives its driver sessions one, so they share its worker pool).
    public static func pythonRuntime(options: ConnectionOptions, environment: [String: String]) throws -> any PythonProcedureRuntime {
        PythonWorkerRuntime(environment: environment, transport: CurlTransport(), map: try egressMap(options, environment: environment),
                            clock: clock(environment: environment))
    }

    /// The `egress_map` option, else SNOWLITE_EGRESS_MAP; one that cannot be read is an invalid connection parameter naming it.
    static func egressMap(_ options: ConnectionOptions, environment: [String: String]) throws -> EgressMap {
        do { return try EgressMap.parse(options.egressMap ?? environment[EgressMap.environmentVariable] ?? "") } catch {
            let source = options.egressMap == nil ? EgressMap.environmentVariable : "egress_map"
            throw SnowflakeError.invalidConnectionParameter(source, error)
        }
    }

    /// A session on `store` with everything plugged in as `wiring` says (the connector's handlers
    /// among them), logged in as `options` say. Tests wire a fixed clock or a loopback map through here.
    public static func makeSession(store: AccountStore, options: ConnectionOptions, wiring: Wiring) throws -> Session {
        let session: Session
        if let id = wiring.sessionID {
            session = Session(store: store, user: options.user, account: options.account, clock: wiring.clock, sessionID: id)
        } else {
            session = Session(store: store, user: options.user, account: options.account, clock: wiring.clock)
        }
        let environment = wiring.sleep.map {
            ConnectorEnvironment(transport: wiring.transport, map: wiring.egressMap, clock: wiring.clock, sleep: $0)
        } ?? ConnectorEnvironment(transport: wiring.transport, map: wiring.egressMap, clock: wiring.clock)
        GitHubConnector.register(in: &session.procedureRegistry, environment: environment)
        session.pythonRuntime = options.pythonRuntime
            ?? PythonWorkerRuntime(environment: wiring.environment, transport: wiring.transport, map: wiring.egressMap, clock: wiring.clock)
        try session.login(role: options.role, warehouse: options.warehouse,
                          database: options.database, schema: options.schema)
        return session
    }
}

/// What a session is wired to besides its account: the clock, how the connector's handlers reach
/// the network (transport and egress map) and wait (sleep), and the session id. `connect` wires the
/// real ones; tests pass theirs to `Snowlite.makeSession(store:options:wiring:)`.
public struct Wiring: Sendable {
    public var clock: @Sendable () -> Date
    public var transport: any HTTPTransport
    public var egressMap: EgressMap
    /// How the connector waits between retries; nil for a real wait.
    public var sleep: (@Sendable (Duration) -> Void)?
    /// nil for a random one.
    public var sessionID: Int64?
    /// Where a Python procedure's interpreter is found: SNOWLITE_PYTHON, SNOWLITE_HOME (PythonWorkerRuntime).
    public var environment: [String: String]

    public init(clock: @escaping @Sendable () -> Date = { Date() }, transport: any HTTPTransport = CurlTransport(),
                egressMap: EgressMap = EgressMap(), sleep: (@Sendable (Duration) -> Void)? = nil, sessionID: Int64? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.clock = clock
        self.transport = transport
        self.egressMap = egressMap
        self.sleep = sleep
        self.sessionID = sessionID
        self.environment = environment
    }
}
