// RegularExpression: a compiled Snowflake regular expression and the searches the REGEXP
// functions and the stage PATTERN option need: whether the whole text matches, and the
// successive matches from a position. Compiled patterns are cached (a query evaluates the same
// pattern once per row) behind a Mutex: many sessions share the process, and a compiled pattern
// is immutable, so sharing it is safe. A refused pattern is Snowflake's error quoting it as the
// user wrote it. Positions are in Unicode scalars, as LENGTH and SUBSTR count them.

import Synchronization

final class RegularExpression: Sendable {
    /// As the user wrote it, for errors.
    let pattern: String
    let program: RegexProgram
    var groupCount: Int { program.groupCount }

    /// `wholeText`: a match must run to the end of the text (RLIKE's and PATTERN's implicit anchors;
    /// the caller searches anchored at the start).
    init(_ pattern: String, flags: RegexFlags, wholeText: Bool) throws(RegexSyntaxError) {
        self.pattern = pattern
        let (node, groups) = try RegexParser.parse(pattern)
        program = try RegexProgram(node, groupCount: groups, flags: flags, wholeText: wholeText)
    }

    private struct Key: Hashable {
        let pattern: String
        let flags: RegexFlags
        let wholeText: Bool
    }

    private static let cache = Mutex<[Key: RegularExpression]>([:])

    /// The compiled pattern, from the cache when it was compiled before. Throws Snowflake's 100048
    /// for a pattern Snowflake refuses or one too large to compile.
    static func compiled(_ pattern: String, flags: RegexFlags, wholeText: Bool = false) throws(SnowflakeError) -> RegularExpression {
        let key = Key(pattern: pattern, flags: flags, wholeText: wholeText)
        if let regex = cache.withLock({ $0[key] }) { return regex }
        let regex: RegularExpression
        do throws(RegexSyntaxError) {
            regex = try RegularExpression(pattern, flags: flags, wholeText: wholeText)
        } catch {
            switch error {
            case .invalid: throw SnowflakeError.invalidRegularExpression(pattern)
            case .tooLarge: throw SnowflakeError.regularExpressionTooLarge(pattern)
            }
        }
        cache.withLock { cache in
            if cache.count >= 256 { cache.removeAll() }
            cache[key] = regex
        }
        return regex
    }

    // MARK: - Searching

    /// Whether the whole of `text` matches; the pattern must have been compiled with `wholeText`.
    func matchesWhole(_ text: String) -> Bool {
        let matcher = RegexMatcher(program: program, text: Self.scalars(of: text), slotCount: 0)
        return matcher.firstMatch(from: 0, anchored: true) != nil
    }

    /// One match: `slots[2g]` and `slots[2g + 1]` bound group g (-1 when it took no part).
    struct Match {
        let slots: [Int]

        var range: Range<Int> { slots[0] ..< slots[1] }

        func range(of group: Int) -> Range<Int>? {
            guard 2 * group + 1 < slots.count, slots[2 * group] >= 0, slots[2 * group + 1] >= 0 else { return nil }
            return slots[2 * group] ..< slots[2 * group + 1]
        }
    }

    /// The successive matches in `text` from scalar offset `start` (which `^` sees as the start of
    /// the text), each with groups 0 … `groups`, stopping after `limit` matches. After an empty
    /// match the next search starts one scalar further on; after another, where it ended (as ICU,
    /// which these functions used before, iterates). Refuses, as too large, to carry more capture
    /// slots than `RegexProgram.maxCaptureCells` (thousands of groups in a long pattern).
    func matches(in text: [UInt32], from start: Int, groups: Int = 0, limit: Int = .max) throws(SnowflakeError) -> [Match] {
        guard start <= text.count, limit > 0 else { return [] }
        let slotCount = 2 * (min(groups, groupCount) + 1)
        guard program.captureRows * slotCount <= RegexProgram.maxCaptureCells else {
            throw SnowflakeError.regularExpressionTooLarge(pattern)
        }
        let matcher = RegexMatcher(program: program, text: text, textStart: start, slotCount: slotCount)
        var found: [Match] = []
        var from = start
        while from <= text.count, found.count < limit, let slots = matcher.firstMatch(from: from, anchored: false) {
            found.append(Match(slots: slots))
            from = slots[1] > slots[0] ? slots[1] : slots[1] + 1
        }
        return found
    }

    // MARK: - Text as scalars

    static func scalars(of text: String) -> [UInt32] { text.unicodeScalars.map(\.value) }

    static func string(_ scalars: ArraySlice<UInt32>) -> String {
        var view = String.UnicodeScalarView()
        for value in scalars {
            if let scalar = Unicode.Scalar(value) { view.append(scalar) }
        }
        return String(view)
    }
}
