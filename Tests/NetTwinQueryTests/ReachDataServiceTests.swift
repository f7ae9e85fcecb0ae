import NetTwinCore
import PropertyBased
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

    /// Exposure of the vault's public endpoint from the configuration: the Internet through the IP rule
    /// (198.51.100.0/24) while the default action is Deny, every public address with Allow; the app subnet through
    /// its service endpoint and virtual network rule; nobody with public network access disabled. Membership agrees
    /// with reach on random addresses.
    @Test func exposureOfThePublicEndpoint() async {
        let t = topology()
        let vault = t.keyVaults.keys.first!
        let exposure = ExposureEngine(topology: t, serviceTags: bundledTags).exposure(of: .dataService(vault), port: 443)
        #expect(exposure.entries.map(\.name) == ["Internet", "v/app"])
        #expect(exposure.entries[0].allowed.prefixes.map(\.description) == ["198.51.100.0/24"])
        #expect(exposure.entries[1].allowed.prefixes.map(\.description) == ["10.0.1.0/24"])
        let open = topology(defaultAction: "Allow")
        let all = ExposureEngine(topology: open, serviceTags: bundledTags).exposure(of: .dataService(open.keyVaults.keys.first!), port: 443)
        #expect(all.entries.first?.allowed == IPAddressSet.all.subtracting(SecurityEngine.nonInternet))
        let closed = topology(publicAccess: "Disabled")
        #expect(ExposureEngine(topology: closed, serviceTags: bundledTags).exposure(of: .dataService(closed.keyVaults.keys.first!), port: 443).entries.isEmpty)

        let engine = ReachabilityEngine(topology: t, serviceTags: bundledTags)
        let subnet = t.subnets.keys.first!
        await propertyCheck(count: 100, input: Gen.int(in: 0...1), Gen.int(in: 0...255), Gen.int(in: 0...255)) { kind, a, b in
            let address: IPAddress = kind == 0 ? .v4(IPv4Address(198, 51, UInt8(100 + a % 2), UInt8(b))) : .v4(IPv4Address(10, 0, 1, UInt8(b)))
            let source: ReachSource = kind == 0 ? .internet(address) : .subnetAddress(subnet, address)
            let verdict = engine.reach(from: source, to: .dataService(vault), port: 443).verdict
            #expect((verdict == .reachable) == exposure.allowed.contains(address), "\(address)")
        }
    }
}
