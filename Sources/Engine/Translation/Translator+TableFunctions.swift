// Translator+TableFunctions: functions that stand in FROM — `LATERAL FLATTEN(input => …)` and
// `TABLE(FLATTEN(…))` (spec §10). FLATTEN becomes SQLite's json_each (json_tree when RECURSIVE),
// a table-valued function that may read the columns of FROM items before it, which is what
// LATERAL means. Its columns SEQ, KEY, PATH, INDEX, VALUE and THIS are computed expressions.

import GRDB
import SnowSQL

extension Translator {
    func tableFunction(_ call: FunctionCall, alias: TableAlias?, lateral: Bool, _ scope: Scope) throws -> TypedSQL {
        if call.baseName != "FLATTEN" { markVolatile() }  // their rows are not the tables' data (Session+ResultCache.swift)
        switch call.baseName {
        case "FLATTEN": return try flatten(call, alias: alias, scope)
        case "RESULT_SCAN": return try resultScan(call, alias: alias, scope)
        case "TASK_HISTORY": return try taskHistory(call, alias: alias, scope)
        case "REFERENCE": return try referencedTable(call, alias: alias, scope)
        case "EGRESS_HISTORY": return try egressHistory(call, alias: alias, scope)
        case "GENERATOR": return try generator(call, alias: alias, scope)
        case "INFER_SCHEMA": return try inferSchema(call, alias: alias, scope)
        case "COPY_HISTORY": return try copyHistory(call, alias: alias, scope)
        default: return try userTableFunction(call, alias: alias, scope)
        }
    }

    static func isOuterFlatten(_ call: FunctionCall) -> Bool {
        guard call.baseName == "FLATTEN" else { return false }
        return call.arguments.contains { $0.name == "OUTER" && $0.value == .literal(.boolean(true)) }
    }

    /// FLATTEN(INPUT => v [, PATH => 'a.b'] [, OUTER => b] [, RECURSIVE => b] [, MODE => 'OBJECT'|'ARRAY'|'BOTH'])
    private func flatten(_ call: FunctionCall, alias: TableAlias?, _ scope: Scope) throws -> TypedSQL {
        var named: [String: Expression] = [:]
        let order = ["INPUT", "PATH", "OUTER", "RECURSIVE", "MODE"]
        for (i, argument) in call.arguments.enumerated() {
            guard let name = argument.name ?? (i < order.count ? order[i] : nil), order.contains(name) else {
                throw SnowflakeError.invalidArgumentCount(function: "FLATTEN", given: call.arguments.count)
            }
            named[name] = argument.value
        }
        guard let inputExpression = named["INPUT"] else {
            throw SnowflakeError.compilationError("argument 'INPUT' to function FLATTEN needs to be specified")
        }
        var input = try expression(inputExpression, scope)
        if !input.type.isSemiStructured { input = Cast.convert(input, to: .variant) }
        // An input that reads no column (PARSE_JSON(:page)) is computed once, now: in the SQL it
        // would be evaluated again for every row's VALUE.
        do {
            input = TypedSQL.bound(try constant(inputExpression, as: input.type), type: input.type)
        } catch {
            // It reads a column (LATERAL), or cannot be computed alone: it stays in the SQL, which
            // reports any error it has when the statement runs.
        }
        var pathPrefix = ""
        if let pathExpression = named["PATH"] {
            guard case .literal(.string(let path)) = pathExpression, let steps = Variant.pathSteps(path) else {
                throw SnowflakeError.compilationError("argument 'PATH' to function FLATTEN must be a constant string")
            }
            input = try self.path(input, steps.map { step in
                switch step {
                case .key(let k): return PathStep.key(k)
                case .index(let n): return PathStep.index(n)
                }
            })
            pathPrefix = path
        }
        if named["RECURSIVE"] == .literal(.boolean(true)) {
            throw SnowflakeError.unsupported("FLATTEN with RECURSIVE => TRUE")
        }
        var mode = "BOTH"
        if let modeExpression = named["MODE"] {
            guard case .literal(.string(let text)) = modeExpression, ["OBJECT", "ARRAY", "BOTH"].contains(text.uppercased()) else {
                throw SnowflakeError.compilationError("argument 'MODE' to function FLATTEN must be 'OBJECT', 'ARRAY' or 'BOTH'")
            }
            mode = text.uppercased()
        }
        // Only objects and arrays (those MODE allows) are flattened: anything else becomes NULL,
        // for which json_each yields no row.
        let kinds = mode == "BOTH" ? "'object', 'array'" : "'\(mode.lowercased())'"
        var container = TypedSQL("(CASE WHEN json_type(\(input.sql)) IN (\(kinds)) THEN \(input.sql) END)",
                                 input.arguments + input.arguments, type: .variant)
        // SQLite's json_each, or for a computed array Snowlite's own (SQLiteCFunctions.jsonEachTable),
        // which reads a page of issues once and hands its elements to `->` as checked.
        var each = "json_each"
        if input.sql == "?", input.arguments.count == 1 {
            // A computed input's kind is read here from its canonical text (no blank before it), so
            // SQLite parses a page of issues once, for json_each, not twice.
            let first = String.fromDatabaseValue(input.arguments[0])?.utf8.first
            let flattened = (first == UInt8(ascii: "{") && mode != "ARRAY") || (first == UInt8(ascii: "[") && mode != "OBJECT")
            container = flattened ? TypedSQL("?", input.arguments, type: .variant) : TypedSQL("NULL", type: .variant)
            if flattened && first == UInt8(ascii: "[") { each = SQLiteCFunctions.jsonEachTable }
        }

        let j = nextAlias("f")
        let containerType = TypedSQL.call("json_type", [container], type: .string)
        let prefix = TypedSQL.bound(pathPrefix.databaseValue, type: .string)
        let columns: [RelationColumn] = [
            RelationColumn(name: "SEQ", type: .integer, sqlName: "", computed: TypedSQL("1", type: .integer)),
            RelationColumn(name: "KEY", type: .string, sqlName: "",
                           computed: containerType.wrapped("(CASE WHEN ", " = 'object' THEN \(j).key END)", type: .string)),
            RelationColumn(name: "PATH", type: .string, sqlName: "",
                           computed: TypedSQL("sf_flatten_path(?, \(j).fullkey)", prefix.arguments, type: .string)),
            RelationColumn(name: "INDEX", type: .integer, sqlName: "",
                           computed: containerType.wrapped("(CASE WHEN ", " = 'array' THEN \(j).key END)", type: .integer)),
            // An object or array element is json_each's own text of it (no parse); a scalar is read
            // back as JSON through the container.
            RelationColumn(name: "VALUE", type: .variant, sqlName: "",
                           computed: TypedSQL("(CASE WHEN \(j).type IN ('object', 'array') THEN \(j).value ELSE \(container.sql) -> \(j).fullkey END)",
                                              container.arguments, type: .variant)),
            RelationColumn(name: "THIS", type: .variant, sqlName: "", computed: container),
        ]
        var renamed = columns
        if let alias {
            for i in renamed.indices where i < alias.columns.count { renamed[i].name = alias.columns[i].name }
        }
        scope.relations.append(Relation(name: alias?.name.name ?? "FLATTEN", qualifiedParts: [], sqlAlias: j, columns: renamed))
        return TypedSQL("\(each)(\(container.sql)) AS \(j)", container.arguments, type: .boolean)
    }
}
