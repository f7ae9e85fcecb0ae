import NetTwinChecks
import NetTwinCore

/// Text, JSON and markdown (a pull-request comment) for `diff`.
public enum DiffRendering {
    /// What `diff` reports besides the flows.
    public struct Extras: Sendable {
        public var findingsAdded: [Finding]
        public var findingsRemoved: [Finding]
        /// Requirements from `--require`, with whether each holds after the change.
        public var requirements: [(text: String, holds: Bool, detail: String)]
        /// Rewrites a file path for display (a temporary checkout → `REV:path`).
        public var displayPath: @Sendable (String) -> String

        public init(findingsAdded: [Finding] = [], findingsRemoved: [Finding] = [], requirements: [(text: String, holds: Bool, detail: String)] = [],
                    displayPath: @escaping @Sendable (String) -> String = { $0 }) {
            self.findingsAdded = findingsAdded
            self.findingsRemoved = findingsRemoved
            self.requirements = requirements
            self.displayPath = displayPath
        }
    }

    static func ports(_ change: MatrixDiff.FlowChange) -> String {
        let proto = change.protocol == .udp ? "UDP" : "TCP"
        return proto + "/" + change.ports.map(MatrixRendering.portText).joined(separator: ",")
    }

    static func sources(_ set: IPAddressSet, limit: Int = 4) -> String {
        if set == ExposureEngine.internetSources || set.isSuperset(of: SecurityEngine.publicAddresses.subtracting(SecurityEngine.azureLoadBalancer)) {
            return "0.0.0.0/0 (the Internet)"
        }
        let list = set.prefixes.map(\.description)
        return list.count > limit ? list.prefix(limit).joined(separator: ", ") + ", … (\(list.count) prefixes)" : list.joined(separator: ", ")
    }

    static func locations(_ change: MatrixDiff.FlowChange, limit: Int = 3) -> String {
        let names = change.locations.map(\.name)
        return names.count > limit ? names.prefix(limit).joined(separator: ", ") + " and \(names.count - limit) more" : names.joined(separator: ", ")
    }

    static func verdict(_ cell: Matrix.Cell?) -> String {
        guard let cell else { return "absent" }
        if cell.verdict == .unreachable, let blocker = cell.blocker { return "Unreachable (\(blocker.code.rawValue)\(blocker.resourceId.map { " at \($0.name)" } ?? ""))" }
        return cell.verdict.rawValue
    }

    /// "opens TCP/3342 on sqlmi-weu to 0.0.0.0/0 (the Internet)".
    public static func headline(_ change: MatrixDiff.FlowChange) -> String {
        let target = "\(change.destination.name) (\(change.destination.kind.rawValue))"
        switch change.direction {
        case "opens": return "opens \(ports(change)) on \(target) to \(sources(change.gained)) from \(locations(change))"
        case "closes": return "closes \(ports(change)) on \(target) to \(sources(change.lost)) from \(locations(change))"
        default:
            var parts: [String] = []
            if !change.gained.isEmpty { parts.append("opens to \(sources(change.gained))") }
            if !change.lost.isEmpty { parts.append("closes to \(sources(change.lost))") }
            if parts.isEmpty { parts.append("\(verdict(change.before)) → \(verdict(change.after))") }
            return "changes \(ports(change)) on \(target) from \(locations(change)): " + parts.joined(separator: "; ")
        }
    }

    static func location(_ location: SourceLocation?, _ extras: Extras) -> String? {
        guard let location else { return nil }
        var copy = location
        copy.file = extras.displayPath(location.file)
        return copy.description
    }

    static func causeLines(_ cause: ResourceChange, _ extras: Extras, indent: String) -> [String] {
        var lines = ["\(indent)\(cause.kind.rawValue.lowercased()) \(cause.type) '\(cause.id.name)'\(location(cause.location, extras).map { " at \($0)" } ?? "")"]
        for property in cause.properties.prefix(8) {
            lines.append("\(indent)  \(property.path): \(property.before ?? "(absent)") → \(property.after ?? "(absent)")\(location(property.location, extras).map { " (\($0))" } ?? "")")
        }
        if cause.properties.count > 8 { lines.append("\(indent)  … \(cause.properties.count - 8) more properties") }
        return lines
    }

