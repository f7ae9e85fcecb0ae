/// Azure Firewall, its rules (classic rule collections or a Firewall Policy) and IP Groups.
///
/// REST shapes: `azureFirewall.json` (`AzureFirewallNetworkRule`, `AzureFirewallApplicationRule`,
/// `AzureFirewallNatRule`), `firewallPolicy.json` (`FirewallPolicyRuleCollectionGroup`,
/// `FirewallPolicyFilterRuleCollection`, `NetworkRule`, `ApplicationRule`, `NatRule`) and `ipGroups.json`
/// in Azure/azure-rest-api-specs. Semantics: articles/firewall/rule-processing.md.

/// One entry of `sourceAddresses` / `destinationAddresses`: `*`, an address, a CIDR prefix, a range
/// `10.0.0.1-10.0.0.10`, or (destinations of network rules) a service tag.
public enum FirewallAddressItem: Hashable, Sendable, CustomStringConvertible {
    case any
    case addresses(IPAddressSet, text: String)
    case serviceTag(String)

    public var description: String {
        switch self {
        case .any: "*"
        case .addresses(_, let text): text
        case .serviceTag(let tag): tag
        }
    }
}

/// Where a rule's addresses come from: literal items and IP Groups.
public struct FirewallAddressMatch: Hashable, Sendable {
    public var items: [FirewallAddressItem]
    /// `sourceIpGroups` / `destinationIpGroups`: `Microsoft.Network/ipGroups` IDs.
    public var ipGroups: [ResourceID]
    /// `destinationFqdns` of network rules (resolved by the firewall's DNS; destinations only).
    public var fqdns: [String]

    public init(items: [FirewallAddressItem] = [], ipGroups: [ResourceID] = [], fqdns: [String] = []) {
        self.items = items
        self.ipGroups = ipGroups
        self.fqdns = fqdns
    }

    public var description: String {
        (items.map(\.description) + ipGroups.map { "ipGroup:\($0.name)" } + fqdns).joined(separator: ", ")
    }
}

/// A network rule: layer 4 (protocols, addresses, ports).
public struct FirewallNetworkRule: Hashable, Sendable {
    public var name: String
    /// `protocols` (classic) or `ipProtocols` (policy): TCP, UDP, ICMP, Any.
    public var protocols: ProtocolSet
    public var protocolTexts: [String]
    public var source: FirewallAddressMatch
    public var destination: FirewallAddressMatch
    public var destinationPorts: PortSet
    public var destinationPortTexts: [String]

    public init(name: String, protocols: ProtocolSet, protocolTexts: [String], source: FirewallAddressMatch, destination: FirewallAddressMatch, destinationPorts: PortSet, destinationPortTexts: [String]) {
        self.name = name
        self.protocols = protocols
        self.protocolTexts = protocolTexts
        self.source = source
        self.destination = destination
        self.destinationPorts = destinationPorts
        self.destinationPortTexts = destinationPortTexts
    }
}

/// An application rule: layer 7, matched on the FQDN the client asks for (HTTP Host, TLS SNI, the
/// server name of MSSQL). `reach` evaluates it when the destination is given as a name; otherwise it reports
/// the rules that could decide the flow.
public struct FirewallApplicationRule: Hashable, Sendable {
    public var name: String
    /// `protocols[].{protocolType, port}`: Http, Https, Mssql.
    public var protocols: [FirewallApplicationProtocol]
    public var targetFqdns: [String]
    public var fqdnTags: [String]
    public var source: FirewallAddressMatch

    public init(name: String, protocols: [FirewallApplicationProtocol], targetFqdns: [String], fqdnTags: [String], source: FirewallAddressMatch) {
        self.name = name
        self.protocols = protocols
        self.targetFqdns = targetFqdns
        self.fqdnTags = fqdnTags
        self.source = source
    }

    /// The ports the rule listens on (a protocol without a port uses its default: 80, 443, 1433).
    public var ports: [UInt16] {
        protocols.map { item in
            item.port ?? (item.type.lowercased() == "http" ? 80 : item.type.lowercased() == "mssql" ? 1433 : 443)
        }
    }
}

/// `protocols[]` of an application rule: `{protocolType: Http|Https|Mssql, port}`.
public struct FirewallApplicationProtocol: Hashable, Sendable {
    public var type: String
    public var port: UInt16?
    public init(type: String, port: UInt16?) {
        self.type = type
        self.port = port
    }
}

/// A DNAT rule: traffic to the firewall's public address and port is translated to a private address and port
/// and allowed ("NAT rules are applied in priority before network rules. If a match is found, the traffic is
/// translated according to the DNAT rule and allowed by the firewall": rule-processing.md).
public struct FirewallNatRule: Hashable, Sendable {
    public var name: String
    public var protocols: ProtocolSet
    public var protocolTexts: [String]
    public var source: FirewallAddressMatch
    /// The firewall's public addresses the rule listens on, as written.
    public var destinationAddresses: [String]
    public var destinationPorts: PortSet
    public var destinationPortTexts: [String]
    public var translatedAddress: String?
    public var translatedFqdn: String?
    public var translatedPort: UInt16?
    /// Where the rule is in the input.
    public var sourceLocation: SourceLocation?

