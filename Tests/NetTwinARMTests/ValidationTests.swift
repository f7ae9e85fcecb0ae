import NetTwinARM
import NetTwinCore
import Testing

/// The checks Azure's deployment validation makes, each with Azure's error code where it has one.
@Suite struct ValidationTests {
    func diagnostics(_ text: String, id: String) -> [Diagnostic] {
        load(text).1.diagnostics.filter { $0.id == id }
    }

    /// virtual-network-manage-subnet.md; Azure error NetcfgSubnetRangeOutsideVnet.
    @Test func subnetOutsideAddressSpace() throws {
        let found = diagnostics("[\(vnetJSON(subnets: [("in", "10.0.0.0/24"), ("out", "10.9.0.0/24")]))]", id: DiagnosticID.subnetOutsideAddressSpace)
        #expect(found.count == 1)
        #expect(found.first?.azureErrorCode == "NetcfgSubnetRangeOutsideVnet")
        #expect(found.first?.message.contains("'out'") == true)
        #expect(found.first?.severity == .error)
    }

    /// A subnet in the second of two address ranges is inside the address space.
    @Test func subnetInSecondAddressRangeIsFine() {
        let found = diagnostics("[\(vnetJSON(space: ["10.0.0.0/16", "172.16.0.0/24"], subnets: [("s", "172.16.0.0/25")]))]", id: DiagnosticID.subnetOutsideAddressSpace)
        #expect(found.isEmpty)
    }

    /// Azure error NetcfgSubnetRangesOverlap.
    @Test func overlappingSubnets() {
        let found = diagnostics("[\(vnetJSON(subnets: [("a", "10.0.0.0/24"), ("b", "10.0.0.128/25"), ("c", "10.0.1.0/24")]))]", id: DiagnosticID.subnetsOverlap)
        #expect(found.count == 1)
        #expect(found.first?.azureErrorCode == "NetcfgSubnetRangesOverlap")
        #expect(found.first?.message.contains("'b'") == true && found.first?.message.contains("'a'") == true)
    }

    /// virtual-network-peering-overview.md: peered address spaces must not overlap (VnetAddressSpacesOverlap).
    @Test func overlappingPeeredAddressSpaces() {
        let peering = """
            {"name": "to-b", "id": "\(netID("virtualNetworks/a/virtualNetworkPeerings/to-b"))",
             "properties": {"remoteVirtualNetwork": {"id": "\(netID("virtualNetworks/b"))"}, "peeringState": "Connected"}}
            """
        let a = vnetJSON(name: "a", space: ["10.0.0.0/16"], subnets: [], peerings: peering)
        let b = vnetJSON(name: "b", space: ["10.0.128.0/17"], subnets: [])
        let found = diagnostics("[\(a), \(b)]", id: DiagnosticID.peeredAddressSpacesOverlap)
        #expect(found.count == 1)
        #expect(found.first?.azureErrorCode == "VnetAddressSpacesOverlap")
        #expect(found.first?.message.contains("10.0.128.0/17") == true)
        let disjoint = vnetJSON(name: "b", space: ["10.1.0.0/16"], subnets: [])
        #expect(diagnostics("[\(a), \(disjoint)]", id: DiagnosticID.peeredAddressSpacesOverlap).isEmpty)
    }

    func nsg(_ rules: [(name: String, priority: Int, direction: String)]) -> String {
        let text = rules.map { rule in
            """
            {"name": "\(rule.name)", "properties": {"priority": \(rule.priority), "direction": "\(rule.direction)", "access": "Allow",
             "protocol": "Tcp", "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "443"}}
            """
        }.joined(separator: ",")
        return "[{\"id\": \"\(netID("networkSecurityGroups/nsg1"))\", \"type\": \"Microsoft.Network/networkSecurityGroups\", \"properties\": {\"securityRules\": [\(text)]}}]"
    }

