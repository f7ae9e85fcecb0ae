import ArgumentParser
import NetTwinCore
import NetTwinRender

struct Resolve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "What a name resolves to from a VNet, with the chain (CNAME, private DNS zone, record).",
        discussion: """
            The query is answered as Azure-provided DNS (168.63.129.16) would answer it for the VNet: private DNS \
            zones linked to the VNet, the privatelink aliases of approved private endpoints, SQL managed instance and \
            failover group names, Traffic Manager profiles. A subnet or NIC stands for its VNet; a NIC's own DNS \
            servers replace the VNet's. Addresses the configuration does not give are reported as unknown, with the reason.
            Exit status: 0 answered (NXDomain and Unknown are answers); 2 bad input or unknown name.
            """
    )

    @Argument(help: "The name to resolve (sqlmi.abc123.database.windows.net).") var name: String
    @Option(help: "Where the query comes from: VNET, VNET/SUBNET, a NIC name, a full resource ID, internet (public DNS), or onprem[:GATEWAY-or-CONNECTION] (on-premises DNS forwarding Azure names to the configuration's DNS Private Resolver inbound endpoint, or to --dns-forwarder; public DNS without one).") var from: String
    @Option(name: .customLong("dns-forwarder"), help: ArgumentHelp("With --from onprem: the address on-premises DNS forwards Azure zones to (an inbound endpoint or a forwarder VM in a VNet).", valueName: "ip"))
    var dnsForwarder: String?
    @Option(name: .customLong("client-region"), help: ArgumentHelp("Traffic Manager performance routing: the Azure region the query comes from (default: the VNet's region).", valueName: "region"))
    var clientRegion: String?
    @Option(name: .customLong("client-country"), help: ArgumentHelp("Traffic Manager geographic routing: where the resolver is, as a geographic code (DE, US-CA, GEO-EU; traffic-manager-geographic-regions.md).", valueName: "code"))
    var clientCountry: String?
    @Option(name: .customLong("client-ip"), help: ArgumentHelp("Traffic Manager subnet routing: the resolver's (or ECS client subnet's) address.", valueName: "ip"))
    var clientIP: String?
    @OptionGroup var inputs: InputOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard !DNSResolver.normalize(name).isEmpty else { throw ValidationError("the name to resolve is empty") }
    }

    func run() throws {
        let (topology, _) = try inputs.load()
        let (source, display) = try querySource(from, in: topology)
        let address = try clientIP.map { try parseAddress($0, option: "--client-ip") }
        if let clientCountry, !topology.trafficManagerData.parents.isEmpty, topology.trafficManagerData.parents[clientCountry.uppercased()] == nil, clientCountry.uppercased() != "WORLD" {
            printError("error: --client-country '\(clientCountry)' is not a geographic code of Traffic Manager's hierarchy (a country such as DE or US, a state such as US-CA, a grouping such as GEO-EU; traffic-manager-geographic-regions.md)")
            throw ExitStatus.badInput
        }
        let client = clientRegion == nil && clientCountry == nil && address == nil ? nil
            : TrafficManagerRouting.Client(region: clientRegion, location: clientCountry, address: address)
        let resolution = DNSResolver(topology: topology).resolve(name: name, from: source, client: client)
        switch output.format {
        case .text: try output.write(DNSRendering.text(resolution, fromName: display), whatIf: topology.scenarioNotes)
        case .json: try output.writeJSON(DNSRendering.json(resolution), whatIf: topology.scenarioNotes)
        }
    }

    /// A VNet, subnet or NIC named by ID, `VNET/SUBNET` or a name (VNets first, then NICs); `internet`; `onprem[:NAME]`.
    func querySource(_ text: String, in topology: Topology) throws -> (DNSQuerySource, String) {
        if text.lowercased() == "internet" { return (.internet, "") }
        if text.lowercased() == "onprem" || text.lowercased().hasPrefix("onprem:") {
            if let dnsForwarder { return (.onPremises(forwarder: try parseAddress(dnsForwarder, option: "--dns-forwarder")), "") }
            let name = text.count > "onprem:".count ? String(text.dropFirst("onprem:".count)) : nil
            var through: ResourceID?
            if let name {
                guard let id = uniquelyNamed(name, in: topology.connections.values.map(\.header)) ?? uniquelyNamed(name, in: topology.localNetworkGateways.values.map(\.header)) else {
                    printError("error: '\(name)' is not a connection or a local network gateway in the input (onprem:GATEWAY-or-CONNECTION)")
                    throw ExitStatus.badInput
                }
                through = id
            }
            let forwarder = topology.onPremisesForwarder(through: through)
            return (.onPremises(forwarder: forwarder?.address), forwarder.map { "(forwarding to inbound endpoint '\($0.endpoint.header.name)')" } ?? "")
        }
        if dnsForwarder != nil {
            printError("error: --dns-forwarder goes with --from onprem")
            throw ExitStatus.badInput
        }
        if text.hasPrefix("/") {
            let id = ResourceID(text)
            if let vnet = topology.virtualNetworks[id] { return (.virtualNetwork(vnet.id), "'\(vnet.header.name)'") }
            if let subnet = topology.subnets[id] { return (.subnet(subnet.id), "'\(subnet.virtualNetwork.name)/\(subnet.header.name)'") }
            if let nic = topology.networkInterfaces[id] { return (.networkInterface(nic.id), "'\(nic.header.name)'") }
            printError("error: no virtual network, subnet or network interface with ID '\(text)' in the input")
            throw ExitStatus.badInput
        }
        if text.contains("/") {
            let subnet = try lookup { () throws(LookupError) in try topology.subnet(named: text) }
            return (.subnet(subnet.id), "'\(subnet.virtualNetwork.name)/\(subnet.header.name)'")
        }
        let vnet = Result { () throws(LookupError) in try topology.virtualNetwork(named: text) }
        let nic = Result { () throws(LookupError) in try topology.networkInterface(named: text) }
        switch (vnet, nic) {
        case (.success(let vnet), .failure): return (.virtualNetwork(vnet.id), "'\(vnet.header.name)'")
        case (.failure, .success(let nic)): return (.networkInterface(nic.id), "'\(nic.header.name)'")
        case (.success(let vnet), .success(let nic)):
            printError("error: '\(text)' names both a virtual network and a network interface; use the full resource ID: \(vnet.id.text), \(nic.id.text)")
            throw ExitStatus.badInput
        case (.failure(let error), .failure):
            printError("error: \(error) (or a network interface or VNET/SUBNET)")
            throw ExitStatus.badInput
        }
    }
}
