import NetTwinCore

/// Rules on gateway route propagation and service endpoints versus IP firewall rules.
enum GatewayAndEndpointRules {
    /// NT-GW-001: a subnet whose route table disables gateway route propagation loses the routes to
    /// on-premises (virtual-networks-udr-overview.md: "the system doesn't add routes to the route table of
    /// all subnets with Virtual network gateway route propagation disabled") unless user routes replace them.
    static let propagationDisabled: CheckRule = CheckRule(
        id: "NT-GW-001", name: "GatewayRoutePropagationDisabled",
        title: "Gateway route propagation is disabled on a subnet and nothing routes its on-premises traffic",
        severity: .warning,
        rationale: "With 'Propagate gateway routes' off, the subnet gets neither static nor BGP routes from the VPN or ExpressRoute gateway. Unless user routes send the on-premises ranges to the gateway or an appliance, traffic to on-premises is dropped or sent to the Internet, and replies to on-premises clients (a managed instance's, for example) never return.",
        helpURI: "https://learn.microsoft.com/azure/virtual-network/virtual-networks-udr-overview#border-gateway-protocol",
        fix: "Enable gateway route propagation on the route table, or add user routes for the on-premises ranges with next hop VirtualNetworkGateway or the inspecting appliance.",
        evaluate: { context in
            var findings: [Finding] = []
            let topology = context.topology
            for subnet in topology.subnets.values.sorted(by: { $0.id < $1.id }) {
                guard let tableID = subnet.routeTable, let table = topology.routeTables[tableID], table.disableBgpRoutePropagation,
                    subnet.header.name.lowercased() != "gatewaysubnet"
                else { continue }
                // The routes the subnet would get with propagation on.
                var propagated = topology
                propagated.routeTables[tableID]!.disableBgpRoutePropagation = false
                let withGateway = RouteEngine(topology: propagated, serviceTags: context.serviceTags).effectiveRoutes(of: subnet)
                let onPremises = withGateway.routes.filter { $0.source == .virtualNetworkGateway && $0.state == .active }.flatMap(\.addressPrefixes)
                guard !onPremises.isEmpty else { continue }
                let actual = context.routes.effectiveRoutes(of: subnet)
                var lost: [String] = []
                for prefix in onPremises {
                    guard let (_, route) = actual.route(to: prefix.network) else { continue }
                    if [.none, .internet].contains(route.nextHopType) { lost.append("\(prefix) → \(route.nextHopType.rawValue)") }
                }
                guard !lost.isEmpty else { continue }
                findings.append(propagationDisabled.finding(
                    "route table '\(table.header.name)' of subnet '\(context.subnetName(subnet.id))' disables gateway route propagation: on-premises ranges go nowhere (\(lost.joined(separator: ", ")))",
                    resource: subnet.id, location: table.header.source ?? subnet.header.source, evidence: lost, key: tableID.normalized))
            }
            return findings
        })

    /// NT-SE-002: virtual-network-service-endpoints-overview.md: with a service endpoint, "service resources
    /// … see the private IP address of the virtual network as the source … IP firewall rules using public IP
    /// addresses of the virtual network's resources no longer apply".
    static let endpointHidesPublicAddress: CheckRule = CheckRule(
        id: "NT-SE-002", name: "ServiceEndpointBypassesIpRule",
        title: "A service firewall IP rule admits public addresses of a subnet that has a service endpoint to that service",
        severity: .warning,
        rationale: "Once the subnet has a service endpoint to the service, its traffic carries the private address and the VNet identity: an IP rule for the public addresses of its VMs no longer matches, and the clients are refused unless a virtual network rule admits the subnet.",
        helpURI: "https://learn.microsoft.com/azure/virtual-network/virtual-network-service-endpoints-overview",
        fix: "Add a virtual network rule for the subnet (and remove the IP rule), or remove the service endpoint.",
        evaluate: { context in
            let topology = context.topology
            var findings: [Finding] = []
            // Public addresses of each subnet's NICs.
            var publicBySubnet: [ResourceID: [(IPAddress, String)]] = [:]
            for nic in topology.networkInterfaces.values {
                for configuration in nic.ipConfigurations {
                    guard let subnet = configuration.subnet, let pip = configuration.publicIPAddress.flatMap({ topology.publicIPAddresses[$0] }), let address = pip.ipAddress else { continue }
                    publicBySubnet[subnet, default: []].append((address, nic.header.name))
                }
            }
            func check(service: String, owner: ResourceID, ownerName: String, rules: [(name: String, contains: (IPAddress) -> Bool)], location: SourceLocation?) {
                for (subnetID, addresses) in publicBySubnet.sorted(by: { $0.key < $1.key }) {
                    guard let subnet = topology.subnets[subnetID], subnet.serviceEndpoints.contains(where: { $0.service.lowercased() == service.lowercased() }) else { continue }
                    for (address, nic) in addresses {
                        for rule in rules where rule.contains(address) {
                            findings.append(endpointHidesPublicAddress.finding(
                                "ip rule '\(rule.name)' of '\(ownerName)' admits \(address) (public ip of '\(nic)'), but subnet '\(context.subnetName(subnetID))' has a '\(service)' service endpoint: the service sees the private address and the rule no longer matches",
                                resource: owner, location: location, key: "\(rule.name)|\(address)"))
                        }
                    }
                }
            }
            for server in topology.sqlServers.values.sorted(by: { $0.id < $1.id }) {
                let rules = server.firewallRules.filter { !$0.isAllowAzureServices }.map { rule in
                    (name: rule.name, contains: { (address: IPAddress) -> Bool in
                        guard case .v4(let v4) = address else { return false }
                        return rule.admits(v4)
                    })
                }
                check(service: "Microsoft.Sql", owner: server.id, ownerName: server.header.name, rules: rules, location: server.header.source)
            }
            for account in topology.storageAccounts.values.sorted(by: { $0.id < $1.id }) {
                let rules = (account.networkAcls?.ipRules ?? []).map { prefix in (name: prefix.description, contains: { (address: IPAddress) in prefix.contains(address) }) }
                check(service: "Microsoft.Storage", owner: account.id, ownerName: account.header.name, rules: rules, location: account.header.source)
            }
            for vault in topology.keyVaults.values.sorted(by: { $0.id < $1.id }) where vault.kind == .vault {
                let rules = (vault.networkAcls?.ipRules ?? []).map { prefix in (name: prefix.description, contains: { (address: IPAddress) in prefix.contains(address) }) }
                check(service: "Microsoft.KeyVault", owner: vault.id, ownerName: vault.header.name, rules: rules, location: vault.header.source)
            }
            return findings
        })
}
