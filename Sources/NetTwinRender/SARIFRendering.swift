import NetTwinChecks
import NetTwinCore

/// SARIF 2.1.0 (OASIS, sarif-v2.1.0-errata01) for `nettwin check`, in the subset GitHub code scanning
/// reads: rule metadata with help links, one result per finding with the input file and the line and
/// column of the resource, the resource ID as a logical location, a partial fingerprint, and
/// suppressions. Output is deterministic: rules in catalog order, results in the report's order.
public enum SARIFRendering {
    public static let schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    /// NetTwin has no public home yet: this points at the rule documentation path in the repository.
    public static let informationURI = "https://example.invalid/nettwin/Docs/CHECKS.md"

    public static func json(_ report: CheckReport, toolVersion: String) -> JSONValue {
        let rules = report.rules
        let index = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })
        let driver: JSONValue = .object([
            member("name", .string("NetTwin")),
            member("informationUri", .string(informationURI)),
            member("version", .string(toolVersion)),
            member("rules", .array(rules.map { JSONNode(descriptor($0)) })),
        ])
        let run: JSONValue = .object([
            member("tool", .object([member("driver", driver)])),
            member("columnKind", .string("unicodeCodePoints")),
            member("results", .array(report.findings.map { JSONNode(result($0, ruleIndex: index[$0.ruleID])) })),
        ])
        return .object([
            member("$schema", .string(schemaURI)),
            member("version", .string("2.1.0")),
            member("runs", .array([JSONNode(run)])),
        ])
    }

    static func text(_ value: String) -> JSONValue { .object([member("text", .string(value))]) }

    static func descriptor(_ rule: CheckRule) -> JSONValue {
        .object([
            member("id", .string(rule.id)),
            member("name", .string(rule.name)),
            member("shortDescription", text(rule.title)),
            member("fullDescription", text(rule.rationale)),
            member("helpUri", .string(rule.helpURI)),
            member("help", .object([
                member("text", .string("\(rule.rationale)\nFix: \(rule.fix)\nGuidance: \(rule.helpURI)")),
                member("markdown", .string("\(rule.rationale)\n\n**Fix:** \(rule.fix)\n\n[Guidance](\(rule.helpURI))")),
            ])),
            member("defaultConfiguration", .object([member("level", .string(rule.severity.rawValue))])),
            member("properties", .object([
                member("tags", .array(["security", "azure", "network"].map { JSONNode(.string($0)) })),
                member("precision", .string("high")),
                // GitHub code scanning ranks security alerts by this CVSS-like score.
                member("security-severity", .string(rule.severity == .error ? "8.0" : rule.severity == .warning ? "5.0" : "2.0")),
            ])),
        ])
    }

    static func result(_ finding: Finding, ruleIndex: Int?) -> JSONValue {
        var members = [member("ruleId", .string(finding.ruleID))]
        if let ruleIndex { members.append(member("ruleIndex", .integer(Int64(ruleIndex)))) }
        members += [
            member("level", .string(finding.severity.rawValue)),
            member("message", text(finding.message)),
        ]
        var location: [JSONMember] = []
        if let source = finding.location {
            var physical = [member("artifactLocation", .object([member("uri", .string(uri(forPath: source.file)))]))]
            if let line = source.line, line >= 1 {
                var region = [member("startLine", .integer(Int64(line)))]
                if let column = source.column, column >= 1 { region.append(member("startColumn", .integer(Int64(column)))) }
                physical.append(member("region", .object(region)))
            }
            location.append(member("physicalLocation", .object(physical)))
        }
        location.append(member("logicalLocations", .array([JSONNode(.object([
            member("name", .string(finding.resourceID.name)),
            member("fullyQualifiedName", .string(finding.resourceID.text)),
            member("kind", .string("resource")),
        ]))])))
        members.append(member("locations", .array([JSONNode(.object(location))])))
        members.append(member("partialFingerprints", .object([member("nettwinFinding/v1", .string(finding.fingerprint))])))
        if let suppression = finding.suppression {
            members.append(member("suppressions", .array([JSONNode(.object([
                member("kind", .string("external")),
                member("status", .string("accepted")),
                member("justification", .string(suppression.reason)),
            ]))])))
        }
        var properties = [member("evidence", .array(finding.evidence.map { JSONNode(.string($0)) }))]
        if let deployment = finding.deployment { properties.append(member("deployment", .string(deployment))) }
        members.append(member("properties", .object(properties)))
        return .object(members)
    }

    /// A path as given on the command line, as a URI reference: relative paths stay relative (GitHub
    /// resolves them against the repository root), separators become `/`, and characters outside
    /// RFC 3986's unreserved set and `/` are percent-encoded; absolute paths become `file://` URIs.
    public static func uri(forPath path: String) -> String {
        var path = String(path.map { $0 == "\\" ? "/" : $0 })
        while path.hasPrefix("./") { path.removeFirst(2) }
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/".utf8)
        var encoded = ""
        for byte in path.utf8 {
            if allowed.contains(byte) {
                encoded.append(Character(Unicode.Scalar(byte)))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                encoded += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return path.hasPrefix("/") ? "file://" + encoded : encoded
    }
}
