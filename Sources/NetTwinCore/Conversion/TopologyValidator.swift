/// The checks Azure's own deployment validation makes, run on the loaded model. Each finding names
/// Azure's error code where Azure rejects the configuration with one.
struct TopologyValidator {
    let topology: Topology
    let sink: DiagnosticSink

    func validate() {
        for vnet in topology.virtualNetworks.values.sorted(by: { $0.id < $1.id }) { validateSubnets(of: vnet) }
        validatePeerings()
        for nsg in topology.networkSecurityGroups.values.sorted(by: { $0.id < $1.id }) { validateRules(of: nsg) }
        validatePrivateEndpoints()
        validateManagedInstances()
        validateGateways()
        validatePeeringGateways()
        validateApplicationSecurityGroups()
        validateStorageRules()
        validateManagedInstanceSubnets()
        validateFailoverGroups()
        validateTrafficManager()
        validateSpecialSubnets()
        validateDedicatedSubnets()
    }

    /// virtual-network-manage-subnet.md: a subnet's range must lie within the address space of its
    /// virtual network, and subnets of one virtual network must not overlap.
    func validateSubnets(of vnet: VirtualNetwork) {
        let space = IPAddressSet(prefixes: vnet.addressSpace)
        var seen: [(prefix: IPPrefix, subnet: Subnet)] = []
        for subnetID in vnet.subnets {
            guard let subnet = topology.subnets[subnetID] else { continue }
            for prefix in subnet.addressPrefixes {
                if !vnet.addressSpace.isEmpty && !space.isSuperset(of: IPAddressSet(prefixes: [prefix])) {
                    sink.report(Diagnostic(
                        .error, id: DiagnosticID.subnetOutsideAddressSpace,
                        "subnet '\(subnet.header.name)' (\(prefix)) is outside the address space of virtual network '\(vnet.header.name)' (\(vnet.addressSpace.map(\.description).joined(separator: ", ")))",
                        at: subnet.header.source, resource: subnet.id, azureErrorCode: "NetcfgSubnetRangeOutsideVnet"))
                }
                for other in seen where other.prefix.overlaps(prefix) && other.subnet.id != subnet.id {
                    sink.report(Diagnostic(
                        .error, id: DiagnosticID.subnetsOverlap,
                        "subnet '\(subnet.header.name)' (\(prefix)) overlaps subnet '\(other.subnet.header.name)' (\(other.prefix)) in virtual network '\(vnet.header.name)'",
                        at: subnet.header.source, resource: subnet.id, azureErrorCode: "NetcfgSubnetRangesOverlap"))
                }
                seen.append((prefix, subnet))
            }
        }
    }

    /// virtual-network-peering-overview.md: "The address spaces of the virtual networks you peer must not overlap".
    func validatePeerings() {
        var reported = Set<Set<ResourceID>>()
        for peering in topology.peerings.values.sorted(by: { $0.id < $1.id }) {
            guard let local = topology.virtualNetworks[peering.localVirtualNetwork],
                let remoteID = peering.remoteVirtualNetwork
            else { continue }
            let remoteSpace = topology.virtualNetworks[remoteID]?.addressSpace ?? peering.remoteAddressSpace
            let overlap = IPAddressSet(prefixes: local.addressSpace).intersection(IPAddressSet(prefixes: remoteSpace))
            guard !overlap.isEmpty, reported.insert([local.id, remoteID]).inserted else { continue }
            sink.report(Diagnostic(
                .error, id: DiagnosticID.peeredAddressSpacesOverlap,
                "virtual networks '\(local.header.name)' and '\(remoteID.name)' are peered but their address spaces overlap (\(overlap.prefixes.map(\.description).joined(separator: ", ")))",
                at: peering.header.source, resource: peering.id, azureErrorCode: "VnetAddressSpacesOverlap"))
        }
    }

