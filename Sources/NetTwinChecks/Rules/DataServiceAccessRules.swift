import NetTwinCore

/// Rules the peers (Checkov, PSRule for Azure) have on the data services' own access settings, computed on the model:
/// storage TLS and trusted-service bypass, public access beside private endpoints, SQL firewall breadth, and the
/// PostgreSQL and MySQL flexible servers.
enum DataServiceAccessRules {
    static let storageTLS: CheckRule = CheckRule(
        id: "NT-TLS-002", name: "StorageMinimumTlsBelow12",
        title: "A storage account accepts TLS below 1.2",
        severity: .warning,
        rationale: "minimumTlsVersion sets the oldest TLS version the storage account accepts. Without it the account accepts TLS 1.0 ('The default interpretation is TLS 1.0 for this property', Microsoft.Storage REST API). TLS 1.0 and 1.1 have known weaknesses; the guidance is to require 1.2.",
        helpURI: "https://learn.microsoft.com/azure/storage/common/transport-layer-security-configure-minimum-version",
        fix: "Set minimumTlsVersion to 'TLS1_2' (check the account's logs for clients on older versions first).",
        evaluate: evaluateStorageTLS)

    static let publicBesidePrivateEndpoint: CheckRule = CheckRule(
        id: "NT-ACL-002", name: "PublicNetworkAccessWithPrivateEndpoint",
        title: "A storage account, key vault or managed HSM keeps public network access on while it has private endpoints",
        severity: .warning,
        rationale: "A private endpoint does not close the public endpoint. While publicNetworkAccess is not Disabled, the service still answers on its public address, guarded only by its firewall (networkAcls). With private endpoints in place, the guidance is to disable public network access.",
        helpURI: "https://learn.microsoft.com/azure/key-vault/general/private-link-service",
        fix: "Set publicNetworkAccess to 'Disabled' once every client reaches the service through its private endpoints.",
        evaluate: evaluatePublicBesidePrivateEndpoint)

    static let storageBypass: CheckRule = CheckRule(
        id: "NT-ACL-003", name: "StorageFirewallWithoutTrustedServices",
        title: "A storage account firewall denies by default without the AzureServices bypass",
        severity: .note,
        rationale: "With networkAcls.defaultAction 'Deny', trusted Microsoft services (Azure Backup, Site Recovery, Azure Monitor diagnostic logs, Event Grid and others that run outside your networks) reach the account only when bypass includes 'AzureServices'. Without it they fail, and teams tend to fix that by opening the firewall.",
        helpURI: "https://learn.microsoft.com/azure/storage/common/storage-network-security#grant-access-to-trusted-azure-services",
        fix: "Add 'AzureServices' to networkAcls.bypass (for example 'AzureServices' or 'Logging, Metrics, AzureServices').",
        evaluate: evaluateStorageBypass)

    static let sqlFirewallBreadth: CheckRule = CheckRule(
        id: "NT-SQL-004", name: "SqlFirewallAdmitsManyAddresses",
        title: "A SQL server's firewall rules admit more public addresses than the configured limit",
        severity: .warning,
        rationale: "Every address a server-level firewall rule admits can attempt to log in to every database of the server. Ranges should name the clients, not their networks; the limit (10 addresses by default, thresholds.sqlFirewallMaxAddresses) is the one PSRule for Azure applies.",
        helpURI: "https://learn.microsoft.com/azure/azure-sql/database/firewall-configure",
        fix: "Narrow the firewall rules to the client addresses, or admit Azure clients with virtual network rules or private endpoints instead of address ranges.",
        evaluate: evaluateSqlFirewallBreadth)

    static let sqlFirewallRuleCount: CheckRule = CheckRule(
        id: "NT-SQL-005", name: "SqlFirewallManyRules",
        title: "A SQL server has more firewall rules than the configured limit",
        severity: .note,
        rationale: "Many server-level firewall rules are hard to review and tend to outlive the clients they were made for. The limit (10 rules by default, thresholds.sqlFirewallMaxRules) is the one PSRule for Azure applies.",
        helpURI: "https://learn.microsoft.com/azure/azure-sql/database/firewall-configure",
        fix: "Remove the rules no client needs, merge adjacent ranges, or move the clients to virtual network rules or private endpoints.",
        evaluate: evaluateSqlFirewallRuleCount)

    static let flexiblePublicAccess: CheckRule = CheckRule(
        id: "NT-DB-001", name: "FlexibleServerPublicAccess",
        title: "A PostgreSQL or MySQL flexible server has public access",
        severity: .warning,
        rationale: "A flexible server is either integrated into a virtual network (private access) or reachable on a public endpoint guarded by its firewall rules. With public access the server's port (5432 or 3306) answers on the Internet wherever a firewall rule admits the source; the guidance is private access or a private endpoint with public network access disabled.",
        helpURI: "https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-networking-public",
        fix: "Deploy the server with VNet integration (network.delegatedSubnetResourceId), or set network.publicNetworkAccess to 'Disabled' and connect through a private endpoint.",
        evaluate: evaluateFlexiblePublicAccess)

