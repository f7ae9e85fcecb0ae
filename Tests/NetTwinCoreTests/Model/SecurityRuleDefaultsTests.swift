import NetTwinCore
import Testing

/// network-security-groups-overview.md, "Default security rules": three inbound and three outbound
/// rules at priorities 65000, 65001, 65500, which Azure adds to every NSG.
@Suite struct SecurityRuleDefaultsTests {
    @Test func theSixDefaultRules() {
        let nsg = ResourceID("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/n")
        let rules = SecurityRule.azureDefaults(in: nsg)
        let summary = rules.map { "\($0.direction.rawValue) \($0.priority) \($0.name) \($0.access.rawValue) \($0.source.map(\.description).joined()) -> \($0.destination.map(\.description).joined())" }
        #expect(summary == [
            "Inbound 65000 AllowVnetInBound Allow VirtualNetwork -> VirtualNetwork",
            "Inbound 65001 AllowAzureLoadBalancerInBound Allow AzureLoadBalancer -> *",
            "Inbound 65500 DenyAllInBound Deny * -> *",
            "Outbound 65000 AllowVnetOutBound Allow VirtualNetwork -> VirtualNetwork",
            "Outbound 65001 AllowInternetOutBound Allow * -> Internet",
            "Outbound 65500 DenyAllOutBound Deny * -> *",
        ])
        #expect(rules.allSatisfy { $0.protocols == .any && $0.sourcePorts == .all && $0.destinationPorts == .all && $0.isDefault })
        #expect(rules.first?.id?.text == nsg.text + "/defaultSecurityRules/AllowVnetInBound")
    }
}
