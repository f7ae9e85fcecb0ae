import Foundation
import NetTwinARM
import NetTwinCore
import Testing

/// `reach` on the bundled example (Examples/secure-sqlmi/README.md, "expected answers"), and each
/// explanation code on a copy of it with one setting broken.
@Suite struct ReachTests {
    static let example: Topology = {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Examples/secure-sqlmi").path
        return TopologyBuilder().build(InputLoader().load(paths: [path]).documents)
    }()

    func mi(_ name: String, _ topology: Topology = ReachTests.example) -> ResourceID { topology.sqlManagedInstances.keys.first { $0.name == name }! }
    func nic(_ name: String, _ topology: Topology = ReachTests.example) -> ResourceID { topology.networkInterfaces.keys.first { $0.name == name }! }

    func reach(_ source: ReachSource, _ destination: ReachDestination, port: UInt16) -> ReachResult {
        reach(in: Self.example, source, destination, port: port)
    }

    func reach(in topology: Topology, _ source: ReachSource, _ destination: ReachDestination, port: UInt16) -> ReachResult {
        ReachabilityEngine(topology: topology, serviceTags: bundledTags).reach(from: source, to: destination, port: port)
    }

    /// README rows 7 and 8: the app's VNet reaches the MI on 1433 and on the redirect range through the peering.
    @Test(arguments: [UInt16(1433), 11000, 11999])
    func appReachesTheManagedInstance(port: UInt16) {
        let fromVM = reach(.networkInterface(nic("nic-vm-jump-weu")), .managedInstanceVNetLocal(mi("sqlmi-weu")), port: port)
        #expect(fromVM.verdict == .reachable, "\(fromVM.blockers)")
        #expect(fromVM.hops.contains { $0.kind == "peering" })
        let site = Self.example.webSites.keys.first!
        #expect(reach(.webSite(site), .managedInstanceVNetLocal(mi("sqlmi-weu")), port: port).verdict == .reachable)
    }

    /// README row 1: on-premises through the VPN gateway and gateway transit; row 2: not the NEU instance.
    @Test func onPremises() {
        let weu = reach(.onPremises(ip("192.168.10.10")), .managedInstanceVNetLocal(mi("sqlmi-weu")), port: 1433)
        #expect(weu.verdict == .reachable)
        #expect(weu.returnPath?.contains("VirtualNetworkGateway") == true)
        let neu = reach(.onPremises(ip("192.168.10.10")), .managedInstanceVNetLocal(mi("sqlmi-neu")), port: 1433)
        #expect(neu.verdict == .unreachable && neu.blockers.map(\.code) == [.noRoute])
    }

    /// README rows 4 and 5: the public endpoint on 3342 from the allowed ranges only.
    @Test func publicEndpoint() {
        #expect(reach(.internet(ip("198.51.100.5")), .managedInstancePublic(mi("sqlmi-weu")), port: 3342).verdict == .reachable)
        let other = reach(.internet(ip("192.0.2.50")), .managedInstancePublic(mi("sqlmi-weu")), port: 3342)
        #expect(other.blockers.map(\.code) == [.nsgDenyInbound])
        #expect(other.blockers.first?.message.contains("deny_all_inbound") == true)
        // The public endpoint serves 3342 only (connectivity-architecture-overview.md).
        #expect(reach(.internet(ip("198.51.100.5")), .managedInstancePublic(mi("sqlmi-weu")), port: 1433).blockers.map(\.code).contains(.portNotServed))
    }

    /// README row 11: each MI reaches its HSM's key through the private endpoint in its region.
    @Test func managedInstanceReachesTheHSM() {
        let subnet = Self.example.sqlManagedInstances[mi("sqlmi-weu")]!.subnet!
        #expect(reach(.subnet(subnet), .address(ip("10.1.1.4")), port: 443).verdict == .reachable)
        let neuSubnet = Self.example.sqlManagedInstances[mi("sqlmi-neu")]!.subnet!
        #expect(reach(.subnet(neuSubnet), .address(ip("10.11.1.4")), port: 443).verdict == .reachable)
    }

    // MARK: broken copies

    @Test func peeringAccessDisabled() {
        var topology = Self.example
        let peering = topology.peerings.values.first { $0.localVirtualNetwork.name == "vnet-app-weu" && $0.remoteVirtualNetwork?.name == "vnet-sqlmi-weu" }!
        topology.peerings[peering.id]!.allowVirtualNetworkAccess = false
        let result = reach(in: topology, .networkInterface(nic("nic-vm-jump-weu")), .managedInstanceVNetLocal(mi("sqlmi-weu")), port: 1433)
        #expect(result.blockers.map(\.code).contains(.peeringAccessDisabled))
        #expect(result.blockers.first { $0.code == .peeringAccessDisabled }?.resourceId == peering.id)
    }

    @Test func missingReversePeering() {
        var topology = Self.example
        let reverse = topology.peerings.values.first { $0.localVirtualNetwork.name == "vnet-sqlmi-weu" && $0.remoteVirtualNetwork?.name == "vnet-app-weu" }!
        topology.peerings[reverse.id] = nil
        topology.virtualNetworks[reverse.localVirtualNetwork]!.peerings.removeAll { $0 == reverse.id }
        let result = reach(in: topology, .networkInterface(nic("nic-vm-jump-weu")), .managedInstanceVNetLocal(mi("sqlmi-weu")), port: 1433)
        #expect(result.blockers.map(\.code).contains(.peeringNotConnected))
        // And the reply has no way back: the MI VNet no longer has a route to the app VNet.
        #expect(result.blockers.map(\.code).contains(.noReturnRoute))
    }

