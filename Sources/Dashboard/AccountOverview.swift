// AccountOverview: the dashboard's first page, what the consumer's role sees of the account —
// the installed applications whose manifest names a default Streamlit (each a link to its page),
// the databases, the tasks with their last runs (TASK_HISTORY of each database holding one),
// the recent egress decisions (INFORMATION_SCHEMA.EGRESS_HISTORY) and the newest lines of the
// account's event table. Each block is its own statement; one that fails shows its error in
// Snowflake's wording and the others still show.

import Engine

struct AccountOverview {
    let runner: StatementRunner

    static let applicationsQuery = "SHOW APPLICATIONS"
    static let databasesQuery = "SHOW DATABASES"
    static let tasksQuery = "SHOW TASKS IN ACCOUNT"
    static let egressQuery = """
        SELECT time, procedure_name, method, url, decision, reason, status
        FROM TABLE(INFORMATION_SCHEMA.EGRESS_HISTORY(RESULT_LIMIT => 20))
        """

    static func taskRunsQuery(database: String) -> String {
        """
        SELECT name, schema_name, state, scheduled_time, completed_time, error_message
        FROM TABLE(\(SQLText.identifier(database)).INFORMATION_SCHEMA.TASK_HISTORY(RESULT_LIMIT => 10))
        """
    }

    static func eventsQuery(table: String) -> String {
        """
        SELECT timestamp, resource_attributes:"snow.application.name"::string AS application,
               resource_attributes:"snow.executable.name"::string AS executable, record:severity_text::string AS severity,
               value::string AS message
        FROM \(table) ORDER BY timestamp DESC LIMIT 20
        """
    }

    func page() -> OverviewPage {
        var page = OverviewPage(account: runner.session.accountName, applications: [], applicationsError: nil, sections: [],
                                statements: [], hasStatements: false)
        do {
            let shown = try runner.query(Self.applicationsQuery)
            for row in shown.rows {
                let cell = { (column: String) -> String in
                    shown.columns.firstIndex { $0.name == column }.flatMap { row[$0].displayText(pretty: false) } ?? ""
                }
                let name = cell("name")
                // Snowsight reads the manifest to find the page it opens for an application.
                guard let streamlit = try runner.session.applicationManifest(name).defaultStreamlit,
                      let qualified = StreamlitName(application: name, manifestName: streamlit) else { continue }
                page.applications.append(.init(name: name, version: cell("version"), streamlit: qualified.qualified))
            }
        } catch {
            page.applicationsError = DashboardError.text(of: error)
        }
        page.sections.append(section("databases", "Databases") {
            let databases = try runner.query(Self.databasesQuery)
            return try runner.query("SELECT \"name\", \"kind\", \"owner\", \"comment\" FROM TABLE(RESULT_SCAN('\(databases.queryID)'))")
        })
        var taskDatabases: [String] = []
        page.sections.append(section("tasks", "Tasks") {
            let tasks = try runner.query(Self.tasksQuery)
            taskDatabases = Array(Set(tasks.column("database_name").compactMap { $0.displayText(pretty: false) })).sorted()
            return try runner.query("""
                SELECT "name", "database_name", "schema_name", "state", "schedule", "warehouse" FROM TABLE(RESULT_SCAN('\(tasks.queryID)'))
                """)
        })
        for database in taskDatabases {
            page.sections.append(section("task-runs-\(database)", "Last task runs in \(database)") {
                try runner.query(Self.taskRunsQuery(database: database))
            })
        }
        page.sections.append(section("egress", "Recent egress decisions") { try runner.query(Self.egressQuery) })
        page.sections.append(eventSection())
        page.statements = runner.statements.map(StatementView.init)
        page.hasStatements = !page.statements.isEmpty
        return page
    }

    private func section(_ id: String, _ heading: String, _ query: () throws -> ResultSet) -> OverviewPage.Section {
        do {
            return .init(id: id, heading: heading, note: nil, error: nil, result: ResultTable(try query()))
        } catch {
            return .init(id: id, heading: heading, note: nil, error: DashboardError.text(of: error), result: nil)
        }
    }

    /// The newest lines of the account's event table (its EVENT_TABLE parameter), if it has one.
    private func eventSection() -> OverviewPage.Section {
        let heading = "Recent events"
        do {
            guard let table = try runner.session.accountParameter("EVENT_TABLE") else {
                return .init(id: "events", heading: heading,
                             note: "The account has no event table: ALTER ACCOUNT SET EVENT_TABLE = <db>.<schema>.<table> keeps the applications' log lines.",
                             error: nil, result: nil)
            }
            let name = table.split(separator: ".").map { SQLText.identifier(String($0)) }.joined(separator: ".")
            return section("events", heading) { try runner.query(Self.eventsQuery(table: name)) }
        } catch {
            return .init(id: "events", heading: heading, note: nil, error: DashboardError.text(of: error), result: nil)
        }
    }
}
