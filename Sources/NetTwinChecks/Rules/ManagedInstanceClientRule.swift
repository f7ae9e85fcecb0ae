import NetTwinCore

/// NT-MI-005: clients of a managed instance (application subnets of its own VNet and of peered VNets, on-premises
/// ranges) whose own NSG blocks outbound on 1433 or on 11000–11999, or that get through on 1433 while something on the
/// path blocks 11000–11999 with the Redirect connection type
/// (connection-types-overview.md: "Redirect … requires opening ports 11000-11999 in addition to 1433";
/// connectivity-architecture-overview.md). Evaluated with the reachability engine, port class by port class.
enum ManagedInstanceClientRule {
    static let rule: CheckRule = CheckRule(
        id: "NT-MI-005", name: "ManagedInstanceClientBlockedOutbound",
        title: "A client of a managed instance is blocked on 1433 or, with Redirect, on the redirect range",
        severity: .warning,
        rationale: "Clients of a managed instance connect on TCP 1433 and, with the Redirect connection type, then directly to the node on 11000-11999. An outbound NSG Deny on the client subnet for any of those ports breaks connections, and so does anything on the path (the instance subnet's NSG, a route, a firewall) that lets 1433 through but blocks 11000-11999: logins succeed and sessions time out.",
        helpURI: "https://learn.microsoft.com/azure/azure-sql/managed-instance/connection-types-overview#redirect-connection-type",
        fix: "Allow TCP 1433 and 11000-11999 from the client to the managed instance subnet on every NSG and firewall on the path (above the denying rules), or set the instance's connection type to Proxy.",
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

    /// The clients of an instance: application subnets of its own VNet (connect-application-instance.md names "an
    /// application in the same VNet, different subnet" first), of directly peered VNets, and the on-premises ranges
    /// behind local network gateways (connected by VPN).
    struct Client {
        var source: ReachSource
        var description: String
        var resource: ResourceID
        var location: SourceLocation?
        var site: WebSite?
    }

    static func clients(of instance: SqlManagedInstance, in miVNet: VirtualNetwork, _ context: CheckContext) -> [Client] {
        let topology = context.topology
        var result: [Client] = []
        let peered = miVNet.peerings.compactMap { topology.peerings[$0]?.remoteVirtualNetwork }.filter { topology.virtualNetworks[$0] != nil }
        for vnet in [miVNet.id] + Set(peered).sorted() {
            for (subnet, site) in applicationSubnets(in: vnet, context) {
                result.append(Client(source: site.map { .webSite($0.id) } ?? .subnet(subnet.id), description: "subnet '\(context.subnetName(subnet.id))'",
                                     resource: subnet.id, location: subnet.header.source, site: site))
            }
        }
        for connection in topology.connections.values.sorted(by: { $0.id < $1.id }) {
            guard let lng = connection.localNetworkGateway2.flatMap({ topology.localNetworkGateways[$0] }),
                  let prefix = lng.addressSpace.first(where: \.isIPv4), case .v4(let network) = prefix.network else { continue }
            let address = IPAddress.v4(IPv4Address(network.value &+ (prefix.length < 32 ? 1 : 0)))
            result.append(Client(source: .onPremises(address), description: "on-premises range \(prefix) (local network gateway '\(lng.header.name)')",
                                 resource: lng.id, location: lng.header.source, site: nil))
        }
        return result
    }

    static let redirectNote = " (the Redirect connection type needs 11000-11999 after the first 1433 exchange)"

    static func evaluate(_ context: CheckContext) -> [Finding] {
        let topology = context.topology
        let engine = ReachabilityEngine(topology: topology, serviceTags: context.serviceTags, routes: context.routes)
        var findings: [Finding] = []
        for instance in topology.sqlManagedInstances.values.sorted(by: { $0.id < $1.id }) {
            guard let miSubnetID = instance.subnet, let miSubnet = topology.subnets[miSubnetID],
                let miVNet = topology.virtualNetworks[miSubnet.virtualNetwork]
            else { continue }
            let redirect = (instance.proxyOverride ?? "Default").lowercased() != "proxy"
            for client in clients(of: instance, in: miVNet, context) {
                let clientSubnet: ResourceID? = if case .subnet(let id) = client.source { id } else { client.site?.virtualNetworkSubnet }
                let nsgs = [clientSubnet.flatMap { topology.subnets[$0]?.networkSecurityGroup }, miSubnet.networkSecurityGroup].compactMap { $0.flatMap { topology.networkSecurityGroups[$0] } }
                var classes: [ClosedRange<UInt16>] = [1433...1433]
                if redirect {
                    let ports = representativePorts(nsgs)
                    for (index, port) in ports.enumerated() {
                        classes.append(port...(index + 1 < ports.count ? ports[index + 1] - 1 : ReachabilityEngine.redirectPorts.upperBound))
                    }
                }
                var blocked: [ClosedRange<UInt16>] = []
                var evidence: [String] = []
                var loginGetsThrough = false
                var onlyOutbound = true
                for portClass in classes {
                    let result = engine.reach(from: client.source, to: .managedInstanceVNetLocal(instance.id), port: portClass.lowerBound)
                    let relevant: [ReachBlocker]
                    if portClass.lowerBound == ReachabilityEngine.tdsPort {
                        // 1433 itself: the login's own blockers, without the ones the engine adds for the redirect range.
                        let own = result.blockers.filter { !$0.message.hasSuffix(redirectNote) }
                        loginGetsThrough = own.isEmpty
                        relevant = own.filter { $0.code == .nsgDenyOutbound }
                    } else {
                        // The redirect range: anything that blocks it once the login got through, and always an
                        // outbound denial on the client's side.
                        relevant = loginGetsThrough ? result.blockers : result.blockers.filter { $0.code == .nsgDenyOutbound }
                    }
                    guard !relevant.isEmpty else { continue }
                    if let last = blocked.last, last.upperBound &+ 1 == portClass.lowerBound {
                        blocked[blocked.count - 1] = last.lowerBound...portClass.upperBound
                    } else {
                        blocked.append(portClass)
                    }
                    for blocker in relevant where !evidence.contains(blocker.message) { evidence.append(blocker.message) }
                    if relevant.contains(where: { $0.code != .nsgDenyOutbound }) { onlyOutbound = false }
                }
                guard !blocked.isEmpty else { continue }
                let ports = PortSet(ranges: blocked).description
                evidence.insert("connection type: \(instance.proxyOverride ?? "Default")\(redirect ? " (redirect: clients also use 11000-11999)" : " (proxy: clients use 1433 only)")", at: 0)
                if loginGetsThrough && redirect { evidence.insert("the login on 1433 gets through: the session then fails on the redirect ports", at: 1) }
                if let site = client.site { evidence.append("app '\(site.header.name)' is integrated with this subnet") }
                findings.append(rule.finding(
                    "\(client.description) is blocked\(onlyOutbound ? " outbound" : "") to managed instance '\(instance.header.name)' on tcp \(ports)",
                    resource: client.resource, location: client.location, evidence: evidence, key: instance.id.text.lowercased()))
            }
        }
        return findings
    }
}
