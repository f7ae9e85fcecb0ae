import NetTwinCore

/// NT-FW-001: an Azure Firewall DNAT rule that forwards a management or database port (SSH 22, RDP 3389, 1433,
/// 3342, 5432, 3306 on the translated side) from Internet sources. rule-processing.md: "NAT rules are applied in
/// priority before network rules. If a match is found, the traffic is translated according to the DNAT rule and
/// allowed by the firewall" — no network rule can take it back. DNAT rules are walked in processing order (as
/// `FirewallEvaluator.orderedCollections` gives them: a policy's parent first, then groups and collections by
/// priority); a rule reports the Internet sources no earlier DNAT rule on the same public port took.
enum FirewallDNATRule {
    static let riskyPorts: [UInt16: String] = [22: "ssh", 3389: "rdp", 1433: "sql server", 3342: "sql managed instance public endpoint", 5432: "postgresql", 3306: "mysql"]

    static let rule: CheckRule = CheckRule(
        id: "NT-FW-001", name: "FirewallDNATExposesPort",
        title: "An Azure Firewall DNAT rule forwards a management or database port from the Internet",
        severity: .error,
        rationale: "A DNAT rule translates traffic to the firewall's public address to a private address and port and allows it, before any network rule is consulted. Forwarding SSH, RDP or a database port from the Internet at large exposes it as directly as a public IP on the machine would; the guidance is to restrict DNAT sources to known addresses, and to reach management ports through Azure Bastion.",
        helpURI: "https://learn.microsoft.com/azure/firewall/destination-nat-rules",
        fix: "Restrict the DNAT rule's source addresses (or an IP Group) to the known client ranges, or remove it and reach the service privately (Azure Bastion, VPN, private endpoint).",
        evaluate: evaluate)

    static func evaluate(_ context: CheckContext) -> [Finding] {
        let topology = context.topology
        let evaluator = FirewallEvaluator(topology: topology, serviceTags: context.serviceTags)
        let internet = SecurityEngine.publicAddresses.subtracting(context.configuration.knownSources)
        var findings: [Finding] = []
        for firewall in topology.azureFirewalls.values.sorted(by: { $0.id < $1.id }) {
            // Sources already taken by earlier DNAT rules, per public port.
            var taken: [(ports: PortSet, addresses: [String], sources: IPAddressSet)] = []
            for (path, collection) in evaluator.orderedCollections(of: firewall).collections where collection.kind == .nat {
                for nat in collection.natRules where nat.protocols.contains(.tcp) {
                    let ruleSources = evaluator.addresses(of: nat.source, firewall: firewall)
                    var sources = internet.intersection(ruleSources)
                    for earlier in taken where !earlier.ports.isDisjoint(with: nat.destinationPorts)
                        && (earlier.addresses.contains("*") || nat.destinationAddresses.contains("*") || !Set(earlier.addresses).isDisjoint(with: nat.destinationAddresses))
                    {
                        // Only an earlier rule on every one of these public ports decides for all of them.
                        if earlier.ports.isSuperset(of: nat.destinationPorts) { sources.subtract(earlier.sources) }
                    }
                    taken.append((nat.destinationPorts, nat.destinationAddresses, ruleSources))
                    let backendPort = nat.translatedPort ?? (nat.destinationPorts.ranges.count == 1 && nat.destinationPorts.ranges[0].count == 1 ? nat.destinationPorts.ranges[0].lowerBound : nil)
                    guard let backendPort, let service = riskyPorts[backendPort], !sources.isEmpty else { continue }
                    let whole = InboundExposure.coversInternet(sources, candidates: internet)
                    let target = "\(nat.translatedAddress ?? nat.translatedFqdn ?? "?"):\(backendPort)"
                    let resource = firewall.id.child("natRules", "\(path)/\(nat.name)")
                    findings.append(rule.finding(
                        "firewall '\(firewall.header.name)' dnat rule '\(path)/\(nat.name)' forwards tcp \(nat.destinationPortTexts.joined(separator: ",")) from \(whole ? "the whole internet" : InboundExposure.describe(sources)) to \(target) (\(service))",
                        resource: resource, location: nat.sourceLocation ?? collection.source ?? firewall.header.source,
                        evidence: [
                            "tcp \(nat.destinationPortTexts.joined(separator: ",")) on \(nat.destinationAddresses.joined(separator: ", ")): admitted from \(whole ? "every internet address" : InboundExposure.describe(sources))",
                            "rule source \(nat.source.description.isEmpty ? "(none)" : nat.source.description); no earlier dnat rule on these ports takes these sources",
                            "translated to \(target); dnat traffic is allowed without network rules (rule-processing.md)",
                            "the backend's network security groups still apply; whether they see the client's address or the firewall's is not documented",
                        ],
                        key: "\(path)/\(nat.name)".lowercased()))
                }
            }
        }
        return findings
    }
}
