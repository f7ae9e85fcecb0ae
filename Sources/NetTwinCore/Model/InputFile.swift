/// What an input file turned out to be.
public enum InputKind: String, Sendable, CaseIterable {
    /// A JSON array of resources (`az resource list`, `az network vnet list`).
    case resourceArray
    /// An ARM list response `{"value": [...]}` (REST API, `az rest`).
    case listResponse
    /// Azure Resource Graph output `{"data": [...]}` (objectArray) or `{"data": {"columns", "rows"}}` (table).
    case resourceGraph
    /// One resource object (`az network vnet show`).
    case singleResource
    /// An ARM deployment template (`$schema` …/deploymentTemplate.json#).
    case deploymentTemplate
    /// An ARM parameters file (`$schema` …/deploymentParameters.json#).
    case deploymentParameters
    /// JSON that is none of the above.
    case unrecognised
    /// Found while walking a folder and not an Azure input: skipped with a warning.
    case skipped
    /// A file that could not be read or parsed.
    case unreadable
}

/// One input file and what was found in it.
public struct InputFile: Sendable, Hashable {
    public var path: String
    public var kind: InputKind
    public var resourceCount: Int

    public init(path: String, kind: InputKind, resourceCount: Int) {
        self.path = path
        self.kind = kind
        self.resourceCount = resourceCount
    }
}
