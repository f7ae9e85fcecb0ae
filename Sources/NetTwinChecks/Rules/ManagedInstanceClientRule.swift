import NetTwinCore

/// NT-MI-005: application subnets in VNets peered with a managed instance's VNet that their own NSG
/// blocks outbound on 1433, or on 11000–11999 while the connection type is Redirect
/// (connection-types-overview.md: "Redirect … requires opening ports 11000-11999 in addition to 1433";
/// connectivity-architecture-overview.md). Evaluated with the reachability engine, port class by port class.
enum ManagedInstanceClientRule {
    static let rule: CheckRule = CheckRule(
        id: "NT-MI-005", name: "ManagedInstanceClientBlockedOutbound",
        title: "An application subnet peered with a managed instance is blocked outbound on 1433 or the redirect range",
        severity: .warning,
        rationale: "Clients of a managed instance connect on TCP 1433 and, with the Redirect connection type, then directly to the node on 11000-11999. An outbound NSG Deny on the client subnet for any of those ports breaks connections (with Redirect, logins succeed on 1433 and then time out).",
        helpURI: "https://learn.microsoft.com/azure/azure-sql/managed-instance/connection-types-overview#redirect-connection-type",
        fix: "Allow outbound TCP 1433 and 11000-11999 from the application subnet to the managed instance subnet above the denying rule, or set the instance's connection type to Proxy.",
        evaluate: evaluate)

    /// Subnets that run application workloads: an App Service VNet integration or a VM NIC.
    static func applicationSubnets(in vnet: ResourceID, _ context: CheckContext) -> [(subnet: Subnet, site: WebSite?)] {
        let topology = context.topology
        var result: [(Subnet, WebSite?)] = []
        for subnetID in topology.virtualNetworks[vnet]?.subnets ?? [] {
            guard let subnet = topology.subnets[subnetID], subnet.header.name.lowercased() != "gatewaysubnet",
                !topology.sqlManagedInstances.values.contains(where: { $0.subnet == subnetID })
            else { continue }
            let site = topology.webSites.values.sorted { $0.id < $1.id }.first { $0.virtualNetworkSubnet == subnetID }
            let hasVM = context.networkInterfaces(in: subnetID).contains { $0.virtualMachine != nil }
            if site != nil || hasVM { result.append((subnet, site)) }
        }
        return result
    }

    /// One port of each class of 11000–11999 that the NSG rules on the path treat alike.
    static func representativePorts(_ nsgs: [NetworkSecurityGroup]) -> [UInt16] {
        let range = ReachabilityEngine.redirectPorts
        var ports: Set<UInt16> = [range.lowerBound]
        for nsg in nsgs {
            for rule in nsg.securityRules + nsg.defaultSecurityRules {
                for r in rule.destinationPorts.ranges {
                    if range.contains(r.lowerBound) { ports.insert(r.lowerBound) }
                    if r.upperBound < UInt16.max, range.contains(r.upperBound + 1) { ports.insert(r.upperBound + 1) }
                }
            }
        }
        return ports.sorted()
    }

    static func evaluate(_ context: CheckContext) -> [Finding] {
        let topology = context.topology
        let engine = ReachabilityEngine(topology: topology, serviceTags: context.serviceTags)
        var findings: [Finding] = []
        for instance in topology.sqlManagedInstances.values.sorted(by: { $0.id < $1.id }) {
            guard let miSubnetID = instance.subnet, let miSubnet = topology.subnets[miSubnetID],
                let miVNet = topology.virtualNetworks[miSubnet.virtualNetwork]
            else { continue }
            let redirect = (instance.proxyOverride ?? "Default").lowercased() != "proxy"
            let peered = miVNet.peerings.compactMap { topology.peerings[$0]?.remoteVirtualNetwork }.filter { topology.virtualNetworks[$0] != nil }
            for vnet in Set(peered).sorted() {
                for (subnet, site) in applicationSubnets(in: vnet, context) {
                    let nsgs = [subnet.networkSecurityGroup, miSubnet.networkSecurityGroup].compactMap { $0.flatMap { topology.networkSecurityGroups[$0] } }
                    var classes: [ClosedRange<UInt16>] = [1433...1433]
                    if redirect {
                        let ports = representativePorts(nsgs)
                        for (index, port) in ports.enumerated() {
                            classes.append(port...(index + 1 < ports.count ? ports[index + 1] - 1 : ReachabilityEngine.redirectPorts.upperBound))
                        }
                    }
                    let source: ReachSource = site.map { .webSite($0.id) } ?? .subnet(subnet.id)
                    var blocked: [ClosedRange<UInt16>] = []
                    var evidence: [String] = []
                    for portClass in classes {
                        let result = engine.reach(from: source, to: .managedInstanceVNetLocal(instance.id), port: portClass.lowerBound)
                        let denials = result.blockers.filter { $0.code == .nsgDenyOutbound }
                        guard !denials.isEmpty else { continue }
                        if let last = blocked.last, last.upperBound &+ 1 == portClass.lowerBound {
                            blocked[blocked.count - 1] = last.lowerBound...portClass.upperBound
                        } else {
                            blocked.append(portClass)
                        }
                        for denial in denials where !evidence.contains(denial.message) { evidence.append(denial.message) }
                    }
                    guard !blocked.isEmpty else { continue }
                    let ports = PortSet(ranges: blocked).description
                    evidence.insert("connection type: \(instance.proxyOverride ?? "Default")\(redirect ? " (redirect: clients also use 11000-11999)" : " (proxy: clients use 1433 only)")", at: 0)
                    if let site { evidence.append("app '\(site.header.name)' is integrated with this subnet") }
                    findings.append(rule.finding(
                        "subnet '\(context.subnetName(subnet.id))' is blocked outbound to managed instance '\(instance.header.name)' on tcp \(ports)",
                        resource: subnet.id, location: subnet.header.source, evidence: evidence, key: instance.id.text.lowercased()))
                }
            }
        }
        return findings
    }
}
