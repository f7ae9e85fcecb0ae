/// The public host names of the modelled resources, and which resources have an Approved private
/// endpoint for which sub-resource. Built once from a topology.
public struct AzureServiceDirectory: Sendable {
    /// Services by public host name.
    public private(set) var byName: [String: AzureServiceName] = [:]
    /// Services by their `privatelink` alias.
    public private(set) var byPrivateLinkName: [String: AzureServiceName] = [:]
    /// Lowercased group IDs with an Approved connection, per target resource; `*` when a connection names none.
    public private(set) var approvedGroups: [ResourceID: Set<String>] = [:]
    /// The VNet-local host name of each managed instance.
    public private(set) var managedInstanceNames: [ResourceID: String] = [:]

    public init(topology: Topology, catalog: PrivateLinkZoneCatalog? = nil) {
        let catalog = catalog ?? topology.privateLinkZones
        approvedGroups = Self.approvedGroups(topology)
        // Host names end in the cloud's public zones (database.windows.net, database.usgovcloudapi.net, …).
        func zone(_ type: String, _ group: String, dnsPrefix: String? = nil, _ fallback: String) -> String {
            catalog.publicZone(resourceType: type, groupID: group, dnsPrefix: dnsPrefix, fallback: fallback)
        }
        func alias(_ label: String, _ type: String, _ group: String, dnsPrefix: String? = nil) -> String? {
            catalog.entry(resourceType: type, groupID: group).map { "\(label.lowercased()).\(catalog.privateZone($0, dnsPrefix: dnsPrefix))" }
        }
        for server in topology.sqlServers.values {
            let name = server.header.name.lowercased()
            add(AzureServiceName(
                fqdn: server.fullyQualifiedDomainName ?? "\(name).\(zone("Microsoft.Sql/servers", "sqlServer", "database.windows.net"))", resource: server.id, resourceName: server.header.name,
                kind: .sqlServer, groupID: "sqlserver", privateLinkName: alias(name, "Microsoft.Sql/servers", "sqlServer")))
        }
        for instance in topology.sqlManagedInstances.values {
            let name = instance.header.name.lowercased()
            guard let dnsZone = Self.dnsZone(of: instance) else { continue }
            let instanceZone = zone("Microsoft.Sql/managedInstances", "managedInstance", dnsPrefix: dnsZone, "\(dnsZone).database.windows.net")
            let local = instance.fullyQualifiedDomainName?.lowercased() ?? "\(name).\(instanceZone)"
            managedInstanceNames[instance.id] = local
            add(AzureServiceName(
                fqdn: local, resource: instance.id, resourceName: instance.header.name, kind: .managedInstanceLocal,
                groupID: "managedinstance", privateLinkName: alias(name, "Microsoft.Sql/managedInstances", "managedInstance", dnsPrefix: dnsZone),
                subnet: instance.subnet))
            add(AzureServiceName(
                fqdn: "\(name).public.\(instanceZone)", resource: instance.id, resourceName: instance.header.name,
                kind: .managedInstancePublic(enabled: instance.publicDataEndpointEnabled), subnet: instance.subnet))
        }
        for group in topology.instanceFailoverGroups.values {
            addListeners(group, topology: topology, catalog: catalog)
        }
        for account in topology.storageAccounts.values {
            let name = account.header.name.lowercased()
            for service in ["blob", "file", "queue", "table", "dfs", "web"] {
                add(AzureServiceName(
                    fqdn: "\(name).\(zone("Microsoft.Storage/storageAccounts", service, "\(service).core.windows.net"))", resource: account.id, resourceName: account.header.name,
                    kind: .storage(service: service), groupID: service, privateLinkName: alias(name, "Microsoft.Storage/storageAccounts", service)))
            }
        }
        for vault in topology.keyVaults.values {
            let name = vault.header.name.lowercased()
            switch vault.kind {
            case .vault:
                add(AzureServiceName(
                    fqdn: Self.host(of: vault.uri) ?? "\(name).\(zone("Microsoft.KeyVault/vaults", "vault", "vault.azure.net"))", resource: vault.id, resourceName: vault.header.name,
                    kind: .keyVault, groupID: "vault", privateLinkName: alias(name, "Microsoft.KeyVault/vaults", "vault")))
            case .managedHSM:
                add(AzureServiceName(
                    fqdn: Self.host(of: vault.uri) ?? "\(name).\(zone("Microsoft.KeyVault/managedHSMs", "managedhsm", "managedhsm.azure.net"))", resource: vault.id, resourceName: vault.header.name,
                    kind: .managedHSM, groupID: "managedhsm", privateLinkName: alias(name, "Microsoft.KeyVault/managedHSMs", "managedhsm")))
            }
        }
        for site in topology.webSites.values {
            let name = site.header.name.lowercased()
            let sites = zone("Microsoft.Web/sites", "sites", "azurewebsites.net")
            let scm = zone("Microsoft.Web/sites", "sites-scm", "scm." + sites)
            let host = site.defaultHostName?.lowercased() ?? "\(name).\(sites)"
            let label = host.hasSuffix("." + sites) ? String(host.dropLast(sites.count + 1)) : name
            add(AzureServiceName(
                fqdn: host, resource: site.id, resourceName: site.header.name, kind: .webApp, groupID: "sites",
                privateLinkName: alias(label, "Microsoft.Web/sites", "sites")))
            add(AzureServiceName(
                fqdn: "\(label).\(scm)", resource: site.id, resourceName: site.header.name, kind: .webAppSCM, groupID: "sites",
                privateLinkName: alias(label, "Microsoft.Web/sites", "sites-scm")))
        }
    }

