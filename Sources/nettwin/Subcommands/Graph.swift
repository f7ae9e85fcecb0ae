import ArgumentParser
import Foundation
import NetTwinCore
import NetTwinRender

struct Graph: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw the topology (DOT, SVG through Graphviz, or Mermaid), optionally with a traced reach path.",
        discussion: """
            Regions are clusters; VNets show their address spaces; subnets their NSG, route table and delegation; \
            peerings their flags on both sides; private endpoints link to their services labelled with the connection \
            state (dashed unless Approved); private DNS zones link to VNets; gateways connect to on-premises ranges. \
            --path SOURCE DESTINATION (the words of 'reach') draws the hops, numbered, and marks the blocking element \
            with its code. --detail picks the level (auto: subnets up to 150 subnets, VNets up to 120 VNets, hubs with \
            folded spokes, then regions); --scope zooms on a region, resource group or VNet. The output is deterministic. \
            --format svg runs Graphviz's 'dot' (Debian: apt-get install graphviz). Exit status: 0 drawn, 2 bad input or \
            no 'dot' for SVG.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case dot, svg, mermaid }
    enum Detail: String, ExpressibleByArgument, CaseIterable {
        case auto, subnets, vnets, hubs, regions
        /// The level asked for, nil for the automatic choice.
        var level: Diagram.Detail? { Diagram.Detail(rawValue: rawValue) }
    }

    @OptionGroup var inputs: InputOptions
    @Option(help: "Output format: dot, svg or mermaid.") var format: Format = .dot
    @Option(name: [.short, .long], help: "Write the output to this file instead of standard output.") var output: String?
    @Option(help: "Zoom on a region (westeurope), a resource group or a VNet (by name).") var scope: String?
    @Option(help: "Level of detail: auto, subnets, vnets, hubs or regions.") var detail: Detail = .auto
    @Option(parsing: .upToNextOption, help: ArgumentHelp("Draw the path 'reach SOURCE DESTINATION' takes.", valueName: "source destination")) var path: [String] = []
    @Option(help: "Destination port of --path.") var port: UInt16 = 1433
    @Option(name: .customLong("protocol"), help: "TCP or UDP for --path.") var flowProtocol: Reach.FlowProtocol = .tcp
    @Option(name: .customLong("source-ip"), help: "The source address of --path (as reach --source-ip).") var sourceIP: String?
    @Option(help: "The endpoint of --path's destination: vnet-local, public or private (as reach --endpoint).") var endpoint: Reach.Endpoint?

    func validate() throws {
        if !path.isEmpty && path.count != 2 { throw ValidationError("--path takes two values, SOURCE and DESTINATION, found \(path.count)") }
    }

    func run() throws {
        let (topology, tags) = try inputs.load()
        let diagram = try Self.diagram(topology: topology, tags: tags, scope: scope, detail: detail, path: path, port: port,
                                       protocol: flowProtocol == .tcp ? .tcp : .udp, sourceIP: sourceIP, endpoint: endpoint)
        let writer = OutputOptions(format: .text, output: output)
        switch format {
        case .dot: try writer.write(DiagramRendering.dot(diagram))
        case .mermaid: try writer.write(DiagramRendering.mermaid(diagram))
        case .svg: try writer.write(try Self.svg(DiagramRendering.dot(diagram)))
        }
    }

    static func diagram(topology: Topology, tags: ServiceTagTable, scope: String?, detail: Detail, path: [String], port: UInt16,
                        protocol proto: ProtocolSet, sourceIP: String?, endpoint: Reach.Endpoint?) throws -> Diagram {
        let selected = try Self.scope(scope, in: topology)
        var traced: DiagramBuilder.Path?
        if path.count == 2 {
            let (_, result) = try Reach.answer(source: path[0], destination: path[1], port: port, protocol: proto, sourceIP: sourceIP, endpoint: endpoint, topology: topology, tags: tags)
            traced = DiagramBuilder.Path(result: result, source: path[0], destination: path[1])
        }
        var diagram = DiagramBuilder.build(topology, scope: selected, detail: detail.level, path: traced)
        diagram.notes += topology.scenarioNotes.map { "what-if: \($0)" }
        return diagram
    }

    /// `--scope`: everything when not given; exit status 2 when it names nothing in the input.
    static func scope(_ text: String?, in topology: Topology) throws -> DiagramBuilder.Scope {
        guard let text else { return .everything }
        guard let found = DiagramBuilder.scope(named: text, in: topology) else {
            printError("error: --scope '\(text)' is not a region, virtual network or resource group of the input")
            throw ExitStatus.badInput
        }
        return found
    }

    /// Renders DOT to SVG with Graphviz's `dot`, found on PATH.
    static func svg(_ dot: String) throws -> String {
        guard let executable = findExecutable("dot") else {
            printError("error: Graphviz 'dot' was not found on PATH; install graphviz (Debian: apt-get install graphviz) or use --format dot")
            throw ExitStatus.badInput
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-Tsvg"]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Write on another thread while reading: a large graph fills the pipes both ways.
        let data = Data(dot.utf8)
        let writer = Thread { input.fileHandleForWriting.write(data); try? input.fileHandleForWriting.close() }
        writer.start()
        let svg = output.fileHandleForReading.readDataToEndOfFile()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            printError("error: dot failed (exit status \(process.terminationStatus)): \(String(decoding: message, as: UTF8.self))")
            throw ExitStatus.badInput
        }
        return String(decoding: svg, as: UTF8.self)
    }

    static func findExecutable(_ name: String) -> String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
