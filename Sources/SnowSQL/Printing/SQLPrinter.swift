// SQLPrinter: writes an AST back as Snowflake SQL. Parsing what it prints gives the same tree
// (the round-trip tests hold it to that). Keywords print upper case, names as the lexer
// normalized them, strings re-escaped; parentheses the user wrote are kept as `.nested`, and
// parentheses a built tree needs are added by precedence.

public enum SQLPrinter {
    public static func print(_ statement: Statement) -> String { StatementPrinter.print(statement) }

    public static func print(_ expression: Expression) -> String {
        switch expression {
        case .literal(let literal): return print(literal)
        case .column(let parts): return parts.map(\.sql).joined(separator: ".")
        case .star(let qualifier): return qualifier.isEmpty ? "*" : qualifier.map(\.sql).joined(separator: ".") + ".*"
        case .variable(let name): return "$" + name
        case .positional(let n): return "$\(n)"
        case .bind(let name): return name.isEmpty ? "?" : ":" + name
        case .unary(let op, let operand):
            // Each operand is printed once: printing it twice per level made NOT NOT … exponential.
            switch op {
            case .not: return "NOT " + child(operand, of: 3, right: false)
            case .minus, .plus:
                let inner = child(operand, of: 7, right: false)
                return op.rawValue + (inner.hasPrefix("-") || inner.hasPrefix("+") ? " " : "") + inner
            }
        case .binary(let op, let left, let right):
            return child(left, of: op.precedence, right: false) + " " + op.rawValue + " " + child(right, of: op.precedence, right: true)
        case .function(let call): return print(call)
        case .cast(let value, let type, let style):
            switch style {
            case .cast: return "CAST(\(print(value)) AS \(type))"
            case .tryCast: return "TRY_CAST(\(print(value)) AS \(type))"
            case .doubleColon: return child(value, of: 8, right: false) + "::" + type.description
            }
        case .caseWhen(let operand, let branches, let otherwise):
            var out = "CASE"
            if let operand { out += " " + print(operand) }
            for branch in branches { out += " WHEN \(print(branch.condition)) THEN \(print(branch.result))" }
            if let otherwise { out += " ELSE " + print(otherwise) }
            return out + " END"
        case .isNull(let value, let negated):
            return child(value, of: 4, right: false) + (negated ? " IS NOT NULL" : " IS NULL")
        case .isDistinctFrom(let left, let right, let negated):
            return child(left, of: 4, right: false) + (negated ? " IS NOT DISTINCT FROM " : " IS DISTINCT FROM ") + child(right, of: 4, right: true)
        case .inList(let value, let items, let negated):
            return child(value, of: 4, right: false) + (negated ? " NOT IN (" : " IN (") + items.map(print).joined(separator: ", ") + ")"
        case .inQuery(let value, let query, let negated):
            return child(value, of: 4, right: false) + (negated ? " NOT IN (" : " IN (") + print(query) + ")"
        case .referencedCall(let reference, let call):
            return "REFERENCE(" + reference.map(print).joined(separator: ", ") + ")" + print(call)
        case .quantified(let value, let op, let quantifier, let query):
            return child(value, of: 4, right: false) + " \(op.rawValue) \(quantifier.rawValue) (" + print(query) + ")"
        case .between(let value, let low, let high, let negated):
            return child(value, of: 4, right: false) + (negated ? " NOT BETWEEN " : " BETWEEN ")
                + child(low, of: 4, right: true) + " AND " + child(high, of: 4, right: true)
        case .like(let value, let pattern, let kind, let negated, let escape):
            var out = child(value, of: 4, right: false) + (negated ? " NOT " : " ") + kind.rawValue + " " + child(pattern, of: 4, right: true)
            if let escape { out += " ESCAPE " + child(escape, of: 4, right: true) }
            return out
        case .likeAny(let value, let patterns, let kind, let negated):
            return child(value, of: 4, right: false) + (negated ? " NOT " : " ") + kind.rawValue + " ANY ("
                + patterns.map(print).joined(separator: ", ") + ")"
        case .exists(let query): return "EXISTS (\(print(query)))"
        case .subquery(let query): return "(\(print(query)))"
        case .nested(let inner): return "(\(print(inner)))"
        case .path(let base, let steps):
            var out = child(base, of: 8, right: false)
            for (i, step) in steps.enumerated() {
                switch step {
                case .key(let key): out += (i == 0 ? ":" : ".") + pathKey(key)
                case .index(let n): out += "[\(n)]"
                }
            }
            return out
        case .element(let base, let index): return child(base, of: 8, right: false) + "[" + print(index) + "]"
        }
    }

