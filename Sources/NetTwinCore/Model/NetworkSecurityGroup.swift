/// `Microsoft.Network/networkSecurityGroups`.
public struct NetworkSecurityGroup: Hashable, Sendable {
    public var header: ResourceHeader
    public var id: ResourceID { header.id }
    /// `properties.securityRules`, in input order.
    public var securityRules: [SecurityRule]
    /// `properties.defaultSecurityRules`: the six rules Azure adds to every NSG
    /// (network-security-groups-overview.md, "Default security rules"). When the input omits them
    /// (templates never state them) they are the ones from `SecurityRule.azureDefaults`.
    public var defaultSecurityRules: [SecurityRule]

    public init(header: ResourceHeader, securityRules: [SecurityRule] = [], defaultSecurityRules: [SecurityRule]? = nil) {
        self.header = header
        self.securityRules = securityRules
        self.defaultSecurityRules = defaultSecurityRules ?? SecurityRule.azureDefaults(in: header.id)
    }
}

/// `Microsoft.Network/applicationSecurityGroups`.
public struct ApplicationSecurityGroup: Hashable, Sendable {
    public var header: ResourceHeader
    public var id: ResourceID { header.id }
    public init(header: ResourceHeader) { self.header = header }
}

public enum SecurityRuleDirection: String, AzureEnum {
    case inbound = "Inbound"
    case outbound = "Outbound"
}

public enum SecurityRuleAccess: String, AzureEnum {
    case allow = "Allow"
    case deny = "Deny"
}

/// One side of a rule's address match: `sourceAddressPrefix(es)` or `sourceApplicationSecurityGroups`.
public enum AddressMatchItem: Hashable, Sendable, CustomStringConvertible {
    /// `*` (or `0.0.0.0/0`-like "Any").
    case any
    case prefix(IPPrefix)
    /// A service tag such as `VirtualNetwork`, `Internet`, `Sql.WestEurope`, as written.
    case serviceTag(String)
    case applicationSecurityGroup(ResourceID)

    public var description: String {
        switch self {
        case .any: "*"
        case .prefix(let prefix): prefix.description
        case .serviceTag(let tag): tag
        case .applicationSecurityGroup(let id): id.text
        }
    }
}

/// A rule of a network security group (network-security-groups-overview.md, "Security rules").
public struct SecurityRule: Hashable, Sendable {
    public var id: ResourceID?
    public var name: String
    public var priority: Int
    public var direction: SecurityRuleDirection
    public var access: SecurityRuleAccess
    public var protocols: ProtocolSet
    /// The protocol as written (`Tcp`, `*`).
    public var protocolText: String
    public var source: [AddressMatchItem]
    public var destination: [AddressMatchItem]
    public var sourcePorts: PortSet
    public var destinationPorts: PortSet
    /// The port texts as written (`*`, `80`, `1000-2000`), kept for output.
    public var sourcePortTexts: [String]
    public var destinationPortTexts: [String]
    public var description: String?
    public var isDefault: Bool
    public var sourceLocation: SourceLocation?
    /// Added by Azure's network intent policy to a SQL managed instance subnet (service-aided subnet configuration),
    /// not written in the configuration.
    public var serviceAided = false

    public init(id: ResourceID? = nil, name: String, priority: Int, direction: SecurityRuleDirection, access: SecurityRuleAccess, protocols: ProtocolSet, protocolText: String, source: [AddressMatchItem], destination: [AddressMatchItem], sourcePorts: PortSet, destinationPorts: PortSet, sourcePortTexts: [String], destinationPortTexts: [String], description: String? = nil, isDefault: Bool = false, sourceLocation: SourceLocation? = nil) {
        self.id = id
        self.name = name
        self.priority = priority
        self.direction = direction
        self.access = access
        self.protocols = protocols
        self.protocolText = protocolText
        self.source = source
        self.destination = destination
        self.sourcePorts = sourcePorts
        self.destinationPorts = destinationPorts
        self.sourcePortTexts = sourcePortTexts
        self.destinationPortTexts = destinationPortTexts
        self.description = description
        self.isDefault = isDefault
        self.sourceLocation = sourceLocation
    }

    /// The six default rules, exactly as network-security-groups-overview.md lists them and as the
    /// REST API returns them (names `AllowVnetInBound`, `AllowAzureLoadBalancerInBound`, `DenyAllInBound`,
    /// `AllowVnetOutBound`, `AllowInternetOutBound`, `DenyAllOutBound`; priorities 65000, 65001, 65500).
    public static func azureDefaults(in nsg: ResourceID) -> [SecurityRule] {
        func rule(_ name: String, _ priority: Int, _ direction: SecurityRuleDirection, _ access: SecurityRuleAccess, _ source: AddressMatchItem, _ destination: AddressMatchItem, _ description: String) -> SecurityRule {
            SecurityRule(
                id: nsg.child("defaultSecurityRules", name), name: name, priority: priority, direction: direction,
                access: access, protocols: .any, protocolText: "*", source: [source], destination: [destination],
                sourcePorts: .all, destinationPorts: .all, sourcePortTexts: ["*"], destinationPortTexts: ["*"],
                description: description, isDefault: true)
        }
        return [
            rule("AllowVnetInBound", 65000, .inbound, .allow, .serviceTag("VirtualNetwork"), .serviceTag("VirtualNetwork"), "Allow inbound traffic from all VMs in VNET"),
            rule("AllowAzureLoadBalancerInBound", 65001, .inbound, .allow, .serviceTag("AzureLoadBalancer"), .any, "Allow inbound traffic from azure load balancer"),
            rule("DenyAllInBound", 65500, .inbound, .deny, .any, .any, "Deny all inbound traffic"),
            rule("AllowVnetOutBound", 65000, .outbound, .allow, .serviceTag("VirtualNetwork"), .serviceTag("VirtualNetwork"), "Allow outbound traffic from all VMs to all VMs in VNET"),
            rule("AllowInternetOutBound", 65001, .outbound, .allow, .any, .serviceTag("Internet"), "Allow outbound traffic from all VMs to Internet"),
            rule("DenyAllOutBound", 65500, .outbound, .deny, .any, .any, "Deny all outbound traffic"),
        ]
    }
}
