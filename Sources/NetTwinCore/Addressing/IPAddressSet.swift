/// A set of IPv4 and IPv6 addresses: one canonical set per family.
public struct IPAddressSet: Hashable, Sendable, CustomStringConvertible {
    /// The IPv4 part.
    public var v4: IPv4AddressSet
    /// The IPv6 part.
    public var v6: IPv6AddressSet

    /// The empty set.
    public static let empty = IPAddressSet()
    /// Every IPv4 and every IPv6 address.
    public static let all = IPAddressSet(v4: .all, v6: .all)

    /// The empty set.
    public init() {
        self.v4 = .empty
        self.v6 = .empty
    }

    /// Combines per-family sets.
    public init(v4: IPv4AddressSet, v6: IPv6AddressSet) {
        self.v4 = v4
        self.v6 = v6
    }

    /// The union of prefixes of both families (each family sorted and merged in one pass).
    public init(prefixes: some Sequence<IPPrefix>) {
        var r4: [ClosedRange<UInt32>] = []
        var r6: [ClosedRange<UInt128>] = []
        r4.reserveCapacity(prefixes.underestimatedCount)
        for prefix in prefixes {
            switch prefix {
            case .v4(let p): r4.append(p.range)
            case .v6(let p): r6.append(p.range)
            }
        }
        self.v4 = IPv4AddressSet(ranges: r4)
        self.v6 = IPv6AddressSet(ranges: r6)
    }

    /// A single address.
    public init(_ address: IPAddress) {
        self.init()
        switch address {
        case .v4(let a): v4 = IPv4AddressSet(a)
        case .v6(let a): v6 = IPv6AddressSet(a)
        }
    }

    /// The addresses of one prefix.
    public init(_ prefix: IPPrefix) {
        self.init(prefixes: [prefix])
    }

    public var isEmpty: Bool { v4.isEmpty && v6.isEmpty }

    public func contains(_ address: IPAddress) -> Bool {
        switch address {
        case .v4(let a): return v4.contains(a)
        case .v6(let a): return v6.contains(a)
        }
    }

    public func union(_ other: IPAddressSet) -> IPAddressSet {
        IPAddressSet(v4: v4.union(other.v4), v6: v6.union(other.v6))
    }

    public func intersection(_ other: IPAddressSet) -> IPAddressSet {
        IPAddressSet(v4: v4.intersection(other.v4), v6: v6.intersection(other.v6))
    }

    public func subtracting(_ other: IPAddressSet) -> IPAddressSet {
        IPAddressSet(v4: v4.subtracting(other.v4), v6: v6.subtracting(other.v6))
    }

    /// Complement within both address families.
    public var complement: IPAddressSet {
        IPAddressSet(v4: v4.complement, v6: v6.complement)
    }

    public mutating func formUnion(_ other: IPAddressSet) { self = union(other) }
    public mutating func formIntersection(_ other: IPAddressSet) { self = intersection(other) }
    public mutating func subtract(_ other: IPAddressSet) { self = subtracting(other) }

    public func isSuperset(of other: IPAddressSet) -> Bool {
        v4.isSuperset(of: other.v4) && v6.isSuperset(of: other.v6)
    }

    public func isSubset(of other: IPAddressSet) -> Bool { other.isSuperset(of: self) }

    public func isDisjoint(with other: IPAddressSet) -> Bool {
        v4.isDisjoint(with: other.v4) && v6.isDisjoint(with: other.v6)
    }

    /// Minimal CIDR cover: IPv4 prefixes ascending, then IPv6 prefixes ascending.
    public var prefixes: [IPPrefix] {
        v4.prefixes.map { .v4($0) } + v6.prefixes.map { .v6($0) }
    }

    /// Comma-separated minimal prefixes (IPv4 first); `""` if empty.
    public var description: String {
        prefixes.map(\.description).joined(separator: ",")
    }
}
