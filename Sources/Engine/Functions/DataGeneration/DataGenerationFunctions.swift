// DataGenerationFunctions: the sf_* side of UNIFORM, RANDSTR, NORMAL, ZIPF and RANDOM(seed). Each is a
// pure function of its arguments: the generator value goes through SplitMix64's mixer, so nearby
// seeds and row numbers give unrelated values, and the same arguments always give the same value.

import Foundation
import GRDB

enum DataGenerationFunctions {
    static func install(in db: Database) {
        db.add(
            function: ScalarFunction("sf_uniform_integer", argumentCount: 3, pure: true) { values in
                guard let low = Int64.fromDatabaseValue(values[0]), let high = Int64.fromDatabaseValue(values[1]),
                    let generator = Int64.fromDatabaseValue(values[2])
                else { return nil }
                guard low <= high else { throw SnowflakeError.uniformBoundsReversed.encoded }
                let span = UInt64(bitPattern: high &- low) &+ 1  // 0 when the range is all 2^64 values
                let offset = span == 0 ? mix(generator) : mix(generator) % span
                return low &+ Int64(bitPattern: offset)
            })
        db.add(
            function: ScalarFunction("sf_uniform_float", argumentCount: 3, pure: true) { values in
                guard let low = Double.fromDatabaseValue(values[0]), let high = Double.fromDatabaseValue(values[1]),
                    let generator = Int64.fromDatabaseValue(values[2])
                else { return nil }
                guard low <= high else { throw SnowflakeError.uniformBoundsReversed.encoded }
                return low + (high - low) * unit(mix(generator))
            })
        db.add(
            function: ScalarFunction("sf_randstr", argumentCount: 2, pure: true) { values in
                guard let length = Int64.fromDatabaseValue(values[0]), let generator = Int64.fromDatabaseValue(values[1]) else { return nil }
                guard (0...Int64(StringLimits.maximumBytes)).contains(length) else { throw SnowflakeError.randstrLength(length).encoded }
                let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)
                var state = UInt64(bitPattern: generator)
                var bytes = [UInt8]()
                bytes.reserveCapacity(Int(length))
                for _ in 0..<length {
                    state &+= 0x9E37_79B9_7F4A_7C15
                    bytes.append(alphabet[Int(finalize(state) % UInt64(alphabet.count))])
                }
                return String(decoding: bytes, as: UTF8.self)
            })
        db.add(
            function: ScalarFunction("sf_normal", argumentCount: 3, pure: true) { values in
                guard let mean = Double.fromDatabaseValue(values[0]), let deviation = Double.fromDatabaseValue(values[1]),
                    let generator = Int64.fromDatabaseValue(values[2])
                else { return nil }
                // Box–Muller: two uniforms from the generator value, the first kept away from 0.
                let first = mix(generator)
                let u1 = (Double(first >> 11) + 1) / 9_007_199_254_740_993.0
                let u2 = unit(finalize(first))
                return mean + deviation * (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
            })
        let zipf = ZipfTables()
        db.add(
            function: ScalarFunction("sf_zipf", argumentCount: 3, pure: true) { values in
                guard let s = Double.fromDatabaseValue(values[0]), let n = Int64.fromDatabaseValue(values[1]),
                    let generator = Int64.fromDatabaseValue(values[2])
                else { return nil }
                guard s > 0, s.isFinite, (1...ZipfTables.largestN).contains(n) else { throw SnowflakeError.zipfArguments(s, n).encoded }
                return zipf.value(s: s, n: Int(n), unit: unit(mix(generator)))
            })
        db.add(
            function: ScalarFunction("sf_random_seeded", argumentCount: 2, pure: true) { values in
                guard let seed = Int64.fromDatabaseValue(values[0]), let row = Int64.fromDatabaseValue(values[1]) else { return nil }
                return Int64(bitPattern: finalize(mix(seed) &+ UInt64(bitPattern: row) &* 0x9E37_79B9_7F4A_7C15))
            })
    }

    /// SplitMix64: one step from `value`.
    static func mix(_ value: Int64) -> UInt64 { finalize(UInt64(bitPattern: value) &+ 0x9E37_79B9_7F4A_7C15) }

    static func finalize(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in [0, 1) from 53 bits.
    static func unit(_ bits: UInt64) -> Double { Double(bits >> 11) / 9_007_199_254_740_992.0 }
}

/// ZIPF's cumulative weights (k^-s for k in 1…n, summed and scaled to 1) for the (s, n) last asked,
/// so each row is a binary search rather than n powers. One per connection, guarded by a lock.
final class ZipfTables: @unchecked Sendable {
    /// The largest N: its table is 8 MB.
    static let largestN: Int64 = 1_000_000
    private let lock = NSLock()
    private var key: (s: Double, n: Int)?
    private var cumulative: [Double] = []

    /// The rank in 1…n whose cumulative weight first reaches `unit` (in [0, 1)).
    func value(s: Double, n: Int, unit: Double) -> Int64 {
        lock.lock()
        defer { lock.unlock() }
        if key?.s != s || key?.n != n {
            var sums = [Double](repeating: 0, count: n)
            var total = 0.0
            for k in 1...n {
                total += pow(Double(k), -s)
                sums[k - 1] = total
            }
            cumulative = sums.map { $0 / total }
            key = (s, n)
        }
        var (low, high) = (0, n - 1)
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] > unit { high = middle } else { low = middle + 1 }
        }
        return Int64(low + 1)
    }
}