    public init(name: String, protocols: ProtocolSet, protocolTexts: [String], source: FirewallAddressMatch, destinationAddresses: [String], destinationPorts: PortSet, destinationPortTexts: [String], translatedAddress: String?, translatedFqdn: String?, translatedPort: UInt16?, sourceLocation: SourceLocation? = nil) {
        self.name = name
        self.protocols = protocols
        self.protocolTexts = protocolTexts
        self.source = source
        self.destinationAddresses = destinationAddresses
        self.destinationPorts = destinationPorts
        self.destinationPortTexts = destinationPortTexts
        self.translatedAddress = translatedAddress
        self.translatedFqdn = translatedFqdn
        self.translatedPort = translatedPort
        self.sourceLocation = sourceLocation
    }
}

public enum FirewallRuleAction: String, AzureEnum {
    case allow = "Allow"
    case deny = "Deny"
    case dnat = "Dnat"
    case snat = "Snat"
}

public enum FirewallRuleKind: String, Hashable, Sendable {
    case network = "Network"
    case application = "Application"
    case nat = "NAT"
}

/// A rule collection: classic (`networkRuleCollections[]`, …) or a policy rule collection. One kind of
/// rule per collection.
public struct FirewallRuleCollection: Hashable, Sendable {
    public var name: String
    public var kind: FirewallRuleKind
    public var priority: Int
    public var action: FirewallRuleAction?
    public var networkRules: [FirewallNetworkRule]
    public var applicationRules: [FirewallApplicationRule]
    /// DNAT rules (checked by `nettwin check`; `reach` does not trace DNAT from the Internet yet).
    public var natRules: [FirewallNatRule]
    public var source: SourceLocation?

    public init(name: String, kind: FirewallRuleKind, priority: Int, action: FirewallRuleAction?, networkRules: [FirewallNetworkRule] = [], applicationRules: [FirewallApplicationRule] = [], natRules: [FirewallNatRule] = [], source: SourceLocation? = nil) {
        self.name = name
        self.kind = kind
        self.priority = priority
        self.action = action
        self.networkRules = networkRules
        self.applicationRules = applicationRules
        self.natRules = natRules
        self.source = source
    }
}

/// `Microsoft.Network/azureFirewalls`.
public struct AzureFirewall: Hashable, Sendable {
    public var header: ResourceHeader
    public var id: ResourceID { header.id }
    /// The subnet of the first IP configuration (`AzureFirewallSubnet`).
    public var subnet: ResourceID?
    /// `ipConfigurations[0].properties.privateIPAddress` (or `hubIPAddresses.privateIPAddress`); nil in a
    /// template before deployment.
    public var privateIPAddress: IPAddress?
    public var publicIPAddresses: [ResourceID]
    public var firewallPolicy: ResourceID?
    /// Classic rules (`networkRuleCollections`, `applicationRuleCollections`, `natRuleCollections`).
    public var ruleCollections: [FirewallRuleCollection]
    public var virtualHub: ResourceID?
    public var threatIntelMode: String?
    /// `additionalProperties["Network.SNAT.PrivateRanges"]`: the destinations not SNATed (classic rules).
    public var snatPrivateRanges: [String]?

    public init(header: ResourceHeader, subnet: ResourceID? = nil, privateIPAddress: IPAddress? = nil, publicIPAddresses: [ResourceID] = [], firewallPolicy: ResourceID? = nil, ruleCollections: [FirewallRuleCollection] = [], virtualHub: ResourceID? = nil, threatIntelMode: String? = nil, snatPrivateRanges: [String]? = nil) {
        self.header = header
        self.subnet = subnet
        self.privateIPAddress = privateIPAddress
        self.publicIPAddresses = publicIPAddresses
        self.firewallPolicy = firewallPolicy
        self.ruleCollections = ruleCollections
        self.virtualHub = virtualHub
        self.threatIntelMode = threatIntelMode
        self.snatPrivateRanges = snatPrivateRanges
    }
}

/// `Microsoft.Network/firewallPolicies` with its rule collection groups (child resources).
public struct FirewallPolicy: Hashable, Sendable {
    public var header: ResourceHeader
    public var id: ResourceID { header.id }
    /// `basePolicy`: the parent policy, whose rule collection groups are processed first.
    public var basePolicy: ResourceID?
    public var ruleCollectionGroups: [FirewallPolicyRuleCollectionGroup]
    /// `snat.privateRanges`.
    public var snatPrivateRanges: [String]?

    public init(header: ResourceHeader, basePolicy: ResourceID? = nil, ruleCollectionGroups: [FirewallPolicyRuleCollectionGroup] = [], snatPrivateRanges: [String]? = nil) {
        self.header = header
        self.basePolicy = basePolicy
        self.ruleCollectionGroups = ruleCollectionGroups
        self.snatPrivateRanges = snatPrivateRanges
    }
}

/// `Microsoft.Network/firewallPolicies/ruleCollectionGroups`.
public struct FirewallPolicyRuleCollectionGroup: Hashable, Sendable {
    public var id: ResourceID
    public var name: String
    public var priority: Int
    public var ruleCollections: [FirewallRuleCollection]
    public var source: SourceLocation?

    public init(id: ResourceID, name: String, priority: Int, ruleCollections: [FirewallRuleCollection], source: SourceLocation? = nil) {
        self.id = id
        self.name = name
        self.priority = priority
        self.ruleCollections = ruleCollections
        self.source = source
    }
}

/// `Microsoft.Network/ipGroups`.
public struct IPGroup: Hashable, Sendable {
    public var header: ResourceHeader
    public var id: ResourceID { header.id }
    public var addresses: IPAddressSet
    public var texts: [String]

    public init(header: ResourceHeader, addresses: IPAddressSet, texts: [String]) {
        self.header = header
        self.addresses = addresses
        self.texts = texts
    }
}
