import Foundation
import NetTwinARM
import NetTwinCore

/// `nettwin-bench matrix [VNETS] [SUBNETS_PER_VNET] [RULES_PER_NSG] [CHANGES]`: on a generated enterprise, times the
/// matrix on the managed instance ports (1433, 11000-11999, 3342), a diff of two configurations that differ in one
/// NSG rule (beyond loading both), and incremental updates after random single rule changes (median of CHANGES).
enum MatrixBench {
    static func run(arguments: [String]) -> Int32 {
        let vnets = arguments.count > 0 ? Int(arguments[0]) ?? 100 : 100
        let subnets = arguments.count > 1 ? Int(arguments[1]) ?? 10 : 10
        let rules = arguments.count > 2 ? Int(arguments[2]) ?? 50 : 50
        let changes = arguments.count > 3 ? Int(arguments[3]) ?? 100 : 100
        let generator = EnterpriseGenerator(virtualNetworks: vnets, subnetsPerVirtualNetwork: subnets, rulesPerNetworkSecurityGroup: rules)
        var loaded = LoadedInputs()
        InputLoader().loadBytes(generator.generate(), path: "generated.json", into: &loaded)
        let topology = TopologyBuilder().build(loaded.documents)
        let tags = (try? ServiceTagLoader.bundled()) ?? .empty
        let ports = PortSet(ranges: [1433...1433, ReachabilityEngine.redirectPorts, 3342...3342])
        var rows: [(String, String)] = [("subnets", "\(topology.subnets.count) (\(vnets) VNets), \(topology.networkSecurityGroups.count) NSGs")]

        var matrix: Matrix?
        let matrixTime = TopologyBench.seconds { matrix = MatrixEngine(topology: topology, serviceTags: tags).matrix(ports: ports) }
        guard let matrix else { return 1 }
        let classes = matrix.classes
        rows.append(("matrix on 1433, 11000-11999, 3342", "\(formatSeconds(matrixTime)) (\(matrix.destinations.count) destinations in \(classes.destinationClasses.count) classes, \(matrix.locations.count) locations, \(classes.sourceClasses.count) source classes)"))
        var jsonBytes = 0
        let renderTime = TopologyBench.seconds { jsonBytes = JSONWriter.string(MatrixBench.json(matrix)).utf8.count }
        rows.append(("class form (relation entries)", "\(classes.relation.reduce(0) { $0 + $1.entries.count }) entries; a JSON of the relation \(jsonBytes / 1024) KiB in \(formatSeconds(renderTime))"))
        rows.append(("peak RSS after matrix", TopologyBench.peakRSS()))

        // Random single rule changes: an inbound or outbound rule's access flipped in a random NSG of a spoke, applied to
        // a live matrix (which reuses what the previous computation found), then reverted.
        var rng = SplitMix64(seed: 7)
        var durations: [Double] = []
        var first: (Matrix.Change, Matrix)?
        let candidates = topology.networkSecurityGroups.keys.sorted().filter { id in
            // Spokes only: a hub appliance's NSG is on every path (an update recomputes all).
            !(topology.subnets.values.contains { subnet in
                subnet.networkSecurityGroup == id && topology.networkInterfaces.values.contains { nic in nic.enableIPForwarding && nic.primaryIPConfiguration?.subnet == subnet.id }
            })
        }
        guard changes > 0 else {
            rows.append(("peak RSS", TopologyBench.peakRSS()))
            printTable("nettwin-bench matrix (\(vnets) VNets × \(subnets) subnets, \(rules) rules per NSG)", rows)
            return 0
        }
        var live: LiveMatrix?
        let liveTime = TopologyBench.seconds { live = LiveMatrix(topology: topology, serviceTags: tags, ports: ports) }
        rows.append(("live matrix, first computation", formatSeconds(liveTime)))
        for _ in 0..<changes {
            guard let live else { break }
            let id = candidates.randomElement(using: &rng)!
            var nsg = topology.networkSecurityGroups[id]!
            guard !nsg.securityRules.isEmpty else { continue }
            let r = Int.random(in: 0..<nsg.securityRules.count, using: &rng)
            nsg.securityRules[r].access = nsg.securityRules[r].access == .allow ? .deny : .allow
            let change = Matrix.Change.replacing(nsg, in: topology)
            var updated: Matrix?
            durations.append(TopologyBench.seconds { updated = live.apply(change) })
            if first == nil, let updated { first = (change, updated) }
            live.apply(Matrix.Change.replacing(topology.networkSecurityGroups[id]!, in: change.topology))
        }
        durations.sort()
        if !durations.isEmpty {
            rows.append(("incremental update, one rule", "median \(formatSeconds(durations[durations.count / 2])) (min \(formatSeconds(durations.first!)), max \(formatSeconds(durations.last!)), \(durations.count) changes)"))
        }
        // diff of the configuration and the first changed one, beyond loading both.
        if let (change, _) = first {
            var diff: MatrixDiff?
            let diffTime = TopologyBench.seconds {
                let a = MatrixEngine(topology: topology, serviceTags: tags)
                let b = MatrixEngine(topology: change.topology, serviceTags: tags)
                diff = MatrixDiff.compute(before: (a, loaded.documents), after: (b, loaded.documents), ports: ports)
            }
            rows.append(("diff, one rule changed (both matrices)", "\(formatSeconds(diffTime)), \(diff?.changes.count ?? 0) changes"))
        }
        rows.append(("peak RSS", TopologyBench.peakRSS()))
        printTable("nettwin-bench matrix (\(vnets) VNets × \(subnets) subnets, \(rules) rules per NSG)", rows)
        return 0
    }

