// UserFunctionSignatures: which user function a call names, and which of its overloads it means.
// A name resolves as CALL resolves a procedure's: `db.s.f` and `s.f` where written; a bare `f` in
// the schema the statement runs in (a view's or function's own while its body is expanded), then
// in PUBLIC of that database. The first schema holding a function of that name that the role can
// see decides; its overloads are then matched against the call's argument types.
//
// Matching: a signature fits when the call passes between its required and declared argument
// counts and every argument's type converts to the parameter's. Each argument scores how far it
// is from its parameter — the same type family 0 (NULL fits anything), another numeric or
// semi-structured or timestamp type 1, a string read as another type 2, a value turned into a
// string or a VARIANT 3 — and the lowest total wins; two best signatures with the same total are
// ambiguous, and none at all is 001044 naming the call's argument types, as Snowflake words it.
// https://docs.snowflake.com/en/developer-guide/udf-stored-procedure-naming-conventions

import SnowSQL

extension Translator {
    /// The functions named by `name` in the first schema that has any the role can see; nil when none.
    func findUserFunctions(_ name: [Identifier]) throws -> [StoredFunction]? {
        let parts = name.map(\.name)
        guard let base = parts.last else { return nil }
        var places: [(database: String, schema: String)] = []
        switch parts.count {
        case 1:
            if let database, let schema {
                places.append((database, schema))
                if schema != "PUBLIC" { places.append((database, "PUBLIC")) }
            }
        case 2:
            if let database { places.append((database, parts[0])) }
        case 3:
            places.append((parts[0], parts[1]))
        default:
            return nil
        }
        let access = try access
        for place in places {
            guard let schema = try catalog.schema(database: place.database, name: place.schema), try access.canUse(schema) else { continue }
            let named = try catalog.objects(database: place.database, schema: place.schema, kinds: [.function])
                .filter { access.canSee($0) }
                .map(StoredFunction.init)
                .filter { $0.baseName == base }
            if !named.isEmpty { return named }
        }
        return nil
    }

    /// The overload of `candidates` the call's arguments fit best.
    func chooseSignature(_ candidates: [StoredFunction], _ arguments: [UserFunctionArgument], written: String) throws -> StoredFunction {
        let types = arguments.map { $0.sql.sql == "NULL" ? "NULL" : $0.sql.type.canonicalName }
        let named = arguments.contains { $0.name != nil }
        var scored: [(function: StoredFunction, score: Int)] = []
        for function in candidates where function.arity.contains(arguments.count) || named {
            var total = 0
            var fits = true
            for (index, argument) in arguments.enumerated() {
                let parameter: SnowflakeType?
                if let name = argument.name {
                    parameter = function.arguments.first { $0.name == name }?.type
                } else {
                    parameter = index < function.arguments.count ? function.arguments[index].type : nil
                }
                guard let parameter, let score = Translator.conversionScore(argument.sql, to: parameter) else {
                    fits = false
                    break
                }
                total += score
            }
            if named {
                // Every parameter without a default must be named.
                let given = Set(arguments.compactMap(\.name))
                if function.arguments.contains(where: { $0.defaultText == nil && !given.contains($0.name) }) { fits = false }
            }
            if fits { scored.append((function, total)) }
        }
        let name = candidates.first?.baseName ?? written
        guard let best = scored.map(\.score).min() else { throw SnowflakeError.noFunctionSignature(name, types) }
        let winners = scored.filter { $0.score == best }
        guard winners.count == 1 else { throw SnowflakeError.ambiguousFunctionCall(name, types) }
        return winners[0].function
    }

    /// How far `argument` is from `parameter`'s type; nil when it cannot be converted at all.
    static func conversionScore(_ argument: TypedSQL, to parameter: SnowflakeType) -> Int? {
        if argument.sql == "NULL" { return 0 }
        let from = argument.type
        if Cast.sameFamily(from, parameter) { return 0 }
        switch (family(from), family(parameter)) {
        case (let a, let b) where a == b: return 1
        case ("text", "binary"): return nil
        case ("text", _): return 2
        case (_, "text"), (_, "semi"): return 3
        case ("date", "timestamp"): return 1
        default: return nil
        }
    }

    /// The family a type converts within without loss of kind.
    private static func family(_ type: SnowflakeType) -> String {
        switch type {
        case .number, .float: return "numeric"
        case .varchar: return "text"
        case .binary: return "binary"
        case .boolean: return "boolean"
        case .date: return "date"
        case .time: return "time"
        case .timestampNTZ, .timestampLTZ, .timestampTZ: return "timestamp"
        case .variant, .object, .array: return "semi"
        }
    }
}
