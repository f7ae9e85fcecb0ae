extension Topology {
    /// How many resources of one type there are in one region.
    public struct TypeCount: Hashable, Sendable, Comparable {
        public var type: String
        public var location: String?
        public var count: Int
        public var modelled: Bool
        public init(type: String, location: String?, count: Int, modelled: Bool) {
            self.type = type
            self.location = location
            self.count = count
            self.modelled = modelled
        }
        public static func < (lhs: TypeCount, rhs: TypeCount) -> Bool {
            if lhs.type.lowercased() != rhs.type.lowercased() { return lhs.type.lowercased() < rhs.type.lowercased() }
            return (lhs.location ?? "") < (rhs.location ?? "")
        }
    }

    /// Counts per resource type and region, modelled and unmodelled, sorted by type then region.
    public var countsByTypeAndRegion: [TypeCount] {
        var counts: [String: TypeCount] = [:]
        func add(_ type: String, _ location: String?, modelled: Bool) {
            let key = type.lowercased() + "|" + (location ?? "") + "|" + (modelled ? "1" : "0")
            counts[key, default: TypeCount(type: type, location: location, count: 0, modelled: modelled)].count += 1
        }
        func addAll<Value>(_ values: [ResourceID: Value], _ header: (Value) -> ResourceHeader) {
            for value in values.values { add(header(value).type, header(value).location, modelled: true) }
        }
        addAll(virtualNetworks, \.header)
        addAll(subnets, \.header)
        addAll(peerings, \.header)
        addAll(networkSecurityGroups, \.header)
        addAll(applicationSecurityGroups, \.header)
        addAll(routeTables, \.header)
        addAll(networkInterfaces, \.header)
        addAll(publicIPAddresses, \.header)
        addAll(virtualMachines, \.header)
        addAll(virtualNetworkGateways, \.header)
        addAll(localNetworkGateways, \.header)
        addAll(connections, \.header)
        addAll(privateEndpoints, \.header)
        addAll(privateDnsZones, \.header)
        addAll(sqlManagedInstances, \.header)
        addAll(sqlServers, \.header)
        addAll(instanceFailoverGroups, \.header)
        addAll(keyVaults, \.header)
        addAll(storageAccounts, \.header)
        addAll(flexibleServers, \.header)
        addAll(webSites, \.header)
        addAll(trafficManagerProfiles, \.header)
        addAll(azureFirewalls, \.header)
        addAll(firewallPolicies, \.header)
        addAll(ipGroups, \.header)
        addAll(dnsResolverInboundEndpoints, \.header)
        addAll(natGateways, \.header)
        for policy in firewallPolicies.values {
            for _ in policy.ruleCollectionGroups { add(ResourceType.firewallPolicyRuleCollectionGroup, policy.header.location, modelled: true) }
        }
        for connection in privateEndpointConnections.values {
            let parentType = connection.parent.resourceType ?? "unknown"
            add(parentType + "/privateEndpointConnections", resourceLocation(connection.parent), modelled: true)
        }
        for zone in privateDnsZones.values {
            for record in zone.recordSets { add(ResourceType.privateDnsZone + "/" + record.type.rawValue, "global", modelled: true) }
            for _ in zone.virtualNetworkLinks { add(ResourceType.virtualNetworkLink, "global", modelled: true) }
        }
        for resource in unmodelled { add(resource.type, resource.location, modelled: false) }
        return counts.values.sorted()
    }

    /// The region of a modelled resource, when known.
    public func resourceLocation(_ id: ResourceID) -> String? {
        sqlServers[id]?.header.location ?? sqlManagedInstances[id]?.header.location ?? keyVaults[id]?.header.location
            ?? storageAccounts[id]?.header.location ?? webSites[id]?.header.location ?? flexibleServers[id]?.header.location
            ?? virtualNetworks[id]?.header.location ?? networkSecurityGroups[id]?.header.location
    }
}
