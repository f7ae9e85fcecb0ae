/// Resolves a name as a client in a VNet would, through Azure-provided DNS (168.63.129.16), the
/// private DNS zones linked to the VNet, and the names Azure publishes for the modelled resources.
///
/// Rules, with their sources:
/// - virtual-networks-name-resolution-for-vms-and-role-instances.md: a VNet without `dnsServers` uses
///   Azure-provided DNS; a NIC's own `dnsServers` replace the VNet's. With custom servers the answer
///   depends on what they forward, so it is `Unknown` unless a server is 168.63.129.16 itself.
/// - private-endpoint-dns.md: only zones linked to the VNet are consulted ("any DNS resolution from that
///   Virtual Network will ignore the Private DNS Zone" otherwise); every alias of the chain is checked for
///   a private registration, and once one is found the public aliases stop; a linked zone without the
///   name fails the name ("Private networks already using the private DNS zone for a given type, can only
///   connect to public resources if they don't have any private endpoint connections").
/// - private-endpoint-overview.md: only Approved connections get the `privatelink` alias.
/// - key-vault/general/private-link-diagnostics.md: the chain
///   `fabrikam.vault.azure.net → fabrikam.privatelink.vaultcore.azure.net → 10.1.2.3` inside, and on to a
///   public address outside.
public struct DNSResolver: Sendable {
    /// The virtual public IP of Azure-provided DNS.
    public static let azureProvidedDNS = IPAddress.v4(IPv4Address(168, 63, 129, 16))
    /// CNAME steps followed before giving up (resolvers answer SERVFAIL on loops).
    public static let maximumChainLength = 16

    public let topology: Topology
    public let catalog: PrivateLinkZoneCatalog
    public let services: AzureServiceDirectory
    let views: [ResourceID: PrivateZoneView]
    let zonesByName: [String: [PrivateDnsZone]]
    let profilesByName: [String: TrafficManagerProfile]
    /// A Traffic Manager profile whose endpoints are the regional names of a Managed HSM, as multi-region
    /// replication puts one in front of the pool (managed-hsm/multi-region-replication.md).
    let hsmProfiles: [ResourceID: TrafficManagerProfile]
    /// The geographic hierarchy and region latencies Traffic Manager's location-aware methods use.
    public var trafficManagerData: TrafficManagerData = .empty
    /// Where the query comes from, for Traffic Manager (set per question; by default the asking VNet's region).
    var client: TrafficManagerRouting.Client?
    var clientIsDefault = false

    public init(topology: Topology, catalog: PrivateLinkZoneCatalog? = nil, trafficManagerData: TrafficManagerData = .empty) {
        let catalog = catalog ?? topology.privateLinkZones
        self.trafficManagerData = trafficManagerData == .empty ? topology.trafficManagerData : trafficManagerData
        self.topology = topology
        self.catalog = catalog
        let services = AzureServiceDirectory(topology: topology, catalog: catalog)
        self.services = services
        var linked: [ResourceID: [(PrivateDnsZone, VirtualNetworkLink)]] = [:]
        var byName: [String: [PrivateDnsZone]] = [:]
        for zone in topology.privateDnsZones.values.sorted(by: { $0.id < $1.id }) {
            byName[zone.zoneName, default: []].append(zone)
            for link in zone.virtualNetworkLinks {
                if let vnet = link.virtualNetwork { linked[vnet, default: []].append((zone, link)) }
            }
        }
        views = linked.mapValues { PrivateZoneView(zones: $0) }
        zonesByName = byName
        var profiles: [String: TrafficManagerProfile] = [:]
        var hsm: [ResourceID: TrafficManagerProfile] = [:]
        let hsmNames = services.byName.values.filter { $0.kind == .managedHSM }
        for profile in topology.trafficManagerProfiles.values.sorted(by: { $0.id < $1.id }) {
            if let fqdn = profile.fqdn, profiles[fqdn] == nil { profiles[fqdn] = profile }
            let targets = profile.endpoints.compactMap { $0.target?.lowercased() }
            for service in hsmNames where !targets.isEmpty && targets.allSatisfy({ $0.hasSuffix("." + service.fqdn) }) {
                if hsm[service.resource] == nil { hsm[service.resource] = profile }
            }
        }
        profilesByName = profiles
        hsmProfiles = hsm
    }

    /// What `name` resolves to from the VNet of `source`; `client` is where Traffic Manager sees the query come from
    /// (by default the VNet's region: Azure-provided DNS answers from there).
    public func resolve(name: String, from source: DNSQuerySource, client: TrafficManagerRouting.Client? = nil) -> DNSResolution {
        var copy = self
        copy.client = client
        return copy.resolveHere(name: name, from: source)
    }

