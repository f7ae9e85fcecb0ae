import Foundation
import NetTwinCore
import Testing

/// `routes`, `next-hop`, `rules`, `flow` on the bundled example, and their errors.
@Suite struct NetworkWatcherCommandTests {
    let example = "Examples/secure-sqlmi"

    func json(_ result: CommandResult) throws -> JSONNode {
        try JSONParser.parse(Array(result.stdout.utf8)).root
    }

    /// The example's spoke subnet: VNet, peerings to the hub and to the MI VNet, the on-premises
    /// range through the hub gateway (useRemoteGateways), in Network Watcher's shape.
    @Test func routesJSON() throws {
        let result = try run(["routes", "--subnet", "vnet-app-weu/snet-vm", "--format", "json", example])
        #expect(result.status == 0, "\(result.stderr)")
        let routes = try #require(try json(result)["value"]?.arrayValue)
        func row(_ node: JSONNode) -> String {
            "\(node["source"]?.stringValue ?? "") \(node["state"]?.stringValue ?? "") \(node["addressPrefix"]?[0]?.stringValue ?? "") \(node["nextHopType"]?.stringValue ?? "")"
        }
        let rows = Set(routes.map(row))
        #expect(rows.isSuperset(of: [
            "Default Active 10.2.0.0/16 VnetLocal", "Default Active 0.0.0.0/0 Internet", "Default Active 10.0.0.0/16 VNetPeering",
            "Default Active 10.1.0.0/16 VNetPeering", "VirtualNetworkGateway Active 192.168.0.0/16 VirtualNetworkGateway",
        ]))
        #expect(routes.allSatisfy { $0["nextHopIpAddress"]?.arrayValue != nil && $0["disableBgpRoutePropagation"]?.boolValue != nil })
    }

    /// An address with no NIC in the configuration (a managed instance node in vnet-sqlmi-weu/snet-sqlmi, 10.1.0.0/24) is
    /// answered for the subnet that holds it: the subnet's NSG for flow and rules, its route table for routes and next
    /// hop (a managed instance has no NIC resource of its own; connectivity-architecture-overview.md). The note says so.
    @Test func addressWithoutANIC() throws {
        let flow = try run(["flow", "--direction", "Inbound", "--protocol", "TCP", "--local", "10.1.0.10:1433", "--remote", "10.2.1.4:50000", "--format", "json", example])
        #expect(flow.status == 0, "\(flow.stderr)")
        #expect(try json(flow)["access"]?.stringValue == "Allow")
        let hop = try run(["next-hop", "--source-ip", "10.1.0.10", "--destination-ip", "192.168.1.5", "--format", "json", example])
        #expect(hop.status == 0, "\(hop.stderr)")
        #expect(try json(hop)["nextHopType"]?.stringValue == "VirtualNetworkGateway")
        #expect(hop.stderr.contains("vnet-sqlmi-weu/snet-sqlmi"))
        let routes = try run(["routes", "--ip", "10.1.0.10", "--format", "json", example])
        let bySubnet = try run(["routes", "--subnet", "vnet-sqlmi-weu/snet-sqlmi", "--format", "json", example])
        #expect(routes.status == 0 && routes.stdout == bySubnet.stdout)
        let rules = try run(["rules", "--ip", "10.1.0.10", "--format", "json", example])
        let rulesBySubnet = try run(["rules", "--subnet", "vnet-sqlmi-weu/snet-sqlmi", "--format", "json", example])
        #expect(rules.status == 0 && rules.stdout == rulesBySubnet.stdout)
        // An address outside every subnet is an input error.
        #expect(try run(["routes", "--ip", "172.31.9.9", example]).status == 2)
    }

    /// `routes --gateway NAME --advertised|--learned` on the example's hub gateway (static routing: BGP off).
    @Test func gatewayRoutes() throws {
        let advertised = try run(["routes", "--gateway", "vgw-hub-weu", "--advertised", "--format", "json", example])
        #expect(advertised.status == 0, "\(advertised.stderr)")
        let networks = try json(advertised)["value"]?.arrayValue?.compactMap { $0["network"]?.stringValue } ?? []
        #expect(networks == ["10.0.0.0/16", "10.1.0.0/16", "10.2.0.0/16", "192.168.0.0/16"])
        let learned = try run(["routes", "--gateway", "vgw-hub-weu", "--learned", example])
        #expect(learned.status == 0 && learned.stdout.contains("192.168.0.0/16"))
        #expect(try run(["routes", "--gateway", "vgw-hub-weu", example]).status == 64)
        #expect(try run(["routes", "--gateway", "nope", "--learned", example]).status == 2)
    }

    @Test func nextHopByNIC() throws {
        let result = try run(["next-hop", "--source-ip", "10.2.1.4", "--destination-ip", "10.1.0.10", "--format", "json", example])
        #expect(result.status == 0, "\(result.stderr)")
        let root = try json(result)
        #expect(root["nextHopType"]?.stringValue == "VNetPeering")
        #expect(root["routeTableId"]?.stringValue == "System Route")
    }

    /// The MI NSG: the public endpoint 3342 only from the known ranges.
    @Test func flowOnTheExample() throws {
        let allowed = try run(["flow", "--direction", "Inbound", "--protocol", "TCP", "--local", "10.2.1.4:3389", "--remote", "10.1.0.9:50000", "--format", "json", example])
        #expect(allowed.status == 0)
        #expect(try json(allowed)["access"]?.stringValue == "Allow")
        let explained = try run(["flow", "--direction", "outbound", "--protocol", "tcp", "--local", "10.2.1.4:50000", "--remote", "8.8.8.8:443", "--explain", example])
        #expect(explained.status == 0)
        #expect(explained.stdout.contains("Allow"))
    }

    @Test func rulesOfASubnet() throws {
        let result = try run(["rules", "--subnet", "vnet-sqlmi-weu/snet-sqlmi", "--format", "json", example])
        #expect(result.status == 0, "\(result.stderr)")
        let groups = try #require(try json(result)["value"]?.arrayValue)
        #expect(groups.count == 1)
        let rules = try #require(groups[0]["effectiveSecurityRules"]?.arrayValue)
        let names = Set(rules.compactMap { $0["name"]?.stringValue })
        #expect(names.contains("securityRules/allow_public_endpoint_inbound"))
        #expect(names.contains("defaultSecurityRules/DenyAllInBound"))
        let publicEndpoint = try #require(rules.first { $0["name"]?.stringValue == "securityRules/allow_public_endpoint_inbound" })
        #expect(publicEndpoint["expandedSourceAddressPrefix"]?.arrayValue?.compactMap(\.stringValue) == ["198.51.100.0/28", "203.0.113.64/27"])
        #expect(publicEndpoint["destinationPortRange"]?.stringValue == "3342")
        #expect(publicEndpoint["protocol"]?.stringValue == "Tcp")
    }

    @Test func ambiguousAndUnknownNamesExitWithTwo() throws {
        // A subnet is named VNET/SUBNET; a bare subnet name is not enough.
        let unknown = try run(["routes", "--nic", "no-such-nic", example])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no network interface named 'no-such-nic'"))
        let badSubnet = try run(["routes", "--subnet", "snet-pe", example])
        #expect(badSubnet.status == 2)
        let noNIC = try run(["next-hop", "--source-ip", "10.9.9.9", "--destination-ip", "10.1.0.4", example])
        #expect(noNIC.status == 2)
        #expect(noNIC.stderr.contains("no network interface has the private IP 10.9.9.9 and no subnet of the input holds it"))
        let badEndpoint = try run(["flow", "--direction", "Inbound", "--protocol", "TCP", "--local", "10.2.1.4", "--remote", "1.2.3.4:5", example])
        #expect(badEndpoint.status != 0)
        #expect(badEndpoint.stderr.contains("expected IP:PORT"))
    }
}
