/// The exposure of a SQL Database server's public endpoint, by the same rules `reach` applies
/// (ReachabilityEngine+SqlServer.swift): public network access, server firewall rules for the Internet
/// (firewall-configure.md), and for subnets a same-region Microsoft.Sql service endpoint with a virtual network
/// rule (vnet-service-endpoint-rule-overview.md), after their outbound NSGs towards the Sql service tag.
extension ExposureEngine {
    func sqlServerExposure(_ id: ResourceID, port: UInt16, protocol flowProtocol: ProtocolSet, internetOnly: Bool) -> Result {
        var assumptions = modelAssumptions
        guard let server = topology.sqlServers[id] else {
            return Result(destinationAddress: nil, port: port, entries: [], assumptions: ["SQL server '\(id.name)' is not in the input"])
        }
        let name = server.header.name
        let served = port == ReachabilityEngine.tdsPort || ReachabilityEngine.redirectPorts.contains(port)
        if server.publicNetworkAccess?.lowercased() == "disabled" || !served {
            assumptions.append(served
                ? "public network access of '\(name)' is disabled: only its private endpoints connect (ask with --endpoint private)"
                : "the SQL Database gateway serves TCP 1433 (and 11000-11999 with Redirect), not \(port)")
            return Result(destinationAddress: nil, port: port, entries: [], assumptions: assumptions)
        }
        // The Internet: the server-level IP rules (not "Allow Azure services", which admits Azure, not the Internet).
        var ranges = IPv4AddressSet.empty
        for rule in server.firewallRules where !rule.isAllowAzureServices {
            guard let start = rule.startIpAddress, let end = rule.endIpAddress, start.value <= end.value else { continue }
            ranges = ranges.union(IPv4AddressSet(ranges: [start.value...end.value]))
        }
        let internet = IPAddressSet(v4: ranges, v6: .empty).intersection(SecurityEngine.publicAddresses)
        let allowAzure = server.firewallRules.contains(where: \.isAllowAzureServices)
        if allowAzure {
            assumptions.append("'Allow Azure services' (AllowAllWindowsAzureIps) admits any client inside Azure, other customers' included: no address set in the configuration describes them")
        }
        assumptions.append("database-level firewall rules (set with T-SQL) are not in the configuration")
        // As reach decides: a service endpoint or a virtual network rule puts the subnet on the VNet path (its
        // blockers say what is missing); without either, only "Allow Azure services" admits it.
        let (entries, unknown) = publicEndpointEntries(
            to: .sqlServer(id), internet: internet, tag: ("Sql", server.header.location), port: port, protocol: flowProtocol, internetOnly: internetOnly
        ) { subnet in
            let endpoint = subnet.serviceEndpoints.contains { $0.service.lowercased() == "microsoft.sql" }
            let rule = server.virtualNetworkRules.contains { $0.subnet == subnet.id }
            return endpoint || rule || allowAzure
        }
        if unknown > 0 {
            assumptions.append("\(unknown) subnet(s) without a Microsoft.Sql service endpoint reach '\(name)' from their outbound public address, which the configuration does not give: not counted")
        }
        if !internetOnly && (!topology.localNetworkGateways.isEmpty || !topology.expressRouteConnectionsWithoutPrefixes.isEmpty) {
            assumptions.append("on-premises clients reach the public endpoint through their own Internet egress, whose address the configuration does not give: not counted")
        }
        return Result(destinationAddress: nil, port: port, entries: entries.filter { !$0.allowed.isEmpty }, assumptions: assumptions)
    }

    /// A public endpoint's locations: the Internet sources `internet`, and every subnet `traced` says reach decides
    /// by the VNet path (true) — its representative traced, its addresses swept through its outbound NSG towards
    /// the service tag — or not at all (false: counted as unknown, the source seen from an outbound public address).
    func publicEndpointEntries(
        to destination: ReachDestination, internet: IPAddressSet, tag: (base: String, region: String?), port: UInt16, protocol flowProtocol: ProtocolSet,
        internetOnly: Bool, traced: (Subnet) -> Bool
    ) -> (entries: [Entry], unknown: Int) {
        var entries: [Entry] = []
        if let first = internet.prefixes.first {
            let path = reach.reach(from: .internet(first.network), to: destination, port: port, protocol: flowProtocol)
            entries.append(Entry(kind: .internet, location: nil, name: "Internet", allowed: internet, path: path))
        }
        var unknown = 0
        guard !internetOnly else { return (entries, 0) }
        let tagAddress = reach.serviceTagAddress(tag.base, region: tag.region)
        for subnet in topology.subnets.values.sorted(by: { $0.id < $1.id }) {
            guard let representative = subnet.representativeAddress?.address else { continue }
            guard traced(subnet) else {
                unknown += 1
                continue
            }
            let path = reach.reach(from: .subnetAddress(subnet.id, representative), to: destination, port: port, protocol: flowProtocol)
            guard locationOpen(path) else { continue }
            var allowed = IPAddressSet(prefixes: subnet.addressPrefixes)
            if let tagAddress { allowed = allowed.intersection(outboundAllowed(from: subnet, to: tagAddress, port: port, protocol: flowProtocol)) }
            entries.append(Entry(kind: .subnet, location: subnet.id, name: "\(subnet.virtualNetwork.name)/\(subnet.header.name)", allowed: allowed, path: path))
        }
        return (entries, unknown)
    }
}
