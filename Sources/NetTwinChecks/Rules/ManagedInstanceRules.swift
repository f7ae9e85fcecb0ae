import NetTwinCore

/// SQL Managed Instance rules, from public-endpoint-configure.md, public-endpoint-overview.md,
/// connectivity-architecture-overview.md and connection-types-overview.md.
enum ManagedInstanceRules {
    static let publicEndpoint: CheckRule = CheckRule(
        id: "NT-MI-001", name: "ManagedInstancePublicEndpointOpen",
        title: "The managed instance public endpoint (TCP 3342) is open to the Internet or to broad ranges",
        severity: .error,
        rationale: "With publicDataEndpointEnabled, the instance answers on TCP 3342 from the Internet wherever the subnet's NSG admits it. The guidance is to lock the port down to well-known source addresses: the NSG, not the instance, is the firewall of the public endpoint.",
        helpURI: "https://learn.microsoft.com/azure/azure-sql/managed-instance/public-endpoint-configure#allow-public-endpoint-traffic-in-the-network-security-group",
        fix: "Allow TCP 3342 in the subnet's NSG from the client addresses only (narrower than the configured limit, default /24), or disable the public endpoint and connect through the VNet-local endpoint or a private endpoint.",
        evaluate: evaluatePublicEndpoint)

    static let subnetNSG: CheckRule = CheckRule(
        id: "NT-MI-002", name: "ManagedInstanceSubnetWithoutNSG",
        title: "The managed instance subnet has no network security group",
        severity: .error,
        rationale: "The managed instance subnet must have an NSG associated: service-aided configuration adds the rules the instance needs to it, and without one nothing filters traffic to the instance (the public endpoint included).",
        helpURI: "https://learn.microsoft.com/azure/azure-sql/managed-instance/connectivity-architecture-overview#network-requirements",
        fix: "Associate a network security group with the subnet; service-aided configuration adds the required rules.",
        evaluate: { context in subnetRequirement(context, rule: subnetNSG) { $0.networkSecurityGroup == nil ? "has no network security group" : nil } })

    static let subnetRouteTable: CheckRule = CheckRule(
        id: "NT-MI-003", name: "ManagedInstanceSubnetWithoutRouteTable",
        title: "The managed instance subnet has no route table",
        severity: .error,
        rationale: "The managed instance subnet must have a route table associated: service-aided configuration adds the routes the instance needs (subnet to VnetLocal, management traffic to Internet) to it.",
        helpURI: "https://learn.microsoft.com/azure/azure-sql/managed-instance/connectivity-architecture-overview#network-requirements",
        fix: "Associate a route table with the subnet; service-aided configuration adds the required routes.",
        evaluate: { context in subnetRequirement(context, rule: subnetRouteTable) { $0.routeTable == nil ? "has no route table" : nil } })

    static let subnetDelegation: CheckRule = CheckRule(
        id: "NT-MI-004", name: "ManagedInstanceSubnetNotDelegated",
        title: "The managed instance subnet is not delegated to Microsoft.Sql/managedInstances",
        severity: .error,
        rationale: "A managed instance can only be deployed in a dedicated subnet delegated to Microsoft.Sql/managedInstances; the delegation is what enables service-aided subnet configuration.",
        helpURI: "https://learn.microsoft.com/azure/azure-sql/managed-instance/subnet-service-aided-configuration-enable",
        fix: "Delegate the subnet to Microsoft.Sql/managedInstances.",
        evaluate: { context in
            subnetRequirement(context, rule: subnetDelegation) { $0.isDelegated(to: "Microsoft.Sql/managedInstances") ? nil : "is not delegated to 'Microsoft.Sql/managedInstances'\($0.delegations.isEmpty ? "" : " (delegated to '\($0.delegations.joined(separator: "', '"))')")" }
        })

    // MARK: NT-MI-001

    static func evaluatePublicEndpoint(_ context: CheckContext) -> [Finding] {
        let limit = context.configuration.publicSourcePrefixLimit
        var findings: [Finding] = []
        for instance in context.topology.sqlManagedInstances.values.sorted(by: { $0.id < $1.id }) where instance.publicDataEndpointEnabled {
            guard let subnetID = instance.subnet, let subnet = context.topology.subnets[subnetID] else { continue }
            let tags = context.tags(subnet: subnetID)
            let candidates = tags.internet.subtracting(context.configuration.knownSources)
            var admitted = IPAddressSet.empty
            var evidence = ["publicDataEndpointEnabled is true: the instance serves tcp 3342 on a public address (always proxy)"]
            if let nsgID = subnet.networkSecurityGroup, let nsg = context.topology.networkSecurityGroups[nsgID] {
                let compiled = context.security.compile(nsg, direction: .inbound, virtualNetwork: tags.virtualNetwork, internet: tags.internet)
                for admission in InboundExposure.admissions(rules: compiled, port: ReachabilityEngine.publicEndpointPort, destination: InboundExposure.destination(subnet: subnet), candidates: candidates) {
                    admitted.formUnion(admission.sources)
                    evidence.append("nsg '\(nsg.header.name)' rule '\(admission.rule.rule.name)' (priority \(admission.rule.rule.priority)) admits \(InboundExposure.coversInternet(admission.sources, candidates: candidates) ? "every internet address" : InboundExposure.describe(admission.sources))")
                }
            } else {
                admitted = candidates
                evidence.append("subnet '\(context.subnetName(subnetID))' has no network security group: nothing filters tcp 3342")
            }
            guard !admitted.isEmpty else { continue }
            let message: String
            if InboundExposure.coversInternet(admitted, candidates: candidates) {
                message = "public endpoint of managed instance '\(instance.header.name)' (tcp 3342) is reachable from the whole internet"
            } else {
                let broad = InboundExposure.broadPrefixes(admitted, limit: limit)
                guard !broad.isEmpty else { continue }
                message = "public endpoint of managed instance '\(instance.header.name)' (tcp 3342) admits source ranges of /\(limit) or wider: \(broad.prefix(8).map(\.description).joined(separator: ", "))\(broad.count > 8 ? " and \(broad.count - 8) more" : "")"
            }
            if !context.configuration.knownSources.isEmpty {
                evidence.append("known sources not counted: \(InboundExposure.describe(context.configuration.knownSources))")
            }
            findings.append(publicEndpoint.finding(message, resource: instance.id, location: instance.header.source, evidence: evidence, key: "3342"))
        }
        return findings
    }

    // MARK: NT-MI-002..004

    static func subnetRequirement(_ context: CheckContext, rule: CheckRule, problem: (Subnet) -> String?) -> [Finding] {
        var findings: [Finding] = []
        var seen = Set<ResourceID>()
        for instance in context.topology.sqlManagedInstances.values.sorted(by: { $0.id < $1.id }) {
            guard let subnetID = instance.subnet, let subnet = context.topology.subnets[subnetID], seen.insert(subnetID).inserted,
                let text = problem(subnet)
            else { continue }
            findings.append(rule.finding(
                "subnet '\(context.subnetName(subnetID))' of managed instance '\(instance.header.name)' \(text)",
                resource: subnetID, location: subnet.header.source, evidence: ["managed instance '\(instance.header.name)' is deployed in this subnet"]))
        }
        return findings
    }
}
