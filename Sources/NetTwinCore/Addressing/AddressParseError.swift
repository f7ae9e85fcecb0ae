/// An error thrown when parsing an IP address or CIDR prefix from text fails.
///
/// Messages follow the style of Azure's `InvalidCIDRNotation` errors: they are lowercase,
/// name the offending input in single quotes and, for prefixes with host bits set, suggest
/// the canonical network ("... is not a valid CIDR, did you mean 10.0.0.0/24").
public struct AddressParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Equatable, Sendable {
        /// The input was empty (or only whitespace).
        case empty
        /// The address part is not a valid address of any family.
        case invalidAddress
        /// The part after `/` is not a decimal number in range for the family.
        case invalidPrefixLength
        /// The address has bits set beyond the prefix length; `canonical` is the network prefix
        /// obtained by clearing them (for example `"10.0.0.0/24"` for `"10.0.0.1/24"`).
        case hostBitsSet(canonical: String)
        /// The input is a valid address or prefix, but of the other IP family.
        case wrongFamily
    }

    /// What went wrong.
    public var kind: Kind
    /// The text that failed to parse, verbatim.
    public var input: String

    /// Creates an error of the given kind for `input`.
    public init(_ kind: Kind, input: String) {
        self.kind = kind
        self.input = input
    }

    /// A lowercase, human-readable message naming the input in quotes.
    public var description: String {
        switch kind {
        case .empty:
            return "'\(input)' is empty; expected an ip address or cidr prefix"
        case .invalidAddress:
            return "'\(input)' is not a valid ip address or cidr prefix"
        case .invalidPrefixLength:
            return "'\(input)' has an invalid prefix length; expected 0-32 for ipv4 or 0-128 for ipv6"
        case .hostBitsSet(let canonical):
            return "'\(input)' has host bits set; the network is '\(canonical)'"
        case .wrongFamily:
            return "'\(input)' is of the wrong address family here"
        }
    }
}

/// Internal error wrapper used by the allocation-free parsers before the input is known as a String.
struct ParseFailure: Error {
    let kind: AddressParseError.Kind
    init(_ kind: AddressParseError.Kind) { self.kind = kind }
}
