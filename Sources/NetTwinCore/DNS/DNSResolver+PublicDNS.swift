/// The public side of resolution: the names Azure publishes for the modelled resources, their
/// `privatelink` aliases, failover group listeners and Traffic Manager profiles.
extension DNSResolver {
    enum PublicStep {
        /// A CNAME; resolution continues with its value.
        case alias(DNSChainLink, warnings: [String])
        case answer(DNSChainLink, DNSAnswer, warnings: [String])
        /// Several possible CNAMEs (Traffic Manager methods that depend on the client).
        case candidates([DNSChainLink], reason: String)
        case unknown(String)
    }

    func publicStep(_ name: String) -> PublicStep {
        if let service = services.byName[name] {
            // private-endpoint-dns.md: an Approved private endpoint inserts `<name>.privatelink.<zone>`
            // in the public chain; without one there is no alias.
            if services.hasApprovedPrivateEndpoint(service), let alias = service.privateLinkName {
                return .alias(DNSChainLink(name: name, type: .cname, value: alias, source: .publicDns, resourceID: service.resource), warnings: [])
            }
            return serviceAnswer(service, name: name)
        }
        if let service = services.byPrivateLinkName[name] {
            guard services.hasApprovedPrivateEndpoint(service) else {
                return .unknown("'\(name)' is the privatelink alias of \(service.kindDescription) '\(service.resourceName)', which has no approved private endpoint; azure publishes the alias only for approved ones (private-endpoint-dns.md)")
            }
            // Behind the alias of a managed instance is its VNet-local endpoint.
            if service.kind == .managedInstanceLocal { return localEndpoint(of: service, name: name) }
            return frontEnd(service, name: name, afterPrivateLink: true)
        }
        if let profile = profilesByName[name] { return trafficManagerStep(profile, name: name) }
        // Regional names behind a modelled Managed HSM Traffic Manager profile (`westeurope.<hsm>`).
        if let service = services.byName.values.first(where: { $0.kind == .managedHSM && hsmProfiles[$0.resource] != nil && name.hasSuffix("." + $0.fqdn) }) {
            return publicAddress(of: service, name: name, warnings: [])
        }
        if let zone = catalog.publicServiceZones.first(where: { name.hasSuffix("." + $0) }) {
            return .unknown("'\(name)' is in the public zone '\(zone)' but names no resource in the input; its public answer is unknown")
        }
        return .unknown("'\(name)' is not a name of a resource in the input; its public dns answer is unknown")
    }

    /// The answer for a service name without a private link alias.
    func serviceAnswer(_ service: AzureServiceName, name: String) -> PublicStep {
        switch service.kind {
        case .managedInstanceLocal:
            return localEndpoint(of: service, name: name)
        case .managedInstancePublic(let enabled):
            guard enabled else {
                return .unknown("the public data endpoint of managed instance '\(service.resourceName)' is disabled (publicDataEndpointEnabled false); whether '\(name)' still resolves is not documented")
            }
            let reason = "the public ip of the public endpoint of managed instance '\(service.resourceName)' is not in the configuration"
            return .answer(
                DNSChainLink(name: name, type: .a, value: "<public ip of managed instance '\(service.resourceName)'>", source: .azureService, resourceID: service.resource),
                DNSAnswer(type: .a, address: nil, unknownReason: reason, resourceID: service.resource), warnings: [])
        case .failoverGroupListener(let target), .failoverGroupReadOnlyListener(let target):
            // failover-group-sql-mi.md: the read-write listener is a CNAME to the current primary, the
            // read-only one to the current secondary; failover updates the CNAME.
            let readOnly = if case .failoverGroupReadOnlyListener = service.kind { true } else { false }
            guard let target else {
                return .unknown("the \(readOnly ? "secondary" : "primary") instance of failover group '\(service.resourceName)' is not in the input")
            }
            let note = readOnly ? "read-only listener: current secondary" : "read-write listener: current primary"
            return .alias(DNSChainLink(name: name, type: .cname, value: target, source: .azureService, resourceID: service.resource, note: note), warnings: [])
        default:
            return frontEnd(service, name: name, afterPrivateLink: false)
        }
    }

