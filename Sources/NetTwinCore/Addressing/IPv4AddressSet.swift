/// An arbitrary set of IPv4 addresses.
///
/// Stored canonically as sorted, disjoint, non-adjacent closed ranges, so `==` is set equality
/// and `hashValue` agrees with it. All set operations are linear merges over the range arrays.
public struct IPv4AddressSet: Hashable, Sendable, CustomStringConvertible {
    /// Canonical ranges: sorted ascending, disjoint and non-adjacent.
    public private(set) var ranges: [ClosedRange<UInt32>]

    typealias Algebra = RangeAlgebra<UInt32>

    private init(canonical ranges: [ClosedRange<UInt32>]) {
        self.ranges = ranges
    }

    /// The empty set.
    public static let empty = IPv4AddressSet()
    /// Every IPv4 address (`0.0.0.0/0`).
    public static let all = IPv4AddressSet(canonical: [0...UInt32.max])

    /// The empty set.
    public init() {
        self.ranges = []
    }

    /// The addresses of one prefix.
    public init(_ prefix: IPv4Prefix) {
        self.ranges = [prefix.range]
    }

    /// The union of many prefixes (sorted and merged in one pass; O(n log n)).
    public init(_ prefixes: some Sequence<IPv4Prefix>) {
        self.ranges = Algebra.normalize(prefixes.map(\.range))
    }

    /// The union of arbitrary (possibly overlapping, unsorted) ranges.
    public init(ranges: some Sequence<ClosedRange<UInt32>>) {
        self.ranges = Algebra.normalize(Array(ranges))
    }

    /// A single address.
    public init(_ address: IPv4Address) {
        self.ranges = [address.value...address.value]
    }

    /// Whether the set has no addresses.
    public var isEmpty: Bool { ranges.isEmpty }

    /// The number of addresses, 0...2^32.
    public var addressCount: UInt64 {
        ranges.reduce(0) { $0 + UInt64($1.upperBound - $1.lowerBound) + 1 }
    }

    /// Membership by binary search over the ranges.
    public func contains(_ address: IPv4Address) -> Bool {
        Algebra.contains(ranges, address.value)
    }

    /// Whether every address of `prefix` is in the set.
    public func contains(_ prefix: IPv4Prefix) -> Bool {
        Algebra.isSuperset(ranges, of: [prefix.range])
    }

    public func union(_ other: IPv4AddressSet) -> IPv4AddressSet {
        IPv4AddressSet(canonical: Algebra.union(ranges, other.ranges))
    }

    public func intersection(_ other: IPv4AddressSet) -> IPv4AddressSet {
        IPv4AddressSet(canonical: Algebra.intersection(ranges, other.ranges))
    }

    public func subtracting(_ other: IPv4AddressSet) -> IPv4AddressSet {
        IPv4AddressSet(canonical: Algebra.subtracting(ranges, other.ranges))
    }

    /// Addresses in exactly one of the two sets.
    public func symmetricDifference(_ other: IPv4AddressSet) -> IPv4AddressSet {
        subtracting(other).union(other.subtracting(self))
    }

    /// Every IPv4 address not in the set.
    public var complement: IPv4AddressSet {
        IPv4AddressSet(canonical: Algebra.complement(ranges))
    }

    public mutating func formUnion(_ other: IPv4AddressSet) { self = union(other) }
    public mutating func formIntersection(_ other: IPv4AddressSet) { self = intersection(other) }
    public mutating func subtract(_ other: IPv4AddressSet) { self = subtracting(other) }

    public func isSuperset(of other: IPv4AddressSet) -> Bool { Algebra.isSuperset(ranges, of: other.ranges) }
    public func isSubset(of other: IPv4AddressSet) -> Bool { Algebra.isSuperset(other.ranges, of: ranges) }
    public func isDisjoint(with other: IPv4AddressSet) -> Bool { Algebra.isDisjoint(ranges, other.ranges) }

    /// The minimal CIDR cover (exactly the set, fewest prefixes), ascending.
    public var prefixes: [IPv4Prefix] {
        Algebra.cidrBlocks(ranges).map { IPv4Prefix(containing: IPv4Address($0.network), length: 32 - $0.hostBits) }
    }

    /// Comma-separated minimal prefixes without spaces (`"10.0.0.0/8,192.168.0.0/16"`); `""` if empty.
    public var description: String {
        prefixes.map(\.description).joined(separator: ",")
    }
}
