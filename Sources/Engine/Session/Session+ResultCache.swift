// Session+ResultCache: Snowflake's persisted query results. A query whose text is exactly that of
// an earlier one in the session, run under the same role, database, schema and session
// parameters, with no change to the account's data since, gets the earlier result again (under a
// new query id) instead of being run. A Streamlit page that refreshes asks the same questions
// over and over; this is why Snowflake answers them from the cache, and so does Snowlite.
//
// Snowflake's rules (docs: "Using persisted query results"), as kept here:
// - USE_CACHED_RESULT (a session parameter, TRUE by default) turns it off when FALSE;
// - only a query (SELECT, WITH, VALUES…) at the session's top level is reused: not a statement
//   of a procedure, a script, a task run or an application's setup script, and not inside
//   BEGIN … COMMIT;
// - a query that calls a function evaluated at run time (CURRENT_TIMESTAMP, UUID_STRING,
//   CURRENT_ROLE, LAST_QUERY_ID, SYSTEM$…), reads a session or script variable, or reads a table
//   function other than FLATTEN (RESULT_SCAN, TASK_HISTORY…) is never reused;
// - any change to any table since — by this process (SQLite's total change count of the
//   connection) or another (`PRAGMA data_version`) — makes every cached result stale.
// Snowlite keeps the last `capacity` results of at most `maximumRows` rows, per session.

import Foundation
import GRDB
import SnowSQL

/// The results a session may reuse, most recent last.
struct ResultCache {
    static let capacity = 32
    static let maximumRows = 10_000

    /// What a result depends on besides the data: the text and the session's context.
    struct Key: Hashable {
        var text: String
        var role: String?
        var database: String?
        var schema: String?
        var parameters: [String: String]
    }

    /// The state of the account's data: equal stamps mean no table changed in between.
    struct Stamp: Equatable {
        var localChanges: Int
        var dataVersion: Int

        static func read(_ db: Database) throws -> Stamp {
            Stamp(localChanges: db.totalChangesCount,
                  dataVersion: try Int.fetchOne(db.cachedStatement(sql: "PRAGMA data_version")) ?? 0)
        }
    }

    private var entries: [(key: Key, stamp: Stamp, result: ResultSet)] = []
    /// How many queries were answered from the cache (for tests and benchmarks).
    private(set) var hits = 0

    /// The cached result for `key`, if the data has not changed since it was computed.
    mutating func lookup(_ key: Key, stamp: Stamp) -> ResultSet? {
        guard let index = entries.lastIndex(where: { $0.key == key }) else { return nil }
        guard entries[index].stamp == stamp else {
            entries.remove(at: index)
            return nil
        }
        hits += 1
        return entries[index].result
    }

    mutating func store(_ result: ResultSet, key: Key, stamp: Stamp) {
        guard result.rows.count <= ResultCache.maximumRows else { return }
        entries.removeAll { $0.key == key || $0.stamp != stamp }
        entries.append((key, stamp, result))
        if entries.count > ResultCache.capacity { entries.removeFirst(entries.count - ResultCache.capacity) }
    }
}

extension Session {
    /// The cache key of a statement, or nil when its result may not be reused (see the rules above).
    func resultCacheKey(cacheable: Bool, text: String) -> ResultCache.Key? {
        guard cacheable,
              parameters["USE_CACHED_RESULT"]?.uppercased() != "FALSE",
              executables.isEmpty, bindings.isEmpty, !bareVariables, runningApplication == nil, taskRun == nil,
              !inExplicitTransaction else { return nil }
        return ResultCache.Key(text: text, role: currentRole, database: currentDatabase, schema: currentSchema,
                               parameters: parameters)
    }

    /// Runs a read-only statement, or answers a query from the result cache when allowed; a query
    /// whose translation is volatile is not kept.
    func runQuery(_ statement: Statement, key: ResultCache.Key?, db: Database) throws -> ResultSet {
        let executor = Executor(session: self, db: db)
        guard let key, case .query(let query) = statement else { return try executor.execute(statement) }
        let stamp = try ResultCache.Stamp.read(db)
        if let cached = resultCache.lookup(key, stamp: stamp) { return cached }
        let translated = try executor.translateLearning(query)
        let result = try executor.fetch(translated)
        if !translated.isVolatile { resultCache.store(result, key: key, stamp: stamp) }
        return result
    }
}


