import Foundation
import NetTwinARM
import NetTwinCore
import Testing

/// What-if scenarios (`--fail`, `--set`) on the bundled example, each behaviour from its article
/// (Docs/research/failover-hsm-tde-pe.md has the quotes).
@Suite struct ScenarioTests {
    static let example = ReachTests.example

    func scenario(fail: [String] = [], set: [String] = [], _ topology: Topology = ScenarioTests.example) throws -> Topology {
        try Scenario.parse(fail: fail, set: set, in: topology).apply(to: topology).topology
    }

    func id<T>(_ name: String, in map: [ResourceID: T]) -> ResourceID { map.keys.first { $0.name == name }! }

    func reach(_ topology: Topology, _ source: ReachSource, _ destination: ReachDestination, port: UInt16) -> ReachResult {
        ReachabilityEngine(topology: topology, serviceTags: bundledTags).reach(from: source, to: destination, port: port)
    }

    func resolve(_ topology: Topology, _ name: String, from vnet: String) -> DNSResolution {
        DNSResolver(topology: topology).resolve(name: name, from: .virtualNetwork(id(vnet, in: topology.virtualNetworks)))
    }

    /// An unknown target is an error that names the close matches.
    @Test func unknownTargetsNameCloseMatches() {
        #expect(throws: Scenario.Problem.self) { try Scenario.parse(fail: ["region:westeuorpe"], set: [], in: Self.example) }
        do {
            _ = try Scenario.parse(fail: ["vgw-hub-wue"], set: [], in: Self.example)
            Issue.record("an unknown resource is accepted")
        } catch {
            #expect(error.description.contains("did you mean: vgw-hub-weu"), "\(error)")
        }
        do {
            _ = try Scenario.parse(fail: [], set: ["pe-connection:pe-hsm-weu=Maybe"], in: Self.example)
            Issue.record("an unknown state is accepted")
        } catch {
            #expect(error.description.contains("'Approved'"))
        }
    }

    /// A failed component on the path: COMPONENT_DOWN, naming it.
    @Test func aFailedGatewayCutsOnPremises() throws {
        let model = try scenario(fail: ["vgw-hub-weu"])
        let answer = reach(model, .onPremises(IPAddress("192.168.1.10")!), .managedInstanceVNetLocal(id("sqlmi-weu", in: model.sqlManagedInstances)), port: 1433)
        #expect(answer.verdict == .unreachable)
        #expect(answer.blockers.first?.code == .componentDown)
        #expect(answer.blockers.first?.resourceId?.name == "vgw-hub-weu")
        // The configuration as given is unchanged.
        #expect(reach(Self.example, .onPremises(IPAddress("192.168.1.10")!), .managedInstanceVNetLocal(id("sqlmi-weu", in: Self.example.sqlManagedInstances)), port: 1433).verdict == .reachable)
    }

    /// failover-group-sql-mi.md: "The read-write listener … points to the current primary", the read-only one to the
    /// secondary; after a failover the roles swap. The example's group is in West Europe with sqlmi-weu primary.
    @Test func failoverSwapsTheListeners() throws {
        let before = resolve(Self.example, "fog-sqlmi.a1b2c3d4e5f6.database.windows.net", from: "vnet-app-weu")
        #expect(before.chain.first?.value == "sqlmi-weu.a1b2c3d4e5f6.database.windows.net")
        let after = try scenario(set: ["failover-group:fog-sqlmi=failover"])
        #expect(resolve(after, "fog-sqlmi.a1b2c3d4e5f6.database.windows.net", from: "vnet-app-weu").chain.first?.value == "sqlmi-neu.a1b2c3d4e5f6.database.windows.net")
        #expect(resolve(after, "fog-sqlmi.secondary.a1b2c3d4e5f6.database.windows.net", from: "vnet-app-weu").chain.first?.value == "sqlmi-weu.a1b2c3d4e5f6.database.windows.net")
        // A region failure with the automatic ("Microsoft managed") policy fails over too, and says so.
        let regionDown = try Scenario.parse(fail: ["region:westeurope"], set: [], in: Self.example).apply(to: Self.example)
        #expect(regionDown.applied.contains { $0.contains("'sqlmi-neu' is now the primary") })
    }