    static let flexibleAllowAll: CheckRule = CheckRule(
        id: "NT-DB-002", name: "FlexibleServerFirewallAllowsAllAddresses",
        title: "A PostgreSQL or MySQL flexible server firewall rule allows every IPv4 address",
        severity: .error,
        rationale: "A firewall rule from 0.0.0.0 to 255.255.255.255 admits the whole Internet to the server's public endpoint; only authentication is left.",
        helpURI: "https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-firewall-rules",
        fix: "Delete the rule and add rules for the client addresses only, or disable public access.",
        evaluate: { DataServiceRules.firewallFindings(flexibleServers($0), rule: flexibleAllowAll, admits: "every ipv4 address", matching: \.admitsEveryAddress) })

    static let flexibleAllowAzure: CheckRule = CheckRule(
        id: "NT-DB-003", name: "FlexibleServerFirewallAllowsAzureServices",
        title: "A PostgreSQL or MySQL flexible server allows all Azure services (0.0.0.0)",
        severity: .warning,
        rationale: "The rule 0.0.0.0-0.0.0.0 ('Allow public access from any Azure service within Azure to this server') admits connections from any Azure address, including other customers' subscriptions.",
        helpURI: "https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-firewall-rules#connect-from-azure",
        fix: "Remove the 0.0.0.0 rule and admit the Azure clients by their outbound addresses, or use VNet integration or a private endpoint.",
        evaluate: { DataServiceRules.firewallFindings(flexibleServers($0), rule: flexibleAllowAzure, admits: "all azure services", matching: \.isAllowAzureServices) })

    // MARK: Evaluation

    static func evaluateStorageTLS(_ context: CheckContext) -> [Finding] {
        context.topology.storageAccounts.values.sorted(by: { $0.id < $1.id }).compactMap { account in
            let version = account.minimumTlsVersion
            // TLS1_0, TLS1_1, TLS1_2 (and TLS1_3 in newer API versions); absent is TLS 1.0.
            let below = version.map { ["tls1_0", "tls1_1"].contains($0.lowercased()) } ?? true
            guard below else { return nil }
            let text = version.map { "is '\($0)'" } ?? "is not set (tls 1.0 is accepted)"
            return storageTLS.finding("minimum tls version of storage account '\(account.header.name)' \(text)", resource: account.id, location: account.header.source,
                                      evidence: ["minimumTlsVersion: \(version ?? "absent (TLS1_0)")"])
        }
    }

    /// The names of the private endpoints (and private endpoint connections) of a service.
    static func privateEndpointNames(of id: ResourceID, connections: [ResourceID], in topology: Topology) -> [String] {
        let endpoints = topology.privateEndpoints.values.filter { endpoint in endpoint.connections.contains { $0.privateLinkServiceId == id } }.map(\.header.name)
        return Set(endpoints + connections.map(\.name)).sorted()
    }

    static func evaluatePublicBesidePrivateEndpoint(_ context: CheckContext) -> [Finding] {
        let topology = context.topology
        var subjects: [(header: ResourceHeader, kind: String, access: String?, connections: [ResourceID])] = []
        for account in topology.storageAccounts.values { subjects.append((account.header, "storage account", account.publicNetworkAccess, account.privateEndpointConnections)) }
        for vault in topology.keyVaults.values { subjects.append((vault.header, vault.kind == .vault ? "key vault" : "managed hsm", vault.publicNetworkAccess, vault.privateEndpointConnections)) }
        var findings: [Finding] = []
        for subject in subjects.sorted(by: { $0.header.id < $1.header.id }) {
            guard subject.access?.lowercased() != "disabled" else { continue }
            let names = privateEndpointNames(of: subject.header.id, connections: subject.connections, in: topology)
            guard !names.isEmpty else { continue }
            findings.append(publicBesidePrivateEndpoint.finding(
                "\(subject.kind) '\(subject.header.name)' has private endpoints and public network access \(subject.access.map { "'\($0)'" } ?? "not disabled")",
                resource: subject.header.id, location: subject.header.source,
                evidence: ["private endpoint(s): '\(names.joined(separator: "', '"))'", "publicNetworkAccess: \(subject.access ?? "absent (enabled)")"]))
        }
        return findings
    }

    static func evaluateStorageBypass(_ context: CheckContext) -> [Finding] {
        context.topology.storageAccounts.values.sorted(by: { $0.id < $1.id }).compactMap { account in
            guard account.publicNetworkAccess?.lowercased() != "disabled", let acls = account.networkAcls,
                  acls.defaultAction?.lowercased() == "deny" else { return nil }
            // bypass is a comma-separated list of None, Logging, Metrics, AzureServices (storage.json).
            let parts = (acls.bypass ?? "AzureServices").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard !parts.contains("azureservices") else { return nil }
            return storageBypass.finding(
                "storage account '\(account.header.name)' denies by default and its bypass '\(acls.bypass ?? "")' leaves out azureservices",
                resource: account.id, location: account.header.source, evidence: ["networkAcls.defaultAction: \(acls.defaultAction ?? "")", "networkAcls.bypass: \(acls.bypass ?? "")"])
        }
    }

