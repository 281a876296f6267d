// FunctionLibrary+Strings: string functions — case, length, trimming, substrings, padding,
// splitting, searching, the REGEXP_ family, TO_VARCHAR/TO_CHAR (with a date or number format),
// and the digests MD5, SHA1, SHA2 and HASH. Arguments that are not strings are converted first
// (Cast), so `LEFT(12345, 2)` is `12`. NULL in gives NULL out, except HASH, which hashes it.
// https://docs.snowflake.com/en/sql-reference/functions-string

import GRDB

extension FunctionLibrary {
    static func registerStrings(_ d: inout FunctionRegistry) {
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
        d.add(["REPEAT"], 2...2) { c in
            TypedSQL.call("sf_repeat", [text(c.first), Cast.convert(c.arguments[1], to: .integer)], type: .string)
        }
        d.add(["INITCAP"], 1...2) { c in
            TypedSQL.call("sf_initcap", [text(c.first), c.arguments.count > 1 ? text(c.arguments[1]) : null(.string)], type: .string)
        }
        d.add(["SPLIT"], 2...2) { c in TypedSQL.call("sf_split", c.arguments.map(text), type: .array) }
        d.add(["SPLIT_PART"], 3...3) { c in
            TypedSQL.call("sf_split_part", [text(c.first), text(c.arguments[1]), Cast.convert(c.arguments[2], to: .integer)], type: .string)
        }
        d.add(["LEFT"], 2...2) { c in TypedSQL.call("sf_left", [text(c.first), Cast.convert(c.arguments[1], to: .integer)], type: .string) }
        d.add(["RIGHT"], 2...2) { c in TypedSQL.call("sf_right", [text(c.first), Cast.convert(c.arguments[1], to: .integer)], type: .string) }
        for (name, left) in [("LPAD", true), ("RPAD", false)] {
            d.add([name], 2...3) { c in
                let pad = c.arguments.count > 2 ? text(c.arguments[2]) : TypedSQL.bound(" ".databaseValue, type: .string)
                return TypedSQL.call("sf_pad", [text(c.first), Cast.convert(c.arguments[1], to: .integer), pad,
                                                TypedSQL(left ? "1" : "0", type: .boolean)], type: .string)
            }
        }
        for name in ["CONTAINS", "STARTSWITH", "ENDSWITH"] {
            d.add([name], 2...2) { c in
                TypedSQL.call("sf_text_test", [TypedSQL.bound(name.databaseValue, type: .string), text(c.first), text(c.arguments[1])],
                              type: .boolean)
            }
        }
        // Regular expressions
        d.add(["REGEXP_LIKE", "RLIKE"], 2...3) { c in TypedSQL.call("sf_rlike", c.arguments.map(text), type: .boolean) }
        d.add(["REGEXP_SUBSTR"], 2...6) { c in
            TypedSQL.call("sf_regexp_substr", [text(c.first), text(c.arguments[1]), integer(c, 2, default: 1),
                                               integer(c, 3, default: 1), optionalText(c, 4), optionalInteger(c, 5)], type: .string)
        }
        d.add(["REGEXP_REPLACE"], 2...6) { c in
            let replacement = c.arguments.count > 2 ? text(c.arguments[2]) : TypedSQL("''", type: .string)
            return TypedSQL.call("sf_regexp_replace", [text(c.first), text(c.arguments[1]), replacement, integer(c, 3, default: 1),
                                                       integer(c, 4, default: 0), optionalText(c, 5)], type: .string)
        }
        d.add(["REGEXP_COUNT"], 2...4) { c in
            TypedSQL.call("sf_regexp_count", [text(c.first), text(c.arguments[1]), integer(c, 2, default: 1), optionalText(c, 3)],
                          type: .integer)
        }
        // Conversion to text
        d.add(["TO_VARCHAR", "TO_CHAR"], 1...2) { c in
            guard c.arguments.count == 2 else { return Cast.convert(c.first, to: .string) }
            let format = text(c.arguments[1])
            if isTemporal(c.first.type) { return TypedSQL.call("sf_format_temporal", [c.first, format], type: .string) }
            if c.first.type.isNumeric { return TypedSQL.call("sf_format_number", [c.first, format], type: .string) }
            if case .binary = c.first.type { return try binaryText(c) }
            return Cast.convert(c.first, to: .string)
        }
        // Digests
        for (names, digest) in [(["MD5", "MD5_HEX"], "MD5"), (["SHA1", "SHA1_HEX"], "SHA1")] {
            d.add(names, 1...1) { c in
                TypedSQL.call("sf_digest", [digestInput(c.first), TypedSQL.bound(digest.databaseValue, type: .string)], type: .string)
            }
        }
        d.add(["SHA2", "SHA2_HEX"], 1...2) { c in
            let bits = c.arguments.count > 1 ? c.constantInt(1) : 256
            guard let bits, [224, 256, 384, 512].contains(bits) else {
                throw SnowflakeError.invalidDigestSize(function: c.name, bits: c.constantInt(1))
            }
            return TypedSQL.call("sf_digest", [digestInput(c.first), TypedSQL.bound("SHA\(bits)".databaseValue, type: .string)], type: .string)
        }
        d.add(["HASH"], 1...255) { c in TypedSQL.call("sf_hash", c.arguments, type: .integer) }
    }

    /// An argument as text.
    static func text(_ value: TypedSQL) -> TypedSQL { Cast.convert(value, to: .string) }

    static func null(_ type: SnowflakeType) -> TypedSQL { TypedSQL("NULL", type: type) }

    /// Argument `index` as an integer, or `default` when the call leaves it out.
    static func integer(_ c: FunctionContext, _ index: Int, default value: Int) -> TypedSQL {
        index < c.arguments.count ? Cast.convert(c.arguments[index], to: .integer) : TypedSQL("\(value)", type: .integer)
    }

    static func optionalInteger(_ c: FunctionContext, _ index: Int) -> TypedSQL {
        index < c.arguments.count ? Cast.convert(c.arguments[index], to: .integer) : null(.integer)
    }

    static func optionalText(_ c: FunctionContext, _ index: Int) -> TypedSQL {
        index < c.arguments.count ? text(c.arguments[index]) : null(.string)
    }

    /// BINARY is digested as its bytes, everything else as its text.
    static func digestInput(_ value: TypedSQL) -> TypedSQL {
        if case .binary = value.type { return value }
        return text(value)
    }
}
