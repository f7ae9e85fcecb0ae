import NetTwinCore
import Testing
@testable import NetTwinARM

/// Azure's template limits, as "ARM template best practices" states them (Template limits,
/// articles/azure-resource-manager/templates/best-practices.md): 256 parameters, 512 variables,
/// 800 resources (including copy count), 64 output values, 24,576 characters in a template
/// expression, 4 MB for the template and for the parameter file. Each limit: at the limit is
/// fine, one past it is an error with Azure's wording; a nested template has its own limits.
struct TemplateLimitTests {
    static func template(parameters: Int = 0, variables: Int = 0, outputs: Int = 0, resources: String = "[]") -> String {
        let p = (0..<parameters).map { "\"p\($0)\": {\"type\": \"int\", \"defaultValue\": \($0)}" }.joined(separator: ", ")
        let v = (0..<variables).map { "\"v\($0)\": \($0)" }.joined(separator: ", ")
        let o = (0..<outputs).map { "\"o\($0)\": {\"type\": \"int\", \"value\": \($0)}" }.joined(separator: ", ")
        return """
        {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0",
         "parameters": {\(p)}, "variables": {\(v)}, "resources": \(resources), "outputs": {\(o)}}
        """
    }

    static func ids(_ r: ExpansionResult) -> [String] { ARMSupport.errors(r).map(\.id) }

    @Test(arguments: [(256, false), (257, true)])
    func parameters(_ count: Int, _ fails: Bool) {
        let r = ARMSupport.expand(Self.template(parameters: count))
        #expect(Self.ids(r).contains(ARMDiagnosticID.limitParameters) == fails, "\(r.diagnostics)")
        if fails {
            let d = r.diagnostics.first { $0.id == ARMDiagnosticID.limitParameters }!
            #expect(d.message.contains("257 parameters") && d.message.contains("256 parameters"))
        }
    }

    @Test(arguments: [(512, false), (513, true)])
    func variables(_ count: Int, _ fails: Bool) {
        let r = ARMSupport.expand(Self.template(variables: count))
        #expect(Self.ids(r).contains(ARMDiagnosticID.limitVariables) == fails, "\(r.diagnostics)")
    }

    @Test(arguments: [(64, false), (65, true)])
    func outputs(_ count: Int, _ fails: Bool) {
        let r = ARMSupport.expand(Self.template(outputs: count))
        #expect(Self.ids(r).contains(ARMDiagnosticID.limitOutputs) == fails, "\(r.diagnostics)")
        #expect(r.outputs.count == count)
    }

    static func loops(_ a: Int, _ b: Int) -> String {
        """
        [{"type": "Microsoft.Network/routeTables", "apiVersion": "2023-04-01", "name": "[concat('a', copyIndex())]", "location": "westeurope", "copy": {"name": "a", "count": \(a)}},
         {"type": "Microsoft.Network/routeTables", "apiVersion": "2023-04-01", "name": "[concat('b', copyIndex())]", "location": "westeurope", "copy": {"name": "b", "count": \(b)}}]
        """
    }

    /// "800 resources (including copy count)": two loops of 400 fit, 400 + 401 do not.
    @Test(arguments: [(400, false), (401, true)])
    func resourcesIncludingCopies(_ b: Int, _ fails: Bool) {
        let r = ARMSupport.expand(Self.template(resources: Self.loops(400, b)))
        #expect(Self.ids(r).contains(ARMDiagnosticID.limitResources) == fails, "\(r.diagnostics.prefix(3))")
        #expect(r.documents.count == 400 + b)
        if fails {
            #expect(r.diagnostics.contains { $0.message.contains("801 resources") && $0.message.contains("800 resources (including copy count)") })
        }
    }

    /// "You can exceed some template limits by using a nested template": 800 in the parent (one of
    /// them the deployment) and 800 inside are both within the limits.
    @Test func nestedTemplateHasItsOwnLimit() {
        let inner = Self.template(resources: Self.loops(400, 400))
        let resources = """
        [{"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "inner",
          "properties": {"mode": "Incremental", "expressionEvaluationOptions": {"scope": "inner"}, "template": \(inner)}}]
        """
        let outer = Self.template(resources: String(Self.loops(400, 399).dropLast()) + ", " + String(resources.dropFirst()))
        let r = ARMSupport.expand(outer)
        #expect(ARMSupport.errors(r).isEmpty, "\(r.diagnostics.prefix(3))")
        // The deployment resource itself is not a document: 799 route tables outside, 800 inside.
        #expect(r.documents.count == 799 + 800)
    }

    static func expression(length: Int) -> String {
        // concat('…') is 10 characters around the literal.
        "[concat('" + String(repeating: "a", count: length - 10) + "')]"
    }

    @Test(arguments: [(24_576, false), (24_577, true)])
    func expressionLength(_ length: Int, _ fails: Bool) {
        let (value, diagnostics) = ARMSupport.evaluate(Self.expression(length: length))
        #expect(diagnostics.contains { $0.id == ARMDiagnosticID.limitExpressionLength && $0.severity == .error } == fails)
        if fails {
            #expect(diagnostics.contains { $0.message.contains("24,576 characters in a template expression") })
        } else {
            #expect(value == .string(String(repeating: "a", count: length - 10)))
        }
    }

    /// "Limit the size of your template to 4 MB": we measure the file (Azure measures it expanded).
    @Test func templateSize() {
        let filler = String(repeating: "x", count: TemplateLimits.templateBytes)
        let big = """
        {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0",
         "metadata": {"filler": "\(filler)"}, "resources": []}
        """
        #expect(Self.ids(ARMSupport.expand(big)).contains(ARMDiagnosticID.limitTemplateSize))
        #expect(!Self.ids(ARMSupport.expand(Self.template())).contains(ARMDiagnosticID.limitTemplateSize))
    }

    /// "The parameter file is also limited to 4 MB."
    @Test func parametersFileSize() {
        let t = """
        {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0",
         "parameters": {"s": {"type": "string"}}, "resources": []}
        """
        let filler = String(repeating: "y", count: TemplateLimits.parametersFileBytes)
        let big = #"{"parameters": {"s": {"value": ""# + filler + #""}}}"#
        #expect(Self.ids(ARMSupport.expand(t, parameters: big)).contains(ARMDiagnosticID.limitParametersFileSize))
        let small = #"{"parameters": {"s": {"value": "y"}}}"#
        #expect(ARMSupport.errors(ARMSupport.expand(t, parameters: small)).isEmpty)
    }
}
