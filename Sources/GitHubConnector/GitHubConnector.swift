// GitHubConnector: the quickstart's connector (PROVISION_CONNECTOR, ENABLE_RESOURCE, INGEST_DATA)
// as Swift procedure handlers, registered under the handler names the quickstart's setup script
// declares (`snowflake_github_connector.procedures.…`), so the unchanged setup.sql binds to them.
// Each handler runs as the application, through the ProcedureContext the Engine hands it: SQL with
// bound values, its secrets by alias, its EgressPolicy. The world outside — the HTTP transport, the
// egress map, the clock and how to wait — is the ConnectorEnvironment, injected by the composition
// root (libcurl, SNOWLITE_EGRESS_MAP, the real clock) or by tests.

import Egress
import Engine
import Foundation

/// What the connector needs from outside the account.
public struct ConnectorEnvironment: Sendable {
    public var transport: any HTTPTransport
    public var map: EgressMap
    public var clock: @Sendable () -> Date
    /// Waits between retries and for a short rate-limit reset; tests record instead of waiting.
    public var sleep: @Sendable (Duration) -> Void

    public init(transport: any HTTPTransport, map: EgressMap = EgressMap(), clock: @escaping @Sendable () -> Date = { Date() },
                sleep: @escaping @Sendable (Duration) -> Void = { duration in
                    Thread.sleep(forTimeInterval: Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
                }) {
        self.transport = transport
        self.map = map
        self.clock = clock
        self.sleep = sleep
    }
}

public enum GitHubConnector {
    /// The module path of the quickstart's handlers.
    public static let handlerModule = "snowflake_github_connector.procedures"

    /// Registers the three handlers under their quickstart names.
    public static func register(in registry: inout ProcedureRegistry, environment: ConnectorEnvironment) {
        registry.register(handlerModule + ".provision_connector", ProvisionConnector())
        registry.register(handlerModule + ".enable_resource", EnableResource())
        registry.register(handlerModule + ".ingest_data", IngestData(environment: environment))
    }

    /// The application role the connector grants its objects to.
    static let applicationRole = "APP_USER"
}

/// A failure the connector reports in its own words (and records as the FAILED state's reason).
struct ConnectorError: Error, CustomStringConvertible {
    var message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

extension ProcedureContext {
    /// What CALL shows for a connector failure: an uncaught exception of a Python handler, as
    /// Snowflake prints it, naming the procedure and its handler.
    func failure(_ error: ConnectorError) -> SnowflakeError {
        let name = procedure.split(separator: ".").last.map(String.init) ?? procedure
        return SnowflakeError.pythonException(error.message, function: name,
                                              handler: "\(GitHubConnector.handlerModule).\(name.lowercased())")
    }
}

extension ProcedureContext {
    /// The argument `name` as text; a missing or NULL argument is the connector's error.
    func text(_ name: String) throws -> String {
        guard let value = argument(name), let text = value.displayText(pretty: false), !value.isNull else {
            throw failure(ConnectorError("Argument \(name.lowercased()) is required"))
        }
        return text
    }
}
