import Foundation
import ArgumentParser
import NetTwinCore
import NetTwinRender

struct Exposure: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Who can reach a resource on a port: every source, per location, as exact address sets.",
        discussion: """
            RESOURCE is an IP, a NIC or VM, a private endpoint, a SQL managed instance (--endpoint vnet-local or \
            public), a SQL Database server, Key Vault, Managed HSM or storage account (its public endpoint: \
            firewall rules or networkAcls, service endpoints with virtual network rules), or any resource with a \
            private endpoint (--endpoint private). For each \
            subnet in the input, each on-premises range and the Internet, the source prefixes that get through \
            and the path that lets them. --from internet answers only "is this reachable from the Internet, from \
            where". Exit status 0 (an answer), 2 for bad input.
            """
    )

    enum From: String, ExpressibleByArgument, CaseIterable { case internet, all }

    @Argument(help: "The destination.") var resource: String
    @Option(help: "Destination port.") var port: UInt16 = 1433
    @Option(help: ArgumentHelp("On which ports: a port list or ranges (22,3389,1000-2000 or 0-65535); one answer per range of ports the rules treat alike. Replaces --port.", valueName: "ports"))
    var ports: String?
    @Option(name: .customLong("protocol"), help: "TCP or UDP.") var flowProtocol: Reach.FlowProtocol = .tcp
    @Option(help: "vnet-local or public (a managed instance), or private (the resource's private endpoint).") var endpoint: Reach.Endpoint?
    @Option(help: "internet: only sources on the Internet; all (default): every location.") var from: From = .all
    @OptionGroup var inputs: InputOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let (topology, tags) = try inputs.load()
        let destination: ReachDestination
        switch try DestinationParser(topology: topology, endpoint: endpoint).parse(resource, source: nil) {
        case nil:
            printError("error: exposure needs a resource or an address; '\(resource)' looks like a DNS name, which resolves differently from each VNet (ask 'nettwin resolve' for the address)")
            throw ExitStatus.badInput
        case let parsed?:
            destination = parsed
        }
        let engine = ExposureEngine(topology: topology, serviceTags: tags)
        let proto: ProtocolSet = flowProtocol == .udp ? .udp : .tcp
        if let ports {
            let set: PortSet
            do {
                let entries = ports.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                guard !entries.contains(where: \.isEmpty) else {
                    printError("error: --ports: '\(ports)' has an empty entry; expected ports or ranges separated by commas (22,3389,1000-2000)")
                    throw ExitStatus.badInput
                }
                set = try PortSet(parsingList: entries)
            } catch let status as ExitCode {
                throw status
            } catch {
                printError("error: --ports: \(error)")
                throw ExitStatus.badInput
            }
            let results = engine.exposure(of: destination, ports: set, protocol: proto, internetOnly: from == .internet)
            // The assumptions of every range, once each.
            var seen = Set<String>()
            let assumptions = results.flatMap(\.result.assumptions).filter { seen.insert($0).inserted }
            let address = results.first?.result.destinationAddress
            switch output.format {
            case .text: try output.write(ExposureRendering.text(results, ports: set, protocol: flowProtocol.rawValue, destination: resource, destinationAddress: address, assumptions: assumptions), whatIf: topology.scenarioNotes)
            case .json: try output.writeJSON(ExposureRendering.json(results, ports: set, protocol: flowProtocol.rawValue, destination: resource, destinationAddress: address, assumptions: assumptions), whatIf: topology.scenarioNotes)
            }
            return
        }
        let result = engine.exposure(of: destination, port: port, protocol: proto, internetOnly: from == .internet)
        switch output.format {
        case .text: try output.write(ExposureRendering.text(result, destination: resource), whatIf: topology.scenarioNotes)
        case .json: try output.writeJSON(ExposureRendering.json(result, destination: resource), whatIf: topology.scenarioNotes)
        }
    }
}
