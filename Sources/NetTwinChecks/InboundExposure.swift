import NetTwinCore

/// Which sources an NSG admits on one TCP port to a destination, rule by rule, in priority order
/// (network-security-group-how-it-works.md: rules are processed in priority order and processing
/// stops at the first match). An Allow admits only what no earlier rule has decided; a Deny takes its
/// sources out of what later rules can admit.
///
/// A rule whose destination covers only part of the destination, or that matches only some source
/// ports, decides for part of the traffic only: a Deny of that kind is not taken as shadowing (the
/// answer errs towards reporting), an Allow of that kind still admits.
public struct InboundExposure: Sendable {
    /// One Allow rule and the sources it admits (after earlier rules).
    public struct Admission: Sendable {
        public var rule: CompiledSecurityRule
        public var sources: IPAddressSet
    }

    public static func admissions(rules: [CompiledSecurityRule], port: UInt16, destination: IPAddressSet, candidates: IPAddressSet) -> [Admission] {
        var undecided = candidates
        var result: [Admission] = []
        for compiled in rules where compiled.rule.direction == .inbound {
            let rule = compiled.rule
            guard !undecided.isEmpty else { break }
            guard rule.protocols.contains(.tcp), rule.destinationPorts.contains(port),
                !compiled.destinationAddresses.isDisjoint(with: destination)
            else { continue }
            let matched = undecided.intersection(compiled.sourceAddresses)
            guard !matched.isEmpty else { continue }
            let decidesAll = compiled.destinationAddresses.isSuperset(of: destination) && rule.sourcePorts == .all
            switch rule.access {
            case .deny:
                if decidesAll { undecided.subtract(matched) }
            case .allow:
                result.append(Admission(rule: compiled, sources: matched))
                if decidesAll { undecided.subtract(matched) }
            }
        }
        return result
    }

    /// The addresses a subnet or NIC has (its prefixes, or the NIC's private IPs).
    public static func destination(subnet: Subnet) -> IPAddressSet { IPAddressSet(prefixes: subnet.addressPrefixes) }

    /// Prefixes of a set, for evidence: at most `limit`, then a count of the rest.
    public static func describe(_ set: IPAddressSet, limit: Int = 8) -> String {
        let prefixes = set.prefixes
        var text = prefixes.prefix(limit).map(\.description).joined(separator: ", ")
        if prefixes.count > limit { text += " and \(prefixes.count - limit) more prefix(es)" }
        return text
    }

    /// Whether the admitted sources hold every IPv4 Internet address (a rule from `0.0.0.0/0`, `*` or
    /// `Internet`); IPv6 is left out of the comparison because an IPv4-only rule is still "the whole internet".
    public static func coversInternet(_ admitted: IPAddressSet, candidates: IPAddressSet) -> Bool {
        !candidates.v4.isEmpty && candidates.v4.isSubset(of: admitted.v4)
    }

    /// IPv4 prefixes of a set at least as wide as `/limit` (length ≤ limit), and whether the set holds
    /// every Internet address (`internet`).
    public static func broadPrefixes(_ set: IPAddressSet, limit: Int) -> [IPPrefix] {
        set.prefixes.filter { $0.length <= ($0.isIPv4 ? limit : limit + 96) }
    }
}
