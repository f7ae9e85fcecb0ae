import NetTwinCore
import Testing
@testable import NetTwinARM

/// Values known only at deployment flow through expressions and are reported where they end up;
/// secure parameters are never printed.
struct UnknownAndSecureTests {
    @Test func runtimePropertiesAreUnknown() {
        let r = ARMSupport.expand("""
        {"resources": [
          {"type": "Microsoft.Network/publicIPAddresses", "apiVersion": "2023-04-01", "name": "pip", "properties": {"publicIPAllocationMethod": "Static"}},
          {"type": "Microsoft.Network/routeTables", "apiVersion": "2023-04-01", "name": "rt", "properties": {"routes": [
            {"name": "r", "properties": {"nextHopType": "VirtualAppliance",
              "nextHopIpAddress": "[reference(resourceId('Microsoft.Network/publicIPAddresses', 'pip')).ipAddress]",
              "method": "[reference('pip').publicIPAllocationMethod]",
              "label": "[concat('ip-', reference('pip').ipAddress)]",
              "keys": "[listKeys('x', '2020-01-01').keys[0].value]"}}]}}],
         "outputs": {"ip": {"type": "string", "value": "[reference('pip').ipAddress]"}}}
        """)
        #expect(ARMSupport.errors(r).isEmpty, "\(r.diagnostics)")
        let pointers = r.unknowns.filter { $0.document == 1 }.map { $0.pointer.description }.sorted()
        #expect(pointers == ["/properties/routes/0/properties/keys", "/properties/routes/0/properties/label", "/properties/routes/0/properties/nextHopIpAddress"])
        #expect(ARMSupport.value(r.documents[1], "/properties/routes/0/properties/nextHopIpAddress") == .null)
        #expect(ARMSupport.string(r.documents[1], "/properties/routes/0/properties/method") == "Static")
        #expect(r.unknowns.first { $0.pointer.description.hasSuffix("nextHopIpAddress") }?.reason.contains("'ipAddress'") == true)
        #expect(r.diagnostics.contains { $0.id == ARMDiagnosticID.functionRuntimeOnly && $0.severity == .warning })
        #expect(r.outputUnknowns.map(\.output) == ["ip"])
    }

    @Test(arguments: [
        "[concat('a', parameters('u'))]", "[toUpper(parameters('u'))]", "[length(parameters('u'))]",
        "[if(equals(parameters('u'), 'x'), 'a', 'b')]", "[parameters('u').member[0]]", "[coalesce(parameters('u'), 'x')]",
    ])
    func unknownPropagates(_ expression: String) {
        let r = ARMSupport.expand("""
        {"parameters": {"u": {"type": "string"}}, "resources": [], "outputs": {"o": {"type": "string", "value": "\(expression)"}}}
        """)
        #expect(ARMSupport.errors(r).isEmpty, "\(r.diagnostics)")
        #expect(r.outputUnknowns.first?.reason == "parameter 'u' has no value")
    }

    @Test(arguments: [
        ("[if(true(), 'known', parameters('u'))]", JSONValue.string("known")),
        ("[length(createArray(parameters('u'), 1))]", .integer(2)),
        ("[or(true(), parameters('b'))]", .bool(true)),
        ("[and(false(), parameters('b'))]", .bool(false)),
        ("[coalesce(null(), 'x', parameters('u'))]", .string("x")),
    ])
    func knownDespiteUnknownArguments(_ expression: String, _ expected: JSONValue) {
        let r = ARMSupport.expand("""
        {"parameters": {"u": {"type": "string"}, "b": {"type": "bool"}}, "resources": [], "outputs": {"o": {"type": "", "value": "\(expression)"}}}
        """)
        #expect(r.outputs.first?.value == expected)
    }

