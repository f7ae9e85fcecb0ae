/// Required paths × single failures: which paths survive which failure, and which are lost with the blocker.
///
/// A path is lost when, in the failure's scenario (`Scenario`), `reach` answers Unreachable where the configuration as
/// given answers otherwise. A path's own regions (its source's — for on-premises, the region of the gateways it enters
/// through — and its destination's, unless the destination is a multi-region service such as a failover group listener
/// or a replicated Managed HSM) are expected to take the path down with them: a loss there is reported, not counted.
/// Every other loss is one the architecture claims to survive.
public struct Resilience: Sendable {
    /// What a path goes to.
    public enum Target: Hashable, Sendable {
        case destination(ReachDestination)
        /// A host name, resolved in each scenario from the source's VNet (a listener follows a failover).
        case hostName(String)
        /// A failover group's read-write listener, as the instance it points at in each scenario (a source outside the
        /// VNets, on-premises, resolves it through a forwarder the configuration does not give).
        case listenerPrimary(ResourceID)
    }

    public struct RequiredPath: Hashable, Sendable {
        public var name: String
        public var source: ReachSource
        public var target: Target
        public var port: UInt16
        public var `protocol`: ProtocolSet
        /// What the path must stay: reachable (true) or blocked (false).
        public var mustBeReachable: Bool
        /// Regions whose failure is expected to take the path down.
        public var ownRegions: Set<String>
        /// Resources whose own failure is expected to take the path down (its source and single-region destination).
        public var ownResources: Set<ResourceID>

        public init(name: String, source: ReachSource, target: Target, port: UInt16, protocol: ProtocolSet = .tcp, mustBeReachable: Bool = true,
                    ownRegions: Set<String> = [], ownResources: Set<ResourceID> = []) {
            self.name = name
            self.source = source
            self.target = target
            self.port = port
            self.protocol = `protocol`
            self.mustBeReachable = mustBeReachable
            self.ownRegions = ownRegions
            self.ownResources = ownResources
        }
    }

    public struct Failure: Hashable, Sendable {
        public var label: String
        public var operation: Scenario.Operation
        /// The region the failure is in, when it has one (a region, or a regional resource).
        public var region: String?
        public var resource: ResourceID?
    }

    public enum Outcome: Hashable, Sendable {
        case survives(ReachVerdict)
        /// Lost, with the deciding blocker; `expected` when the failure is in the path's own region or is its own endpoint.
        case lost(ReachCode?, ResourceID?, message: String, expected: Bool)
        /// The failure touches nothing the path uses (not evaluated).
        case notOnPath
    }

    public struct Report: Sendable {
        public var paths: [RequiredPath]
        public var baseline: [ReachResult]
        public var failures: [Failure]
        /// `outcomes[path][failure]`.
        public var outcomes: [[Outcome]]
        /// Losses the architecture claims to survive.
        public var unexpectedLosses: Int {
            outcomes.joined().count { if case .lost(_, _, _, let expected) = $0 { return !expected }; return false }
        }
    }

    public let topology: Topology
    public let serviceTags: ServiceTagTable

    public init(topology: Topology, serviceTags: ServiceTagTable = .empty) {
        self.topology = topology
        self.serviceTags = serviceTags
    }

    // MARK: Required paths

