import Foundation
import NetTwinARM
import NetTwinCore

/// Helpers shared by the tests.
enum ARMSupport {
    static let corpus = "/work/shared/corpus/arm"
    static let samples = corpus + "/_function-samples"
    static var corpusPresent: Bool { FileManager.default.fileExists(atPath: corpus) }

    static func source(_ text: String, path: String = "test.json") -> SourceFile {
        var options = JSONParseOptions()
        options.allowComments = true
        options.allowMultilineStrings = true
        return SourceFile(path: path, json: try! JSONParser.parse(text, options: options))
    }

    static func expand(_ template: String, parameters: String? = nil, overrides: [String: String] = [:],
                       context: DeploymentContext = DeploymentContext()) -> ExpansionResult
    {
        TemplateExpander(context: context).expand(template: source(template), parameters: parameters.map { source($0, path: "params.json") },
            overrides: overrides)
    }

    /// Expands a template whose only interesting part is one output value.
    static func evaluate(_ expression: String, variables: String = "{}", context: DeploymentContext = DeploymentContext()) -> (JSONValue?, [Diagnostic]) {
        let escaped = expression.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        let t = """
        {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0",
         "variables": \(variables), "resources": [], "outputs": {"o": {"type": "", "value": "\(escaped)"}}}
        """
        let r = expand(t, context: context)
        return (r.outputs.first { $0.name == "o" }?.value, r.diagnostics)
    }

    static func errors(_ r: ExpansionResult) -> [Diagnostic] { r.diagnostics.filter { $0.severity == .error } }

    static func json(_ text: String) -> JSONValue { try! JSONParser.parse(text).root.value }

    /// Value of a member path in a document.
    static func value(_ d: ResourceDocument, _ pointer: String) -> JSONValue? {
        d.node.node(at: JSONPointer(parsing: pointer)!)?.value
    }

    static func string(_ d: ResourceDocument, _ pointer: String) -> String? {
        if case .string(let s)? = value(d, pointer) { return s }
        return nil
    }
}
