import Foundation

/// Computes effective routes as Azure does (virtual-networks-udr-overview.md, "System routes",
/// "Optional default routes", "Custom routes", "How Azure selects a route").
public struct RouteEngine: Sendable {
    public let topology: Topology
    public let index: NetworkIndex
    public let serviceTags: ServiceTagTable
    /// Effective route tables computed so far, by `cacheKey` (every question and check rule asks for the same subnets'
    /// routes again and again; the engine is built on one immutable topology).
    let memo = Memo()

    final class Memo: @unchecked Sendable {
        private let lock = NSLock()
        private var tables: [String: EffectiveRouteTable] = [:]
        func get(_ key: String) -> EffectiveRouteTable? { lock.withLock { tables[key] } }
        func set(_ key: String, _ table: EffectiveRouteTable) { lock.withLock { tables[key] = table } }
    }

    public init(topology: Topology, index: NetworkIndex? = nil, serviceTags: ServiceTagTable = .empty) {
        self.topology = topology
        self.index = index ?? NetworkIndex(topology)
        self.serviceTags = serviceTags
    }

    /// The reserved ranges with a `None` system route (10/8, 172.16/12, 192.168/16 from RFC 1918 and
    /// 100.64/10 from RFC 6598).
    public static let reservedNonePrefixes: [IPPrefix] = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"].map { try! IPPrefix(parsing: $0) }
    static let defaultRoute = try! IPPrefix(parsing: "0.0.0.0/0")

    /// Effective routes of every subnet, computed once per distinct (VNet, route table, service
    /// endpoints) combination.
    public func allEffectiveRoutes() -> [ResourceID: EffectiveRouteTable] {
        var cache: [String: EffectiveRouteTable] = [:]
        var result: [ResourceID: EffectiveRouteTable] = [:]
        for subnet in topology.subnets.values {
            let key = Self.cacheKey(subnet)
            if var table = cache[key] {
                table.subnet = subnet.id
                result[subnet.id] = table
            } else {
                let table = effectiveRoutes(of: subnet)
                cache[key] = table
                result[subnet.id] = table
            }
        }
        return result
    }

    /// Subnets with the same key have the same effective routes: same VNet, same route table, same
    /// service endpoints (private endpoint routes depend on the endpoint's own subnet policies, not on
    /// the subnet asking).
    public static func cacheKey(_ subnet: Subnet) -> String {
        subnet.virtualNetwork.normalized + "|" + (subnet.routeTable?.normalized ?? "") + "|"
            + subnet.serviceEndpoints.map { $0.service.lowercased() + ":" + $0.locations.joined(separator: ",") }.sorted().joined(separator: ";")
    }

    public func effectiveRoutes(subnet id: ResourceID) -> EffectiveRouteTable? {
        topology.subnets[id].map(effectiveRoutes(of:))
    }

    /// The effective routes of a subnet (a NIC has those of its subnet), computed once per `cacheKey`.
    public func effectiveRoutes(of subnet: Subnet) -> EffectiveRouteTable {
        let key = Self.cacheKey(subnet)
        if var table = memo.get(key) {
            table.subnet = subnet.id
            return table
        }
        let table = computeEffectiveRoutes(of: subnet)
        memo.set(key, table)
        return table
    }

