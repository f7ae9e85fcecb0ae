/// A security rule with its addresses resolved to exact sets for one place in the network
/// (service tags, the `VirtualNetwork` tag of that subnet, application security groups).
public struct CompiledSecurityRule: Sendable, Hashable {
    public var rule: SecurityRule
    public var networkSecurityGroup: ResourceID
    public var sourceAddresses: IPAddressSet
    public var destinationAddresses: IPAddressSet
    /// Tags or groups that could not be resolved (they match nothing), for explanations.
    public var unresolved: [String]

    /// `securityRules/NAME` or `defaultSecurityRules/NAME`, as IP flow verify reports it.
    public var qualifiedName: String { (rule.isDefault ? "defaultSecurityRules/" : "securityRules/") + rule.name }

    /// Whether each part of the rule matches a packet, for explanations.
    public struct Match: Hashable, Sendable {
        public var `protocol`: Bool
        public var sourceAddress: Bool
        public var sourcePort: Bool
        public var destinationAddress: Bool
        public var destinationPort: Bool
        public var all: Bool { self.protocol && sourceAddress && sourcePort && destinationAddress && destinationPort }
    }

    public func match(_ flow: Flow) -> Match {
        Match(
            protocol: rule.protocols.contains(flow.protocol),
            sourceAddress: sourceAddresses.contains(flow.source),
            sourcePort: rule.sourcePorts.contains(flow.sourcePort),
            destinationAddress: destinationAddresses.contains(flow.destination),
            destinationPort: rule.destinationPorts.contains(flow.destinationPort))
    }

    public func matches(_ flow: Flow) -> Bool {
        rule.protocols.contains(flow.protocol) && rule.destinationPorts.contains(flow.destinationPort)
            && rule.sourcePorts.contains(flow.sourcePort) && destinationAddresses.contains(flow.destination)
            && sourceAddresses.contains(flow.source)
    }
}

/// A packet's 5-tuple as NSGs see it: source and destination as sent (inbound after DNAT).
public struct Flow: Hashable, Sendable, CustomStringConvertible {
    public var `protocol`: ProtocolSet
    public var source: IPAddress
    public var sourcePort: UInt16
    public var destination: IPAddress
    public var destinationPort: UInt16

    public init(protocol: ProtocolSet, source: IPAddress, sourcePort: UInt16, destination: IPAddress, destinationPort: UInt16) {
        self.protocol = `protocol`
        self.source = source
        self.sourcePort = sourcePort
        self.destination = destination
        self.destinationPort = destinationPort
    }

    public var description: String { "\(self.protocol) \(source):\(sourcePort) -> \(destination):\(destinationPort)" }
}
