import Foundation
import NetTwinARM
import NetTwinChecks
import NetTwinCore

/// Builds a topology from resource JSON written in a test (the shape Azure exports), one file per string.
func topology(_ files: [String: String]) -> Topology {
    var loaded = LoadedInputs()
    for (path, text) in files.sorted(by: { $0.key < $1.key }) { InputLoader().loadBytes(Array(text.utf8), path: path, into: &loaded) }
    return TopologyBuilder().build(loaded.documents)
}

/// Resources given as JSON objects, in one inline file.
func topology(_ resources: String...) -> Topology { topology(["inline.json": "[" + resources.joined(separator: ",\n") + "]"]) }

let bundledTags: ServiceTagTable = (try? ServiceTagLoader.bundled()) ?? .empty

/// Runs one rule (or all) and returns the findings.
func findings(_ topology: Topology, rule id: String? = nil, configuration: CheckConfiguration = .default) -> [Finding] {
    let rules = id.map { [CheckCatalog.rule(id: $0)!] } ?? CheckCatalog.all
    return CheckRunner(rules: rules).run(CheckContext(topology: topology, serviceTags: bundledTags, configuration: configuration)).findings
}

let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let exampleFolder = packageRoot.appendingPathComponent("Examples/secure-sqlmi")

/// The example's files as text, keyed by their path relative to the package root.
func exampleFiles() throws -> [String: String] {
    var files: [String: String] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: exampleFolder.path) where name.hasSuffix(".json") {
        files["Examples/secure-sqlmi/\(name)"] = try String(contentsOf: exampleFolder.appendingPathComponent(name), encoding: .utf8)
    }
    return files
}

extension String {
    /// Replaces the first `old` after the first `anchor` (precondition: both are present).
    func replacing(_ old: String, with new: String, after anchor: String = "") -> String {
        let start = anchor.isEmpty ? startIndex : range(of: anchor)!.upperBound
        let found = range(of: old, range: start..<endIndex)!
        return replacingCharacters(in: found, with: new)
    }
}

/// Resource JSON builders (subscription `s`, resource group `rg`).
enum Res {
    static let base = "/subscriptions/s/resourceGroups/rg/providers"
    static func id(_ path: String) -> String { "\(base)/\(path)" }
    static func ref(_ path: String) -> String { "{\"id\": \"\(id(path))\"}" }

    /// A VNet with subnets `(name, prefix, extra properties JSON)`, and peerings to other VNets of the test.
    static func vnet(_ name: String, _ space: String, location: String = "westeurope", subnets: [(String, String, String)], peeredWith: [String] = []) -> String {
        let subnetText = subnets.map { subnet, prefix, extra in
            "{\"name\": \"\(subnet)\", \"id\": \"\(id("Microsoft.Network/virtualNetworks/\(name)/subnets/\(subnet)"))\", \"properties\": {\"addressPrefix\": \"\(prefix)\"\(extra.isEmpty ? "" : ", " + extra)}}"
        }.joined(separator: ", ")
        let peeringText = peeredWith.map { remote in
            "{\"name\": \"to-\(remote)\", \"id\": \"\(id("Microsoft.Network/virtualNetworks/\(name)/virtualNetworkPeerings/to-\(remote)"))\", \"properties\": {\"remoteVirtualNetwork\": \(ref("Microsoft.Network/virtualNetworks/\(remote)")), \"allowVirtualNetworkAccess\": true, \"peeringState\": \"Connected\"}}"
        }.joined(separator: ", ")
        return """
            {"id": "\(id("Microsoft.Network/virtualNetworks/\(name)"))", "name": "\(name)", "type": "Microsoft.Network/virtualNetworks", "location": "\(location)",
             "properties": {"addressSpace": {"addressPrefixes": ["\(space)"]}, "subnets": [\(subnetText)], "virtualNetworkPeerings": [\(peeringText)]}}
            """
    }

    static func nsgRef(_ name: String) -> String { "\"networkSecurityGroup\": \(ref("Microsoft.Network/networkSecurityGroups/\(name)"))" }
    static func routeTableRef(_ name: String) -> String { "\"routeTable\": \(ref("Microsoft.Network/routeTables/\(name)"))" }
    static let miDelegation = "\"delegations\": [{\"name\": \"mi\", \"properties\": {\"serviceName\": \"Microsoft.Sql/managedInstances\"}}]"

    static func nsg(_ name: String, _ rules: String...) -> String {
        "{\"id\": \"\(id("Microsoft.Network/networkSecurityGroups/\(name)"))\", \"type\": \"Microsoft.Network/networkSecurityGroups\", \"location\": \"westeurope\", \"properties\": {\"securityRules\": [\(rules.joined(separator: ", "))]}}"
    }

    /// A security rule; `source` and `ports` are written as Azure does (`"Internet"`, `"22"`, `"11000-11999"`).
    static func rule(_ name: String, _ priority: Int, _ direction: String, _ access: String, source: String = "*", destination: String = "*", ports: String = "*", protocol: String = "Tcp") -> String {
        "{\"name\": \"\(name)\", \"properties\": {\"priority\": \(priority), \"direction\": \"\(direction)\", \"access\": \"\(access)\", \"protocol\": \"\(`protocol`)\", \"sourceAddressPrefix\": \"\(source)\", \"sourcePortRange\": \"*\", \"destinationAddressPrefix\": \"\(destination)\", \"destinationPortRange\": \"\(ports)\"}}"
    }

