import NetTwinCore
import NetTwinRender
import Testing

/// The "Routing example" of virtual-networks-udr-overview.md (commit 0239a4e2): the effective route
/// tables the article prints for Subnet1 (with a route table, a 0.0.0.0/0 route to an NVA and a
/// Storage service endpoint) and Subnet2 (no route table). See Fixtures/routing-example.md.
@Suite struct RoutingExampleTests {
    let topology = loadFixture("routing-example.json")
    var engine: RouteEngine { RouteEngine(topology: topology, serviceTags: bundledTags) }

    func table(_ subnet: String) throws -> EffectiveRouteTable {
        try #require(engine.effectiveRoutes(subnet: try topology.subnet(named: "Virtual-network-1/\(subnet)").id))
    }

    /// Rows as (source, state, prefix, next hop type, next hop IP, name).
    func rows(_ table: EffectiveRouteTable) -> Set<String> {
        Set(table.routes.filter { $0.nextHopType != .virtualNetworkServiceEndpoint }.map { route in
            "\(route.state.rawValue) \(route.addressPrefixes.map(\.description).joined(separator: ",")) \(route.nextHopType.rawValue) \(route.nextHopIpAddresses.map(\.description).joined(separator: ",")) \(route.name ?? "")"
        })
    }

    @Test func fixtureLoadsCleanly() {
        #expect(topology.diagnostics.filter { $0.severity != .note }.isEmpty, "\(topology.diagnostics)")
    }

    /// Subnet1, IDs 1–12 of the article's table. Article values: "Virtual network" = VnetLocal,
    /// "VNet peering" = VNetPeering, gateway next hop "the public IP address of the virtual network
    /// gateway" (203.0.113.10 in the fixture). The article says the 10/8, 192.168/16 and 100.64/10
    /// routes were "removed" by the 0.0.0.0/0 user route; NetTwin lists them (and 172.16/12, absent from
    /// the 2017-era table) as Invalid, never Active.
    @Test func subnet1() throws {
        let table = try table("Subnet1")
        let expected: Set<String> = [
            "Invalid 10.0.0.0/16 VnetLocal  ",  // 1
            "Active 10.0.0.0/16 VirtualAppliance 10.0.100.4 Within-VNet1",  // 2
            "Active 10.0.0.0/24 VnetLocal  Within-Subnet1",  // 3
            "Invalid 10.1.0.0/16 VNetPeering  ",  // 4
            "Invalid 10.2.0.0/16 VNetPeering  ",  // 5
            "Active 10.1.0.0/16 None  ToVNet2-1-Drop",  // 6
            "Active 10.2.0.0/16 None  ToVNet2-2-Drop",  // 7
            "Invalid 10.10.0.0/16 VirtualNetworkGateway 203.0.113.10 ",  // 8
            "Active 10.10.0.0/16 VirtualAppliance 10.0.100.4 To-On-Prem",  // 9
            "Invalid 0.0.0.0/0 Internet  ",  // 11
            "Active 0.0.0.0/0 VirtualAppliance 10.0.100.4 Default-NVA",  // 12
        ]
        let actual = rows(table)
        #expect(expected.isSubset(of: actual), "missing: \(expected.subtracting(actual))")
        // The reserved ranges are not Active after the 0.0.0.0/0 user route.
        let extra = actual.subtracting(expected)
        #expect(extra == ["Invalid 10.0.0.0/8 None  ", "Invalid 172.16.0.0/12 None  ", "Invalid 192.168.0.0/16 None  ", "Invalid 100.64.0.0/10 None  "])
        // ID 10: the service endpoint route carries the Storage prefixes of the region (service-tags-overview.md).
        let endpoint = try #require(table.routes.first { $0.nextHopType == .virtualNetworkServiceEndpoint })
        #expect(endpoint.state == .active && endpoint.source == .default)
        let storage = try #require(bundledTags.tag(named: "Storage.EastUS"))
        #expect(Set(endpoint.addressPrefixes) == Set(storage.prefixes.filter(\.isIPv4)))
    }

    /// Subnet2: the article's eight Active rows, plus the 172.16.0.0/12 None row of the current
    /// default-route table (the example predates it).
    @Test func subnet2() throws {
        let table = try table("Subnet2")
        let expected: Set<String> = [
            "Active 10.0.0.0/16 VnetLocal  ", "Active 10.1.0.0/16 VNetPeering  ", "Active 10.2.0.0/16 VNetPeering  ",
            "Active 10.10.0.0/16 VirtualNetworkGateway 203.0.113.10 ", "Active 0.0.0.0/0 Internet  ", "Active 10.0.0.0/8 None  ",
            "Active 100.64.0.0/10 None  ", "Active 192.168.0.0/16 None  ",
        ]
        #expect(rows(table) == expected.union(["Active 172.16.0.0/12 None  "]))
        // The prose says gateway routes have source "Virtual network gateway" (the tables print Default).
        #expect(table.routes.first { $0.nextHopType == .virtualNetworkGateway }?.source == .virtualNetworkGateway)
        #expect(!table.routes.contains { $0.nextHopType == .virtualNetworkServiceEndpoint })
    }

    /// The article's narrative: from Subnet1, traffic within the subnet stays local (ID 3 beats ID 2 by
    /// longest prefix), the rest of VNet1 goes to the NVA, VNet2 is dropped, Storage goes direct.
    @Test(arguments: [
        ("10.0.0.9", "VnetLocal", "Within-Subnet1"), ("10.0.1.4", "VirtualAppliance", "Within-VNet1"),
        ("10.1.5.5", "None", "ToVNet2-1-Drop"), ("10.10.1.1", "VirtualAppliance", "To-On-Prem"),
        ("8.8.8.8", "VirtualAppliance", "Default-NVA"),
    ])
    func nextHopFromSubnet1(destination: String, type: String, routeName: String) throws {
        let hop = NetworkWatcherRendering.nextHop(in: try table("Subnet1"), destination: ip(destination))
        #expect(hop.nextHopType == type)
        #expect(hop.route?.name == routeName)
        #expect(hop.routeTableId.hasSuffix("/routeTables/Subnet1-RouteTable"))
    }

    @Test func storageTrafficUsesTheServiceEndpoint() throws {
        let storage = try #require(bundledTags.tag(named: "Storage.EastUS")?.prefixes.first { $0.isIPv4 })
        let hop = NetworkWatcherRendering.nextHop(in: try table("Subnet1"), destination: storage.network)
        #expect(hop.nextHopType == "VirtualNetworkServiceEndpoint")
        #expect(hop.routeTableId == "System Route")
    }

    /// Subnet2 has no route table: system routes decide ("System Route").
    @Test func nextHopFromSubnet2() throws {
        let table = try table("Subnet2")
        #expect(NetworkWatcherRendering.nextHop(in: table, destination: ip("10.2.0.4")).nextHopType == "VNetPeering")
        let toOnPrem = NetworkWatcherRendering.nextHop(in: table, destination: ip("10.10.0.4"))
        #expect(toOnPrem.nextHopType == "VirtualNetworkGateway" && toOnPrem.nextHopIpAddress == "203.0.113.10")
        #expect(NetworkWatcherRendering.nextHop(in: table, destination: ip("10.200.0.1")).nextHopType == "None")
        #expect(NetworkWatcherRendering.nextHop(in: table, destination: ip("13.107.21.200")).routeTableId == "System Route")
    }
}
