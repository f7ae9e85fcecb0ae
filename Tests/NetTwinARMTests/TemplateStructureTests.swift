import NetTwinCore
import Testing
@testable import NetTwinARM

/// Template structure: parameters, variables, copy loops, conditions, child resources, symbolic
/// names, existing resources, outputs (template-syntax.md, copy-*.md, conditional-resource-deployment.md,
/// child-resource-name-type.md, syntax of languageVersion 2.0).
struct TemplateStructureTests {
    static let schema = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"

    @Test func copyLoopWithOffsetAndNames() {
        let r = ARMSupport.expand("""
        {"$schema": "\(Self.schema)", "contentVersion": "1.0.0.0",
         "parameters": {"count": {"type": "Int", "defaultValue": 3}},
         "resources": [{"type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-04-01",
            "name": "[concat('vnet', copyIndex(1))]", "location": "[resourceGroup().location]",
            "copy": {"name": "vnets", "count": "[parameters('count')]", "mode": "Serial", "batchSize": 1},
            "properties": {"addressSpace": {"addressPrefixes": ["[concat('10.', copyIndex('vnets'), '.0.0/16')]"]}}}]}
        """)
        #expect(ARMSupport.errors(r).isEmpty)
        #expect(r.documents.compactMap { ARMSupport.string($0, "/name") } == ["vnet1", "vnet2", "vnet3"])
        #expect(ARMSupport.string(r.documents[2], "/properties/addressSpace/addressPrefixes/0") == "10.2.0.0/16")
        #expect(ARMSupport.string(r.documents[0], "/id") == "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/nettwin-rg/providers/Microsoft.Network/virtualNetworks/vnet1")
        #expect(ARMSupport.string(r.documents[0], "/location") == "westeurope")
        #expect(r.documents[1].pointer.description == "/resources/0")
    }

