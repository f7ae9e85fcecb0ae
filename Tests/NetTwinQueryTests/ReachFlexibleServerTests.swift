import NetTwinCore
import Testing

/// PostgreSQL and MySQL flexible servers (issue 13 A): postgresql/flexible-server/concepts-networking-public.md and
/// concepts-firewall-rules.md (public access guarded by IPv4 firewall rules; 0.0.0.0 admits Azure services, not the
/// Internet), concepts-networking-private.md (a VNet-integrated server has no public endpoint), 5432 and 3306.
@Suite struct ReachFlexibleServerTests {
    static let server = "/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/pg1"

    func topology(network: String = "\"publicNetworkAccess\": \"Enabled\"", rules: String = "") -> Topology {
        loadText("""
            [\(Build.vnet("v", "10.0.0.0/16", subnets: [("app", "10.0.1.0/24", "")])),
             {"id": "\(Self.server)", "type": "Microsoft.DBforPostgreSQL/flexibleServers", "location": "westeurope", "properties": {"network": {\(network)}}},
             \(rules)
             {"id": "\(Self.server)/firewallRules/office", "name": "office", "type": "Microsoft.DBforPostgreSQL/flexibleServers/firewallRules", "properties": {"startIpAddress": "198.51.100.0", "endIpAddress": "198.51.100.15"}}]
            """)
    }

    func reach(_ topology: Topology, _ source: ReachSource, port: UInt16 = 5432) -> ReachResult {
        ReachabilityEngine(topology: topology, serviceTags: bundledTags).reach(from: source, to: .dataService(ResourceID(Self.server)), port: port)
    }

    @Test func firewallRulesDecideForInternetClients() {
        let t = topology()
        #expect(t.flexibleServers.count == 1 && t.flexibleServers.values.first?.firewallRules.count == 1)
        #expect(reach(t, .internet(ip("198.51.100.7"))).verdict == .reachable)
        #expect(reach(t, .internet(ip("198.51.100.16"))).blockers.map(\.code) == [.serviceFirewall])
        // MySQL's port on a PostgreSQL server: not served.
        #expect(reach(t, .internet(ip("198.51.100.7")), port: 3306).blockers.map(\.code).contains(.portNotServed))
        // The 0.0.0.0 rule admits Azure, not the Internet.
        let azure = topology(rules: "{\"id\": \"\(Self.server)/firewallRules/azure\", \"name\": \"azure\", \"type\": \"Microsoft.DBforPostgreSQL/flexibleServers/firewallRules\", \"properties\": {\"startIpAddress\": \"0.0.0.0\", \"endIpAddress\": \"0.0.0.0\"}},")
        #expect(reach(azure, .internet(ip("203.0.113.7"))).blockers.map(\.code) == [.serviceFirewall])
    }

    @Test func closedPublicAccessAndVNetIntegration() {
        let closed = topology(network: "\"publicNetworkAccess\": \"Disabled\"")
        #expect(reach(closed, .internet(ip("198.51.100.7"))).blockers.map(\.code) == [.publicNetworkAccessDisabled])
        let integrated = topology(network: "\"delegatedSubnetResourceId\": \"\(Build.sub)/virtualNetworks/v/subnets/app\"")
        #expect(reach(integrated, .internet(ip("198.51.100.7"))).blockers.map(\.code) == [.publicEndpointDisabled])
    }

    /// Exposure of the public endpoint from the Internet is exactly the firewall rule's range (public addresses only).
    @Test func exposureIsTheFirewallRange() {
        let t = topology()
        let result = ExposureEngine(topology: t, serviceTags: bundledTags).exposure(of: .dataService(ResourceID(Self.server)), port: 5432, internetOnly: true)
        let internet = result.entries.first { $0.kind == .internet }
        #expect(internet?.allowed == IPAddressSet(prefixes: [prefix("198.51.100.0/28")]))
    }
}
