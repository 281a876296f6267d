// RegexMatcher: runs a RegexProgram over a text of Unicode scalars as a Pike VM — Thompson's
// simulation of the NFA, every live thread advanced one scalar at a time, each thread carrying
// its capture slots. A thread list holds each instruction at most once, so a search costs
// O(text × program) time and O(program × slots) space whatever the pattern: `(a+)+$`, `(a|a)*b`
// and `(x+x+)+y` cannot backtrack because nothing does. Threads are kept in priority order and a
// match cuts off the threads behind it, which gives leftmost-first results, the same as Perl,
// ICU and RE2 for patterns without empty loops (https://swtch.com/~rsc/regexp/regexp2.html).
// Only as many slots as the caller needs are carried: none to answer RLIKE, two for a match's
// bounds, more for REGEXP_SUBSTR's groups and REGEXP_REPLACE's `\1`.
//
// The VM runs once per row, so its state is one allocation of integers owned by the matcher
// (freed in deinit) rather than a handful of arrays, each checked for uniqueness on every write.

/// A search's state; one per call of a REGEXP function (it is never shared).
final class RegexMatcher {
    let program: RegexProgram
    let text: [UInt32]
    /// Where the searched text starts: `^` and `\b` see nothing before it (REGEXP_SUBSTR's position).
    let textStart: Int
    /// 0 (whether there is a match), 2 (its bounds), or 2 × (groups to report + 1).
    let slotCount: Int

    private let storage: UnsafeMutablePointer<Int>
    private let first: RegexThreadList
    private let second: RegexThreadList
    private let scratch: UnsafeMutablePointer<Int>
    /// Pending jobs of `add`, two integers each; each instruction pushes at most one, so
    /// 2 × (instructions + 1) jobs never overflow.
    private let stack: UnsafeMutablePointer<Int>

    init(program: RegexProgram, text: [UInt32], textStart: Int = 0, slotCount: Int) {
        self.program = program
        self.text = text
        self.textStart = textStart
        self.slotCount = slotCount
        let size = program.instructions.count
        let cells = program.captureRows * slotCount
        let listSize = 2 * size + cells
        let total = 2 * listSize + slotCount + 4 * (size + 1)
        storage = UnsafeMutablePointer<Int>.allocate(capacity: total)
        first = RegexThreadList(storage, size: size, slotCount: slotCount, rows: program.captureRow)
        second = RegexThreadList(storage + listSize, size: size, slotCount: slotCount, rows: program.captureRow)
        // Everything else is written before it is read; the sparse sets' `index` is read first.
        first.clearIndex()
        second.clearIndex()
        scratch = storage + 2 * listSize
        stack = scratch + slotCount
    }

    deinit { storage.deallocate() }

    /// The leftmost-first match starting at `from` or later (at `from` only when `anchored`):
    /// its `slotCount` slots (start and end of group 0, then of each group; -1 where a group
    /// took no part), or nil. With `slotCount` 0 a match is an empty array.
    func firstMatch(from start: Int, anchored: Bool) -> [Int]? {
        program.instructions.withUnsafeBufferPointer { instructions in
            text.withUnsafeBufferPointer { text in search(instructions, text, from: start, anchored: anchored) }
        }
    }