    public static func text(_ diff: MatrixDiff, extras: Extras) -> String {
        var lines: [String] = []
        lines.append(diff.changes.isEmpty
            ? "No change in reachability (\(diff.pairsCompared) pairs compared on \(diff.portClasses.count) port class\(diff.portClasses.count == 1 ? "" : "es"))."
            : "\(diff.changes.count) change\(diff.changes.count == 1 ? "" : "s") in reachability (\(diff.pairsCompared) pairs compared):")
        for change in diff.changes {
            lines.append("")
            lines.append("* \(headline(change))")
            lines.append("    before: \(verdict(change.before)); after: \(verdict(change.after))")
            if !change.gained.isEmpty { lines.append("    gained: \(sources(change.gained, limit: 8))") }
            if !change.lost.isEmpty { lines.append("    lost: \(sources(change.lost, limit: 8))") }
            if let first = change.firstDifference { lines.append("    where the paths part: \(first)") }
            if !change.causes.isEmpty {
                lines.append("    cause:")
                for cause in change.causes.prefix(3) { lines += causeLines(cause, extras, indent: "      ") }
            }
        }
        lines += findingLines(extras)
        lines += requirementLines(extras)
        return lines.joined(separator: "\n") + "\n"
    }

    static func findingLines(_ extras: Extras) -> [String] {
        var lines: [String] = []
        if !extras.findingsAdded.isEmpty || !extras.findingsRemoved.isEmpty {
            lines.append("")
            lines.append("Posture findings: \(extras.findingsAdded.count) added, \(extras.findingsRemoved.count) removed")
            for finding in extras.findingsAdded { lines.append("  + \(finding.ruleID) \(finding.severity.rawValue): \(finding.message)\(location(finding.location, extras).map { " (\($0))" } ?? "")") }
            for finding in extras.findingsRemoved { lines.append("  - \(finding.ruleID) \(finding.severity.rawValue): \(finding.message)") }
        }
        return lines
    }

    static func requirementLines(_ extras: Extras) -> [String] {
        guard !extras.requirements.isEmpty else { return [] }
        var lines = ["", "Requirements: \(extras.requirements.count { !$0.holds }) violated of \(extras.requirements.count)"]
        for requirement in extras.requirements {
            lines.append("  \(requirement.holds ? "ok" : "VIOLATED"): \(requirement.text) — \(requirement.detail)")
        }
        return lines
    }

    public static func json(_ diff: MatrixDiff, extras: Extras) -> JSONValue {
        func cellJSON(_ cell: Matrix.Cell?) -> JSONValue {
            guard let cell else { return .null }
            return .object(MatrixRendering.cell(cell))
        }
        func resourceJSON(_ change: ResourceChange) -> JSONValue {
            .object([
                member("resourceId", .string(change.id.text)),
                member("type", .string(change.type)),
                member("change", .string(change.kind.rawValue)),
                member("location", location(change.location, extras).map { .string($0) } ?? .null),
                member("properties", .array(change.properties.map { property in
                    JSONNode(.object([
                        member("path", .string(property.path)),
                        member("before", property.before.map { .string($0) } ?? .null),
                        member("after", property.after.map { .string($0) } ?? .null),
                        member("location", location(property.location, extras).map { .string($0) } ?? .null),
                    ]))
                })),
            ])
        }
        func findingJSON(_ finding: Finding) -> JSONNode {
            JSONNode(.object([
                member("ruleId", .string(finding.ruleID)),
                member("level", .string(finding.severity.rawValue)),
                member("message", .string(finding.message)),
                member("resourceId", .string(finding.resourceID.text)),
                member("fingerprint", .string(finding.fingerprint)),
            ]))
        }
        return .object([
            member("pairsCompared", .integer(Int64(diff.pairsCompared))),
            member("changes", .array(diff.changes.map { change in
                JSONNode(.object([
                    member("headline", .string(headline(change))),
                    member("direction", .string(change.direction)),
                    member("destination", .object([
                        member("kind", .string(change.destination.kind.rawValue)),
                        member("name", .string(change.destination.name)),
                        member("resourceId", .string(change.destination.resourceId.text)),
                    ])),
                    member("sources", .array(change.locations.map { location in
                        JSONNode(.object([
                            member("kind", .string(location.kind.rawValue)),
                            member("name", .string(location.name)),
                            member("resourceId", location.id.map { .string($0.text) } ?? .null),
                        ]))
                    })),
                    member("protocol", .string(change.protocol == .udp ? "UDP" : "TCP")),
                    member("ports", .array(change.ports.map { JSONNode(.string(MatrixRendering.portText($0))) })),
                    member("before", cellJSON(change.before)),
                    member("after", cellJSON(change.after)),
                    member("gainedPrefixes", MatrixRendering.prefixes(change.gained)),
                    member("lostPrefixes", MatrixRendering.prefixes(change.lost)),
                    member("firstDifference", change.firstDifference.map { .string($0) } ?? .null),
                    member("causes", .array(change.causes.map { JSONNode(resourceJSON($0)) })),
                ]))
            })),
            member("resourceChanges", .array(diff.resourceChanges.map { JSONNode(resourceJSON($0)) })),
            member("findingsAdded", .array(extras.findingsAdded.map(findingJSON))),
            member("findingsRemoved", .array(extras.findingsRemoved.map(findingJSON))),
            member("requirements", .array(extras.requirements.map { requirement in
                JSONNode(.object([
                    member("requirement", .string(requirement.text)),
                    member("holds", .bool(requirement.holds)),
                    member("detail", .string(requirement.detail)),
                ]))
            })),
        ])
    }