    /// network-security-groups-overview.md: priority "a number between 100 and 4096"; no two rules
    /// with the same priority and direction (Azure: SecurityRuleConflict).
    func validateRules(of nsg: NetworkSecurityGroup) {
        // Keyed by direction and priority; the first rule's index (no string key, no rule copy per rule).
        var byKey: [Int: Int] = [:]
        byKey.reserveCapacity(nsg.securityRules.count)
        for index in nsg.securityRules.indices {
            let priority = nsg.securityRules[index].priority
            if !(100...4096).contains(priority) {
                let rule = nsg.securityRules[index]
                sink.report(Diagnostic(
                    .error, id: DiagnosticID.securityRulePriorityRange,
                    "security rule '\(rule.name)' of '\(nsg.header.name)' has priority \(rule.priority); allowed range 100-4096",
                    at: rule.sourceLocation, resource: nsg.id, azureErrorCode: "SecurityRuleInvalidPriority"))
            }
            let key = priority * 2 + (nsg.securityRules[index].direction == .inbound ? 0 : 1)
            if let other = byKey[key] {
                let rule = nsg.securityRules[index]
                sink.report(Diagnostic(
                    .error, id: DiagnosticID.securityRulePriorityDuplicate,
                    "security rules '\(nsg.securityRules[other].name)' and '\(rule.name)' of '\(nsg.header.name)' have the same priority \(rule.priority) and direction \(rule.direction.rawValue)",
                    at: rule.sourceLocation, resource: nsg.id, azureErrorCode: "SecurityRuleConflict"))
            } else {
                byKey[key] = index
            }
        }
    }

    /// private-endpoint-overview.md / subnet-delegation-overview.md: a private endpoint cannot be
    /// created in a delegated subnet.
    func validatePrivateEndpoints() {
        for endpoint in topology.privateEndpoints.values.sorted(by: { $0.id < $1.id }) {
            guard let subnetID = endpoint.subnet, let subnet = topology.subnets[subnetID], !subnet.delegations.isEmpty else { continue }
            sink.report(Diagnostic(
                .error, id: DiagnosticID.privateEndpointInDelegatedSubnet,
                "private endpoint '\(endpoint.header.name)' is in subnet '\(subnet.header.name)', which is delegated to \(subnet.delegations.map { "'\($0)'" }.joined(separator: ", "))",
                at: endpoint.header.source, resource: endpoint.id,
                azureErrorCode: "PrivateEndpointCreationNotAllowedAsSubnetIsDelegated"))
        }
    }

    /// connectivity-architecture-overview.md (SQL MI), "Network requirements": the subnet must be
    /// delegated to the Microsoft.Sql/managedInstances resource provider.
    func validateManagedInstances() {
        for instance in topology.sqlManagedInstances.values.sorted(by: { $0.id < $1.id }) {
            guard let subnetID = instance.subnet, let subnet = topology.subnets[subnetID] else { continue }
            if !subnet.isDelegated(to: "Microsoft.Sql/managedInstances") {
                sink.report(Diagnostic(
                    .error, id: DiagnosticID.managedInstanceSubnetNotDelegated,
                    "managed instance '\(instance.header.name)' is in subnet '\(subnet.header.name)', which is not delegated to 'Microsoft.Sql/managedInstances'",
                    at: instance.header.source, resource: instance.id))
            }
        }
    }

    /// vpn-gateway-about-vpn-gateway-settings.md, "Gateway subnet": the gateway subnet must be named 'GatewaySubnet'.
    func validateGateways() {
        for gateway in topology.virtualNetworkGateways.values.sorted(by: { $0.id < $1.id }) {
            for configuration in gateway.ipConfigurations {
                guard let subnet = configuration.subnet, subnet.name.lowercased() != "gatewaysubnet" else { continue }
                sink.report(Diagnostic(
                    .error, id: DiagnosticID.gatewayNotInGatewaySubnet,
                    "virtual network gateway '\(gateway.header.name)' is in subnet '\(subnet.name)'; a gateway must be deployed to the subnet named 'GatewaySubnet'",
                    at: gateway.header.source, resource: gateway.id))
            }
        }
    }

