/// The per-location answer that `exposure` and `matrix` share: for one source location (the Internet, a subnet,
/// an on-premises range), one destination and one port, the verdict, exactly the source addresses that get
/// through, and for a location that nothing gets through from, the deciding blocker (the first one on the path,
/// with the code `reach` gives it).
///
/// Routing is per route context: subnets with the same VNet, route table and service endpoints, whose replies
/// take the same route back from the destination, take the same path, so it is traced once from the first of
/// them; the NSGs on the way are swept in priority order over address sets for each location.
extension ExposureEngine {
    /// Where sources are.
    public struct Location: Hashable, Sendable {
        public var kind: LocationKind
        /// The subnet, or the local network gateway; nil for the Internet.
        public var id: ResourceID?
        public var name: String
        /// Every address the location holds (a subnet's prefixes, a gateway's address space, the Internet's public addresses).
        public var prefixes: IPAddressSet
        /// The prefixes are assumed: an ExpressRoute connection learns them by BGP and no configuration holds them.
        public var assumed: Bool

        /// A stable key: the resource ID, or `Internet`.
        public var key: String { id?.normalized ?? kind.rawValue }
    }

    /// The answer for one location.
    public struct LocationOutcome: Sendable {
        public var verdict: ReachVerdict
        /// Exactly the source addresses of the location that get through (for an Unknown verdict: those that would,
        /// where that can be told; empty otherwise).
        public var allowed: IPAddressSet
        /// For Unreachable: the first blocker on the path (the deciding hop).
        public var blocker: ReachBlocker?
        /// The path from the location's representative address, when one was traced.
        public var path: ReachResult?
        /// Why the verdict is Unknown.
        public var note: String?
        /// What the answer assumes beyond the configuration.
        public var assumptions: [String] = []
    }

    /// The Internet's sources (the platform's 168.63.129.16 is not the Internet).
    public static let internetSources = SecurityEngine.publicAddresses.subtracting(SecurityEngine.azureLoadBalancer)

    /// Every location: the Internet, each subnet (by ID), each on-premises range (each local network gateway, and
    /// each ExpressRoute connection with its assumed prefixes), by ID.
    func computeLocations() -> [Location] {
        var result = [Location(kind: .internet, id: nil, name: "Internet", prefixes: Self.internetSources, assumed: false)]
        for subnet in topology.subnets.values.sorted(by: { $0.id < $1.id }) {
            result.append(Location(kind: .subnet, id: subnet.id, name: "\(subnet.virtualNetwork.name)/\(subnet.header.name)",
                prefixes: IPAddressSet(prefixes: subnet.addressPrefixes), assumed: false))
        }
        for gateway in topology.localNetworkGateways.values.sorted(by: { $0.id < $1.id }) {
            let assumed = gateway.header.type == "NetTwin/assumedExpressRoutePrefixes"
            result.append(Location(kind: .onPremises, id: gateway.id, name: "on-premises \(gateway.header.name)",
                prefixes: IPAddressSet(prefixes: gateway.addressSpace), assumed: assumed))
        }
        return result
    }

    struct ProbeKey: Hashable {
        var destination: ReachDestination
        var port: UInt16
        var `protocol`: UInt8
    }

    /// The trace from the Internet that tells where the destination is (its address, the assumptions made).
    func probe(_ destination: ReachDestination, port: UInt16, protocol flowProtocol: ProtocolSet) -> ReachResult {
        let key = ProbeKey(destination: destination, port: port, protocol: flowProtocol.rawValue)
        if let cached = probes[key] { return cached }
        let result = reach.reach(from: .internet(IPAddress.v4(IPv4Address(8, 8, 8, 8))), to: destination, port: port, protocol: flowProtocol)
        probes[key] = result
        return result
    }

    /// The answer for one location.
    /// - Parameter explain: trace the path of each location that gets through (its hops explain the answer); without
    ///   it, only what decides is computed (the matrix).
    public func outcome(at location: Location, for destination: ReachDestination, port: UInt16, protocol flowProtocol: ProtocolSet = .tcp, explain: Bool = true) -> LocationOutcome {
        switch destination {
        case .sqlServer, .dataService:
            return publicServiceOutcome(at: location, for: destination, port: port, protocol: flowProtocol)
        default:
            return networkOutcome(at: location, for: destination, port: port, protocol: flowProtocol, explain: explain)
        }
    }

