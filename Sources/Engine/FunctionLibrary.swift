// FunctionLibrary: Snowflake functions by name — how many arguments each takes, the SQLite it
// becomes, and the type it returns. The table is data: adding a function is adding an entry.
// An unknown name is error 002140 `Unknown function NAME`.

import Foundation
import GRDB
import SnowSQL

struct FunctionDefinition: Sendable {
    var arity: ClosedRange<Int>
    /// Aggregates may take DISTINCT and an OVER clause and need no special SQL.
    var isAggregate = false
    /// Window-only functions (ROW_NUMBER…) require OVER.
    var isWindowOnly = false
    var build: @Sendable (FunctionContext) throws -> TypedSQL
}

/// What a function's builder sees: its translated arguments, the call, and the session.
struct FunctionContext {
    var name: String
    var arguments: [TypedSQL]
    var distinct: Bool
    var star: Bool
    var session: Session
    var now: Date

    func sqlite(_ function: String, type: SnowflakeType) -> TypedSQL {
        let inner = TypedSQL.join(arguments, separator: ", ", type: type)
        return inner.wrapped(function + "(" + (distinct ? "DISTINCT " : ""), ")")
    }

    var first: TypedSQL { arguments[0] }

    func text(_ value: String?) -> TypedSQL {
        TypedSQL.bound(value.map { $0.databaseValue } ?? .null, type: .string)
    }
}

enum FunctionLibrary {
    static let definitions: [String: FunctionDefinition] = {
        var d: [String: FunctionDefinition] = [:]
        func add(_ names: [String], _ arity: ClosedRange<Int>, aggregate: Bool = false, windowOnly: Bool = false,
                 _ build: @escaping @Sendable (FunctionContext) throws -> TypedSQL) {
            for name in names {
                d[name] = FunctionDefinition(arity: arity, isAggregate: aggregate, isWindowOnly: windowOnly, build: build)
            }
        }
        // Strings
        add(["UPPER"], 1...1) { $0.sqlite("upper", type: .string) }
        add(["LOWER"], 1...1) { $0.sqlite("lower", type: .string) }
        add(["LENGTH", "LEN"], 1...1) { $0.sqlite("length", type: .integer) }
        add(["TRIM"], 1...2) { $0.sqlite("trim", type: .string) }
        add(["LTRIM"], 1...2) { $0.sqlite("ltrim", type: .string) }
        add(["RTRIM"], 1...2) { $0.sqlite("rtrim", type: .string) }
        add(["REPLACE"], 2...3) { c in
            var args = c.arguments
            if args.count == 2 { args.append(TypedSQL("''", type: .string)) }
            return TypedSQL.call("replace", args, type: .string)
        }
        add(["SUBSTR", "SUBSTRING"], 2...3) { $0.sqlite("substr", type: .string) }
        add(["CONCAT"], 1...255) { $0.sqlite("sf_concat", type: .string) }
        // Conditionals
        add(["COALESCE"], 1...255) { c in c.sqlite("coalesce", type: c.arguments.first { $0.sql != "NULL" }?.type ?? .string) }
        add(["NVL", "IFNULL"], 2...2) { c in c.sqlite("coalesce", type: c.first.sql == "NULL" ? c.arguments[1].type : c.first.type) }
        add(["NULLIF"], 2...2) { c in c.sqlite("nullif", type: c.first.type) }
        add(["IFF"], 3...3) { c in
            let a = c.arguments
            return TypedSQL("CASE WHEN \(a[0].sql) THEN \(a[1].sql) ELSE \(a[2].sql) END",
                            a[0].arguments + a[1].arguments + a[2].arguments, type: a[1].sql == "NULL" ? a[2].type : a[1].type)
        }
        // Numbers
        add(["ABS"], 1...1) { c in c.sqlite("abs", type: c.first.type) }
        add(["ROUND"], 1...2) { c in
            var scale = 0
            if c.arguments.count == 2, let n = Int(c.arguments[1].sql) { scale = max(0, n) }
            if c.first.type == .float { return c.sqlite("round", type: .float) }
            return c.sqlite("sf_round", type: .number(precision: 38, scale: scale))
        }
        // Aggregates
        add(["COUNT"], 0...255, aggregate: true) { c in
            if c.star || c.arguments.isEmpty { return TypedSQL("count(*)", type: .integer) }
            if c.arguments.count == 1 { return c.sqlite("count", type: .integer) }
            // COUNT(a, b) counts rows where every argument is non-NULL.
            let test = c.arguments.map { "\($0.sql) IS NOT NULL" }.joined(separator: " AND ")
            return TypedSQL("count(CASE WHEN \(test) THEN 1 END)", c.arguments.flatMap(\.arguments), type: .integer)
        }
        add(["SUM"], 1...1, aggregate: true) { c in c.sqlite("sum", type: c.first.type.isNumeric ? c.first.type : .float) }
        add(["AVG"], 1...1, aggregate: true) { c in
            if case .number(_, let s) = c.first.type { return c.sqlite("avg", type: .number(precision: 38, scale: min(s + 6, 12))) }
            return c.sqlite("avg", type: .float)
        }
        add(["MIN"], 1...1, aggregate: true) { c in c.sqlite("min", type: c.first.type) }
        add(["MAX"], 1...1, aggregate: true) { c in c.sqlite("max", type: c.first.type) }
        add(["ANY_VALUE"], 1...1, aggregate: true) { c in c.sqlite("max", type: c.first.type) }
        // Window-only
        add(["ROW_NUMBER"], 0...0, windowOnly: true) { _ in TypedSQL("row_number()", type: .integer) }
        add(["RANK"], 0...0, windowOnly: true) { _ in TypedSQL("rank()", type: .integer) }
        add(["DENSE_RANK"], 0...0, windowOnly: true) { _ in TypedSQL("dense_rank()", type: .integer) }
        // Context and time
        add(["CURRENT_DATABASE"], 0...0) { c in c.text(c.session.currentDatabase) }
        add(["CURRENT_SCHEMA"], 0...0) { c in c.text(c.session.currentSchema) }
        add(["CURRENT_ROLE"], 0...0) { c in c.text(c.session.currentRole) }
        add(["CURRENT_WAREHOUSE"], 0...0) { c in c.text(c.session.currentWarehouse) }
        add(["CURRENT_USER"], 0...0) { c in c.text(c.session.user) }
        add(["CURRENT_ACCOUNT"], 0...0) { c in c.text(c.session.accountName) }
        add(["CURRENT_VERSION"], 0...0) { c in c.text(Session.snowflakeVersion) }
        add(["CURRENT_SESSION"], 0...0) { c in c.text(String(c.session.sessionID)) }
        add(["SYSDATE"], 0...0) { c in TypedSQL.bound(Timestamps.ntz(c.now).databaseValue, type: .timestampNTZ) }
        add(["CURRENT_TIMESTAMP", "LOCALTIMESTAMP", "GETDATE"], 0...1) { c in
            TypedSQL.bound(Timestamps.catalog(c.now).databaseValue, type: .timestampLTZ)
        }
        add(["CURRENT_DATE"], 0...0) { c in TypedSQL.bound(Timestamps.date(c.now).databaseValue, type: .date) }
        add(["GETVARIABLE"], 1...1) { c in
            guard c.first.arguments.count == 1, let name = String.fromDatabaseValue(c.first.arguments[0]) else {
                return TypedSQL("NULL", type: .string)
            }
            let value = c.session.variables[name].map { ValueCoding.databaseValue($0.value) } ?? .null
            return TypedSQL.bound(value, type: c.session.variables[name]?.type ?? .string)
        }
        // Conversion
        add(["TO_VARCHAR", "TO_CHAR"], 1...1) { c in TypedSQL.call("sf_cast", [c.first, c.text("VARCHAR(16777216)")], type: .string) }
        add(["TO_NUMBER", "TO_DECIMAL", "TO_NUMERIC"], 1...3) { c in
            TypedSQL.call("sf_cast", [c.first, c.text("NUMBER(38,0)")], type: .integer)
        }
        add(["TO_BOOLEAN"], 1...1) { c in TypedSQL.call("sf_cast", [c.first, c.text("BOOLEAN")], type: .boolean) }
        add(["UUID_STRING"], 0...0) { _ in TypedSQL("sf_uuid()", type: .string) }
        return d
    }()
}

