// Session+Bindings: statements with values bound from outside, as drivers send them (qmark `?`
// and numeric `:1` placeholders, numbered from 1; the parser turns the n-th `?` into `:n`). A
// bound value is typed (NUMBER, VARCHAR, DATE…): the translator passes it to SQLite as an
// argument, never as text in the SQL, and the result cache is not used for such statements.
//
// Array binding (a driver's `executemany`): one value list per placeholder, one row of values per
// execution. The statement runs once per row, all in one transaction: every row or, on the first
// error, none. DML only; the counts of the runs are summed into one result.

import Foundation
import SnowSQL

extension Session {
    /// Runs one statement with its placeholders bound by number ("1", "2", …), its result kept
    /// under `queryID` when one is given.
    public func execute(_ statement: SnowSQL.Statement, text: String, bindings values: [String: SessionVariable],
                        queryID: String? = nil) throws -> ResultSet {
        try withBindings(values) { try execute(statement, text: text, queryID: queryID) }
    }

    /// Runs one DML statement once per row of bindings, atomically, and sums what each changed.
    public func execute(_ statement: SnowSQL.Statement, text sql: String, bindingRows rows: [[String: SessionVariable]],
                        queryID: String? = nil) throws -> ResultSet {
        switch statement {
        case .insert, .update, .delete, .merge: break
        default: throw SnowflakeError.unsupported("array binding of a statement other than INSERT, UPDATE, DELETE or MERGE")
        }
        let ownTransaction = !inExplicitTransaction
        if ownTransaction { _ = try controlTransaction(.begin) }
        var total: ResultSet?
        do {
            for row in rows {
                let result = try withBindings(row) { try execute(statement, text: sql) }
                total = total.map { Session.summing($0, result) } ?? result
            }
            if ownTransaction { _ = try controlTransaction(.commit) }
        } catch {
            if ownTransaction { _ = try? controlTransaction(.rollback) }
            throw error
        }
        guard var total else {
            throw SnowflakeError.unsupported("array binding with no rows")
        }
        total.queryID = queryID ?? total.queryID
        return total
    }

    private func withBindings<T>(_ values: [String: SessionVariable], _ body: () throws -> T) throws -> T {
        // SQLite would bind a NaN as NULL (SnowflakeError.floatNaNUnsupported).
        for variable in values.values {
            if case .double(let d) = variable.value, d.isNaN { throw SnowflakeError.floatNaNUnsupported }
        }
        let saved = bindings
        bindings = values
        defer { bindings = saved }
        return try body()
    }

    /// Two DML results of one statement as one: each count column summed.
    static func summing(_ a: ResultSet, _ b: ResultSet) -> ResultSet {
        var sum = b
        guard a.columns == b.columns, let first = a.rows.first, let second = b.rows.first else { return b }
        sum.rows = [zip(first, second).map { x, y in
            if case .integer(let i) = x, case .integer(let j) = y { return .integer(i + j) }
            return y
        }]
        if case .dml(let i) = a.kind, case .dml(let j) = b.kind { sum.kind = .dml(affected: i + j) }
        return sum
    }
}
