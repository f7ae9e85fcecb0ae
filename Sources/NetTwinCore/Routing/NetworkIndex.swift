/// Lookups the engines need, computed once from a topology.
public struct NetworkIndex: Sendable {
    /// Gateways by the VNet they are deployed in.
    public var gatewaysByVirtualNetwork: [ResourceID: [ResourceID]] = [:]
    /// Private endpoints by the VNet of their subnet, with their private IPs.
    public var privateEndpointsByVirtualNetwork: [ResourceID: [(endpoint: ResourceID, subnet: ResourceID, addresses: [IPAddress])]] = [:]
    /// NIC IP configurations by private IP.
    public var nicsByAddress: [IPAddress: [(nic: ResourceID, subnet: ResourceID?)]] = [:]
    /// Private IPs of the NICs that are members of each application security group.
    public var addressesByApplicationSecurityGroup: [ResourceID: IPAddressSet] = [:]
    /// Private endpoint by the NIC Azure created for it.
    public var privateEndpointByNIC: [ResourceID: ResourceID] = [:]
    /// The peering of a VNet (first key) towards another VNet (second key).
    public var peeringBetween: [ResourceID: [ResourceID: ResourceID]] = [:]

    public init(_ topology: Topology) {
        for gateway in topology.virtualNetworkGateways.values {
            if let vnet = gateway.virtualNetwork { gatewaysByVirtualNetwork[vnet, default: []].append(gateway.id) }
        }
        for key in gatewaysByVirtualNetwork.keys { gatewaysByVirtualNetwork[key]!.sort() }
        for peering in topology.peerings.values {
            if let remote = peering.remoteVirtualNetwork { peeringBetween[peering.localVirtualNetwork, default: [:]][remote] = peering.id }
        }
        for endpoint in topology.privateEndpoints.values {
            for nic in endpoint.networkInterfaces { privateEndpointByNIC[nic] = endpoint.id }
        }
        for nic in topology.networkInterfaces.values {
            if let endpoint = nic.privateEndpoint { privateEndpointByNIC[nic.id] = endpoint }
            for configuration in nic.ipConfigurations {
                if let address = configuration.privateIPAddress {
                    nicsByAddress[address, default: []].append((nic.id, configuration.subnet))
                    for group in configuration.applicationSecurityGroups {
                        addressesByApplicationSecurityGroup[group, default: .empty].formUnion(IPAddressSet(address))
                    }
                }
            }
        }
        for endpoint in topology.privateEndpoints.values.sorted(by: { $0.id < $1.id }) {
            guard let subnet = endpoint.subnet, let vnet = subnet.parent else { continue }
            privateEndpointsByVirtualNetwork[vnet, default: []].append((endpoint.id, subnet, Self.addresses(of: endpoint, in: topology)))
        }
    }

    /// A private endpoint's private IPs: from its NIC, its custom DNS configs, or its static IP configurations.
    public static func addresses(of endpoint: PrivateEndpoint, in topology: Topology) -> [IPAddress] {
        var result: [IPAddress] = []
        for nicID in endpoint.networkInterfaces {
            for configuration in topology.networkInterfaces[nicID]?.ipConfigurations ?? [] {
                if let address = configuration.privateIPAddress, !result.contains(address) { result.append(address) }
            }
        }
        for config in endpoint.customDnsConfigs {
            for address in config.ipAddresses where !result.contains(address) { result.append(address) }
        }
        for address in endpoint.staticIPAddresses where !result.contains(address) { result.append(address) }
        return result
    }
}