    func resolveHere(name: String, from source: DNSQuerySource) -> DNSResolution {
        let query = Self.normalize(name)
        var result = DNSResolution(name: query, from: source, virtualNetwork: nil, dnsServers: [], status: .unknown)
        switch source {
        case .internet:
            resolvePublicly(query, into: &result)
            return result
        case .onPremises(let forwarder):
            guard let forwarder else {
                result.warnings.append("no dns private resolver inbound endpoint or forwarder is given for on-premises clients: they get the public answer, and private endpoints are not reached by name (private-endpoint-dns-integration.md)")
                resolvePublicly(query, into: &result)
                return result
            }
            guard let subnet = topology.subnets.values.sorted(by: { $0.id < $1.id }).first(where: { $0.addressPrefixes.contains { $0.contains(forwarder) } }) else {
                result.warnings.append("the dns forwarder \(forwarder) is in no subnet of the input; its answer is unknown")
                return result
            }
            // The inbound endpoint (or a forwarder VM sending to 168.63.129.16) answers as Azure-provided DNS in its VNet.
            var inner = resolveHere(name: name, from: .subnet(subnet.id))
            if inner.dnsServers.isEmpty == false && !inner.dnsServers.contains(Self.azureProvidedDNS) {
                inner.warnings.append("the forwarder's virtual network uses custom dns servers; an inbound endpoint still answers with azure-provided dns")
            }
            inner.from = source
            inner.dnsServers = [forwarder]
            inner.warnings.insert("on-premises dns forwards to \(forwarder) in '\(subnet.virtualNetwork.name)/\(subnet.header.name)', which answers with the private dns zones linked to '\(subnet.virtualNetwork.name)'", at: 0)
            return inner
        default:
            break
        }
        guard let client = client(source, warnings: &result.warnings) else { return result }
        result.virtualNetwork = client.vnet.id
        result.dnsServers = client.servers
        if !client.servers.isEmpty {
            let list = client.servers.map(\.description).joined(separator: ", ")
            guard client.servers.contains(Self.azureProvidedDNS) else {
                result.warnings.append(
                    "\(client.owner) uses custom dns servers \(list); the answer depends on what they forward: private dns zones answer only for queries that reach 168.63.129.16 from a linked vnet (private-endpoint-dns.md)")
                return result
            }
            if client.servers.count > 1 {
                result.warnings.append("\(client.owner) lists 168.63.129.16 among other dns servers (\(list)); this is azure-provided dns's answer, the other servers may answer differently")
            }
        }
        var resolver = self
        if resolver.client == nil {
            resolver.client = TrafficManagerRouting.Client(region: client.vnet.header.location)
            resolver.clientIsDefault = true
        }
        let view = views[client.vnet.id] ?? PrivateZoneView(zones: [])
        for conflict in view.conflicts {
            result.warnings.append("more than one private dns zone named '\(conflict)' is linked to '\(client.vnet.header.name)'; azure allows one per name, the first by id is used")
        }
        resolver.walk(query, view: view, vnet: client.vnet, into: &result)
        var seen = Set<String>()
        result.warnings = result.warnings.filter { seen.insert($0).inserted }
        return result
    }

    /// Public DNS's answer: no private zone is consulted (an approved private endpoint's `privatelink` alias is public, and
    /// outside the linked VNets it leads on to the public address; key-vault/general/private-link-diagnostics.md).
    func resolvePublicly(_ query: String, into result: inout DNSResolution) {
        var resolver = self
        if resolver.client == nil { resolver.clientIsDefault = true }
        resolver.walk(query, view: PrivateZoneView(zones: []), vnet: nil, into: &result)
        var seen = Set<String>()
        result.warnings = result.warnings.filter { seen.insert($0).inserted }
    }

