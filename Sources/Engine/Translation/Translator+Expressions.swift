// Translator+Expressions: scalar expressions to SQLite, each typed as Snowflake types it.
// Literals and session variables travel as bound values; operators that SQLite treats
// differently from Snowflake (integer division, NULL ordering, string concatenation of
// numbers) go through Snowlite's own SQL functions (SQLFunctions.swift).

import GRDB
import SnowSQL

extension Translator {
    func expression(_ e: Expression, _ scope: Scope) throws -> TypedSQL {
        switch e {
        case .literal(let literal):
            return Translator.literal(literal)
        case .column(let parts):
            let names = parts.map(\.name)
            if let (relation, column) = try scope.resolve(names) {
                noteColumnUse(of: relation.sqlAlias)
                return Translator.reference(to: column, of: relation)
            }
            // In a script's own expressions (`x := y + 1`) a bare name may be a variable.
            // (`row.column` names a field of a FOR loop's row.)
            if names.count <= 2, session.bareVariables, let variable = session.bindings[names.joined(separator: ".")] {
                return TypedSQL.bound(ValueCoding.databaseValue(variable.value), type: variable.type)
            }
            // Snowflake lets later clauses use a select-list alias.
            if names.count == 1, let aliased = scope.aliases[names[0]], !scope.expanding.contains(names[0]) {
                scope.expanding.insert(names[0])
                defer { scope.expanding.remove(names[0]) }
                return try expression(aliased, scope)
            }
            // `seq.NEXTVAL` names a sequence, not a column.
            if let next = try sequenceNextValue(names) { return next }
            throw InvalidIdentifier(name: parts.map(\.sql).joined(separator: "."))
        case .star:
            throw SnowflakeError.compilationError("'*' is not allowed here")
        case .variable(let name):
            markVolatile()
            guard let variable = session.variables[name] else { throw UndefinedVariable(name: name) }
            var bound = TypedSQL.bound(ValueCoding.databaseValue(variable.value), type: variable.type)
            bound.nullable = true  // SET may change it before the same text runs again
            return bound
        case .positional(let n):
            return try positional(n, scope)
        case .bind(let name):
            guard let variable = session.bindings[name] else {
                // A driver describes `INSERT … VALUES (?, ?)` before it has values to bind.
                if describing { return TypedSQL("NULL", type: .string) }
                throw SnowflakeError.bindVariableNotSet(name.isEmpty ? "?" : ":" + name)
            }
            // A bind's value changes from run to run of the same text: never known non-NULL.
            var bound = TypedSQL.bound(ValueCoding.databaseValue(variable.value), type: variable.type)
            bound.nullable = true
            return bound
        case .unary(let op, let operand):
            let inner = try expression(operand, scope)
            switch op {
            case .not: return inner.wrapped("(NOT ", ")", type: .boolean, nullable: inner.nullable)
            case .minus: return inner.wrapped("(-", ")", nullable: inner.nullable)
            case .plus: return inner
            }
        case .binary(let op, let left, let right):
            return try binary(op, try expression(left, scope), try expression(right, scope))
        case .function(let call):
            return try function(call, scope)
        case .cast(let value, let typeName, let style):
            let target = try Translator.dataType(typeName)
            let converted = Cast.convert(try expression(value, scope), to: target, isTry: style == .tryCast)
            return try noteCast(value, to: target, isTry: style == .tryCast, converted, scope)
        case .caseWhen(let operand, let branches, let otherwise):
            return caseWhen(operand: try operand.map { try expression($0, scope) },
                            branches: try branches.map { (try expression($0.condition, scope), try expression($0.result, scope)) },
                            otherwise: try otherwise.map { try expression($0, scope) })
        case .isNull(let value, let negated):
            return try expression(value, scope).wrapped("(", negated ? " IS NOT NULL)" : " IS NULL)", type: .boolean)
        case .isDistinctFrom(let left, let right, let negated):
            let l = try expression(left, scope), r = try expression(right, scope)
            return TypedSQL("(\(l.sql) \(negated ? "IS" : "IS NOT") \(r.sql))", l.arguments + r.arguments, type: .boolean)
        case .inList(let value, let items, let negated):
            return inList(try expression(value, scope), try items.map { try expression($0, scope) }, negated: negated)
        case .inQuery(let value, let query, let negated):
            return inQuery(try expression(value, scope), try translate(query, parent: scope), negated: negated)
        case .referencedCall(let reference, let call):
            return try referencedFunctionCall(reference, call, scope)
        case .quantified(let value, let op, let quantifier, let query):
            return try quantified(try expression(value, scope), op, quantifier, try translate(query, parent: scope))
        case .between(let value, let low, let high, let negated):
            return between(try expression(value, scope), try expression(low, scope), try expression(high, scope), negated: negated)
        case .like(let value, let pattern, let kind, let negated, let escape):
            let v = try expression(value, scope), p = try expression(pattern, scope)
            var parts = [v, p]
            if let escape { parts.append(try expression(escape, scope)) }
            let function = kind == .rlike ? "sf_rlike" : (kind == .ilike ? "sf_ilike" : "sf_like")
            let call = TypedSQL.call(function, parts, type: .boolean)
            return negated ? call.wrapped("(NOT ", ")") : call
        case .likeAny(let value, let patterns, let kind, let negated):
            let v = try expression(value, scope)
            let function = kind == .rlike ? "sf_rlike" : (kind == .ilike ? "sf_ilike" : "sf_like")
            let tests = try patterns.map { TypedSQL.call(function, [v, try expression($0, scope)], type: .boolean) }
            let any = TypedSQL.join(tests, separator: " OR ", type: .boolean).wrapped("(", ")")
            return negated ? any.wrapped("(NOT ", ")") : any
        case .exists(let query):
            let q = try translate(query, parent: scope)
            return TypedSQL("EXISTS (\(q.sql))", q.arguments, type: .boolean)
        case .subquery(let query):
            let q = try translate(query, parent: scope)
            guard q.columns.count == 1 else {
                throw SnowflakeError.compilationError("Subquery returns \(q.columns.count) columns where 1 is expected")
            }
            return TypedSQL("(SELECT sf_single_row(\(quote(q.sqlNames[0]))) FROM (\(q.sql)))", q.arguments, type: q.columns[0].type)
        case .nested(var inner):
            // `((x))` is `(x)`: parentheses written twice add nothing, and SQLite 3.40's parser
            // refuses SQL nested about 100 levels deep.
            while case .nested(let next) = inner { inner = next }
            let value = try expression(inner, scope)
            return value.wrapped("(", ")", nullable: value.nullable)
        case .path(let base, let steps):
            return try notePath(base, steps, try path(try expression(base, scope), steps), scope)
        case .element(let base, let index):
            let b = try semiStructured(try expression(base, scope), function: "GET")
            return TypedSQL.call("sf_get", [b, try expression(index, scope)], type: .variant)
        }
    }