    static func routeTable(_ name: String) -> String {
        "{\"id\": \"\(id("Microsoft.Network/routeTables/\(name)"))\", \"type\": \"Microsoft.Network/routeTables\", \"location\": \"westeurope\", \"properties\": {\"routes\": []}}"
    }

    static func nic(_ name: String, vnet: String, subnet: String, address: String, vm: String? = nil) -> String {
        let vmText = vm.map { ", \"virtualMachine\": \(ref("Microsoft.Compute/virtualMachines/\($0)"))" } ?? ""
        return """
            {"id": "\(id("Microsoft.Network/networkInterfaces/\(name)"))", "type": "Microsoft.Network/networkInterfaces", "location": "westeurope",
             "properties": {"ipConfigurations": [{"name": "ipconfig1", "properties": {"privateIPAddress": "\(address)", "primary": true, "subnet": \(ref("Microsoft.Network/virtualNetworks/\(vnet)/subnets/\(subnet)"))}}]\(vmText)}}
            """
    }

    static func managedInstance(_ name: String, vnet: String, subnet: String, publicEndpoint: Bool = false, proxyOverride: String = "Redirect", tls: String = "1.2") -> String {
        """
        {"id": "\(id("Microsoft.Sql/managedInstances/\(name)"))", "type": "Microsoft.Sql/managedInstances", "location": "westeurope",
         "properties": {"subnetId": "\(id("Microsoft.Network/virtualNetworks/\(vnet)/subnets/\(subnet)"))", "publicDataEndpointEnabled": \(publicEndpoint),
           "proxyOverride": "\(proxyOverride)", "minimalTlsVersion": "\(tls)", "dnsZone": "a1b2c3d4e5f6"}}
        """
    }

    static func sqlServer(_ name: String, location: String = "westeurope", properties: String = "\"minimalTlsVersion\": \"1.2\"") -> String {
        "{\"id\": \"\(id("Microsoft.Sql/servers/\(name)"))\", \"type\": \"Microsoft.Sql/servers\", \"location\": \"\(location)\", \"properties\": {\(properties)}}"
    }

    static func firewallRule(server: String, _ name: String, _ start: String, _ end: String) -> String {
        "{\"id\": \"\(id("Microsoft.Sql/servers/\(server)/firewallRules/\(name)"))\", \"type\": \"Microsoft.Sql/servers/firewallRules\", \"name\": \"\(name)\", \"properties\": {\"startIpAddress\": \"\(start)\", \"endIpAddress\": \"\(end)\"}}"
    }

    static func vnetRule(server: String, _ name: String, vnet: String, subnet: String) -> String {
        "{\"id\": \"\(id("Microsoft.Sql/servers/\(server)/virtualNetworkRules/\(name)"))\", \"type\": \"Microsoft.Sql/servers/virtualNetworkRules\", \"name\": \"\(name)\", \"properties\": {\"virtualNetworkSubnetId\": \"\(id("Microsoft.Network/virtualNetworks/\(vnet)/subnets/\(subnet)"))\"}}"
    }

    /// A private endpoint in `vnet/subnet` to the resource `target` (a path under providers) for `group`.
    static func privateEndpoint(_ name: String, vnet: String, subnet: String, target: String, group: String, status: String, address: String, zones: [String] = []) -> String {
        """
        {"id": "\(id("Microsoft.Network/privateEndpoints/\(name)"))", "type": "Microsoft.Network/privateEndpoints", "location": "westeurope",
         "properties": {"subnet": \(ref("Microsoft.Network/virtualNetworks/\(vnet)/subnets/\(subnet)")),
           "manualPrivateLinkServiceConnections": [{"name": "\(name)", "properties": {"privateLinkServiceId": "\(id(target))", "groupIds": ["\(group)"],
             "privateLinkServiceConnectionState": {"status": "\(status)"}}}],
           "customDnsConfigs": [{"fqdn": "x", "ipAddresses": ["\(address)"]}]}}
        """
    }

    static func zone(_ name: String) -> String {
        "{\"id\": \"\(id("Microsoft.Network/privateDnsZones/\(name)"))\", \"type\": \"Microsoft.Network/privateDnsZones\", \"location\": \"global\", \"properties\": {}}"
    }

    static func aRecord(_ zone: String, _ name: String, _ address: String) -> String {
        "{\"id\": \"\(id("Microsoft.Network/privateDnsZones/\(zone)/A/\(name)"))\", \"type\": \"Microsoft.Network/privateDnsZones/A\", \"name\": \"\(name)\", \"properties\": {\"ttl\": 10, \"aRecords\": [{\"ipv4Address\": \"\(address)\"}]}}"
    }

    static func link(_ zone: String, to vnet: String) -> String {
        "{\"id\": \"\(id("Microsoft.Network/privateDnsZones/\(zone)/virtualNetworkLinks/link-\(vnet)"))\", \"type\": \"Microsoft.Network/privateDnsZones/virtualNetworkLinks\", \"name\": \"link-\(vnet)\", \"location\": \"global\", \"properties\": {\"virtualNetwork\": \(ref("Microsoft.Network/virtualNetworks/\(vnet)")), \"registrationEnabled\": false}}"
    }
}
