import NetTwinCore

/// Settings of a check run: thresholds, the address ranges known to be allowed, and suppressions.
/// Read by `nettwin check --config` from YAML (see Docs/CHECKS.md, "Configuration").
public struct CheckConfiguration: Sendable {
    /// A public-endpoint source range this wide or wider (prefix length at most this) is reported:
    /// the default 24 reports a /24, a /16 and `*`, not a /25 or a single address
    /// (public-endpoint-configure.md: allow well-known addresses only).
    public var publicSourcePrefixLimit: Int
    /// Addresses known to be allowed to reach public endpoints (office egress, CI runners): never reported.
    public var knownSources: IPAddressSet
    public var suppressions: [Suppression]
    /// Further TCP ports NT-NET-003 reports when the Internet can reach them (besides 80).
    public var knownPorts: [UInt16]
    /// NT-SQL-004: a SQL server whose firewall rules admit more public IPv4 addresses than this is reported
    /// (PSRule for Azure's Azure.SQL.FirewallIPRange uses 10).
    public var sqlFirewallMaxAddresses: UInt64
    /// NT-SQL-005: a SQL server with more firewall rules than this is reported (Azure.SQL.FirewallRuleCount uses 10).
    public var sqlFirewallMaxRules: Int

    public init(publicSourcePrefixLimit: Int = 24, knownSources: IPAddressSet = .empty, suppressions: [Suppression] = [], knownPorts: [UInt16] = [], sqlFirewallMaxAddresses: UInt64 = 10, sqlFirewallMaxRules: Int = 10) {
        self.publicSourcePrefixLimit = publicSourcePrefixLimit
        self.knownPorts = knownPorts
        self.sqlFirewallMaxAddresses = sqlFirewallMaxAddresses
        self.sqlFirewallMaxRules = sqlFirewallMaxRules
        self.knownSources = knownSources
        self.suppressions = suppressions
    }

    public static let `default` = CheckConfiguration()
}

/// A finding accepted on purpose: matched by rule id (or `*`) and resource (full ID, a prefix of the
/// resource's ID such as an NSG whose rules are reported, or a resource name), with the reason.
public struct Suppression: Sendable, Hashable {
    public var ruleID: String
    public var resource: String
    public var reason: String

    public init(ruleID: String, resource: String, reason: String) {
        self.ruleID = ruleID
        self.resource = resource
        self.reason = reason
    }

    public func matches(_ finding: Finding) -> Bool {
        guard ruleID == "*" || ruleID.lowercased() == finding.ruleID.lowercased() else { return false }
        let wanted = resource.lowercased()
        let id = finding.resourceID.text.lowercased()
        if wanted.hasPrefix("/") { return id == wanted || id.hasPrefix(wanted + "/") }
        // A bare name matches the resource's own name or any name segment of its ID.
        return finding.resourceID.names.contains { $0.lowercased() == wanted } || finding.resourceID.name.lowercased() == wanted
    }
}
