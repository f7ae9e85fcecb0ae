// Shared helpers for benchmark subcommands.

/// Fast deterministic PRNG (SplitMix64) so runs are reproducible.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Runs `body` `repetitions` times and returns the best wall-clock time in seconds with the
/// last result (returned so the optimizer cannot drop the work).
func bestOf<R>(_ repetitions: Int, _ body: () -> R) -> (seconds: Double, result: R) {
    var best = Double.infinity
    var result: R? = nil
    let clock = ContinuousClock()
    for _ in 0..<repetitions {
        let start = clock.now
        let r = body()
        let elapsed = clock.now - start
        let s = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        best = min(best, s)
        result = r
    }
    return (best, result!)
}

/// Prevents the optimizer from treating a value as unused.
@inline(never)
func blackHole<T>(_ value: T) {
    withExtendedLifetime(value) {}
}

/// Formats a plain-text two-column table.
func printTable(_ title: String, _ rows: [(String, String)]) {
    let width = rows.map(\.0.count).max() ?? 0
    print(title)
    print(String(repeating: "-", count: title.count))
    for (key, value) in rows {
        print(key + String(repeating: " ", count: width - key.count) + "  " + value)
    }
}

func formatMs(_ seconds: Double) -> String {
    let ms = seconds * 1000
    return ms < 10 ? "\(Double(Int(ms * 1000)) / 1000) ms" : "\(Double(Int(ms * 10)) / 10) ms"
}

func formatRate(_ perSecond: Double) -> String {
    "\(Double(Int(perSecond / 10_000)) / 100) M/s"
}
