import NetTwinChecks
import NetTwinCore
import Testing

/// NT-FW-001. rule-processing.md: "NAT rules are applied in priority before network rules. If a match is found,
/// the traffic is translated according to the DNAT rule and allowed by the firewall"; collections are processed
/// by priority, 100 first. destination-nat-rules.md: a DNAT rule has source, destination (the firewall's address),
/// protocol, destination port, translated address and translated port.
@Suite struct FirewallDNATRuleTests {
    static func firewall(_ collections: String) -> String {
        """
        {"id": "\(Res.id("Microsoft.Network/azureFirewalls/fw"))", "name": "fw", "type": "Microsoft.Network/azureFirewalls", "location": "westeurope",
         "properties": {"ipConfigurations": [{"name": "c", "properties": {"privateIPAddress": "10.0.1.4", "subnet": \(Res.ref("Microsoft.Network/virtualNetworks/hub/subnets/AzureFirewallSubnet"))}}],
           "natRuleCollections": [\(collections)]}}
        """
    }

    static func collection(_ name: String, _ priority: Int, _ rules: String...) -> String {
        "{\"name\": \"\(name)\", \"properties\": {\"priority\": \(priority), \"action\": {\"type\": \"Dnat\"}, \"rules\": [\(rules.joined(separator: ", "))]}}"
    }

    static func nat(_ name: String, source: String, port: String, to address: String, _ translatedPort: String) -> String {
        "{\"name\": \"\(name)\", \"protocols\": [\"TCP\"], \"sourceAddresses\": [\"\(source)\"], \"destinationAddresses\": [\"203.0.113.10\"], \"destinationPorts\": [\"\(port)\"], \"translatedAddress\": \"\(address)\", \"translatedPort\": \"\(translatedPort)\"}"
    }

    func world(_ collections: String...) -> Topology {
        topology(Res.vnet("hub", "10.0.0.0/16", subnets: [("AzureFirewallSubnet", "10.0.1.0/26", "")]), Self.firewall(collections.joined(separator: ", ")))
    }

    @Test func rdpFromTheWholeInternetIsFound() throws {
        let found = findings(world(Self.collection("dnat-rdp", 100, Self.nat("rdp", source: "*", port: "50001", to: "10.2.0.4", "3389"))), rule: "NT-FW-001")
        #expect(found.count == 1)
        #expect(try #require(found.first).message == "firewall 'fw' dnat rule 'dnat-rdp/rdp' forwards tcp 50001 from the whole internet to 10.2.0.4:3389 (rdp)")
        // The finding points at the rule itself (for SARIF and code scanning), not at the firewall.
        #expect(found.first?.location?.pointer.description.hasSuffix("/natRuleCollections/0/properties/rules/0") == true, "\(String(describing: found.first?.location))")
    }

    @Test func aWebPortIsNotReported() {
        #expect(findings(world(Self.collection("dnat-web", 100, Self.nat("web", source: "*", port: "443", to: "10.2.0.4", "443"))), rule: "NT-FW-001").isEmpty)
    }

    /// An earlier DNAT rule on the same public port takes its sources first (the web forward at priority 150 for
    /// 198.51.100.0/25), so the SQL forward at 200 admits only the upper half of its /24.
    @Test func anEarlierRuleOnThePortTakesItsSources() throws {
        let found = findings(world(
            Self.collection("dnat-sql", 200, Self.nat("sql", source: "198.51.100.0/24", port: "1433", to: "10.2.0.5", "1433")),
            Self.collection("dnat-other", 150, Self.nat("other", source: "198.51.100.0/25", port: "1433", to: "10.2.0.6", "8080"))), rule: "NT-FW-001")
        #expect(try #require(found.first).message == "firewall 'fw' dnat rule 'dnat-sql/sql' forwards tcp 1433 from 198.51.100.128/25 to 10.2.0.5:1433 (sql server)")
    }

    @Test func knownSourcesAreNotReported() {
        let configuration = CheckConfiguration(knownSources: IPAddressSet(prefixes: [try! IPPrefix(parsing: "198.51.100.0/24")]))
        #expect(findings(world(Self.collection("dnat-sql", 200, Self.nat("sql", source: "198.51.100.0/24", port: "1433", to: "10.2.0.5", "1433"))),
                         rule: "NT-FW-001", configuration: configuration).isEmpty)
    }

    /// The same rule in a Firewall Policy (FirewallPolicyNatRuleCollection, ipProtocols, translatedPort as a string).
    @Test func policyNatRules() throws {
        let resources = [
            Res.vnet("hub", "10.0.0.0/16", subnets: [("AzureFirewallSubnet", "10.0.1.0/26", "")]),
            """
            {"id": "\(Res.id("Microsoft.Network/azureFirewalls/fw"))", "type": "Microsoft.Network/azureFirewalls", "location": "westeurope",
             "properties": {"ipConfigurations": [{"name": "c", "properties": {"privateIPAddress": "10.0.1.4", "subnet": \(Res.ref("Microsoft.Network/virtualNetworks/hub/subnets/AzureFirewallSubnet"))}}],
               "firewallPolicy": \(Res.ref("Microsoft.Network/firewallPolicies/policy"))}},
            {"id": "\(Res.id("Microsoft.Network/firewallPolicies/policy"))", "type": "Microsoft.Network/firewallPolicies", "location": "westeurope", "properties": {}},
            {"id": "\(Res.id("Microsoft.Network/firewallPolicies/policy/ruleCollectionGroups/dnat"))", "type": "Microsoft.Network/firewallPolicies/ruleCollectionGroups",
             "properties": {"priority": 100, "ruleCollections": [{"ruleCollectionType": "FirewallPolicyNatRuleCollection", "name": "inbound", "priority": 100,
               "action": {"type": "DNAT"}, "rules": [{"ruleType": "NatRule", "name": "ssh", "ipProtocols": ["TCP"], "sourceAddresses": ["*"],
               "destinationAddresses": ["203.0.113.10"], "destinationPorts": ["2222"], "translatedAddress": "10.2.0.4", "translatedPort": "22"}]}]}}
            """,
        ]
        let found = findings(topology(resources.joined(separator: ",\n")), rule: "NT-FW-001")
        #expect(try #require(found.first).message == "firewall 'fw' dnat rule 'policy/dnat/inbound/ssh' forwards tcp 2222 from the whole internet to 10.2.0.4:22 (ssh)")
    }
}
