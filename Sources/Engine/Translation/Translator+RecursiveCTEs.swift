// Translator+RecursiveCTEs: a common table expression that reads itself — `WITH [RECURSIVE] t (n) AS
// (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 10)`, with or without the word RECURSIVE, as
// Snowflake allows. Its anchor (the UNION's first branch) runs once; then its recursive member runs
// over the rows the previous round made, round after round, until a round makes none. UNION (not
// ALL) drops rows already made. A member still making rows after 100 rounds fails the statement
// with Snowflake's `Recursion exceeded max iteration count (100).` rather than run for ever
// [? Snowflake's current documentation states no limit; the error is from a real account]. The
// rows made become the CTE's rows, bound as one JSON array (as RESULT_SCAN's are).
// https://docs.snowflake.com/en/user-guide/queries-cte

import GRDB
import SnowSQL

/// A CTE as FROM items read it: a name in the statement's WITH clause, or (inline) a subquery
/// with its own arguments.
struct CommonTable {
    var sql: String
    var columns: [RelationColumn]
    var arguments: [DatabaseValue] = []
    var inline = false
}

extension Translator {
    static let recursionRounds = 100

    /// `cte` computed, when it reads itself; nil for any other CTE.
    func recursiveCommonTable(_ cte: SnowSQL.CommonTableExpression, parent: Scope?) throws -> CommonTable? {
        guard case .setOperation(.union, let all, let anchorBody, let memberBody) = cte.query.body,
            cte.query.with.isEmpty, cte.query.orderBy.isEmpty, cte.query.limit == nil
        else { return nil }
        let name = cte.name.name
        // Only a member whose text names the CTE can read it: any other CTE is translated once, as
        // ever (translating acts for a few functions, NEXTVAL among them, so none is translated twice).
        let printed = SQLPrinter.print(Query(body: memberBody))
        guard printed.contains(cte.name.sql) || printed.uppercased().contains(name.uppercased()) else { return nil }
        let anchor = try translate(Query(body: anchorBody), parent: parent)
        let columns = anchor.columns.enumerated().map { i, column in
            ResultColumn(i < cte.columns.count ? cte.columns[i].name : column.name, column.type)
        }
        var working = ResultSet(columns: columns, rows: [])
        // Does the member read the CTE? Translate it once over no rows and count.
        let reads = cteReads[name] ?? 0
        cteStack[cteStack.count - 1][name] = try inlineTable(working)
        _ = try translate(Query(body: memberBody), parent: parent)
        guard (cteReads[name] ?? 0) > reads else {
            cteStack[cteStack.count - 1][name] = nil
            return nil
        }
        markVolatile()
        let executor = Executor(session: session, db: catalog.db)
        var made = try executor.fetch(anchor).rows
        var seen = Set<[Value]>()
        if !all { made = made.filter { seen.insert($0).inserted } }
        working.rows = made
        for round in 1... {
            cteStack[cteStack.count - 1][name] = try inlineTable(working)
            let member = try translate(Query(body: memberBody), parent: parent)
            guard member.columns.count == columns.count else {
                throw SnowflakeError.setOperatorColumnCountMismatch(expected: columns.count, got: member.columns.count)
            }
            var rows = try executor.fetch(member).rows
            if !all { rows = rows.filter { seen.insert($0).inserted } }
            if rows.isEmpty { break }
            if round >= Translator.recursionRounds { throw SnowflakeError.recursionLimit }
            made += rows
            working.rows = rows
        }
        working.rows = made
        return try inlineTable(working)
    }

    /// Rows as an inline CTE, its columns typed as `rows`' columns.
    private func inlineTable(_ rows: ResultSet) throws -> CommonTable {
        let subquery = try storedRowsSQL(rows)
        let columns = rows.columns.enumerated().map { i, column in
            RelationColumn(name: column.name, type: column.type, sqlName: "c\(i + 1)")
        }
        return CommonTable(sql: subquery.sql, columns: columns, arguments: subquery.arguments, inline: true)
    }
}
