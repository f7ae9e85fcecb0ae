import Foundation
#if canImport(Glibc)
import Glibc
#endif
import NetTwinARM
import NetTwinCore

/// `nettwin-bench topology [VNETS] [SUBNETS_PER_VNET] [RULES_PER_NSG]`: generates an enterprise export,
/// then times loading (parse + model), the effective routes of every subnet, and IP flow verify.
enum TopologyBench {
    static func peakRSS(_ field: String = "VmHWM:") -> String {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return "?" }
        for line in text.split(separator: "\n") where line.hasPrefix(field) {
            let kb = Double(line.dropFirst(6).trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "0") ?? 0
            return "\(Int(kb / 1024)) MiB"
        }
        return "?"
    }

    static func seconds(_ body: () -> Void) -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        body()
        let elapsed = clock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }

    static func run(arguments: [String]) -> Int32 {
        let vnets = arguments.count > 0 ? Int(arguments[0]) ?? 1000 : 1000
        let subnets = arguments.count > 1 ? Int(arguments[1]) ?? 10 : 10
        let rules = arguments.count > 2 ? Int(arguments[2]) ?? 50 : 50
        let generator = EnterpriseGenerator(virtualNetworks: vnets, subnetsPerVirtualNetwork: subnets, rulesPerNetworkSecurityGroup: rules)
        var generateTime = 0.0
        var parseAndClassify = 0.0
        var build = 0.0
        var size = 0
        var documents = 0
        var topology = Topology()
        var peakDuringLoad = ""
        do {
            // The bytes and the JSON tree are released once the model is built, as in the CLI.
            var bytes: [UInt8] = []
            generateTime = seconds { bytes = generator.generate() }
            size = bytes.count
            var loaded = LoadedInputs()
            parseAndClassify = seconds { InputLoader().loadBytes(bytes, path: "generated.json", into: &loaded) }
            bytes = []
            // `serial` as the fifth argument: NSGs converted on one thread, for comparison.
            let builder = arguments.count > 4 && arguments[4] == "serial" ? TopologyBuilder(parallelThreshold: .max) : TopologyBuilder()
            build = seconds { topology = builder.build(loaded.documents) }
            documents = loaded.documents.count
            peakDuringLoad = peakRSS()
        }
        if arguments.count > 3 && arguments[3] == "load-only" {
            // For profiling the load alone (perf record ... topology N S R load-only).
            print("parse + classify \(String(format: "%.1f", parseAndClassify * 1000)) ms, build model \(String(format: "%.1f", build * 1000)) ms, \(documents) documents, peak RSS \(peakDuringLoad)")
            return 0
        }
        #if canImport(Glibc)
        // Return the freed JSON tree to the system so that RSS shows what the model itself holds.
        if let symbol = dlsym(nil, "malloc_trim") {
            typealias Trim = @convention(c) (Int) -> Int32
            _ = unsafeBitCast(symbol, to: Trim.self)(0)
        }
        #endif
        let afterLoad = peakRSS("VmRSS:")
        let ruleCount = topology.networkSecurityGroups.values.reduce(0) { $0 + $1.securityRules.count }

        let tags = (try? ServiceTagLoader.bundled()) ?? .empty
        if arguments.count > 3 && arguments[3] == "exposure-only", let instance = topology.sqlManagedInstances.keys.first {
            // For profiling the exposure of the managed instance alone.
            var locations = 0
            let time = seconds { locations = ExposureEngine(topology: topology, serviceTags: tags).exposure(of: .managedInstanceVNetLocal(instance), port: 1433).entries.count }
            print("exposure of the managed instance \(String(format: "%.1f", time * 1000)) ms, \(locations) locations")
            return 0
        }
        let engine = RouteEngine(topology: topology, serviceTags: tags)
        var tables: [ResourceID: EffectiveRouteTable] = [:]
        let routesTime = seconds { tables = engine.allEffectiveRoutes() }
        let routeRows = tables.values.reduce(0) { $0 + $1.routes.count }
        let afterRoutes = peakRSS("VmRSS:")

        // IP flow verify: inbound TCP to random NICs from random sources (Internet, on-premises, VNets).
        let verifier = IPFlowVerifier(security: SecurityEngine(topology: topology, serviceTags: tags, routes: engine))
        let nics = topology.networkInterfaces.values.sorted { $0.id < $1.id }
        var rng = SplitMix64(seed: 7)
        let queries = 200_000
        let ports: [UInt16] = [443, 1433, 22, 3389, 5432, 8085, 11050, 3342, 80]
        var questions: [(IPFlowVerifier.Question, NetworkInterface)] = []
        questions.reserveCapacity(queries)
        for _ in 0..<queries {
            let nic = nics[Int(rng.next() % UInt64(nics.count))]
            let local = nic.ipConfigurations[0].privateIPAddress!
            let remote: IPAddress
            switch rng.next() % 3 {
            case 0: remote = .v4(IPv4Address(UInt32(truncatingIfNeeded: rng.next())))
            case 1: remote = .v4(IPv4Address((192 << 24) + (168 << 16) + UInt32(rng.next() % 65536)))
            default: remote = .v4(IPv4Address((10 << 24) + UInt32(rng.next() % UInt64(vnets * 1024))))
            }
            let direction: SecurityRuleDirection = rng.next() % 4 == 0 ? .outbound : .inbound
            questions.append((IPFlowVerifier.Question(direction: direction, protocol: .tcp, localAddress: local, localPort: ports[Int(rng.next() % 9)], remoteAddress: remote, remotePort: 50000), nic))
        }
        var allowed = 0
        let cold = seconds {
            for (question, nic) in questions where verifier.evaluate(question, nic: nic).access == .allow { allowed += 1 }
        }
        var allowedWarm = 0
        let warm = seconds {
            for (question, nic) in questions where verifier.evaluate(question, nic: nic).access == .allow { allowedWarm += 1 }
        }
        blackHole(allowedWarm)

        // reach between random NICs, and the exposure of one NIC from every location.
        let reachEngine = ReachabilityEngine(topology: topology, serviceTags: tags)
        var reachable = 0
        let reachQueries = 2000
        _ = reachEngine.reach(from: .networkInterface(nics[0].id), to: .networkInterface(nics[1].id), port: 1433)
        let reachTime = seconds {
            for _ in 0..<reachQueries {
                let a = nics[Int(rng.next() % UInt64(nics.count))], b = nics[Int(rng.next() % UInt64(nics.count))]
                if reachEngine.reach(from: .networkInterface(a.id), to: .networkInterface(b.id), port: ports[Int(rng.next() % 9)]).verdict == .reachable { reachable += 1 }
            }
        }
        var exposedLocations = 0
        let exposureTime = seconds {
            exposedLocations = ExposureEngine(topology: topology, serviceTags: tags).exposure(of: .networkInterface(nics[nics.count / 2].id), port: 1433).entries.count
        }
        // The managed instance: reach from random NICs, and the exposure of its VNet-local endpoint on 1433.
        var miReachable = 0
        var miLocations = 0
        var miReachTime = 0.0
        var miExposureTime = 0.0
        if let instance = topology.sqlManagedInstances.keys.first {
            miReachTime = seconds {
                for _ in 0..<reachQueries {
                    let a = nics[Int(rng.next() % UInt64(nics.count))]
                    if reachEngine.reach(from: .networkInterface(a.id), to: .managedInstanceVNetLocal(instance), port: 1433).verdict == .reachable { miReachable += 1 }
                }
            }
            miExposureTime = seconds {
                miLocations = ExposureEngine(topology: topology, serviceTags: tags).exposure(of: .managedInstanceVNetLocal(instance), port: 1433).entries.count
            }
        }

        printTable("nettwin-bench topology (\(vnets) VNets × \(subnets) subnets, \(rules) rules per NSG)", [
            ("JSON size", "\(size / 1_000_000) MB"),
            ("resources", "\(documents) documents, \(topology.subnets.count) subnets, \(topology.networkSecurityGroups.count) NSGs, \(ruleCount) custom rules"),
            ("diagnostics", "\(topology.diagnostics.count { $0.severity == .error }) errors, \(topology.diagnostics.count { $0.severity == .warning }) warnings"),
            ("generate", formatMs(generateTime)),
            ("parse + classify", formatMs(parseAndClassify)),
            ("build model", formatMs(build)),
            ("load and build (total)", formatMs(parseAndClassify + build)),
            ("effective routes, all subnets", "\(formatMs(routesTime)) (\(tables.count) subnets, \(routeRows) rows)"),
            ("IP flow verify, first pass", "\(formatRate(Double(queries) / cold)) (\(queries) queries incl. compiling NSGs; \(allowed) allowed)"),
            ("IP flow verify, compiled", "\(formatRate(Double(queries) / warm))"),
            ("reach, NIC to NIC", "\(formatMs(reachTime / Double(reachQueries))) per query (\(reachQueries) queries, \(reachable) reachable)"),
            ("exposure of one NIC, every location", "\(formatMs(exposureTime)) (\(exposedLocations) locations reach it)"),
            ("reach, NIC to the managed instance (1433)", String(format: "%.3f ms per query (%d queries, %d reachable)", miReachTime * 1000 / Double(reachQueries), reachQueries, miReachable)),
            ("exposure of the managed instance, every location", "\(formatMs(miExposureTime)) (\(miLocations) locations reach it)"),
            ("RSS: peak during load / after load / after routes / end", "\(peakDuringLoad) / \(afterLoad) / \(afterRoutes) / \(peakRSS("VmRSS:"))"),
            ("peak RSS", peakRSS()),
        ])
        return 0
    }
}
