import NetTwinChecks
import NetTwinCore
import Testing

/// NT-PE-001..004. Expected values from private-endpoint-overview.md ("Only private endpoints in an
/// Approved state can send traffic"), disable-private-endpoint-network-policy.md (NSGs apply to
/// private endpoints only with network policies enabled) and private-endpoint-dns.md (the recommended
/// zone for SQL Database is privatelink.database.windows.net; it must be linked to the client VNet).
@Suite struct PrivateEndpointRuleTests {
    static let server = "Microsoft.Sql/servers/sql1"

    func world(status: String = "Approved", subnetExtras: String = "\"privateEndpointNetworkPolicies\": \"Disabled\"", dns: [String]) -> Topology {
        let base = [
            Res.vnet("vnet1", "10.0.0.0/16", subnets: [("snet-pe", "10.0.1.0/24", subnetExtras)]),
            Res.nsg("nsg-pe", Res.rule("allow-https", 100, "Inbound", "Allow", source: "VirtualNetwork", ports: "443")),
            Res.sqlServer("sql1", properties: "\"minimalTlsVersion\": \"1.2\", \"publicNetworkAccess\": \"Disabled\""),
            Res.privateEndpoint("pe-sql1", vnet: "vnet1", subnet: "snet-pe", target: Self.server, group: "sqlServer", status: status, address: "10.0.1.4"),
        ]
        return topology(["inline.json": "[" + (base + dns).joined(separator: ",\n") + "]"])
    }

    static let goodDNS = [
        Res.zone("privatelink.database.windows.net"), Res.aRecord("privatelink.database.windows.net", "sql1", "10.0.1.4"),
        Res.link("privatelink.database.windows.net", to: "vnet1"),
    ]

    @Test func pendingAndRejectedConnectionsAreFound() throws {
        for status in ["Pending", "Rejected", "Disconnected"] {
            let found = findings(world(status: status, dns: Self.goodDNS), rule: "NT-PE-001")
            #expect(found.count == 1, "\(status)")
            #expect(try #require(found.first).message.hasPrefix("private endpoint 'pe-sql1' connection to 'sql1' is '\(status)'"))
        }
        #expect(findings(world(dns: Self.goodDNS), rule: "NT-PE-001").isEmpty)
    }

    @Test func theServiceSideIsCheckedWhenTheEndpointIsNotInTheInput() throws {
        let connection = """
            {"id": "\(Res.id(Self.server))/privateEndpointConnections/pec1", "type": "Microsoft.Sql/servers/privateEndpointConnections", "name": "pec1",
             "properties": {"privateEndpoint": {"id": "/subscriptions/other/resourceGroups/x/providers/Microsoft.Network/privateEndpoints/pe-elsewhere"},
               "privateLinkServiceConnectionState": {"status": "Pending"}}}
            """
        let found = findings(topology(Res.sqlServer("sql1"), connection), rule: "NT-PE-001")
        #expect(try #require(found.first).message.hasPrefix("private endpoint connection 'pec1' of 'sql1' is 'Pending'"))
    }

    @Test func anNSGWithDisabledPoliciesIsNotEnforced() throws {
        let disabled = world(subnetExtras: "\(Res.nsgRef("nsg-pe")), \"privateEndpointNetworkPolicies\": \"Disabled\"", dns: Self.goodDNS)
        let found = findings(disabled, rule: "NT-PE-002")
        #expect(try #require(found.first).message == "nsg 'nsg-pe' on subnet 'vnet1/snet-pe' does not apply to its private endpoints: privateendpointnetworkpolicies is 'Disabled'")
        let enabled = world(subnetExtras: "\(Res.nsgRef("nsg-pe")), \"privateEndpointNetworkPolicies\": \"NetworkSecurityGroupEnabled\"", dns: Self.goodDNS)
        #expect(findings(enabled, rule: "NT-PE-002").isEmpty)
    }

    @Test func anEndpointInADelegatedSubnet() throws {
        let delegated = world(subnetExtras: "\"delegations\": [{\"name\": \"d\", \"properties\": {\"serviceName\": \"Microsoft.Web/serverFarms\"}}]", dns: Self.goodDNS)
        #expect(try #require(findings(delegated, rule: "NT-PE-003").first).message == "private endpoint 'pe-sql1' is in subnet 'vnet1/snet-pe', which is delegated to 'Microsoft.Web/serverFarms'")
        #expect(findings(world(dns: Self.goodDNS), rule: "NT-PE-003").isEmpty)
    }

    @Test func theNameResolvesPrivatelyWithALinkedZone() {
        #expect(findings(world(dns: Self.goodDNS), rule: "NT-PE-004").isEmpty)
    }

    @Test func anUnlinkedZoneLeavesThePublicAnswer() throws {
        let unlinked = world(dns: Array(Self.goodDNS.prefix(2)))
        let found = findings(unlinked, rule: "NT-PE-004")
        let finding = try #require(found.first)
        #expect(finding.message == "'sql1.database.windows.net' does not resolve to private endpoint 'pe-sql1' (10.0.1.4) from virtual network 'vnet1'")
        #expect(finding.evidence.contains { $0.contains("sql1.privatelink.database.windows.net") })
    }

    @Test func aMissingRecordIsFound() {
        let noRecord = world(dns: [Self.goodDNS[0], Self.goodDNS[2]])
        #expect(findings(noRecord, rule: "NT-PE-004").count == 1)
    }

    @Test func aRecordWithAnotherAddressIsFound() {
        let wrong = world(dns: [Self.goodDNS[0], Res.aRecord("privatelink.database.windows.net", "sql1", "10.0.1.99"), Self.goodDNS[2]])
        #expect(findings(wrong, rule: "NT-PE-004").count == 1)
    }
}
