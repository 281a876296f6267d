// CompactJSON: the JSON documents SQLite's `->` reads back byte for byte, checked and searched
// without building a tree. A VARIANT is compact JSON (Snowlite writes no blank outside a string),
// and `v -> '$.a.b'` is how every path over one is read: SQLite 3.40 parses the whole document
// into nodes at each call (an issue of 1.5 KB, three times per ingested row: the MERGE's key, the
// lookup index's, the connector's watermark), then writes the selected node back out, which for
// compact input is the very bytes it came from. SQLiteCFunctions' `->` answers from here when the
// document is strict, compact JSON and the path a plain one, and asks SQLite's own `->` otherwise.
//
// What is accepted here is a subset of what SQLite 3.40's parser accepts, chosen so that SQLite's
// answer is a slice of the input: RFC 8259 values with no blank between tokens, numbers in JSON's
// own grammar, the escapes JSON allows, nesting at most `maximumDepth` deep. Anything else (a
// blank, NaN, a leading zero, a control character or a NUL byte, trailing bytes) is not
// "invalid" here but "not for this reader": the caller falls back to SQLite.

enum CompactJSON {
    /// Deeper documents are left to SQLite (whose own limit is 2,000).
    static let maximumDepth = 1_000

    /// Reads `text` once: when it is one compact JSON value and nothing more, and `path` a plain
    /// path, what the path selects in it (as `select` would); `.notHandled` otherwise.
    static func read(_ text: UnsafeBufferPointer<UInt8>, selecting path: UnsafeBufferPointer<UInt8>) -> Selection {
        guard isPlain(path) else { return .notHandled }
        var reader = Reader(text: text, path: path)
        guard reader.value(depth: 0, step: 1), reader.index == text.count else { return .notHandled }
        return reader.selection.map { .value($0) } ?? .nothing
    }

    /// The elements of `text` when it is one compact JSON array (and nothing more) whose elements
    /// are all objects and arrays: each element's bytes, in order. Nil for anything else. Each
    /// element is itself a document `read` would accept (SQLiteCFunctions' `sl_json_each` hands
    /// them to `->` as checked).
    static func containerElements(_ text: UnsafeBufferPointer<UInt8>) -> [Range<Int>]? {
        guard text.first == UInt8(ascii: "[") else { return nil }
        var reader = Reader(text: text, path: UnsafeBufferPointer(start: nil, count: 0))
        reader.index = 1
        var elements: [Range<Int>] = []
        if reader.current == UInt8(ascii: "]") { return text.count == 2 ? elements : nil }
        while true {
            let start = reader.index
            guard reader.current == UInt8(ascii: "{") || reader.current == UInt8(ascii: "["), reader.value(depth: 1, step: nil) else {
                return nil
            }
            elements.append(start..<reader.index)
            if reader.current == UInt8(ascii: ",") {
                reader.index += 1
                continue
            }
            guard reader.current == UInt8(ascii: "]"), reader.index + 1 == text.count else { return nil }
            return elements
        }
    }

    /// Whether `text` is already PARSE_JSON's canonical text (JSONCanonical's output for it would
    /// be the same bytes): compact JSON whose object keys are ASCII, unescaped and in increasing
    /// order, and whose strings escape only what JSONCanonical escapes, the way it does.
    static func isCanonical(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var reader = Reader(text: text, path: UnsafeBufferPointer(start: nil, count: 0), canonical: true)
        return reader.value(depth: 0, step: nil) && reader.index == text.count
    }

    /// Whether `path` is `$` and `.name`, `."key"` and `[n]` steps (a plain name: letters, digits
    /// and `_`; n: at most nine digits). SQLite reads these the same way.
    static func isPlain(_ path: UnsafeBufferPointer<UInt8>) -> Bool {
        guard path.first == UInt8(ascii: "$") else { return false }
        var p = 1
        while p < path.count {
            guard let next = step(in: path, at: p) else { return false }
            p = next.next
        }
        return true
    }

