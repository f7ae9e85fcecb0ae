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

    @Test func openClientsPass() {
        #expect(findings(clientWorld(appRules: []), rule: "NT-MI-005").isEmpty)
    }
}
