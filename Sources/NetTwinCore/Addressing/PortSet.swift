/// A set of TCP/UDP ports (a subset of 0...65535), stored as canonical ranges
/// (sorted, disjoint, non-adjacent), so `==` is set equality.
public struct PortSet: Hashable, Sendable, CustomStringConvertible {
    /// Canonical ranges: sorted ascending, disjoint and non-adjacent.
    public private(set) var ranges: [ClosedRange<UInt16>]

    typealias Algebra = RangeAlgebra<UInt16>

    private init(canonical ranges: [ClosedRange<UInt16>]) {
        self.ranges = ranges
    }

    /// Every port, 0-65535 (NSG `"*"`).
    public static let all = PortSet(canonical: [0...UInt16.max])
    /// No ports.
    public static let empty = PortSet(canonical: [])

    /// The union of arbitrary ranges.
    public init(ranges: some Sequence<ClosedRange<UInt16>>) {
        self.ranges = Algebra.normalize(Array(ranges))
    }

    /// A single port.
    public init(_ port: UInt16) {
        self.ranges = [port...port]
    }

    /// Parses NSG port syntax: `"*"` (all ports), a single port `"80"`, or a range
    /// `"1000-2000"`. Surrounding whitespace is ignored; several entries may be separated by
    /// commas (`"80,443,1000-2000"`, the form `description` prints). Rejects empty entries,
    /// reversed ranges (`"2000-1000"`), ports above 65535, signs, leading zeros and other junk.
    public init(parsing text: some StringProtocol) throws(PortParseError) {
        let input = String(text)
        var result: [ClosedRange<UInt16>] = []
        for entry in input.split(separator: ",", omittingEmptySubsequences: false) {
            result.append(contentsOf: try PortSet.parseEntry(entry, input: input))
        }
        self.ranges = Algebra.normalize(result)
    }

    /// The union of several NSG port entries (augmented security rules'
    /// `destinationPortRanges`), each parsed as by `init(parsing:)`.
    public init(parsingList list: [String]) throws(PortParseError) {
        var result: [ClosedRange<UInt16>] = []
        for entry in list {
            result.append(contentsOf: try PortSet(parsing: entry).ranges)
        }
        self.ranges = Algebra.normalize(result)
    }

    private static func trim(_ s: Substring) -> Substring {
        var s = s
        while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" { s.removeLast() }
        return s
    }

    private static func parsePort(_ s: Substring, input: String) throws(PortParseError) -> UInt16 {
        guard !s.isEmpty else {
            throw PortParseError(input: input, reason: "a port number is missing")
        }
        guard s.utf8.allSatisfy(ASCII.isDigit) else {
            throw PortParseError(input: input, reason: "'\(s)' is not a decimal port number")
        }
        guard s.count == 1 || s.first != "0" else {
            throw PortParseError(input: input, reason: "port '\(s)' has a leading zero")
        }
        guard s.count <= 5, let value = Int(s), value <= 65535 else {
            throw PortParseError(input: input, reason: "port \(s) is out of range 0-65535")
        }
        return UInt16(value)
    }

    private static func parseEntry(_ raw: Substring, input: String) throws(PortParseError) -> [ClosedRange<UInt16>] {
        let entry = trim(raw)
        if entry.isEmpty {
            throw PortParseError(input: input, reason: "empty port entry")
        }
        if entry == "*" { return [0...UInt16.max] }
        let parts = entry.split(separator: "-", omittingEmptySubsequences: false)
        switch parts.count {
        case 1:
            let port = try parsePort(parts[0], input: input)
            return [port...port]
        case 2:
            let start = try parsePort(trim(parts[0]), input: input)
            let end = try parsePort(trim(parts[1]), input: input)
            guard start <= end else {
                throw PortParseError(input: input, reason: "start port \(start) is greater than end port \(end)")
            }
            return [start...end]
        default:
            throw PortParseError(input: input, reason: "expected '*', a port, or a range 'start-end'")
        }
    }

    public var isEmpty: Bool { ranges.isEmpty }

    /// The number of ports, 0...65536.
    public var count: Int {
        ranges.reduce(0) { $0 + Int($1.upperBound) - Int($1.lowerBound) + 1 }
    }

    public func contains(_ port: UInt16) -> Bool { Algebra.contains(ranges, port) }

    public func union(_ other: PortSet) -> PortSet { PortSet(canonical: Algebra.union(ranges, other.ranges)) }
    public func intersection(_ other: PortSet) -> PortSet { PortSet(canonical: Algebra.intersection(ranges, other.ranges)) }
    public func subtracting(_ other: PortSet) -> PortSet { PortSet(canonical: Algebra.subtracting(ranges, other.ranges)) }
    /// Ports in 0...65535 not in the set.
    public var complement: PortSet { PortSet(canonical: Algebra.complement(ranges)) }

    public mutating func formUnion(_ other: PortSet) { self = union(other) }
    public mutating func formIntersection(_ other: PortSet) { self = intersection(other) }
    public mutating func subtract(_ other: PortSet) { self = subtracting(other) }

    public func isSuperset(of other: PortSet) -> Bool { Algebra.isSuperset(ranges, of: other.ranges) }
    public func isSubset(of other: PortSet) -> Bool { Algebra.isSuperset(other.ranges, of: ranges) }
    public func isDisjoint(with other: PortSet) -> Bool { Algebra.isDisjoint(ranges, other.ranges) }

    /// `"0-65535"` for all ports (as Network Watcher prints it), `"80"`, `"80,443,1000-2000"`;
    /// `""` when empty.
    public var description: String {
        ranges.map { $0.lowerBound == $0.upperBound ? "\($0.lowerBound)" : "\($0.lowerBound)-\($0.upperBound)" }
            .joined(separator: ",")
    }
}
