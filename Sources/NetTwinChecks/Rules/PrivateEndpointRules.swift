import NetTwinCore

/// Private endpoint rules (private-endpoint-overview.md, disable-private-endpoint-network-policy.md).
enum PrivateEndpointRules {
    static let connectionState: CheckRule = CheckRule(
        id: "NT-PE-001", name: "PrivateEndpointConnectionNotApproved",
        title: "A private endpoint connection is Pending, Rejected or Disconnected",
        severity: .warning,
        rationale: "Only private endpoints in the Approved state can send traffic. Pending waits for the resource owner, Rejected was refused, and Disconnected was removed by the owner: the endpoint is informational only and should be deleted.",
        helpURI: "https://learn.microsoft.com/azure/private-link/private-endpoint-overview#private-link-resource-connection-states",
        fix: "Approve the connection on the target resource (Pending), or delete the private endpoint (Rejected, Disconnected) and create a new one if it is needed.",
        evaluate: evaluateStates)

    static let policiesDisabled: CheckRule = CheckRule(
        id: "NT-PE-002", name: "PrivateEndpointNSGNotEnforced",
        title: "An NSG on a private endpoint subnet is not enforced for the endpoints (network policies disabled)",
        severity: .warning,
        rationale: "NSG rules apply to private endpoints only when the subnet's privateEndpointNetworkPolicies is Enabled or NetworkSecurityGroupEnabled. With policies Disabled (the default) the subnet's NSG looks like it protects the endpoints but does not.",
        helpURI: "https://learn.microsoft.com/azure/private-link/disable-private-endpoint-network-policy",
        fix: "Set privateEndpointNetworkPolicies on the subnet to 'NetworkSecurityGroupEnabled' (or 'Enabled').",
        evaluate: evaluatePolicies)

    static let delegatedSubnet: CheckRule = CheckRule(
        id: "NT-PE-003", name: "PrivateEndpointInDelegatedSubnet",
        title: "A private endpoint is placed in a delegated subnet",
        severity: .error,
        rationale: "A delegated subnet belongs to the service it is delegated to; Azure refuses to create a private endpoint in it (PrivateEndpointCreationNotAllowedAsSubnetIsDelegated).",
        helpURI: "https://learn.microsoft.com/azure/private-link/private-endpoint-overview#limitations",
        fix: "Place the private endpoint in a subnet without delegations.",
        evaluate: evaluateDelegated)

    // MARK: NT-PE-001

    static func evaluateStates(_ context: CheckContext) -> [Finding] {
        let topology = context.topology
        var findings: [Finding] = []
        var reported = Set<String>()
        func problem(_ state: PrivateLinkConnectionState) -> String? {
            switch state.status {
            case .approved: return nil
            case .pending: return "is 'Pending' (it carries no traffic until the resource owner approves it)"
            case .rejected: return "is 'Rejected' (it carries no traffic; delete the endpoint)"
            case .disconnected: return "is 'Disconnected' (the owner removed it; delete the endpoint)"
            case nil: return nil
            }
        }
        for endpoint in topology.privateEndpoints.values.sorted(by: { $0.id < $1.id }) {
            for connection in endpoint.connections {
                guard let text = problem(connection.state) else { continue }
                let target = connection.privateLinkServiceId
                reported.insert("\(endpoint.id.text.lowercased())|\(target?.text.lowercased() ?? "")")
                var evidence = ["connection '\(connection.name)' to '\(target?.name ?? "?")'\(connection.groupIds.isEmpty ? "" : " (\(connection.groupIds.joined(separator: ", ")))"), \(connection.isManual ? "manual" : "automatic") approval"]
                if let description = connection.state.description, !description.isEmpty { evidence.append("state description: \(description)") }
                findings.append(connectionState.finding(
                    "private endpoint '\(endpoint.header.name)' connection to '\(target?.name ?? "?")' \(text)",
                    resource: endpoint.id, location: endpoint.header.source, evidence: evidence, key: connection.name.lowercased()))
            }
        }
        // The service side, unless the endpoint side of the same connection was reported above.
        for connection in topology.privateEndpointConnections.values.sorted(by: { ($0.id ?? $0.parent) < ($1.id ?? $1.parent) }) {
            guard let text = problem(connection.state) else { continue }
            if let endpoint = connection.privateEndpoint, reported.contains("\(endpoint.text.lowercased())|\(connection.parent.text.lowercased())") { continue }
            findings.append(connectionState.finding(
                "private endpoint connection '\(connection.name)' of '\(connection.parent.name)' \(text)",
                resource: connection.id ?? connection.parent.child("privateEndpointConnections", connection.name),
                location: connection.sourceLocation,
                evidence: ["private endpoint: '\(connection.privateEndpoint?.name ?? "?")'"], key: connection.name.lowercased()))
        }
        return findings
    }

    // MARK: NT-PE-002, NT-PE-003

    static func evaluatePolicies(_ context: CheckContext) -> [Finding] {
        var findings: [Finding] = []
        for subnet in context.topology.subnets.values.sorted(by: { $0.id < $1.id }) {
            guard let nsg = subnet.networkSecurityGroup, !subnet.privateEndpointNetworkPolicies.appliesNetworkSecurityGroups else { continue }
            let endpoints = context.privateEndpoints(in: subnet.id)
            guard !endpoints.isEmpty else { continue }
            let custom = context.topology.networkSecurityGroups[nsg]?.securityRules.count ?? 0
            findings.append(policiesDisabled.finding(
                "nsg '\(nsg.name)' on subnet '\(context.subnetName(subnet.id))' does not apply to its private endpoints: privateendpointnetworkpolicies is '\(subnet.privateEndpointNetworkPolicies.rawValue)'",
                resource: subnet.id, location: subnet.header.source,
                evidence: ["private endpoint(s): '\(endpoints.map(\.header.name).joined(separator: "', '"))'", "nsg '\(nsg.name)' has \(custom) custom rule(s) that these endpoints bypass"]))
        }
        return findings
    }

    static func evaluateDelegated(_ context: CheckContext) -> [Finding] {
        var findings: [Finding] = []
        for endpoint in context.topology.privateEndpoints.values.sorted(by: { $0.id < $1.id }) {
            guard let subnetID = endpoint.subnet, let subnet = context.topology.subnets[subnetID], !subnet.delegations.isEmpty else { continue }
            findings.append(delegatedSubnet.finding(
                "private endpoint '\(endpoint.header.name)' is in subnet '\(context.subnetName(subnetID))', which is delegated to '\(subnet.delegations.joined(separator: "', '"))'",
                resource: endpoint.id, location: endpoint.header.source, evidence: ["subnet delegations: \(subnet.delegations.joined(separator: ", "))"]))
        }
        return findings
    }
}
