import NetTwinCore
import Testing

/// Destinations given as names (private-endpoint-dns.md): NXDOMAIN, and a name that takes the public path
/// although the resource has a private endpoint (the zone is not linked to the client's VNet).
@Suite struct ReachNameTests {
    func subnet(_ topology: Topology, _ name: String) -> ResourceID { try! topology.subnet(named: name).id }

    @Test func privateEndpointThroughTheLinkedZone() throws {
        let topology = ReachTests.example
        let (dns, result) = try ReachabilityEngine(topology: topology, serviceTags: bundledTags)
            .reach(from: .subnet(subnet(topology, "vnet-sqlmi-neu/snet-sqlmi")), name: "hsm-nettwin.managedhsm.azure.net", port: 443)
        #expect(dns.addresses == [ip("10.11.1.4")])
        #expect(result.verdict == .reachable)
    }

    /// Unlink the North Europe zone: the name resolves publicly, the HSM's public access is disabled, and
    /// the DNS cause is reported with the blocker.
    @Test func zoneNotLinked() throws {
        var topology = ReachTests.example
        let zone = topology.privateDnsZones.values.first { zone in zone.virtualNetworkLinks.contains { $0.virtualNetwork?.name == "vnet-sqlmi-neu" } }!
        topology.privateDnsZones[zone.id]!.virtualNetworkLinks.removeAll { $0.virtualNetwork?.name == "vnet-sqlmi-neu" }
        let (_, result) = try ReachabilityEngine(topology: topology, serviceTags: bundledTags)
            .reach(from: .subnet(subnet(topology, "vnet-sqlmi-neu/snet-sqlmi")), name: "hsm-nettwin.managedhsm.azure.net", port: 443)
        #expect(result.verdict == .unreachable)
        #expect(Set(result.blockers.map(\.code)) == [.publicNetworkAccessDisabled, .dnsResolvesPublicDespitePrivateEndpoint])
    }

    @Test func nxdomain() throws {
        let resources = [
            Build.vnet("v", "10.0.0.0/16", subnets: [("s", "10.0.0.0/24", "")]),
            "{\"id\": \"\(Build.sub)/privateDnsZones/contoso.internal\", \"type\": \"Microsoft.Network/privateDnsZones\", \"location\": \"global\"}",
            "{\"id\": \"\(Build.sub)/privateDnsZones/contoso.internal/virtualNetworkLinks/l\", \"type\": \"Microsoft.Network/privateDnsZones/virtualNetworkLinks\", \"properties\": {\"virtualNetwork\": \(Build.ref("virtualNetworks/v"))}}",
        ]
        let topology = loadText("[" + resources.joined(separator: ",") + "]")
        let (dns, result) = try ReachabilityEngine(topology: topology).reach(from: .subnet(subnet(topology, "v/s")), name: "db.contoso.internal", port: 1433)
        #expect(dns.status == .nxDomain)
        #expect(result.blockers.map(\.code) == [.dnsNameNotFound])
    }

    /// An outside source resolves through public DNS: a name of no resource in the input has no known public answer,
    /// so the verdict is Unknown with the reason, never a guess.
    @Test func outsideSourcesResolvePublicly() throws {
        let (dns, result) = try ReachabilityEngine(topology: ReachTests.example).reach(from: .internet(ip("8.8.8.8")), name: "x.database.windows.net", port: 1433)
        #expect(dns.from == .internet && dns.status == .unknown)
        #expect(result.verdict == .unknown)
        #expect(result.assumptions.contains { $0.contains("names no resource in the input") })
    }
}

/// A path through an NSG that is referenced but not in the input has the verdict Unknown, with the reason.
@Suite struct ReachExternalTests {
    @Test func externalNetworkSecurityGroupMakesTheVerdictUnknown() {
        let resources = [
            Build.vnet("v", "10.0.0.0/16", subnets: [("a", "10.0.1.0/24", ""), ("b", "10.0.2.0/24", "\"networkSecurityGroup\": \(Build.ref("networkSecurityGroups/elsewhere"))")]),
            Build.nic("client", vnet: "v", subnet: "a", address: "10.0.1.4"),
            Build.nic("server", vnet: "v", subnet: "b", address: "10.0.2.4"),
        ]
        let topology = loadText("[" + resources.joined(separator: ",") + "]")
        let client = topology.networkInterfaces.keys.first { $0.name == "client" }!
        let result = ReachabilityEngine(topology: topology).reach(from: .networkInterface(client), to: .address(ip("10.0.2.4")), port: 443)
        #expect(result.verdict == .unknown)
        #expect(result.assumptions.contains { $0.contains("elsewhere") })
    }
}
