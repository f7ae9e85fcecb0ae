import NetTwinCore

/// One resource a template declares, for one copy-loop iteration.
final class ResourceInstance {
    enum State { case pending, busy, done(ARMValue), failed }

    let scope: TemplateScope
    let node: JSONNode
    let pointer: JSONPointer
    let symbolicName: String?
    let evaluator: Evaluator
    /// The full ARM name (`vnet/subnet` for a child).
    let fullName: String
    let type: String
    let id: ARMValue
    let existing: Bool
    let parent: ResourceInstance?
    var state: State = .pending
    var emitted = false
    /// False when the resource's condition (or a parent's) is false.
    var deployed = true
    /// For `Microsoft.Resources/deployments`: the nested template's outputs once expanded.
    var deploymentOutputs: ARMValue?
    var deploymentExpanded = false
    /// Set when the name (or a parent's) is known only at deployment: the reason.
    var unknownName: String?

    init(scope: TemplateScope, node: JSONNode, pointer: JSONPointer, symbolicName: String?, evaluator: Evaluator,
         fullName: String, type: String, id: ARMValue, existing: Bool, parent: ResourceInstance?)
    {
        self.scope = scope
        self.node = node
        self.pointer = pointer
        self.symbolicName = symbolicName
        self.evaluator = evaluator
        self.fullName = fullName
        self.type = type
        self.id = id
        self.existing = existing
        self.parent = parent
    }

    var isDeployment: Bool { type.lowercased() == "microsoft.resources/deployments" }
    var lastName: String { fullName.split(separator: "/").last.map(String.init) ?? fullName }
    var location: SourceLocation { scope.location(node, pointer) }

    /// Template members that are not part of the deployed resource.
    static let templateOnlyKeys: Set<String> = [
        "resources", "copy", "condition", "dependson", "comments", "existing", "scope", "metadata", "parent", "import",
        "name", "type", "apiversion", "location", "id",
    ]

    /// The evaluated resource: `{id, name, type, apiVersion, location, …}` (memoised; a cycle of
    /// references gives an error).
    func body() throws(ARMError) -> ARMValue {
        switch state {
        case .done(let v): return v
        case .failed: throw ARMError(ARMError.reportedID, "resource '\(fullName)' could not be evaluated")
        case .busy:
            throw ARMError(ARMDiagnosticID.referenceCycle, "the resource '\(fullName)' refers to itself through reference()")
        case .pending: break
        }
        state = .busy
        var o = ARMObject()
        o["id"] = id
        o["name"] = unknownName.map { .unknown($0) } ?? .string(lastName)
        o["type"] = .string(type)
        do throws(ARMError) {
            if let api = node.member(caseInsensitive: "apiVersion") {
                o["apiVersion"] = try evaluator.evaluateJSON(api, pointer: pointer.appending("apiVersion"))
            }
            if let loc = node.member(caseInsensitive: "location") {
                o["location"] = try evaluator.evaluateJSON(loc, pointer: pointer.appending("location"))
            }
            for m in node.objectValue ?? [] where !Self.templateOnlyKeys.contains(m.key.lowercased()) {
                o[m.key] = try evaluator.evaluateJSON(m.value, pointer: pointer.appending(m.key), propertyCopy: m.key.lowercased() == "properties")
            }
        } catch {
            state = .failed
            throw error
        }
        let value = ARMValue.object(o)
        state = .done(value)
        return value
    }

    /// What `reference()` returns: the declared properties (or the whole resource with `'Full'`),
    /// open for properties only known after deployment.
    func referenceValue(full: Bool) throws(ARMError) -> ARMValue {
        let reason = "runtime property of resource '\(fullName)' known only after deployment"
        if existing {
            var o = ARMObject()
            o.openReason = "runtime state of the existing resource '\(fullName)' known only at deployment"
            if full {
                o["id"] = id; o["name"] = .string(lastName); o["type"] = .string(type)
                var p = ARMObject(); p.openReason = o.openReason
                o["properties"] = .object(p)
            }
            return .object(o)
        }
        if isDeployment {
            try scope.expandDeploymentIfNeeded(self)
            var props = ARMObject()
            props["outputs"] = deploymentOutputs ?? .unknown("outputs of deployment '\(fullName)'")
            props["provisioningState"] = .string("Succeeded")
            props.openReason = reason
            if full {
                var o = ARMObject([("id", id), ("name", .string(lastName)), ("type", .string(type)), ("properties", .object(props))])
                o.openReason = reason
                return .object(o)
            }
            return .object(props)
        }
        let b = try body()
        if full { return b.opened(reason: reason) }
        guard case .object(let o) = b, let props = o["properties"] else {
            var empty = ARMObject(); empty.openReason = reason
            return .object(empty)
        }
        if case .object = props { return props.opened(reason: reason) }
        return props
    }
}
