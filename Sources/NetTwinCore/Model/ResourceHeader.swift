/// What every modelled resource has: its ID, name, type, region and where it came from.
public struct ResourceHeader: Hashable, Sendable {
    public var id: ResourceID
    /// The resource's own name (the last segment of its ID: `default` for a subnet).
    public var name: String
    /// The ARM type as Azure spells it (`Microsoft.Network/virtualNetworks`).
    public var type: String
    /// The normalized region (`westeurope`), `global` for global resources, nil when not given.
    public var location: String?
    /// Where the resource's JSON object is in the input.
    public var source: SourceLocation?
    /// The availability zones the resource is pinned to (`zones`); empty for a regional or zone-redundant one
    /// unless the input lists several.
    public var zones: [String]

    public init(id: ResourceID, name: String? = nil, type: String, location: String? = nil, source: SourceLocation? = nil, zones: [String] = []) {
        self.id = id
        self.name = name ?? id.name
        self.type = type
        self.location = location.map(Region.normalize)
        self.source = source
        self.zones = zones
    }
}

/// Azure region names: `West Europe` and `westeurope` are the same region.
public enum Region {
    public static func normalize(_ name: String) -> String {
        String(name.lowercased().filter { $0 != " " })
    }
}

/// An Azure string enumeration read case-insensitively (ARM accepts `tcp` for `Tcp`).
public protocol AzureEnum: RawRepresentable, CaseIterable, Hashable, Sendable where RawValue == String {}

extension AzureEnum {
    public init?(azure text: String) {
        let lowered = text.lowercased()
        guard let match = Self.allCases.first(where: { $0.rawValue.lowercased() == lowered }) else { return nil }
        self = match
    }
    /// The accepted spellings, for error messages: `'Allow', 'Deny'`.
    public static var acceptedValues: String { allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ") }
}

/// A reference from one resource to another, which may be missing from the input.
public struct ExternalReference: Hashable, Sendable {
    /// The ID that was referenced and not found.
    public var target: ResourceID
    /// What kind of resource was expected there (`Microsoft.Network/networkSecurityGroups`).
    public var expectedType: String
    /// The resource that holds the reference.
    public var referencedBy: ResourceID
    /// The property that holds it (`properties.networkSecurityGroup.id`).
    public var location: SourceLocation?

    public init(target: ResourceID, expectedType: String, referencedBy: ResourceID, location: SourceLocation?) {
        self.target = target
        self.expectedType = expectedType
        self.referencedBy = referencedBy
        self.location = location
    }
}

/// A resource whose type NetTwin does not model: counted and listed, never dropped silently.
public struct UnmodelledResource: Hashable, Sendable {
    public var id: ResourceID?
    public var type: String
    public var name: String?
    public var location: String?
    public var source: SourceLocation?
}