    /// failover-group-configure-sql-mi.md: port 5022 and 11000-11999 open both ways between the instances' subnets.
    /// The example's NSGs allow them (allow_geodr_inbound/outbound); without the inbound rule in North Europe the
    /// replication from West Europe is denied.
    @Test func replicationLinkNeedsItsPortsBothWays() throws {
        let weu = id("sqlmi-weu", in: Self.example.sqlManagedInstances)
        let neu = id("sqlmi-neu", in: Self.example.sqlManagedInstances)
        let paths = Resilience(topology: Self.example, serviceTags: bundledTags).derivedPaths().filter { $0.name.hasPrefix("replication") }
        #expect(paths.count == 4, "5022 and 11000-11999, both ways")
        var model = Self.example
        let nsg = id("nsg-sqlmi-neu", in: model.networkSecurityGroups)
        model.networkSecurityGroups[nsg]!.securityRules.removeAll { $0.name == "allow_geodr_inbound" }
        let subnetWEU = Self.example.sqlManagedInstances[weu]!.subnet!
        let partner = Self.example.subnets[Self.example.sqlManagedInstances[neu]!.subnet!]!.representativeAddress!.address
        #expect(reach(Self.example, .subnet(subnetWEU), .address(partner), port: 5022).verdict == .reachable)
        let denied = reach(model, .subnet(subnetWEU), .address(partner), port: 5022)
        #expect(denied.verdict == .unreachable)
        #expect(denied.blockers.first?.code == .nsgDenyInbound)
    }

    /// failover-group-sql-mi.md: the listeners "can't be reached via the public endpoint": the listener leads to the
    /// primary's VNet-local name, a private address, which the Internet does not route.
    @Test func listenersAreNotOnThePublicEndpoint() {
        let listener = resolve(Self.example, "fog-sqlmi.a1b2c3d4e5f6.database.windows.net", from: "vnet-app-weu")
        #expect(!listener.chain.contains { $0.value.contains(".public.") })
        let answer = reach(Self.example, .internet(IPAddress("198.51.100.5")!), .managedInstanceVNetLocal(id("sqlmi-weu", in: Self.example.sqlManagedInstances)), port: 1433)
        #expect(answer.verdict == .unreachable)
        #expect(answer.blockers.first?.code == .noRoute)
    }

    /// private-endpoint-overview.md: "Only private endpoints in an Approved state can send traffic"; each operation
    /// changes the traffic. Rejected, Pending and Disconnected block; approving again restores it.
    @Test(arguments: ["Rejected", "Pending", "Disconnected"])
    func endpointOperationsChangeTheTraffic(state: String) throws {
        let model = try scenario(set: ["pe-connection:pe-hsm-weu=\(state)"])
        let vm = id("nic-vm-jump-weu", in: model.networkInterfaces)
        let answer = reach(model, .networkInterface(vm), .address(IPAddress("10.1.1.4")!), port: 443)
        #expect(answer.verdict == .unreachable)
        #expect(answer.blockers.contains { $0.code == .privateEndpointNotApproved })
        let back = try scenario(set: ["pe-connection:pe-hsm-weu=\(state)", "pe-connection:pe-hsm-weu=Approved"])
        #expect(reach(back, .networkInterface(vm), .address(IPAddress("10.1.1.4")!), port: 443).verdict == .reachable)
    }

    /// private-endpoint-dns.md: the privatelink alias is published only for an Approved endpoint; with both of the HSM's
    /// endpoints rejected, from a VNet without a linked zone the name no longer goes through the alias.
    @Test func rejectingEveryEndpointRemovesTheAlias() throws {
        var model = Self.example
        // A VNet with no zone linked sees the public chain.
        let hub = resolve(model, "hsm-nettwin.managedhsm.azure.net", from: "vnet-hub-weu")
        #expect(hub.chain.first?.value == "hsm-nettwin.privatelink.managedhsm.azure.net")
        model = try scenario(set: ["pe-connection:pe-hsm-weu=Rejected", "pe-connection:pe-hsm-neu=Rejected"])
        let directory = AzureServiceDirectory(topology: model)
        let hsm = directory.byName["hsm-nettwin.managedhsm.azure.net"]!
        #expect(!directory.hasApprovedPrivateEndpoint(hsm))
    }

