import ArgumentParser
import NetTwinCore
import NetTwinRender

struct Routes: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Effective routes of a subnet or NIC, as Network Watcher's effective routes.",
        discussion: "JSON output has the shape of the REST API's EffectiveRouteListResult. Exit status: 0 answered; 2 bad input or unknown name."
    )

    @OptionGroup var place: TargetOptions
    @OptionGroup var inputs: InputOptions
    @OptionGroup var output: OutputOptions
    var nic: String? { place.nic }
    var subnet: String? { place.subnet }

    func run() throws {
        let (topology, tags) = try inputs.load()
        let engine = RouteEngine(topology: topology, serviceTags: tags)
        let target: Subnet
        let title: String
        if let nic {
            let interface = try lookup { () throws(LookupError) in try topology.networkInterface(named: nic) }
            guard let subnetID = interface.primaryIPConfiguration?.subnet, let found = topology.subnets[subnetID] else {
                printError("error: network interface '\(interface.header.name)' has no subnet in the input")
                throw ExitStatus.badInput
            }
            target = found
            title = "Effective routes of network interface \(interface.header.name) (subnet \(found.virtualNetwork.name)/\(found.header.name))"
        } else {
            target = try lookup { () throws(LookupError) in try topology.subnet(named: subnet!) }
            title = "Effective routes of subnet \(target.virtualNetwork.name)/\(target.header.name)"
        }
        let table = engine.effectiveRoutes(of: target)
        switch output.format {
        case .text: try output.write(NetworkWatcherRendering.effectiveRoutesText(table, title: title), whatIf: topology.scenarioNotes)
        case .json: try output.writeJSON(NetworkWatcherRendering.effectiveRoutesJSON(table), whatIf: topology.scenarioNotes)
        }
    }
}

struct NextHop: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "next-hop",
        abstract: "The next hop from a source IP to a destination IP, as Network Watcher's next hop.",
        discussion: "The source IP picks its NIC unless --nic is given. JSON output: {nextHopType, nextHopIpAddress, routeTableId}; routeTableId is \"System Route\" when a system route decides."
    )

    @Option(name: .customLong("source-ip"), help: "The source address (a NIC's private IP).") var sourceIP: String
    @Option(name: .customLong("destination-ip"), help: "The destination address.") var destinationIP: String
    @Option(help: "The NIC, when the source IP alone does not pick one.") var nic: String?
    @OptionGroup var inputs: InputOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let source = try parseAddress(sourceIP, option: "--source-ip")
        let destination = try parseAddress(destinationIP, option: "--destination-ip")
        let (topology, tags) = try inputs.load()
        let interface = try resolveNIC(nic, address: source, in: topology)
        guard let subnetID = interface.ipConfigurations.first(where: { $0.privateIPAddress == source })?.subnet ?? interface.primaryIPConfiguration?.subnet,
            let subnet = topology.subnets[subnetID]
        else {
            printError("error: network interface '\(interface.header.name)' has no subnet in the input")
            throw ExitStatus.badInput
        }
        let table = RouteEngine(topology: topology, serviceTags: tags).effectiveRoutes(of: subnet)
        let hop = NetworkWatcherRendering.nextHop(in: table, destination: destination)
        switch output.format {
        case .text: try output.write(NetworkWatcherRendering.nextHopText(hop, source: "\(source) (\(interface.header.name))", destination: destination.description), whatIf: topology.scenarioNotes)
        case .json: try output.writeJSON(NetworkWatcherRendering.nextHopJSON(hop), whatIf: topology.scenarioNotes)
        }
    }
}

/// The NIC named by --nic, or the one holding the address.
func resolveNIC(_ name: String?, address: IPAddress, in topology: Topology) throws -> NetworkInterface {
    if let name { return try lookup { () throws(LookupError) in try topology.networkInterface(named: name) } }
    let candidates = topology.networkInterfaces(withAddress: address)
    if candidates.count == 1 { return candidates[0] }
    if candidates.isEmpty {
        printError("error: no network interface in the input has the private IP \(address); name one with --nic")
    } else {
        printError("error: \(candidates.count) network interfaces have the IP \(address); name one with --nic: \(candidates.map(\.id.text).joined(separator: ", "))")
    }
    throw ExitStatus.badInput
}
