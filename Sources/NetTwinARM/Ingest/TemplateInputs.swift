import Foundation
import NetTwinCore

/// How templates among the inputs are expanded: the deployment context and parameter values.
public struct TemplateOptions: Sendable {
    public var context = DeploymentContext()
    /// `--parameters FILE`: for the template given (with one template only).
    public var parametersPath: String?
    /// `-p name=value`.
    public var overrides: [String: String] = [:]
    public init() {}
}

extension LoadedInputs {
    /// Expands every template among the inputs into resource documents, as Azure would deploy it,
    /// so that every command accepts templates wherever it accepts exported resources. A template's
    /// parameters come from `--parameters`, else from a sibling `NAME.parameters.json` given too, else
    /// from the defaults (a required parameter without a value is an unknown, or an error with strict).
    public mutating func expandTemplates(_ options: TemplateOptions) {
        guard !templates.isEmpty else {
            if let path = options.parametersPath {
                diagnostics.append(Diagnostic(.error, id: DiagnosticID.parametersFile, "'--parameters \(path)' was given, but no input is an ARM template", at: SourceLocation(file: path)))
            }
            return
        }
        var explicitParameters: SourceFile?
        if let path = options.parametersPath {
            var scratch = LoadedInputs()
            InputLoader().loadFile(path, into: &scratch)
            if let file = scratch.parameterFiles.first {
                explicitParameters = file
            } else {
                let errors = scratch.diagnostics.filter { $0.severity == .error }
                diagnostics += errors
                if errors.isEmpty {
                    diagnostics.append(Diagnostic(.error, id: DiagnosticID.parametersFile, "'\(path)' is not an ARM parameters file (expected a '$schema' ending in deploymentParameters.json#)", at: SourceLocation(file: path)))
                }
                files.append(InputFile(path: path, kind: .unreadable, resourceCount: 0))
            }
            if templates.count > 1 {
                diagnostics.append(Diagnostic(.error, id: DiagnosticID.parametersFile, "'--parameters' applies to one template, but \(templates.count) templates were given; pass the template alone or name parameters files NAME.parameters.json beside each template", at: SourceLocation(file: path)))
                explicitParameters = nil
            }
        }
        let expander = TemplateExpander(context: options.context)
        let linked = linkedTemplatePaths()
        // Expand every template not linked by its text; the files read as linked templates while expanding
        // (a URI mapped with --map-uri, a link built by expressions) are linked too.
        var expansions: [String: (parameters: SourceFile?, result: ExpansionResult)] = [:]
        var readThroughLinks = Set<String>()
        for template in templates where !linked.contains(URL(fileURLWithPath: template.path).standardizedFileURL.path) {
            let parameters = explicitParameters ?? sibling(of: template)
            let result = expander.expand(template: template, parameters: parameters, overrides: options.overrides).redacted()
            expansions[template.path] = (parameters, result)
            for path in result.linkedTemplatePaths { readThroughLinks.insert(URL(fileURLWithPath: path).standardizedFileURL.path) }
        }
        for template in templates {
            // A template another input links to (templateLink.relativePath, or a uri ending in its
            // path) is expanded through its parent, not on its own with missing parameters.
            let standardized = URL(fileURLWithPath: template.path).standardizedFileURL.path
            if linked.contains(standardized) || readThroughLinks.contains(standardized) {
                diagnostics.removeAll { $0.id == DiagnosticID.templateNotExpanded && $0.location?.file == template.path }
                diagnostics.append(Diagnostic(
                    .note, id: DiagnosticID.templateExpanded,
                    "linked template: expanded through the template that links to it, not on its own",
                    at: SourceLocation(file: template.path)))
                continue
            }
            guard let (parameters, result) = expansions[template.path] else { continue }
            diagnostics.removeAll { $0.id == DiagnosticID.templateNotExpanded && $0.location?.file == template.path }
            let offset = documents.count
            documents += result.documents
            diagnostics += result.diagnostics
            for unknown in result.unknowns {
                let document = result.documents[unknown.document]
                let name = document.node["name"]?.stringValue ?? "resource"
                diagnostics.append(Diagnostic(
                    .note, id: DiagnosticID.deployTimeValue,
                    "'\(name)' \(unknown.pointer) is known only at deployment time (\(unknown.reason))",
                    at: document.location))
            }
            diagnostics.append(Diagnostic(
                .note, id: DiagnosticID.templateExpanded,
                "template expanded to \(result.documents.count) resource\(result.documents.count == 1 ? "" : "s")\(parameters.map { " with parameters from '\($0.path)'" } ?? "")",
                at: SourceLocation(file: template.path)))
            if let index = files.firstIndex(where: { $0.path == template.path }) { files[index].resourceCount = documents.count - offset }
        }
    }

    /// Paths of input templates that another input template links to.
    func linkedTemplatePaths() -> Set<String> {
        let paths = templates.map { URL(fileURLWithPath: $0.path).standardizedFileURL.path }
        var result = Set<String>()
        for template in templates {
            let folder = URL(fileURLWithPath: template.path).deletingLastPathComponent()
            var links: [String] = []
            func walk(_ node: JSONNode) {
                switch node.value {
                case .object(let members):
                    for member in members {
                        let key = member.key.lowercased()
                        if key == "templatelink", let link = member.value.objectValue {
                            for entry in link where ["relativepath", "uri"].contains(entry.key.lowercased()) {
                                if let text = entry.value.stringValue { links.append(text) }
                            }
                        }
                        walk(member.value)
                    }
                case .array(let items): items.forEach(walk)
                default: break
                }
            }
            walk(template.json.root)
            for link in links {
                if !link.hasPrefix("[") && !link.contains("://") {
                    result.insert(folder.appendingPathComponent(link).standardizedFileURL.path)
                    continue
                }
                // An expression or a URL: match input templates below this folder whose relative path ends the link text.
                for path in paths where path.hasPrefix(folder.standardizedFileURL.path + "/") {
                    let relative = String(path.dropFirst(folder.standardizedFileURL.path.count + 1))
                    if link.contains(relative) { result.insert(path) }
                }
            }
        }
        return result
    }

    /// `azuredeploy.json` → `azuredeploy.parameters.json` among the parameters files given.
    func sibling(of template: SourceFile) -> SourceFile? {
        let url = URL(fileURLWithPath: template.path)
        let stem = url.deletingPathExtension().lastPathComponent
        let expected = url.deletingLastPathComponent().appendingPathComponent(stem + ".parameters.json").standardizedFileURL.path
        return parameterFiles.first { URL(fileURLWithPath: $0.path).standardizedFileURL.path == expected }
    }
}
