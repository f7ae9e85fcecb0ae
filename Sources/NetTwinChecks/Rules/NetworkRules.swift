import NetTwinCore

/// Rules on the virtual networks themselves.
enum NetworkRules {
    /// NT-VNET-001: virtual-network-manage-peering.md: a peering carries traffic only when both sides exist and show
    /// Connected; one side alone stays Initiated, and the side left after the other is deleted shows Disconnected.
    static let peeringNotConnected: CheckRule = CheckRule(
        id: "NT-VNET-001", name: "PeeringNotConnected",
        title: "A virtual network peering is not Connected",
        severity: .warning,
        rationale: "Traffic flows over a peering only when the peering exists in both virtual networks and both show Connected. A peering created on one side stays Initiated, and when one side is deleted the other shows Disconnected: no route to the remote network is added, and its clients and services are unreachable, while the remaining side still looks configured.",
        helpURI: "https://learn.microsoft.com/azure/virtual-network/virtual-network-manage-peering",
        fix: "Create (or re-create) the peering in the other virtual network so that both sides show Connected, or delete the leftover side.",
        evaluate: { context in
            let topology = context.topology
            var findings: [Finding] = []
            for peering in topology.peerings.values.sorted(by: { $0.id < $1.id }) where peering.peeringState != .connected {
                let remote = peering.remoteVirtualNetwork?.name ?? "?"
                let back = topology.peerings.values.contains { $0.localVirtualNetwork == peering.remoteVirtualNetwork && $0.remoteVirtualNetwork == peering.localVirtualNetwork }
                let why = back ? "" : (topology.virtualNetworks[peering.remoteVirtualNetwork ?? peering.localVirtualNetwork] != nil ? ": '\(remote)' has no peering back" : "")
                findings.append(peeringNotConnected.finding(
                    "peering '\(peering.header.name)' of '\(peering.localVirtualNetwork.name)' to '\(remote)' is \(peering.peeringState?.rawValue ?? "not connected")\(why); it carries no traffic",
                    resource: peering.id, location: peering.header.source, evidence: ["peeringState \(peering.peeringState?.rawValue ?? "none")"], key: peering.id.normalized))
            }
            return findings
        })
}

/// NSG coverage, lateral movement and custom DNS: the peers' network-posture rules, on the effective model.
enum NetworkPostureRules {

    static let subnetWithoutNSG: CheckRule = CheckRule(
        id: "NT-NET-004", name: "SubnetWithoutNSG",
        title: "A subnet has no network security group",
        severity: .warning,
        rationale: "Without an NSG on the subnet, only the NSGs of individual network interfaces (if any) filter traffic, and every resource later placed in the subnet starts unfiltered. The gateway, Azure Firewall and Route Server subnets, and subnets delegated to (Payment or Dedicated) HSMs, are exempt: Azure forbids or does not support an NSG there.",
        helpURI: "https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview",
        fix: "Associate a network security group with the subnet (its default rules already deny inbound traffic from outside the virtual network).",
        evaluate: evaluateSubnetWithoutNSG)

    static let unattachedNSG: CheckRule = CheckRule(
        id: "NT-NET-005", name: "NSGAssociatedWithNothing",
        title: "A network security group is associated with no subnet and no network interface",
        severity: .note,
        rationale: "An NSG associated with nothing filters nothing. It is usually the leftover of a change, or an association that was forgotten, so the traffic it was written for is not filtered.",
        helpURI: "https://learn.microsoft.com/azure/virtual-network/manage-network-security-group#associate-or-dissociate-a-network-security-group-to-or-from-a-subnet",
        fix: "Associate the NSG with the subnet or network interface it was written for, or delete it.",
        evaluate: evaluateUnattachedNSG)

    static let lateralMovement: CheckRule = CheckRule(
        id: "NT-NET-006", name: "LateralManagementAccess",
        title: "SSH or RDP is open between workload subnets from the whole virtual network",
        severity: .note,
        rationale: "An NSG admits TCP 22 or 3389 into a workload subnet from the whole VirtualNetwork tag (or any source), often through the default rule AllowVnetInBound. One compromised machine in another workload subnet can then log on to these: lateral movement. The guidance is to allow management only from a management subnet or Azure Bastion.",
        helpURI: "https://learn.microsoft.com/security/benchmark/azure/mcsb-network-security#ns-1-establish-network-segmentation-boundaries",
        fix: "Add an inbound rule that denies TCP 22 and 3389 from VirtualNetwork, below a rule that allows them from the management or AzureBastionSubnet prefix only.",
        evaluate: evaluateLateralMovement)

