/// What a service tag stands for in a given place (service-tags-overview.md, network-security-groups-overview.md).
///
/// - `VirtualNetwork`: "The virtual network address space (all IP address ranges defined for the virtual network), all
///   connected on-premises address spaces, peered virtual networks, virtual networks connected to a virtual network
///   gateway, the virtual IP address of the host, and address prefixes used on user-defined routes" — so it depends on
///   the subnet; each part is listed with where it comes from.
/// - `AzureLoadBalancer`: the host's virtual IP 168.63.129.16.
/// - `Internet`: the public address space outside the place's VirtualNetwork tag.
/// - Other tags come from the service tag data; `--region` picks the regional tag (`Sql.WestEurope`).
public struct TagExpansion: Sendable {
    public struct Part: Sendable {
        public var prefixes: [IPPrefix]
        /// Where the part comes from: `address space of 'vnet-app'`, `peering 'to-hub'`, `user route 'r1'`.
        public var origin: String
    }
    /// The tag as resolved (`Sql.WestEurope` for `Sql` with a region).
    public var name: String
    public var addresses: IPAddressSet
    public var parts: [Part]
    public var notes: [String]
}

extension IPFlowVerifier {
    /// Expands `name` as seen from `subnet` (VirtualNetwork, Internet) or in `region` (regional tags). Nil for a tag that
    /// is neither computed nor in the service tag data.
    public func expandTag(_ name: String, subnet: ResourceID?, region: String?) -> TagExpansion? {
        let lowered = name.lowercased()
        var notes: [String] = []
        if lowered == "sql" || lowered.hasPrefix("sql.") {
            notes.append("the Sql tag does not cover SQL managed instances (service-tags-overview.md: \"This tag does not apply to SQL managed instance\"); allow an instance by its subnet's range")
        }
        switch lowered {
        case "virtualnetwork", "virtual_network":
            guard let subnet, let table = routeTable(subnet: subnet) else {
                return TagExpansion(name: "VirtualNetwork", addresses: SecurityEngine.azureLoadBalancer, parts: [TagExpansion.Part(prefixes: [Self.hostVIP], origin: "the host's virtual IP")],
                                    notes: ["no subnet given: the VirtualNetwork tag depends on the place (give --subnet or --nic)"])
            }
            var parts: [TagExpansion.Part] = []
            let topology = security.topology
            for route in table.routes {
                let origin: String?
                switch (route.source, route.nextHopType) {
                case (.user, _): origin = "user route '\(route.name ?? "?")'\(route.routeTable.map { " of route table '\($0.name)'" } ?? "")"
                case (_, .vnetLocal): origin = "address space of '\(topology.subnets[subnet]?.virtualNetwork.name ?? "?")'"
                case (_, .virtualNetworkGateway): origin = "on-premises prefixes behind the gateway\(route.origin.map { " '\($0.name)'" } ?? "")"
                case (_, .vnetPeering):
                    if let peering = route.origin.flatMap({ topology.peerings[$0] }), !peering.allowVirtualNetworkAccess {
                        notes.append("peering '\(peering.header.name)' disallows access to the remote network: its prefixes are not in the tag")
                        origin = nil
                    } else {
                        origin = "peered network\(route.origin.map { " (peering '\($0.name)')" } ?? "")"
                    }
                default: origin = nil
                }
                if let origin, !route.addressPrefixes.isEmpty { parts.append(TagExpansion.Part(prefixes: route.addressPrefixes, origin: origin)) }
            }
            parts.append(TagExpansion.Part(prefixes: [Self.hostVIP], origin: "the host's virtual IP"))
            return TagExpansion(name: "VirtualNetwork", addresses: virtualNetworkTag(subnet: subnet), parts: parts, notes: notes)
        case "azureloadbalancer", "azure_loadbalancer":
            return TagExpansion(name: "AzureLoadBalancer", addresses: SecurityEngine.azureLoadBalancer, parts: [TagExpansion.Part(prefixes: [Self.hostVIP], origin: "the host's virtual IP")], notes: notes)
        case "internet":
            let virtualNetwork = subnet.map { virtualNetworkTag(subnet: $0) } ?? SecurityEngine.azureLoadBalancer
            let internet = SecurityEngine.internetTag(virtualNetwork: virtualNetwork)
            return TagExpansion(name: "Internet", addresses: internet, parts: [TagExpansion.Part(prefixes: internet.prefixes, origin: "public address space outside the VirtualNetwork tag of the place")],
                                notes: notes + (subnet == nil ? ["no subnet given: the public address space outside 168.63.129.16"] : []))
        default:
            let tags = security.serviceTags
            let tag = region.flatMap { tags.regionalTag(name, region: $0) } ?? tags.tag(named: name)
            guard let tag else { return nil }
            if let region, tag.region == nil, !name.contains(".") {
                notes.append("no regional tag \(name).\(region) in the service tag data: the global tag is shown")
            }
            return TagExpansion(name: tag.name, addresses: tag.addresses, parts: [TagExpansion.Part(prefixes: tag.prefixes, origin: "service tag data (change number \(tags.changeNumber.map(String.init) ?? "?"))")], notes: notes)
        }
    }

    static let hostVIP = IPPrefix(IPAddress.v4(IPv4Address(168, 63, 129, 16)))
}
