// Session+Describe: the columns a statement would return, running nothing (a driver's
// describe-only request). A query is translated, not executed; other statements answer no columns.

import GRDB
import SnowSQL

extension Session {
    /// The result columns of `sql`, with the errors compiling it would give.
    public func describe(_ sql: String) throws -> [ResultColumn] {
        guard case .query(let query) = try Session.parseSingle(sql) else { return [] }
        return try store.queue.read { db in
            try Executor(session: self, db: db).translator().translate(query).columns
        }
    }
}
