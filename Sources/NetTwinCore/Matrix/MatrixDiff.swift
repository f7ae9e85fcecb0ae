/// What a change to the configuration does to the reachability relation: every (source location, destination, port
/// class) whose verdict or set of sources changed, the prefixes that gained or lost access, and the cause — the
/// resources and properties that differ between the two inputs and decide that path, found by tracing the changed
/// flow on both sides and naming the first hop whose decision differs.
public struct MatrixDiff: Sendable {
    /// One change, for every location that changed alike.
    public struct FlowChange: Sendable {
        public var locations: [ExposureEngine.Location]
        public var destination: MatrixDestination
        public var ports: [ClosedRange<UInt16>]
        public var `protocol`: ProtocolSet
        /// The answer before and after (nil: the location or the destination is only on the other side).
        public var before: Matrix.Cell?
        public var after: Matrix.Cell?
        /// The source addresses that can now get through, and those that no longer can.
        public var gained: IPAddressSet
        public var lost: IPAddressSet
        /// The changed resources that decide this flow, first the one at the first hop whose decision differs.
        public var causes: [ResourceChange]
        /// The first hop whose decision differs, described (both sides).
        public var firstDifference: String?

        /// Opens (sources gained, none lost), closes (lost, none gained) or changes.
        public var direction: String {
            if !gained.isEmpty && lost.isEmpty { return "opens" }
            if gained.isEmpty && !lost.isEmpty { return "closes" }
            return "changes"
        }
    }

    public var changes: [FlowChange]
    /// Every resource that differs between the inputs.
    public var resourceChanges: [ResourceChange]
    public var portClasses: [Matrix.PortClass]
    /// Pairs compared (location × destination × port class, over both sides).
    public var pairsCompared: Int

    /// Port classes that both configurations' rules cut alike: the common refinement of both sides' classes.
    public static func commonPortClasses(_ a: MatrixEngine, _ b: MatrixEngine, ports: PortSet?, protocol flowProtocol: ProtocolSet) -> [Matrix.PortClass] {
        let wanted = ports ?? PortSet(ranges: a.defaultPorts(protocol: flowProtocol).ranges + b.defaultPorts(protocol: flowProtocol).ranges)
        var starts = Set<UInt32>()
        for range in a.exposure.portClasses(within: wanted) + b.exposure.portClasses(within: wanted) {
            starts.insert(UInt32(range.lowerBound))
            starts.insert(UInt32(range.upperBound) + 1)
        }
        let cuts = starts.sorted()
        var classes: [Matrix.PortClass] = []
        for range in wanted.ranges {
            var low = UInt32(range.lowerBound)
            for cut in cuts where cut > low && cut <= UInt32(range.upperBound) {
                classes.append(Matrix.PortClass(ports: UInt16(low)...UInt16(cut - 1)))
                low = cut
            }
            classes.append(Matrix.PortClass(ports: UInt16(low)...range.upperBound))
        }
        return classes
    }

    /// Compares two configurations. `before`/`after` carry each side's engine and documents (for causes).
    public static func compute(
        before: (engine: MatrixEngine, documents: [ResourceDocument]), after: (engine: MatrixEngine, documents: [ResourceDocument]),
        ports: PortSet? = nil, protocol flowProtocol: ProtocolSet = .tcp,
        locations selectLocation: (ExposureEngine.Location) -> Bool = { _ in true },
        destinations selectDestination: (MatrixDestination) -> Bool = { _ in true }
    ) -> MatrixDiff {
        let classes = commonPortClasses(before.engine, after.engine, ports: ports, protocol: flowProtocol)
        let resourceChanges = ResourceDocumentIndex(after.documents).changes(since: ResourceDocumentIndex(before.documents))
        let a = before.engine.matrix(portClasses: classes, protocol: flowProtocol, locations: selectLocation, destinations: selectDestination)
        // When only NSG rules or private endpoint states differ, the after side is the before side updated
        // incrementally (Matrix.updated(applying:)); otherwise it is computed whole.
        let b: Matrix
        if !resourceChanges.isEmpty, resourceChanges.allSatisfy({ incrementalTypes.contains($0.type.lowercased()) || $0.type.lowercased().hasSuffix("/privateendpointconnections") }) {
            b = a.update(applying: Matrix.Change(topology: after.engine.given, changed: Set(resourceChanges.map(\.id))), previous: before.engine).matrix
        } else {
            b = after.engine.matrix(portClasses: classes, protocol: flowProtocol, locations: selectLocation, destinations: selectDestination)
        }
        var diff = compare(a, b)
        diff.resourceChanges = resourceChanges
        let tracer = CauseFinder(before: before.engine, after: after.engine, changes: resourceChanges)
        for i in diff.changes.indices { tracer.explain(&diff.changes[i]) }
        return diff
    }

