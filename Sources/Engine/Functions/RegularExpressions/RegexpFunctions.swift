// RegexpFunctions: the SQL functions behind RLIKE / REGEXP_LIKE, REGEXP_SUBSTR, REGEXP_REPLACE
// and REGEXP_COUNT (FunctionLibrary+Strings registers their names and arguments), on the
// project's own linear-time engine (RegularExpression): Snowflake's regular expressions are
// RE2's, which never backtrack, so no pattern may hang a query. Positions and lengths count
// Unicode scalars; a search from a position sees the text from there (`^` matches there).
// https://docs.snowflake.com/en/sql-reference/functions-regexp

import GRDB

enum RegexpFunctions {
    static func install(in db: Database) {
        // sf_rlike(s, pattern[, parameters]): the pattern must match the whole string.
        db.add(function: ScalarFunction("sf_rlike", argumentCount: nil, pure: true) { v in
            guard let s = text(v[0]), let p = text(v[1]) else { return nil }
            let parameters = try RegexParameters(v.count > 2 ? text(v[2]) ?? "c" : "c")
            return try regex(p, parameters, wholeText: true).matchesWhole(s)
        })
        // sf_regexp_substr(s, pattern, position, occurrence, parameters, group)
        db.add(function: ScalarFunction("sf_regexp_substr", argumentCount: 6, pure: true) { v in
            guard let s = text(v[0]), let p = text(v[1]), let position = Int.fromDatabaseValue(v[2]),
                  let occurrence = Int.fromDatabaseValue(v[3]) else { return nil }
            let parameters = try RegexParameters(text(v[4]) ?? "c")
            let group = Int.fromDatabaseValue(v[5]) ?? (parameters.extract ? 1 : 0)
            let regex = try regex(p, parameters)
            let scalars = RegularExpression.scalars(of: s)
            guard occurrence >= 1, let start = start(position, in: scalars) else { return nil }
            let found = try matches(regex, in: scalars, from: start, groups: group, limit: occurrence)
            guard found.count == occurrence else { return nil }
            guard group >= 0, group <= regex.groupCount else {
                throw SnowflakeError.regexpSubstrGroupOutOfRange(group, groups: regex.groupCount).encoded
            }
            return found[occurrence - 1].range(of: group).map { RegularExpression.string(scalars[$0]) }
        })
        // sf_regexp_replace(s, pattern, replacement, position, occurrence, parameters); occurrence 0 replaces all.
        db.add(function: ScalarFunction("sf_regexp_replace", argumentCount: 6, pure: true) { v in
            guard let s = text(v[0]), let p = text(v[1]), let replacement = text(v[2]),
                  let position = Int.fromDatabaseValue(v[3]), let occurrence = Int.fromDatabaseValue(v[4]) else { return nil }
            let regex = try regex(p, try RegexParameters(text(v[5]) ?? "c"))
            let scalars = RegularExpression.scalars(of: s)
            guard let start = start(position, in: scalars) else { return s }
            let template = ReplacementTemplate(replacement)
            var out = String.UnicodeScalarView()
            var last = 0
            let limit = occurrence == 0 ? Int.max : max(occurrence, 0)
            let found = try matches(regex, in: scalars, from: start, groups: template.highestGroup, limit: limit)
            for (index, match) in found.enumerated() where occurrence == 0 || index + 1 == occurrence {
                append(scalars[last ..< match.range.lowerBound], to: &out)
                template.append(match, of: scalars, to: &out)
                last = match.range.upperBound
            }
            append(scalars[last...], to: &out)
            return String(out)
        })
        // sf_regexp_count(s, pattern, position, parameters)
        db.add(function: ScalarFunction("sf_regexp_count", argumentCount: 4, pure: true) { v in
            guard let s = text(v[0]), let p = text(v[1]), let position = Int.fromDatabaseValue(v[2]) else { return nil }
            let regex = try regex(p, try RegexParameters(text(v[3]) ?? "c"))
            let scalars = RegularExpression.scalars(of: s)
            guard let start = start(position, in: scalars) else { return 0 }
            return try matches(regex, in: scalars, from: start).count
        })
    }

    static func text(_ value: DatabaseValue) -> String? { SQLFunctions.text(of: value) }

    /// The compiled pattern, its error encoded to cross SQLite.
    static func regex(_ pattern: String, _ parameters: RegexParameters, wholeText: Bool = false) throws -> RegularExpression {
        do {
            return try RegularExpression.compiled(pattern, flags: parameters.flags, wholeText: wholeText)
        } catch {
            throw error.encoded
        }
    }

    static func matches(_ regex: RegularExpression, in scalars: [UInt32], from start: Int, groups: Int = 0,
                        limit: Int = .max) throws -> [RegularExpression.Match] {
        do {
            return try regex.matches(in: scalars, from: start, groups: groups, limit: limit)
        } catch {
            throw error.encoded
        }
    }

    /// The scalar offset of a 1-based position (below 1 is 1), or nil past the end of the text.
    static func start(_ position: Int, in scalars: [UInt32]) -> Int? {
        let offset = max(position, 1) - 1
        return offset <= scalars.count ? offset : nil
    }

    static func append(_ scalars: ArraySlice<UInt32>, to out: inout String.UnicodeScalarView) {
        for value in scalars {
            if let scalar = Unicode.Scalar(value) { out.append(scalar) }
        }
    }
}

/// The parameters string of the REGEXP functions: `c` case-sensitive (the default), `i`
/// case-insensitive, `m` multi-line, `s` dot matches newline, `e` extract the first group;
/// the last of `c` and `i` wins.
struct RegexParameters {
    var flags = RegexFlags()
    var extract = false

    init(_ parameters: String) throws {
        for ch in parameters {
            switch ch {
            case "c": flags.caseInsensitive = false
            case "i": flags.caseInsensitive = true
            case "m": flags.multiLine = true
            case "s": flags.dotMatchesNewline = true
            case "e": extract = true
            default:
                throw SnowflakeError.invalidRegularExpressionParameter(ch).encoded
            }
        }
    }
}

/// REGEXP_REPLACE's replacement: `\0` … `\9` insert a group (empty when it took no part or does
/// not exist), `\` before anything else inserts that character, a trailing `\` is itself.
struct ReplacementTemplate {
    private enum Part {
        case text([UInt32])
        case group(Int)
    }

    private var parts: [Part] = []
    private(set) var highestGroup = 0

    init(_ replacement: String) {
        var literal: [UInt32] = []
        var scalars = replacement.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            guard scalar == "\\" else { literal.append(scalar.value); continue }
            guard let next = scalars.next() else { literal.append(scalar.value); continue }
            if next.value >= 48, next.value <= 57 {
                let digit = Int(next.value - 48)
                if !literal.isEmpty { parts.append(.text(literal)); literal = [] }
                parts.append(.group(digit))
                highestGroup = max(highestGroup, digit)
            } else {
                literal.append(next.value)
            }
        }
        if !literal.isEmpty { parts.append(.text(literal)) }
    }

    func append(_ match: RegularExpression.Match, of text: [UInt32], to out: inout String.UnicodeScalarView) {
        for part in parts {
            switch part {
            case .text(let scalars): RegexpFunctions.append(scalars[...], to: &out)
            case .group(let group):
                if let range = match.range(of: group) { RegexpFunctions.append(text[range], to: &out) }
            }
        }
    }
}