    /// The public IPv4 addresses a SQL firewall rule admits (0.0.0.0-0.0.0.0, "Allow Azure services", is NT-SQL-002's;
    /// private and reserved ranges never reach the public endpoint and are not counted, as PSRule's summary does not).
    static func admitted(by rule: SqlFirewallRule) -> IPAddressSet {
        IPAddressSet(v4: SqlFirewallRule.admitted(by: [rule]), v6: .empty).intersection(SecurityEngine.publicAddresses)
    }

    static func evaluateSqlFirewallBreadth(_ context: CheckContext) -> [Finding] {
        var findings: [Finding] = []
        for server in context.topology.sqlServers.values.sorted(by: { $0.id < $1.id }) where server.publicNetworkAccess?.lowercased() != "disabled" {
            let union = IPAddressSet(v4: SqlFirewallRule.admitted(by: server.firewallRules), v6: .empty).intersection(SecurityEngine.publicAddresses)
            let count = union.v4.addressCount
            guard count > context.configuration.sqlFirewallMaxAddresses else { continue }
            var widest: [(SqlFirewallRule, UInt64)] = server.firewallRules.map { rule in (rule, admitted(by: rule).v4.addressCount) }
            widest = widest.filter { $0.1 > 0 }
            widest.sort { a, b in a.1 != b.1 ? a.1 > b.1 : a.0.name < b.0.name }
            findings.append(sqlFirewallBreadth.finding(
                "the firewall rules of sql server '\(server.header.name)' admit \(count) public ipv4 addresses (limit \(context.configuration.sqlFirewallMaxAddresses))",
                resource: server.id, location: server.header.source,
                evidence: widest.prefix(5).map { "rule '\($0.0.name)' \($0.0.startIpAddress.map(\.description) ?? "?")-\($0.0.endIpAddress.map(\.description) ?? "?"): \($0.1) address(es)" }))
        }
        return findings
    }

    static func evaluateSqlFirewallRuleCount(_ context: CheckContext) -> [Finding] {
        context.topology.sqlServers.values.sorted(by: { $0.id < $1.id }).compactMap { server in
            guard server.publicNetworkAccess?.lowercased() != "disabled", server.firewallRules.count > context.configuration.sqlFirewallMaxRules else { return nil }
            return sqlFirewallRuleCount.finding(
                "sql server '\(server.header.name)' has \(server.firewallRules.count) firewall rules (limit \(context.configuration.sqlFirewallMaxRules))",
                resource: server.id, location: server.header.source,
                evidence: ["rules: " + server.firewallRules.map(\.name).sorted().prefix(20).joined(separator: ", ")])
        }
    }

    static func engineName(_ server: FlexibleServer) -> String { server.engine == .postgreSQL ? "postgresql" : "mysql" }
    static func kindName(_ server: FlexibleServer) -> String { engineName(server) + (server.isSingleServer ? " single server" : " flexible server") }

    static func evaluateFlexiblePublicAccess(_ context: CheckContext) -> [Finding] {
        context.topology.flexibleServers.values.sorted(by: { $0.id < $1.id }).compactMap { server in
            guard server.hasPublicEndpoint else { return nil }
            let rules = server.firewallRules.map { "'\($0.name)' \($0.startIpAddress.map(\.description) ?? "?")-\($0.endIpAddress.map(\.description) ?? "?")" }
            return flexiblePublicAccess.finding(
                "\(kindName(server)) '\(server.header.name)' has public access (tcp \(server.engine.port) on its public endpoint)",
                resource: server.id, location: server.header.source,
                evidence: ["\(server.isSingleServer ? "properties" : "network").publicNetworkAccess: \(server.publicNetworkAccess ?? "absent (public access)")", server.isSingleServer ? "single server (retired service): no vnet integration" : "no delegated subnet (not vnet-integrated)",
                           rules.isEmpty ? "no firewall rule: no address is admitted yet" : "firewall rules: " + rules.joined(separator: ", ")])
        }
    }

    /// The PostgreSQL and MySQL servers that have a public endpoint (firewall rules do not apply otherwise).
    static func flexibleServers(_ context: CheckContext) -> [DataServiceRules.FirewallSubject] {
        context.topology.flexibleServers.values.sorted(by: { $0.id < $1.id }).filter(\.hasPublicEndpoint).map { server in
            DataServiceRules.FirewallSubject(kind: kindName(server), header: server.header, rules: server.firewallRules, evidence: [])
        }
    }
}
