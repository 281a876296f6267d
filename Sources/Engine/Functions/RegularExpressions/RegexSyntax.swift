// RegexSyntax: a Snowflake regular expression read into a tree. Snowflake documents POSIX ERE
// plus the Perl escapes \d \D \s \S \w \W \b \B, and no non-greedy quantifiers; its engine is
// RE2 in POSIX mode (the `(?` of Perl extensions is "no argument for repetition operator: ?"
// there), so this parser reads what RE2 reads with posix_syntax, perl_classes and word_boundary:
//   alternation `|`, concatenation, capturing groups `( )`, bracket expressions with ranges,
//   negation and `[:alpha:]` classes, `.`, `^`, `$`, `* + ? {m} {m,} {m,n}` (m, n ≤ 1000; a
//   stacked quantifier such as `a*?` applies again, greedily), escapes \d \D \s \S \w \W \b \B,
//   \a \f \n \r \t \v, \xHH, \x{H…}, octal \0…, and `\` before any ASCII punctuation.
// Refused, as RE2 refuses them: back-references (\1 in a pattern cannot be matched in linear
// time), `(?…)` groups and look-arounds, unknown letter escapes, a quantifier with nothing
// before it, unbalanced parentheses and brackets, nesting deeper than 1,000.
// https://docs.snowflake.com/en/sql-reference/functions-regexp

/// A parsed regular expression. `^` and `$` mean line or text edges depending on the `m` parameter,
/// which the compiler applies.
indirect enum RegexNode: Sendable {
    case empty
    case literal(UInt32)
    case characterClass(RegexCharacterClass)
    case anyCharacter
    case beginLine
    case endLine
    case wordBoundary(negated: Bool)
    /// A capturing group; `index` counts opening parentheses from 1.
    case group(index: Int, RegexNode)
    case concatenation([RegexNode])
    case alternation([RegexNode])
    /// `max` nil is unbounded.
    case repetition(RegexNode, min: Int, max: Int?)
}

/// Why a pattern was refused: the caller turns it into Snowflake's error quoting the pattern.
enum RegexSyntaxError: Error, Equatable {
    case invalid
    case tooLarge
}

struct RegexParser {
    /// RE2's limits: a counted repetition up to 1,000, nesting up to 1,000.
    static let maxRepeat = 1_000
    static let maxDepth = 1_000

    private let scalars: [UInt32]
    private var index = 0
    private var depth = 0
    private(set) var groupCount = 0

    private init(_ pattern: String) { scalars = pattern.unicodeScalars.map(\.value) }

    /// The tree of `pattern` and its number of capturing groups.
    static func parse(_ pattern: String) throws(RegexSyntaxError) -> (node: RegexNode, groups: Int) {
        var parser = RegexParser(pattern)
        let node = try parser.alternation()
        guard parser.index == parser.scalars.count else { throw .invalid }  // a `)` with no `(`
        return (node, parser.groupCount)
    }

    private func peek(_ offset: Int = 0) -> UInt32? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    private mutating func next() throws(RegexSyntaxError) -> UInt32 {
        guard index < scalars.count else { throw .invalid }
        defer { index += 1 }
        return scalars[index]
    }

    // MARK: - Alternation, concatenation, quantifiers

