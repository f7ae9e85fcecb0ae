/// A set of IP protocols that NSG rules can match.
public struct ProtocolSet: OptionSet, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt8

    public init(rawValue: UInt8) {
        self.rawValue = rawValue & 0x1F
    }

    public static let tcp = ProtocolSet(rawValue: 1 << 0)
    public static let udp = ProtocolSet(rawValue: 1 << 1)
    public static let icmp = ProtocolSet(rawValue: 1 << 2)
    public static let esp = ProtocolSet(rawValue: 1 << 3)
    public static let ah = ProtocolSet(rawValue: 1 << 4)
    /// Every protocol: NSG `"*"`, shown as "Any" in the portal and "All" by Network Watcher.
    public static let any: ProtocolSet = [.tcp, .udp, .icmp, .esp, .ah]

    private static let names: [(ProtocolSet, String)] = [
        (.tcp, "Tcp"), (.udp, "Udp"), (.icmp, "Icmp"), (.esp, "Esp"), (.ah, "Ah"),
    ]

    /// Parses an NSG rule `protocol` value, case-insensitively: `"Tcp"`, `"Udp"`, `"Icmp"`,
    /// `"Esp"`, `"Ah"`, or `"*"` / `"Any"` (all). Returns nil for anything else.
    public init?(nsgProtocol: String) {
        switch nsgProtocol.lowercased() {
        case "tcp": self = .tcp
        case "udp": self = .udp
        case "icmp": self = .icmp
        case "esp": self = .esp
        case "ah": self = .ah
        case "*", "any": self = .any
        default: return nil
        }
    }

    /// The name Network Watcher's effective security rules use: `"All"` for `.any`, `"Tcp"`,
    /// `"Udp"`, `"Icmp"`, `"Esp"`, `"Ah"` for single protocols; other combinations are joined
    /// with `","` (for example `"Tcp,Udp"`), and the empty set is `""`.
    public var networkWatcherName: String {
        if self == .any { return "All" }
        return ProtocolSet.names.filter { contains($0.0) }.map(\.1).joined(separator: ",")
    }

    /// Same as `networkWatcherName`.
    public var description: String { networkWatcherName }
}