    /// Resource types whose changes an incremental update handles (see MatrixUpdate.swift).
    static let incrementalTypes: Set<String> = [
        "microsoft.network/networksecuritygroups", "microsoft.network/networksecuritygroups/securityrules",
        "microsoft.network/privateendpoints/privatelinkserviceconnections",
        "microsoft.network/privateendpoints/manualprivatelinkserviceconnections",
    ]

    /// The flows whose answer differs between two matrices on the same port classes.
    public static func compare(_ a: Matrix, _ b: Matrix) -> MatrixDiff {
        // Locations and destinations by key, over both sides, in order (before's first).
        var locationKeys: [String] = []
        var seenLocations = Set<String>()
        for location in a.locations + b.locations where seenLocations.insert(location.key).inserted { locationKeys.append(location.key) }
        var destinationKeys: [String] = []
        var seenDestinations = Set<String>()
        for destination in a.destinations + b.destinations where seenDestinations.insert(destination.key).inserted { destinationKeys.append(destination.key) }
        let aLocation = Dictionary(a.locations.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { x, _ in x })
        let bLocation = Dictionary(b.locations.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { x, _ in x })
        let aDestination = Dictionary(a.destinations.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { x, _ in x })
        let bDestination = Dictionary(b.destinations.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { x, _ in x })
        let sameLocations = a.locations.map(\.key) == b.locations.map(\.key)

        struct Key: Hashable {
            var destination: String
            var before: Matrix.Cell?
            var after: Matrix.Cell?
            var locations: [String]
        }
        var order: [Key] = []
        var ports: [Key: [ClosedRange<UInt16>]] = [:]
        var pairs = 0
        for destinationKey in destinationKeys {
            let da = aDestination[destinationKey]
            let db = bDestination[destinationKey]
            for (p, portClass) in a.portClasses.enumerated() {
                let rowA = da.map { a.rows[$0][p] }
                let rowB = db.map { b.rows[$0][p] }
                pairs += locationKeys.count
                if sameLocations, let rowA, let rowB, rowA == rowB { continue }
                // Locations grouped by (before, after).
                var groupOrder: [[Matrix.Cell?]] = []
                var groups: [[Matrix.Cell?]: [String]] = [:]
                for key in locationKeys {
                    let cellA = rowA.flatMap { row in aLocation[key].flatMap { row.cell(of: $0) } }
                    let cellB = rowB.flatMap { row in bLocation[key].flatMap { row.cell(of: $0) } }
                    let location = (aLocation[key].map { a.locations[$0] } ?? bLocation[key].map { b.locations[$0] })!
                    guard Self.differ(cellA, cellB, location: location) else { continue }
                    let pair = [cellA, cellB]
                    if groups[pair] == nil { groupOrder.append(pair) }
                    groups[pair, default: []].append(key)
                }
                for pair in groupOrder {
                    let key = Key(destination: destinationKey, before: pair[0], after: pair[1], locations: groups[pair]!)
                    if ports[key] == nil { order.append(key) }
                    ports[key, default: []].append(portClass.ports)
                }
            }
        }
        var changes: [FlowChange] = []
        for key in order {
            let destination = (aDestination[key.destination].map { a.destinations[$0] } ?? bDestination[key.destination].map { b.destinations[$0] })!
            let locations = key.locations.map { k in (aLocation[k].map { a.locations[$0] } ?? bLocation[k].map { b.locations[$0] })! }
            var gained = IPAddressSet.empty
            var lost = IPAddressSet.empty
            for location in locations {
                let was = Self.sources(key.before, location)
                let now = Self.sources(key.after, location)
                gained.formUnion(now.subtracting(was))
                lost.formUnion(was.subtracting(now))
            }
            changes.append(FlowChange(locations: locations, destination: destination, ports: Self.merged(ports[key]!), protocol: a.protocol,
                before: key.before, after: key.after, gained: gained, lost: lost, causes: []))
        }
        return MatrixDiff(changes: changes, resourceChanges: [], portClasses: a.portClasses, pairsCompared: pairs)
    }