    static func formatSeconds(_ seconds: Double) -> String {
        seconds < 1 ? formatMs(seconds) : "\(Double(Int(seconds * 100)) / 100) s"
    }

    /// The relation's size as JSON would carry it (without NetTwinRender, which the benchmark does not link).
    static func json(_ matrix: Matrix) -> JSONValue {
        let classes = matrix.classes
        return .array(classes.relation.map { entry in
            JSONNode(.array(entry.entries.map { source in
                JSONNode(.object([
                    JSONMember("s", .integer(Int64(source.sourceClass))),
                    JSONMember("v", .string(source.cell.verdict.rawValue)),
                    JSONMember("p", .array((source.cell.allowed?.prefixes ?? []).map { JSONNode(.string($0.description)) })),
                ]))
            }))
        })
    }
}

/// `nettwin-bench resilience [VNETS] [SUBNETS_PER_VNET]`: a generated two-region enterprise (West Europe and North
/// Europe), its derived required paths × every single failure.
enum ResilienceBench {
    static func run(arguments: [String]) -> Int32 {
        let vnets = arguments.count > 0 ? Int(arguments[0]) ?? 100 : 100
        let subnets = arguments.count > 1 ? Int(arguments[1]) ?? 10 : 10
        let generator = EnterpriseGenerator(virtualNetworks: vnets, subnetsPerVirtualNetwork: subnets, rulesPerNetworkSecurityGroup: 50, regions: ["westeurope", "northeurope"])
        var loaded = LoadedInputs()
        InputLoader().loadBytes(generator.generate(), path: "generated.json", into: &loaded)
        let topology = TopologyBuilder().build(loaded.documents)
        let tags = (try? ServiceTagLoader.bundled()) ?? .empty
        let resilience = Resilience(topology: topology, serviceTags: tags)
        var paths: [Resilience.RequiredPath] = []
        var failures: [Resilience.Failure] = []
        var report: Resilience.Report?
        let derive = TopologyBench.seconds { paths = resilience.derivedPaths() }
        let list = TopologyBench.seconds { failures = resilience.allSingleFailures() }
        let evaluate = TopologyBench.seconds { report = resilience.evaluate(paths: paths, failures: failures) }
        printTable("nettwin-bench resilience (\(vnets) VNets × \(subnets) subnets, two regions)", [
            ("subnets", "\(topology.subnets.count)"),
            ("required paths (derived)", "\(paths.count) in \(MatrixBench.formatSeconds(derive))"),
            ("single failures", "\(failures.count) in \(MatrixBench.formatSeconds(list))"),
            ("paths × failures", "\(MatrixBench.formatSeconds(evaluate)) (\(report?.unexpectedLosses ?? 0) losses outside a path's own region)"),
            ("total", MatrixBench.formatSeconds(derive + list + evaluate)),
            ("peak RSS", TopologyBench.peakRSS()),
        ])
        return 0
    }
}
