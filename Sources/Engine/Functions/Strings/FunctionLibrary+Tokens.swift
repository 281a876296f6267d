// FunctionLibrary+Tokens: string functions that find and cut — STRTOK and STRTOK_TO_ARRAY (every
// character of the delimiter separates; empty tokens are skipped), CHARINDEX and POSITION (1-based,
// 0 when not found; two BINARY values byte by byte), REVERSE, ASCII, and BASE64: BASE64_ENCODE (optionally wrapped at a line
// length), BASE64_DECODE_STRING and BASE64_DECODE_BINARY with their TRY_ forms. Arguments that
// are not strings are converted first; NULL in gives NULL out. BASE64's third argument (another
// alphabet) is refused as unsupported rather than ignored.
// https://docs.snowflake.com/en/sql-reference/functions/strtok
// https://docs.snowflake.com/en/sql-reference/functions/charindex
// https://docs.snowflake.com/en/sql-reference/functions/base64_encode

import Foundation
import GRDB

extension FunctionLibrary {
    static func registerTokens(_ d: inout FunctionRegistry) {
        d.add(["STRTOK"], 1...3) { c in
            let delimiter = c.arguments.count > 1 ? text(c.arguments[1]) : TypedSQL.bound(" ".databaseValue, type: .string)
            return TypedSQL.call("sf_strtok", [text(c.first), delimiter, integer(c, 2, default: 1)], type: .string)
        }
        d.add(["STRTOK_TO_ARRAY"], 1...2) { c in
            let delimiter = c.arguments.count > 1 ? text(c.arguments[1]) : TypedSQL.bound(" ".databaseValue, type: .string)
            return TypedSQL.call("sf_strtok_to_array", [text(c.first), delimiter], type: .array)
        }
        d.add(["CHARINDEX", "POSITION"], 2...3) { c in
            // Two BINARY values are searched byte by byte; a BINARY meets no string.
            let binaries = c.arguments.prefix(2).filter { if case .binary = $0.type { return true } else { return false } }.count
            if binaries == 1 { throw SnowflakeError.invalidArgumentTypes(function: c.name, c.arguments.map(\.type.canonicalName)) }
            let (part, whole) = binaries == 2 ? (c.first, c.arguments[1]) : (text(c.first), text(c.arguments[1]))
            return TypedSQL.call("sf_charindex", [part, whole, integer(c, 2, default: 1)], type: .integer)
        }
        d.add(["REVERSE"], 1...1) { c in TypedSQL.call("sf_reverse", [text(c.first)], type: .string) }
        d.add(["ASCII"], 1...1) { c in TypedSQL.call("sf_ascii", [text(c.first)], type: .integer) }
        d.add(["BASE64_ENCODE"], 1...3) { c in
            try refuseAlphabet(c, 2)
            let bytes: TypedSQL = { if case .binary = c.first.type { return c.first } else { return text(c.first) } }()
            return TypedSQL.call("sf_base64_encode", [bytes, integer(c, 1, default: 0)], type: .string)
        }
        for (name, isTry) in [("BASE64_DECODE_STRING", false), ("TRY_BASE64_DECODE_STRING", true)] {
            d.add([name], 1...2) { c in
                try refuseAlphabet(c, 1)
                return TypedSQL.call("sf_base64_decode_string", [text(c.first), TypedSQL(isTry ? "1" : "0", type: .boolean)], type: .string)
            }
        }
        for (name, isTry) in [("BASE64_DECODE_BINARY", false), ("TRY_BASE64_DECODE_BINARY", true)] {
            d.add([name], 1...2) { c in
                try refuseAlphabet(c, 1)
                return TypedSQL.call(
                    "sf_binary_decode",
                    [
                        text(c.first), TypedSQL.bound(BinaryFormat.base64.rawValue.databaseValue, type: .string),
                        TypedSQL(isTry ? "1" : "0", type: .boolean),
                    ], type: binaryType)
            }
        }
    }

    /// BASE64's alphabet argument (characters 62, 63 and the padding) is not supported: refused, never ignored.
    private static func refuseAlphabet(_ c: FunctionContext, _ index: Int) throws {
        if index < c.arguments.count { throw SnowflakeError.unsupported("\(c.name) with an alphabet argument") }
    }
}

