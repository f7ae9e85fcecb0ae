import Foundation
import NetTwinARM
import NetTwinCore
import Testing

/// Ingestion of resource JSON in every container Azure produces (issue: foundation, item 4).
@Suite struct InputLoaderTests {
    @Test func allContainerFormatsGiveTheSameModel() throws {
        let vnet = vnetJSON(subnets: [("a", "10.0.0.0/24"), ("b", "10.0.1.0/24")])
        let inputs = [
            ("array.json", "[\(vnet)]", InputKind.resourceArray),
            ("list.json", "{\"value\": [\(vnet)], \"nextLink\": null}", .listResponse),
            // Resource Graph rows carry a lowercase type.
            ("graph.json", "{\"totalRecords\": 1, \"count\": 1, \"data\": [\(vnet.replacingOccurrences(of: "Microsoft.Network/virtualNetworks", with: "microsoft.network/virtualnetworks"))]}", .resourceGraph),
            ("single.json", vnet, .singleResource),
        ]
        var models: [[Subnet]] = []
        for (path, text, kind) in inputs {
            let (loaded, topology) = load(text, path: path)
            #expect(loaded.files.map(\.kind) == [kind], "\(path)")
            #expect(topology.diagnostics.isEmpty, "\(path): \(topology.diagnostics)")
            #expect(topology.virtualNetworks.count == 1)
            let subnets = topology.subnets.values.sorted { $0.id < $1.id }.map { subnet -> Subnet in
                var copy = subnet
                copy.header.source = nil
                return copy
            }
            models.append(subnets)
        }
        #expect(models.count == 4)
        #expect(models.allSatisfy { $0 == models[0] })
        #expect(models[0].map { $0.addressPrefixes.map(\.description) } == [["10.0.0.0/24"], ["10.0.1.0/24"]])
    }

    @Test func resourceGraphTableFormatIsRead() {
        let text = """
            {"data": {"columns": [{"name": "id", "type": "string"}, {"name": "type", "type": "string"}, {"name": "properties", "type": "object"}],
                      "rows": [["\(netID("networkSecurityGroups/nsg1"))", "microsoft.network/networksecuritygroups", {"securityRules": []}]]}}
            """
        let (loaded, topology) = load(text)
        #expect(loaded.files.first?.kind == .resourceGraph)
        #expect(topology.networkSecurityGroups.count == 1)
        // Azure adds six default rules to every NSG (network-security-groups-overview.md).
        #expect(topology.networkSecurityGroups.values.first?.defaultSecurityRules.count == 6)
    }

    @Test func inlineAndSeparateChildResourcesGiveTheSameModel() throws {
        let inline = vnetJSON(subnets: [("a", "10.0.0.0/24")], extraSubnetProperties: ", \"networkSecurityGroup\": {\"id\": \"\(netID("networkSecurityGroups/nsg1"))\"}")
        let nsg = "{\"id\": \"\(netID("networkSecurityGroups/nsg1"))\", \"type\": \"Microsoft.Network/networkSecurityGroups\", \"location\": \"westeurope\", \"properties\": {}}"
        let parentOnly = vnetJSON(subnets: [])
        let separate = """
            {"id": "\(netID("virtualNetworks/vnet1/subnets/a"))", "name": "vnet1/a", "type": "Microsoft.Network/virtualNetworks/subnets",
             "properties": {"addressPrefix": "10.0.0.0/24", "networkSecurityGroup": {"id": "\(netID("networkSecurityGroups/nsg1"))"}}}
            """
        let (_, one) = load("[\(inline), \(nsg)]")
        let (_, two) = load("[\(separate), \(parentOnly), \(nsg)]")
        func normalized(_ topology: Topology) -> [Subnet] {
            topology.subnets.values.map { var copy = $0; copy.header.source = nil; return copy }
        }
        #expect(normalized(one) == normalized(two))
        #expect(one.virtualNetworks.values.first?.subnets == two.virtualNetworks.values.first?.subnets)
        #expect(two.diagnostics.isEmpty, "\(two.diagnostics)")
    }

    @Test func jsonWithCommentsIsAccepted() {
        let text = """
            // exported by a tool that writes JSONC
            [ /* one network */ \(vnetJSON()) ]
            """
        let (loaded, topology) = load(text)
        #expect(loaded.diagnostics.isEmpty)
        #expect(topology.virtualNetworks.count == 1)
    }

