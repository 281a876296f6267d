// SplitMix64: the generator's only source of randomness. A fixed seed gives the same stream on
// every platform and every run (Swift's own generators are seeded per process), so the workload
// is byte-identical from run to run.

struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// A generator for one derived stream: `seed` mixed with `parts`, so an issue's content
    /// depends on its index and version only, never on how many numbers were drawn before it.
    init(seed: UInt64, _ parts: UInt64...) {
        var mixer = SplitMix64(seed: seed)
        var s = mixer.next()
        for part in parts {
            mixer = SplitMix64(seed: s ^ (part &* 0x9E37_79B9_7F4A_7C15))
            s = mixer.next()
        }
        state = s
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in `0 ..< bound` (bound > 0); the modulo bias is irrelevant at these sizes.
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    /// Uniform in `range`.
    mutating func int(in range: ClosedRange<Int>) -> Int { range.lowerBound + below(range.count) }

    /// True with probability `percent` / 100.
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// `count` distinct values from `0 ..< bound`, in drawing order.
    mutating func distinct(_ count: Int, below bound: Int) -> [Int] {
        precondition(count <= bound)
        var chosen: [Int] = []
        var seen = Set<Int>()
        while chosen.count < count {
            let value = below(bound)
            if seen.insert(value).inserted { chosen.append(value) }
        }
        return chosen
    }
}
