// SQLText: searching and replacing in SQL text Snowlite wrote, byte for byte. The translator
// tags sub-column reads with comments and rewrites them once the whole query is known
// (Translator+SubColumnReads); Foundation's `replacingOccurrences` and `contains` go through
// NSString and a locale-aware search, a quarter of a million instructions a call, paid by every
// statement that reads a table (a connector's state insert, each dashboard query). The texts
// looked for are Snowlite's own, so equal bytes are the only match wanted.

import Foundation

enum SQLText {
    /// Whether `part` occurs in `text`.
    static func contains(_ text: String, _ part: String) -> Bool {
        var text = text, part = part
        return text.withUTF8 { t in part.withUTF8 { p in firstMatch(of: p, in: t, from: 0) != nil } }
    }

    /// `text` with each occurrence of `target` (left to right, not overlapping) replaced by `replacement`.
    static func replacing(_ target: String, with replacement: String, in text: String) -> String {
        guard !target.isEmpty else { return text }
        var text = text, target = target, replacement = replacement
        return text.withUTF8 { t in
            target.withUTF8 { p in
                guard var match = firstMatch(of: p, in: t, from: 0) else { return String(decoding: t, as: UTF8.self) }
                return replacement.withUTF8 { r in
                    var out: [UInt8] = []
                    out.reserveCapacity(t.count + r.count)
                    var start = 0
                    while true {
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: t[start..<match]))
                        out.append(contentsOf: r)
                        start = match + p.count
                        guard let next = firstMatch(of: p, in: t, from: start) else { break }
                        match = next
                    }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: t[start...]))
                    return String(decoding: out, as: UTF8.self)
                }
            }
        }
    }

    /// Where `part` (not empty) first occurs in `text` at or after `from`.
    private static func firstMatch(of part: UnsafeBufferPointer<UInt8>, in text: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard let first = part.first, let partBase = part.baseAddress, let textBase = text.baseAddress,
            part.count <= text.count
        else { return part.isEmpty ? from : nil }
        var i = from
        let last = text.count - part.count
        while i <= last {
            if text[i] == first && memcmp(textBase + i, partBase, part.count) == 0 { return i }
            i += 1
        }
        return nil
    }
}
