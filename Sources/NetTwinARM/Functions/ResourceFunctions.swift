/// Resource functions (template-functions-resource.md).
enum ResourceFunctions {
    static let all: [String: FunctionDef] = [
        "resourceId": .eager(2, nil) { a, s throws(ARMError) in
            let strings = try allStrings(a, s)
            // [subscriptionId], [resourceGroupName], resourceType, resourceName1, ...
            guard let typeIndex = strings.prefix(3).firstIndex(where: { $0.contains("/") && !$0.hasPrefix("/") }) else {
                throw s.fail("no resource type ('Namespace/type') among the first arguments")
            }
            let t = s.scope.target
            var sub = t.subscriptionId, rg = t.resourceGroup
            if typeIndex == 2 { sub = .string(strings[0]); rg = .string(strings[1]) }
            if typeIndex == 1 { rg = .string(strings[0]) }
            let path = try providerPath(strings[typeIndex], Array(strings[(typeIndex + 1)...]), s)
            if typeIndex == 0 && t.level != .resourceGroup {
                switch t.level {
                case .subscription: return sub.stringValue.map { .string("/subscriptions/\($0)/\(path)") } ?? sub
                case .tenant: return .string("/\(path)")
                case .managementGroup: return .string("/providers/Microsoft.Management/managementGroups/\(t.managementGroup ?? "nettwin-mg")/\(path)")
                case .resourceGroup: break
                }
            }
            guard case .string(let subID) = sub else { return sub }
            guard case .string(let rgName) = rg else { return rg }
            return .string("\(ResourceIDBuilder.resourceGroupID(subscription: subID, resourceGroup: rgName))/\(path)")
        },
        "subscriptionResourceId": .eager(2, nil) { a, s throws(ARMError) in
            let strings = try allStrings(a, s)
            let hasSub = !strings[0].contains("/")
            let sub: ARMValue = hasSub ? .string(strings[0]) : s.scope.target.subscriptionId
            let rest = Array(strings.dropFirst(hasSub ? 1 : 0))
            let path = try providerPath(rest[0], Array(rest.dropFirst()), s)
            guard case .string(let subID) = sub else { return sub }
            return .string("/subscriptions/\(subID)/\(path)")
        },
        "tenantResourceId": .eager(2, nil) { a, s throws(ARMError) in
            let strings = try allStrings(a, s)
            return .string("/" + (try providerPath(strings[0], Array(strings.dropFirst()), s)))
        },
        "extensionResourceId": .eager(3, nil) { a, s throws(ARMError) in
            let strings = try allStrings(a, s)
            return .string(ResourceIDBuilder.join(strings[0], try providerPath(strings[1], Array(strings.dropFirst(2)), s)))
        },
        "managementGroupResourceId": .eager(2, nil) { a, s throws(ARMError) in
            let strings = try allStrings(a, s)
            let hasMG = !strings[0].contains("/")
            let mg = hasMG ? strings[0] : (s.scope.target.managementGroup ?? "nettwin-mg")
            let rest = Array(strings.dropFirst(hasMG ? 1 : 0))
            return .string("/providers/Microsoft.Management/managementGroups/\(mg)/" + (try providerPath(rest[0], Array(rest.dropFirst()), s)))
        },
        "reference": .eager(1, 3) { a, s throws(ARMError) in
            var full = false
            if a.count == 3, case .string(let f) = a[2] { full = f.lowercased() == "full" }
            return try s.scope.reference(a[0], full: full, at: s.position)
        },
        // template-functions-resource.md#references: references(symbolic name of a resource collection,
        // ['Full', 'Properties']) — the runtime states of every instance of a copied resource
        // (languageVersion 2.0 symbolic names), in copy order.
        "references": .eager(1, 2) { a, s throws(ARMError) in
            var full = false
            if a.count == 2, case .string(let f) = a[1] { full = f.lowercased() == "full" }
            return try s.scope.references(a[0], full: full, at: s.position)
        },
        "pickZones": .eager(3, 5) { a, s throws(ARMError) in
            let ns = try s.string(a, 0), type = try s.string(a, 1), location = try s.string(a, 2)
            let count = a.count > 3 ? Int(try s.int(a, 3)) : 1
            let offset = a.count > 4 ? Int(try s.int(a, 4)) : 0
            let normalized = location.lowercased().replacingOccurrences(of: " ", with: "")
            guard zonalRegions.contains(normalized), zonalTypes.contains("\(ns)/\(type)".lowercased()) else { return .array([]) }
            return .array((0..<max(0, min(count, 3 - offset))).map { .string(String(offset + $0 + 1)) })
        },
        "providers": .eager(1, 2) { _, _ throws(ARMError) in .unknown("resource provider metadata is known only at deployment") },
    ]

    /// `list*` functions (listKeys, listSecrets, …): the values come from the resource provider.
    static let listFunction = FunctionDef.eager(1, nil) { _, s throws(ARMError) in
        s.scope.session.noteRuntimeFunction(s.name)
        // list*() returns keys and connection strings: a secret, whatever is read from it.
        let value = ARMValue.secret(.unknown("\(s.name)() returns secrets or runtime values known only at deployment"))
        s.scope.session.noteSecret()
        return value
    }

    static func allStrings(_ a: [ARMValue], _ s: CallSite) throws(ARMError) -> [String] {
        var out: [String] = []
        for i in a.indices { out.append(try s.string(a, i)) }
        return out
    }

    static func providerPath(_ type: String, _ names: [String], _ s: CallSite) throws(ARMError) -> String {
        let name = names.joined(separator: "/")
        guard let path = ResourceIDBuilder.providerPath(type: type, name: name) else {
            throw s.fail("the resource type '\(type)' needs \(max(0, type.split(separator: "/").count - 1)) name segment(s), found \(name.split(separator: "/", omittingEmptySubsequences: false).count) ('\(name)')")
        }
        return path
    }

    /// Regions with availability zones and zonal resource types, for pickZones (an approximation of
    /// Azure's live metadata; template-functions-resource.md's example: westus2 VMs are zonal, westus is not).
    static let zonalRegions: Set<String> = [
        "australiaeast", "brazilsouth", "canadacentral", "centralindia", "centralus", "eastasia", "eastus", "eastus2",
        "francecentral", "germanywestcentral", "israelcentral", "italynorth", "japaneast", "koreacentral", "mexicocentral",
        "northeurope", "norwayeast", "polandcentral", "qatarcentral", "southafricanorth", "southcentralus", "southeastasia",
        "spaincentral", "swedencentral", "switzerlandnorth", "uaenorth", "uksouth", "westeurope", "westus2", "westus3",
    ]
    static let zonalTypes: Set<String> = [
        "microsoft.compute/virtualmachines", "microsoft.compute/virtualmachinescalesets", "microsoft.compute/disks",
        "microsoft.network/publicipaddresses", "microsoft.network/azurefirewalls", "microsoft.network/applicationgateways",
        "microsoft.network/virtualnetworkgateways", "microsoft.network/natgateways", "microsoft.network/loadbalancers",
        "microsoft.sql/servers/databases", "microsoft.documentdb/databaseaccounts", "microsoft.storage/storageaccounts",
    ]
}
