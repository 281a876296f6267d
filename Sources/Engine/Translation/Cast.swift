// Cast: the one place a typed SQL expression is converted to another Snowflake type — `::`,
// CAST, TRY_CAST, TO_VARCHAR and friends, values meeting a column's type in INSERT and UPDATE,
// and strings compared with other types. The conversion itself runs in SQLite through
// `sf_convert(value, from, to)` (Conversion.swift), which knows the source type, so a BOOLEAN
// stored as 1 becomes 'true' and a VARIANT string loses its quotes.

import GRDB

enum Cast {
    /// `expression` as a value of `target`. Same-family values pass through unless they must be
    /// rounded or shortened; `isTry` turns conversion errors into NULL.
    /// A value that is never NULL stays so, unless TRY_CAST may turn it into NULL or it is
    /// semi-structured (a VARIANT's JSON null converts to SQL NULL).
    static func convert(_ expression: TypedSQL, to target: SnowflakeType, isTry: Bool = false) -> TypedSQL {
        if expression.sql == "NULL" { return TypedSQL("NULL", type: target) }
        if expression.type == target || (sameFamily(expression.type, target) && !narrows(expression.type, target)) {
            return TypedSQL(expression.sql, expression.arguments, type: target,
                            nullable: expression.nullable || (isTry && expression.type != target))
        }
        // A string read as TIMESTAMP_TZ keeps the offset it is written with, and as TIMESTAMP_LTZ is
        // moved to UTC by it, as TO_TIMESTAMP_TZ / _LTZ read it; a TIMESTAMP_TZ read as TIMESTAMP_LTZ
        // is moved to UTC by its offset too (sf_convert would drop the offset: a silent wrong result).
        if (expression.type.isString && (target == .timestampTZ || target == .timestampLTZ))
            || (expression.type == .timestampTZ && target == .timestampLTZ) {
            let name = target == .timestampTZ ? "TIMESTAMP_TZ" : "TIMESTAMP_LTZ"
            var read = TypedSQL.call("sf_to_temporal", [expression, TypedSQL.bound(name.databaseValue, type: .string),
                                                        TypedSQL("NULL", type: .string), TypedSQL("NULL", type: .integer),
                                                        TypedSQL(isTry ? "1" : "0", type: .boolean)], type: target)
            read.nullable = expression.nullable || isTry
            return read
        }
        let from = typeName(expression.type), to = typeName(target)
        var converted = TypedSQL.call(isTry ? "sf_try_convert" : "sf_convert", [expression, from, to], type: target)
        converted.nullable = expression.nullable || isTry || expression.type.isSemiStructured
        return converted
    }

    /// A type's canonical name as SQL: written out, as Snowlite spells it (letters, digits, `_`,
    /// parentheses, commas and blanks), so an index on a conversion (a table's sub-columns) can
    /// match the query's; any other name is bound.
    static func typeName(_ type: SnowflakeType) -> TypedSQL {
        let name = type.canonicalName
        let plain = name.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "_(), ".unicodeScalars.contains($0) }
        return plain ? TypedSQL("'\(name)'", type: .string, nullable: false) : TypedSQL.bound(name.databaseValue, type: .string)
    }

    /// Types whose stored form is the same, so no conversion is needed between them.
    static func sameFamily(_ a: SnowflakeType, _ b: SnowflakeType) -> Bool {
        switch (a, b) {
        case (.number, .number), (.varchar, .varchar), (.float, .float), (.binary, .binary), (.variant, .variant): return true
        case (.timestampNTZ, .timestampNTZ), (.timestampLTZ, .timestampLTZ), (.timestampTZ, .timestampTZ): return true
        default: return a == b
        }
    }

    /// Whether going from `a` to `b` loses digits or characters (and so must be converted).
    static func narrows(_ a: SnowflakeType, _ b: SnowflakeType) -> Bool {
        if case .number(_, let s1) = a, case .number(_, let s2) = b { return s1 > s2 }
        if case .varchar(let l1) = a, case .varchar(let l2) = b { return l1 > l2 }
        return false
    }
}
