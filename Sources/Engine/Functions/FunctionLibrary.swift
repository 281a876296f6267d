// FunctionLibrary: Snowflake functions by name — how many arguments each takes, the SQLite it
// becomes, and the type it returns. The table is data: adding a function is adding an entry, and
// it is the only table (the reference and task system functions are entries too, registered from
// their own folders). An unknown name is error 002140 `Unknown function NAME`. An entry may name
// one argument as a date or time part (`DATEADD(day, …)`, `DATE_TRUNC('month', …)`): that
// argument is read as a word, never translated as a column, and reaches the builder as
// `FunctionContext.datePart`. An entry says whether its value depends on when, by whom or how
// often it is called (`volatile`): a query calling one is never answered from the result cache.
// A few entries act while their query is translated, on constant arguments (`addActions`).

import Foundation
import GRDB
import SnowSQL

struct FunctionDefinition: Sendable {
    var arity: ClosedRange<Int>
    /// Aggregates may take DISTINCT and an OVER clause and need no special SQL.
    var isAggregate = false
    /// Window-only functions (ROW_NUMBER…) require OVER.
    var isWindowOnly = false
    /// The position of an argument that names a date or time part, written as a bare word (`day`)
    /// or a string literal (`'day'`) and accepted in any of Snowflake's spellings (DatePart.named).
    var datePartArgument: Int?
    /// Whether `WITHIN GROUP (ORDER BY …)` is allowed (LISTAGG, ARRAY_AGG); the builder gets the
    /// translated terms as `FunctionContext.withinGroup`.
    var acceptsWithinGroup = false
    /// The frame used when OVER names none: Snowflake's FIRST_VALUE and LAST_VALUE default to the
    /// whole partition, where SQLite (and ANSI) stop at the current row.
    var defaultFrame: String?
    /// Whether its value may differ between two calls on the same data (Session+ResultCache.swift).
    var isVolatile = false
    var build: @Sendable (FunctionContext) throws -> TypedSQL
    /// For a function that acts while its query is translated (SYSTEM$REFERENCE, SYSTEM$TASK_DEPENDENTS_ENABLE…):
    /// it gets its arguments' constant text and the translator, and returns the bound result; `build` is unused.
    var act: (@Sendable (Translator, [String]) throws -> TypedSQL)?
    /// The type an acting function's value has, for a query that is only described.
    var actionType: SnowflakeType = .string
}

/// What a function's builder sees: its translated arguments, the call, and the session.
struct FunctionContext {
    var name: String
    var arguments: [TypedSQL]
    var distinct: Bool
    var star: Bool
    var session: Session
    var now: Date
    /// The part named by the definition's `datePartArgument`; its slot in `arguments` holds the
    /// part's name as a bound string.
    var datePart: DatePart? = nil
    /// `WITHIN GROUP (ORDER BY …)`, translated.
    var withinGroup: [OrderTerm] = []
    /// Whether the call has an OVER clause.
    var isWindow = false
    /// The row number of the TABLE(GENERATOR(…)) the call is over, if any (SEQ1…SEQ8, RANDOM(seed)).
    var generatorRow: String? = nil

    func sqlite(_ function: String, type: SnowflakeType) -> TypedSQL {
        let inner = TypedSQL.join(arguments, separator: ", ", type: type)
        return inner.wrapped(function + "(" + (distinct ? "DISTINCT " : ""), ")")
    }

    var first: TypedSQL { arguments[0] }

    func text(_ value: String?) -> TypedSQL {
        TypedSQL.bound(value.map { $0.databaseValue } ?? .null, type: .string)
    }

    /// The value of argument `index` when it is a constant (a literal or a bound value), else nil.
    func constant(_ index: Int) -> DatabaseValue? {
        guard index < arguments.count else { return nil }
        let argument = arguments[index]
        if argument.sql == "?" && argument.arguments.count == 1 { return argument.arguments[0] }
        if argument.sql == "NULL" { return .null }
        var text = argument.sql
        if text.hasPrefix("(-") && text.hasSuffix(")") { text = "-" + text.dropFirst(2).dropLast() }
        if let i = Int64(text) { return i.databaseValue }
        if text.hasPrefix("-"), argument.arguments.count == 1, text.dropFirst() == "?" {
            switch argument.arguments[0].storage {
            case .int64(let i): return (-i).databaseValue
            case .double(let d): return (-d).databaseValue
            default: return nil
            }
        }
        return nil
    }