    @Test func redirectRangeClosed() {
        var topology = Self.example
        let nsg = topology.networkSecurityGroups.keys.first { $0.name == "nsg-sqlmi-weu" }!
        topology.networkSecurityGroups[nsg]!.securityRules.removeAll { $0.name == "allow_redirect_inbound" }
        let result = reach(in: topology, .networkInterface(nic("nic-vm-jump-weu")), .managedInstanceVNetLocal(mi("sqlmi-weu")), port: 1433)
        #expect(result.verdict == .unreachable)
        #expect(result.blockers.map(\.code) == [.nsgDenyInbound])
        #expect(result.blockers.first?.message.contains("Redirect") == true)
        // With the Proxy connection type 1433 alone is enough.
        topology.sqlManagedInstances[mi("sqlmi-weu")]!.proxyOverride = "Proxy"
        #expect(reach(in: topology, .networkInterface(nic("nic-vm-jump-weu")), .managedInstanceVNetLocal(mi("sqlmi-weu")), port: 1433).verdict == .reachable)
        #expect(reach(in: topology, .networkInterface(nic("nic-vm-jump-weu")), .managedInstanceVNetLocal(mi("sqlmi-weu")), port: 11000).blockers.map(\.code).contains(.portNotServed))
    }

    @Test func privateEndpointNotApproved() {
        var topology = Self.example
        let endpoint = topology.privateEndpoints.keys.first { $0.name == "pe-hsm-weu" }!
        topology.privateEndpoints[endpoint]!.connections[0].state = PrivateLinkConnectionState(status: .pending)
        let subnet = topology.sqlManagedInstances[mi("sqlmi-weu")]!.subnet!
        let result = reach(in: topology, .subnet(subnet), .address(ip("10.1.1.4")), port: 443)
        #expect(result.blockers.map(\.code) == [.privateEndpointNotApproved])
    }

    @Test func publicEndpointDisabled() {
        var topology = Self.example
        topology.sqlManagedInstances[mi("sqlmi-weu")]!.publicDataEndpointEnabled = false
        let result = reach(in: topology, .internet(ip("198.51.100.5")), .managedInstancePublic(mi("sqlmi-weu")), port: 3342)
        #expect(result.blockers.map(\.code) == [.publicEndpointDisabled])
    }

    @Test func gatewayTransitMissing() {
        var topology = Self.example
        let spoke = topology.peerings.values.first { $0.localVirtualNetwork.name == "vnet-sqlmi-weu" && $0.remoteVirtualNetwork?.name == "vnet-hub-weu" }!
        topology.peerings[spoke.id]!.useRemoteGateways = false
        let result = reach(in: topology, .onPremises(ip("192.168.10.10")), .managedInstanceVNetLocal(mi("sqlmi-weu")), port: 1433)
        #expect(result.blockers.map(\.code).contains(.noRoute))
        #expect(result.blockers.first?.fix.contains("useRemoteGateways") == true)
    }

    @Test func outboundDenyAndBlackholeAreBothReported() {
        var topology = Self.example
        let nsg = topology.networkSecurityGroups.keys.first { $0.name == "nsg-app-weu" }!
        topology.networkSecurityGroups[nsg]!.securityRules.insert(SecurityRule(
            name: "deny-sql", priority: 90, direction: .outbound, access: .deny, protocols: .tcp, protocolText: "Tcp", source: [.any],
            destination: [.any], sourcePorts: .all, destinationPorts: PortSet(1433), sourcePortTexts: ["*"], destinationPortTexts: ["1433"]), at: 0)
        let site = topology.webSites.keys.first!
        let result = reach(in: topology, .webSite(site), .address(ip("10.200.0.4")), port: 1433)
        #expect(Set(result.blockers.map(\.code)) == [.nsgDenyOutbound, .blackholeRoute])
    }

    @Test func applianceWithoutIPForwarding() {
        let resources = [
            Build.vnet("v", "10.0.0.0/16", subnets: [("app", "10.0.1.0/24", "\"routeTable\": \(Build.ref("routeTables/rt"))"), ("nva", "10.0.2.0/24", ""), ("db", "10.0.3.0/24", "")]),
            Build.routeTable("rt", routes: [("10.0.3.0/24", "VirtualAppliance", "10.0.2.4")]),
            Build.nic("client", vnet: "v", subnet: "app", address: "10.0.1.4"),
            Build.nic("nva", vnet: "v", subnet: "nva", address: "10.0.2.4"),
            Build.nic("db", vnet: "v", subnet: "db", address: "10.0.3.4"),
        ]
        let topology = loadText("[" + resources.joined(separator: ",") + "]")
        let clientID = topology.networkInterfaces.keys.first { $0.name == "client" }!
        let result = reach(in: topology, .networkInterface(clientID), .address(ip("10.0.3.4")), port: 1433)
        #expect(result.blockers.map(\.code) == [.applianceWithoutIPForwarding])
        var forwarding = topology
        forwarding.networkInterfaces[forwarding.networkInterfaces.keys.first { $0.name == "nva" }!]!.enableIPForwarding = true
        let through = reach(in: forwarding, .networkInterface(clientID), .address(ip("10.0.3.4")), port: 1433)
        #expect(through.verdict == .reachable)
        #expect(through.hops.contains { $0.kind == "appliance" })
        // Replies from db have no route table: they go straight back within the VNet (VnetLocal).
        #expect(through.returnPath?.contains("VnetLocal") == true)
    }
}
