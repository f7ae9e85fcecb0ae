/// Conversion of private link, private DNS and the data services.
extension BuildState {
    func connectionState(_ reader: PropertyReader?) -> PrivateLinkConnectionState {
        guard let reader else { return PrivateLinkConnectionState(status: nil) }
        let text = reader.string("status")
        return PrivateLinkConnectionState(
            status: reader.enumeration("status", as: PrivateLinkConnectionStatus.self), statusText: text,
            description: reader.string("description"), actionsRequired: reader.string("actionsRequired"))
    }

    /// `properties.ipConfigurations[].privateIpAddress` and `.subnet.id` (Microsoft.Network/dnsResolvers/inboundEndpoints).
    func convertInboundEndpoint(_ header: DocumentHeader) {
        var endpoint = DnsResolverInboundEndpoint(header: resourceHeader(header, type: ResourceType.dnsResolverInboundEndpoint))
        for item in header.properties?.array("ipConfigurations") ?? [] {
            let configuration = item.child("properties") ?? item
            if let address = configuration.address("privateIpAddress") { endpoint.addresses.append(address) }
            if endpoint.subnet == nil, let subnet = configuration.reference("subnet") {
                endpoint.subnet = subnet
                expect(subnet, ResourceType.subnet, by: header.id, at: configuration.child("subnet")?.location)
            }
        }
        topology.dnsResolverInboundEndpoints[header.id] = endpoint
    }

    func convertPrivateEndpoint(_ header: DocumentHeader) {
        let properties = header.properties
        var endpoint = PrivateEndpoint(header: resourceHeader(header, type: ResourceType.privateEndpoint))
        endpoint.subnet = properties?.reference("subnet")
        expect(endpoint.subnet, ResourceType.subnet, by: header.id, at: properties?.child("subnet")?.location)
        for (key, manual) in [("privateLinkServiceConnections", false), ("manualPrivateLinkServiceConnections", true)] {
            for item in properties?.array(key) ?? [] {
                let itemProperties = item.child("properties") ?? item
                let target = itemProperties.child("privateLinkServiceId")?.resourceID
                expect(target, "private link resource", by: header.id, at: itemProperties.child("privateLinkServiceId")?.location)
                var state = connectionState(itemProperties.child("privateLinkServiceConnectionState"))
                if state.status == nil && itemProperties.child("privateLinkServiceConnectionState") == nil {
                    // A template states no status: automatic connections are approved on creation,
                    // manual ones wait for the owner (private-endpoint-overview.md, "Access to a private link resource using approval workflow").
                    state = PrivateLinkConnectionState(status: manual ? .pending : .approved)
                }
                endpoint.connections.append(PrivateLinkServiceConnection(
                    name: item.string("name") ?? key, privateLinkServiceId: target, groupIds: itemProperties.strings("groupIds"),
                    requestMessage: itemProperties.string("requestMessage"), isManual: manual, state: state))
            }
        }
        endpoint.networkInterfaces = properties?.references("networkInterfaces") ?? []
        endpoint.customDnsConfigs = (properties?.array("customDnsConfigs") ?? []).map { item in
            CustomDnsConfig(fqdn: item.string("fqdn"), ipAddresses: item.array("ipAddresses").compactMap(\.address))
        }
        endpoint.staticIPAddresses = (properties?.array("ipConfigurations") ?? []).compactMap { item in
            (item.child("properties") ?? item).address("privateIPAddress")
        }
        for group in properties?.array("privateDnsZoneGroups") ?? [] {
            for config in (group.child("properties") ?? group).array("privateDnsZoneConfigs") {
                if let zone = (config.child("properties") ?? config).child("privateDnsZoneId")?.resourceID {
                    endpoint.privateDnsZones.append(zone)
                }
            }
        }
        topology.privateEndpoints[header.id] = endpoint
    }

    func convertPrivateEndpointConnection(_ properties: PropertyReader, id: ResourceID?, name: String, parent: ResourceID, source: SourceLocation) -> PrivateEndpointConnection {
        PrivateEndpointConnection(
            id: id, name: name, parent: parent, privateEndpoint: properties.reference("privateEndpoint"),
            state: connectionState(properties.child("privateLinkServiceConnectionState")),
            groupIds: properties.strings("groupIds"), sourceLocation: source)
    }

