import Foundation
import NetTwinARM
import NetTwinCore

/// The bundled example `Examples/secure-sqlmi`, loaded from the package root.
func loadSecureSqlmiExample() -> Topology {
    let root = fixtures.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let loaded = InputLoader().load(paths: [root.appendingPathComponent("Examples/secure-sqlmi").path])
    return TopologyBuilder().build(loaded.documents)
}

/// Small builders of resource JSON for the DNS tests (resource group `rg` of subscription `s`).
enum DNSFixture {
    static let base = "/subscriptions/s/resourceGroups/rg/providers"

    static func vnet(_ name: String, _ prefix: String, subnet: String, dnsServers: [String] = []) -> String {
        let dns = dnsServers.isEmpty ? "" : #", "dhcpOptions": {"dnsServers": [\#(dnsServers.map { "\"\($0)\"" }.joined(separator: ", "))]}"#
        return #"""
            {"id": "\#(base)/Microsoft.Network/virtualNetworks/\#(name)", "type": "Microsoft.Network/virtualNetworks", "location": "westeurope",
             "properties": {"addressSpace": {"addressPrefixes": ["\#(prefix)"]}\#(dns),
               "subnets": [{"name": "default", "id": "\#(base)/Microsoft.Network/virtualNetworks/\#(name)/subnets/default", "properties": {"addressPrefix": "\#(subnet)"}}]}}
            """#
    }

    static func vnetID(_ name: String) -> ResourceID { ResourceID("\(base)/Microsoft.Network/virtualNetworks/\(name)") }

    static func zone(_ name: String, rg: String = "rg") -> String {
        #"{"id": "/subscriptions/s/resourceGroups/\#(rg)/providers/Microsoft.Network/privateDnsZones/\#(name)", "type": "Microsoft.Network/privateDnsZones", "location": "global", "properties": {}}"#
    }

    static func aRecord(_ zone: String, _ name: String, _ address: String, rg: String = "rg") -> String {
        #"{"id": "/subscriptions/s/resourceGroups/\#(rg)/providers/Microsoft.Network/privateDnsZones/\#(zone)/A/\#(name)", "type": "Microsoft.Network/privateDnsZones/A", "name": "\#(name)", "properties": {"ttl": 10, "aRecords": [{"ipv4Address": "\#(address)"}]}}"#
    }

    static func cnameRecord(_ zone: String, _ name: String, _ target: String, rg: String = "rg") -> String {
        #"{"id": "/subscriptions/s/resourceGroups/\#(rg)/providers/Microsoft.Network/privateDnsZones/\#(zone)/CNAME/\#(name)", "type": "Microsoft.Network/privateDnsZones/CNAME", "name": "\#(name)", "properties": {"ttl": 10, "cnameRecord": {"cname": "\#(target)"}}}"#
    }

    static func link(_ zone: String, to vnet: String, rg: String = "rg", policy: String? = nil) -> String {
        let resolution = policy.map { #", "resolutionPolicy": "\#($0)""# } ?? ""
        return #"{"id": "/subscriptions/s/resourceGroups/\#(rg)/providers/Microsoft.Network/privateDnsZones/\#(zone)/virtualNetworkLinks/link-\#(vnet)", "type": "Microsoft.Network/privateDnsZones/virtualNetworkLinks", "name": "link-\#(vnet)", "location": "global", "properties": {"virtualNetwork": {"id": "\#(base)/Microsoft.Network/virtualNetworks/\#(vnet)"}, "registrationEnabled": false\#(resolution)}}"#
    }

    /// A private endpoint in `vnet/default` to `target` for `group`, with the status on the endpoint side.
    static func privateEndpoint(_ name: String, vnet: String, target: String, group: String, status: String, address: String) -> String {
        #"""
        {"id": "\#(base)/Microsoft.Network/privateEndpoints/\#(name)", "type": "Microsoft.Network/privateEndpoints", "location": "westeurope",
         "properties": {"subnet": {"id": "\#(base)/Microsoft.Network/virtualNetworks/\#(vnet)/subnets/default"},
           "privateLinkServiceConnections": [{"name": "\#(name)", "properties": {"privateLinkServiceId": "\#(target)", "groupIds": ["\#(group)"],
             "privateLinkServiceConnectionState": {"status": "\#(status)"}}}],
           "customDnsConfigs": [{"fqdn": "x", "ipAddresses": ["\#(address)"]}]}}
        """#
    }

    static func storageID(_ name: String) -> String { "\(base)/Microsoft.Storage/storageAccounts/\(name)" }

    static func storage(_ name: String) -> String {
        #"{"id": "\#(storageID(name))", "type": "Microsoft.Storage/storageAccounts", "location": "westeurope", "kind": "StorageV2", "properties": {}}"#
    }

    static func topology(_ documents: [String]) -> Topology {
        loadText("[" + documents.joined(separator: ",\n") + "]")
    }
}
