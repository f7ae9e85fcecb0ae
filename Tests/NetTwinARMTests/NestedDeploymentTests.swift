import Foundation
import NetTwinCore
import Testing
@testable import NetTwinARM

/// Nested and linked deployments (linked-templates.md): inner/outer scope, parameters, outputs via
/// reference(), relative links, remote links, depth limits.
struct NestedDeploymentTests {
    static func nested(scope: String?, extra: String = "") -> String {
        """
        {"parameters": {"p": {"type": "string", "defaultValue": "parent"}},
         "variables": {"v": "parent-var"},
         "resources": [{"type": "Microsoft.Resources/deployments", "apiVersion": "2021-04-01", "name": "inner",
           "properties": {"mode": "Incremental", \(scope.map { "\"expressionEvaluationOptions\": {\"scope\": \"\($0)\"}," } ?? "")
             \(extra)
             "template": {"parameters": {"p": {"type": "string", "defaultValue": "child"}}, "variables": {"v": "child-var"},
               "resources": [{"type": "Microsoft.Network/routeTables", "apiVersion": "2023-04-01",
                              "name": "[concat(parameters('p'), '-', variables('v'))]", "properties": {}}],
               "outputs": {"name": {"type": "string", "value": "[concat(parameters('p'), '-', variables('v'))]"}}}}}],
         "outputs": {"fromChild": {"type": "string", "value": "[reference('inner').outputs.name.value]"}}}
        """
    }

    @Test(arguments: [(nil as String?, "parent-parent-var"), ("outer", "parent-parent-var"), ("inner", "child-child-var")])
    func scopes(_ scope: String?, _ expected: String) {
        let r = ARMSupport.expand(Self.nested(scope: scope))
        #expect(ARMSupport.errors(r).isEmpty, "\(r.diagnostics)")
        #expect(r.documents.count == 1)   // the deployment resource itself is not emitted
        #expect(ARMSupport.string(r.documents[0], "/name") == expected)
        #expect(r.documents[0].pointer.description == "/resources/0/properties/template/resources/0")
        #expect(r.outputs.first?.value == .string(expected))
    }

    @Test func innerScopeParametersArePassed() {
        let r = ARMSupport.expand(Self.nested(scope: "inner", extra: #""parameters": {"p": {"value": "[concat(parameters('p'), '!')]"}},"#))
        #expect(ARMSupport.string(r.documents[0], "/name") == "parent!-child-var")
    }

    @Test func undeclaredPassedParameterIsAnError() {
        let r = ARMSupport.expand(Self.nested(scope: "inner", extra: #""parameters": {"nope": {"value": 1}},"#))
        #expect(ARMSupport.errors(r).first?.id == ARMDiagnosticID.parameterNotInTemplate)
    }

    @Test func resourceGroupPropertyChangesIds() {
        let r = ARMSupport.expand("""
        {"resources": [{"type": "Microsoft.Resources/deployments", "apiVersion": "2021-04-01", "name": "x", "resourceGroup": "other-rg",
           "properties": {"mode": "Incremental", "expressionEvaluationOptions": {"scope": "inner"},
             "template": {"resources": [{"type": "Microsoft.Network/routeTables", "apiVersion": "2023-04-01", "name": "rt"}]}}}]}
        """)
        #expect(ARMSupport.string(r.documents[0], "/id") == "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/other-rg/providers/Microsoft.Network/routeTables/rt")
    }

    @Test func linkedTemplatesByRelativePathAndURI() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nettwin-arm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try """
        {"parameters": {"n": {"type": "string"}}, "resources": [{"type": "Microsoft.Network/routeTables", "apiVersion": "2023-04-01", "name": "[parameters('n')]"}],
         "outputs": {"id": {"type": "string", "value": "[resourceId('Microsoft.Network/routeTables', parameters('n'))]"}}}
        """.write(to: dir.appendingPathComponent("sub/linked.json"), atomically: true, encoding: .utf8)
        let main = """
        {"resources": [
          {"type": "Microsoft.Resources/deployments", "apiVersion": "2021-04-01", "name": "rel",
           "properties": {"mode": "Incremental", "templateLink": {"relativePath": "sub/linked.json"}, "parameters": {"n": {"value": "rt-linked"}}}},
          {"type": "Microsoft.Resources/deployments", "apiVersion": "2021-04-01", "name": "remote",
           "properties": {"mode": "Incremental", "templateLink": {"uri": "https://example.com/t.json"}}},
          {"type": "Microsoft.Resources/deployments", "apiVersion": "2021-04-01", "name": "missing",
           "properties": {"mode": "Incremental", "templateLink": {"relativePath": "nope.json"}}},
          {"type": "Microsoft.Network/routeTables", "apiVersion": "2023-04-01", "name": "local"}],
         "outputs": {"linkedId": {"type": "string", "value": "[reference('rel').outputs.id.value]"},
                     "remoteOut": {"type": "string", "value": "[reference('remote').outputs.x.value]"}}}
        """
        try main.write(to: dir.appendingPathComponent("main.json"), atomically: true, encoding: .utf8)
        let r = TemplateExpander(context: DeploymentContext()).expand(templatePath: dir.appendingPathComponent("main.json").path, parametersPath: nil)
        #expect(r.documents.compactMap { ARMSupport.string($0, "/name") } == ["rt-linked", "local"])
        #expect(r.documents[0].file.path.hasSuffix("sub/linked.json"))
        #expect(r.documents[0].pointer.description == "/resources/0")
        #expect(r.diagnostics.contains { $0.id == ARMDiagnosticID.templateLinkRemote && $0.severity == .warning && $0.message.contains("https://example.com/t.json") })
        #expect(ARMSupport.errors(r).map(\.id) == [ARMDiagnosticID.templateLinkUnreadable])
        if case .string(let id)? = r.outputs.first(where: { $0.name == "linkedId" })?.value { #expect(id.hasSuffix("/routeTables/rt-linked")) }
        else { Issue.record("linkedId missing") }
        #expect(r.outputUnknowns.contains { $0.output == "remoteOut" })
    }

    @Test func selfLinkingTemplateStopsAtTheDepthLimit() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nettwin-arm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try """
        {"resources": [{"type": "Microsoft.Resources/deployments", "apiVersion": "2021-04-01", "name": "again",
           "properties": {"mode": "Incremental", "templateLink": {"relativePath": "self.json"}}}]}
        """.write(to: dir.appendingPathComponent("self.json"), atomically: true, encoding: .utf8)
        let r = TemplateExpander(context: DeploymentContext()).expand(templatePath: dir.appendingPathComponent("self.json").path, parametersPath: nil)
        #expect(ARMSupport.errors(r).contains { $0.id == ARMDiagnosticID.templateDepth })
    }
}
