import ArgumentParser
import NetTwinCore

/// `--fail` and `--set` on every question: the configuration in a what-if scenario (Docs/FAILURES.md).
struct WhatIfOptions: ParsableArguments {
    @Option(name: .customLong("fail"), help: ArgumentHelp("Take something down before asking: region:REGION, zone:REGION/ZONE, or a resource by name or ID (gateway, connection, peering, appliance, firewall, private endpoint, managed instance, HSM, vault, Traffic Manager endpoint, VNet, subnet). Repeatable.", valueName: "spec"))
    var fail: [String] = []

    @Option(name: .customLong("set"), help: ArgumentHelp("Change operational state before asking: pe-connection:NAME=Approved|Pending|Rejected|Disconnected, tm-endpoint:NAME=Online|Degraded|Disabled|Stopped|CheckingEndpoint, failover-group:NAME=failover, hsm-region:REGION=down|up. Repeatable.", valueName: "spec"))
    var set: [String] = []

    var isEmpty: Bool { fail.isEmpty && set.isEmpty }

    /// The configuration with the operations applied (exit status 2, with the close matches, when one names nothing).
    func apply(to topology: Topology) throws -> Topology {
        guard !isEmpty else { return topology }
        do {
            return try Scenario.parse(fail: fail, set: set, in: topology).apply(to: topology).topology
        } catch {
            printError("error: \(error)")
            throw ExitStatus.badInput
        }
    }
}
