/// The recommended private DNS zone names of private endpoints, and the public zones they shadow.
///
/// Source: private-endpoint-dns.md, "Azure services DNS zone configuration" (commercial cloud;
/// stored copy ms.date 2023-10-11), as summarised in AZURE-SEMANTICS.md §3.5. This is the one place
/// these names are written down; the resolver and the service directory read them from here.
/// `{dnsPrefix}` is the SQL Managed Instance `dnsZone`.
public struct PrivateLinkZoneCatalog: Sendable {
    public struct Entry: Hashable, Sendable {
        /// `Microsoft.Sql/servers`, as Azure spells it.
        public var resourceType: String
        /// The private link sub-resource (`groupId`), lowercased.
        public var groupID: String
        /// The recommended private zone (`privatelink.database.windows.net`).
        public var privateZone: String
        /// The public zones whose names get the `privatelink` alias (`database.windows.net`).
        public var publicZones: [String]
    }

    public let entries: [Entry]
    /// Public zones of Azure services without a private link zone that the model still names.
    public let otherPublicZones: [String]

    /// Rows of the article's table for this cloud (the data file's count, checked by a test).
    public var rowCount = 0
    /// Where the data comes from (article, commit, date).
    public var source = ""
    public var cloud: Cloud = .azureCloud

    /// The clouds the article has a table for, by the names Azure CLI uses (`az cloud list`).
    public enum Cloud: String, CaseIterable, Sendable {
        case azureCloud = "AzureCloud"
        case azureUSGovernment = "AzureUSGovernment"
        case azureChinaCloud = "AzureChinaCloud"
    }

    public init(entries: [Entry], otherPublicZones: [String]) {
        self.entries = entries
        self.otherPublicZones = otherPublicZones
    }

    /// The commercial cloud's zones of the services NetTwin models, written here so that a topology built without the
    /// data file (a test, a library user) still resolves them; the CLI loads the whole table
    /// (`Resources/PrivateEndpointDNSZones.json` of NetTwinARM, `PrivateLinkZoneCatalogLoader`) for the cloud asked.
    public static let commercial = PrivateLinkZoneCatalog(
        entries: [
            Entry(resourceType: "Microsoft.Sql/servers", groupID: "sqlserver", privateZone: "privatelink.database.windows.net", publicZones: ["database.windows.net"]),
            Entry(resourceType: "Microsoft.Sql/managedInstances", groupID: "managedinstance", privateZone: "privatelink.{dnsPrefix}.database.windows.net", publicZones: ["{dnsPrefix}.database.windows.net"]),
            Entry(resourceType: "Microsoft.Storage/storageAccounts", groupID: "blob", privateZone: "privatelink.blob.core.windows.net", publicZones: ["blob.core.windows.net"]),
            Entry(resourceType: "Microsoft.Storage/storageAccounts", groupID: "table", privateZone: "privatelink.table.core.windows.net", publicZones: ["table.core.windows.net"]),
            Entry(resourceType: "Microsoft.Storage/storageAccounts", groupID: "queue", privateZone: "privatelink.queue.core.windows.net", publicZones: ["queue.core.windows.net"]),
            Entry(resourceType: "Microsoft.Storage/storageAccounts", groupID: "file", privateZone: "privatelink.file.core.windows.net", publicZones: ["file.core.windows.net"]),
            Entry(resourceType: "Microsoft.Storage/storageAccounts", groupID: "web", privateZone: "privatelink.web.core.windows.net", publicZones: ["web.core.windows.net"]),
            Entry(resourceType: "Microsoft.Storage/storageAccounts", groupID: "dfs", privateZone: "privatelink.dfs.core.windows.net", publicZones: ["dfs.core.windows.net"]),
            Entry(resourceType: "Microsoft.KeyVault/vaults", groupID: "vault", privateZone: "privatelink.vaultcore.azure.net", publicZones: ["vault.azure.net", "vaultcore.azure.net"]),
            Entry(resourceType: "Microsoft.KeyVault/managedHSMs", groupID: "managedhsm", privateZone: "privatelink.managedhsm.azure.net", publicZones: ["managedhsm.azure.net"]),
            Entry(resourceType: "Microsoft.DocumentDB/databaseAccounts", groupID: "sql", privateZone: "privatelink.documents.azure.com", publicZones: ["documents.azure.com"]),
            Entry(resourceType: "Microsoft.DocumentDB/databaseAccounts", groupID: "mongodb", privateZone: "privatelink.mongo.cosmos.azure.com", publicZones: ["mongo.cosmos.azure.com"]),
            Entry(resourceType: "Microsoft.DocumentDB/databaseAccounts", groupID: "cassandra", privateZone: "privatelink.cassandra.cosmos.azure.com", publicZones: ["cassandra.cosmos.azure.com"]),
            Entry(resourceType: "Microsoft.DocumentDB/databaseAccounts", groupID: "gremlin", privateZone: "privatelink.gremlin.cosmos.azure.com", publicZones: ["gremlin.cosmos.azure.com"]),
            Entry(resourceType: "Microsoft.DocumentDB/databaseAccounts", groupID: "table", privateZone: "privatelink.table.cosmos.azure.com", publicZones: ["table.cosmos.azure.com"]),
            Entry(resourceType: "Microsoft.Web/sites", groupID: "sites", privateZone: "privatelink.azurewebsites.net", publicZones: ["azurewebsites.net"]),
            Entry(resourceType: "Microsoft.Web/sites", groupID: "sites-scm", privateZone: "scm.privatelink.azurewebsites.net", publicZones: ["scm.azurewebsites.net"]),
        ],
        // traffic-manager-overview: profiles are named `<relativeName>.trafficmanager.net`.
        otherPublicZones: ["trafficmanager.net"])

