// Snowlite: the composition root. It opens an account file, makes sure the account's built-in
// roles, user and warehouse exist, and hands out sessions with the real clock, the Scripting
// interpreter, the manifest reader and the GitHub connector's handlers (over libcurl, with the
// egress map). Everything else (the CLI, tests, later the scheduler and dashboard) starts here.

import Foundation
@_exported import Engine
import Apps
import Egress
import GitHubConnector
import Scripting
import Storage

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
    public static func connect(_ options: ConnectionOptions,
                               environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Session {
        let path = accountPath(options, environment: environment)
        let store: AccountStore
        do {
            store = try Session.openAccount(path: path)
        } catch {
            throw SnowflakeError(code: "250001", sqlState: "08001",
                                 message: "Could not open the account file '\(path)': \(error)")
        }
        let session: Session
        if let fixed = environment["SNOWLITE_FIXED_CLOCK"].flatMap(Snowlite.parseInstant) {
            // Deterministic runs (scenario tests, golden files): one instant, one session id.
            session = Session(store: store, user: options.user, account: options.account, clock: { fixed }, sessionID: 1)
        } else {
            session = Session(store: store, user: options.user, account: options.account)
        }
        session.scriptingRuntime = Interpreter()
        session.manifestReader = ManifestParser()
        // The connector's handlers reach the network through libcurl, moved by SNOWLITE_EGRESS_MAP.
        let map: EgressMap
        do { map = try EgressMap.parse(options.egressMap ?? environment[EgressMap.environmentVariable] ?? "") } catch {
            let source = options.egressMap == nil ? EgressMap.environmentVariable : "egress_map"
            throw SnowflakeError(code: "250001", sqlState: "08001", message: "\(source): \(error)")
        }
        GitHubConnector.register(in: &session.procedureRegistry,
                                 environment: ConnectorEnvironment(transport: CurlTransport(), map: map, clock: session.clock))
        try session.login(role: options.role, warehouse: options.warehouse,
                          database: options.database, schema: options.schema)
        return session
    }
}
