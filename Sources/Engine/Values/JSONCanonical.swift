// JSONCanonical: PARSE_JSON's canonical text (compact, object keys sorted, the last of duplicate
// keys kept) written straight from the input's UTF-8 bytes, without building a JSONValue tree.
// Ingesting a page of GitHub issues is mostly this: the tree's strings, arrays and re-quoting cost
// more than the rest of the MERGE. It accepts exactly what JSONText.Reader accepts (single quotes,
// bare keys, empty array slots, trailing commas, NaN and Infinity) and writes exactly what
// `JSONText.compact(Variant.sorted(JSONText.parse(text)))` writes; on malformed input it returns
// nil and the caller asks JSONText (for the error and its position, or for what this leaves to it:
// objects with a non-ASCII key or a key that needs an escape). An object whose keys already come
// in order — JSONEncoder's output, and the fixture's — is written once, never rearranged.

import Foundation

enum JSONCanonical {
    /// The canonical text of `text`, or nil when it is not JSON that PARSE_JSON accepts.
    static func canonical(_ text: String) -> String? {
        canonicalNoting(text)?.text
    }

    /// The canonical text, and the first key an object holds twice (COPY's ALLOW_DUPLICATE = FALSE
    /// refuses such a document; PARSE_JSON keeps the last).
    static func canonicalNoting(_ text: String) -> (text: String, duplicateKey: String?)? {
        var contiguous = text
        return contiguous.withUTF8 { input -> (text: String, duplicateKey: String?)? in
            // Text that is canonical already (JSONEncoder's with sorted keys, Snowlite's own) is
            // returned as it came, after one reading: nothing written, no second UTF-8 check.
            if CompactJSON.isCanonical(input) { return (text, nil) }
            // A decoded string is never longer than its escaped text.
            let decoded = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(input.count, 1))
            defer { decoded.deallocate() }
            var writer = Writer(input: input, decoded: decoded)
            defer { writer.out.deallocate() }
            writer.skipBlanks()
            guard writer.value() else { return nil }
            writer.skipBlanks()
            guard writer.index == input.count else { return nil }
            // Canonical text CompactJSON does not read (a number such as `1.`, NaN) comes out unchanged too.
            if writer.out.count == input.count, let base = input.baseAddress, memcmp(writer.out.base, base, input.count) == 0 {
                return (text, writer.duplicateKey)
            }
            return (String(decoding: writer.out.bytes, as: UTF8.self), writer.duplicateKey)
        }
    }

    /// A string as `Writer.string()` read it: its decoded bytes, and whether writing them needs an
    /// escape (a control character, a double quote or a backslash).
    private struct ReadString {
        var bytes: UnsafeBufferPointer<UInt8>
        var needsEscape: Bool
    }

    private struct Writer {
        let input: UnsafeBufferPointer<UInt8>
        var index = 0
        var out: OutputBytes
        /// Decoded bytes of the string being read (reused).
        var scratch: [UInt8] = []
        /// Where a string with escapes is handed out decoded, valid until the next string is read:
        /// strings are read without allocating (a page of issues holds some ten thousand).
        let decoded: UnsafeMutableBufferPointer<UInt8>
        /// The members of the objects open around the current position, innermost last: where each
        /// member's key (between its quotes) and whole text (`"key":value`) are in `out`. One array
        /// for all of them, so an object costs no allocation of its own.
        var members: [(key: Range<Int>, text: Range<Int>)] = []
        /// Arrays and objects open around the current position; past JSONText.maximumDepth the text
        /// is refused here, and JSONText.parse says why.
        var depth = 0
        /// The first key seen twice in one object.
        var duplicateKey: String?

        init(input: UnsafeBufferPointer<UInt8>, decoded: UnsafeMutableBufferPointer<UInt8>) {
            self.input = input
            self.decoded = decoded
            out = OutputBytes(capacity: input.count + 16)
        }

        /// The input's bytes in `range`, without copying them.
        func bytes(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: input[range])
        }

        var current: UInt8? { index < input.count ? input[index] : nil }

        mutating func skipBlanks() {
            while index < input.count, case let c = input[index], c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { index += 1 }
        }

        /// Writes one value's canonical text; false when the input is malformed.
        mutating func value() -> Bool {
            guard let c = current else { return false }
            switch c {
            case UInt8(ascii: "{"): return object()
            case UInt8(ascii: "["): return array()
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                guard let read = string() else { return false }
                writeQuoted(read)
                return true
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return number()
            default:
                let start = index
                while let b = current, JSONCanonical.isWordByte(b) { index += 1 }
                let word = bytes(start..<index)
                guard JSONCanonical.literals.contains(where: { $0.elementsEqual(word) }) else { return false }
                out.append(word)
                return true
            }
        }

        /// A number is kept as written once Double accepts it (as JSONText.Reader does).
        mutating func number() -> Bool {
            let start = index
            if current == UInt8(ascii: "-") { index += 1 }
            while let c = current, (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: ".") || c == UInt8(ascii: "e")
                    || c == UInt8(ascii: "E") || c == UInt8(ascii: "+") || c == UInt8(ascii: "-") { index += 1 }
            let digits = bytes(start..<index)
            if !JSONCanonical.isPlainInteger(digits) && Double(String(decoding: digits, as: UTF8.self)) == nil { return false }
            out.append(digits)
            return true
        }

        /// Reads a quoted string (the index is on its opening quote): the input's own bytes when
        /// nothing is escaped, else `decoded`'s (until the next string is read).
        mutating func string() -> ReadString? {
            let quote = input[index]
            index += 1
            let start = index
            if quote == UInt8(ascii: "\"") {
                // Most strings hold nothing to escape or decode: their end is found eight bytes at a time.
                let special = CompactJSON.nextSpecialByte(from: index, in: input)
                if special < input.count, input[special] == quote {
                    index = special + 1
                    return ReadString(bytes: bytes(start..<special), needsEscape: false)
                }
            }
            var needsEscape = false
            while index < input.count {
                let c = input[index]
                if c == quote {
                    index += 1
                    return ReadString(bytes: bytes(start..<index - 1), needsEscape: needsEscape)
                }
                if c == UInt8(ascii: "\\") { break }
                if c < 0x20 || c == UInt8(ascii: "\"") { needsEscape = true }
                index += 1
            }
            guard index < input.count else { return nil }
            // An escape: decode from the start, the way JSONText.Reader does.
            scratch.removeAll(keepingCapacity: true)
            scratch.append(contentsOf: input[start..<index])
            while index < input.count {
                let c = input[index]
                index += 1
                if c == quote {
                    let count = scratch.withUnsafeBufferPointer { decoded.update(fromContentsOf: $0) }
                    let read = UnsafeBufferPointer(rebasing: decoded[..<count])
                    return ReadString(bytes: read, needsEscape: read.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C })
                }
                if c != UInt8(ascii: "\\") { scratch.append(c); continue }
                guard JSONText.decodeEscape(input, at: &index, into: &scratch) else { return nil }
            }
            return nil
        }

        /// Writes decoded string bytes with JSONText.quote's escapes.
        mutating func writeQuoted(_ read: ReadString) {
            out.append(UInt8(ascii: "\""))
            // Most strings need no escape: copied in one piece.
            guard read.needsEscape else {
                out.append(read.bytes)
                out.append(UInt8(ascii: "\""))
                return
            }
            for b in read.bytes {
                switch b {
                case UInt8(ascii: "\""): out.append(0x5C, 0x22)
                case UInt8(ascii: "\\"): out.append(0x5C, 0x5C)
                case 0x0A: out.append(0x5C, UInt8(ascii: "n"))
                case 0x0D: out.append(0x5C, UInt8(ascii: "r"))
                case 0x09: out.append(0x5C, UInt8(ascii: "t"))
                case 0x08: out.append(0x5C, UInt8(ascii: "b"))
                case 0x0C: out.append(0x5C, UInt8(ascii: "f"))
                case ..<0x20:
                    out.append(0x5C, UInt8(ascii: "u"))
                    out.append(UInt8(ascii: "0"), UInt8(ascii: "0"))
                    let digits = JSONCanonical.hexDigits(b)
                    out.append(digits[0], digits[1])
                default: out.append(b)
                }
            }
            out.append(UInt8(ascii: "\""))
        }

        mutating func array() -> Bool {
            depth += 1
            defer { depth -= 1 }
            guard depth <= JSONText.maximumDepth else { return false }
            index += 1
            out.append(UInt8(ascii: "["))
            var first = true
            while true {
                skipBlanks()
                guard let c = current else { return false }
                if c == UInt8(ascii: "]") { index += 1; out.append(c); return true }
                if c == UInt8(ascii: ",") { index += 1; continue }  // empty slots are skipped
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                guard value() else { return false }
                skipBlanks()
                if current == UInt8(ascii: ",") { index += 1 } else if current != UInt8(ascii: "]") { return false }
            }
        }

        /// Members are written as they come, with their commas; when their keys were not already in
        /// strictly increasing order they are put in key order (the last of equal keys kept).
        mutating func object() -> Bool {
            depth += 1
            defer { depth -= 1 }
            guard depth <= JSONText.maximumDepth else { return false }
            index += 1
            let start = out.count
            out.append(UInt8(ascii: "{"))
            // This object's members are members[first...]; the nested objects' come and go above them.
            let first = members.count
            defer { members.removeSubrange(first...) }
            var ordered = true
            while true {
                skipBlanks()
                guard let c = current else { return false }
                if c == UInt8(ascii: "}") { index += 1; break }
                // Used only before the member's value is read (which may read strings of its own).
                let key: ReadString
                if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                    guard let read = string() else { return false }
                    key = read
                } else {
                    let keyStart = index
                    while let b = current, JSONCanonical.isWordByte(b) { index += 1 }
                    if keyStart == index { return false }
                    key = ReadString(bytes: bytes(keyStart..<index), needsEscape: false)
                }
                // Keys are compared as written in `out`: that is their order only when nothing in
                // them is escaped. Swift compares non-ASCII keys by canonical equivalence: JSONText
                // decides those, and keys that need an escape.
                guard !key.needsEscape, key.bytes.allSatisfy({ $0 < 0x80 }) else { return false }
                skipBlanks()
                guard current == UInt8(ascii: ":") else { return false }
                index += 1
                skipBlanks()
                if members.count > first { out.append(UInt8(ascii: ",")) }
                let memberStart = out.count
                writeQuoted(key)
                let keyRange = (memberStart + 1)..<(out.count - 1)
                out.append(UInt8(ascii: ":"))
                guard value() else { return false }
                if members.count > first, !out.bytes(members[members.count - 1].key).lexicographicallyPrecedes(out.bytes(keyRange)) {
                    ordered = false
                }
                members.append((keyRange, memberStart..<out.count))
                skipBlanks()
                if current == UInt8(ascii: ",") { index += 1 } else if current != UInt8(ascii: "}") { return false }
            }
            out.append(UInt8(ascii: "}"))
            if ordered { return true }
            // Stable order by key; of equal keys the last one stays.
            let written = Array(out.bytes(start..<out.count))
            let own = Array(members[first...])
            func key(_ i: Int) -> ArraySlice<UInt8> { written[(own[i].key.lowerBound - start)..<(own[i].key.upperBound - start)] }
            let order = own.indices.sorted { a, b in
                key(a).lexicographicallyPrecedes(key(b)) || (key(a) == key(b) && a < b)
            }
            out.truncate(to: start)
            out.append(UInt8(ascii: "{"))
            var firstMember = true
            for (position, member) in order.enumerated() {
                if position + 1 < order.count, key(order[position + 1]) == key(member) {
                    if duplicateKey == nil { duplicateKey = String(decoding: key(member), as: UTF8.self) }
                    continue
                }
                if !firstMember { out.append(UInt8(ascii: ",")) }
                firstMember = false
                let range = own[member].text
                written.withUnsafeBufferPointer { out.append(UnsafeBufferPointer(rebasing: $0[(range.lowerBound - start)..<(range.upperBound - start)])) }
            }
            out.append(UInt8(ascii: "}"))
            return true
        }
    }

    /// The bare words JSONText.Reader accepts as values.
    static let literals: [[UInt8]] = ["null", "true", "false", "NaN", "Infinity"].map { Array($0.utf8) }

    static func isWordByte(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F || c == 0x24 || c >= 0x80
    }

    /// `-?[0-9]+`: accepted without asking Double.
    static func isPlainInteger(_ digits: UnsafeBufferPointer<UInt8>) -> Bool {
        var bytes = digits[...]
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        return !bytes.isEmpty && bytes.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    /// Two lower-case hex digits, as JSONText.quote writes a control character.
    static func hexDigits(_ byte: UInt8) -> [UInt8] {
        let digits = Array("0123456789abcdef".utf8)
        return [digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]]
    }
}

/// The canonical text as it is written: bytes in one allocation that doubles when full, appended
/// without Array's uniqueness and capacity checks (they were a fifth of the writer's time). Freed
/// by `deallocate()`, once the text has been copied into its String.
private struct OutputBytes {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// Bytes written.
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    func deallocate() { base.deallocate() }

    /// Drops what was written from `count` on.
    mutating func truncate(to count: Int) {
        precondition(count <= self.count)
        self.count = count
    }

    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    func bytes(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base + range.lowerBound, count: range.count)
    }

    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(extra) }
    }

    private mutating func grow(_ extra: Int) {
        let grown = max(capacity * 2, count + extra)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        moved.update(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = grown
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func append(_ first: UInt8, _ second: UInt8) {
        reserve(2)
        base[count] = first
        base[count + 1] = second
        count += 2
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        (base + count).update(from: source, count: bytes.count)
        count += bytes.count
    }
}