    func computeEffectiveRoutes(of subnet: Subnet) -> EffectiveRouteTable {
        var routes: [EffectiveRoute] = []
        var assumptions: [String] = []
        let vnet = topology.virtualNetworks[subnet.virtualNetwork]
        let table = subnet.routeTable.flatMap { topology.routeTables[$0] }
        let space = vnet?.addressSpace ?? []

        // 1. Default system routes: one per VNet address range, then 0/0 and the reserved ranges.
        for prefix in space {
            routes.append(EffectiveRoute(source: .default, addressPrefixes: [prefix], nextHopType: .vnetLocal, origin: vnet?.id))
        }
        routes.append(EffectiveRoute(source: .default, addressPrefixes: [Self.defaultRoute], nextHopType: .internet))
        for reserved in Self.reservedNonePrefixes {
            // A range identical to a VNet range is already that VNet route (None → Virtual network); a VNet
            // range that includes a reserved range replaces it.
            if space.contains(where: { $0.contains(reserved) }) { continue }
            routes.append(EffectiveRoute(source: .default, addressPrefixes: [reserved], nextHopType: .none))
        }

        // 2. Peering routes: each address range of each connected peered VNet.
        var peeredVirtualNetworks: [ResourceID] = []
        for peeringID in vnet?.peerings ?? [] {
            guard let peering = topology.peerings[peeringID], peering.peeringState == .connected,
                let remote = peering.remoteVirtualNetwork
            else { continue }
            let remoteSpace = topology.virtualNetworks[remote]?.addressSpace ?? peering.remoteAddressSpace
            guard !remoteSpace.isEmpty else { continue }
            peeredVirtualNetworks.append(remote)
            // "a route for each address range within the address space of each virtual network involved in the peering"
            for prefix in remoteSpace {
                routes.append(EffectiveRoute(source: .default, addressPrefixes: [prefix], nextHopType: .vnetPeering, origin: peering.id))
            }
        }

        // 3. Gateway routes (static local network gateway prefixes, VNet-to-VNet, point-to-site),
        //    unless the route table disables gateway route propagation.
        let propagationDisabled = table?.disableBgpRoutePropagation ?? false
        if let vnet, !propagationDisabled {
            let (gatewayRoutes, notes) = gatewayRoutes(for: vnet)
            routes += gatewayRoutes
            assumptions += notes
        }

        // 4. Service endpoint routes, on this subnet only.
        for endpoint in subnet.serviceEndpoints {
            guard let base = ServiceTagTable.tagName(forServiceEndpoint: endpoint.service) else {
                assumptions.append("service endpoint '\(endpoint.service)' has no known service tag; its routes are not modelled")
                continue
            }
            let regions = endpoint.locations.isEmpty || endpoint.locations.contains("*")
                ? [vnet?.header.location].compactMap { $0 } : endpoint.locations
            var prefixes: [IPPrefix] = []
            var found = false
            for region in regions {
                if let tag = serviceTags.regionalTag(base, region: region) {
                    found = true
                    prefixes += tag.prefixes.filter(\.isIPv4)
                }
            }
            if !found {
                assumptions.append("no service tag data for '\(base)' in \(regions.joined(separator: ", ")); the service endpoint route of '\(endpoint.service)' has no prefixes")
                continue
            }
            routes.append(EffectiveRoute(source: .default, addressPrefixes: prefixes, nextHopType: .virtualNetworkServiceEndpoint, origin: subnet.id, invalidReason: nil))
        }

        // 5. Private endpoint /32 routes, for endpoints in this VNet and in peered VNets.
        for vnetID in [subnet.virtualNetwork] + peeredVirtualNetworks {
            for endpoint in index.privateEndpointsByVirtualNetwork[vnetID] ?? [] {
                for address in endpoint.addresses {
                    routes.append(EffectiveRoute(source: .default, addressPrefixes: [IPPrefix(address)], nextHopType: .interfaceEndpoint, origin: endpoint.endpoint))
                }
            }
        }

        // 6. User routes.
        if let table {
            for route in table.routes {
                var prefixes: [IPPrefix] = []
                var tag: String?
                switch route.destination {
                case .prefix(let prefix): prefixes = [prefix]
                case .serviceTag(let name):
                    tag = name
                    if let serviceTag = serviceTags.tag(named: name) {
                        prefixes = serviceTag.prefixes
                    } else {
                        assumptions.append("route '\(route.name)' names service tag '\(name)', which is not in the service tag data")
                    }
                }
                routes.append(EffectiveRoute(
                    name: route.name, source: .user, addressPrefixes: prefixes, nextHopType: EffectiveNextHopType(route.nextHopType),
                    nextHopIpAddresses: route.nextHopIpAddress.map { [$0] } ?? [], routeTable: table.id, serviceTag: tag))
            }
        }

        return select(routes, subnet: subnet, vnetSpace: space, assumptions: assumptions, propagationDisabled: propagationDisabled)
    }

