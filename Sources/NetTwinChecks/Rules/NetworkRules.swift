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