    /// Follows the chain from `query`: private registrations first at every step, then the public answer.
    func walk(_ query: String, view: PrivateZoneView, vnet: VirtualNetwork?, into result: inout DNSResolution) {
        var current = query
        var seen = Set<String>()
        while true {
            if seen.contains(current) || seen.count >= Self.maximumChainLength {
                result.status = .serverFailure
                result.warnings.append(seen.contains(current)
                    ? "cname loop at '\(current)'; resolvers answer servfail"
                    : "the chain is longer than \(Self.maximumChainLength) names; resolution stopped at '\(current)'")
                return
            }
            seen.insert(current)
            if let linked = view.zone(containing: current) {
                let zoneName = linked.zone.zoneName
                if let shadowed = catalog.shadowedPublicZone(zoneName) {
                    result.warnings.append(
                        "private dns zone '\(zoneName)' linked to '\(vnet?.header.name ?? "?")' overrides the public zone '\(shadowed)': '\(current)' resolves only from this zone")
                }
                switch view.lookup(current, in: linked) {
                case .cname(let record):
                    let target = Self.normalize(record.canonicalName ?? "")
                    result.chain.append(DNSChainLink(name: current, type: .cname, value: target, source: .privateDnsZone, resourceID: record.id ?? linked.zone.id))
                    current = target
                    continue
                case .addresses(let records):
                    for record in records {
                        for address in record.addresses {
                            let kind: DNSRecordKind = record.type == .aaaa ? .aaaa : .a
                            result.chain.append(DNSChainLink(name: current, type: kind, value: address.description, source: .privateDnsZone, resourceID: record.id ?? linked.zone.id))
                            result.answers.append(DNSAnswer(type: kind, address: address, resourceID: record.id ?? linked.zone.id))
                        }
                    }
                    result.status = .noError
                    return
                case .noData:
                    result.status = .noError
                    result.warnings.append("private dns zone '\(zoneName)' has no a, aaaa or cname record for '\(current)'")
                    return
                case .nxDomain:
                    if linked.link.resolutionPolicy?.lowercased() == "nxdomainredirect" {
                        result.warnings.append(
                            "link '\(linked.link.name)' of private dns zone '\(zoneName)' has resolutionPolicy 'NxDomainRedirect': the public answer is taken (this policy is not covered by the documents read)")
                    } else {
                        result.status = .nxDomain
                        result.warnings.append(
                            "private dns zone '\(zoneName)' is linked to '\(vnet?.header.name ?? "?")' but has no record for '\(current)': the name fails from this vnet (private-endpoint-dns.md)")
                        return
                    }
                }
            } else if let vnet {
                noteUnlinkedZones(holding: current, vnet: vnet, into: &result)
            }
            switch publicStep(current) {
            case .alias(let link, let warnings):
                result.chain.append(link)
                result.warnings += warnings
                current = link.value
            case .answer(let link, let answer, let warnings):
                result.chain.append(link)
                result.answers.append(answer)
                result.warnings += warnings
                result.status = .noError
                return
            case .candidates(let links, let reason):
                result.chain += links
                result.warnings.append(reason)
                result.status = .unknown
                return
            case .unknown(let reason):
                result.warnings.append(reason)
                result.status = .unknown
                return
            }
        }
    }

    /// Says which zones in the input would hold the name but are ignored because they are not linked.
    func noteUnlinkedZones(holding name: String, vnet: VirtualNetwork, into result: inout DNSResolution) {
        var labels = name.split(separator: ".")
        while labels.count > 1 {
            for zone in zonesByName[labels.joined(separator: ".")] ?? [] {
                result.warnings.append(
                    "private dns zone '\(zone.zoneName)' in resource group '\(zone.id.resourceGroup ?? "?")' is not linked to '\(vnet.header.name)' and is ignored (private-endpoint-dns.md)")
            }
            labels.removeFirst()
        }
    }

    struct Client {
        var vnet: VirtualNetwork
        var servers: [IPAddress]
        /// `virtual network 'x'` or `network interface 'y'`: whose DNS servers apply.
        var owner: String
    }

    func client(_ source: DNSQuerySource, warnings: inout [String]) -> Client? {
        let vnetID: ResourceID?
        var nic: NetworkInterface?
        switch source {
        case .internet, .onPremises: return nil
        case .virtualNetwork(let id): vnetID = id
        case .subnet(let id): vnetID = topology.subnets[id]?.virtualNetwork ?? id.parent
        case .networkInterface(let id):
            nic = topology.networkInterfaces[id]
            vnetID = nic?.primaryIPConfiguration?.subnet?.parent
        }
        guard let vnetID, let vnet = topology.virtualNetworks[vnetID] else {
            warnings.append("\(source.kind) '\(source.text)' has no virtual network in the input; nothing can be resolved from it")
            return nil
        }
        if let nic, !nic.dnsServers.isEmpty {
            return Client(vnet: vnet, servers: nic.dnsServers, owner: "network interface '\(nic.header.name)'")
        }
        return Client(vnet: vnet, servers: vnet.dnsServers, owner: "virtual network '\(vnet.header.name)'")
    }

    /// Lowercased, without a trailing dot or surrounding spaces.
    public static func normalize(_ name: String) -> String {
        var text = name.lowercased().trimmingSpaces
        while text.hasSuffix(".") { text.removeLast() }
        return text
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
