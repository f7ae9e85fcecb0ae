import NetTwinCore
import Testing

/// The bundled example `Examples/secure-sqlmi`, README "Expected answers", rows 10, 12 and 13: one zone
/// `privatelink.managedhsm.azure.net` per region (private-endpoint-dns.md: one zone per name per DNS
/// view); the WEU zone (hsm-nettwin → 10.1.1.4) is linked to the hub, sqlmi-weu and app-weu VNets, the
/// NEU zone (→ 10.11.1.4) only to vnet-sqlmi-neu. The HSM has two Approved private endpoints, so its public
/// name is aliased to `hsm-nettwin.privatelink.managedhsm.azure.net`.
@Suite struct DNSExampleTests {
    let topology = loadSecureSqlmiExample()
    let hsm = "hsm-nettwin.managedhsm.azure.net"

    func expectPrivateAnswer(_ result: DNSResolution, _ address: String) {
        #expect(result.status == .noError)
        #expect(result.chain.map { "\($0.name) \($0.type.rawValue) \($0.value)" } == [
            "hsm-nettwin.managedhsm.azure.net CNAME hsm-nettwin.privatelink.managedhsm.azure.net",
            "hsm-nettwin.privatelink.managedhsm.azure.net A \(address)",
        ])
        #expect(result.addresses == [ip(address)])
    }

    /// Row 10: sqlmi-weu (its subnet vnet-sqlmi-weu/snet-sqlmi) resolves the HSM to 10.1.1.4.
    @Test func row10ManagedInstanceWestEurope() throws {
        let subnet = try topology.subnet(named: "vnet-sqlmi-weu/snet-sqlmi")
        let result = DNSResolver(topology: topology).resolve(name: hsm, from: .subnet(subnet.id))
        expectPrivateAnswer(result, "10.1.1.4")
        #expect(result.chain[1].resourceID?.resourceGroup == "rg-net-weu")
    }

    /// Row 12: sqlmi-neu resolves it to 10.11.1.4 (the NEU zone, in rg-net-neu).
    @Test func row12ManagedInstanceNorthEurope() throws {
        let vnet = try topology.virtualNetwork(named: "vnet-sqlmi-neu")
        let result = DNSResolver(topology: topology).resolve(name: hsm, from: .virtualNetwork(vnet.id))
        expectPrivateAnswer(result, "10.11.1.4")
        #expect(result.chain[1].resourceID?.resourceGroup == "rg-net-neu")
    }

    /// Row 13: vm-jump-weu (NIC in vnet-app-weu, linked to the WEU zone) resolves it to 10.1.1.4.
    @Test func row13JumpVM() throws {
        let nic = try topology.networkInterface(named: "nic-vm-jump-weu")
        expectPrivateAnswer(DNSResolver(topology: topology).resolve(name: hsm, from: .networkInterface(nic.id)), "10.1.1.4")
    }

    /// Both HSM connections are Approved (README, data services), so the alias exists.
    @Test func theHSMHasApprovedEndpoints() throws {
        let id = try #require(topology.keyVaults.values.first { $0.kind == .managedHSM }?.id)
        #expect(AzureServiceDirectory(topology: topology).approvedGroups[id] != nil)
    }
}

/// Outside every link of the example's zones, the HSM name follows the public chain: the privatelink
/// alias, then the Traffic Manager layer of multi-region replication (multi-region-replication.md; the
/// README models it as `tm-hsm-nettwin`, Priority, West Europe first), to a public address that is unknown.
@Suite struct DNSExamplePublicChainTests {
    @Test func unlinkedVNetGoesThroughTrafficManager() throws {
        var topology = loadSecureSqlmiExample()
        let vnet = try topology.virtualNetwork(named: "vnet-sqlmi-neu").id
        for (id, zone) in topology.privateDnsZones {
            topology.privateDnsZones[id]?.virtualNetworkLinks = zone.virtualNetworkLinks.filter { $0.virtualNetwork != vnet }
        }
        let result = DNSResolver(topology: topology).resolve(name: "hsm-nettwin.managedhsm.azure.net", from: .virtualNetwork(vnet))
        #expect(result.status == .noError)
        #expect(result.chain.map(\.value).prefix(3) == [
            "hsm-nettwin.privatelink.managedhsm.azure.net", "tm-hsm-nettwin.trafficmanager.net", "westeurope.hsm-nettwin.managedhsm.azure.net",
        ])
        #expect(result.answers.count == 1)
        #expect(result.answers[0].address == nil)
        #expect(result.warnings.contains { $0.contains("not linked to 'vnet-sqlmi-neu'") })
    }
}
