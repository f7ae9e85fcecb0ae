import NetTwinCore
import NetTwinRender
import Testing

/// Route rules of virtual-networks-udr-overview.md, vpn-gateway-peering-gateway-transit.md and the
/// private endpoint articles, one behaviour per test.
@Suite struct RouteSemanticsTests {
    func routes(_ resources: [String], subnet: String, expectedErrors: [String] = []) throws -> EffectiveRouteTable {
        let topology = loadText("[" + resources.joined(separator: ",\n") + "]")
        let errors = topology.diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.id) == expectedErrors, "\(errors)")
        return try #require(RouteEngine(topology: topology, serviceTags: bundledTags).effectiveRoutes(subnet: try topology.subnet(named: subnet).id))
    }

    func hubAndSpoke(hubTransit: Bool = true, spokeUsesRemote: Bool = true, spokeRouteTable: String? = nil, state: String = "Connected") -> [String] {
        var resources = [
            Build.vnet("hub", "10.0.0.0/16", subnets: [("GatewaySubnet", "10.0.0.0/27", ""), ("shared", "10.0.1.0/24", "")],
                       peerings: [("spoke", "\"peeringState\": \"\(state)\", \"allowGatewayTransit\": \(hubTransit)")]),
            Build.vnet("spoke", "10.1.0.0/16", subnets: [("app", "10.1.0.0/24", spokeRouteTable.map { "\"routeTable\": \(Build.ref("routeTables/\($0)"))" } ?? "")],
                       peerings: [("hub", "\"peeringState\": \"\(state)\", \"useRemoteGateways\": \(spokeUsesRemote)")]),
            Build.vpnHub(vnet: "hub", onPremises: "192.168.10.0/24"),
        ]
        if let table = spokeRouteTable { resources.append(Build.routeTable(table, routes: [], disablePropagation: true)) }
        return resources
    }

    /// "Gateway transit": the spoke learns the on-premises prefix through the hub's gateway.
    @Test func gatewayTransitGivesSpokesTheOnPremisesRoutes() throws {
        let table = try routes(hubAndSpoke(), subnet: "spoke/app")
        let gateway = try #require(table.routes.first { $0.nextHopType == .virtualNetworkGateway })
        #expect(gateway.addressPrefixes == [prefix("192.168.10.0/24")] && gateway.source == .virtualNetworkGateway && gateway.state == .active)
        #expect(NetworkWatcherRendering.nextHop(in: table, destination: ip("192.168.10.7")).nextHopType == "VirtualNetworkGateway")
        // The hub's own subnets have it too.
        #expect(try routes(hubAndSpoke(), subnet: "hub/shared").routes.contains { $0.nextHopType == .virtualNetworkGateway })
    }

    /// Without allowGatewayTransit on the hub side (or useRemoteGateways on the spoke), no gateway route.
    @Test(arguments: [(false, true), (true, false)])
    func noTransitWithoutBothFlags(hubTransit: Bool, spokeUsesRemote: Bool) throws {
        // vpn-gateway-peering-gateway-transit.md: useRemoteGateways needs allowGatewayTransit on the
        // peering back; Azure rejects the spoke's peering otherwise, and NetTwin says so.
        let table = try routes(hubAndSpoke(hubTransit: hubTransit, spokeUsesRemote: spokeUsesRemote), subnet: "spoke/app",
                               expectedErrors: spokeUsesRemote && !hubTransit ? [DiagnosticID.peeringRemoteNoGatewayTransit] : [])
        #expect(!table.routes.contains { $0.nextHopType == .virtualNetworkGateway })
        // 192.168.10.7 then falls into the reserved 192.168.0.0/16 None route.
        #expect(NetworkWatcherRendering.nextHop(in: table, destination: ip("192.168.10.7")).nextHopType == "None")
    }

    /// disableBgpRoutePropagation: "the system doesn't add routes to the route table of all subnets with
    /// Virtual network gateway route propagation disabled".
    @Test func propagationDisabledDropsGatewayRoutes() throws {
        let table = try routes(hubAndSpoke(spokeRouteTable: "rt"), subnet: "spoke/app")
        #expect(table.disableBgpRoutePropagation)
        #expect(!table.routes.contains { $0.nextHopType == .virtualNetworkGateway })
    }

    /// Peering routes exist only for a connected peering.
    @Test func initiatedPeeringAddsNoRoute() throws {
        let table = try routes(hubAndSpoke(state: "Initiated"), subnet: "spoke/app")
        #expect(!table.routes.contains { $0.nextHopType == .vnetPeering })
        #expect(try routes(hubAndSpoke(), subnet: "spoke/app").routes.contains { $0.nextHopType == .vnetPeering && $0.addressPrefixes == [prefix("10.0.0.0/16")] })
    }

    /// A disconnected VPN connection contributes no route.
    @Test func disconnectedConnectionAddsNoRoute() throws {
        let resources = [Build.vnet("hub", "10.0.0.0/16", subnets: [("GatewaySubnet", "10.0.0.0/27", ""), ("shared", "10.0.1.0/24", "")]),
                         Build.vpnHub(vnet: "hub", onPremises: "192.168.10.0/24", status: "NotConnected")]
        let table = try routes(resources, subnet: "hub/shared")
        #expect(!table.routes.contains { $0.nextHopType == .virtualNetworkGateway })
        #expect(table.assumptions.contains { $0.contains("NotConnected") })
    }

    /// "System routes for traffic related to virtual network, virtual network peerings, or virtual
    /// network service endpoints, are preferred routes, even if BGP routes are more specific."
    @Test func gatewayRouteInsideTheVNetIsNotUsed() throws {
        let resources = [Build.vnet("hub", "10.0.0.0/16", subnets: [("GatewaySubnet", "10.0.0.0/27", ""), ("shared", "10.0.1.0/24", "")]),
                         Build.vpnHub(vnet: "hub", onPremises: "10.0.5.0/24")]
        let table = try routes(resources, subnet: "hub/shared")
        let gateway = try #require(table.routes.first { $0.nextHopType == .virtualNetworkGateway })
        #expect(gateway.state == .invalid)
        #expect(NetworkWatcherRendering.nextHop(in: table, destination: ip("10.0.5.9")).nextHopType == "VnetLocal")
    }

    /// A VNet range that includes a reserved range replaces its None route; a VNet range inside a
    /// reserved range leaves it (the longer VNet prefix wins for its own addresses).
    @Test func reservedRangesAndTheAddressSpace() throws {
        let wide = try routes([Build.vnet("v", "10.0.0.0/7", subnets: [("s", "10.0.0.0/24", "")])], subnet: "v/s")
        #expect(!wide.routes.contains { $0.addressPrefixes == [prefix("10.0.0.0/8")] })
        let narrow = try routes([Build.vnet("v", "10.0.0.0/16", subnets: [("s", "10.0.0.0/24", "")])], subnet: "v/s")
        #expect(narrow.routes.contains { $0.addressPrefixes == [prefix("10.0.0.0/8")] && $0.nextHopType == .none && $0.state == .active })
    }

    func privateEndpointTopology(policies: String, userRoute: String?) -> [String] {
        var resources = [
            Build.vnet("v", "10.1.0.0/16", subnets: [
                ("pe", "10.1.1.0/24", "\"privateEndpointNetworkPolicies\": \"\(policies)\""),
                ("app", "10.1.2.0/24", userRoute == nil ? "" : "\"routeTable\": \(Build.ref("routeTables/rt"))"),
            ]),
            """
            {"id": "\(Build.sub)/privateEndpoints/pe1", "type": "Microsoft.Network/privateEndpoints", "location": "westeurope",
             "properties": {"subnet": \(Build.ref("virtualNetworks/v/subnets/pe")), "customDnsConfigs": [{"fqdn": "x.database.windows.net", "ipAddresses": ["10.1.1.4"]}],
                            "privateLinkServiceConnections": [{"name": "c", "properties": {"privateLinkServiceId": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Sql/servers/x", "groupIds": ["sqlServer"]}}]}}
            """,
        ]
        if let userRoute { resources.append(Build.routeTable("rt", routes: [(userRoute, "VirtualAppliance", "10.1.2.10")])) }
        return resources
    }

    /// private-endpoint-overview.md / disable-private-endpoint-network-policy.md: the /32 route of a
    /// private endpoint wins by longest prefix; with route table policies enabled on the endpoint's
    /// subnet, a user route at least as specific as the VNet range invalidates it; 0.0.0.0/0 never does.
    @Test(arguments: [
        ("Disabled", "10.1.0.0/16", EffectiveRouteState.active, "InterfaceEndpoint"),
        ("Enabled", "10.1.0.0/16", .invalid, "VirtualAppliance"),
        ("RouteTableEnabled", "10.1.0.0/16", .invalid, "VirtualAppliance"),
        ("NetworkSecurityGroupEnabled", "10.1.0.0/16", .active, "InterfaceEndpoint"),
        ("Enabled", "10.0.0.0/8", .active, "InterfaceEndpoint"),
        ("Enabled", "0.0.0.0/0", .active, "InterfaceEndpoint"),
    ])
    func privateEndpointRoute(policies: String, userRoute: String, state: EffectiveRouteState, nextHop: String) throws {
        let table = try routes(privateEndpointTopology(policies: policies, userRoute: userRoute), subnet: "v/app")
        let route = try #require(table.routes.first { $0.nextHopType == .interfaceEndpoint })
        #expect(route.addressPrefixes == [prefix("10.1.1.4/32")])
        #expect(route.state == state)
        #expect(NetworkWatcherRendering.nextHop(in: table, destination: ip("10.1.1.4")).nextHopType == nextHop)
    }

    /// Service tags as route prefixes (virtual-networks-udr-overview.md, "Service tags for user-defined routes").
    @Test func serviceTagRoute() throws {
        let resources = [Build.vnet("v", "10.0.0.0/16", subnets: [("s", "10.0.0.0/24", "\"routeTable\": \(Build.ref("routeTables/rt"))")]),
                         Build.routeTable("rt", routes: [("Storage.WestEurope", "Internet", nil), ("0.0.0.0/0", "VirtualAppliance", "10.0.0.100")])]
        let table = try routes(resources, subnet: "v/s")
        let tagged = try #require(table.routes.first { $0.serviceTag == "Storage.WestEurope" })
        let expected = try #require(bundledTags.tag(named: "Storage.WestEurope"))
        #expect(Set(tagged.addressPrefixes) == Set(expected.prefixes))
        let storageAddress = try #require(expected.prefixes.first { $0.isIPv4 }).network
        #expect(NetworkWatcherRendering.nextHop(in: table, destination: storageAddress).nextHopType == "Internet")
        #expect(NetworkWatcherRendering.nextHop(in: table, destination: ip("8.8.8.8")).nextHopType == "VirtualAppliance")
    }

    /// Service endpoint routes apply to the subnet with the endpoint only.
    @Test func serviceEndpointRouteOnlyOnItsSubnet() throws {
        let resources = [Build.vnet("v", "10.0.0.0/16", subnets: [
            ("with", "10.0.0.0/24", "\"serviceEndpoints\": [{\"service\": \"Microsoft.Sql\", \"locations\": [\"westeurope\"]}]"),
            ("without", "10.0.1.0/24", ""),
        ])]
        let with = try routes(resources, subnet: "v/with")
        let route = try #require(with.routes.first { $0.nextHopType == .virtualNetworkServiceEndpoint })
        #expect(Set(route.addressPrefixes) == Set(try #require(bundledTags.tag(named: "Sql.WestEurope")).prefixes.filter(\.isIPv4)))
        #expect(!(try routes(resources, subnet: "v/without")).routes.contains { $0.nextHopType == .virtualNetworkServiceEndpoint })
    }
}

