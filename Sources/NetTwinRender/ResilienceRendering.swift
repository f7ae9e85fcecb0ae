import NetTwinCore

/// Text, JSON and markdown for `resilience`: required paths × failures.
public enum ResilienceRendering {
    static func cell(_ outcome: Resilience.Outcome) -> String {
        switch outcome {
        case .survives(let verdict): return verdict == .unknown ? "survives (Unknown)" : "survives"
        case .notOnPath: return "survives (not on the path)"
        case .lost(let code, let resource, _, let expected):
            return (expected ? "lost, same region" : "LOST") + " (\(code?.rawValue ?? "Unreachable")\(resource.map { " at \($0.name)" } ?? ""))"
        }
    }

    static func short(_ outcome: Resilience.Outcome) -> String {
        switch outcome {
        case .survives(let verdict): return verdict == .unknown ? "ok?" : "ok"
        case .notOnPath: return "·"
        case .lost(let code, _, _, let expected): return (expected ? "lost (own region) " : "**LOST** ") + (code?.rawValue ?? "")
        }
    }

    public static func text(_ report: Resilience.Report, whatIf: [String] = []) -> String {
        var lines = ["Resilience: \(report.paths.count) required path\(report.paths.count == 1 ? "" : "s") × \(report.failures.count) single failure\(report.failures.count == 1 ? "" : "s"); \(report.unexpectedLosses) loss\(report.unexpectedLosses == 1 ? "" : "es") outside a path's own region"]
        for (i, path) in report.paths.enumerated() {
            lines.append("")
            lines.append("\(path.name)  [as given: \(report.baseline[i].verdict.rawValue); own region\(path.ownRegions.count == 1 ? "" : "s"): \(path.ownRegions.sorted().joined(separator: ", ").isEmpty ? "none" : path.ownRegions.sorted().joined(separator: ", "))]")
            var table = TextTable(headers: ["FAILURE", "OUTCOME"], indent: "    ")
            for (f, failure) in report.failures.enumerated() {
                if case .notOnPath = report.outcomes[i][f] { continue }
                table.append([failure.label, cell(report.outcomes[i][f])])
            }
            let untouched = report.outcomes[i].count { if case .notOnPath = $0 { return true }; return false }
            if !table.rows.isEmpty { lines.append(table.render()) }
            if untouched > 0 { lines.append("    (\(untouched) other failure\(untouched == 1 ? "" : "s") touch nothing on the path: survives)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func json(_ report: Resilience.Report) -> JSONValue {
        .object([
            member("unexpectedLosses", .integer(Int64(report.unexpectedLosses))),
            member("failures", .array(report.failures.map { failure in
                JSONNode(.object([
                    member("failure", .string(failure.label)),
                    member("region", failure.region.map { .string($0) } ?? .null),
                    member("resourceId", failure.resource.map { .string($0.text) } ?? .null),
                ]))
            })),
            member("paths", .array(report.paths.enumerated().map { i, path in
                JSONNode(.object([
                    member("path", .string(path.name)),
                    member("port", .integer(Int64(path.port))),
                    member("mustBe", .string(path.mustBeReachable ? "Reachable" : "Blocked")),
                    member("asGiven", .string(report.baseline[i].verdict.rawValue)),
                    member("ownRegions", .array(path.ownRegions.sorted().map { JSONNode(.string($0)) })),
                    member("outcomes", .array(report.failures.indices.map { f in
                        var members = [member("failure", .string(report.failures[f].label))]
                        switch report.outcomes[i][f] {
                        case .survives(let verdict):
                            members += [member("outcome", .string("Survives")), member("verdict", .string(verdict.rawValue))]
                        case .notOnPath:
                            members += [member("outcome", .string("Survives")), member("verdict", .string("NotOnPath"))]
                        case .lost(let code, let resource, let message, let expected):
                            members += [
                                member("outcome", .string(expected ? "LostInOwnRegion" : "Lost")),
                                member("code", code.map { .string($0.rawValue) } ?? .null),
                                member("resourceId", resource.map { .string($0.text) } ?? .null),
                                member("message", .string(message)),
                            ]
                        }
                        return JSONNode(.object(members))
                    })),
                ]))
            })),
        ])
    }

    public static func markdown(_ report: Resilience.Report) -> String {
        var lines = ["## NetTwin: resilience", "",
                     "\(report.paths.count) required paths × \(report.failures.count) single failures: **\(report.unexpectedLosses)** loss\(report.unexpectedLosses == 1 ? "" : "es") outside a path's own region.", ""]
        let shown = report.failures.indices.filter { f in report.paths.indices.contains { i in if case .notOnPath = report.outcomes[i][f] { return false }; return true } }
        lines.append("| Required path | " + shown.map { report.failures[$0].label }.joined(separator: " | ") + " |")
        lines.append("|---|" + shown.map { _ in "---|" }.joined())
        for (i, path) in report.paths.enumerated() {
            lines.append("| \(path.name) | " + shown.map { short(report.outcomes[i][$0]) }.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
