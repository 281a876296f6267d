// ConsumerSession: the dashboard's one Engine session, as the consumer who installed the
// applications (the role `openSession` logs in with), and the only way the dashboard reaches the
// Engine. `Session` is a class that is not thread-safe, so every use runs on one serial queue,
// one request's work at a time: a page's reads see one consistent account, and an action's CALL
// is never interleaved with another request. The queue is a thread of its own rather than an
// actor on the cooperative pool, because a CALL may run for long (ENABLE_RESOURCE executes the
// ingestion task) and must not hold a pool thread the HTTP server needs.
//
// A request's work gets a `StatementRunner`: every statement goes through it and is kept, so the
// page can show exactly the SQL it ran — the consumer's own statements, and those run as the
// application's Streamlit runs them (Session.executeInStreamlit: with the application's rights,
// which is how the original Streamlit page reads the STATE tables without DEBUG_MODE).

import Dispatch
import Engine
import Foundation
import SnowSQL

/// The serial owner of the dashboard's Session.
final class ConsumerSession: @unchecked Sendable {
    private let queue = DispatchQueue(label: "snowlite.dashboard.session")
    private let openSession: @Sendable () throws -> Session
    /// Touched only on `queue`.
    private var session: Session?

    init(openSession: @escaping @Sendable () throws -> Session) {
        self.openSession = openSession
    }

    /// Runs `work` on the session's queue, opening the session first if it is not open yet.
    func run<T: Sendable>(_ work: @escaping @Sendable (StatementRunner) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result {
                    let session = try self.session ?? self.openSession()
                    self.session = session
                    return try work(StatementRunner(session: session))
                })
            }
        }
    }
}

/// One SQL statement a page ran, and as whom.
struct ShownStatement: Sendable, Equatable {
    var sql: String
    /// Empty for the consumer's own statements; `APP.PUBLIC.GITHUB_APP` for a Streamlit's.
    var streamlit: String
    /// The error the statement ended with, in Snowflake's wording, or empty.
    var error: String
}

/// A Streamlit of an application: where its statements run and with whose rights.
struct StreamlitName: Sendable, Equatable {
    var database: String
    var schema: String
    var name: String

    var qualified: String { "\(database).\(schema).\(name)" }

    /// `public.github_app` in `APP`'s manifest: unquoted parts fold to upper case.
    init?(application: String, manifestName: String) {
        let parts = manifestName.split(separator: ".").map { String($0).uppercased() }
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty }) else { return nil }
        (database, schema, name) = (application, parts[0], parts[1])
    }
}

/// Runs a request's statements on the consumer's session and keeps each one for the page.
final class StatementRunner {
    let session: Session
    private(set) var statements: [ShownStatement] = []

    init(session: Session) {
        self.session = session
    }

    /// Runs `sql` as the consumer.
    func query(_ sql: String) throws -> ResultSet {
        try record(sql, streamlit: "") { try session.execute(sql) }
    }

    /// Runs `sql` as the Streamlit `streamlit` runs its queries: with the application's rights.
    func query(_ sql: String, in streamlit: StreamlitName) throws -> ResultSet {
        try record(sql, streamlit: streamlit.qualified) {
            try session.executeInStreamlit(database: streamlit.database, schema: streamlit.schema, name: streamlit.name, sql)
        }
    }

    private func record(_ sql: String, streamlit: String, _ run: () throws -> ResultSet) throws -> ResultSet {
        do {
            let result = try run()
            statements.append(ShownStatement(sql: sql, streamlit: streamlit, error: ""))
            return result
        } catch {
            statements.append(ShownStatement(sql: sql, streamlit: streamlit, error: DashboardError.text(of: error)))
            throw error
        }
    }
}

/// SQL text the dashboard writes: the page's values reach statements only as literals or
/// identifiers made here, so a form field cannot change a statement's shape.
enum SQLText {
    /// `'it''s'`: a string literal, quotes doubled and backslashes escaped (Snowflake reads `\` in '…').
    static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// An identifier: bare when it is a plain upper-case name, otherwise double-quoted.
    static func identifier(_ name: String) -> String {
        Identifier(name, quoted: true).sql
    }

    /// `DB.SCHEMA.NAME`, each part an identifier.
    static func qualified(_ parts: String...) -> String {
        parts.map(identifier).joined(separator: ".")
    }
}

/// What the dashboard shows for a failure: a SnowflakeError in Snowflake's wording
/// (`002003 (02000): SQL compilation error:\n…`), anything else as it describes itself.
enum DashboardError {
    static func text(of error: Error) -> String {
        (error as? SnowflakeError)?.description ?? "\(error)"
    }
}
