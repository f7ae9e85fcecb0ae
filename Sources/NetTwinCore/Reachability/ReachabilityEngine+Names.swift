/// Destinations given as DNS names: resolved from the source's VNet as the client would
/// (private-endpoint-dns.md), then traced.
extension ReachabilityEngine {
    public enum NameError: Error, Hashable, Sendable {
        /// Names are resolved from a VNet; an outside source has none here.
        case sourceOutsideVirtualNetworks
    }

    /// Resolves `name` from the source and traces the answer. NXDOMAIN is an Unreachable verdict with
    /// `DNS_NAME_NOT_FOUND`; a name that reaches a service's public endpoint although the service has an
    /// approved private endpoint gets `DNS_PUBLIC_DESPITE_PRIVATE_ENDPOINT` (a blocker when the public path is
    /// closed, an assumption otherwise).
    public func reach(from source: ReachSource, name: String, port: UInt16, protocol flowProtocol: ProtocolSet = .tcp) throws(NameError) -> (DNSResolution, ReachResult) {
        let from: DNSQuerySource
        switch source {
        case .networkInterface(let id): from = .networkInterface(id)
        case .subnet(let id), .subnetAddress(let id, _): from = .subnet(id)
        case .webSite(let id):
            guard let subnet = topology.webSites[id]?.virtualNetworkSubnet else { throw .sourceOutsideVirtualNetworks }
            from = .subnet(subnet)
        case .internet, .onPremises:
            throw .sourceOutsideVirtualNetworks
        }
        let resolution = DNSResolver(topology: topology).resolve(name: name, from: from)
        guard let destination = destination(of: resolution) else {
            var trace = Trace()
            if resolution.status == .nxDomain {
                trace.blockers.append(ReachBlocker(.dnsNameNotFound, resolution.chain.last?.resourceID, "'\(name)' does not resolve from the source's virtual network (NXDOMAIN)", fix: "add the record to the private DNS zone linked to the source's VNet, or link the zone that has it"))
            } else {
                trace.assumptions += resolution.warnings
                trace.assumptions.append("'\(name)' resolves to no address NetTwin can trace (\(resolution.status.rawValue))")
                trace.unknown = true
            }
            return (resolution, result(trace, port: port, protocol: flowProtocol))
        }
        var answer = reach(from: source, to: destination, name: name, port: port, protocol: flowProtocol)
        if let service = publicService(destination), let endpoint = approvedPrivateEndpoint(of: service) {
            let message = "'\(name)' resolves to the public endpoint of '\(service.name)' from the source's VNet although private endpoint '\(endpoint.name)' exists: no private DNS zone with its record is linked to that VNet"
            if answer.verdict == .unreachable {
                answer.blockers.append(ReachBlocker(.dnsResolvesPublicDespitePrivateEndpoint, endpoint, message, fix: "link the private DNS zone of the endpoint to the source's VNet (or add an endpoint and zone in its region)"))
            } else {
                answer.assumptions.append(message + "; traffic takes the public path")
            }
        }
        return (resolution, answer)
    }

    /// What an answer points at: its first address, or the public endpoint of the service it names.
    public func destination(of resolution: DNSResolution) -> ReachDestination? {
        for answer in resolution.answers {
            if let address = answer.address { return .address(address) }
            if let id = answer.resourceID {
                if topology.sqlManagedInstances[id] != nil {
                    return resolution.name.lowercased().contains(".public.") ? .managedInstancePublic(id) : .managedInstanceVNetLocal(id)
                }
                if topology.sqlServers[id] != nil { return .sqlServer(id) }
                if topology.keyVaults[id] != nil || topology.storageAccounts[id] != nil { return .dataService(id) }
            }
        }
        return nil
    }

    public func publicService(_ destination: ReachDestination) -> ResourceID? {
        switch destination {
        case .sqlServer(let id), .dataService(let id), .managedInstancePublic(let id): id
        default: nil
        }
    }

    /// An approved private endpoint whose connection targets the resource.
    public func approvedPrivateEndpoint(of resource: ResourceID) -> ResourceID? {
        topology.privateEndpoints.values.sorted { $0.id < $1.id }.first { endpoint in
            endpoint.connections.contains { $0.privateLinkServiceId == resource && $0.state.status == .approved }
        }?.id
    }
}
