import Foundation
import NetTwinCore
import PropertyBased
import Testing

/// The explanation codes not exercised elsewhere, each on a small topology written for it, and the
/// documentation of every code (Docs/REACH-CODES.md).
@Suite struct ReachCodeCoverageTests {
    func reach(_ topology: Topology, _ source: ReachSource, _ destination: ReachDestination, port: UInt16 = 1433) -> ReachResult {
        ReachabilityEngine(topology: topology, serviceTags: bundledTags).reach(from: source, to: destination, port: port)
    }

    func nic(_ name: String, _ topology: Topology) -> ResourceID { topology.networkInterfaces.keys.first { $0.name == name }! }

    /// virtual-networks-udr-overview.md warns that an appliance routed through itself "can result in routing
    /// loops": here nva1's subnet sends the destination to nva2, and nva2's subnet sends it back to nva1.
    @Test func routingLoop() {
        let resources = [
            Build.vnet("v", "10.0.0.0/16", subnets: [
                ("app", "10.0.1.0/24", "\"routeTable\": \(Build.ref("routeTables/to-nva1"))"),
                ("nva1", "10.0.2.0/24", "\"routeTable\": \(Build.ref("routeTables/to-nva2"))"),
                ("nva2", "10.0.3.0/24", "\"routeTable\": \(Build.ref("routeTables/to-nva1"))"),
                ("db", "10.0.4.0/24", ""),
            ]),
            Build.routeTable("to-nva1", routes: [("10.0.4.0/24", "VirtualAppliance", "10.0.2.4")]),
            Build.routeTable("to-nva2", routes: [("10.0.4.0/24", "VirtualAppliance", "10.0.3.4")]),
            Build.nic("client", vnet: "v", subnet: "app", address: "10.0.1.4"),
            Build.nic("nva1", vnet: "v", subnet: "nva1", address: "10.0.2.4").replacingOccurrences(of: "\"properties\": {", with: "\"properties\": {\"enableIPForwarding\": true, "),
            Build.nic("nva2", vnet: "v", subnet: "nva2", address: "10.0.3.4").replacingOccurrences(of: "\"properties\": {", with: "\"properties\": {\"enableIPForwarding\": true, "),
        ]
        let topology = loadText("[" + resources.joined(separator: ",") + "]")
        let result = reach(topology, .networkInterface(nic("client", topology)), .address(ip("10.0.4.4")))
        #expect(result.blockers.map(\.code) == [.routingLoop])
        #expect(result.blockers[0].code.family == "NoPath")
    }

    /// The appliance becomes the next hop of the packet, not its destination: the NSGs of its NIC see the flow
    /// with the flow's own addresses (network-security-group-how-it-works.md: rules match source and destination of
    /// the packet). Here the appliance NIC denies 1433 from the upper half of the app subnet; exposure through the
    /// appliance is exact (swept like the other NSGs) and agrees with reach on random app addresses.
    @Test func applianceNSGs() async {
        let resources = [
            Build.vnet("v", "10.0.0.0/16", subnets: [
                ("app", "10.0.1.0/24", "\"routeTable\": \(Build.ref("routeTables/rt"))"), ("nva", "10.0.2.0/24", ""), ("db", "10.0.3.0/24", ""),
            ]),
            Build.routeTable("rt", routes: [("10.0.3.0/24", "VirtualAppliance", "10.0.2.4")]),
            Build.nic("client", vnet: "v", subnet: "app", address: "10.0.1.200"),
            Build.nic("nva", vnet: "v", subnet: "nva", address: "10.0.2.4", nsg: "nsg-nva").replacingOccurrences(of: "\"properties\": {", with: "\"properties\": {\"enableIPForwarding\": true, "),
            Build.nic("db", vnet: "v", subnet: "db", address: "10.0.3.4"),
            Build.nsg("nsg-nva", rules: [Build.rule("deny-upper", 100, "Inbound", "Deny", source: "\"sourceAddressPrefix\": \"10.0.1.128/25\"", ports: "\"destinationPortRange\": \"1433\"")]),
        ]
        let topology = loadText("[" + resources.joined(separator: ",") + "]")
        let blocked = reach(topology, .networkInterface(nic("client", topology)), .networkInterface(nic("db", topology)))
        #expect(blocked.blockers.map(\.code) == [.nsgDenyInbound])
        #expect(blocked.blockers.first?.message.contains("deny-upper") == true)
        let subnet = topology.subnets.keys.first { $0.name == "app" }!
        #expect(reach(topology, .subnetAddress(subnet, ip("10.0.1.5")), .networkInterface(nic("db", topology))).verdict == .reachable)
        let exposure = ExposureEngine(topology: topology, serviceTags: bundledTags).exposure(of: .networkInterface(nic("db", topology)), port: 1433)
        #expect(exposure.entries.first { $0.name == "v/app" }?.allowed.prefixes.map(\.description) == ["10.0.1.0/25"])
        let engine = ReachabilityEngine(topology: topology, serviceTags: bundledTags)
        await propertyCheck(count: 60, input: Gen.int(in: 0...255)) { host in
            let source = IPAddress.v4(IPv4Address(10, 0, 1, UInt8(host)))
            let verdict = engine.reach(from: .subnetAddress(subnet, source), to: .networkInterface(nic("db", topology)), port: 1433).verdict
            #expect((verdict == .reachable) == exposure.allowed.contains(source), "\(source)")
        }
    }

