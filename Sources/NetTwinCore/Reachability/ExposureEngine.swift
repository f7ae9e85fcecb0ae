/// "Who can reach this?": for a destination and port, every source that gets through, computed
/// exactly over address sets per location (each subnet, each on-premises range, the Internet) rather
/// than by sampling. Routing is per subnet, so each location's path is traced once; the NSGs on the
/// way are swept in priority order over address sets.
public final class ExposureEngine {
    public let topology: Topology
    let reach: ReachabilityEngine
    var inboundCache: [InboundKey: IPAddressSet] = [:]
    var outboundProfiles: [OutboundProfile.Key: OutboundProfile] = [:]
    /// Route-level facts shared by the subnets that take the same first hop towards a destination (`routeFacts`).
    var routeGroups: [RouteGroupKey: (subnet: ResourceID, representative: IPAddress, firstHop: [ReachBlocker], facts: RouteFacts)] = [:]
    var profilesBySubnet: [SubnetPortKey: OutboundProfile] = [:]
    /// Paths per route context and route back (`contextPath`), per on-premises or Internet location, and the
    /// probes that locate each destination; keyed by the question, so that one engine answers many.
    var contextPaths: [String: (subnet: ResourceID, path: ReachResult)] = [:]
    var locationPaths: [String: ReachResult] = [:]
    var probes: [ProbeKey: ReachResult] = [:]
    lazy var subnetPrefixes: PrefixTable<ResourceID> = Self.subnetPrefixTable(topology)
    var routeTablesBySubnet: [ResourceID: EffectiveRouteTable?] = [:]
    var firstHops: [FirstHopKey: (blockers: [ReachBlocker], terminal: Bool, key: String)] = [:]

    /// Every location sources are in (see `computeLocations`).
    public private(set) lazy var locations: [Location] = computeLocations()

    /// What the model assumes beyond the configuration (ExpressRoute prefixes).
    let modelAssumptions: [String]

    /// ExpressRoute connections learn their on-premises prefixes by BGP; no configuration holds them. Exposure
    /// then assumes them to be the private address space (RFC 1918, RFC 6598) outside the input's VNets and local
    /// network gateways, each connection a location of its own, and says so.
    public init(topology: Topology, serviceTags: ServiceTagTable = .empty) {
        var model = topology
        var notes: [String] = []
        let circuits = topology.expressRouteConnectionsWithoutPrefixes
        if !circuits.isEmpty {
            var space = FirewallEvaluator.ianaPrivateRanges
            for vnet in topology.virtualNetworks.values { space.subtract(IPAddressSet(prefixes: vnet.addressSpace)) }
            for gateway in topology.localNetworkGateways.values { space.subtract(IPAddressSet(prefixes: gateway.addressSpace)) }
            model = topology.assumingExpressRoutePrefixes(space.prefixes).topology
            notes.append("ExpressRoute connection\(circuits.count == 1 ? "" : "s") \(circuits.map { "'\($0.header.name)'" }.joined(separator: ", ")) learn\(circuits.count == 1 ? "s" : "") on-premises prefixes by BGP, which no configuration holds: the private address space outside the input's VNets and local network gateways stands for them")
        }
        self.topology = model
        self.modelAssumptions = notes
        self.reach = ReachabilityEngine(topology: model, serviceTags: serviceTags)
    }

    /// An engine for a configuration that differs from `previous`'s only in the rules of `groups` (NSGs that stay
    /// associated where they were): what does not depend on those rules is taken over (routes, paths, first hops,
    /// outbound profiles of other subnets, inbound sets of addresses they do not guard).
    convenience init(topology: Topology, serviceTags: ServiceTagTable, inheriting previous: ExposureEngine, changedGroups groups: Set<ResourceID>) {
        self.init(topology: topology, serviceTags: serviceTags)
        routeGroups = previous.routeGroups
        firstHops = previous.firstHops
        routeTablesBySubnet = previous.routeTablesBySubnet
        outboundProfiles = previous.outboundProfiles.filter { $0.key.nsg.map { !groups.contains($0) } ?? true }
        profilesBySubnet = previous.profilesBySubnet.filter { entry in
            self.topology.subnets[entry.key.subnet]?.networkSecurityGroup.map { !groups.contains($0) } ?? true
        }
        inboundCache = previous.inboundCache.filter { entry in
            guard let subnet = subnet(holding: entry.key.address) else { return true }
            if let group = subnet.networkSecurityGroup, groups.contains(group) { return false }
            let nics = reach.index.nicsByAddress[entry.key.address] ?? []
            return !nics.contains { topology.networkInterfaces[$0.nic]?.networkSecurityGroup.map(groups.contains) == true }
        }
    }

