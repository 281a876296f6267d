// FunctionLibrary+Characters: strings character by character — CHR/CHAR (a code point's
// character), UNICODE (the first character's code point), SPACE, TRANSLATE (one alphabet for
// another; characters without a partner are removed), CONCAT_WS (NULL when any argument is, as
// Snowflake's), OCTET_LENGTH and BIT_LENGTH (UTF-8 bytes of a string, bytes of a BINARY). NULL
// in gives NULL out; results past 16 MB are refused (StringLimits).
// https://docs.snowflake.com/en/sql-reference/functions/chr
// https://docs.snowflake.com/en/sql-reference/functions/translate
// https://docs.snowflake.com/en/sql-reference/functions/concat_ws

import Foundation
import GRDB

extension FunctionLibrary {
    static func registerCharacters(_ d: inout FunctionRegistry) {
        d.add(["CHR", "CHAR"], 1...1) { c in TypedSQL.call("sf_chr", [Cast.convert(c.first, to: .integer)], type: .string) }
        d.add(["UNICODE"], 1...1) { c in TypedSQL.call("sf_ascii", [text(c.first)], type: .integer) }
        d.add(["SPACE"], 1...1) { c in
            TypedSQL.call("sf_repeat", [TypedSQL.bound(" ".databaseValue, type: .string), Cast.convert(c.first, to: .integer)], type: .string)
        }
        d.add(["TRANSLATE"], 3...3) { c in TypedSQL.call("sf_translate", c.arguments.map(text), type: .string) }
        d.add(["CONCAT_WS"], 2...255) { c in
            let separator = text(c.first)
            var parts: [TypedSQL] = []
            for (i, argument) in c.arguments.dropFirst().enumerated() {
                if i > 0 { parts.append(separator) }
                parts.append(text(argument))
            }
            // The separator is still NULL-checked when there is only one value to join.
            if c.arguments.count == 2 { parts.append(separator.wrapped("substr(", ", 1, 0)")) }
            return TypedSQL.call("sf_concat", parts, type: .string)
        }
        for (name, bits) in [("OCTET_LENGTH", false), ("BIT_LENGTH", true)] {
            d.add([name], 1...1) { c in
                let value: TypedSQL = { if case .binary = c.first.type { return c.first } else { return text(c.first) } }()
                let bytes = TypedSQL.call("sf_octet_length", [value], type: .integer)
                return bits ? bytes.wrapped("(8 * ", ")") : bytes
            }
        }
    }
}

/// The SQL functions behind the character functions, registered on each connection.
enum CharacterFunctions {
    static func install(in db: Database) {
        db.add(
            function: ScalarFunction("sf_chr", argumentCount: 1, pure: true) { v in
                guard let code = Int64.fromDatabaseValue(v[0]) else { return nil }
                guard let value = UInt32(exactly: code), let scalar = Unicode.Scalar(value) else {
                    throw SnowflakeError.invalidFunctionArgument(String(code), function: "CHR", parameter: 1, rule: "not a Unicode code point")
                        .encoded
                }
                return String(Character(scalar))
            })
        // sf_translate(subject, from, to): each character of `from` becomes the one at its place in
        // `to`, or is removed when `to` is shorter; the first occurrence in `from` counts.
        db.add(
            function: ScalarFunction("sf_translate", argumentCount: 3, pure: true) { v in
                guard let s = SQLFunctions.text(of: v[0]), let from = SQLFunctions.text(of: v[1]), let to = SQLFunctions.text(of: v[2]) else {
                    return nil
                }
                let targets = Array(to.unicodeScalars)
                var map: [Unicode.Scalar: Unicode.Scalar?] = [:]
                for (i, scalar) in from.unicodeScalars.enumerated() where map[scalar] == nil {
                    map[scalar] = i < targets.count ? targets[i] : .some(nil)
                }
                var result = String.UnicodeScalarView()
                for scalar in s.unicodeScalars {
                    if let mapped = map[scalar] {
                        if let replacement = mapped { result.append(replacement) }
                    } else {
                        result.append(scalar)
                    }
                }
                return String(result)
            })
        db.add(
            function: ScalarFunction("sf_octet_length", argumentCount: 1, pure: true) { v in
                BinaryFunctions.bytes(v[0])?.count
            })
    }
}
