// FunctionLibrary+Aggregates: aggregate and window functions — COUNT, COUNT_IF, SUM, AVG, MIN,
// MAX, ANY_VALUE, BOOLAND_AGG, BOOLOR_AGG, LISTAGG, ARRAY_AGG, OBJECT_AGG, and the window-only ROW_NUMBER, RANK,
// DENSE_RANK, NTILE, LAG, LEAD, FIRST_VALUE, LAST_VALUE, NTH_VALUE. LISTAGG and ARRAY_AGG take
// DISTINCT and `WITHIN GROUP (ORDER BY …)` through Snowlite's own ordered aggregates
// (AggregateFunctions.swift); SQLite cannot run those as window functions, so with OVER they
// fail as unsupported. `IGNORE NULLS` is refused for every function (FunctionLibrary.swift).
// https://docs.snowflake.com/en/sql-reference/functions-aggregation

import GRDB

extension FunctionLibrary {
    static let wholePartition = "ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING"

    static func registerAggregates(_ d: inout FunctionRegistry) {
        // A count is never NULL (0 over no rows), as Snowflake's describe reports it.
        d.add(["COUNT"], 0...255, aggregate: true) { c in
            if c.star || c.arguments.isEmpty { return TypedSQL("count(*)", type: .integer, nullable: false) }
            if c.arguments.count == 1 { return c.sqlite("count", type: .integer).wrapped("", "", nullable: false) }
            // COUNT(a, b) counts rows where every argument is non-NULL.
            let test = c.arguments.map { "\($0.sql) IS NOT NULL" }.joined(separator: " AND ")
            return TypedSQL("count(CASE WHEN \(test) THEN 1 END)", c.arguments.flatMap(\.arguments), type: .integer, nullable: false)
        }
        d.add(["COUNT_IF"], 1...1, aggregate: true) { c in
            c.first.wrapped("count(CASE WHEN ", " THEN 1 END)", type: .integer, nullable: false)
        }
        d.add(["SUM"], 1...1, aggregate: true) { c in c.sqlite("sum", type: c.first.type.isNumeric ? c.first.type : .float) }
        d.add(["AVG"], 1...1, aggregate: true) { c in
            if case .number(_, let s) = c.first.type { return c.sqlite("avg", type: .number(precision: 38, scale: min(s + 6, 12))) }
            return c.sqlite("avg", type: .float)
        }
        d.add(["MIN"], 1...1, aggregate: true) { c in c.sqlite("min", type: c.first.type) }
        d.add(["MAX"], 1...1, aggregate: true) { c in c.sqlite("max", type: c.first.type) }
        // BOOLAND_AGG / BOOLOR_AGG: whether every (any) non-NULL value is true (non-zero); NULL over none.
        for (name, sqlite) in [("BOOLAND_AGG", "min"), ("BOOLOR_AGG", "max")] {
            d.add([name], 1...1, aggregate: true) { c in
                TypedSQL.call(sqlite, [try truth(c.first, c)], type: .boolean)
            }
        }
        d.add(["ANY_VALUE"], 1...1, aggregate: true) { c in c.sqlite("max", type: c.first.type) }
        d.add(["LISTAGG"], 1...2, aggregate: true, withinGroup: true) { c in
            try ordered(c)
            let separator = c.arguments.count > 1 ? text(c.arguments[1]) : TypedSQL("''", type: .string)
            return TypedSQL.call("sf_listagg", [spec(c), text(c.first), separator] + c.withinGroup.map(\.key), type: .string)
        }
        d.add(["ARRAY_AGG", "ARRAYAGG", "ARRAY_UNIQUE_AGG"], 1...1, aggregate: true, withinGroup: true) { c in
            try ordered(c)
            let distinct = c.distinct || c.name == "ARRAY_UNIQUE_AGG"
            let spec = TypedSQL.bound(AggregateFunctions.spec(distinct: distinct, c.withinGroup).databaseValue, type: .string)
            return TypedSQL.call("sf_array_agg", [spec, Cast.convert(c.first, to: .variant)] + c.withinGroup.map(\.key), type: .array)
        }
        d.add(["OBJECT_AGG"], 2...2, aggregate: true) { c in
            try ordered(c)
            if c.distinct { throw SnowflakeError.compilationError("DISTINCT is not allowed in OBJECT_AGG") }
            return TypedSQL.call("sf_object_agg", [text(c.first), Cast.convert(c.arguments[1], to: .variant)], type: .object)
        }
        // Window-only
        d.add(["ROW_NUMBER"], 0...0, windowOnly: true) { _ in TypedSQL("row_number()", type: .integer) }
        d.add(["RANK"], 0...0, windowOnly: true) { _ in TypedSQL("rank()", type: .integer) }
        d.add(["DENSE_RANK"], 0...0, windowOnly: true) { _ in TypedSQL("dense_rank()", type: .integer) }
        d.add(["NTILE"], 1...1, windowOnly: true) { c in c.sqlite("ntile", type: .integer) }
        d.add(["PERCENT_RANK"], 0...0, windowOnly: true) { _ in TypedSQL("percent_rank()", type: .float) }
        d.add(["CUME_DIST"], 0...0, windowOnly: true) { _ in TypedSQL("cume_dist()", type: .float) }
        for name in ["LAG", "LEAD"] {
            d.add([name], 1...3, windowOnly: true) { c in
                var arguments = [c.first]
                if c.arguments.count > 1 {
                    guard let offset = c.constantInt(1), offset >= 0 else {
                        throw SnowflakeError.compilationError("The offset of \(c.name) must be a non-negative constant integer")
                    }
                    arguments.append(TypedSQL("\(offset)", type: .integer))
                }
                if c.arguments.count > 2 { arguments.append(c.arguments[2]) }
                let type = c.first.sql == "NULL" && c.arguments.count > 2 ? c.arguments[2].type : c.first.type
                return TypedSQL.call(name.lowercased(), arguments, type: type)
            }
        }
        d.add(["FIRST_VALUE"], 1...1, windowOnly: true, defaultFrame: wholePartition) { c in c.sqlite("first_value", type: c.first.type) }
        d.add(["LAST_VALUE"], 1...1, windowOnly: true, defaultFrame: wholePartition) { c in c.sqlite("last_value", type: c.first.type) }
        d.add(["NTH_VALUE"], 2...2, windowOnly: true, defaultFrame: wholePartition) { c in
            guard let n = c.constantInt(1), n >= 1 else {
                throw SnowflakeError.compilationError("The position of NTH_VALUE must be a positive constant integer")
            }
            return TypedSQL.call("nth_value", [c.first, TypedSQL("\(n)", type: .integer)], type: c.first.type)
        }
    }

    /// The ordered aggregates run in Swift, which SQLite only calls as plain aggregates.
    static func ordered(_ c: FunctionContext) throws {
        if c.isWindow { throw SnowflakeError.unsupported("\(c.name) … OVER") }
    }

    static func spec(_ c: FunctionContext) -> TypedSQL {
        TypedSQL.bound(AggregateFunctions.spec(distinct: c.distinct, c.withinGroup).databaseValue, type: .string)
    }
}
