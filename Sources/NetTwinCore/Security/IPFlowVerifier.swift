/// IP flow verify, offline (network-watcher-ip-flow-verify-overview.md): is a TCP or UDP flow to or
/// from a NIC allowed, and by which rule.
///
/// A verifier keeps what it computes (route tables, the VirtualNetwork tag of each subnet, NSG rules
/// compiled to address sets) so that many questions are answered from the compiled forms. It is a
/// reference type for that cache; use one per thread.
public final class IPFlowVerifier {
    public let security: SecurityEngine
    private var routeTables: [String: EffectiveRouteTable] = [:]
    private var tags: [String: (virtualNetwork: IPAddressSet, internet: IPAddressSet)] = [:]
    private var compiled: [CompiledKey: [CompiledSecurityRule]] = [:]
    private var plans: [PlanKey: [(nsg: ResourceID, association: NSGAssociation, rules: [CompiledSecurityRule]?)]] = [:]

    private struct CompiledKey: Hashable {
        var nsg: ResourceID
        /// The route context (`RouteEngine.cacheKey`) that fixes the VirtualNetwork tag.
        var context: String
        var direction: SecurityRuleDirection
    }

    private struct PlanKey: Hashable {
        var nic: ResourceID
        var direction: SecurityRuleDirection
    }

    public init(security: SecurityEngine) {
        self.security = security
    }

    /// The effective routes of a subnet (cached per route context).
    public func routeTable(subnet id: ResourceID) -> EffectiveRouteTable? {
        guard let subnet = security.topology.subnets[id] else { return nil }
        let key = RouteEngine.cacheKey(subnet)
        if let cached = routeTables[key] { return cached }
        let table = security.routes.effectiveRoutes(of: subnet)
        routeTables[key] = table
        return table
    }

    /// The VirtualNetwork and Internet tags as seen from a subnet (cached per route context).
    func tags(subnet: ResourceID?) -> (context: String, virtualNetwork: IPAddressSet, internet: IPAddressSet) {
        guard let subnet, let model = security.topology.subnets[subnet] else {
            return ("", SecurityEngine.azureLoadBalancer, SecurityEngine.internetTag(virtualNetwork: SecurityEngine.azureLoadBalancer))
        }
        let key = RouteEngine.cacheKey(model)
        if let cached = tags[key] { return (key, cached.virtualNetwork, cached.internet) }
        let virtualNetwork = routeTable(subnet: subnet).map(security.virtualNetworkTag(for:)) ?? SecurityEngine.azureLoadBalancer
        let internet = SecurityEngine.internetTag(virtualNetwork: virtualNetwork)
        tags[key] = (virtualNetwork, internet)
        return (key, virtualNetwork, internet)
    }

    /// The VirtualNetwork tag as seen from a subnet (cached).
    public func virtualNetworkTag(subnet: ResourceID?) -> IPAddressSet { tags(subnet: subnet).virtualNetwork }

    func rules(of nsg: NetworkSecurityGroup, subnet: ResourceID?, direction: SecurityRuleDirection) -> [CompiledSecurityRule] {
        let context = tags(subnet: subnet)
        let key = CompiledKey(nsg: nsg.id, context: context.context, direction: direction)
        if let cached = compiled[key] { return cached }
        let rules = security.compile(nsg, direction: direction, virtualNetwork: context.virtualNetwork, internet: context.internet)
        compiled[key] = rules
        return rules
    }

    public struct Question: Hashable, Sendable {
        public var direction: SecurityRuleDirection
        public var `protocol`: ProtocolSet
        public var localAddress: IPAddress
        public var localPort: UInt16
        public var remoteAddress: IPAddress
        public var remotePort: UInt16
        public init(direction: SecurityRuleDirection, protocol: ProtocolSet, localAddress: IPAddress, localPort: UInt16, remoteAddress: IPAddress, remotePort: UInt16) {
            self.direction = direction
            self.protocol = `protocol`
            self.localAddress = localAddress
            self.localPort = localPort
            self.remoteAddress = remoteAddress
            self.remotePort = remotePort
        }
        public var flow: Flow {
            direction == .inbound
                ? Flow(protocol: self.protocol, source: remoteAddress, sourcePort: remotePort, destination: localAddress, destinationPort: localPort)
                : Flow(protocol: self.protocol, source: localAddress, sourcePort: localPort, destination: remoteAddress, destinationPort: remotePort)
        }
    }

