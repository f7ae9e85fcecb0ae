/// Evaluates Azure Firewall at layer 4 as articles/firewall/rule-processing.md describes:
///
/// * "Azure Firewall denies all traffic by default ... The rules are terminating, so rule processing stops on a match."
/// * Network rules are processed before application rules, "regardless of Rule collection group or Rule
///   collection priority and policy inheritance"; application rules only see HTTP, HTTPS and MSSQL.
/// * Classic rules: collections in priority order (100 first, 65,000 last). Firewall Policy: "Rule Collection
///   Groups in the parent policy always takes precedence regardless of the priority of a child policy", then
///   groups by priority, then collections by priority.
///
/// Application rules match on the name the client asks for (HTTP Host, TLS SNI), which an offline model of
/// addresses cannot see: when no network rule decides and an application rule could, the decision is
/// `notEvaluated` and says which rules. DNAT (inbound from the Internet) and threat intelligence are not
/// evaluated.
public final class FirewallEvaluator {
    public let topology: Topology
    public let serviceTags: ServiceTagTable
    private var compiled: [ResourceID: Compiled] = [:]

    public init(topology: Topology, serviceTags: ServiceTagTable = .empty) {
        self.topology = topology
        self.serviceTags = serviceTags
    }

    public enum Verdict: String, Hashable, Sendable {
        case allow = "Allow"
        case deny = "Deny"
        /// Only application rules (layer 7) could decide; NetTwin does not evaluate them.
        case notEvaluated = "NotEvaluated"
    }

    public struct Decision: Hashable, Sendable {
        public var verdict: Verdict
        /// `collection/rule` (classic) or `policy/group/collection/rule`; nil for the default deny.
        public var rule: String?
        public var explanation: String
        public var notes: [String]
        /// Decided by an application rule: the firewall proxies the connection and "Application rules are always
        /// SNATed using a transparent proxy" (snat-private-range.md).
        public var byApplicationRule = false
    }

    /// A network rule with its address sets resolved.
    struct CompiledNetworkRule {
        var path: String
        var action: FirewallRuleAction
        var rule: FirewallNetworkRule
        var sources: IPAddressSet
        var destinations: IPAddressSet

        /// Whether the rule applies to traffic of this protocol and port towards `destination` (any source).
        func applies(to flowProtocol: ProtocolSet, port: UInt16, destination: IPAddress) -> Bool {
            !rule.protocols.isDisjoint(with: flowProtocol) && rule.destinationPorts.contains(port) && destinations.contains(destination)
        }
    }

    struct CompiledApplicationRule {
        var path: String
        var action: FirewallRuleAction?
        var rule: FirewallApplicationRule
        var sources: IPAddressSet
    }

    struct Compiled {
        var networkRules: [CompiledNetworkRule] = []
        var applicationRules: [CompiledApplicationRule] = []
        var notes: [String] = []
    }

    // MARK: Rule order

    /// The collections the firewall applies, in processing order within each rule type, with their path.
    public func orderedCollections(of firewall: AzureFirewall) -> (collections: [(path: String, collection: FirewallRuleCollection)], notes: [String]) {
        var notes: [String] = []
        guard let policyID = firewall.firewallPolicy else {
            let sorted = firewall.ruleCollections.enumerated().sorted { ($0.element.priority, $0.offset) < ($1.element.priority, $1.offset) }
            return (sorted.map { ($0.element.name, $0.element) }, notes)
        }
        if !firewall.ruleCollections.isEmpty {
            notes.append("firewall '\(firewall.header.name)' has classic rule collections and a firewall policy; the policy's rules are evaluated")
        }
        // The policy chain, root (base) first.
        var chain: [FirewallPolicy] = []
        var next: ResourceID? = policyID
        var seen = Set<ResourceID>()
        while let id = next, seen.insert(id).inserted {
            guard let policy = topology.firewallPolicies[id] else {
                notes.append("firewall policy '\(id.name)' is not in the input; its rules are not evaluated")
                break
            }
            chain.insert(policy, at: 0)
            next = policy.basePolicy
        }
        var result: [(String, FirewallRuleCollection)] = []
        for policy in chain {
            let groups = policy.ruleCollectionGroups.sorted { ($0.priority, $0.name.lowercased()) < ($1.priority, $1.name.lowercased()) }
            for group in groups {
                let collections = group.ruleCollections.enumerated().sorted { ($0.element.priority, $0.offset) < ($1.element.priority, $1.offset) }
                for (_, collection) in collections {
                    result.append(("\(policy.header.name)/\(group.name)/\(collection.name)", collection))
                }
            }
        }
        return (result, notes)
    }