/// The SQL functions behind the token and BASE64 functions, registered on each connection.
enum TokenFunctions {
    static func install(in db: Database) {
        db.add(
            function: ScalarFunction("sf_strtok", argumentCount: 3, pure: true) { v in
                guard let s = SQLFunctions.text(of: v[0]), let delimiters = SQLFunctions.text(of: v[1]),
                    let part = Int.fromDatabaseValue(v[2])
                else { return nil }
                guard part >= 1 else {
                    throw SnowflakeError.invalidFunctionArgument(String(part), function: "STRTOK", parameter: 3, rule: "must be a positive integer")
                        .encoded
                }
                let parts = tokens(s, delimiters)
                return parts.indices.contains(part - 1) ? parts[part - 1] : nil
            })
        db.add(
            function: ScalarFunction("sf_strtok_to_array", argumentCount: 2, pure: true) { v in
                guard let s = SQLFunctions.text(of: v[0]), let delimiters = SQLFunctions.text(of: v[1]) else { return nil }
                return Variant.canonical(.array(tokens(s, delimiters).map { .string($0) }))
            })
        // sf_charindex(part, s, start): the 1-based position of `part` in `s` from `start`, 0 when absent.
        db.add(
            function: ScalarFunction("sf_charindex", argumentCount: 3, pure: true) { v in
                guard let start = Int.fromDatabaseValue(v[2]) else { return nil }
                if case .blob(let part) = v[0].storage, case .blob(let whole) = v[1].storage {
                    return position(of: [UInt8](part), in: [UInt8](whole), from: start)
                }
                guard let part = SQLFunctions.text(of: v[0]), let s = SQLFunctions.text(of: v[1]) else { return nil }
                return position(of: Array(part.unicodeScalars), in: Array(s.unicodeScalars), from: start)
            })

        db.add(
            function: ScalarFunction("sf_reverse", argumentCount: 1, pure: true) { v in
                SQLFunctions.text(of: v[0]).map { String(String.UnicodeScalarView($0.unicodeScalars.reversed())) }
            })
        db.add(
            function: ScalarFunction("sf_ascii", argumentCount: 1, pure: true) { v in
                SQLFunctions.text(of: v[0]).map { Int($0.unicodeScalars.first?.value ?? 0) }
            })
        // sf_base64_encode(bytes, lineLength): BASE64 with padding, broken into lines of
        // `lineLength` characters by a newline when it is positive.
        db.add(
            function: ScalarFunction("sf_base64_encode", argumentCount: 2, pure: true) { v in
                guard let bytes = BinaryFunctions.bytes(v[0]), let width = Int.fromDatabaseValue(v[1]) else { return nil }
                let encoded = Data(bytes).base64EncodedString()
                guard width > 0, encoded.count > width else { return encoded }
                var lines: [Substring] = []
                var rest = Substring(encoded)
                while !rest.isEmpty {
                    lines.append(rest.prefix(width))
                    rest = rest.dropFirst(width)
                }
                return lines.joined(separator: "\n")
            })
        // sf_base64_decode_string(text, try): the UTF-8 text the BASE64 spells.
        db.add(
            function: ScalarFunction("sf_base64_decode_string", argumentCount: 2, pure: true) { v in
                guard let text = SQLFunctions.text(of: v[0]) else { return nil }
                let isTry = Bool.fromDatabaseValue(v[1]) == true
                do {
                    let bytes = try BinaryFormat.base64.decode(text)
                    return try BinaryFormat.utf8.encode(bytes)
                } catch let error as SnowflakeError {
                    if isTry { return nil }
                    throw error.encoded
                }
            })
    }

    /// The 1-based position of `needle` in `haystack` at or after `start`, 0 when absent; an empty
    /// needle is found where the search starts, unless that is past the end.
    static func position<T: Equatable>(of needle: [T], in haystack: [T], from start: Int) -> Int {
        let from = max(start, 1) - 1
        if needle.isEmpty { return from <= haystack.count ? from + 1 : 0 }
        guard from + needle.count <= haystack.count else { return 0 }
        for i in from...(haystack.count - needle.count) where haystack[i..<(i + needle.count)].elementsEqual(needle) {
            return i + 1
        }
        return 0
    }

    /// The non-empty tokens of `s` between any of the characters of `delimiters`; the whole
    /// string when there are no delimiters.
    static func tokens(_ s: String, _ delimiters: String) -> [String] {
        let separators = Set(delimiters.unicodeScalars)
        guard !separators.isEmpty else { return s.isEmpty ? [] : [s] }
        return s.unicodeScalars.split(whereSeparator: { separators.contains($0) }).map { String(String.UnicodeScalarView($0)) }
    }
}