    /// A request from another tenant arrives Pending (manualPrivateLinkServiceConnections, private-endpoint-overview.md)
    /// and carries no traffic until approved.
    @Test func aManualRequestArrivesPending() {
        let topology = loadText("""
            [\(Build.vnet("v", "10.0.0.0/16", subnets: [("app", "10.0.1.0/24", ""), ("pe", "10.0.2.0/24", "")])),
             {"id": "\(Build.sub)/privateEndpoints/pe-x", "type": "Microsoft.Network/privateEndpoints", "location": "westeurope",
              "properties": {"subnet": \(Build.ref("virtualNetworks/v/subnets/pe")), "customDnsConfigs": [{"fqdn": "x.vault.azure.net", "ipAddresses": ["10.0.2.5"]}],
                "manualPrivateLinkServiceConnections": [{"name": "x", "properties": {"privateLinkServiceId": "/subscriptions/other/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/x",
                  "groupIds": ["vault"], "privateLinkServiceConnectionState": {"status": "Pending", "description": "awaiting approval"}}}]}}]
            """)
        let subnet = topology.subnets.keys.first { $0.name == "app" }!
        let answer = ReachabilityEngine(topology: topology, serviceTags: bundledTags).reach(from: .subnet(subnet), to: .address(IPAddress("10.0.2.5")!), port: 443)
        #expect(answer.verdict == .unreachable)
        #expect(answer.blockers.first?.code == .privateEndpointNotApproved)
        let approved = try! Scenario.parse(fail: [], set: ["pe-connection:pe-x=Approved"], in: topology).apply(to: topology).topology
        #expect(ReachabilityEngine(topology: approved, serviceTags: bundledTags).reach(from: .subnet(subnet), to: .address(IPAddress("10.0.2.5")!), port: 443).verdict == .reachable)
    }

    /// managed-hsm/multi-region-replication.md: with one regional pool down, requests entering through a region's
    /// private endpoint are served by the other pool (reads and all crypto operations); with every pool down, nothing.
    @Test func hsmPoolsFailOver() throws {
        let mi = id("sqlmi-neu", in: Self.example.sqlManagedInstances)
        let subnet = Self.example.sqlManagedInstances[mi]!.subnet!
        let onePool = try scenario(set: ["hsm-region:northeurope=down"])
        let engine = ReachabilityEngine(topology: onePool, serviceTags: bundledTags)
        let (_, answer) = try engine.reach(from: .subnet(subnet), name: "hsm-nettwin.managedhsm.azure.net", port: 443)
        #expect(answer.verdict == .reachable)
        #expect(answer.assumptions.contains { $0.contains("pool of Managed HSM 'hsm-nettwin' is down") })
        let both = try scenario(set: ["hsm-region:northeurope=down", "hsm-region:westeurope=down"])
        let (_, none) = try ReachabilityEngine(topology: both, serviceTags: bundledTags).reach(from: .subnet(subnet), name: "hsm-nettwin.managedhsm.azure.net", port: 443)
        #expect(none.verdict == .unreachable)
        #expect(none.blockers.first?.code == .componentDown)
    }

    /// traffic-manager-routing-methods.md (priority): with the West Europe endpoint of the HSM's profile degraded, the
    /// profile answers with North Europe.
    @Test func trafficManagerEndpointStates() throws {
        let model = try scenario(set: ["tm-endpoint:ep-hsm-weu=Degraded"])
        let answer = resolve(model, "tm-hsm-nettwin.trafficmanager.net", from: "vnet-hub-weu")
        #expect(answer.chain.first?.value == "northeurope.hsm-nettwin.managedhsm.azure.net")
        let disabled = try scenario(set: ["tm-endpoint:tm-hsm-nettwin/ep-hsm-weu=Disabled"])
        #expect(resolve(disabled, "tm-hsm-nettwin.trafficmanager.net", from: "vnet-hub-weu").chain.first?.value == "northeurope.hsm-nettwin.managedhsm.azure.net")
    }
}
