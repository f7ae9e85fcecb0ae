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
        var byKey: [String: SecurityRule] = [:]
        for rule in nsg.securityRules {
            if !(100...4096).contains(rule.priority) {
                sink.report(Diagnostic(
                    .error, id: DiagnosticID.securityRulePriorityRange,
                    "security rule '\(rule.name)' of '\(nsg.header.name)' has priority \(rule.priority); allowed range 100-4096",
                    at: rule.sourceLocation, resource: nsg.id, azureErrorCode: "SecurityRuleInvalidPriority"))
            }
            let key = "\(rule.direction.rawValue)/\(rule.priority)"
            if let other = byKey[key] {
                sink.report(Diagnostic(
                    .error, id: DiagnosticID.securityRulePriorityDuplicate,
                    "security rules '\(other.name)' and '\(rule.name)' of '\(nsg.header.name)' have the same priority \(rule.priority) and direction \(rule.direction.rawValue)",
                    at: rule.sourceLocation, resource: nsg.id, azureErrorCode: "SecurityRuleConflict"))
            } else {
                byKey[key] = rule
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
}
