import NetTwinCore

/// NT-TDE-001: the customer-managed TDE key of a managed instance must be reachable from every instance
/// of its failover group. Managed HSM multi-region replication (key-vault/managed-hsm/multi-region-replication.md)
/// recommends a private endpoint and a private DNS zone in each region; failover-group-sql-mi.md requires the
/// key on both instances. The rule resolves the key's host name from each instance's VNet (as the instance
/// would) and traces TCP 443 to the answer.
enum TransparentDataEncryptionKeyRule {
    static let rule: CheckRule = CheckRule(
        id: "NT-TDE-001", name: "TdeKeyUnreachable",
        title: "A managed instance cannot reach its TDE key (vault or HSM), or the HSM has no replica in its region",
        severity: .error,
        rationale: "With a customer-managed TDE key, the instance must reach the key vault or managed HSM; after a failover the secondary must reach it from its own region. A private endpoint whose zone is not linked to the secondary's VNet, a missing replica, or a blocked path makes the databases inaccessible.",
        helpURI: "https://learn.microsoft.com/azure/key-vault/managed-hsm/multi-region-replication",
        fix: "Give each region a private endpoint to the key store with a private DNS zone linked to that region's managed instance VNet, and replicate the managed HSM to the secondary region.",
        evaluate: evaluate)

    /// The key store a key URI names: `https://<name>.managedhsm.azure.net/keys/…` or `https://<name>.vault.azure.net/keys/…`.
    static func host(of keyId: String) -> String? {
        let parts = keyId.split(separator: "/", omittingEmptySubsequences: true)
        guard parts.count >= 2, parts[0].hasSuffix(":") else { return nil }
        return parts[1].lowercased()
    }

    static func evaluate(_ context: CheckContext) -> [Finding] {
        let topology = context.topology
        var findings: [Finding] = []
        let reach = ReachabilityEngine(topology: topology, serviceTags: context.serviceTags, routes: context.routes)
        let resolver = DNSResolver(topology: topology)
        // The regions each instance must be served from: its own and, in a failover group, its partner's.
        for instance in topology.sqlManagedInstances.values.sorted(by: { $0.id < $1.id }) {
            guard let keyId = instance.keyId, let host = host(of: keyId), let subnetID = instance.subnet, let subnet = topology.subnets[subnetID] else { continue }
            let storeName = String(host.split(separator: ".").first ?? "")
            let store = topology.keyVaults.values.first { $0.header.name.lowercased() == storeName }
            var problems: [String] = []
            var evidence: [String] = ["key: \(keyId)"]
            if let store, store.kind == .managedHSM, !store.regions.isEmpty, let region = instance.header.location,
                !store.regions.contains(where: { $0.name == region })
            {
                problems.append("managed hsm '\(store.header.name)' has no replica in \(region) (regions: \(store.regions.map(\.name).joined(separator: ", ")))")
            }
            let resolution = resolver.resolve(name: host, from: .subnet(subnetID))
            evidence.append("dns from '\(context.subnetName(subnetID))': \(resolution.status.rawValue) → \(resolution.answers.map { $0.address?.description ?? "(public address)" }.joined(separator: ", "))")
            if resolution.status == .nxDomain {
                problems.append("'\(host)' does not resolve from the vnet of '\(instance.header.name)'")
            } else if let address = resolution.addresses.first {
                let path = reach.reach(from: .subnet(subnetID), to: .address(address), port: 443)
                evidence += path.blockers.map { "\($0.code.rawValue): \($0.message)" }
                if path.verdict == .unreachable { problems.append("tcp 443 to \(address) is blocked") }
            } else if let store, store.publicNetworkAccess?.lowercased() == "disabled" {
                problems.append("'\(host)' resolves to its public address from the vnet of '\(instance.header.name)', but public network access of '\(store.header.name)' is disabled: no private dns zone with its record is linked to vnet '\(subnet.virtualNetwork.name)'")
            }
            if !problems.isEmpty {
                findings.append(rule.finding(
                    "managed instance '\(instance.header.name)' cannot use its tde key: " + problems.joined(separator: "; "),
                    resource: instance.id, location: instance.header.source, evidence: evidence, key: host))
            }
        }
        return findings
    }
}
