import NetTwinCore

/// NT-SE-001: a SQL server virtual network rule naming a subnet in another region. The Microsoft.Sql
/// service endpoint "applies only to Azure service traffic within a virtual network's region"
/// (virtual-network-service-endpoints-overview.md; vnet-service-endpoint-rule-overview.md), so the
/// subnet's traffic reaches the server from its public address and the rule never matches.
enum ServiceEndpointRegionRule {
    static let rule: CheckRule = CheckRule(
        id: "NT-SE-001", name: "SqlServiceEndpointOtherRegion",
        title: "A SQL server virtual network rule names a subnet in another region",
        severity: .warning,
        rationale: "Service endpoints for Azure SQL apply only within the virtual network's region. A virtual network rule for a subnet in another region never matches: the traffic arrives from public addresses and is refused unless a firewall rule admits it.",
        helpURI: "https://learn.microsoft.com/azure/azure-sql/database/vnet-service-endpoint-rule-overview",
        fix: "Reach the server through a private endpoint from that region, or place the clients in a subnet in the server's region.",
        evaluate: evaluate)

    static func evaluate(_ context: CheckContext) -> [Finding] {
        let topology = context.topology
        var findings: [Finding] = []
        for server in topology.sqlServers.values.sorted(by: { $0.id < $1.id }) {
            guard let serverRegion = server.header.location else { continue }
            for vnetRule in server.virtualNetworkRules {
                guard let subnetID = vnetRule.subnet, let subnet = topology.subnets[subnetID],
                    let vnetRegion = topology.virtualNetworks[subnet.virtualNetwork]?.header.location, vnetRegion != serverRegion
                else { continue }
                let endpoint = subnet.serviceEndpoints.first { $0.service.lowercased() == "microsoft.sql" }
                findings.append(rule.finding(
                    "virtual network rule '\(vnetRule.name)' of sql server '\(server.header.name)' (\(serverRegion)) names subnet '\(context.subnetName(subnetID))' in \(vnetRegion): the service endpoint does not apply across regions",
                    resource: vnetRule.id ?? server.id.child("virtualNetworkRules", vnetRule.name), location: vnetRule.sourceLocation ?? server.header.source,
                    evidence: ["subnet service endpoint: \(endpoint.map { "'\($0.service)' locations \($0.locations.isEmpty ? "(none given)" : $0.locations.joined(separator: ", "))" } ?? "none for 'Microsoft.Sql'")"],
                    key: vnetRule.name.lowercased()))
            }
        }
        return findings
    }
}