    func error(_ id: String, _ message: String, at location: SourceLocation?, resource: ResourceID?, code: String? = nil) {
        sink.report(Diagnostic(.error, id: id, message, at: location, resource: resource, azureErrorCode: code))
    }

    /// The VNets that hold a virtual network gateway.
    var gatewayNetworks: Set<ResourceID> { Set(topology.virtualNetworkGateways.values.compactMap(\.virtualNetwork)) }

    /// virtual-network-manage-peering.md, vpn-gateway-peering-gateway-transit.md: "Use remote virtual network's
    /// gateway" needs a gateway in the remote network and "Allow gateway transit" on the remote peering; a network with
    /// its own gateway cannot use a remote one; only one peering of a network can use a remote gateway.
    func validatePeeringGateways() {
        let withGateway = gatewayNetworks
        var users: [ResourceID: [VirtualNetworkPeering]] = [:]
        for peering in topology.peerings.values.sorted(by: { $0.id < $1.id }) where peering.useRemoteGateways {
            users[peering.localVirtualNetwork, default: []].append(peering)
            guard let remote = peering.remoteVirtualNetwork else { continue }
            if topology.virtualNetworks[remote] != nil && !withGateway.contains(remote) {
                error(DiagnosticID.peeringRemoteHasNoGateway,
                      "peering '\(peering.header.name)' uses the remote gateways of '\(remote.name)', which has no virtual network gateway",
                      at: peering.header.source, resource: peering.id, code: "RemoteVnetHasNoGateways")
            }
            let reverse = topology.peerings.values.first { $0.localVirtualNetwork == remote && $0.remoteVirtualNetwork == peering.localVirtualNetwork }
            if let reverse, !reverse.allowGatewayTransit {
                error(DiagnosticID.peeringRemoteNoGatewayTransit,
                      "peering '\(peering.header.name)' uses the remote gateways of '\(remote.name)', but the peering back, '\(reverse.header.name)', does not allow gateway transit",
                      at: peering.header.source, resource: peering.id)
            }
            if withGateway.contains(peering.localVirtualNetwork) {
                error(DiagnosticID.peeringLocalGatewayExists,
                      "peering '\(peering.header.name)' uses remote gateways, but '\(peering.localVirtualNetwork.name)' has a virtual network gateway of its own",
                      at: peering.header.source, resource: peering.id)
            }
        }
        for (vnet, peerings) in users.sorted(by: { $0.key < $1.key }) where peerings.count > 1 {
            error(DiagnosticID.peeringSeveralRemoteGateways,
                  "\(peerings.count) peerings of '\(vnet.name)' use remote gateways (\(peerings.map { "'\($0.header.name)'" }.joined(separator: ", "))); only one peering of a virtual network can",
                  at: peerings[1].header.source, resource: peerings[1].id)
        }
    }