    /// A VPN connection that is not Connected carries nothing from on-premises (vpn-gateway docs: the
    /// connection status is Connected when the tunnel is up).
    @Test func connectionNotConnected() {
        let resources = [
            Build.vnet("hub", "10.0.0.0/16", subnets: [("GatewaySubnet", "10.0.0.0/27", ""), ("app", "10.0.1.0/24", "")]),
            Build.vpnHub(vnet: "hub", onPremises: "192.168.0.0/16", status: "NotConnected"),
            Build.nic("app", vnet: "hub", subnet: "app", address: "10.0.1.4"),
        ]
        let topology = loadText("[" + resources.joined(separator: ",") + "]")
        let result = reach(topology, .onPremises(ip("192.168.1.1")), .networkInterface(nic("app", topology)))
        #expect(result.blockers.map(\.code).contains(.connectionNotConnected))
        #expect(result.blockers.first { $0.code == .connectionNotConnected }?.message.contains("NotConnected") == true)
    }

    /// expressroute-routing.md: on-premises prefixes reach an ExpressRoute gateway by BGP and are in no
    /// configuration. A source behind the circuit is assumed (verdict Unknown, said why); replies follow the
    /// BGP routes through gateway transit, unless the spoke's route table disables gateway route propagation
    /// (virtual-networks-udr-overview.md), when 10.200.1.1 falls to the reserved 10.0.0.0/8 None route.
    @Test func onPremisesBehindExpressRoute() {
        func world(disablePropagation: Bool) -> Topology {
            let resources = [
                Build.vnet("hub", "10.0.0.0/16", subnets: [("GatewaySubnet", "10.0.0.0/27", "")],
                           peerings: [("spoke", "\"peeringState\": \"Connected\", \"allowVirtualNetworkAccess\": true, \"allowGatewayTransit\": true")]),
                Build.vnet("spoke", "10.1.0.0/16", subnets: [("app", "10.1.0.0/24", "\"routeTable\": \(Build.ref("routeTables/rt"))")],
                           peerings: [("hub", "\"peeringState\": \"Connected\", \"allowVirtualNetworkAccess\": true, \"useRemoteGateways\": true")]),
                Build.routeTable("rt", routes: [], disablePropagation: disablePropagation),
                """
                {"id": "\(Build.sub)/virtualNetworkGateways/ergw", "type": "Microsoft.Network/virtualNetworkGateways", "location": "westeurope",
                 "properties": {"gatewayType": "ExpressRoute", "ipConfigurations": [{"name": "c", "properties": {"subnet": \(Build.ref("virtualNetworks/hub/subnets/GatewaySubnet"))}}]}},
                {"id": "\(Build.sub)/connections/er", "type": "Microsoft.Network/connections", "location": "westeurope",
                 "properties": {"connectionType": "ExpressRoute", "virtualNetworkGateway1": \(Build.ref("virtualNetworkGateways/ergw")),
                   "peer": {"id": "/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/rg/providers/Microsoft.Network/expressRouteCircuits/circuit"}}}
                """,
                Build.nic("app", vnet: "spoke", subnet: "app", address: "10.1.0.4"),
            ]
            return loadText("[" + resources.joined(separator: ",") + "]")
        }
        let open = world(disablePropagation: false)
        let result = reach(open, .onPremises(ip("10.200.1.1")), .networkInterface(nic("app", open)))
        #expect(result.verdict == .unknown, "\(result.blockers)")
        #expect(result.blockers.isEmpty)
        #expect(result.assumptions.contains { $0.contains("ExpressRoute connection 'er'") })
        #expect(result.returnPath == "10.200.1.1/32 → VirtualNetworkGateway")
        let closed = world(disablePropagation: true)
        #expect(reach(closed, .onPremises(ip("10.200.1.1")), .networkInterface(nic("app", closed))).blockers.map(\.code) == [.noReturnRoute])

        // Exposure: the circuit is a location of its own, its prefixes assumed to be the private space outside the
        // VNets (10.0.0.0/16 and 10.1.0.0/16 here): 10.2.0.0/15 … 10.128.0.0/9, 100.64.0.0/10, 172.16.0.0/12 and
        // 192.168.0.0/16. No NSG filters the app subnet, so all of it gets through; none does without propagation.
        let exposure = ExposureEngine(topology: open, serviceTags: bundledTags).exposure(of: .networkInterface(nic("app", open)), port: 1433)
        let onPremises = exposure.entries.first { $0.kind == .onPremises }
        #expect(onPremises?.name == "on-premises er (BGP-learned prefixes, assumed)")
        var expected = FirewallEvaluator.ianaPrivateRanges
        expected.subtract(IPAddressSet(prefixes: [prefix("10.0.0.0/15")]))
        #expect(onPremises?.allowed == expected)
        #expect(exposure.assumptions.contains { $0.hasPrefix("ExpressRoute connection 'er' learns on-premises prefixes by BGP") })
        let closedExposure = ExposureEngine(topology: closed, serviceTags: bundledTags).exposure(of: .networkInterface(nic("app", closed)), port: 1433)
        #expect(!closedExposure.entries.contains { $0.kind == .onPremises })
    }

