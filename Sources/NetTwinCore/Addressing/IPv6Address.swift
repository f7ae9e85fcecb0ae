/// An IPv6 address, stored as a 128-bit integer (most significant group first).
public struct IPv6Address: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The address as a 128-bit integer.
    public var value: UInt128

    /// Creates an address from its 128-bit integer value.
    @inlinable
    public init(_ value: UInt128) {
        self.value = value
    }

    /// Creates an address from eight 16-bit groups, most significant first.
    public init(groups: [UInt16]) {
        precondition(groups.count == 8, "an IPv6 address has exactly 8 groups")
        var v: UInt128 = 0
        for g in groups { v = v << 16 | UInt128(g) }
        self.value = v
    }

    /// The IPv4-mapped IPv6 address `::ffff:a.b.c.d` (RFC 4291 §2.5.5.2).
    public init(ipv4Mapped address: IPv4Address) {
        self.value = UInt128(0xFFFF) << 32 | UInt128(address.value)
    }

    /// Parses the text forms of RFC 4291 §2.2: eight groups of 1-4 hex digits, one optional `::`
    /// standing for one or more zero groups, and an optional embedded dotted-quad IPv4 tail
    /// (`"::ffff:1.2.3.4"`). Case-insensitive. Zone identifiers (`%eth0`), brackets and
    /// whitespace are rejected.
    public init?(_ text: some StringProtocol) {
        let parsed = withUTF8Bytes(text) { IPv6Address.parse($0, 0, $0.count) }
        guard let parsed else { return nil }
        self.value = parsed
    }

    /// RFC 4291 §2.2 parser over `p[from..<to]`.
    static func parse(_ p: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> UInt128? {
        guard to - from >= 2 else { return nil }
        var i = from
        var head: UInt128 = 0
        var headCount = 0
        var tail: UInt128 = 0
        var tailCount = 0
        var sawDoubleColon = false
        if p[i] == ASCII.colon {
            guard p[i + 1] == ASCII.colon else { return nil }
            sawDoubleColon = true
            i += 2
            if i == to { return 0 }
        }
        while true {
            // One group: 1-4 hex digits, or a dotted-quad IPv4 tail.
            let start = i
            var group: UInt128 = 0
            while i < to, let h = ASCII.hexValue(p[i]) {
                group = group << 4 | UInt128(h)
                i += 1
                if i - start > 4 { return nil }
            }
            if i < to, p[i] == ASCII.dot {
                guard headCount + tailCount <= 6, let v4 = IPv4Address.parse(p, start, to) else { return nil }
                if sawDoubleColon {
                    tail = tail << 32 | UInt128(v4)
                    tailCount += 2
                } else {
                    head = head << 32 | UInt128(v4)
                    headCount += 2
                }
                break
            }
            guard i > start else { return nil }
            if sawDoubleColon {
                tail = tail << 16 | group
                tailCount += 1
            } else {
                head = head << 16 | group
                headCount += 1
            }
            guard headCount + tailCount <= 8 else { return nil }
            if i == to { break }
            guard p[i] == ASCII.colon else { return nil }
            i += 1
            guard i < to else { return nil }  // trailing single colon
            if p[i] == ASCII.colon {
                guard !sawDoubleColon else { return nil }
                sawDoubleColon = true
                i += 1
                if i == to { break }
            }
        }
        let total = headCount + tailCount
        if sawDoubleColon {
            guard total <= 7 else { return nil }
        } else {
            guard total == 8 else { return nil }
        }
        let headValue = headCount == 0 ? 0 : head << UInt128(16 * (8 - headCount))
        return headValue | tail
    }

    /// The eight 16-bit groups, most significant first.
    public var groups: [UInt16] {
        (0..<8).map { UInt16(truncatingIfNeeded: value >> UInt128(16 * (7 - $0))) }
    }

    /// If this is an IPv4-mapped address (`::ffff:0:0/96`), the embedded IPv4 address.
    public var ipv4Mapped: IPv4Address? {
        value >> 32 == 0xFFFF ? IPv4Address(UInt32(truncatingIfNeeded: value)) : nil
    }

    /// RFC 5952 canonical text: lowercase hex without leading zeros, the longest run of two or
    /// more zero groups compressed to `::` (the leftmost one on ties), and IPv4-mapped addresses
    /// printed with a dotted-quad tail (`::ffff:192.0.2.1`, RFC 5952 §5).
    public var description: String {
        if let mapped = ipv4Mapped {
            return "::ffff:" + mapped.description
        }
        let g = groups
        var bestStart = -1
        var bestLength = 1  // runs must be >= 2 to be compressed (RFC 5952 §4.2.2)
        var runStart = -1
        for index in 0...8 {
            if index < 8 && g[index] == 0 {
                if runStart < 0 { runStart = index }
            } else if runStart >= 0 {
                let length = index - runStart
                if length > bestLength {
                    bestStart = runStart
                    bestLength = length
                }
                runStart = -1
            }
        }
        var text = ""
        text.reserveCapacity(39)
        var index = 0
        while index < 8 {
            if index == bestStart {
                text += "::"
                index += bestLength
                continue
            }
            if !text.isEmpty && !text.hasSuffix(":") { text += ":" }
            text += String(g[index], radix: 16)
            index += 1
        }
        return text
    }

    @inlinable
    public static func < (lhs: IPv6Address, rhs: IPv6Address) -> Bool {
        lhs.value < rhs.value
    }

    /// `::`.
    public static let unspecified = IPv6Address(0)
    /// `::1`.
    public static let loopback = IPv6Address(1)
}