    /// application-security-groups.md: "All network interfaces assigned to an application security group have to
    /// exist in the same virtual network that the first network interface assigned to the application security group is
    /// in"; a rule's source and destination groups "have to be in the same virtual network"
    /// (Azure: AllApplicationSecurityGroupsInSecurityRuleMustBeFromSameVnet).
    func validateApplicationSecurityGroups() {
        var vnetOf: [ResourceID: (vnet: ResourceID, nic: NetworkInterface)] = [:]
        for nic in topology.networkInterfaces.values.sorted(by: { $0.id < $1.id }) {
            for configuration in nic.ipConfigurations {
                guard let vnet = configuration.subnet.flatMap({ topology.subnets[$0]?.virtualNetwork }) else { continue }
                for group in configuration.applicationSecurityGroups {
                    guard let first = vnetOf[group] else {
                        vnetOf[group] = (vnet, nic)
                        continue
                    }
                    if first.vnet != vnet {
                        error(DiagnosticID.applicationSecurityGroupAcrossVnets,
                              "network interface '\(nic.header.name)' (in '\(vnet.name)') is in application security group '\(group.name)', whose first member '\(first.nic.header.name)' is in '\(first.vnet.name)'; every member must be in that virtual network",
                              at: nic.header.source, resource: nic.id)
                    }
                }
            }
        }
        // Only rules that name application security groups matter (none in most configurations: skip the sort and copies).
        func namesGroup(_ items: [AddressMatchItem]) -> Bool {
            items.contains { if case .applicationSecurityGroup = $0 { return true } else { return false } }
        }
        guard !vnetOf.isEmpty else { return }
        for nsg in topology.networkSecurityGroups.values.sorted(by: { $0.id < $1.id }) {
            for rule in nsg.securityRules where namesGroup(rule.source) || namesGroup(rule.destination) {
                let groups = (rule.source + rule.destination).compactMap { item -> ResourceID? in
                    if case .applicationSecurityGroup(let id) = item { return id }
                    return nil
                }
                let vnets = Set(groups.compactMap { vnetOf[$0]?.vnet })
                guard vnets.count > 1 else { continue }
                error(DiagnosticID.securityRuleGroupsAcrossVnets,
                      "security rule '\(rule.name)' of '\(nsg.header.name)' names application security groups in different virtual networks (\(vnets.map(\.name).sorted().joined(separator: ", ")))",
                      at: rule.sourceLocation ?? nsg.header.source, resource: nsg.id, code: "AllApplicationSecurityGroupsInSecurityRuleMustBeFromSameVnet")
            }
        }
    }

    /// storage-network-security-virtual-networks.md: a virtual network rule needs the subnet's Microsoft.Storage service
    /// endpoint (Azure: NetworkAclsValidationFailure, "SubnetsHaveNoServiceEndpointsConfigured").
    func validateStorageRules() {
        for account in topology.storageAccounts.values.sorted(by: { $0.id < $1.id }) {
            for subnetID in account.networkAcls?.virtualNetworkRules ?? [] {
                guard let subnet = topology.subnets[subnetID] else { continue }
                let endpoint = subnet.serviceEndpoints.contains { ["microsoft.storage", "microsoft.storage.global"].contains($0.service.lowercased()) }
                if !endpoint {
                    error(DiagnosticID.storageRuleWithoutServiceEndpoint,
                          "storage account '\(account.header.name)' has a virtual network rule for subnet '\(subnet.virtualNetwork.name)/\(subnet.header.name)', which has no Microsoft.Storage service endpoint",
                          at: account.header.source, resource: account.id, code: "NetworkAclsValidationFailure")
                }
            }
        }
    }

