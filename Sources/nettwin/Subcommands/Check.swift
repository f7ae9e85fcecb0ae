import ArgumentParser
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
    @Option(help: "A YAML configuration file: thresholds, knownSources, suppressions.") var config: String?

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
        let (topology, tags) = try inputs.load()
        let report = CheckRunner(rules: selection.rules).run(CheckContext(topology: topology, serviceTags: tags, configuration: configuration))
        let writer = OutputOptions(format: .text, output: output)
        switch format {
        case .text: try writer.write(CheckRendering.text(report), whatIf: topology.scenarioNotes)
        case .json: try writer.writeJSON(CheckRendering.json(report), whatIf: topology.scenarioNotes)
        case .sarif: try writer.writeJSON(SARIFRendering.json(report, toolVersion: NetTwinCommand.configuration.version), whatIf: topology.scenarioNotes)
        }
        if let level = failOn.severity, report.hasFindings(atOrAbove: level) { throw ExitStatus.invalidConfiguration }
    }
}
