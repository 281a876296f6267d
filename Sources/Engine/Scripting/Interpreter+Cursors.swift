// Interpreter+Cursors: cursors and RESULTSETs in a running block — OPEN (with `USING (…)` for the
// query's `?`), FETCH, FOR … IN, cursors over a RESULTSET, and the variables a statement fills
// (`SELECT … INTO`, `FETCH … INTO`), each converted to the type its variable was declared with.
// https://docs.snowflake.com/en/developer-guide/snowflake-scripting/cursors
// https://docs.snowflake.com/en/developer-guide/snowflake-scripting/resultsets

import SnowSQL

extension Frame {
    /// `FOR row IN c DO … END FOR` over a cursor (its query runs afresh) or a RESULTSET.
    func forCursor(_ variable: String, _ name: String, _ body: [ScriptStatement], _ label: String?) throws -> Completion {
        let result: ResultSet
        if let set = resultSets[name] {
            result = set
        } else if let cursor = cursors[name] {
            result = try rows(of: cursor, binds: [:])
        } else {
            throw SnowflakeError.notACursorOrResultSet(name)
        }
        for row in result.rows {
            pushScope()
            // Row fields are reachable as `row.column` (bare, in the block's expressions).
            for (i, column) in result.columns.enumerated() { declare(variable + "." + column.name, row[i], column.type) }
            let completion = try runStatements(body, handlers: [])
            popScope()
            if let done = loopStep(completion, label) { return done }
        }
        return .normal
    }

    /// `OPEN c [USING (e1, e2, …)]`: runs the cursor's query with the n-th value as its n-th `?`;
    /// a cursor over a RESULTSET takes that RESULTSET's rows.
    func open(_ name: String, using: [Expression]) throws {
        guard var cursor = cursors[name] else { throw SnowflakeError.cursorNotDeclared(name) }
        var binds: [String: SessionVariable] = [:]
        let now = session.clock()
        for (i, expression) in using.enumerated() {
            let (value, type) = try evaluate(expression, at: SourcePosition(line: 1, position: 0))
            binds[String(i + 1)] = SessionVariable(value: value, type: type, createdOn: now, updatedOn: now)
        }
        let result = try rows(of: cursor, binds: binds)
        cursor.rows = result.rows
        cursor.columns = result.columns
        cursor.position = 0
        cursors[name] = cursor
    }

    /// The rows a cursor reads: its query's, or its RESULTSET's.
    func rows(of cursor: Cursor, binds: [String: SessionVariable]) throws -> ResultSet {
        if let query = cursor.query {
            return try runSQL(.query(query), text: SQLPrinter.print(query), at: SourcePosition(line: 1, position: 0), binds: binds)
        }
        let name = cursor.resultSet ?? ""
        guard let result = resultSets[name] else { throw SnowflakeError.notAResultSet(name) }
        return result
    }

    /// `FETCH c INTO a, b`: the next row's values, each converted to its variable's declared type;
    /// past the last row every variable is NULL (of its declared type).
    func fetch(_ name: String, into targets: [String]) throws {
        guard var cursor = cursors[name], let rows = cursor.rows else { throw SnowflakeError.cursorNotOpen(name) }
        let at = SourcePosition(line: 1, position: 0)
        if cursor.position < rows.count {
            for (i, target) in targets.enumerated() where i < rows[cursor.position].count {
                try store(target, rows[cursor.position][i], cursor.columns[i].type, at: at)
            }
            cursor.position += 1
        } else {
            for target in targets { try store(target, .null, .string, at: at) }
        }
        cursors[name] = cursor
    }

    /// RESULTSET_FROM_CURSOR(c): the rows of an open cursor nothing has fetched from yet. (Which rows
    /// a partly fetched cursor gives is not documented: refused rather than guessed.)
    func resultSet(fromCursor name: String) throws -> ResultSet {
        guard let cursor = cursors[name], let rows = cursor.rows else { throw SnowflakeError.cursorNotOpen(name) }
        guard cursor.position == 0 else { throw SnowflakeError.unsupported("RESULTSET_FROM_CURSOR of a cursor already fetched from") }
        return ResultSet(columns: cursor.columns, rows: rows)
    }

    /// `SELECT … INTO :a, :b`: exactly one row expected; no row leaves the variables NULL.
    func assignInto(_ names: [String], _ result: ResultSet, at position: SourcePosition) throws {
        if result.rows.count > 1 {
            throw ScriptFailure(
                kind: "STATEMENT_ERROR",
                error: SnowflakeError.selectIntoExpectsOneRow(got: result.rows.count),
                at: position)
        }
        for (i, name) in names.enumerated() where i < result.columns.count {
            try store(name, result.rows.first?[i] ?? .null, result.columns[i].type, at: position)
        }
    }
}
