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

    /// The catalog of the commercial cloud.
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
            let fixed = zone.hasPrefix("{dnsPrefix}.") ? String(zone.dropFirst("{dnsPrefix}.".count)) : zone
            if !zones.contains(fixed) { zones.append(fixed) }
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