    /// The subnet of each managed instance (connectivity-architecture-overview.md, "Network requirements";
    /// vnet-subnet-determine-size.md): dedicated to managed instances, at least 32 addresses (/27; /28 only for one
    /// development instance), an NSG and a route table associated; no private DNS zone named after a Microsoft service
    /// linked to its network ("Networking constraints").
    func validateManagedInstanceSubnets() {
        let reserved: Set<String> = [
            "windows.net", "database.windows.net", "core.windows.net", "blob.core.windows.net", "table.core.windows.net",
            "management.core.windows.net", "monitoring.core.windows.net", "queue.core.windows.net", "graph.windows.net",
            "login.microsoftonline.com", "login.windows.net", "servicebus.windows.net", "vault.azure.net",
        ]
        var seenSubnets = Set<ResourceID>()
        var seenVnets = Set<ResourceID>()
        for instance in topology.sqlManagedInstances.values.sorted(by: { $0.id < $1.id }) {
            guard let subnetID = instance.subnet, let subnet = topology.subnets[subnetID] else { continue }
            if seenSubnets.insert(subnetID).inserted {
                let others = topology.networkInterfaces.values.filter { nic in
                    nic.ipConfigurations.contains { $0.subnet == subnetID }
                }.map(\.header.name) + topology.privateEndpoints.values.filter { $0.subnet == subnetID }.map(\.header.name)
                if !others.isEmpty {
                    error(DiagnosticID.managedInstanceSubnetNotDedicated,
                          "subnet '\(subnet.virtualNetwork.name)/\(subnet.header.name)' of managed instance '\(instance.header.name)' also holds \(others.sorted().prefix(3).map { "'\($0)'" }.joined(separator: ", "))\(others.count > 3 ? " and \(others.count - 3) more" : ""); a managed instance subnet is dedicated to managed instances",
                          at: subnet.header.source, resource: subnet.id, code: "SubnetHasResourcesOfDifferentType")
                }
                if let prefix = subnet.addressPrefixes.first(where: \.isIPv4), prefix.length > 27 {
                    let severity: Diagnostic.Severity = prefix.length > 28 ? .error : .warning
                    sink.report(Diagnostic(severity, id: DiagnosticID.managedInstanceSubnetTooSmall,
                        "subnet '\(subnet.virtualNetwork.name)/\(subnet.header.name)' of managed instance '\(instance.header.name)' is \(prefix) (\(1 << (32 - prefix.length)) addresses); a managed instance subnet needs at least 32 addresses (/27)\(prefix.length == 28 ? ", /28 only for a single development instance" : "")",
                        at: subnet.header.source, resource: subnet.id, azureErrorCode: "CreateManagedInstanceInvalidSubnetSize"))
                }
                if subnet.networkSecurityGroup == nil {
                    error(DiagnosticID.managedInstanceSubnetWithoutNSG,
                          "subnet '\(subnet.virtualNetwork.name)/\(subnet.header.name)' of managed instance '\(instance.header.name)' has no network security group; a managed instance subnet must have one",
                          at: subnet.header.source, resource: subnet.id)
                }
                if subnet.routeTable == nil {
                    error(DiagnosticID.managedInstanceSubnetWithoutRouteTable,
                          "subnet '\(subnet.virtualNetwork.name)/\(subnet.header.name)' of managed instance '\(instance.header.name)' has no route table; a managed instance subnet must have one",
                          at: subnet.header.source, resource: subnet.id, code: "VnetConfigHasNoUdr")
                }
            }
            guard seenVnets.insert(subnet.virtualNetwork).inserted else { continue }
            for zone in topology.privateDnsZones.values.sorted(by: { $0.id < $1.id }) where reserved.contains(zone.zoneName) {
                for link in zone.virtualNetworkLinks where link.virtualNetwork == subnet.virtualNetwork {
                    error(DiagnosticID.managedInstanceReservedDnsZone,
                          "private DNS zone '\(zone.zoneName)', a name reserved for Microsoft services, is linked to '\(subnet.virtualNetwork.name)', which holds managed instance '\(instance.header.name)': the instance becomes unavailable",
                          at: link.sourceLocation ?? zone.header.source, resource: zone.id)
                }
            }
        }
    }