    /// A pull-request comment: a headline per change, a table, and the causes with file and line.
    public static func markdown(_ diff: MatrixDiff, extras: Extras) -> String {
        var lines: [String] = ["## NetTwin: reachability changes", ""]
        if diff.changes.isEmpty {
            lines.append("No change in reachability (\(diff.pairsCompared) pairs compared).")
        } else {
            for change in diff.changes.prefix(20) { lines.append("- **\(escape(headline(change)))**") }
            if diff.changes.count > 20 { lines.append("- … and \(diff.changes.count - 20) more") }
            lines.append("")
            lines.append("| Source | Destination | Ports | Before | After | Gained | Lost |")
            lines.append("|---|---|---|---|---|---|---|")
            for change in diff.changes {
                lines.append("| \(escape(locations(change))) | \(escape(change.destination.name)) (\(change.destination.kind.rawValue)) | \(ports(change)) | \(escape(verdict(change.before))) | \(escape(verdict(change.after))) | \(escape(change.gained.isEmpty ? "" : sources(change.gained))) | \(escape(change.lost.isEmpty ? "" : sources(change.lost))) |")
            }
            lines.append("")
            if diff.changes.count <= 8 {
                lines.append(contentsOf: mermaid(diff.changes))
                lines.append("")
            }
            lines.append("### Causes")
            var listed = Set<ResourceID>()
            for change in diff.changes {
                for cause in change.causes.prefix(3) where listed.insert(cause.id).inserted {
                    let place = location(cause.location, extras).map { " — `\($0)`" } ?? ""
                    lines.append("- \(cause.kind.rawValue.lowercased()) `\(cause.type)` **\(escape(cause.id.name))**\(place)")
                    for property in cause.properties.prefix(8) {
                        let at = location(property.location, extras).map { " (`\($0)`)" } ?? ""
                        lines.append("  - `\(property.path)`: `\(property.before ?? "(absent)")` → `\(property.after ?? "(absent)")`\(at)")
                    }
                }
            }
        }
        if !extras.findingsAdded.isEmpty || !extras.findingsRemoved.isEmpty {
            lines.append("")
            lines.append("### Posture findings")
            for finding in extras.findingsAdded { lines.append("- added **\(finding.ruleID)** (\(finding.severity.rawValue)): \(escape(finding.message))") }
            for finding in extras.findingsRemoved { lines.append("- removed **\(finding.ruleID)**: \(escape(finding.message))") }
        }
        if !extras.requirements.isEmpty {
            lines.append("")
            lines.append("### Requirements")
            for requirement in extras.requirements {
                lines.append("- \(requirement.holds ? "✅" : "❌ **violated**") \(escape(requirement.text)) — \(escape(requirement.detail))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A small picture of the changed flows for a pull-request comment (GitHub renders Mermaid): one edge per change from
    /// its source locations to its destination, labelled with what it opens or closes; closed flows are dashed, so the
    /// direction is told by the label and the line, not by colour.
    static func mermaid(_ changes: [MatrixDiff.FlowChange]) -> [String] {
        var lines = ["```mermaid", "flowchart LR"]
        var declared: [String: String] = [:]
        func node(_ key: String, _ label: String, shape: (String, String)) -> String {
            if let id = declared[key] { return id }
            let id = DiagramBuilder.nodeID(key)
            declared[key] = id
            lines.append("  \(id)\(shape.0)\"\(DiagramRendering.mermaidText(label))\"\(shape.1)")
            return id
        }
        for change in changes {
            let from = node("from|" + locations(change), locations(change), shape: ("([", "])"))
            let to = node("to|" + change.destination.resourceId.normalized + "|" + change.destination.kind.rawValue, "\(change.destination.name) (\(change.destination.kind.rawValue))", shape: ("[(", ")]"))
            let what = change.direction == "opens" ? "opens \(ports(change)) to \(sources(change.gained, limit: 2))"
                : change.direction == "closes" ? "closes \(ports(change)) to \(sources(change.lost, limit: 2))" : "changes \(ports(change))"
            lines.append("  \(from) \(change.direction == "closes" ? "-.->" : "==>")|\"\(DiagramRendering.mermaidText(what))\"| \(to)")
        }
        lines.append("```")
        return lines
    }

    /// Markdown table cells: pipes escaped, line breaks removed.
    static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "|": out += "\\|"
            case "\n", "\r": out += " "
            default: out.append(c)
            }
        }
        return out
    }
}
