/// An IPv4 address, stored as a host-order 32-bit integer (`10.0.0.1` is `0x0A00_0001`).
public struct IPv4Address: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The address as a 32-bit integer, most significant octet first.
    public var value: UInt32

    /// Creates an address from its 32-bit integer value.
    @inlinable
    public init(_ value: UInt32) {
        self.value = value
    }

    /// Creates an address from four octets, `a.b.c.d`.
    @inlinable
    public init(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) {
        self.value = UInt32(a) << 24 | UInt32(b) << 16 | UInt32(c) << 8 | UInt32(d)
    }

    /// Parses a strict dotted quad: exactly four decimal octets 0-255 separated by dots.
    ///
    /// Leading zeros (`"010.0.0.1"`, ambiguous octal in `inet_aton`), empty parts, signs,
    /// whitespace and any trailing characters are rejected.
    public init?(_ text: some StringProtocol) {
        let parsed = withUTF8Bytes(text) { IPv4Address.parse($0, 0, $0.count) }
        guard let parsed else { return nil }
        self.value = parsed
    }

    /// Strict dotted-quad parser over `p[from..<to]`.
    static func parse(_ p: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> UInt32? {
        var i = from
        var value: UInt32 = 0
        var octets = 0
        while true {
            let start = i
            var n: UInt32 = 0
            while i < to, ASCII.isDigit(p[i]), i - start < 3 {
                n = n * 10 + UInt32(p[i] &- ASCII.zero)
                i += 1
            }
            let length = i - start
            guard length > 0, n <= 255 else { return nil }
            if length > 1 && p[start] == ASCII.zero { return nil }
            value = value << 8 | n
            octets += 1
            if octets == 4 {
                return i == to ? value : nil
            }
            guard i < to, p[i] == ASCII.dot else { return nil }
            i += 1
        }
    }

    /// The four octets, most significant first.
    @inlinable
    public var octets: (UInt8, UInt8, UInt8, UInt8) {
        (UInt8(truncatingIfNeeded: value >> 24), UInt8(truncatingIfNeeded: value >> 16),
         UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value))
    }

    /// Dotted-quad text, for example `"10.0.0.1"`.
    public var description: String {
        let (a, b, c, d) = octets
        return "\(a).\(b).\(c).\(d)"
    }

    @inlinable
    public static func < (lhs: IPv4Address, rhs: IPv4Address) -> Bool {
        lhs.value < rhs.value
    }

    /// `0.0.0.0`.
    public static let any = IPv4Address(0)
    /// `255.255.255.255`.
    public static let broadcast = IPv4Address(UInt32.max)
}
