import NetTwinCore

/// Private DNS zone names (private-endpoint-dns.md; SQL MI connectivity-architecture-overview.md).
enum PrivateDnsZoneRules {
    /// Names Azure reserves for its own services (connectivity-architecture-overview.md, "Networking
    /// constraints": no private DNS zones with these names linked to the MI VNet), plus the public
    /// service zones of the private endpoint DNS table.
    static let reservedParents = ["windows.net", "core.windows.net", "azure.net", "azure.com"]

    /// NT-DNS-001: a private zone named like a public service zone, linked to a VNet.
    static let overridesPublicZone: CheckRule = CheckRule(
        id: "NT-DNS-001", name: "PrivateZoneOverridesPublicZone",
        title: "A private DNS zone named like a public Azure service zone is linked to a virtual network",
        severity: .warning,
        rationale: "A linked private zone answers every name under it for that VNet: a zone named database.windows.net, blob.core.windows.net or vault.azure.net makes every server, account or vault without a record in it unresolvable from the VNet. Private endpoints use the privatelink zones, which public DNS aliases into.",
        helpURI: "https://learn.microsoft.com/azure/private-link/private-endpoint-dns",
        fix: "Use the recommended privatelink zone (privatelink.database.windows.net, privatelink.blob.core.windows.net, …) and unlink the zone named after the public one.",
        evaluate: { context in
            let catalog = context.topology.privateLinkZones
            let publicZones = Set(catalog.publicServiceZones.map { $0.lowercased() } + reservedParents)
            var findings: [Finding] = []
            for zone in context.topology.privateDnsZones.values.sorted(by: { $0.id < $1.id }) where !zone.virtualNetworkLinks.isEmpty {
                let name = zone.zoneName
                let shadowed = publicZones.contains(name) || publicZones.contains { name.hasSuffix("." + $0) && !name.hasPrefix("privatelink.") && !name.contains(".privatelink.") }
                guard shadowed else { continue }
                findings.append(overridesPublicZone.finding(
                    "private dns zone '\(name)' is named like a public azure zone and is linked to \(zone.virtualNetworkLinks.compactMap { $0.virtualNetwork?.name }.map { "'\($0)'" }.joined(separator: ", ")): names under it resolve only from this zone there",
                    resource: zone.id, location: zone.header.source, evidence: zone.virtualNetworkLinks.map { "link '\($0.name)'" }, key: name))
            }
            return findings
        })

    /// NT-DNS-002: a private endpoint registers its records in a zone that is not the recommended one for
    /// its resource type and sub-resource.
    static let notRecommendedName: CheckRule = CheckRule(
        id: "NT-DNS-002", name: "PrivateLinkZoneNameNotRecommended",
        title: "A private endpoint's DNS zone is not the recommended zone for its resource",
        severity: .warning,
        rationale: "Public DNS aliases a service name to <name>.privatelink.<service zone>, and Azure's automatic DNS configuration only uses the recommended zone names: records in a zone with another name are never consulted for the service's names.",
        helpURI: "https://learn.microsoft.com/azure/private-link/private-endpoint-dns",
        fix: "Register the endpoint in the recommended zone for its resource type and sub-resource (privatelink.database.windows.net, privatelink.vaultcore.azure.net, …).",
        evaluate: { context in
            let catalog = context.topology.privateLinkZones
            let topology = context.topology
            var findings: [Finding] = []
            for endpoint in topology.privateEndpoints.values.sorted(by: { $0.id < $1.id }) where !endpoint.privateDnsZones.isEmpty {
                var recommended: Set<String> = []
                for connection in endpoint.connections {
                    guard let target = connection.privateLinkServiceId, let type = target.resourceType else { continue }
                    let prefix = topology.sqlManagedInstances[target]?.dnsZone
                    for group in connection.groupIds {
                        if let entry = catalog.entry(resourceType: type, groupID: group) {
                            recommended.insert(catalog.privateZone(entry, dnsPrefix: prefix).lowercased())
                        }
                    }
                }
                // Only resources the catalog knows are judged: an unknown type says nothing.
                guard !recommended.isEmpty else { continue }
                for zoneID in endpoint.privateDnsZones {
                    let name = (topology.privateDnsZones[zoneID]?.zoneName ?? zoneID.name).lowercased()
                    guard !recommended.contains(name) else { continue }
                    findings.append(notRecommendedName.finding(
                        "private endpoint '\(endpoint.header.name)' registers in zone '\(name)', not the recommended \(recommended.sorted().map { "'\($0)'" }.joined(separator: " or "))",
                        resource: endpoint.id, location: endpoint.header.source, key: name))
                }
            }
            return findings
        })
}