    /// failover-group-sql-mi.md, failover-group-configure-sql-mi.md: the secondary in another region
    /// (InvalidFailoverGroupRegion), the same DNS zone (DnsZoneMismatch), a grace period of at least one hour with the
    /// automatic policy, networks whose address spaces do not overlap.
    func validateFailoverGroups() {
        for group in topology.instanceFailoverGroups.values.sorted(by: { $0.id < $1.id }) {
            if (group.failoverPolicy ?? "").lowercased() == "automatic", let minutes = group.failoverWithDataLossGracePeriodMinutes, minutes < 60 {
                error(DiagnosticID.failoverGroupGracePeriod,
                      "failover group '\(group.header.name)' has an automatic failover policy with a grace period of \(minutes) minutes; it can't be set below one hour",
                      at: group.header.source, resource: group.id)
            }
            for pair in group.managedInstancePairs {
                guard let a = pair.primary.flatMap({ topology.sqlManagedInstances[$0] }), let b = pair.partner.flatMap({ topology.sqlManagedInstances[$0] }) else { continue }
                if let x = a.header.location, x == b.header.location {
                    error(DiagnosticID.failoverGroupSameRegion,
                          "failover group '\(group.header.name)': '\(a.header.name)' and '\(b.header.name)' are both in \(x); the secondary must be in another region",
                          at: group.header.source, resource: group.id, code: "InvalidFailoverGroupRegion")
                }
                if let x = a.dnsZone, let y = b.dnsZone, !x.isEmpty, !y.isEmpty, x.lowercased() != y.lowercased() {
                    error(DiagnosticID.failoverGroupDnsZoneMismatch,
                          "failover group '\(group.header.name)': '\(a.header.name)' (DNS zone \(x)) and '\(b.header.name)' (DNS zone \(y)) must share a DNS zone",
                          at: group.header.source, resource: group.id, code: "DnsZoneMismatch")
                }
                let spaceA = a.subnet.flatMap { topology.subnets[$0] }.flatMap { topology.virtualNetworks[$0.virtualNetwork] }
                let spaceB = b.subnet.flatMap { topology.subnets[$0] }.flatMap { topology.virtualNetworks[$0.virtualNetwork] }
                if let va = spaceA, let vb = spaceB, va.id != vb.id {
                    let overlap = IPAddressSet(prefixes: va.addressSpace).intersection(IPAddressSet(prefixes: vb.addressSpace))
                    if !overlap.isEmpty {
                        error(DiagnosticID.failoverGroupAddressSpacesOverlap,
                              "failover group '\(group.header.name)': the networks of '\(a.header.name)' and '\(b.header.name)' overlap (\(overlap.prefixes.map(\.description).joined(separator: ", ")))",
                              at: group.header.source, resource: group.id)
                    }
                } else if let va = spaceA, let vb = spaceB, va.id == vb.id {
                    error(DiagnosticID.failoverGroupAddressSpacesOverlap,
                          "failover group '\(group.header.name)': '\(a.header.name)' and '\(b.header.name)' are in the same virtual network",
                          at: group.header.source, resource: group.id)
                }
            }
        }
    }

    /// traffic-manager-routing-methods.md: priorities 1-1000, unique within a profile; weights 1-1000; "A geographic
    /// region can be mapped only to one endpoint in a Traffic Manager profile".
    func validateTrafficManager() {
        for profile in topology.trafficManagerProfiles.values.sorted(by: { $0.id < $1.id }) {
            var priorities: [Int64: String] = [:]
            var regions: [String: String] = [:]
            for endpoint in profile.endpoints {
                let place = endpoint.sourceLocation ?? profile.header.source
                if let priority = endpoint.priority {
                    if !(1...1000).contains(priority) {
                        error(DiagnosticID.trafficManagerPriority, "endpoint '\(endpoint.name)' of traffic manager profile '\(profile.header.name)' has priority \(priority); allowed 1-1000", at: place, resource: profile.id)
                    } else if let other = priorities[priority], profile.trafficRoutingMethod?.lowercased() == "priority" {
                        error(DiagnosticID.trafficManagerPriority, "endpoints '\(other)' and '\(endpoint.name)' of traffic manager profile '\(profile.header.name)' share priority \(priority); priorities are unique within a profile", at: place, resource: profile.id)
                    }
                    priorities[priority] = endpoint.name
                }
                if let weight = endpoint.weight, !(1...1000).contains(weight) {
                    error(DiagnosticID.trafficManagerWeight, "endpoint '\(endpoint.name)' of traffic manager profile '\(profile.header.name)' has weight \(weight); allowed 1-1000", at: place, resource: profile.id)
                }
                for code in endpoint.geoMapping {
                    if let other = regions[code.uppercased()] {
                        error(DiagnosticID.trafficManagerGeoMapping, "geographic region \(code) is mapped to endpoints '\(other)' and '\(endpoint.name)' of traffic manager profile '\(profile.header.name)'; a region maps to one endpoint", at: place, resource: profile.id)
                    }
                    regions[code.uppercased()] = endpoint.name
                }
            }
        }
    }

