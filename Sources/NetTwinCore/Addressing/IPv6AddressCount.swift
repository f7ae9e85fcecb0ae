/// An exact count of IPv6 addresses, in `0...2^128`.
///
/// `UInt128` cannot hold 2^128 (the size of `::/0`), so this type adds one extra bit.
/// It is the type of `IPv6Prefix.addressCount` and `IPv6AddressSet.addressCount`.
public struct IPv6AddressCount: Hashable, Comparable, Sendable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    /// True only for the count 2^128 (in which case `low` is 0).
    public let isFullSpace: Bool
    /// The count modulo 2^128.
    public let low: UInt128

    /// A count that fits in `UInt128`.
    public init(_ value: UInt128) {
        self.isFullSpace = false
        self.low = value
    }

    public init(integerLiteral value: UInt64) {
        self.init(UInt128(value))
    }

    private init(fullSpace: Void) {
        self.isFullSpace = true
        self.low = 0
    }

    /// 2^128, the number of addresses in `::/0`.
    public static let fullSpace = IPv6AddressCount(fullSpace: ())

    /// The count as a `UInt128`, or nil for 2^128.
    public var exactValue: UInt128? { isFullSpace ? nil : low }

    /// The count as a (possibly rounded) `Double`.
    public var doubleValue: Double { isFullSpace ? 0x1p128 : Double(low) }

    /// The number of addresses in `lower...upper`.
    public init(rangeFrom lower: UInt128, through upper: UInt128) {
        precondition(lower <= upper)
        let span = upper - lower
        if span == .max {
            self = .fullSpace
        } else {
            self.init(span + 1)
        }
    }

    /// Exact addition; traps if the sum exceeds 2^128.
    public static func + (lhs: IPv6AddressCount, rhs: IPv6AddressCount) -> IPv6AddressCount {
        if lhs.isFullSpace {
            precondition(rhs == 0, "IPv6AddressCount overflow")
            return lhs
        }
        if rhs.isFullSpace {
            precondition(lhs == 0, "IPv6AddressCount overflow")
            return rhs
        }
        let (sum, overflow) = lhs.low.addingReportingOverflow(rhs.low)
        if overflow {
            precondition(sum == 0, "IPv6AddressCount overflow")
            return .fullSpace
        }
        return IPv6AddressCount(sum)
    }

    public static func += (lhs: inout IPv6AddressCount, rhs: IPv6AddressCount) {
        lhs = lhs + rhs
    }

    public static func < (lhs: IPv6AddressCount, rhs: IPv6AddressCount) -> Bool {
        if lhs.isFullSpace != rhs.isFullSpace { return rhs.isFullSpace }
        return lhs.low < rhs.low
    }

    /// Exact decimal text; 2^128 is `"340282366920938463463374607431768211456"`.
    public var description: String {
        isFullSpace ? "340282366920938463463374607431768211456" : low.description
    }
}
