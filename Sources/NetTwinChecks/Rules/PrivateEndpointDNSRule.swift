import NetTwinCore

/// NT-PE-004: the name of a private endpoint's resource must resolve to the endpoint's private
/// address from every VNet that can route to it (private-endpoint-dns.md: "clients … must resolve the
/// FQDN to the private IP"; zone missing, not linked, or record missing all leave the public answer).
/// An answer that is the address of another Approved private endpoint of the same resource is
/// accepted: per-region endpoints and zones (the multi-region pattern) are correct.
enum PrivateEndpointDNSRule {
    static let rule: CheckRule = CheckRule(
        id: "NT-PE-004", name: "PrivateEndpointNameNotResolvedPrivately",
        title: "A private endpoint's name does not resolve to its private address from a VNet that uses it",
        severity: .error,
        rationale: "Clients connect by the resource's public name. Unless the VNet's DNS answers with the private endpoint's address (the recommended privatelink zone linked to the VNet, with the record), clients resolve the public address and either bypass the endpoint or are refused by a closed public endpoint.",
        helpURI: "https://learn.microsoft.com/azure/private-link/private-endpoint-dns",
        fix: "Create the recommended privatelink zone, link it to the VNet, and register the endpoint in it (a privateDnsZoneGroup on the endpoint does this), or forward the zone from the VNet's DNS servers.",
        evaluate: evaluate)

    static func evaluate(_ context: CheckContext) -> [Finding] {
        let topology = context.topology
        let directory = AzureServiceDirectory(topology: topology)
        let resolver = DNSResolver(topology: topology)
        // Addresses of Approved endpoints, per target resource.
        var approvedAddresses: [ResourceID: Set<IPAddress>] = [:]
        for endpoint in topology.privateEndpoints.values {
            for connection in endpoint.connections where connection.state.status == .approved {
                guard let target = connection.privateLinkServiceId else { continue }
                approvedAddresses[target, default: []].formUnion(NetworkIndex.addresses(of: endpoint, in: topology))
            }
        }
        // The effective route table of one subnet per VNet stands for the VNet.
        var tables: [ResourceID: EffectiveRouteTable] = [:]
        for vnet in topology.virtualNetworks.values {
            if let subnet = vnet.subnets.lazy.compactMap({ topology.subnets[$0] }).first { tables[vnet.id] = context.routes.effectiveRoutes(of: subnet) }
        }
        // Approved endpoints per (target, name): a VNet that routes to several uses one of them.
        struct Use { var endpoint: PrivateEndpoint; var address: IPAddress }
        var endpointsByName: [String: (target: ResourceID, uses: [Use])] = [:]
        for endpoint in topology.privateEndpoints.values.sorted(by: { $0.id < $1.id }) {
            guard let address = NetworkIndex.addresses(of: endpoint, in: topology).first else { continue }
            for connection in endpoint.connections where connection.state.status == .approved {
                guard let target = connection.privateLinkServiceId else { continue }
                let groups = Set(connection.groupIds.map { $0.lowercased() })
                var names = directory.byName.values.filter { service in
                    service.resource == target && service.privateLinkName != nil && (groups.isEmpty || service.groupID.map { groups.contains($0) } == true)
                }.map(\.fqdn)
                if names.isEmpty { names = endpoint.customDnsConfigs.compactMap { $0.fqdn?.lowercased() }.filter { $0.contains(".") } }
                for name in Set(names) {
                    endpointsByName[name, default: (target, [])].uses.append(Use(endpoint: endpoint, address: address))
                }
            }
        }
        var findings: [Finding] = []
        for (name, entry) in endpointsByName.sorted(by: { $0.key < $1.key }) {
            let accepted = approvedAddresses[entry.target] ?? Set(entry.uses.map(\.address))
            for (vnetID, table) in tables.sorted(by: { $0.key < $1.key }) {
                let vnet = topology.virtualNetworks[vnetID]
                let routable: [(use: Use, route: EffectiveRoute)] = entry.uses.compactMap { use in
                    guard let route = table.route(to: use.address)?.route, route.nextHopType != .none, route.nextHopType != .internet else { return nil }
                    return (use, route)
                }
                // The endpoint the VNet uses: one in the VNet itself, else one in its region, else the first.
                let inVNet = routable.first { $0.use.endpoint.subnet.flatMap { topology.subnets[$0]?.virtualNetwork } == vnetID }
                let inRegion = routable.first { $0.use.endpoint.header.location != nil && $0.use.endpoint.header.location == vnet?.header.location }
                guard let (use, route) = inVNet ?? inRegion ?? routable.first else { continue }
                let resolution = resolver.resolve(name: name, from: .virtualNetwork(vnetID))
                if resolution.addresses.contains(where: { accepted.contains($0) }) { continue }
                let vnetName = vnet?.header.name ?? vnetID.name
                let got = resolution.addresses.isEmpty ? resolution.status.rawValue : resolution.addresses.map(\.description).joined(separator: ", ")
                var evidence = ["'\(vnetName)' routes to \(use.address) (next hop \(route.nextHopType.rawValue))", "answer from '\(vnetName)': \(got)"]
                evidence += resolution.chain.map { "\($0.type.rawValue) \($0.name) -> \($0.value) (\($0.source.rawValue))" }
                evidence += resolution.warnings
                findings.append(rule.finding(
                    "'\(name)' does not resolve to private endpoint '\(use.endpoint.header.name)' (\(use.address)) from virtual network '\(vnetName)'",
                    resource: use.endpoint.id, location: use.endpoint.header.source, evidence: evidence, key: "\(vnetID.text.lowercased())|\(name)"))
            }
        }
        return findings
    }
}
