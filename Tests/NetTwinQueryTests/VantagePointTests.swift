import NetTwinCore
import Testing

/// Names resolved from outside Azure (issue 12 A): public DNS from the Internet, and from on-premises through the DNS
/// Private Resolver inbound endpoint the configuration gives (private-endpoint-dns-integration.md, "On-premises
/// workloads using a DNS forwarder"; dns-private-resolver-overview.md, "Inbound endpoints"), or public DNS without one.
@Suite struct VantagePointTests {
    static let zone = "privatelink.blob.core.windows.net"

    /// A hub with an inbound endpoint (10.0.9.4) and the privatelink zone linked (or not), a spoke with the storage
    /// account's approved private endpoint 10.1.0.5, and an on-premises range behind the hub's VPN gateway.
    static func topology(inboundEndpoint: Bool = true, zoneLinkedToHub: Bool = true) -> Topology {
        let base = DNSFixture.base
        var documents = [
            DNSFixture.vnet("hub", "10.0.0.0/16", subnet: "10.0.9.0/28"),
            DNSFixture.vnet("spoke", "10.1.0.0/16", subnet: "10.1.0.0/24"),
            DNSFixture.storage("st1"),
            DNSFixture.privateEndpoint("pe-st1", vnet: "spoke", target: DNSFixture.storageID("st1"), group: "blob", status: "Approved", address: "10.1.0.5"),
            DNSFixture.zone(zone), DNSFixture.aRecord(zone, "st1", "10.1.0.5"), DNSFixture.link(zone, to: "spoke"),
        ]
        if zoneLinkedToHub { documents.append(DNSFixture.link(zone, to: "hub")) }
        if inboundEndpoint {
            documents.append(#"""
                {"id": "\#(base)/Microsoft.Network/dnsResolvers/dnspr-hub/inboundEndpoints/in", "type": "Microsoft.Network/dnsResolvers/inboundEndpoints", "location": "westeurope",
                 "properties": {"ipConfigurations": [{"privateIpAddress": "10.0.9.4", "privateIpAllocationMethod": "Static", "subnet": {"id": "\#(base)/Microsoft.Network/virtualNetworks/hub/subnets/default"}}]}}
                """#)
        }
        return DNSFixture.topology(documents)
    }

    static let name = "st1.blob.core.windows.net"

    /// From the Internet the public chain is st1.blob.core.windows.net → CNAME st1.privatelink.blob.core.windows.net →
    /// the public address (private-endpoint-dns.md: the privatelink CNAME is public; "the private DNS zone ... is only
    /// resolvable from the virtual network"); the private A record is never the answer.
    @Test func internetGetsThePublicChain() {
        let resolution = DNSResolver(topology: Self.topology()).resolve(name: Self.name, from: .internet)
        #expect(resolution.chain.first?.type == .cname && resolution.chain.first?.value == "st1.privatelink.blob.core.windows.net")
        #expect(!resolution.addresses.contains(ip("10.1.0.5")))
        #expect(resolution.chain.allSatisfy { $0.source != .privateDnsZone })
    }

    /// From on-premises through the inbound endpoint in the hub, whose VNet has the zone linked: the private address.
    @Test func onPremisesThroughTheInboundEndpoint() throws {
        let topology = Self.topology()
        let forwarder = try #require(topology.onPremisesForwarder())
        #expect(forwarder.address == ip("10.0.9.4"))
        let resolution = DNSResolver(topology: topology).resolve(name: Self.name, from: .onPremises(forwarder: forwarder.address))
        #expect(resolution.status == .noError)
        #expect(resolution.addresses == [ip("10.1.0.5")])
        #expect(resolution.warnings.first?.contains("10.0.9.4") == true)
    }

    /// The inbound endpoint answers with the zones linked to its own VNet: without the hub link, the public answer.
    @Test func inboundEndpointUsesItsVNetsLinks() {
        let topology = Self.topology(zoneLinkedToHub: false)
        let resolution = DNSResolver(topology: topology).resolve(name: Self.name, from: .onPremises(forwarder: topology.onPremisesForwarder()?.address))
        #expect(!resolution.addresses.contains(ip("10.1.0.5")))
        #expect(resolution.chain.allSatisfy { $0.source != .privateDnsZone })
    }

    /// Without a forwarder in the configuration, on-premises gets public DNS's answer, and the output says so.
    @Test func onPremisesWithoutAForwarder() {
        let topology = Self.topology(inboundEndpoint: false)
        #expect(topology.onPremisesForwarder() == nil)
        let resolution = DNSResolver(topology: topology).resolve(name: Self.name, from: .onPremises(forwarder: nil))
        #expect(!resolution.addresses.contains(ip("10.1.0.5")))
        #expect(resolution.warnings.contains { $0.contains("no dns private resolver inbound endpoint or forwarder") })
    }

    /// `reach onprem:IP NAME` resolves as on-premises would: with the inbound endpoint the private endpoint's address.
    @Test func reachByNameFromOutside() throws {
        let topology = Self.topology()
        let engine = ReachabilityEngine(topology: topology, serviceTags: bundledTags)
        let (fromOnPremises, _) = try engine.reach(from: .onPremises(ip("192.168.1.10")), name: Self.name, port: 443)
        #expect(fromOnPremises.addresses == [ip("10.1.0.5")])
        let (fromInternet, _) = try engine.reach(from: .internet(ip("203.0.113.7")), name: Self.name, port: 443)
        #expect(!fromInternet.addresses.contains(ip("10.1.0.5")))
    }

    /// A SQL Database server's FQDN from the Internet leads to its public endpoint, where the server firewall decides
    /// (firewall-configure.md): an address in a firewall rule is let in, another is not.
    @Test func sqlServerByNameFromTheInternet() throws {
        let server = "/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/rg/providers/Microsoft.Sql/servers/sql1"
        let topology = loadText("""
            [{"id": "\(server)", "type": "Microsoft.Sql/servers", "location": "westeurope", "properties": {"publicNetworkAccess": "Enabled", "fullyQualifiedDomainName": "sql1.database.windows.net"}},
             {"id": "\(server)/firewallRules/office", "name": "office", "type": "Microsoft.Sql/servers/firewallRules", "properties": {"startIpAddress": "198.51.100.0", "endIpAddress": "198.51.100.255"}}]
            """)
        let engine = ReachabilityEngine(topology: topology, serviceTags: bundledTags)
        let (_, office) = try engine.reach(from: .internet(ip("198.51.100.7")), name: "sql1.database.windows.net", port: 1433)
        #expect(office.verdict == .reachable, "\(office.blockers)")
        let (_, other) = try engine.reach(from: .internet(ip("203.0.113.7")), name: "sql1.database.windows.net", port: 1433)
        #expect(other.blockers.map(\.code) == [.serviceFirewall])
    }
}

/// A service named as the destination is reached as its clients reach it: by its host name from the source
/// (private-endpoint-dns.md: clients keep the service's own name, which resolves to the private endpoint where a
/// private DNS zone with its record is linked to their VNet).
@Suite struct HostNameDestinationTests {
    /// The bundled example: sqlmi-neu's VNet links privatelink.managedhsm.azure.net, so the HSM's name leads to the
    /// private endpoint pe-hsm-neu, while the HSM's public endpoint is closed (publicNetworkAccess Disabled).
    @Test func managedInstanceReachesTheHSMByName() throws {
        let topology = loadSecureSqlmiExample()
        let engine = ReachabilityEngine(topology: topology, serviceTags: bundledTags)
        let hsm = try #require(topology.keyVaults.values.first { $0.header.name == "hsm-nettwin" }?.id)
        let subnet = try #require(topology.sqlManagedInstances.values.first { $0.header.name == "sqlmi-neu" }?.subnet)
        let byName = try #require(engine.reachByHostName(from: .subnet(subnet), resource: hsm, port: 443))
        #expect(byName.0.name == "hsm-nettwin.managedhsm.azure.net")
        #expect(byName.1.verdict == .reachable, "\(byName.1.blockers)")
        #expect(byName.1.assumptions.first?.contains("private endpoint 'pe-hsm-neu'") == true)
        // The public endpoint, asked for explicitly, stays closed.
        #expect(engine.reach(from: .subnet(subnet), to: .dataService(hsm), port: 443).verdict == .unreachable)
    }

    /// Storage is reached by its blob name, or its file name on 445.
    @Test func storageHostNameFollowsThePort() throws {
        let topology = VantagePointTests.topology()
        let engine = ReachabilityEngine(topology: topology, serviceTags: bundledTags)
        let account = try #require(topology.storageAccounts.keys.first)
        #expect(engine.hostName(of: account, port: 443) == "st1.blob.core.windows.net")
        #expect(engine.hostName(of: account, port: 445) == "st1.file.core.windows.net")
    }
}