    /// A destination inside a VNet (an address, a NIC, a managed instance's endpoints, a private endpoint), or a
    /// managed instance's public endpoint, which only the Internet reaches by an address the configuration gives.
    func networkOutcome(at location: Location, for destination: ReachDestination, port: UInt16, protocol flowProtocol: ProtocolSet, explain: Bool) -> LocationOutcome {
        let probe = probe(destination, port: port, protocol: flowProtocol)
        var isPublic = false
        if case .managedInstancePublic = destination { isPublic = true }
        guard let address = probe.destinationAddress else {
            return LocationOutcome(verdict: .unreachable, allowed: .empty, blocker: probe.blockers.first, path: probe)
        }
        // What the destination itself refuses (a port it does not serve, a disabled public endpoint) comes first.
        if let refused = probe.blockers.first(where: { Self.destinationLevel.contains($0.code) }) {
            return LocationOutcome(verdict: .unreachable, allowed: .empty, blocker: refused, path: probe)
        }
        switch location.kind {
        case .internet:
            guard locationOpen(probe) else { return blocked(probe) }
            let allowed = location.prefixes.intersection(inboundAllowed(to: address, port: port, protocol: flowProtocol, destination: destination))
            guard !allowed.isEmpty else { return LocationOutcome(verdict: .unreachable, allowed: .empty, blocker: probe.blockers.first, path: probe) }
            return LocationOutcome(verdict: probe.undecided ? .unknown : .reachable, allowed: allowed, path: probe)
        case .subnet:
            guard let id = location.id, let subnet = topology.subnets[id], let representative = subnet.representativeAddress?.address else {
                return LocationOutcome(verdict: .unknown, allowed: .empty, note: "the subnet has no IPv4 address in the input")
            }
            if isPublic {
                return LocationOutcome(verdict: .unknown, allowed: .empty,
                    note: "a subnet reaches the public endpoint from its outbound public address, which the configuration does not give")
            }
            let outbound = location.prefixes.intersection(outboundAllowed(from: subnet, to: address, port: port, protocol: flowProtocol))
            let facts = routeFacts(subnet: subnet, representative: representative, destination: destination, address: address, port: port, protocol: flowProtocol)
            if outbound.isEmpty { return deniedOutbound(subnet, representative: representative, to: address, port: port, protocol: flowProtocol, path: nil) }
            if let first = facts.blockers.first { return LocationOutcome(verdict: .unreachable, allowed: .empty, blocker: first) }
            var allowed = outbound
            if facts.translated == nil { allowed = allowed.intersection(inboundAllowed(to: address, port: port, protocol: flowProtocol, destination: destination)) }
            allowed = throughAppliances(allowed, appliances: facts.appliances, translated: facts.translated, to: address, port: port, protocol: flowProtocol)
            guard !allowed.isEmpty else {
                return deniedOnPath(from: .subnetAddress(subnet.id, representative), to: destination, port: port, protocol: flowProtocol)
            }
            let path = explain ? reach.reach(from: .subnetAddress(subnet.id, representative), to: destination, port: port, protocol: flowProtocol) : nil
            return LocationOutcome(verdict: facts.undecided ? .unknown : .reachable, allowed: allowed, path: path, assumptions: facts.assumptions)
        case .onPremises:
            guard let id = location.id, let gateway = topology.localNetworkGateways[id],
                let first = gateway.addressSpace.first(where: \.isIPv4), case .v4(let network) = first.network
            else {
                return LocationOutcome(verdict: .unknown, allowed: .empty, note: "the on-premises range has no IPv4 prefix in the input")
            }
            if isPublic {
                return LocationOutcome(verdict: .unknown, allowed: .empty,
                    note: "on-premises clients reach the public endpoint through their own Internet egress, whose address the configuration does not give")
            }
            let representative = IPAddress.v4(IPv4Address(network.value + 1))
            let key = id.normalized + "|\(destination)|\(port)|\(flowProtocol.rawValue)"
            let path = locationPaths[key] ?? reach.reach(from: .onPremises(representative), to: destination, port: port, protocol: flowProtocol)
            locationPaths[key] = path
            guard locationOpen(path), let pathAddress = path.destinationAddress else { return blocked(path) }
            var allowed = location.prefixes
            if path.translatedSourceAddress == nil { allowed = allowed.intersection(inboundAllowed(to: pathAddress, port: port, protocol: flowProtocol, destination: destination)) }
            allowed = throughAppliances(allowed, appliances: Self.applianceHops(path), translated: path.translatedSourceAddress, to: pathAddress, port: port, protocol: flowProtocol)
            guard !allowed.isEmpty else { return deniedOnPath(from: .onPremises(representative), to: destination, port: port, protocol: flowProtocol) }
            return LocationOutcome(verdict: path.undecided || location.assumed ? .unknown : .reachable, allowed: allowed, path: path,
                note: location.assumed ? "the on-premises prefixes behind an ExpressRoute connection are assumed" : nil)
        }
    }

