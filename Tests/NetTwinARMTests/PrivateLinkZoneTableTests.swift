import NetTwinCore
import Testing
@testable import NetTwinARM

/// The private endpoint DNS zone table shipped as data (private-endpoint-dns.md, "Azure services DNS zone
/// configuration", ms.date 05/04/2026; Docs/research/private-endpoint-dns-zones.md).
@Suite struct PrivateLinkZoneTableTests {
    /// The article's tables have 94 (Azure public), 55 (US Government) and 37 (China) rows, counted per data line
    /// of each category table (the research note gives the per-category counts). The file must hold every row.
    @Test(arguments: [(PrivateLinkZoneCatalog.Cloud.azureCloud, 94), (.azureUSGovernment, 55), (.azureChinaCloud, 37)])
    func everyRowOfTheArticle(cloud: PrivateLinkZoneCatalog.Cloud, rows: Int) {
        let catalog = PrivateLinkZoneCatalogLoader.bundled(cloud)
        #expect(catalog.cloud == cloud)
        #expect(catalog.rowCount == rows)
        #expect(catalog.source.contains("private-endpoint-dns.md"))
        // One entry at least per row (rows with several sub-resources or zones give more).
        #expect(catalog.entries.count >= rows)
    }

    /// Rows the issue names, as the article gives them for the Azure public cloud.
    @Test(arguments: [
        ("Microsoft.Sql/servers", "sqlServer", "privatelink.database.windows.net"),
        ("Microsoft.DocumentDB/databaseAccounts", "MongoDB", "privatelink.mongo.cosmos.azure.com"),
        ("Microsoft.DocumentDB/databaseAccounts", "Cassandra", "privatelink.cassandra.cosmos.azure.com"),
        ("Microsoft.DBforPostgreSQL/flexibleServers", "postgresqlServer", "privatelink.postgres.database.azure.com"),
        ("Microsoft.DBforMySQL/flexibleServers", "mysqlServer", "privatelink.mysql.database.azure.com"),
        ("Microsoft.Storage/storageAccounts", "blob_secondary", "privatelink.blob.core.windows.net"),
        ("Microsoft.KeyVault/managedHSMs", "managedhsm", "privatelink.managedhsm.azure.net"),
        ("Microsoft.Web/sites", "sites-scm", "scm.privatelink.azurewebsites.net"),
    ])
    func knownRows(type: String, group: String, zone: String) throws {
        let entry = try #require(PrivateLinkZoneCatalogLoader.bundled(.azureCloud).entry(resourceType: type, groupID: group))
        #expect(entry.privateZone == zone)
    }

    /// Service Bus and Event Hubs namespaces share privatelink.servicebus.windows.net.
    @Test func messagingNamespaces() throws {
        let catalog = PrivateLinkZoneCatalogLoader.bundled(.azureCloud)
        let types = catalog.entries.filter { $0.privateZone == "privatelink.servicebus.windows.net" }.map { $0.resourceType.lowercased() }
        #expect(types.contains("microsoft.servicebus/namespaces") && types.contains("microsoft.eventhub/namespaces"), "\(types)")
    }

    /// The clouds differ in their suffixes: SQL Database in US Government is privatelink.database.usgovcloudapi.net, in
    /// China privatelink.database.chinacloudapi.cn.
    @Test func cloudSuffixes() throws {
        let government = try #require(PrivateLinkZoneCatalogLoader.bundled(.azureUSGovernment).entry(resourceType: "Microsoft.Sql/servers", groupID: "sqlServer"))
        #expect(government.privateZone == "privatelink.database.usgovcloudapi.net" && government.publicZones == ["database.usgovcloudapi.net"])
        let china = try #require(PrivateLinkZoneCatalogLoader.bundled(.azureChinaCloud).entry(resourceType: "Microsoft.Sql/servers", groupID: "sqlServer"))
        #expect(china.privateZone == "privatelink.database.chinacloudapi.cn")
    }

    /// In US Government a SQL server is `<name>.database.usgovcloudapi.net`, and an approved private endpoint inserts
    /// `<name>.privatelink.database.usgovcloudapi.net`, which the linked zone of that name answers.
    @Test func governmentCloudResolution() throws {
        let server = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Sql/servers/sql1"
        let zone = "privatelink.database.usgovcloudapi.net"
        let text = """
            [{"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v", "type": "Microsoft.Network/virtualNetworks", "location": "usgovvirginia",
              "properties": {"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]}, "subnets": [{"name": "s", "properties": {"addressPrefix": "10.0.0.0/24"}}]}},
             {"id": "\(server)", "type": "Microsoft.Sql/servers", "location": "usgovvirginia", "properties": {}},
             {"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/privateEndpoints/pe", "type": "Microsoft.Network/privateEndpoints", "location": "usgovvirginia",
              "properties": {"subnet": {"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s"},
                "privateLinkServiceConnections": [{"name": "c", "properties": {"privateLinkServiceId": "\(server)", "groupIds": ["sqlServer"], "privateLinkServiceConnectionState": {"status": "Approved"}}}]}},
             {"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/privateDnsZones/\(zone)", "type": "Microsoft.Network/privateDnsZones", "location": "global", "properties": {}},
             {"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/privateDnsZones/\(zone)/A/sql1", "type": "Microsoft.Network/privateDnsZones/A", "properties": {"aRecords": [{"ipv4Address": "10.0.0.7"}]}},
             {"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/privateDnsZones/\(zone)/virtualNetworkLinks/l", "type": "Microsoft.Network/privateDnsZones/virtualNetworkLinks", "location": "global",
              "properties": {"virtualNetwork": {"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v"}}}]
            """
        var (_, topology) = load(text)
        topology.privateLinkZones = PrivateLinkZoneCatalogLoader.bundled(.azureUSGovernment)
        let resolution = DNSResolver(topology: topology).resolve(name: "sql1.database.usgovcloudapi.net", from: .virtualNetwork(topology.virtualNetworks.keys.first!))
        #expect(resolution.chain.first?.value == "sql1.privatelink.database.usgovcloudapi.net")
        #expect(resolution.addresses.map(\.description) == ["10.0.0.7"])
    }
}
