// Session+Describe: the columns a statement would return, running nothing (a driver's
// describe-only request). A query is translated, not executed; other statements answer no columns.

import GRDB
import SnowSQL

extension Session {
    /// The result columns of `sql`, with the errors compiling it would give.
    public func describe(_ sql: String) throws -> [ResultColumn] {
        let statement = try Session.parseSingle(sql)
        switch statement {
        case .insert: return [ResultColumn("number of rows inserted", .integer, nullable: false)]
        case .update: return [ResultColumn("number of rows updated", .integer, nullable: false),
                              ResultColumn("number of multi-joined rows updated", .integer, nullable: false)]
        case .delete: return [ResultColumn("number of rows deleted", .integer, nullable: false)]
        default: break
        }
        guard case .query(let query) = statement else { return [] }
        return try store.queue.read { db in
            try Executor(session: self, db: db).translator().translate(query).columns
        }
    }
}
