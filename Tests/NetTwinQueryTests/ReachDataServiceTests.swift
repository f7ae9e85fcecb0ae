import NetTwinCore
import Testing

/// Key Vault and storage `networkAcls` on the public endpoint (key-vault/general/network-security.md,
/// storage/common/storage-network-security.md): default action, IP rules, virtual network rules that need
/// the service endpoint on the subnet; public network access disabled leaves private endpoints only.
@Suite struct ReachDataServiceTests {
    func topology(defaultAction: String = "Deny", endpoint: Bool = true, vnetRule: Bool = true, publicAccess: String = "Enabled") -> Topology {
        let endpointText = endpoint ? "\"serviceEndpoints\": [{\"service\": \"Microsoft.KeyVault\"}]" : ""
        let rules = vnetRule ? "{\"id\": \"\(Build.sub)/virtualNetworks/v/subnets/app\"}" : ""
        return loadText("""
            [\(Build.vnet("v", "10.0.0.0/16", subnets: [("app", "10.0.1.0/24", endpointText)])),
             {"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv1", "type": "Microsoft.KeyVault/vaults", "location": "westeurope",
              "properties": {"publicNetworkAccess": "\(publicAccess)", "networkAcls": {"defaultAction": "\(defaultAction)", "bypass": "None",
                "ipRules": [{"value": "198.51.100.0/24"}], "virtualNetworkRules": [\(rules)]}}}]
            """)
    }

    func reach(_ t: Topology, _ source: ReachSource) -> ReachResult {
        ReachabilityEngine(topology: t, serviceTags: bundledTags).reach(from: source, to: .dataService(t.keyVaults.keys.first!), port: 443)
    }

    @Test func virtualNetworkRuleWithServiceEndpoint() {
        let t = topology()
        #expect(reach(t, .subnet(t.subnets.keys.first!)).verdict == .reachable)
        let noRule = topology(vnetRule: false)
        #expect(reach(noRule, .subnet(noRule.subnets.keys.first!)).blockers.map(\.code) == [.missingVirtualNetworkRule])
        let noEndpoint = topology(endpoint: false)
        #expect(reach(noEndpoint, .subnet(noEndpoint.subnets.keys.first!)).blockers.map(\.code) == [.missingServiceEndpoint])
    }

    @Test func ipRulesAndDefaultAction() {
        let t = topology()
        #expect(reach(t, .internet(ip("198.51.100.9"))).verdict == .reachable)
        #expect(reach(t, .internet(ip("203.0.113.9"))).blockers.map(\.code) == [.serviceFirewall])
        #expect(reach(topology(defaultAction: "Allow"), .internet(ip("203.0.113.9"))).verdict == .reachable)
        #expect(reach(topology(publicAccess: "Disabled"), .internet(ip("198.51.100.9"))).blockers.map(\.code) == [.publicNetworkAccessDisabled])
    }
}
