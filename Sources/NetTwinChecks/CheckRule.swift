import NetTwinCore

/// How serious a finding is; the names and order are SARIF's `level` values (`note` < `warning` < `error`).
public enum CheckSeverity: String, Sendable, Hashable, CaseIterable, Comparable {
    case note, warning, error

    var rank: Int {
        switch self {
        case .note: 0
        case .warning: 1
        case .error: 2
        }
    }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}

/// One posture rule: a stable id, what it checks, why (the guidance it comes from), how to fix it,
/// and a pure function from the effective model to findings.
public struct CheckRule: Sendable {
    /// `NT-MI-001`: never reused, never renumbered.
    public var id: String
    /// PascalCase name for SARIF `rules[].name` (`ManagedInstancePublicEndpointOpen`).
    public var name: String
    /// One line: what is wrong when the rule fires.
    public var title: String
    public var severity: CheckSeverity
    /// Why it matters, from the cited guidance.
    public var rationale: String
    /// The Microsoft Learn article the rule encodes.
    public var helpURI: String
    /// What to change, in one or two sentences.
    public var fix: String
    public var evaluate: @Sendable (CheckContext) -> [Finding]

    public init(id: String, name: String, title: String, severity: CheckSeverity, rationale: String, helpURI: String, fix: String, evaluate: @escaping @Sendable (CheckContext) -> [Finding]) {
        self.id = id
        self.name = name
        self.title = title
        self.severity = severity
        self.rationale = rationale
        self.helpURI = helpURI
        self.fix = fix
        self.evaluate = evaluate
    }

    /// A finding of this rule (its id and severity filled in).
    func finding(_ message: String, resource: ResourceID, location: SourceLocation?, evidence: [String] = [], key: String = "") -> Finding {
        Finding(ruleID: id, severity: severity, message: message, resourceID: resource, location: location, evidence: evidence, key: key)
    }
}

/// What a rule found: one resource in one state, with the evidence that shows it.
public struct Finding: Sendable, Hashable {
    public var ruleID: String
    public var severity: CheckSeverity
    /// Lowercase, stable wording with names in 'quotes'.
    public var message: String
    public var resourceID: ResourceID
    /// Where the resource (or the rule/record at fault) is in the input.
    public var location: SourceLocation?
    /// The facts behind the finding: rules, prefixes, routes, DNS answers.
    public var evidence: [String]
    /// What distinguishes two findings of one rule on one resource (a port, a connection name), for fingerprints.
    public var key: String
    /// Set when a configuration suppression matched.
    public var suppression: Suppression?
    /// The deployment (PATH of `check --each`) the finding belongs to; nil when one configuration is checked.
    public var deployment: String?

    public init(ruleID: String, severity: CheckSeverity, message: String, resourceID: ResourceID, location: SourceLocation?, evidence: [String] = [], key: String = "", suppression: Suppression? = nil) {
        self.ruleID = ruleID
        self.severity = severity
        self.message = message
        self.resourceID = resourceID
        self.location = location
        self.evidence = evidence
        self.key = key
        self.suppression = suppression
    }

    /// A stable fingerprint (FNV-1a 64 of rule, normalized resource ID and key): the same problem on
    /// the same resource keeps it across runs, line moves and message rewording.
    public var fingerprint: String {
        StableHash.fnv1a64Hex("\(ruleID)|\(resourceID.text.lowercased())|\(key)\(deployment.map { "|" + $0 } ?? "")")
    }
}
