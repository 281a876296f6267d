// FunctionLibrary+Core: the functions every query needs — conditionals (COALESCE, NVL, NVL2,
// DECODE, IFF, BOOLAND…), the session's context (CURRENT_DATABASE…, CURRENT_REGION, which is
// `SNOWLITE_LOCAL`), the clock (SYSDATE, SYSTIMESTAMP, CURRENT_TIMESTAMP, CURRENT_TIME), session variables (GETVARIABLE), TO_BOOLEAN, UUID_STRING and RANDOM. Strings,
// numbers, dates and aggregates have their own files (FunctionLibrary+<Family>.swift).

import Foundation
import GRDB

extension FunctionLibrary {
    static func registerCore(_ d: inout FunctionRegistry) {
        // Conditionals
        d.add(["COALESCE"], 1...255) { c in c.sqlite("coalesce", type: c.arguments.first { $0.sql != "NULL" }?.type ?? .string) }
        // GREATEST / LEAST: NULL when any argument is NULL, as SQLite's many-argument max/min.
        for (name, sqlite) in [("GREATEST", "max"), ("LEAST", "min")] {
            d.add([name], 1...255) { c in
                c.arguments.count == 1 ? c.first : c.sqlite(sqlite, type: c.arguments.first { $0.sql != "NULL" }?.type ?? .string)
            }
        }
        // GREATEST_IGNORE_NULLS / LEAST_IGNORE_NULLS: over the non-NULL arguments, NULL when all are.
        // Each argument, or failing it the first other non-NULL one, so SQLite's max/min meets no NULL.
        for (name, sqlite) in [("GREATEST_IGNORE_NULLS", "max"), ("LEAST_IGNORE_NULLS", "min")] {
            d.add([name], 1...255) { c in
                let type = c.arguments.first { $0.sql != "NULL" }?.type ?? .string
                guard c.arguments.count > 1 else { return c.first }
                let choices = c.arguments.indices.map { i in
                    TypedSQL.call("coalesce", [c.arguments[i]] + c.arguments.enumerated().filter { $0.offset != i }.map(\.element), type: type)
                }
                return TypedSQL.call(sqlite, choices, type: type)
            }
        }
        d.add(["NVL", "IFNULL"], 2...2) { c in c.sqlite("coalesce", type: c.first.sql == "NULL" ? c.arguments[1].type : c.first.type) }
        d.add(["NULLIF"], 2...2) { c in c.sqlite("nullif", type: c.first.type) }
        d.add(["NVL2"], 3...3) { c in
            let a = c.arguments
            return TypedSQL("CASE WHEN \(a[0].sql) IS NOT NULL THEN \(a[1].sql) ELSE \(a[2].sql) END",
                            a[0].arguments + a[1].arguments + a[2].arguments, type: a[1].sql == "NULL" ? a[2].type : a[1].type)
        }
        d.add(["DECODE"], 3...255) { c in decode(c) }
        d.add(["EQUAL_NULL"], 2...2) { c in
            let (a, b) = Comparison.operands(c.first, c.arguments[1])
            return TypedSQL("(\(a.sql) IS \(b.sql))", a.arguments + b.arguments, type: .boolean)
        }
        d.add(["IFF"], 3...3) { c in
            let a = c.arguments
            return TypedSQL("CASE WHEN \(a[0].sql) THEN \(a[1].sql) ELSE \(a[2].sql) END",
                            a[0].arguments + a[1].arguments + a[2].arguments, type: a[1].sql == "NULL" ? a[2].type : a[1].type)
        }
        // BOOLAND, BOOLOR, BOOLXOR, BOOLNOT: numbers (or booleans) as truth values, non-zero being
        // TRUE, with SQL's three-valued logic (BOOLAND(0, NULL) is FALSE, BOOLOR(1, NULL) TRUE).
        for (name, op) in [("BOOLAND", "AND"), ("BOOLOR", "OR"), ("BOOLXOR", "<>")] {
            d.add([name], 2...2) { c in
                let a = try truth(c.first, c), b = try truth(c.arguments[1], c)
                return TypedSQL("(\(a.sql) \(op) \(b.sql))", a.arguments + b.arguments, type: .boolean)
            }
        }
        d.add(["BOOLNOT"], 1...1) { c in try truth(c.first, c).wrapped("(NOT ", ")", type: .boolean) }
        // Context and time
        d.add(["CURRENT_DATABASE"], 0...0) { c in c.text(c.session.currentDatabase) }
        d.add(["CURRENT_SCHEMA"], 0...0) { c in c.text(c.session.currentSchema) }
        d.add(["CURRENT_ROLE"], 0...0) { c in c.text(c.session.currentRole) }
        d.add(["CURRENT_WAREHOUSE"], 0...0) { c in c.text(c.session.currentWarehouse) }
        d.add(["CURRENT_USER"], 0...0) { c in c.text(c.session.user) }
        d.add(["CURRENT_ACCOUNT", "CURRENT_ACCOUNT_NAME"], 0...0) { c in c.text(c.session.accountName) }
        d.add(["CURRENT_REGION"], 0...0) { c in c.text(region) }
        d.add(["CURRENT_ORGANIZATION_NAME"], 0...0) { c in c.text(Session.organizationName) }
        d.add(["CURRENT_VERSION"], 0...0) { c in c.text(Session.snowflakeVersion) }
        d.add(["CURRENT_SESSION"], 0...0) { c in c.text(String(c.session.sessionID)) }
        d.add(["SYSDATE"], 0...0, volatile: true) { c in TypedSQL.bound(Timestamps.ntz(c.now).databaseValue, type: .timestampNTZ) }
        d.add(["CURRENT_TIMESTAMP", "LOCALTIMESTAMP", "GETDATE"], 0...1, volatile: true) { c in
            TypedSQL.bound(Timestamps.catalog(c.now).databaseValue, type: .timestampLTZ)
        }
        d.add(["SYSTIMESTAMP"], 0...0, volatile: true) { c in TypedSQL.bound(Timestamps.catalog(c.now).databaseValue, type: .timestampLTZ) }
        d.add(["CURRENT_TIME", "LOCALTIME"], 0...1, volatile: true) { c in
            Cast.convert(TypedSQL.bound(Timestamps.ntz(c.now).databaseValue, type: .timestampNTZ), to: .time)
        }
        d.add(["CURRENT_DATE"], 0...0) { c in TypedSQL.bound(Timestamps.date(c.now).databaseValue, type: .date) }
        d.add(["GETVARIABLE"], 1...1, volatile: true) { c in
            guard c.first.arguments.count == 1, let name = String.fromDatabaseValue(c.first.arguments[0]) else {
                return TypedSQL("NULL", type: .string)
            }
            let value = c.session.variables[name].map { ValueCoding.databaseValue($0.value) } ?? .null
            return TypedSQL.bound(value, type: c.session.variables[name]?.type ?? .string)
        }
        // Conversion
        d.add(["TO_BOOLEAN"], 1...1) { c in Cast.convert(c.first, to: .boolean) }
        d.add(["TRY_TO_BOOLEAN"], 1...1) { c in Cast.convert(c.first, to: .boolean, isTry: true) }
        d.add(["UUID_STRING"], 0...0, volatile: true) { _ in TypedSQL("sf_uuid()", type: .string) }
        // RANDOM(): a random 64-bit integer. RANDOM(seed) repeats its sequence (FunctionLibrary+DataGeneration).
        d.add(["RANDOM"], 0...1, volatile: true) { c in
            guard c.arguments.isEmpty else { return try FunctionLibrary.seededRandom(c) }
            return TypedSQL("random()", type: .integer, nullable: false)
        }
    }

