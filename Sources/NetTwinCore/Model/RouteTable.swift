/// `Microsoft.Network/routeTables` (virtual-networks-udr-overview.md, "Custom routes").
public struct RouteTable: Hashable, Sendable {
    public var header: ResourceHeader
    public var id: ResourceID { header.id }
    public var routes: [Route]
    /// Portal "Propagate gateway routes = No": gateway (static and BGP) routes are not added to the
    /// subnets that use this table.
    public var disableBgpRoutePropagation: Bool

    public init(header: ResourceHeader, routes: [Route] = [], disableBgpRoutePropagation: Bool = false) {
        self.header = header
        self.routes = routes
        self.disableBgpRoutePropagation = disableBgpRoutePropagation
    }
}

/// Where a user-defined route sends traffic. Raw values are the REST API's.
public enum RouteNextHopType: String, AzureEnum {
    case virtualNetworkGateway = "VirtualNetworkGateway"
    case vnetLocal = "VnetLocal"
    case internet = "Internet"
    case virtualAppliance = "VirtualAppliance"
    case none = "None"
}

/// A route's destination: an IP prefix or, since 2023, a service tag (`Storage.WestEurope`).
public enum RouteDestination: Hashable, Sendable, CustomStringConvertible {
    case prefix(IPPrefix)
    case serviceTag(String)
    public var description: String {
        switch self {
        case .prefix(let prefix): prefix.description
        case .serviceTag(let tag): tag
        }
    }
}

/// `Microsoft.Network/routeTables/routes`.
public struct Route: Hashable, Sendable {
    public var id: ResourceID?
    public var name: String
    public var destination: RouteDestination
    public var nextHopType: RouteNextHopType
    public var nextHopIpAddress: IPAddress?
    public var sourceLocation: SourceLocation?
    /// Added by Azure's network intent policy to a SQL managed instance subnet's route table (service-aided).
    public var serviceAided = false

    public init(id: ResourceID? = nil, name: String, destination: RouteDestination, nextHopType: RouteNextHopType, nextHopIpAddress: IPAddress? = nil, sourceLocation: SourceLocation? = nil) {
        self.id = id
        self.name = name
        self.destination = destination
        self.nextHopType = nextHopType
        self.nextHopIpAddress = nextHopIpAddress
        self.sourceLocation = sourceLocation
    }
}