    @Test(arguments: [(800, true), (801, false), (-1, false), (0, true)])
    func copyCountLimits(_ count: Int, _ ok: Bool) {
        let r = ARMSupport.expand("""
        {"resources": [{"type": "Microsoft.Network/networkSecurityGroups", "apiVersion": "2023-04-01",
            "name": "[concat('nsg', copyIndex())]", "copy": {"name": "c", "count": \(count)}}]}
        """)
        #expect(ARMSupport.errors(r).isEmpty == ok)
        if ok { #expect(r.documents.count == count) }
        if count > 800 { #expect(ARMSupport.errors(r).first?.message.contains("the count can't exceed 800") == true) }
        if count < 0 { #expect(ARMSupport.errors(r).first?.message.contains("the count can't be a negative number") == true) }
    }

    @Test func propertyAndVariableCopy() {
        let r = ARMSupport.expand("""
        {"variables": {"copy": [{"name": "prefixes", "count": 2, "input": "[concat('10.0.', copyIndex('prefixes'), '.0/24')]"}],
                       "holder": {"copy": [{"name": "items", "count": 2, "input": "[copyIndex('items', 5)]"}]}},
         "resources": [{"type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-04-01", "name": "v",
            "properties": {"copy": [{"name": "subnets", "count": 2,
                "input": {"name": "[concat('s', copyIndex('subnets'))]", "properties": {"addressPrefix": "[variables('prefixes')[copyIndex('subnets')]]"}}}]}}],
         "outputs": {"holder": {"type": "object", "value": "[variables('holder')]"},
                     "list": {"type": "array", "copy": {"count": 3, "input": "[mul(copyIndex(), 2)]"}}}}
        """)
        #expect(ARMSupport.errors(r).isEmpty, "\(r.diagnostics)")
        #expect(ARMSupport.string(r.documents[0], "/properties/subnets/1/name") == "s1")
        #expect(ARMSupport.string(r.documents[0], "/properties/subnets/1/properties/addressPrefix") == "10.0.1.0/24")
        #expect(r.outputs.first { $0.name == "holder" }?.value.isEquivalent(to: ARMSupport.json("{\"items\": [5, 6]}")) == true)
        #expect(r.outputs.first { $0.name == "list" }?.value.isEquivalent(to: ARMSupport.json("[0, 2, 4]")) == true)
    }

    @Test func conditionsSkipResourcesAndTheirChildren() {
        let r = ARMSupport.expand("""
        {"parameters": {"deploy": {"type": "bool", "defaultValue": false}, "cfg": {"type": "object", "defaultValue": {}}},
         "resources": [
           {"condition": "[parameters('deploy')]", "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-04-01",
            "name": "[parameters('cfg').missing]",
            "resources": [{"type": "subnets", "apiVersion": "2023-04-01", "name": "s"}]},
           {"condition": "[not(parameters('deploy'))]", "type": "Microsoft.Network/routeTables", "apiVersion": "2023-04-01", "name": "rt"}]}
        """)
        // The skipped resource's name would fail to evaluate; Azure does not evaluate it.
        #expect(ARMSupport.errors(r).isEmpty)
        #expect(r.documents.compactMap { ARMSupport.string($0, "/name") } == ["rt"])
    }

    @Test func childResourcesComposeNameAndType() {
        let r = ARMSupport.expand("""
        {"resources": [{"type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-04-01", "name": "hub",
            "properties": {},
            "resources": [{"type": "subnets", "apiVersion": "2023-04-01", "name": "GatewaySubnet", "properties": {"addressPrefix": "10.0.0.0/27"}},
                          {"type": "Microsoft.Network/virtualNetworks/virtualNetworkPeerings", "apiVersion": "2023-04-01", "name": "hub/toSpoke"}]},
          {"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01", "name": "st",
            "resources": [{"type": "blobServices/containers", "apiVersion": "2023-01-01", "name": "default/data"}]}]}
        """)
        #expect(ARMSupport.errors(r).isEmpty, "\(r.diagnostics)")
        let ids = r.documents.compactMap { ARMSupport.string($0, "/id") }
        let rg = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/nettwin-rg/providers/"
        #expect(ids == [rg + "Microsoft.Network/virtualNetworks/hub",
                        rg + "Microsoft.Network/virtualNetworks/hub/subnets/GatewaySubnet",
                        rg + "Microsoft.Network/virtualNetworks/hub/virtualNetworkPeerings/toSpoke",
                        rg + "Microsoft.Storage/storageAccounts/st",
                        rg + "Microsoft.Storage/storageAccounts/st/blobServices/default/containers/data"])
        #expect(ARMSupport.string(r.documents[1], "/type") == "Microsoft.Network/virtualNetworks/subnets")
        #expect(ARMSupport.string(r.documents[1], "/name") == "GatewaySubnet")
        #expect(r.documents[1].pointer.description == "/resources/0/resources/0")
    }

    @Test func wrongSegmentCountIsAnError() {
        let r = ARMSupport.expand("""
        {"resources": [{"type": "Microsoft.Network/virtualNetworks/subnets", "apiVersion": "2023-04-01", "name": "only-one"}]}
        """)
        #expect(ARMSupport.errors(r).first?.id == ARMDiagnosticID.resourceInvalid)
    }

    @Test func symbolicNamesExistingAndReference() {
        let r = ARMSupport.expand("""
        {"languageVersion": "2.0", "contentVersion": "1.0.0.0",
         "resources": {
           "hub": {"existing": true, "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-04-01", "name": "hub-vnet"},
           "nsg": {"type": "Microsoft.Network/networkSecurityGroups", "apiVersion": "2023-04-01", "name": "nsg1", "location": "westeurope",
                   "properties": {"securityRules": []}},
           "rt": {"type": "Microsoft.Network/routeTables", "apiVersion": "2023-04-01", "name": "rt1", "dependsOn": ["nsg"],
                  "properties": {"disableBgpRoutePropagation": "[empty(reference('nsg').securityRules)]",
                                 "routes": [], "tagFromHub": "[reference('hub').addressSpace]"}}},
         "outputs": {"hubId": {"type": "string", "value": "[resourceId('Microsoft.Network/virtualNetworks', 'hub-vnet')]"}}}
        """)
        #expect(ARMSupport.errors(r).isEmpty, "\(r.diagnostics)")
        #expect(r.documents.count == 2)   // the existing resource is not emitted
        #expect(r.documents[1].pointer.description == "/resources/rt")
        #expect(ARMSupport.value(r.documents[1], "/properties/disableBgpRoutePropagation") == .bool(true))
        // The existing hub's properties are known only at deployment.
        #expect(r.unknowns.contains { $0.document == 1 && $0.pointer.description == "/properties/tagFromHub" })
    }

    @Test func variablesAreLazyAndCyclesAreErrors() {
        let r = ARMSupport.expand("""
        {"variables": {"a": "[variables('b')]", "b": "[variables('a')]", "unused": "[nope()]", "ok": "x"},
         "resources": [], "outputs": {"o": {"type": "string", "value": "[variables('a')]"}, "p": {"type": "string", "value": "[variables('ok')]"}}}
        """)
        let errors = ARMSupport.errors(r)
        #expect(errors.contains { $0.id == ARMDiagnosticID.variableCycle })
        #expect(!errors.contains { $0.id == ARMDiagnosticID.functionUnknown })   // 'unused' is never evaluated
        #expect(r.outputs.first { $0.name == "p" }?.value == .string("x"))
    }

    @Test func parameterChecks() {
        let t = """
        {"parameters": {
            "sku": {"type": "String", "allowedValues": ["Basic", "Standard"], "defaultValue": "Basic"},
            "n": {"type": "INT", "minValue": 1, "maxValue": 5, "defaultValue": 3},
            "s": {"type": "string", "minLength": 2, "maxLength": 4, "defaultValue": "abc"},
            "required": {"type": "string"}},
         "resources": [], "outputs": {"o": {"type": "string", "value": "[concat(parameters('sku'), parameters('n'), parameters('s'))]"}}}
        """
        let ok = ARMSupport.expand(t, overrides: ["required": "x"])
        #expect(ARMSupport.errors(ok).isEmpty)
        #expect(ok.outputs.first?.value == .string("Basic3abc"))
        #expect(ARMSupport.errors(ARMSupport.expand(t, overrides: ["required": "x", "sku": "Premium"])).first?.id == ARMDiagnosticID.parameterNotAllowed)
        #expect(ARMSupport.errors(ARMSupport.expand(t, overrides: ["required": "x", "n": "9"])).first?.id == ARMDiagnosticID.parameterRange)
        #expect(ARMSupport.errors(ARMSupport.expand(t, overrides: ["required": "x", "s": "abcdef"])).first?.id == ARMDiagnosticID.parameterLength)
        #expect(ARMSupport.errors(ARMSupport.expand(t, overrides: ["required": "x", "n": "\"three\""])).first?.id == ARMDiagnosticID.parameterType)
        // A required parameter without a value: unknown and a warning, or an error in strict mode.
        let missing = ARMSupport.expand(t)
        #expect(ARMSupport.errors(missing).isEmpty)
        #expect(missing.diagnostics.contains { $0.id == ARMDiagnosticID.parameterMissing && $0.severity == .warning })
        #expect(missing.outputUnknowns.count == 0)
        var strict = DeploymentContext(); strict.strict = true
        #expect(ARMSupport.errors(ARMSupport.expand(t, context: strict)).first?.id == ARMDiagnosticID.parameterMissing)
        // A parameters file.
        let withFile = ARMSupport.expand(t, parameters: #"{"parameters": {"required": {"value": "r"}, "sku": {"value": "Standard"}}}"#)
        #expect(withFile.outputs.first?.value == .string("Standard3abc"))
    }

    @Test func userDefinedFunctions() {
        let r = ARMSupport.expand("""
        {"functions": [{"namespace": "net", "members": {
            "subnetName": {"parameters": [{"name": "base", "type": "string"}, {"name": "i", "type": "int"}],
                           "output": {"type": "string", "value": "[concat(parameters('base'), '-', parameters('i'))]"}},
            "loop": {"parameters": [], "output": {"type": "string", "value": "[net.loop()]"}}}}],
         "resources": [], "outputs": {"o": {"type": "string", "value": "[net.subnetName('snet', 2)]"},
                                      "r": {"type": "string", "value": "[net.loop()]"}}}
        """)
        #expect(r.outputs.first { $0.name == "o" }?.value == .string("snet-2"))
        #expect(ARMSupport.errors(r).contains { $0.id == ARMDiagnosticID.expressionDepth })
    }
}
