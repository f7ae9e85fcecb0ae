import NetTwinCore

// libFuzzer target: the ARM expression parser and evaluator, driven from a template skeleton: the input is used as an
// output's value expression (`[<input>]`) and as a variable, so that every function can be reached.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExpression(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    guard let text = String(bytes: bytes, encoding: .utf8) else { return 0 }
    let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\t", with: "\\t")
    let template = """
        {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0",
         "parameters": {"s": {"type": "securestring", "defaultValue": "hunter2"}, "o": {"type": "object", "defaultValue": {"a": [1, 2, {"b": "c"}]}}},
         "variables": {"v": "[\(escaped)]", "w": [1, "two", {"three": 3}]},
         "resources": [{"type": "Microsoft.Network/routeTables", "apiVersion": "2023-04-01", "name": "[string(variables('v'))]", "location": "westeurope", "properties": {"x": "[variables('v')]"}}],
         "outputs": {"o": {"type": "string", "value": "[string(\(escaped))]"}}}
        """
    guard let document = try? JSONParser.parse(Array(template.utf8)) else { return 0 }
    _ = TemplateExpander(context: DeploymentContext()).expand(template: SourceFile(path: "fuzz.json", json: document), parameters: nil, overrides: [:]).redacted()
    return 0
}
