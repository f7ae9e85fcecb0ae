/// An arbitrary set of IPv6 addresses.
///
/// Stored canonically as sorted, disjoint, non-adjacent closed ranges, so `==` is set equality
/// and `hashValue` agrees with it. All set operations are linear merges over the range arrays.
public struct IPv6AddressSet: Hashable, Sendable, CustomStringConvertible {
    /// Canonical ranges: sorted ascending, disjoint and non-adjacent.
    public private(set) var ranges: [ClosedRange<UInt128>]

    typealias Algebra = RangeAlgebra<UInt128>

    private init(canonical ranges: [ClosedRange<UInt128>]) {
        self.ranges = ranges
    }

    /// The empty set.
    public static let empty = IPv6AddressSet()
    /// Every IPv6 address (`::/0`).
    public static let all = IPv6AddressSet(canonical: [0...UInt128.max])

    /// The empty set.
    public init() {
        self.ranges = []
    }

    /// The addresses of one prefix.
    public init(_ prefix: IPv6Prefix) {
        self.ranges = [prefix.range]
    }

    /// The union of many prefixes (sorted and merged in one pass; O(n log n)).
    public init(_ prefixes: some Sequence<IPv6Prefix>) {
        self.ranges = Algebra.normalize(prefixes.map(\.range))
    }

    /// The union of arbitrary (possibly overlapping, unsorted) ranges.
    public init(ranges: some Sequence<ClosedRange<UInt128>>) {
        self.ranges = Algebra.normalize(Array(ranges))
    }

    /// A single address.
    public init(_ address: IPv6Address) {
        self.ranges = [address.value...address.value]
    }

    /// Whether the set has no addresses.
    public var isEmpty: Bool { ranges.isEmpty }

    /// The exact number of addresses, 0...2^128.
    public var addressCount: IPv6AddressCount {
        ranges.reduce(IPv6AddressCount(0)) { $0 + IPv6AddressCount(rangeFrom: $1.lowerBound, through: $1.upperBound) }
    }

    /// Membership by binary search over the ranges.
    public func contains(_ address: IPv6Address) -> Bool {
        Algebra.contains(ranges, address.value)
    }

    /// Whether every address of `prefix` is in the set.
    public func contains(_ prefix: IPv6Prefix) -> Bool {
        Algebra.isSuperset(ranges, of: [prefix.range])
    }

    public func union(_ other: IPv6AddressSet) -> IPv6AddressSet {
        IPv6AddressSet(canonical: Algebra.union(ranges, other.ranges))
    }

    public func intersection(_ other: IPv6AddressSet) -> IPv6AddressSet {
        IPv6AddressSet(canonical: Algebra.intersection(ranges, other.ranges))
    }

    public func subtracting(_ other: IPv6AddressSet) -> IPv6AddressSet {
        IPv6AddressSet(canonical: Algebra.subtracting(ranges, other.ranges))
    }

    /// Addresses in exactly one of the two sets.
    public func symmetricDifference(_ other: IPv6AddressSet) -> IPv6AddressSet {
        subtracting(other).union(other.subtracting(self))
    }

    /// Every IPv6 address not in the set.
    public var complement: IPv6AddressSet {
        IPv6AddressSet(canonical: Algebra.complement(ranges))
    }

    public mutating func formUnion(_ other: IPv6AddressSet) { self = union(other) }
    public mutating func formIntersection(_ other: IPv6AddressSet) { self = intersection(other) }
    public mutating func subtract(_ other: IPv6AddressSet) { self = subtracting(other) }

    public func isSuperset(of other: IPv6AddressSet) -> Bool { Algebra.isSuperset(ranges, of: other.ranges) }
    public func isSubset(of other: IPv6AddressSet) -> Bool { Algebra.isSuperset(other.ranges, of: ranges) }
    public func isDisjoint(with other: IPv6AddressSet) -> Bool { Algebra.isDisjoint(ranges, other.ranges) }

    /// The minimal CIDR cover (exactly the set, fewest prefixes), ascending.
    public var prefixes: [IPv6Prefix] {
        Algebra.cidrBlocks(ranges).map { IPv6Prefix(containing: IPv6Address($0.network), length: 128 - $0.hostBits) }
    }

    /// Comma-separated minimal prefixes without spaces (`"2001:db8::/32,fd00::/8"`); `""` if empty.
    public var description: String {
        prefixes.map(\.description).joined(separator: ",")
    }
}
