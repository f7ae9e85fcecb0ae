import Dispatch

/// Computes the reachability matrix: for every selected destination and class of ports, the answer of every
/// selected location, by the same per-location rules as `exposure` (ExposureEngine+Locations.swift), which `reach`
/// property tests hold to. Never by pairs of addresses or of ports: sources are exact address sets per location,
/// ports are classes that every rule treats alike, and paths are traced once per route context.
///
/// A reference type for its caches (those of the exposure and reachability engines it uses); one per thread.
public final class MatrixEngine {
    public let exposure: ExposureEngine
    public var topology: Topology { exposure.topology }
    /// The configuration as given (before ExpressRoute prefixes are assumed), for updates.
    let given: Topology
    let serviceTags: ServiceTagTable
    let resolver: DNSResolver
    var resolutions: [String: DNSResolution] = [:]

    public init(topology: Topology, serviceTags: ServiceTagTable = .empty) {
        self.given = topology
        self.serviceTags = serviceTags
        self.exposure = ExposureEngine(topology: topology, serviceTags: serviceTags)
        self.resolver = DNSResolver(topology: exposure.topology)
    }

    /// An engine for a configuration that differs from `previous`'s only in the rules of some NSGs: it keeps what
    /// does not depend on them (see `ExposureEngine(topology:serviceTags:inheriting:changedGroups:)`), and name
    /// resolution, which NSGs do not change.
    init(topology: Topology, serviceTags: ServiceTagTable, inheriting previous: MatrixEngine, changedGroups groups: Set<ResourceID>) {
        self.given = topology
        self.serviceTags = serviceTags
        self.exposure = ExposureEngine(topology: topology, serviceTags: serviceTags, inheriting: previous.exposure, changedGroups: groups)
        self.resolver = previous.resolver
        self.resolutions = previous.resolutions
    }

    /// The ports that matter by default: those of the data services (SQL 1433 and 11000-11999, the managed instance
    /// public endpoint 3342 and geo-replication 5022, HTTPS 443) and of remote administration (22, 3389), and every port
    /// range an NSG rule (its own rules, not the defaults) or an Azure Firewall rule names, except "any port".
    public func defaultPorts(protocol flowProtocol: ProtocolSet = .tcp) -> PortSet {
        var ranges: [ClosedRange<UInt16>] = [1433...1433, ReachabilityEngine.redirectPorts, 3342...3342, 5022...5022, 443...443, 22...22, 3389...3389]
        func add(_ set: PortSet) {
            guard set != .all else { return }
            ranges += set.ranges
        }
        for nsg in topology.networkSecurityGroups.values {
            for rule in nsg.securityRules where rule.protocols.contains(flowProtocol) || rule.protocols == .any { add(rule.destinationPorts) }
        }
        for firewall in topology.azureFirewalls.values {
            for (_, collection) in exposure.reach.firewalls.orderedCollections(of: firewall).collections {
                for rule in collection.networkRules { add(rule.destinationPorts) }
                for rule in collection.applicationRules { add(PortSet(ranges: rule.ports.map { $0...$0 })) }
            }
        }
        return PortSet(ranges: ranges)
    }

    /// The matrix over the selected locations and destinations, on `ports` (by default `defaultPorts`), cut into the
    /// classes of ports that the rules treat alike.
    public func matrix(ports: PortSet? = nil, protocol flowProtocol: ProtocolSet = .tcp,
                       locations selectLocation: (ExposureEngine.Location) -> Bool = { _ in true },
                       destinations selectDestination: (MatrixDestination) -> Bool = { _ in true }) -> Matrix {
        let classes = exposure.portClasses(within: ports ?? defaultPorts(protocol: flowProtocol)).map { Matrix.PortClass(ports: $0) }
        return matrix(portClasses: classes, protocol: flowProtocol, locations: selectLocation, destinations: selectDestination)
    }

