// Translator+ResultScan: `TABLE(RESULT_SCAN(LAST_QUERY_ID()))` and `RESULT_SCAN('<query id>')`
// read back an earlier result of this session — a SHOW, DESCRIBE, SELECT or DML result — as a
// table with the same column names and Snowflake types. SHOW's lower-case columns must then be
// double-quoted (`select "name" from table(result_scan(last_query_id()))`), as in Snowflake.
// The session keeps the last results by query id (QueryResultStore); the rows travel to SQLite
// as one bound JSON array read with json_each, so a result of any size is one argument.
// https://docs.snowflake.com/en/sql-reference/functions/result_scan

import Foundation
import GRDB
import SnowSQL

/// The session's recent results by query id, and the ids of all its statements in order
/// (LAST_QUERY_ID(n) counts back from the end, or forward from the start for n > 0).
struct QueryResultStore {
    /// How many results RESULT_SCAN can reach back to.
    static let capacity = 50
    /// Every statement's id, with the principal it ran for (Session.rightsFrame): the session's
    /// user, or an owner's-rights call. Each sees only its own.
    private(set) var queryIDs: [(id: String, principal: Int)] = []
    private var results: [(id: String, principal: Int, result: ResultSet)] = []

    mutating func record(_ result: ResultSet, principal: Int) {
        queryIDs.append((result.queryID, principal))
        results.append((result.queryID, principal, result))
        if results.count > QueryResultStore.capacity { results.removeFirst(results.count - QueryResultStore.capacity) }
    }

    /// A result `principal` produced; another principal's is not found, as in Snowflake, where
    /// results belong to whoever ran the query.
    func result(_ queryID: String, principal: Int) -> ResultSet? {
        results.last { $0.id == queryID && $0.principal == principal }?.result
    }

    /// LAST_QUERY_ID(n) among `principal`'s statements: -1 the latest, -2 the one before; 1 the first.
    func queryID(_ n: Int, principal: Int) -> String? {
        let own = queryIDs.filter { $0.principal == principal }.map(\.id)
        if n < 0 { return own.count + n >= 0 ? own[own.count + n] : nil }
        if n > 0 { return n <= own.count ? own[n - 1] : nil }
        return nil
    }
}

extension Translator {
    /// RESULT_SCAN(<query id expression>) as a FROM item.
    func resultScan(_ call: FunctionCall, alias: TableAlias?, _ scope: Scope) throws -> TypedSQL {
        guard call.arguments.count == 1, call.arguments[0].name == nil else {
            throw SnowflakeError.invalidArgumentCount(function: "RESULT_SCAN", given: call.arguments.count)
        }
        // The id is a constant (a string, LAST_QUERY_ID(), a variable): compute it now.
        let id = String.fromDatabaseValue(try constant(call.arguments[0].value, as: .string))
        guard let id, let stored = session.queryResults.result(id, principal: session.rightsFrame) else {
            throw SnowflakeError.statementNotFound(id)
        }
        return try storedRows(stored, name: "RESULT_SCAN", alias: alias, scope)
    }

    /// The rows of a result this session holds (a RESULT_SCAN, a Scripting RESULTSET) as a FROM
    /// item named `name` (or its alias), its columns typed as the result's.
    func storedRows(_ stored: ResultSet, name: String, alias: TableAlias?, _ scope: Scope) throws -> TypedSQL {
        let rows = try storedRowsSQL(stored)
        let sqlAlias = nextAlias()
        let columns = stored.columns.enumerated().map { i, column in
            RelationColumn(name: alias.flatMap { i < $0.columns.count ? $0.columns[i].name : nil } ?? column.name,
                           type: column.type, sqlName: "c\(i + 1)")
        }
        scope.relations.append(Relation(name: alias?.name.name ?? name, qualifiedParts: [], sqlAlias: sqlAlias,
                                        columns: columns))
        return TypedSQL(rows.sql + " AS \(sqlAlias)", rows.arguments, type: .boolean)
    }

    /// `(SELECT … AS "c1", … FROM json_each(?))`: a result's rows as a subquery, its columns c1, c2…
    func storedRowsSQL(_ stored: ResultSet) throws -> TypedSQL {
        let rows = stored.rows.map { row in row.map(Translator.jsonCell) }
        let json = String(decoding: try JSONSerialization.data(withJSONObject: rows), as: UTF8.self)
        // BINARY cells travel as the hex text they print as.
        let list = (0..<stored.columns.count).map { "value ->> '$[\($0)]' AS \(quote("c\($0 + 1)"))" }.joined(separator: ", ")
        return TypedSQL("(SELECT \(list) FROM json_each(?))", [json.databaseValue], type: .boolean)
    }

    /// A result cell as a JSON value SQLite reads back as the stored value: numbers as numbers,
    /// booleans as 0/1, everything else (dates, timestamps, VARIANT text) as strings.
    private static func jsonCell(_ value: Value) -> Any {
        switch value {
        case .null: return NSNull()
        case .integer(let i): return NSNumber(value: i)
        case .decimal(let text): return Double(text).map { NSNumber(value: $0) } ?? text
        case .double(let d): return d.isFinite ? NSNumber(value: d) : Value.render(double: d)
        case .boolean(let b): return NSNumber(value: b ? 1 : 0)
        case .string(let s), .variant(let s), .date(let s), .time(let s), .timestamp(let s): return s
        case .binary(let bytes): return bytes.map { String(format: "%02X", $0) }.joined()
        }
    }
}