    func addPrivateEndpointConnection(_ connection: PrivateEndpointConnection) {
        guard let id = connection.id else { return }
        topology.privateEndpointConnections[id] = connection
    }

    /// Inline `properties.privateEndpointConnections` of a service resource.
    func inlinePrivateEndpointConnections(_ header: DocumentHeader) -> [ResourceID] {
        var ids: [ResourceID] = []
        for item in header.properties?.array("privateEndpointConnections") ?? [] {
            let name = item.string("name") ?? "connection"
            let id = item.child("id")?.resourceID ?? header.id.child("privateEndpointConnections", name)
            addPrivateEndpointConnection(convertPrivateEndpointConnection(item.child("properties") ?? item, id: id, name: name, parent: header.id, source: item.location))
            ids.append(id)
        }
        return ids
    }

    func convertPrivateDnsZone(_ header: DocumentHeader) {
        topology.privateDnsZones[header.id] = PrivateDnsZone(header: resourceHeader(header, type: ResourceType.privateDnsZone))
    }

    func convertVirtualNetworkLink(_ properties: PropertyReader, id: ResourceID, name: String, source: SourceLocation) -> VirtualNetworkLink {
        let vnet = properties.reference("virtualNetwork")
        expect(vnet, ResourceType.virtualNetwork, by: id, at: properties.child("virtualNetwork")?.location)
        return VirtualNetworkLink(
            id: id, name: name, virtualNetwork: vnet, registrationEnabled: properties.bool("registrationEnabled") ?? false,
            resolutionPolicy: properties.string("resolutionPolicy"), sourceLocation: source)
    }

    func convertRecordSet(_ properties: PropertyReader, id: ResourceID, typeKey: String, source: SourceLocation) -> DnsRecordSet? {
        guard let type = DnsRecordType(azure: String(typeKey.split(separator: "/").last ?? "")) else { return nil }
        var record = DnsRecordSet(id: id, name: id.name, type: type, ttl: properties.int("ttl"), sourceLocation: source)
        switch type {
        case .a: record.addresses = properties.array("aRecords").compactMap { $0.address("ipv4Address") }
        case .aaaa: record.addresses = properties.array("aaaaRecords").compactMap { $0.address("ipv6Address") }
        case .cname: record.canonicalName = properties.child("cnameRecord")?.string("cname")
        default: break
        }
        return record
    }

    func convertManagedInstance(_ header: DocumentHeader) {
        let properties = header.properties
        let subnet = properties?.child("subnetId")?.resourceID
        expect(subnet, ResourceType.subnet, by: header.id, at: properties?.child("subnetId")?.location)
        topology.sqlManagedInstances[header.id] = SqlManagedInstance(
            header: resourceHeader(header, type: ResourceType.sqlManagedInstance), subnet: subnet,
            publicDataEndpointEnabled: properties?.bool("publicDataEndpointEnabled") ?? false,
            proxyOverride: properties?.string("proxyOverride"), minimalTlsVersion: properties?.string("minimalTlsVersion"),
            dnsZone: properties?.string("dnsZone"), fullyQualifiedDomainName: properties?.string("fullyQualifiedDomainName"),
            keyId: properties?.string("keyId"), publicNetworkAccess: properties?.string("publicNetworkAccess"),
            privateEndpointConnections: inlinePrivateEndpointConnections(header))
    }

    func convertSqlServer(_ header: DocumentHeader) {
        let properties = header.properties
        topology.sqlServers[header.id] = SqlServer(
            header: resourceHeader(header, type: ResourceType.sqlServer),
            fullyQualifiedDomainName: properties?.string("fullyQualifiedDomainName"),
            publicNetworkAccess: properties?.string("publicNetworkAccess"),
            minimalTlsVersion: properties?.string("minimalTlsVersion"),
            privateEndpointConnections: inlinePrivateEndpointConnections(header))
    }