    private func search(_ instructions: UnsafeBufferPointer<RegexInstruction>, _ text: UnsafeBufferPointer<UInt32>,
                        from start: Int, anchored: Bool) -> [Int]? {
        var matched: [Int]?
        var current = first, following = second
        current.count = 0
        var pos = start
        let end = text.count
        let foldCase = program.flags.caseInsensitive
        let firstScalars = anchored ? nil : program.firstScalars
        while true {
            if matched == nil, current.count == 0, let firstScalars {
                while pos < end, !firstScalars.holds(text[pos]) { pos += 1 }
                if pos == end { break }  // no match is empty, so none starts at the end
            }
            if matched == nil, !anchored || pos == start {
                for slot in 0 ..< slotCount { scratch[slot] = -1 }
                add(0, to: &current, at: pos, instructions, text)
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
                    let base = current.row(of: pc)
                    matched = (0 ..< slotCount).map { current.cells[base + $0] }
                    break threads  // the threads behind this one have lower priority
                case .scalar(let s): advances = c == s
                case .eitherScalar(let a, let b): advances = c == a || c == b
                case .characterClass(let k): advances = pos < end && program.classes[k].matches(c, foldCase: foldCase)
                case .anyScalar: advances = pos < end
                case .anyButNewline: advances = pos < end && c != 10
                case .split, .jump, .save, .assert: advances = false
                }
                if advances {
                    let base = current.row(of: pc)
                    for slot in 0 ..< slotCount { scratch[slot] = current.cells[base + slot] }
                    add(pc + 1, to: &following, at: pos + 1, instructions, text)
                }
            }
            if pos >= end { break }
            swap(&current, &following)
            pos += 1
        }
        return matched
    }

    /// Adds the thread at `pc0` and every instruction it reaches without consuming a scalar, in
    /// priority order, with the slots in `scratch` (restored before returning). An explicit stack
    /// instead of recursion, so a long chain of empty-width instructions needs no call stack.
    private func add(_ pc0: Int, to list: inout RegexThreadList, at pos: Int,
                     _ instructions: UnsafeBufferPointer<RegexInstruction>, _ text: UnsafeBufferPointer<UInt32>) {
        // A job is (pc, Int.min) to follow pc, or (slot, value) to put a slot back.
        var depth = 0
        stack[0] = pc0
        stack[1] = Int.min
        depth = 1
        while depth > 0 {
            depth -= 1
            let target = stack[2 * depth], value = stack[2 * depth + 1]
            guard value == Int.min else {
                scratch[target] = value
                continue
            }
            var pc = target
            following: while !list.contains(pc) {
                list.insert(pc)
                switch instructions[pc] {
                case .jump(let next): pc = next
                case .split(let preferred, let other):
                    stack[2 * depth] = other
                    stack[2 * depth + 1] = Int.min
                    depth += 1
                    pc = preferred
                case .save(let slot):
                    if slot < slotCount {
                        stack[2 * depth] = slot
                        stack[2 * depth + 1] = scratch[slot]
                        depth += 1
                        scratch[slot] = pos
                    }
                    pc += 1
                case .assert(let assertion):
                    guard holds(assertion, at: pos, text) else { break following }
                    pc += 1
                default:
                    let base = list.row(of: pc)
                    for slot in 0 ..< slotCount { list.cells[base + slot] = scratch[slot] }
                    break following
                }
            }
        }
    }

    /// Whether an empty-width assertion holds at `pos`.
    private func holds(_ assertion: RegexAssertion, at pos: Int, _ text: UnsafeBufferPointer<UInt32>) -> Bool {
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

/// The threads at one position: a sparse set of instructions in priority order (`pcs`, with
/// `index` pointing back), and the capture slots of those that consume a scalar or match. It
/// views the matcher's storage and owns nothing.
struct RegexThreadList {
    let pcs: UnsafeMutablePointer<Int>
    private let index: UnsafeMutablePointer<Int>
    let cells: UnsafeMutablePointer<Int>
    private let rows: [Int]
    private let slotCount: Int
    var count = 0

    init(_ storage: UnsafeMutablePointer<Int>, size: Int, slotCount: Int, rows: [Int]) {
        pcs = storage
        index = storage + size
        cells = storage + 2 * size
        self.rows = rows
        self.slotCount = slotCount
    }

    /// Initializes `index`, whose stale entries `contains` reads (and rejects).
    func clearIndex() { index.initialize(repeating: 0, count: rows.count) }

    @inline(__always)
    func contains(_ pc: Int) -> Bool {
        let i = index[pc]
        return i < count && pcs[i] == pc
    }

    @inline(__always)
    mutating func insert(_ pc: Int) {
        index[pc] = count
        pcs[count] = pc
        count += 1
    }

    /// Where the slots of the thread at `pc` (a consuming instruction or the match) start in `cells`.
    @inline(__always)
    func row(of pc: Int) -> Int { rows[pc] * slotCount }
}
