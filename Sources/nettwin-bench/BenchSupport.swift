// Shared helpers for benchmark subcommands.

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