    func convertSqlFirewallRule(_ properties: PropertyReader, id: ResourceID, name: String, source: SourceLocation) -> SqlFirewallRule {
        func ipv4(_ key: String) -> IPv4Address? {
            guard let reader = properties.child(key), let address = reader.address else { return nil }
            if case .v4(let v4) = address { return v4 }
            reader.mismatch("an IPv4 address")
            return nil
        }
        return SqlFirewallRule(id: id, name: name, startIpAddress: ipv4("startIpAddress"), endIpAddress: ipv4("endIpAddress"), sourceLocation: source)
    }

    func convertSqlVirtualNetworkRule(_ properties: PropertyReader, id: ResourceID, name: String, source: SourceLocation) -> SqlVirtualNetworkRule {
        let subnet = properties.child("virtualNetworkSubnetId")?.resourceID
        expect(subnet, ResourceType.subnet, by: id, at: properties.child("virtualNetworkSubnetId")?.location)
        return SqlVirtualNetworkRule(
            id: id, name: name, subnet: subnet,
            ignoreMissingVnetServiceEndpoint: properties.bool("ignoreMissingVnetServiceEndpoint") ?? false,
            state: properties.string("state"), sourceLocation: source)
    }

    func convertInstanceFailoverGroup(_ header: DocumentHeader) {
        let properties = header.properties
        // The ID names the region: …/providers/Microsoft.Sql/locations/{region}/instanceFailoverGroups/{name}.
        let region = header.id.names.first
        var group = InstanceFailoverGroup(header: resourceHeader(header, type: ResourceType.instanceFailoverGroup, location: header.location ?? region))
        group.failoverPolicy = properties?.child("readWriteEndpoint")?.string("failoverPolicy")
        group.failoverWithDataLossGracePeriodMinutes = properties?.child("readWriteEndpoint")?.int("failoverWithDataLossGracePeriodMinutes")
        if let readOnly = properties?.child("readOnlyEndpoint")?.string("failoverPolicy") { group.readOnlyFailoverEnabled = readOnly.lowercased() == "enabled" }
        group.partnerRegions = (properties?.array("partnerRegions") ?? []).compactMap { $0.string("location").map(Region.normalize) }
        group.replicationRole = properties?.string("replicationRole")
        for pair in properties?.array("managedInstancePairs") ?? [] {
            let primary = pair.child("primaryManagedInstanceId")?.resourceID
            let partner = pair.child("partnerManagedInstanceId")?.resourceID
            expect(primary, ResourceType.sqlManagedInstance, by: header.id, at: pair.child("primaryManagedInstanceId")?.location)
            expect(partner, ResourceType.sqlManagedInstance, by: header.id, at: pair.child("partnerManagedInstanceId")?.location)
            group.managedInstancePairs.append((primary, partner))
        }
        topology.instanceFailoverGroups[header.id] = group
    }

    func networkAcls(_ reader: PropertyReader?, owner: ResourceID, storage: Bool = false) -> NetworkAcls? {
        guard let reader else { return nil }
        let ipRules = reader.array("ipRules").compactMap { rule -> IPPrefix? in
            // Storage uses `value`; Key Vault and Managed HSM use `value` too (CIDR or single address).
            let prefix = rule.child("value")?.prefix
            if storage, let prefix { checkStorageIPRule(prefix, text: rule.string("value") ?? "", owner: owner, at: rule.location) }
            return prefix
        }
        let subnets = reader.array("virtualNetworkRules").compactMap { rule -> ResourceID? in
            let id = rule.child("id")?.resourceID
            expect(id, ResourceType.subnet, by: owner, at: rule.location)
            return id
        }
        return NetworkAcls(defaultAction: reader.string("defaultAction"), bypass: reader.string("bypass"), ipRules: ipRules, virtualNetworkRules: subnets)
    }

    func convertKeyVault(_ header: DocumentHeader, kind: KeyVault.Kind) {
        let properties = header.properties
        var vault = KeyVault(header: resourceHeader(header, type: kind == .vault ? ResourceType.keyVault : ResourceType.managedHSM), kind: kind)
        vault.publicNetworkAccess = properties?.string("publicNetworkAccess")
        vault.networkAcls = networkAcls(properties?.child("networkAcls"), owner: header.id)
        vault.uri = properties?.string(kind == .vault ? "vaultUri" : "hsmUri")
        vault.regions = (properties?.array("regions") ?? []).compactMap { region in
            guard let name = region.string("name") else { return nil }
            return (Region.normalize(name), region.bool("isPrimary") ?? false)
        }
        vault.privateEndpointConnections = inlinePrivateEndpointConnections(header)
        topology.keyVaults[header.id] = vault
    }

