import NetTwinCore
import Testing
@testable import NetTwinARM

/// Loops inside loops, reference cycles, fail(), limits: never a crash or a hang.
struct EdgeCaseTests {
    /// copy-properties.md: in a property iteration copyIndex() without a name is the resource loop's
    /// index; copyIndex('loop') is the property loop's.
    @Test func copyIndexInPropertyLoopInsideResourceLoop() {
        let r = ARMSupport.expand("""
        {"resources": [{"type": "Microsoft.Network/networkSecurityGroups", "apiVersion": "2023-04-01",
           "name": "[concat('nsg', copyIndex())]", "copy": {"name": "nsgs", "count": 2},
           "properties": {"copy": [{"name": "securityRules", "count": 2, "input": {
               "name": "[concat('r', copyIndex(), '-', copyIndex('securityRules'))]",
               "properties": {"priority": "[add(100, copyIndex('securityRules'))]"}}}]}}]}
        """)
        #expect(ARMSupport.errors(r).isEmpty, "\(r.diagnostics)")
        #expect(ARMSupport.string(r.documents[1], "/properties/securityRules/1/name") == "r1-1")
        #expect(ARMSupport.string(r.documents[1], "/properties/securityRules/0/name") == "r1-0")
        #expect(ARMSupport.value(r.documents[0], "/properties/securityRules/1/properties/priority") == .integer(101))
    }

    /// A reference() cycle is a circular dependency, which Azure refuses ("Circular dependency detected on resource"):
    /// one error, and the values in the cycle are unknown; the expansion still finishes.
    @Test func referenceCyclesAreReportedAndBecomeUnknown() {
        let r = ARMSupport.expand("""
        {"resources": [
          {"type": "Microsoft.Network/routeTables", "apiVersion": "2023-04-01", "name": "a", "properties": {"x": "[reference('b').x]"}},
          {"type": "Microsoft.Network/routeTables", "apiVersion": "2023-04-01", "name": "b", "properties": {"x": "[reference('a').x]"}}]}
        """)
        #expect(ARMSupport.errors(r).map(\.id) == [ARMDiagnosticID.referenceCycle], "\(r.diagnostics)")
        #expect(r.documents.count == 2)
        #expect(r.unknowns.count == 2)
    }

    @Test func failIsLazyInsideIf() {
        let ok = ARMSupport.evaluate("[if(true(), 'fine', fail('never'))]")
        #expect(ok.0 == .string("fine"))
        let bad = ARMSupport.evaluate("[if(false(), 'fine', fail('stop here'))]")
        #expect(bad.1.first?.id == ARMDiagnosticID.userFail)
        #expect(bad.1.first?.message.contains("stop here") == true)
    }

    @Test(arguments: ["[range(0, 10001)]", "[padLeft('a', 100000)]", "[mul(9223372036854775807, 2)]", "[div(1, 0)]",
                      "[substring('abc', 2, 5)]", "[createArray(1)[3]]", "[createObject('a', 1).b]", "[json('{')]"])
    func runtimeErrorsAreDiagnostics(_ expression: String) {
        let (_, diagnostics) = ARMSupport.evaluate(expression)
        #expect(diagnostics.contains { $0.severity == .error && $0.location?.line != nil })
    }

    @Test func hugeCopiesStopAtTheResourceLimit() {
        var context = DeploymentContext()
        context.maxResources = 1000
        let r = ARMSupport.expand("""
        {"resources": [{"type": "Microsoft.Network/routeTables", "apiVersion": "2023-04-01", "name": "[concat('a', copyIndex())]",
            "copy": {"name": "a", "count": 800},
            "resources": [{"type": "routes", "apiVersion": "2023-04-01", "name": "r"}]}]}
        """, context: context)
        #expect(ARMSupport.errors(r).contains { $0.id == ARMDiagnosticID.resourceLimit })
        #expect(r.documents.count <= 1000)
    }