    /// A column of a relation in scope, as its relation holds it: an empty alias writes the bare
    /// column (index expressions cannot be qualified), a computed column its own SQL.
    static func reference(to column: RelationColumn, of relation: Relation) -> TypedSQL {
        if let computed = column.computed { return computed }
        let prefix = relation.sqlAlias.isEmpty ? "" : relation.sqlAlias + "."
        return TypedSQL(prefix + quote(column.sqlName), type: column.type, nullable: column.nullable)
    }

    /// `$n`: the n-th column of the FROM clause's one source (a VALUES list, a subquery, a table),
    /// counted from 1. Without a FROM clause, or past its last column, `$n` names nothing (000904);
    /// over a join it is refused rather than guessed at.
    /// https://docs.snowflake.com/en/sql-reference/sql/select#parameters
    func positional(_ n: Int, _ scope: Scope) throws -> TypedSQL {
        guard let relation = scope.relations.first else { throw InvalidIdentifier(name: "$\(n)") }
        guard scope.relations.count == 1 else { throw SnowflakeError.unsupported("$\(n) over a join") }
        // A staged CSV file's record may be shorter than the widest: past its fields, $n is NULL.
        if let width = relation.stagedWidth, n > width, n >= 1 { return TypedSQL("NULL", type: .string) }
        guard n >= 1, n <= relation.columns.count else { throw InvalidIdentifier(name: "$\(n)") }
        noteColumnUse(of: relation.sqlAlias)
        return Translator.reference(to: relation.columns[n - 1], of: relation)
    }