    /// The path from a subnet: traced once per route context and route back (see the type's comment).
    func contextPath(subnet: Subnet, representative: IPAddress, destination: ReachDestination, address: IPAddress?, question: String, port: UInt16, protocol flowProtocol: ProtocolSet) -> ReachResult {
        // A public service decides by the subnet itself (its virtual network rules), not only by its route context.
        var key = (address == nil ? subnet.id.normalized : RouteEngine.cacheKey(subnet)) + question
        if let address, let destinationSubnet = self.subnet(holding: address), let table = reach.verifier.routeTable(subnet: destinationSubnet.id),
            let (prefix, route) = table.route(to: representative)
        {
            key += "|back:\(prefix)>\(route.nextHopType.rawValue):\(route.nextHopIpAddresses.first?.description ?? "")"
        }
        if let cached = contextPaths[key] { return cached.subnet == subnet.id ? cached.path : Self.path(cached.path, tracedFrom: cached.subnet, askedFor: subnet.id) }
        let path = reach.reach(from: .subnetAddress(subnet.id, representative), to: destination, port: port, protocol: flowProtocol)
        contextPaths[key] = (subnet.id, path)
        return path
    }

    /// A path traced from one subnet of a route context, as another subnet of it has it: where the traced subnet
    /// is named (the source hop, a system route's blocker), the other is.
    static func path(_ path: ReachResult, tracedFrom traced: ResourceID, askedFor subnet: ResourceID) -> ReachResult {
        var copy = path
        copy.hops = path.hops.map { hop in
            var hop = hop
            if hop.resourceId == traced { hop.resourceId = subnet }
            return hop
        }
        copy.blockers = path.blockers.map { blocker in
            var blocker = blocker
            if blocker.resourceId == traced { blocker.resourceId = subnet }
            return blocker
        }
        return copy
    }

    /// The subnet whose prefixes hold an address (cached).
    func subnet(holding address: IPAddress) -> Subnet? {
        subnetPrefixes.longestMatch(address).flatMap { topology.subnets[$0.value] }
    }

    /// Every subnet prefix, for finding the subnet of an address (the first subnet by ID when prefixes overlap).
    static func subnetPrefixTable(_ topology: Topology) -> PrefixTable<ResourceID> {
        PrefixTable(topology.subnets.values.flatMap { subnet in subnet.addressPrefixes.map { ($0, subnet.id) } }, uniquingPrefixesWith: { min($0, $1) })
    }

    /// The effective routes of a subnet (cached per subnet; the verifier caches them per route context).
    func routeTable(of subnet: Subnet) -> EffectiveRouteTable? {
        if let cached = routeTablesBySubnet[subnet.id] { return cached }
        let table = reach.verifier.routeTable(subnet: subnet.id)
        routeTablesBySubnet[subnet.id] = table
        return table
    }

    /// Assumptions that hold for every source of a location (not the ones that name a source address).
    static func isGeneralAssumption(_ assumption: String) -> Bool {
        !assumption.contains("stands for the source") && !assumption.hasPrefix("replies go through")
            && !assumption.hasPrefix("the NIC's dynamic private address")
    }

    /// Blockers that the destination raises whatever the source (reach reports them before the path).
    static let destinationLevel: Set<ReachCode> = [.portNotServed, .publicEndpointDisabled, .destinationNotFound]

    /// A path closed whatever the source address: its first blocker that does not depend on the address.
    func blocked(_ path: ReachResult) -> LocationOutcome {
        let first = path.blockers.first { !Self.addressDependent.contains($0.code) } ?? path.blockers.first
        return LocationOutcome(verdict: .unreachable, allowed: .empty, blocker: first, path: path)
    }

