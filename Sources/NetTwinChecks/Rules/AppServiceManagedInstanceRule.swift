import NetTwinCore

/// NT-APP-001: an App Service app whose regional VNet integration sits in a VNet peered with a managed
/// instance's VNet, but that cannot reach the instance's VNet-local endpoint for a reason other than its own
/// outbound NSG (NT-MI-005 reports that): the peering, the instance subnet's NSG, routes, a firewall, the
/// route back.
///
/// The guidance differs by integration type. app-service/overview-vnet-integration.md (regional integration):
/// "If you use peering with virtual network integration, you don't need to do any more configuration." The
/// special case of azure-sql/managed-instance/connect-application-instance.md ("SQL Managed Instance virtual
/// network must NOT have a gateway", "Use remote gateways", "Allow gateway transit") belongs to the older
/// gateway-required integration, which NetTwin does not model. So for regional integration the rule checks
/// what actually decides: the path, with the reachability engine.
enum AppServiceManagedInstanceRule {
    static let rule: CheckRule = CheckRule(
        id: "NT-APP-001", name: "AppServiceCannotReachPeeredManagedInstance",
        title: "An App Service app integrated with a VNet peered to a managed instance cannot reach the instance",
        severity: .warning,
        rationale: "Regional VNet integration sends the app's outbound traffic into its integration subnet; with a peering to the managed instance's VNet nothing more is needed, so when the app still cannot reach 1433 (or, with Redirect, 11000-11999) something on the path blocks it: a peering not connected or without access, the instance subnet's NSG, a route, a firewall or the route back.",
        helpURI: "https://learn.microsoft.com/azure/app-service/overview-vnet-integration#peering",
        fix: "Apply the fix of each blocker listed (connect the peering in both directions with access allowed, allow the integration subnet inbound on the instance subnet's NSG, route replies back), then re-run 'nettwin reach APP INSTANCE'.",
        evaluate: evaluate)

    static func evaluate(_ context: CheckContext) -> [Finding] {
        let topology = context.topology
        let engine = ReachabilityEngine(topology: topology, serviceTags: context.serviceTags, routes: context.routes)
        var findings: [Finding] = []
        for instance in topology.sqlManagedInstances.values.sorted(by: { $0.id < $1.id }) {
            guard let miSubnet = instance.subnet.flatMap({ topology.subnets[$0] }) else { continue }
            let miVNet = miSubnet.virtualNetwork
            let redirect = (instance.proxyOverride ?? "Default").lowercased() != "proxy"
            for site in topology.webSites.values.sorted(by: { $0.id < $1.id }) {
                guard let integration = site.virtualNetworkSubnet.flatMap({ topology.subnets[$0] }), integration.virtualNetwork != miVNet else { continue }
                // Directly peered from either side (a one-sided peering is itself a finding).
                let peered = topology.peerings.values.contains { peering in
                    (peering.localVirtualNetwork == integration.virtualNetwork && peering.remoteVirtualNetwork == miVNet)
                        || (peering.localVirtualNetwork == miVNet && peering.remoteVirtualNetwork == integration.virtualNetwork)
                }
                guard peered else { continue }
                var blockers: [ReachBlocker] = []
                for port in redirect ? [ReachabilityEngine.tdsPort, ReachabilityEngine.redirectPorts.lowerBound] : [ReachabilityEngine.tdsPort] {
                    let result = engine.reach(from: .webSite(site.id), to: .managedInstanceVNetLocal(instance.id), port: port)
                    for blocker in result.blockers where blocker.code != .nsgDenyOutbound && !blockers.contains(where: { $0.message == blocker.message }) {
                        blockers.append(blocker)
                    }
                }
                guard !blockers.isEmpty else { continue }
                var evidence = ["integration subnet: \(context.subnetName(integration.id)); managed instance subnet: \(context.subnetName(miSubnet.id))"]
                evidence += blockers.map { "\($0.code.rawValue): \($0.message) (fix: \($0.fix))" }
                findings.append(rule.finding(
                    "app '\(site.header.name)' cannot reach managed instance '\(instance.header.name)' through the peering: \(blockers.map(\.code.rawValue).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }.joined(separator: ", "))",
                    resource: site.id, location: site.header.source, evidence: evidence, key: instance.id.text.lowercased()))
            }
        }
        return findings
    }
}
