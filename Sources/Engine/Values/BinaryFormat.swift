// BinaryFormat: the three ways Snowflake writes a BINARY value as text — HEX (the default of
// BINARY_INPUT_FORMAT and BINARY_OUTPUT_FORMAT), BASE64 and UTF-8 — with its errors for text that
// does not decode. A string cast to BINARY (`'ABCD'::binary`, a string inserted into a BINARY
// column) is read as HEX; TO_BINARY and TO_VARCHAR take the format as their second argument.
// https://docs.snowflake.com/en/user-guide/binary-input-output
// https://docs.snowflake.com/en/sql-reference/functions/to_binary

import Foundation

enum BinaryFormat: String, Sendable, CaseIterable {
    case hex = "HEX"
    case base64 = "BASE64"
    case utf8 = "UTF-8"

    /// The format a name spells, in any case; `UTF8` is accepted beside `UTF-8`. nil for another name.
    static func named(_ name: String) -> BinaryFormat? {
        switch name.trimmingCharacters(in: .whitespaces).uppercased() {
        case "HEX": return .hex
        case "BASE64": return .base64
        case "UTF-8", "UTF8": return .utf8
        default: return nil
        }
    }

    /// The format named by a function's format argument, or Snowflake's error naming it.
    static func argument(_ name: String) throws -> BinaryFormat {
        guard let format = named(name) else { throw SnowflakeError.invalidBinaryFormat(name) }
        return format
    }

    /// The bytes `text` spells in this format: HEX digits in either case, two per byte; BASE64 with
    /// its padding (whitespace between the characters is ignored, as the docs allow); UTF-8 as it is.
    func decode(_ text: String) throws -> [UInt8] {
        switch self {
        case .hex:
            guard let bytes = BinaryFormat.hexBytes(text) else { throw SnowflakeError.notLegalHex(text) }
            return bytes
        case .base64:
            let compact = text.filter { !$0.isWhitespace }
            guard let data = Data(base64Encoded: compact) else { throw SnowflakeError.notLegalBase64(text) }
            return [UInt8](data)
        case .utf8:
            return Array(text.utf8)
        }
    }

    /// The text of `bytes` in this format: HEX in upper case, BASE64 on one line with padding,
    /// UTF-8 when the bytes are UTF-8 (Snowflake's error otherwise, quoting them in hex).
    func encode(_ bytes: [UInt8]) throws -> String {
        switch self {
        case .hex: return BinaryFormat.hexText(bytes)
        case .base64: return Data(bytes).base64EncodedString()
        case .utf8:
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw SnowflakeError.invalidUTF8(BinaryFormat.hexText(bytes))
            }
            return text
        }
    }

    /// `AB0F` for the bytes AB 0F: two upper-case digits a byte, as BINARY prints.
    static func hexText(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes of an even run of hex digits (either case), nothing else — no `0x`, no spaces;
    /// nil for any other text. The empty string is zero bytes.
    static func hexBytes(_ text: String) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count / 2)
        var index = 0
        while index < utf8.count {
            guard let high = digit(utf8[index]), let low = digit(utf8[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func digit(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        default: return nil
        }
    }
}
