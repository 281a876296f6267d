// Variant: VARIANT, OBJECT and ARRAY values. They are stored as compact JSON text with object
// keys sorted, so equal values have equal text (MERGE and joins compare the text, and an index
// on `col -> '$.id'` serves them). A VARIANT string keeps its quotes until it is cast; JSON null
// (`null`) is a value, unlike SQL NULL (spec §9).

import Foundation
import GRDB

enum Variant {
    // MARK: - Into VARIANT

    /// A scalar of type `source` as VARIANT text; OBJECT and ARRAY targets accept only those shapes.
    static func wrap(_ value: DatabaseValue, from source: SnowflakeType, as target: SnowflakeType) throws -> String? {
        let json: String
        switch value.storage {
        case .null: return nil
        case .int64(let i):
            json = source == .boolean ? (i != 0 ? "true" : "false") : String(i)
        case .double(let d):
            json = source == .boolean ? (d != 0 ? "true" : "false") : Value.render(double: d)
        case .string(let s):
            json = source.isSemiStructured ? s : JSONText.quote(s)
        case .blob(let data):
            json = JSONText.quote(data.map { String(format: "%02X", $0) }.joined())
        }
        try check(json, fits: target)
        return json
    }

    /// OBJECT needs `{…}` and ARRAY needs `[…]`.
    static func check(_ json: String, fits target: SnowflakeType) throws {
        let first = json.utf8.first
        switch target {
        case .object where first != UInt8(ascii: "{"), .array where first != UInt8(ascii: "["):
            throw SnowflakeError.variantCastFailed(json, to: target.canonicalName).encoded
        default: return
        }
    }

    // MARK: - Out of VARIANT

    /// The value a VARIANT holds, converted to a scalar type (`v::string`, `v:n::int`).
    static func extract(_ value: DatabaseValue, as target: SnowflakeType) throws -> DatabaseValueConvertible? {
        guard case .string(let json) = value.storage else {
            return try Conversion.cast(value, to: target)
        }
        if target.isSemiStructured {
            try check(json, fits: target)
            return json
        }
        guard let first = json.utf8.first else { return nil }
        switch first {
        case UInt8(ascii: "n"):
            return nil  // JSON null converts to SQL NULL
        case UInt8(ascii: "\""):
            return try Conversion.cast(unquote(json).databaseValue, to: target)
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            let b = first == UInt8(ascii: "t")
            if case .varchar = target { return b ? "true" : "false" }
            return try Conversion.cast(b.databaseValue, to: target)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            if case .varchar = target { return json }
            throw SnowflakeError.variantCastFailed(json, to: target.familyName.uppercased()).encoded
        default:
            if case .varchar = target { return json }  // a number, as written
            let number: DatabaseValue = Int64(json).map { $0.databaseValue } ?? (Double(json) ?? 0).databaseValue
            return try Conversion.cast(number, to: target)
        }
    }

    /// The contents of a JSON string literal; the fast path skips parsing when nothing is escaped.
    static func unquote(_ json: String) -> String {
        // Checked on the UTF-8 bytes: `String.contains(_:)` goes through Foundation's NSString
        // search, which cost a third of a dashboard's time.
        let utf8 = json.utf8
        if !utf8.contains(UInt8(ascii: "\\")), utf8.count >= 2 {
            return String(Substring(utf8.dropFirst().dropLast()))
        }
        if case .string(let s)? = try? JSONText.parse(json) { return s }
        return json
    }

    // MARK: - Parsing and building

    /// PARSE_JSON: canonical text (compact, keys sorted), or nil for empty input.
    static func parse(_ text: String) throws -> String? {
        // Blank text is NULL. Checked on the UTF-8 bytes: Foundation's trimming goes through
        // UTF-16 and cost most of an ingestion page's time.
        if text.utf8.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0x0B || $0 == 0x0C }) { return nil }
        if let canonical = JSONCanonical.canonical(text) { return canonical }
        do {
            return canonical(try JSONText.parse(text))
        } catch let error as JSONText.ParseError where error.tooDeep {
            throw SnowflakeError.jsonTooDeep(text, offset: error.offset, levels: JSONText.maximumDepth).encoded
        } catch let error as JSONText.ParseError {
            throw SnowflakeError.jsonParseError(text, offset: error.offset).encoded
        }
    }

    static func canonical(_ value: JSONValue) -> String { JSONText.compact(sorted(value)) }

    static func sorted(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let pairs): return .object(pairs.map { ($0.0, sorted($0.1)) }.sorted { $0.0 < $1.0 })
        case .array(let items): return .array(items.map(sorted))
        default: return value
        }
    }

    /// Parses stored VARIANT text (always valid: Snowlite wrote it).
    static func value(_ json: String) -> JSONValue {
        (try? JSONText.parse(json)) ?? .string(json)
    }

    // MARK: - Paths

    /// `a.b[0]."Mixed key"['x']` → steps, for GET_PATH and dynamic access.
    static func pathSteps(_ path: String) -> [JSONPathStep]? {
        var steps: [JSONPathStep] = []
        var chars = Array(path)
        var i = 0
        if chars.first == ":" { chars.removeFirst() }
        while i < chars.count {
            switch chars[i] {
            case ".":
                i += 1
            case "[":
                guard let close = chars[i...].firstIndex(of: "]") else { return nil }
                let inner = String(chars[(i + 1)..<close]).trimmingCharacters(in: .whitespaces)
                if let n = Int(inner) { steps.append(.index(n)) }
                else if inner.count >= 2, inner.first == "'" || inner.first == "\"" { steps.append(.key(String(inner.dropFirst().dropLast()))) }
                else { return nil }
                i = close + 1
            case "\"":
                guard let close = chars[(i + 1)...].firstIndex(of: "\"") else { return nil }
                steps.append(.key(String(chars[(i + 1)..<close])))
                i = close + 1
            default:
                var j = i
                while j < chars.count, chars[j] != ".", chars[j] != "[" { j += 1 }
                steps.append(.key(String(chars[i..<j])))
                i = j
            }
        }
        return steps
    }

    /// Follows steps into a value; nil when a step does not apply (missing key, not an array…).
    static func follow(_ value: JSONValue, _ steps: [JSONPathStep]) -> JSONValue? {
        var current = value
        for step in steps {
            switch (step, current) {
            case (.key(let k), .object(let pairs)):
                guard let next = pairs.first(where: { $0.0 == k })?.1 else { return nil }
                current = next
            case (.index(let n), .array(let items)):
                guard n >= 0, n < items.count else { return nil }
                current = items[n]
            default:
                return nil
            }
        }
        return current
    }

    /// TYPEOF's answer for a stored VARIANT.
    static func typeName(_ json: String) -> String {
        switch value(json) {
        case .null: return "NULL_VALUE"
        case .bool: return "BOOLEAN"
        case .string: return "VARCHAR"
        case .array: return "ARRAY"
        case .object: return "OBJECT"
        case .number(let n): return Int64(n) != nil ? "INTEGER" : (n.contains("e") || n.contains("E") ? "DOUBLE" : "DECIMAL")
        }
    }
}

enum JSONPathStep: Equatable {
    case key(String)
    case index(Int)
}
