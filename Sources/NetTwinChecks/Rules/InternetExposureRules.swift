import NetTwinCore

/// NT-NET-001 and NT-NET-002: management and database ports that an NSG *effectively* opens to the
/// Internet. The NSG's rules are compiled to address sets where the NSG is associated (the Internet
/// and VirtualNetwork tags depend on the subnet's routes), walked in priority order, and the
/// sources each Allow admits after earlier Denies are reported as prefixes.
/// Guidance: network-security-groups-overview.md ("Security rules", "Default security rules") and the
/// Microsoft cloud security benchmark NS-1/NS-2 ("Management ports should be closed on your virtual machines").
enum InternetExposureRules {
    static let managementPorts: [UInt16] = [22, 3389]
    static let databasePorts: [UInt16] = [1433, 3342, 5432, 3306]

    static let management: CheckRule = CheckRule(
        id: "NT-NET-001", name: "ManagementPortOpenToInternet",
        title: "A management port (SSH 22, RDP 3389) is open to the Internet",
        severity: .error,
        rationale: "An NSG Allow rule admits Internet sources on TCP 22 or 3389 and no higher-priority Deny takes them out, so the port is reachable from the Internet as soon as a public IP or load balancer fronts the addresses. Internet-exposed management ports are the most scanned and brute-forced entry point; the guidance is to close them and use Azure Bastion or just-in-time access.",
        helpURI: "https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview#security-rules",
        fix: "Remove the Allow rule or restrict its source to known administrative addresses; use Azure Bastion or just-in-time VM access for SSH/RDP.",
        evaluate: { evaluate($0, ports: managementPorts, ruleID: "NT-NET-001") })

    static let database: CheckRule = CheckRule(
        id: "NT-NET-002", name: "DatabasePortOpenToInternet",
        title: "A database port (1433, 3342, 5432, 3306) is open to the Internet",
        severity: .error,
        rationale: "An NSG Allow rule admits Internet sources on a SQL Server, SQL MI public endpoint, PostgreSQL or MySQL port and no higher-priority Deny takes them out. Database endpoints should be reached privately (private endpoint, VNet-local endpoint) or from well-known addresses only.",
        helpURI: "https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview#security-rules",
        fix: "Restrict the rule's source to the known client addresses (or list them under knownSources in the check configuration), or reach the database through a private endpoint.",
        evaluate: { evaluate($0, ports: databasePorts, ruleID: "NT-NET-002") })

    static let web: CheckRule = CheckRule(
        id: "NT-NET-003", name: "WebOrKnownPortOpenToInternet",
        title: "HTTP (80), or a port the configuration lists under knownPorts, is open to the Internet",
        severity: .warning,
        rationale: "An NSG Allow rule admits Internet sources on TCP 80 (unencrypted HTTP) or on a port the team declared sensitive (knownPorts in the check configuration), and no higher-priority Deny takes them out. Plain HTTP carries credentials and data in clear text; the guidance is to serve HTTPS only and to restrict inbound sources.",
        helpURI: "https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview#security-rules",
        fix: "Remove the Allow rule for port 80 (serve HTTPS on 443 behind Application Gateway or Front Door), or restrict its source to known addresses.",
        evaluate: { evaluate($0, ports: [80] + $0.configuration.knownPorts.filter { $0 != 80 }, ruleID: "NT-NET-003") })

    /// Where an NSG applies: a subnet, a NIC, or nowhere in the input.
    enum Attachment {
        case subnet(Subnet)
        case networkInterface(NetworkInterface)
        case none
    }

    static func attachments(of nsg: NetworkSecurityGroup, in context: CheckContext) -> [Attachment] {
        let topology = context.topology
        let subnets = topology.subnets.values.filter { $0.networkSecurityGroup == nsg.id }.sorted { $0.id < $1.id }
        let nics = topology.networkInterfaces.values.filter { $0.networkSecurityGroup == nsg.id }.sorted { $0.id < $1.id }
        let result = subnets.map(Attachment.subnet) + nics.map(Attachment.networkInterface)
        return result.isEmpty ? [.none] : result
    }

    struct Exposure {
        var rule: CompiledSecurityRule
        var ports: [UInt16: IPAddressSet] = [:]
        var wholeInternet: [UInt16: Bool] = [:]
        var places: [String] = []
        var publicIPs: [String] = []
    }

