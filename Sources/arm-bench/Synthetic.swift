import Foundation
import NetTwinARM
import NetTwinCore

/// A synthetic template at Azure's limits, built in memory: a nested deployment (inner scope) with
/// 800 virtual networks, each with 4 subnets from a property copy; a nested deployment (outer scope)
/// with 800 NSGs, each with 6 rules from a property copy; and a copied deployment (10 × inner scope)
/// of route tables with routes. Each template stays within "800 resources (including copy count)".
/// Expressions use copyIndex, cidrSubnet, format, padLeft, uniqueString, guid, resourceId, if, mod, …
enum SyntheticTemplate {
    static func text(vnets: Int = 800, nsgs: Int = 800, spokes: Int = 10, tablesPerSpoke: Int = 10) -> String {
        """
        {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "parameters": {
            "prefix": {"type": "string", "defaultValue": "bench"},
            "location": {"type": "string", "defaultValue": "[resourceGroup().location]"},
            "vnetCount": {"type": "int", "defaultValue": \(vnets), "maxValue": 800},
            "nsgCount": {"type": "int", "defaultValue": \(nsgs), "maxValue": 800},
            "spokeCount": {"type": "int", "defaultValue": \(spokes)}
          },
          "variables": {
            "supernet": "10.0.0.0/8",
            "nsgPrefix": "[format('{0}-nsg-', parameters('prefix'))]",
            "tags": {"env": "bench", "owner": "[uniqueString(resourceGroup().id)]"},
            "copy": [{"name": "ports", "count": 6, "input": "[add(1000, mul(copyIndex('ports'), 11))]"}]
          },
          "resources": [
            {
              "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "vnets",
              "properties": {
                "mode": "Incremental",
                "expressionEvaluationOptions": {"scope": "inner"},
                "parameters": {
                  "prefix": {"value": "[parameters('prefix')]"}, "count": {"value": "[parameters('vnetCount')]"},
                  "location": {"value": "[parameters('location')]"}, "supernet": {"value": "[variables('supernet')]"},
                  "nsgPrefix": {"value": "[variables('nsgPrefix')]"}
                },
                "template": {
                  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                  "contentVersion": "1.0.0.0",
                  "parameters": {
                    "prefix": {"type": "string"}, "count": {"type": "int"}, "location": {"type": "string"},
                    "supernet": {"type": "string"}, "nsgPrefix": {"type": "string"}
                  },
                  "resources": [{
                    "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-04-01",
                    "name": "[format('{0}-vnet-{1}', parameters('prefix'), padLeft(copyIndex(), 3, '0'))]",
                    "location": "[parameters('location')]",
                    "copy": {"name": "vnetLoop", "count": "[parameters('count')]"},
                    "tags": {"id": "[guid(resourceGroup().id, string(copyIndex()))]", "hash": "[uniqueString(parameters('prefix'), string(copyIndex()))]"},
                    "properties": {
                      "addressSpace": {"addressPrefixes": ["[cidrSubnet(parameters('supernet'), 20, copyIndex())]"]},
                      "copy": [{
                        "name": "subnets", "count": 4,
                        "input": {
                          "name": "[concat('snet-', copyIndex('subnets'))]",
                          "properties": {
                            "addressPrefix": "[cidrSubnet(cidrSubnet(parameters('supernet'), 20, copyIndex()), 24, copyIndex('subnets'))]",
                            "networkSecurityGroup": "[if(equals(copyIndex('subnets'), 0), createObject('id', resourceId('Microsoft.Network/networkSecurityGroups', concat(parameters('nsgPrefix'), copyIndex()))), null())]",
                            "privateEndpointNetworkPolicies": "[if(equals(mod(copyIndex('subnets'), 2), 0), 'Disabled', 'Enabled')]"
                          }
                        }
                      }]
                    }
                  }],
                  "outputs": {
                    "ids": {"type": "array", "copy": {"count": "[parameters('count')]",
                      "input": "[resourceId('Microsoft.Network/virtualNetworks', format('{0}-vnet-{1}', parameters('prefix'), padLeft(copyIndex(), 3, '0')))]"}}
                  }
                }
              }
            },
            {
              "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "nsgs",
              "properties": {
                "mode": "Incremental",
                "expressionEvaluationOptions": {"scope": "outer"},
                "template": {
                  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                  "contentVersion": "1.0.0.0",
                  "resources": [{
                    "type": "Microsoft.Network/networkSecurityGroups", "apiVersion": "2023-04-01",
                    "name": "[concat(variables('nsgPrefix'), copyIndex())]",
                    "location": "[parameters('location')]",
                    "tags": "[union(variables('tags'), createObject('index', string(copyIndex())))]",
                    "copy": {"name": "nsgLoop", "count": "[parameters('nsgCount')]"},
                    "properties": {
                      "copy": [{
                        "name": "securityRules", "count": "[length(variables('ports'))]",
                        "input": {
                          "name": "[format('rule-{0}-{1}', copyIndex(), copyIndex('securityRules'))]",
                          "properties": {
                            "priority": "[add(100, mul(copyIndex('securityRules'), 10))]",
                            "direction": "[if(less(copyIndex('securityRules'), 3), 'Inbound', 'Outbound')]",
                            "access": "[if(equals(mod(add(copyIndex(), copyIndex('securityRules')), 2), 0), 'Allow', 'Deny')]",
                            "protocol": "Tcp",
                            "sourceAddressPrefix": "[cidrSubnet(variables('supernet'), 20, copyIndex())]",
                            "sourcePortRange": "*",
                            "destinationAddressPrefix": "VirtualNetwork",
                            "destinationPortRange": "[string(variables('ports')[copyIndex('securityRules')])]"
                          }
                        }
                      }]
                    }
                  }]
                }
              }
            },
            {
              "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01",
              "name": "[concat('spoke', copyIndex())]",
              "copy": {"name": "spokes", "count": "[parameters('spokeCount')]"},
              "properties": {
                "mode": "Incremental",
                "expressionEvaluationOptions": {"scope": "inner"},
                "parameters": {"spoke": {"value": "[copyIndex()]"}, "hub": {"value": "[reference('vnets').outputs.ids.value[0]]"}},
                "template": {
                  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                  "contentVersion": "1.0.0.0",
                  "parameters": {"spoke": {"type": "int"}, "hub": {"type": "string"}},
                  "resources": [{
                    "type": "Microsoft.Network/routeTables", "apiVersion": "2023-04-01",
                    "name": "[format('rt-{0}-{1}', parameters('spoke'), copyIndex())]",
                    "location": "[resourceGroup().location]",
                    "copy": {"name": "tables", "count": \(tablesPerSpoke)},
                    "properties": {
                      "copy": [{"name": "routes", "count": 3, "input": {
                        "name": "[concat('r', copyIndex('routes'))]",
                        "properties": {
                          "addressPrefix": "[cidrSubnet('172.16.0.0/12', 24, add(mul(parameters('spoke'), 30), add(mul(copyIndex(), 3), copyIndex('routes'))))]",
                          "nextHopType": "VirtualAppliance",
                          "nextHopIpAddress": "[cidrHost(cidrSubnet('10.255.0.0/16', 24, parameters('spoke')), 3)]"
                        }}}]
                    }
                  }],
                  "outputs": {"hub": {"type": "string", "value": "[last(split(parameters('hub'), '/'))]"}}
                }
              }
            }
          ],
          "outputs": {
            "vnetCount": {"type": "int", "value": "[length(reference('vnets').outputs.ids.value)]"},
            "firstSpokeHub": {"type": "string", "value": "[reference('spoke0').outputs.hub.value]"}
          }
        }
        """
    }

