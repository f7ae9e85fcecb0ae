import NetTwinChecks
import NetTwinCore
import Testing

/// NT-DNS-001 and NT-DNS-002 (private-endpoint-dns.md: the recommended zone names; a linked zone answers
/// every name under it for the VNet).
@Suite struct PrivateDnsZoneRuleTests {
    func zoneGroup(endpoint: String, zone: String) -> String {
        """
        {"id": "\(Res.id("Microsoft.Network/privateEndpoints/\(endpoint)/privateDnsZoneGroups/default"))", "type": "Microsoft.Network/privateEndpoints/privateDnsZoneGroups",
         "properties": {"privateDnsZoneConfigs": [{"name": "c", "properties": {"privateDnsZoneId": "\(Res.id("Microsoft.Network/privateDnsZones/\(zone)"))"}}]}}
        """
    }

    /// A zone named database.windows.net linked to a VNet shadows every SQL server name there.
    @Test(arguments: [("database.windows.net", 1), ("blob.core.windows.net", 1), ("windows.net", 1), ("privatelink.database.windows.net", 0), ("contoso.internal", 0)])
    func publicZoneOverride(zone: String, expected: Int) {
        let t = topology(Res.vnet("v", "10.0.0.0/16", subnets: [("s", "10.0.0.0/24", "")]), Res.zone(zone), Res.link(zone, to: "v"))
        let found = findings(t, rule: "NT-DNS-001")
        #expect(found.count == expected)
        if expected == 1 { #expect(found[0].message.contains("'\(zone)'")) }
    }

    /// An unlinked zone shadows nothing.
    @Test func unlinkedZoneIsFine() {
        #expect(findings(topology(Res.zone("database.windows.net")), rule: "NT-DNS-001").isEmpty)
    }

    /// A SQL server endpoint must register in privatelink.database.windows.net (the recommended zone for
    /// Microsoft.Sql/servers, sqlServer).
    @Test(arguments: [("privatelink.database.windows.net", 0), ("privatelink.sql.contoso.com", 1), ("privatelink.vaultcore.azure.net", 1)])
    func recommendedZoneName(zone: String, expected: Int) {
        let t = topology(
            Res.vnet("v", "10.0.0.0/16", subnets: [("pe", "10.0.1.0/24", "")]),
            Res.sqlServer("sql1"),
            Res.privateEndpoint("pe1", vnet: "v", subnet: "pe", target: "Microsoft.Sql/servers/sql1", group: "sqlServer", status: "Approved", address: "10.0.1.4"),
            Res.zone(zone), zoneGroup(endpoint: "pe1", zone: zone))
        let found = findings(t, rule: "NT-DNS-002")
        #expect(found.count == expected)
        if expected == 1 { #expect(found[0].message.contains("not the recommended 'privatelink.database.windows.net'")) }
    }
}
