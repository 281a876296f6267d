// Translator+UserFunctions: calling a SQL UDF. A call no built-in function takes (built-ins come
// first, as Snowflake resolves them) names a user function: unqualified in the current schema, then
// PUBLIC (as CALL finds procedures), or qualified `s.f` / `db.s.f`. Of the function's overloads,
// the one whose argument types fit best is chosen (UserFunctionSignatures.swift); the caller needs
// USAGE on it (an invisible one is 002140 `Unknown function`).
//
// The call is inlined: its body, translated where the function lives and with its owner's rights
// (as a view is), with each parameter standing for its argument cast to the declared type, and the
// result cast to the declared return type. An argument is substituted where the body names it, so
// an aggregate argument stays an aggregate of the calling query; an argument whose value may change
// between evaluations (RANDOM(), a sequence's NEXTVAL…) that the body names more than once is
// computed once, in a one-row derived table the body reads from. A function whose expansion reaches
// itself again is refused (recursion), never expanded without end.
// https://docs.snowflake.com/en/developer-guide/udf/sql/udf-sql-scalar-functions

import GRDB
import SnowSQL

/// One translated argument of a call, and whether its value may differ between two evaluations.
struct UserFunctionArgument {
    var sql: TypedSQL
    var name: String?
    var isVolatile: Bool
}

extension Translator {
    /// How deep user functions may nest inside each other's bodies.
    static let maximumFunctionDepth = 32

    /// A call of a user scalar function, inlined (or 002140 when no function has that name).
    func userFunctionCall(_ call: FunctionCall, _ scope: Scope) throws -> TypedSQL {
        let written = call.name.map(\.sql).joined(separator: ".")
        if call.star || call.distinct || call.over != nil || !call.withinGroup.isEmpty {
            // Only aggregate and window functions take these; a SQL UDF is neither.
            guard try findUserFunctions(call.name) != nil else { throw SnowflakeError.unknownFunction(written) }
            throw SnowflakeError.compilationError("Function \(written) is not an aggregate or window function")
        }
        guard let candidates = try findUserFunctions(call.name) else {
            if let cortex = SnowflakeOnlyFunctions.cortexFunction(call.name) { throw SnowflakeError.needsSnowflake(cortex) }
            throw SnowflakeError.unknownFunction(written)
        }
        let arguments = try call.arguments.map { argument in
            try translatedArgument(argument, scope)
        }
        let function = try chooseSignature(candidates, arguments, written: written)
        if function.isTable { throw SnowflakeError.tableFunctionAsScalar(function.baseName) }
        try requireCallable(function, written: written)
        let parameters = try parameterValues(function, arguments)
        return try inlineScalar(function, parameters, caller: scope)
    }

    /// An argument translated in the caller's scope, with whether it made the query volatile.
    func translatedArgument(_ argument: FunctionArgument, _ scope: Scope) throws -> UserFunctionArgument {
        let before = isVolatile
        isVolatile = false
        defer { isVolatile = isVolatile || before }
        let sql = try expression(argument.value, scope)
        // A sequence's NEXTVAL takes a new value each time it is evaluated, though it is not marked volatile.
        return UserFunctionArgument(sql: sql, name: argument.name, isVolatile: isVolatile || sql.sql.contains("sf_nextval("))
    }

    /// USAGE on the function (its schema reached); only SQL functions run here.
    func requireCallable(_ function: StoredFunction, written: String) throws {
        try access.require(.usage, on: function.record, missing: SnowflakeError.unknownFunction(written))
        guard function.language == "SQL" else {
            throw SnowflakeError.unsupported(
                "calling a LANGUAGE \(function.language) function (\(function.baseName)): Snowlite runs SQL functions only")
        }
    }

    /// Each parameter's value in the declared order: the argument written for it (by position, or
    /// `name => value`), else its DEFAULT translated where the function lives, cast to its type.
    func parameterValues(_ function: StoredFunction, _ arguments: [UserFunctionArgument]) throws -> [UserFunctionArgument] {
        let named = arguments.contains { $0.name != nil }
        return try function.arguments.enumerated().map { index, parameter in
            let given = named ? arguments.first { $0.name == parameter.name } : (index < arguments.count ? arguments[index] : nil)
            if var given {
                given.sql = Cast.convert(given.sql, to: parameter.type)
                return given
            }
            guard let text = parameter.defaultText else {
                throw SnowflakeError.noFunctionSignature(function.baseName, arguments.map(\.sql.type.canonicalName))
            }
            let expression: SnowSQL.Expression
            do throws(SyntaxError) { expression = try Parser.parseStandaloneExpression(text) } catch { throw SnowflakeError.syntax(error) }
            let value = try inFunctionContext(function) { try self.translatedArgument(FunctionArgument(value: expression), Scope(parent: nil)) }
            return UserFunctionArgument(sql: Cast.convert(value.sql, to: parameter.type), name: parameter.name, isVolatile: value.isVolatile)
        }
    }