    public static func print(_ literal: Literal) -> String {
        switch literal {
        case .number(let text): return text
        case .string(let s): return quoteString(s)
        case .boolean(let b): return b ? "TRUE" : "FALSE"
        case .null: return "NULL"
        }
    }

    public static func print(_ call: FunctionCall) -> String {
        // EXTRACT(part FROM e) prints as written; the parser makes it a two-argument call.
        if call.name.count == 1, call.baseName == "EXTRACT", call.arguments.count == 2, call.arguments.allSatisfy({ $0.name == nil }),
           !call.distinct, !call.star, call.over == nil, call.withinGroup.isEmpty, call.ignoreNulls == nil {
            let extract = "EXTRACT(" + print(call.arguments[0].value) + " FROM " + print(call.arguments[1].value) + ")"
            switch call.arguments[0].value {
            case .column(let parts) where parts.count == 1 && !parts[0].quoted: return extract
            case .literal(.string): return extract
            default: break
            }
        }
        var out = call.name.map(\.sql).joined(separator: ".") + "("
        if call.star { out += "*" } else {
            if call.distinct { out += "DISTINCT " }
            out += call.arguments.map { argument in
                (argument.name.map { $0 + " => " } ?? "") + print(argument.value)
            }.joined(separator: ", ")
        }
        out += ")"
        if let ignore = call.ignoreNulls { out += ignore ? " IGNORE NULLS" : " RESPECT NULLS" }
        if !call.withinGroup.isEmpty { out += " WITHIN GROUP (ORDER BY " + print(call.withinGroup) + ")" }
        if let over = call.over { out += " OVER (" + print(over) + ")" }
        return out
    }

    static func print(_ window: WindowSpec) -> String {
        var parts: [String] = []
        if !window.partitionBy.isEmpty { parts.append("PARTITION BY " + window.partitionBy.map(print).joined(separator: ", ")) }
        if !window.orderBy.isEmpty { parts.append("ORDER BY " + print(window.orderBy)) }
        if let frame = window.frame {
            if let end = frame.end {
                parts.append("\(frame.units.rawValue) BETWEEN \(frame.start.sql) AND \(end.sql)")
            } else {
                parts.append("\(frame.units.rawValue) \(frame.start.sql)")
            }
        }
        return parts.joined(separator: " ")
    }

    static func print(_ items: [OrderItem]) -> String {
        items.map { item in
            var out = print(item.expression)
            if item.descending { out += " DESC" }
            if let first = item.nullsFirst { out += first ? " NULLS FIRST" : " NULLS LAST" }
            return out
        }.joined(separator: ", ")
    }

    public static func print(_ query: Query) -> String { QueryPrinter.print(query) }

    // MARK: - Quoting

    /// `'…'` with `'` doubled and backslashes escaped, so the lexer reads back the same string.
    public static func quoteString(_ s: String) -> String {
        var out = "'"
        for ch in s {
            switch ch {
            case "'": out += "''"
            case "\\": out += "\\\\"
            default: out.append(ch)
            }
        }
        return out + "'"
    }

    /// `"…"` with `"` doubled.
    public static func quoteIdentifier(_ name: String) -> String {
        var out = "\""
        for ch in name {
            if ch == "\"" { out += "\"\"" } else { out.append(ch) }
        }
        return out + "\""
    }

    static func pathKey(_ key: String) -> String {
        guard let first = key.unicodeScalars.first,
              first == "_" || ("A"..."Z").contains(first) || ("a"..."z").contains(first),
              key.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" })
        else { return quoteIdentifier(key) }
        return key
    }

    // MARK: - Precedence

    /// How tightly an expression binds when printed bare.
    static func precedence(_ e: Expression) -> Int {
        switch e {
        case .binary(let op, _, _): return op.precedence
        case .unary(.not, _): return 3
        case .isNull, .isDistinctFrom, .inList, .inQuery, .quantified, .between, .like, .likeAny: return 4
        case .unary: return 7
        default: return 9
        }
    }

    static func child(_ e: Expression, of parent: Int, right: Bool) -> String {
        let p = precedence(e)
        let needs = right ? p <= parent && p < 9 : p < parent
        return needs ? "(" + print(e) + ")" : print(e)
    }
}
