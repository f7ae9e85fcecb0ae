import NetTwinChecks
import NetTwinCore
import Testing

/// NT-MI-001..005. Expected values from public-endpoint-configure.md (allow 3342 from known addresses
/// only), connectivity-architecture-overview.md (delegated subnet with an NSG and a route table) and
/// connection-types-overview.md (Redirect: 1433 and 11000-11999).
@Suite struct ManagedInstanceRuleTests {
    func miWorld(publicEndpoint: Bool = true, source: String = "203.0.113.64/27", subnetExtras: String? = nil) -> Topology {
        let extras = subnetExtras ?? [Res.nsgRef("nsg-mi"), Res.routeTableRef("rt-mi"), Res.miDelegation].joined(separator: ", ")
        return topology(
            Res.vnet("vnet-mi", "10.1.0.0/16", subnets: [("snet-mi", "10.1.0.0/24", extras)]),
            Res.nsg("nsg-mi", Res.rule("allow_public_endpoint_inbound", 1300, "Inbound", "Allow", source: source, ports: "3342"),
                    Res.rule("deny_all_inbound", 4096, "Inbound", "Deny", protocol: "*")),
            Res.routeTable("rt-mi"),
            Res.managedInstance("sqlmi", vnet: "vnet-mi", subnet: "snet-mi", publicEndpoint: publicEndpoint))
    }

    @Test func publicEndpointFromAnyIsTheWholeInternet() throws {
        let found = findings(miWorld(source: "*"), rule: "NT-MI-001")
        #expect(try #require(found.first).message == "public endpoint of managed instance 'sqlmi' (tcp 3342) is reachable from the whole internet")
        #expect(found.count == 1)
    }

    @Test func aSlash24IsAtTheDefaultLimit() throws {
        let found = findings(miWorld(source: "203.0.113.0/24"), rule: "NT-MI-001")
        #expect(try #require(found.first).message == "public endpoint of managed instance 'sqlmi' (tcp 3342) admits source ranges of /24 or wider: 203.0.113.0/24")
        // A looser limit accepts it; a known range is never reported.
        #expect(findings(miWorld(source: "203.0.113.0/24"), rule: "NT-MI-001", configuration: CheckConfiguration(publicSourcePrefixLimit: 20)).isEmpty)
        let known = CheckConfiguration(knownSources: IPAddressSet(prefixes: [try IPPrefix(parsing: "203.0.113.0/24")]))
        #expect(findings(miWorld(source: "203.0.113.0/24"), rule: "NT-MI-001", configuration: known).isEmpty)
    }

    @Test func wellKnownNarrowSourcesPass() {
        #expect(findings(miWorld(), rule: "NT-MI-001").isEmpty)
    }

    @Test func aDisabledPublicEndpointIsNotExposed() {
        #expect(findings(miWorld(publicEndpoint: false, source: "*"), rule: "NT-MI-001").isEmpty)
    }

    @Test func noNSGMeansNothingFiltersThePublicEndpoint() throws {
        let world = miWorld(subnetExtras: [Res.routeTableRef("rt-mi"), Res.miDelegation].joined(separator: ", "))
        let found = findings(world, rule: "NT-MI-001")
        #expect(try #require(found.first).message.contains("reachable from the whole internet"))
        #expect(try #require(findings(world, rule: "NT-MI-002").first).message == "subnet 'vnet-mi/snet-mi' of managed instance 'sqlmi' has no network security group")
    }

    @Test func subnetRequirements() throws {
        #expect(findings(miWorld(), rule: "NT-MI-002").isEmpty)
        #expect(findings(miWorld(), rule: "NT-MI-003").isEmpty)
        #expect(findings(miWorld(), rule: "NT-MI-004").isEmpty)
        let bare = miWorld(subnetExtras: Res.nsgRef("nsg-mi"))
        #expect(try #require(findings(bare, rule: "NT-MI-003").first).message == "subnet 'vnet-mi/snet-mi' of managed instance 'sqlmi' has no route table")
        #expect(try #require(findings(bare, rule: "NT-MI-004").first).message == "subnet 'vnet-mi/snet-mi' of managed instance 'sqlmi' is not delegated to 'Microsoft.Sql/managedInstances'")
    }

