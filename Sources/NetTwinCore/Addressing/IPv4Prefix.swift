/// A canonical IPv4 CIDR prefix such as `10.0.0.0/24`: host bits are always zero.
///
/// Ordered by network address, then by length (so a prefix sorts before the more specific
/// prefixes it contains).
public struct IPv4Prefix: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The network address (all host bits clear).
    public let network: IPv4Address
    /// The prefix length, 0...32.
    public let length: Int

    /// The netmask for a prefix length in 0...32, as an integer (`/24` is `0xFFFF_FF00`).
    @inlinable
    public static func mask(length: Int) -> UInt32 {
        length == 0 ? 0 : UInt32.max << UInt32(32 - length)
    }

    /// Creates a prefix; nil if `length` is not in 0...32 or `network` has host bits set.
    public init?(network: IPv4Address, length: Int) {
        guard (0...32).contains(length), network.value & ~IPv4Prefix.mask(length: length) == 0 else {
            return nil
        }
        self.network = network
        self.length = length
    }

    /// The prefix of the given length containing `address` (host bits are cleared).
    /// - Precondition: `length` is in 0...32.
    public init(containing address: IPv4Address, length: Int) {
        precondition((0...32).contains(length), "IPv4 prefix length must be in 0...32")
        self.network = IPv4Address(address.value & IPv4Prefix.mask(length: length))
        self.length = length
    }

    /// Parses `"10.0.0.0/24"`; a bare address such as `"10.0.0.1"` is a `/32`.
    ///
    /// Throws `.empty`, `.invalidAddress`, `.invalidPrefixLength` (not a plain decimal in 0...32,
    /// leading zeros rejected), `.hostBitsSet(canonical:)` for `"10.0.0.1/24"` (canonical
    /// `"10.0.0.0/24"`, as Azure's `InvalidCIDRNotation` suggests), or `.wrongFamily` for IPv6 text.
    public init(parsing text: some StringProtocol) throws(AddressParseError) {
        let result = withUTF8Bytes(text) { IPv4Prefix.parse($0) }
        switch result {
        case .success(let prefix): self = prefix
        case .failure(let failure): throw AddressParseError(failure.kind, input: String(text))
        }
    }

    static func parse(_ p: UnsafeBufferPointer<UInt8>) -> Result<IPv4Prefix, ParseFailure> {
        if p.isEmpty { return .failure(ParseFailure(.empty)) }
        var slash = -1
        for i in 0..<p.count where p[i] == ASCII.slash {
            slash = i
            break
        }
        let addressEnd = slash < 0 ? p.count : slash
        guard let value = IPv4Address.parse(p, 0, addressEnd) else {
            if IPv6Address.parse(p, 0, addressEnd) != nil {
                return .failure(ParseFailure(.wrongFamily))
            }
            return .failure(ParseFailure(.invalidAddress))
        }
        var length = 32
        if slash >= 0 {
            guard let parsedLength = parseStrictDecimal(p, slash + 1, p.count, limit: 32) else {
                return .failure(ParseFailure(.invalidPrefixLength))
            }
            length = parsedLength
        }
        let address = IPv4Address(value)
        guard let prefix = IPv4Prefix(network: address, length: length) else {
            let canonical = IPv4Prefix(containing: address, length: length)
            return .failure(ParseFailure(.hostBitsSet(canonical: canonical.description)))
        }
        return .success(prefix)
    }

    /// The first (network) address.
    @inlinable
    public var first: IPv4Address { network }

    /// The last (broadcast) address.
    @inlinable
    public var last: IPv4Address { IPv4Address(network.value | ~IPv4Prefix.mask(length: length)) }

    /// The closed integer range of addresses.
    @inlinable
    public var range: ClosedRange<UInt32> { network.value...last.value }

    /// The number of addresses, 1...2^32.
    @inlinable
    public var addressCount: UInt64 { UInt64(1) << UInt64(32 - length) }

    /// The netmask as an address (`/24` is `255.255.255.0`).
    public var netmask: IPv4Address { IPv4Address(IPv4Prefix.mask(length: length)) }

    /// Whether `address` lies in this prefix.
    @inlinable
    public func contains(_ address: IPv4Address) -> Bool {
        address.value & IPv4Prefix.mask(length: length) == network.value
    }

    /// Whether `other` is equal to or more specific than, and inside, this prefix.
    @inlinable
    public func contains(_ other: IPv4Prefix) -> Bool {
        other.length >= length && contains(other.network)
    }

    /// Whether the two prefixes share any address (for CIDR prefixes: one contains the other).
    @inlinable
    public func overlaps(_ other: IPv4Prefix) -> Bool {
        contains(other) || other.contains(self)
    }

    /// `"10.0.0.0/24"`.
    public var description: String { "\(network)/\(length)" }

    public static func < (lhs: IPv4Prefix, rhs: IPv4Prefix) -> Bool {
        lhs.network != rhs.network ? lhs.network < rhs.network : lhs.length < rhs.length
    }

    /// `0.0.0.0/0`.
    public static let all = IPv4Prefix(containing: .any, length: 0)
}