    /// Special subnets: GatewaySubnet /29 at least (/27 or larger recommended, vpn-gateway-about-vpn-gateway-settings.md);
    /// AzureFirewallSubnet and AzureFirewallManagementSubnet /26 (firewall FAQ); AzureBastionSubnet /26
    /// (bastion/configuration-settings.md).
    func validateSpecialSubnets() {
        let minimum: [String: Int] = ["gatewaysubnet": 29, "azurefirewallsubnet": 26, "azurefirewallmanagementsubnet": 26, "azurebastionsubnet": 26]
        for subnet in topology.subnets.values.sorted(by: { $0.id < $1.id }) {
            guard let required = minimum[subnet.header.name.lowercased()], let prefix = subnet.addressPrefixes.first(where: \.isIPv4) else { continue }
            if prefix.length > required {
                // The size is checked when the gateway, firewall or bastion host is created in the subnet,
                // not when the subnet is: an error when the model holds that resource (or for
                // GatewaySubnet, below /29 for every SKU), a warning otherwise (a Bastion host created
                // before the /26 rule keeps working on /27).
                let name = subnet.header.name.lowercased()
                let enforced = name == "gatewaysubnet"
                    || (name == "azurefirewallsubnet" && topology.azureFirewalls.values.contains { $0.subnet == subnet.id })
                let message = "subnet '\(subnet.virtualNetwork.name)/\(subnet.header.name)' is \(prefix); Azure requires /\(required) or larger for \(subnet.header.name)"
                sink.report(Diagnostic(enforced ? .error : .warning, id: DiagnosticID.specialSubnetTooSmall,
                                       enforced ? message : message + " when the service is deployed into it",
                                       at: subnet.header.source, resource: subnet.id))
            } else if subnet.header.name.lowercased() == "gatewaysubnet" && prefix.length > 27 {
                sink.report(Diagnostic(.warning, id: DiagnosticID.specialSubnetTooSmall,
                    "subnet '\(subnet.virtualNetwork.name)/GatewaySubnet' is \(prefix); /27 or larger is recommended (/29 only suits the Basic SKU)",
                    at: subnet.header.source, resource: subnet.id))
            }
        }
    }

    /// vpn-gateway-about-vpn-gateway-settings.md, "Gateway subnet": "Never deploy anything else (for example, additional
    /// VMs) to the gateway subnet", and an NSG on it is refused (Azure: NetworkSecurityGroupCannotBeAttachedToGatewaySubnet);
    /// bastion/configuration-settings.md: "The subnet cannot contain additional resources" (Azure: AzureBastionSubnet,
    /// "Subnet with name 'AzureBastionSubnet' can be used only for the Azure Bastion resource").
    func validateDedicatedSubnets() {
        for subnet in topology.subnets.values.sorted(by: { $0.id < $1.id }) {
            let name = subnet.header.name.lowercased()
            guard name == "gatewaysubnet" || name == "azurebastionsubnet" else { continue }
            let label = "'\(subnet.virtualNetwork.name)/\(subnet.header.name)'"
            if name == "gatewaysubnet", let nsg = subnet.networkSecurityGroup {
                error(DiagnosticID.gatewaySubnetWithNSG,
                      "network security group '\(nsg.name)' is associated with \(label); Azure refuses an NSG on the gateway subnet",
                      at: subnet.header.source, resource: subnet.id, code: "NetworkSecurityGroupCannotBeAttachedToGatewaySubnet")
            }
            let nics = topology.networkInterfaces.values.filter { nic in nic.ipConfigurations.contains { $0.subnet == subnet.id } }
            let endpoints = topology.privateEndpoints.values.filter { $0.subnet == subnet.id }
            let others = (nics.map(\.header.name) + endpoints.map(\.header.name)).sorted()
            guard !others.isEmpty else { continue }
            error(DiagnosticID.dedicatedSubnetInUse,
                  "\(label) holds \(others.prefix(3).map { "'\($0)'" }.joined(separator: ", "))\(others.count > 3 ? " and \(others.count - 3) more" : ""); \(subnet.header.name) is only for the \(name == "gatewaysubnet" ? "virtual network gateway" : "Azure Bastion host")",
                  at: subnet.header.source, resource: subnet.id, code: name == "azurebastionsubnet" ? "AzureBastionSubnet" : nil)
        }
    }
}
