/// Incremental re-verification: after one change to the configuration, recompute only what the change reaches.
///
/// - A change to NSGs' rules (the groups stay associated where they were): the rows of the destinations those NSGs
///   guard (inbound), and the cells of the locations whose subnets they guard (outbound); every other answer stands.
///   An NSG on a virtual appliance's NIC or subnet is on the path of other flows: then everything is recomputed.
/// - A change of private endpoints' connection states: the rows of the endpoints' addresses and of host names.
/// - Anything else (routes, peerings, associations, DNS, firewalls, resources added or removed): the whole matrix.
///
/// `updated(applying:)` equals `MatrixEngine(topology: change.topology).matrix(...)` on the same selection; a
/// property test holds it to that.
extension Matrix {
    /// One change: the configuration after it, and the resources it added, removed or edited.
    public struct Change: Sendable {
        public var topology: Topology
        public var changed: Set<ResourceID>

        public init(topology: Topology, changed: Set<ResourceID>) {
            self.topology = topology
            self.changed = changed
        }

        /// `nsg` replacing the group of the same ID.
        public static func replacing(_ nsg: NetworkSecurityGroup, in topology: Topology) -> Change {
            var copy = topology
            copy.networkSecurityGroups[nsg.id] = nsg
            return Change(topology: copy, changed: [nsg.id])
        }

        /// Every connection of a private endpoint set to a state (as its owner approving or rejecting it would).
        public static func setting(_ status: PrivateLinkConnectionStatus, of endpoint: ResourceID, in topology: Topology) -> Change {
            var copy = topology
            guard var model = copy.privateEndpoints[endpoint] else { return Change(topology: topology, changed: []) }
            for i in model.connections.indices {
                model.connections[i].state.status = status
                model.connections[i].state.statusText = status.rawValue
            }
            copy.privateEndpoints[endpoint] = model
            var changed: Set<ResourceID> = [endpoint]
            for (id, connection) in copy.privateEndpointConnections where connection.privateEndpoint == endpoint {
                copy.privateEndpointConnections[id]?.state.status = status
                copy.privateEndpointConnections[id]?.state.statusText = status.rawValue
                changed.insert(id)
            }
            return Change(topology: copy, changed: changed)
        }
    }

    /// The matrix after the change, recomputing what it reaches (see the extension's comment).
    public func updated(applying change: Change) -> Matrix {
        update(applying: change, previous: nil).matrix
    }

    /// The update; with the engine that computed this matrix, what the change does not touch is taken from it.
    func update(applying change: Change, previous: MatrixEngine?) -> (matrix: Matrix, engine: MatrixEngine) {
        if let previous, case .securityRules(let groups) = Self.classify(change, previous: selection.previousTopology) {
            let engine = MatrixEngine(topology: change.topology, serviceTags: serviceTags, inheriting: previous, changedGroups: groups)
            return (updated(applying: change, engine: engine), engine)
        }
        let engine = MatrixEngine(topology: change.topology, serviceTags: serviceTags)
        return (updated(applying: change, engine: engine), engine)
    }

    func updated(applying change: Change, engine: MatrixEngine) -> Matrix {
        let old = engine.topology
        let previous = selection.previousTopology
        // Destinations and locations must be the same sets (a change that adds or removes them recomputes all).
        let newLocations = engine.exposure.locations.filter { selection.locationKeys.contains($0.key) || selection.allLocations }
        let (allDestinations, _) = MatrixDestination.all(in: old)
        let newDestinations = allDestinations.filter { selection.destinationKeys.contains($0.key) || selection.allDestinations }
        let sameShape = newLocations.map(\.key) == locations.map(\.key) && newDestinations.map(\.key) == destinations.map(\.key)
        let kind = sameShape ? Self.classify(change, previous: previous) : .other
        switch kind {
        case .other:
            return engine.matrix(portClasses: portClasses, protocol: self.protocol, selection: selection)
        case .securityRules(let groups):
            var rows = rowsGuarded(by: groups, in: old)
            // A host name needs its row recomputed only where it resolves to an address those NSGs guard.
            let guardedAddresses = Set(rows.compactMap { destinations[$0].kind == .hostName ? nil : destinations[$0].address })
            let guardedInstances = Set(rows.compactMap { destinations[$0].kind == .managedInstance ? destinations[$0].resourceId : nil })
            for d in rows where destinations[d].kind == .hostName {
                let targets = engine.resolvedTargets(of: destinations[d].hostName ?? "")
                let reachesGuarded = targets == nil || targets!.contains { target in
                    switch target {
                    case .address(let address): return guardedAddresses.contains(address)
                    case .managedInstanceVNetLocal(let id), .managedInstancePublic(let id): return guardedInstances.contains(id)
                    default: return false
                    }
                }
                if !reachesGuarded { rows.remove(d) }
            }
            return recompute(engine: engine, rows: rows, locations: locationsGuarded(by: groups, in: old))
        case .endpointStates(let endpoints):
            let addresses = Set(endpoints.flatMap { id in old.privateEndpoints[id].map { NetworkIndex.addresses(of: $0, in: old) } ?? [] })
            let rows = Set(destinations.indices.filter { d in
                destinations[d].kind == .hostName || destinations[d].address.map(addresses.contains) == true
            })
            return recompute(engine: engine, rows: rows, locations: [])
        }
    }

