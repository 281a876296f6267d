// FunctionLibrary+Arrays: the ARRAY and OBJECT functions a native app's configuration code
// uses — ARRAY_APPEND, ARRAY_PREPEND, ARRAY_CAT, ARRAY_COMPACT, ARRAY_CONSTRUCT_COMPACT,
// ARRAY_CONTAINS, ARRAY_POSITION, ARRAY_DISTINCT, ARRAY_EXCEPT, ARRAY_INTERSECTION,
// ARRAYS_OVERLAP, ARRAY_INSERT, ARRAY_REMOVE, ARRAY_REMOVE_AT, ARRAY_REVERSE, ARRAY_SLICE,
// ARRAY_TO_STRING, ARRAY_GENERATE_RANGE, ARRAY_FLATTEN, OBJECT_DELETE, OBJECT_PICK, OBJECT_KEYS,
// STRIP_NULL_VALUE, GET_IGNORE_CASE and JSON_EXTRACT_PATH_TEXT. An array argument must be an
// ARRAY or a VARIANT (else 001044 when compiled); a VARIANT that holds no array fails when run,
// as Snowflake's cast does (100071). Elements are compared as VARIANT values (numbers by value).
// A SQL NULL element is stored as JSON null, so ARRAY_COMPACT removes both.
// https://docs.snowflake.com/en/sql-reference/functions-semistructured

import GRDB

extension FunctionLibrary {
    static func registerArrays(_ d: inout FunctionRegistry) {
        for (name, prepend) in [("ARRAY_APPEND", false), ("ARRAY_PREPEND", true)] {
            d.add([name], 2...2) { c in
                TypedSQL.call("sf_array_add", [try semiStructured(c, 0), variant(c.arguments[1]), flag(prepend)], type: .array)
            }
        }
        d.add(["ARRAY_CAT"], 2...2) { c in
            TypedSQL.call("sf_array_cat", [try semiStructured(c, 0), try semiStructured(c, 1)], type: .array)
        }
        d.add(["ARRAY_COMPACT"], 1...1) { c in TypedSQL.call("sf_array_compact", [try semiStructured(c, 0)], type: .array) }
        d.add(["ARRAY_CONSTRUCT_COMPACT"], 0...255) { c in
            TypedSQL.call("sf_array_construct_compact", c.arguments.map(variant), type: .array)
        }
        d.add(["ARRAY_CONTAINS"], 2...2) { c in
            TypedSQL.call("sf_array_position", [variant(c.first), try semiStructured(c, 1), flag(true)], type: .boolean)
        }
        d.add(["ARRAY_POSITION"], 2...2) { c in
            TypedSQL.call("sf_array_position", [variant(c.first), try semiStructured(c, 1), flag(false)], type: .integer)
        }
        for name in ["ARRAY_DISTINCT", "ARRAY_REVERSE"] {
            d.add([name], 1...1) { c in
                TypedSQL.call("sf_array_one", [bound(name), try semiStructured(c, 0)], type: .array)
            }
        }
        for name in ["ARRAY_EXCEPT", "ARRAY_INTERSECTION"] {
            d.add([name], 2...2) { c in
                TypedSQL.call("sf_array_two", [bound(name), try semiStructured(c, 0), try semiStructured(c, 1)], type: .array)
            }
        }
        d.add(["ARRAYS_OVERLAP"], 2...2) { c in
            TypedSQL.call("sf_arrays_overlap", [try semiStructured(c, 0), try semiStructured(c, 1)], type: .boolean)
        }
        d.add(["ARRAY_INSERT"], 3...3) { c in
            TypedSQL.call("sf_array_insert", [try semiStructured(c, 0), try position(c, 1), variant(c.arguments[2])], type: .array)
        }
        d.add(["ARRAY_REMOVE"], 2...2) { c in
            TypedSQL.call("sf_array_remove", [try semiStructured(c, 0), variant(c.arguments[1])], type: .array)
        }
        d.add(["ARRAY_REMOVE_AT"], 2...2) { c in
            TypedSQL.call("sf_array_remove_at", [try semiStructured(c, 0), try position(c, 1)], type: .array)
        }
        d.add(["ARRAY_SLICE"], 3...3) { c in
            TypedSQL.call("sf_array_slice", [try semiStructured(c, 0), try position(c, 1), try position(c, 2)], type: .array)
        }
        d.add(["ARRAY_TO_STRING"], 2...2) { c in
            TypedSQL.call("sf_array_to_string", [try semiStructured(c, 0), text(c.arguments[1])], type: .string)
        }
        d.add(["ARRAY_GENERATE_RANGE"], 2...3) { c in
            let step = c.arguments.count > 2 ? try position(c, 2) : TypedSQL("1", type: .integer)
            return TypedSQL.call("sf_array_generate_range", [try position(c, 0), try position(c, 1), step], type: .array)
        }
        d.add(["ARRAY_FLATTEN"], 1...1) { c in TypedSQL.call("sf_array_flatten", [try semiStructured(c, 0)], type: .array) }
        // Objects
        d.add(["OBJECT_DELETE"], 1...255) { c in
            TypedSQL.call(
                "sf_object_keep", [try semiStructured(c, 0), flag(false)] + c.arguments.dropFirst().map(keyArgument),
                type: .object)
        }
        d.add(["OBJECT_PICK"], 1...255) { c in
            TypedSQL.call(
                "sf_object_keep", [try semiStructured(c, 0), flag(true)] + c.arguments.dropFirst().map(keyArgument),
                type: .object)
        }
        d.add(["OBJECT_KEYS"], 1...1) { c in TypedSQL.call("sf_object_keys", [try semiStructured(c, 0)], type: .array) }
        d.add(["STRIP_NULL_VALUE"], 1...1) { c in TypedSQL.call("sf_strip_null_value", [try semiStructured(c, 0)], type: .variant) }
        d.add(["GET_IGNORE_CASE"], 2...2) { c in
            TypedSQL.call("sf_get_ignore_case", [try semiStructured(c, 0), c.arguments[1]], type: .variant)
        }
        d.add(["JSON_EXTRACT_PATH_TEXT"], 2...2) { c in
            let path = TypedSQL.call(
                "sf_get_path", [TypedSQL.call("sf_parse_json", [text(c.first)], type: .variant), text(c.arguments[1])],
                type: .variant)
            return Cast.convert(path, to: .string)
        }
    }

