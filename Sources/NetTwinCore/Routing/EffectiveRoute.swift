/// Where a route came from, as Network Watcher's effective routes name it.
public enum EffectiveRouteSource: String, Hashable, Sendable {
    case `default` = "Default"
    case user = "User"
    case virtualNetworkGateway = "VirtualNetworkGateway"
}

public enum EffectiveRouteState: String, Hashable, Sendable {
    case active = "Active"
    case invalid = "Invalid"
}

/// Next hop types of effective routes (virtual-networks-udr-overview.md; the REST API's
/// `RouteNextHopType` plus the system-only `VNetPeering`, `VirtualNetworkServiceEndpoint` and, for
/// private endpoints, `InterfaceEndpoint`).
public enum EffectiveNextHopType: String, Hashable, Sendable {
    case vnetLocal = "VnetLocal"
    case vnetPeering = "VNetPeering"
    case internet = "Internet"
    case none = "None"
    case virtualAppliance = "VirtualAppliance"
    case virtualNetworkGateway = "VirtualNetworkGateway"
    case virtualNetworkServiceEndpoint = "VirtualNetworkServiceEndpoint"
    case interfaceEndpoint = "InterfaceEndpoint"

    init(_ type: RouteNextHopType) {
        switch type {
        case .virtualNetworkGateway: self = .virtualNetworkGateway
        case .vnetLocal: self = .vnetLocal
        case .internet: self = .internet
        case .virtualAppliance: self = .virtualAppliance
        case .none: self = .none
        }
    }
}

/// One row of a subnet's effective route table.
public struct EffectiveRoute: Hashable, Sendable {
    /// The user route's name; nil for system routes.
    public var name: String?
    public var source: EffectiveRouteSource
    public var state: EffectiveRouteState
    public var addressPrefixes: [IPPrefix]
    public var nextHopType: EffectiveNextHopType
    public var nextHopIpAddresses: [IPAddress]
    /// The route table of a user route.
    public var routeTable: ResourceID?
    /// The service tag a user route names instead of a prefix (`Storage.WestEurope`).
    public var serviceTag: String?
    /// The resource that produced a system or gateway route: the peering, the gateway, the private
    /// endpoint, the subnet with the service endpoint.
    public var origin: ResourceID?
    /// Why an Invalid route is not used.
    public var invalidReason: String?

    public init(name: String? = nil, source: EffectiveRouteSource, state: EffectiveRouteState = .active, addressPrefixes: [IPPrefix], nextHopType: EffectiveNextHopType, nextHopIpAddresses: [IPAddress] = [], routeTable: ResourceID? = nil, serviceTag: String? = nil, origin: ResourceID? = nil, invalidReason: String? = nil) {
        self.name = name
        self.source = source
        self.state = state
        self.addressPrefixes = addressPrefixes
        self.nextHopType = nextHopType
        self.nextHopIpAddresses = nextHopIpAddresses
        self.routeTable = routeTable
        self.serviceTag = serviceTag
        self.origin = origin
        self.invalidReason = invalidReason
    }
}

/// The effective routes of one subnet, with a longest-prefix-match index over the active ones.
public struct EffectiveRouteTable: Sendable {
    public var subnet: ResourceID
    public var routes: [EffectiveRoute]
    public var disableBgpRoutePropagation: Bool
    /// Notes on what could not be known from the configuration (BGP prefixes of an ExpressRoute circuit, …).
    public var assumptions: [String]
    let index: PrefixTable<Int>

    init(subnet: ResourceID, routes: [EffectiveRoute], disableBgpRoutePropagation: Bool, assumptions: [String], winners: [(IPPrefix, Int)]) {
        self.subnet = subnet
        self.routes = routes
        self.disableBgpRoutePropagation = disableBgpRoutePropagation
        self.assumptions = assumptions
        self.index = PrefixTable(winners, uniquingPrefixesWith: { first, _ in first })
    }

    /// The route Azure uses for a destination: longest prefix among the active routes.
    public func route(to destination: IPAddress) -> (prefix: IPPrefix, route: EffectiveRoute)? {
        guard let match = index.longestMatch(destination) else { return nil }
        return (match.prefix, routes[match.value])
    }
}