    func convertStorageAccount(_ header: DocumentHeader) {
        let properties = header.properties
        topology.storageAccounts[header.id] = StorageAccount(
            header: resourceHeader(header, type: ResourceType.storageAccount), kind: header.root.string("kind"),
            sku: header.root.child("sku")?.string("name"), publicNetworkAccess: properties?.string("publicNetworkAccess"),
            networkAcls: networkAcls(properties?.child("networkAcls"), owner: header.id, storage: true),
            privateEndpointConnections: inlinePrivateEndpointConnections(header),
            secondaryLocation: properties?.string("secondaryLocation").map(Region.normalize),
            minimumTlsVersion: properties?.string("minimumTlsVersion"))
    }

    func convertFlexibleServer(_ header: DocumentHeader, engine: FlexibleServer.Engine, single: Bool = false) {
        if single {
            var server = FlexibleServer(header: resourceHeader(header, type: header.type), engine: engine,
                                        publicNetworkAccess: header.properties?.string("publicNetworkAccess"),
                                        privateEndpointConnections: inlinePrivateEndpointConnections(header),
                                        fullyQualifiedDomainName: header.properties?.string("fullyQualifiedDomainName"))
            server.isSingleServer = true
            topology.flexibleServers[header.id] = server
            return
        }
        let network = header.properties?.child("network")
        let subnet = network?.child("delegatedSubnetResourceId")?.resourceID
        expect(subnet, ResourceType.subnet, by: header.id, at: network?.child("delegatedSubnetResourceId")?.location)
        // PostgreSQL spells the zone `privateDnsZoneArmResourceId`, MySQL `privateDnsZoneResourceId`.
        let zoneReader = network?.child("privateDnsZoneArmResourceId") ?? network?.child("privateDnsZoneResourceId")
        let zone = zoneReader?.resourceID
        expect(zone, ResourceType.privateDnsZone, by: header.id, at: zoneReader?.location)
        let type = engine == .postgreSQL ? ResourceType.postgreSQLFlexibleServer : ResourceType.mySQLFlexibleServer
        topology.flexibleServers[header.id] = FlexibleServer(
            header: resourceHeader(header, type: type), engine: engine, delegatedSubnet: subnet, privateDnsZone: zone,
            publicNetworkAccess: network?.string("publicNetworkAccess"),
            privateEndpointConnections: inlinePrivateEndpointConnections(header),
            fullyQualifiedDomainName: header.properties?.string("fullyQualifiedDomainName"))
    }

    func convertWebSite(_ header: DocumentHeader) {
        let properties = header.properties
        var site = WebSite(header: resourceHeader(header, type: ResourceType.webSite), kind: header.root.string("kind"))
        site.serverFarm = properties?.child("serverFarmId")?.resourceID
        site.virtualNetworkSubnet = properties?.child("virtualNetworkSubnetId")?.resourceID
        expect(site.virtualNetworkSubnet, ResourceType.subnet, by: header.id, at: properties?.child("virtualNetworkSubnetId")?.location)
        // `vnetRouteAllEnabled` is a site property and a siteConfig property; either enables it.
        site.vnetRouteAllEnabled = (properties?.bool("vnetRouteAllEnabled") ?? false)
            || (properties?.child("siteConfig")?.bool("vnetRouteAllEnabled") ?? false)
        site.publicNetworkAccess = properties?.string("publicNetworkAccess")
        site.defaultHostName = properties?.string("defaultHostName")
        site.privateEndpointConnections = inlinePrivateEndpointConnections(header)
        topology.webSites[header.id] = site
    }

