// FunctionLibrary+Numbers: numeric functions — ABS, ROUND, FLOOR, CEIL, TRUNC, MOD, SIGN, POWER,
// SQRT, SQUARE, EXP, LN, LOG, PI and the trigonometric functions defined everywhere, ZEROIFNULL,
// NULLIFZERO, DIV0, DIV0NULL, BITAND, BITOR, BITXOR, BITNOT — and the conversions
// TO_NUMBER/TO_DECIMAL/TO_NUMERIC
// (with a format, precision and scale), their TRY_ forms, and TO_DOUBLE. A NUMBER keeps a NUMBER
// type with Snowflake's scale rules; FLOAT stays FLOAT.
// https://docs.snowflake.com/en/sql-reference/functions-numeric

import GRDB

extension FunctionLibrary {
    static func registerNumbers(_ d: inout FunctionRegistry) {
        d.add(["ABS"], 1...1) { c in c.sqlite("abs", type: c.first.type) }
        d.add(["ROUND"], 1...2) { c in
            var scale = 0
            // NUMBER's scale is at most 37 (a scale of 2^63 - 1 would print that many digits).
            if c.arguments.count == 2, let n = Int(c.arguments[1].sql) { scale = min(max(0, n), 37) }
            if c.first.type == .float { return c.sqlite("round", type: .float) }
            return c.sqlite("sf_round", type: .number(precision: 38, scale: scale))
        }
        for (names, function) in [(["FLOOR"], "sf_floor"), (["CEIL", "CEILING"], "sf_ceil"), (["TRUNC", "TRUNCATE"], "sf_trunc")] {
            d.add(names, 1...2) { c in
                if function == "sf_trunc" && isTemporal(c.first.type) { return try truncateDate(c) }
                let value = try numeric(c.first, function: c.name)
                let requested = c.arguments.count > 1 ? c.constantInt(1) : 0
                guard let scale = requested else {
                    throw SnowflakeError.compilationError("The scale argument of \(c.name) must be a constant integer")
                }
                let type: SnowflakeType
                switch value.type {
                case .number(let p, let s): type = .number(precision: p, scale: max(0, min(s, scale)))
                default: type = .float
                }
                return TypedSQL.call(function, [value, TypedSQL("\(scale)", type: .integer)], type: type)
            }
        }
        d.add(["MOD"], 2...2) { c in
            let a = try numeric(c.first, function: c.name), b = try numeric(c.arguments[1], function: c.name)
            var type = SnowflakeType.float
            if case .number(_, let s1) = a.type, case .number(_, let s2) = b.type { type = .number(precision: 38, scale: max(s1, s2)) }
            return TypedSQL.call("sf_mod", [a, b], type: type)
        }
        d.add(["SIGN"], 1...1) { c in TypedSQL.call("sf_sign", [try numeric(c.first, function: c.name)], type: .integer) }
        d.add(["POWER", "POW"], 2...2) { c in
            TypedSQL.call("sf_power", [try numeric(c.first, function: c.name), try numeric(c.arguments[1], function: c.name)], type: .float)
        }
        // The trigonometric functions defined for every x; ASIN, ACOS, ACOSH, ATANH and COT, which
        // are not, are left out rather than guess what Snowflake answers outside their domain.
        for name in ["SQRT", "EXP", "LN", "CBRT", "SQUARE", "SIN", "COS", "TAN", "ATAN", "SINH", "COSH", "TANH", "ASINH", "DEGREES", "RADIANS"] {
            d.add([name], 1...1) { c in
                TypedSQL.call("sf_math", [TypedSQL.bound(name.databaseValue, type: .string), try numeric(c.first, function: c.name)], type: .float)
            }
        }
        d.add(["ATAN2"], 2...2) { c in
            TypedSQL.call("sf_atan2", [try numeric(c.first, function: c.name), try numeric(c.arguments[1], function: c.name)], type: .float)
        }
        d.add(["PI"], 0...0) { _ in TypedSQL.bound(Double.pi.databaseValue, type: .float) }
        d.add(["LOG"], 2...2) { c in
            TypedSQL.call("sf_log", [try numeric(c.first, function: c.name), try numeric(c.arguments[1], function: c.name)], type: .float)
        }
        d.add(["ZEROIFNULL"], 1...1) { c in
            let value = try numeric(c.first, function: c.name)
            return TypedSQL.call("coalesce", [value, TypedSQL("0", type: .integer)], type: value.sql == "NULL" ? .integer : value.type)
        }
        d.add(["NULLIFZERO"], 1...1) { c in
            let value = try numeric(c.first, function: c.name)
            return TypedSQL.call("nullif", [value, TypedSQL("0", type: .integer)], type: value.type)
        }
        // DIV0 and DIV0NULL: division that gives 0 for a zero divisor (DIV0NULL: or a NULL one).
        for (name, nullIsZero) in [("DIV0", false), ("DIV0NULL", true)] {
            d.add([name], 2...2) { c in
                let a = try numeric(c.first, function: c.name), b = try numeric(c.arguments[1], function: c.name)
                return TypedSQL.call("sf_div0", [a, b, TypedSQL(nullIsZero ? "1" : "0", type: .boolean)], type: quotientType(a.type, b.type))
            }
        }
        // BITAND, BITOR, BITXOR, BITNOT: on the integers' two's complement bits; NULL in, NULL out.
        for (name, op) in [("BITAND", "&"), ("BITOR", "|"), ("BITXOR", "^")] {
            d.add([name], 2...2) { c in
                let a = try bits(c.first, c), b = try bits(c.arguments[1], c)
                // SQLite has no ^: a XOR b is (a | b) - (a & b).
                let sql = op == "^" ? "((\(a.sql) | \(b.sql)) - (\(a.sql) & \(b.sql)))" : "(\(a.sql) \(op) \(b.sql))"
                let arguments = op == "^" ? a.arguments + b.arguments + a.arguments + b.arguments : a.arguments + b.arguments
                return TypedSQL(sql, arguments, type: .integer)
            }
        }
        d.add(["BITNOT"], 1...1) { c in try bits(c.first, c).wrapped("(~", ")") }
        // Conversion
        d.add(["TO_NUMBER", "TO_DECIMAL", "TO_NUMERIC"], 1...4) { c in try toNumber(c, isTry: false) }
        d.add(["TRY_TO_NUMBER", "TRY_TO_DECIMAL", "TRY_TO_NUMERIC"], 1...4) { c in try toNumber(c, isTry: true) }
        d.add(["TO_DOUBLE"], 1...2) { c in Cast.convert(c.first, to: .float) }
        d.add(["TRY_TO_DOUBLE"], 1...2) { c in Cast.convert(c.first, to: .float, isTry: true) }
    }