    // MARK: NT-MI-005

    func clientWorld(appRules: [String], proxyOverride: String = "Redirect") -> Topology {
        topology(
            Res.vnet("vnet-mi", "10.1.0.0/16", subnets: [("snet-mi", "10.1.0.0/24", [Res.nsgRef("nsg-mi"), Res.routeTableRef("rt-mi"), Res.miDelegation].joined(separator: ", "))], peeredWith: ["vnet-app"]),
            Res.vnet("vnet-app", "10.2.0.0/16", subnets: [("snet-vm", "10.2.1.0/24", Res.nsgRef("nsg-app"))], peeredWith: ["vnet-mi"]),
            Res.nsg("nsg-mi", Res.rule("allow_tds_inbound", 1000, "Inbound", "Allow", source: "VirtualNetwork", ports: "1433"),
                    Res.rule("allow_redirect_inbound", 1100, "Inbound", "Allow", source: "VirtualNetwork", ports: "11000-11999")),
            Res.nsg("nsg-app", appRules.joined(separator: ", ")),
            Res.routeTable("rt-mi"),
            Res.nic("nic-vm", vnet: "vnet-app", subnet: "snet-vm", address: "10.2.1.4", vm: "vm1"),
            Res.managedInstance("sqlmi", vnet: "vnet-mi", subnet: "snet-mi", proxyOverride: proxyOverride))
    }

    @Test func aDenyInsideTheRedirectRangeIsFoundWithItsExactPorts() throws {
        let world = clientWorld(appRules: [Res.rule("deny_some_redirect", 100, "Outbound", "Deny", destination: "10.1.0.0/24", ports: "11500-11600")])
        let found = findings(world, rule: "NT-MI-005")
        #expect(try #require(found.first).message == "subnet 'vnet-app/snet-vm' is blocked outbound to managed instance 'sqlmi' on tcp 11500-11600")
        #expect(found.count == 1)
    }

    @Test func aDenyOf1433IsFoundEvenWithProxy() throws {
        let world = clientWorld(appRules: [Res.rule("deny_tds", 100, "Outbound", "Deny", ports: "1433")], proxyOverride: "Proxy")
        #expect(try #require(findings(world, rule: "NT-MI-005").first).message.hasSuffix("on tcp 1433"))
    }

    @Test func theRedirectRangeDoesNotMatterWithProxy() {
        let world = clientWorld(appRules: [Res.rule("deny_redirect", 100, "Outbound", "Deny", ports: "11000-11999")], proxyOverride: "Proxy")
        #expect(findings(world, rule: "NT-MI-005").isEmpty)
    }