    /// A semi-structured argument (VARIANT, OBJECT or ARRAY), NULL as itself; any other type is
    /// 001044 naming the call's argument types, as Snowflake reports a call it has no signature for.
    static func semiStructured(_ c: FunctionContext, _ index: Int) throws -> TypedSQL {
        let argument = c.arguments[index]
        if argument.type.isSemiStructured { return argument }
        if argument.sql == "NULL" { return TypedSQL("NULL", type: .variant) }
        throw SnowflakeError.invalidArgumentTypes(function: c.name, c.arguments.map(\.type.canonicalName))
    }

    /// A position or bound: a number (a string is read as one); anything else is 001044.
    static func position(_ c: FunctionContext, _ index: Int) throws -> TypedSQL {
        let argument = c.arguments[index]
        if argument.type.isNumeric || argument.type.isString || argument.type.isSemiStructured || argument.sql == "NULL" {
            return Cast.convert(argument, to: .integer)
        }
        throw SnowflakeError.invalidArgumentTypes(function: c.name, c.arguments.map(\.type.canonicalName))
    }

    /// Any value as a VARIANT element.
    static func variant(_ value: TypedSQL) -> TypedSQL { Cast.convert(value, to: .variant) }

    /// OBJECT_DELETE's and OBJECT_PICK's keys, as VARIANT: an ARRAY of keys stays one, anything else is a key's text.
    static func keyArgument(_ value: TypedSQL) -> TypedSQL {
        value.type.isSemiStructured ? value : variant(text(value))
    }

    private static func bound(_ text: String) -> TypedSQL { TypedSQL.bound(text.databaseValue, type: .string) }

    private static func flag(_ on: Bool) -> TypedSQL { TypedSQL(on ? "1" : "0", type: .boolean) }
}
