// Session+Execute: the entry point for one statement's text.

import Foundation
import GRDB

extension Session {
    /// Runs one statement and returns its result. Throws SnowflakeError for every failure.
    public func execute(_ sql: String) throws -> ResultSet {
        throw SnowflakeError.unsupported("statement")
    }

    func accountObjectExists(kind: String, name: String) throws -> Bool {
        try store.queue.read { db in
            try Bool.fetchOne(db, sql: "SELECT count(*) > 0 FROM sl_account_object WHERE kind = ? AND name = ?", arguments: [kind, name]) ?? false
        }
    }
    func databaseExists(_ name: String) throws -> Bool {
        try store.queue.read { db in
            try Bool.fetchOne(db, sql: "SELECT count(*) > 0 FROM sl_database WHERE name = ?", arguments: [name]) ?? false
        }
    }
    func schemaExists(database: String, schema: String) throws -> Bool {
        try store.queue.read { db in
            try Bool.fetchOne(db, sql: "SELECT count(*) > 0 FROM sl_schema WHERE database_name = ? AND name = ?", arguments: [database, schema]) ?? false
        }
    }
}
