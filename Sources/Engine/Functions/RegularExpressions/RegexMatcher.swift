// RegexMatcher: runs a RegexProgram over a text of Unicode scalars as a Pike VM — Thompson's
// simulation of the NFA, every live thread advanced one scalar at a time, each thread carrying
// its capture slots. A thread list holds each instruction at most once, so a search costs
// O(text × program) time and O(program × slots) space whatever the pattern: `(a+)+$`, `(a|a)*b`
// and `(x+x+)+y` cannot backtrack because nothing does. Threads are kept in priority order and a
// match cuts off the threads behind it, which gives leftmost-first results, the same as Perl,
// ICU and RE2 for patterns without empty loops (https://swtch.com/~rsc/regexp/regexp2.html).
// Only as many slots as the caller needs are carried: none to answer RLIKE, two for a match's
// bounds, more for REGEXP_SUBSTR's groups and REGEXP_REPLACE's `\1`.

/// A search's reusable state; one per call of a REGEXP function (it is not shared).
struct RegexMatcher {
    let subject: RegexSubject
    /// 0 (whether there is a match), 2 (its bounds), or 2 × (groups to report + 1).
    let slotCount: Int

    private var current: RegexThreadList
    private var following: RegexThreadList
    private var scratch: [Int]
    private var stack: [RegexThreadJob] = []

    init(program: RegexProgram, text: [UInt32], textStart: Int = 0, slotCount: Int) {
        subject = RegexSubject(program: program, text: text, textStart: textStart)
        self.slotCount = slotCount
        current = RegexThreadList(program: program, slotCount: slotCount)
        following = RegexThreadList(program: program, slotCount: slotCount)
        scratch = Array(repeating: -1, count: slotCount)
    }

    /// The leftmost-first match starting at `from` or later (at `from` only when `anchored`):
    /// its `slotCount` slots (start and end of group 0, then of each group; -1 where a group
    /// took no part), or nil. With `slotCount` 0 a match is an empty array.
    mutating func firstMatch(from start: Int, anchored: Bool) -> [Int]? {
        var matched: [Int]?
        current.count = 0
        var pos = start
        let text = subject.text, end = text.count
        let program = subject.program, instructions = program.instructions
        let foldCase = program.flags.caseInsensitive
        while true {
            if matched == nil, !anchored || pos == start {
                for slot in 0 ..< slotCount { scratch[slot] = -1 }
                current.add(0, at: pos, context: subject, scratch: &scratch, stack: &stack)
            }
            if current.count == 0 { break }
            following.count = 0
            let c: UInt32 = pos < end ? text[pos] : UInt32.max
            var i = 0
            threads: while i < current.count {
                let pc = current.pcs[i]
                i += 1
                let advances: Bool
                switch instructions[pc] {
                case .match:
                    if slotCount == 0 { return [] }
                    matched = current.captures(of: pc)
                    break threads  // the threads behind this one have lower priority
                case .scalar(let s): advances = c == s
                case .eitherScalar(let a, let b): advances = c == a || c == b
                case .characterClass(let k): advances = pos < end && program.classes[k].matches(c, foldCase: foldCase)
                case .anyScalar: advances = pos < end
                case .anyButNewline: advances = pos < end && c != 10
                case .split, .jump, .save, .assert: advances = false
                }
                if advances {
                    current.loadCaptures(of: pc, into: &scratch)
                    following.add(pc + 1, at: pos + 1, context: subject, scratch: &scratch, stack: &stack)
                }
            }
            if pos >= end { break }
            swap(&current, &following)
            pos += 1
        }
        return matched
    }
}

/// What a search reads: the program and the text.
struct RegexSubject {
    let program: RegexProgram
    let text: [UInt32]
    /// Where the searched text starts: `^` and `\b` see nothing before it (REGEXP_SUBSTR's position).
    let textStart: Int

    /// Whether an empty-width assertion holds at `pos`.
    func holds(_ assertion: RegexAssertion, at pos: Int) -> Bool {
        switch assertion {
        case .beginText: return pos == textStart
        case .endText: return pos == text.count
        case .beginLine: return pos == textStart || text[pos - 1] == 10
        case .endLine: return pos == text.count || text[pos] == 10
        case .wordBoundary, .notWordBoundary:
            let before = pos > textStart && RegexCharacterClass.word.holds(text[pos - 1])
            let after = pos < text.count && RegexCharacterClass.word.holds(text[pos])
            return (before != after) == (assertion == .wordBoundary)
        }
    }
}

/// A pending step of `RegexThreadList.add`: follow `pc`, or put a capture slot back.
struct RegexThreadJob {
    var pcOrSlot: Int
    /// `Int.min` to follow `pcOrSlot`; otherwise the value to restore into slot `pcOrSlot`.
    var value: Int
}

/// The threads at one position: a sparse set of instructions in priority order, with the capture
/// slots of those that consume a scalar or match.
struct RegexThreadList {
    private(set) var pcs: [Int]
    private var index: [Int]
    var count = 0
    private var cells: [Int]
    private let rows: [Int]
    private let slotCount: Int

    init(program: RegexProgram, slotCount: Int) {
        pcs = Array(repeating: 0, count: program.instructions.count)
        index = Array(repeating: 0, count: program.instructions.count)
        cells = Array(repeating: -1, count: program.captureRows * slotCount)
        rows = program.captureRow
        self.slotCount = slotCount
    }

    @inline(__always)
    private func contains(_ pc: Int) -> Bool {
        let i = index[pc]
        return i < count && pcs[i] == pc
    }

    func captures(of pc: Int) -> [Int] {
        let base = rows[pc] * slotCount
        return Array(cells[base ..< base + slotCount])
    }

    func loadCaptures(of pc: Int, into scratch: inout [Int]) {
        let base = rows[pc] * slotCount
        for slot in 0 ..< slotCount { scratch[slot] = cells[base + slot] }
    }

    /// Adds the thread at `pc0` and every instruction it reaches without consuming a scalar,
    /// in priority order, with the slots in `scratch` (restored before returning). An explicit
    /// stack instead of recursion, so a long chain of empty-width instructions needs no call stack.
    mutating func add(_ pc0: Int, at pos: Int, context: RegexSubject, scratch: inout [Int],
                      stack: inout [RegexThreadJob]) {
        let instructions = context.program.instructions
        stack.append(RegexThreadJob(pcOrSlot: pc0, value: Int.min))
        while let job = stack.popLast() {
            guard job.value == Int.min else {
                scratch[job.pcOrSlot] = job.value
                continue
            }
            var pc = job.pcOrSlot
            following: while !contains(pc) {
                index[pc] = count
                pcs[count] = pc
                count += 1
                switch instructions[pc] {
                case .jump(let target): pc = target
                case .split(let first, let second):
                    stack.append(RegexThreadJob(pcOrSlot: second, value: Int.min))
                    pc = first
                case .save(let slot):
                    if slot < slotCount {
                        stack.append(RegexThreadJob(pcOrSlot: slot, value: scratch[slot]))
                        scratch[slot] = pos
                    }
                    pc += 1
                case .assert(let assertion):
                    guard context.holds(assertion, at: pos) else { break following }
                    pc += 1
                default:
                    let base = rows[pc] * slotCount
                    for slot in 0 ..< slotCount { cells[base + slot] = scratch[slot] }
                    break following
                }
            }
        }
    }
}