    @Test func utcNowAndNewGuidOnlyInParameterDefaults() {
        let ok = ARMSupport.expand("""
        {"parameters": {"t": {"type": "string", "defaultValue": "[utcNow()]"}, "g": {"type": "string", "defaultValue": "[newGuid()]"}},
         "resources": [], "outputs": {"o": {"type": "string", "value": "[concat(parameters('t'), parameters('g'))]"}}}
        """)
        #expect(ARMSupport.errors(ok).isEmpty)
        #expect(ok.outputUnknowns.count == 1)
        let bad = ARMSupport.expand(#"{"resources": [], "outputs": {"o": {"type": "string", "value": "[utcNow()]"}}}"#)
        #expect(ARMSupport.errors(bad).first?.id == ARMDiagnosticID.functionNotAllowed)
    }

    @Test func secureValuesAreRedacted() {
        let r = ARMSupport.expand("""
        {"parameters": {"pw": {"type": "secureString"}, "obj": {"type": "secureObject"}, "plain": {"type": "string", "defaultValue": "ok"}},
         "resources": [{"type": "Microsoft.Compute/virtualMachines", "apiVersion": "2023-03-01", "name": "vm",
            "properties": {"osProfile": {"adminPassword": "[parameters('pw')]", "customData": "[concat('x', parameters('pw'))]",
                                         "extra": "[parameters('obj')]", "user": "[parameters('plain')]"}}}],
         "outputs": {"pw": {"type": "securestring", "value": "[parameters('pw')]"}, "plain": {"type": "string", "value": "[parameters('plain')]"}}}
        """, overrides: ["pw": "S3cret!", "obj": #"{"k": "hidden"}"#])
        #expect(ARMSupport.errors(r).isEmpty)
        // Unredacted result holds the values (for evaluation); the redacted copy never prints them.
        let red = r.redacted()
        let text = red.documents.map { "\($0.node.value)" }.joined() + red.outputs.map { "\($0.value)" }.joined()
        #expect(!text.contains("S3cret!"))
        #expect(!text.contains("hidden"))
        #expect(ARMSupport.string(red.documents[0], "/properties/osProfile/adminPassword") == "<secure>")
        #expect(ARMSupport.string(red.documents[0], "/properties/osProfile/customData") == "<secure>")
        #expect(ARMSupport.string(red.documents[0], "/properties/osProfile/extra") == "<secure>")
        #expect(ARMSupport.string(red.documents[0], "/properties/osProfile/user") == "ok")
        #expect(red.outputs.first { $0.name == "pw" }?.value == .string("<secure>"))
        #expect(red.outputs.first { $0.name == "plain" }?.value == .string("ok"))
    }
}

/// reference() of resources declared in the template (template-functions-resource.md#reference).
struct ReferenceTests {
    @Test func fullAndDefaultForms() {
        let r = ARMSupport.expand("""
        {"resources": [
          {"type": "Microsoft.Network/publicIPAddresses", "apiVersion": "2023-04-01", "name": "pip", "location": "northeurope",
           "sku": {"name": "Standard"}, "properties": {"publicIPAllocationMethod": "Static"}}],
         "outputs": {
           "loc": {"type": "string", "value": "[reference('pip', '2023-04-01', 'Full').location]"},
           "sku": {"type": "string", "value": "[reference(resourceId('Microsoft.Network/publicIPAddresses', 'pip'), '2023-04-01', 'Full').sku.name]"},
           "method": {"type": "string", "value": "[reference('pip').publicIPAllocationMethod]"},
           "id": {"type": "string", "value": "[reference('pip', '2023-04-01', 'Full').id]"},
           "runtime": {"type": "string", "value": "[reference('pip', '2023-04-01', 'Full').properties.ipAddress]"},
           "external": {"type": "string", "value": "[reference('/subscriptions/x/resourceGroups/y/providers/Microsoft.Network/publicIPAddresses/z').ipAddress]"}}}
        """)
        #expect(ARMSupport.errors(r).isEmpty, "\(r.diagnostics)")
        func out(_ n: String) -> JSONValue? { r.outputs.first { $0.name == n }?.value }
        #expect(out("loc") == .string("northeurope"))
        #expect(out("sku") == .string("Standard"))
        #expect(out("method") == .string("Static"))
        #expect(out("id") == .string("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/nettwin-rg/providers/Microsoft.Network/publicIPAddresses/pip"))
        #expect(r.outputUnknowns.map(\.output).sorted() == ["external", "runtime"])
    }

    @Test func shortSecretsAreOnlyRedactedWhenWhole() {
        let r = ARMSupport.expand("""
        {"parameters": {"pin": {"type": "securestring"}}, "resources": [],
         "outputs": {"a": {"type": "string", "value": "[parameters('pin')]"}, "b": {"type": "string", "value": "abc"}}}
        """, overrides: ["pin": "ab"]).redacted()
        #expect(r.outputs.first { $0.name == "a" }?.value == .string("<secure>"))
        #expect(r.outputs.first { $0.name == "b" }?.value == .string("abc"))
    }
}

/// Taint: a value computed from a secret is secret (issue 15 A), so it prints as `<secure>` wherever it lands,
/// while values computed without a secret are untouched.
struct SecretTaintTests {
    @Test func derivedValuesAreMarkedWhereTheyLand() {
        let r = ARMSupport.expand("""
        {"parameters": {"pw": {"type": "securestring"}, "obj": {"type": "secureObject"}},
         "variables": {"v": "[base64(parameters('pw'))]"},
         "resources": [{"type": "Microsoft.Network/routeTables", "apiVersion": "2023-04-01", "name": "rt",
            "properties": {"routes": [], "a": "[variables('v')]", "b": "[toUpper(parameters('pw'))]", "c": "[parameters('obj').k]",
                           "d": "[skip(parameters('pw'), 2)]", "e": "[dataUri(parameters('pw'))]", "f": "[toLower(parameters('pw'))]",
                           "g": "[createObject('plain', 'x', 'hidden', parameters('pw'))]", "h": "[length('plain')]",
                           "i": "[listKeys('x', '2023-01-01').keys[0].value]"}}],
         "outputs": {"o": {"type": "string", "value": "[toUpper(parameters('pw'))]"}}}
        """, overrides: ["pw": "TaintedSecret1", "obj": #"{"k": "MemberSecret2"}"#]).redacted()
        #expect(ARMSupport.errors(r).isEmpty, "\(r.diagnostics)")
        for p in ["a", "b", "c", "d", "e", "f", "g"] {
            #expect(ARMSupport.string(r.documents[0], "/properties/\(p)") == "<secure>", "\(p)")
        }
        #expect(ARMSupport.value(r.documents[0], "/properties/h") == .integer(5))
        // list*() is a secret known only at deployment: null, with a reason that says only that.
        #expect(ARMSupport.value(r.documents[0], "/properties/i") == .null)
        #expect(r.unknowns.first { $0.pointer.description == "/properties/i" }?.reason == "a value computed from a secure value, known only at deployment")
        #expect(r.outputs.first?.value == .string("<secure>"))
    }

    @Test func keyVaultReferencesAndNestedDeploymentsStaySecret() {
        let r = ARMSupport.expand("""
        {"parameters": {"pw": {"type": "securestring"}},
         "resources": [{"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "inner",
            "properties": {"mode": "Incremental", "expressionEvaluationOptions": {"scope": "inner"},
              "parameters": {"p": {"value": "[concat('x', parameters('pw'))]"}},
              "template": {"parameters": {"p": {"type": "string"}},
                 "resources": [{"type": "Microsoft.Network/routeTables", "apiVersion": "2023-04-01", "name": "rt", "properties": {"x": "[parameters('p')]"}}],
                 "outputs": {"echo": {"type": "string", "value": "[parameters('p')]"}}}}}],
         "outputs": {"o": {"type": "string", "value": "[reference('inner').outputs.echo.value]"}}}
        """, overrides: ["pw": "NestedSecret3"]).redacted()
        #expect(ARMSupport.errors(r).isEmpty, "\(r.diagnostics)")
        #expect(ARMSupport.string(r.documents[0], "/properties/x") == "<secure>")
        #expect(r.outputs.first?.value == .string("<secure>"))
    }

    @Test func errorsOnSecretsDoNotQuoteThem() {
        let r = ARMSupport.expand("""
        {"parameters": {"pw": {"type": "securestring"}, "obj": {"type": "secureObject"}},
         "resources": [], "outputs": {"a": {"type": "object", "value": "[json(parameters('pw'))]"},
                                      "b": {"type": "string", "value": "[parameters('obj').missing]"}}}
        """, overrides: ["pw": "{NotJson4Secret", "obj": #"{"visibleKey": "v"}"#]).redacted()
        let messages = r.diagnostics.map(\.message).joined(separator: "\n")
        #expect(r.diagnostics.filter { $0.severity == .error }.count == 2)
        #expect(!messages.contains("NotJson4Secret"))
        #expect(!messages.contains("visibleKey"))
        #expect(messages.contains("secure value"))
    }
}