    /// The sources that get through (none for an Unreachable or undecidable cell).
    static func sources(_ cell: Matrix.Cell?, _ location: ExposureEngine.Location) -> IPAddressSet {
        guard let cell, cell.verdict != .unreachable else { return .empty }
        return cell.allowedSources(of: location)
    }

    /// A change of verdict or of the sources that get through (a blocker named differently is not a change).
    static func differ(_ a: Matrix.Cell?, _ b: Matrix.Cell?, location: ExposureEngine.Location) -> Bool {
        if (a == nil) != (b == nil) { return true }
        guard let a, let b else { return false }
        return a.verdict != b.verdict || sources(a, location) != sources(b, location)
    }

    /// Adjacent ranges joined.
    static func merged(_ ranges: [ClosedRange<UInt16>]) -> [ClosedRange<UInt16>] {
        PortSet(ranges: ranges).ranges
    }
}

/// Finds what caused a flow change: traces it on both sides and names the first hop whose decision differs, then
/// the changed resources that the traces touch.
struct CauseFinder {
    let before: MatrixEngine
    let after: MatrixEngine
    let changes: [ResourceChange]

    func trace(_ engine: MatrixEngine, change: MatrixDiff.FlowChange) -> (result: ReachResult, touched: [ResourceID], resolution: DNSResolution?)? {
        guard let location = change.locations.first, let port = change.ports.first?.lowerBound else { return nil }
        // An address that changed, else the location's own.
        let candidates = change.gained.union(change.lost).intersection(location.prefixes)
        let address: IPAddress
        switch location.kind {
        case .internet:
            address = candidates.prefixes.first?.network ?? .v4(IPv4Address(8, 8, 8, 8))
        case .subnet:
            guard let id = location.id, let subnet = engine.topology.subnets[id] ?? before.topology.subnets[id] ?? after.topology.subnets[id],
                let representative = subnet.representativeAddress?.address
            else { return nil }
            address = candidates.prefixes.first.map { Self.usable($0) } ?? representative
        case .onPremises:
            guard let first = location.prefixes.prefixes.first else { return nil }
            address = candidates.prefixes.first.map { Self.usable($0) } ?? Self.usable(first)
        }
        let source: ReachSource
        switch location.kind {
        case .internet: source = .internet(address)
        case .subnet:
            guard let id = location.id, engine.topology.subnets[id] != nil else { return nil }
            source = .subnetAddress(id, address)
        case .onPremises: source = .onPremises(address)
        }
        let reach = engine.exposure.reach
        var touched: [ResourceID] = []
        var resolved: DNSResolution?
        let result: ReachResult
        if let target = change.destination.target {
            result = reach.reach(from: source, to: target, port: port)
        } else if let name = change.destination.hostName, let (resolution, answer) = try? reach.reach(from: source, name: name, port: port) {
            touched += resolution.chain.compactMap(\.resourceID)
            if let vnet = resolution.virtualNetwork { touched.append(vnet) }
            resolved = resolution
            result = answer
        } else {
            return nil
        }
        touched += result.hops.compactMap(\.resourceId) + result.blockers.compactMap(\.resourceId)
        touched.append(change.destination.resourceId)
        if let id = location.id { touched.append(id) }
        return (result, touched, resolved)
    }

    /// An address of a prefix a client could have (the fifth of a subnet-sized prefix, as Azure reserves the first four).
    static func usable(_ prefix: IPPrefix) -> IPAddress {
        guard case .v4(let network) = prefix.network else { return prefix.network }
        let size: UInt64 = prefix.length >= 32 ? 1 : UInt64(1) << UInt64(32 - prefix.length)
        return .v4(IPv4Address(network.value + UInt32(min(size - 1, size > 8 ? 4 : 0))))
    }

