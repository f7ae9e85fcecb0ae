import Foundation
import NetTwinARM
import NetTwinCore

// Expands every <corpus>/*/azuredeploy.json (with azuredeploy.parameters.json when present) and
// prints the time taken and the error diagnostics. Usage: arm-bench [corpus folder] [rounds]
// (the time printed is the best round). `arm-bench -synthetic [rounds]`: the synthetic template of
// Synthetic.swift (800-copy loops, nested deployments), parse + expansion, best of the rounds.
let args = CommandLine.arguments
if args.count > 1, args[1] == "-synthetic" {
    SyntheticTemplate.run(rounds: args.count > 2 ? Int(args[2]) ?? 3 : 3)
    exit(0)
}
let corpus = args.count > 1 ? args[1] : "/work/shared/corpus/arm"
let repeats = args.count > 2 ? Int(args[2]) ?? 1 : 1
let folders = ((try? FileManager.default.contentsOfDirectory(atPath: corpus)) ?? []).sorted()
    .filter { FileManager.default.fileExists(atPath: "\(corpus)/\($0)/azuredeploy.json") }
let expander = TemplateExpander(context: DeploymentContext())
/// With -map-quickstarts: quickstart URLs found in a template are read from the template's folder.
func expanderFor(_ folder: String) -> TemplateExpander {
    guard args.contains("-map-quickstarts"),
        let text = try? String(contentsOfFile: "\(corpus)/\(folder)/azuredeploy.json", encoding: .utf8) + (String(contentsOfFile: "\(corpus)/\(folder)/azuredeploy.parameters.json", encoding: .utf8))
    else { return expander }
    var context = DeploymentContext()
    let base = "https://raw.githubusercontent.com/Azure/azure-quickstart-templates/master/"
    var rest = Substring(text)
    while let r = rest.range(of: base) {
        let after = rest[r.upperBound...]
        let sample = after.prefix { $0 != "/" && $0 != "\"" }
        context.templateURIMappings[base + sample + "/"] = "\(corpus)/\(folder)"
        rest = after
    }
    return TemplateExpander(context: context)
}
var failures = 0, documents = 0, unknowns = 0, warnings = 0
let start = Date()
var best = Double.infinity
for round in 0..<repeats {
    let roundStart = Date()
    defer { best = min(best, Date().timeIntervalSince(roundStart)) }
    for folder in folders {
        let template = "\(corpus)/\(folder)/azuredeploy.json"
        let params = "\(corpus)/\(folder)/azuredeploy.parameters.json"
        let result = expanderFor(folder).expand(templatePath: template,
            parametersPath: FileManager.default.fileExists(atPath: params) ? params : nil)
        guard round == 0 else { continue }
        documents += result.documents.count
        unknowns += result.unknowns.count
        warnings += result.diagnostics.count { $0.severity == .warning }
        let errors = result.diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty {
            failures += 1
            print("FAIL \(folder): \(errors.count) error(s); first: \(errors[0])")
        }
        if args.contains("-v") {
            print("\(folder): \(result.documents.count) resources, \(result.unknowns.count) unknowns")
            for d in result.diagnostics { print("   \(d)") }
        }
    }
}
let elapsed = Date().timeIntervalSince(start)
print("\(folders.count) templates, \(folders.count - failures) with zero errors, \(documents) resources, \(unknowns) unknown values, \(warnings) warnings")
print(String(format: "time: %.3f s for %d round(s), %.1f ms per round on average, best round %.1f ms", elapsed, repeats,
    elapsed * 1000 / Double(repeats), best * 1000))

// `arm-bench <corpus> 1 -dump <folder>`: print the expanded documents of one template.
if let i = args.firstIndex(of: "-dump"), i + 1 < args.count {
    let folder = args[i + 1]
    let params = "\(corpus)/\(folder)/azuredeploy.parameters.json"
    let r = expander.expand(templatePath: "\(corpus)/\(folder)/azuredeploy.json",
        parametersPath: FileManager.default.fileExists(atPath: params) ? params : nil).redacted()
    for d in r.documents { print("\(d.pointer): \(d.node.value)") }
    for o in r.outputs { print("output \(o.name) = \(o.value)") }
    for u in r.unknowns { print("unknown doc \(u.document) \(u.pointer): \(u.reason)") }
}