    /// The matrix on given port classes (`diff` asks both sides with the same classes).
    public func matrix(portClasses: [Matrix.PortClass], protocol flowProtocol: ProtocolSet = .tcp,
                       locations selectLocation: (ExposureEngine.Location) -> Bool = { _ in true },
                       destinations selectDestination: (MatrixDestination) -> Bool = { _ in true }) -> Matrix {
        let allLocations = exposure.locations
        let locations = allLocations.filter(selectLocation)
        let (all, notes) = MatrixDestination.all(in: topology)
        let destinations = all.filter(selectDestination)
        let selection = Matrix.Selection(allLocations: locations.count == allLocations.count, locationKeys: Set(locations.map(\.key)),
                                         allDestinations: destinations.count == all.count, destinationKeys: Set(destinations.map(\.key)),
                                         previousTopology: given)
        return matrix(portClasses: portClasses, protocol: flowProtocol, locations: locations, destinations: destinations, notes: notes, selection: selection)
    }

    /// The matrix on the same selection as an earlier one (an update that recomputes everything).
    func matrix(portClasses: [Matrix.PortClass], protocol flowProtocol: ProtocolSet, selection: Matrix.Selection) -> Matrix {
        let locations = exposure.locations.filter { selection.allLocations || selection.locationKeys.contains($0.key) }
        let (all, notes) = MatrixDestination.all(in: topology)
        let destinations = all.filter { selection.allDestinations || selection.destinationKeys.contains($0.key) }
        var updated = selection
        updated.previousTopology = given
        return matrix(portClasses: portClasses, protocol: flowProtocol, locations: locations, destinations: destinations, notes: notes, selection: updated)
    }

    func matrix(portClasses: [Matrix.PortClass], protocol flowProtocol: ProtocolSet, locations: [ExposureEngine.Location], destinations: [MatrixDestination],
                notes: [String], selection: Matrix.Selection) -> Matrix {
        // The distinct questions (a NIC and the address it holds are one), in order.
        var firstOf: [String: Int] = [:]
        var distinct: [MatrixDestination] = []
        var slot: [Int] = []
        for destination in destinations {
            let key = canonicalKey(destination)
            if firstOf[key] == nil {
                firstOf[key] = distinct.count
                distinct.append(destination)
            }
            slot.append(firstOf[key]!)
        }
        var answers: [[Matrix.Row]]
        var assumptions = OrderedStrings(exposure.modelAssumptions)
        if distinct.count >= Self.parallelThreshold && parts > 1 {
            // Rows are independent: each part of the destinations on its own engine (its caches are its own), in parallel.
            let parts = self.parts
            let chunks = (0..<parts).map { p in stride(from: p, to: distinct.count, by: parts).map { $0 } }
            let box = ResultsBox(count: parts)
            let given = self.given, tags = self.serviceTags, questions = distinct
            DispatchQueue.concurrentPerform(iterations: parts) { p in
                let engine = MatrixEngine(topology: given, serviceTags: tags)
                var interner = LocationListInterner()
                var notes = OrderedStrings([])
                var computed: [(Int, [Matrix.Row])] = []
                for index in chunks[p] {
                    computed.append((index, engine.rows(for: questions[index], portClasses: portClasses, protocol: flowProtocol, locations: locations, interner: &interner, assumptions: &notes)))
                }
                box.set(p, rows: computed, assumptions: notes.values)
            }
            answers = Array(repeating: [], count: distinct.count)
            for p in 0..<parts {
                for (index, rows) in box.rows[p] { answers[index] = rows }
                assumptions.add(box.assumptions[p])
            }
        } else {
            var interner = LocationListInterner()
            answers = distinct.map { rows(for: $0, portClasses: portClasses, protocol: flowProtocol, locations: locations, interner: &interner, assumptions: &assumptions) }
        }
        let allRows = slot.map { answers[$0] }
        return Matrix(protocol: flowProtocol, portClasses: portClasses, locations: locations, destinations: destinations, rows: allRows,
                      assumptions: assumptions.values, notes: notes, serviceTags: serviceTags, selection: selection)
    }

    /// Distinct destinations from which the rows are computed in parallel.
    static let parallelThreshold = 64
    /// Into how many parts the rows are computed in parallel (the machine's cores; 1: one thread).
    public var parts = 2