    func explain(_ change: inout MatrixDiff.FlowChange) {
        let a = trace(before, change: change)
        let b = trace(after, change: change)
        var first: [ResourceID] = []
        if let a, let b {
            if let x = a.resolution, let y = b.resolution, Self.answers(x) != Self.answers(y) {
                // The name resolves differently: DNS decided first.
                change.firstDifference = "'\(x.name)' resolves to \(Self.answers(x)) before, to \(Self.answers(y)) after"
                first = (x.chain + y.chain).compactMap(\.resourceID) + [x.virtualNetwork, y.virtualNetwork].compactMap { $0 }
            } else {
                let (description, resources) = Self.firstDifference(a.result, b.result)
                change.firstDifference = description
                first = resources
            }
        }
        let touched = (a?.touched ?? []) + (b?.touched ?? [])
        var ranked: [ResourceChange] = []
        func add(_ matches: (ResourceChange) -> Bool) {
            for candidate in changes where matches(candidate) && !ranked.contains(where: { $0.id == candidate.id }) { ranked.append(candidate) }
        }
        add { c in first.contains { Self.related(c.id, $0, strict: true) } }
        add { c in touched.contains { Self.related(c.id, $0, strict: true) } }
        add { c in (first + touched).contains { Self.related(c.id, $0, strict: false) } }
        change.causes = ranked.isEmpty ? Array(changes.prefix(5)) : ranked
    }

    /// The answers of a resolution, as text.
    static func answers(_ resolution: DNSResolution) -> String {
        let shown = resolution.answers.map { $0.address?.description ?? $0.resourceID.map { "the public endpoint of '\($0.name)'" } ?? $0.type.rawValue }
        return shown.isEmpty ? resolution.status.rawValue : shown.joined(separator: ", ")
    }

    /// The same resource, or one inside the other; loosely, also two resources inside the same top-level resource.
    static func related(_ x: ResourceID, _ y: ResourceID, strict: Bool) -> Bool {
        if x == y || x.normalized.hasPrefix(y.normalized + "/") || y.normalized.hasPrefix(x.normalized + "/") { return true }
        guard !strict else { return false }
        return topLevel(x) == topLevel(y)
    }

    static func topLevel(_ id: ResourceID) -> ResourceID {
        var current = id
        while let parent = current.parent { current = parent }
        return current
    }

    /// Where the two traces part: the first hop that differs, else the first blocker only one side has.
    static func firstDifference(_ a: ReachResult, _ b: ReachResult) -> (String?, [ResourceID]) {
        let count = max(a.hops.count, b.hops.count)
        for i in 0..<count {
            let x = i < a.hops.count ? a.hops[i] : nil
            let y = i < b.hops.count ? b.hops[i] : nil
            if x != y {
                let text = "before: \(x.map { "\($0.kind): \($0.detail)" } ?? "(no hop)"); after: \(y.map { "\($0.kind): \($0.detail)" } ?? "(no hop)")"
                return (text, [x?.resourceId, y?.resourceId].compactMap { $0 })
            }
        }
        let onlyA = a.blockers.filter { blocker in !b.blockers.contains { $0.code == blocker.code && $0.resourceId == blocker.resourceId } }
        let onlyB = b.blockers.filter { blocker in !a.blockers.contains { $0.code == blocker.code && $0.resourceId == blocker.resourceId } }
        switch (onlyA.first, onlyB.first) {
        case let (x?, y?):
            return ("before: \(x.code.rawValue) \(x.message); after: \(y.code.rawValue) \(y.message)", [x.resourceId, y.resourceId].compactMap { $0 })
        case let (x?, nil):
            return ("before: \(x.code.rawValue) \(x.message); after: no longer blocked there", [x.resourceId].compactMap { $0 })
        case let (nil, y?):
            return ("after: \(y.code.rawValue) \(y.message)", [y.resourceId].compactMap { $0 })
        case (nil, nil):
            break
        }
        return (nil, [])
    }
}