    /// Every address of the subnet is denied by its own NSGs outbound: the first blocker, as reach says it for the
    /// subnet's representative address.
    func deniedOutbound(_ subnet: Subnet, representative: IPAddress, to address: IPAddress, port: UInt16, protocol flowProtocol: ProtocolSet, path: ReachResult?) -> LocationOutcome {
        let nic = reach.syntheticNIC(in: subnet, address: representative)
        let evaluation = reach.verifier.evaluate(
            .init(direction: .outbound, protocol: flowProtocol, localAddress: representative, localPort: ReachabilityEngine.sourcePort,
                  remoteAddress: address, remotePort: port), nic: nic)
        let group = evaluation.decidingGroup
        let blocker = ReachBlocker(
            .nsgDenyOutbound, group,
            "outbound TCP/\(port) is denied by \(evaluation.ruleName ?? "a rule") of network security group '\(group?.name ?? "")'",
            fix: "add an outbound Allow rule with a higher priority (lower number) than '\(evaluation.ruleName ?? "")' for \(address) on port \(port)")
        return LocationOutcome(verdict: .unreachable, allowed: .empty, blocker: blocker, path: path)
    }

    /// The route is open but every source is denied on the way (an appliance's NSGs, a firewall, the destination's
    /// NSGs): the representative address is traced on its own, and its first blocker decides.
    func deniedOnPath(from source: ReachSource, to destination: ReachDestination, port: UInt16, protocol flowProtocol: ProtocolSet) -> LocationOutcome {
        let own = reach.reach(from: source, to: destination, port: port, protocol: flowProtocol)
        return LocationOutcome(verdict: .unreachable, allowed: .empty, blocker: own.blockers.first, path: own)
    }

    /// A SQL Database server's, Key Vault's, Managed HSM's or storage account's public endpoint: the Internet through
    /// the service's firewall (server firewall rules, `networkAcls` IP rules); subnets as reach decides (a service
    /// endpoint with a virtual network rule, "Allow Azure services"), after their outbound NSGs towards the
    /// service tag; on-premises clients through an Internet egress the configuration does not give.
    func publicServiceOutcome(at location: Location, for destination: ReachDestination, port: UInt16, protocol flowProtocol: ProtocolSet) -> LocationOutcome {
        let policy = publicServicePolicy(destination, port: port)
        let question = "|\(destination)|\(port)|\(flowProtocol.rawValue)"
        switch location.kind {
        case .internet:
            let probe = probe(destination, port: port, protocol: flowProtocol)
            if let reason = policy.closed { return LocationOutcome(verdict: .unreachable, allowed: .empty, blocker: probe.blockers.first, path: probe, note: reason) }
            // Every public address the service's firewall admits (168.63.129.16 is only the platform for NSGs).
            let allowed = policy.internet
            guard let first = allowed.prefixes.first else { return LocationOutcome(verdict: .unreachable, allowed: .empty, blocker: probe.blockers.first, path: probe) }
            let key = "internet" + question
            let path = locationPaths[key] ?? reach.reach(from: .internet(first.network), to: destination, port: port, protocol: flowProtocol)
            locationPaths[key] = path
            return LocationOutcome(verdict: .reachable, allowed: allowed, path: path)
        case .subnet:
            guard let id = location.id, let subnet = topology.subnets[id], let representative = subnet.representativeAddress?.address else {
                return LocationOutcome(verdict: .unknown, allowed: .empty, note: "the subnet has no IPv4 address in the input")
            }
            let path = contextPath(subnet: subnet, representative: representative, destination: destination, address: nil, question: question, port: port, protocol: flowProtocol)
            if policy.closed != nil { return blocked(path) }
            var allowed = location.prefixes
            if let tagAddress = policy.tagAddress { allowed = allowed.intersection(outboundAllowed(from: subnet, to: tagAddress, port: port, protocol: flowProtocol)) }
            if allowed.isEmpty, let tagAddress = policy.tagAddress {
                return deniedOutbound(subnet, representative: representative, to: tagAddress, port: port, protocol: flowProtocol, path: path)
            }
            guard locationOpen(path) else { return blocked(path) }
            if path.undecided {
                return LocationOutcome(verdict: .unknown, allowed: .empty, path: path,
                    note: "the subnet reaches the public endpoint from its outbound public address, which the configuration does not give")
            }
            return LocationOutcome(verdict: .reachable, allowed: allowed, path: path)
        case .onPremises:
            if let reason = policy.closed {
                let probe = probe(destination, port: port, protocol: flowProtocol)
                return LocationOutcome(verdict: .unreachable, allowed: .empty, blocker: probe.blockers.first, path: probe, note: reason)
            }
            return LocationOutcome(verdict: .unknown, allowed: .empty,
                note: "on-premises clients reach the public endpoint through their own Internet egress, whose address the configuration does not give")
        }
    }