    static let singleDNSServer: CheckRule = CheckRule(
        id: "NT-VNET-002", name: "SingleCustomDNSServer",
        title: "A virtual network uses a single custom DNS server",
        severity: .warning,
        rationale: "A virtual network with custom DNS servers sends every name query of its resources to them (Azure's resolver is no longer used). With only one, its outage stops name resolution in the whole network, including the private endpoint names of the data services.",
        helpURI: "https://learn.microsoft.com/azure/virtual-network/virtual-networks-name-resolution-for-vms-and-role-instances#name-resolution-that-uses-your-own-dns-server",
        fix: "List at least two DNS servers (in different availability zones or regions), or use Azure DNS Private Resolver.",
        evaluate: evaluateSingleDNSServer)

    static let unreachableDNSServer: CheckRule = CheckRule(
        id: "NT-VNET-003", name: "CustomDNSServerUnreachable",
        title: "A custom DNS server of a virtual network cannot be reached from its subnets",
        severity: .error,
        rationale: "Resources of a virtual network with custom DNS servers send their queries to those addresses on UDP (and TCP for large answers) port 53. When routes, peerings or NSGs block the way, name resolution fails, and with it every connection by name.",
        helpURI: "https://learn.microsoft.com/azure/virtual-network/virtual-networks-name-resolution-for-vms-and-role-instances#name-resolution-that-uses-your-own-dns-server",
        fix: "Open UDP and TCP 53 to the DNS server on the path the verdict names (NSG rules, peering, routes), or change the virtual network's DNS servers.",
        evaluate: evaluateUnreachableDNSServer)

    /// Delegations whose subnets take no NSG: Azure Payment HSM and Dedicated HSM (payment-hsm/solution-design.md,
    /// "Network Security Groups on payment HSMs on Azure-delegated subnet: No").
    static let exemptDelegations: Set<String> = ["microsoft.hardwaresecuritymodules/dedicatedhsms"]

    static func isExempt(_ subnet: Subnet) -> Bool {
        subnet.isPlatformSubnet || subnet.delegations.contains { exemptDelegations.contains($0.lowercased()) }
    }

    static func evaluateSubnetWithoutNSG(_ context: CheckContext) -> [Finding] {
        let topology = context.topology
        let instanceSubnets = Set(topology.sqlManagedInstances.values.compactMap(\.subnet))
        return topology.subnets.values.sorted(by: { $0.id < $1.id }).compactMap { subnet in
            // NT-MI-002 owns a managed instance's subnet.
            guard subnet.networkSecurityGroup == nil, !isExempt(subnet), !instanceSubnets.contains(subnet.id) else { return nil }
            return subnetWithoutNSG.finding("subnet '\(context.subnetName(subnet.id))' has no network security group", resource: subnet.id, location: subnet.header.source,
                                            evidence: ["addressPrefixes: \(subnet.addressPrefixes.map(\.description).joined(separator: ", "))"])
        }
    }

    static func evaluateUnattachedNSG(_ context: CheckContext) -> [Finding] {
        let topology = context.topology
        let used = Set(topology.subnets.values.compactMap(\.networkSecurityGroup)).union(topology.networkInterfaces.values.compactMap(\.networkSecurityGroup))
        return topology.networkSecurityGroups.values.sorted(by: { $0.id < $1.id }).compactMap { nsg in
            guard !used.contains(nsg.id) else { return nil }
            return unattachedNSG.finding("nsg '\(nsg.header.name)' is associated with no subnet and no network interface in the input", resource: nsg.id, location: nsg.header.source)
        }
    }

    static let managementPorts: [UInt16] = [22, 3389]

