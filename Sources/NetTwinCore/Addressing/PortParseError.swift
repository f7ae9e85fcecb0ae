/// An error thrown when an NSG port or port range cannot be parsed.
public struct PortParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text that failed to parse.
    public var input: String
    /// Lowercase explanation, e.g. `"start port 2000 is greater than end port 1000"`.
    public var reason: String

    public init(input: String, reason: String) {
        self.input = input
        self.reason = reason
    }

    /// `"'2000-1000' is not a valid port or port range: start port 2000 is greater than end port 1000"`.
    public var description: String {
        "'\(input)' is not a valid port or port range: \(reason)"
    }
}
