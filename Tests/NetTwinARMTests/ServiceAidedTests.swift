import NetTwinCore
import Testing
@testable import NetTwinARM

/// SQL Managed Instance service-aided subnet configuration (issue 12 B): the rules and routes Azure's network intent
/// policy adds (connectivity-architecture-overview.md; subnet-service-aided-configuration-enable.md, 07/10/2024:
/// mandatory rules healthprobe-in, internal-in, internal-out and the route subnet-to-vnetlocal; "Mandatory rules and
/// routes always begin with Microsoft.Sql-managedInstances_UseOnly_mi-").
@Suite struct ServiceAidedTests {
    static func topology(nsgRules: String = "") -> Topology {
        let sub = "/subscriptions/s/resourceGroups/rg/providers"
        let (_, topology) = load("""
            [{"id": "\(sub)/Microsoft.Network/virtualNetworks/v", "type": "Microsoft.Network/virtualNetworks", "location": "westeurope",
              "properties": {"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]}, "subnets": [{"name": "mi", "properties": {"addressPrefix": "10.0.0.0/24",
                "networkSecurityGroup": {"id": "\(sub)/Microsoft.Network/networkSecurityGroups/nsg"}, "routeTable": {"id": "\(sub)/Microsoft.Network/routeTables/rt"},
                "delegations": [{"name": "d", "properties": {"serviceName": "Microsoft.Sql/managedInstances"}}]}}]}},
             {"id": "\(sub)/Microsoft.Network/networkSecurityGroups/nsg", "type": "Microsoft.Network/networkSecurityGroups", "location": "westeurope", "properties": {"securityRules": [\(nsgRules)]}},
             {"id": "\(sub)/Microsoft.Network/routeTables/rt", "type": "Microsoft.Network/routeTables", "location": "westeurope", "properties": {"routes": []}},
             {"id": "\(sub)/Microsoft.Sql/managedInstances/mi1", "type": "Microsoft.Sql/managedInstances", "location": "westeurope",
              "properties": {"subnetId": "\(sub)/Microsoft.Network/virtualNetworks/v/subnets/mi"}}]
            """)
        return topology
    }

    @Test func versionsAreLoaded() throws {
        let current = try #require(ServiceAidedLoader.current)
        #expect(current.msDate == "07/10/2024")
        #expect(ServiceAidedLoader.versions.count >= 5)
        // The names the CLI offers without reading the file are the file's.
        #expect(ServiceAidedLoader.versions.map(\.version) == ServiceAidedLoader.versionNames)
        let mandatory = current.rules.filter(\.mandatory).map(\.name)
        #expect(mandatory.sorted() == ["Microsoft.Sql-managedInstances_UseOnly_mi-healthprobe-in", "Microsoft.Sql-managedInstances_UseOnly_mi-internal-in", "Microsoft.Sql-managedInstances_UseOnly_mi-internal-out"])
    }

    /// A template's instance subnet gets the mandatory rules and route, marked service-aided; an exported one that already
    /// has them is left alone.
    @Test func addedWhereMissing() throws {
        var topology = Self.topology()
        let notes = topology.applyServiceAided(try #require(ServiceAidedLoader.current))
        #expect(notes.count == 1 && notes[0].contains("v/mi"))
        let nsg = try #require(topology.networkSecurityGroups.values.first)
        let aided = nsg.securityRules.filter(\.serviceAided)
        #expect(aided.count == 3)
        #expect(aided.contains { $0.name.hasPrefix("Microsoft.Sql-managedInstances_UseOnly_mi-healthprobe-in") && $0.source == [.serviceTag("AzureLoadBalancer")] && $0.destination == [.prefix(try! IPPrefix(parsing: "10.0.0.0/24"))] })
        let route = try #require(topology.routeTables.values.first?.routes.first)
        #expect(route.serviceAided && route.nextHopType == .vnetLocal && route.destination == .prefix(try! IPPrefix(parsing: "10.0.0.0/24")))
        let exported = #"{"name": "Microsoft.Sql-managedInstances_UseOnly_mi-healthprobe-in-10-0-0-0-24-v12", "properties": {"priority": 100, "direction": "Inbound", "access": "Allow", "protocol": "*", "sourceAddressPrefix": "AzureLoadBalancer", "sourcePortRange": "*", "destinationAddressPrefix": "10.0.0.0/24", "destinationPortRange": "*"}}"#
        var already = Self.topology(nsgRules: exported)
        _ = already.applyServiceAided(try #require(ServiceAidedLoader.current))
        #expect(already.networkSecurityGroups.values.first?.securityRules.filter(\.serviceAided).isEmpty == true)
    }

    /// Older versions name regional storage tags; the region comes from the VNet, the paired region is not known offline
    /// and the rule is left out with a note.
    @Test func olderVersionWithRegions() throws {
        let version = try #require(ServiceAidedLoader.versions.first { $0.version == "november-2022-feature-wave-2023-08-02" })
        var topology = Self.topology()
        let notes = topology.applyServiceAided(version)
        let rules = topology.networkSecurityGroups.values.first?.securityRules.filter(\.serviceAided) ?? []
        #expect(rules.contains { $0.destination == [.serviceTag("Storage.westeurope")] })
        #expect(notes.contains { $0.contains("StorageS-out") })
        // Priorities stay unique per direction.
        let inbound = rules.filter { $0.direction == .inbound }.map(\.priority)
        let outbound = rules.filter { $0.direction == .outbound }.map(\.priority)
        #expect(Set(inbound).count == inbound.count && Set(outbound).count == outbound.count)
    }
}