    /// One step of a path, at `p` (its `.` or `[`): a key's bytes or an index, and where the next
    /// step begins; nil when it is not a plain step.
    static func step(in path: UnsafeBufferPointer<UInt8>, at p: Int) -> (key: Range<Int>?, index: Int, next: Int)? {
        if path[p] == UInt8(ascii: ".") {
            var keyStart = p + 1, keyEnd: Int
            if keyStart < path.count, path[keyStart] == UInt8(ascii: "\"") {
                keyStart += 1
                keyEnd = keyStart
                // SQLite reads a path up to a NUL byte: a key holding one is left to SQLite.
                while keyEnd < path.count, path[keyEnd] != UInt8(ascii: "\""), path[keyEnd] != 0 { keyEnd += 1 }
                guard keyEnd < path.count, path[keyEnd] != 0, keyEnd > keyStart else { return nil }
                return (keyStart..<keyEnd, 0, keyEnd + 1)
            }
            keyEnd = keyStart
            while keyEnd < path.count, isNameByte(path[keyEnd]) { keyEnd += 1 }
            guard keyEnd > keyStart, keyEnd == path.count || path[keyEnd] == UInt8(ascii: ".") || path[keyEnd] == UInt8(ascii: "[") else {
                return nil
            }
            return (keyStart..<keyEnd, 0, keyEnd)
        }
        guard path[p] == UInt8(ascii: "[") else { return nil }
        var q = p + 1, n = 0
        while q < path.count, q - p <= 9, case let d = path[q], d >= 0x30 && d <= 0x39 {
            n = n * 10 + Int(d - 0x30)
            q += 1
        }
        guard q > p + 1, q < path.count, path[q] == UInt8(ascii: "]") else { return nil }
        return (nil, n, q + 1)
    }

    /// What a path selects in a document `isCompact` accepted.
    enum Selection: Equatable {
        /// The selected value's bytes.
        case value(Range<Int>)
        /// Nothing: a key that is not there, an index past the end, a step into a scalar or into
        /// the other kind of container (SQLite's `->` returns NULL).
        case nothing
        /// A path this reader does not take (abbreviated, `#`, an unquoted key other than letters,
        /// digits and `_`, a malformed one): SQLite must answer, and report any error.
        case notHandled
    }

    /// The value `path` (`$`, then `.key`, `."key"` and `[n]` steps) selects in `text`, which
    /// `isCompact` accepted. Like SQLite, the first member with the key is the one taken, a key is
    /// compared with the member's name as written (escapes and all), and a step that does not
    /// fit the value selects nothing.
    static func select(_ path: UnsafeBufferPointer<UInt8>, in text: UnsafeBufferPointer<UInt8>) -> Selection {
        guard isPlain(path) else { return .notHandled }
        var p = 1
        var value = 0..<text.count
        while p < path.count, let step = step(in: path, at: p) {
            let found =
                step.key.map { member(UnsafeBufferPointer(rebasing: path[$0]), of: &value, in: text) }
                ?? element(step.index, of: &value, in: text)
            guard found else { return .nothing }
            p = step.next
        }
        return .value(value)
    }

