import NetTwinCore
import Testing

/// NSG semantics of network-security-groups-overview.md, service-tags-overview.md,
/// application-security-groups.md and disable-private-endpoint-network-policy.md.
@Suite struct SecuritySemanticsTests {
    func verify(_ resources: [String], nic: String, _ direction: SecurityRuleDirection, local: String, localPort: UInt16, remote: String, remotePort: UInt16 = 50000, protocol: ProtocolSet = .tcp) throws -> IPFlowVerifier.Evaluation {
        let topology = loadText("[" + resources.joined(separator: ",\n") + "]")
        let errors = topology.diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors)")
        let verifier = IPFlowVerifier(security: SecurityEngine(topology: topology, serviceTags: bundledTags))
        return verifier.evaluate(
            .init(direction: direction, protocol: `protocol`, localAddress: ip(local), localPort: localPort, remoteAddress: ip(remote), remotePort: remotePort),
            nic: try topology.networkInterface(named: nic))
    }

    /// Application security groups: "rules with an ASG apply only to NICs that are members" — the
    /// article's example: AsgLogic → AsgDb on 1433 allowed, anything else → AsgDb 1433 denied.
    @Test func applicationSecurityGroups() throws {
        let rules = [
            Build.rule("Allow-Logic-Db", 110, "Inbound", "Allow",
                       source: "\"sourceApplicationSecurityGroups\": [\(Build.ref("applicationSecurityGroups/AsgLogic"))]",
                       destination: "\"destinationApplicationSecurityGroups\": [\(Build.ref("applicationSecurityGroups/AsgDb"))]", ports: "\"destinationPortRange\": \"1433\""),
            Build.rule("Deny-Database-All", 120, "Inbound", "Deny", protocol: "*",
                       destination: "\"destinationApplicationSecurityGroups\": [\(Build.ref("applicationSecurityGroups/AsgDb"))]", ports: "\"destinationPortRange\": \"1433\""),
        ]
        let asgs = ["AsgLogic", "AsgDb"].map { "{\"id\": \"\(Build.sub)/applicationSecurityGroups/\($0)\", \"type\": \"Microsoft.Network/applicationSecurityGroups\", \"location\": \"westeurope\"}" }
        let resources = [Build.vnet("v", "10.0.0.0/16", subnets: [("s", "10.0.0.0/24", "\"networkSecurityGroup\": \(Build.ref("networkSecurityGroups/nsg"))")]),
                         Build.nsg("nsg", rules: rules),
                         Build.nic("logic", vnet: "v", subnet: "s", address: "10.0.0.4", asgs: ["AsgLogic"]),
                         Build.nic("db", vnet: "v", subnet: "s", address: "10.0.0.5", asgs: ["AsgDb"]),
                         Build.nic("web", vnet: "v", subnet: "s", address: "10.0.0.6")] + asgs
        let fromLogic = try verify(resources, nic: "db", .inbound, local: "10.0.0.5", localPort: 1433, remote: "10.0.0.4")
        #expect(fromLogic.access == .allow && fromLogic.ruleName == "securityRules/Allow-Logic-Db")
        let fromWeb = try verify(resources, nic: "db", .inbound, local: "10.0.0.5", localPort: 1433, remote: "10.0.0.6")
        #expect(fromWeb.access == .deny && fromWeb.ruleName == "securityRules/Deny-Database-All")
        // The deny names AsgDb as destination: it does not apply to the web NIC.
        let toWeb = try verify(resources, nic: "web", .inbound, local: "10.0.0.6", localPort: 1433, remote: "10.0.0.4")
        #expect(toWeb.access == .allow && toWeb.ruleName == "defaultSecurityRules/AllowVnetInBound")
    }

    /// Augmented rules: several prefixes and several port ranges in one rule.
    @Test(arguments: [("198.51.100.9", UInt16(3342), SecurityRuleAccess.allow), ("203.0.113.70", 1433, .allow), ("203.0.113.70", 1434, .deny), ("192.0.2.1", 3342, .deny)])
    func augmentedRule(remote: String, port: UInt16, access: SecurityRuleAccess) throws {
        let rule = Build.rule("known-ranges", 100, "Inbound", "Allow",
                              source: "\"sourceAddressPrefixes\": [\"198.51.100.0/28\", \"203.0.113.64/27\"]",
                              ports: "\"destinationPortRanges\": [\"3342\", \"1433\"]")
        let resources = [Build.vnet("v", "10.0.0.0/16", subnets: [("s", "10.0.0.0/24", "")]), Build.nsg("nsg", rules: [rule]),
                         Build.nic("n", vnet: "v", subnet: "s", address: "10.0.0.4", nsg: "nsg")]
        #expect(try verify(resources, nic: "n", .inbound, local: "10.0.0.4", localPort: port, remote: remote).access == access)
    }

    /// Service tags from the published data: an outbound allow to Sql.WestEurope before a deny to Internet.
    @Test func serviceTagRule() throws {
        let rules = [Build.rule("allow-sql", 100, "Outbound", "Allow", destination: "\"destinationAddressPrefix\": \"Sql.WestEurope\"", ports: "\"destinationPortRange\": \"1433\""),
                     Build.rule("deny-internet", 200, "Outbound", "Deny", protocol: "*", destination: "\"destinationAddressPrefix\": \"Internet\"")]
        let resources = [Build.vnet("v", "10.0.0.0/16", subnets: [("s", "10.0.0.0/24", "")]), Build.nsg("nsg", rules: rules),
                         Build.nic("n", vnet: "v", subnet: "s", address: "10.0.0.4", nsg: "nsg")]
        let sql = try #require(bundledTags.tag(named: "Sql.WestEurope")?.prefixes.first { $0.isIPv4 }).network
        #expect(try verify(resources, nic: "n", .outbound, local: "10.0.0.4", localPort: 50000, remote: sql.description, remotePort: 1433).ruleName == "securityRules/allow-sql")
        #expect(try verify(resources, nic: "n", .outbound, local: "10.0.0.4", localPort: 50000, remote: "8.8.8.8", remotePort: 1433).ruleName == "securityRules/deny-internet")
    }

    func peered(access: Bool, onPremises: Bool) -> [String] {
        var resources = [
            Build.vnet("hub", "10.0.0.0/16", subnets: [("GatewaySubnet", "10.0.0.0/27", ""), ("s", "10.0.1.0/24", "")],
                       peerings: [("spoke", "\"peeringState\": \"Connected\", \"allowVirtualNetworkAccess\": \(access), \"allowGatewayTransit\": true")]),
            Build.vnet("spoke", "10.1.0.0/16", subnets: [("s", "10.1.0.0/24", "")],
                       peerings: [("hub", "\"peeringState\": \"Connected\", \"allowVirtualNetworkAccess\": \(access), \"useRemoteGateways\": \(onPremises)")]),
            Build.nsg("nsg", rules: []),
            Build.nic("n", vnet: "spoke", subnet: "s", address: "10.1.0.4", nsg: "nsg"),
        ]
        // Azure refuses useRemoteGateways towards a VNet without a gateway (RemoteVnetHasNoGateways), so
        // the spoke uses the hub's gateway only when there is one.
        if onPremises { resources.append(Build.vpnHub(vnet: "hub", onPremises: "192.168.10.0/24")) }
        return resources
    }

    /// The VirtualNetwork tag includes peered VNets and connected on-premises ranges; with access to
    /// the remote network disabled, the peered VNet is not in it.
    @Test func virtualNetworkTagReach() throws {
        let fromHub = try verify(peered(access: true, onPremises: true), nic: "n", .inbound, local: "10.1.0.4", localPort: 22, remote: "10.0.1.9")
        #expect(fromHub.ruleName == "defaultSecurityRules/AllowVnetInBound")
        let fromOnPremises = try verify(peered(access: true, onPremises: true), nic: "n", .inbound, local: "10.1.0.4", localPort: 22, remote: "192.168.10.9")
        #expect(fromOnPremises.access == .allow && fromOnPremises.ruleName == "defaultSecurityRules/AllowVnetInBound")
        let unconnected = try verify(peered(access: true, onPremises: false), nic: "n", .inbound, local: "10.1.0.4", localPort: 22, remote: "192.168.10.9")
        #expect(unconnected.ruleName == "defaultSecurityRules/DenyAllInBound")
        let noAccess = try verify(peered(access: false, onPremises: false), nic: "n", .inbound, local: "10.1.0.4", localPort: 22, remote: "10.0.1.9")
        #expect(noAccess.ruleName == "defaultSecurityRules/DenyAllInBound")
    }

    /// "address prefixes used on user-defined routes" are in the VirtualNetwork tag: a 0.0.0.0/0 user
    /// route makes AllowVnetInBound match every source.
    @Test func defaultUserRouteWidensTheVirtualNetworkTag() throws {
        let resources = [Build.vnet("v", "10.0.0.0/16", subnets: [("s", "10.0.0.0/24", "\"routeTable\": \(Build.ref("routeTables/rt"))")]),
                         Build.routeTable("rt", routes: [("0.0.0.0/0", "VirtualAppliance", "10.0.0.100")]),
                         Build.nsg("nsg", rules: []), Build.nic("n", vnet: "v", subnet: "s", address: "10.0.0.4", nsg: "nsg")]
        #expect(try verify(resources, nic: "n", .inbound, local: "10.0.0.4", localPort: 22, remote: "8.8.8.8").ruleName == "defaultSecurityRules/AllowVnetInBound")
    }

    /// AzureLoadBalancer is the host address 168.63.129.16.
    @Test func loadBalancerProbes() throws {
        let resources = [Build.vnet("v", "10.0.0.0/16", subnets: [("s", "10.0.0.0/24", "")]), Build.nsg("nsg", rules: []),
                         Build.nic("n", vnet: "v", subnet: "s", address: "10.0.0.4", nsg: "nsg")]
        let probe = try verify(resources, nic: "n", .inbound, local: "10.0.0.4", localPort: 80, remote: "168.63.129.16")
        #expect(probe.ruleName == "defaultSecurityRules/AllowVnetInBound" || probe.ruleName == "defaultSecurityRules/AllowAzureLoadBalancerInBound")
        #expect(probe.access == .allow)
        #expect(try verify(resources, nic: "n", .inbound, local: "10.0.0.4", localPort: 80, remote: "168.63.129.17").access == .deny)
    }

    /// A subnet NSG applies to a private endpoint's NIC only when the subnet's network policies enable NSGs.
    @Test(arguments: [("Disabled", SecurityRuleAccess.allow), ("Enabled", .deny), ("NetworkSecurityGroupEnabled", .deny), ("RouteTableEnabled", .allow)])
    func privateEndpointNetworkPolicies(policies: String, access: SecurityRuleAccess) throws {
        let denyAll = Build.rule("deny-all", 100, "Inbound", "Deny", protocol: "*")
        let resources = [
            Build.vnet("v", "10.0.0.0/16", subnets: [("pe", "10.0.1.0/24", "\"privateEndpointNetworkPolicies\": \"\(policies)\", \"networkSecurityGroup\": \(Build.ref("networkSecurityGroups/nsg"))")]),
            Build.nsg("nsg", rules: [denyAll]),
            """
            {"id": "\(Build.sub)/networkInterfaces/pe-nic", "type": "Microsoft.Network/networkInterfaces", "location": "westeurope",
             "properties": {"privateEndpoint": \(Build.ref("privateEndpoints/pe")), "ipConfigurations": [{"name": "c", "properties": {"privateIPAddress": "10.0.1.4", "subnet": \(Build.ref("virtualNetworks/v/subnets/pe"))}}]}}
            """,
            """
            {"id": "\(Build.sub)/privateEndpoints/pe", "type": "Microsoft.Network/privateEndpoints", "location": "westeurope",
             "properties": {"subnet": \(Build.ref("virtualNetworks/v/subnets/pe")), "networkInterfaces": [\(Build.ref("networkInterfaces/pe-nic"))], "privateLinkServiceConnections": []}}
            """,
        ]
        #expect(try verify(resources, nic: "pe-nic", .inbound, local: "10.0.1.4", localPort: 1433, remote: "10.0.0.9").access == access)
    }

    /// "Any encompasses TCP, UDP, and ICMP"; a Tcp rule does not match UDP.
    @Test func protocolMatching() throws {
        let resources = [Build.vnet("v", "10.0.0.0/16", subnets: [("s", "10.0.0.0/24", "")]),
                         Build.nsg("nsg", rules: [Build.rule("dns", 100, "Inbound", "Allow", protocol: "Tcp", ports: "\"destinationPortRange\": \"53\"")]),
                         Build.nic("n", vnet: "v", subnet: "s", address: "10.0.0.4", nsg: "nsg")]
        #expect(try verify(resources, nic: "n", .inbound, local: "10.0.0.4", localPort: 53, remote: "8.8.8.8", protocol: .tcp).access == .allow)
        #expect(try verify(resources, nic: "n", .inbound, local: "10.0.0.4", localPort: 53, remote: "8.8.8.8", protocol: .udp).access == .deny)
    }
}
