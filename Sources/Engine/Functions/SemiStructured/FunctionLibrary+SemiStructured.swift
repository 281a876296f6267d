// FunctionLibrary+SemiStructured: functions that build and read VARIANT, OBJECT and ARRAY
// values (spec §9). Arguments that are not VARIANT are wrapped first (Cast), so OBJECT_CONSTRUCT
// keeps a number a number and a string a string.

import GRDB

extension FunctionLibrary {
    static func registerSemiStructured(_ d: inout FunctionRegistry) {
        d.add(["PARSE_JSON"], 1...1) { c in TypedSQL.call("sf_parse_json", [c.first], type: .variant) }
        d.add(["TRY_PARSE_JSON"], 1...1) { c in TypedSQL.call("sf_try_parse_json", [c.first], type: .variant) }
        d.add(["TO_VARIANT"], 1...1) { c in Cast.convert(c.first, to: .variant) }
        d.add(["TO_OBJECT"], 1...1) { c in Cast.convert(c.first, to: .object) }
        d.add(["TO_ARRAY"], 1...1) { c in
            c.first.type.isSemiStructured ? Cast.convert(c.first, to: .variant)
                : TypedSQL.call("sf_array_construct", [Cast.convert(c.first, to: .variant)], type: .array)
        }
        d.add(["TO_JSON"], 1...1) { c in TypedSQL.call("sf_to_json", [Cast.convert(c.first, to: .variant)], type: .string) }
        d.add(["OBJECT_CONSTRUCT"], 0...254) { c in try objectConstruct(c, keepNulls: false) }
        d.add(["OBJECT_CONSTRUCT_KEEP_NULL"], 0...254) { c in try objectConstruct(c, keepNulls: true) }
        d.add(["ARRAY_CONSTRUCT"], 0...255) { c in
            TypedSQL.call("sf_array_construct", c.arguments.map { Cast.convert($0, to: .variant) }, type: .array)
        }
        d.add(["OBJECT_INSERT"], 3...4) { c in
            let update = c.arguments.count == 4 ? Cast.convert(c.arguments[3], to: .boolean) : TypedSQL("0", type: .boolean)
            return TypedSQL.call("sf_object_insert", [c.first, Cast.convert(c.arguments[1], to: .string),
                                                      Cast.convert(c.arguments[2], to: .variant), update], type: .object)
        }
        d.add(["ARRAY_SIZE"], 1...1) { c in TypedSQL.call("sf_array_size", [c.first], type: .integer) }
        d.add(["GET"], 2...2) { c in TypedSQL.call("sf_get", c.arguments, type: .variant) }
        d.add(["GET_PATH"], 2...2) { c in TypedSQL.call("sf_get_path", c.arguments, type: .variant) }
        d.add(["TYPEOF"], 1...1) { c in TypedSQL.call("sf_typeof", [Cast.convert(c.first, to: .variant)], type: .string) }
        d.add(["IS_NULL_VALUE"], 1...1) { c in TypedSQL.call("sf_is_null_value", [c.first], type: .boolean) }
    }

    /// OBJECT_CONSTRUCT(k1, v1, …): pairs of a key and a value; pairs with a NULL value are dropped
    /// unless `keepNulls`.
    static func objectConstruct(_ c: FunctionContext, keepNulls: Bool) throws -> TypedSQL {
        guard c.arguments.count % 2 == 0 else { throw SnowflakeError.invalidArgumentCount(function: c.name, given: c.arguments.count) }
        var parts = [TypedSQL(keepNulls ? "1" : "0", type: .boolean)]
        for i in stride(from: 0, to: c.arguments.count, by: 2) {
            parts.append(Cast.convert(c.arguments[i], to: .string))
            parts.append(Cast.convert(c.arguments[i + 1], to: .variant))
        }
        return TypedSQL.call("sf_object_construct", parts, type: .object)
    }
}
