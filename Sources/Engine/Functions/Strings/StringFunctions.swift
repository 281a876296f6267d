// StringFunctions: the SQL functions behind INITCAP, SPLIT, SPLIT_PART, LEFT, RIGHT, LPAD, RPAD,
// CONTAINS, STARTSWITH, ENDSWITH, RLIKE and the REGEXP_ family, and the digests MD5, SHA1, SHA2
// and HASH, registered on each connection. Lengths and positions count characters (Unicode
// scalars), as SQLite's LENGTH and SUBSTR do. Regular expressions are ICU's (NSRegularExpression),
// which reads the POSIX extended syntax Snowflake documents, plus Perl classes such as `\d`.
// https://docs.snowflake.com/en/sql-reference/functions-regexp

import Foundation
import GRDB
import Synchronization

enum StringFunctions {
    static func install(in db: Database) {
        db.add(function: DatabaseFunction("sf_initcap", argumentCount: 2, pure: true) { v in
            guard let s = text(v[0]) else { return nil }
            let delimiters = v[1].isNull ? nil : Set((text(v[1]) ?? "").unicodeScalars)
            return initcap(s, delimiters: delimiters)
        })
        db.add(function: DatabaseFunction("sf_split", argumentCount: 2, pure: true) { v in
            guard let s = text(v[0]), let separator = text(v[1]) else { return nil }
            return Variant.canonical(.array(split(s, separator).map { .string($0) }))
        })
        db.add(function: DatabaseFunction("sf_split_part", argumentCount: 3, pure: true) { v in
            guard let s = text(v[0]), let separator = text(v[1]), let n = Int.fromDatabaseValue(v[2]) else { return nil }
            let parts = split(s, separator)
            let index = n < 0 ? parts.count + n : max(n, 1) - 1
            return parts.indices.contains(index) ? parts[index] : ""
        })
        db.add(function: DatabaseFunction("sf_left", argumentCount: 2, pure: true) { v in
            guard let s = text(v[0]), let n = Int.fromDatabaseValue(v[1]) else { return nil }
            return String(String.UnicodeScalarView(s.unicodeScalars.prefix(max(n, 0))))
        })
        db.add(function: DatabaseFunction("sf_right", argumentCount: 2, pure: true) { v in
            guard let s = text(v[0]), let n = Int.fromDatabaseValue(v[1]) else { return nil }
            return String(String.UnicodeScalarView(s.unicodeScalars.suffix(max(n, 0))))
        })
        // sf_pad(base, length, pad, left)
        db.add(function: DatabaseFunction("sf_pad", argumentCount: 4, pure: true) { v in
            guard let s = text(v[0]), let n = Int.fromDatabaseValue(v[1]), let pad = text(v[2]) else { return nil }
            return try self.pad(s, to: n, with: pad, left: Bool.fromDatabaseValue(v[3]) ?? true)
        })
        // sf_text_test(kind, s, part): CONTAINS, STARTSWITH, ENDSWITH.
        db.add(function: DatabaseFunction("sf_text_test", argumentCount: 3, pure: true) { v in
            guard let kind = text(v[0]), let s = text(v[1]), let part = text(v[2]) else { return nil }
            switch kind {
            case "STARTSWITH": return s.hasPrefix(part) || part.isEmpty
            case "ENDSWITH": return s.hasSuffix(part) || part.isEmpty
            default: return part.isEmpty || s.contains(part)
            }
        })
        db.add(function: DatabaseFunction("sf_rlike", argumentCount: nil, pure: true) { v in
            guard let s = text(v[0]), let p = text(v[1]) else { return nil }
            let options = try RegexOptions(v.count > 2 ? text(v[2]) ?? "c" : "c")
            let regex = try RegexCache.shared.regex("^(?:" + p + ")$", options: options.regexOptions, shown: p)
            return regex.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil
        })
        // sf_regexp_substr(s, pattern, position, occurrence, parameters, group)
        db.add(function: DatabaseFunction("sf_regexp_substr", argumentCount: 6, pure: true) { v in
            guard let s = text(v[0]), let p = text(v[1]), let position = Int.fromDatabaseValue(v[2]),
                  let occurrence = Int.fromDatabaseValue(v[3]) else { return nil }
            let options = try RegexOptions(text(v[4]) ?? "c")
            let group = Int.fromDatabaseValue(v[5]) ?? (options.extract ? 1 : 0)
            let regex = try RegexCache.shared.regex(p, options: options.regexOptions, shown: p)
            let found = matches(regex, in: s, from: position)
            guard occurrence >= 1, found.count >= occurrence else { return nil }
            let match = found[occurrence - 1]
            guard group <= regex.numberOfCaptureGroups else {
                throw SnowflakeError.regexpSubstrGroupOutOfRange(group, groups: regex.numberOfCaptureGroups).encoded
            }
            guard let range = Range(match.range(at: group), in: s) else { return nil }
            return String(s[range])
        })
        // sf_regexp_replace(s, pattern, replacement, position, occurrence, parameters); occurrence 0 replaces all.
        db.add(function: DatabaseFunction("sf_regexp_replace", argumentCount: 6, pure: true) { v in
            guard let s = text(v[0]), let p = text(v[1]), let replacement = text(v[2]),
                  let position = Int.fromDatabaseValue(v[3]), let occurrence = Int.fromDatabaseValue(v[4]) else { return nil }
            let options = try RegexOptions(text(v[5]) ?? "c")
            let regex = try RegexCache.shared.regex(p, options: options.regexOptions, shown: p)
            let template = self.template(replacement)
            let ns = s as NSString
            var out = ""
            var last = 0
            for (index, match) in matches(regex, in: s, from: position).enumerated() where occurrence == 0 || index + 1 == occurrence {
                out += ns.substring(with: NSRange(location: last, length: match.range.location - last))
                out += regex.replacementString(for: match, in: s, offset: 0, template: template)
                last = match.range.location + match.range.length
            }
            return out + ns.substring(from: last)
        })
        // sf_regexp_count(s, pattern, position, parameters)
        db.add(function: DatabaseFunction("sf_regexp_count", argumentCount: 4, pure: true) { v in
            guard let s = text(v[0]), let p = text(v[1]), let position = Int.fromDatabaseValue(v[2]) else { return nil }
            let regex = try RegexCache.shared.regex(p, options: try RegexOptions(text(v[3]) ?? "c").regexOptions, shown: p)
            return matches(regex, in: s, from: position).count
        })
        // Digests: hex text of the UTF-8 bytes (a BINARY's own bytes).
        db.add(function: DatabaseFunction("sf_digest", argumentCount: 2, pure: true) { v in
            guard let bytes = bytes(v[0]), let name = text(v[1]) else { return nil }
            switch name {
            case "MD5": return Digests.hex(Digests.md5(bytes))
            case "SHA1": return Digests.hex(Digests.sha1(bytes))
            case "SHA224": return Digests.hex(Digests.sha256(bytes, bits: 224))
            case "SHA256": return Digests.hex(Digests.sha256(bytes))
            case "SHA384": return Digests.hex(Digests.sha512(bytes, bits: 384))
            default: return Digests.hex(Digests.sha512(bytes))
            }
        })
        // sf_hash(a, b, …): one signed 64-bit value for the whole row of arguments, NULLs included.
        db.add(function: DatabaseFunction("sf_hash", argumentCount: nil, pure: true) { v in
            var stream: [UInt8] = []
            for value in v {
                switch value.storage {
                case .null: stream.append(0)
                case .int64(let i): stream.append(1); stream += Array(String(i).utf8)
                case .double(let d):
                    if let i = Int64(exactly: d) { stream.append(1); stream += Array(String(i).utf8) }
                    else { stream.append(2); stream += Array(String(d).utf8) }
                case .string(let s): stream.append(3); stream += Array(s.utf8)
                case .blob(let data): stream.append(4); stream += Array(data)
                }
                stream.append(0xff)
            }
            return Int64(bitPattern: Digests.fnv1a(stream))
        })
    }

