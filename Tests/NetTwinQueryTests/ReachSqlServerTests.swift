import NetTwinCore
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
}
