// FunctionLibrary+DataGeneration: making test data as Snowflake users do — SEQ1/SEQ2/SEQ4/SEQ8
// number rows from 0 with wrap-around at their width (over TABLE(GENERATOR(…)), Translator+Generator,
// its row number; over other rows their order, ROW_NUMBER() - 1, so not in WHERE), and RANDOM(seed)
// gives the same sequence for the same seed; UNIFORM, RANDSTR, NORMAL and ZIPF
// turn a generator value (RANDOM(), RANDOM(seed) or a constant) into a number in a range, a string
// a normal deviate or a Zipf-distributed rank, the same value for the same arguments. The values follow Snowflake's rules
// (ranges, types, repeatability) but are not Snowflake's own numbers: its generator is not published.
// https://docs.snowflake.com/en/sql-reference/functions-data-generation

import GRDB

extension FunctionContext {
    /// The row's number from 0: the generator's, else its place among the query's rows.
    var rowNumber: String { generatorRow ?? "(row_number() OVER () - 1)" }
}

extension FunctionLibrary {
    static func registerDataGeneration(_ d: inout FunctionRegistry) {
        for (name, bytes) in [("SEQ1", 1), ("SEQ2", 2), ("SEQ4", 4), ("SEQ8", 8)] {
            d.add([name], 0...1) { c in
                let row = c.rowNumber
                let sign = c.arguments.isEmpty ? 0 : c.constantInt(0)
                guard sign == 0 || sign == 1 else { throw SnowflakeError.seqSignInvalid(name) }
                // SEQ8's values stay below 2^63 (the rows of one query), where neither sign wraps.
                guard bytes < 8 else { return TypedSQL("(\(row))", type: .integer, nullable: false) }
                let half = Int64(1) << (bytes * 8 - 1)
                let sql = sign == 0 ? "((\(row)) % \(half))" : "((((\(row)) + \(half)) % \(2 * half)) - \(half))"
                return TypedSQL(sql, type: .integer, nullable: false)
            }
        }
        // UNIFORM(min, max, gen): an integer in [min, max] when both are integers, else a float.
        d.add(["UNIFORM"], 3...3) { c in
            let integers = [c.arguments[0], c.arguments[1]].allSatisfy { argument in
                if case .number(_, 0) = argument.type { return true }
                return false
            }
            let bounds = [
                Cast.convert(c.arguments[0], to: integers ? .integer : .float),
                Cast.convert(c.arguments[1], to: integers ? .integer : .float), Cast.convert(c.arguments[2], to: .integer),
            ]
            return TypedSQL.call(integers ? "sf_uniform_integer" : "sf_uniform_float", bounds, type: integers ? .integer : .float)
        }
        d.add(["RANDSTR"], 2...2) { c in
            TypedSQL.call("sf_randstr", [Cast.convert(c.arguments[0], to: .integer), Cast.convert(c.arguments[1], to: .integer)], type: .string)
        }
        // ZIPF(s, N, gen): an integer in [1, N], k drawn with weight k^-s.
        d.add(["ZIPF"], 3...3) { c in
            TypedSQL.call(
                "sf_zipf",
                [Cast.convert(c.arguments[0], to: .float), Cast.convert(c.arguments[1], to: .integer), Cast.convert(c.arguments[2], to: .integer)],
                type: .integer)
        }
        d.add(["NORMAL"], 3...3) { c in
            TypedSQL.call(
                "sf_normal",
                [
                    Cast.convert(c.arguments[0], to: .float), Cast.convert(c.arguments[1], to: .float),
                    Cast.convert(c.arguments[2], to: .integer),
                ], type: .float)
        }
    }

    /// RANDOM(seed): the seed's sequence, one value a row.
    static func seededRandom(_ c: FunctionContext) throws -> TypedSQL {
        TypedSQL.call(
            "sf_random_seeded", [Cast.convert(c.arguments[0], to: .integer), TypedSQL("(\(c.rowNumber))", type: .integer)],
            type: .integer)
    }
}