    /// network-security-groups-overview.md: "a number between 100 and 4096" (SecurityRuleInvalidPriority).
    @Test(arguments: [(99, 1), (100, 0), (4096, 0), (4097, 1), (65000, 1)])
    func priorityRange(priority: Int, expected: Int) {
        let found = diagnostics(nsg([("r", priority, "Inbound")]), id: DiagnosticID.securityRulePriorityRange)
        #expect(found.count == expected)
        if expected == 1 { #expect(found.first?.azureErrorCode == "SecurityRuleInvalidPriority") }
    }

    /// The same priority is allowed once per direction (SecurityRuleConflict).
    @Test func duplicatePriorityPerDirection() {
        #expect(diagnostics(nsg([("a", 100, "Inbound"), ("b", 100, "Outbound")]), id: DiagnosticID.securityRulePriorityDuplicate).isEmpty)
        let found = diagnostics(nsg([("a", 100, "Inbound"), ("b", 100, "Inbound")]), id: DiagnosticID.securityRulePriorityDuplicate)
        #expect(found.count == 1)
        #expect(found.first?.azureErrorCode == "SecurityRuleConflict")
    }

    @Test func invalidPortsAndPrefixesAreReported() {
        let text = """
            [{"id": "\(netID("networkSecurityGroups/nsg1"))", "type": "Microsoft.Network/networkSecurityGroups", "properties": {"securityRules": [
              {"name": "r", "properties": {"priority": 100, "direction": "Inbound", "access": "Allow", "protocol": "Tcp",
               "sourceAddressPrefix": "10.0.0.300/24", "sourcePortRange": "*", "destinationAddressPrefix": "10.0.0.1/24",
               "destinationPortRange": "70000"}}]}}]
            """
        let topology = load(text).1
        let ids = topology.diagnostics.map(\.id)
        #expect(ids.contains(DiagnosticID.invalidPrefix))
        #expect(ids.contains(DiagnosticID.prefixHostBits))
        #expect(ids.contains(DiagnosticID.invalidPort))
        // The host-bits prefix is reported, and analysis continues with the network it names.
        let hostBits = topology.diagnostics.first { $0.id == DiagnosticID.prefixHostBits }
        #expect(hostBits?.message.contains("10.0.0.0/24") == true)
        #expect(topology.networkSecurityGroups.values.first?.securityRules.first?.destination == [.prefix(try! IPPrefix(parsing: "10.0.0.0/24"))])
    }

    @Test func unknownProtocolIsReported() {
        let text = """
            [{"id": "\(netID("networkSecurityGroups/nsg1"))", "type": "Microsoft.Network/networkSecurityGroups", "properties": {"securityRules": [
              {"name": "r", "properties": {"priority": 100, "direction": "Inbound", "access": "Allow", "protocol": "Gre",
               "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "*"}}]}}]
            """
        #expect(diagnostics(text, id: DiagnosticID.invalidProtocol).count == 1)
    }

    /// A private endpoint can't be created in a delegated subnet (PrivateEndpointCreationNotAllowedAsSubnetIsDelegated).
    @Test func privateEndpointInDelegatedSubnet() {
        let delegated = ", \"delegations\": [{\"name\": \"d\", \"properties\": {\"serviceName\": \"Microsoft.Web/serverFarms\"}}]"
        let endpoint = """
            {"id": "\(netID("privateEndpoints/pe1"))", "type": "Microsoft.Network/privateEndpoints", "location": "westeurope",
             "properties": {"subnet": {"id": "\(netID("virtualNetworks/vnet1/subnets/default"))"}, "privateLinkServiceConnections": []}}
            """
        let found = diagnostics("[\(vnetJSON(extraSubnetProperties: delegated)), \(endpoint)]", id: DiagnosticID.privateEndpointInDelegatedSubnet)
        #expect(found.count == 1)
        #expect(found.first?.azureErrorCode == "PrivateEndpointCreationNotAllowedAsSubnetIsDelegated")
        #expect(diagnostics("[\(vnetJSON()), \(endpoint)]", id: DiagnosticID.privateEndpointInDelegatedSubnet).isEmpty)
    }

    /// SQL MI connectivity-architecture-overview.md: the subnet must be delegated to Microsoft.Sql/managedInstances.
    @Test func managedInstanceSubnetMustBeDelegated() {
        let instance = """
            {"id": "\(sub)/providers/Microsoft.Sql/managedInstances/mi1", "type": "Microsoft.Sql/managedInstances", "location": "westeurope",
             "properties": {"subnetId": "\(netID("virtualNetworks/vnet1/subnets/default"))"}}
            """
        #expect(diagnostics("[\(vnetJSON()), \(instance)]", id: DiagnosticID.managedInstanceSubnetNotDelegated).count == 1)
        let delegated = ", \"delegations\": [{\"name\": \"mi\", \"properties\": {\"serviceName\": \"Microsoft.Sql/managedInstances\"}}]"
        #expect(diagnostics("[\(vnetJSON(extraSubnetProperties: delegated)), \(instance)]", id: DiagnosticID.managedInstanceSubnetNotDelegated).isEmpty)
    }

    /// vpn-gateway-about-vpn-gateway-settings.md: the gateway subnet must be named GatewaySubnet.
    @Test(arguments: [("GatewaySubnet", 0), ("default", 1)])
    func gatewayMustBeInGatewaySubnet(subnet: String, expected: Int) {
        let gateway = """
            {"id": "\(netID("virtualNetworkGateways/gw"))", "type": "Microsoft.Network/virtualNetworkGateways", "location": "westeurope",
             "properties": {"gatewayType": "Vpn", "ipConfigurations": [{"name": "c", "properties": {"subnet": {"id": "\(netID("virtualNetworks/vnet1/subnets/\(subnet)"))"}}}]}}
            """
        let vnet = vnetJSON(subnets: [(subnet, "10.0.0.0/27")])
        #expect(diagnostics("[\(vnet), \(gateway)]", id: DiagnosticID.gatewayNotInGatewaySubnet).count == expected)
    }
}