    /// Every NSG on the way, each rule with how it matched, and the decision.
    public struct Evaluation: Sendable {
        public struct GroupEvaluation: Sendable {
            public var networkSecurityGroup: ResourceID
            public var association: NSGAssociation
            public var rules: [(rule: CompiledSecurityRule, match: CompiledSecurityRule.Match)]
            /// The rule that decided at this NSG (the first whose every part matched).
            public var decidingRule: CompiledSecurityRule?
            public var access: SecurityRuleAccess { decidingRule?.rule.access ?? .deny }
        }
        public var access: SecurityRuleAccess
        /// `securityRules/NAME` or `defaultSecurityRules/NAME`; nil when no NSG applies.
        public var ruleName: String?
        public var decidingGroup: ResourceID?
        public var groups: [GroupEvaluation]
        public var notes: [String]
    }

    /// The NSGs on a NIC's path for a direction, with their rules compiled (cached per NIC).
    func plan(for nic: NetworkInterface, direction: SecurityRuleDirection) -> [(nsg: ResourceID, association: NSGAssociation, rules: [CompiledSecurityRule]?)] {
        let key = PlanKey(nic: nic.id, direction: direction)
        if let cached = plans[key] { return cached }
        let subnetID = nic.primaryIPConfiguration?.subnet
        let plan = security.networkSecurityGroups(for: nic, direction: direction).map { nsgID, association in
            (nsgID, association, security.topology.networkSecurityGroups[nsgID].map { rules(of: $0, subnet: subnetID, direction: direction) })
        }
        plans[key] = plan
        return plan
    }

    /// Evaluates the flow for a NIC. When both NSGs allow, the rule reported is the one of the last NSG
    /// evaluated (NIC for inbound, subnet for outbound); a deny is reported by the NSG that denied.
    public func evaluate(_ question: Question, nic: NetworkInterface, explain: Bool = false) -> Evaluation {
        let plan = plan(for: nic, direction: question.direction)
        return evaluate(question, plan: plan, explain: explain,
                        empty: "no network security group applies to this NIC or its subnet: all traffic is allowed")
    }

    /// Evaluates the flow for an address of a subnet that has no NIC in the configuration (a managed instance node, a
    /// private endpoint): the subnet's NSG alone.
    public func evaluate(_ question: Question, subnet: Subnet, explain: Bool = false) -> Evaluation {
        let plan = subnet.networkSecurityGroup.map { nsgID in
            [(nsg: nsgID, association: NSGAssociation.subnet(subnet.id),
              rules: security.topology.networkSecurityGroups[nsgID].map { rules(of: $0, subnet: subnet.id, direction: question.direction) })]
        } ?? []
        return evaluate(question, plan: plan, explain: explain, empty: "no network security group is associated with the subnet: all traffic is allowed")
    }

    func evaluate(_ question: Question, plan: [(nsg: ResourceID, association: NSGAssociation, rules: [CompiledSecurityRule]?)], explain: Bool, empty: String) -> Evaluation {
        let flow = question.flow
        var groups: [Evaluation.GroupEvaluation] = []
        var notes: [String] = []
        var decision: (SecurityRuleAccess, String?, ResourceID?) = (.allow, nil, nil)
        if plan.isEmpty { notes.append(empty) }
        for step in plan {
            guard let rules = step.rules else {
                notes.append("network security group '\(step.nsg)' is not in the input; it is not evaluated")
                continue
            }
            var evaluated: [(CompiledSecurityRule, CompiledSecurityRule.Match)] = []
            var deciding: Int?
            for index in rules.indices {
                if explain {
                    let match = rules[index].match(flow)
                    evaluated.append((rules[index], match))
                    if deciding == nil && match.all { deciding = index }
                } else if rules[index].matches(flow) {
                    deciding = index
                    break
                }
            }
            let access = deciding.map { rules[$0].rule.access } ?? .deny
            if explain || access == .deny || step.nsg == plan.last?.nsg {
                let group = Evaluation.GroupEvaluation(networkSecurityGroup: step.nsg, association: step.association, rules: evaluated, decidingRule: deciding.map { rules[$0] })
                groups.append(group)
            } else {
                groups.append(Evaluation.GroupEvaluation(networkSecurityGroup: step.nsg, association: step.association, rules: [], decidingRule: deciding.map { rules[$0] }))
            }
            decision = (access, deciding.map { rules[$0].qualifiedName }, step.nsg)
            if access == .deny { break }
        }
        return Evaluation(access: decision.0, ruleName: decision.1, decidingGroup: decision.2, groups: groups, notes: notes)
    }
}
