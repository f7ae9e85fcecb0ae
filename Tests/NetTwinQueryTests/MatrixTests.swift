import Foundation
import NetTwinARM
@testable import NetTwinCore
import Testing

/// The matrix answers, for every (source location, destination, port class), what `reach` answers for each address
/// of the location and each port of the class. Checked on random samples: a source address inside the cell's
/// allowed set is not Unreachable by `reach`; outside it, or in an Unreachable cell, it is; an Unreachable cell's
/// blocker code is one `reach` reports.
@Suite struct MatrixTests {
    static let exampleFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Examples")

    static func example(_ name: String) -> Topology {
        TopologyBuilder().build(InputLoader().load(paths: [exampleFolder.appendingPathComponent(name).path]).documents)
    }

    static func generated(_ vnets: Int, subnets: Int = 4, rules: Int = 12) -> Topology {
        var loaded = LoadedInputs()
        InputLoader().loadBytes(EnterpriseGenerator(virtualNetworks: vnets, subnetsPerVirtualNetwork: subnets, rulesPerNetworkSecurityGroup: rules).generate(), path: "generated.json", into: &loaded)
        return TopologyBuilder().build(loaded.documents)
    }

    typealias SplitMix = SplitMix64

    /// A random IPv4 address of a set (uniform over its ranges, then within the range).
    static func randomAddress(in set: IPAddressSet, using rng: inout SplitMix) -> IPAddress? {
        let ranges = set.v4.ranges
        guard !ranges.isEmpty else { return nil }
        let range = ranges.randomElement(using: &rng)!
        let value = UInt32.random(in: range.lowerBound...range.upperBound, using: &rng)
        return .v4(IPv4Address(value))
    }

    /// Public addresses to try from the Internet: documentation ranges the examples use, and random ones.
    static func internetAddress(_ matrix: Matrix, cell: Matrix.Cell, using rng: inout SplitMix) -> IPAddress {
        if let allowed = cell.allowed, !allowed.isEmpty, Bool.random(using: &rng), let inside = randomAddress(in: allowed, using: &rng) { return inside }
        let samples = ["198.51.100.5", "203.0.113.70", "203.0.113.10", "8.8.8.8", "52.1.2.3", "20.50.10.10"]
        return IPAddress(samples.randomElement(using: &rng)!)!
    }