    func compile(_ firewall: AzureFirewall) -> Compiled {
        if let cached = compiled[firewall.id] { return cached }
        var result = Compiled()
        let (collections, notes) = orderedCollections(of: firewall)
        result.notes = notes
        for (path, collection) in collections {
            switch collection.kind {
            case .network:
                guard let action = collection.action, action == .allow || action == .deny else { continue }
                for rule in collection.networkRules {
                    result.networkRules.append(CompiledNetworkRule(
                        path: "\(path)/\(rule.name)", action: action, rule: rule,
                        sources: addresses(of: rule.source, firewall: firewall, notes: &result.notes),
                        destinations: addresses(of: rule.destination, firewall: firewall, notes: &result.notes)))
                }
            case .application:
                for rule in collection.applicationRules {
                    result.applicationRules.append(CompiledApplicationRule(
                        path: "\(path)/\(rule.name)", action: collection.action, rule: rule, sources: addresses(of: rule.source, firewall: firewall, notes: &result.notes)))
                }
            case .nat:
                continue
            }
        }
        compiled[firewall.id] = result
        return result
    }

    /// The addresses a rule's sources or destinations stand for (IP Groups, service tags and FQDNs resolved).
    public func addresses(of match: FirewallAddressMatch, firewall: AzureFirewall) -> IPAddressSet {
        var notes: [String] = []
        return addresses(of: match, firewall: firewall, notes: &notes)
    }

    func addresses(of match: FirewallAddressMatch, firewall: AzureFirewall, notes: inout [String]) -> IPAddressSet {
        var set = IPAddressSet.empty
        for item in match.items {
            switch item {
            case .any: return .all
            case .addresses(let addresses, _): set.formUnion(addresses)
            case .serviceTag(let name):
                if let tag = serviceTags.tag(named: name) {
                    set.formUnion(tag.addresses)
                } else {
                    notes.append("service tag '\(name)' in a rule of firewall '\(firewall.header.name)' is not in the service tag data; it matches nothing here")
                }
            }
        }
        for id in match.ipGroups {
            if let group = topology.ipGroups[id] {
                set.formUnion(group.addresses)
            } else {
                notes.append("IP group '\(id.name)' used by firewall '\(firewall.header.name)' is not in the input; it matches nothing here")
            }
        }
        if !match.fqdns.isEmpty {
            // features.md: "The specified FQDNs in your rule collections are translated to IP addresses based on
            // your firewall DNS settings": resolved here as Azure DNS answers in the firewall's VNet.
            let resolver = DNSResolver(topology: topology)
            for fqdn in match.fqdns {
                guard let subnet = firewall.subnet else { continue }
                let answer = resolver.resolve(name: fqdn, from: .subnet(subnet))
                let resolved = answer.answers.compactMap(\.address)
                if resolved.isEmpty {
                    notes.append("FQDN '\(fqdn)' in a network rule of firewall '\(firewall.header.name)' resolves to no address known to the configuration (\(answer.status.rawValue)); it matches nothing here")
                }
                for address in resolved { set.formUnion(IPAddressSet(address)) }
            }
        }
        return set
    }

    // MARK: Decisions

    /// The decision for one flow through the firewall. With the name the client asks for (`name`: the destination
    /// given as a DNS name, which is what HTTP Host, TLS SNI and the MSSQL server name carry), application rules
    /// are evaluated by their target FQDNs; without it they are reported as not evaluated.
    public func evaluate(_ firewall: AzureFirewall, source: IPAddress, destination: IPAddress, port: UInt16, protocol flowProtocol: ProtocolSet, name: String? = nil) -> Decision {
        let rules = compile(firewall)
        for compiled in rules.networkRules where compiled.applies(to: flowProtocol, port: port, destination: destination) && compiled.sources.contains(source) {
            let verb = compiled.action == .allow ? "allowed" : "denied"
            return Decision(verdict: compiled.action == .allow ? .allow : .deny, rule: compiled.path,
                            explanation: "\(verb) by network rule \(compiled.path) (\(compiled.rule.protocolTexts.joined(separator: ","))/\(compiled.rule.destinationPortTexts.joined(separator: ",")) from \(compiled.rule.source.description) to \(compiled.rule.destination.description))",
                            notes: rules.notes)
        }
        let candidates = applicationCandidates(rules, source: source, port: port, protocol: flowProtocol)
        if let name, !candidates.isEmpty {
            // rule-processing.md: "Application rules then evaluate the packet in priority order if there's no network
            // rule match"; the first rule whose target FQDNs match the requested name decides.
            for compiled in candidates {
                if compiled.rule.targetFqdns.contains(where: { Self.fqdn($0, matches: name) }), let action = compiled.action, action == .allow || action == .deny {
                    return Decision(
                        verdict: action == .allow ? .allow : .deny, rule: compiled.path,
                        explanation: "\(action == .allow ? "allowed" : "denied") by application rule \(compiled.path) (target FQDNs \(compiled.rule.targetFqdns.joined(separator: ", ")) match '\(name)')",
                        notes: rules.notes, byApplicationRule: true)
                }
                if !compiled.rule.fqdnTags.isEmpty {
                    return Decision(
                        verdict: .notEvaluated, rule: nil,
                        explanation: "no network rule matches; application rule \(compiled.path) uses FQDN tags (\(compiled.rule.fqdnTags.joined(separator: ", "))), whose names are not in the configuration",
                        notes: rules.notes)
                }
            }
            return Decision(
                verdict: .deny, rule: nil,
                explanation: "no network rule matches, and no application rule's target FQDNs match '\(name)': Azure Firewall denies by default (its built-in infrastructure rule collection of platform FQDNs is not modelled)",
                notes: rules.notes)
        }
        if !candidates.isEmpty {
            return Decision(
                verdict: .notEvaluated, rule: nil,
                explanation: "no network rule matches; application rule\(candidates.count == 1 ? "" : "s") \(candidates.map(\.path).joined(separator: ", ")) could (they match the name the client asks for, which is not evaluated offline)",
                notes: rules.notes)
        }
        return Decision(verdict: .deny, rule: nil, explanation: "no rule of firewall '\(firewall.header.name)' matches: Azure Firewall denies by default", notes: rules.notes)
    }

