import NetTwinCore
import Testing

/// key-vault/general/private-link-diagnostics.md, "DNS resolution": from a linked VNet
/// `fabrikam.vault.azure.net → fabrikam.privatelink.vaultcore.azure.net → 10.1.2.3` and no further
/// aliases; from outside `fabrikam.vault.azure.net → fabrikam.privatelink.vaultcore.azure.net →
/// data-prod-eus.vaultcore.azure.net → … → 52.168.109.101` (names and address Azure owns; NetTwin must
/// report the address as unknown, not invent it).
@Suite struct DNSKeyVaultTests {
    let resolver: DNSResolver

    init() {
        let zone = "privatelink.vaultcore.azure.net"
        let vaultID = "\(DNSFixture.base)/Microsoft.KeyVault/vaults/fabrikam"
        let topology = DNSFixture.topology([
            DNSFixture.vnet("vnet-in", "10.1.0.0/16", subnet: "10.1.2.0/24"),
            DNSFixture.vnet("vnet-out", "10.9.0.0/16", subnet: "10.9.0.0/24"),
            #"{"id": "\#(vaultID)", "type": "Microsoft.KeyVault/vaults", "location": "eastus", "properties": {"vaultUri": "https://fabrikam.vault.azure.net/"}}"#,
            DNSFixture.privateEndpoint("pe-kv", vnet: "vnet-in", target: vaultID, group: "vault", status: "Approved", address: "10.1.2.3"),
            DNSFixture.zone(zone), DNSFixture.aRecord(zone, "fabrikam", "10.1.2.3"), DNSFixture.link(zone, to: "vnet-in"),
        ])
        resolver = DNSResolver(topology: topology)
    }

    @Test func insideTheLinkedVNet() {
        let result = resolver.resolve(name: "fabrikam.vault.azure.net", from: .virtualNetwork(DNSFixture.vnetID("vnet-in")))
        #expect(result.status == .noError)
        // "if one is found, it will stop following aliases defined at public registration"
        #expect(result.chain.map { "\($0.name) \($0.type.rawValue) \($0.value)" } == [
            "fabrikam.vault.azure.net CNAME fabrikam.privatelink.vaultcore.azure.net",
            "fabrikam.privatelink.vaultcore.azure.net A 10.1.2.3",
        ])
        #expect(result.addresses == [ip("10.1.2.3")])
    }

    @Test func outsideFollowsThePublicChainToAnUnknownAddress() {
        let result = resolver.resolve(name: "fabrikam.vault.azure.net", from: .virtualNetwork(DNSFixture.vnetID("vnet-out")))
        #expect(result.status == .noError)
        #expect(result.chain.first?.value == "fabrikam.privatelink.vaultcore.azure.net")
        #expect(result.chain.first?.source == .publicDns)
        #expect(result.answers.count == 1)
        #expect(result.answers[0].address == nil)
        #expect(!result.chain.contains { $0.value == "10.1.2.3" })
    }
}
