import NetTwinCore
import Testing

/// Names in private zones directly, zone links, overrides of public zones, and custom DNS servers.
/// Sources: private-endpoint-dns.md (only linked zones are consulted; a linked zone is authoritative for
/// its names); virtual-networks-name-resolution-for-vms-and-role-instances.md (custom DNS servers, per VNet
/// or per NIC; 168.63.129.16 is Azure-provided DNS); managed-instance/connectivity-architecture-overview.md
/// (private zones named after reserved Microsoft names such as `database.windows.net` break resolution).
@Suite struct DNSPrivateZoneTests {
    let resolver: DNSResolver

    init() {
        resolver = DNSResolver(topology: DNSFixture.topology([
            DNSFixture.vnet("vnet-a", "10.0.0.0/16", subnet: "10.0.0.0/24"),
            DNSFixture.vnet("vnet-b", "10.1.0.0/16", subnet: "10.1.0.0/24"),
            DNSFixture.vnet("vnet-custom", "10.2.0.0/16", subnet: "10.2.0.0/24", dnsServers: ["10.0.0.4"]),
            DNSFixture.vnet("vnet-azure-dns", "10.3.0.0/16", subnet: "10.3.0.0/24", dnsServers: ["168.63.129.16"]),
            DNSFixture.vnet("vnet-redirect", "10.4.0.0/16", subnet: "10.4.0.0/24"),
            DNSFixture.zone("contoso.internal"),
            DNSFixture.aRecord("contoso.internal", "db", "10.0.0.10"),
            DNSFixture.cnameRecord("contoso.internal", "app", "db.contoso.internal"),
            DNSFixture.cnameRecord("contoso.internal", "web", "api.corp.contoso"),
            DNSFixture.cnameRecord("contoso.internal", "loop1", "loop2.contoso.internal"),
            DNSFixture.cnameRecord("contoso.internal", "loop2", "loop1.contoso.internal"),
            DNSFixture.link("contoso.internal", to: "vnet-a"),
            DNSFixture.link("contoso.internal", to: "vnet-custom"),
            DNSFixture.link("contoso.internal", to: "vnet-azure-dns"),
            DNSFixture.zone("corp.contoso"), DNSFixture.aRecord("corp.contoso", "api", "10.0.0.20"),
            DNSFixture.link("corp.contoso", to: "vnet-a"),
            DNSFixture.zone("database.windows.net"), DNSFixture.aRecord("database.windows.net", "myserver", "10.0.0.30"),
            DNSFixture.link("database.windows.net", to: "vnet-a"),
            #"{"id": "\#(DNSFixture.base)/Microsoft.Sql/servers/other", "type": "Microsoft.Sql/servers", "location": "westeurope", "properties": {}}"#,
            DNSFixture.zone("privatelink.blob.core.windows.net"),
            DNSFixture.link("privatelink.blob.core.windows.net", to: "vnet-redirect", policy: "NxDomainRedirect"),
            DNSFixture.storage("sta9"),
            DNSFixture.privateEndpoint("pe-9", vnet: "vnet-b", target: DNSFixture.storageID("sta9"), group: "blob", status: "Approved", address: "10.1.0.9"),
            #"{"id": "\#(DNSFixture.base)/Microsoft.Network/networkInterfaces/nic-own-dns", "type": "Microsoft.Network/networkInterfaces", "location": "westeurope", "properties": {"dnsSettings": {"dnsServers": ["10.9.9.9"]}, "ipConfigurations": [{"name": "ipconfig1", "properties": {"privateIPAddress": "10.0.0.50", "subnet": {"id": "\#(DNSFixture.base)/Microsoft.Network/virtualNetworks/vnet-a/subnets/default"}}}]}}"#,
        ]))
    }

    func resolve(_ name: String, from vnet: String) -> DNSResolution {
        resolver.resolve(name: name, from: .virtualNetwork(DNSFixture.vnetID(vnet)))
    }

    @Test func aRecordInALinkedZone() {
        let result = resolve("db.contoso.internal", from: "vnet-a")
        #expect(result.status == .noError)
        #expect(result.addresses == [ip("10.0.0.10")])
        #expect(result.chain.map(\.source) == [.privateDnsZone])
    }