    @Test func typeNamesAreCaseInsensitiveAndOutputsChecked() {
        let r = ARMSupport.expand("""
        {"parameters": {"a": {"type": "Array", "defaultValue": [1]}, "o": {"type": "OBJECT", "defaultValue": {}}, "b": {"type": "Bool", "defaultValue": true}},
         "resources": [], "outputs": {"bad": {"type": "int", "value": "[parameters('a')]"}, "good": {"type": "Bool", "value": "[parameters('b')]"}}}
        """)
        #expect(ARMSupport.errors(r).map(\.id) == [ARMDiagnosticID.outputType])
        #expect(r.outputs.map(\.name) == ["good"])
    }

    @Test func functionNamesAreCaseInsensitiveAndUnknownOnesAreReported() {
        #expect(ARMSupport.evaluate("[ToLower('ABC')]").0 == .string("abc"))
        let (_, d) = ARMSupport.evaluate("[frobnicate(1)]")
        #expect(d.first?.id == ARMDiagnosticID.functionUnknown)
        let (_, arity) = ARMSupport.evaluate("[toLower('a', 'b')]")
        #expect(arity.first?.id == ARMDiagnosticID.functionArguments)
    }

    @Test func formatAndStringConversions() {
        #expect(ARMSupport.evaluate("[format('{0}-{1:D3}-{2}', 'a', 7, true())]").0 == .string("a-007-True"))
        #expect(ARMSupport.evaluate("[format('{{{0}}}', 'x')]").0 == .string("{x}"))
        #expect(ARMSupport.evaluate("[concat('n', 1, true())]").0 == .string("n1True"))
        #expect(ARMSupport.evaluate("[string(createArray('a', 1))]").0 == .string(#"["a",1]"#))
    }

    @Test func scopeFunctionsFollowTheContext() {
        var c = DeploymentContext()
        c.subscriptionId = "11111111-1111-1111-1111-111111111111"
        c.resourceGroup = "rg-x"
        c.location = "northeurope"
        #expect(ARMSupport.evaluate("[resourceGroup().id]", context: c).0 == .string("/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-x"))
        #expect(ARMSupport.evaluate("[resourceGroup().location]", context: c).0 == .string("northeurope"))
        #expect(ARMSupport.evaluate("[subscription().subscriptionId]", context: c).0 == .string("11111111-1111-1111-1111-111111111111"))
        #expect(ARMSupport.evaluate("[resourceId('other', 'Microsoft.Network/virtualNetworks/subnets', 'v', 's')]", context: c).0
            == .string("/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/other/providers/Microsoft.Network/virtualNetworks/v/subnets/s"))
        #expect(ARMSupport.evaluate("[subscriptionResourceId('Microsoft.Resources/resourceGroups', 'g')]", context: c).0
            == .string("/subscriptions/11111111-1111-1111-1111-111111111111/providers/Microsoft.Resources/resourceGroups/g"))
        #expect(ARMSupport.evaluate("[tenantResourceId('Microsoft.Management/managementGroups', 'mg')]", context: c).0
            == .string("/providers/Microsoft.Management/managementGroups/mg"))
        #expect(ARMSupport.evaluate("[extensionResourceId(resourceGroup().id, 'Microsoft.Authorization/locks', 'l')]", context: c).0
            == .string("/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-x/providers/Microsoft.Authorization/locks/l"))
    }
}

/// Arguments at the edges of the integer range give diagnostics, not traps.
struct OverflowTests {
    @Test(arguments: ["[range(9223372036854775807, 2)]", "[substring('abc', 1, 9223372036854775807)]",
                      "[copyIndex(9223372036854775807)]", "[dateTimeAdd('2020-01-01T00:00:00Z', 'P99999999999999999999D')]",
                      "[add(9223372036854775807, 1)]", "[cidrSubnet('10.0.0.0/8', 40, 0)]", "[cidrHost('10.0.0.0/30', 2)]",
                      "[format('{0:N999999999}', 1)]", "[int('99999999999999999999')]", "[indexFromEnd(createArray(1), 2)]"])
    func edgeArguments(_ expression: String) {
        let (value, diagnostics) = ARMSupport.evaluate(expression)
        // Either a value or a located error; never a crash.
        #expect(value != nil || diagnostics.contains { $0.severity == .error })
    }
}