    /// Names that match nothing in the input are answers too ("the question matched nothing").
    @Test func sourceAndDestinationNotFound() {
        let topology = loadText("[" + Build.vnet("v", "10.0.0.0/16", subnets: [("s", "10.0.1.0/24", "")]) + "]")
        let missing = ResourceID(Build.sub + "/networkInterfaces/ghost")
        let noSource = reach(topology, .networkInterface(missing), .address(ip("10.0.1.5")))
        #expect(noSource.blockers.map(\.code) == [.sourceNotFound])
        #expect(noSource.blockers[0].code.family == "MatchedNothing")
        let subnet = topology.subnets.keys.first!
        let noDestination = reach(topology, .subnet(subnet), .networkInterface(missing))
        #expect(noDestination.blockers.map(\.code) == [.destinationNotFound])
        // No on-premises range covers the address: the source is unknown.
        #expect(reach(topology, .onPremises(ip("192.168.1.1")), .address(ip("10.0.1.5"))).blockers.map(\.code) == [.sourceNotFound])
    }

    /// Every code is documented with its family in Docs/REACH-CODES.md.
    @Test func everyCodeIsDocumented() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Docs/REACH-CODES.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        for code in ReachCode.allCases {
            #expect(text.contains("| `\(code.rawValue)` | \(code.family) |"), "\(code.rawValue)")
        }
    }
}
