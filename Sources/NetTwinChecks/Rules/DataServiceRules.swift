import NetTwinCore

/// Rules on the data services' own access settings: TLS, SQL server firewall, public network access,
/// and the networkAcls of storage, Key Vault and Managed HSM.
enum DataServiceRules {
    static let minimalTLS: CheckRule = CheckRule(
        id: "NT-TLS-001", name: "MinimalTlsBelow12",
        title: "Minimal TLS version below 1.2 on a SQL server or managed instance",
        severity: .warning,
        rationale: "minimalTlsVersion sets the oldest TLS version the server accepts; the guidance is 1.2. A SQL server without the setting accepts TLS 1.0 and 1.1 (the default allows all versions).",
        helpURI: "https://learn.microsoft.com/azure/azure-sql/database/connectivity-settings#minimum-tls-version",
        fix: "Set minimalTlsVersion to '1.2' (clients on older TLS then fail with error 47072; upgrade them first).",
        evaluate: evaluateTLS)

    static let allowAll: CheckRule = CheckRule(
        id: "NT-SQL-001", name: "SqlFirewallAllowsAllAddresses",
        title: "A SQL server firewall rule allows every IPv4 address",
        severity: .error,
        rationale: "A server-level firewall rule from 0.0.0.0 to 255.255.255.255 admits the whole Internet to the server's public endpoint; only authentication is left.",
        helpURI: "https://learn.microsoft.com/azure/azure-sql/database/firewall-configure",
        fix: "Delete the rule and add rules for the client addresses only, or disable public network access and use a private endpoint.",
        evaluate: { firewallFindings(sqlServers($0), rule: allowAll, admits: "every ipv4 address", matching: \.admitsEveryAddress) })

    static let allowAzure: CheckRule = CheckRule(
        id: "NT-SQL-002", name: "SqlFirewallAllowsAzureServices",
        title: "A SQL server allows all Azure services (AllowAllWindowsAzureIps)",
        severity: .warning,
        rationale: "The rule 0.0.0.0-0.0.0.0 ('Allow Azure services and resources to access this server') admits connections from any Azure address, including other customers' subscriptions.",
        helpURI: "https://learn.microsoft.com/azure/azure-sql/database/firewall-configure#connections-from-inside-azure",
        fix: "Turn off 'Allow Azure services and resources to access this server' and admit the Azure clients with virtual network rules or private endpoints.",
        evaluate: { firewallFindings(sqlServers($0), rule: allowAzure, admits: "all azure services", matching: \.isAllowAzureServices) })

    static let publicWithPrivateEndpoint: CheckRule = CheckRule(
        id: "NT-SQL-003", name: "SqlPublicAccessWithPrivateEndpoint",
        title: "A SQL server keeps public network access on while it has private endpoints",
        severity: .warning,
        rationale: "A private endpoint does not close the public endpoint. With private endpoints in place, the guidance is to deny public network access so that only private connections remain.",
        helpURI: "https://learn.microsoft.com/azure/azure-sql/database/connectivity-settings#deny-public-network-access",
        fix: "Set publicNetworkAccess to 'Disabled'.",
        evaluate: evaluatePublicWithPrivateEndpoint)

    static let defaultAllow: CheckRule = CheckRule(
        id: "NT-ACL-001", name: "NetworkAclsDefaultAllow",
        title: "A storage account, key vault or managed HSM firewall allows by default",
        severity: .warning,
        rationale: "networkAcls.defaultAction 'Allow' (also the default when networkAcls is not set) admits every network to the public endpoint; IP and virtual network rules only take effect with 'Deny'.",
        helpURI: "https://learn.microsoft.com/azure/storage/common/storage-network-security#change-the-default-network-access-rule",
        fix: "Set networkAcls.defaultAction to 'Deny' and list the allowed addresses and subnets, or set publicNetworkAccess to 'Disabled'.",
        evaluate: evaluateDefaultAllow)

    // MARK: Evaluation

    static func tlsBelow12(_ text: String?) -> Bool? {
        guard let text else { return nil }
        if text.lowercased() == "none" { return true }
        guard let value = Double(text) else { return nil }
        return value < 1.2
    }

