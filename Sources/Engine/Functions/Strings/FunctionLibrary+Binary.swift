// FunctionLibrary+Binary: BINARY values from text and back — TO_BINARY and TRY_TO_BINARY (HEX,
// BASE64 or UTF-8, HEX by default), HEX_ENCODE, HEX_DECODE_STRING, HEX_DECODE_BINARY and their
// TRY_ forms. A BINARY is stored as a blob; its text is upper-case HEX (TO_VARCHAR, `::string`).
// The format must be a constant, so a wrong name fails when the statement is compiled; the SQL
// functions behind them (BinaryFunctions, installed on each connection) take the format by name
// and a `try` flag that turns a decoding error into NULL, as the TRY_ functions answer.
// https://docs.snowflake.com/en/sql-reference/functions/to_binary
// https://docs.snowflake.com/en/sql-reference/functions/hex_encode

import Foundation
import GRDB

extension FunctionLibrary {
    static let binaryType = SnowflakeType.binary(length: 8_388_608)

    static func registerBinary(_ d: inout FunctionRegistry) {
        for (name, isTry) in [("TO_BINARY", false), ("TRY_TO_BINARY", true)] {
            d.add([name], 1...2) { c in
                if case .binary = c.first.type { return c.first }
                let format = c.arguments.count > 1 ? try binaryFormat(c, 1) : .hex
                return TypedSQL.call("sf_binary_decode", [text(c.first), bound(format.rawValue), flag(isTry)], type: binaryType)
            }
        }
        d.add(["HEX_ENCODE"], 1...2) { c in
            let upper = c.arguments.count > 1 ? integer(c, 1, default: 1) : TypedSQL("1", type: .integer)
            return TypedSQL.call("sf_hex_encode", [bytes(c.first), upper], type: .string)
        }
        for (name, isTry) in [("HEX_DECODE_BINARY", false), ("TRY_HEX_DECODE_BINARY", true)] {
            d.add([name], 1...1) { c in
                TypedSQL.call("sf_binary_decode", [text(c.first), bound(BinaryFormat.hex.rawValue), flag(isTry)], type: binaryType)
            }
        }
        for (name, isTry) in [("HEX_DECODE_STRING", false), ("TRY_HEX_DECODE_STRING", true)] {
            d.add([name], 1...1) { c in
                TypedSQL.call("sf_hex_decode_string", [text(c.first), flag(isTry)], type: .string)
            }
        }
    }

    /// TO_VARCHAR(binary, format): the bytes as HEX, BASE64 or UTF-8 text.
    static func binaryText(_ c: FunctionContext) throws -> TypedSQL {
        TypedSQL.call("sf_binary_encode", [c.first, bound(try binaryFormat(c, 1).rawValue)], type: .string)
    }

    /// Argument `index`, a constant naming a binary format.
    static func binaryFormat(_ c: FunctionContext, _ index: Int) throws -> BinaryFormat {
        guard let value = c.constant(index), let name = String.fromDatabaseValue(value) else {
            throw SnowflakeError.unsupported("\(c.name) with a format that is not a constant string")
        }
        return try BinaryFormat.argument(name)
    }

    /// A BINARY stays bytes; anything else is its text (HEX_ENCODE encodes a string's UTF-8 bytes).
    private static func bytes(_ value: TypedSQL) -> TypedSQL {
        if case .binary = value.type { return value }
        return text(value)
    }

    private static func bound(_ text: String) -> TypedSQL { TypedSQL.bound(text.databaseValue, type: .string) }

    private static func flag(_ on: Bool) -> TypedSQL { TypedSQL(on ? "1" : "0", type: .boolean) }
}

// MARK: - The SQL functions

enum BinaryFunctions {
    static func install(in db: Database) {
        // sf_binary_decode(text, format, try): the bytes the text spells in the format.
        db.add(function: ScalarFunction("sf_binary_decode", argumentCount: 3, pure: true) { v in
            guard let text = SQLFunctions.text(of: v[0]) else { return nil }
            let format = BinaryFormat.named(String.fromDatabaseValue(v[1]) ?? "") ?? .hex
            do {
                return Data(try format.decode(text))
            } catch let error as SnowflakeError {
                if Bool.fromDatabaseValue(v[2]) == true { return nil }
                throw error.encoded
            }
        })
        // sf_binary_encode(binary, format): the bytes as text in the format.
        db.add(function: ScalarFunction("sf_binary_encode", argumentCount: 2, pure: true) { v in
            guard let bytes = bytes(v[0]) else { return nil }
            let format = BinaryFormat.named(String.fromDatabaseValue(v[1]) ?? "") ?? .hex
            do {
                return try format.encode(bytes)
            } catch let error as SnowflakeError {
                throw error.encoded
            }
        })
        // sf_hex_encode(value, upper): a BINARY's bytes, or a string's UTF-8 bytes, as hex digits.
        db.add(function: ScalarFunction("sf_hex_encode", argumentCount: 2, pure: true) { v in
            guard let bytes = bytes(v[0]) else { return nil }
            let hex = BinaryFormat.hexText(bytes)
            return Int64.fromDatabaseValue(v[1]) == 0 ? hex.lowercased() : hex
        })
        // sf_hex_decode_string(text, try): the UTF-8 text the hex digits spell.
        db.add(function: ScalarFunction("sf_hex_decode_string", argumentCount: 2, pure: true) { v in
            guard let text = SQLFunctions.text(of: v[0]) else { return nil }
            let isTry = Bool.fromDatabaseValue(v[1]) == true
            guard let bytes = BinaryFormat.hexBytes(text) else {
                if isTry { return nil }
                throw SnowflakeError.notLegalHex(text).encoded
            }
            guard let decoded = String(validating: bytes, as: UTF8.self) else {
                if isTry { return nil }
                throw SnowflakeError.invalidUTF8(text).encoded
            }
            return decoded
        })
    }

    /// A blob's bytes, or the UTF-8 bytes of any other value's text; nil for NULL.
    static func bytes(_ value: DatabaseValue) -> [UInt8]? {
        if case .blob(let data) = value.storage { return [UInt8](data) }
        return SQLFunctions.text(of: value).map { Array($0.utf8) }
    }
}