    static func text(_ value: DatabaseValue) -> String? { SQLFunctions.text(of: value) }

    static func bytes(_ value: DatabaseValue) -> [UInt8]? {
        if case .blob(let data) = value.storage { return Array(data) }
        return text(value).map { Array($0.utf8) }
    }

    /// SPLIT's parts: an empty separator leaves the string whole.
    static func split(_ s: String, _ separator: String) -> [String] {
        separator.isEmpty ? [s] : s.components(separatedBy: separator)
    }

    /// The characters INITCAP starts a word after, when no delimiters are given.
    static let initcapDelimiters = Set(" \t\n\r\u{0B}\u{0C}!?@\"^#$&~_,.:;+-*%/|\\[](){}<>".unicodeScalars)

    static func initcap(_ s: String, delimiters: Set<Unicode.Scalar>?) -> String {
        let delimiters = delimiters ?? initcapDelimiters
        var out = ""
        var startOfWord = true
        for scalar in s.unicodeScalars {
            let ch = String(scalar)
            out += startOfWord ? ch.uppercased() : ch.lowercased()
            startOfWord = delimiters.contains(scalar)
        }
        return out
    }

    /// LPAD/RPAD: longer strings are cut to `length`; an empty pad adds nothing. A result past
    /// 16 MB is refused before it is built (StringLimits).
    static func pad(_ s: String, to length: Int, with pad: String, left: Bool) throws -> String {
        let scalars = Array(s.unicodeScalars)
        guard length > 0 else { return "" }
        if scalars.count >= length { return String(String.UnicodeScalarView(scalars.prefix(length))) }
        let padScalars = Array(pad.unicodeScalars)
        try StringLimits.check(bytes: StringLimits.paddedBytes(scalars, to: length, with: padScalars))
        guard !padScalars.isEmpty else { return s }
        let fill = (0..<(length - scalars.count)).map { padScalars[$0 % padScalars.count] }
        return String(String.UnicodeScalarView(left ? fill + scalars : scalars + fill))
    }

