/// Applying a scenario to a configuration (see `Scenario`).
extension Scenario {
    /// The configuration in the scenario, and one sentence per operation saying what it did.
    public func apply(to topology: Topology) -> (topology: Topology, applied: [String]) {
        var model = topology
        var applied: [String] = []
        for operation in operations {
            applied += Self.apply(operation, to: &model)
        }
        model.scenarioNotes += applied
        return (model, applied)
    }

    static func apply(_ operation: Operation, to model: inout Topology) -> [String] {
        switch operation {
        case .failRegion(let region):
            return failRegion(region, &model)
        case .failZone(let region, let zone):
            let reason = "zone \(zone) of \(region) is down"
            var count = 0
            func zonal(_ header: ResourceHeader) -> Bool { header.location == region && header.zones == [zone] }
            for nic in model.networkInterfaces.values where zonal(nic.header) { fail(nic.id, reason, &model); count += 1 }
            for vm in model.virtualMachines.values where zonal(vm.header) {
                fail(vm.id, reason, &model)
                vm.networkInterfaces.forEach { fail($0, reason, &model) }
                count += 1
            }
            for gateway in model.virtualNetworkGateways.values where zonal(gateway.header) { fail(gateway.id, reason, &model); count += 1 }
            for firewall in model.azureFirewalls.values where zonal(firewall.header) { fail(firewall.id, reason, &model); count += 1 }
            for ip in model.publicIPAddresses.values where zonal(ip.header) { fail(ip.id, reason, &model); count += 1 }
            return ["zone \(zone) of \(region) is down: \(count) zonal resource\(count == 1 ? "" : "s") pinned to it fail; zone-redundant and regional resources (and those whose zones the input does not give) stay up"]
        case .failResource(let id):
            return failResource(id, reason: "\(id.name) is down", &model)
        case .setConnection(let endpoint, let status):
            guard var model2 = model.privateEndpoints[endpoint] else { return [] }
            for i in model2.connections.indices {
                model2.connections[i].state.status = status
                model2.connections[i].state.statusText = status.rawValue
            }
            model.privateEndpoints[endpoint] = model2
            for (id, connection) in model.privateEndpointConnections where connection.privateEndpoint == endpoint {
                model.privateEndpointConnections[id]?.state.status = status
                model.privateEndpointConnections[id]?.state.statusText = status.rawValue
            }
            let targets = model2.connections.compactMap(\.privateLinkServiceId).map(\.name)
            return ["the connection of private endpoint '\(endpoint.name)'\(targets.isEmpty ? "" : " to '\(targets.joined(separator: "', '"))'") is \(status.rawValue) (both sides)"]
        case .setTrafficManagerEndpoint(let profile, let name, let status):
            guard var model2 = model.trafficManagerProfiles[profile], let i = model2.endpoints.firstIndex(where: { $0.name == name }) else { return [] }
            if status.lowercased() == "disabled" {
                model2.endpoints[i].endpointStatus = "Disabled"
                model2.endpoints[i].endpointMonitorStatus = "Disabled"
            } else {
                model2.endpoints[i].endpointStatus = "Enabled"
                model2.endpoints[i].endpointMonitorStatus = canonicalStatus(status)
            }
            model.trafficManagerProfiles[profile] = model2
            return ["Traffic Manager endpoint '\(profile.name)/\(name)' is \(canonicalStatus(status))"]
        case .failover(let group):
            return failover(group, reason: "failed over on request", &model)
        case .hsmRegion(let hsm, let region, let down):
            var lines: [String] = []
            for vault in model.keyVaults.values.sorted(by: { $0.id < $1.id }) where vault.kind == .managedHSM && (hsm == nil || vault.id == hsm) {
                let pools = Set(vault.regions.map { Region.normalize($0.name) } + [vault.header.location].compactMap { $0 })
                guard pools.contains(region) else { continue }
                if down {
                    model.hsmRegionsDown[vault.id, default: []].insert(region)
                    degradeEndpoints(of: vault, region: region, &model)
                } else {
                    model.hsmRegionsDown[vault.id]?.remove(region)
                }
                if model.hsmRegionsDown[vault.id].map({ $0.isSuperset(of: pools) }) == true {
                    fail(vault.id, "every regional pool of '\(vault.header.name)' is down", &model)
                } else if !down {
                    model.failed[vault.id] = nil
                }
                lines.append("the \(region) pool of Managed HSM '\(vault.header.name)' is \(down ? "down" : "up")")
            }
            return lines
        }
    }

