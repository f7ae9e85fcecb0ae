/// What a virtual network gateway advertises to on-premises and learns from it (vpn-gateway-bgp-overview.md,
/// vpn-gateway-vpn-faq.md "BGP", advertised-gateway-prefixes-overview.md):
/// - advertised: "Your VNet address prefixes", the address spaces of peered VNets that use the gateway (gateway
///   transit), "Address prefixes for each local network gateway connected to the VPN gateway", and "Routes learned from
///   other BGP peering sessions ..., except for the default route or routes that overlap with any virtual network prefix";
/// - learned: each connection's local network gateway address space (static routes) and, over BGP, what the peer
///   advertises (not in any configuration); a learned prefix identical to a VNet prefix (or, with gateway transit, a
///   peered VNet's) is rejected: "Those routes identical to your VNet prefixes will be rejected"; a larger prefix is
///   accepted.
public struct GatewayBGPView: Sendable {
    public struct Entry: Hashable, Sendable {
        public var prefix: IPPrefix?
        /// Where it comes from: `address space of 'vnet-hub'`, `local network gateway 'lng-onprem' (static)`.
        public var origin: String
        /// The connection the entry is for (learned), or nil.
        public var connection: ResourceID?
        /// Why a learned prefix is not installed, when it is not.
        public var rejected: String?
    }
    public var gateway: ResourceID
    /// BGP is enabled on the gateway; without it nothing is advertised (the on-premises side routes statically).
    public var bgpEnabled = false
    public var advertised: [Entry]
    public var learned: [Entry]
    public var notes: [String]
}

extension RouteEngine {
    public func bgpView(of gatewayID: ResourceID) -> GatewayBGPView? {
        guard let gateway = topology.virtualNetworkGateways[gatewayID] else { return nil }
        var advertised: [GatewayBGPView.Entry] = []
        var learned: [GatewayBGPView.Entry] = []
        var notes: [String] = []
        guard let vnetID = gateway.virtualNetwork, let vnet = topology.virtualNetworks[vnetID] else {
            return GatewayBGPView(gateway: gatewayID, advertised: [], learned: [], notes: ["the gateway's virtual network is not in the input"])
        }
        var protected: [IPPrefix] = vnet.addressSpace
        for prefix in vnet.addressSpace { advertised.append(.init(prefix: prefix, origin: "address space of '\(vnet.header.name)'")) }
        // Peered VNets that use this gateway through gateway transit.
        for peeringID in vnet.peerings {
            guard let peering = topology.peerings[peeringID], peering.allowGatewayTransit, peering.peeringState == .connected,
                  let remote = peering.remoteVirtualNetwork else { continue }
            let back = index.peeringBetween[remote]?[vnet.id].flatMap { topology.peerings[$0] }
            guard back?.useRemoteGateways == true, back?.peeringState == .connected else { continue }
            let space = topology.virtualNetworks[remote]?.addressSpace ?? peering.remoteAddressSpace
            protected += space
            for prefix in space { advertised.append(.init(prefix: prefix, origin: "peered '\(remote.name)' (gateway transit)")) }
        }
        let connections = topology.connections.values.sorted { $0.id < $1.id }.filter { $0.virtualNetworkGateway1 == gatewayID || $0.virtualNetworkGateway2 == gatewayID }
        for connection in connections {
            if let status = connection.connectionStatus, status.lowercased() != "connected" {
                notes.append("connection '\(connection.header.name)' is '\(status)': nothing is learned over it")
                continue
            }
            guard let lng = connection.localNetworkGateway2.flatMap({ topology.localNetworkGateways[$0] }) else {
                if connection.connectionType == .expressRoute {
                    learned.append(.init(prefix: nil, origin: "ExpressRoute connection '\(connection.header.name)': prefixes learned by BGP (not in the configuration)", connection: connection.id))
                }
                continue
            }
            for prefix in lng.addressSpace {
                advertised.append(.init(prefix: prefix, origin: "local network gateway '\(lng.header.name)' (connected)"))
                var entry = GatewayBGPView.Entry(prefix: prefix, origin: "local network gateway '\(lng.header.name)' (static)", connection: connection.id)
                if let vnetPrefix = protected.first(where: { $0 == prefix || $0.contains(prefix) }) {
                    entry.rejected = "identical to or inside virtual network prefix \(vnetPrefix): virtual network routes are preferred"
                }
                learned.append(entry)
            }
            if connection.enableBgp || gateway.enableBgp {
                let asn = lng.bgpSettings?.asn.map { "AS \($0)" } ?? "the peer"
                let address = lng.bgpSettings?.bgpPeeringAddress.map { " at \($0)" } ?? ""
                learned.append(.init(prefix: nil, origin: "prefixes \(asn)\(address) advertises over BGP on '\(connection.header.name)' (not in the configuration; any identical to a VNet prefix is rejected)", connection: connection.id))
                advertised.append(.init(prefix: nil, origin: "routes learned from other BGP peers, except the default route and prefixes overlapping a VNet prefix"))
            }
        }
        // One note per kind of entry without a prefix is enough.
        var seen = Set<String>()
        advertised = advertised.filter { $0.prefix != nil || seen.insert($0.origin).inserted }
        if !gateway.enableBgp { notes.append("BGP is not enabled on '\(gateway.header.name)': nothing is advertised; the on-premises device needs static routes to these prefixes, and the gateway uses the local network gateways' address spaces") }
        var view = GatewayBGPView(gateway: gatewayID, advertised: advertised, learned: learned, notes: notes)
        view.bgpEnabled = gateway.enableBgp
        return view
    }
}
