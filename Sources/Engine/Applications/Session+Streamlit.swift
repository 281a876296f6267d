// Session+Streamlit: what a Streamlit page of a native app needs from the Engine when Snowlite
// shows it as a web page (the Dashboard target, `snowlite serve`). In Snowflake an application's
// Streamlit runs inside the application: its queries run with the application's rights, so it
// reads the app's STATE tables, which the consumer cannot (outside DEBUG_MODE). Snowlite runs no
// Python, so the dashboard asks the Engine to run the page's own statements the same way:
// `executeInStreamlit` checks that the session's roles may open the Streamlit (USAGE on it, which
// the consumer holds through the application role it was granted to) and then runs one statement
// as the application, in the Streamlit's database and schema, like a procedure's body with owner's
// rights. `applicationManifest` gives the installed version's manifest to the application's owner
// (Snowsight reads it to find the default Streamlit and the register callbacks), and
// `accountParameter` the account's value of a parameter such as EVENT_TABLE.
// https://docs.snowflake.com/en/developer-guide/native-apps/adding-streamlit

import Foundation
import GRDB
import Security
import SnowSQL

extension Session {
    /// The manifest of the version `application` runs, for a session whose roles own it (the
    /// consumer who installed it) or ACCOUNTADMIN; otherwise 002003, as SHOW REFERENCES answers.
    public func applicationManifest(_ application: String) throws -> ApplicationManifest {
        let text = try store.queue.read { db -> String in
            let record = try Executor(session: self, db: db).visibleApplication(.parts([Identifier(application)]))
            return record.manifestText
        }
        return try ManifestParser().read(text)
    }

    /// Runs one statement as the Streamlit `database.schema.name` runs its queries: the session's
    /// roles must hold USAGE on the Streamlit (else 002003 / 003001, worded as for any object);
    /// then the statement runs as the Streamlit's owner — for an application's Streamlit, the
    /// application — in the Streamlit's database and schema, without the session's variables.
    /// The session's role, context and variables are back as they were afterwards, also on failure.
    public func executeInStreamlit(database: String, schema: String, name: String, _ sql: String) throws -> ResultSet {
        let owner = try store.queue.read { db -> String in
            let executor = Executor(session: self, db: db)
            let missing = SnowflakeError.doesNotExist("Streamlit", "\(database).\(schema).\(name)")
            guard let streamlit = try executor.catalog.object(database: database, schema: schema, name: name, kinds: [.streamlit]) else {
                throw missing
            }
            try executor.access.require(.usage, on: streamlit, missing: missing)
            return streamlit.owner
        }
        let saved = SessionState(self)
        defer { saved.restore(self) }
        currentRole = owner
        currentDatabase = database
        currentSchema = schema
        variables = [:]
        return try execute(sql)
    }

    /// The account's value of parameter `name` (`ALTER ACCOUNT SET EVENT_TABLE = …`), nil when unset.
    public func accountParameter(_ name: String) throws -> String? {
        try store.queue.read { db in
            try Catalog(db: db).accountObject(kind: .accountParameter, name: name.uppercased())?.parameterValue
        }
    }
}