    public enum LocationKind: String, Hashable, Sendable {
        case subnet = "Subnet"
        case onPremises = "OnPremises"
        case internet = "Internet"
    }

    /// The sources of one location that reach the destination, and what lets them.
    public struct Entry: Sendable {
        public var kind: LocationKind
        /// The subnet, or the local network gateway; nil for the Internet.
        public var location: ResourceID?
        public var name: String
        /// Exactly the source addresses of this location that get through.
        public var allowed: IPAddressSet
        /// The path from a representative address (its hops explain what lets traffic through).
        public var path: ReachResult
    }

    public struct Result: Sendable {
        public var destinationAddress: IPAddress?
        public var port: UInt16
        public var entries: [Entry]
        public var assumptions: [String]
        /// Every source address that gets through, over all locations.
        public var allowed: IPAddressSet { entries.reduce(.empty) { $0.union($1.allowed) } }
    }

    /// Blockers that depend on the source address (NSG rules); the others close the whole location.
    static let addressDependent: Set<ReachCode> = [.nsgDenyInbound, .nsgDenyOutbound, .firewallDeny]

    public func exposure(of destination: ReachDestination, port: UInt16, protocol flowProtocol: ProtocolSet = .tcp, internetOnly: Bool = false) -> Result {
        var assumptions = modelAssumptions
        var destinationAddress: IPAddress?
        var publicService: (service: String, name: String)?
        switch destination {
        case .sqlServer(let id), .dataService(let id):
            let policy = publicServicePolicy(destination, port: port)
            if let closed = policy.closed { return Result(destinationAddress: nil, port: port, entries: [], assumptions: assumptions + [closed]) }
            assumptions += policy.assumptions
            let service = topology.sqlServers[id] != nil ? "Microsoft.Sql" : topology.keyVaults[id] != nil ? "Microsoft.KeyVault"
                : topology.flexibleServers[id] != nil ? "" : "Microsoft.Storage"
            publicService = (service, topology.sqlServers[id]?.header.name ?? topology.keyVaults[id]?.header.name ?? topology.storageAccounts[id]?.header.name ?? id.name)
        default:
            let probe = probe(destination, port: port, protocol: flowProtocol)
            destinationAddress = probe.destinationAddress
            assumptions += probe.assumptions
        }
        var isPublicEndpoint = false
        if case .managedInstancePublic = destination { isPublicEndpoint = true }
        var entries: [Entry] = []
        var unknownSubnets = 0
        for location in locations {
            if (internetOnly || isPublicEndpoint) && location.kind != .internet { continue }
            let outcome = outcome(at: location, for: destination, port: port, protocol: flowProtocol)
            if outcome.verdict == .unknown && outcome.allowed.isEmpty && location.kind == .subnet { unknownSubnets += 1 }
            guard !outcome.allowed.isEmpty, let path = outcome.path else { continue }
            entries.append(Entry(kind: location.kind, location: location.id, name: location.name, allowed: outcome.allowed, path: path))
        }
        if let publicService {
            if unknownSubnets > 0 {
                assumptions.append("\(unknownSubnets) subnet(s)\(publicService.service.isEmpty ? "" : " without a \(publicService.service) service endpoint") reach '\(publicService.name)' from their outbound public address, which the configuration does not give: not counted")
            }
            if publicService.service == "Microsoft.Sql", !internetOnly, !topology.localNetworkGateways.isEmpty {
                assumptions.append("on-premises clients reach the public endpoint through their own Internet egress, whose address the configuration does not give: not counted")
            }
        }
        var seen = Set<String>()
        assumptions = assumptions.filter { seen.insert($0).inserted }
        return Result(destinationAddress: destinationAddress, port: port, entries: entries, assumptions: assumptions)
    }