    /// Whether Azure publishes the `privatelink` alias for this name: the resource has an Approved
    /// private endpoint connection for the name's sub-resource (private-endpoint-dns.md; without an
    /// Approved private endpoint there is no alias).
    public func hasApprovedPrivateEndpoint(_ service: AzureServiceName) -> Bool {
        guard service.privateLinkName != nil, let group = service.groupID, let groups = approvedGroups[service.resource] else { return false }
        return groups.contains(group) || groups.contains("*")
    }

    mutating func add(_ service: AzureServiceName) {
        if byName[service.fqdn] == nil { byName[service.fqdn] = service }
        if let alias = service.privateLinkName, byPrivateLinkName[alias] == nil { byPrivateLinkName[alias] = service }
    }

    /// The listeners of an instance failover group (failover-group-sql-mi.md): the read-write listener
    /// points at the current primary, the read-only listener at the current secondary.
    mutating func addListeners(_ group: InstanceFailoverGroup, topology: Topology, catalog: PrivateLinkZoneCatalog) {
        guard let pair = group.managedInstancePairs.first else { return }
        // `replicationRole` is the role of the instance in the failover group's own region; after a
        // failover that is the partner's old role, so the pair's members swap.
        let swapped = group.replicationRole?.lowercased() == "secondary"
        let primary = swapped ? pair.partner : pair.primary
        let secondary = swapped ? pair.primary : pair.partner
        let instances = [primary, secondary].compactMap { $0.flatMap { topology.sqlManagedInstances[$0] } }
        guard let dnsZone = instances.lazy.compactMap(Self.dnsZone(of:)).first else { return }
        let zone = catalog.publicZone(resourceType: "Microsoft.Sql/managedInstances", groupID: "managedInstance", dnsPrefix: dnsZone, fallback: "\(dnsZone).database.windows.net")
        let name = group.header.name.lowercased()
        func target(_ id: ResourceID?) -> String? { id.flatMap { topology.sqlManagedInstances[$0] }.flatMap(Self.localName(of:)) }
        add(AzureServiceName(
            fqdn: "\(name).\(zone)", resource: group.id, resourceName: group.header.name,
            kind: .failoverGroupListener(target: target(primary))))
        add(AzureServiceName(
            fqdn: "\(name).secondary.\(zone)", resource: group.id, resourceName: group.header.name,
            kind: .failoverGroupReadOnlyListener(target: target(secondary))))
    }

    /// The instance's `dnsZone`, or the second label of its FQDN.
    static func dnsZone(of instance: SqlManagedInstance) -> String? {
        if let zone = instance.dnsZone, !zone.isEmpty { return zone.lowercased() }
        let labels = instance.fullyQualifiedDomainName?.lowercased().split(separator: ".") ?? []
        return labels.count >= 4 ? String(labels[1]) : nil
    }

    static func localName(of instance: SqlManagedInstance) -> String? {
        instance.fullyQualifiedDomainName?.lowercased() ?? dnsZone(of: instance).map { "\(instance.header.name.lowercased()).\($0).database.windows.net" }
    }

    /// `https://x.vault.azure.net/` → `x.vault.azure.net`.
    static func host(of uri: String?) -> String? {
        guard var text = uri?.lowercased(), !text.isEmpty else { return nil }
        if let range = text.firstRange(of: "://") { text = String(text[range.upperBound...]) }
        let host = text.split(separator: "/").first.map(String.init) ?? text
        return host.isEmpty ? nil : host
    }

    /// Approved connections, from the service side (`…/privateEndpointConnections`, which the owner
    /// approves) and from the endpoint side; the service side decides when both describe one endpoint.
    static func approvedGroups(_ topology: Topology) -> [ResourceID: Set<String>] {
        var result: [ResourceID: Set<String>] = [:]
        var described = Set<[ResourceID]>()
        for connection in topology.privateEndpointConnections.values {
            if let endpoint = connection.privateEndpoint { described.insert([connection.parent, endpoint]) }
            guard connection.state.status == .approved else { continue }
            var groups = connection.groupIds
            if groups.isEmpty, let endpoint = connection.privateEndpoint.flatMap({ topology.privateEndpoints[$0] }) {
                groups = endpoint.connections.filter { $0.privateLinkServiceId == connection.parent }.flatMap(\.groupIds)
            }
            result[connection.parent, default: []].formUnion(groups.isEmpty ? ["*"] : groups.map { $0.lowercased() })
        }
        for endpoint in topology.privateEndpoints.values {
            for connection in endpoint.connections {
                guard let target = connection.privateLinkServiceId, !described.contains([target, endpoint.id]),
                    connection.state.status == .approved
                else { continue }
                result[target, default: []].formUnion(connection.groupIds.isEmpty ? ["*"] : connection.groupIds.map { $0.lowercased() })
            }
        }
        return result
    }
}
