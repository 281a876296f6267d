// Translator+Comparisons: every comparison Snowflake SQL writes — `=`, `<>`, `<`…, IN and NOT IN
// (lists and subqueries), BETWEEN, `CASE x WHEN …`, `= ANY|ALL (subquery)`, and the functions that
// compare (DECODE, EQUAL_NULL) — meets its operands in one place, `Comparison.operands`, so a VARIANT
// compared with a string, number or date is read as that type on every path, and a string compared
// with a number, date, timestamp, boolean or binary is converted to the other side's type.
// https://docs.snowflake.com/en/sql-reference/operators-comparison
// https://docs.snowflake.com/en/sql-reference/functions/in

import GRDB
import SnowSQL

enum Comparison {
    /// Two operands made comparable as Snowflake compares them. A VARIANT meeting a scalar is read as
    /// the scalar's type (`status:status = 'PAUSING'`, `v:n BETWEEN 1 AND 5`); a string meeting a
    /// number is read as a number, meeting a date, time, timestamp, boolean or binary as that type
    /// (`ts > '2024-05-01 10:00:00'`, `id = '7'`). A NULL literal takes no conversion. TIMESTAMP_TZ
    /// values (with each other, or with a TIMESTAMP_LTZ) compare as the instants they name.
    static func operands(_ l: TypedSQL, _ r: TypedSQL) -> (TypedSQL, TypedSQL) {
        let (a, b) = met(l, r)
        // TIMESTAMP_TZ values compare as instants: each side (and a TIMESTAMP_LTZ) read in UTC.
        if (a.type == .timestampTZ && (b.type == .timestampTZ || b.type == .timestampLTZ))
            || (b.type == .timestampTZ && a.type == .timestampLTZ)
        {
            return (Cast.convert(a, to: .timestampLTZ), Cast.convert(b, to: .timestampLTZ))
        }
        return (a, b)
    }

    /// The two sides converted to meet each other's type, before TIMESTAMP_TZ is read as an instant.
    private static func met(_ l: TypedSQL, _ r: TypedSQL) -> (TypedSQL, TypedSQL) {
        if l.sql == "NULL" || r.sql == "NULL" { return (l, r) }
        if l.type.isSemiStructured && !r.type.isSemiStructured { return (Cast.convert(l, to: widest(r.type)), r) }
        if r.type.isSemiStructured && !l.type.isSemiStructured { return (l, Cast.convert(r, to: widest(l.type))) }
        if l.type.isString && !r.type.isString { return (converted(l, to: r.type), r) }
        if r.type.isString && !l.type.isString { return (l, converted(r, to: l.type)) }
        return (l, r)
    }

    /// The type a VARIANT is read as to meet a value of `type`: any number as FLOAT, any string as VARCHAR.
    private static func widest(_ type: SnowflakeType) -> SnowflakeType {
        switch type {
        case .number, .float: return .float
        case .varchar: return .string
        default: return type
        }
    }

    /// A string read as the type it is compared with.
    private static func converted(_ text: TypedSQL, to other: SnowflakeType) -> TypedSQL {
        switch other {
        case .number, .float: return Cast.convert(text, to: .float)
        case .date, .time, .timestampNTZ, .timestampLTZ, .timestampTZ, .boolean, .binary: return Cast.convert(text, to: other)
        default: return text
        }
    }
}

extension Translator {
    /// `l op r` for one of the six comparison operators.
    func comparison(_ op: BinaryOperator, _ l: TypedSQL, _ r: TypedSQL) -> TypedSQL {
        let (cl, cr) = Comparison.operands(l, r)
        return TypedSQL("(\(cl.sql) \(op.rawValue) \(cr.sql))", cl.arguments + cr.arguments, type: .boolean)
    }

    /// `v [NOT] IN (a, b, …)`: SQLite's IN when the value meets every item the same way (the common
    /// case), else the equivalent `v = a OR v = b …`, which keeps SQL's NULL semantics exactly. A NULL
    /// item takes the conversion the other items chose.
    func inList(_ value: TypedSQL, _ items: [TypedSQL], negated: Bool) -> TypedSQL {
        let chosen = items.first { $0.sql != "NULL" }.map { Comparison.operands(value, $0).0 } ?? value
        let pairs = items.map { item in item.sql == "NULL" ? (chosen, item) : Comparison.operands(value, item) }
        if pairs.allSatisfy({ $0.0.sql == chosen.sql && $0.0.arguments == chosen.arguments }) {
            let list = pairs.map(\.1)
            return TypedSQL(
                "(\(chosen.sql) \(negated ? "NOT IN" : "IN") (\(list.map(\.sql).joined(separator: ", "))))",
                chosen.arguments + list.flatMap(\.arguments), type: .boolean)
        }
        let tests = pairs.map { TypedSQL("(\($0.0.sql) = \($0.1.sql))", $0.0.arguments + $0.1.arguments, type: .boolean) }
        let any = TypedSQL.join(tests, separator: " OR ", type: .boolean).wrapped("(", ")")
        return negated ? any.wrapped("(NOT ", ")") : any
    }

