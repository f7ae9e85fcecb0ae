import NetTwinCore
import PropertyBased
import Testing

/// `exposure` is exact: for sampled source addresses of every location, `reach` from that address
/// agrees with membership in the exposure set.
@Suite struct ExposureTests {
    let topology = ReachTests.example
    func mi(_ name: String) -> ResourceID { topology.sqlManagedInstances.keys.first { $0.name == name }! }

    /// public-endpoint-configure.md: the public endpoint is reachable from the Internet only through the
    /// NSG's 3342 rule — the example allows 198.51.100.0/28 and 203.0.113.64/27 (README row 4).
    @Test func publicEndpointFromTheInternet() {
        let result = ExposureEngine(topology: topology, serviceTags: bundledTags).exposure(of: .managedInstancePublic(mi("sqlmi-weu")), port: 3342)
        #expect(result.entries.map(\.kind) == [.internet])
        #expect(result.allowed.prefixes.map(\.description) == ["198.51.100.0/28", "203.0.113.64/27"])
    }

    /// The VNet-local endpoint: not from the Internet; from the VNets that reach it (its own, the peered
    /// app and NEU VNets, the hub) and on-premises through gateway transit.
    @Test func vnetLocalEndpoint() {
        let result = ExposureEngine(topology: topology, serviceTags: bundledTags).exposure(of: .managedInstanceVNetLocal(mi("sqlmi-weu")), port: 1433)
        #expect(!result.entries.contains { $0.kind == .internet })
        #expect(result.entries.contains { $0.kind == .onPremises && $0.allowed == IPAddressSet(prefixes: [prefix("192.168.0.0/16")]) })
        #expect(Set(result.entries.filter { $0.kind == .subnet }.map { $0.name.split(separator: "/")[0] }) == ["vnet-sqlmi-weu", "vnet-app-weu", "vnet-hub-weu", "vnet-sqlmi-neu"])
        let internetOnly = ExposureEngine(topology: topology, serviceTags: bundledTags).exposure(of: .managedInstanceVNetLocal(mi("sqlmi-weu")), port: 1433, internetOnly: true)
        #expect(internetOnly.entries.isEmpty)
    }

    /// disable-private-endpoint-network-policy.md: with network policies Disabled (the default) the subnet's NSG does
    /// not apply to the private endpoint. A template's endpoint has no NIC in the input, only its address
    /// (customDnsConfigs): the exposure must still leave the NSG out, as reach does.
    @Test func privateEndpointWithoutANicIgnoresTheSubnetNSG() {
        let endpoint = """
            {"id": "\(Build.sub)/privateEndpoints/pe-sql", "type": "Microsoft.Network/privateEndpoints", "location": "westeurope",
             "properties": {"subnet": \(Build.ref("virtualNetworks/v/subnets/pe")), "customDnsConfigs": [{"fqdn": "sql1.database.windows.net", "ipAddresses": ["10.0.2.5"]}],
               "privateLinkServiceConnections": [{"name": "sql", "properties": {"privateLinkServiceId": "/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/rg/providers/Microsoft.Sql/servers/sql1",
                 "groupIds": ["sqlServer"], "privateLinkServiceConnectionState": {"status": "Approved"}}}]}}
            """
        let resources = [
            Build.vnet("v", "10.0.0.0/16", subnets: [("app", "10.0.1.0/24", ""), ("pe", "10.0.2.0/24", "\"networkSecurityGroup\": \(Build.ref("networkSecurityGroups/nsg-pe"))")]),
            Build.nsg("nsg-pe", rules: [Build.rule("deny-all", 100, "Inbound", "Deny", protocol: "*")]),
            endpoint,
        ]
        let topology = loadText("[" + resources.joined(separator: ",") + "]")
        let exposure = ExposureEngine(topology: topology, serviceTags: bundledTags).exposure(of: .address(ip("10.0.2.5")), port: 1433)
        #expect(exposure.entries.contains { $0.name == "v/app" && $0.allowed == IPAddressSet(prefixes: [prefix("10.0.1.0/24")]) })
        let subnet = topology.subnets.keys.first { $0.name == "app" }!
        #expect(ReachabilityEngine(topology: topology, serviceTags: bundledTags).reach(from: .subnet(subnet), to: .address(ip("10.0.2.5")), port: 1433).verdict == .reachable)
    }

