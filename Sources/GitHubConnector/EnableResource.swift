// EnableResource: ENABLE_RESOURCE(resource_id STRING) — the quickstart's "Ingestion logic" set-up
// for one repository `owner/repo`: marks it enabled in STATE.RESOURCE_CONFIGURATION, creates the
// sink table `<DEST>.PUBLIC.<OWNER_REPO>` (one column RAW VARIANT) when missing and the view
// `<…>_FLATTENED` with the 13 columns the quickstart's dashboard reads, grants SELECT on both to
// APP_USER, then creates the task TASKS.INGEST_<OWNER_REPO> every 30 minutes on the consumer's
// warehouse reference, resumes it and executes it. The resource id is checked against GitHub's
// naming rules before it reaches any statement.

import Engine
import Foundation

struct EnableResource: ProcedureHandler {
    /// The flattened view's columns: name and the type RAW's field is cast to.
    static let flattenedColumns: [(String, String)] = [
        ("id", "NUMBER"), ("node_id", "VARCHAR"), ("url", "VARCHAR"), ("repository_url", "VARCHAR"), ("labels_url", "VARCHAR"),
        ("comments_url", "VARCHAR"), ("events_url", "VARCHAR"), ("html_url", "VARCHAR"), ("number", "NUMBER"),
        ("state", "VARCHAR"), ("title", "VARCHAR"), ("body", "VARCHAR"), ("user", "VARIANT"),
    ]

    func call(_ context: ProcedureContext) throws -> ScriptOutcome {
        let resource = try context.text("resource_id")
        do { _ = try ResourceNames.resource(resource) } catch let error as ConnectorError { throw context.failure(error) }
        guard let config = try KeyValueTable.appConfiguration.value("config", in: context),
              let database = config["destination_database"] as? String,
              ResourceNames.isIdentifier(database, parts: 1...1) else {
            throw context.failure(ConnectorError("The connector is not provisioned: call PROVISION_CONNECTOR first"))
        }
        try KeyValueTable.resourceConfiguration.merge(resource, ["enabled": true], in: context)

        let table = ResourceNames.sinkTable(database: database, resource: resource)
        let view = ResourceNames.sinkView(database: database, resource: resource)
        let role = GitHubConnector.applicationRole
        _ = try context.sql("CREATE TABLE IF NOT EXISTS \(table) (RAW VARIANT)")
        let columns = Self.flattenedColumns.map { "RAW:\($0.0)::\($0.1) AS \($0.0.uppercased())" }.joined(separator: ", ")
        _ = try context.sql("CREATE OR REPLACE VIEW \(view) AS SELECT \(columns) FROM \(table)")
        _ = try context.sql("GRANT SELECT ON TABLE \(table) TO APPLICATION ROLE \(role)")
        _ = try context.sql("GRANT SELECT ON VIEW \(view) TO APPLICATION ROLE \(role)")

        let task = "TASKS.INGEST_" + ResourceNames.escaped(resource)
        _ = try context.sql("""
            CREATE OR REPLACE TASK IDENTIFIER('\(task)')SCHEDULE = '30 minutes' WAREHOUSE = reference('warehouse_reference') \
            AS CALL PUBLIC.INGEST_DATA('\(resource)')
            """)
        _ = try context.sql("ALTER TASK IDENTIFIER('\(task)') RESUME")
        _ = try context.sql("EXECUTE TASK IDENTIFIER('\(task)')")
        context.log("info", "Enabled: \(resource)")
        return .value(.string("\(resource) enabled"), .string)
    }
}
