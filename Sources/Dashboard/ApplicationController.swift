// ApplicationController: the page of one installed application whose manifest names a default
// Streamlit — what the connector's Streamlit shows, as SQL the page lists at its foot. Actions
// are the consumer's statements, one per form: GRANT … ON ACCOUNT TO APPLICATION, the reference's
// register callback with SYSTEM$REFERENCE, PROVISION_CONNECTOR and ENABLE_RESOURCE. Reads of the
// application's inside (STATE tables, its tasks' history, the ingested tables) run as its default
// Streamlit runs them, with the application's rights (Session.executeInStreamlit), so the page
// needs no DEBUG_MODE. Each action is one statement, so a failure changes nothing; its error is
// shown in Snowflake's wording above the tab, which keeps the values the user typed.

import Engine
import Foundation
import GitHubConnector

/// The tabs of an application's page, in the Streamlit's order.
enum ApplicationTab: String, CaseIterable, Sendable {
    case privileges, configuration, resources, state, data, raw

    var label: String {
        switch self {
        case .privileges: return "Privileges"
        case .configuration: return "Configuration"
        case .resources: return "Enabled resources"
        case .state: return "State"
        case .data: return "Data preview"
        case .raw: return "Raw data preview"
        }
    }
}

/// What a form asked for; the fields as the browser sent them.
enum ApplicationAction: Sendable {
    case grant(privilege: String)
    case bind(reference: String, object: String)
    case provision(destinationDatabase: String, secretName: String, integrationName: String)
    case enable(organization: String, repository: String)
}

/// Builds an application's page inside one unit of work on the consumer's session.
struct ApplicationController {
    let runner: StatementRunner
    let application: String
    let streamlit: StreamlitName
    let manifest: ApplicationManifest
    private var errors: [String] = []

    /// The application and its default Streamlit; 002003 when the consumer does not own such an
    /// application, and the same words when it has no default Streamlit to stand in for.
    init(runner: StatementRunner, application: String) throws {
        self.runner = runner
        self.application = application
        manifest = try runner.session.applicationManifest(application)
        guard let named = manifest.defaultStreamlit, let streamlit = StreamlitName(application: application, manifestName: named) else {
            throw SnowflakeError.streamlitDoesNotExist(application: application)
        }
        self.streamlit = streamlit
    }

    private var app: String { SQLText.identifier(application) }

    /// The page for `tab`, after `action` if the request carried one.
    mutating func page(tab: ApplicationTab, action: ApplicationAction?, resource: String?, csrf: String) -> ApplicationPage {
        var notice: String?
        if let action {
            do { notice = try perform(action) } catch { errors.append(DashboardError.text(of: error)) }
        }
        let failedAction = notice == nil ? action : nil
        let (privileges, references) = privilegesAndReferences()
        let attention = privileges.contains { !$0.granted } || references.contains { $0.boundTo == nil }
        var page = ApplicationPage(
            title: application, account: runner.session.accountName, application: application, streamlit: streamlit.qualified,
            csrf: csrf, refresh: false,
            tabs: ApplicationTab.allCases.map { .init(label: $0.label, href: "/apps/\(application)/\($0.rawValue)", active: $0 == tab) },
            attention: attention, privilegesTab: tab == .privileges, privileges: privileges, references: references,
            notice: notice, error: nil, configuration: nil, resources: nil, state: nil, preview: nil, statements: [], hasStatements: false)
        switch tab {
        case .privileges: break
        case .configuration: page.configuration = configuration(failed: failedAction)
        case .resources: page.resources = resources(failed: failedAction)
        case .state:
            page.state = state()
            page.refresh = page.state?.refreshing ?? false
        case .data, .raw: page.preview = preview(tab, resource: resource)
        }
        page.error = errors.isEmpty ? nil : errors.joined(separator: "\n\n")
        page.statements = runner.statements.map(StatementView.init)
        page.hasStatements = !page.statements.isEmpty
        return page
    }

    // MARK: - Actions