    /// The paths the configuration shows it needs: every app (App Service with VNet integration) to its database — the
    /// read-write listener of each failover group, or each managed instance without one — on 1433; every managed instance
    /// to its TDE key's host on 443; every on-premises range to the primary instance on 1433; and each failover group's
    /// replication link, both ways, on 5022 and 11000-11999 (failover-group-sql-mi.md). Only paths that are open in the
    /// configuration as given are required (the others are not claimed).
    public func derivedPaths() -> [RequiredPath] {
        var paths: [RequiredPath] = []
        let instances = topology.sqlManagedInstances.values.sorted { $0.id < $1.id }
        let directory = AzureServiceDirectory(topology: topology)
        let groups = topology.instanceFailoverGroups.values.sorted { $0.id < $1.id }
        var inGroup = Set<ResourceID>()
        var listeners: [(name: String, group: InstanceFailoverGroup)] = []
        for group in groups {
            for pair in group.managedInstancePairs { [pair.primary, pair.partner].compactMap { $0 }.forEach { inGroup.insert($0) } }
            if let listener = directory.byName.values.first(where: { service in
                if case .failoverGroupListener = service.kind, service.resource == group.id { return true }
                return false
            }) {
                listeners.append((listener.fqdn, group))
            }
        }
        func region(of subnet: ResourceID?) -> String? {
            subnet.flatMap { topology.subnets[$0] }.flatMap { topology.virtualNetworks[$0.virtualNetwork]?.header.location }
        }
        for site in topology.webSites.values.sorted(by: { $0.id < $1.id }) where site.virtualNetworkSubnet != nil {
            let own = Set([site.header.location, region(of: site.virtualNetworkSubnet)].compactMap { $0 })
            for listener in listeners {
                paths.append(RequiredPath(name: "\(site.header.name) → \(listener.name) TCP/1433", source: .webSite(site.id), target: .hostName(listener.name), port: 1433,
                                          ownRegions: own, ownResources: [site.id]))
            }
            for instance in instances where !inGroup.contains(instance.id) {
                paths.append(RequiredPath(name: "\(site.header.name) → \(instance.header.name) TCP/1433", source: .webSite(site.id), target: .destination(.managedInstanceVNetLocal(instance.id)), port: 1433,
                                          ownRegions: own.union([instance.header.location].compactMap { $0 }), ownResources: [site.id, instance.id]))
            }
        }
        for instance in instances {
            guard let subnet = instance.subnet, let host = AzureServiceDirectory.host(of: instance.keyId) else { continue }
            paths.append(RequiredPath(name: "\(instance.header.name) → TDE key \(host) TCP/443", source: .subnet(subnet), target: .hostName(host), port: 443,
                                      ownRegions: Set([instance.header.location].compactMap { $0 }), ownResources: [instance.id, subnet]))
        }
        for gateway in topology.localNetworkGateways.values.sorted(by: { $0.id < $1.id }) {
            guard let first = gateway.addressSpace.first(where: \.isIPv4), case .v4(let network) = first.network else { continue }
            let address = IPAddress.v4(IPv4Address(network.value + 1))
            // On-premises enters Azure through its connections' gateways: their regions are the path's own.
            let entry = Set(topology.connections.values.filter { $0.localNetworkGateway2 == gateway.id }.compactMap { connection in
                connection.virtualNetworkGateway1.flatMap { topology.virtualNetworkGateways[$0]?.header.location }
            })
            for listener in listeners {
                paths.append(RequiredPath(name: "on-premises \(gateway.header.name) → \(listener.name) (the primary instance) TCP/1433", source: .onPremises(address),
                                          target: .listenerPrimary(listener.group.id), port: 1433, ownRegions: entry, ownResources: [gateway.id]))
            }
            for instance in instances where !inGroup.contains(instance.id) {
                paths.append(RequiredPath(name: "on-premises \(gateway.header.name) → \(instance.header.name) TCP/1433", source: .onPremises(address),
                                          target: .destination(.managedInstanceVNetLocal(instance.id)), port: 1433,
                                          ownRegions: entry.union([instance.header.location].compactMap { $0 }), ownResources: [gateway.id, instance.id]))
            }
        }
        for group in groups {
            for pair in group.managedInstancePairs {
                guard let a = pair.primary.flatMap({ topology.sqlManagedInstances[$0] }), let b = pair.partner.flatMap({ topology.sqlManagedInstances[$0] }),
                    let subnetA = a.subnet, let subnetB = b.subnet
                else { continue }
                for (from, subnet, to) in [(a, subnetA, b), (b, subnetB, a)] {
                    // The geo-replication link connects the instances' subnets (not the client endpoint, which serves
                    // 1433 and 11000-11999 only): an address of the partner's subnet stands for the instance.
                    guard let partner = to.subnet.flatMap({ topology.subnets[$0] })?.representativeAddress?.address else { continue }
                    for port in [UInt16(5022), ReachabilityEngine.redirectPorts.lowerBound] {
                        paths.append(RequiredPath(
                            name: "replication \(from.header.name) → \(to.header.name) TCP/\(port == 5022 ? "5022" : "11000-11999")", source: .subnet(subnet),
                            target: .destination(.address(partner)), port: port,
                            ownRegions: Set([from.header.location, to.header.location].compactMap { $0 }), ownResources: Set([from.id, to.id, subnet] + [to.subnet].compactMap { $0 })))
                    }
                }
            }
        }
        // Only what works as given is required.
        let engine = ReachabilityEngine(topology: topology, serviceTags: serviceTags)
        return paths.filter { evaluate($0, engine: engine).verdict != .unreachable }
    }

    // MARK: Failures

