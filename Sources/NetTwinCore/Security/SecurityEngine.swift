/// Evaluates network security groups as Azure does (network-security-groups-overview.md,
/// network-security-group-how-it-works.md): rules in priority order, first match decides; inbound
/// through the subnet NSG then the NIC NSG, outbound NIC then subnet; every NSG on the way must allow;
/// no NSG at a level allows.
public struct SecurityEngine: Sendable {
    public let topology: Topology
    public let index: NetworkIndex
    public let serviceTags: ServiceTagTable
    public let routes: RouteEngine

    public init(topology: Topology, serviceTags: ServiceTagTable = .empty, routes: RouteEngine? = nil) {
        self.topology = topology
        self.serviceTags = serviceTags
        let routes = routes ?? RouteEngine(topology: topology, serviceTags: serviceTags)
        self.routes = routes
        self.index = routes.index
    }

    /// Host addresses of the platform (service-tags-overview.md: AzureLoadBalancer is the host's
    /// virtual IP 168.63.129.16).
    public static let azureLoadBalancer = IPAddressSet(prefixes: [try! IPPrefix(parsing: "168.63.129.16/32")])

    /// Ranges that are neither `VirtualNetwork` (unless used by a VNet) nor `Internet`: private,
    /// shared, loopback, link-local, multicast and reserved space (Network Watcher quickstart:
    /// 10.10.10.10 and 172.31.0.100 are denied by DenyAll*, being in neither tag).
    public static let nonInternet = IPAddressSet(prefixes: [
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.168.0.0/16",
        "224.0.0.0/3", "fc00::/7", "fe80::/10", "::/128", "::1/128", "ff00::/8",
    ].map { try! IPPrefix(parsing: $0) })

    /// The `VirtualNetwork` tag seen from a subnet: "the virtual network address space, all connected
    /// on-premises address spaces, peered virtual networks, virtual networks connected to a virtual
    /// network gateway, the virtual IP address of the host, and address prefixes used on user-defined
    /// routes" (service-tags-overview.md).
    public func virtualNetworkTag(for table: EffectiveRouteTable) -> IPAddressSet {
        var prefixes: [IPPrefix] = []
        for route in table.routes {
            switch (route.source, route.nextHopType) {
            case (.user, _), (_, .vnetLocal), (_, .virtualNetworkGateway): prefixes += route.addressPrefixes
            case (_, .vnetPeering):
                // virtual-network-manage-peering.md: with access to the remote network disabled, the
                // VirtualNetwork tag no longer includes the peered network.
                if let peering = route.origin.flatMap({ topology.peerings[$0] }), !peering.allowVirtualNetworkAccess { continue }
                prefixes += route.addressPrefixes
            default: break
            }
        }
        return IPAddressSet(prefixes: prefixes).union(Self.azureLoadBalancer)
    }

    /// Addresses of one rule item, seen from a subnet whose VirtualNetwork tag is given.
    /// The `Internet` tag seen from a place whose VirtualNetwork tag is given: public address space
    /// outside the virtual network.
    public static func internetTag(virtualNetwork: IPAddressSet) -> IPAddressSet {
        publicAddresses.subtracting(virtualNetwork)
    }

    /// Every address outside `nonInternet`: the public address space.
    public static let publicAddresses = IPAddressSet.all.subtracting(nonInternet)

    func addresses(of item: AddressMatchItem, virtualNetwork: IPAddressSet, internet: IPAddressSet?, unresolved: inout [String]) -> IPAddressSet {
        switch item {
        case .any: return .all
        case .prefix(let prefix): return IPAddressSet(prefix)
        case .applicationSecurityGroup(let id):
            guard let addresses = index.addressesByApplicationSecurityGroup[id] else {
                unresolved.append("application security group '\(id.name)' has no member NIC in the input")
                return .empty
            }
            return addresses
        case .serviceTag(let name):
            switch name.lowercased() {
            case "virtualnetwork", "virtual_network": return virtualNetwork
            case "internet": return internet ?? Self.internetTag(virtualNetwork: virtualNetwork)
            case "azureloadbalancer", "azure_loadbalancer": return Self.azureLoadBalancer
            default:
                if let tag = serviceTags.tag(named: name) { return tag.addresses }
                unresolved.append("service tag '\(name)' is not in the service tag data (change number \(serviceTags.changeNumber.map(String.init) ?? "none"))")
                return .empty
            }
        }
    }

    /// The rules of an NSG (custom and default) in evaluation order for one direction, compiled for a subnet.
    public func compile(_ nsg: NetworkSecurityGroup, direction: SecurityRuleDirection, virtualNetwork: IPAddressSet, internet: IPAddressSet? = nil) -> [CompiledSecurityRule] {
        let internet = internet ?? Self.internetTag(virtualNetwork: virtualNetwork)
        let rules = (nsg.securityRules + nsg.defaultSecurityRules).filter { $0.direction == direction }
            .sorted { ($0.priority, $0.isDefault ? 1 : 0) < ($1.priority, $1.isDefault ? 1 : 0) }
        return rules.map { rule in
            var unresolved: [String] = []
            let source = rule.source.reduce(IPAddressSet.empty) { $0.union(addresses(of: $1, virtualNetwork: virtualNetwork, internet: internet, unresolved: &unresolved)) }
            let destination = rule.destination.reduce(IPAddressSet.empty) { $0.union(addresses(of: $1, virtualNetwork: virtualNetwork, internet: internet, unresolved: &unresolved)) }
            return CompiledSecurityRule(rule: rule, networkSecurityGroup: nsg.id, sourceAddresses: source, destinationAddresses: destination, unresolved: unresolved)
        }
    }

    /// The NSGs that apply to a NIC, in evaluation order for a direction, with where each is associated.
    public func networkSecurityGroups(for nic: NetworkInterface, direction: SecurityRuleDirection) -> [(nsg: ResourceID, association: NSGAssociation)] {
        var subnetLevel: (ResourceID, NSGAssociation)?
        let subnet = nic.primaryIPConfiguration?.subnet.flatMap { topology.subnets[$0] }
        let isPrivateEndpoint = nic.privateEndpoint != nil || index.privateEndpointByNIC[nic.id] != nil
        if let subnet, let nsg = subnet.networkSecurityGroup {
            // disable-private-endpoint-network-policy.md: NSGs apply to private endpoints only when the
            // subnet's network policies enable them.
            if !isPrivateEndpoint || subnet.privateEndpointNetworkPolicies.appliesNetworkSecurityGroups {
                subnetLevel = (nsg, .subnet(subnet.id))
            }
        }
        let nicLevel = nic.networkSecurityGroup.map { ($0, NSGAssociation.networkInterface(nic.id)) }
        let ordered = direction == .inbound ? [subnetLevel, nicLevel] : [nicLevel, subnetLevel]
        return ordered.compactMap { $0 }
    }
}

/// Where an NSG is associated.
public enum NSGAssociation: Hashable, Sendable {
    case subnet(ResourceID)
    case networkInterface(ResourceID)
}