    enum ChangeKind {
        case securityRules(Set<ResourceID>)
        case endpointStates(Set<ResourceID>)
        case other
    }

    /// What kind of change it is, comparing the configuration before and after.
    static func classify(_ change: Change, previous: Topology?) -> ChangeKind {
        guard let previous, !change.changed.isEmpty else { return .other }
        let after = change.topology
        // Changed NSGs, or rules inside them, and nothing else; no association moved.
        let groups = Set(change.changed.map { id in after.networkSecurityGroups[id] != nil || previous.networkSecurityGroups[id] != nil ? id : (id.parent ?? id) })
        if groups.allSatisfy({ after.networkSecurityGroups[$0] != nil && previous.networkSecurityGroups[$0] != nil }) {
            let appliances = after.networkInterfaces.values.filter(\.enableIPForwarding)
            let onAppliance = appliances.contains { nic in
                nic.networkSecurityGroup.map(groups.contains) == true
                    || nic.primaryIPConfiguration?.subnet.flatMap { after.subnets[$0]?.networkSecurityGroup }.map(groups.contains) == true
            } || !after.azureFirewalls.isEmpty && groups.contains { group in
                after.azureFirewalls.values.contains { $0.subnet.flatMap { after.subnets[$0]?.networkSecurityGroup } == group }
            }
            return onAppliance ? .other : .securityRules(groups)
        }
        // A private endpoint, a connection of one (its child), or a service's connection to one.
        func endpoint(_ id: ResourceID) -> ResourceID? {
            if after.privateEndpoints[id] != nil { return id }
            if let parent = id.parent, after.privateEndpoints[parent] != nil { return parent }
            return after.privateEndpointConnections[id]?.privateEndpoint
        }
        let endpoints = Set(change.changed.compactMap(endpoint))
        if !endpoints.isEmpty, change.changed.allSatisfy({ endpoint($0) != nil }),
            endpoints.allSatisfy({ id in
                guard let a = after.privateEndpoints[id], let b = previous.privateEndpoints[id] else { return false }
                return a.subnet == b.subnet && a.staticIPAddresses == b.staticIPAddresses && a.customDnsConfigs == b.customDnsConfigs
                    && a.networkInterfaces == b.networkInterfaces && a.connections.map(\.privateLinkServiceId) == b.connections.map(\.privateLinkServiceId)
            })
        {
            return .endpointStates(endpoints)
        }
        return .other
    }

    /// Destinations whose inbound NSGs (their NIC's or their subnet's) are among `groups`, and every host name.
    func rowsGuarded(by groups: Set<ResourceID>, in topology: Topology) -> Set<Int> {
        var rows = Set<Int>()
        for (d, destination) in destinations.enumerated() {
            switch destination.kind {
            case .hostName, .sqlServer, .keyVault, .managedHSM, .storageAccount:
                // Names resolve to any endpoint; public services are reached from the Internet through the service's
                // own firewall and from subnets through their outbound NSGs (the locations below).
                if destination.kind == .hostName { rows.insert(d) }
            default:
                let nic: NetworkInterface? = {
                    if case .networkInterface(let id)? = destination.target { return topology.networkInterfaces[id] }
                    return destination.address.flatMap { address in topology.networkInterfaces.values.first { $0.ipConfigurations.contains { $0.privateIPAddress == address } } }
                }()
                if let group = nic?.networkSecurityGroup, groups.contains(group) { rows.insert(d); continue }
                let subnet: Subnet? = {
                    if let address = destination.address { return topology.subnets.values.first { $0.addressPrefixes.contains { $0.contains(address) } } }
                    if let id = topology.sqlManagedInstances[destination.resourceId]?.subnet { return topology.subnets[id] }
                    return nil
                }()
                if let group = subnet?.networkSecurityGroup, groups.contains(group) { rows.insert(d) }
            }
        }
        return rows
    }