    /// Target FQDN matching: case-insensitive, `*` alone matches every name, `*.example.com` every name below
    /// example.com (not example.com itself).
    public static func fqdn(_ pattern: String, matches name: String) -> Bool {
        let pattern = DNSResolver.normalize(pattern), name = DNSResolver.normalize(name)
        if pattern == "*" { return true }
        if pattern.hasPrefix("*.") { return name.hasSuffix(String(pattern.dropFirst(1))) }
        return pattern == name
    }

    func applicationCandidates(_ rules: Compiled, source: IPAddress, port: UInt16, protocol flowProtocol: ProtocolSet) -> [CompiledApplicationRule] {
        guard flowProtocol.contains(.tcp) else { return [] }
        return rules.applicationRules.filter { $0.rule.ports.contains(port) && $0.sources.contains(source) }
    }

    /// For exposure: the sources the network rules allow to `destination`, swept in processing order (first match
    /// wins). Sources only an application rule could admit are not among them (no name is known here).
    public func allowedSources(_ firewall: AzureFirewall, destination: IPAddress, port: UInt16, protocol flowProtocol: ProtocolSet) -> IPAddressSet {
        var remaining = IPAddressSet.all
        var allowed = IPAddressSet.empty
        for compiled in compile(firewall).networkRules where compiled.applies(to: flowProtocol, port: port, destination: destination) {
            let matched = remaining.intersection(compiled.sources)
            if compiled.action == .allow { allowed.formUnion(matched) }
            remaining.subtract(matched)
            if remaining.isEmpty { break }
        }
        return allowed
    }

    // MARK: Addresses

    /// The firewall a `VirtualAppliance` next hop names: by its private IP, or (a template, where the
    /// address is known only after deployment) the firewall whose `AzureFirewallSubnet` holds the address.
    public func firewall(at address: IPAddress) -> (firewall: AzureFirewall, inferred: Bool)? {
        let firewalls = topology.azureFirewalls.values.sorted { $0.id < $1.id }
        if let exact = firewalls.first(where: { $0.privateIPAddress == address }) { return (exact, false) }
        for firewall in firewalls where firewall.privateIPAddress == nil {
            if let subnet = firewall.subnet.flatMap({ topology.subnets[$0] }), subnet.addressPrefixes.contains(where: { $0.contains(address) }) {
                return (firewall, true)
            }
        }
        return nil
    }

    /// snat-private-range.md: by default network-rule traffic is not SNATed to IANA private ranges (RFC 1918)
    /// and shared address space (RFC 6598); other destinations are SNATed ("to one of the firewall private IP
    /// addresses in AzureFirewallSubnet" when they stay private, to the public IP on the Internet).
    /// `0.0.0.0/0` means never SNAT, `255.255.255.255/32` always. A policy's setting replaces the firewall's.
    public func isSNATed(_ firewall: AzureFirewall, destination: IPAddress) -> Bool {
        let texts = firewall.firewallPolicy.flatMap { topology.firewallPolicies[$0]?.snatPrivateRanges } ?? firewall.snatPrivateRanges ?? ["IANAPrivateRanges"]
        var noSNAT = IPAddressSet.empty
        for text in texts {
            if text.lowercased() == "ianaprivateranges" {
                noSNAT.formUnion(Self.ianaPrivateRanges)
            } else if text == "255.255.255.255/32" {
                continue
            } else if let prefix = try? IPPrefix(parsing: text) {
                noSNAT.formUnion(IPAddressSet(prefix))
            }
        }
        return !noSNAT.contains(destination)
    }

    public static let ianaPrivateRanges = IPAddressSet(prefixes: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"].map { try! IPPrefix(parsing: $0) })
}
