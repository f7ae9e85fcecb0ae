import NetTwinCore
import Testing

/// SQL connection types and the ports they need (issue 12 B): azure-sql/database/connectivity-architecture.md (the
/// Default policy is "Redirect for all client connections originating inside of Azure ... and Proxy for all client
/// connections originating outside"), azure-sql/managed-instance/connection-types-overview.md (Redirect needs 1433 and
/// 11000-11999 to the subnet; `proxyOverride=Default` means Redirect since October 2025), connectivity-architecture-
/// overview.md ("Public endpoint always uses the proxy connection type").
@Suite struct ConnectionTypeTests {
    static let sql = "/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/rg/providers/Microsoft.Sql"

    /// An app subnet and a managed instance subnet whose NSG allows 1433 from the app, and 11000-11999 only when `redirectOpen`.
    static func managedInstance(proxyOverride: String, redirectOpen: Bool) -> Topology {
        var rules = [Build.rule("tds", 100, "Inbound", "Allow", source: "\"sourceAddressPrefix\": \"10.0.1.0/24\"", ports: "\"destinationPortRange\": \"1433\"")]
        if redirectOpen { rules.append(Build.rule("redirect", 110, "Inbound", "Allow", source: "\"sourceAddressPrefix\": \"10.0.1.0/24\"", ports: "\"destinationPortRange\": \"11000-11999\"")) }
        rules.append(Build.rule("deny-vnet", 4000, "Inbound", "Deny", protocol: "*", source: "\"sourceAddressPrefix\": \"VirtualNetwork\""))
        return loadText("[" + [
            Build.vnet("v", "10.0.0.0/16", subnets: [("app", "10.0.1.0/24", ""),
                ("mi", "10.0.2.0/24", "\"networkSecurityGroup\": \(Build.ref("networkSecurityGroups/nsg-mi")), \"routeTable\": \(Build.ref("routeTables/rt-mi")), \"delegations\": [{\"name\": \"d\", \"properties\": {\"serviceName\": \"Microsoft.Sql/managedInstances\"}}]")]),
            Build.nsg("nsg-mi", rules: rules), Build.routeTable("rt-mi", routes: []),
            "{\"id\": \"\(sql)/managedInstances/mi1\", \"type\": \"Microsoft.Sql/managedInstances\", \"location\": \"westeurope\", \"properties\": {\"subnetId\": \"\(Build.sub)/virtualNetworks/v/subnets/mi\", \"dnsZone\": \"abc\", \"proxyOverride\": \"\(proxyOverride)\", \"publicDataEndpointEnabled\": true}}",
        ].joined(separator: ",\n") + "]")
    }

    func reach(_ topology: Topology, _ destination: ReachDestination, from source: ReachSource? = nil, port: UInt16 = 1433) -> ReachResult {
        let engine = ReachabilityEngine(topology: topology, serviceTags: bundledTags)
        engine.describesConnections = true
        let app = topology.subnets.values.first { $0.header.name == "app" }!.id
        return engine.reach(from: source ?? .subnet(app), to: destination, port: port)
    }

    @Test(arguments: ["Redirect", "Default"])
    func redirectPortsBlocked(proxyOverride: String) {
        let topology = Self.managedInstance(proxyOverride: proxyOverride, redirectOpen: false)
        let result = reach(topology, .managedInstanceVNetLocal(ResourceID("\(Self.sql)/managedInstances/mi1")))
        // The login on 1433 gets through, the session on 11000-11999 does not: Unreachable, and the blocker says why.
        #expect(result.blockers.map(\.code) == [.nsgDenyInbound])
        #expect(result.blockers.first?.message.contains("Redirect connection type needs 11000-11999") == true)
        #expect(result.connection?.hasPrefix("Redirect") == true, "\(result.connection ?? "")")
        #expect(proxyOverride != "Default" || result.connection?.contains("proxyOverride Default, which means Redirect") == true)
        let open = reach(Self.managedInstance(proxyOverride: proxyOverride, redirectOpen: true), .managedInstanceVNetLocal(ResourceID("\(Self.sql)/managedInstances/mi1")))
        #expect(open.connection?.contains("11000-11999 get through") == true)
    }

    @Test func proxyNeedsOnly1433() {
        let result = reach(Self.managedInstance(proxyOverride: "Proxy", redirectOpen: false), .managedInstanceVNetLocal(ResourceID("\(Self.sql)/managedInstances/mi1")))
        #expect(result.connection == "Proxy (proxyOverride Proxy): TCP 1433 only")
    }

    @Test func publicEndpointAlwaysProxies() {
        let result = reach(Self.managedInstance(proxyOverride: "Redirect", redirectOpen: true), .managedInstancePublic(ResourceID("\(Self.sql)/managedInstances/mi1")),
                           from: .internet(ip("198.51.100.7")), port: 3342)
        #expect(result.connection?.hasPrefix("Proxy (the public endpoint always proxies)") == true)
    }

    /// SQL Database: Default is Redirect inside Azure and Proxy outside; an explicit policy (connectionPolicies/default)
    /// applies to both.
    @Test func sqlDatabasePolicy() {
        func server(_ policy: String?) -> Topology {
            var documents = [Build.vnet("v", "10.0.0.0/16", subnets: [("app", "10.0.1.0/24", "")]),
                             "{\"id\": \"\(Self.sql)/servers/s1\", \"type\": \"Microsoft.Sql/servers\", \"location\": \"westeurope\", \"properties\": {}}"]
            if let policy {
                documents.append("{\"id\": \"\(Self.sql)/servers/s1/connectionPolicies/default\", \"type\": \"Microsoft.Sql/servers/connectionPolicies\", \"properties\": {\"connectionType\": \"\(policy)\"}}")
            }
            return loadText("[" + documents.joined(separator: ",") + "]")
        }
        let id = ResourceID("\(Self.sql)/servers/s1")
        #expect(reach(server(nil), .sqlServer(id)).connection?.hasPrefix("Redirect (connection policy Default, client inside Azure)") == true)
        #expect(reach(server(nil), .sqlServer(id), from: .internet(ip("198.51.100.7"))).connection?.hasPrefix("Proxy (connection policy Default, client outside Azure)") == true)
        #expect(reach(server("Proxy"), .sqlServer(id)).connection?.hasPrefix("Proxy (connection policy Proxy)") == true)
        #expect(server("Redirect").sqlServers[id]?.connectionType == "Redirect")
    }
}