    /// What decides a public service endpoint before any path: closed (public network access disabled, a port the
    /// service does not serve), the Internet addresses its firewall admits, the service tag the subnets' outbound
    /// NSGs are evaluated towards, and what the answer assumes.
    struct PublicServicePolicy {
        var closed: String?
        var internet: IPAddressSet = .empty
        var tagAddress: IPAddress?
        var assumptions: [String] = []
    }

    func publicServicePolicy(_ destination: ReachDestination, port: UInt16) -> PublicServicePolicy {
        var policy = PublicServicePolicy()
        switch destination {
        case .sqlServer(let id):
            guard let server = topology.sqlServers[id] else {
                policy.closed = "SQL server '\(id.name)' is not in the input"
                return policy
            }
            let name = server.header.name
            let served = port == ReachabilityEngine.tdsPort || ReachabilityEngine.redirectPorts.contains(port)
            if server.publicNetworkAccess?.lowercased() == "disabled" || !served {
                policy.closed = served
                    ? "public network access of '\(name)' is disabled: only its private endpoints connect (ask with --endpoint private)"
                    : "the SQL Database gateway serves TCP 1433 (and 11000-11999 with Redirect), not \(port)"
                return policy
            }
            // The Internet: the server-level IP rules (not "Allow Azure services", which admits Azure, not the Internet).
            policy.internet = IPAddressSet(v4: SqlFirewallRule.admitted(by: server.firewallRules), v6: .empty).intersection(SecurityEngine.publicAddresses)
            if server.firewallRules.contains(where: \.isAllowAzureServices) {
                policy.assumptions.append("'Allow Azure services' (AllowAllWindowsAzureIps) admits any client inside Azure, other customers' included: no address set in the configuration describes them")
            }
            policy.assumptions.append("database-level firewall rules (set with T-SQL) are not in the configuration")
            policy.tagAddress = reach.serviceTagAddress("Sql", region: server.header.location)
        case .dataService(let id) where topology.flexibleServers[id] != nil:
            let server = topology.flexibleServers[id]!
            if server.delegatedSubnet != nil || server.publicNetworkAccess?.lowercased() == "disabled" || port != server.engine.port {
                policy.closed = port != server.engine.port ? "'\(server.header.name)' listens on TCP \(server.engine.port), not \(port)"
                    : server.delegatedSubnet != nil ? "'\(server.header.name)' is VNet-integrated: it has no public endpoint"
                    : "public network access of '\(server.header.name)' is disabled: only its private endpoints connect"
                return policy
            }
            policy.internet = IPAddressSet(v4: SqlFirewallRule.admitted(by: server.firewallRules), v6: .empty).intersection(SecurityEngine.publicAddresses)
            if server.firewallRules.contains(where: \.isAllowAzureServices) {
                policy.assumptions.append("the 0.0.0.0 rule ('Allow public access from any Azure service') admits any client inside Azure, other customers' included")
            }
        case .dataService(let id):
            let vault = topology.keyVaults[id]
            let account = topology.storageAccounts[id]
            guard vault != nil || account != nil else {
                policy.closed = "'\(id.name)' is not a key vault, managed HSM or storage account in the input"
                return policy
            }
            let name = vault?.header.name ?? account!.header.name
            let acls = vault?.networkAcls ?? account?.networkAcls
            let publicAccess = vault?.publicNetworkAccess ?? account?.publicNetworkAccess
            if publicAccess?.lowercased() == "disabled" || port != 443 {
                policy.closed = port == 443
                    ? "public network access of '\(name)' is disabled: only its private endpoints connect (ask with --endpoint private)"
                    : "'\(name)' serves HTTPS on 443, not \(port)"
                return policy
            }
            let denyByDefault = acls?.defaultAction?.lowercased() == "deny"
            policy.internet = denyByDefault ? IPAddressSet(prefixes: acls?.ipRules ?? []).intersection(SecurityEngine.publicAddresses) : SecurityEngine.publicAddresses
            if denyByDefault, let bypass = acls?.bypass, bypass.lowercased().contains("azureservices") {
                policy.assumptions.append("networkAcls bypass '\(bypass)' lets trusted Microsoft services through whatever the rules say")
            }
            policy.tagAddress = reach.serviceTagAddress(vault != nil ? "AzureKeyVault" : "Storage", region: vault?.header.location ?? account?.header.location)
        default:
            break
        }
        return policy
    }
}

