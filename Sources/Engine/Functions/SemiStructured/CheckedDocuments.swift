// CheckedDocuments: the documents a connection's `->` has lately found to be strict, compact JSON
// (CompactJSON.read), kept byte for byte so that the same document coming again is only searched
// (CompactJSON.select), not checked again. A MERGE reads each source row's key (`s.raw:id`) and
// then, as it inserts the row, SQLite computes the lookup index's entry from the same document:
// with one remembered document the second reading missed for all but a page's last row, and the
// check is most of a `->`. A document counts as seen only when its bytes equal the remembered
// ones (a fingerprint of every byte finds the candidate, memcmp decides), so a change of a single
// byte is a new document.
//
// Bounded: the last `capacity` documents at most, copied one after another into an arena of
// `arenaSize` bytes, the oldest making room for the newest. A document over `largestDocument`
// is not kept. One per connection, used only from inside its `->` and `sl_json_each`, which
// SQLite serializes.

import Foundation

struct CheckedDocuments: ~Copyable {
    static let capacity = 256
    static let arenaSize = 1 << 20
    static let largestDocument = arenaSize / 4

    private struct Entry {
        var offset: Int
        var count: Int
        var fingerprint: UInt64
    }

    private var arena: UnsafeMutableRawPointer?
    /// The documents remembered, a ring in arrival order: the newest is before `next`, and the
    /// `live` ones before it (cyclically) are remembered.
    private var entries: [Entry?] = []
    private var next = 0
    private var live = 0
    /// Where the newest document ends in the arena. Documents lie in arrival order, going back to
    /// the arena's start where the next would not fit, so the room a new one takes is always the
    /// oldest ones'.
    private var arenaEnd = 0
    /// Fingerprint → the entry that had it. An entry forgotten since may still be named here: a
    /// slot counts only while its entry has that fingerprint.
    private var slots: [UInt64: Int] = [:]

    init() {}

    deinit { arena?.deallocate() }

    /// How many documents are remembered.
    var count: Int { live }

    /// Whether exactly these bytes, whose fingerprint is `fingerprint`, were remembered.
    func contains(_ text: UnsafeBufferPointer<UInt8>, fingerprint: UInt64) -> Bool {
        guard let slot = slots[fingerprint], let entry = entries[slot], entry.fingerprint == fingerprint,
            entry.count == text.count, let arena
        else { return false }
        guard let other = text.baseAddress else { return true }
        return memcmp(arena + entry.offset, other, text.count) == 0
    }

    /// Remembers `text` (not remembered yet, its fingerprint `fingerprint`) as checked.
    mutating func insert(_ text: UnsafeBufferPointer<UInt8>, fingerprint: UInt64) {
        guard text.count <= Self.largestDocument else { return }
        if arena == nil {
            arena = .allocate(byteCount: Self.arenaSize, alignment: 16)
            entries = Array(repeating: nil, count: Self.capacity)
        }
        guard let arena else { return }
        if live == Self.capacity { forgetOldest() }
        // Going back to the start forgets first what lies past the newest (the lap before's).
        let wraps = arenaEnd + text.count > Self.arenaSize
        let start = wraps ? 0 : arenaEnd
        while let oldest = oldestEntry,
            (wraps && oldest.offset >= arenaEnd) || (oldest.offset < start + text.count && start < oldest.offset + oldest.count)
        {
            forgetOldest()
        }
        if slots.count >= 4 * Self.capacity {
            // Names of forgotten entries are dropped now and then, so that they stay few.
            slots = slots.filter { entries[$0.value]?.fingerprint == $0.key }
        }
        if let base = text.baseAddress { (arena + start).copyMemory(from: base, byteCount: text.count) }
        entries[next] = Entry(offset: start, count: text.count, fingerprint: fingerprint)
        slots[fingerprint] = next
        next = (next + 1) % Self.capacity
        live += 1
        arenaEnd = start + text.count
    }

    private var oldestEntry: Entry? {
        live == 0 ? nil : entries[(next - live + Self.capacity) % Self.capacity]
    }

    private mutating func forgetOldest() {
        entries[(next - live + Self.capacity) % Self.capacity] = nil
        live -= 1
    }

    /// Every eight bytes of the text and its length, mixed in four lanes. A few words sampled were
    /// not enough: a page's issues can share their length and most of their text (a generated
    /// page's do), and documents whose fingerprints collide replace each other.
    static func fingerprint(_ text: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let k0: UInt64 = 0x9E37_79B9_7F4A_7C15, k1: UInt64 = 0xBF58_476D_1CE4_E5B9, k2: UInt64 = 0x94D0_49BB_1331_11EB
        var lanes: (UInt64, UInt64, UInt64, UInt64) = (UInt64(text.count) &* k0, k1, k2, k0 ^ k1)
        guard let base = UnsafeRawPointer(text.baseAddress) else { return lanes.0 }
        func word(_ offset: Int) -> UInt64 { UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
        var offset = 0
        while offset + 32 <= text.count {
            lanes.0 = (lanes.0 ^ word(offset)) &* k1
            lanes.1 = (lanes.1 ^ word(offset + 8)) &* k1
            lanes.2 = (lanes.2 ^ word(offset + 16)) &* k1
            lanes.3 = (lanes.3 ^ word(offset + 24)) &* k1
            offset += 32
        }
        while offset + 8 <= text.count {
            lanes.0 = (lanes.0 ^ word(offset)) &* k2
            offset += 8
        }
        var tail: UInt64 = 0
        while offset < text.count {
            tail = tail << 8 | UInt64(text[offset])
            offset += 1
        }
        var hash = (lanes.0 ^ tail) &* k0
        hash = (hash ^ (lanes.1 >> 29) ^ lanes.1) &* k1
        hash = (hash ^ (lanes.2 >> 31) ^ lanes.2) &* k2
        hash = (hash ^ (lanes.3 >> 27) ^ lanes.3) &* k0
        return hash ^ (hash >> 32)
    }
}