    /// Every single failure: each region, and each gateway, connection, peering (one per pair), virtual appliance,
    /// firewall, private endpoint, managed instance, vault or HSM, HSM regional pool and Traffic Manager endpoint.
    public func allSingleFailures() -> [Failure] {
        var failures: [Failure] = []
        for region in Scenario.regions(topology).sorted() {
            failures.append(Failure(label: "region \(region)", operation: .failRegion(region), region: region, resource: nil))
        }
        func add(_ header: ResourceHeader, _ kind: String) {
            failures.append(Failure(label: "\(kind) \(header.name)", operation: .failResource(header.id), region: header.location, resource: header.id))
        }
        topology.virtualNetworkGateways.values.sorted { $0.id < $1.id }.forEach { add($0.header, "gateway") }
        topology.connections.values.sorted { $0.id < $1.id }.forEach { add($0.header, "connection") }
        var pairs = Set<Set<ResourceID>>()
        for peering in topology.peerings.values.sorted(by: { $0.id < $1.id }) {
            guard let remote = peering.remoteVirtualNetwork, pairs.insert([peering.localVirtualNetwork, remote]).inserted else { continue }
            add(peering.header, "peering")
        }
        topology.networkInterfaces.values.filter(\.enableIPForwarding).sorted { $0.id < $1.id }.forEach { add($0.header, "appliance") }
        topology.azureFirewalls.values.sorted { $0.id < $1.id }.forEach { add($0.header, "firewall") }
        topology.privateEndpoints.values.sorted { $0.id < $1.id }.forEach { add($0.header, "private endpoint") }
        topology.sqlManagedInstances.values.sorted { $0.id < $1.id }.forEach { add($0.header, "managed instance") }
        for vault in topology.keyVaults.values.sorted(by: { $0.id < $1.id }) {
            // A multi-region Managed HSM fails region by region (its pools); a single-region one, or a vault, whole.
            let pools = Set(vault.regions.map { Region.normalize($0.name) })
            guard vault.kind == .managedHSM, pools.count > 1 else {
                add(vault.header, vault.kind == .managedHSM ? "managed HSM" : "key vault")
                continue
            }
            for pool in pools.sorted() {
                failures.append(Failure(label: "HSM pool \(vault.header.name)/\(pool)", operation: .hsmRegion(hsm: vault.id, region: pool, down: true), region: pool, resource: vault.id))
            }
        }
        for profile in topology.trafficManagerProfiles.values.sorted(by: { $0.id < $1.id }) {
            for endpoint in profile.endpoints {
                failures.append(Failure(label: "Traffic Manager endpoint \(profile.header.name)/\(endpoint.name)",
                                        operation: .setTrafficManagerEndpoint(profile: profile.id, endpoint: endpoint.name, status: "Degraded"),
                                        region: endpoint.endpointLocation, resource: endpoint.id))
            }
        }
        return failures
    }

    /// A failure as `--fail` or `--set` gives it.
    public static func failure(for operation: Scenario.Operation, in topology: Topology) -> Failure {
        switch operation {
        case .failRegion(let region): return Failure(label: "region \(region)", operation: operation, region: region, resource: nil)
        case .failZone(let region, let zone): return Failure(label: "zone \(region)/\(zone)", operation: operation, region: nil, resource: nil)
        case .failResource(let id):
            return Failure(label: id.name, operation: operation, region: Scenario.location(of: id, in: topology), resource: id)
        case .hsmRegion(let hsm, let region, _): return Failure(label: "HSM pool \(hsm?.name ?? "*")/\(region)", operation: operation, region: region, resource: hsm)
        case .setConnection(let endpoint, let status): return Failure(label: "\(endpoint.name) \(status.rawValue)", operation: operation, region: nil, resource: endpoint)
        case .setTrafficManagerEndpoint(let profile, let endpoint, let status): return Failure(label: "\(profile.name)/\(endpoint) \(status)", operation: operation, region: nil, resource: nil)
        case .failover(let group): return Failure(label: "failover of \(group.name)", operation: operation, region: nil, resource: group)
        }
    }

    // MARK: Evaluation

    public func evaluate(paths: [RequiredPath], failures: [Failure]) -> Report {
        let engine = ReachabilityEngine(topology: topology, serviceTags: serviceTags)
        let baseline = paths.map { evaluate($0, engine: engine) }
        var outcomes = Array(repeating: Array(repeating: Outcome.notOnPath, count: failures.count), count: paths.count)
        // What each path touches as given: a failure elsewhere (other than a region, a failover or a DNS change) leaves it.
        let touched = paths.indices.map { i in touchedResources(baseline[i], path: paths[i]) }
        for (f, failure) in failures.enumerated() {
            let relevant = paths.indices.filter { i in
                switch failure.operation {
                case .failRegion, .failZone, .failover, .setTrafficManagerEndpoint, .hsmRegion, .setConnection: return true
                case .failResource(let id):
                    return touched[i].contains { Self.related(id, $0) } || topology.sqlManagedInstances[id] != nil
                }
            }
            guard !relevant.isEmpty else { continue }
            let scenario = Scenario(operations: [failure.operation]).apply(to: topology).topology
            let failed = ReachabilityEngine(topology: scenario, serviceTags: serviceTags)
            for i in relevant {
                let path = paths[i]
                let answer = evaluate(path, engine: failed)
                let holds = path.mustBeReachable ? answer.verdict != .unreachable : answer.verdict != .reachable
                let held = path.mustBeReachable ? baseline[i].verdict != .unreachable : baseline[i].verdict != .reachable
                if holds || !held {
                    outcomes[i][f] = .survives(answer.verdict)
                } else {
                    let blocker = answer.blockers.first
                    let expected = failure.region.map { path.ownRegions.contains($0) } == true || failure.resource.map { path.ownResources.contains($0) } == true
                    outcomes[i][f] = .lost(blocker?.code, blocker?.resourceId, message: blocker?.message ?? answer.verdict.rawValue, expected: expected)
                }
            }
        }
        return Report(paths: paths, baseline: baseline, failures: failures, outcomes: outcomes)
    }