    @Test func cnameInsideAndAcrossLinkedZones() {
        #expect(resolve("app.contoso.internal", from: "vnet-a").chain.map { "\($0.name) \($0.type.rawValue) \($0.value)" } == [
            "app.contoso.internal CNAME db.contoso.internal", "db.contoso.internal A 10.0.0.10",
        ])
        let across = resolve("web.contoso.internal", from: "vnet-a")
        #expect(across.chain.map(\.value) == ["api.corp.contoso", "10.0.0.20"])
        #expect(across.addresses == [ip("10.0.0.20")])
    }

    @Test func cnameLoopIsAServerFailure() {
        let result = resolve("loop1.contoso.internal", from: "vnet-a")
        #expect(result.status == .serverFailure)
        #expect(result.chain.count == 2)
        #expect(result.warnings.contains { $0.contains("cname loop") })
    }

    /// A name missing from a linked zone does not exist for that VNet.
    @Test func missingNameInALinkedZoneIsNXDomain() {
        #expect(resolve("nothere.contoso.internal", from: "vnet-a").status == .nxDomain)
    }

    /// "any DNS resolution from that Virtual Network will ignore the Private DNS Zone": not NXDOMAIN from
    /// the zone, and no invented answer either.
    @Test func unlinkedZoneIsIgnored() {
        let result = resolve("db.contoso.internal", from: "vnet-b")
        #expect(result.status == .unknown)
        #expect(result.answers.isEmpty)
        #expect(result.warnings.contains { $0.contains("'contoso.internal'") && $0.contains("not linked to 'vnet-b'") })
    }

    /// A private zone named like a public service zone answers every name under it for the linked VNet:
    /// `other.database.windows.net` (a server in the input) then fails there.
    @Test func privateZoneOverridingAPublicZone() {
        let mine = resolve("myserver.database.windows.net", from: "vnet-a")
        #expect(mine.addresses == [ip("10.0.0.30")])
        #expect(mine.warnings.contains { $0.contains("overrides the public zone 'database.windows.net'") })
        let other = resolve("other.database.windows.net", from: "vnet-a")
        #expect(other.status == .nxDomain)
        #expect(other.warnings.contains { $0.contains("overrides the public zone") })
        // Not linked to vnet-b: the server's public name.
        let outside = resolve("other.database.windows.net", from: "vnet-b")
        #expect(outside.status == .noError)
        #expect(outside.chain.first?.source == .azureService)
    }

    /// Custom DNS servers decide; NetTwin does not guess what they forward.
    @Test func customDNSServersMakeTheAnswerUnknown() {
        let result = resolve("db.contoso.internal", from: "vnet-custom")
        #expect(result.status == .unknown)
        #expect(result.chain.isEmpty)
        #expect(result.dnsServers == [ip("10.0.0.4")])
        #expect(result.warnings.contains { $0.contains("custom dns servers 10.0.0.4") })
    }

    @Test func customServerThatIsAzureDNSResolves() {
        #expect(resolve("db.contoso.internal", from: "vnet-azure-dns").addresses == [ip("10.0.0.10")])
    }

    /// A NIC's own DNS servers replace the VNet's.
    @Test func nicDNSServersOverrideTheVNet() {
        let nic = ResourceID("\(DNSFixture.base)/Microsoft.Network/networkInterfaces/nic-own-dns")
        let result = resolver.resolve(name: "db.contoso.internal", from: .networkInterface(nic))
        #expect(result.status == .unknown)
        #expect(result.virtualNetwork == DNSFixture.vnetID("vnet-a"))
        #expect(result.warnings.contains { $0.contains("network interface 'nic-own-dns'") })
        let subnet = DNSFixture.vnetID("vnet-a").child("subnets", "default")
        #expect(resolver.resolve(name: "db.contoso.internal", from: .subnet(subnet)).addresses == [ip("10.0.0.10")])
    }

    /// A link with resolutionPolicy NxDomainRedirect falls back to the public answer, with a warning
    /// that the documents read do not cover it.
    @Test func nxDomainRedirectFallsBackToPublic() {
        let result = resolve("sta9.blob.core.windows.net", from: "vnet-redirect")
        #expect(result.status == .noError)
        #expect(result.chain.first?.value == "sta9.privatelink.blob.core.windows.net")
        #expect(result.answers.first?.address == nil)
        #expect(result.warnings.contains { $0.contains("NxDomainRedirect") })
    }

    @Test func catalogKnowsTheRecommendedZones() {
        let catalog = PrivateLinkZoneCatalog.commercial
        #expect(catalog.entry(resourceType: "Microsoft.KeyVault/vaults", groupID: "vault")?.privateZone == "privatelink.vaultcore.azure.net")
        #expect(catalog.entry(resourceType: "microsoft.keyvault/managedhsms", groupID: "managedhsm")?.privateZone == "privatelink.managedhsm.azure.net")
        let mi = catalog.entry(resourceType: "Microsoft.Sql/managedInstances", groupID: "managedInstance")!
        #expect(catalog.privateZone(mi, dnsPrefix: "a1b2c3d4e5f6") == "privatelink.a1b2c3d4e5f6.database.windows.net")
        #expect(catalog.shadowedPublicZone("blob.core.windows.net") == "blob.core.windows.net")
        #expect(catalog.shadowedPublicZone("windows.net") != nil)
        #expect(catalog.shadowedPublicZone("privatelink.blob.core.windows.net") == nil)
        #expect(catalog.shadowedPublicZone("contoso.internal") == nil)
    }

    /// Wildcard records (RFC 4592, which Azure Private DNS supports for A and CNAME): `*.apps` answers
    /// `x.apps`, but not below an existing name (`svc.apps` exists, so `y.svc.apps` is NXDOMAIN).
    @Test func wildcardRecords() {
        let topology = DNSFixture.topology([
            DNSFixture.vnet("vnet-w", "10.7.0.0/16", subnet: "10.7.0.0/24"),
            DNSFixture.zone("wild.internal"), DNSFixture.aRecord("wild.internal", "*.apps", "10.7.0.8"),
            DNSFixture.aRecord("wild.internal", "svc.apps", "10.7.0.9"), DNSFixture.link("wild.internal", to: "vnet-w"),
        ])
        let resolver = DNSResolver(topology: topology)
        let from = DNSQuerySource.virtualNetwork(DNSFixture.vnetID("vnet-w"))
        #expect(resolver.resolve(name: "x.apps.wild.internal", from: from).addresses == [ip("10.7.0.8")])
        #expect(resolver.resolve(name: "svc.apps.wild.internal", from: from).addresses == [ip("10.7.0.9")])
        #expect(resolver.resolve(name: "y.svc.apps.wild.internal", from: from).status == .nxDomain)
        #expect(resolver.resolve(name: "other.wild.internal", from: from).status == .nxDomain)
    }
}
