// FunctionLibrary+TypePredicates: what a VARIANT holds — the IS_<type> predicates (IS_ARRAY,
// IS_OBJECT, IS_BOOLEAN, IS_CHAR/IS_VARCHAR, IS_INTEGER, IS_DECIMAL, IS_DOUBLE/IS_REAL,
// IS_DATE/IS_DATE_VALUE, IS_TIME, IS_TIMESTAMP_LTZ/NTZ/TZ, IS_BINARY), the AS_<type> casts
// that give NULL instead of converting (AS_ARRAY, AS_OBJECT, AS_BOOLEAN, AS_CHAR, AS_INTEGER,
// AS_DOUBLE/AS_REAL), and CHECK_JSON. Their argument is a VARIANT, OBJECT or ARRAY (any other
// type is 001044, as in Snowflake); SQL NULL gives NULL.
//
// Numbers are classed as Snowflake's TYPEOF classes them: digits alone are an INTEGER, a
// decimal point makes a DECIMAL, an exponent a DOUBLE; IS_DECIMAL accepts integers too and
// IS_DOUBLE every number. A Snowlite VARIANT holds JSON only — a DATE, TIME, TIMESTAMP or
// BINARY put into one is kept as its text, as TYPEOF shows (VARCHAR) — so IS_DATE, IS_TIME,
// IS_TIMESTAMP_* and IS_BINARY answer FALSE for every value, consistently with TYPEOF.
// https://docs.snowflake.com/en/sql-reference/functions/is
// https://docs.snowflake.com/en/sql-reference/functions/as

import Foundation
import GRDB

extension FunctionLibrary {
    /// Each IS_ function and the classes (TypePredicates.kind) it accepts.
    static let typePredicates: [(names: [String], kinds: Set<String>)] = [
        (["IS_ARRAY"], ["ARRAY"]), (["IS_OBJECT"], ["OBJECT"]), (["IS_BOOLEAN"], ["BOOLEAN"]),
        (["IS_CHAR", "IS_VARCHAR"], ["VARCHAR"]), (["IS_INTEGER"], ["INTEGER"]), (["IS_DECIMAL"], ["INTEGER", "DECIMAL"]),
        (["IS_DOUBLE", "IS_REAL"], ["INTEGER", "DECIMAL", "DOUBLE"]),
        (["IS_DATE", "IS_DATE_VALUE"], []), (["IS_TIME"], []), (["IS_TIMESTAMP_LTZ"], []), (["IS_TIMESTAMP_NTZ"], []),
        (["IS_TIMESTAMP_TZ"], []), (["IS_BINARY"], []),
    ]

    static func registerTypePredicates(_ d: inout FunctionRegistry) {
        for (names, kinds) in typePredicates {
            let accepted = TypedSQL.bound(kinds.sorted().joined(separator: ",").databaseValue, type: .string)
            d.add(names, 1...1) { c in TypedSQL.call("sf_variant_is", [try semiStructured(c, 0), accepted], type: .boolean) }
        }
        let casts: [([String], String, SnowflakeType)] = [
            (["AS_ARRAY"], "ARRAY", .array), (["AS_OBJECT"], "OBJECT", .object), (["AS_BOOLEAN"], "BOOLEAN", .boolean),
            (["AS_INTEGER"], "INTEGER", .integer), (["AS_DOUBLE", "AS_REAL"], "DOUBLE", .float),
        ]
        for (names, kind, type) in casts {
            d.add(names, 1...1) { c in
                TypedSQL.call("sf_variant_as", [try semiStructured(c, 0), TypedSQL.bound(kind.databaseValue, type: .string)], type: type)
            }
        }
        d.add(["AS_VARCHAR", "AS_CHAR"], 1...1) { c in TypedSQL.call("sf_as_varchar", [try semiStructured(c, 0)], type: .string) }
        d.add(["CHECK_JSON"], 1...1) { c in
            guard c.first.type.isString || c.first.type.isSemiStructured || c.first.sql == "NULL" else {
                throw SnowflakeError.invalidArgumentTypes(function: c.name, c.arguments.map(\.type.canonicalName))
            }
            // A VARIANT is JSON already: only a string can be malformed.
            if c.first.type.isSemiStructured { return TypedSQL("NULL", type: .string) }
            return TypedSQL.call("sf_check_json", [c.first], type: .string)
        }
    }
}

/// The SQL functions behind the predicates and casts, registered on each connection.
enum TypePredicates {
    static func install(in db: Database) {
        // sf_variant_is(variant, kinds): whether the value's class is one of the comma-separated kinds.
        db.add(
            function: ScalarFunction("sf_variant_is", argumentCount: 2, pure: true) { v in
                guard let json = String.fromDatabaseValue(v[0]) else { return nil }
                let kinds = (String.fromDatabaseValue(v[1]) ?? "").split(separator: ",").map(String.init)
                return kinds.contains(kind(json))
            })
        // sf_variant_as(variant, kind): the value when its class is the kind (an INTEGER or DECIMAL
        // counts as a DOUBLE), else NULL.
        db.add(
            function: ScalarFunction("sf_variant_as", argumentCount: 2, pure: true) { v in
                guard let json = String.fromDatabaseValue(v[0]), let wanted = String.fromDatabaseValue(v[1]) else { return nil }
                let actual = kind(json)
                switch wanted {
                case "ARRAY", "OBJECT": return actual == wanted ? json : nil
                case "BOOLEAN": return actual == wanted ? json == "true" : nil
                case "INTEGER": return actual == wanted ? (Int64(json).map(DatabaseValue.init) ?? Double(json).map { $0.databaseValue }) : nil
                case "DOUBLE": return ["INTEGER", "DECIMAL", "DOUBLE"].contains(actual) ? Double(json) : nil
                default: return nil
                }
            })
        // sf_check_json(text): NULL for valid JSON (or NULL), else the reason it is not.
        db.add(
            function: ScalarFunction("sf_check_json", argumentCount: 1, pure: true) { v in
                guard let text = SQLFunctions.text(of: v[0]) else { return nil }
                do {
                    _ = try Variant.parse(text)
                    return nil
                } catch let error as DatabaseError {
                    return (SnowflakeError.from(error) as? SnowflakeError)?.message ?? error.message
                }
            })
    }

    /// The class of a VARIANT's value, as TYPEOF names it: NULL_VALUE, BOOLEAN, VARCHAR, ARRAY,
    /// OBJECT, INTEGER (digits only), DECIMAL (a decimal point) or DOUBLE (an exponent).
    static func kind(_ json: String) -> String {
        guard let first = json.utf8.first else { return "VARCHAR" }
        switch first {
        case UInt8(ascii: "n"): return "NULL_VALUE"
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return "BOOLEAN"
        case UInt8(ascii: "\""): return "VARCHAR"
        case UInt8(ascii: "["): return "ARRAY"
        case UInt8(ascii: "{"): return "OBJECT"
        default:
            if json.utf8.contains(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) { return "DOUBLE" }
            return json.utf8.contains(UInt8(ascii: ".")) ? "DECIMAL" : "INTEGER"
        }
    }
}