    /// A constant integer argument (a scale, an offset), or nil when absent, not constant or out of range.
    func constantInt(_ index: Int) -> Int? {
        guard let value = constant(index) else { return nil }
        switch value.storage {
        case .int64(let i): return Int(i)
        // A constant past Int's range (1e308) is no usable integer: nil, never a trap.
        case .double(let d): return Int(exactly: d.rounded(.toNearestOrAwayFromZero))
        case .string(let s): return Int(s.trimmingCharacters(in: .whitespaces))
        default: return nil
        }
    }

    /// The date part of an interval function (DATEADD, DATEDIFF, DATE_TRUNC), which takes only
    /// the parts that measure time: week-of-year and epoch parts are refused as Snowflake does.
    func intervalPart() throws -> DatePart {
        guard let part = datePart, part.isInterval else {
            throw DatePart.invalid(datePart?.rawValue.uppercased() ?? "", function: name)
        }
        return part
    }
}

/// One `ORDER BY` term of WITHIN GROUP: the key and how it sorts, NULLs placed as Snowflake
/// places them when not said (last ascending, first descending).
struct OrderTerm {
    var key: TypedSQL
    var descending: Bool
    var nullsFirst: Bool
}

/// Collects definitions; each family of functions registers itself from its own file.
struct FunctionRegistry {
    private(set) var definitions: [String: FunctionDefinition] = [:]

    /// `volatile`: the function's value depends on when, by whom or how often it is called (SYSDATE,
    /// UUID_STRING, GETVARIABLE…). CURRENT_* and SYSTEM$* functions are volatile by their names.
    mutating func add(_ names: [String], _ arity: ClosedRange<Int>, aggregate: Bool = false, windowOnly: Bool = false,
                      datePart: Int? = nil, withinGroup: Bool = false, defaultFrame: String? = nil, volatile: Bool = false,
                      _ build: @escaping @Sendable (FunctionContext) throws -> TypedSQL) {
        for name in names {
            definitions[name] = FunctionDefinition(arity: arity, isAggregate: aggregate, isWindowOnly: windowOnly,
                                                   datePartArgument: datePart, acceptsWithinGroup: withinGroup,
                                                   defaultFrame: defaultFrame, isVolatile: volatile || Self.volatileByName(name),
                                                   build: build)
        }
    }

    /// Functions that do their work while their query is translated: their arguments must be
    /// constants (literals, binds, session variables), and `act` gets the function's name and their
    /// text. Always volatile. `types`: what each returns when not VARCHAR (a described query's type).
    mutating func addActions(_ functions: [(name: String, arity: ClosedRange<Int>)], types: [String: SnowflakeType] = [:],
                             _ act: @escaping @Sendable (Translator, String, [String]) throws -> TypedSQL) {
        for (name, arity) in functions {
            definitions[name] = FunctionDefinition(arity: arity, isVolatile: true,
                                                   build: { _ in throw SnowflakeError.internalError("\(name) acts when translated") },
                                                   act: { translator, arguments in try act(translator, name, arguments) },
                                                   actionType: types[name] ?? .string)
        }
    }

    static func volatileByName(_ name: String) -> Bool { name.hasPrefix("CURRENT_") || name.contains("$") }
}

enum FunctionLibrary {
    static let definitions: [String: FunctionDefinition] = {
        var registry = FunctionRegistry()
        registerCore(&registry)
        registerDataGeneration(&registry)
        registerSemiStructured(&registry)
        registerArrays(&registry)
        registerTypePredicates(&registry)
        registerLogging(&registry)
        registerStrings(&registry)
        registerTokens(&registry)
        registerCharacters(&registry)
        registerBinary(&registry)
        registerNumbers(&registry)
        registerDates(&registry)
        registerTimeZones(&registry)
        registerDateParts(&registry)
        registerAggregates(&registry)
        registerSession(&registry)
        registerReferences(&registry)
        registerBillingEvents(&registry)
        registerApplicationPrivileges(&registry)
        registerTaskGraphs(&registry)
        registerStreams(&registry)
        registerSnowCLI(&registry)
        return registry.definitions
    }()
}

