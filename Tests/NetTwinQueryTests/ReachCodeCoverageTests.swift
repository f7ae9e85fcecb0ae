import Foundation
import NetTwinCore
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