    /// Locations whose subnet NSG is among `groups` (their outbound rules).
    func locationsGuarded(by groups: Set<ResourceID>, in topology: Topology) -> Set<Int> {
        Set(locations.indices.filter { l in
            guard locations[l].kind == .subnet, let id = locations[l].id, let group = topology.subnets[id]?.networkSecurityGroup else { return false }
            return groups.contains(group)
        })
    }

    /// Recomputes whole rows, and single locations in every other row.
    func recompute(engine: MatrixEngine, rows recomputed: Set<Int>, locations changedLocations: Set<Int>) -> Matrix {
        var copy = self
        copy.selection.previousTopology = engine.given
        var interner = LocationListInterner()
        var assumptions = OrderedStrings(self.assumptions)
        for d in destinations.indices {
            for (p, portClass) in portClasses.enumerated() {
                if recomputed.contains(d) {
                    copy.rows[d][p] = engine.row(for: destinations[d], port: portClass.representative, protocol: self.protocol,
                                                 locations: locations, interner: &interner, assumptions: &assumptions)
                } else if !changedLocations.isEmpty {
                    var cells: [Int: Cell] = [:]
                    for l in changedLocations {
                        cells[l] = engine.cell(at: locations[l], for: destinations[d], port: portClass.representative, protocol: self.protocol, assumptions: &assumptions)
                    }
                    copy.rows[d][p] = rows[d][p].replacing(cells, interner: &interner)
                }
            }
        }
        copy.assumptions = assumptions.values
        return copy
    }
}

extension Matrix.Row {
    /// The row with some locations' cells replaced, grouped as `MatrixEngine.row` groups them (groups in order of
    /// their first location). Unchanged cells leave the row as it is.
    func replacing(_ cells: [Int: Matrix.Cell], interner: inout LocationListInterner) -> Matrix.Row {
        var groups = self.groups
        var changed = false
        for (location, cell) in cells {
            guard let from = groups.firstIndex(where: { $0.locations.contains(location) }) else { continue }
            if groups[from].cell == cell { continue }
            changed = true
            groups[from].locations.removeAll { $0 == location }
            if let to = groups.firstIndex(where: { $0.cell == cell }) {
                let index = groups[to].locations.firstIndex { $0 > location } ?? groups[to].locations.count
                groups[to].locations.insert(location, at: index)
            } else {
                groups.append(Matrix.Group(cell: cell, locations: [location]))
            }
        }
        guard changed else { return self }
        groups.removeAll { $0.locations.isEmpty }
        groups.sort { $0.locations[0] < $1.locations[0] }
        return Matrix.Row(groups: groups.map { Matrix.Group(cell: $0.cell, locations: interner.intern($0.locations)) })
    }
}

/// A matrix kept up to date as changes come (the server's live matrix): each update reuses what the previous
/// computation found that the change does not touch.
public final class LiveMatrix {
    public private(set) var matrix: Matrix
    private var engine: MatrixEngine

    public init(topology: Topology, serviceTags: ServiceTagTable = .empty, ports: PortSet? = nil, protocol flowProtocol: ProtocolSet = .tcp) {
        let engine = MatrixEngine(topology: topology, serviceTags: serviceTags)
        self.engine = engine
        self.matrix = engine.matrix(ports: ports, protocol: flowProtocol)
    }

    /// Applies a change and returns the matrix after it.
    @discardableResult
    public func apply(_ change: Matrix.Change) -> Matrix {
        let (matrix, engine) = matrix.update(applying: change, previous: engine)
        self.matrix = matrix
        self.engine = engine
        return matrix
    }
}
