/// Who can reach what: every source location × every destination × every class of ports, as `reach` and `exposure`
/// answer each of them, stored by classes so that its size grows with the number of distinct behaviours.
///
/// A row is one (destination, port class); its groups put together the locations that get the same answer. A cell
/// says the verdict, which of the location's addresses get through (all of them, or an exact subset), and for a
/// location nothing gets through from, the deciding blocker.
public struct Matrix: Sendable {
    /// A range of ports that every rule on every path treats alike (NSG, firewall and service rules).
    public struct PortClass: Hashable, Sendable {
        public var ports: ClosedRange<UInt16>
        /// The port the class is asked with (its first).
        public var representative: UInt16 { ports.lowerBound }
        public var description: String { ports.lowerBound == ports.upperBound ? "\(ports.lowerBound)" : "\(ports.lowerBound)-\(ports.upperBound)" }
    }

    /// The answer for one location (or several alike).
    public struct Cell: Hashable, Sendable {
        public struct Blocker: Hashable, Sendable {
            public var code: ReachCode
            public var resourceId: ResourceID?
        }

        public var verdict: ReachVerdict
        /// The location's source addresses that get through; nil means all of them.
        public var allowed: IPAddressSet?
        /// For Unreachable: the deciding blocker (the first on the path).
        public var blocker: Blocker?
        /// Why the verdict is Unknown.
        public var note: String?

        /// The addresses of `location` that get through.
        public func allowedSources(of location: ExposureEngine.Location) -> IPAddressSet {
            allowed ?? location.prefixes
        }
    }

    /// Locations that get the same answer; `locations` are indexes into `Matrix.locations`, ascending.
    public struct Group: Hashable, Sendable {
        public var cell: Cell
        public var locations: [Int]
    }

    /// The answers for one destination and one port class, one group per distinct answer (ordered by first location).
    public struct Row: Hashable, Sendable {
        public var groups: [Group]

        /// The cell of a location (nil when the location was not asked).
        public func cell(of location: Int) -> Cell? {
            for group in groups where group.locations.contains(location) { return group.cell }
            return nil
        }
    }

    public var `protocol`: ProtocolSet
    public var portClasses: [PortClass]
    public var locations: [ExposureEngine.Location]
    public var destinations: [MatrixDestination]
    /// `rows[destination][portClass]`.
    public var rows: [[Row]]
    /// What the answers assume (ExpressRoute prefixes, endpoint addresses, …), once each.
    public var assumptions: [String]
    /// What was left out and why.
    public var notes: [String]
    /// The service tag data the answers used (an update uses it again).
    public var serviceTags: ServiceTagTable
    /// Which locations and destinations were asked about, and the configuration the answers are for.
    public var selection: Selection

    /// The locations and destinations asked about (by key; `all…` when no selector narrowed them), and the
    /// configuration the matrix answers for.
    public struct Selection: Sendable {
        public var allLocations: Bool
        public var locationKeys: Set<String>
        public var allDestinations: Bool
        public var destinationKeys: Set<String>
        public var previousTopology: Topology?
    }

    public init(protocol: ProtocolSet, portClasses: [PortClass], locations: [ExposureEngine.Location], destinations: [MatrixDestination], rows: [[Row]], assumptions: [String], notes: [String],
                serviceTags: ServiceTagTable = .empty, selection: Selection? = nil) {
        self.protocol = `protocol`
        self.portClasses = portClasses
        self.locations = locations
        self.destinations = destinations
        self.rows = rows
        self.assumptions = assumptions
        self.notes = notes
        self.serviceTags = serviceTags
        self.selection = selection ?? Selection(allLocations: true, locationKeys: Set(locations.map(\.key)), allDestinations: true,
                                                destinationKeys: Set(destinations.map(\.key)), previousTopology: nil)
    }

    /// The cell of (location, destination, port class), by index.
    public func cell(location: Int, destination: Int, portClass: Int) -> Cell? {
        rows[destination][portClass].cell(of: location)
    }

    /// Reachable (any address of the location) and total pairs of (location, destination), per port class.
    public func reachablePairs(portClass: Int) -> (reachable: Int, total: Int) {
        var reachable = 0
        var total = 0
        for destination in rows.indices {
            for group in rows[destination][portClass].groups {
                total += group.locations.count
                if group.cell.verdict == .reachable { reachable += group.locations.count }
            }
        }
        return (reachable, total)
    }

    /// The index of a location by key, of a destination by key.
    public func locationIndex(key: String) -> Int? { locations.firstIndex { $0.key == key } }
    public func destinationIndex(key: String) -> Int? { destinations.firstIndex { $0.key == key } }
}

extension Matrix {
    /// The classes that make the relation compact: destinations whose rows are the same for every port class, port
    /// classes whose columns are the same for every destination, and the sets of locations that appear together.
    public struct Classes: Sendable {
        /// Destination indexes per class, in order of first member.
        public var destinationClasses: [[Int]]
        /// Port class indexes per merged class (ports no destination tells apart).
        public var portClasses: [[Int]]
        /// Location index lists, each once.
        public var sourceClasses: [[Int]]
        /// (destination class, merged port class) → [(source class, cell)].
        public var relation: [(destinationClass: Int, portClass: Int, entries: [(sourceClass: Int, cell: Cell)])]
    }

    public var classes: Classes {
        // Destinations alike in every port class.
        var destinationClassIndex: [[Row]: Int] = [:]
        var destinationClasses: [[Int]] = []
        for (d, row) in rows.enumerated() {
            if let c = destinationClassIndex[row] {
                destinationClasses[c].append(d)
            } else {
                destinationClassIndex[row] = destinationClasses.count
                destinationClasses.append([d])
            }
        }
        // Port classes alike for every destination class.
        var portClassIndex: [[Row]: Int] = [:]
        var mergedPorts: [[Int]] = []
        for p in self.portClasses.indices {
            let column = destinationClasses.map { rows[$0[0]][p] }
            if let c = portClassIndex[column] {
                mergedPorts[c].append(p)
            } else {
                portClassIndex[column] = mergedPorts.count
                mergedPorts.append([p])
            }
        }
        var sourceClassIndex: [[Int]: Int] = [:]
        var sourceClasses: [[Int]] = []
        var relation: [(destinationClass: Int, portClass: Int, entries: [(sourceClass: Int, cell: Cell)])] = []
        for (dc, members) in destinationClasses.enumerated() {
            for (pc, ports) in mergedPorts.enumerated() {
                var entries: [(sourceClass: Int, cell: Cell)] = []
                for group in rows[members[0]][ports[0]].groups {
                    let index: Int
                    if let known = sourceClassIndex[group.locations] {
                        index = known
                    } else {
                        index = sourceClasses.count
                        sourceClassIndex[group.locations] = index
                        sourceClasses.append(group.locations)
                    }
                    entries.append((index, group.cell))
                }
                relation.append((dc, pc, entries))
            }
        }
        return Classes(destinationClasses: destinationClasses, portClasses: mergedPorts, sourceClasses: sourceClasses, relation: relation)
    }
}
