// JSONText: a small JSON reader and writer for VARIANT values. Snowflake prints semi-structured
// values pretty (two-space indent) with object keys sorted, numbers as written; Foundation's
// serializer neither keeps number text nor prints `"k": v` the same way on every platform, so
// Snowlite keeps its own. The reader is lenient as PARSE_JSON is (unquoted keys, empty slots).

public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.number(a), .number(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }
}

public enum JSONText {
    /// Pretty text with sorted keys; text that is not JSON is returned unchanged.
    public static func pretty(_ json: String) -> String {
        guard let value = try? parse(json) else { return json }
        var out = ""
        write(value, into: &out, indent: 0, pretty: true)
        return out
    }

    /// Compact text (`{"a":1,"b":[1,2]}`), keys in stored order.
    public static func compact(_ value: JSONValue) -> String {
        var out = ""
        write(value, into: &out, indent: 0, pretty: false)
        return out
    }

    public struct ParseError: Error, Equatable {
        public var offset: Int
        /// The text nests arrays and objects more than `maximumDepth` deep.
        public var tooDeep = false
    }

    /// How deep arrays and objects may nest [? Snowlite's limit, Snowflake's is not documented]: the
    /// parsers recurse once a level, and the system SQLite's JSON functions refuse 2,000 levels.
    static let maximumDepth = 1_000

    /// Parses JSON text, accepting PARSE_JSON's leniencies.
    public static func parse(_ text: String) throws -> JSONValue {
        var reader = Reader(Array(text.utf8))
        reader.skipBlanks()
        let value = try reader.value()
        reader.skipBlanks()
        guard reader.atEnd else { throw ParseError(offset: reader.index) }
        return value
    }

