// ProvisionConnector: PROVISION_CONNECTOR(config VARIANT) — the quickstart's "Connector
// configuration" step. It binds the consumer's secret (alias `token`) and external access
// integration to PUBLIC.INGEST_DATA(STRING), creates the destination database, grants USAGE on it
// and its PUBLIC schema to APP_USER, and stores the configuration under the key `config`.
// Everything is checked before anything changes: the required keys, that each name is an
// identifier, and — by binding first — that the consumer granted the secret and the integration
// to the application; a failure there leaves no database and no configuration behind.

import Engine
import Foundation

struct ProvisionConnector: ProcedureHandler {
    static let requiredKeys = ["destination_database", "secret_name", "external_access_integration_name"]

    func call(_ context: ProcedureContext) throws -> ScriptOutcome {
        let config = try Self.configuration(context)
        let database = config["destination_database"] as? String ?? ""
        let secret = config["secret_name"] as? String ?? ""
        let integration = config["external_access_integration_name"] as? String ?? ""
        if let warehouse = config["warehouse"] {
            guard let name = warehouse as? String, ResourceNames.isIdentifier(name, parts: 1...1) else {
                throw context.failure(ConnectorError("Configuration key 'warehouse' must be a warehouse name"))
            }
        }
        context.log("info", "Provisioning the connector into database \(database)")
        let provisionedBefore = try KeyValueTable.appConfiguration.value("config", in: context) != nil
        _ = try context.sql("""
            ALTER PROCEDURE PUBLIC.INGEST_DATA(STRING) SET SECRETS = ('token' = \(secret))
              EXTERNAL_ACCESS_INTEGRATIONS = (\(integration))
            """)
        do {
            _ = try context.sql("CREATE DATABASE IF NOT EXISTS \(database)")
            _ = try context.sql("GRANT USAGE ON DATABASE \(database) TO APPLICATION ROLE \(GitHubConnector.applicationRole)")
            _ = try context.sql("GRANT USAGE ON SCHEMA \(database).PUBLIC TO APPLICATION ROLE \(GitHubConnector.applicationRole)")
        } catch {
            // Without CREATE DATABASE granted, a first provisioning leaves no binding behind either.
            if !provisionedBefore {
                _ = try? context.sql("ALTER PROCEDURE PUBLIC.INGEST_DATA(STRING) UNSET SECRETS, EXTERNAL_ACCESS_INTEGRATIONS")
            }
            throw error
        }
        try KeyValueTable.appConfiguration.merge("config", config, in: context)
        context.log("info", "Connector provisioned")
        return .value(.string("Connector provisioned"), .string)
    }

    /// The config object with its required keys present and each name an identifier.
    static func configuration(_ context: ProcedureContext) throws -> [String: Any] {
        guard case .variant(let json)? = context.argument("config"),
              let config = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else {
            throw context.failure(ConnectorError("The configuration must be an object with keys \(requiredKeys.joined(separator: ", "))"))
        }
        for key in requiredKeys {
            guard let value = config[key] else { throw context.failure(ConnectorError("Missing configuration key '\(key)'")) }
            let parts: ClosedRange<Int> = key == "secret_name" ? 1...3 : 1...1
            guard let name = value as? String, ResourceNames.isIdentifier(name, parts: parts) else {
                throw context.failure(ConnectorError("Configuration key '\(key)' must be \(parts == 1...1 ? "an identifier" : "an identifier, optionally qualified"), not \(value)"))
            }
        }
        return config
    }
}
