import NetTwinCore
import Testing

/// What a gateway advertises and learns (issue 12 B): vpn-gateway-vpn-faq.md ("The gateways advertise the following
/// routes to your on-premises BGP devices: Your VNet address prefixes / Address prefixes for each local network gateway
/// connected to the VPN gateway / Routes learned from other BGP peering sessions ..."), vpn-gateway-bgp-overview.md
/// ("the prefixes can't be identical with any one of your VNet prefixes. Those routes identical to your VNet prefixes
/// will be rejected"; a larger prefix such as 10.0.0.0/8 may be advertised).
@Suite struct GatewayBGPTests {
    static func topology(bgp: Bool) -> Topology {
        let gateway = """
            {"id": "\(Build.sub)/virtualNetworkGateways/gw", "type": "Microsoft.Network/virtualNetworkGateways", "location": "westeurope",
             "properties": {"gatewayType": "Vpn", "vpnType": "RouteBased", "enableBgp": \(bgp), "bgpSettings": {"asn": 65515},
               "ipConfigurations": [{"name": "c", "properties": {"subnet": \(Build.ref("virtualNetworks/hub/subnets/GatewaySubnet"))}}]}}
            """
        let lng = """
            {"id": "\(Build.sub)/localNetworkGateways/onprem", "type": "Microsoft.Network/localNetworkGateways", "location": "westeurope",
             "properties": {"gatewayIpAddress": "203.0.113.10", "localNetworkAddressSpace": {"addressPrefixes": ["192.168.0.0/16", "10.0.0.0/16", "10.0.0.0/8"]},
               "bgpSettings": {"asn": 65010, "bgpPeeringAddress": "192.168.255.1"}}}
            """
        let connection = """
            {"id": "\(Build.sub)/connections/cn", "type": "Microsoft.Network/connections", "location": "westeurope",
             "properties": {"connectionType": "IPsec", "connectionStatus": "Connected", "enableBgp": \(bgp), "virtualNetworkGateway1": \(Build.ref("virtualNetworkGateways/gw")), "localNetworkGateway2": \(Build.ref("localNetworkGateways/onprem"))}}
            """
        return loadText("[" + [
            Build.vnet("hub", "10.0.0.0/16", subnets: [("GatewaySubnet", "10.0.0.0/27", "")], peerings: [("spoke", "\"peeringState\": \"Connected\", \"allowGatewayTransit\": true")]),
            Build.vnet("spoke", "10.1.0.0/16", subnets: [("app", "10.1.0.0/24", "")], peerings: [("hub", "\"peeringState\": \"Connected\", \"useRemoteGateways\": true")]),
            gateway, lng, connection,
        ].joined(separator: ",\n") + "]")
    }

    func view(bgp: Bool) throws -> GatewayBGPView {
        let topology = Self.topology(bgp: bgp)
        let id = try #require(topology.virtualNetworkGateways.keys.first)
        return try #require(RouteEngine(topology: topology, serviceTags: bundledTags).bgpView(of: id))
    }

    @Test func advertisedPrefixes() throws {
        let advertised = try view(bgp: true).advertised.compactMap { $0.prefix?.description }
        #expect(advertised.prefix(2) == ["10.0.0.0/16", "10.1.0.0/16"])   // the hub, then the spoke through gateway transit
        #expect(advertised.contains("192.168.0.0/16"))
    }

    /// The learned prefix identical to the hub's 10.0.0.0/16 is rejected; the superset 10.0.0.0/8 and 192.168.0.0/16 are installed.
    @Test func learnedPrefixesAndRejection() throws {
        let learned = try view(bgp: true).learned
        let state = Dictionary(learned.compactMap { entry in entry.prefix.map { ($0.description, entry.rejected == nil) } }, uniquingKeysWith: { a, _ in a })
        #expect(state == ["192.168.0.0/16": true, "10.0.0.0/16": false, "10.0.0.0/8": true])
        #expect(learned.contains { $0.prefix == nil && $0.origin.contains("AS 65010 at 192.168.255.1") })
    }

    @Test func withoutBGPNothingIsAdvertised() throws {
        let view = try view(bgp: false)
        #expect(!view.bgpEnabled)
        #expect(view.notes.contains { $0.contains("nothing is advertised") })
        #expect(!view.learned.contains { $0.prefix == nil })
    }
}
