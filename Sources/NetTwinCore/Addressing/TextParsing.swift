// Internal helpers shared by the address, prefix and port parsers.
// They work on raw UTF-8 bytes so that parsing stays allocation-free for native strings.

@usableFromInline
enum ASCII {
    static let zero: UInt8 = 0x30
    static let nine: UInt8 = 0x39
    static let dot: UInt8 = 0x2E
    static let colon: UInt8 = 0x3A
    static let slash: UInt8 = 0x2F
    static let dash: UInt8 = 0x2D
    static let comma: UInt8 = 0x2C
    static let star: UInt8 = 0x2A
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09

    @inline(__always)
    static func isDigit(_ c: UInt8) -> Bool { c &- zero < 10 }

    @inline(__always)
    static func isSpace(_ c: UInt8) -> Bool { c == space || c == tab || c == 0x0A || c == 0x0D }

    /// Value of a hexadecimal digit, or nil.
    @inline(__always)
    static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: return c &- 0x30
        case 0x61...0x66: return c &- 0x61 &+ 10
        case 0x41...0x46: return c &- 0x41 &+ 10
        default: return nil
        }
    }
}

/// Calls `body` with the UTF-8 bytes of `text`, copying only when the storage is not contiguous.
@inline(__always)
func withUTF8Bytes<S: StringProtocol, R>(_ text: S, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    if let result = text.utf8.withContiguousStorageIfAvailable(body) {
        return result
    }
    let copy = Array(text.utf8)
    return copy.withUnsafeBufferPointer(body)
}

/// Parses a strict unsigned decimal (no sign, no leading zeros except "0" itself) in `p[from..<to]`.
/// Returns nil if empty, malformed or greater than `limit`.
@inline(__always)
func parseStrictDecimal(_ p: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int, limit: Int) -> Int? {
    guard from < to, to - from <= 6 else { return nil }
    if p[from] == ASCII.zero && to - from > 1 { return nil }
    var n = 0
    var i = from
    while i < to {
        let c = p[i]
        guard ASCII.isDigit(c) else { return nil }
        n = n * 10 + Int(c &- ASCII.zero)
        i += 1
    }
    return n <= limit ? n : nil
}
