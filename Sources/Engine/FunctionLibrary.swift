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

/// Collects definitions; each family of functions registers itself from its own file.
struct FunctionRegistry {
    private(set) var definitions: [String: FunctionDefinition] = [:]

    mutating func add(_ names: [String], _ arity: ClosedRange<Int>, aggregate: Bool = false, windowOnly: Bool = false,
                      _ build: @escaping @Sendable (FunctionContext) throws -> TypedSQL) {
        for name in names {
            definitions[name] = FunctionDefinition(arity: arity, isAggregate: aggregate, isWindowOnly: windowOnly, build: build)
        }
    }
}

enum FunctionLibrary {
    static let definitions: [String: FunctionDefinition] = {
        var registry = FunctionRegistry()
        registerCore(&registry)
        registerSemiStructured(&registry)
        return registry.definitions
    }()
}

extension Translator {
    func function(_ call: FunctionCall, _ scope: Scope) throws -> TypedSQL {
        let name = call.baseName
        guard call.name.count == 1, let definition = FunctionLibrary.definitions[name] else {
            throw SnowflakeError.unknownFunction(call.name.map(\.sql).joined(separator: "."))
        }
        let count = call.star ? 0 : call.arguments.count
        guard definition.arity.contains(count) || (call.star && (name == "COUNT" || name.hasPrefix("OBJECT_CONSTRUCT"))) else {
            throw SnowflakeError.invalidArgumentCount(function: name, given: count)
        }
        if call.distinct && !definition.isAggregate { throw SnowflakeError.compilationError("DISTINCT is not allowed in \(name)") }
        if definition.isWindowOnly && call.over == nil {
            throw SnowflakeError(code: "002062", sqlState: "42601",
                                 message: "SQL compilation error:\nWindow function type [\(name)] requires an OVER clause")
        }
        var arguments = try call.arguments.map { try expression($0.value, scope) }
        if call.star && name.hasPrefix("OBJECT_CONSTRUCT") {
            // OBJECT_CONSTRUCT(*): every column of the FROM clause, by name.
            for relation in scope.relations {
                for column in relation.columns {
                    arguments.append(TypedSQL.bound(column.name.databaseValue, type: .string))
                    arguments.append(TypedSQL("\(relation.sqlAlias).\(quote(column.sqlName))", type: column.type))
                }
            }
        }
        var result = try definition.build(FunctionContext(name: name, arguments: arguments, distinct: call.distinct,
                                                          star: call.star && name == "COUNT", session: session,
                                                          now: session.statementTime))
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