    static func canonicalStatus(_ text: String) -> String {
        ["Online", "Degraded", "Disabled", "Stopped", "CheckingEndpoint", "Inactive"].first { $0.lowercased() == text.lowercased() } ?? text
    }

    static func fail(_ id: ResourceID, _ reason: String, _ model: inout Topology) {
        if model.failed[id] == nil { model.failed[id] = reason }
    }

    /// Everything located in a region goes down.
    static func failRegion(_ region: String, _ model: inout Topology) -> [String] {
        let reason = "region \(region) is down"
        var lines = ["region \(region) is down: every resource located there fails (networks, NICs and VMs, gateways and connections, firewalls, private endpoints, managed instances, single-region data services, Traffic Manager endpoints located there)"]
        func inRegion(_ header: ResourceHeader) -> Bool { header.location == region }
        for vnet in model.virtualNetworks.values where inRegion(vnet.header) {
            fail(vnet.id, reason, &model)
            vnet.subnets.forEach { fail($0, reason, &model) }
        }
        for subnet in model.subnets.values where model.failed[subnet.virtualNetwork] != nil { fail(subnet.id, reason, &model) }
        for nic in model.networkInterfaces.values where inRegion(nic.header) || nic.primaryIPConfiguration?.subnet.flatMap({ model.failed[$0] }) != nil {
            fail(nic.id, reason, &model)
        }
        for vm in model.virtualMachines.values where inRegion(vm.header) { fail(vm.id, reason, &model) }
        for gateway in model.virtualNetworkGateways.values where inRegion(gateway.header) { fail(gateway.id, reason, &model) }
        for connection in model.connections.values where inRegion(connection.header) || connection.virtualNetworkGateway1.flatMap({ model.failed[$0] }) != nil {
            fail(connection.id, reason, &model)
        }
        for firewall in model.azureFirewalls.values where inRegion(firewall.header) { fail(firewall.id, reason, &model) }
        for endpoint in model.privateEndpoints.values where inRegion(endpoint.header) || endpoint.subnet.flatMap({ model.failed[$0] }) != nil {
            fail(endpoint.id, reason, &model)
        }
        for site in model.webSites.values where inRegion(site.header) { fail(site.id, reason, &model) }
        for server in model.sqlServers.values where inRegion(server.header) { fail(server.id, reason, &model) }
        for account in model.storageAccounts.values where inRegion(account.header) { fail(account.id, reason, &model) }
        for vault in model.keyVaults.values {
            if vault.kind == .managedHSM {
                let pools = Set(vault.regions.map { Region.normalize($0.name) } + [vault.header.location].compactMap { $0 })
                guard pools.contains(region) else { continue }
                model.hsmRegionsDown[vault.id, default: []].insert(region)
                degradeEndpoints(of: vault, region: region, &model)
                if model.hsmRegionsDown[vault.id]!.isSuperset(of: pools) {
                    fail(vault.id, "every regional pool of '\(vault.header.name)' is down", &model)
                } else {
                    lines.append("Managed HSM '\(vault.header.name)': its \(region) pool is down, \(pools.subtracting(model.hsmRegionsDown[vault.id]!).sorted().joined(separator: ", ")) serves (managed-hsm/multi-region-replication.md)")
                }
            } else if inRegion(vault.header) {
                fail(vault.id, reason, &model)
            }
        }
        for (id, profile) in model.trafficManagerProfiles {
            var copy = profile
            for i in copy.endpoints.indices where copy.endpoints[i].endpointLocation.map(Region.normalize) == region {
                copy.endpoints[i].endpointMonitorStatus = "Degraded"
            }
            model.trafficManagerProfiles[id] = copy
        }
        for instance in model.sqlManagedInstances.values where inRegion(instance.header) {
            lines += failResource(instance.id, reason: reason, &model)
        }
        return lines
    }

