// FunctionLibrary+Core: the functions every query needs — conditionals, aggregates and window
// functions, the session's context (CURRENT_DATABASE…), the clock (SYSDATE, CURRENT_TIMESTAMP),
// session variables (GETVARIABLE) and the basic string, number and conversion functions.

import Foundation
import GRDB

extension FunctionLibrary {
    static func registerCore(_ d: inout FunctionRegistry) {
        // Strings
        d.add(["UPPER"], 1...1) { $0.sqlite("upper", type: .string) }
        d.add(["LOWER"], 1...1) { $0.sqlite("lower", type: .string) }
        d.add(["LENGTH", "LEN"], 1...1) { $0.sqlite("length", type: .integer) }
        d.add(["TRIM"], 1...2) { $0.sqlite("trim", type: .string) }
        d.add(["LTRIM"], 1...2) { $0.sqlite("ltrim", type: .string) }
        d.add(["RTRIM"], 1...2) { $0.sqlite("rtrim", type: .string) }
        d.add(["REPLACE"], 2...3) { c in
            var args = c.arguments
            if args.count == 2 { args.append(TypedSQL("''", type: .string)) }
            return TypedSQL.call("replace", args, type: .string)
        }
        d.add(["SUBSTR", "SUBSTRING"], 2...3) { $0.sqlite("substr", type: .string) }
        d.add(["CONCAT"], 1...255) { $0.sqlite("sf_concat", type: .string) }
        // Conditionals
        d.add(["COALESCE"], 1...255) { c in c.sqlite("coalesce", type: c.arguments.first { $0.sql != "NULL" }?.type ?? .string) }
        d.add(["NVL", "IFNULL"], 2...2) { c in c.sqlite("coalesce", type: c.first.sql == "NULL" ? c.arguments[1].type : c.first.type) }
        d.add(["NULLIF"], 2...2) { c in c.sqlite("nullif", type: c.first.type) }
        d.add(["IFF"], 3...3) { c in
            let a = c.arguments
            return TypedSQL("CASE WHEN \(a[0].sql) THEN \(a[1].sql) ELSE \(a[2].sql) END",
                            a[0].arguments + a[1].arguments + a[2].arguments, type: a[1].sql == "NULL" ? a[2].type : a[1].type)
        }
        // Numbers
        d.add(["ABS"], 1...1) { c in c.sqlite("abs", type: c.first.type) }
        d.add(["ROUND"], 1...2) { c in
            var scale = 0
            if c.arguments.count == 2, let n = Int(c.arguments[1].sql) { scale = max(0, n) }
            if c.first.type == .float { return c.sqlite("round", type: .float) }
            return c.sqlite("sf_round", type: .number(precision: 38, scale: scale))
        }
        // Aggregates
        d.add(["COUNT"], 0...255, aggregate: true) { c in
            if c.star || c.arguments.isEmpty { return TypedSQL("count(*)", type: .integer) }
            if c.arguments.count == 1 { return c.sqlite("count", type: .integer) }
            // COUNT(a, b) counts rows where every argument is non-NULL.
            let test = c.arguments.map { "\($0.sql) IS NOT NULL" }.joined(separator: " AND ")
            return TypedSQL("count(CASE WHEN \(test) THEN 1 END)", c.arguments.flatMap(\.arguments), type: .integer)
        }
        d.add(["SUM"], 1...1, aggregate: true) { c in c.sqlite("sum", type: c.first.type.isNumeric ? c.first.type : .float) }
        d.add(["AVG"], 1...1, aggregate: true) { c in
            if case .number(_, let s) = c.first.type { return c.sqlite("avg", type: .number(precision: 38, scale: min(s + 6, 12))) }
            return c.sqlite("avg", type: .float)
        }
        d.add(["MIN"], 1...1, aggregate: true) { c in c.sqlite("min", type: c.first.type) }
        d.add(["MAX"], 1...1, aggregate: true) { c in c.sqlite("max", type: c.first.type) }
        d.add(["ANY_VALUE"], 1...1, aggregate: true) { c in c.sqlite("max", type: c.first.type) }
        // Window-only
        d.add(["ROW_NUMBER"], 0...0, windowOnly: true) { _ in TypedSQL("row_number()", type: .integer) }
        d.add(["RANK"], 0...0, windowOnly: true) { _ in TypedSQL("rank()", type: .integer) }
        d.add(["DENSE_RANK"], 0...0, windowOnly: true) { _ in TypedSQL("dense_rank()", type: .integer) }
        // Context and time
        d.add(["CURRENT_DATABASE"], 0...0) { c in c.text(c.session.currentDatabase) }
        d.add(["CURRENT_SCHEMA"], 0...0) { c in c.text(c.session.currentSchema) }
        d.add(["CURRENT_ROLE"], 0...0) { c in c.text(c.session.currentRole) }
        d.add(["CURRENT_WAREHOUSE"], 0...0) { c in c.text(c.session.currentWarehouse) }
        d.add(["CURRENT_USER"], 0...0) { c in c.text(c.session.user) }
        d.add(["CURRENT_ACCOUNT"], 0...0) { c in c.text(c.session.accountName) }
        d.add(["CURRENT_VERSION"], 0...0) { c in c.text(Session.snowflakeVersion) }
        d.add(["CURRENT_SESSION"], 0...0) { c in c.text(String(c.session.sessionID)) }
        d.add(["SYSDATE"], 0...0) { c in TypedSQL.bound(Timestamps.ntz(c.now).databaseValue, type: .timestampNTZ) }
        d.add(["CURRENT_TIMESTAMP", "LOCALTIMESTAMP", "GETDATE"], 0...1) { c in
            TypedSQL.bound(Timestamps.catalog(c.now).databaseValue, type: .timestampLTZ)
        }
        d.add(["CURRENT_DATE"], 0...0) { c in TypedSQL.bound(Timestamps.date(c.now).databaseValue, type: .date) }
        d.add(["GETVARIABLE"], 1...1) { c in
            guard c.first.arguments.count == 1, let name = String.fromDatabaseValue(c.first.arguments[0]) else {
                return TypedSQL("NULL", type: .string)
            }
            let value = c.session.variables[name].map { ValueCoding.databaseValue($0.value) } ?? .null
            return TypedSQL.bound(value, type: c.session.variables[name]?.type ?? .string)
        }
        // Conversion
        d.add(["TO_VARCHAR", "TO_CHAR"], 1...1) { c in Cast.convert(c.first, to: .string) }
        d.add(["TO_NUMBER", "TO_DECIMAL", "TO_NUMERIC"], 1...3) { c in
            Cast.convert(c.first, to: .integer)
        }
        d.add(["TO_BOOLEAN"], 1...1) { c in Cast.convert(c.first, to: .boolean) }
        d.add(["UUID_STRING"], 0...0) { _ in TypedSQL("sf_uuid()", type: .string) }
    }
}
