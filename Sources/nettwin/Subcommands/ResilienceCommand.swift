import ArgumentParser
import Foundation
import NetTwinCore
import NetTwinRender

struct ResilienceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resilience",
        abstract: "Required paths × single failures: which survive, which are lost and to what.",
        discussion: """
            The required paths come from --require FILE (YAML, as 'nettwin diff --require': reachable and blocked flows), \
            or by default from what is present: every app with VNet integration to its database (each failover group's \
            read-write listener, else each managed instance) on 1433, every managed instance to its TDE key's host on 443, \
            every on-premises range to the primary instance on 1433, and each failover group's replication link both ways \
            on 5022 and 11000-11999. Only paths open in the configuration as given are required.

            The failures: every single failure (--all-single-failures, the default: each region, gateway, connection, \
            peering, appliance, firewall, private endpoint, managed instance, vault, HSM regional pool, Traffic Manager \
            endpoint), or those given with --fail and --set (as every question takes them; each is one failure here).

            A path's own regions (its source's, the gateways' for on-premises, and a single-region destination's) are \
            expected to take it down with them: such a loss is listed, not counted. Exit status: 0 every required path \
            survives every failure outside its own region; 1 one does not; 2 bad input.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, markdown }

    @Option(help: ArgumentHelp("YAML required flows (see 'nettwin diff --help'); default: derived from the configuration.", valueName: "file")) var require: String?
    @Flag(name: .customLong("all-single-failures"), help: "Run every single failure (the default when no --fail or --set is given).") var allSingleFailures = false
    @Option(help: "Output format: text, json or markdown.") var format: Format = .text
    @Option(name: [.short, .long], help: "Write the output to this file instead of standard output.") var output: String?
    @OptionGroup var inputs: InputOptions

    func run() throws {
        // The failures are this command's own: --fail and --set name them, they are not applied before asking.
        let whatIf = inputs.whatIf
        let (topology, tags) = try inputs.load(applyingWhatIf: false)
        let resilience = Resilience(topology: topology, serviceTags: tags)
        var failures: [Resilience.Failure] = []
        if !whatIf.isEmpty {
            do {
                let scenario = try Scenario.parse(fail: whatIf.fail, set: whatIf.set, in: topology)
                failures = scenario.operations.map { Resilience.failure(for: $0, in: topology) }
            } catch {
                printError("error: \(error)")
                throw ExitStatus.badInput
            }
        }
        if allSingleFailures || whatIf.isEmpty { failures = resilience.allSingleFailures() + failures }
        let paths: [Resilience.RequiredPath]
        if let require {
            let requirements: [Requirement]
            do {
                requirements = try RequirementsFile.load(path: require)
            } catch {
                printError("error: --require: \(error)")
                throw ExitStatus.badInput
            }
            paths = try requirements.map { try Self.path($0, in: topology) }
        } else {
            paths = resilience.derivedPaths()
        }
        let report = resilience.evaluate(paths: paths, failures: failures)
        let writer = OutputOptions(format: format == .json ? .json : .text, output: output)
        switch format {
        case .text: try writer.write(ResilienceRendering.text(report))
        case .json: try writer.writeJSON(ResilienceRendering.json(report))
        case .markdown: try writer.write(ResilienceRendering.markdown(report))
        }
        if report.unexpectedLosses > 0 { throw ExitStatus.invalidConfiguration }
    }

    /// A requirement of the YAML file as a required path: its own regions are those of its source and destination.
    static func path(_ requirement: Requirement, in topology: Topology) throws -> Resilience.RequiredPath {
        let source = try Reach.parseSource(requirement.from, sourceIP: requirement.sourceIP, in: topology)
        let destination = try DestinationParser(topology: topology, endpoint: requirement.endpoint).parse(requirement.to, source: source)
        var own = Set<String>()
        var ownResources = Set<ResourceID>()
        switch source {
        case .networkInterface(let id), .webSite(let id), .subnet(let id), .subnetAddress(let id, _):
            ownResources.insert(id)
            if let region = Scenario.location(of: id, in: topology) { own.insert(region) }
        case .onPremises, .internet:
            break
        }
        switch destination {
        case .networkInterface(let id)?, .managedInstanceVNetLocal(let id)?, .managedInstancePublic(let id)?, .sqlServer(let id)?, .dataService(let id)?:
            ownResources.insert(id)
            if let region = Scenario.location(of: id, in: topology) { own.insert(region) }
        default:
            break
        }
        let target: Resilience.Target = destination.map { .destination($0) } ?? .hostName(requirement.to)
        return Resilience.RequiredPath(name: requirement.text, source: source, target: target, port: requirement.port,
                                       protocol: requirement.flowProtocol == .udp ? .udp : .tcp, mustBeReachable: requirement.expect == .reachable,
                                       ownRegions: own, ownResources: ownResources)
    }
}
