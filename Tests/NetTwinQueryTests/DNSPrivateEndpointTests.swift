import NetTwinCore
import Testing

/// The private endpoint DNS scenarios of private-endpoint-dns.md (ms.date 2023-10-11) and
/// storage-private-endpoints.md, on storage accounts (sub-resource `blob`).
///
/// - vnet-n1 is linked to `privatelink.blob.core.windows.net`, which holds the A record of `sta1` only.
/// - vnet-out is not linked to it.
/// - sta1 has an Approved endpoint in vnet-n1 (10.1.0.5); sta2 an Approved endpoint in vnet-out (10.2.0.5)
///   whose record is not in the zone; sta3 has no endpoint; sta4 a Pending one.
@Suite struct DNSPrivateEndpointTests {
    let zone = "privatelink.blob.core.windows.net"
    let topology: Topology
    let resolver: DNSResolver

    init() {
        let zone = "privatelink.blob.core.windows.net"
        topology = DNSFixture.topology([
            DNSFixture.vnet("vnet-n1", "10.1.0.0/16", subnet: "10.1.0.0/24"),
            DNSFixture.vnet("vnet-out", "10.2.0.0/16", subnet: "10.2.0.0/24"),
            DNSFixture.storage("sta1"), DNSFixture.storage("sta2"), DNSFixture.storage("sta3"), DNSFixture.storage("sta4"),
            DNSFixture.privateEndpoint("pe-a1", vnet: "vnet-n1", target: DNSFixture.storageID("sta1"), group: "blob", status: "Approved", address: "10.1.0.5"),
            DNSFixture.privateEndpoint("pe-a2", vnet: "vnet-out", target: DNSFixture.storageID("sta2"), group: "blob", status: "Approved", address: "10.2.0.5"),
            DNSFixture.privateEndpoint("pe-a4", vnet: "vnet-n1", target: DNSFixture.storageID("sta4"), group: "blob", status: "Pending", address: "10.1.0.6"),
            DNSFixture.zone(zone), DNSFixture.aRecord(zone, "sta1", "10.1.0.5"), DNSFixture.link(zone, to: "vnet-n1"),
        ])
        resolver = DNSResolver(topology: topology)
    }

    func resolve(_ name: String, from vnet: String) -> DNSResolution {
        resolver.resolve(name: name, from: .virtualNetwork(DNSFixture.vnetID(vnet)))
    }

    /// Article, "inside the virtual network": `storageaccount.blob.core.windows.net CNAME
    /// storageaccount.privatelink.blob.core.windows.net`, then `A` the private endpoint IP.
    @Test func linkedZoneAnswersThePrivateIP() {
        let result = resolve("STA1.blob.core.windows.net.", from: "vnet-n1")
        #expect(result.name == "sta1.blob.core.windows.net")
        #expect(result.status == .noError)
        #expect(result.chain.map { "\($0.name) \($0.type.rawValue) \($0.value) \($0.source.rawValue)" } == [
            "sta1.blob.core.windows.net CNAME sta1.privatelink.blob.core.windows.net PublicDns",
            "sta1.privatelink.blob.core.windows.net A 10.1.0.5 PrivateDnsZone",
        ])
        #expect(result.addresses == [ip("10.1.0.5")])
    }

    /// Article: a zone that is not linked is ignored ("any DNS resolution from that Virtual Network will
    /// ignore the Private DNS Zone"): the public chain through the privatelink alias to a public address,
    /// which the configuration does not give.
    @Test func unlinkedVNetFollowsThePublicChain() {
        let result = resolve("sta1.blob.core.windows.net", from: "vnet-out")
        #expect(result.status == .noError)
        #expect(result.chain.count == 2)
        #expect(result.chain[0].value == "sta1.privatelink.blob.core.windows.net")
        #expect(result.chain[1].name == "sta1.privatelink.blob.core.windows.net")
        #expect(result.chain[1].source == .azureService)
        #expect(result.answers.count == 1)
        #expect(result.answers[0].address == nil)
        #expect(result.answers[0].unknownReason != nil)
        #expect(result.warnings.contains { $0.contains("'\(zone)'") && $0.contains("not linked to 'vnet-out'") })
    }

    /// Article: "Private networks already using the private DNS zone for a given type, can only connect to
    /// public resources if they don't have any private endpoint connections"; storage-private-endpoints.md:
    /// N1 must reach account A2 through a private endpoint too. sta2's record is not in the zone linked to
    /// vnet-n1, so the name fails there.
    @Test func linkedZoneWithoutTheRecordIsNXDomain() {
        let result = resolve("sta2.blob.core.windows.net", from: "vnet-n1")
        #expect(result.status == .nxDomain)
        #expect(result.chain.map(\.value) == ["sta2.privatelink.blob.core.windows.net"])
        #expect(result.answers.isEmpty)
        #expect(result.warnings.contains { $0.contains("has no record for 'sta2.privatelink.blob.core.windows.net'") })
    }

    /// Accounts without a private endpoint still resolve publicly from the linked VNet: no alias, so the
    /// privatelink zone is never consulted.
    @Test func noPrivateEndpointMeansNoAlias() {
        let result = resolve("sta3.blob.core.windows.net", from: "vnet-n1")
        #expect(result.status == .noError)
        #expect(result.chain.count == 1)
        #expect(result.chain[0].type == .a)
        #expect(!result.chain.contains { $0.value.contains("privatelink") })
    }

    /// private-endpoint-overview.md: "Only private endpoints in an Approved state can send traffic"; a
    /// Pending connection gets no privatelink alias.
    @Test func pendingPrivateEndpointMeansNoAlias() {
        let result = resolve("sta4.blob.core.windows.net", from: "vnet-n1")
        #expect(result.status == .noError)
        #expect(!result.chain.contains { $0.value.contains("privatelink") })
        #expect(result.answers.first?.address == nil)
    }

    /// storage-private-endpoints.md: one private endpoint per sub-resource; sta1's blob endpoint does
    /// not alias its file endpoint.
    @Test func aliasIsPerSubResource() {
        let result = resolve("sta1.file.core.windows.net", from: "vnet-n1")
        #expect(!result.chain.contains { $0.value.contains("privatelink") })
        #expect(resolver.services.approvedGroups[ResourceID(DNSFixture.storageID("sta1"))] == ["blob"])
    }

    /// Querying the privatelink name itself from the linked VNet answers from the zone.
    @Test func privateLinkNameDirectly() {
        let result = resolve("sta1.privatelink.blob.core.windows.net", from: "vnet-n1")
        #expect(result.addresses == [ip("10.1.0.5")])
        #expect(result.chain.count == 1)
    }
}