    /// What CURRENT_REGION answers: a Snowlite account lives on its own machine, in no cloud
    /// region, and says so rather than naming one it is not in.
    static let region = "SNOWLITE_LOCAL"

    /// A BOOL… argument as a truth value: a number (a string read as one) compared with zero, a
    /// BOOLEAN as it is; any other type is 001044.
    static func truth(_ value: TypedSQL, _ c: FunctionContext) throws -> TypedSQL {
        if value.type == .boolean || value.sql == "NULL" { return value.wrapped("(", ")") }
        if value.type.isNumeric || value.type.isString || value.type.isSemiStructured {
            return Cast.convert(value, to: .float).wrapped("(", " <> 0)", type: .boolean)
        }
        throw SnowflakeError.invalidArgumentTypes(function: c.name, c.arguments.map(\.type.canonicalName))
    }

    /// DECODE(expr, search1, result1, …, [default]): the first result whose search equals expr,
    /// where NULL matches NULL (unlike CASE).
    static func decode(_ c: FunctionContext) -> TypedSQL {
        let value = c.first
        var sql = "CASE"
        var arguments: [DatabaseValue] = []
        var type: SnowflakeType?
        var i = 1
        while i + 1 < c.arguments.count {
            let (v, search) = Comparison.operands(value, c.arguments[i])
            let result = c.arguments[i + 1]
            sql += " WHEN \(v.sql) IS \(search.sql) THEN \(result.sql)"
            arguments += v.arguments + search.arguments + result.arguments
            if type == nil && result.sql != "NULL" { type = result.type }
            i += 2
        }
        if i < c.arguments.count {
            let otherwise = c.arguments[i]
            sql += " ELSE \(otherwise.sql)"
            arguments += otherwise.arguments
            if type == nil && otherwise.sql != "NULL" { type = otherwise.type }
        }
        return TypedSQL(sql + " END", arguments, type: type ?? .string)
    }

}
