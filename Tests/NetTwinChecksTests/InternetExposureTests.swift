import NetTwinChecks
import NetTwinCore
import Testing

/// NT-NET-001 / NT-NET-002. Expected values from network-security-group-how-it-works.md and
/// network-security-groups-overview.md: rules are processed in priority order, the first match decides,
/// and the `Internet` tag is the public address space outside the virtual network.
@Suite struct InternetExposureTests {
    func world(_ rules: String...) -> Topology {
        topology(
            Res.vnet("vnet1", "10.0.0.0/16", subnets: [("web", "10.0.1.0/24", Res.nsgRef("nsg-web"))]),
            Res.nsg("nsg-web", rules.joined(separator: ", ")))
    }

    @Test func sshFromAnyIsReportedAsTheWholeInternet() throws {
        let found = findings(world(Res.rule("allow-ssh", 200, "Inbound", "Allow", ports: "22")), rule: "NT-NET-001")
        let finding = try #require(found.first)
        #expect(found.count == 1)
        #expect(finding.message == "nsg 'nsg-web' rule 'allow-ssh' opens tcp 22 to the whole internet")
        #expect(finding.resourceID.name == "allow-ssh")
        #expect(finding.evidence.contains { $0.contains("applies to subnet 'vnet1/web'") })
    }

    /// A jump box NSG on a NIC whose address is Dynamic (a template: the address is allocated at deployment,
    /// from the NIC's subnet). The rule applies to that NIC whatever address it gets (found by comparing
    /// with Checkov on hub-and-spoke-sandbox, azurefirewall-forced-tunneling and azurefirewall-with-zones-sandbox).
    @Test func aNicWithADynamicAddressIsStillExposed() throws {
        let nic = """
            {"id": "\(Res.id("Microsoft.Network/networkInterfaces/jump-nic"))", "type": "Microsoft.Network/networkInterfaces", "location": "westeurope",
             "properties": {"networkSecurityGroup": \(Res.ref("Microsoft.Network/networkSecurityGroups/nsg-jump")),
               "ipConfigurations": [{"name": "ipconfig1", "properties": {"privateIPAllocationMethod": "Dynamic", "subnet": \(Res.ref("Microsoft.Network/virtualNetworks/vnet1/subnets/jump"))}}]}}
            """
        let world = topology(
            Res.vnet("vnet1", "10.0.0.0/16", subnets: [("jump", "10.0.2.0/24", "")]),
            Res.nsg("nsg-jump", Res.rule("rdp", 1000, "Inbound", "Allow", ports: "3389")), nic)
        let finding = try #require(findings(world, rule: "NT-NET-001").first)
        #expect(finding.message == "nsg 'nsg-jump' rule 'rdp' opens tcp 3389 to the whole internet")
        #expect(finding.evidence.contains { $0.contains("network interface 'jump-nic'") })
    }

    /// nsg-add-to-existing-subnet (corpus): a linked template attaches the NSG to an existing subnet whose prefix
    /// the template does not know. The rule applies to whatever addresses the subnet has (found by comparing with
    /// Checkov's CKV_AZURE_10).
    @Test func aSubnetWithoutAKnownPrefixIsStillExposed() throws {
        let subnet = """
            {"id": "\(Res.id("Microsoft.Network/virtualNetworks/existing/subnets/default"))", "type": "Microsoft.Network/virtualNetworks/subnets",
             "properties": {\(Res.nsgRef("new-nsg"))}}
            """
        let world = topology(Res.nsg("new-nsg", Res.rule("SSH", 1000, "Inbound", "Allow", ports: "22")), subnet)
        let finding = try #require(findings(world, rule: "NT-NET-001").first)
        #expect(finding.message == "nsg 'new-nsg' rule 'SSH' opens tcp 22 to the whole internet")
        #expect(finding.evidence.contains { $0.contains("known only at deployment") })
    }

    @Test func aHigherPriorityDenyFromInternetShadowsTheAllow() {
        // Checkov's port check reads rules one by one; the Deny at 100 decides first for every Internet source.
        let found = findings(world(
            Res.rule("deny-internet", 100, "Inbound", "Deny", source: "Internet", ports: "22"),
            Res.rule("allow-ssh", 200, "Inbound", "Allow", ports: "22")), rule: "NT-NET-001")
        #expect(found.isEmpty)
    }

    @Test func aPartialDenyLeavesTheRestExposed() throws {
        // Deny 0.0.0.0/1 first: the Allow still admits the public half 128.0.0.0/1, starting with 128.0.0.0/3.
        let found = findings(world(
            Res.rule("deny-low-half", 100, "Inbound", "Deny", source: "0.0.0.0/1", ports: "3389"),
            Res.rule("allow-rdp", 200, "Inbound", "Allow", source: "Internet", ports: "3389")), rule: "NT-NET-001")
        let finding = try #require(found.first)
        #expect(finding.message.hasPrefix("nsg 'nsg-web' rule 'allow-rdp' opens tcp 3389 to 128.0.0.0/3"))
        #expect(!finding.message.contains("the whole internet"))
    }

    @Test func aDenyOfAnotherProtocolDoesNotShadow() {
        let found = findings(world(
            Res.rule("deny-udp", 100, "Inbound", "Deny", ports: "22", protocol: "Udp"),
            Res.rule("allow-ssh", 200, "Inbound", "Allow", ports: "22")), rule: "NT-NET-001")
        #expect(found.count == 1)
    }

    @Test func virtualNetworkSourcesAreNotInternet() {
        #expect(findings(world(Res.rule("allow-ssh-vnet", 200, "Inbound", "Allow", source: "VirtualNetwork", ports: "22")), rule: "NT-NET-001").isEmpty)
    }

    @Test func knownSourcesAreNotReported() {
        let topology = world(Res.rule("allow-ssh-office", 200, "Inbound", "Allow", source: "198.51.100.0/24", ports: "22"))
        #expect(findings(topology, rule: "NT-NET-001").count == 1)
        let configuration = CheckConfiguration(knownSources: IPAddressSet(prefixes: [try! IPPrefix(parsing: "198.51.100.0/24")]))
        #expect(findings(topology, rule: "NT-NET-001", configuration: configuration).isEmpty)
    }

    @Test func databasePortFromInternetTag() throws {
        let found = findings(world(Res.rule("allow-pg", 300, "Inbound", "Allow", source: "Internet", ports: "5432")), rule: "NT-NET-002")
        #expect(try #require(found.first).message == "nsg 'nsg-web' rule 'allow-pg' opens tcp 5432 to the whole internet")
        // The management rule does not report database ports.
        #expect(findings(world(Res.rule("allow-pg", 300, "Inbound", "Allow", source: "Internet", ports: "5432")), rule: "NT-NET-001").isEmpty)
    }

    @Test func databasePortFromVirtualNetworkOnlyIsClean() {
        #expect(findings(world(Res.rule("allow-sql", 300, "Inbound", "Allow", source: "VirtualNetwork", ports: "1433")), rule: "NT-NET-002").isEmpty)
    }

    @Test func theDefaultRulesOpenNothing() {
        #expect(findings(world(), rule: "NT-NET-001").isEmpty)
        #expect(findings(world(), rule: "NT-NET-002").isEmpty)
    }
}
