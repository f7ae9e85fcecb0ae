/// ExpressRoute connections learn the on-premises prefixes by BGP (expressroute-routing.md), and no
/// configuration holds them. To ask a question about an on-premises address behind a circuit, NetTwin assumes
/// the prefixes: each ExpressRoute connection without a local network gateway gets a stand-in one with them,
/// so that gateway routes (through gateway transit, dropped where propagation is disabled), the
/// VirtualNetwork tag and reachability treat them as Azure does once they are learned.
extension Topology {
    /// The ExpressRoute connections whose on-premises prefixes are not in the configuration.
    public var expressRouteConnectionsWithoutPrefixes: [VirtualNetworkGatewayConnection] {
        connections.values.filter { $0.connectionType == .expressRoute && $0.localNetworkGateway2.flatMap { localNetworkGateways[$0] } == nil }
            .sorted { $0.id < $1.id }
    }

    /// A copy in which every such connection advertises `prefixes` (a stand-in local network gateway named
    /// `<connection>/nettwinAssumedPrefixes/bgp`); the connections changed are returned too.
    public func assumingExpressRoutePrefixes(_ prefixes: [IPPrefix]) -> (topology: Topology, connections: [ResourceID]) {
        var copy = self
        var changed: [ResourceID] = []
        for connection in expressRouteConnectionsWithoutPrefixes {
            let id = connection.id.child("nettwinAssumedPrefixes", "bgp")
            copy.localNetworkGateways[id] = LocalNetworkGateway(
                header: ResourceHeader(id: id, name: "\(connection.header.name) (BGP-learned prefixes, assumed)", type: "NetTwin/assumedExpressRoutePrefixes", location: connection.header.location),
                addressSpace: prefixes)
            copy.connections[connection.id]!.localNetworkGateway2 = id
            changed.append(connection.id)
        }
        return (copy, changed)
    }
}
