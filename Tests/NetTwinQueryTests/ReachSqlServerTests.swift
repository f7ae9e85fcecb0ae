import NetTwinCore
import PropertyBased
import Testing

/// The service side of Azure SQL Database: firewall-configure.md (server-level IP rules, "Allow Azure
/// services"), connectivity-settings.md (public network access, error 47073),
/// vnet-service-endpoint-rule-overview.md (virtual network rules need the Microsoft.Sql service endpoint,
/// same region only).
@Suite struct ReachSqlServerTests {
    func topology(endpoint: String? = "westeurope", rule: Bool = true, publicAccess: String = "Enabled", firewall: String = "", serverRegion: String = "westeurope") -> Topology {
        let endpointText = endpoint.map { "\"serviceEndpoints\": [{\"service\": \"Microsoft.Sql\", \"locations\": [\"\($0)\"]}]" } ?? ""
        let server = "/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/rg/providers/Microsoft.Sql/servers/sql1"
        let vnetRule = rule ? "{\"id\": \"\(server)/virtualNetworkRules/app\", \"name\": \"app\", \"type\": \"Microsoft.Sql/servers/virtualNetworkRules\", \"properties\": {\"virtualNetworkSubnetId\": \"\(Build.sub)/virtualNetworks/v/subnets/app\"}}," : ""
        return loadText("""
            [\(Build.vnet("v", "10.0.0.0/16", subnets: [("app", "10.0.1.0/24", endpointText)])),
             {"id": "\(server)", "type": "Microsoft.Sql/servers", "location": "\(serverRegion)", "properties": {"publicNetworkAccess": "\(publicAccess)", "minimalTlsVersion": "1.2"}},
             \(vnetRule)
             \(firewall)
             {"id": "\(server)/firewallRules/office", "name": "office", "type": "Microsoft.Sql/servers/firewallRules", "properties": {"startIpAddress": "198.51.100.0", "endIpAddress": "198.51.100.255"}}]
            """)
    }

    func reach(_ topology: Topology, _ source: ReachSource) -> ReachResult {
        let server = topology.sqlServers.keys.first!
        return ReachabilityEngine(topology: topology, serviceTags: bundledTags).reach(from: source, to: .sqlServer(server), port: 1433)
    }
    func app(_ topology: Topology) -> ReachSource { .subnet(topology.subnets.keys.first!) }

    @Test func serviceEndpointAndVirtualNetworkRule() {
        let t = topology()
        #expect(reach(t, app(t)).verdict == .reachable)
        let noRule = topology(rule: false)
        #expect(reach(noRule, app(noRule)).blockers.map(\.code) == [.missingVirtualNetworkRule])
        let noEndpoint = topology(endpoint: nil)
        #expect(reach(noEndpoint, app(noEndpoint)).blockers.map(\.code) == [.missingServiceEndpoint])
    }

    @Test func serviceEndpointsApplyInTheirRegionOnly() {
        let t = topology(serverRegion: "northeurope")
        #expect(reach(t, app(t)).blockers.map(\.code) == [.serviceEndpointOtherRegion])
    }

    @Test func internetClientsAndTheServerFirewall() {
        let t = topology()
        #expect(reach(t, .internet(ip("198.51.100.7"))).verdict == .reachable)
        #expect(reach(t, .internet(ip("203.0.113.7"))).blockers.map(\.code) == [.serviceFirewall])
        let closed = topology(publicAccess: "Disabled")
        #expect(reach(closed, .internet(ip("198.51.100.7"))).blockers.map(\.code).contains(.publicNetworkAccessDisabled))
        #expect(reach(closed, app(closed)).blockers.map(\.code).contains(.publicNetworkAccessDisabled))
    }

    /// "Allow Azure services" admits connections from Azure, not from the Internet.
    @Test func allowAzureServices() {
        let allowAzure = "{\"id\": \"/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/rg/providers/Microsoft.Sql/servers/sql1/firewallRules/AllowAllWindowsAzureIps\", \"name\": \"AllowAllWindowsAzureIps\", \"type\": \"Microsoft.Sql/servers/firewallRules\", \"properties\": {\"startIpAddress\": \"0.0.0.0\", \"endIpAddress\": \"0.0.0.0\"}},"
        let t = topology(endpoint: nil, rule: false, firewall: allowAzure)
        #expect(reach(t, app(t)).verdict == .reachable)
        #expect(reach(t, .internet(ip("203.0.113.7"))).blockers.map(\.code) == [.serviceFirewall])
        let unknown = topology(endpoint: nil, rule: false)
        #expect(reach(unknown, app(unknown)).verdict == .unknown)
    }

    /// Exposure of the server's public endpoint, read from the configuration: the Internet through the 'office'
    /// rule (198.51.100.0/24), the app subnet through its service endpoint and virtual network rule (10.0.1.0/24);
    /// with public network access disabled, nobody. Membership agrees with reach on random addresses.
    @Test func exposureOfThePublicEndpoint() async {
        let t = topology()
        let server = t.sqlServers.keys.first!
        let exposure = ExposureEngine(topology: t, serviceTags: bundledTags).exposure(of: .sqlServer(server), port: 1433)
        #expect(exposure.entries.map(\.name) == ["Internet", "v/app"])
        #expect(exposure.entries[0].allowed.prefixes.map(\.description) == ["198.51.100.0/24"])
        #expect(exposure.entries[1].allowed.prefixes.map(\.description) == ["10.0.1.0/24"])
        #expect(exposure.assumptions.contains { $0.contains("database-level firewall rules") })
        let closed = topology(publicAccess: "Disabled")
        #expect(ExposureEngine(topology: closed, serviceTags: bundledTags).exposure(of: .sqlServer(closed.sqlServers.keys.first!), port: 1433).entries.isEmpty)
        // Without the virtual network rule the subnet is out (MISSING_VNET_RULE); without endpoint or rule and
        // without "Allow Azure services" its outbound public address is unknown: out, and said so.
        let noRule = topology(rule: false)
        #expect(ExposureEngine(topology: noRule, serviceTags: bundledTags).exposure(of: .sqlServer(noRule.sqlServers.keys.first!), port: 1433).entries.map(\.name) == ["Internet"])
        let neither = topology(endpoint: nil, rule: false)
        let unknown = ExposureEngine(topology: neither, serviceTags: bundledTags).exposure(of: .sqlServer(neither.sqlServers.keys.first!), port: 1433)
        #expect(unknown.assumptions.contains { $0.contains("without a Microsoft.Sql service endpoint") })

        let engine = ReachabilityEngine(topology: t, serviceTags: bundledTags)
        let subnet = t.subnets.keys.first!
        await propertyCheck(count: 100, input: Gen.int(in: 0...1), Gen.int(in: 0...255), Gen.int(in: 0...255)) { kind, a, b in
            let source: ReachSource
            let address: IPAddress
            if kind == 0 {
                // Public addresses around the rule: 198.51.100.x and 198.51.101.x.
                address = .v4(IPv4Address(198, 51, UInt8(100 + a % 2), UInt8(b)))
                source = .internet(address)
            } else {
                address = .v4(IPv4Address(10, 0, 1, UInt8(b)))
                source = .subnetAddress(subnet, address)
            }
            let verdict = engine.reach(from: source, to: .sqlServer(server), port: 1433).verdict
            #expect((verdict == .reachable) == exposure.allowed.contains(address), "\(address)")
        }
    }
}