    func convertTrafficManagerProfile(_ header: DocumentHeader) {
        let properties = header.properties
        var profile = TrafficManagerProfile(header: resourceHeader(header, type: ResourceType.trafficManagerProfile))
        profile.trafficRoutingMethod = properties?.string("trafficRoutingMethod")
        profile.relativeName = properties?.child("dnsConfig")?.string("relativeName")
        profile.ttl = properties?.child("dnsConfig")?.int("ttl")
        profile.profileStatus = properties?.string("profileStatus")
        profile.monitorProtocol = properties?.child("monitorConfig")?.string("protocol")
        profile.monitorPort = properties?.child("monitorConfig")?.int("port")
        profile.maxReturn = properties?.int("maxReturn")
        for item in properties?.array("endpoints") ?? [] {
            let typeText = item.string("type") ?? "externalEndpoints"
            let type = String(typeText.split(separator: "/").last ?? Substring(typeText))
            let name = item.string("name") ?? "endpoint"
            let id = item.child("id")?.resourceID ?? header.id.child(type, name)
            profile.endpoints.append(convertTrafficManagerEndpoint(item.child("properties") ?? item, id: id, name: name, type: type, source: item.location))
        }
        topology.trafficManagerProfiles[header.id] = profile
    }

    func convertTrafficManagerEndpoint(_ properties: PropertyReader, id: ResourceID?, name: String, type: String, source: SourceLocation) -> TrafficManagerEndpoint {
        var endpoint = TrafficManagerEndpoint(
            id: id, name: name, endpointType: type, target: properties.string("target"),
            targetResourceId: properties.child("targetResourceId")?.resourceID,
            endpointStatus: properties.string("endpointStatus"), endpointMonitorStatus: properties.string("endpointMonitorStatus"),
            priority: properties.int("priority"), weight: properties.int("weight"),
            endpointLocation: properties.string("endpointLocation").map(Region.normalize), sourceLocation: source)
        endpoint.geoMapping = properties.strings("geoMapping")
        endpoint.minChildEndpoints = properties.int("minChildEndpoints")
        endpoint.minChildEndpointsIPv4 = properties.int("minChildEndpointsIPv4")
        endpoint.minChildEndpointsIPv6 = properties.int("minChildEndpointsIPv6")
        endpoint.alwaysServe = properties.string("alwaysServe")?.lowercased() == "enabled"
        // subnets[]: {first, last} (a range) or {first, scope} (a CIDR block); traffic-manager-routing-methods.md.
        for range in properties.array("subnets") {
            guard let first = range.string("first").flatMap(IPAddress.init) else { continue }
            if let scope = range.int("scope"), let prefix = try? IPPrefix(parsing: "\(first)/\(scope)") {
                endpoint.subnets.append(IPAddressSet(prefix))
            } else if let last = range.string("last").flatMap(IPAddress.init), case .v4(let a) = first, case .v4(let b) = last, a.value <= b.value {
                endpoint.subnets.append(IPAddressSet(v4: IPv4AddressSet(ranges: [a.value...b.value]), v6: .empty))
            } else {
                endpoint.subnets.append(IPAddressSet(first))
            }
        }
        return endpoint
    }

    /// storage-network-security-limitations.md, "Restrictions for IP network rules": "IP network rules are allowed only
    /// for public internet IP addresses"; "IP address ranges reserved for private networks (as defined in RFC 1918)
    /// aren't allowed"; "Small address ranges that use /31 or /32 prefix sizes are not supported. Configure these ranges
    /// by using individual IP address rules." (Azure: InvalidValuesForRequestParameters.)
    func checkStorageIPRule(_ prefix: IPPrefix, text: String, owner: ResourceID, at location: SourceLocation) {
        let rfc1918 = IPAddressSet(prefixes: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"].map { try! IPPrefix(parsing: $0) })
        if !rfc1918.isDisjoint(with: IPAddressSet(prefixes: [prefix])) {
            sink.report(Diagnostic(.error, id: DiagnosticID.storageIPRulePrivate,
                "storage account '\(owner.name)' has IP rule '\(text)', a private (RFC 1918) range; IP rules take public addresses only",
                at: location, resource: owner, azureErrorCode: "InvalidValuesForRequestParameters"))
        } else if text.contains("/"), prefix.isIPv4, prefix.length >= 31 {
            sink.report(Diagnostic(.error, id: DiagnosticID.storageIPRuleSmallPrefix,
                "storage account '\(owner.name)' has IP rule '\(text)'; /31 and /32 prefixes are not supported, give the individual addresses",
                at: location, resource: owner, azureErrorCode: "InvalidValuesForRequestParameters"))
        }
    }
}
