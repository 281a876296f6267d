// RegexCharacterClass: a set of Unicode scalars for the regular-expression engine — a bracket
// expression (`[a-z]`, `[^0-9]`, `[[:alpha:]]`), a Perl class (`\d \w \s` and their negations) —
// held as sorted, merged ranges with a 128-bit table for ASCII, which nearly every test hits.
// Perl and POSIX classes are ASCII, as in RE2 (Snowflake's docs define `\d` as 0-9 and `\w` as
// a-z, A-Z, `_` and digits): https://docs.snowflake.com/en/sql-reference/functions-regexp
// Case-insensitive matching folds the scalar, not the class, so a negated class stays negated.

struct RegexCharacterClass: Sendable, Equatable {
    /// Sorted, non-overlapping, non-adjacent closed ranges.
    private(set) var ranges: [ClosedRange<UInt32>] = []
    var negated = false
    /// Bit i of `asciiLow` (i < 64) or bit i - 64 of `asciiHigh` is set when scalar i is in `ranges`.
    private var asciiLow: UInt64 = 0
    private var asciiHigh: UInt64 = 0

    init() {}

    init(_ ranges: [ClosedRange<UInt32>], negated: Bool = false) {
        for range in ranges { add(range) }
        self.negated = negated
    }

    /// Adds a range, keeping `ranges` sorted and merged (classes are small, so insertion is fine).
    mutating func add(_ range: ClosedRange<UInt32>) {
        var low = range.lowerBound, high = range.upperBound
        var kept: [ClosedRange<UInt32>] = []
        kept.reserveCapacity(ranges.count + 1)
        var inserted = false
        for r in ranges {
            if r.upperBound &+ 1 < low { kept.append(r); continue }
            if high &+ 1 < r.lowerBound {
                if !inserted { kept.append(low ... high); inserted = true }
                kept.append(r)
                continue
            }
            low = min(low, r.lowerBound)
            high = max(high, r.upperBound)
        }
        if !inserted { kept.append(low ... high) }
        ranges = kept
        guard range.lowerBound < 128 else { return }
        for scalar in range.lowerBound ... min(range.upperBound, 127) {
            if scalar < 64 { asciiLow |= 1 << UInt64(scalar) } else { asciiHigh |= 1 << UInt64(scalar - 64) }
        }
    }

    mutating func add(_ other: RegexCharacterClass) {
        for range in other.effectiveRanges { add(range) }
    }

    /// The ranges this class matches, its negation applied.
    var effectiveRanges: [ClosedRange<UInt32>] {
        guard negated else { return ranges }
        var out: [ClosedRange<UInt32>] = []
        var next: UInt32 = 0
        for r in ranges {
            if r.lowerBound > next { out.append(next ... r.lowerBound - 1) }
            next = r.upperBound &+ 1
        }
        if next <= 0x10FFFF { out.append(next ... 0x10FFFF) }
        return out
    }

    /// Whether `ranges` hold the scalar (the negation not applied).
    @inline(__always)
    func holds(_ scalar: UInt32) -> Bool {
        if scalar < 64 { return asciiLow & (1 << UInt64(scalar)) != 0 }
        if scalar < 128 { return asciiHigh & (1 << UInt64(scalar - 64)) != 0 }
        var low = 0, high = ranges.count - 1
        while low <= high {
            let mid = (low + high) / 2
            if scalar < ranges[mid].lowerBound { high = mid - 1 } else if scalar > ranges[mid].upperBound { low = mid + 1 } else { return true }
        }
        return false
    }

    /// Whether the class matches the scalar; with `foldCase`, any case variant of it will do.
    @inline(__always)
    func matches(_ scalar: UInt32, foldCase: Bool) -> Bool {
        var found = holds(scalar)
        if !found, foldCase, scalar < 128 {
            // ASCII's only case pairs are the letters: no table, no allocation.
            if scalar >= 65, scalar <= 90 { found = holds(scalar + 32) } else if scalar >= 97, scalar <= 122 { found = holds(scalar - 32) }
        } else if !found, foldCase {
            for variant in RegexCaseFolding.variants(of: scalar) where variant != scalar && holds(variant) {
                found = true
                break
            }
        }
        return found != negated
    }

    // MARK: - Named classes

    static let digit = RegexCharacterClass([48 ... 57])
    static let word = RegexCharacterClass([48 ... 57, 65 ... 90, 95 ... 95, 97 ... 122])
    /// Perl's `\s` as RE2 reads it: tab, newline, form feed, carriage return and space.
    static let perlSpace = RegexCharacterClass([9 ... 10, 12 ... 13, 32 ... 32])

    /// `[:name:]` inside a bracket expression (ASCII, as POSIX's C locale and RE2 define them).
    static func posix(_ name: String) -> RegexCharacterClass? {
        switch name {
        case "alnum": return RegexCharacterClass([48 ... 57, 65 ... 90, 97 ... 122])
        case "alpha": return RegexCharacterClass([65 ... 90, 97 ... 122])
        case "ascii": return RegexCharacterClass([0 ... 127])
        case "blank": return RegexCharacterClass([9 ... 9, 32 ... 32])
        case "cntrl": return RegexCharacterClass([0 ... 31, 127 ... 127])
        case "digit": return digit
        case "graph": return RegexCharacterClass([33 ... 126])
        case "lower": return RegexCharacterClass([97 ... 122])
        case "print": return RegexCharacterClass([32 ... 126])
        case "punct": return RegexCharacterClass([33 ... 47, 58 ... 64, 91 ... 96, 123 ... 126])
        case "space": return RegexCharacterClass([9 ... 13, 32 ... 32])
        case "upper": return RegexCharacterClass([65 ... 90])
        case "word": return word
        case "xdigit": return RegexCharacterClass([48 ... 57, 65 ... 70, 97 ... 102])
        default: return nil
        }
    }
}

/// Simple (one scalar to one scalar) case mappings, ASCII without a table lookup.
enum RegexCaseFolding {
    /// The scalar and its simple lower- and upper-case forms (and theirs), without repeats.
    static func variants(of scalar: UInt32) -> [UInt32] {
        if scalar < 128 {
            if scalar >= 65, scalar <= 90 { return [scalar, scalar + 32] }
            if scalar >= 97, scalar <= 122 { return [scalar, scalar - 32] }
            return [scalar]
        }
        var out = [scalar]
        func add(_ s: UInt32?) { if let s, !out.contains(s) { out.append(s) } }
        let lower = lowercase(scalar), upper = uppercase(scalar)
        add(lower)
        add(upper)
        add(lower.flatMap(uppercase))
        add(upper.flatMap(lowercase))
        return out
    }

    /// The simple lower-case form, or nil when it is the scalar itself or more than one scalar.
    static func lowercase(_ scalar: UInt32) -> UInt32? {
        guard let s = Unicode.Scalar(scalar) else { return nil }
        return single(s.properties.lowercaseMapping, not: scalar)
    }

    static func uppercase(_ scalar: UInt32) -> UInt32? {
        guard let s = Unicode.Scalar(scalar) else { return nil }
        return single(s.properties.uppercaseMapping, not: scalar)
    }

    private static func single(_ mapping: String, not scalar: UInt32) -> UInt32? {
        var it = mapping.unicodeScalars.makeIterator()
        guard let first = it.next(), it.next() == nil, first.value != scalar else { return nil }
        return first.value
    }
}
