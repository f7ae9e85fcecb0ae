import ArgumentParser
import NetTwinARM
import NetTwinCore
import NetTwinRender

struct Expand: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Expand an ARM template (+ parameters) into the resources Azure would deploy.",
        discussion: """
            JSON output is an ARM list response {"value": [...]} of resource documents shaped like an export \
            (so it can be fed back to any nettwin command), plus "outputs" and "deployTimeValues" (where values \
            known only at deployment time ended up; they are null in the documents). Secure parameter values \
            print as <secure>. Diagnostics go to standard error. Exit status: 0 expanded (warnings allowed); \
            1 the template has errors Azure would reject; 2 the template could not be read or parsed.
            """
    )

    @Argument(help: "The ARM template (JSON).") var template: String
    @OptionGroup(title: "Templates") var templates: TemplateFlags
    @OptionGroup var output: OutputOptions

    func run() throws {
        var loaded = InputLoader().load(paths: [template])
        if loaded.hasUnreadableInput || loaded.templates.isEmpty {
            // Every input-level problem is said (an empty folder is a warning of the loader, and the reason nothing was read).
            for diagnostic in loaded.diagnostics where diagnostic.severity != .note { printError(diagnostic.description) }
            if loaded.templates.isEmpty && !loaded.hasUnreadableInput { printError("error: '\(template)' holds no ARM deployment template") }
            throw ExitStatus.badInput
        }
        let options = try templates.options()
        let expander = TemplateExpander(context: options.context)
        var parameters: SourceFile?
        if let path = options.parametersPath {
            var scratch = LoadedInputs()
            InputLoader().loadFile(path, into: &scratch)
            guard let file = scratch.parameterFiles.first else {
                // A syntax error is reported as such, with its line and column; otherwise the file is some other JSON.
                let errors = scratch.diagnostics.filter { $0.severity == .error }
                for diagnostic in errors { printError(diagnostic.description) }
                if errors.isEmpty { printError("error: '\(path)' is not an ARM parameters file (expected a '$schema' ending in deploymentParameters.json#)") }
                throw ExitStatus.badInput
            }
            parameters = file
        }
        let result = expander.expand(template: loaded.templates[0], parameters: parameters, overrides: options.overrides).redacted()
        loaded.diagnostics.removeAll { $0.id == DiagnosticID.templateNotExpanded }
        for diagnostic in loaded.diagnostics + result.diagnostics { printError(diagnostic.description) }
        switch output.format {
        case .json:
            let value = JSONValue.object([
                member("value", .array(result.documents.map { JSONNode($0.node.value) })),
                member("outputs", .object(result.outputs.map { member($0.name, $0.value) })),
                member("deployTimeValues", .array(result.unknowns.map { unknown in
                    JSONNode(.object([
                        member("resource", .string(result.documents[unknown.document].node["id"]?.stringValue ?? "")),
                        member("pointer", .string(unknown.pointer.description)),
                        member("reason", .string(unknown.reason)),
                    ]))
                })),
            ])
            try output.writeJSON(value)
        case .text:
            var table = TextTable(headers: ["TYPE", "NAME", "LOCATION", "DEPLOY-TIME VALUES"])
            for (index, document) in result.documents.enumerated() {
                let node = document.node
                table.append([
                    node["type"]?.stringValue ?? "?", node["name"]?.stringValue ?? "?", node["location"]?.stringValue ?? "-",
                    String(result.unknowns.count { $0.document == index }),
                ])
            }
            var text = "\(template): \(result.documents.count) resource\(result.documents.count == 1 ? "" : "s")\n" + table.render() + "\n"
            if !result.outputs.isEmpty {
                text += "\nOutputs\n"
                for output in result.outputs { text += "  \(output.name) = \(JSONWriter.string(output.value, options: { var o = JSONWriter.Options(); o.pretty = false; return o }()))\n" }
            }
            try output.write(text)
        }
        if result.hasErrors { throw ExitStatus.invalidConfiguration }
    }
}
