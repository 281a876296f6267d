// FuzzRandom: the fuzz harness's random numbers. SplitMix64 — small, fast and the same on every
// machine — so that an input is a pure function of (seed, index): a crash found after an hour is
// replayed at once with `snowlite-fuzz --seed S --replay-index I`, and `make test` tries the same
// inputs on every run.

struct FuzzRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// The generator for input `index` of the campaign seeded with `seed`.
    init(seed: UInt64, index: UInt64) {
        var mixer = FuzzRandom(seed: seed ^ 0x5EED_F00D_0000_0000)
        for _ in 0..<2 { _ = mixer.next() }
        self.init(seed: mixer.next() &+ index &* 0x9E37_79B9_7F4A_7C15)
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in 0..<bound (bound > 0).
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    /// True with probability 1/n.
    mutating func oneIn(_ n: Int) -> Bool { below(n) == 0 }

    /// One element of a non-empty array.
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}