    /// A JSON string literal with escapes.
    public static func quote(_ s: String) -> String {
        // Most strings need no escape: one pass over the bytes, then the text as it is.
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) { return "\"" + s + "\"" }
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    static func write(_ value: JSONValue, into out: inout String, indent: Int, pretty: Bool) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += n
        case .string(let s): out += quote(s)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                if pretty { out += "\n" + String(repeating: " ", count: indent + 2) }
                write(item, into: &out, indent: indent + 2, pretty: pretty)
            }
            if pretty { out += "\n" + String(repeating: " ", count: indent) }
            out += "]"
        case .object(let pairs):
            if pairs.isEmpty { out += "{}"; return }
            out += "{"
            let ordered = pretty ? pairs.sorted { $0.0 < $1.0 } : pairs
            for (i, pair) in ordered.enumerated() {
                if i > 0 { out += "," }
                if pretty { out += "\n" + String(repeating: " ", count: indent + 2) }
                out += quote(pair.0) + (pretty ? ": " : ":")
                write(pair.1, into: &out, indent: indent + 2, pretty: pretty)
            }
            if pretty { out += "\n" + String(repeating: " ", count: indent) }
            out += "}"
        }
    }

    /// Decodes the escape whose letter is at `index` (its backslash read) into `out`, as PARSE_JSON
    /// reads escapes: \n \t \r \b \f; \uXXXX, a surrogate pair joined and a high surrogate without
    /// its low half U+FFFD; any other letter as itself. Advances `index` past what it read; false
    /// when the escape is cut short or its hex digits are not. JSONText.Reader and JSONCanonical both
    /// read strings with it.
    static func decodeEscape(_ input: UnsafeBufferPointer<UInt8>, at index: inout Int, into out: inout [UInt8]) -> Bool {
        func hex4() -> UInt32? {
            guard index + 4 <= input.count else { return nil }
            var code: UInt32 = 0
            for byte in input[index..<index + 4] {
                guard let digit = JSONCanonical.hexValue(byte) else { return nil }
                code = code << 4 | digit
            }
            index += 4
            return code
        }
        guard index < input.count else { return false }
        let e = input[index]
        index += 1
        switch e {
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "u"):
            guard var code = hex4() else { return false }
            if (0xD800..<0xDC00).contains(code), index + 1 < input.count, input[index] == UInt8(ascii: "\\"),
               input[index + 1] == UInt8(ascii: "u") {
                index += 2
                guard let low = hex4() else { return false }
                code = (0xDC00..<0xE000).contains(low) ? 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00) : 0xFFFD
            }
            out.append(contentsOf: String(Unicode.Scalar(code) ?? "\u{FFFD}").utf8)
        default: out.append(contentsOf: String(Unicode.Scalar(e)).utf8)
        }
        return true
    }

    private struct Reader {
        let bytes: [UInt8]
        var index = 0
        /// Arrays and objects open around the current position.
        var depth = 0
        init(_ bytes: [UInt8]) { self.bytes = bytes }

        /// One more level of nesting, refused past `maximumDepth`.
        mutating func enter() throws {
            depth += 1
            guard depth <= JSONText.maximumDepth else { throw ParseError(offset: index, tooDeep: true) }
        }

        var atEnd: Bool { index >= bytes.count }
        var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func skipBlanks() {
            while let c = current, c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { index += 1 }
        }

        func fail() -> ParseError { ParseError(offset: index) }

        mutating func value() throws -> JSONValue {
            guard let c = current else { throw fail() }
            switch c {
            case UInt8(ascii: "{"): return try object()
            case UInt8(ascii: "["): return try array()
            case UInt8(ascii: "\""), UInt8(ascii: "'"): return .string(try string())
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
            default:
                let word = bareWord()
                switch word {
                case "null": return .null
                case "true": return .bool(true)
                case "false": return .bool(false)
                case "NaN", "Infinity": return .number(word)
                default: throw fail()
                }
            }
        }

        mutating func bareWord() -> String {
            let start = index
            while let c = current, isWordByte(c) { index += 1 }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }

        func isWordByte(_ c: UInt8) -> Bool {
            (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F || c == 0x24 || c >= 0x80
        }

        mutating func number() throws -> JSONValue {
            let start = index
            if current == UInt8(ascii: "-") { index += 1 }
            while let c = current, (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: ".") || c == UInt8(ascii: "e")
                    || c == UInt8(ascii: "E") || c == UInt8(ascii: "+") || c == UInt8(ascii: "-") { index += 1 }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            guard Double(text) != nil else { throw fail() }
            return .number(text)
        }

        mutating func string() throws -> String {
            let quoteByte = bytes[index]
            index += 1
            // The string's UTF-8 bytes, escapes decoded, made into a String once at the end.
            var buffer: [UInt8] = []
            while let c = current {
                index += 1
                if c == quoteByte { return String(decoding: buffer, as: UTF8.self) }
                if c != UInt8(ascii: "\\") { buffer.append(c); continue }
                var at = index
                let decoded = bytes.withUnsafeBufferPointer { JSONText.decodeEscape($0, at: &at, into: &buffer) }
                index = at
                guard decoded else { throw fail() }
            }
            throw fail()
        }

        mutating func array() throws -> JSONValue {
            try enter()
            defer { depth -= 1 }
            index += 1
            var items: [JSONValue] = []
            while true {
                skipBlanks()
                guard let c = current else { throw fail() }
                if c == UInt8(ascii: "]") { index += 1; return .array(items) }
                if c == UInt8(ascii: ",") { index += 1; continue }  // empty slots are skipped
                items.append(try value())
                skipBlanks()
                if current == UInt8(ascii: ",") { index += 1 } else if current != UInt8(ascii: "]") { throw fail() }
            }
        }

        mutating func object() throws -> JSONValue {
            try enter()
            defer { depth -= 1 }
            index += 1
            var pairs: [(String, JSONValue)] = []
            while true {
                skipBlanks()
                guard let c = current else { throw fail() }
                if c == UInt8(ascii: "}") { index += 1; return .object(pairs) }
                let key: String
                if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") { key = try string() } else {
                    key = bareWord()
                    if key.isEmpty { throw fail() }
                }
                skipBlanks()
                guard current == UInt8(ascii: ":") else { throw fail() }
                index += 1
                skipBlanks()
                let v = try value()
                if let existing = pairs.firstIndex(where: { $0.0 == key }) { pairs[existing].1 = v } else { pairs.append((key, v)) }
                skipBlanks()
                if current == UInt8(ascii: ",") { index += 1 } else if current != UInt8(ascii: "}") { throw fail() }
            }
        }
    }
}