    static func isNameByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F
    }

    /// Narrows `value` (an object's bytes) to the value of its first member named `key`.
    private static func member(_ key: UnsafeBufferPointer<UInt8>, of value: inout Range<Int>, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard text[value.lowerBound] == UInt8(ascii: "{") else { return false }
        var i = value.lowerBound + 1
        while text[i] != UInt8(ascii: "}") {
            let nameEnd = endOfString(at: i, in: text)
            let matches = nameEnd - i - 2 == key.count && UnsafeBufferPointer(rebasing: text[(i + 1)..<(nameEnd - 1)]).elementsEqual(key)
            i = nameEnd + 1  // past the colon
            let end = endOfValue(at: i, in: text)
            if matches {
                value = i..<end
                return true
            }
            i = end
            if text[i] == UInt8(ascii: ",") { i += 1 }
        }
        return false
    }

    /// Narrows `value` (an array's bytes) to its element `n`.
    private static func element(_ n: Int, of value: inout Range<Int>, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard text[value.lowerBound] == UInt8(ascii: "[") else { return false }
        var i = value.lowerBound + 1, position = 0
        while text[i] != UInt8(ascii: "]") {
            let end = endOfValue(at: i, in: text)
            if position == n {
                value = i..<end
                return true
            }
            position += 1
            i = end
            if text[i] == UInt8(ascii: ",") { i += 1 }
        }
        return false
    }

    /// Where the value starting at `i` of a compact document ends.
    private static func endOfValue(at i: Int, in text: UnsafeBufferPointer<UInt8>) -> Int {
        switch text[i] {
        case UInt8(ascii: "\""): return endOfString(at: i, in: text)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0, j = i
            repeat {
                switch text[j] {
                case UInt8(ascii: "\""): j = endOfString(at: j, in: text); continue
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
                default: break
                }
                j += 1
            } while depth > 0
            return j
        default:
            var j = i + 1
            while j < text.count, case let c = text[j], c != UInt8(ascii: ","), c != UInt8(ascii: "]"), c != UInt8(ascii: "}") { j += 1 }
            return j
        }
    }

    /// Where the string whose opening quote is at `i` ends (past its closing quote).
    private static func endOfString(at i: Int, in text: UnsafeBufferPointer<UInt8>) -> Int {
        var j = i + 1
        while true {
            j = nextSpecialByte(from: j, in: text)
            if text[j] == UInt8(ascii: "\\") { j += 2; continue }
            if text[j] == UInt8(ascii: "\"") { return j + 1 }
            j += 1
        }
    }

    /// The first position from `i` holding a double quote, a backslash or a byte below 0x20 (or
    /// the text's end), looked for eight bytes at a time.
    @inline(__always)
    static func nextSpecialByte(from i: Int, in text: UnsafeBufferPointer<UInt8>) -> Int {
        var j = i
        if let base = UnsafeRawPointer(text.baseAddress) {
            let ones: UInt64 = 0x0101_0101_0101_0101, tops: UInt64 = 0x8080_8080_8080_8080
            while j + 8 <= text.count {
                let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: j, as: UInt64.self))
                // A byte of `x` is zero where the byte looked for is; subtracting `ones` then borrows
                // into that byte's top bit. The lowest bit set is the first such byte (a borrow only
                // ever reaches the bytes above it).
                let quote = word ^ (ones &* 0x22), backslash = word ^ (ones &* 0x5C)
                let found = ((quote &- ones) & ~quote | (backslash &- ones) & ~backslash | (word &- ones &* 0x20) & ~word) & tops
                if found != 0 { return j + found.trailingZeroBitCount >> 3 }
                j += 8
            }
        }
        while j < text.count, case let c = text[j], c != 0x22, c != 0x5C, c >= 0x20 { j += 1 }
        return j
    }

    /// Strict, compact JSON, read once from the start, noting the value `path` selects.
    private struct Reader {
        let text: UnsafeBufferPointer<UInt8>
        let path: UnsafeBufferPointer<UInt8>
        /// Whether the text must also be PARSE_JSON's canonical text (`isCanonical`).
        let canonical: Bool
        var index = 0
        /// The selected value, once read.
        var selection: Range<Int>?

        init(text: UnsafeBufferPointer<UInt8>, path: UnsafeBufferPointer<UInt8>, canonical: Bool = false) {
            self.text = text
            self.path = path
            self.canonical = canonical
        }

        /// The byte at the index, or 0 past the end (0 is never where a token may be).
        var current: UInt8 { index < text.count ? text[index] : 0 }

        /// Reads one value. `step` is where in the path the steps left to take from this value
        /// begin (past the end: this is the selected value), nil when the value is off the path.
        mutating func value(depth: Int, step: Int?) -> Bool {
            let start = index
            let read: Bool
            switch current {
            case UInt8(ascii: "{"): read = object(depth: depth, step: step)
            case UInt8(ascii: "["): read = array(depth: depth, step: step)
            case UInt8(ascii: "\""): read = string()
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): read = number()
            case UInt8(ascii: "t"): read = word("true")
            case UInt8(ascii: "f"): read = word("false")
            case UInt8(ascii: "n"): read = word("null")
            default: return false
            }
            if read, step == path.count { selection = start..<index }
            return read
        }

        mutating func object(depth: Int, step: Int?) -> Bool {
            guard depth < CompactJSON.maximumDepth else { return false }
            // The key this object's members are matched with, when the path goes through it.
            var wanted: (key: UnsafeBufferPointer<UInt8>, next: Int)?
            if let step, step < path.count, let parsed = CompactJSON.step(in: path, at: step), let key = parsed.key {
                wanted = (UnsafeBufferPointer(rebasing: path[key]), parsed.next)
            }
            index += 1
            if current == UInt8(ascii: "}") { index += 1; return true }
            var previousKey: UnsafeBufferPointer<UInt8>?
            while true {
                let nameStart = index
                guard current == UInt8(ascii: "\""), string(), current == UInt8(ascii: ":") else { return false }
                if canonical {
                    // Canonical keys: ASCII, nothing escaped, each after the one before.
                    let key = UnsafeBufferPointer(rebasing: text[(nameStart + 1)..<(index - 1)])
                    guard key.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: "\\") }),
                        previousKey.map({ $0.lexicographicallyPrecedes(key) }) ?? true
                    else { return false }
                    previousKey = key
                }
                var childStep: Int?
                if let target = wanted, index - nameStart - 2 == target.key.count,
                    UnsafeBufferPointer(rebasing: text[(nameStart + 1)..<(index - 1)]).elementsEqual(target.key)
                {
                    childStep = target.next
                    wanted = nil  // the first member of that name is the one selected
                }
                index += 1
                guard value(depth: depth + 1, step: childStep) else { return false }
                if current == UInt8(ascii: ",") { index += 1; continue }
                guard current == UInt8(ascii: "}") else { return false }
                index += 1
                return true
            }
        }

        mutating func array(depth: Int, step: Int?) -> Bool {
            guard depth < CompactJSON.maximumDepth else { return false }
            var wanted: (position: Int, next: Int)?
            if let step, step < path.count, let parsed = CompactJSON.step(in: path, at: step), parsed.key == nil {
                wanted = (parsed.index, parsed.next)
            }
            index += 1
            if current == UInt8(ascii: "]") { index += 1; return true }
            var position = 0
            while true {
                guard value(depth: depth + 1, step: wanted?.position == position ? wanted?.next : nil) else { return false }
                position += 1
                if current == UInt8(ascii: ",") { index += 1; continue }
                guard current == UInt8(ascii: "]") else { return false }
                index += 1
                return true
            }
        }

        mutating func word(_ literal: StaticString) -> Bool {
            let count = literal.utf8CodeUnitCount
            guard index + count <= text.count,
                UnsafeBufferPointer(rebasing: text[index..<(index + count)]).elementsEqual(
                    UnsafeBufferPointer(start: literal.utf8Start, count: count))
            else { return false }
            index += count
            return true
        }

        /// `"…"` with JSON's escapes only and no control character.
        mutating func string() -> Bool {
            index += 1
            while true {
                index = CompactJSON.nextSpecialByte(from: index, in: text)
                switch current {
                case UInt8(ascii: "\""):
                    index += 1
                    return true
                case UInt8(ascii: "\\"):
                    index += 1
                    switch current {
                    case UInt8(ascii: "/") where canonical: return false
                    case UInt8(ascii: "u") where canonical:
                        // PARSE_JSON writes only a control character without a short form this way.
                        guard index + 5 <= text.count, text[index + 1] == UInt8(ascii: "0"), text[index + 2] == UInt8(ascii: "0"),
                            let high = JSONCanonical.hexValue(text[index + 3]), let low = JSONCanonical.hexValue(text[index + 4]),
                            high < 2, ![0x08, 0x09, 0x0A, 0x0C, 0x0D].contains(high << 4 | low),
                            JSONCanonical.hexDigits(UInt8(high << 4 | low)).elementsEqual(text[(index + 3)..<(index + 5)])
                        else { return false }
                        index += 5
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                        UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                        index += 1
                    case UInt8(ascii: "u"):
                        guard index + 5 <= text.count,
                            text[(index + 1)..<(index + 5)].allSatisfy({ JSONCanonical.hexValue($0) != nil })
                        else { return false }
                        index += 5
                    default: return false
                    }
                default: return false  // a control character, or the end
                }
            }
        }

        /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`
        mutating func number() -> Bool {
            func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
            func digits() -> Bool {
                guard isDigit(current) else { return false }
                while isDigit(current) { index += 1 }
                return true
            }
            if current == UInt8(ascii: "-") { index += 1 }
            if current == UInt8(ascii: "0") {
                index += 1
            } else if !digits() {
                return false
            }
            if current == UInt8(ascii: ".") {
                index += 1
                guard digits() else { return false }
            }
            if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
                index += 1
                if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
                guard digits() else { return false }
            }
            return true
        }
    }
}
