/// Where a DNS query comes from. A subnet or NIC maps to its VNet (private DNS zones are linked to
/// VNets); a NIC's own `dnsServers` replace the VNet's (virtual-networks-name-resolution-for-vms-and-role-instances.md).
/// Outside Azure, a client on the Internet gets public DNS's answer; an on-premises client gets the answer of the DNS
/// server its resolvers forward Azure names to (a DNS Private Resolver inbound endpoint or a forwarder in a VNet,
/// private-endpoint-dns-integration.md "On-premises workloads using a DNS forwarder"), or public DNS's without one.
public enum DNSQuerySource: Hashable, Sendable {
    case virtualNetwork(ResourceID)
    case subnet(ResourceID)
    case networkInterface(ResourceID)
    case internet
    /// `forwarder`: the address on-premises DNS forwards Azure zones to (an inbound endpoint or a forwarder VM in a VNet);
    /// nil when the configuration gives none.
    case onPremises(forwarder: IPAddress?)

    public var resourceID: ResourceID? {
        switch self {
        case .virtualNetwork(let id), .subnet(let id), .networkInterface(let id): id
        case .internet, .onPremises: nil
        }
    }

    /// `virtual network`, `subnet`, `network interface`, `the internet`, `on-premises`.
    public var kind: String {
        switch self {
        case .virtualNetwork: "virtual network"
        case .subnet: "subnet"
        case .networkInterface: "network interface"
        case .internet: "the internet"
        case .onPremises: "on-premises"
        }
    }

    /// How JSON names the source: the resource ID, `internet`, `onprem`.
    public var text: String {
        switch self {
        case .internet: "internet"
        case .onPremises: "onprem"
        default: resourceID?.text ?? ""
        }
    }
}

extension Topology {
    /// The address on-premises DNS forwards Azure names to, as the configuration gives it: a DNS Private Resolver
    /// inbound endpoint, preferring one in the VNet of the gateway the on-premises network connects through (`gateways`:
    /// the virtual network gateways or connections named, or those whose local network gateway holds `address`).
    /// Nil when the configuration has no inbound endpoint with a known address.
    public func onPremisesForwarder(for address: IPAddress? = nil, through named: ResourceID? = nil) -> (address: IPAddress, endpoint: DnsResolverInboundEndpoint)? {
        let endpoints = dnsResolverInboundEndpoints.values.filter { !$0.addresses.isEmpty }.sorted { $0.id < $1.id }
        guard !endpoints.isEmpty else { return nil }
        var gatewayNetworks = Set<ResourceID>()
        for connection in connections.values {
            let local = connection.localNetworkGateway2.flatMap { localNetworkGateways[$0] }
            let matches = named == connection.id || (named != nil && named == connection.localNetworkGateway2)
                || (address != nil && local?.addressSpace.contains { $0.contains(address!) } == true)
            guard matches, let gateway = connection.virtualNetworkGateway1.flatMap({ virtualNetworkGateways[$0] }),
                  let vnet = gateway.virtualNetwork else { continue }
            gatewayNetworks.insert(vnet)
        }
        let chosen = endpoints.first { $0.virtualNetwork.map(gatewayNetworks.contains) == true } ?? endpoints[0]
        return (chosen.addresses[0], chosen)
    }
}
