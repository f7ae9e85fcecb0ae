import NetTwinCore

/// What a rule is evaluated on: the topology, the service tag data, the run's configuration, and
/// the engines built once for all rules (routes, NSG compilation).
public struct CheckContext: Sendable {
    public let topology: Topology
    public let serviceTags: ServiceTagTable
    public let configuration: CheckConfiguration
    public let routes: RouteEngine
    public let security: SecurityEngine

    public init(topology: Topology, serviceTags: ServiceTagTable = .empty, configuration: CheckConfiguration = .default) {
        self.topology = topology
        self.serviceTags = serviceTags
        self.configuration = configuration
        let routes = RouteEngine(topology: topology, serviceTags: serviceTags)
        self.routes = routes
        self.security = SecurityEngine(topology: topology, serviceTags: serviceTags, routes: routes)
    }

    /// The `VirtualNetwork` and `Internet` tags as seen from a subnet (nil: outside any VNet).
    public func tags(subnet: ResourceID?) -> (virtualNetwork: IPAddressSet, internet: IPAddressSet) {
        guard let subnet, let model = topology.subnets[subnet] else {
            let vnet = SecurityEngine.azureLoadBalancer
            return (vnet, SecurityEngine.internetTag(virtualNetwork: vnet))
        }
        let vnet = security.virtualNetworkTag(for: routes.effectiveRoutes(of: model))
        return (vnet, SecurityEngine.internetTag(virtualNetwork: vnet))
    }

    /// The private endpoints of a subnet.
    public func privateEndpoints(in subnet: ResourceID) -> [PrivateEndpoint] {
        topology.privateEndpoints.values.filter { $0.subnet == subnet }.sorted { $0.id < $1.id }
    }

    /// The NICs of a subnet (private endpoint NICs included).
    public func networkInterfaces(in subnet: ResourceID) -> [NetworkInterface] {
        topology.networkInterfaces.values.filter { nic in nic.ipConfigurations.contains { $0.subnet == subnet } }.sorted { $0.id < $1.id }
    }

    /// `'vnet/subnet'` for messages.
    public func subnetName(_ id: ResourceID) -> String {
        if let subnet = topology.subnets[id] { return "\(subnet.virtualNetwork.name)/\(subnet.header.name)" }
        let names = id.names
        return names.count >= 2 ? names.suffix(2).joined(separator: "/") : id.name
    }
}

/// Runs rules on a context: selection by id, suppressions, and a deterministic order.
public struct CheckRunner: Sendable {
    public var rules: [CheckRule]

    public init(rules: [CheckRule] = CheckCatalog.all) {
        self.rules = rules
    }

    /// The catalog narrowed by `--rules` (only these) and `--skip` (not these); unknown ids are returned as errors.
    public static func select(only: [String], skip: [String], from catalog: [CheckRule] = CheckCatalog.all) -> (rules: [CheckRule], unknown: [String]) {
        let known = Set(catalog.map { $0.id.lowercased() })
        let unknown = (only + skip).filter { !known.contains($0.lowercased()) }
        let onlySet = Set(only.map { $0.lowercased() })
        let skipSet = Set(skip.map { $0.lowercased() })
        let rules = catalog.filter { (onlySet.isEmpty || onlySet.contains($0.id.lowercased())) && !skipSet.contains($0.id.lowercased()) }
        return (rules, unknown)
    }

    public func run(_ context: CheckContext) -> CheckReport {
        var findings: [Finding] = []
        for rule in rules {
            for var finding in rule.evaluate(context) {
                finding.suppression = context.configuration.suppressions.first { $0.matches(finding) }
                findings.append(finding)
            }
        }
        findings.sort(by: CheckReport.order)
        return CheckReport(rules: rules, findings: findings)
    }
}

/// The outcome of a run: the rules that ran and what they found, in a stable order.
public struct CheckReport: Sendable {
    public var rules: [CheckRule]
    public var findings: [Finding]

    public init(rules: [CheckRule], findings: [Finding]) {
        self.rules = rules
        self.findings = findings
    }

    /// Findings that count (not suppressed).
    public var active: [Finding] { findings.filter { $0.suppression == nil } }

    /// Whether any unsuppressed finding is at or above a level.
    public func hasFindings(atOrAbove level: CheckSeverity) -> Bool {
        active.contains { $0.severity >= level }
    }

    static func order(_ a: Finding, _ b: Finding) -> Bool {
        let fileA = a.location?.file ?? "", fileB = b.location?.file ?? ""
        if fileA != fileB { return fileA < fileB }
        let lineA = a.location?.line ?? 0, lineB = b.location?.line ?? 0
        if lineA != lineB { return lineA < lineB }
        if a.ruleID != b.ruleID { return a.ruleID < b.ruleID }
        if a.resourceID != b.resourceID { return a.resourceID < b.resourceID }
        if a.key != b.key { return a.key < b.key }
        return a.message < b.message
    }
}