/// virtual-networks-udr-overview.md, "Exact match": an explicit prefix beats a service tag with the same prefix, and a
/// regional tag beats its top-level tag.
@Suite struct ServiceTagRouteSelectionTests {
    func table(_ routes: [(String, String, String?)]) throws -> EffectiveRouteTable {
        let resources = [Build.vnet("v", "10.0.0.0/16", subnets: [("s", "10.0.0.0/24", "\"routeTable\": \(Build.ref("routeTables/rt"))")]),
                         Build.routeTable("rt", routes: routes)]
        let topology = loadText("[" + resources.joined(separator: ",\n") + "]")
        return try #require(RouteEngine(topology: topology, serviceTags: bundledTags).effectiveRoutes(subnet: try topology.subnet(named: "v/s").id))
    }

    @Test func explicitPrefixBeatsTheTag() throws {
        let regional = try #require(bundledTags.tag(named: "Sql.WestEurope")?.prefixes.first { $0.isIPv4 })
        let probe = regional.network
        let explicitFirst = try table([("Sql.WestEurope", "VirtualAppliance", "10.0.0.100"), (regional.description, "Internet", nil)])
        #expect(explicitFirst.route(to: probe)?.route.name == "r1")
        // Order in the table does not matter.
        let explicitLast = try table([(regional.description, "Internet", nil), ("Sql.WestEurope", "VirtualAppliance", "10.0.0.100")])
        #expect(explicitLast.route(to: probe)?.route.name == "r0")
    }

    @Test func regionalTagBeatsTopLevel() throws {
        let regional = try #require(bundledTags.tag(named: "Sql.WestEurope")?.prefixes.first { $0.isIPv4 })
        let global = try #require(bundledTags.tag(named: "Sql"))
        #expect(global.prefixes.contains(regional))   // the same prefix is in both tags
        let routes = try table([("Sql", "Internet", nil), ("Sql.WestEurope", "VirtualAppliance", "10.0.0.100")])
        #expect(routes.route(to: regional.network)?.route.serviceTag == "Sql.WestEurope")
    }
}