    /// alternation := concatenation ('|' concatenation)*
    private mutating func alternation() throws(RegexSyntaxError) -> RegexNode {
        var branches = [try concatenation()]
        while peek() == ascii("|") {
            index += 1
            branches.append(try concatenation())
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    /// concatenation := (atom quantifier*)*, up to `|`, `)` or the end.
    private mutating func concatenation() throws(RegexSyntaxError) -> RegexNode {
        var items: [RegexNode] = []
        while let c = peek(), c != ascii("|"), c != ascii(")") {
            var item = try atom()
            var stacked = 0
            while let quantifier = try quantifier() {
                stacked += 1
                guard depth + stacked <= Self.maxDepth else { throw .invalid }
                item = .repetition(item, min: quantifier.min, max: quantifier.max)
            }
            items.append(item)
        }
        switch items.count {
        case 0: return .empty
        case 1: return items[0]
        default: return .concatenation(items)
        }
    }

    /// `*`, `+`, `?` or a well-formed `{m}`, `{m,}`, `{m,n}` (anything else after `{` is literal).
    private mutating func quantifier() throws(RegexSyntaxError) -> (min: Int, max: Int?)? {
        switch peek() {
        case ascii("*"): index += 1; return (0, nil)
        case ascii("+"): index += 1; return (1, nil)
        case ascii("?"): index += 1; return (0, 1)
        case ascii("{"):
            guard let (bounds, length) = try countedRepetition(at: index) else { return nil }
            index += length
            return bounds
        default: return nil
        }
    }

    /// The bounds of a `{…}` at `start` and its length, or nil when it is not a repetition.
    private func countedRepetition(at start: Int) throws(RegexSyntaxError) -> ((min: Int, max: Int?), Int)? {
        var i = start + 1
        func number() -> Int? {
            var value: Int?
            while i < scalars.count, scalars[i] >= 48, scalars[i] <= 57 {
                value = min((value ?? 0) * 10 + Int(scalars[i] - 48), 100_000)
                i += 1
            }
            return value
        }
        guard let low = number() else { return nil }
        var high: Int? = low
        if i < scalars.count, scalars[i] == ascii(",") {
            i += 1
            high = number()
        }
        guard i < scalars.count, scalars[i] == ascii("}") else { return nil }
        if low > Self.maxRepeat || (high ?? 0) > Self.maxRepeat || (high.map { $0 < low } ?? false) { throw .invalid }
        return ((low, high), i + 1 - start)
    }

    // MARK: - Atoms

    private mutating func atom() throws(RegexSyntaxError) -> RegexNode {
        let c = try next()
        switch c {
        case ascii("("):
            // `(?` is a Perl extension RE2's POSIX mode refuses: `?` has nothing to repeat.
            guard peek() != ascii("?"), depth < Self.maxDepth else { throw .invalid }
            groupCount += 1
            let group = groupCount
            depth += 1
            let body = try alternation()
            depth -= 1
            guard peek() == ascii(")") else { throw .invalid }
            index += 1
            return .group(index: group, body)
        case ascii("["): return .characterClass(try bracketExpression())
        case ascii("."): return .anyCharacter
        case ascii("^"): return .beginLine
        case ascii("$"): return .endLine
        case ascii("\\"): return try escape()
        case ascii("*"), ascii("+"), ascii("?"): throw .invalid  // nothing to repeat
        case ascii("{"):
            if try countedRepetition(at: index - 1) != nil { throw .invalid }
            return .literal(c)
        default: return .literal(c)
        }
    }

    /// After `\` outside brackets.
    private mutating func escape() throws(RegexSyntaxError) -> RegexNode {
        guard let c = peek() else { throw .invalid }  // a trailing backslash
        switch c {
        case ascii("b"): index += 1; return .wordBoundary(negated: false)
        case ascii("B"): index += 1; return .wordBoundary(negated: true)
        default:
            if let cls = try perlClass() { return .characterClass(cls) }
            return .literal(try escapedScalar())
        }
    }

    /// `\d \D \s \S \w \W` at the current scalar (after `\`), or nil.
    private mutating func perlClass() throws(RegexSyntaxError) -> RegexCharacterClass? {
        let base: RegexCharacterClass
        switch peek() {
        case ascii("d"), ascii("D"): base = .digit
        case ascii("s"), ascii("S"): base = .perlSpace
        case ascii("w"), ascii("W"): base = .word
        default: return nil
        }
        var cls = base
        if let c = peek(), c < 97 { cls.negated = true }  // the upper-case letter
        index += 1
        return cls
    }

    /// A single escaped scalar after `\`: control letters, hex, octal, or punctuation as itself.
    private mutating func escapedScalar() throws(RegexSyntaxError) -> UInt32 {
        let c = try next()
        switch c {
        case ascii("a"): return 7
        case ascii("f"): return 12
        case ascii("n"): return 10
        case ascii("r"): return 13
        case ascii("t"): return 9
        case ascii("v"): return 11
        case ascii("x"): return try hexEscape()
        case ascii("0") ... ascii("7"):
            // \1 … \7 alone would be a back-reference, which no linear engine can match.
            guard c == ascii("0") || (peek().map { $0 >= ascii("0") && $0 <= ascii("7") } ?? false) else { throw .invalid }
            var value = c - ascii("0")
            for _ in 0 ..< 2 {
                guard let d = peek(), d >= ascii("0"), d <= ascii("7") else { break }
                value = value * 8 + (d - ascii("0"))
                index += 1
            }
            return value
        default:
            // Punctuation stands for itself; letters, digits and non-ASCII after `\` are errors.
            guard c < 128, !isWordScalar(c) else { throw .invalid }
            return c
        }
    }

    /// `\xHH` or `\x{H…}` (after `\x`).
    private mutating func hexEscape() throws(RegexSyntaxError) -> UInt32 {
        func digit(_ c: UInt32?) -> UInt32? {
            guard let c else { return nil }
            switch c {
            case 48 ... 57: return c - 48
            case 65 ... 70: return c - 55
            case 97 ... 102: return c - 87
            default: return nil
            }
        }
        if peek() == ascii("{") {
            index += 1
            var value: UInt32 = 0, count = 0
            while let d = digit(peek()) {
                value = value * 16 + d
                count += 1
                index += 1
                guard value <= 0x10FFFF else { throw .invalid }
            }
            guard count > 0, peek() == ascii("}") else { throw .invalid }
            index += 1
            return value
        }
        guard let high = digit(peek()), let low = digit(peek(1)) else { throw .invalid }
        index += 2
        return high * 16 + low
    }

    // MARK: - Bracket expressions

    /// After `[`: `^` negates; a `]` or `-` first is literal; `[:name:]`, escapes and ranges inside;
    /// `-` elsewhere must end a range or the expression (POSIX mode refuses `[a-b-c]`).
    private mutating func bracketExpression() throws(RegexSyntaxError) -> RegexCharacterClass {
        var cls = RegexCharacterClass()
        if peek() == ascii("^") {
            cls.negated = true
            index += 1
        }
        var first = true
        while true {
            guard let c = peek() else { throw .invalid }
            if c == ascii("]"), !first {
                index += 1
                return cls
            }
            if c == ascii("-"), !first, peek(1) != ascii("]") { throw .invalid }
            first = false
            if c == ascii("["), peek(1) == ascii(":") {
                cls.add(try posixClass())
                continue
            }
            if c == ascii("\\") {
                index += 1
                if let perl = try perlClass() {
                    cls.add(perl)
                    continue
                }
                index -= 1
            }
            let low = try bracketScalar()
            var high = low
            if peek() == ascii("-"), let after = peek(1), after != ascii("]") {
                index += 1
                high = try bracketScalar()
                guard high >= low else { throw .invalid }
            }
            cls.add(low ... high)
        }
    }

    /// One scalar in a bracket expression: itself, or an escape (not a class, not `\b`).
    private mutating func bracketScalar() throws(RegexSyntaxError) -> UInt32 {
        let c = try next()
        return c == ascii("\\") ? try escapedScalar() : c
    }

    /// `[:name:]` at `[`.
    private mutating func posixClass() throws(RegexSyntaxError) -> RegexCharacterClass {
        var i = index + 2
        var name = ""
        while i + 1 < scalars.count, !(scalars[i] == ascii(":") && scalars[i + 1] == ascii("]")) {
            guard let s = Unicode.Scalar(scalars[i]) else { throw .invalid }
            name.unicodeScalars.append(s)
            i += 1
        }
        guard i + 1 < scalars.count, let cls = RegexCharacterClass.posix(name) else { throw .invalid }
        index = i + 2
        return cls
    }

    private func isWordScalar(_ c: UInt32) -> Bool { RegexCharacterClass.word.holds(c) }
}

/// The scalar value of an ASCII character literal.
@inline(__always)
private func ascii(_ c: Unicode.Scalar) -> UInt32 { c.value }