    @Test func truncatedJSONReportsFileLineAndColumn() throws {
        // Line 1 is "[", line 2 is "  {\"id\": \"x\"," and input ends inside the object: the error
        // is at the end of input, line 2 after the comma (column 15) or line 3 column 1.
        let (loaded, _) = load("[\n  {\"id\": \"x\",\n", path: "cut.json")
        let diagnostic = try #require(loaded.diagnostics.first)
        #expect(diagnostic.id == DiagnosticID.jsonSyntax)
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.location?.file == "cut.json")
        #expect(diagnostic.location?.line == 3 || diagnostic.location?.line == 2)
        #expect(diagnostic.location?.column != nil)
        #expect(loaded.files.first?.kind == .unreadable)
        #expect(loaded.hasUnreadableInput)
    }

    @Test func unrecognisedJSONIsAnErrorThatSaysWhatWasExpected() throws {
        let (loaded, _) = load("{\"hello\": 1}")
        let diagnostic = try #require(loaded.diagnostics.first)
        #expect(diagnostic.id == DiagnosticID.formatUnrecognised)
        #expect(diagnostic.message.contains("'hello'"))
        #expect(loaded.hasUnreadableInput)
    }

    @Test func templatesAndParameterFilesAreRecognised() {
        let template = """
            {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
             "contentVersion": "1.0.0.0", "resources": []}
            """
        let parameters = """
            {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
             "contentVersion": "1.0.0.0", "parameters": {}}
            """
        let (loaded, _) = load([("t.json", template), ("p.json", parameters)])
        #expect(loaded.files.map(\.kind) == [.deploymentTemplate, .deploymentParameters])
        #expect(loaded.templates.count == 1)
        #expect(loaded.parameterFiles.count == 1)
        #expect(!loaded.hasUnreadableInput)
        #expect(loaded.diagnostics.map(\.id) == [DiagnosticID.templateNotExpanded, DiagnosticID.parametersFile])
    }

    @Test func wrongTypeGivesTheJSONPointer() throws {
        let text = """
            [{"id": "\(netID("virtualNetworks/v"))", "type": "Microsoft.Network/virtualNetworks",
              "properties": {"addressSpace": {"addressPrefixes": "10.0.0.0/16"}}}]
            """
        let (_, topology) = load(text, path: "typed.json")
        let diagnostic = try #require(topology.diagnostics.first { $0.id == DiagnosticID.typeMismatch })
        #expect(diagnostic.location?.pointer.description == "/0/properties/addressSpace/addressPrefixes")
        #expect(diagnostic.location?.file == "typed.json")
        #expect(diagnostic.location?.line == 2)
        #expect(diagnostic.message.contains("expected an array"))
        #expect(diagnostic.message.contains("found a string") || diagnostic.message.contains("found string"))
    }

    @Test func unknownTypesAreCountedAndListed() throws {
        let text = """
            [{"id": "\(sub)/providers/Microsoft.Cache/redis/r1", "type": "Microsoft.Cache/redis", "location": "westeurope"},
             {"id": "\(sub)/providers/Microsoft.Cache/redis/r2", "type": "Microsoft.Cache/redis", "location": "westeurope"}]
            """
        let (_, topology) = load(text)
        #expect(topology.unmodelled.count == 2)
        let note = try #require(topology.diagnostics.first { $0.id == DiagnosticID.unmodelledType })
        #expect(note.message.contains("2 resources of type 'Microsoft.Cache/redis'"))
        let counts = topology.countsByTypeAndRegion.filter { !$0.modelled }
        #expect(counts == [Topology.TypeCount(type: "Microsoft.Cache/redis", location: "westeurope", count: 2, modelled: false)])
    }

    @Test func danglingReferenceBecomesAnExternalPlaceholder() throws {
        let missing = netID("networkSecurityGroups/not-here")
        let text = "[\(vnetJSON(extraSubnetProperties: ", \"networkSecurityGroup\": {\"id\": \"\(missing)\"}"))]"
        let (_, topology) = load(text)
        #expect(topology.externalReferences.map(\.target) == [ResourceID(missing)])
        #expect(topology.externalReferences.first?.expectedType == "Microsoft.Network/networkSecurityGroups")
        let warning = try #require(topology.diagnostics.first { $0.id == DiagnosticID.externalReference })
        #expect(warning.severity == .warning)
        #expect(warning.location?.pointer.description == "/0/properties/subnets/0/properties/networkSecurityGroup")
        // The subnet keeps the reference: the NSG is external, not dropped.
        #expect(topology.subnets.values.first?.networkSecurityGroup == ResourceID(missing))
    }

    @Test func duplicateResourcesAreReported() {
        let (_, topology) = load("[\(vnetJSON()), \(vnetJSON())]")
        #expect(topology.diagnostics.contains { $0.id == DiagnosticID.resourceDuplicate })
        #expect(topology.virtualNetworks.count == 1)
    }

    @Test func missingIdOrTypeIsAnError() {
        let (_, topology) = load("[{\"type\": \"Microsoft.Network/virtualNetworks\"}, {\"id\": \"/x\"}, 5]")
        let ids = topology.diagnostics.map(\.id)
        #expect(ids.filter { $0 == DiagnosticID.resourceMissingField }.count == 2)
        #expect(ids.contains(DiagnosticID.resourceNotObject))
    }

    @Test func foldersAreReadRecursivelyInOrder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nettwin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "[\(vnetJSON(name: "b", space: ["10.1.0.0/16"], subnets: []))]".write(to: folder.appendingPathComponent("sub/b.json"), atomically: true, encoding: .utf8)
        try vnetJSON(name: "a", subnets: []).write(to: folder.appendingPathComponent("a.json"), atomically: true, encoding: .utf8)
        try "not json".write(to: folder.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let loaded = InputLoader().load(paths: [folder.path])
        #expect(loaded.files.map { URL(fileURLWithPath: $0.path).lastPathComponent } == ["a.json", "b.json"])
        #expect(loaded.documents.count == 2)
        let missing = InputLoader().load(paths: [folder.appendingPathComponent("nope.json").path])
        #expect(missing.diagnostics.first?.id == DiagnosticID.fileUnreadable)
        #expect(missing.hasUnreadableInput)
    }
}

