/// An Azure Resource Manager resource ID.
///
/// ARM IDs compare case-insensitively ("Resource IDs are case insensitive", Azure Resource Manager
/// overview); a `ResourceID` keeps the text exactly as given for printing and compares and hashes
/// its normalized (lowercased, no trailing slash) form.
///
/// Shape: `/subscriptions/{sub}/resourceGroups/{rg}/providers/{namespace}/{type}/{name}[/{type}/{name}]…`,
/// also at subscription, tenant or extension scope (`…/providers/{ns}/{type}/{name}/providers/{ns2}/…`).
public struct ResourceID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The ID as it appeared in the input.
    public let text: String
    /// Lowercased, without a trailing slash: the comparison key.
    public let normalized: String

    public init(_ text: String) {
        var trimmed = Substring(text)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        self.text = String(trimmed)
        self.normalized = self.text.lowercased()
    }

    public var description: String { text }

    public static func == (lhs: ResourceID, rhs: ResourceID) -> Bool { lhs.normalized == rhs.normalized }
    public func hash(into hasher: inout Hasher) { hasher.combine(normalized) }
    public static func < (lhs: ResourceID, rhs: ResourceID) -> Bool { lhs.normalized < rhs.normalized }

    /// Whether the text has the shape of an ARM ID (starts with `/subscriptions/` or `/providers/`,
    /// an even number of segments after `providers`).
    public var isWellFormed: Bool {
        // A byte-level check (it runs for every reference read): after the last `providers` segment
        // come the namespace and type/name pairs; IDs without `providers` (subscriptions, resource
        // groups) take the full parse.
        let bytes = normalized.utf8
        guard bytes.first == UInt8(ascii: "/") else { return false }
        var segmentCount = 0
        var lastProviders = -1
        var segmentStart = bytes.startIndex
        var index = bytes.startIndex
        while true {
            let atEnd = index == bytes.endIndex
            if atEnd || bytes[index] == UInt8(ascii: "/") {
                if segmentStart != index {
                    if bytes[segmentStart..<index].elementsEqual("providers".utf8) { lastProviders = segmentCount }
                    segmentCount += 1
                }
                if atEnd { break }
                segmentStart = bytes.index(after: index)
            }
            index = bytes.index(after: index)
        }
        if lastProviders >= 0 {
            let rest = segmentCount - lastProviders - 1
            return rest >= 3 && rest % 2 == 1
        }
        return parsed != nil
    }

    /// The path segments, without empty ones.
    var segments: [Substring] { text.split(separator: "/", omittingEmptySubsequences: true) }

    struct Parsed {
        var subscription: String?
        var resourceGroup: String?
        /// `Microsoft.Network/virtualNetworks/subnets`
        var type: String
        /// `["vnet1", "subnet1"]`
        var names: [String]
    }

    var parsed: Parsed? {
        let parts = segments
        guard !parts.isEmpty else { return nil }
        var index = 0
        var subscription: String?
        var resourceGroup: String?
        if parts[index].lowercased() == "subscriptions" {
            guard parts.count > index + 1 else { return nil }
            subscription = String(parts[index + 1])
            index += 2
            if index < parts.count, parts[index].lowercased() == "resourcegroups" {
                guard parts.count > index + 1 else { return nil }
                resourceGroup = String(parts[index + 1])
                index += 2
            }
        }
        // The last `providers` segment starts the innermost resource (extension resources nest).
        var lastProviders: Int?
        var scan = index
        while scan < parts.count {
            if parts[scan].lowercased() == "providers" { lastProviders = scan }
            scan += 1
        }
        guard let start = lastProviders else {
            // A subscription or resource group ID.
            if resourceGroup != nil { return Parsed(subscription: subscription, resourceGroup: resourceGroup, type: "Microsoft.Resources/resourceGroups", names: [resourceGroup!]) }
            if subscription != nil, index == parts.count { return Parsed(subscription: subscription, resourceGroup: nil, type: "Microsoft.Resources/subscriptions", names: [subscription!]) }
            return nil
        }
        let rest = parts[(start + 1)...]
        guard rest.count >= 3, rest.count % 2 == 1 else { return nil }
        let namespace = rest.first!
        var types: [Substring] = [namespace]
        var names: [String] = []
        var cursor = rest.index(after: rest.startIndex)
        while cursor < rest.endIndex {
            types.append(rest[cursor])
            names.append(String(rest[rest.index(after: cursor)]))
            cursor = rest.index(cursor, offsetBy: 2)
        }
        return Parsed(subscription: subscription, resourceGroup: resourceGroup, type: types.joined(separator: "/"), names: names)
    }

    /// `Microsoft.Network/virtualNetworks/subnets` for a subnet ID; nil when the ID is not well formed.
    public var resourceType: String? { parsed?.type }
    /// The last name segment (`subnet1`).
    public var name: String {
        // The last segment (cheap: this runs for every resource read).
        guard let slash = text.lastIndex(of: "/") else { return text }
        return String(text[text.index(after: slash)...])
    }
    /// The names of the resource and its parents (`["vnet1", "subnet1"]`).
    public var names: [String] { parsed?.names ?? [] }
    public var subscriptionID: String? { parsed?.subscription }
    public var resourceGroup: String? { parsed?.resourceGroup }

    /// The parent resource of a child resource (a subnet's virtual network); nil for a top-level resource.
    public var parent: ResourceID? {
        let parts = segments
        guard let parsed, parsed.names.count >= 2, parts.count >= 2 else { return nil }
        return ResourceID("/" + parts.dropLast(2).joined(separator: "/"))
    }

    /// A child ID: `vnet.child("subnets", "default")`.
    public func child(_ type: String, _ name: String) -> ResourceID {
        ResourceID(text + "/" + type + "/" + name)
    }

    /// Builds a resource ID from its parts, as ARM's `resourceId()` does.
    public static func make(
        subscription: String, resourceGroup: String, type: String, names: [String]
    ) -> ResourceID {
        let typeParts = type.split(separator: "/")
        var text = "/subscriptions/\(subscription)/resourceGroups/\(resourceGroup)/providers/\(typeParts.first ?? "")"
        for (offset, part) in typeParts.dropFirst().enumerated() {
            text += "/\(part)/" + (offset < names.count ? names[offset] : "")
        }
        return ResourceID(text)
    }
}
