/// Scope functions (template-functions-scope.md): resourceGroup(), subscription(), tenant(), managementGroup().
enum ScopeFunctions {
    static let all: [String: FunctionDef] = [
        "resourceGroup": .eager(0, 0) { _, s throws(ARMError) in
            let t = s.scope.target
            guard t.level == .resourceGroup else {
                throw ARMError(ARMDiagnosticID.functionNotAllowed, "the template function 'resourceGroup' is not expected at this location: the deployment is at the \(t.level.rawValue) scope", at: s.position)
            }
            let id: ARMValue
            if case .string(let sub) = t.subscriptionId, case .string(let rg) = t.resourceGroup {
                id = .string(ResourceIDBuilder.resourceGroupID(subscription: sub, resourceGroup: rg))
            } else {
                id = t.subscriptionId.isUnknown ? t.subscriptionId : t.resourceGroup
            }
            return .object(ARMObject([
                ("id", id), ("name", t.resourceGroup), ("type", .string("Microsoft.Resources/resourceGroups")),
                ("location", t.location), ("properties", .object(ARMObject([("provisioningState", .string("Succeeded"))]))),
            ]))
        },
        "subscription": .eager(0, 0) { _, s throws(ARMError) in
            let t = s.scope.target
            guard t.level == .resourceGroup || t.level == .subscription else {
                throw ARMError(ARMDiagnosticID.functionNotAllowed, "the template function 'subscription' is not expected at this location: the deployment is at the \(t.level.rawValue) scope", at: s.position)
            }
            let id: ARMValue = t.subscriptionId.stringValue.map { .string("/subscriptions/\($0)") } ?? t.subscriptionId
            return .object(ARMObject([
                ("id", id), ("subscriptionId", t.subscriptionId), ("tenantId", .string(s.scope.context.tenantId)),
                ("displayName", .unknown("display name of the subscription")),
            ]))
        },
        "tenant": .eager(0, 0) { _, s throws(ARMError) in
            let tid = s.scope.context.tenantId
            return .object(ARMObject([
                ("countryCode", .unknown("country code of the tenant")), ("displayName", .unknown("display name of the tenant")),
                ("id", .string("/tenants/\(tid)")), ("tenantId", .string(tid)),
            ]))
        },
        "managementGroup": .eager(0, 0) { _, s throws(ARMError) in
            let t = s.scope.target
            guard t.level == .managementGroup else {
                throw ARMError(ARMDiagnosticID.functionNotAllowed, "the template function 'managementGroup' is not expected at this location: the deployment is at the \(t.level.rawValue) scope", at: s.position)
            }
            let mg = t.managementGroup ?? "nettwin-mg"
            return .object(ARMObject([
                ("id", .string("/providers/Microsoft.Management/managementGroups/\(mg)")), ("name", .string(mg)),
                ("type", .string("Microsoft.Management/managementGroups")),
                ("properties", .unknown("properties of the management group")),
            ]))
        },
    ]
}
