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
///
/// LAST_QUERY_ID reaches every statement of the session, the first as much as the latest, so no id
/// may be forgotten; but a long session (a task run's ingestion, four statements a page) must not
/// keep a string per statement. The ids the session makes itself are `Session.queryID(counter:…)`
/// of consecutive counters, so they are kept as runs — a principal, a first counter and a length —
/// and written again when asked for. An id made elsewhere (a driver's) is kept as it came.
struct QueryResultStore {
    /// How many results RESULT_SCAN can reach back to.
    static let capacity = 50

    /// Statements in the order they finished, each with the principal it ran for
    /// (Session.rightsFrame): the session's user, or an owner's-rights call. Each sees only its own.
    private enum Run {
        /// `count` ids that Session.queryID wrote from the counters `first`, `first + 1`… and one
        /// session number.
        case counted(principal: Int, session: UInt64, first: UInt64, count: Int)
        /// One id the session did not make.
        case given(principal: Int, id: String)

        var principal: Int {
            switch self {
            case .counted(let principal, _, _, _), .given(let principal, _): principal
            }
        }

        var count: Int {
            switch self {
            case .counted(_, _, _, let count): count
            case .given: 1
            }
        }

        /// The id at `offset` (0..<count) in the run.
        func id(at offset: Int) -> String {
            switch self {
            case .counted(_, let session, let first, _): Session.queryID(counter: first + UInt64(offset), sessionID: session)
            case .given(_, let id): id
            }
        }
    }

    private var runs: [Run] = []
    /// How many runs hold the statements' ids (what a long session's ids cost).
    var storedRuns: Int { runs.count }
    private var results: [(id: String, principal: Int, result: ResultSet)] = []

    mutating func record(_ result: ResultSet, principal: Int) {
        append(result.queryID, principal: principal)
        results.append((result.queryID, principal, result))
        if results.count > QueryResultStore.capacity { results.removeFirst(results.count - QueryResultStore.capacity) }
    }

    /// Adds `id` to the statements: to the last run when it is that run's next id, else as a run
    /// of its own.
    private mutating func append(_ id: String, principal: Int) {
        guard let (session, counter) = QueryResultStore.counter(of: id) else {
            runs.append(.given(principal: principal, id: id))
            return
        }
        if case .counted(principal, session, let first, let count)? = runs.last, first + UInt64(count) == counter {
            runs[runs.count - 1] = .counted(principal: principal, session: session, first: first, count: count + 1)
        } else {
            runs.append(.counted(principal: principal, session: session, first: counter, count: 1))
        }
    }

    /// The session number and counter Session.queryID wrote `id` from, when it did: the id is
    /// `01b` + five hex digits + `-0000-` + the session's four + `-0000-` + the counter's twelve or
    /// more, and writing those two again gives `id` back exactly.
    static func counter(of id: String) -> (session: UInt64, counter: UInt64)? {
        let parts = id.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0].hasPrefix("01b"), let session = UInt64(parts[2], radix: 16),
              let counter = UInt64(parts[4], radix: 16), Session.queryID(counter: counter, sessionID: session) == id else { return nil }
        return (session, counter)
    }

    /// A result `principal` produced; another principal's is not found, as in Snowflake, where
    /// results belong to whoever ran the query.
    func result(_ queryID: String, principal: Int) -> ResultSet? {
        results.last { $0.id == queryID && $0.principal == principal }?.result
    }

    /// LAST_QUERY_ID(n) among `principal`'s statements: -1 the latest, -2 the one before; 1 the first.
    func queryID(_ n: Int, principal: Int) -> String? {
        guard n != 0 else { return nil }
        // The statement's place among the principal's, counted from the end (n < 0) or the start.
        var place = n.magnitude
        let order = n < 0 ? AnySequence(runs.reversed()) : AnySequence(runs)
        for run in order where run.principal == principal {
            let count = UInt(run.count)
            if place <= count { return run.id(at: n < 0 ? Int(count - place) : Int(place - 1)) }
            place -= count
        }
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