    static func evaluate(_ context: CheckContext, ports: [UInt16], ruleID: String) -> [Finding] {
        let rule = ruleID == "NT-NET-001" ? management : ruleID == "NT-NET-002" ? database : web
        let topology = context.topology
        var findings: [Finding] = []
        for nsg in topology.networkSecurityGroups.values.sorted(by: { $0.id < $1.id }) {
            var exposures: [String: Exposure] = [:]
            for attachment in attachments(of: nsg, in: context) {
                let subnetID: ResourceID?
                let destination: IPAddressSet
                let place: String
                var publicIPs: [String] = []
                switch attachment {
                case .subnet(let subnet):
                    subnetID = subnet.id
                    if subnet.addressPrefixes.isEmpty {
                        // A subnet whose prefix is known only at deployment (an existing subnet a template updates):
                        // the rules apply to whatever addresses it has, as for an NSG associated with nothing.
                        destination = .all
                        place = "subnet '\(context.subnetName(subnet.id))' (its address prefix is known only at deployment)"
                    } else {
                        destination = InboundExposure.destination(subnet: subnet)
                        place = "subnet '\(context.subnetName(subnet.id))'"
                    }
                    for nic in context.networkInterfaces(in: subnet.id) { publicIPs += publicAddresses(of: nic, topology) }
                case .networkInterface(let nic):
                    subnetID = nic.primaryIPConfiguration?.subnet
                    // A dynamic address not allocated yet (a template) will be one of its subnet's.
                    destination = nic.ipConfigurations.reduce(IPAddressSet.empty) { set, configuration in
                        if let address = configuration.privateIPAddress { return set.union(IPAddressSet(address)) }
                        return set.union(configuration.subnet.flatMap { topology.subnets[$0] }.map(InboundExposure.destination(subnet:)) ?? .empty)
                    }
                    place = "network interface '\(nic.header.name)'"
                    publicIPs = publicAddresses(of: nic, topology)
                case .none:
                    subnetID = nil
                    destination = .all
                    place = "no subnet or network interface in the input (the rules apply wherever it is associated)"
                }
                let tags = context.tags(subnet: subnetID)
                let candidates = tags.internet.subtracting(context.configuration.knownSources)
                let compiled = context.security.compile(nsg, direction: .inbound, virtualNetwork: tags.virtualNetwork, internet: tags.internet)
                let hostsManagedInstance = subnetID.map { id in topology.sqlManagedInstances.values.contains { $0.subnet == id } } ?? false
                for port in ports {
                    // NT-MI-001 owns a managed instance's public endpoint (3342 in its subnet).
                    if port == 3342 && hostsManagedInstance { continue }
                    for admission in InboundExposure.admissions(rules: compiled, port: port, destination: destination, candidates: candidates) {
                        let key = admission.rule.qualifiedName
                        var exposure = exposures[key] ?? Exposure(rule: admission.rule)
                        exposure.ports[port, default: .empty].formUnion(admission.sources)
                        exposure.wholeInternet[port] = (exposure.wholeInternet[port] ?? true) && InboundExposure.coversInternet(admission.sources, candidates: candidates)
                        if !exposure.places.contains(place) { exposure.places.append(place) }
                        exposure.publicIPs += publicIPs.filter { !exposure.publicIPs.contains($0) }
                        exposures[key] = exposure
                    }
                }
            }
            for (key, exposure) in exposures.sorted(by: { $0.key < $1.key }) {
                let securityRule = exposure.rule.rule
                let portList = exposure.ports.keys.sorted()
                let everywhere = portList.allSatisfy { exposure.wholeInternet[$0] == true }
                let sources = portList.reduce(IPAddressSet.empty) { $0.union(exposure.ports[$1]!) }
                let what = everywhere ? "the whole internet" : InboundExposure.describe(sources)
                var evidence = portList.map { port in
                    "tcp \(port): admitted from \(exposure.wholeInternet[port] == true ? "every internet address" : InboundExposure.describe(exposure.ports[port]!))"
                }
                evidence.append("rule '\(securityRule.name)' priority \(securityRule.priority), \(securityRule.isDefault ? "default rule" : "source \(securityRule.source.map(\.description).joined(separator: ", "))"); no higher-priority deny takes these sources out")
                evidence.append("applies to " + exposure.places.joined(separator: "; "))
                if exposure.publicIPs.isEmpty {
                    evidence.append("no public ip in the input fronts these addresses yet; the rule opens the port as soon as one does")
                } else {
                    evidence.append("public ip(s): " + exposure.publicIPs.sorted().joined(separator: ", "))
                }
                let resource = securityRule.id ?? nsg.id.child(securityRule.isDefault ? "defaultSecurityRules" : "securityRules", securityRule.name)
                findings.append(rule.finding(
                    "nsg '\(nsg.header.name)' rule '\(securityRule.name)' opens tcp \(portList.map(String.init).joined(separator: ", ")) to \(what)",
                    resource: resource, location: securityRule.sourceLocation ?? nsg.header.source, evidence: evidence, key: key))
            }
        }
        return findings
    }

    static func publicAddresses(of nic: NetworkInterface, _ topology: Topology) -> [String] {
        nic.ipConfigurations.compactMap(\.publicIPAddress).map { id in
            let address = topology.publicIPAddresses[id]?.ipAddress.map { " (\($0))" } ?? ""
            return "'\(id.name)'\(address) on nic '\(nic.header.name)'"
        }
    }
}
