// SQLPrinter+Scripting: Snowflake Scripting blocks back to text, one statement per line, so a
// parsed block round-trips like every other statement.

enum ScriptPrinter {
    static func print(_ block: ScriptBlock) -> String {
        var out = ""
        if !block.declarations.isEmpty {
            out += "DECLARE " + block.declarations.map { declaration($0) + "; " }.joined()
        }
        out += "BEGIN " + statements(block.body)
        if !block.handlers.isEmpty {
            out += "EXCEPTION " + block.handlers.map { handler in
                "WHEN " + handler.exceptions.joined(separator: " OR ") + (handler.continues ? " CONTINUE" : "") + " THEN "
                    + statements(handler.body)
            }.joined()
        }
        return out + "END"
    }

    static func name(_ n: String) -> String { Identifier(n, quoted: true).sql }

    static func declaration(_ d: ScriptDeclaration) -> String {
        switch d {
        case .variable(let n, let type, let initial):
            return name(n) + (type.map { " \($0)" } ?? "") + (initial.map { " DEFAULT " + SQLPrinter.print($0) } ?? "")
        case .cursor(let n, let query): return name(n) + " CURSOR FOR " + SQLPrinter.print(query)
        case .cursorOverResultSet(let n, let resultSet): return name(n) + " CURSOR FOR " + name(resultSet)
        case .resultSet(let n, let source): return name(n) + " RESULTSET" + (source.map { " DEFAULT (" + SQLPrinter.print($0) + ")" } ?? "")
        case .exception(let n, let code, let message):
            guard let code, let message else { return name(n) + " EXCEPTION" }
            return name(n) + " EXCEPTION (\(code), " + SQLPrinter.quoteString(message) + ")"
        }
    }

    static func statements(_ list: [ScriptStatement]) -> String {
        list.map { statement($0) + "; " }.joined()
    }

    static func label(_ l: String?) -> String { l.map { " " + name($0) } ?? "" }

    static func statement(_ s: ScriptStatement) -> String {
        switch s {
        case .sql(let statement, _, _, _): return SQLPrinter.print(statement)
        case .assign(let n, let type, let value, let declares, _):
            return (declares ? "LET " : "") + name(n) + (type.map { " \($0)" } ?? "") + " := " + SQLPrinter.print(value)
        case .declare(let d):
            switch d {
            case .resultSet(let n, let source?): return "LET " + name(n) + " RESULTSET := (" + SQLPrinter.print(source) + ")"
            default: return "LET " + declaration(d)
            }
        case .assignResultSet(let n, let source, _): return name(n) + " := (" + SQLPrinter.print(source) + ")"
        case .evaluate(let e, _): return SQLPrinter.print(e)
        case .async(let statement, let resultSet, let declares, _):
            let job = "ASYNC (" + SQLPrinter.print(statement) + ")"
            guard let resultSet else { return job }
            return (declares ? "LET " + name(resultSet) + " RESULTSET" : name(resultSet)) + " := " + job
        case .await(let resultSet, _): return "AWAIT " + (resultSet.map(name) ?? "ALL")
        case .cancel(let resultSet): return "CANCEL " + name(resultSet)
        case .block(let b): return print(b)
        case .ifThen(let branches, let otherwise):
            var out = ""
            for (i, branch) in branches.enumerated() {
                out += (i == 0 ? "IF " : "ELSEIF ") + SQLPrinter.print(branch.condition) + " THEN " + statements(branch.body)
            }
            if let otherwise { out += "ELSE " + statements(otherwise) }
            return out + "END IF"
        case .caseOf(let operand, let branches, let otherwise):
            var out = "CASE" + (operand.map { " " + SQLPrinter.print($0) } ?? "")
            for branch in branches { out += " WHEN " + SQLPrinter.print(branch.condition) + " THEN " + statements(branch.body) }
            if let otherwise { out += "ELSE " + statements(otherwise) }
            return out + "END CASE"
        case .forRange(let v, let low, let high, let reverse, let body, let l):
            return "FOR " + name(v) + " IN " + (reverse ? "REVERSE " : "") + SQLPrinter.print(low) + " TO " + SQLPrinter.print(high)
                + " DO " + statements(body) + "END FOR" + label(l)
        case .forCursor(let v, let cursor, let body, let l):
            return "FOR " + name(v) + " IN " + name(cursor) + " DO " + statements(body) + "END FOR" + label(l)
        case .whileLoop(let condition, let body, let l):
            return "WHILE " + SQLPrinter.print(condition) + " DO " + statements(body) + "END WHILE" + label(l)
        case .repeatLoop(let body, let until, let l):
            return "REPEAT " + statements(body) + "UNTIL " + SQLPrinter.print(until) + " END REPEAT" + label(l)
        case .loop(let body, let l): return "LOOP " + statements(body) + "END LOOP" + label(l)
        case .breakLoop(let l): return "BREAK" + label(l)
        case .continueLoop(let l): return "CONTINUE" + label(l)
        case .returnValue(let e): return "RETURN" + (e.map { " " + SQLPrinter.print($0) } ?? "")
        case .returnTable(let n, let fromCursor):
            return "RETURN TABLE(" + (fromCursor ? "RESULTSET_FROM_CURSOR(" + name(n) + ")" : name(n)) + ")"
        case .raise(let n, _): return "RAISE" + (n.map { " " + name($0) } ?? "")
        case .open(let cursor, let using):
            return "OPEN " + name(cursor) + (using.isEmpty ? "" : " USING (" + using.map(SQLPrinter.print).joined(separator: ", ") + ")")
        case .fetch(let cursor, let into): return "FETCH " + name(cursor) + " INTO " + into.map(name).joined(separator: ", ")
        case .close(let cursor): return "CLOSE " + name(cursor)
        case .null: return "NULL"
        }
    }
}
