// JSONReader: the documents of a JSON file — one per line (NDJSON), or several written one after
// another, or one array; STRIP_OUTER_ARRAY makes each element of an outer array a document. Each
// document is parsed as PARSE_JSON parses (Variant.parse: its depth limit and its error texts) into
// canonical VARIANT text; STRIP_NULL_VALUES drops object members whose value is null, and
// ALLOW_DUPLICATE = FALSE (the default) refuses an object with a key twice, as Snowflake's loader
// does (`duplicate object attribute "a"`). A document that cannot be parsed is a failure; reading
// goes on after it when its end can still be found.
// https://docs.snowflake.com/en/sql-reference/sql/create-file-format#type-json

import Foundation

/// Documents come out as StagedRecords' items: one value, the canonical VARIANT text (nil for a
/// blank document); their row numbers are StagedRecords' to give.
struct JSONReader {
    typealias Item = StagedRecords.Item

    let bytes: [UInt8]
    private let stripOuterArray: Bool
    private let stripNulls: Bool
    private let allowDuplicate: Bool
    private var position = 0
    private var line = 1
    /// Inside the outer array STRIP_OUTER_ARRAY strips.
    private var inOuterArray = false

    init(bytes: [UInt8], format: FileFormat) {
        self.bytes = bytes
        stripOuterArray = format.flag("STRIP_OUTER_ARRAY")
        stripNulls = format.flag("STRIP_NULL_VALUES")
        allowDuplicate = format.flag("ALLOW_DUPLICATE")
        if format.flag("SKIP_BYTE_ORDER_MARK"), bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
    }

    mutating func next() -> Item? {
        skipBlanks()
        if stripOuterArray && !inOuterArray && position < bytes.count && bytes[position] == UInt8(ascii: "[") {
            inOuterArray = true
            position += 1
            skipBlanks()
        }
        if inOuterArray {
            if position < bytes.count && bytes[position] == UInt8(ascii: ",") {
                position += 1
                skipBlanks()
            }
            if position < bytes.count && bytes[position] == UInt8(ascii: "]") {
                inOuterArray = false
                position += 1
                return next()
            }
        }
        guard position < bytes.count else { return nil }
        let start = position
        let startLine = line
        let end = documentEnd(from: start)
        position = end
        func failure(_ error: SnowflakeError) -> Item {
            .failure(StagedFailure(error: error, rowNumber: 0, line: startLine, offset: start, errorOffset: start))
        }
        if end - start > TableLoad.largestValue { return failure(SnowflakeError.jsonDocumentTooLarge) }
        let text = String(decoding: bytes[start..<end], as: UTF8.self)
        do {
            return .record(StagedRecord(values: [try parse(text)], rowNumber: 0, line: startLine, offset: start, valueOffsets: [start]))
        } catch {
            return failure(SnowflakeError.from(error) as? SnowflakeError ?? .internalError("\(error)"))
        }
    }

    /// The document's canonical text: the fast writer's when it can (it notes a key written twice),
    /// else the tree's (non-ASCII keys, and PARSE_JSON's errors and their positions).
    private func parse(_ text: String) throws -> String? {
        if !stripNulls, let (canonical, duplicate) = JSONCanonical.canonicalNoting(text) {
            if let duplicate, !allowDuplicate { throw SnowflakeError.duplicateJSONKey(duplicate) }
            return canonical
        }
        guard let canonical = try Variant.parse(text) else { return nil }
        let tree = try JSONText.parse(text)
        if !allowDuplicate, let key = JSONReader.duplicateKey(tree) { throw SnowflakeError.duplicateJSONKey(key) }
        return stripNulls ? Variant.canonical(JSONReader.strippingNulls(tree)) : canonical
    }

    /// The end of the document at `start`: the bracket that closes its first, or (for a scalar,
    /// or text that never closes) the end of its line.
    private mutating func documentEnd(from start: Int) -> Int {
        var depth = 0
        var index = start
        var inString = false
        var quote: UInt8 = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A { line += 1 }
            if inString {
                if byte == UInt8(ascii: "\\") { index += 2; continue }
                if byte == quote { inString = false }
            } else {
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    inString = true
                    quote = byte
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return index + 1 }
                    // STRIP_OUTER_ARRAY: the outer array's `]` ends a scalar element.
                    if depth < 0 { return index }
                case UInt8(ascii: ","), 0x0A:
                    if depth == 0 { return index }
                default: break
                }
            }
            index += 1
        }
        return bytes.count
    }

    private mutating func skipBlanks() {
        while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) {
            if bytes[position] == 0x0A { line += 1 }
            position += 1
        }
    }

    static func duplicateKey(_ value: JSONValue) -> String? {
        switch value {
        case .object(let pairs):
            var seen = Set<String>()
            for (key, member) in pairs {
                if !seen.insert(key).inserted { return key }
                if let inner = duplicateKey(member) { return inner }
            }
            return nil
        case .array(let items): return items.lazy.compactMap(duplicateKey).first
        default: return nil
        }
    }

    static func strippingNulls(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let pairs): return .object(pairs.filter { $0.1 != .null }.map { ($0.0, strippingNulls($0.1)) })
        case .array(let items): return .array(items.map(strippingNulls))
        default: return value
        }
    }
}