    /// The sources that the appliances on the path let through: a firewall's network rules swept in processing
    /// order (sources left to application rules are not counted: they are not evaluated offline, and the path says
    /// so), a virtual appliance's NIC and subnet NSGs inbound and outbound. When a firewall translated the source
    /// (SNAT), the destination's NSGs saw the firewall's address instead.
    func throughAppliances(_ sources: IPAddressSet, appliances: [ResourceID], translated: IPAddress?, to address: IPAddress, port: UInt16, protocol flowProtocol: ProtocolSet, destination: ReachDestination? = nil) -> IPAddressSet {
        var allowed = sources
        for id in appliances {
            if let firewall = topology.azureFirewalls[id] {
                allowed = allowed.intersection(reach.firewalls.allowedSources(firewall, destination: address, port: port, protocol: flowProtocol))
            } else if let appliance = topology.networkInterfaces[id] {
                for direction in [SecurityRuleDirection.inbound, .outbound] {
                    for step in reach.verifier.plan(for: appliance, direction: direction) {
                        guard let rules = step.rules else { continue }
                        allowed = allowed.intersection(sweep(rules, port: port, protocol: flowProtocol, destination: address))
                    }
                }
            }
        }
        if let translated, !inboundAllowed(to: address, port: port, protocol: flowProtocol, destination: destination).contains(translated) {
            return .empty
        }
        return allowed
    }

    /// The firewalls and appliances a path crosses, each once, in order.
    static func applianceHops(_ path: ReachResult) -> [ResourceID] {
        var seen = Set<ResourceID>()
        return path.hops.compactMap { hop in
            guard hop.kind == "firewall" || hop.kind == "appliance", let id = hop.resourceId, seen.insert(id).inserted else { return nil }
            return id
        }
    }

    /// Whether anything other than NSG rules (which depend on the source address) blocks the location.
    func locationOpen(_ path: ReachResult) -> Bool {
        path.blockers.allSatisfy { Self.addressDependent.contains($0.code) }
    }

    /// Sources allowed inbound at the destination: the NSGs of its subnet (and NIC), rules swept in priority order. A
    /// managed instance's VNet-local endpoint with the Redirect connection type needs 11000-11999 after 1433
    /// (connection-types-overview.md), so on 1433 its sources are those allowed on both.
    func inboundAllowed(to address: IPAddress, port: UInt16, protocol flowProtocol: ProtocolSet, destination: ReachDestination?) -> IPAddressSet {
        var allowed = inboundAllowed(to: address, port: port, protocol: flowProtocol)
        if case .managedInstanceVNetLocal(let id)? = destination, port == ReachabilityEngine.tdsPort, let instance = topology.sqlManagedInstances[id],
            (instance.proxyOverride ?? "Default").lowercased() != "proxy"
        {
            allowed = allowed.intersection(inboundAllowed(to: address, port: ReachabilityEngine.redirectPorts.lowerBound, protocol: flowProtocol))
        }
        return allowed
    }

    struct InboundKey: Hashable {
        var address: IPAddress
        var port: UInt16
        var `protocol`: UInt8
    }

    func inboundAllowed(to address: IPAddress, port: UInt16, protocol flowProtocol: ProtocolSet) -> IPAddressSet {
        let key = InboundKey(address: address, port: port, protocol: flowProtocol.rawValue)
        if let cached = inboundCache[key] { return cached }
        let result = computeInboundAllowed(to: address, port: port, protocol: flowProtocol)
        inboundCache[key] = result
        return result
    }

    func computeInboundAllowed(to address: IPAddress, port: UInt16, protocol flowProtocol: ProtocolSet) -> IPAddressSet {
        guard let subnet = subnet(holding: address) else { return .all }
        let nic = reach.destinationNIC(for: address, in: subnet)
        var allowed = IPAddressSet.all
        for step in reach.verifier.plan(for: nic, direction: .inbound) {
            guard let rules = step.rules else { continue }
            allowed = allowed.intersection(sweep(rules, port: port, protocol: flowProtocol, destination: address))
        }
        return allowed
    }

    /// Sources of a subnet allowed outbound to the destination by the subnet's NSG (its outbound profile for the port).
    func outboundAllowed(from subnet: Subnet, to address: IPAddress, port: UInt16, protocol flowProtocol: ProtocolSet) -> IPAddressSet {
        outboundProfile(of: subnet, port: port, protocol: flowProtocol).allowed(to: address, engine: self)
    }

    /// The profile of a subnet's outbound rules on one port (cached per NSG, route context and port).
    func outboundProfile(of subnet: Subnet, port: UInt16, protocol flowProtocol: ProtocolSet) -> OutboundProfile {
        let subnetKey = SubnetPortKey(subnet: subnet.id, port: port, protocol: flowProtocol.rawValue)
        if let known = profilesBySubnet[subnetKey] { return known }
        let profile = computeOutboundProfile(of: subnet, port: port, protocol: flowProtocol)
        profilesBySubnet[subnetKey] = profile
        return profile
    }