    /// `body` translated where `function` lives, with its owner's rights, inside the recursion check.
    func inFunctionContext<T>(_ function: StoredFunction, _ body: () throws -> T) throws -> T {
        let key = function.routineName
        if expandingFunctions.contains(key) {
            throw SnowflakeError.recursiveFunction(expandingFunctions.map(Translator.shortName) + [Translator.shortName(key)])
        }
        guard expandingFunctions.count < Translator.maximumFunctionDepth else {
            throw SnowflakeError.compilationError("User functions are nested more than \(Translator.maximumFunctionDepth) levels deep")
        }
        let saved = (database, schema, cteStack, accessRole)
        database = function.record.database
        schema = function.record.schema
        cteStack = []
        accessRole = function.record.owner  // the body reads with its owner's privileges, as a view does
        expandingFunctions.append(key)
        defer {
            (database, schema, cteStack, accessRole) = saved
            expandingFunctions.removeLast()
        }
        return try body()
    }

    /// `DB.S.F(NUMBER)` → `F(NUMBER)` for messages.
    static func shortName(_ routine: String) -> String {
        guard let open = routine.firstIndex(of: "(") else { return routine }
        let head = routine[..<open]
        return String(head.split(separator: ".").last ?? head) + routine[open...]
    }

    /// A SQL function's body as one expression: the text as an expression, or a query as a scalar subquery.
    static func functionBody(_ function: StoredFunction) throws -> SnowSQL.Expression {
        guard let text = function.body else { throw SnowflakeError.invalidFunctionBody(function.baseName, "it has no body") }
        if let expression = try? Parser.parseStandaloneExpression(text) { return expression }
        guard case .query(let query) = try Session.parseSingle(text) else {
            throw SnowflakeError.invalidFunctionBody(function.baseName, "it must be one expression or one query")
        }
        return .subquery(query)
    }

    /// The body with the parameters standing for their values, cast to the return type. `caller`:
    /// the scope of the call, whose rows a once-computed value must be computed again for.
    func inlineScalar(_ function: StoredFunction, _ parameters: [UserFunctionArgument], caller: Scope?) throws -> TypedSQL {
        let body = try Translator.functionBody(function)
        let alias = nextAlias("u")
        let sqlName = { (i: Int) in "p\(i + 1)" }
        return try inFunctionContext(function) {
            // First pass: volatile values as columns of the one-row table `alias`, the rest substituted.
            let once = parameters.contains { $0.isVolatile }
            var result = try expression(body, parameterScope(function, parameters, alias: alias, volatileAsColumns: once))
            if once {
                let reads = parameters.indices.map { i in result.sql.components(separatedBy: "\(alias).\(quote(sqlName(i)))").count - 1 }
                let repeated = parameters.indices.filter { parameters[$0].isVolatile && reads[$0] > 1 }
                if repeated.isEmpty {
                    result = try expression(body, parameterScope(function, parameters, alias: alias, volatileAsColumns: false))
                } else {
                    let columns = parameters.indices.filter { parameters[$0].isVolatile }
                        .map { parameters[$0].sql.wrapped("", " AS \(quote(sqlName($0)))") }
                    let list = TypedSQL.join(columns, separator: ", ", type: .boolean)
                    // SQLite computes a subquery that reads no outer column once per statement: naming
                    // a column of the caller's rows makes it computed again for each row.
                    let correlation = Translator.anyColumn(of: caller).map { " WHERE \($0) IS NULL OR 1" } ?? ""
                    result = TypedSQL(
                        "(SELECT \(result.sql) FROM (SELECT \(list.sql)) AS \(alias)\(correlation))",
                        result.arguments + list.arguments, type: result.type)
                }
            }
            var converted = Cast.convert(result, to: function.returnType)
            converted.nullable = true
            return converted.wrapped("(", ")")
        }
    }

    /// A plain column of the innermost relation in `scope` or its parents, as SQL; nil when none.
    static func anyColumn(of scope: Scope?) -> String? {
        var current = scope
        while let level = current {
            for relation in level.relations where !relation.sqlAlias.isEmpty {
                if let column = relation.columns.first(where: { $0.computed == nil && !$0.sqlName.isEmpty }) {
                    return relation.sqlAlias + "." + quote(column.sqlName)
                }
            }
            current = level.parent
        }
        return nil
    }

    /// The scope a body is translated in: one relation whose columns are the parameters.
    func parameterScope(
        _ function: StoredFunction, _ parameters: [UserFunctionArgument], alias: String,
        volatileAsColumns: Bool
    ) -> Scope {
        let scope = Scope(parent: nil)
        let columns = function.arguments.enumerated().map { i, parameter in
            RelationColumn(
                name: parameter.name, type: parameter.type, sqlName: "p\(i + 1)",
                computed: volatileAsColumns && parameters[i].isVolatile ? nil : parameters[i].sql.wrapped("(", ")"))
        }
        scope.relations.append(Relation(name: nil, qualifiedParts: [], sqlAlias: alias, columns: columns))
        return scope
    }

    /// A CREATE's check: the body translates with each parameter a value of its type (a UDTF's
    /// query gives as many columns as it declares). Returns the translated SQL.
    func validateFunctionBody(_ function: StoredFunction) throws -> TypedSQL {
        let placeholders = function.arguments.map { parameter in
            UserFunctionArgument(sql: TypedSQL.bound(.null, type: parameter.type), name: parameter.name, isVolatile: false)
        }
        if function.isTable {
            let query = try tableFunctionQuery(function, placeholders)
            return TypedSQL(query.sql, query.arguments, type: .boolean)
        }
        return try inlineScalar(function, placeholders, caller: nil)
    }
}
