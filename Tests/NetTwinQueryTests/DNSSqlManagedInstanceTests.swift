import NetTwinCore
import Testing

/// SQL Managed Instance host names: managed-instance/connectivity-architecture-overview.md
/// (VNet-local `<mi_name>.<dns_zone>.database.windows.net`, public `<mi_name>.public.<dns_zone>.database.windows.net`)
/// and failover-group-sql-mi.md (read-write listener `<fog-name>.<zone_id>.database.windows.net`, CNAME to the
/// current primary; read-only `<fog-name>.secondary.<zone_id>.database.windows.net`, to the current secondary).
/// The expected names for the example are the ones its README lists.
@Suite struct DNSSqlManagedInstanceTests {
    let example = loadSecureSqlmiExample()

    var appVNet: DNSQuerySource { .virtualNetwork(try! example.virtualNetwork(named: "vnet-app-weu").id) }

    @Test func hostNamesOfTheExample() {
        let names = Set(AzureServiceDirectory(topology: example).byName.keys)
        #expect(names.isSuperset(of: [
            "sqlmi-weu.a1b2c3d4e5f6.database.windows.net", "sqlmi-neu.a1b2c3d4e5f6.database.windows.net",
            "sqlmi-weu.public.a1b2c3d4e5f6.database.windows.net",
            "fog-sqlmi.a1b2c3d4e5f6.database.windows.net", "fog-sqlmi.secondary.a1b2c3d4e5f6.database.windows.net",
            "hsm-nettwin.managedhsm.azure.net",
        ]))
    }

    /// The VNet-local name points at a private IP of the instance's subnet (10.1.0.0/24); the export does
    /// not carry the address, so it is unknown, within that subnet.
    @Test func vnetLocalEndpointIsInTheInstanceSubnet() {
        let result = DNSResolver(topology: example).resolve(name: "sqlmi-weu.a1b2c3d4e5f6.database.windows.net", from: appVNet)
        #expect(result.status == .noError)
        #expect(result.answers.count == 1)
        #expect(result.answers[0].address == nil)
        #expect(result.answers[0].within == [prefix("10.1.0.0/24")])
        #expect(result.chain.first?.source == .azureService)
    }

    /// Read-write listener → current primary (sqlmi-weu: replicationRole Primary, pair sqlmi-weu → sqlmi-neu).
    @Test func readWriteListenerPointsAtThePrimary() {
        let result = DNSResolver(topology: example).resolve(name: "fog-sqlmi.a1b2c3d4e5f6.database.windows.net", from: appVNet)
        #expect(result.chain.first.map { "\($0.type.rawValue) \($0.value)" } == "CNAME sqlmi-weu.a1b2c3d4e5f6.database.windows.net")
        #expect(result.answers.first?.within == [prefix("10.1.0.0/24")])
    }

    @Test func readOnlyListenerPointsAtTheSecondary() {
        let result = DNSResolver(topology: example).resolve(name: "fog-sqlmi.secondary.a1b2c3d4e5f6.database.windows.net", from: appVNet)
        #expect(result.chain.first?.value == "sqlmi-neu.a1b2c3d4e5f6.database.windows.net")
        #expect(result.answers.first?.within == [prefix("10.11.0.0/24")])
    }

    /// publicDataEndpointEnabled is true for sqlmi-weu: the public name resolves to a public IP the export does not give.
    @Test func publicEndpointAddressIsUnknown() {
        let result = DNSResolver(topology: example).resolve(name: "sqlmi-weu.public.a1b2c3d4e5f6.database.windows.net", from: appVNet)
        #expect(result.status == .noError)
        #expect(result.answers.first?.address == nil)
        #expect(result.answers.first?.within == [])
    }

    /// A failover group whose local replication role is Secondary has failed over: the read-write
    /// listener follows the partner (failover-group-sql-mi.md: failover updates the listener's CNAME).
    /// Also: an instance without the public endpoint, and one with an Approved private endpoint, whose
    /// VNet-local name gets the alias `<mi>.privatelink.<dnsZone>.database.windows.net` (private-endpoint-dns.md,
    /// zone `privatelink.{dnsPrefix}.database.windows.net`).
    @Test func failoverPublicEndpointOffAndPrivateEndpoint() {
        let mi1 = "\(DNSFixture.base)/Microsoft.Sql/managedInstances/mi1"
        let mi2 = "\(DNSFixture.base)/Microsoft.Sql/managedInstances/mi2"
        let zone = "privatelink.zone1.database.windows.net"
        let topology = DNSFixture.topology([
            DNSFixture.vnet("vnet-mi", "10.5.0.0/16", subnet: "10.5.0.0/24"),
            DNSFixture.vnet("vnet-client", "10.6.0.0/16", subnet: "10.6.0.0/24"),
            #"{"id": "\#(mi1)", "type": "Microsoft.Sql/managedInstances", "location": "westeurope", "properties": {"dnsZone": "zone1", "subnetId": "\#(DNSFixture.base)/Microsoft.Network/virtualNetworks/vnet-mi/subnets/default"}}"#,
            #"{"id": "\#(mi2)", "type": "Microsoft.Sql/managedInstances", "location": "northeurope", "properties": {"dnsZone": "zone1", "publicDataEndpointEnabled": false}}"#,
            #"{"id": "\#(DNSFixture.base)/Microsoft.Sql/locations/westeurope/instanceFailoverGroups/fog1", "type": "Microsoft.Sql/locations/instanceFailoverGroups", "properties": {"replicationRole": "Secondary", "managedInstancePairs": [{"primaryManagedInstanceId": "\#(mi1)", "partnerManagedInstanceId": "\#(mi2)"}]}}"#,
            DNSFixture.privateEndpoint("pe-mi1", vnet: "vnet-client", target: mi1, group: "managedInstance", status: "Approved", address: "10.6.0.4"),
            DNSFixture.zone(zone), DNSFixture.aRecord(zone, "mi1", "10.6.0.4"), DNSFixture.link(zone, to: "vnet-client"),
        ])
        let resolver = DNSResolver(topology: topology)
        let client = DNSQuerySource.virtualNetwork(DNSFixture.vnetID("vnet-client"))
        #expect(resolver.resolve(name: "fog1.zone1.database.windows.net", from: client).chain.first?.value == "mi2.zone1.database.windows.net")
        #expect(resolver.resolve(name: "fog1.secondary.zone1.database.windows.net", from: client).chain.first?.value == "mi1.zone1.database.windows.net")
        #expect(resolver.resolve(name: "mi2.public.zone1.database.windows.net", from: client).status == .unknown)

        let viaEndpoint = resolver.resolve(name: "mi1.zone1.database.windows.net", from: client)
        #expect(viaEndpoint.chain.map(\.value) == ["mi1.privatelink.zone1.database.windows.net", "10.6.0.4"])
        #expect(viaEndpoint.addresses == [ip("10.6.0.4")])
        // From the instance's own VNet (not linked to the privatelink zone): the public chain ends at the
        // VNet-local endpoint in the instance subnet.
        let local = resolver.resolve(name: "mi1.zone1.database.windows.net", from: .virtualNetwork(DNSFixture.vnetID("vnet-mi")))
        #expect(local.chain.first?.value == "mi1.privatelink.zone1.database.windows.net")
        #expect(local.answers.first?.address == nil)
    }
}