    struct SubnetPortKey: Hashable {
        var subnet: ResourceID
        var port: UInt16
        var `protocol`: UInt8
    }

    func computeOutboundProfile(of subnet: Subnet, port: UInt16, protocol flowProtocol: ProtocolSet) -> OutboundProfile {
        let key = OutboundProfile.Key(nsg: subnet.networkSecurityGroup, context: subnet.networkSecurityGroup == nil ? "" : RouteEngine.cacheKey(subnet), port: port, protocol: flowProtocol.rawValue)
        if let cached = outboundProfiles[key] { return cached }
        var steps: [[CompiledSecurityRule]] = []
        if let first = subnet.addressPrefixes.first {
            let nic = reach.syntheticNIC(in: subnet, address: first.network)
            for step in reach.verifier.plan(for: nic, direction: .outbound) {
                guard let rules = step.rules else { continue }
                steps.append(rules.filter {
                    $0.rule.protocols.contains(flowProtocol) && $0.rule.destinationPorts.contains(port) && $0.rule.sourcePorts.contains(ReachabilityEngine.sourcePort)
                })
            }
        }
        let profile = OutboundProfile(steps: steps, empty: subnet.addressPrefixes.isEmpty)
        outboundProfiles[key] = profile
        return profile
    }

    /// First match wins: walking the rules in order, each rule decides for the source addresses no
    /// earlier rule took. The destination is fixed (inbound it is the local address, outbound the remote one).
    func sweep(_ rules: [CompiledSecurityRule], port: UInt16, protocol flowProtocol: ProtocolSet, destination: IPAddress) -> IPAddressSet {
        var remaining = IPAddressSet.all
        var allowed = IPAddressSet.empty
        for compiled in rules {
            let rule = compiled.rule
            guard rule.protocols.contains(flowProtocol), rule.destinationPorts.contains(port),
                rule.sourcePorts.contains(ReachabilityEngine.sourcePort), compiled.destinationAddresses.contains(destination)
            else { continue }
            let matched = remaining.intersection(compiled.sourceAddresses)
            if rule.access == .allow { allowed.formUnion(matched) }
            remaining.subtract(matched)
            if remaining.isEmpty { break }
        }
        return allowed
    }
}

/// A subnet's outbound NSG rules on one port, as a function of the destination: the distinct destination sets of its
/// rules, and for each combination of them a destination falls in, the sources the rules allow (first match wins,
/// in priority order). Computed once per NSG, route context and port; each destination then costs a few lookups.
final class OutboundProfile {
    struct Key: Hashable {
        var nsg: ResourceID?
        var context: String
        var port: UInt16
        var `protocol`: UInt8
    }

    let steps: [[CompiledSecurityRule]]
    /// The distinct destination sets of the rules, and each rule's index among them.
    let destinationSets: [IPAddressSet]
    let setOfRule: [[Int]]
    let empty: Bool
    private var bySignature: [[Bool]: IPAddressSet] = [:]

    init(steps: [[CompiledSecurityRule]], empty: Bool) {
        self.steps = steps
        self.empty = empty
        var sets: [IPAddressSet] = []
        var index: [IPAddressSet: Int] = [:]
        var setOfRule: [[Int]] = []
        for step in steps {
            setOfRule.append(step.map { rule in
                if let known = index[rule.destinationAddresses] { return known }
                index[rule.destinationAddresses] = sets.count
                sets.append(rule.destinationAddresses)
                return sets.count - 1
            })
        }
        self.destinationSets = sets
        self.setOfRule = setOfRule
    }

    func allowed(to destination: IPAddress, engine: ExposureEngine) -> IPAddressSet {
        if empty { return .empty }
        let signature = destinationSets.map { $0.contains(destination) }
        if let cached = bySignature[signature] { return cached }
        var allowed = IPAddressSet.all
        for (s, step) in steps.enumerated() {
            var remaining = IPAddressSet.all
            var stepAllowed = IPAddressSet.empty
            for (r, compiled) in step.enumerated() where signature[setOfRule[s][r]] {
                let matched = remaining.intersection(compiled.sourceAddresses)
                if compiled.rule.access == .allow { stepAllowed.formUnion(matched) }
                remaining.subtract(matched)
                if remaining.isEmpty { break }
            }
            allowed = allowed.intersection(stepAllowed)
        }
        bySignature[signature] = allowed
        return allowed
    }
}
