/// An IPv4 or IPv6 address. All IPv4 addresses order before all IPv6 addresses.
public enum IPAddress: Hashable, Comparable, Sendable, CustomStringConvertible {
    case v4(IPv4Address)
    case v6(IPv6Address)

    /// Parses either family: text containing `:` is parsed as IPv6 (RFC 4291), anything else as a
    /// strict IPv4 dotted quad.
    public init?(_ text: some StringProtocol) {
        let parsed: IPAddress? = withUTF8Bytes(text) { p in
            if p.contains(ASCII.colon) {
                return IPv6Address.parse(p, 0, p.count).map { .v6(IPv6Address($0)) }
            }
            return IPv4Address.parse(p, 0, p.count).map { .v4(IPv4Address($0)) }
        }
        guard let parsed else { return nil }
        self = parsed
    }

    /// The IPv4 address, if this is one.
    public var v4: IPv4Address? {
        if case .v4(let a) = self { return a }
        return nil
    }

    /// The IPv6 address, if this is one.
    public var v6: IPv6Address? {
        if case .v6(let a) = self { return a }
        return nil
    }

    /// Dotted quad for IPv4, RFC 5952 form for IPv6.
    public var description: String {
        switch self {
        case .v4(let a): return a.description
        case .v6(let a): return a.description
        }
    }

    public static func < (lhs: IPAddress, rhs: IPAddress) -> Bool {
        switch (lhs, rhs) {
        case (.v4(let a), .v4(let b)): return a < b
        case (.v6(let a), .v6(let b)): return a < b
        case (.v4, .v6): return true
        case (.v6, .v4): return false
        }
    }
}