    /// connect-application-instance.md names "an application in the same VNet, different subnet" first: the instance
    /// subnet's NSG lets 1433 in from the VNet but not 11000-11999, so logins succeed and sessions fail.
    @Test func aSameVNetClientBlockedOnTheRedirectRange() throws {
        let world = topology(
            Res.vnet("vnet-mi", "10.1.0.0/16", subnets: [("snet-mi", "10.1.0.0/24", [Res.nsgRef("nsg-mi"), Res.routeTableRef("rt-mi"), Res.miDelegation].joined(separator: ", ")),
                                                         ("snet-app", "10.1.1.0/24", "")]),
            Res.nsg("nsg-mi", Res.rule("allow_tds_inbound", 1000, "Inbound", "Allow", source: "VirtualNetwork", ports: "1433"),
                    Res.rule("deny_all_inbound", 4096, "Inbound", "Deny", protocol: "*")),
            Res.routeTable("rt-mi"),
            Res.nic("nic-app", vnet: "vnet-mi", subnet: "snet-app", address: "10.1.1.4", vm: "app1"),
            Res.managedInstance("sqlmi", vnet: "vnet-mi", subnet: "snet-mi", proxyOverride: "Redirect"))
        let found = findings(world, rule: "NT-MI-005")
        let finding = try #require(found.first)
        #expect(found.count == 1)
        #expect(finding.message == "subnet 'vnet-mi/snet-app' is blocked to managed instance 'sqlmi' on tcp 11000-11999")
        #expect(finding.evidence.contains { $0.contains("the login on 1433 gets through") })
        // With Proxy the same NSG is fine.
        let proxy = topology(
            Res.vnet("vnet-mi", "10.1.0.0/16", subnets: [("snet-mi", "10.1.0.0/24", [Res.nsgRef("nsg-mi"), Res.routeTableRef("rt-mi"), Res.miDelegation].joined(separator: ", ")),
                                                         ("snet-app", "10.1.1.0/24", "")]),
            Res.nsg("nsg-mi", Res.rule("allow_tds_inbound", 1000, "Inbound", "Allow", source: "VirtualNetwork", ports: "1433"),
                    Res.rule("deny_all_inbound", 4096, "Inbound", "Deny", protocol: "*")),
            Res.routeTable("rt-mi"),
            Res.nic("nic-app", vnet: "vnet-mi", subnet: "snet-app", address: "10.1.1.4", vm: "app1"),
            Res.managedInstance("sqlmi", vnet: "vnet-mi", subnet: "snet-mi", proxyOverride: "Proxy"))
        #expect(findings(proxy, rule: "NT-MI-005").isEmpty)
    }

    /// On-premises clients behind the VPN gateway: 1433 allowed from 192.168.0.0/16, the redirect range not.
    @Test func anOnPremisesClientBlockedOnTheRedirectRange() throws {
        let gateway = """
            {"id": "\(Res.id("Microsoft.Network/virtualNetworkGateways/gw"))", "type": "Microsoft.Network/virtualNetworkGateways", "location": "westeurope",
             "properties": {"gatewayType": "Vpn", "vpnType": "RouteBased", "ipConfigurations": [{"name": "c", "properties": {"subnet": \(Res.ref("Microsoft.Network/virtualNetworks/vnet-mi/subnets/GatewaySubnet"))}}]}},
            {"id": "\(Res.id("Microsoft.Network/localNetworkGateways/onprem"))", "type": "Microsoft.Network/localNetworkGateways", "location": "westeurope",
             "properties": {"gatewayIpAddress": "203.0.113.10", "localNetworkAddressSpace": {"addressPrefixes": ["192.168.0.0/16"]}}},
            {"id": "\(Res.id("Microsoft.Network/connections/cn"))", "type": "Microsoft.Network/connections", "location": "westeurope",
             "properties": {"connectionType": "IPsec", "connectionStatus": "Connected", "virtualNetworkGateway1": \(Res.ref("Microsoft.Network/virtualNetworkGateways/gw")), "localNetworkGateway2": \(Res.ref("Microsoft.Network/localNetworkGateways/onprem"))}}
            """
        let world = topology(
            Res.vnet("vnet-mi", "10.1.0.0/16", subnets: [("snet-mi", "10.1.0.0/24", [Res.nsgRef("nsg-mi"), Res.routeTableRef("rt-mi"), Res.miDelegation].joined(separator: ", ")),
                                                         ("GatewaySubnet", "10.1.255.0/27", "")]),
            Res.nsg("nsg-mi", Res.rule("allow_tds_onprem", 1000, "Inbound", "Allow", source: "192.168.0.0/16", ports: "1433"),
                    Res.rule("deny_all_inbound", 4096, "Inbound", "Deny", protocol: "*")),
            Res.routeTable("rt-mi"), gateway,
            Res.managedInstance("sqlmi", vnet: "vnet-mi", subnet: "snet-mi", proxyOverride: "Redirect"))
        let finding = try #require(findings(world, rule: "NT-MI-005").first)
        #expect(finding.message == "on-premises range 192.168.0.0/16 (local network gateway 'onprem') is blocked to managed instance 'sqlmi' on tcp 11000-11999")
    }

    @Test func openClientsPass() {
        #expect(findings(clientWorld(appRules: []), rule: "NT-MI-005").isEmpty)
    }
}
