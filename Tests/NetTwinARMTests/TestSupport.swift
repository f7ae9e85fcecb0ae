import Foundation
import NetTwinARM
import NetTwinCore

/// Loads JSON text as if it were a file, and builds the topology.
func load(_ files: [(String, String)]) -> (LoadedInputs, Topology) {
    var loaded = LoadedInputs()
    let loader = InputLoader()
    for (path, text) in files { loader.loadBytes(Array(text.utf8), path: path, into: &loaded) }
    return (loaded, TopologyBuilder().build(loaded.documents))
}

func load(_ text: String, path: String = "input.json") -> (LoadedInputs, Topology) { load([(path, text)]) }

let sub = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg"
func netID(_ rest: String) -> String { "\(sub)/providers/Microsoft.Network/\(rest)" }

/// A VNet document with inline subnets, in the shape `az network vnet show` returns.
func vnetJSON(name: String = "vnet1", space: [String] = ["10.0.0.0/16"], subnets: [(String, String)] = [("default", "10.0.0.0/24")], extraSubnetProperties: String = "", peerings: String = "") -> String {
    let subnetText = subnets.map { name1, prefix in
        """
        {"name": "\(name1)", "id": "\(netID("virtualNetworks/\(name)/subnets/\(name1)"))",
         "properties": {"addressPrefix": "\(prefix)"\(extraSubnetProperties)}}
        """
    }.joined(separator: ",")
    return """
        {"id": "\(netID("virtualNetworks/\(name)"))", "name": "\(name)", "type": "Microsoft.Network/virtualNetworks",
         "location": "westeurope",
         "properties": {"addressSpace": {"addressPrefixes": [\(space.map { "\"\($0)\"" }.joined(separator: ","))]},
                        "subnets": [\(subnetText)], "virtualNetworkPeerings": [\(peerings)]}}
        """
}

/// The package root, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
/// `../shared` beside the repository, when present.
let sharedFolder = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
