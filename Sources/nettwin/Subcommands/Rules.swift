import ArgumentParser
import NetTwinCore
import NetTwinRender

struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Effective security rules of a subnet or NIC, as Network Watcher's effective security rules.",
        discussion: "JSON output has the shape of the REST API's EffectiveNetworkSecurityGroupListResult, with service tags and application security groups expanded to prefixes."
    )

    @OptionGroup var place: TargetOptions
    @OptionGroup var inputs: InputOptions
    @OptionGroup var output: OutputOptions
    var nic: String? { place.nic }
    var subnet: String? { place.subnet }

    func validate() throws {
        guard place.count == 1 else { throw ValidationError("give exactly one of --nic, --subnet and --ip") }
    }

    func run() throws {
        let (topology, tags) = try inputs.load()
        let security = SecurityEngine(topology: topology, serviceTags: tags)
        var groups: [NetworkWatcherRendering.EffectiveGroup] = []
        let title: String
        let target: Subnet?
        var associations: [(ResourceID, NSGAssociation)] = []
        if let address = try place.address(), let found = Optional(try resolveNICOrSubnet(nil, address: address, in: topology)), found.nic == nil {
            guard let subnet = found.subnet else { throw ExitStatus.badInput }
            if let note = found.note { printError("note: \(note)") }
            target = subnet
            if let nsg = subnet.networkSecurityGroup { associations = [(nsg, .subnet(subnet.id))] }
            title = "Effective security rules of \(address) (subnet \(subnet.virtualNetwork.name)/\(subnet.header.name))"
        } else if let nic = try nic ?? place.address().flatMap({ topology.networkInterfaces(withAddress: $0).first?.id.text }) {
            let interface = try lookup { () throws(LookupError) in try topology.networkInterface(named: nic) }
            target = interface.primaryIPConfiguration?.subnet.flatMap { topology.subnets[$0] }
            associations = security.networkSecurityGroups(for: interface, direction: .inbound)
            title = "Effective security rules of network interface \(interface.header.name)"
        } else {
            let found = try lookup { () throws(LookupError) in try topology.subnet(named: subnet!) }
            target = found
            if let nsg = found.networkSecurityGroup { associations = [(nsg, .subnet(found.id))] }
            title = "Effective security rules of subnet \(found.virtualNetwork.name)/\(found.header.name)"
        }
        let virtualNetwork = IPFlowVerifier(security: security).virtualNetworkTag(subnet: target?.id)
        for (nsgID, association) in associations {
            guard let nsg = topology.networkSecurityGroups[nsgID] else {
                printError("note: network security group '\(nsgID)' is not in the input")
                continue
            }
            let rules = security.compile(nsg, direction: .inbound, virtualNetwork: virtualNetwork)
                + security.compile(nsg, direction: .outbound, virtualNetwork: virtualNetwork)
            groups.append(.init(networkSecurityGroup: nsgID, association: association, rules: rules))
        }
        switch output.format {
        case .text: try output.write(NetworkWatcherRendering.effectiveRulesText(groups, title: title), whatIf: topology.scenarioNotes)
        case .json: try output.writeJSON(NetworkWatcherRendering.effectiveRulesJSON(groups), whatIf: topology.scenarioNotes)
        }
    }
}

struct FlowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flow",
        abstract: "Whether a TCP or UDP flow to or from a NIC is allowed, as Network Watcher's IP flow verify.",
        discussion: """
            The local IP picks its NIC unless --nic is given; an address without a NIC (a managed instance, a private \
            endpoint) is evaluated against its subnet's NSG. JSON output: {access, ruleName} with ruleName \
            "securityRules/NAME" or "defaultSecurityRules/NAME". When both the subnet and the NIC NSG allow, the \
            rule reported is the one of the NSG evaluated last (NIC inbound, subnet outbound). --explain lists \
            every rule of every NSG on the way with which of its parts matched. A Deny is an answer: exit status 0.
            """
    )

    enum Direction: String, ExpressibleByArgument, CaseIterable {
        case inbound = "Inbound", outbound = "Outbound"
        init?(argument: String) { self.init(rawValue: argument.prefix(1).uppercased() + argument.dropFirst().lowercased()) }
    }
    enum FlowProtocol: String, ExpressibleByArgument, CaseIterable {
        case tcp = "TCP", udp = "UDP"
        init?(argument: String) { self.init(rawValue: argument.uppercased()) }
    }

    @Option(help: "Inbound or Outbound.") var direction: Direction
    @Option(name: .customLong("protocol"), help: "TCP or UDP.") var flowProtocol: FlowProtocol
    @Option(help: "The NIC side: IP:PORT.") var local: String
    @Option(help: "The other side: IP:PORT.") var remote: String
    @Option(help: "The NIC, when the local IP alone does not pick one.") var nic: String?
    @Flag(help: "Show every rule of every NSG on the way and which of its parts matched.") var explain = false
    @OptionGroup var inputs: InputOptions
    @OptionGroup var output: OutputOptions

    static func endpoint(_ text: String, option: String) throws -> (IPAddress, UInt16) {
        // IPv4 "a.b.c.d:port"; IPv6 "[addr]:port".
        var host = Substring(text)
        var port = Substring("")
        if host.hasPrefix("["), let close = host.firstIndex(of: "]") {
            port = host[host.index(after: close)...].drop { $0 == ":" }
            host = host[host.index(after: host.startIndex)..<close]
        } else if let colon = host.lastIndex(of: ":") {
            port = host[host.index(after: colon)...]
            host = host[..<colon]
        }
        guard let address = IPAddress(host), let number = UInt16(port) else {
            throw ValidationError("\(option): expected IP:PORT (for example 10.0.0.4:443), found '\(text)'")
        }
        return (address, number)
    }

    func run() throws {
        let (localAddress, localPort) = try Self.endpoint(local, option: "--local")
        let (remoteAddress, remotePort) = try Self.endpoint(remote, option: "--remote")
        let (topology, tags) = try inputs.load()
        let place = try resolveNICOrSubnet(nic, address: localAddress, in: topology)
        let verifier = IPFlowVerifier(security: SecurityEngine(topology: topology, serviceTags: tags))
        let question = IPFlowVerifier.Question(
            direction: direction == .inbound ? .inbound : .outbound, protocol: flowProtocol == .tcp ? .tcp : .udp,
            localAddress: localAddress, localPort: localPort, remoteAddress: remoteAddress, remotePort: remotePort)
        var evaluation: IPFlowVerifier.Evaluation
        let at: String
        if let interface = place.nic {
            evaluation = verifier.evaluate(question, nic: interface, explain: explain)
            at = interface.header.name
        } else if let subnet = place.subnet {
            evaluation = verifier.evaluate(question, subnet: subnet, explain: explain)
            at = "subnet \(subnet.virtualNetwork.name)/\(subnet.header.name)"
        } else {
            throw ExitStatus.badInput
        }
        if let note = place.note { evaluation.notes.insert(note, at: 0) }
        switch output.format {
        case .text:
            let text = "\(direction.rawValue) \(flowProtocol.rawValue) \(local) \(direction == .inbound ? "<-" : "->") \(remote) at \(at)"
            try output.write(NetworkWatcherRendering.flowText(evaluation, question: text, explain: explain), whatIf: topology.scenarioNotes)
        case .json: try output.writeJSON(NetworkWatcherRendering.flowJSON(evaluation, explain: explain), whatIf: topology.scenarioNotes)
        }
    }
}