    /// A numeric argument: strings and VARIANTs convert to FLOAT; dates and booleans are refused.
    static func numeric(_ value: TypedSQL, function: String) throws -> TypedSQL {
        if value.type.isNumeric { return value }
        if value.sql == "NULL" { return TypedSQL("NULL", type: .integer) }
        if value.type.isString || value.type.isSemiStructured { return Cast.convert(value, to: .float) }
        throw SnowflakeError.invalidArgumentTypes(function: function, [value.type.canonicalName])
    }

    /// A bitwise argument: an integer (a decimal or string is converted, as Snowflake rounds it);
    /// any other type is 001044.
    static func bits(_ value: TypedSQL, _ c: FunctionContext) throws -> TypedSQL {
        if value.sql == "NULL" { return TypedSQL("NULL", type: .integer) }
        if value.type.isNumeric || value.type.isString || value.type.isSemiStructured { return Cast.convert(value, to: .integer) }
        throw SnowflakeError.invalidArgumentTypes(function: c.name, c.arguments.map(\.type.canonicalName))
    }

    /// The type of a quotient, as `/` gives it: FLOAT when either side is, else NUMBER with at
    /// least 6 more digits of scale (up to 12).
    static func quotientType(_ a: SnowflakeType, _ b: SnowflakeType) -> SnowflakeType {
        guard case .number(_, let s1) = a, case .number = b else { return .float }
        return .number(precision: 38, scale: max(s1, min(s1 + 6, 12)))
    }

    /// TRUNC(date_or_timestamp, 'part'): DATE_TRUNC with its arguments the other way round.
    static func truncateDate(_ c: FunctionContext) throws -> TypedSQL {
        let word = c.arguments.count > 1 ? c.constant(1).flatMap { String.fromDatabaseValue($0) } : "day"
        guard let word, let part = DatePart.named(word), part.isInterval else {
            throw DatePart.invalid((word ?? "").uppercased(), function: c.name)
        }
        return TypedSQL.call("sf_date_trunc", [TypedSQL.bound(part.rawValue.databaseValue, type: .string), c.first, kind(c.first.type)],
                             type: c.first.type)
    }

    /// TO_NUMBER(value [, format] [, precision [, scale]]): NUMBER(precision, scale), default (38, 0).
    static func toNumber(_ c: FunctionContext, isTry: Bool) throws -> TypedSQL {
        var value = c.first
        var format = null(.string)
        var next = 1
        if c.arguments.count > 1, c.arguments[1].type.isString {
            format = c.arguments[1]
            next = 2
        }
        let precision = next < c.arguments.count ? c.constantInt(next) : 38
        let scale = next + 1 < c.arguments.count ? c.constantInt(next + 1) : 0
        guard let precision, let scale, (1...38).contains(precision), (0...precision).contains(scale) else {
            throw SnowflakeError.compilationError("Invalid precision or scale for function \(c.name): they must be constants with 1 ≤ precision ≤ 38 and 0 ≤ scale ≤ precision")
        }
        let type = SnowflakeType.number(precision: precision, scale: scale)
        if value.sql == "NULL" { return TypedSQL("NULL", type: type) }
        if value.type.isSemiStructured { value = Cast.convert(value, to: .string, isTry: isTry) }
        if value.type == .boolean { value = Cast.convert(value, to: .integer) }
        return TypedSQL.call("sf_to_number", [value, format, TypedSQL("\(precision)", type: .integer), TypedSQL("\(scale)", type: .integer),
                                              TypedSQL(isTry ? "1" : "0", type: .boolean)], type: type)
    }
}