/// What decides a path apart from the source address: its blockers that do not depend on the address (in path
/// order), whether something on it cannot be decided offline, the source translation, and the appliances crossed.
struct RouteFacts: Sendable {
    var blockers: [ReachBlocker]
    var undecided: Bool
    var translated: IPAddress?
    var appliances: [ResourceID]
    /// The path's assumptions that hold whatever the source (not those that name its address).
    var assumptions: [String]

    init(blockers: [ReachBlocker], undecided: Bool = false, translated: IPAddress? = nil, appliances: [ResourceID] = [], assumptions: [String] = []) {
        self.blockers = blockers
        self.undecided = undecided
        self.translated = translated
        self.appliances = appliances
        self.assumptions = assumptions
    }

    init(_ path: ReachResult) {
        self.init(blockers: path.blockers.filter { !ExposureEngine.addressDependent.contains($0.code) }, undecided: path.undecided,
                  translated: path.translatedSourceAddress, appliances: ExposureEngine.applianceHops(path),
                  assumptions: path.assumptions.filter(ExposureEngine.isGeneralAssumption))
    }
}

extension ExposureEngine {
    /// The route-level facts of the path from a subnet. Subnets whose first hop towards the destination is the same
    /// (same next hop, same VNet checks pass or fail alike), and whose replies take the same route back, share the
    /// rest of the path: it is traced once, from the first of them, and each subnet adds the blockers of its own first
    /// hop (its peering to the next hop). With Azure Firewalls present, whose rules and SNAT depend on the source,
    /// the path is traced per route context instead.
    func routeFacts(subnet: Subnet, representative: IPAddress, destination: ReachDestination, address: IPAddress, port: UInt16, protocol flowProtocol: ProtocolSet) -> RouteFacts {
        guard topology.azureFirewalls.isEmpty, let table = routeTable(of: subnet) else {
            let question = "|\(destination)|\(port)|\(flowProtocol.rawValue)"
            return RouteFacts(contextPath(subnet: subnet, representative: representative, destination: destination, address: address, question: question, port: port, protocol: flowProtocol))
        }
        guard let (_, route) = table.route(to: address) else {
            return RouteFacts(blockers: [ReachBlocker(.noRoute, subnet.id, "no route to \(address) from subnet \(subnet.header.name)", fix: "add a route")])
        }
        let hopKey = FirstHopKey(subnet: subnet.id, type: route.nextHopType, hop: route.nextHopIpAddresses.first, origin: route.origin, table: route.routeTable)
        let first: (blockers: [ReachBlocker], terminal: Bool, key: String)
        if let known = firstHops[hopKey] {
            first = known
        } else {
            first = firstHop(from: subnet, route: route, representative: representative)
            firstHops[hopKey] = first
        }
        if first.terminal { return RouteFacts(blockers: first.blockers) }
        // What the path after the first hop depends on: the destination (its ports, for a managed instance), the route
        // back, and whether the source's own NSG is in the input (a missing one makes the path undecided).
        var back: RouteGroupKey.Back?
        if let destinationSubnet = self.subnet(holding: address), let table = routeTable(of: destinationSubnet), let (prefix, route) = table.route(to: representative) {
            back = RouteGroupKey.Back(prefix: prefix, type: route.nextHopType, hop: route.nextHopIpAddresses.first)
        }
        var portKey: UInt16? = nil
        if case .managedInstanceVNetLocal = destination { portKey = port }
        let key = RouteGroupKey(destination: destination, port: portKey, protocol: flowProtocol.rawValue, firstHop: first.key, back: back,
                                sourceNSGKnown: subnet.networkSecurityGroup.map { topology.networkSecurityGroups[$0] != nil } ?? true)
        let group: (subnet: ResourceID, representative: IPAddress, firstHop: [ReachBlocker], facts: RouteFacts)
        if let known = routeGroups[key] {
            group = known
        } else {
            let path = reach.reach(from: .subnetAddress(subnet.id, representative), to: destination, port: port, protocol: flowProtocol)
            group = (subnet.id, representative, first.blockers, RouteFacts(path))
            routeGroups[key] = group
        }
        // The rest of the path: the group's blockers without its first hop's, named for this subnet.
        var rest = group.facts.blockers
        for blocker in group.firstHop {
            if let i = rest.firstIndex(of: blocker) { rest.remove(at: i) }
        }
        if group.subnet != subnet.id {
            rest = rest.map { blocker in
                var blocker = blocker
                if blocker.resourceId == group.subnet { blocker.resourceId = subnet.id }
                return blocker
            }
        }
        var facts = group.facts
        facts.blockers = first.blockers + rest
        return facts
    }

