// StringFunctions: the SQL functions behind INITCAP, SPLIT, SPLIT_PART, LEFT, RIGHT, LPAD, RPAD,
// CONTAINS, STARTSWITH, ENDSWITH, and the digests MD5, SHA1, SHA2 and HASH, registered on each
// connection (with RLIKE and the REGEXP_ family, which live in Functions/RegularExpressions).
// Lengths and positions count characters (Unicode scalars), as SQLite's LENGTH and SUBSTR do.

import Foundation
import GRDB

enum StringFunctions {
    static func install(in db: Database) {
        db.add(function: ScalarFunction("sf_initcap", argumentCount: 2, pure: true) { v in
            guard let s = text(v[0]) else { return nil }
            let delimiters = v[1].isNull ? nil : Set((text(v[1]) ?? "").unicodeScalars)
            return initcap(s, delimiters: delimiters)
        })
        db.add(function: ScalarFunction("sf_split", argumentCount: 2, pure: true) { v in
            guard let s = text(v[0]), let separator = text(v[1]) else { return nil }
            return Variant.canonical(.array(split(s, separator).map { .string($0) }))
        })
        db.add(function: ScalarFunction("sf_split_part", argumentCount: 3, pure: true) { v in
            guard let s = text(v[0]), let separator = text(v[1]), let n = Int.fromDatabaseValue(v[2]) else { return nil }
            let parts = split(s, separator)
            let index = n < 0 ? parts.count + n : max(n, 1) - 1
            return parts.indices.contains(index) ? parts[index] : ""
        })
        db.add(function: ScalarFunction("sf_left", argumentCount: 2, pure: true) { v in
            guard let s = text(v[0]), let n = Int.fromDatabaseValue(v[1]) else { return nil }
            return String(String.UnicodeScalarView(s.unicodeScalars.prefix(max(n, 0))))
        })
        db.add(function: ScalarFunction("sf_right", argumentCount: 2, pure: true) { v in
            guard let s = text(v[0]), let n = Int.fromDatabaseValue(v[1]) else { return nil }
            return String(String.UnicodeScalarView(s.unicodeScalars.suffix(max(n, 0))))
        })
        // sf_pad(base, length, pad, left)
        db.add(function: ScalarFunction("sf_pad", argumentCount: 4, pure: true) { v in
            guard let s = text(v[0]), let n = Int.fromDatabaseValue(v[1]), let pad = text(v[2]) else { return nil }
            return try self.pad(s, to: n, with: pad, left: Bool.fromDatabaseValue(v[3]) ?? true)
        })
        // sf_text_test(kind, s, part): CONTAINS, STARTSWITH, ENDSWITH.
        db.add(function: ScalarFunction("sf_text_test", argumentCount: 3, pure: true) { v in
            guard let kind = text(v[0]), let s = text(v[1]), let part = text(v[2]) else { return nil }
            switch kind {
            case "STARTSWITH": return s.hasPrefix(part) || part.isEmpty
            case "ENDSWITH": return s.hasSuffix(part) || part.isEmpty
            default: return part.isEmpty || s.contains(part)
            }
        })
        RegexpFunctions.install(in: db)
        // Digests: hex text of the UTF-8 bytes (a BINARY's own bytes).
        db.add(function: ScalarFunction("sf_digest", argumentCount: 2, pure: true) { v in
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
        db.add(function: ScalarFunction("sf_hash", argumentCount: nil, pure: true) { v in
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
}
