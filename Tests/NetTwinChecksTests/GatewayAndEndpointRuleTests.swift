import NetTwinChecks
import NetTwinCore
import Testing

/// NT-GW-001 (virtual-networks-udr-overview.md, gateway route propagation) and NT-SE-002
/// (virtual-network-service-endpoints-overview.md: with a service endpoint the service sees private addresses).
@Suite struct GatewayAndEndpointRuleTests {
    func hub(routeTable: String, routes: String = "") -> [String] {
        [
            Res.vnet("hub", "10.0.0.0/16", subnets: [("GatewaySubnet", "10.0.0.0/27", ""), ("app", "10.0.1.0/24", Res.routeTableRef("rt"))]),
            """
            {"id": "\(Res.id("Microsoft.Network/routeTables/rt"))", "type": "Microsoft.Network/routeTables", "location": "westeurope",
             "properties": {"disableBgpRoutePropagation": \(routeTable), "routes": [\(routes)]}}
            """,
            """
            {"id": "\(Res.id("Microsoft.Network/virtualNetworkGateways/gw"))", "type": "Microsoft.Network/virtualNetworkGateways", "location": "westeurope",
             "properties": {"gatewayType": "Vpn", "ipConfigurations": [{"name": "c", "properties": {"subnet": \(Res.ref("Microsoft.Network/virtualNetworks/hub/subnets/GatewaySubnet"))}}]}}
            """,
            """
            {"id": "\(Res.id("Microsoft.Network/localNetworkGateways/onprem"))", "type": "Microsoft.Network/localNetworkGateways", "location": "westeurope",
             "properties": {"localNetworkAddressSpace": {"addressPrefixes": ["192.168.10.0/24"]}}}
            """,
            """
            {"id": "\(Res.id("Microsoft.Network/connections/cn"))", "type": "Microsoft.Network/connections", "location": "westeurope",
             "properties": {"connectionType": "IPsec", "virtualNetworkGateway1": \(Res.ref("Microsoft.Network/virtualNetworkGateways/gw")), "localNetworkGateway2": \(Res.ref("Microsoft.Network/localNetworkGateways/onprem"))}}
            """,
        ]
    }

    @Test func propagationDisabledWithoutReplacementRoutes() {
        let found = findings(topology(["inline.json": "[" + hub(routeTable: "true").joined(separator: ",") + "]"]), rule: "NT-GW-001")
        #expect(found.count == 1)
        #expect(found.first?.message.contains("192.168.10.0/24 → None") == true)
    }

    @Test func propagationEnabledOrReplacedIsFine() {
        #expect(findings(topology(["inline.json": "[" + hub(routeTable: "false").joined(separator: ",") + "]"]), rule: "NT-GW-001").isEmpty)
        let replaced = hub(routeTable: "true", routes: "{\"name\": \"onprem\", \"properties\": {\"addressPrefix\": \"192.168.0.0/16\", \"nextHopType\": \"VirtualNetworkGateway\"}}")
        #expect(findings(topology(["inline.json": "[" + replaced.joined(separator: ",") + "]"]), rule: "NT-GW-001").isEmpty)
    }

    func sqlClient(endpoint: Bool) -> Topology {
        let endpointText = endpoint ? "\"serviceEndpoints\": [{\"service\": \"Microsoft.Sql\", \"locations\": [\"westeurope\"]}]" : ""
        return topology(
            Res.vnet("v", "10.0.0.0/16", subnets: [("app", "10.0.1.0/24", endpointText)]),
            """
            {"id": "\(Res.id("Microsoft.Network/publicIPAddresses/pip"))", "type": "Microsoft.Network/publicIPAddresses", "location": "westeurope", "properties": {"ipAddress": "20.1.2.3"}}
            """,
            """
            {"id": "\(Res.id("Microsoft.Network/networkInterfaces/vm"))", "type": "Microsoft.Network/networkInterfaces", "location": "westeurope",
             "properties": {"ipConfigurations": [{"name": "c", "properties": {"privateIPAddress": "10.0.1.4", "subnet": \(Res.ref("Microsoft.Network/virtualNetworks/v/subnets/app")), "publicIPAddress": \(Res.ref("Microsoft.Network/publicIPAddresses/pip"))}}]}}
            """,
            Res.sqlServer("sql1"), Res.firewallRule(server: "sql1", "vm", "20.1.2.0", "20.1.2.255"))
    }

    @Test func ipRuleForAClientBehindAServiceEndpoint() {
        let found = findings(sqlClient(endpoint: true), rule: "NT-SE-002")
        #expect(found.count == 1)
        #expect(found.first?.message.contains("20.1.2.3") == true)
        #expect(findings(sqlClient(endpoint: false), rule: "NT-SE-002").isEmpty)
    }
}