    /// Runs the action's one statement; returns what the page says after it succeeded.
    private func perform(_ action: ApplicationAction) throws -> String {
        switch action {
        case .grant(let privilege):
            let requested = manifest.privileges.map { $0.name.uppercased() }
            guard let name = requested.first(where: { $0 == privilege.uppercased() }) else {
                throw SnowflakeError.privilegeNotRequested(privilege, application: application)
            }
            let result = try runner.query("GRANT \(name) ON ACCOUNT TO APPLICATION \(app)")
            return "GRANT \(name): " + firstCell(result, otherwise: "Statement executed successfully.")
        case .bind(let referenceName, let object):
            guard let reference = manifest.references.first(where: { $0.name.uppercased() == referenceName.uppercased() }) else {
                throw SnowflakeError.doesNotExist("Reference", referenceName.uppercased())
            }
            let callback = reference.registerCallback.split(separator: ".").map { SQLText.identifier(String($0).uppercased()) }
            let privilege = reference.privileges.first?.uppercased() ?? "USAGE"
            _ = try runner.query("""
                CALL \(([app] + callback).joined(separator: "."))(\(SQLText.literal(reference.name)), 'ADD', \
                SYSTEM$REFERENCE(\(SQLText.literal(reference.objectType)), \(SQLText.literal(object)), 'PERSISTENT', \(SQLText.literal(privilege))))
                """)
            return "Reference \(reference.name) bound to \(object)."
        case .provision(let database, let secret, let integration):
            let config = ["destination_database": database, "secret_name": secret, "external_access_integration_name": integration]
            let json = String(decoding: try JSONSerialization.data(withJSONObject: config, options: [.sortedKeys, .withoutEscapingSlashes]),
                              as: UTF8.self)
            let result = try runner.query("CALL \(app).PUBLIC.PROVISION_CONNECTOR(PARSE_JSON(\(SQLText.literal(json))))")
            return firstCell(result, otherwise: "Connector provisioned")
        case .enable(let organization, let repository):
            let result = try runner.query("CALL \(app).PUBLIC.ENABLE_RESOURCE(\(SQLText.literal(organization + "/" + repository)))")
            return firstCell(result, otherwise: "\(organization)/\(repository) enabled")
        }
    }

    private func firstCell(_ result: ResultSet, otherwise: String) -> String {
        result.rows.first?.first?.displayText(pretty: false) ?? otherwise
    }

    // MARK: - Privileges and references

    /// SHOW PRIVILEGES and SHOW REFERENCES IN APPLICATION, with the warehouses a reference may bind.
    private mutating func privilegesAndReferences() -> ([ApplicationPage.Privilege], [ApplicationPage.Reference]) {
        var privileges: [ApplicationPage.Privilege] = []
        var references: [ApplicationPage.Reference] = []
        do {
            let shown = try runner.query("SHOW PRIVILEGES IN APPLICATION \(app)")
            privileges = shown.rows.map { row in
                ApplicationPage.Privilege(name: text(row, "privilege", in: shown), description: text(row, "description", in: shown),
                                          granted: row[shown.columns.firstIndex { $0.name == "is_granted" } ?? 0] == .boolean(true))
            }
            let bound = try runner.query("SHOW REFERENCES IN APPLICATION \(app)")
            var warehouses: [String]?
            for row in bound.rows {
                let name = text(row, "name", in: bound)
                let objectType = text(row, "object_type", in: bound)
                let object = [text(row, "database_name", in: bound), text(row, "schema_name", in: bound), text(row, "object_name", in: bound)]
                    .filter { !$0.isEmpty }.joined(separator: ".")
                if object.isEmpty, objectType == "WAREHOUSE", warehouses == nil {
                    warehouses = try runner.query("SHOW WAREHOUSES").column("name").compactMap { $0.displayText(pretty: false) }
                }
                let manifestName = manifest.references.first { $0.name.uppercased() == name }?.name ?? name
                references.append(ApplicationPage.Reference(
                    name: manifestName, label: text(row, "label", in: bound), description: text(row, "description", in: bound),
                    objectType: objectType, privileges: text(row, "privileges", in: bound), boundTo: object.isEmpty ? nil : object,
                    choices: objectType == "WAREHOUSE" ? warehouses ?? [] : []))
            }
        } catch {
            errors.append(DashboardError.text(of: error))
        }
        return (privileges, references)
    }

    private func text(_ row: [Value], _ column: String, in result: ResultSet) -> String {
        guard let index = result.columns.firstIndex(where: { $0.name == column }) else { return "" }
        return row[index].displayText(pretty: false) ?? ""
    }

    // MARK: - Tabs

    /// The stored configuration, read as the Streamlit reads it.
    private mutating func storedConfiguration() -> [String: String]? {
        do {
            let result = try runner.query("SELECT value FROM STATE.APP_CONFIGURATION WHERE key = 'config'", in: streamlit)
            guard let json = result.rows.first?.first?.displayText(pretty: false),
                  let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else { return nil }
            return object.compactMapValues { $0 as? String }
        } catch {
            errors.append(DashboardError.text(of: error))
            return nil
        }
    }

