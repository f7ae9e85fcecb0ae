/// Destinations given as DNS names: resolved from the source's VNet as the client would
/// (private-endpoint-dns.md), then traced.
extension ReachabilityEngine {
    public enum NameError: Error, Hashable, Sendable {
        /// Names are resolved from a VNet; an outside source has none here.
        case sourceOutsideVirtualNetworks
    }

    /// Resolves `name` from the source (its VNet; public DNS from the Internet; the configuration's inbound endpoint, or
    /// public DNS, from on-premises) and traces the answer. NXDOMAIN is an Unreachable verdict with
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
        case .internet:
            from = .internet
        case .onPremises(let address):
            from = .onPremises(forwarder: topology.onPremisesForwarder(for: address)?.address)
        }
        let resolution = DNSResolver(topology: topology).resolve(name: name, from: from)
        guard let destination = destination(of: resolution) else {
            var trace = Trace()
            if resolution.status == .nxDomain {
                trace.blockers.append(ReachBlocker(.dnsNameNotFound, resolution.chain.last?.resourceID, "'\(name)' does not resolve from the source (NXDOMAIN)", fix: "add the record to the private DNS zone linked to the source's VNet, or link the zone that has it"))
            } else {
                trace.assumptions += resolution.warnings
                trace.assumptions.append("'\(name)' resolves to no address NetTwin can trace (\(resolution.status.rawValue))")
                trace.unknown = true
            }
            return (resolution, result(trace, port: port, protocol: flowProtocol))
        }
        var answer = reach(from: source, to: destination, name: name, port: port, protocol: flowProtocol)
        if let service = publicService(destination), let endpoint = approvedPrivateEndpoint(of: service) {
            let message: String
            switch source {
            case .internet:
                message = "'\(name)' resolves to the public endpoint of '\(service.name)' from the internet; private endpoint '\(endpoint.name)' is for clients in azure or on-premises"
            case .onPremises:
                message = "'\(name)' resolves to the public endpoint of '\(service.name)' from on-premises although private endpoint '\(endpoint.name)' exists: "
                    + (from == .onPremises(forwarder: nil) ? "on-premises dns has no forwarder or private resolver inbound endpoint in the configuration" : "the forwarder's virtual network has no private dns zone with its record linked")
            default:
                message = "'\(name)' resolves to the public endpoint of '\(service.name)' from the source's VNet although private endpoint '\(endpoint.name)' exists: no private DNS zone with its record is linked to that VNet"
            }
            let outsideInternet: Bool = if case .internet = source { true } else { false }
            if answer.verdict == .unreachable && !outsideInternet {
                answer.blockers.append(ReachBlocker(.dnsResolvesPublicDespitePrivateEndpoint, endpoint, message, fix: "link the private DNS zone of the endpoint to the source's VNet (or add an endpoint and zone in its region)"))
            } else if outsideInternet {
                answer.assumptions.append(message)
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

/// A service named as the destination is reached the way its clients reach it: by its host name, resolved from the
/// source's vantage point (an approved private endpoint with its zone linked gives the private address; otherwise the
/// public endpoint).
extension ReachabilityEngine {
    /// The host name a client uses for the resource: a SQL server's FQDN, a vault's or HSM's URI host, a storage
    /// account's blob name (its file name for 445).
    public func hostName(of resource: ResourceID, port: UInt16) -> String? {
        let services = AzureServiceDirectory(topology: topology).byName.values.filter { $0.resource == resource }
        let preferred = services.first { service in
            switch service.kind {
            case .sqlServer, .keyVault, .managedHSM: true
            case .storage(let kind): kind == (port == 445 ? "file" : "blob")
            default: false
            }
        }
        return preferred?.fqdn
    }

    /// Reaches `resource` by its host name from `source`, saying which endpoint the name led to. Nil when the resource
    /// has no host name, or when the name leads to no address NetTwin can trace (the caller then traces the service's
    /// public endpoint itself).
    public func reachByHostName(from source: ReachSource, resource: ResourceID, port: UInt16, protocol flowProtocol: ProtocolSet = .tcp) -> (DNSResolution, ReachResult)? {
        guard let name = hostName(of: resource, port: port),
              let (resolution, found) = try? reach(from: source, name: name, port: port, protocol: flowProtocol),
              let destination = destination(of: resolution) else { return nil }
        var answer = found
        let picked: String
        if case .address(let address) = destination,
           let endpoint = topology.privateEndpoints.values.sorted(by: { $0.id < $1.id }).first(where: { NetworkIndex.addresses(of: $0, in: topology).contains(address) }) {
            picked = "its private endpoint '\(endpoint.header.name)' (\(address))"
        } else if case .address(let address) = destination {
            picked = "\(address)"
        } else {
            picked = "its public endpoint"
        }
        answer.assumptions.insert("'\(resource.name)' is reached by its host name '\(name)', as its clients reach it; from the source it leads to \(picked) (--endpoint chooses another)", at: 0)
        return (resolution, answer)
    }
}