extension Translator {
    func function(_ call: FunctionCall, _ scope: Scope) throws -> TypedSQL {
        let name = call.baseName
        guard call.name.count == 1, let definition = FunctionLibrary.definitions[name] else {
            // Built-ins come first; any other name may be a user function (UserFunctions/).
            return try userFunctionCall(call, scope)
        }
        if definition.isVolatile { markVolatile() }
        if let act = definition.act {
            guard definition.arity.contains(call.arguments.count) else {
                throw SnowflakeError.invalidArgumentCount(function: name, given: call.arguments.count)
            }
            let arguments = try call.arguments.enumerated().map { try constantText($1.value, function: name, position: $0 + 1) }
            // Described, not run: the function's type without its work.
            if describing { return TypedSQL("NULL", type: definition.actionType) }
            return try act(self, arguments)
        }
        let count = call.star ? 0 : call.arguments.count
        guard definition.arity.contains(count) || (call.star && (name == "COUNT" || name.hasPrefix("OBJECT_CONSTRUCT"))) else {
            throw SnowflakeError.invalidArgumentCount(function: name, given: count)
        }
        if call.distinct && !definition.isAggregate { throw SnowflakeError.compilationError("DISTINCT is not allowed in \(name)") }
        if definition.isAggregate && call.over == nil {
            scope.aggregates = true
            scope.aggregateCalls += 1
        }
        if definition.isWindowOnly && call.over == nil {
            throw SnowflakeError.windowFunctionRequiresOver(name)
        }
        if call.ignoreNulls == true { throw SnowflakeError.unsupported("\(name) … IGNORE NULLS") }
        if !call.withinGroup.isEmpty && !definition.acceptsWithinGroup {
            throw SnowflakeError.compilationError("WITHIN GROUP is not allowed in \(name)")
        }
        var datePart: DatePart?
        var arguments: [TypedSQL] = []
        // An aggregate's or window's arguments: SQLite 3.40 reads them from the table (Translator+SubColumnReads).
        let aggregating = definition.isAggregate || definition.isWindowOnly
        if aggregating { aggregateArgumentDepth += 1 }
        defer { if aggregating { aggregateArgumentDepth -= 1 } }
        for (index, argument) in call.arguments.enumerated() {
            if index == definition.datePartArgument {
                let part = try DatePart.argument(argument.value, function: name)
                datePart = part
                arguments.append(TypedSQL.bound(part.rawValue.databaseValue, type: .string))
            } else {
                arguments.append(try expression(argument.value, scope))
            }
        }
        let withinGroup = try call.withinGroup.map { item in
            OrderTerm(key: try expression(item.expression, scope), descending: item.descending,
                      nullsFirst: item.nullsFirst ?? item.descending)
        }
        if call.star && name.hasPrefix("OBJECT_CONSTRUCT") {
            // OBJECT_CONSTRUCT(*): every column of the FROM clause, by name.
            for relation in scope.relations {
                noteColumnUse(of: relation.sqlAlias, count: relation.columns.count)
                for column in relation.columns {
                    arguments.append(TypedSQL.bound(column.name.databaseValue, type: .string))
                    arguments.append(TypedSQL("\(relation.sqlAlias).\(quote(column.sqlName))", type: column.type))
                }
            }
        }
        var result = try definition.build(FunctionContext(name: name, arguments: arguments, distinct: call.distinct,
                                                          star: call.star && name == "COUNT", session: session,
                                                          now: session.statementTime, datePart: datePart,
                                                          withinGroup: withinGroup, isWindow: call.over != nil,
                                                          generatorRow: scope.generatorRow))
        if let over = call.over {
            guard definition.isAggregate || definition.isWindowOnly else {
                throw SnowflakeError.compilationError("Function \(name) cannot be used as a window function")
            }
            var window = try windowClause(over, scope)
            if over.frame == nil, let frame = definition.defaultFrame {
                window.sql += (window.sql.isEmpty ? "" : " ") + frame
            }
            result = TypedSQL(result.sql + " OVER (" + window.sql + ")", result.arguments + window.arguments, type: result.type,
                              nullable: result.nullable)
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
            let terms = try spec.orderBy.map { item in orderTerm(try expression(item.expression, scope), item) }
            parts.append("ORDER BY " + terms.map(\.sql).joined(separator: ", "))
            arguments += terms.flatMap(\.arguments)
        }
        if let frame = spec.frame {
            parts.append(frame.units.rawValue + " BETWEEN " + frame.start.sql + " AND " + (frame.end ?? .currentRow).sql)
        }
        return TypedSQL(parts.joined(separator: " "), arguments, type: .boolean)
    }
}