    /// `v [NOT] IN (SELECT c …)`: the value meets the subquery's one column as it would meet a value of its type.
    func inQuery(_ value: TypedSQL, _ query: TranslatedQuery, negated: Bool) -> TypedSQL {
        let (v, column) = Comparison.operands(value, TypedSQL(quote(query.sqlNames[0]), type: query.columns[0].type))
        return TypedSQL(
            "(\(v.sql) \(negated ? "NOT IN" : "IN") (SELECT \(column.sql) FROM (\(query.sql))))",
            v.arguments + column.arguments + query.arguments, type: .boolean)
    }

    /// `v op ANY|ALL (SELECT c …)` with SQL's three-valued answer: ANY is TRUE when some row compares
    /// TRUE, else NULL when some comparison is NULL, else FALSE (no rows: FALSE); ALL is FALSE when some
    /// row compares FALSE, else NULL when some comparison is NULL, else TRUE (no rows: TRUE).
    func quantified(_ value: TypedSQL, _ op: BinaryOperator, _ quantifier: Quantifier, _ query: TranslatedQuery) throws -> TypedSQL {
        guard query.columns.count == 1 else {
            throw SnowflakeError.compilationError("Subquery returns \(query.columns.count) columns where 1 is expected")
        }
        let test = comparison(op, value, TypedSQL(quote(query.sqlNames[0]), type: query.columns[0].type))
        func rows(where condition: String) -> TypedSQL {
            TypedSQL("EXISTS (SELECT 1 FROM (\(query.sql)) WHERE \(condition))", query.arguments + test.arguments, type: .boolean)
        }
        let decisive = rows(where: quantifier == .any ? test.sql : "NOT \(test.sql)")
        let unknown = rows(where: "\(test.sql) IS NULL")
        let (decided, otherwise) = quantifier == .any ? ("1", "0") : ("0", "1")
        return TypedSQL(
            "(CASE WHEN \(decisive.sql) THEN \(decided) WHEN \(unknown.sql) THEN NULL ELSE \(otherwise) END)",
            decisive.arguments + unknown.arguments, type: .boolean)
    }

    /// `v [NOT] BETWEEN low AND high`, each bound met as a comparison would meet it.
    func between(_ value: TypedSQL, _ low: TypedSQL, _ high: TypedSQL, negated: Bool) -> TypedSQL {
        let (vl, l) = Comparison.operands(value, low), (vh, h) = Comparison.operands(value, high)
        if vl.sql == vh.sql && vl.arguments == vh.arguments {
            return TypedSQL(
                "(\(vl.sql) \(negated ? "NOT BETWEEN" : "BETWEEN") \(l.sql) AND \(h.sql))",
                vl.arguments + l.arguments + h.arguments, type: .boolean)
        }
        let both = TypedSQL(
            "(\(vl.sql) >= \(l.sql) AND \(vh.sql) <= \(h.sql))",
            vl.arguments + l.arguments + vh.arguments + h.arguments, type: .boolean)
        return negated ? both.wrapped("(NOT ", ")") : both
    }

    /// `CASE [x] WHEN c THEN r … [ELSE e] END`, its type the branches' common type. With an operand,
    /// each `WHEN v` is the comparison `x = v`: SQLite's `CASE x WHEN v` when no branch converts x
    /// (x evaluated once), else the searched form with each comparison written out.
    func caseWhen(operand: TypedSQL?, branches: [(condition: TypedSQL, result: TypedSQL)], otherwise: TypedSQL?) -> TypedSQL {
        var sql = "CASE"
        var arguments: [DatabaseValue] = []
        var conditions = branches.map(\.condition)
        if let operand {
            let pairs = conditions.map { Comparison.operands(operand, $0) }
            if pairs.allSatisfy({ $0.0.sql == operand.sql }) {
                sql += " " + operand.sql
                arguments += operand.arguments
                conditions = pairs.map(\.1)
            } else {
                conditions = pairs.map { TypedSQL("(\($0.0.sql) = \($0.1.sql))", $0.0.arguments + $0.1.arguments, type: .boolean) }
            }
        }
        var type: SnowflakeType?
        for (condition, result) in zip(conditions, branches.map(\.result)) {
            sql += " WHEN \(condition.sql) THEN \(result.sql)"
            arguments += condition.arguments + result.arguments
            if result.sql != "NULL" { type = type.map { unify($0, result.type) } ?? result.type }
        }
        if let otherwise {
            sql += " ELSE " + otherwise.sql
            arguments += otherwise.arguments
            if otherwise.sql != "NULL" { type = type.map { unify($0, otherwise.type) } ?? otherwise.type }
        }
        return TypedSQL(sql + " END", arguments, type: type ?? .string)
    }
}