    /// Route selection: longest prefix, then User > BGP > System at the same prefix, with the documented exceptions.
    func select(_ input: [EffectiveRoute], subnet: Subnet, vnetSpace: [IPPrefix], assumptions: [String], propagationDisabled: Bool) -> EffectiveRouteTable {
        var routes = input
        func rank(_ route: EffectiveRoute) -> Int {
            switch (route.source, route.nextHopType) {
            // "Service endpoint routes override any BGP or UDR routes for the address prefix match of an Azure service."
            case (_, .virtualNetworkServiceEndpoint): 5
            case (.user, _): 4
            // "System routes for traffic related to virtual network, virtual network peerings, or virtual
            // network service endpoints, are preferred routes, even if BGP routes are more specific."
            case (.default, .vnetLocal), (.default, .vnetPeering): 3
            case (.virtualNetworkGateway, _): 2
            default: 1
            }
        }
        let userDefault = routes.contains { $0.source == .user && $0.addressPrefixes.contains(Self.defaultRoute) }
        let preferredSystem = IPAddressSet(prefixes: routes.filter { $0.source == .default && [.vnetLocal, .vnetPeering].contains($0.nextHopType) }.flatMap(\.addressPrefixes))
        let userRoutes = routes.filter { $0.source == .user }

        // Per prefix, the winning route.
        var best: [IPPrefix: Int] = [:]
        var invalidated = Set<Int>()
        for (offset, route) in routes.enumerated() {
            // Exception: a 0/0 user route removes the None routes of the reserved ranges (Routing example, Subnet1).
            if userDefault && route.source == .default && route.nextHopType == .none && route.addressPrefixes.allSatisfy({ Self.reservedNonePrefixes.contains($0) }) {
                invalidated.insert(offset)
                routes[offset].invalidReason = "a user route for 0.0.0.0/0 removes the None route of this reserved range"
                continue
            }
            // Exception: a BGP/gateway route inside a VNet or peering range is not used.
            if route.source == .virtualNetworkGateway && route.addressPrefixes.allSatisfy({ preferredSystem.isSuperset(of: IPAddressSet($0)) }) {
                invalidated.insert(offset)
                routes[offset].invalidReason = "virtual network and peering routes are preferred over gateway routes, even more specific ones"
                continue
            }
            // Exception: a private endpoint /32 is invalidated by a user route at least as specific as the
            // VNet range that holds the endpoint, when route table policies are enabled on its subnet
            // (private-endpoint-overview.md / disable-private-endpoint-network-policy.md).
            if route.nextHopType == .interfaceEndpoint, let address = route.addressPrefixes.first?.network,
                let endpointID = route.origin, let endpoint = topology.privateEndpoints[endpointID],
                let endpointSubnet = endpoint.subnet.flatMap({ topology.subnets[$0] }),
                endpointSubnet.privateEndpointNetworkPolicies.appliesRouteTables
            {
                let endpointSpace = topology.virtualNetworks[endpointSubnet.virtualNetwork]?.addressSpace ?? []
                let holdingLength = endpointSpace.first { $0.contains(address) }?.length ?? 32
                if let user = userRoutes.first(where: { user in user.addressPrefixes.contains { $0.contains(address) && $0.length >= holdingLength && $0.length > 0 } }) {
                    invalidated.insert(offset)
                    routes[offset].invalidReason = "user route '\(user.name ?? "")' overrides the private endpoint route (route table policies are enabled on the endpoint's subnet)"
                    continue
                }
            }
            for prefix in route.addressPrefixes {
                if let current = best[prefix] {
                    let (new, old) = (rank(route), rank(routes[current]))
                    if new > old || (new == old && route.source == .user && Self.userRank(route) > Self.userRank(routes[current])) { best[prefix] = offset }
                } else {
                    best[prefix] = offset
                }
            }
        }
        // A route is Active when it wins at least one of its prefixes.
        var winning = Set(best.values)
        for (offset, route) in routes.enumerated() where !invalidated.contains(offset) {
            if route.addressPrefixes.isEmpty { winning.remove(offset) }
            if !winning.contains(offset) {
                routes[offset].state = .invalid
                if routes[offset].invalidReason == nil {
                    let winner = route.addressPrefixes.first.flatMap { best[$0] }.map { routes[$0] }
                    routes[offset].invalidReason = winner.map { "overridden by the \($0.source.rawValue) route \($0.name.map { "'\($0)' " } ?? "")to \($0.nextHopType.rawValue)" }
                }
            }
        }
        for offset in invalidated { routes[offset].state = .invalid }
        let winners = best.map { ($0.key, $0.value) }
        return EffectiveRouteTable(subnet: subnet.id, routes: routes, disableBgpRoutePropagation: propagationDisabled, assumptions: assumptions, winners: winners)
    }

    /// Between user routes with the same prefix (virtual-networks-udr-overview.md, "Exact match"): "The system gives
    /// preference to the route with the explicit prefix when there's an exact prefix match between a route with an
    /// explicit IP prefix and a route with a Service Tag"; among service tags: regional tags, then top-level tags, then
    /// AzureCloud regional tags, then AzureCloud.
    static func userRank(_ route: EffectiveRoute) -> Int {
        guard let tag = route.serviceTag?.lowercased() else { return 4 }
        if tag == "azurecloud" { return 0 }
        if tag.hasPrefix("azurecloud.") { return 1 }
        return tag.contains(".") ? 3 : 2
    }