    func check(_ topology: Topology, ports: PortSet?, samples: Int, seed: UInt64) {
        let engine = MatrixEngine(topology: topology, serviceTags: bundledTags)
        let matrix = engine.matrix(ports: ports)
        let reach = ReachabilityEngine(topology: engine.topology, serviceTags: bundledTags)
        var rng = SplitMix(seed: seed)
        var compared = 0
        for _ in 0..<samples {
            let d = Int.random(in: 0..<matrix.destinations.count, using: &rng)
            let p = Int.random(in: 0..<matrix.portClasses.count, using: &rng)
            let l = Int.random(in: 0..<matrix.locations.count, using: &rng)
            let location = matrix.locations[l]
            let destination = matrix.destinations[d]
            guard let cell = matrix.cell(location: l, destination: d, portClass: p) else { continue }
            let portClass = matrix.portClasses[p].ports
            let port = UInt16.random(in: portClass, using: &rng)
            let source: ReachSource
            let address: IPAddress
            switch location.kind {
            case .internet:
                address = Self.internetAddress(matrix, cell: cell, using: &rng)
                source = .internet(address)
            case .subnet:
                guard let a = Self.randomAddress(in: location.prefixes, using: &rng) else { continue }
                address = a
                source = .subnetAddress(location.id!, a)
            case .onPremises:
                guard !location.assumed, let a = Self.randomAddress(in: location.prefixes, using: &rng) else { continue }
                address = a
                source = .onPremises(a)
            }
            let answer: ReachResult
            if let target = destination.target {
                answer = reach.reach(from: source, to: target, port: port)
            } else {
                // Host names are resolved from VNets; the Internet and on-premises cells say how they decide.
                guard location.kind == .subnet, let name = destination.hostName,
                    let (_, result) = try? reach.reach(from: source, name: name, port: port)
                else { continue }
                answer = result
            }
            let context = "seed \(seed): \(location.name) [\(address)] → \(destination.name) (\(destination.kind.rawValue)) port \(port): matrix \(cell.verdict.rawValue) \(cell.blocker?.code.rawValue ?? ""), reach \(answer.verdict.rawValue) \(answer.blockers.map(\.code.rawValue))"
            compared += 1
            if cell.verdict == .unreachable {
                #expect(answer.verdict == .unreachable, "\(context)")
                if let code = cell.blocker?.code, code != .dnsResolvesPublicDespitePrivateEndpoint {
                    #expect(answer.blockers.contains { $0.code == code }, "\(context)")
                }
            } else if cell.verdict == .unknown && cell.allowed?.isEmpty == true {
                // Undecidable offline (a public address the configuration does not give): reach cannot say Reachable either.
                #expect(answer.verdict != .reachable, "\(context)")
            } else if cell.allowedSources(of: location).contains(address) {
                #expect(answer.verdict != .unreachable, "\(context)")
                if cell.verdict == .reachable { #expect(answer.verdict == .reachable, "\(context)") }
            } else {
                #expect(answer.verdict == .unreachable, "\(context) (address outside the allowed set)")
            }
        }
        #expect(compared > samples / 3)
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func agreesWithReachOnTheSecureSqlMIExample(seed: UInt64) {
        check(Self.example("secure-sqlmi"), ports: nil, samples: 300, seed: seed)
    }

    @Test(arguments: [UInt64(11), 12])
    func agreesWithReachOnTheHubFirewallExample(seed: UInt64) {
        check(Self.example("hub-firewall"), ports: nil, samples: 300, seed: seed)
    }

    @Test(arguments: [UInt64(21), 22])
    func agreesWithReachOnAGeneratedEnterprise(seed: UInt64) {
        check(Self.generated(12), ports: PortSet(ranges: [22...22, 443...443, 1433...1433, 3342...3342, 11000...11999]), samples: 300, seed: seed)
    }

    /// Rows computed in parallel (each part on its own engine) are the rows computed on one thread.
    @Test func parallelRowsEqualOneThread() {
        let topology = Self.generated(20)
        let one = MatrixEngine(topology: topology, serviceTags: bundledTags)
        one.parts = 1
        let two = MatrixEngine(topology: topology, serviceTags: bundledTags)
        two.parts = 2
        let ports = PortSet(ranges: [443...443, 1433...1433])
        let a = one.matrix(ports: ports)
        let b = two.matrix(ports: ports)
        #expect(a.destinations.count >= 64, "enough destinations to split")
        #expect(a.rows == b.rows)
        #expect(a.assumptions.sorted() == b.assumptions.sorted())
    }

    /// The class-based form is the same relation: every pair listed once, under its destination class and merged port class.
    @Test func classesCoverEveryPairOnce() {
        let matrix = MatrixEngine(topology: Self.example("secure-sqlmi"), serviceTags: bundledTags).matrix(ports: PortSet(ranges: [1433...1433, 3342...3342, 22...22]))
        let classes = matrix.classes
        #expect(Set(classes.destinationClasses.flatMap { $0 }) == Set(matrix.destinations.indices))
        #expect(classes.destinationClasses.flatMap { $0 }.count == matrix.destinations.count)
        #expect(classes.portClasses.flatMap { $0 }.sorted() == Array(matrix.portClasses.indices))
        for entry in classes.relation {
            let members = classes.destinationClasses[entry.destinationClass]
            let covered = entry.entries.flatMap { classes.sourceClasses[$0.sourceClass] }.sorted()
            #expect(covered == Array(matrix.locations.indices))
            for d in members {
                for p in classes.portClasses[entry.portClass] {
                    for source in entry.entries {
                        for l in classes.sourceClasses[source.sourceClass] {
                            #expect(matrix.cell(location: l, destination: d, portClass: p) == source.cell)
                        }
                    }
                }
            }
        }
    }

    /// The example's known answers (README, "expected answers"): the public endpoint serves 3342 to the two allowed
    /// Internet ranges only; the app's integration subnet reaches sqlmi-weu on 1433 and the redirect range.
    @Test func knownAnswersOfTheExample() throws {
        let matrix = MatrixEngine(topology: Self.example("secure-sqlmi"), serviceTags: bundledTags).matrix(ports: PortSet(ranges: [1433...1433, 3342...3342, 11000...11999]))
        let internet = try #require(matrix.locationIndex(key: "Internet"))
        let publicEndpoint = try #require(matrix.destinations.firstIndex { $0.kind == .managedInstancePublic && $0.name == "sqlmi-weu" })
        let p3342 = try #require(matrix.portClasses.firstIndex { $0.ports == 3342...3342 })
        let cell = try #require(matrix.cell(location: internet, destination: publicEndpoint, portClass: p3342))
        #expect(cell.verdict == .reachable)
        #expect(cell.allowed?.prefixes.map(\.description) == ["198.51.100.0/28", "203.0.113.64/27"])
        let app = try #require(matrix.locations.firstIndex { $0.name == "vnet-app-weu/snet-app-integration" })
        let local = try #require(matrix.destinations.firstIndex { $0.kind == .managedInstance && $0.name == "sqlmi-weu" })
        for ports in [1433...1433, 11000...11999] as [ClosedRange<UInt16>] {
            let p = try #require(matrix.portClasses.firstIndex { $0.ports == ports })
            #expect(matrix.cell(location: app, destination: local, portClass: p)?.verdict == .reachable)
        }
        // 1433 on the public endpoint is not served (PORT_NOT_SERVED), from anywhere.
        let p1433 = try #require(matrix.portClasses.firstIndex { $0.ports == 1433...1433 })
        #expect(matrix.cell(location: internet, destination: publicEndpoint, portClass: p1433)?.blocker?.code == .portNotServed)
    }
}

/// `Matrix.updated(applying:)` recomputes only what a change reaches; it must equal a full recomputation on the
/// changed configuration. Random single changes: an NSG rule's access flipped, its source narrowed to one /24 or
/// widened to any, its ports moved, the rule removed, a new deny rule added first; a private endpoint rejected or
/// approved; a peering's access switched off (recomputed whole).
@Suite struct MatrixUpdateTests {
    typealias SplitMix = MatrixTests.SplitMix

    static func randomChange(_ topology: Topology, using rng: inout SplitMix) -> (Matrix.Change, String) {
        let choice = Int.random(in: 0..<10, using: &rng)
        if choice == 8, let endpoint = topology.privateEndpoints.keys.sorted().randomElement(using: &rng) {
            let status: PrivateLinkConnectionStatus = Bool.random(using: &rng) ? .rejected : .approved
            return (Matrix.Change.setting(status, of: endpoint, in: topology), "endpoint \(endpoint.name) \(status.rawValue)")
        }
        if choice == 9, let peering = topology.peerings.keys.sorted().randomElement(using: &rng) {
            var copy = topology
            copy.peerings[peering]!.allowVirtualNetworkAccess.toggle()
            return (Matrix.Change(topology: copy, changed: [peering]), "peering \(peering.name) access toggled")
        }
        let id = topology.networkSecurityGroups.keys.sorted().randomElement(using: &rng)!
        var nsg = topology.networkSecurityGroups[id]!
        let what: String
        if nsg.securityRules.isEmpty || choice == 7 {
            let direction: SecurityRuleDirection = Bool.random(using: &rng) ? .inbound : .outbound
            nsg.securityRules.insert(SecurityRule(name: "random-deny", priority: 100, direction: direction, access: .deny, protocols: .tcp, protocolText: "Tcp",
                source: [.any], destination: [.any], sourcePorts: .all, destinationPorts: PortSet(ranges: [1433...1433, 443...443]),
                sourcePortTexts: ["*"], destinationPortTexts: ["1433", "443"]), at: 0)
            what = "\(id.name): deny \(direction.rawValue) 1433,443 first"
        } else {
            let r = Int.random(in: 0..<nsg.securityRules.count, using: &rng)
            var rule = nsg.securityRules[r]
            switch choice {
            case 0, 1: rule.access = rule.access == .allow ? .deny : .allow
            case 2: rule.source = [.prefix(try! IPPrefix(parsing: "10.2.1.0/24"))]
            case 3: rule.source = [.any]
            case 4: rule.destinationPorts = PortSet(ranges: [443...443]); rule.destinationPortTexts = ["443"]
            case 5: rule.destinationPorts = .all; rule.destinationPortTexts = ["*"]
            default:
                nsg.securityRules.remove(at: r)
                return (Matrix.Change.replacing(nsg, in: topology), "\(id.name): rule \(rule.name) removed")
            }
            nsg.securityRules[r] = rule
            what = "\(id.name): rule \(rule.name) changed (\(choice))"
        }
        return (Matrix.Change.replacing(nsg, in: topology), what)
    }

    /// Cells per (location key, destination key, port class), for comparing two matrices whatever their grouping.
    static func cells(_ matrix: Matrix) -> [String: Matrix.Cell] {
        var result: [String: Matrix.Cell] = [:]
        for (d, destination) in matrix.destinations.enumerated() {
            for p in matrix.portClasses.indices {
                for group in matrix.rows[d][p].groups {
                    for l in group.locations { result["\(matrix.locations[l].key)|\(destination.key)|\(p)"] = group.cell }
                }
            }
        }
        return result
    }

    func check(_ topology: Topology, ports: PortSet, changes: Int, seed: UInt64) {
        var rng = SplitMix(seed: seed)
        let matrix = MatrixEngine(topology: topology, serviceTags: bundledTags).matrix(ports: ports)
        for _ in 0..<changes {
            let (change, what) = Self.randomChange(topology, using: &rng)
            let updated = matrix.updated(applying: change)
            let full = MatrixEngine(topology: change.topology, serviceTags: bundledTags).matrix(portClasses: matrix.portClasses)
            let a = Self.cells(updated)
            let b = Self.cells(full)
            #expect(a.count == b.count, "seed \(seed), \(what)")
            let wrong = b.filter { a[$0.key] != $0.value }.map(\.key).sorted()
            #expect(wrong.count == 0, "seed \(seed), \(what): \(wrong.prefix(3))")
        }
    }

    /// A live matrix takes changes one after the other, reusing what each computation found: after each, it equals a
    /// full computation of the configuration so far.
    @Test(arguments: [UInt64(51), 52])
    func liveMatrixFollowsASequenceOfChanges(seed: UInt64) {
        var rng = SplitMix(seed: seed)
        var topology = MatrixTests.example("secure-sqlmi")
        let ports = PortSet(ranges: [443...443, 1433...1433, 11000...11999])
        let live = LiveMatrix(topology: topology, serviceTags: bundledTags, ports: ports)
        for _ in 0..<10 {
            let (change, what) = Self.randomChange(topology, using: &rng)
            topology = change.topology
            let updated = live.apply(change)
            let full = MatrixEngine(topology: topology, serviceTags: bundledTags).matrix(portClasses: updated.portClasses)
            let a = Self.cells(updated)
            let b = Self.cells(full)
            let wrong = b.filter { a[$0.key] != $0.value }.map(\.key).sorted()
            #expect(wrong.count == 0, "seed \(seed), \(what): \(wrong.prefix(3))")
        }
    }

    @Test(arguments: [UInt64(31), 32])
    func incrementalEqualsFullOnTheExample(seed: UInt64) {
        check(MatrixTests.example("secure-sqlmi"), ports: PortSet(ranges: [443...443, 1433...1433, 3342...3342, 11000...11999]), changes: 12, seed: seed)
    }

    @Test(arguments: [UInt64(41)])
    func incrementalEqualsFullOnAGeneratedEnterprise(seed: UInt64) {
        check(MatrixTests.generated(8), ports: PortSet(ranges: [22...22, 443...443, 1433...1433]), changes: 12, seed: seed)
    }

    /// An NSG rule change recomputes only what it reaches: the rows it guards and the cells of its subnets; the rest of
    /// the matrix is the same value (shared, not recomputed).
    @Test func anNSGRuleChangeKeepsTheRest() throws {
        let topology = MatrixTests.example("secure-sqlmi")
        let matrix = MatrixEngine(topology: topology, serviceTags: bundledTags).matrix(ports: PortSet(ranges: [443...443, 1433...1433]))
        let nsg = try #require(topology.networkSecurityGroups.values.first { $0.header.name == "nsg-pe-weu" })
        var edited = nsg
        edited.securityRules = edited.securityRules.map { var rule = $0; if rule.name == "allow_hsm_https_inbound" { rule.access = .deny }; return rule }
        let change = Matrix.Change.replacing(edited, in: topology)
        guard case .securityRules(let groups) = Matrix.classify(change, previous: topology) else {
            Issue.record("an NSG rule change is classified as one")
            return
        }
        #expect(groups == [nsg.id])
        let rows = matrix.rowsGuarded(by: groups, in: topology)
        // The PE's address and the PE subnet's address space, plus every host name.
        #expect(Set(rows.map { matrix.destinations[$0].name }).isSuperset(of: ["pe-hsm-weu", "vnet-sqlmi-weu/snet-pe"]))
        #expect(!rows.contains { matrix.destinations[$0].name == "sqlmi-weu" })
    }
}
