import ArgumentParser
import Foundation
import NetTwinChecks
import NetTwinCore
import NetTwinRender

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "One self-contained HTML page: topology picture, findings with fixes, exposure of every data service, matrix, and an offline reach form.",
        discussion: """
            The page loads nothing from the network. The picture needs Graphviz's 'dot' (Debian: apt-get install \
            graphviz); without it the page shows the DOT source and a text outline instead. The reach form offers the \
            first --max-sources sources (subnets, VMs, apps, on-premises ranges, an Internet address) and \
            --max-destinations data service endpoints; every answer is computed when the report is written and \
            embedded. Exit status: 0 written, 2 bad input.
            """
    )

    @OptionGroup var inputs: InputOptions
    @Option(name: [.short, .long], help: "Write the page to this file instead of standard output.") var output: String?
    @Option(help: "Zoom the picture on a region, resource group or VNet (as graph --scope).") var scope: String?
    @Option(help: "Level of detail of the picture: auto, subnets, vnets, hubs or regions.") var detail: Graph.Detail = .auto
    @Option(help: "At most this many sources in the reach form.") var maxSources = 40
    @Option(help: "At most this many destinations in the reach form.") var maxDestinations = 40
    @Option(help: "The Internet address the form traces from.") var internetAddress = "203.0.113.10"

    func run() throws {
        let (topology, tags) = try inputs.load()
        let selectedScope = try Graph.scope(scope, in: topology)
        let report = CheckRunner().run(CheckContext(topology: topology, serviceTags: tags))

        // The reach form: sources and destinations by the words `reach` takes.
        var sources: [(label: String, word: String)] = []
        for vnet in topology.virtualNetworks.values.sorted(by: { $0.id < $1.id }) {
            for subnet in vnet.subnets.compactMap({ topology.subnets[$0] }).sorted(by: { $0.id < $1.id })
            where !subnet.isPlatformSubnet && !subnet.addressPrefixes.isEmpty {
                sources.append(("subnet \(vnet.header.name)/\(subnet.header.name)", "\(vnet.header.name)/\(subnet.header.name)"))
            }
        }
        for vm in topology.virtualMachines.values.sorted(by: { $0.id < $1.id }) where !vm.networkInterfaces.isEmpty { sources.append(("VM \(vm.header.name)", vm.header.name)) }
        for site in topology.webSites.values.sorted(by: { $0.id < $1.id }) where site.virtualNetworkSubnet != nil { sources.append(("app \(site.header.name)", site.header.name)) }
        for gateway in topology.localNetworkGateways.values.sorted(by: { $0.id < $1.id }) where !gateway.addressSpace.isEmpty { sources.append(("on-premises behind \(gateway.header.name)", gateway.header.name)) }
        sources.append(("Internet \(internetAddress)", "internet:\(internetAddress)"))

        struct Target { var label: String; var word: String; var port: UInt16; var endpoint: Reach.Endpoint?; var exposure: ReachDestination?; var service: String; var kind: String }
        var targets: [Target] = []
        for instance in topology.sqlManagedInstances.values.sorted(by: { $0.id < $1.id }) {
            targets.append(Target(label: "SQL MI \(instance.header.name) VNet-local, TCP 1433", word: instance.header.name, port: 1433, endpoint: .vnetLocal, exposure: .managedInstanceVNetLocal(instance.id), service: "SQL MI \(instance.header.name)", kind: "VNet-local endpoint"))
            if instance.publicDataEndpointEnabled {
                targets.append(Target(label: "SQL MI \(instance.header.name) public endpoint, TCP 3342", word: instance.header.name, port: 3342, endpoint: .public, exposure: .managedInstancePublic(instance.id), service: "SQL MI \(instance.header.name)", kind: "public endpoint"))
            }
        }
        for server in topology.sqlServers.values.sorted(by: { $0.id < $1.id }) {
            targets.append(Target(label: "SQL server \(server.header.name), TCP 1433", word: server.header.name, port: 1433, endpoint: nil, exposure: .sqlServer(server.id), service: "SQL server \(server.header.name)", kind: "public endpoint"))
        }
        for vault in topology.keyVaults.values.sorted(by: { $0.id < $1.id }) {
            let kind = vault.kind == .vault ? "Key Vault" : "Managed HSM"
            targets.append(Target(label: "\(kind) \(vault.header.name), TCP 443", word: vault.header.name, port: 443, endpoint: nil, exposure: .dataService(vault.id), service: "\(kind) \(vault.header.name)", kind: "public endpoint"))
        }
        for account in topology.storageAccounts.values.sorted(by: { $0.id < $1.id }) {
            targets.append(Target(label: "storage \(account.header.name), TCP 443", word: account.header.name, port: 443, endpoint: nil, exposure: .dataService(account.id), service: "storage \(account.header.name)", kind: "public endpoint"))
        }
        for endpoint in topology.privateEndpoints.values.sorted(by: { $0.id < $1.id }) {
            let groups = endpoint.connections.flatMap(\.groupIds).map { $0.lowercased() }
            let port: UInt16 = groups.contains("sqlserver") ? 1433 : groups.contains("postgresqlserver") ? 5432 : groups.contains("mysqlserver") ? 3306 : 443
            let nic = endpoint.networkInterfaces.first
            targets.append(Target(label: "private endpoint \(endpoint.header.name), TCP \(port)", word: endpoint.header.name, port: port, endpoint: nil, exposure: nic.map { .networkInterface($0) }, service: "private endpoint \(endpoint.header.name)", kind: "private endpoint"))
        }

        var notes: [String] = []
        if sources.count > maxSources { notes.append("The reach form lists the first \(maxSources) of \(sources.count) sources (--max-sources).") }
        if targets.count > maxDestinations { notes.append("The reach form lists the first \(maxDestinations) of \(targets.count) destinations (--max-destinations).") }
        let formSources = Array(sources.prefix(maxSources))
        let formTargets = Array(targets.prefix(maxDestinations))
        var pairs: [(Int, Int, ReachResult)] = []
        for (s, source) in formSources.enumerated() {
            for (d, target) in formTargets.enumerated() {
                guard let (_, result) = try? Reach.answer(source: source.word, destination: target.word, port: target.port, protocol: .tcp, sourceIP: nil,
                                                          endpoint: target.endpoint, topology: topology, tags: tags) else { continue }
                pairs.append((s, d, result))
            }
        }
        // The picture and, on it, the path of every answer: the topology drawn once.
        var (diagram, highlights) = DiagramBuilder.build(topology, scope: selectedScope, detail: detail.level, highlighting: pairs.map { DiagramBuilder.Path(result: $0.2, source: formSources[$0.0].word, destination: formTargets[$0.1].word) })
        diagram.notes += topology.scenarioNotes.map { "what-if: \($0)" }
        let dot = DiagramRendering.dot(diagram)
        var svg: String?
        var pictureNote: String?
        if Graph.findExecutable("dot") != nil {
            svg = try Graph.svg(dot)
        } else {
            pictureNote = "Graphviz 'dot' was not found when this report was written (apt-get install graphviz), so the picture is given as DOT source and as text."
        }
        let answers = zip(pairs, highlights).map { pair, marks in
            let result = pair.2
            var lines = result.hops.map { "\($0.kind): \($0.detail)" }
            for blocker in result.blockers { lines.append("BLOCKED \(blocker.code.rawValue): \(blocker.message). Fix: \(blocker.fix)") }
            if let back = result.returnPath { lines.append("return path: \(back)") }
            lines += result.assumptions.map { "assumption: \($0)" }
            return HTMLReport.Answer(source: pair.0, destination: pair.1, verdict: result.verdict.rawValue, lines: lines, nodes: marks.nodes, blocked: marks.blocked)
        }

        let exposureEngine = ExposureEngine(topology: topology, serviceTags: tags)
        var exposures: [HTMLReport.Exposure] = []
        for target in targets.prefix(maxDestinations) {
            guard let destination = target.exposure else { continue }
            let result = exposureEngine.exposure(of: destination, port: target.port)
            exposures.append(HTMLReport.Exposure(service: target.service, endpoint: target.kind, port: target.port, text: ExposureRendering.text(result, destination: target.word)))
        }

        var matrixText: String?
        if topology.subnets.count <= 300 {
            let matrix = MatrixEngine(topology: topology, serviceTags: tags).matrix(ports: nil, protocol: .tcp, locations: { _ in true }, destinations: { _ in true })
            matrixText = MatrixRendering.text(matrix)
        }

        var outline: [String] = []
        for vnet in topology.virtualNetworks.values.sorted(by: { $0.id < $1.id }) {
            outline.append("VNet \(vnet.header.name) (\(vnet.header.location ?? "no region")): \(vnet.addressSpace.map(\.description).joined(separator: ", "))")
            for subnet in vnet.subnets.compactMap({ topology.subnets[$0] }).sorted(by: { $0.id < $1.id }) {
                outline.append("— subnet \(subnet.header.name) \(subnet.addressPrefixes.map(\.description).joined(separator: ", ")), NSG \(subnet.networkSecurityGroup?.name ?? "none")\(subnet.routeTable.map { ", route table \($0.name)" } ?? "")\(subnet.delegations.isEmpty ? "" : ", delegated to " + subnet.delegations.joined(separator: ", "))")
            }
        }
        for edge in diagram.edges where edge.kind == "privateLink" || edge.kind == "peering" {
            let name = { (id: String) in diagram.nodes.first { $0.id == id }?.lines.first ?? id }
            outline.append("\(edge.kind == "peering" ? "peering" : "private link"): \(name(edge.from)) — \(name(edge.to)): \(edge.label.replacingOccurrences(of: "\n", with: "; "))")
        }

        let services = topology.sqlManagedInstances.count + topology.sqlServers.count + topology.keyVaults.count + topology.storageAccounts.count + topology.flexibleServers.count
        let page = HTMLReport(
            title: "NetTwin report", inputs: inputs.paths,
            summary: ["\(topology.virtualNetworks.count) VNet(s)", "\(topology.subnets.count) subnet(s)", "\(services) data service(s)", "\(topology.privateEndpoints.count) private endpoint(s)",
                      "\(report.active.count) finding(s)"] + topology.scenarioNotes.map { "what-if: \($0)" },
            svg: svg, pictureNote: pictureNote, dot: dot, outline: outline, report: report, exposures: exposures, matrixText: matrixText,
            sources: formSources.map(\.label), destinations: formTargets.map(\.label), answers: answers, notes: notes + diagram.notes)
        try OutputOptions(format: .text, output: output).write(page.html())
    }
}
