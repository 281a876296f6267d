// RegexProgram: a parsed regular expression compiled to a Thompson NFA program for the Pike VM
// (RegexMatcher). Instructions either consume one scalar (a literal, a class, `.`) or are
// empty-width (split, jump, save a position into a capture slot, assert an edge); `split(x, y)`
// prefers x, which gives leftmost-first (Perl and RE2) priorities. Counted repetitions are
// unrolled, so the program is bounded: past `maxInstructions` the pattern is refused as too large
// instead of allocating without limit (`a{1000}{1000}` is a million instructions), and a search
// refuses to carry more than `maxCaptureCells` capture slots across its threads.

enum RegexInstruction: Sendable {
    case scalar(UInt32)
    /// A literal matched case-insensitively: either of two scalars.
    case eitherScalar(UInt32, UInt32)
    /// Index into `RegexProgram.classes`.
    case characterClass(Int)
    case anyScalar
    case anyButNewline
    case split(Int, Int)
    case jump(Int)
    case save(Int)
    case assert(RegexAssertion)
    case match
}

enum RegexAssertion: Sendable {
    case beginText, endText, beginLine, endLine, wordBoundary, notWordBoundary
}

/// How the `c i m s` parameters change matching (`e` belongs to REGEXP_SUBSTR, not the program).
struct RegexFlags: Hashable, Sendable {
    var caseInsensitive = false
    /// `m`: `^` and `$` also match after and before a newline.
    var multiLine = false
    /// `s`: `.` matches a newline too.
    var dotMatchesNewline = false
}

struct RegexProgram: Sendable {
    static let maxInstructions = 100_000
    static let maxCaptureCells = 1_000_000

    private(set) var instructions: [RegexInstruction] = []
    private(set) var classes: [RegexCharacterClass] = []
    let groupCount: Int
    let flags: RegexFlags
    /// For each instruction that consumes a scalar or matches, its row in a thread list's capture
    /// table (-1 for the others), so only those rows are stored.
    private(set) var captureRow: [Int] = []
    private(set) var captureRows = 0
    /// The scalars a match can start with, when that is a small known set (a literal, a class) and
    /// no match is empty: an unanchored search skips to the next of them instead of starting a
    /// thread at every position.
    private(set) var firstScalars: RegexCharacterClass?

    /// Compiles `node` (with `groupCount` groups) as group 0: `save 0, node, save 1, match`.
    /// `wholeText` adds an end-of-text assertion before `save 1`, for RLIKE's implicit anchors.
    init(_ node: RegexNode, groupCount: Int, flags: RegexFlags, wholeText: Bool) throws(RegexSyntaxError) {
        self.groupCount = groupCount
        self.flags = flags
        try emit(.save(0))
        try compile(node)
        if wholeText { try emit(.assert(.endText)) }
        try emit(.save(1))
        try emit(.match)
        var rows: [Int] = []
        rows.reserveCapacity(instructions.count)
        var count = 0
        for instruction in instructions {
            switch instruction {
            case .split, .jump, .save, .assert: rows.append(-1)
            default: rows.append(count); count += 1
            }
        }
        captureRow = rows
        captureRows = count
        firstScalars = startingScalars()
    }

    /// The scalars the instructions reachable from the start without consuming anything accept,
    /// or nil when one of them is an assertion, the match, `.`, a negated class or a folded class.
    private func startingScalars() -> RegexCharacterClass? {
        var set = RegexCharacterClass()
        var visited = Array(repeating: false, count: instructions.count)
        var pending = [0]
        while let pc = pending.popLast() {
            guard !visited[pc] else { continue }
            visited[pc] = true
            switch instructions[pc] {
            case .jump(let target): pending.append(target)
            case .split(let first, let second): pending += [first, second]
            case .save: pending.append(pc + 1)
            case .scalar(let c): set.add(c ... c)
            case .eitherScalar(let a, let b):
                set.add(a ... a)
                set.add(b ... b)
            case .characterClass(let k):
                guard !classes[k].negated, !flags.caseInsensitive else { return nil }
                set.add(classes[k])
            case .assert, .match, .anyScalar, .anyButNewline: return nil
            }
        }
        return set
    }

    private mutating func emit(_ instruction: RegexInstruction) throws(RegexSyntaxError) {
        guard instructions.count < Self.maxInstructions else { throw .tooLarge }
        instructions.append(instruction)
    }

    private mutating func patch(_ at: Int, _ instruction: RegexInstruction) { instructions[at] = instruction }

    // MARK: - Compiling

    private mutating func compile(_ node: RegexNode) throws(RegexSyntaxError) {
        switch node {
        case .empty: break
        case .literal(let c): try literal(c)
        case .characterClass(let cls):
            classes.append(cls)
            try emit(.characterClass(classes.count - 1))
        case .anyCharacter: try emit(flags.dotMatchesNewline ? .anyScalar : .anyButNewline)
        case .beginLine: try emit(.assert(flags.multiLine ? .beginLine : .beginText))
        case .endLine: try emit(.assert(flags.multiLine ? .endLine : .endText))
        case .wordBoundary(let negated): try emit(.assert(negated ? .notWordBoundary : .wordBoundary))
        case .group(let index, let body):
            try emit(.save(2 * index))
            try compile(body)
            try emit(.save(2 * index + 1))
        case .concatenation(let items):
            for item in items { try compile(item) }
        case .alternation(let branches):
            // split L1, next; L1: a; jump end; next: split L2, … ; last: z; end:
            var jumps: [Int] = []
            for (i, branch) in branches.enumerated() {
                if i == branches.count - 1 {
                    try compile(branch)
                } else {
                    let split = instructions.count
                    try emit(.split(split + 1, -1))
                    try compile(branch)
                    jumps.append(instructions.count)
                    try emit(.jump(-1))
                    patch(split, .split(split + 1, instructions.count))
                }
            }
            for jump in jumps { patch(jump, .jump(instructions.count)) }
        case .repetition(let body, let min, let max):
            try repetition(body, min: min, max: max)
        }
    }

    private mutating func literal(_ c: UInt32) throws(RegexSyntaxError) {
        guard flags.caseInsensitive else { return try emit(.scalar(c)) }
        let variants = RegexCaseFolding.variants(of: c)
        switch variants.count {
        case 1: try emit(.scalar(c))
        case 2: try emit(.eitherScalar(variants[0], variants[1]))
        default:
            classes.append(RegexCharacterClass(variants.map { $0 ... $0 }))
            try emit(.characterClass(classes.count - 1))
        }
    }

    /// `x{min,max}`: `min` copies of x, then `x*` when unbounded, else `max - min` nested `(x…)?`.
    private mutating func repetition(_ body: RegexNode, min: Int, max: Int?) throws(RegexSyntaxError) {
        for _ in 0 ..< min { try compile(body) }
        guard let max else {
            // L: split body, out; body; jump L; out:
            let loop = instructions.count
            try emit(.split(loop + 1, -1))
            try compile(body)
            try emit(.jump(loop))
            patch(loop, .split(loop + 1, instructions.count))
            return
        }
        var splits: [Int] = []
        for _ in min ..< Swift.max(min, max) {
            splits.append(instructions.count)
            try emit(.split(instructions.count + 1, -1))
            try compile(body)
        }
        for split in splits { patch(split, .split(split + 1, instructions.count)) }
    }
}
