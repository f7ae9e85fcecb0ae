/// `Microsoft.Network/virtualNetworkGateways` (VPN or ExpressRoute).
public struct VirtualNetworkGateway: Hashable, Sendable {
    public var header: ResourceHeader
    public var id: ResourceID { header.id }
    /// `Vpn`, `ExpressRoute`, `LocalGateway`.
    public var gatewayType: String?
    /// `RouteBased`, `PolicyBased`.
    public var vpnType: String?
    public var sku: String?
    public var enableBgp: Bool
    public var activeActive: Bool
    public var bgpSettings: BgpSettings?
    /// The subnet each IP configuration sits in (must be `GatewaySubnet`) and its public IP.
    public var ipConfigurations: [GatewayIPConfiguration]
    /// Point-to-site client address pool (`vpnClientConfiguration.vpnClientAddressPool.addressPrefixes`).
    public var vpnClientAddressPool: [IPPrefix]

    public init(header: ResourceHeader, gatewayType: String? = nil, vpnType: String? = nil, sku: String? = nil, enableBgp: Bool = false, activeActive: Bool = false, bgpSettings: BgpSettings? = nil, ipConfigurations: [GatewayIPConfiguration] = [], vpnClientAddressPool: [IPPrefix] = []) {
        self.header = header
        self.gatewayType = gatewayType
        self.vpnType = vpnType
        self.sku = sku
        self.enableBgp = enableBgp
        self.activeActive = activeActive
        self.bgpSettings = bgpSettings
        self.ipConfigurations = ipConfigurations
        self.vpnClientAddressPool = vpnClientAddressPool
    }

    /// The VNet the gateway is deployed in (the parent of its `GatewaySubnet`).
    public var virtualNetwork: ResourceID? { ipConfigurations.lazy.compactMap { $0.subnet?.parent }.first }
    public var isExpressRoute: Bool { gatewayType?.lowercased() == "expressroute" }
}

public struct GatewayIPConfiguration: Hashable, Sendable {
    public var name: String
    public var subnet: ResourceID?
    public var publicIPAddress: ResourceID?
    public var privateIPAddress: IPAddress?
    public init(name: String, subnet: ResourceID? = nil, publicIPAddress: ResourceID? = nil, privateIPAddress: IPAddress? = nil) {
        self.name = name
        self.subnet = subnet
        self.publicIPAddress = publicIPAddress
        self.privateIPAddress = privateIPAddress
    }
}

public struct BgpSettings: Hashable, Sendable {
    public var asn: Int64?
    public var bgpPeeringAddress: String?
    public var peerWeight: Int64?
    public init(asn: Int64? = nil, bgpPeeringAddress: String? = nil, peerWeight: Int64? = nil) {
        self.asn = asn
        self.bgpPeeringAddress = bgpPeeringAddress
        self.peerWeight = peerWeight
    }
}

/// `Microsoft.Network/localNetworkGateways`: the on-premises side of a site-to-site VPN.
public struct LocalNetworkGateway: Hashable, Sendable {
    public var header: ResourceHeader
    public var id: ResourceID { header.id }
    public var gatewayIpAddress: IPAddress?
    public var fqdn: String?
    /// `localNetworkAddressSpace.addressPrefixes`: the on-premises ranges.
    public var addressSpace: [IPPrefix]
    public var bgpSettings: BgpSettings?

    public init(header: ResourceHeader, gatewayIpAddress: IPAddress? = nil, fqdn: String? = nil, addressSpace: [IPPrefix] = [], bgpSettings: BgpSettings? = nil) {
        self.header = header
        self.gatewayIpAddress = gatewayIpAddress
        self.fqdn = fqdn
        self.addressSpace = addressSpace
        self.bgpSettings = bgpSettings
    }
}

/// `Microsoft.Network/connections`.
public struct VirtualNetworkGatewayConnection: Hashable, Sendable {
    public enum ConnectionType: String, AzureEnum {
        case ipsec = "IPsec"
        case vnet2Vnet = "Vnet2Vnet"
        case expressRoute = "ExpressRoute"
        case vpnClient = "VPNClient"
    }
    public var header: ResourceHeader
    public var id: ResourceID { header.id }
    public var connectionType: ConnectionType?
    public var virtualNetworkGateway1: ResourceID?
    public var virtualNetworkGateway2: ResourceID?
    public var localNetworkGateway2: ResourceID?
    /// The ExpressRoute circuit (`properties.peer.id`).
    public var peer: ResourceID?
    public var enableBgp: Bool
    /// `Connected`, `Connecting`, `NotConnected`, `Unknown` (only in exports of deployed resources).
    public var connectionStatus: String?
    public var routingWeight: Int64?

    public init(header: ResourceHeader, connectionType: ConnectionType? = nil, virtualNetworkGateway1: ResourceID? = nil, virtualNetworkGateway2: ResourceID? = nil, localNetworkGateway2: ResourceID? = nil, peer: ResourceID? = nil, enableBgp: Bool = false, connectionStatus: String? = nil, routingWeight: Int64? = nil) {
        self.header = header
        self.connectionType = connectionType
        self.virtualNetworkGateway1 = virtualNetworkGateway1
        self.virtualNetworkGateway2 = virtualNetworkGateway2
        self.localNetworkGateway2 = localNetworkGateway2
        self.peer = peer
        self.enableBgp = enableBgp
        self.connectionStatus = connectionStatus
        self.routingWeight = routingWeight
    }
}

/// An inbound endpoint of an Azure DNS Private Resolver (`Microsoft.Network/dnsResolvers/inboundEndpoints`): an address in
/// a VNet that on-premises DNS servers forward Azure names to; it answers as Azure-provided DNS answers in that VNet, with
/// the private DNS zones linked to it (dns-private-resolver-overview.md, "Inbound endpoints").
public struct DnsResolverInboundEndpoint: Hashable, Sendable {
    public var header: ResourceHeader
    public var id: ResourceID { header.id }
    /// The private addresses (static or dynamic; a dynamic one is not in a template).
    public var addresses: [IPAddress] = []
    public var subnet: ResourceID?
    /// The VNet it answers from: its subnet's.
    public var virtualNetwork: ResourceID? { subnet?.parent }

    public init(header: ResourceHeader) { self.header = header }
}

/// `Microsoft.Network/natGateways`: the public addresses a subnet's outbound traffic leaves from
/// (nat-overview.md: "NAT Gateway takes precedence over other outbound scenarios (including Load balancer and
/// instance-level public IP addresses)").
public struct NatGateway: Hashable, Sendable {
    public var header: ResourceHeader
    public var id: ResourceID { header.id }
    public var publicIPAddresses: [ResourceID] = []
    public var publicIPPrefixes: [ResourceID] = []

    public init(header: ResourceHeader) { self.header = header }
}
