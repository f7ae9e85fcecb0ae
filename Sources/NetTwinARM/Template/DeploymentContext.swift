/// Where a template is deployed, as the CLI's `--subscription --resource-group --location --tenant`
/// flags set it. The defaults are documented and stable so outputs (ids, `uniqueString`) are reproducible.
public struct DeploymentContext: Sendable {
    public var subscriptionId = "00000000-0000-0000-0000-000000000000"
    public var resourceGroup = "nettwin-rg"
    public var location = "westeurope"
    public var tenantId = "00000000-0000-0000-0000-000000000000"
    public var deploymentName = "nettwin"
    /// A required parameter without a value is an error (as a real deployment) instead of an
    /// unknown value and a warning.
    public var strict = false
    /// Folder for `templateLink.relativePath` (default: the folder of the template that links).
    public var linkedTemplateRoot: String?
    /// Local copies of remote linked templates: a `templateLink.uri` starting with a key is read from
    /// the value folder plus the rest of the URI (query string dropped). Empty by default: remote links
    /// are then reported and their resources skipped.
    public var templateURIMappings: [String: String] = [:]
    /// Most nested deployments followed (Azure's own limit is not documented as a number here;
    /// this guards against templates that link to themselves).
    public var maxNestingDepth = 16
    /// Most resource instances one expansion produces before stopping (guards against huge copies).
    public var maxResources = 20_000

    public init() {}
}