    static func evaluateLateralMovement(_ context: CheckContext) -> [Finding] {
        let topology = context.topology
        // Workload subnets: those with network interfaces that are not private endpoints'.
        var workload: Set<ResourceID> = []
        for nic in topology.networkInterfaces.values where nic.privateEndpoint == nil {
            for configuration in nic.ipConfigurations { if let subnet = configuration.subnet { workload.insert(subnet) } }
        }
        let subnets = workload.compactMap { topology.subnets[$0] }.filter { !isExempt($0) && $0.header.name.lowercased() != "azurebastionsubnet" && !$0.addressPrefixes.isEmpty }.sorted { $0.id < $1.id }
        var findings: [Finding] = []
        for subnet in subnets {
            guard let nsgID = subnet.networkSecurityGroup, let nsg = topology.networkSecurityGroups[nsgID] else { continue }
            let tags = context.tags(subnet: subnet.id)
            let others = subnets.filter { $0.id != subnet.id && $0.addressPrefixes.allSatisfy { IPAddressSet($0).isSubset(of: tags.virtualNetwork) } }
            guard !others.isEmpty else { continue }
            let compiled = context.security.compile(nsg, direction: .inbound, virtualNetwork: tags.virtualNetwork, internet: tags.internet)
            let destination = InboundExposure.destination(subnet: subnet)
            var openTo: [String: (rule: CompiledSecurityRule, ports: [UInt16], subnets: [String])] = [:]
            let candidates = others.reduce(IPAddressSet.empty) { $0.union(InboundExposure.destination(subnet: $1)) }
            for port in managementPorts {
                for admission in InboundExposure.admissions(rules: compiled, port: port, destination: destination, candidates: candidates) {
                    // Only broad sources: the VirtualNetwork tag, any address, or the default AllowVnetInBound.
                    let sources = admission.rule.rule.source.map { $0.description.lowercased() }
                    guard admission.rule.rule.isDefault || sources.contains(where: { ["virtualnetwork", "*", "any", "0.0.0.0/0"].contains($0) }) else { continue }
                    let reached = others.filter { InboundExposure.destination(subnet: $0).isSubset(of: admission.sources) }.map { context.subnetName($0.id) }
                    guard !reached.isEmpty else { continue }
                    let key = admission.rule.qualifiedName
                    var entry = openTo[key] ?? (admission.rule, [], [])
                    entry.ports.append(port)
                    entry.subnets += reached.filter { !entry.subnets.contains($0) }
                    openTo[key] = entry
                }
            }
            for (key, entry) in openTo.sorted(by: { $0.key < $1.key }) {
                let securityRule = entry.rule.rule
                let resource = securityRule.id ?? nsg.id.child(securityRule.isDefault ? "defaultSecurityRules" : "securityRules", securityRule.name)
                findings.append(lateralMovement.finding(
                    "nsg '\(nsg.header.name)' rule '\(securityRule.name)' admits tcp \(entry.ports.map(String.init).joined(separator: ", ")) into subnet '\(context.subnetName(subnet.id))' from other workload subnets",
                    resource: resource, location: securityRule.sourceLocation ?? nsg.header.source,
                    evidence: ["workload subnet(s) admitted: " + entry.subnets.sorted().prefix(10).joined(separator: ", ") + (entry.subnets.count > 10 ? " and \(entry.subnets.count - 10) more" : ""),
                               "rule priority \(securityRule.priority), source \(securityRule.source.map(\.description).joined(separator: ", "))"],
                    key: "\(subnet.id.normalized)|\(key)"))
            }
        }
        return findings
    }

    static func evaluateSingleDNSServer(_ context: CheckContext) -> [Finding] {
        context.topology.virtualNetworks.values.sorted(by: { $0.id < $1.id }).compactMap { vnet in
            guard vnet.dnsServers.count == 1 else { return nil }
            return singleDNSServer.finding("virtual network '\(vnet.header.name)' uses a single custom dns server (\(vnet.dnsServers[0]))", resource: vnet.id, location: vnet.header.source,
                                           evidence: ["dhcpOptions.dnsServers: \(vnet.dnsServers[0])"])
        }
    }

    /// Azure's virtual public IP address (what-is-ip-address-168-63-129-16.md): always reachable from a VM.
    static let azureDNS = IPAddress("168.63.129.16")!

    static func evaluateUnreachableDNSServer(_ context: CheckContext) -> [Finding] {
        let topology = context.topology
        let vnets = topology.virtualNetworks.values.filter { !$0.dnsServers.isEmpty }.sorted { $0.id < $1.id }
        guard !vnets.isEmpty else { return [] }
        let engine = ReachabilityEngine(topology: topology, serviceTags: context.serviceTags, routes: context.routes)
        var findings: [Finding] = []
        for vnet in vnets {
            let subnets = vnet.subnets.compactMap { topology.subnets[$0] }.filter { !isExempt($0) && !$0.addressPrefixes.isEmpty }.sorted { $0.id < $1.id }
            for server in vnet.dnsServers where server != azureDNS {
                var failures: [String] = []
                var failingSubnets: Set<ResourceID> = []
                for subnet in subnets {
                    for (proto, name) in [(ProtocolSet.udp, "udp"), (ProtocolSet.tcp, "tcp")] {
                        let result = engine.reach(from: .subnet(subnet.id), to: .address(server), port: 53, protocol: proto)
                        guard result.verdict == .unreachable else { continue }
                        let blocker = result.blockers.first.map { "\($0.code.rawValue): \($0.message)" } ?? "no path"
                        failures.append("from subnet '\(context.subnetName(subnet.id))' on \(name) 53: \(blocker)")
                        failingSubnets.insert(subnet.id)
                    }
                }
                guard !failures.isEmpty else { continue }
                findings.append(unreachableDNSServer.finding(
                    "dns server \(server) of virtual network '\(vnet.header.name)' cannot be reached on port 53 from \(failingSubnets.count) of its \(subnets.count) subnet(s)",
                    resource: vnet.id, location: vnet.header.source, evidence: Array(failures.prefix(10)), key: server.description))
            }
        }
        return findings
    }
}
