import ArgumentParser
import Foundation
import NetTwinChecks
import NetTwinCore
import NetTwinRender

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Posture findings computed on the effective model (routes, NSGs in priority order, DNS, endpoint states).",
        discussion: """
            Every rule, its rationale, guidance link and fix: Docs/CHECKS.md. --config reads a YAML file with \
            thresholds (publicSourcePrefixLimit), knownSources and suppressions (rule, resource, reason); suppressed \
            findings are listed (SARIF: 'suppressions') but do not count for --fail-on.
            --each checks every PATH as its own deployment (a folder, or a template with its sibling \
            NAME.parameters.json), all in one process and in parallel; each finding carries its deployment \
            ('deployment' in JSON, properties.deployment in SARIF, whose results name their files).
            Exit status: 0 no finding at or above --fail-on; 1 findings at or above --fail-on (default error); \
            2 bad input, configuration or rule id.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, sarif
    }
    enum FailOn: String, ExpressibleByArgument, CaseIterable {
        case error, warning, note, none
        var severity: CheckSeverity? { CheckSeverity(rawValue: rawValue) }
    }

    @OptionGroup var inputs: InputOptions
    @Option(help: "Output format: text, json or sarif (SARIF 2.1.0).") var format: Format = .text
    @Option(name: [.short, .long], help: "Write the output to this file instead of standard output.") var output: String?
    @Option(help: "Exit with status 1 when a finding is at or above this level: error, warning, note or none.") var failOn: FailOn = .error
    @Option(help: "Run only these rules (comma-separated ids, e.g. NT-MI-001,NT-NET-001).") var rules: String?
    @Option(help: "Do not run these rules (comma-separated ids).") var skip: String?
    @Option(help: "A YAML configuration file: thresholds, knownSources, knownPorts, suppressions.") var config: String?
    @Flag(help: "Check each PATH as its own deployment (a folder, or a template with its sibling parameters file), in parallel.") var each = false

    static func list(_ text: String?) -> [String] {
        (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func run() throws {
        let selection = CheckRunner.select(only: Self.list(rules), skip: Self.list(skip))
        if !selection.unknown.isEmpty {
            printError("error: unknown rule id(s): \(selection.unknown.map { "'\($0)'" }.joined(separator: ", ")); known: \(CheckCatalog.all.map(\.id).joined(separator: ", "))")
            throw ExitStatus.badInput
        }
        var configuration = CheckConfiguration.default
        if let config {
            do {
                configuration = try CheckConfigFile.load(path: config)
            } catch {
                printError("error: \(error)")
                throw ExitStatus.badInput
            }
        }
        if each {
            try runEach(rules: selection.rules, configuration: configuration)
            return
        }
        let (topology, tags) = try inputs.load()
        let report = CheckRunner(rules: selection.rules).run(CheckContext(topology: topology, serviceTags: tags, configuration: configuration))
        try emit(report, scenarioNotes: topology.scenarioNotes)
    }

    func emit(_ report: CheckReport, scenarioNotes: [String], summary: String = "") throws {
        let writer = OutputOptions(format: .text, output: output)
        switch format {
        case .text: try writer.write(CheckRendering.text(report) + summary, whatIf: scenarioNotes)
        case .json: try writer.writeJSON(CheckRendering.json(report), whatIf: scenarioNotes)
        case .sarif: try writer.writeJSON(SARIFRendering.json(report, toolVersion: NetTwinCommand.configuration.version), whatIf: scenarioNotes)
        }
        if let level = failOn.severity, report.hasFindings(atOrAbove: level) { throw ExitStatus.invalidConfiguration }
    }

    /// The deployments of `--each`: each PATH with, for a template file, its sibling `NAME.parameters.json`. A parameters
    /// file given beside its template belongs to that template's deployment, not to one of its own.
    static func deployments(_ paths: [String]) -> [(name: String, paths: [String])] {
        let manager = FileManager.default
        func sibling(_ path: String) -> String? {
            guard path.lowercased().hasSuffix(".json"), !path.lowercased().hasSuffix(".parameters.json") else { return nil }
            let candidate = String(path.dropLast(5)) + ".parameters.json"
            return manager.fileExists(atPath: candidate) ? candidate : nil
        }
        let templates = Set(paths.compactMap(sibling))
        var seen: Set<String> = []
        return paths.compactMap { path in
            // A path given twice is one deployment (a shell glob and an explicit path often overlap).
            guard seen.insert(URL(fileURLWithPath: path).standardizedFileURL.path).inserted else { return nil }
            if templates.contains(path) { return nil }
            return (path, [path] + (sibling(path).map { [$0] } ?? []))
        }
    }

    func runEach(rules: [CheckRule], configuration: CheckConfiguration) throws {
        let deployments = Self.deployments(inputs.paths)
        let templateOptions = try inputs.templates.options()
        let tags = try InputOptions.loadServiceTags(inputs.serviceTags)
        // One result slot per deployment, filled on as many threads as there are cores.
        final class Slots: @unchecked Sendable {
            var reports: [CheckReport?]
            var notes: [[String]]
            var failed: [String?]
            let lock = NSLock()
            init(_ count: Int) {
                reports = Array(repeating: nil, count: count)
                notes = Array(repeating: [], count: count)
                failed = Array(repeating: nil, count: count)
            }
        }
        let slots = Slots(deployments.count)
        let inputs = self.inputs
        DispatchQueue.concurrentPerform(iterations: deployments.count) { index in
            let deployment = deployments[index]
            do {
                let (_, model) = try InputOptions.loadModel(paths: deployment.paths, templates: templateOptions, side: deployment.name, cloud: inputs.cloud, serviceAided: inputs.serviceAided)
                let topology = try inputs.whatIf.apply(to: model)
                var report = CheckRunner(rules: rules).run(CheckContext(topology: topology, serviceTags: tags, configuration: configuration))
                for i in report.findings.indices { report.findings[i].deployment = deployment.name }
                slots.lock.withLock {
                    slots.reports[index] = report
                    slots.notes[index] = topology.scenarioNotes
                }
            } catch {
                slots.lock.withLock { slots.failed[index] = "\(error)" }
            }
        }
        var all = CheckReport(rules: rules, findings: [])
        var summary: [String] = []
        for (index, deployment) in deployments.enumerated() {
            if let report = slots.reports[index] {
                all.findings += report.findings
                let active = report.active
                summary.append("  \(deployment.name): " + CheckSeverity.allCases.reversed().map { severity in "\(active.count { $0.severity == severity }) \(severity.rawValue)(s)" }.joined(separator: ", "))
            } else {
                summary.append("  \(deployment.name): not checked (the input could not be read; see the messages above)")
            }
        }
        let unreadable = slots.failed.compactMap { $0 }.count
        let notes = Array(Set(slots.notes.flatMap { $0 })).sorted()
        do {
            try emit(all, scenarioNotes: notes, summary: "\(deployments.count) deployment(s)\(unreadable > 0 ? ", \(unreadable) not checked" : ""):\n" + summary.joined(separator: "\n") + "\n")
        } catch let status as ExitCode where status == ExitStatus.invalidConfiguration && unreadable > 0 {
            throw ExitStatus.badInput
        }
        if unreadable > 0 { throw ExitStatus.badInput }
    }
}
