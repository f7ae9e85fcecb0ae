import NetTwinCore
import NetTwinRender
import Testing

/// The Network Watcher IP flow verify and next hop quickstarts (network-watcher/diagnose-vm-network-
/// traffic-filtering-problem*.md, diagnose-vm-network-routing-problem*.md; see
/// Fixtures/network-watcher-quickstarts.md): a VM 10.0.0.4 in a VNet 10.0.0.0/16 whose NIC has an NSG
/// with only the default rules.
@Suite struct QuickstartTests {
    static let sub = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network"
    let topology = loadText("""
        [{"id": "\(sub)/virtualNetworks/myVNet", "type": "Microsoft.Network/virtualNetworks", "location": "eastus",
          "properties": {"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]},
                         "subnets": [{"name": "mySubnet", "id": "\(sub)/virtualNetworks/myVNet/subnets/mySubnet", "properties": {"addressPrefix": "10.0.0.0/24"}}]}},
         {"id": "\(sub)/networkSecurityGroups/myVM-nsg", "type": "Microsoft.Network/networkSecurityGroups", "location": "eastus", "properties": {"securityRules": []}},
         {"id": "\(sub)/networkInterfaces/myvm-nic", "type": "Microsoft.Network/networkInterfaces", "location": "eastus",
          "properties": {"networkSecurityGroup": {"id": "\(sub)/networkSecurityGroups/myVM-nsg"},
                         "ipConfigurations": [{"name": "ipconfig1", "properties": {"privateIPAddress": "10.0.0.4", "subnet": {"id": "\(sub)/virtualNetworks/myVNet/subnets/mySubnet"}}}]}}]
        """)

    @Test(arguments: [
        ("Outbound", "13.107.21.200", "Allow", "defaultSecurityRules/AllowInternetOutBound"),
        ("Outbound", "10.0.1.10", "Allow", "defaultSecurityRules/AllowVnetOutBound"),
        ("Outbound", "10.10.10.10", "Deny", "defaultSecurityRules/DenyAllOutBound"),
        ("Outbound", "172.31.0.100", "Deny", "defaultSecurityRules/DenyAllOutBound"),
        ("Inbound", "10.10.10.10", "Deny", "defaultSecurityRules/DenyAllInBound"),
    ])
    func ipFlowVerify(direction: String, remote: String, access: String, rule: String) throws {
        let verifier = IPFlowVerifier(security: SecurityEngine(topology: topology, serviceTags: bundledTags))
        let inbound = direction == "Inbound"
        let question = IPFlowVerifier.Question(
            direction: inbound ? .inbound : .outbound, protocol: .tcp, localAddress: ip("10.0.0.4"),
            localPort: inbound ? 80 : 60000, remoteAddress: ip(remote), remotePort: inbound ? 60000 : 80)
        let result = verifier.evaluate(question, nic: try topology.networkInterface(named: "myvm-nic"))
        #expect(result.access.rawValue == access)
        #expect(result.ruleName == rule)
    }

    @Test(arguments: [("13.107.21.200", "Internet"), ("10.0.0.5", "VnetLocal"), ("10.1.0.5", "None"), ("172.31.0.100", "None")])
    func nextHop(destination: String, type: String) throws {
        let table = try #require(RouteEngine(topology: topology).effectiveRoutes(subnet: try topology.subnet(named: "myVNet/mySubnet").id))
        let hop = NetworkWatcherRendering.nextHop(in: table, destination: ip(destination))
        #expect(hop.nextHopType == type)
        #expect(hop.routeTableId == "System Route")
    }

    /// The effective routes of a VNet 192.168.0.0/16 (the 2018 PowerShell tutorial's five rows, plus the
    /// 172.16.0.0/12 row of the current default table): the 192.168/16 None route is replaced by the VNet route.
    @Test func reservedRangeUsedByTheVNet() throws {
        let sub = Self.sub
        let topology = loadText("""
            {"id": "\(sub)/virtualNetworks/v", "type": "Microsoft.Network/virtualNetworks", "location": "eastus",
             "properties": {"addressSpace": {"addressPrefixes": ["192.168.0.0/16"]},
                            "subnets": [{"name": "s", "properties": {"addressPrefix": "192.168.1.0/24"}}]}}
            """)
        let table = try #require(RouteEngine(topology: topology).effectiveRoutes(subnet: try topology.subnet(named: "v/s").id))
        let rows = Set(table.routes.map { "\($0.addressPrefixes[0]) \($0.nextHopType.rawValue) \($0.state.rawValue)" })
        #expect(rows == ["192.168.0.0/16 VnetLocal Active", "0.0.0.0/0 Internet Active", "10.0.0.0/8 None Active", "100.64.0.0/10 None Active", "172.16.0.0/12 None Active"])
    }
}
