import ArgumentParser
import NetTwinCore
import NetTwinRender

struct Routes: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Effective routes of a subnet or NIC, as Network Watcher's effective routes.",
        discussion: "JSON output has the shape of the REST API's EffectiveRouteListResult. --gateway NAME --advertised or --learned lists what a VPN or ExpressRoute gateway advertises to on-premises or learns from it, in the shape of Network Watcher's GatewayRouteListResult (network, origin, asPath where known). Exit status: 0 answered; 2 bad input or unknown name."
    )

    @OptionGroup var place: TargetOptions
    @Option(help: "A virtual network gateway: with --advertised or --learned, the routes it advertises to on-premises or learns from it.") var gateway: String?
    @Flag(help: "With --gateway: what the gateway advertises to on-premises (BGP and static).") var advertised = false
    @Flag(help: "With --gateway: what the gateway learns from on-premises, and which learned prefixes are rejected.") var learned = false
    @OptionGroup var inputs: InputOptions
    @OptionGroup var output: OutputOptions
    var nic: String? { place.nic }
    var subnet: String? { place.subnet }

    func validate() throws {
        if gateway != nil {
            guard place.count == 0, advertised != learned else { throw ValidationError("--gateway takes exactly one of --advertised and --learned, and no --nic, --subnet or --ip") }
        } else {
            guard place.count == 1 else { throw ValidationError("give exactly one of --nic, --subnet and --ip (or --gateway with --advertised or --learned)") }
            guard !advertised && !learned else { throw ValidationError("--advertised and --learned go with --gateway") }
        }
    }

    func run() throws {
        let (topology, tags) = try inputs.load()
        let engine = RouteEngine(topology: topology, serviceTags: tags)
        if let gateway {
            guard let id = uniquelyNamed(gateway, in: topology.virtualNetworkGateways.values.map(\.header)), let view = engine.bgpView(of: id) else {
                printError("error: no virtual network gateway named '\(gateway)' in the input (known: \(topology.virtualNetworkGateways.values.map(\.header.name).sorted().joined(separator: ", ")))")
                throw ExitStatus.badInput
            }
            switch output.format {
            case .text: try output.write(NetworkWatcherRendering.gatewayRoutesText(view, advertised: advertised), whatIf: topology.scenarioNotes)
            case .json: try output.writeJSON(NetworkWatcherRendering.gatewayRoutesJSON(view, advertised: advertised), whatIf: topology.scenarioNotes)
            }
            return
        }
        let target: Subnet
        let title: String
        if let address = try place.address() {
            let found = try resolveNICOrSubnet(nil, address: address, in: topology)
            guard let subnet = found.subnet else {
                printError("error: network interface '\(found.nic?.header.name ?? "?")' has no subnet in the input")
                throw ExitStatus.badInput
            }
            if let note = found.note { printError("note: \(note)") }
            target = subnet
            title = "Effective routes of \(address) (\(found.nic.map { "network interface \($0.header.name), " } ?? "")subnet \(subnet.virtualNetwork.name)/\(subnet.header.name))"
        } else if let nic {
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
        discussion: "The source IP picks its NIC unless --nic is given; an address without a NIC (a managed instance, a private endpoint) picks the subnet that holds it. JSON output: {nextHopType, nextHopIpAddress, routeTableId}; routeTableId is \"System Route\" when a system route decides."
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
        let place = try resolveNICOrSubnet(nic, address: source, in: topology)
        guard let subnet = place.subnet else {
            printError("error: network interface '\(place.nic?.header.name ?? "?")' has no subnet in the input")
            throw ExitStatus.badInput
        }
        if let note = place.note { printError("note: \(note)") }
        let table = RouteEngine(topology: topology, serviceTags: tags).effectiveRoutes(of: subnet)
        let hop = NetworkWatcherRendering.nextHop(in: table, destination: destination)
        let sourceName = place.nic?.header.name ?? "\(subnet.virtualNetwork.name)/\(subnet.header.name)"
        switch output.format {
        case .text: try output.write(NetworkWatcherRendering.nextHopText(hop, source: "\(source) (\(sourceName))", destination: destination.description), whatIf: topology.scenarioNotes)
        case .json: try output.writeJSON(NetworkWatcherRendering.nextHopJSON(hop), whatIf: topology.scenarioNotes)
        }
    }
}

/// The NIC named by --nic or holding the address; without one, the subnet whose range holds the address (an address
/// with no NIC in the configuration: a managed instance node, a private endpoint), with a note saying so.
func resolveNICOrSubnet(_ name: String?, address: IPAddress, in topology: Topology) throws -> (nic: NetworkInterface?, subnet: Subnet?, note: String?) {
    if name != nil || !topology.networkInterfaces(withAddress: address).isEmpty {
        let interface = try resolveNIC(name, address: address, in: topology)
        let subnetID = interface.ipConfigurations.first(where: { $0.privateIPAddress == address })?.subnet ?? interface.primaryIPConfiguration?.subnet
        return (interface, subnetID.flatMap { topology.subnets[$0] }, nil)
    }
    guard let subnet = topology.subnet(holding: address) else {
        printError("error: no network interface has the private IP \(address) and no subnet of the input holds it; name a NIC with --nic")
        throw ExitStatus.badInput
    }
    return (nil, subnet, "no network interface in the input has \(address); subnet '\(subnet.virtualNetwork.name)/\(subnet.header.name)', which holds it, is used (a NIC-level NSG would apply too)")
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