    /// The catalogs of the article's tables (`{"clouds": {"AzureCloud": [rows], ...}, "rowCounts": {...}}`, transcribed
    /// from private-endpoint-dns.md, "Azure services DNS zone configuration"; Docs/research/private-endpoint-dns-zones.md).
    /// Each row gives one entry per resource type and sub-resource; a row with several private zones pairs them with its
    /// public zones in order (App Service: `sites` and `sites-scm`).
    public static func parse(_ root: JSONNode) -> [Cloud: PrivateLinkZoneCatalog] {
        var result: [Cloud: PrivateLinkZoneCatalog] = [:]
        let source = root["source"]?.stringValue ?? ""
        for cloud in Cloud.allCases {
            guard let rows = root["clouds"]?[cloud.rawValue]?.arrayValue else { continue }
            var entries: [Entry] = []
            for row in rows {
                let types = row["resourceTypes"]?.arrayValue?.compactMap(\.stringValue) ?? [row["resourceType"]?.stringValue].compactMap { $0 }
                let groups = row["subresources"]?.arrayValue?.compactMap(\.stringValue) ?? [row["subresource"]?.stringValue].compactMap { $0 }
                let privateZones = row["privateZones"]?.arrayValue?.compactMap(\.stringValue) ?? []
                let publicZones = row["publicZones"]?.arrayValue?.compactMap(\.stringValue) ?? []
                guard let first = privateZones.first else { continue }
                let paired = privateZones.count > 1 && privateZones.count == publicZones.count
                for type in types {
                    for group in groups {
                        entries.append(Entry(resourceType: type, groupID: group.lowercased(), privateZone: first, publicZones: paired ? [publicZones[0]] : publicZones))
                        guard paired else { continue }
                        for index in 1..<privateZones.count {
                            let label = privateZones[index].split(separator: ".").first.map(String.init) ?? "\(index)"
                            let suffix = label == "privatelink" ? "\(index)" : label
                            entries.append(Entry(resourceType: type, groupID: "\(group.lowercased())-\(suffix)", privateZone: privateZones[index], publicZones: [publicZones[index]]))
                        }
                    }
                }
            }
            var catalog = PrivateLinkZoneCatalog(entries: entries, otherPublicZones: [cloud.trafficManagerZone])
            catalog.rowCount = root["rowCounts"]?[cloud.rawValue]?.intValue.map(Int.init) ?? rows.count
            catalog.source = source
            catalog.cloud = cloud
            result[cloud] = catalog
        }
        return result
    }

    /// The public zone a resource's host names end in (`database.windows.net` for a SQL server in the commercial
    /// cloud); `fallback` when the table has no row for it.
    public func publicZone(resourceType: String, groupID: String, dnsPrefix: String? = nil, fallback: String) -> String {
        guard let zone = entry(resourceType: resourceType, groupID: groupID)?.publicZones.first else { return fallback }
        return Self.fill(zone, dnsPrefix: dnsPrefix)
    }

    /// The entry of a resource type and sub-resource (case-insensitive).
    public func entry(resourceType: String, groupID: String) -> Entry? {
        entries.first { $0.resourceType.lowercased() == resourceType.lowercased() && $0.groupID == groupID.lowercased() }
    }

    /// The private zone of an entry, with `{dnsPrefix}` filled in.
    public func privateZone(_ entry: Entry, dnsPrefix: String? = nil) -> String {
        Self.fill(entry.privateZone, dnsPrefix: dnsPrefix)
    }

    /// Every public service zone (with `{dnsPrefix}` zones reduced to their fixed suffix).
    public var publicServiceZones: [String] {
        var zones: [String] = []
        for zone in entries.flatMap(\.publicZones) + otherPublicZones {
            // Placeholders (`{dnsPrefix}`, `{regionName}`) stand for labels: keep the fixed suffix after the last one.
            let labels = zone.split(separator: ".")
            let fixed = labels.lastIndex { $0.contains("{") }.map { labels[($0 + 1)...].joined(separator: ".") } ?? zone
            if !fixed.isEmpty, fixed.contains("."), !zones.contains(fixed) { zones.append(fixed) }
        }
        return zones
    }

    /// Whether a private zone with this name shadows (part of) a public Azure service zone: it equals
    /// one, lies inside one, or contains one. `privatelink` zones are the intended mechanism, not a shadow.
    public func shadowedPublicZone(_ zoneName: String) -> String? {
        let zone = zoneName.lowercased()
        if zone.split(separator: ".").contains("privatelink") { return nil }
        return publicServiceZones.first { zone == $0 || zone.hasSuffix("." + $0) || $0.hasSuffix("." + zone) }
    }

    static func fill(_ template: String, dnsPrefix: String?) -> String {
        template.replacing("{dnsPrefix}", with: (dnsPrefix ?? "{dnsPrefix}").lowercased())
    }
}

extension PrivateLinkZoneCatalog.Cloud {
    /// traffic-manager-overview.md: profiles are `<relativeName>.trafficmanager.net` (`.usgovtrafficmanager.net` in US
    /// Government, `.trafficmanager.cn` in China).
    public var trafficManagerZone: String {
        switch self {
        case .azureCloud: "trafficmanager.net"
        case .azureUSGovernment: "usgovtrafficmanager.net"
        case .azureChinaCloud: "trafficmanager.cn"
        }
    }
}