    /// connectivity-architecture-overview.md: the VNet-local name is publicly resolvable and points at a
    /// private IP of the instance's subnet. Exports do not carry that address, so it is unknown, within the subnet.
    func localEndpoint(of service: AzureServiceName, name: String) -> PublicStep {
        let subnet = service.subnet.flatMap { topology.subnets[$0] }
        let prefixes = subnet?.addressPrefixes ?? []
        let place = subnet.map { "subnet '\($0.virtualNetwork.name)/\($0.header.name)' (\(prefixes.map(\.description).joined(separator: ", ")))" } ?? "the instance's subnet"
        let reason = "the vnet-local endpoint of managed instance '\(service.resourceName)' is a private ip in \(place); the configuration does not give the address"
        let value = "<private ip in \(prefixes.isEmpty ? "the instance subnet" : prefixes.map(\.description).joined(separator: ", "))>"
        return .answer(
            DNSChainLink(name: name, type: .a, value: value, source: .azureService, resourceID: service.resource),
            DNSAnswer(type: .a, address: nil, unknownReason: reason, within: prefixes, resourceID: service.resource), warnings: [])
    }

    /// The public front end of a service: a modelled Traffic Manager layer for a multi-region Managed
    /// HSM, else an unknown public address.
    func frontEnd(_ service: AzureServiceName, name: String, afterPrivateLink: Bool) -> PublicStep {
        if service.kind == .managedHSM, let profile = hsmProfiles[service.resource], let fqdn = profile.fqdn {
            return .alias(
                DNSChainLink(name: name, type: .cname, value: fqdn, source: .publicDns, resourceID: profile.id),
                warnings: ["traffic manager profile '\(profile.header.name)' is taken as the layer that managed hsm multi-region replication puts in front of '\(service.resourceName)' (multi-region-replication.md); in azure that profile belongs to microsoft"])
        }
        var warnings: [String] = []
        if afterPrivateLink {
            warnings.append(
                "outside the vnets linked to its privatelink zone, '\(name)' continues through azure's own public aliases to a public address (key-vault private-link-diagnostics.md); those names and the address are not in the configuration")
        }
        return publicAddress(of: service, name: name, warnings: warnings)
    }

    func publicAddress(of service: AzureServiceName, name: String, warnings: [String]) -> PublicStep {
        let reason = "the public address of \(service.kindDescription) '\(service.resourceName)' is not in the configuration"
        return .answer(
            DNSChainLink(name: name, type: .a, value: "<public address of \(service.kindDescription) '\(service.resourceName)'>", source: .azureService, resourceID: service.resource),
            DNSAnswer(type: .a, address: nil, unknownReason: reason, resourceID: service.resource), warnings: warnings)
    }

    /// traffic-manager-routing-methods.md: the profile answers with a CNAME to the endpoint its method picks.
    func trafficManagerStep(_ profile: TrafficManagerProfile, name: String) -> PublicStep {
        func link(_ candidate: TrafficManagerRouting.Candidate) -> DNSChainLink {
            let isAddress = IPAddress(candidate.target) != nil
            return DNSChainLink(
                name: name, type: isAddress ? (candidate.target.contains(":") ? .aaaa : .a) : .cname, value: candidate.target,
                source: .trafficManager, resourceID: candidate.endpoint.id ?? profile.id, note: candidate.note)
        }
        let vantage = client ?? .unknown
        var notes: [String] = []
        let method = profile.trafficRoutingMethod?.lowercased() ?? ""
        if clientIsDefault, method == "performance", let region = vantage.region {
            notes.append("the query is taken to come from \(region), the asking VNet's region, where Azure-provided DNS answers (give another vantage with --client-region)")
        }
        switch TrafficManagerRouting(topology: topology, data: trafficManagerData).answer(profile, client: vantage) {
        case .endpoint(let candidate, let warnings):
            let step = link(candidate)
            if let address = IPAddress(candidate.target) {
                return .answer(step, DNSAnswer(type: step.type, address: address, resourceID: candidate.endpoint.id ?? profile.id), warnings: notes + warnings)
            }
            return .alias(step, warnings: notes + warnings)
        case .endpoints(let candidates, let warnings):
            // MultiValue: address records only (traffic-manager-routing-methods.md).
            guard let first = candidates.first, let address = IPAddress(first.target) else {
                return .unknown("traffic manager profile '\(profile.header.name)' returns no address")
            }
            let others = candidates.dropFirst().map(\.target)
            return .answer(link(first), DNSAnswer(type: link(first).type, address: address, resourceID: first.endpoint.id ?? profile.id),
                           warnings: notes + warnings + (others.isEmpty ? [] : ["the answer also holds \(others.joined(separator: ", ")) (MultiValue)"]))
        case .depends(let candidates, let reason):
            return .candidates(candidates.map(link), reason: reason)
        case .noAnswer(let reason):
            return .unknown(reason)
        }
    }
}
