import NetTwinChecks
import NetTwinCore
import Testing

/// NT-APP-001. app-service/overview-vnet-integration.md: "If you use peering with virtual network integration,
/// you don't need to do any more configuration" — so an integrated app in a VNet peered with the managed
/// instance's VNet must reach 1433 (and 11000-11999 with Redirect) unless something on the path blocks it.
@Suite struct AppServiceRuleTests {
    static let site = """
        {"id": "\(Res.id("Microsoft.Web/sites/app-orders"))", "type": "Microsoft.Web/sites", "kind": "app", "location": "westeurope",
         "properties": {"virtualNetworkSubnetId": "\(Res.id("Microsoft.Network/virtualNetworks/vnet-app/subnets/snet-int"))", "vnetRouteAllEnabled": true}}
        """

    func world(miPeersBack: Bool = true, miInbound: String = "VirtualNetwork") -> Topology {
        topology(
            Res.vnet("vnet-mi", "10.1.0.0/16", subnets: [("snet-mi", "10.1.0.0/24", [Res.nsgRef("nsg-mi"), Res.routeTableRef("rt-mi"), Res.miDelegation].joined(separator: ", "))],
                     peeredWith: miPeersBack ? ["vnet-app"] : []),
            Res.vnet("vnet-app", "10.2.0.0/16", subnets: [("snet-int", "10.2.0.0/26", "\"delegations\": [{\"name\": \"web\", \"properties\": {\"serviceName\": \"Microsoft.Web/serverFarms\"}}]")], peeredWith: ["vnet-mi"]),
            Res.nsg("nsg-mi", Res.rule("allow_tds_inbound", 1000, "Inbound", "Allow", source: miInbound, ports: "1433"),
                    Res.rule("allow_redirect_inbound", 1100, "Inbound", "Allow", source: miInbound, ports: "11000-11999"),
                    Res.rule("deny_all_inbound", 4096, "Inbound", "Deny", protocol: "*")),
            Res.routeTable("rt-mi"),
            Res.managedInstance("sqlmi", vnet: "vnet-mi", subnet: "snet-mi"),
            Self.site)
    }

    @Test func aReachableInstancePasses() {
        #expect(findings(world(), rule: "NT-APP-001").isEmpty)
    }

    /// virtual-network-manage-peering.md: a peering must exist in both VNets to be connected; a one-sided peering
    /// stays Initiated and adds no route, so the app's traffic to 10.1.0.0/16 meets the 10.0.0.0/8 None route at its
    /// own subnet. The finding names the peering as the cause.
    @Test func aOneSidedPeeringIsFound() throws {
        let found = findings(world(miPeersBack: false), rule: "NT-APP-001")
        #expect(found.count == 1)
        let finding = try #require(found.first)
        #expect(finding.message == "app 'app-orders' cannot reach managed instance 'sqlmi' through the peering: PEERING_NOT_CONNECTED")
        #expect(finding.evidence.contains { $0.contains("has no peering back") })
    }

    /// The instance subnet admits 1433 and the redirect range only from 10.1.0.0/16 (its own VNet): the
    /// integration subnet 10.2.0.0/26 falls to deny_all_inbound.
    @Test func anInboundDenyOnTheInstanceSubnetIsFound() throws {
        let found = findings(world(miInbound: "10.1.0.0/16"), rule: "NT-APP-001")
        let finding = try #require(found.first)
        #expect(finding.message.hasSuffix("NSG_DENY_INBOUND"))
        #expect(finding.evidence.contains { $0.contains("deny_all_inbound") })
    }
}

/// NT-VNET-001 (virtual-network-manage-peering.md): both sides must exist and show Connected.
@Suite struct PeeringStateRuleTests {
    func world(backSide: Bool, exportedState: Bool = true) -> Topology {
        var hub = Res.vnet("vnet-hub", "10.0.0.0/16", subnets: [("s", "10.0.0.0/24", "")], peeredWith: ["vnet-spoke"])
        if !exportedState { hub = hub.replacingOccurrences(of: ", \"peeringState\": \"Connected\"", with: "") }
        var spoke = Res.vnet("vnet-spoke", "10.1.0.0/16", subnets: [("s", "10.1.0.0/24", "")], peeredWith: backSide ? ["vnet-hub"] : [])
        if !exportedState { spoke = spoke.replacingOccurrences(of: ", \"peeringState\": \"Connected\"", with: "") }
        return topology(hub, spoke)
    }

    @Test func bothSidesPass() {
        #expect(findings(world(backSide: true), rule: "NT-VNET-001").isEmpty)
        #expect(findings(world(backSide: true, exportedState: false), rule: "NT-VNET-001").isEmpty)
    }

    /// An export says Connected but the other side is gone: Disconnected. A template with one side: Initiated.
    @Test(arguments: [(true, "Disconnected"), (false, "Initiated")])
    func oneSideIsFound(exported: Bool, state: String) throws {
        let found = findings(world(backSide: false, exportedState: exported), rule: "NT-VNET-001")
        let finding = try #require(found.first)
        #expect(found.count == 1)
        #expect(finding.message.contains("is \(state): 'vnet-spoke' has no peering back"), "\(finding.message)")
    }
}