    /// What the rest of a path depends on once its first hop is known (see `routeFacts`).
    struct RouteGroupKey: Hashable {
        struct Back: Hashable {
            var prefix: IPPrefix
            var type: EffectiveNextHopType
            var hop: IPAddress?
        }
        var destination: ReachDestination
        /// The port, where the destination serves some ports only (a managed instance); nil otherwise.
        var port: UInt16?
        var `protocol`: UInt8
        var firstHop: String
        var back: Back?
        var sourceNSGKnown: Bool
    }

    struct FirstHopKey: Hashable {
        var subnet: ResourceID
        var type: EffectiveNextHopType
        var hop: IPAddress?
        var origin: ResourceID?
        var table: ResourceID?
    }

    /// The first hop from a subnet, as `ReachabilityEngine.forward` takes it: the blockers that this subnet's own
    /// VNet raises there (its peering towards the next hop), whether the path ends there, and a key for the hop.
    func firstHop(from subnet: Subnet, route: EffectiveRoute, representative: IPAddress) -> (blockers: [ReachBlocker], terminal: Bool, key: String) {
        var trace = ReachabilityEngine.Trace()
        trace.sourceAddress = representative
        let vnet = subnet.virtualNetwork.normalized
        switch route.nextHopType {
        case .vnetPeering:
            guard let peering = route.origin.flatMap({ topology.peerings[$0] }), let remote = peering.remoteVirtualNetwork else {
                return ([], true, "")
            }
            reach.checkPeering(peering, trace: &trace)
            return (trace.blockers, false, "peering|\(vnet)>\(remote.normalized)")
        case .virtualAppliance:
            guard let hop = route.nextHopIpAddresses.first, let appliance = reach.networkInterface(withAddress: hop),
                let applianceSubnet = appliance.primaryIPConfiguration?.subnet.flatMap({ topology.subnets[$0] })
            else {
                return ([], false, "appliance|\(route.nextHopIpAddresses.first?.description ?? "")|\(route.routeTable?.normalized ?? "")")
            }
            let sameNetwork = applianceSubnet.virtualNetwork == subnet.virtualNetwork
            if !reach.towardsAppliance(from: subnet, to: applianceSubnet, address: hop, source: representative, trace: &trace) {
                return (trace.blockers, true, "")
            }
            return (trace.blockers, false, "appliance|\(hop)|\(sameNetwork ? vnet : "other")")
        case .interfaceEndpoint:
            if let endpoint = route.origin.flatMap({ topology.privateEndpoints[$0] }), let endpointSubnet = endpoint.subnet.flatMap({ topology.subnets[$0] }),
                endpointSubnet.virtualNetwork != subnet.virtualNetwork,
                let peering = reach.index.peeringBetween[subnet.virtualNetwork]?[endpointSubnet.virtualNetwork].flatMap({ topology.peerings[$0] })
            {
                reach.checkPeering(peering, trace: &trace)
                return (trace.blockers, false, "endpoint|\(endpoint.id.normalized)|peered")
            }
            return ([], false, "endpoint|\(route.origin?.normalized ?? "")|\(vnet)")
        case .vnetLocal:
            return ([], false, "local|\(vnet)")
        case .none:
            return ([], false, "none|\(route.routeTable?.normalized ?? "system")")
        default:
            return ([], false, "\(route.nextHopType.rawValue)|\(route.routeTable?.normalized ?? "")|\(route.origin?.normalized ?? "")|\(vnet)")
        }
    }
}