/// Export shapes whose resources sit outside the top-level list (issue 11 C): nothing is dropped in silence.
@Suite struct ExportShapeTests {
    /// PSRule for Azure's Export-AzRuleData writes Get-AzResource objects: `ResourceId`, `ResourceType`, `ResourceName`,
    /// `Name`, `Location`, `Properties` (Azure/PSRule.Rules.Azure, docs/export-rule-data.md; the test data
    /// Resources.VirtualNetwork.json carries both `Id`/`Type` and `ResourceId`/`ResourceType`). An item with only the
    /// `Resource*` keys is read as well.
    @Test func psruleObjectsAreRead() {
        let vnet = """
            {"ResourceId": "\(netID("virtualNetworks/vnet-A"))", "ResourceName": "vnet-A", "ResourceType": "Microsoft.Network/virtualNetworks",
             "ResourceGroupName": "rg", "Location": "westeurope", "Tags": null, "SubscriptionId": "00000000-0000-0000-0000-000000000001",
             "Properties": {"addressSpace": {"addressPrefixes": ["10.1.0.0/24"]},
                            "subnets": [{"name": "subnet-A", "id": "\(netID("virtualNetworks/vnet-A/subnets/subnet-A"))", "properties": {"addressPrefix": "10.1.0.32/28"}}]}}
            """
        let both = """
            {"ResourceId": "\(netID("routeTables/route-A"))", "Id": "\(netID("routeTables/route-A"))", "Name": "route-A", "Location": "westeurope",
             "Type": "Microsoft.Network/routeTables", "ResourceType": "Microsoft.Network/routeTables", "Properties": {"routes": []}}
            """
        let (loaded, topology) = load("[\(vnet), \(both)]")
        #expect(loaded.files.map(\.kind) == [.resourceArray])
        #expect(topology.diagnostics.filter { $0.severity != .note }.isEmpty, "\(topology.diagnostics)")
        #expect(topology.virtualNetworks.values.map(\.header.name) == ["vnet-A"])
        #expect(topology.subnets.values.map { $0.addressPrefixes.map(\.description) } == [["10.1.0.32/28"]])
        #expect(topology.routeTables.count == 1)
        // A single PSRule object on its own is a resource too.
        let (single, alone) = load(vnet)
        #expect(single.files.map(\.kind) == [.singleResource] && alone.virtualNetworks.count == 1)
    }

    /// Children nested in an item's `resources` array (PSRule's Resources.DNS.json shape) are resources of their own:
    /// a private DNS zone's virtual network link and A record become part of the zone.
    @Test func nestedChildrenAreResourcesOfTheirOwn() {
        let zone = netID("privateDnsZones/privatelink.database.windows.net")
        let text = """
            [\(vnetJSON()),
             {"id": "\(zone)", "name": "privatelink.database.windows.net", "type": "Microsoft.Network/privateDnsZones", "location": "global", "properties": {},
              "resources": [
                {"id": "\(zone)/virtualNetworkLinks/link1", "name": "link1", "type": "Microsoft.Network/privateDnsZones/virtualNetworkLinks", "location": "global",
                 "properties": {"virtualNetwork": {"id": "\(netID("virtualNetworks/vnet1"))"}, "registrationEnabled": false}},
                {"id": "\(zone)/A/sql1", "name": "sql1", "type": "Microsoft.Network/privateDnsZones/A",
                 "properties": {"ttl": 10, "aRecords": [{"ipv4Address": "10.0.0.5"}]}}]}]
            """
        let (loaded, topology) = load(text)
        #expect(loaded.files.first?.resourceCount == 4)
        #expect(topology.diagnostics.filter { $0.severity != .note }.isEmpty, "\(topology.diagnostics)")
        let model = topology.privateDnsZones.values.first
        #expect(model?.virtualNetworkLinks.count == 1)
        #expect(model?.recordSets.map(\.name) == ["sql1"])
    }

    /// A nested child that cannot be read is reported with its file and JSON pointer, never dropped in silence.
    @Test func unreadableChildIsReportedWithItsPointer() {
        let text = """
            [{"id": "\(netID("privateDnsZones/contoso.internal"))", "type": "Microsoft.Network/privateDnsZones", "location": "global", "properties": {},
              "resources": [{"name": "no-type-here", "properties": {}}, 42]}]
            """
        let (_, topology) = load(text, path: "export.json")
        let errors = topology.diagnostics.filter { $0.severity == .error }
        #expect(errors.count == 2, "\(errors)")
        #expect(errors.contains { $0.id == DiagnosticID.resourceMissingField && $0.location?.pointer.description == "/0/resources/0" && $0.location?.file == "export.json" })
        #expect(errors.contains { $0.id == DiagnosticID.resourceNotObject && $0.location?.pointer.description == "/0/resources/1" })
    }
}
