import ArgumentParser
import Foundation
import NetTwinCore
import NetTwinRender

struct MatrixCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "matrix",
        abstract: "Who can reach what, all at once: every source location × every destination × every class of ports.",
        discussion: """
            Sources are locations: every subnet, every on-premises range (each local network gateway; ExpressRoute \
            connections with assumed prefixes) and the Internet. Destinations: every NIC, private endpoint, managed \
            instance (VNet-local and public endpoint), SQL server, Key Vault, Managed HSM and storage account (public \
            endpoint), every subnet's address space, and the host names whose answer depends on the asker (services \
            with a private endpoint, managed instances, failover group listeners), resolved from each source. Ports: \
            by default 1433, 11000-11999, 3342, 5022, 443, 22, 3389 and every port range an NSG or firewall rule names, \
            cut into classes that every rule treats alike; --ports narrows.

            Each answer is the verdict, the exact source prefixes that get through, and for a denial the deciding \
            blocker (the codes of 'nettwin reach', Docs/REACH-CODES.md). The JSON is class-based (Docs/MATRIX.md): \
            destinations alike, source locations that appear together, port classes alike, and the relation between \
            them. CSV lists every selected pair. Text prints a summary and the pairs when they are few.

            SELECTOR (--from, --to; repeatable, or comma-separated): a kind (from: internet, onprem, subnet; to: nic, \
            pe, mi, mi-public, sqlserver, keyvault, hsm, storage, subnet, hostname) or a name pattern with * (a \
            subnet VNET/SUBNET, a VNet, a resource name or ID, a host name, an address).

            Exit status: 0 answered; 1 the inputs hold errors Azure would reject; 2 bad input or question.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, csv }

    @Option(help: ArgumentHelp("The ports to ask about: a list of ports and ranges (1433,11000-11999,3342).", valueName: "ports")) var ports: String?
    @Option(name: .customLong("protocol"), help: "TCP or UDP.") var flowProtocol: Reach.FlowProtocol = .tcp
    @Option(help: ArgumentHelp("Only these sources.", valueName: "selector")) var from: [String] = []
    @Option(help: ArgumentHelp("Only these destinations.", valueName: "selector")) var to: [String] = []
    @Option(help: "Output format: text, json or csv.") var format: Format = .text
    @Option(name: [.short, .long], help: "Write the output to this file instead of standard output.") var output: String?
    @OptionGroup var inputs: InputOptions

    func run() throws {
        let portSet = try MatrixCommand.parsePorts(ports)
        let fromSelectors = try MatrixCommand.parseSelectors(from, option: "--from")
        let toSelectors = try MatrixCommand.parseSelectors(to, option: "--to")
        let (topology, tags) = try inputs.load()
        let engine = MatrixEngine(topology: topology, serviceTags: tags)
        try MatrixCommand.checkSelectors(fromSelectors, toSelectors, engine: engine)
        let matrix = engine.matrix(
            ports: portSet, protocol: flowProtocol == .udp ? .udp : .tcp,
            locations: { location in fromSelectors.isEmpty || fromSelectors.contains { $0.matches(location) } },
            destinations: { destination in toSelectors.isEmpty || toSelectors.contains { $0.matches(destination) } })
        let writer = OutputOptions(format: format == .json ? .json : .text, output: output)
        switch format {
        case .text: try writer.write(MatrixRendering.text(matrix), whatIf: topology.scenarioNotes)
        case .json: try writer.writeJSON(MatrixRendering.json(matrix), whatIf: topology.scenarioNotes)
        case .csv: try writer.write(MatrixRendering.csv(matrix), whatIf: topology.scenarioNotes)
        }
    }

    /// `--ports`: a non-empty list of ports and ranges.
    static func parsePorts(_ text: String?) throws -> PortSet? {
        guard let text else { return nil }
        let entries = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard !entries.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
            throw ValidationError("--ports: expected a comma-separated list of ports and ranges (1433,11000-11999), found '\(text)' with an empty entry")
        }
        do {
            return try PortSet(parsingList: entries)
        } catch {
            throw ValidationError("--ports: \(error)")
        }
    }

    static func parseSelectors(_ texts: [String], option: String) throws -> [MatrixSelector] {
        var result: [MatrixSelector] = []
        for text in texts {
            guard let list = MatrixSelector.list(text) else {
                throw ValidationError("\(option): expected a selector or a comma-separated list of them, found '\(text)' with an empty entry")
            }
            result += list
        }
        return result
    }

    /// A selector that selects nothing is a mistake worth saying (exit 2), with the names it could have meant.
    static func checkSelectors(_ from: [MatrixSelector], _ to: [MatrixSelector], engine: MatrixEngine) throws {
        for selector in from where !engine.exposure.locations.contains(where: selector.matches) {
            let names = engine.exposure.locations.map(\.name)
            printError("error: --from '\(selector.text)' matches no source location\(suggestions(selector.text, names))")
            throw ExitStatus.badInput
        }
        let destinations = MatrixDestination.all(in: engine.topology).destinations
        for selector in to where !destinations.contains(where: selector.matches) {
            printError("error: --to '\(selector.text)' matches no destination\(suggestions(selector.text, destinations.map(\.name)))")
            throw ExitStatus.badInput
        }
    }

    static func suggestions(_ text: String, _ names: [String]) -> String {
        let needle = text.lowercased().replacingOccurrences(of: "*", with: "")
        let close = names.filter { !needle.isEmpty && ($0.lowercased().contains(needle) || needle.contains($0.lowercased())) }.prefix(5)
        return close.isEmpty ? "" : "; did you mean: \(close.joined(separator: ", "))"
    }
}
