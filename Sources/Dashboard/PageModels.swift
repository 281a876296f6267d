// PageModels: what the templates render — plain structs of stored properties, read by Mustache
// through reflection. A nil optional leaves its section out, so "no error", "no notice" and "not
// this tab" are nil rather than empty strings. `ResultTable` turns an Engine ResultSet into rows
// of text the way snowsql shows them, with VARIANT, OBJECT and ARRAY values as formatted JSON.

import Engine

/// A result as a table: column titles and rows of cells.
struct ResultTable: Sendable {
    struct Cell: Sendable {
        var text: String
        var json: Bool
        var null: Bool
    }
    struct Row: Sendable {
        var cells: [Cell]
    }

    var columns: [String]
    var rows: [Row]
    var empty: Bool

    init(_ result: ResultSet) {
        columns = result.columns.map(\.name)
        rows = result.rows.map { values in
            Row(cells: zip(values, result.columns).map { value, column in ResultTable.cell(value, column.type) })
        }
        empty = rows.isEmpty
    }

    static func cell(_ value: Value, _ type: SnowflakeType) -> Cell {
        guard let text = value.displayText(pretty: true) else { return Cell(text: "", json: false, null: true) }
        if case .variant = value { return Cell(text: text, json: true, null: false) }
        return Cell(text: text, json: false, null: false)
    }
}

/// One statement as the page lists it.
/// Its fields have names no page uses: Mustache looks a missing (nil) name up in the enclosing
/// page, so a statement's `streamlit` would otherwise show the page's.
struct StatementView: Sendable {
    var sql: String
    var ranAs: String?
    var failure: String?

    init(_ statement: ShownStatement) {
        sql = statement.sql
        ranAs = statement.streamlit.isEmpty ? nil : statement.streamlit
        failure = statement.error.isEmpty ? nil : statement.error
    }
}

// MARK: - The account overview

struct OverviewPage: Sendable {
    struct Application: Sendable {
        var name: String
        var version: String
        var streamlit: String
    }
    /// One block of the overview: a result, or the error that stood in its way.
    struct Section: Sendable {
        var id: String
        var heading: String
        var note: String?
        var error: String?
        var result: ResultTable?
    }

    var title = "Account"
    var account: String
    var refresh = false
    var applications: [Application]
    var applicationsError: String?
    var sections: [Section]
    var statements: [StatementView]
    var hasStatements: Bool
}

// MARK: - An application's page

struct ApplicationPage: Sendable {
    struct Tab: Sendable {
        var label: String
        var href: String
        var active: Bool
    }
    struct Privilege: Sendable {
        var name: String
        var description: String
        var granted: Bool
    }
    struct Reference: Sendable {
        var name: String
        var label: String
        var description: String
        var objectType: String
        var privileges: String
        var boundTo: String?
        var choices: [String]
    }
    struct Configuration: Sendable {
        var provisioned: Bool
        var destinationDatabase: String
        var secretName: String
        var integrationName: String
    }
    struct Resources: Sendable {
        var organization: String
        var repository: String
        var table: ResultTable?
    }
    struct Progress: Sendable {
        var repository: String
        var pages: String
        var rows: String
    }
    struct State: Sendable {
        var refreshing: Bool
        var progress: [Progress]
        var hasProgress: Bool
        var latest: ResultTable?
        var runs: ResultTable?
    }
    struct Choice: Sendable {
        var name: String
        var selected: Bool
    }
    struct Preview: Sendable {
        var tab: String
        var heading: String
        var choices: [Choice]
        var table: ResultTable?
    }

    var title: String
    var account: String
    var application: String
    var streamlit: String
    var csrf: String
    var refresh: Bool
    var tabs: [Tab]
    /// True while a requested privilege or a reference is missing: the panel shows above every tab.
    var attention: Bool
    var privilegesTab: Bool
    var privileges: [Privilege]
    var references: [Reference]
    var notice: String?
    var error: String?
    var configuration: Configuration?
    var resources: Resources?
    var state: State?
    var preview: Preview?
    var statements: [StatementView]
    var hasStatements: Bool
}

/// A page that only says what went wrong (unknown application, refused token, stale form).
struct MessagePage: Sendable {
    var title: String
    var account: String
    var refresh = false
    var heading: String
    var text: String
    var statements: [StatementView] = []
    var hasStatements = false
}