    /// Routes a VNet learns from its own gateways, or from a peered hub's gateways through gateway
    /// transit (vpn-gateway-peering-gateway-transit.md: the spoke's peering has `useRemoteGateways`,
    /// the hub's `allowGatewayTransit`).
    func gatewayRoutes(for vnet: VirtualNetwork) -> ([EffectiveRoute], [String]) {
        var gateways = index.gatewaysByVirtualNetwork[vnet.id] ?? []
        var notes: [String] = []
        if gateways.isEmpty {
            for peeringID in vnet.peerings {
                guard let peering = topology.peerings[peeringID], peering.useRemoteGateways, peering.peeringState == .connected,
                    let remote = peering.remoteVirtualNetwork, let remoteVNet = topology.virtualNetworks[remote]
                else { continue }
                _ = remoteVNet
                let reverse = index.peeringBetween[remote]?[vnet.id].flatMap { topology.peerings[$0] }
                guard reverse?.allowGatewayTransit == true else {
                    notes.append("peering '\(peering.header.name)' uses remote gateways, but the remote peering does not allow gateway transit")
                    continue
                }
                gateways += index.gatewaysByVirtualNetwork[remote] ?? []
            }
        }
        var routes: [EffectiveRoute] = []
        for gatewayID in gateways {
            guard let gateway = topology.virtualNetworkGateways[gatewayID] else { continue }
            let nextHops = gatewayNextHops(gateway)
            for connection in topology.connections.values.sorted(by: { $0.id < $1.id }) {
                let isLocal = connection.virtualNetworkGateway1 == gatewayID
                let isRemote = connection.virtualNetworkGateway2 == gatewayID
                guard isLocal || isRemote else { continue }
                if let status = connection.connectionStatus, status.lowercased() != "connected" {
                    notes.append("connection '\(connection.header.name)' is '\(status)'; its routes are not present")
                    continue
                }
                var prefixes: [IPPrefix] = []
                switch connection.connectionType {
                case .ipsec?, nil:
                    if let lng = connection.localNetworkGateway2.flatMap({ topology.localNetworkGateways[$0] }) {
                        prefixes = lng.addressSpace
                        if connection.enableBgp {
                            notes.append("connection '\(connection.header.name)' uses BGP; prefixes advertised by the on-premises device are not in the configuration, only the local network gateway's address space is modelled")
                        }
                    }
                case .vnet2Vnet?:
                    let other = isLocal ? connection.virtualNetworkGateway2 : connection.virtualNetworkGateway1
                    if let otherVNet = other.flatMap({ topology.virtualNetworkGateways[$0]?.virtualNetwork }) {
                        prefixes = topology.virtualNetworks[otherVNet]?.addressSpace ?? []
                    }
                case .expressRoute?:
                    if let lng = connection.localNetworkGateway2.flatMap({ topology.localNetworkGateways[$0] }) {
                        // A stand-in for the BGP-learned prefixes (Topology.assumingExpressRoutePrefixes).
                        prefixes = lng.addressSpace
                    } else {
                        notes.append("ExpressRoute connection '\(connection.header.name)': on-premises prefixes are learned by BGP and are not in the configuration")
                    }
                case .vpnClient?:
                    break
                }
                // One route per prefix, as each advertised prefix is one route (virtual-networks-udr-overview.md).
                for prefix in prefixes {
                    routes.append(EffectiveRoute(source: .virtualNetworkGateway, addressPrefixes: [prefix], nextHopType: .virtualNetworkGateway, nextHopIpAddresses: nextHops, origin: connection.id))
                }
            }
            if !gateway.vpnClientAddressPool.isEmpty {
                routes.append(EffectiveRoute(source: .virtualNetworkGateway, addressPrefixes: gateway.vpnClientAddressPool, nextHopType: .virtualNetworkGateway, nextHopIpAddresses: nextHops, origin: gateway.id))
            }
        }
        return (routes, notes)
    }

    /// The next hop IP of gateway routes. The routing example of virtual-networks-udr-overview.md says
    /// "Azure added the public IP address of the virtual network gateway to the route table"; deployed
    /// gateways often show their instance IPs instead, so private IPs are used when the export has them.
    func gatewayNextHops(_ gateway: VirtualNetworkGateway) -> [IPAddress] {
        let privateAddresses = gateway.ipConfigurations.compactMap(\.privateIPAddress)
        if !privateAddresses.isEmpty { return privateAddresses }
        return gateway.ipConfigurations.compactMap { $0.publicIPAddress.flatMap { topology.publicIPAddresses[$0]?.ipAddress } }
    }
}
