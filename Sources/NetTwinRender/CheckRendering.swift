import NetTwinChecks
import NetTwinCore

/// Text and JSON for `nettwin check` (SARIF is in `SARIFRendering`).
public enum CheckRendering {
    public static func text(_ report: CheckReport) -> String {
        var lines: [String] = []
        let byID = Dictionary(uniqueKeysWithValues: report.rules.map { ($0.id, $0) })
        for finding in report.findings {
            let place = finding.location.map { location in
                "\(location.file)\(location.line.map { ":\($0)" } ?? "")\(location.column.map { ":\($0)" } ?? "")"
            } ?? finding.resourceID.text
            lines.append("\(place): \(finding.severity.rawValue) \(finding.ruleID): \(finding.message)\(finding.suppression.map { " [suppressed: \($0.reason)]" } ?? "")")
            for line in finding.evidence { lines.append("    \(line)") }
            if let rule = byID[finding.ruleID] { lines.append("    fix: \(rule.fix)") }
        }
        let active = report.active
        let counts = CheckSeverity.allCases.reversed().map { severity in "\(active.count { $0.severity == severity }) \(severity.rawValue)(s)" }
        let suppressed = report.findings.count - active.count
        lines.append("\(report.rules.count) rule(s) run: \(counts.joined(separator: ", "))\(suppressed > 0 ? ", \(suppressed) suppressed" : "")")
        return lines.joined(separator: "\n") + "\n"
    }

    public static func json(_ report: CheckReport) -> JSONValue {
        .object([
            member("rules", .array(report.rules.map { rule in
                JSONNode(.object([
                    member("id", .string(rule.id)), member("name", .string(rule.name)), member("title", .string(rule.title)),
                    member("severity", .string(rule.severity.rawValue)), member("helpUri", .string(rule.helpURI)),
                ]))
            })),
            member("findings", .array(report.findings.map { finding in
                var members = [
                    member("ruleId", .string(finding.ruleID)),
                    member("severity", .string(finding.severity.rawValue)),
                    member("message", .string(finding.message)),
                    member("resourceId", .string(finding.resourceID.text)),
                    member("file", finding.location.map { .string($0.file) } ?? .null),
                    member("line", finding.location?.line.map { .integer(Int64($0)) } ?? .null),
                    member("column", finding.location?.column.map { .integer(Int64($0)) } ?? .null),
                    member("pointer", finding.location.map { .string($0.pointer.description) } ?? .null),
                    member("evidence", .array(finding.evidence.map { JSONNode(.string($0)) })),
                    member("fingerprint", .string(finding.fingerprint)),
                ]
                members.append(member("suppressed", finding.suppression.map { .string($0.reason) } ?? .null))
                if let deployment = finding.deployment { members.insert(member("deployment", .string(deployment)), at: 0) }
                return JSONNode(.object(members))
            })),
        ])
    }
}