    private mutating func configuration(failed action: ApplicationAction?) -> ApplicationPage.Configuration {
        if let stored = storedConfiguration() {
            return .init(provisioned: true, destinationDatabase: stored["destination_database"] ?? "",
                         secretName: stored["secret_name"] ?? "", integrationName: stored["external_access_integration_name"] ?? "")
        }
        if case .provision(let database, let secret, let integration)? = action {
            return .init(provisioned: false, destinationDatabase: database, secretName: secret, integrationName: integration)
        }
        return .init(provisioned: false, destinationDatabase: "", secretName: "", integrationName: "")
    }

    private mutating func resources(failed action: ApplicationAction?) -> ApplicationPage.Resources {
        var resources = ApplicationPage.Resources(organization: "", repository: "", table: nil)
        if case .enable(let organization, let repository)? = action { (resources.organization, resources.repository) = (organization, repository) }
        do {
            resources.table = ResultTable(try runner.query("select key, value:enabled from state.resource_configuration", in: streamlit))
        } catch {
            errors.append(DashboardError.text(of: error))
        }
        return resources
    }

    /// The streamlit_app.py query: each repository's newest state.
    static let latestStateQuery = """
        select key as repository, value:state::string as state, value:ingestion:rows_count as rows_count, timestamp
        from state.app_state
        qualify row_number() over (partition by repository order by timestamp desc) = 1
        """

    static let taskRunsQuery = """
        select name, state, scheduled_time, query_start_time, completed_time, error_code, error_message
        from table(information_schema.task_history()) order by scheduled_time desc
        """

    /// Pages and rows of each repository's run in progress: its RUNNING states since its last end.
    static let progressQuery = """
        select key as repository, count(*) as pages, max(value:ingestion:rows_count::int) as rows_count
        from state.app_state s
        where value:state::string = 'RUNNING'
          and timestamp > (select coalesce(max(timestamp), '1970-01-01'::timestamp_ntz) from state.app_state e
                           where e.key = s.key and e.value:state::string in ('DONE', 'FAILED'))
        group by key order by key
        """

    private mutating func state() -> ApplicationPage.State {
        var state = ApplicationPage.State(refreshing: false, progress: [], hasProgress: false, latest: nil, runs: nil)
        do {
            let latest = try runner.query(Self.latestStateQuery, in: streamlit)
            let runs = try runner.query(Self.taskRunsQuery, in: streamlit)
            state.latest = ResultTable(latest)
            state.runs = ResultTable(runs)
            let running = latest.column("STATE").contains(.string("RUNNING")) || runs.column("STATE").contains(.string("EXECUTING"))
            if running {
                let progress = try runner.query(Self.progressQuery, in: streamlit)
                state.progress = progress.rows.map { row in
                    .init(repository: row[0].displayText(pretty: false) ?? "", pages: row[1].displayText(pretty: false) ?? "0",
                          rows: row[2].displayText(pretty: false) ?? "0")
                }
            }
            state.refreshing = running
            state.hasProgress = !state.progress.isEmpty
        } catch {
            errors.append(DashboardError.text(of: error))
        }
        return state
    }

    /// A repository selector and the first rows of its flattened view (Data) or raw table (Raw).
    private mutating func preview(_ tab: ApplicationTab, resource: String?) -> ApplicationPage.Preview {
        var preview = ApplicationPage.Preview(tab: tab.rawValue, heading: "", choices: [], table: nil)
        do {
            let enabled = try runner.query("select key from state.resource_configuration order by key", in: streamlit)
                .rows.compactMap { $0.first?.displayText(pretty: false) }
            let selected = enabled.first { $0 == resource } ?? enabled.first
            preview.choices = enabled.map { .init(name: $0, selected: $0 == selected) }
            guard let selected, let database = storedConfiguration()?["destination_database"] else { return preview }
            let table = ResourceNames.escaped(selected)  // the connector's sink table; its view adds _FLATTENED
            let sql = tab == .data
                ? "select * from \(SQLText.qualified(database.uppercased(), "PUBLIC", table + "_FLATTENED")) limit 20"
                : "select raw from \(SQLText.qualified(database.uppercased(), "PUBLIC", table)) limit 20"
            preview.heading = tab == .data ? "\(selected): the first rows of the flattened view" : "\(selected): the first raw rows"
            preview.table = ResultTable(try runner.query(sql, in: streamlit))
        } catch {
            errors.append(DashboardError.text(of: error))
        }
        return preview
    }

}