extension Translator {
    func function(_ call: FunctionCall, _ scope: Scope) throws -> TypedSQL {
        let name = call.baseName
        guard call.name.count == 1, let definition = FunctionLibrary.definitions[name] else {
            throw SnowflakeError.unknownFunction(call.name.map(\.sql).joined(separator: "."))
        }
        let count = call.star ? 0 : call.arguments.count
        guard definition.arity.contains(count) || (call.star && name == "COUNT") else {
            throw SnowflakeError.invalidArgumentCount(function: name, given: count)
        }
        if call.distinct && !definition.isAggregate { throw SnowflakeError.compilationError("DISTINCT is not allowed in \(name)") }
        if definition.isWindowOnly && call.over == nil {
            throw SnowflakeError(code: "002062", sqlState: "42601",
                                 message: "SQL compilation error:\nWindow function type [\(name)] requires an OVER clause")
        }
        let arguments = try call.arguments.map { try expression($0.value, scope) }
        var result = try definition.build(FunctionContext(name: name, arguments: arguments, distinct: call.distinct,
                                                          star: call.star, session: session, now: session.statementTime))
        if let over = call.over {
            guard definition.isAggregate || definition.isWindowOnly else {
                throw SnowflakeError.compilationError("Function \(name) cannot be used as a window function")
            }
            let window = try windowClause(over, scope)
            result = TypedSQL(result.sql + " OVER (" + window.sql + ")", result.arguments + window.arguments, type: result.type)
        }
        return result
    }

    private func windowClause(_ spec: WindowSpec, _ scope: Scope) throws -> TypedSQL {
        var parts: [String] = []
        var arguments: [DatabaseValue] = []
        if !spec.partitionBy.isEmpty {
            let terms = try spec.partitionBy.map { try expression($0, scope) }
            parts.append("PARTITION BY " + terms.map(\.sql).joined(separator: ", "))
            arguments += terms.flatMap(\.arguments)
        }
        if !spec.orderBy.isEmpty {
            var terms: [String] = []
            for item in spec.orderBy {
                let term = try expression(item.expression, scope)
                terms.append(orderTerm(term.sql, item))
                arguments += term.arguments
            }
            parts.append("ORDER BY " + terms.joined(separator: ", "))
        }
        if let frame = spec.frame {
            parts.append(frame.units.rawValue + " BETWEEN " + frame.start.sql + " AND " + (frame.end ?? .currentRow).sql)
        }
        return TypedSQL(parts.joined(separator: " "), arguments, type: .boolean)
    }
}