    /// Matches from a 1-based character position.
    static func matches(_ regex: NSRegularExpression, in s: String, from position: Int) -> [NSTextCheckingResult] {
        guard let start = s.unicodeScalars.index(s.startIndex, offsetBy: max(position, 1) - 1, limitedBy: s.endIndex) else { return [] }
        return regex.matches(in: s, range: NSRange(start..., in: s))
    }

    /// Snowflake's replacement text (`\1` names a group) as an NSRegularExpression template.
    static func template(_ replacement: String) -> String {
        var out = ""
        var chars = replacement.makeIterator()
        while let ch = chars.next() {
            switch ch {
            case "\\":
                guard let next = chars.next() else { out += "\\\\"; continue }
                out += next.isNumber ? "$" + String(next) : NSRegularExpression.escapedTemplate(for: String(next))
            case "$": out += "\\$"
            default: out.append(ch)
            }
        }
        return out
    }
}

/// The parameters string of the REGEXP functions: `c` case-sensitive (the default), `i`
/// case-insensitive, `m` multi-line, `s` dot matches newline, `e` extract the first group.
struct RegexOptions {
    var regexOptions: NSRegularExpression.Options = []
    var extract = false

    init(_ parameters: String) throws {
        for ch in parameters {
            switch ch {
            case "c": regexOptions.remove(.caseInsensitive)
            case "i": regexOptions.insert(.caseInsensitive)
            case "m": regexOptions.insert(.anchorsMatchLines)
            case "s": regexOptions.insert(.dotMatchesLineSeparators)
            case "e": extract = true
            default:
                throw SnowflakeError.invalidRegularExpressionParameter(ch).encoded
            }
        }
    }
}

/// Compiled patterns, kept because a query evaluates the same pattern once per row.
final class RegexCache: Sendable {
    static let shared = RegexCache()
    private let cache = Mutex<[String: NSRegularExpression]>([:])

    /// The compiled pattern; a pattern ICU cannot read is Snowflake's invalid-regex error,
    /// quoting the pattern as the user wrote it (`shown`).
    func regex(_ pattern: String, options: NSRegularExpression.Options, shown: String) throws -> NSRegularExpression {
        let key = "\(options.rawValue)/" + pattern
        return try cache.withLock { cache in
            if let regex = cache[key] { return regex }
            guard let regex = try? NSRegularExpression(pattern: pattern, options: options) else {
                throw SnowflakeError.invalidRegularExpression(shown).encoded
            }
            if cache.count > 256 { cache.removeAll() }
            cache[key] = regex
            return regex
        }
    }
}
