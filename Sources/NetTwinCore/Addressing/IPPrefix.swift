/// An IPv4 or IPv6 CIDR prefix. All IPv4 prefixes order before all IPv6 prefixes.
public enum IPPrefix: Hashable, Comparable, Sendable, CustomStringConvertible {
    case v4(IPv4Prefix)
    case v6(IPv6Prefix)

    /// Parses either family (text containing `:` is IPv6). A bare address is a host prefix.
    public init(parsing text: some StringProtocol) throws(AddressParseError) {
        let result: Result<IPPrefix, ParseFailure> = withUTF8Bytes(text) { p in
            if p.contains(ASCII.colon) {
                return IPv6Prefix.parse(p).map { .v6($0) }
            }
            return IPv4Prefix.parse(p).map { .v4($0) }
        }
        switch result {
        case .success(let prefix): self = prefix
        case .failure(let failure): throw AddressParseError(failure.kind, input: String(text))
        }
    }

    /// The host prefix (`/32` or `/128`) of an address.
    public init(_ address: IPAddress) {
        switch address {
        case .v4(let a): self = .v4(IPv4Prefix(containing: a, length: 32))
        case .v6(let a): self = .v6(IPv6Prefix(containing: a, length: 128))
        }
    }

    /// The prefix length.
    public var length: Int {
        switch self {
        case .v4(let p): return p.length
        case .v6(let p): return p.length
        }
    }

    /// The network address.
    public var network: IPAddress {
        switch self {
        case .v4(let p): return .v4(p.network)
        case .v6(let p): return .v6(p.network)
        }
    }

    /// Whether this is an IPv4 prefix.
    public var isIPv4: Bool {
        if case .v4 = self { return true }
        return false
    }

    /// Whether `address` lies in this prefix (always false across families).
    public func contains(_ address: IPAddress) -> Bool {
        switch (self, address) {
        case (.v4(let p), .v4(let a)): return p.contains(a)
        case (.v6(let p), .v6(let a)): return p.contains(a)
        default: return false
        }
    }

    /// Whether `other` lies inside this prefix (always false across families).
    public func contains(_ other: IPPrefix) -> Bool {
        switch (self, other) {
        case (.v4(let p), .v4(let q)): return p.contains(q)
        case (.v6(let p), .v6(let q)): return p.contains(q)
        default: return false
        }
    }

    /// Whether the prefixes share an address (always false across families).
    public func overlaps(_ other: IPPrefix) -> Bool {
        switch (self, other) {
        case (.v4(let p), .v4(let q)): return p.overlaps(q)
        case (.v6(let p), .v6(let q)): return p.overlaps(q)
        default: return false
        }
    }

    public var description: String {
        switch self {
        case .v4(let p): return p.description
        case .v6(let p): return p.description
        }
    }

    public static func < (lhs: IPPrefix, rhs: IPPrefix) -> Bool {
        switch (lhs, rhs) {
        case (.v4(let a), .v4(let b)): return a < b
        case (.v6(let a), .v6(let b)): return a < b
        case (.v4, .v6): return true
        case (.v6, .v4): return false
        }
    }
}