    /// A destination's rows, one per port class.
    func rows(for destination: MatrixDestination, portClasses: [Matrix.PortClass], protocol flowProtocol: ProtocolSet, locations: [ExposureEngine.Location],
              interner: inout LocationListInterner, assumptions: inout OrderedStrings) -> [Matrix.Row] {
        portClasses.map { portClass in
            row(for: destination, port: portClass.representative, protocol: flowProtocol, locations: locations, interner: &interner, assumptions: &assumptions)
        }
    }

    /// Destinations with the same key get the same answers: a NIC and the address it holds, asked as an address.
    func canonicalKey(_ destination: MatrixDestination) -> String {
        switch destination.target {
        case .networkInterface(let id)?:
            if let address = destination.address, exposure.reach.networkInterface(withAddress: address)?.id == id { return "ip:\(address)" }
            return "nic:\(id.normalized)"
        case .address(let address)?:
            return "ip:\(address)"
        case let target?:
            return target.description
        case nil:
            return "name:\(destination.hostName ?? destination.key)"
        }
    }

    /// One row: the answer of every location, grouped by answer.
    func row(for destination: MatrixDestination, port: UInt16, protocol flowProtocol: ProtocolSet, locations: [ExposureEngine.Location],
             interner: inout LocationListInterner, assumptions: inout OrderedStrings) -> Matrix.Row {
        var order: [Matrix.Cell] = []
        var members: [Matrix.Cell: [Int]] = [:]
        for (index, location) in locations.enumerated() {
            let cell = cell(at: location, for: destination, port: port, protocol: flowProtocol, assumptions: &assumptions)
            if members[cell] == nil { order.append(cell) }
            members[cell, default: []].append(index)
        }
        return Matrix.Row(groups: order.map { Matrix.Group(cell: $0, locations: interner.intern(members[$0]!)) })
    }

    /// The answer of one location.
    public func cell(at location: ExposureEngine.Location, for destination: MatrixDestination, port: UInt16, protocol flowProtocol: ProtocolSet = .tcp) -> Matrix.Cell {
        var ignored = OrderedStrings([])
        return cell(at: location, for: destination, port: port, protocol: flowProtocol, assumptions: &ignored)
    }

    func cell(at location: ExposureEngine.Location, for destination: MatrixDestination, port: UInt16, protocol flowProtocol: ProtocolSet, assumptions: inout OrderedStrings) -> Matrix.Cell {
        if let target = destination.target {
            let outcome = exposure.outcome(at: location, for: target, port: port, protocol: flowProtocol, explain: false)
            assumptions.add(outcome.assumptions)
            if let path = outcome.path { assumptions.add(path.assumptions.filter(ExposureEngine.isGeneralAssumption)) }
            return Self.cell(outcome, at: location)
        }
        guard let name = destination.hostName else {
            return Matrix.Cell(verdict: .unknown, allowed: .empty, note: "no target")
        }
        return hostNameCell(at: location, name: name, service: destination.resourceId, port: port, protocol: flowProtocol)
    }

    static func cell(_ outcome: ExposureEngine.LocationOutcome, at location: ExposureEngine.Location) -> Matrix.Cell {
        let blocker = outcome.verdict == .unreachable ? outcome.blocker.map { Matrix.Cell.Blocker(code: $0.code, resourceId: $0.resourceId) } : nil
        let allowed: IPAddressSet? = outcome.allowed == location.prefixes ? nil : outcome.allowed
        return Matrix.Cell(verdict: outcome.verdict, allowed: allowed, blocker: blocker, note: outcome.verdict == .unknown ? outcome.note : nil)
    }

