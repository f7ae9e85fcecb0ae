import Foundation

/// Builds Azure resource IDs from types and names as the resource ID functions and the
/// deployment engine do.
enum ResourceIDBuilder {
    /// `Microsoft.Network/virtualNetworks/subnets` + `vnet/sub` -> `providers/Microsoft.Network/virtualNetworks/vnet/subnets/sub`.
    /// Returns nil when the number of name segments does not match the type.
    static func providerPath(type: String, name: String) -> String? {
        let type = type.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        let typeSegments = type.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let nameSegments = name.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard typeSegments.count >= 2, nameSegments.count == typeSegments.count - 1 else { return nil }
        var path = "providers/\(typeSegments[0])"
        for (t, n) in zip(typeSegments.dropFirst(), nameSegments) { path += "/\(t)/\(n)" }
        return path
    }

    static func join(_ prefix: String, _ path: String) -> String {
        prefix.hasSuffix("/") ? prefix + path : prefix + "/" + path
    }

    static func resourceGroupID(subscription: String, resourceGroup: String) -> String {
        "/subscriptions/\(subscription)/resourceGroups/\(resourceGroup)"
    }

    /// The id of a resource of `type`/`name` deployed at `target`, or at `scopeID` for extension resources.
    static func id(type: String, name: String, target: TargetScope, scopeID: String?) -> ARMValue {
        guard let path = providerPath(type: type, name: name) else {
            return .unknown("resource name '\(name)' does not match type '\(type)'")
        }
        if let scopeID { return .string(join(scopeID, path)) }
        switch target.level {
        case .resourceGroup:
            guard case .string(let sub) = target.subscriptionId else { return target.subscriptionId }
            guard case .string(let rg) = target.resourceGroup else { return target.resourceGroup }
            return .string("\(resourceGroupID(subscription: sub, resourceGroup: rg))/\(path)")
        case .subscription:
            guard case .string(let sub) = target.subscriptionId else { return target.subscriptionId }
            if type.lowercased() == "microsoft.resources/resourcegroups" {
                return .string(resourceGroupID(subscription: sub, resourceGroup: name))
            }
            return .string("/subscriptions/\(sub)/\(path)")
        case .managementGroup:
            return .string("/providers/Microsoft.Management/managementGroups/\(target.managementGroup ?? "nettwin-mg")/\(path)")
        case .tenant:
            return .string("/\(path)")
        }
    }
}
