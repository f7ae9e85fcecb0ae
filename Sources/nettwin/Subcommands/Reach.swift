import ArgumentParser
import NetTwinCore
import NetTwinRender

struct Reach: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Can SOURCE reach DESTINATION on a port? Hop by hop, with every blocker and how to fix it.",
        discussion: """
            SOURCE: a NIC or VM (by name or ID), a subnet (VNET/SUBNET, --source-ip picks the address), a SQL managed instance (its subnet), \
            a local network gateway or connection (on-premises; --source-ip picks the address), an App Service app (through its VNet \
            integration), internet:IP, or onprem:IP (behind a local network gateway). DESTINATION: an IP, a DNS \
            name (resolved as the source would: from its VNet; public DNS from internet:IP; from onprem:IP through the \
            configuration's DNS Private Resolver inbound endpoint, or public DNS without one), a NIC or VM, a private endpoint, a SQL managed instance \
            (--endpoint vnet-local or public), a SQL Database server (its public endpoint and firewall), a Key \
            Vault, Managed HSM or storage account (its networkAcls). A SQL server, vault, HSM or storage account named \
            without --endpoint is reached by its host name as the source resolves it (its private endpoint where the \
            source's DNS leads there, otherwise its public endpoint); --endpoint public or private forces one. Azure Firewalls on the path are evaluated by their network \
            rules. Exit status 0 whatever the verdict (it is an answer); --fail-on-unreachable makes an \
            Unreachable verdict exit 1; 2 for bad input.
            """
    )

    enum Endpoint: String, ExpressibleByArgument, CaseIterable {
        case vnetLocal = "vnet-local", `public`, `private`
    }
    enum FlowProtocol: String, ExpressibleByArgument, CaseIterable {
        case tcp = "TCP", udp = "UDP"
        init?(argument: String) { self.init(rawValue: argument.uppercased()) }
    }

    @Argument(help: "Where the traffic starts.") var source: String
    @Argument(help: "Where it goes.") var destination: String
    @Option(help: "Destination port.") var port: UInt16 = 1433
    @Option(name: .customLong("protocol"), help: "TCP or UDP.") var flowProtocol: FlowProtocol = .tcp
    @Option(name: .customLong("source-ip"), help: "The source address: within a subnet source (default: its fifth address), or on-premises behind a local network gateway or ExpressRoute connection named as SOURCE (default: the gateway's first address; required for ExpressRoute).")
    var sourceIP: String?
    @Option(help: "vnet-local (a managed instance: 1433, redirect 11000-11999), public (3342 for a managed instance), or private (the resource's private endpoint).") var endpoint: Endpoint?
    @Flag(help: "Exit with status 1 when the verdict is Unreachable.") var failOnUnreachable = false
    @OptionGroup var inputs: InputOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let (topology, tags) = try inputs.load()
        let (dns, result) = try Self.answer(source: source, destination: destination, port: port, protocol: flowProtocol == .tcp ? .tcp : .udp,
                                            sourceIP: sourceIP, endpoint: endpoint, topology: topology, tags: tags)
        switch output.format {
        case .text: try output.write(ReachRendering.text(result, source: source, destination: destination, dns: dns), whatIf: topology.scenarioNotes)
        case .json: try output.writeJSON(ReachRendering.json(result, source: source, destination: destination, dns: dns), whatIf: topology.scenarioNotes)
        }
        if failOnUnreachable && result.verdict == .unreachable { throw ExitStatus.invalidConfiguration }
    }

    /// The answer `reach` gives (also what `graph --path` and `report` draw).
    static func answer(source: String, destination: String, port: UInt16, protocol proto: ProtocolSet, sourceIP: String?, endpoint: Endpoint?,
                       topology: Topology, tags: ServiceTagTable) throws -> (DNSResolution?, ReachResult) {
        let reachSource = try parseSource(source, sourceIP: sourceIP, in: topology)
        let engine = ReachabilityEngine(topology: topology, serviceTags: tags)
        engine.describesConnections = true
        if let target = try DestinationParser(topology: topology, endpoint: endpoint).parse(destination, source: reachSource) {
            // A service named without --endpoint is reached as its clients reach it: by its host name from the source.
            if endpoint == nil, let service = engine.publicService(target), topology.sqlManagedInstances[service] == nil,
               let (resolution, answer) = engine.reachByHostName(from: reachSource, resource: service, port: port, protocol: proto) {
                return (resolution, answer)
            }
            return (nil, engine.reach(from: reachSource, to: target, port: port, protocol: proto))
        }
        do {
            return try engine.reach(from: reachSource, name: destination, port: port, protocol: proto)
        } catch {
            printError("error: '\(destination)' cannot be resolved from this source")
            throw ExitStatus.badInput
        }
    }

    /// SOURCE as `reach` takes it (also the `from` of `diff --require`).
    static func parseSource(_ source: String, sourceIP: String?, in topology: Topology) throws -> ReachSource {
        let lowered = source.lowercased()
        for (prefix, make) in [("internet:", ReachSource.internet), ("onprem:", ReachSource.onPremises)] where lowered.hasPrefix(prefix) {
            return make(try parseAddress(String(source.dropFirst(prefix.count)), option: "SOURCE"))
        }
        if let address = IPAddress(source) {
            guard let nic = topology.networkInterfaces(withAddress: address).first else {
                printError("error: no network interface in the input has the IP \(address); use internet:IP or onprem:IP for outside sources")
                throw ExitStatus.badInput
            }
            return .networkInterface(nic.id)
        }
        let pickedAddress = try sourceIP.map { try parseAddress($0, option: "--source-ip") }
        if source.contains("/") && !source.hasPrefix("/") {
            let subnet = try lookup { () throws(LookupError) in try topology.subnet(named: source) }
            guard let pickedAddress else { return .subnet(subnet.id) }
            guard subnet.addressPrefixes.contains(where: { $0.contains(pickedAddress) }) else {
                printError("error: --source-ip \(pickedAddress) is not in subnet '\(source)' (\(subnet.addressPrefixes.map(\.description).joined(separator: ", ")))")
                throw ExitStatus.badInput
            }
            return .subnetAddress(subnet.id, pickedAddress)
        }
        // An on-premises range by its local network gateway or connection.
        if let gatewayID = uniquelyNamed(source, in: topology.localNetworkGateways.values.map(\.header)), let gateway = topology.localNetworkGateways[gatewayID] {
            return .onPremises(try onPremisesAddress(pickedAddress, in: gateway, what: "local network gateway '\(source)'"))
        }
        if let connectionID = uniquelyNamed(source, in: topology.connections.values.map(\.header)), let connection = topology.connections[connectionID] {
            if let gateway = connection.localNetworkGateway2.flatMap({ topology.localNetworkGateways[$0] }) {
                return .onPremises(try onPremisesAddress(pickedAddress, in: gateway, what: "the range behind connection '\(source)'"))
            }
            guard let pickedAddress else {
                printError("error: connection '\(source)' learns its on-premises prefixes by BGP (ExpressRoute), which no configuration holds; give the address with --source-ip")
                throw ExitStatus.badInput
            }
            return .onPremises(pickedAddress)
        }
        if let id = uniquelyNamed(source, in: topology.webSites.values.map(\.header)) { return .webSite(id) }
        // A managed instance sends from its subnet (its node addresses are not in the configuration).
        if let instance = uniquelyNamed(source, in: topology.sqlManagedInstances.values.map(\.header)), let subnet = topology.sqlManagedInstances[instance]?.subnet {
            return .subnet(subnet)
        }
        if let vm = uniquelyNamed(source, in: topology.virtualMachines.values.map(\.header)), let nic = topology.virtualMachines[vm]?.networkInterfaces.first { return .networkInterface(nic) }
        if source.hasPrefix("/"), topology.subnets[ResourceID(source)] != nil { return .subnet(ResourceID(source)) }
        return .networkInterface(try lookup { () throws(LookupError) in try topology.networkInterface(named: source) }.id)
    }

    /// The picked address, which must be in the gateway's address space, or the first address of its first range.
    static func onPremisesAddress(_ picked: IPAddress?, in gateway: LocalNetworkGateway, what: String) throws -> IPAddress {
        let first = gateway.addressSpace.first(where: \.isIPv4).flatMap { prefix -> IPAddress? in
            guard case .v4(let network) = prefix.network else { return nil }
            return .v4(IPv4Address(network.value + 1))
        }
        guard let address = picked ?? first, gateway.addressSpace.contains(where: { $0.contains(address) }) else {
            printError("error: --source-ip must be in the address space of \(what) (\(gateway.addressSpace.map(\.description).joined(separator: ", ")))")
            throw ExitStatus.badInput
        }
        return address
    }

}