    /// Parses and expands the template `rounds` times; prints the best time.
    static func run(rounds: Int) {
        let text = text()
        var best = Double.infinity
        var last = ExpansionResult()
        for _ in 0..<rounds {
            let start = Date()
            var options = JSONParseOptions()
            options.allowComments = true
            let document = try! JSONParser.parse([UInt8](text.utf8), options: options)
            last = TemplateExpander(context: DeploymentContext()).expand(template: SourceFile(path: "synthetic.json", json: document),
                parameters: nil, overrides: [:])
            best = min(best, Date().timeIntervalSince(start))
        }
        let errors = last.diagnostics.filter { $0.severity == .error }
        var byType: [String: Int] = [:]
        for d in last.documents {
            if case .string(let t)? = d.node.member(caseInsensitive: "type")?.value { byType[t, default: 0] += 1 }
        }
        print("synthetic template: \(text.utf8.count) bytes, \(last.documents.count) documents produced (\(byType.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")))")
        print("outputs: \(last.outputs.map { "\($0.name) = \($0.value)" }.joined(separator: ", ")); \(errors.count) errors, \(last.unknowns.count) unknown values")
        for e in errors.prefix(5) { print("   \(e)") }
        if CommandLine.arguments.contains("-v") {
            for type in ["Microsoft.Network/virtualNetworks", "Microsoft.Network/networkSecurityGroups", "Microsoft.Network/routeTables"] {
                if let d = last.documents.first(where: { $0.node.member(caseInsensitive: "type")?.stringValue == type }) {
                    print(JSONWriter.string(d.node.value, options: JSONWriter.Options()))
                }
            }
        }
        print(String(format: "parse + expansion: best of %d = %.1f ms", rounds, best * 1000))
    }
}
