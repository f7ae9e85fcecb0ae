/// `Microsoft.Network/virtualNetworks`.
public struct VirtualNetwork: Hashable, Sendable {
    public var header: ResourceHeader
    public var id: ResourceID { header.id }
    /// `properties.addressSpace.addressPrefixes`.
    public var addressSpace: [IPPrefix]
    /// `properties.dhcpOptions.dnsServers`; empty means Azure-provided DNS (168.63.129.16).
    public var dnsServers: [IPAddress]
    /// Subnet IDs in the order given (the subnets themselves live in `Topology.subnets`).
    public var subnets: [ResourceID]
    /// Peering IDs (the peerings live in `Topology.peerings`).
    public var peerings: [ResourceID]
    public var enableDdosProtection: Bool

    public init(header: ResourceHeader, addressSpace: [IPPrefix] = [], dnsServers: [IPAddress] = [], subnets: [ResourceID] = [], peerings: [ResourceID] = [], enableDdosProtection: Bool = false) {
        self.header = header
        self.addressSpace = addressSpace
        self.dnsServers = dnsServers
        self.subnets = subnets
        self.peerings = peerings
        self.enableDdosProtection = enableDdosProtection
    }
}

/// `Microsoft.Network/virtualNetworks/subnets`.
public struct Subnet: Hashable, Sendable {
    public var header: ResourceHeader
    public var id: ResourceID { header.id }
    public var virtualNetwork: ResourceID
    /// `properties.addressPrefix` and/or `properties.addressPrefixes`.
    public var addressPrefixes: [IPPrefix]
    public var networkSecurityGroup: ResourceID?
    public var routeTable: ResourceID?
    public var natGateway: ResourceID?
    public var serviceEndpoints: [ServiceEndpoint]
    public var serviceEndpointPolicies: [ResourceID]
    /// `properties.delegations[].properties.serviceName`, e.g. `Microsoft.Sql/managedInstances`.
    public var delegations: [String]
    public var privateEndpointNetworkPolicies: PrivateEndpointNetworkPolicies
    public var privateLinkServiceNetworkPolicies: String?
    public var defaultOutboundAccess: Bool?

    /// The names Azure reserves for its own subnets, which hold no workload and take no NSG: the gateway, Azure Firewall
    /// (data and management) and Route Server subnets (vpn-gateway-about-vpn-gateway-settings.md "Gateway subnet",
    /// firewall-faq.yml, route-server-faq.md).
    public static let platformNames: Set<String> = ["gatewaysubnet", "azurefirewallsubnet", "azurefirewallmanagementsubnet", "routeserversubnet"]
    public var isPlatformSubnet: Bool { Self.platformNames.contains(header.name.lowercased()) }

    public init(header: ResourceHeader, virtualNetwork: ResourceID, addressPrefixes: [IPPrefix] = [], networkSecurityGroup: ResourceID? = nil, routeTable: ResourceID? = nil, natGateway: ResourceID? = nil, serviceEndpoints: [ServiceEndpoint] = [], serviceEndpointPolicies: [ResourceID] = [], delegations: [String] = [], privateEndpointNetworkPolicies: PrivateEndpointNetworkPolicies = .disabled, privateLinkServiceNetworkPolicies: String? = nil, defaultOutboundAccess: Bool? = nil) {
        self.header = header
        self.virtualNetwork = virtualNetwork
        self.addressPrefixes = addressPrefixes
        self.networkSecurityGroup = networkSecurityGroup
        self.routeTable = routeTable
        self.natGateway = natGateway
        self.serviceEndpoints = serviceEndpoints
        self.serviceEndpointPolicies = serviceEndpointPolicies
        self.delegations = delegations
        self.privateEndpointNetworkPolicies = privateEndpointNetworkPolicies
        self.privateLinkServiceNetworkPolicies = privateLinkServiceNetworkPolicies
        self.defaultOutboundAccess = defaultOutboundAccess
    }

    /// Whether the subnet is delegated to the given service (case-insensitive).
    public func isDelegated(to service: String) -> Bool {
        delegations.contains { $0.lowercased() == service.lowercased() }
    }
}

/// `properties.serviceEndpoints[]` of a subnet.
public struct ServiceEndpoint: Hashable, Sendable {
    /// `Microsoft.Sql`, `Microsoft.Storage`, …
    public var service: String
    /// Regions the endpoint applies to (`westeurope`, or `*`).
    public var locations: [String]
    public init(service: String, locations: [String] = []) {
        self.service = service
        self.locations = locations
    }
}

/// `privateEndpointNetworkPolicies` (disable-private-endpoint-network-policy.md): whether NSGs and
/// route tables apply to the private endpoints of the subnet.
public enum PrivateEndpointNetworkPolicies: String, AzureEnum {
    case disabled = "Disabled"
    case enabled = "Enabled"
    case networkSecurityGroupEnabled = "NetworkSecurityGroupEnabled"
    case routeTableEnabled = "RouteTableEnabled"

    public var appliesNetworkSecurityGroups: Bool { self == .enabled || self == .networkSecurityGroupEnabled }
    public var appliesRouteTables: Bool { self == .enabled || self == .routeTableEnabled }
}

/// `Microsoft.Network/virtualNetworks/virtualNetworkPeerings`: one direction of a peering.
public struct VirtualNetworkPeering: Hashable, Sendable {
    public var header: ResourceHeader
    public var id: ResourceID { header.id }
    /// The VNet that holds this peering.
    public var localVirtualNetwork: ResourceID
    public var remoteVirtualNetwork: ResourceID?
    public var allowVirtualNetworkAccess: Bool
    public var allowForwardedTraffic: Bool
    public var allowGatewayTransit: Bool
    public var useRemoteGateways: Bool
    public var peeringState: PeeringState?
    public var remoteAddressSpace: [IPPrefix]

    public init(header: ResourceHeader, localVirtualNetwork: ResourceID, remoteVirtualNetwork: ResourceID?, allowVirtualNetworkAccess: Bool = true, allowForwardedTraffic: Bool = false, allowGatewayTransit: Bool = false, useRemoteGateways: Bool = false, peeringState: PeeringState? = nil, remoteAddressSpace: [IPPrefix] = []) {
        self.header = header
        self.localVirtualNetwork = localVirtualNetwork
        self.remoteVirtualNetwork = remoteVirtualNetwork
        self.allowVirtualNetworkAccess = allowVirtualNetworkAccess
        self.allowForwardedTraffic = allowForwardedTraffic
        self.allowGatewayTransit = allowGatewayTransit
        self.useRemoteGateways = useRemoteGateways
        self.peeringState = peeringState
        self.remoteAddressSpace = remoteAddressSpace
    }
}

/// virtual-network-manage-peering.md: Initiated, Connected, Disconnected.
public enum PeeringState: String, AzureEnum {
    case initiated = "Initiated"
    case connected = "Connected"
    case disconnected = "Disconnected"
}

extension Subnet {
    /// The address that stands for the subnet when no particular one is known: the first usable address of its
    /// first IPv4 prefix (Azure reserves the first four: virtual-networks-faq.md), with that prefix.
    public var representativeAddress: (address: IPAddress, prefix: IPPrefix)? {
        guard let first = addressPrefixes.first(where: \.isIPv4), case .v4(let network) = first.network else { return nil }
        return (.v4(IPv4Address(network.value + 4)), first)
    }
}