    /// One path in one configuration.
    func evaluate(_ path: RequiredPath, engine: ReachabilityEngine) -> ReachResult {
        switch path.target {
        case .destination(let destination):
            return engine.reach(from: path.source, to: destination, port: path.port, protocol: path.protocol)
        case .hostName(let name):
            if let (_, answer) = try? engine.reach(from: path.source, name: name, port: path.port, protocol: path.protocol) { return answer }
            return engine.reach(from: path.source, to: .address(.v4(IPv4Address(0))), port: path.port, protocol: path.protocol)
        case .listenerPrimary(let group):
            guard let model = engine.topology.instanceFailoverGroups[group], let pair = model.managedInstancePairs.first else {
                return engine.reach(from: path.source, to: .address(.v4(IPv4Address(0))), port: path.port, protocol: path.protocol)
            }
            let swapped = model.replicationRole?.lowercased() == "secondary"
            guard let primary = swapped ? pair.partner : pair.primary else {
                return engine.reach(from: path.source, to: .address(.v4(IPv4Address(0))), port: path.port, protocol: path.protocol)
            }
            return engine.reach(from: path.source, to: .managedInstanceVNetLocal(primary), port: path.port, protocol: path.protocol)
        }
    }

    /// The resources a path's answer names (hops, blockers), with the subnets and VNets of its ends.
    func touchedResources(_ result: ReachResult, path: RequiredPath) -> [ResourceID] {
        var ids = result.hops.compactMap(\.resourceId) + result.blockers.compactMap(\.resourceId)
        switch path.source {
        case .networkInterface(let id), .subnet(let id), .subnetAddress(let id, _), .webSite(let id): ids.append(id)
        default: break
        }
        if case .destination(let destination) = path.target {
            switch destination {
            case .networkInterface(let id), .managedInstanceVNetLocal(let id), .managedInstancePublic(let id), .sqlServer(let id), .dataService(let id): ids.append(id)
            case .address: break
            }
        }
        // The VNets and subnets of everything named (a failed VNet takes its subnets).
        for id in ids {
            if let subnet = topology.subnets[id] { ids.append(subnet.virtualNetwork) }
            if let nic = topology.networkInterfaces[id], let subnet = nic.primaryIPConfiguration?.subnet {
                ids.append(subnet)
                if let vnet = topology.subnets[subnet]?.virtualNetwork { ids.append(vnet) }
            }
            if let instance = topology.sqlManagedInstances[id], let subnet = instance.subnet {
                ids.append(subnet)
                if let vnet = topology.subnets[subnet]?.virtualNetwork { ids.append(vnet) }
            }
        }
        // Gateways carry on-premises traffic: their connections, and the peerings of the gateway's VNet.
        for gateway in ids.compactMap({ topology.virtualNetworkGateways[$0] }) {
            ids += topology.connections.values.filter { $0.virtualNetworkGateway1 == gateway.id }.map(\.id)
        }
        return ids
    }

    /// The same resource, or one inside the other (a subnet of a failed VNet), or the two sides of a peering.
    static func related(_ failed: ResourceID, _ used: ResourceID) -> Bool {
        failed == used || used.normalized.hasPrefix(failed.normalized + "/") || failed.normalized.hasPrefix(used.normalized + "/")
    }
}

extension Scenario {
    /// The region a resource is located in, when the input says.
    public static func location(of id: ResourceID, in topology: Topology) -> String? {
        let headers: [ResourceHeader?] = [
            topology.virtualNetworks[id]?.header, topology.subnets[id]?.header, topology.networkInterfaces[id]?.header,
            topology.virtualNetworkGateways[id]?.header, topology.connections[id]?.header, topology.privateEndpoints[id]?.header,
            topology.sqlManagedInstances[id]?.header, topology.keyVaults[id]?.header, topology.azureFirewalls[id]?.header,
            topology.peerings[id]?.header, topology.sqlServers[id]?.header, topology.storageAccounts[id]?.header,
            topology.webSites[id]?.header, topology.virtualMachines[id]?.header,
        ]
        return headers.lazy.compactMap { $0?.location }.first
    }
}