    static func evaluateTLS(_ context: CheckContext) -> [Finding] {
        var findings: [Finding] = []
        for server in context.topology.sqlServers.values.sorted(by: { $0.id < $1.id }) {
            // connectivity-settings.md: without a minimal TLS version, every version is accepted.
            let below = tlsBelow12(server.minimalTlsVersion) ?? true
            guard below else { continue }
            let text = server.minimalTlsVersion.map { "is '\($0)'" } ?? "is not set (all tls versions are accepted)"
            findings.append(minimalTLS.finding("minimal tls version of sql server '\(server.header.name)' \(text)", resource: server.id, location: server.header.source, evidence: ["minimalTlsVersion: \(server.minimalTlsVersion ?? "absent")"]))
        }
        for instance in context.topology.sqlManagedInstances.values.sorted(by: { $0.id < $1.id }) {
            // An absent value is not reported for a managed instance: what GET omits here is not documented.
            guard tlsBelow12(instance.minimalTlsVersion) == true else { continue }
            findings.append(minimalTLS.finding("minimal tls version of managed instance '\(instance.header.name)' is '\(instance.minimalTlsVersion ?? "")'", resource: instance.id, location: instance.header.source, evidence: ["minimalTlsVersion: \(instance.minimalTlsVersion ?? "")"]))
        }
        return findings
    }

    /// A server whose IP firewall rules apply (its public endpoint is open), named as the findings name it.
    struct FirewallSubject {
        var kind: String
        var header: ResourceHeader
        var rules: [SqlFirewallRule]
        var evidence: [String]
    }

    /// The SQL servers whose public network access is not disabled (firewall rules do not apply otherwise).
    static func sqlServers(_ context: CheckContext) -> [FirewallSubject] {
        context.topology.sqlServers.values.sorted(by: { $0.id < $1.id }).compactMap { server in
            guard server.publicNetworkAccess?.lowercased() != "disabled" else { return nil }
            return FirewallSubject(kind: "sql server", header: server.header, rules: server.firewallRules,
                                   evidence: ["publicNetworkAccess: \(server.publicNetworkAccess ?? "absent (enabled)")"])
        }
    }

    /// One finding per firewall rule that `matching` selects, on every subject.
    static func firewallFindings(_ subjects: [FirewallSubject], rule: CheckRule, admits what: String, matching: (SqlFirewallRule) -> Bool) -> [Finding] {
        var findings: [Finding] = []
        for subject in subjects {
            for firewallRule in subject.rules where matching(firewallRule) {
                let range = "\(firewallRule.startIpAddress.map(\.description) ?? "?")-\(firewallRule.endIpAddress.map(\.description) ?? "?")"
                findings.append(rule.finding(
                    "firewall rule '\(firewallRule.name)' of \(subject.kind) '\(subject.header.name)' allows \(what) (\(range))",
                    resource: firewallRule.id ?? subject.header.id.child("firewallRules", firewallRule.name),
                    location: firewallRule.sourceLocation ?? subject.header.source,
                    evidence: subject.evidence, key: firewallRule.name.lowercased()))
            }
        }
        return findings
    }

    static func evaluatePublicWithPrivateEndpoint(_ context: CheckContext) -> [Finding] {
        var findings: [Finding] = []
        for server in context.topology.sqlServers.values.sorted(by: { $0.id < $1.id }) {
            let access = server.publicNetworkAccess?.lowercased()
            guard access == nil || access == "enabled" else { continue }
            let names = DataServiceAccessRules.privateEndpointNames(of: server.id, connections: server.privateEndpointConnections, in: context.topology)
            guard !names.isEmpty else { continue }
            findings.append(publicWithPrivateEndpoint.finding(
                "sql server '\(server.header.name)' has private endpoints and public network access \(access == nil ? "not disabled" : "'Enabled'")",
                resource: server.id, location: server.header.source,
                evidence: ["private endpoint(s): '\(names.joined(separator: "', '"))'", "publicNetworkAccess: \(server.publicNetworkAccess ?? "absent (enabled)")"]))
        }
        return findings
    }

    static func evaluateDefaultAllow(_ context: CheckContext) -> [Finding] {
        var subjects: [(header: ResourceHeader, kind: String, access: String?, acls: NetworkAcls?)] = []
        for account in context.topology.storageAccounts.values { subjects.append((account.header, "storage account", account.publicNetworkAccess, account.networkAcls)) }
        for vault in context.topology.keyVaults.values { subjects.append((vault.header, vault.kind == .vault ? "key vault" : "managed hsm", vault.publicNetworkAccess, vault.networkAcls)) }
        var findings: [Finding] = []
        for subject in subjects.sorted(by: { $0.header.id < $1.header.id }) {
            if subject.access?.lowercased() == "disabled" { continue }  // the firewall is moot: no public access at all
            let action = subject.acls?.defaultAction
            guard action == nil || action?.lowercased() == "allow" else { continue }
            let text = action == nil ? "has no networkacls (defaultaction defaults to 'Allow')" : "has networkacls defaultaction 'Allow'"
            findings.append(defaultAllow.finding(
                "\(subject.kind) '\(subject.header.name)' \(text)", resource: subject.header.id, location: subject.header.source,
                evidence: ["publicNetworkAccess: \(subject.access ?? "absent (enabled)")"]))
        }
        return findings
    }
}