    /// `v:a.b[0]`: SQLite's `->` with a literal JSON path when every key is a plain name, so an
    /// expression index on the same path serves it; a runtime lookup with a bound path otherwise.
    func path(_ base: TypedSQL, _ steps: [PathStep]) throws -> TypedSQL {
        let b = try semiStructured(base, function: "GET_PATH")
        var literal = "$"
        var snowflakePath = ""
        var plain = true
        for step in steps {
            switch step {
            case .key(let key):
                snowflakePath += (snowflakePath.isEmpty ? "" : ".") + SQLPrinter.quoteIdentifier(key)
                if Translator.isPathSafe(key) {
                    literal += key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) && !(key.first?.isNumber ?? true)
                        ? "." + key : ".\"" + key + "\""
                } else {
                    plain = false
                }
            case .index(let n):
                literal += "[\(n)]"
                snowflakePath += "[\(n)]"
            }
        }
        if plain { return TypedSQL("(\(b.sql) -> '\(literal)')", b.arguments, type: .variant) }
        return TypedSQL.call("sf_get_path", [b, TypedSQL.bound(snowflakePath.databaseValue, type: .string)], type: .variant)
    }

    /// Keys that may stand in a literal JSON path: ASCII letters, digits, `_`, `-`, blanks and `$`
    /// — nothing that could end the path or the SQL string it sits in.
    static func isPathSafe(_ key: String) -> Bool {
        !key.isEmpty && key.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "_- $".unicodeScalars.contains($0)
        }
    }

    /// Path access needs a VARIANT, OBJECT or ARRAY.
    func semiStructured(_ value: TypedSQL, function: String) throws -> TypedSQL {
        guard value.type.isSemiStructured || value.sql == "NULL" else {
            throw SnowflakeError.invalidArgumentTypes(function: function, [value.type.canonicalName, "VARCHAR(\(SnowflakeType.maxVarchar))"], position: 0)
        }
        return value
    }

    /// A literal, bound (a number that fits 64 bits and a boolean are written out); every literal
    /// but NULL is known never to be NULL.
    static func literal(_ literal: Literal) -> TypedSQL {
        switch literal {
        case .number(let text):
            if text.contains("e") || text.contains("E") {
                return TypedSQL.bound((Double(text) ?? 0).databaseValue, type: .float)
            }
            if let dot = text.firstIndex(of: ".") {
                let scale = text.distance(from: dot, to: text.endIndex) - 1
                return TypedSQL.bound((Double(text) ?? 0).databaseValue, type: .number(precision: 38, scale: scale))
            }
            if let i = Int64(text) { return TypedSQL("\(i)", type: .integer, nullable: false) }
            return TypedSQL.bound((Double(text) ?? 0).databaseValue, type: .integer)
        case .string(let s): return TypedSQL.bound(s.databaseValue, type: .varchar(length: max(1, s.count)))
        case .boolean(let b): return TypedSQL(b ? "1" : "0", type: .boolean, nullable: false)
        case .null: return TypedSQL("NULL", type: .string)
        }
    }

    static func dataType(_ name: DataTypeName) throws -> SnowflakeType {
        guard let type = SnowflakeType.named(name.name, name.arguments) else {
            throw SnowflakeError.unsupportedDataType(name.name)
        }
        return type
    }

    func binary(_ op: BinaryOperator, _ l: TypedSQL, _ r: TypedSQL) throws -> TypedSQL {
        let arguments = l.arguments + r.arguments
        switch op {
        case .and, .or:
            return TypedSQL("(\(l.sql) \(op.rawValue) \(r.sql))", arguments, type: .boolean)
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
            return comparison(op, l, r)
        case .concat:
            // Each side as text, as Snowflake converts it (a BOOLEAN is 'true').
            let ls = Cast.convert(l, to: .string), rs = Cast.convert(r, to: .string)
            return TypedSQL("sf_concat(\(ls.sql), \(rs.sql))", ls.arguments + rs.arguments, type: .string)
        case .add, .subtract, .multiply, .modulo:
            let type = arithmeticType(op, l.type, r.type)
            let sql = op == .modulo ? "sf_mod(\(l.sql), \(r.sql))" : "(\(l.sql) \(op.rawValue) \(r.sql))"
            return TypedSQL(sql, arguments, type: type)
        case .divide:
            return TypedSQL("sf_div(\(l.sql), \(r.sql))", arguments, type: arithmeticType(op, l.type, r.type))
        }
    }

    /// Snowflake's result scale rules, simplified: + and - keep the larger scale, * adds scales,
    /// / gives at least 6 more digits (up to 12); FLOAT wins over NUMBER.
    func arithmeticType(_ op: BinaryOperator, _ a: SnowflakeType, _ b: SnowflakeType) -> SnowflakeType {
        guard case .number(_, let s1) = a, case .number(_, let s2) = b else {
            if a == .float || b == .float || !a.isNumeric || !b.isNumeric { return .float }
            return .float
        }
        switch op {
        case .multiply: return .number(precision: 38, scale: min(s1 + s2, 12))
        case .divide: return .number(precision: 38, scale: max(s1, min(s1 + 6, 12)))
        default: return .number(precision: 38, scale: max(s1, s2))
        }
    }
}

/// Raised for `$NAME` with no such session variable; the session adds line and position.
struct UndefinedVariable: Error {
    var name: String
}
