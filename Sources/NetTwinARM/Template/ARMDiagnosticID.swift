/// Identifiers of the diagnostics of the template expansion stage (`arm.*`).
public enum ARMDiagnosticID {
    // Expressions
    public static let expressionSyntax = "arm.expression.syntax"
    public static let expressionProperty = "arm.expression.property"
    public static let expressionIndex = "arm.expression.index"
    public static let expressionType = "arm.expression.type"
    public static let expressionDepth = "arm.expression.depth"
    // Functions
    public static let functionUnknown = "arm.function.unknown"
    public static let functionArguments = "arm.function.arguments"
    public static let functionArgumentType = "arm.function.argumentType"
    public static let functionFailed = "arm.function.failed"
    public static let functionNotAllowed = "arm.function.notAllowed"
    public static let functionRuntimeOnly = "arm.function.runtimeOnly"
    public static let functionRecursion = "arm.function.recursion"
    public static let userFail = "arm.function.fail"
    // Parameters
    public static let parameterMissing = "arm.parameter.missing"
    public static let parameterUndeclared = "arm.parameter.undeclared"
    public static let parameterNotInTemplate = "arm.parameter.notInTemplate"
    public static let parameterType = "arm.parameter.type"
    public static let parameterNotAllowed = "arm.parameter.notAllowedValue"
    public static let parameterRange = "arm.parameter.range"
    public static let parameterLength = "arm.parameter.length"
    public static let parameterCycle = "arm.parameter.cycle"
    public static let parametersFileInvalid = "arm.parameters.invalid"
    // Variables
    public static let variableUndeclared = "arm.variable.undeclared"
    public static let variableCycle = "arm.variable.cycle"
    // Copy loops
    public static let copyInvalid = "arm.copy.invalid"
    public static let copyCountLimit = "arm.copy.countLimit"
    public static let copyIndexOutside = "arm.copy.indexOutsideLoop"
    // Template
    public static let templateInvalid = "arm.template.invalid"
    public static let templateLinkUnreadable = "arm.template.linkUnreadable"
    public static let templateLinkRemote = "arm.template.linkRemote"
    public static let templateDepth = "arm.template.depth"
    public static let resourceInvalid = "arm.resource.invalid"
    public static let resourceLimit = "arm.resource.limit"
    public static let referenceCycle = "arm.reference.cycle"
    public static let referenceNotFound = "arm.reference.notFound"
    public static let outputInvalid = "arm.output.invalid"
    public static let outputType = "arm.output.type"
    // Azure's template limits (best-practices.md, "Template limits"); `arm.copy.countLimit` is the 800 of a copy loop.
    public static let limitParameters = "arm.limit.parameters"
    public static let limitVariables = "arm.limit.variables"
    public static let limitResources = "arm.limit.resources"
    public static let limitOutputs = "arm.limit.outputs"
    public static let limitExpressionLength = "arm.limit.expressionLength"
    public static let limitTemplateSize = "arm.limit.templateSize"
    public static let limitParametersFileSize = "arm.limit.parametersFileSize"
    /// NetTwin's evaluation limits (Docs/ARM-FUNCTIONS.md, "Limits"): a value larger than a deployable template, or an
    /// expansion that does more work than any real template.
    public static let limitValueSize = "arm.limit.valueSize"
    /// A key repeated in one JSON object of a template or parameters file.
    public static let duplicateKey = "arm.json.duplicateKey"
    public static let dependsOnInvalid = "arm.dependsOn.invalid"
    public static let dependsOnMissing = "arm.dependsOn.missing"
    public static let dependsOnCycle = "arm.dependsOn.cycle"
    public static let limitEvaluationWork = "arm.limit.evaluationWork"
}
