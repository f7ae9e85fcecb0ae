/// IP flow verify, offline (network-watcher-ip-flow-verify-overview.md): is a TCP or UDP flow to or
/// from a NIC allowed, and by which rule.
public struct IPFlowVerifier: Sendable {
    public let security: SecurityEngine
    private let routeTables: [ResourceID: EffectiveRouteTable]

    public init(security: SecurityEngine) {
        self.security = security
        self.routeTables = security.routes.allEffectiveRoutes()
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

    /// Evaluates the flow for a NIC. When both NSGs allow, the rule reported is the one of the last NSG
    /// evaluated (NIC for inbound, subnet for outbound); a deny is reported by the NSG that denied.
    public func evaluate(_ question: Question, nic: NetworkInterface, explain: Bool = false) -> Evaluation {
        let flow = question.flow
        var groups: [Evaluation.GroupEvaluation] = []
        var notes: [String] = []
        let subnetID = nic.primaryIPConfiguration?.subnet
        let table = subnetID.flatMap { routeTables[$0] }
        let virtualNetwork = table.map(security.virtualNetworkTag(for:)) ?? SecurityEngine.azureLoadBalancer
        var decision: (SecurityRuleAccess, String?, ResourceID?) = (.allow, nil, nil)
        let applicable = security.networkSecurityGroups(for: nic, direction: question.direction)
        if applicable.isEmpty { notes.append("no network security group applies to this NIC or its subnet: all traffic is allowed") }
        for (nsgID, association) in applicable {
            guard let nsg = security.topology.networkSecurityGroups[nsgID] else {
                notes.append("network security group '\(nsgID)' is not in the input; it is not evaluated")
                continue
            }
            let rules = security.compile(nsg, direction: question.direction, virtualNetwork: virtualNetwork)
            var evaluated: [(CompiledSecurityRule, CompiledSecurityRule.Match)] = []
            var deciding: CompiledSecurityRule?
            for rule in rules {
                if explain {
                    let match = rule.match(flow)
                    evaluated.append((rule, match))
                    if deciding == nil && match.all { deciding = rule }
                } else if rule.matches(flow) {
                    deciding = rule
                    break
                }
            }
            let group = Evaluation.GroupEvaluation(networkSecurityGroup: nsgID, association: association, rules: evaluated, decidingRule: deciding)
            groups.append(group)
            decision = (group.access, deciding?.qualifiedName, nsgID)
            if group.access == .deny { break }
        }
        return Evaluation(access: decision.0, ruleName: decision.1, decidingGroup: decision.2, groups: groups, notes: notes)
    }
}
