import NetTwinCore

/// Azure's documented limits for one template, in the words of "ARM template best practices",
/// section "Template limits" (articles/azure-resource-manager/templates/best-practices.md,
/// learn.microsoft.com/azure/azure-resource-manager/templates/best-practices):
///
/// > Limit the size of your template to 4 MB, and each resource definition to 1 MB. […] The parameter
/// > file is also limited to 4 MB. […] You're also limited to: 256 parameters, 512 variables,
/// > 800 resources (including copy count), 64 output values, 10 unique locations per
/// > subscription/tenant/management group scope, 24,576 characters in a template expression.
/// > You can exceed some template limits by using a nested template.
///
/// The limits apply to each template (a nested or linked template has its own). Older revisions of the
/// page (and docs.azure.cn) say 256 variables; the current one says 512, which is what we enforce.
public enum TemplateLimits {
    public static let parameters = 256
    public static let variables = 512
    public static let resources = 800
    public static let outputs = 64
    public static let expressionCharacters = 24_576
    /// 4 MB, taken as 4 × 1024 × 1024 bytes.
    public static let templateBytes = 4 * 1024 * 1024
    public static let parametersFileBytes = 4 * 1024 * 1024

    static let source = "ARM template best practices, Template limits"

    /// The largest value an expression may compute: 4 MiB of text (a string's UTF-8 bytes) or 4 Mi cells (elements,
    /// members, scalars) in an array or object. Azure limits the whole template, "after it has been expanded with
    /// iterative resource definitions, and values for variables and parameters", to 4 MB, so no deployable template
    /// holds a larger value; NetTwin stops there instead of exhausting memory.
    public static let valueCells = 4 * 1024 * 1024
    /// The total size of every value computed in one expansion (function results, lambda results, copy elements):
    /// 64 Mi cells. The most demanding corpus template (avm-private-link-private-dns-zones) computes 3.6 Mi, 18 times
    /// less, measured on 2026-12-07; an expression bomb (a quadratic `reduce`, a string
    /// doubled in a loop) is stopped with a located error instead of running for minutes.
    public static let evaluationCells = 64 * 1024 * 1024

    static func message(_ what: String, count: Int, limit: Int, wording: String) -> String {
        "the template has \(count) \(what); Azure allows at most \(limit) (\(source): \"You're also limited to: … \(wording)\")"
    }
}

extension TemplateScope {
    /// Checks the limits that are known before evaluation: parameters, variables, outputs, size.
    func checkDeclarationLimits() {
        let here = location(root, pointer)
        if let params = root.member(caseInsensitive: "parameters")?.objectValue, params.count > TemplateLimits.parameters {
            session.report(.error, ARMDiagnosticID.limitParameters,
                TemplateLimits.message("parameters", count: params.count, limit: TemplateLimits.parameters, wording: "256 parameters"),
                at: location(root.member(caseInsensitive: "parameters"), pointer.appending("parameters")))
        }
        let variableCount = variableDecls.count + variableCopies.count
        if variableCount > TemplateLimits.variables {
            session.report(.error, ARMDiagnosticID.limitVariables,
                TemplateLimits.message("variables", count: variableCount, limit: TemplateLimits.variables, wording: "512 variables"),
                at: location(root.member(caseInsensitive: "variables"), pointer.appending("variables")))
        }
        if let outputs = root.member(caseInsensitive: "outputs")?.objectValue, outputs.count > TemplateLimits.outputs {
            session.report(.error, ARMDiagnosticID.limitOutputs,
                TemplateLimits.message("outputs", count: outputs.count, limit: TemplateLimits.outputs, wording: "64 output values"),
                at: location(root.member(caseInsensitive: "outputs"), pointer.appending("outputs")))
        }
        // A main or linked template is a whole file; an inline nested template is part of its parent's.
        if pointer.isRoot, file.json.byteCount > TemplateLimits.templateBytes {
            session.report(.error, ARMDiagnosticID.limitTemplateSize,
                "the template file is \(file.json.byteCount) bytes; Azure limits a template to 4 MB (\(TemplateLimits.source): \"Limit the size of your template to 4 MB\"; Azure measures the template after expansion, we measure the file)",
                at: here)
        }
    }

    /// 800 resources per template, copies included (checked once the instances are enumerated).
    func checkResourceLimit() {
        guard instances.count > TemplateLimits.resources else { return }
        session.report(.error, ARMDiagnosticID.limitResources,
            TemplateLimits.message("resources (copies included)", count: instances.count, limit: TemplateLimits.resources,
                wording: "800 resources (including copy count)"),
            at: location(root.member(caseInsensitive: "resources"), pointer.appending("resources")))
    }
}