    /// A host name: resolved from the location as its clients resolve it, then answered for what it resolves to.
    func hostNameCell(at location: ExposureEngine.Location, name: String, service: ResourceID, port: UInt16, protocol flowProtocol: ProtocolSet) -> Matrix.Cell {
        let reach = exposure.reach
        switch location.kind {
        case .onPremises:
            return Matrix.Cell(verdict: .unknown, allowed: .empty,
                note: "on-premises name resolution depends on the DNS forwarder on-premises, which the configuration does not give")
        case .internet:
            guard let target = publicTarget(of: name) else {
                return Matrix.Cell(verdict: .unknown, allowed: .empty, note: "'\(name)' has no public answer NetTwin models")
            }
            return Self.cell(exposure.outcome(at: location, for: target, port: port, protocol: flowProtocol, explain: false), at: location)
        case .subnet:
            guard let subnetID = location.id, let subnet = topology.subnets[subnetID] else {
                return Matrix.Cell(verdict: .unknown, allowed: .empty, note: "the subnet is not in the input")
            }
            let key = subnet.virtualNetwork.normalized + "|" + name
            let resolution = resolutions[key] ?? resolver.resolve(name: name, from: .subnet(subnetID))
            resolutions[key] = resolution
            guard let target = reach.destination(of: resolution) else {
                if resolution.status == .nxDomain {
                    return Matrix.Cell(verdict: .unreachable, allowed: .empty, blocker: .init(code: .dnsNameNotFound, resourceId: resolution.chain.last?.resourceID))
                }
                return Matrix.Cell(verdict: .unknown, allowed: .empty, note: "'\(name)' resolves to no address NetTwin can trace (\(resolution.status.rawValue))")
            }
            var cell = Self.cell(exposure.outcome(at: location, for: target, port: port, protocol: flowProtocol, explain: false), at: location)
            // The name leads to the public endpoint although a private endpoint exists: DNS decided first.
            if cell.verdict == .unreachable, let publicService = reach.publicService(target), let endpoint = reach.approvedPrivateEndpoint(of: publicService) {
                cell.blocker = .init(code: .dnsResolvesPublicDespitePrivateEndpoint, resourceId: endpoint)
            }
            return cell
        }
    }

    /// What a host name resolved to from every VNet it was asked from (nil when it was never resolved).
    func resolvedTargets(of name: String) -> [ReachDestination]? {
        let suffix = "|" + name
        let found = resolutions.filter { $0.key.hasSuffix(suffix) }.values
        guard !found.isEmpty else { return nil }
        return found.compactMap { exposure.reach.destination(of: $0) } + (publicTarget(of: name).map { [$0] } ?? [])
    }

    /// What a host name leads to from the Internet: the service's public endpoint (private names resolve to private
    /// addresses, which the Internet does not route).
    func publicTarget(of name: String) -> ReachDestination? {
        guard let service = resolver.services.byName[DNSResolver.normalize(name)] else { return nil }
        switch service.kind {
        case .sqlServer: return .sqlServer(service.resource)
        case .keyVault, .managedHSM, .storage: return .dataService(service.resource)
        case .managedInstanceLocal: return .managedInstanceVNetLocal(service.resource)
        case .managedInstancePublic: return .managedInstancePublic(service.resource)
        case .failoverGroupListener(let target), .failoverGroupReadOnlyListener(let target):
            return target.flatMap { resolver.services.byName[$0] }.map { .managedInstanceVNetLocal($0.resource) }
        default: return nil
        }
    }
}

/// Shares one array for each list of locations that appears in several rows.
struct LocationListInterner {
    private var lists: [[Int]: [Int]] = [:]
    mutating func intern(_ list: [Int]) -> [Int] {
        if let known = lists[list] { return known }
        lists[list] = list
        return list
    }
}

/// Strings in the order first added, each once.
struct OrderedStrings {
    private(set) var values: [String] = []
    private var seen: Set<String> = []
    init(_ initial: [String]) { add(initial) }
    mutating func add(_ more: [String]) {
        for value in more where seen.insert(value).inserted { values.append(value) }
    }
}

/// The rows each parallel part computed (each part writes its own slot).
final class ResultsBox: @unchecked Sendable {
    var rows: [[(Int, [Matrix.Row])]]
    var assumptions: [[String]]
    init(count: Int) {
        rows = Array(repeating: [], count: count)
        assumptions = Array(repeating: [], count: count)
    }
    func set(_ part: Int, rows: [(Int, [Matrix.Row])], assumptions: [String]) {
        self.rows[part] = rows
        self.assumptions[part] = assumptions
    }
}
