/// A canonical IPv6 CIDR prefix such as `2001:db8::/32`: host bits are always zero.
///
/// Ordered by network address, then by length. `addressCount` is an exact `IPv6AddressCount`
/// (able to represent 2^128 for `::/0`).
public struct IPv6Prefix: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The network address (all host bits clear).
    public let network: IPv6Address
    /// The prefix length, 0...128.
    public let length: Int

    /// The netmask for a prefix length in 0...128, as an integer.
    @inlinable
    public static func mask(length: Int) -> UInt128 {
        length == 0 ? 0 : UInt128.max << UInt128(128 - length)
    }

    /// Creates a prefix; nil if `length` is not in 0...128 or `network` has host bits set.
    public init?(network: IPv6Address, length: Int) {
        guard (0...128).contains(length), network.value & ~IPv6Prefix.mask(length: length) == 0 else {
            return nil
        }
        self.network = network
        self.length = length
    }

    /// The prefix of the given length containing `address` (host bits are cleared).
    /// - Precondition: `length` is in 0...128.
    public init(containing address: IPv6Address, length: Int) {
        precondition((0...128).contains(length), "IPv6 prefix length must be in 0...128")
        self.network = IPv6Address(address.value & IPv6Prefix.mask(length: length))
        self.length = length
    }

    /// Parses `"2001:db8::/32"`; a bare address is a `/128`. Errors as for `IPv4Prefix`;
    /// IPv4 text throws `.wrongFamily`.
    public init(parsing text: some StringProtocol) throws(AddressParseError) {
        let result = withUTF8Bytes(text) { IPv6Prefix.parse($0) }
        switch result {
        case .success(let prefix): self = prefix
        case .failure(let failure): throw AddressParseError(failure.kind, input: String(text))
        }
    }

    static func parse(_ p: UnsafeBufferPointer<UInt8>) -> Result<IPv6Prefix, ParseFailure> {
        if p.isEmpty { return .failure(ParseFailure(.empty)) }
        var slash = -1
        for i in 0..<p.count where p[i] == ASCII.slash {
            slash = i
            break
        }
        let addressEnd = slash < 0 ? p.count : slash
        guard let value = IPv6Address.parse(p, 0, addressEnd) else {
            if IPv4Address.parse(p, 0, addressEnd) != nil {
                return .failure(ParseFailure(.wrongFamily))
            }
            return .failure(ParseFailure(.invalidAddress))
        }
        var length = 128
        if slash >= 0 {
            guard let parsedLength = parseStrictDecimal(p, slash + 1, p.count, limit: 128) else {
                return .failure(ParseFailure(.invalidPrefixLength))
            }
            length = parsedLength
        }
        let address = IPv6Address(value)
        guard let prefix = IPv6Prefix(network: address, length: length) else {
            let canonical = IPv6Prefix(containing: address, length: length)
            return .failure(ParseFailure(.hostBitsSet(canonical: canonical.description)))
        }
        return .success(prefix)
    }

    /// The first (network) address.
    @inlinable
    public var first: IPv6Address { network }

    /// The last address.
    @inlinable
    public var last: IPv6Address { IPv6Address(network.value | ~IPv6Prefix.mask(length: length)) }

    /// The closed integer range of addresses.
    @inlinable
    public var range: ClosedRange<UInt128> { network.value...last.value }

    /// The exact number of addresses, 1...2^128.
    public var addressCount: IPv6AddressCount {
        length == 0 ? .fullSpace : IPv6AddressCount(UInt128(1) << UInt128(128 - length))
    }

    /// Whether `address` lies in this prefix.
    @inlinable
    public func contains(_ address: IPv6Address) -> Bool {
        address.value & IPv6Prefix.mask(length: length) == network.value
    }

    /// Whether `other` is equal to or more specific than, and inside, this prefix.
    @inlinable
    public func contains(_ other: IPv6Prefix) -> Bool {
        other.length >= length && contains(other.network)
    }

    /// Whether the two prefixes share any address.
    @inlinable
    public func overlaps(_ other: IPv6Prefix) -> Bool {
        contains(other) || other.contains(self)
    }

    /// `"2001:db8::/32"` (network in RFC 5952 form).
    public var description: String { "\(network)/\(length)" }

    public static func < (lhs: IPv6Prefix, rhs: IPv6Prefix) -> Bool {
        lhs.network != rhs.network ? lhs.network < rhs.network : lhs.length < rhs.length
    }

    /// `::/0`.
    public static let all = IPv6Prefix(containing: .unspecified, length: 0)
}
