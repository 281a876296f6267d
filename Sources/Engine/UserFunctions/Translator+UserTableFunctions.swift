// Translator+UserTableFunctions: calling a SQL UDTF (`RETURNS TABLE (…)`) in FROM —
// `SELECT * FROM TABLE(f(1))`. Its body query is translated where the function lives, with its
// owner's rights, each parameter standing for its argument cast to the declared type; the result
// columns are the declared ones, each cast to its declared type.
//
// Arguments that read no column of another FROM item are one derived table. An argument that
// reads a column of a FROM item before it (`FROM t, TABLE(f(t.x))`, which Snowflake joins
// laterally) cannot be a SQLite derived table, which sees no sibling: the function's rows for each
// input row are then gathered by a correlated subquery into one JSON array of rows, which
// `json_each` — a table-valued function that may read the columns before it, as FLATTEN does —
// turns back into rows. Values cross JSON there, so BINARY columns are refused in that form.
// https://docs.snowflake.com/en/developer-guide/udf/sql/udf-sql-tabular-functions

import GRDB
import SnowSQL

extension Translator {
    /// `TABLE(f(args))` for a user table function (or 002141 when there is none by that name).
    func userTableFunction(_ call: FunctionCall, alias: TableAlias?, _ scope: Scope) throws -> TypedSQL {
        let written = call.name.map(\.sql).joined(separator: ".")
        guard let candidates = try findUserFunctions(call.name) else { throw SnowflakeError.unknownTableFunction(written) }
        // First without the FROM items beside this one; an argument that needs them makes the call lateral.
        var lateral = false
        var arguments: [UserFunctionArgument]
        do {
            let outer = Scope(parent: scope.parent)
            arguments = try call.arguments.map { try translatedArgument($0, outer) }
        } catch is InvalidIdentifier {
            lateral = true
            arguments = try call.arguments.map { try translatedArgument($0, scope) }
        }
        let function = try chooseSignature(candidates, arguments, written: written)
        guard function.isTable else { throw SnowflakeError.unknownTableFunction(written) }
        try requireCallable(function, written: written)
        let query = try tableFunctionQuery(function, try parameterValues(function, arguments))
        let sqlAlias = nextAlias()
        let names = function.columns.enumerated().map { i, column in
            alias.flatMap { i < $0.columns.count ? $0.columns[i].name : nil } ?? column.name
        }
        guard lateral else {
            let columns = function.columns.enumerated().map { i, column in
                RelationColumn(name: names[i], type: column.type, sqlName: query.sqlNames[i])
            }
            scope.relations.append(
                Relation(
                    name: alias?.name.name ?? function.baseName, qualifiedParts: [], sqlAlias: sqlAlias,
                    columns: columns))
            return TypedSQL("(\(query.sql)) AS \(sqlAlias)", query.arguments, type: .boolean)
        }
        if let binary = function.columns.first(where: { if case .binary = $0.type { return true } else { return false } }) {
            throw SnowflakeError.unsupported("a BINARY column (\(binary.name)) of a table function whose arguments read another FROM item")
        }
        let inner = nextAlias("l")
        let row = "json_array(" + query.sqlNames.map { "\(inner).\(quote($0))" }.joined(separator: ", ") + ")"
        let rows = "(SELECT json_group_array(\(row)) FROM (\(query.sql)) AS \(inner))"
        let columns = function.columns.enumerated().map { i, column in
            RelationColumn(
                name: names[i], type: column.type, sqlName: "",
                computed: TypedSQL("(\(sqlAlias).value ->> '$[\(i)]')", type: column.type))
        }
        scope.relations.append(
            Relation(
                name: alias?.name.name ?? function.baseName, qualifiedParts: [], sqlAlias: sqlAlias,
                columns: columns))
        return TypedSQL("json_each(\(rows)) AS \(sqlAlias)", query.arguments, type: .boolean)
    }

    /// A UDTF's body query with its parameters bound, its columns renamed c1… and cast to the declared types.
    func tableFunctionQuery(_ function: StoredFunction, _ parameters: [UserFunctionArgument]) throws -> TranslatedQuery {
        guard let text = function.body else { throw SnowflakeError.invalidFunctionBody(function.baseName, "it has no body") }
        guard case .query(let query) = try Session.parseSingle(text) else {
            throw SnowflakeError.invalidFunctionBody(function.baseName, "a table function's body must be one query")
        }
        let inner = try inFunctionContext(function) {
            try translate(query, parent: parameterScope(function, parameters, alias: nextAlias("u"), volatileAsColumns: false))
        }
        guard inner.columns.count == function.columns.count else {
            throw SnowflakeError.tableFunctionColumnCount(function.baseName, declared: function.columns.count, got: inner.columns.count)
        }
        let source = nextAlias("b")
        let names = function.columns.indices.map { "c\($0 + 1)" }
        let list = function.columns.enumerated().map { i, column in
            Cast.convert(TypedSQL("\(source).\(quote(inner.sqlNames[i]))", type: inner.columns[i].type), to: column.type)
                .wrapped("", " AS \(quote(names[i]))")
        }
        let select = TypedSQL.join(list, separator: ", ", type: .boolean)
        return TranslatedQuery(
            sql: "SELECT \(select.sql) FROM (\(inner.sql)) AS \(source)", arguments: select.arguments + inner.arguments,
            columns: function.columns.map { ResultColumn($0.name, $0.type) }, sqlNames: names)
    }
}
