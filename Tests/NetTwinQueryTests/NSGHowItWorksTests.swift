import NetTwinCore
import Testing

/// The scenario of network-security-group-how-it-works.md (commit 0b167e76): NSG1 on Subnet1 (VM1,
/// VM2), NSG2 on the NICs of VM1 and VM3, nothing on VM4. Baseline: both NSGs allow TCP 80 from the
/// Internet. Expected outcomes are the article's, per Fixtures/nsg-how-it-works.md.
@Suite struct NSGHowItWorksTests {
    let base = loadFixture("nsg-how-it-works.json")
    let internetClient = ip("198.51.100.7")
    let vms = ["VM1-nic": "10.0.1.4", "VM2-nic": "10.0.1.5", "VM3-nic": "10.0.2.4", "VM4-nic": "10.0.3.4"]

    func verify(_ topology: Topology, _ nic: String, _ direction: SecurityRuleDirection) throws -> IPFlowVerifier.Evaluation {
        let verifier = IPFlowVerifier(security: SecurityEngine(topology: topology, serviceTags: bundledTags))
        let local = ip(vms[nic]!)
        let question = direction == .inbound
            ? IPFlowVerifier.Question(direction: .inbound, protocol: .tcp, localAddress: local, localPort: 80, remoteAddress: internetClient, remotePort: 60000)
            : IPFlowVerifier.Question(direction: .outbound, protocol: .tcp, localAddress: local, localPort: 60000, remoteAddress: ip("13.107.21.200"), remotePort: 80)
        return verifier.evaluate(question, nic: try topology.networkInterface(named: nic))
    }

    func nsgID(_ name: String, in topology: Topology) -> ResourceID {
        topology.networkSecurityGroups.keys.first { $0.name == name }!
    }

    func removingCustomRules(from name: String) -> Topology {
        var topology = base
        topology.networkSecurityGroups[nsgID(name, in: topology)]!.securityRules = []
        return topology
    }

    func addingOutboundDeny(to name: String) -> Topology {
        var topology = base
        let rule = SecurityRule(
            name: "Deny-HTTP-Outbound-Internet", priority: 100, direction: .outbound, access: .deny, protocols: .tcp, protocolText: "Tcp",
            source: [.any], destination: [.serviceTag("Internet")], sourcePorts: .all, destinationPorts: PortSet(80),
            sourcePortTexts: ["*"], destinationPortTexts: ["80"])
        topology.networkSecurityGroups[nsgID(name, in: topology)]!.securityRules.append(rule)
        return topology
    }

    /// "To allow port 80 to the virtual machine, both NSG1 and NSG2 must have a rule that allows port 80."
    @Test func baselineInboundAllowsEveryVM() throws {
        for nic in vms.keys.sorted() {
            #expect(try verify(base, nic, .inbound).access == .allow, "\(nic)")
        }
    }

    /// Variant A: only NSG1 allows. VM1 is denied by NSG2's DenyAllInBound; VM2 gets what NSG1 allows;
    /// VM3 is denied by NSG2; VM4 has no NSG.
    @Test func onlySubnetNSGAllows() throws {
        let topology = removingCustomRules(from: "NSG2")
        let vm1 = try verify(topology, "VM1-nic", .inbound)
        #expect(vm1.access == .deny && vm1.ruleName == "defaultSecurityRules/DenyAllInBound" && vm1.decidingGroup?.name == "NSG2")
        let vm2 = try verify(topology, "VM2-nic", .inbound)
        #expect(vm2.access == .allow && vm2.ruleName == "securityRules/Allow-HTTP-Inbound-Internet")
        #expect(try verify(topology, "VM3-nic", .inbound).access == .deny)
        let vm4 = try verify(topology, "VM4-nic", .inbound)
        #expect(vm4.access == .allow && vm4.ruleName == nil)
    }

    /// Variant B: only NSG2 allows. VM1 is denied by NSG1 and "never evaluated by NSG2".
    @Test func onlyNICNSGAllows() throws {
        let topology = removingCustomRules(from: "NSG1")
        let vm1 = try verify(topology, "VM1-nic", .inbound)
        #expect(vm1.access == .deny && vm1.decidingGroup?.name == "NSG1" && vm1.groups.count == 1)
        #expect(try verify(topology, "VM2-nic", .inbound).access == .deny)
        #expect(try verify(topology, "VM3-nic", .inbound).ruleName == "securityRules/Allow-HTTP-Inbound-Internet")
    }

    /// Outbound with no custom rule: "allowed by the AllowInternetOutbound default security rule in both NSG1 and NSG2".
    @Test func outboundDefaults() throws {
        for nic in ["VM1-nic", "VM2-nic", "VM3-nic"] {
            let result = try verify(base, nic, .outbound)
            #expect(result.access == .allow && result.ruleName == "defaultSecurityRules/AllowInternetOutBound", "\(nic)")
        }
        // VM1 outbound: NSG2 (NIC) first, then NSG1 (subnet).
        #expect(try verify(base, "VM1-nic", .outbound).groups.map(\.networkSecurityGroup.name) == ["NSG2", "NSG1"])
        #expect(try verify(base, "VM1-nic", .inbound).groups.map(\.networkSecurityGroup.name) == ["NSG1", "NSG2"])
    }

    /// Variant D: NSG2 denies 80 outbound: VM1 denied ("never evaluated by NSG1"), VM2 allowed, VM3 denied.
    @Test func nicNSGDeniesOutbound() throws {
        let topology = addingOutboundDeny(to: "NSG2")
        let vm1 = try verify(topology, "VM1-nic", .outbound)
        #expect(vm1.access == .deny && vm1.ruleName == "securityRules/Deny-HTTP-Outbound-Internet" && vm1.groups.count == 1)
        #expect(try verify(topology, "VM2-nic", .outbound).access == .allow)
        #expect(try verify(topology, "VM3-nic", .outbound).access == .deny)
        #expect(try verify(topology, "VM4-nic", .outbound).access == .allow)
    }

    /// Variant E: NSG1 denies 80 outbound: VM1 and VM2 denied by NSG1, VM3 allowed.
    @Test func subnetNSGDeniesOutbound() throws {
        let topology = addingOutboundDeny(to: "NSG1")
        let vm1 = try verify(topology, "VM1-nic", .outbound)
        #expect(vm1.access == .deny && vm1.decidingGroup?.name == "NSG1")
        #expect(try verify(topology, "VM2-nic", .outbound).access == .deny)
        #expect(try verify(topology, "VM3-nic", .outbound).access == .allow)
    }

    /// "By default, virtual machines in the same subnet can communicate based on a default NSG rule."
    @Test func intraSubnetTrafficIsAllowedByDefault() throws {
        let verifier = IPFlowVerifier(security: SecurityEngine(topology: base, serviceTags: bundledTags))
        let result = verifier.evaluate(
            .init(direction: .inbound, protocol: .tcp, localAddress: ip("10.0.1.4"), localPort: 22, remoteAddress: ip("10.0.1.5"), remotePort: 50000),
            nic: try base.networkInterface(named: "VM1-nic"))
        #expect(result.access == .allow && result.ruleName == "defaultSecurityRules/AllowVnetInBound")
    }
}
