// Stopwatch: the injected clock behind snowsql's `Time Elapsed` footer. The system one reads a
// monotonic clock; tests inject a frozen one so every footer reads `0.000s` and can be asserted
// exactly.

import Foundation

/// Measures how long a statement took. Tests inject a fixed one so footers read `0.000s`.
public struct Stopwatch: Sendable {
    /// Seconds on a monotonic clock.
    public var now: @Sendable () -> Double

    public init(now: @escaping @Sendable () -> Double) { self.now = now }

    public static let system = Stopwatch(now: {
        Double(DispatchTime.now().uptimeNanoseconds) / 1_000_000_000
    })

    /// A clock that never moves: every statement takes `0.000s`.
    public static let frozen = Stopwatch(now: { 0 })
}
