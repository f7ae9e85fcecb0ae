import Foundation
import NetTwinCore

/// Expands an ARM deployment template (and its parameters) into the resources Azure would deploy.
public struct TemplateExpander: Sendable {
    public var context: DeploymentContext

    public init(context: DeploymentContext) { self.context = context }

    /// - Parameters:
    ///   - parameters: an ARM parameters file (optional).
    ///   - overrides: `-p name=value` values (the value is parsed as JSON if it parses, else taken as a string).
    public func expand(template: SourceFile, parameters: SourceFile?, overrides: [String: String]) -> ExpansionResult {
        let session = ExpansionSession(context: context)
        let root = template.json.root
        var result = ExpansionResult()
        guard root.objectValue != nil else {
            result.diagnostics.append(Diagnostic(.error, id: ARMDiagnosticID.templateInvalid,
                "a template must be a JSON object, found \(root.typeName)", at: template.location(of: root, pointer: JSONPointer())))
            return result
        }
        for file in [template] + (parameters.map { [$0] } ?? []) {
            DuplicateKeys.check(file) { severity, message, location in session.report(severity, ARMDiagnosticID.duplicateKey, message, at: location) }
        }
        let declared = Set((root.member(caseInsensitive: "parameters")?.objectValue ?? []).map { $0.key.lowercased() })
        let declTypes = Dictionary((root.member(caseInsensitive: "parameters")?.objectValue ?? []).map {
            ($0.key.lowercased(), $0.value.member(caseInsensitive: "type")?.stringValue?.lowercased() ?? "")
        }, uniquingKeysWith: { a, _ in a })
        var supplied: [String: ARMValue] = [:]
        if let parameters {
            let proot = parameters.json.root
            if parameters.json.byteCount > TemplateLimits.parametersFileBytes {
                session.report(.error, ARMDiagnosticID.limitParametersFileSize,
                    "the parameters file is \(parameters.json.byteCount) bytes; Azure limits it to 4 MB (\(TemplateLimits.source): \"The parameter file is also limited to 4 MB\")",
                    at: parameters.location(of: proot, pointer: JSONPointer()))
            }
            let values = proot.member(caseInsensitive: "parameters")?.objectValue
            if values == nil {
                session.report(.error, ARMDiagnosticID.parametersFileInvalid, "the parameters file has no 'parameters' object",
                    at: parameters.location(of: proot, pointer: JSONPointer()))
            }
            for m in values ?? [] {
                let ptr = JSONPointer().appending("parameters").appending(m.key)
                if let v = m.value.member(caseInsensitive: "value") {
                    supplied[m.key.lowercased()] = ARMValue(json: v.value)
                } else if let reference = m.value.member(caseInsensitive: "reference") {
                    // key-vault-parameter.md: {"reference": {"keyVault": {"id": "<vault resource ID>"}, "secretName": "..."}}.
                    let vault = reference.member(caseInsensitive: "keyVault")?.member(caseInsensitive: "id")
                    if vault?.stringValue == nil || reference.member(caseInsensitive: "secretName")?.stringValue == nil {
                        session.report(.error, ARMDiagnosticID.parametersFileInvalid,
                            "the Key Vault reference of parameter '\(m.key)' needs 'keyVault.id' (the vault's resource ID) and 'secretName' as strings; found \(vault.map { "an id of type \($0.typeName)" } ?? "no keyVault.id")",
                            at: parameters.location(of: reference, pointer: ptr.appending("reference")))
                    }
                    // A Key Vault reference is a secret whose value Azure reads at deployment.
                    supplied[m.key.lowercased()] = .secret(.unknown("key vault secret for parameter '\(m.key)'"))
                } else {
                    session.report(.error, ARMDiagnosticID.parametersFileInvalid, "the parameter '\(m.key)' in the parameters file has neither 'value' nor 'reference'",
                        at: parameters.location(of: m.value, pointer: ptr))
                    continue
                }
                if !declared.contains(m.key.lowercased()) {
                    session.report(.error, ARMDiagnosticID.parameterNotInTemplate,
                        "the parameters file gives a value for '\(m.key)', which the template does not declare",
                        at: parameters.location(of: m.value, pointer: ptr))
                }
            }
        }
        for (name, raw) in overrides.sorted(by: { $0.key < $1.key }) {
            let key = name.lowercased()
            var value: ARMValue = .string(raw)
            let type = declTypes[key] ?? ""
            if type != "string" && type != "securestring", let doc = try? JSONParser.parse(raw) {
                value = ARMValue(json: doc.root.value)
            }
            supplied[key] = value
            if !declared.contains(key) {
                session.report(.error, ARMDiagnosticID.parameterNotInTemplate, "the parameter '\(name)' given on the command line is not declared by the template",
                    at: SourceLocation(file: template.path))
            }
        }
        let schema = root.member(caseInsensitive: "$schema")?.stringValue
        let target = TargetScope(level: TargetScope.level(ofSchema: schema), subscriptionId: .string(context.subscriptionId),
            resourceGroup: .string(context.resourceGroup), location: .string(context.location))
        let scope = TemplateScope(session: session, file: template, root: root, pointer: JSONPointer(), target: target,
            deploymentName: context.deploymentName, supplied: supplied, outer: nil, depth: 0)
        let outputs = scope.expand()
        defer { session.tearDown() }

        result.documents = session.documents
        result.linkedTemplatePaths = session.linkedFiles.keys.sorted()
        result.unknowns = session.unknowns
        result.diagnostics += session.diagnostics
        result.secretStrings = session.secretStrings
        result.secureOutputs = scope.secureOutputNames
        result.evaluationWork = session.evaluationWork
        for (name, entry) in outputs.objectValue?.pairs ?? [] {
            let value = entry.objectValue?["value"] ?? .null
            var unknowns: [(JSONPointer, String)] = []
            let node = ValueRenderer.render(value, source: nil, pointer: JSONPointer(), unknowns: &unknowns)
            result.outputs.append((name, node.value))
            for (p, r) in unknowns { result.outputUnknowns.append((name, p, r)) }
        }
        return result
    }

    /// Reads, parses and expands template and parameters files from disk.
    public func expand(templatePath: String, parametersPath: String?, overrides: [String: String] = [:]) -> ExpansionResult {
        let session = ExpansionSession(context: context)
        var result = ExpansionResult()
        let template: SourceFile
        switch session.loadFile(templatePath) {
        case .success(let f): template = f
        case .failure(let failure):
                let message = failure.message
            result.diagnostics.append(Diagnostic(.error, id: ARMDiagnosticID.templateInvalid, message, at: SourceLocation(file: templatePath)))
            return result
        }
        var parameters: SourceFile?
        if let parametersPath {
            switch session.loadFile(parametersPath) {
            case .success(let f): parameters = f
            case .failure(let failure):
                let message = failure.message
                result.diagnostics.append(Diagnostic(.error, id: ARMDiagnosticID.parametersFileInvalid, message, at: SourceLocation(file: parametersPath)))
                return result
            }
        }
        return expand(template: template, parameters: parameters, overrides: overrides)
    }
}