    /// One resource goes down (a VNet with its subnets, a VM with its NICs, a managed instance with what its failover
    /// group does about it).
    static func failResource(_ id: ResourceID, reason: String, _ model: inout Topology) -> [String] {
        fail(id, reason, &model)
        var lines: [String] = []
        if let vnet = model.virtualNetworks[id] {
            vnet.subnets.forEach { fail($0, reason, &model) }
            lines.append("virtual network '\(id.name)' is down with its \(vnet.subnets.count) subnet\(vnet.subnets.count == 1 ? "" : "s")")
        } else if let vm = model.virtualMachines[id] {
            vm.networkInterfaces.forEach { fail($0, reason, &model) }
            lines.append("virtual machine '\(id.name)' is down")
        } else if let vault = model.keyVaults[id], vault.kind == .managedHSM {
            let pools = Set(vault.regions.map { Region.normalize($0.name) } + [vault.header.location].compactMap { $0 })
            model.hsmRegionsDown[id, default: []].formUnion(pools)
            lines.append("Managed HSM '\(id.name)' is down in every region")
        } else if let instance = model.sqlManagedInstances[id] {
            lines.append("managed instance '\(id.name)' is down")
            for group in model.instanceFailoverGroups.values {
                guard let pair = group.managedInstancePairs.first else { continue }
                let swapped = group.replicationRole?.lowercased() == "secondary"
                let primary = swapped ? pair.partner : pair.primary
                guard primary == instance.id else { continue }
                if (group.failoverPolicy ?? "").lowercased() == "automatic" {
                    lines += failover(group.id, reason: "automatic failover policy: the failed primary '\(id.name)' is replaced by its partner after the grace period of \(group.failoverWithDataLossGracePeriodMinutes.map { "\($0) minutes" } ?? "the policy") (failover-group-sql-mi.md)", &model)
                } else {
                    lines.append("failover group '\(group.header.name)' has a \(group.failoverPolicy ?? "manual") failover policy: its read-write listener points at the failed primary '\(id.name)' until someone fails over")
                }
            }
        } else if model.peerings[id] != nil {
            lines.append("peering '\(id.name)' is down")
        } else if id.normalized.contains("/trafficmanagerprofiles/") && id.normalized.contains("/endpoints/") || model.trafficManagerProfiles.values.contains(where: { $0.endpoints.contains { $0.id == id } }) {
            for (profileID, profile) in model.trafficManagerProfiles {
                var copy = profile
                for i in copy.endpoints.indices where copy.endpoints[i].id == id || profileID.child("endpoints", copy.endpoints[i].name) == id {
                    copy.endpoints[i].endpointMonitorStatus = "Degraded"
                    lines.append("Traffic Manager endpoint '\(profile.header.name)/\(copy.endpoints[i].name)' fails its health checks (Degraded)")
                }
                model.trafficManagerProfiles[profileID] = copy
            }
        } else {
            lines.append("'\(id.name)' is down")
        }
        return lines
    }

    /// The roles of a failover group's instances swap: the read-write listener moves to the other instance.
    static func failover(_ id: ResourceID, reason: String, _ model: inout Topology) -> [String] {
        guard var group = model.instanceFailoverGroups[id], let pair = group.managedInstancePairs.first else { return [] }
        let wasSecondary = group.replicationRole?.lowercased() == "secondary"
        group.replicationRole = wasSecondary ? "Primary" : "Secondary"
        model.instanceFailoverGroups[id] = group
        let newPrimary = wasSecondary ? pair.primary : pair.partner
        return ["failover group '\(group.header.name)' failed over: '\(newPrimary?.name ?? "?")' is now the primary (\(reason))"]
    }

    /// The Traffic Manager endpoints that point at an HSM's regional pool fail their health checks.
    static func degradeEndpoints(of vault: KeyVault, region: String, _ model: inout Topology) {
        for (id, profile) in model.trafficManagerProfiles {
            var copy = profile
            for i in copy.endpoints.indices {
                let location = copy.endpoints[i].endpointLocation.map(Region.normalize)
                let target = copy.endpoints[i].target?.lowercased() ?? ""
                if location == region && target.contains(vault.header.name.lowercased()) {
                    copy.endpoints[i].endpointMonitorStatus = "Degraded"
                }
            }
            model.trafficManagerProfiles[id] = copy
        }
    }
}