    /// "On which ports": over all ports, one answer per range of ports that the rules treat alike. On the example
    /// the VNet-local endpoint is reached on 1433 and the redirect range 11000-11999 only (connection-types-overview.md),
    /// the public endpoint on 3342 only; and every single-port question agrees with the range that holds the port.
    @Test func onWhichPorts() async {
        let engine = ExposureEngine(topology: topology, serviceTags: bundledTags)
        let local = engine.exposure(of: .managedInstanceVNetLocal(mi("sqlmi-weu")), ports: .all)
        #expect(local.map(\.ports) == [1433...1433, 11000...11999])
        let publicEndpoint = engine.exposure(of: .managedInstancePublic(mi("sqlmi-weu")), ports: .all, internetOnly: true)
        #expect(publicEndpoint.map(\.ports) == [3342...3342])
        await propertyCheck(count: 40, input: Gen.int(in: 0...65535)) { port in
            let single = ExposureEngine(topology: topology, serviceTags: bundledTags).exposure(of: .managedInstanceVNetLocal(mi("sqlmi-weu")), port: UInt16(port))
            let range = local.first { $0.ports.contains(UInt16(port)) }
            #expect(single.allowed == (range?.result.allowed ?? .empty), "port \(port)")
        }
    }

    /// A rule-rich NSG: exposure of a NIC compared with reach for random sources in every subnet.
    @Test func exposureAgreesWithReach() async {
        let rules = [
            Build.rule("deny-a", 100, "Inbound", "Deny", source: "\"sourceAddressPrefix\": \"10.1.0.0/25\"", ports: "\"destinationPortRange\": \"1433\""),
            Build.rule("allow-b", 110, "Inbound", "Allow", source: "\"sourceAddressPrefixes\": [\"10.1.0.0/24\", \"10.2.0.64/26\"]", ports: "\"destinationPortRange\": \"1000-2000\""),
            Build.rule("deny-rest", 4000, "Inbound", "Deny", protocol: "*"),
            Build.rule("out-deny", 100, "Outbound", "Deny", source: "\"sourceAddressPrefix\": \"10.2.0.96/27\"", destination: "\"destinationAddressPrefix\": \"10.0.0.0/24\""),
        ]
        let resources = [
            Build.vnet("hub", "10.0.0.0/16", subnets: [("db", "10.0.0.0/24", "\"networkSecurityGroup\": \(Build.ref("networkSecurityGroups/nsg"))")],
                       peerings: [("a", "\"peeringState\": \"Connected\""), ("b", "\"peeringState\": \"Connected\"")]),
            Build.vnet("a", "10.1.0.0/16", subnets: [("s", "10.1.0.0/24", "")], peerings: [("hub", "\"peeringState\": \"Connected\"")]),
            Build.vnet("b", "10.2.0.0/16", subnets: [("s", "10.2.0.0/24", "\"networkSecurityGroup\": \(Build.ref("networkSecurityGroups/nsg"))")], peerings: [("hub", "\"peeringState\": \"Connected\"")]),
            Build.vnet("c", "10.3.0.0/16", subnets: [("s", "10.3.0.0/24", "")]),
            Build.nsg("nsg", rules: rules),
            Build.nic("db", vnet: "hub", subnet: "db", address: "10.0.0.4"),
        ]
        let topology = loadText("[" + resources.joined(separator: ",") + "]")
        let db = topology.networkInterfaces.keys.first { $0.name == "db" }!
        let exposure = ExposureEngine(topology: topology, serviceTags: bundledTags).exposure(of: .networkInterface(db), port: 1433)
        // Expected by reading the rules: a's 10.1.0.128/25 (deny-a takes the lower half), b's 10.2.0.64/27
        // (allow-b covers .64/26, out-deny blocks .96/27 outbound); c is not peered.
        #expect(exposure.allowed.prefixes.map(\.description) == ["10.1.0.128/25", "10.2.0.64/27"])
        let engine = ReachabilityEngine(topology: topology, serviceTags: bundledTags)
        let subnets = topology.subnets.values.filter { $0.header.name == "s" }.map(\.id)
        await propertyCheck(count: 200, input: Gen.int(in: 0...(subnets.count - 1)), Gen.int(in: 0...255)) { which, host in
            let subnet = topology.subnets[subnets[which]]!
            guard case .v4(let network) = subnet.addressPrefixes[0].network else { return }
            let source = IPAddress.v4(IPv4Address(network.value + UInt32(host)))
            let verdict = engine.reach(from: .subnetAddress(subnet.id, source), to: .networkInterface(db), port: 1433).verdict
            #expect((verdict == .reachable) == exposure.allowed.contains(source), "\(source)")
        }
    }
}
