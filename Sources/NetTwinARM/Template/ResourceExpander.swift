import NetTwinCore

extension TemplateScope {
    /// Expands the whole template: checks parameters, lists resource instances (copy loops,
    /// children), emits the deployed ones and evaluates the outputs.
    func expand() -> ARMValue {
        checkDeclarationLimits()
        if outer == nil {
            for name in parameterOrder { _ = try? parameter(name, at: nil) }
        }
        enumerateInstances()
        checkResourceLimit()
        checkDependencies()
        for instance in instances { emit(instance) }
        return evaluateOutputs()
    }

    // MARK: Enumeration

    func enumerateInstances() {
        let base = Evaluator(scope: self)
        guard let resources = root.member(caseInsensitive: "resources") else { return }
        let ptr = pointer.appending("resources")
        switch resources.value {
        case .array(let items):
            for (i, item) in items.enumerated() {
                enumerate(item, pointer: ptr.appending(i), symbolicName: nil, evaluator: base, parent: nil)
            }
        case .object(let members):
            if !languageVersion2 {
                session.report(.error, ARMDiagnosticID.templateInvalid, "'resources' is an object of symbolic names, which needs \"languageVersion\": \"2.0\" (without it, 'resources' must be an array)", at: location(resources, ptr))
            }
            for m in members {
                enumerate(m.value, pointer: ptr.appending(m.key), symbolicName: m.key, evaluator: base, parent: nil)
            }
        default:
            session.report(.error, ARMDiagnosticID.templateInvalid, "'resources' must be an array (or an object of symbolic names with languageVersion 2.0), found \(resources.typeName)", at: location(resources, ptr))
        }
    }

    private func enumerate(_ node: JSONNode, pointer ptr: JSONPointer, symbolicName: String?, evaluator: Evaluator, parent: ResourceInstance?) {
        guard node.objectValue != nil else {
            session.report(.error, ARMDiagnosticID.resourceInvalid, "a resource must be an object, found \(node.typeName)", at: location(node, ptr))
            return
        }
        if let copy = node.member(caseInsensitive: "copy") {
            let name = copy.member(caseInsensitive: "name")?.stringValue ?? ""
            guard let countNode = copy.member(caseInsensitive: "count") else {
                session.report(.error, ARMDiagnosticID.copyInvalid, "the copy loop '\(name)' has no 'count'", at: location(copy, ptr.appending("copy")))
                return
            }
            if let batch = copy.member(caseInsensitive: "batchSize")?.intValue, batch < 1 {
                session.report(.error, ARMDiagnosticID.copyInvalid, "the batchSize of the copy loop '\(name)' must be at least 1, found \(batch)", at: location(copy, ptr.appending("copy")))
            }
            if let mode = copy.member(caseInsensitive: "mode")?.stringValue, !["serial", "parallel"].contains(mode.lowercased()) {
                session.report(.error, ARMDiagnosticID.copyInvalid, "the mode of the copy loop '\(name)' must be 'serial' or 'parallel', found '\(mode)'", at: location(copy, ptr.appending("copy")))
            }
            let countPtr = ptr.appending("copy").appending("count")
            let count: Int
            do throws(ARMError) {
                let v = try evaluator.evaluateJSON(countNode, pointer: countPtr)
                guard let c = try Evaluator.copyCount(v, name: name, location: location(countNode, countPtr)) else {
                    session.report(.warning, ARMDiagnosticID.copyInvalid, "the count of the copy loop '\(name)' is known only at deployment (\(v.unknownReason ?? "")); no instance is expanded", at: location(countNode, countPtr))
                    return
                }
                count = c
            } catch {
                session.report(error, fallback: location(countNode, countPtr))
                return
            }
            for i in 0..<count {
                createInstance(node, pointer: ptr, symbolicName: symbolicName, evaluator: evaluator.withCopy(name, i), parent: parent)
            }
        } else {
            createInstance(node, pointer: ptr, symbolicName: symbolicName, evaluator: evaluator, parent: parent)
        }
    }

    private func createInstance(_ node: JSONNode, pointer ptr: JSONPointer, symbolicName: String?, evaluator: Evaluator, parent: ResourceInstance?) {
        guard session.allInstances.count < context.maxResources else {
            if session.reportedKeys.insert("resource-limit").inserted {
                session.report(.error, ARMDiagnosticID.resourceLimit, "the expansion stopped after \(context.maxResources) resources", at: location(node, ptr))
            }
            return
        }
        // The condition comes first: Azure does not evaluate the rest of a resource that is not deployed.
        var deployed = true
        if let cond = node.member(caseInsensitive: "condition") {
            deployed = conditionHolds(cond, pointer: ptr.appending("condition"), evaluator: evaluator, what: "resource")
        }
        if let parent, !parent.deployed { deployed = false }
        do throws(ARMError) {
            guard let nameNode = node.member(caseInsensitive: "name"), let typeNode = node.member(caseInsensitive: "type") else {
                throw ARMError(ARMDiagnosticID.resourceInvalid, "the resource has no '\(node.member(caseInsensitive: "name") == nil ? "name" : "type")'")
            }
            // Names and types are identities, not secrets: a secret in one is used, and scrubbed from what is printed.
            let nameValue = session.revealIdentity(try evaluator.evaluateJSON(nameNode, pointer: ptr.appending("name")))
            let typeValue = session.revealIdentity(try evaluator.evaluateJSON(typeNode, pointer: ptr.appending("type")))
            guard case .string(var type) = typeValue else {
                throw ARMError(ARMDiagnosticID.resourceInvalid, "the resource type must be a string, found '\(typeValue.typeName)'").located(location(typeNode, ptr.appending("type")))
            }
            var name: String
            switch nameValue {
            case .string(let s): name = s
            case .unknown(let reason): name = "<unknown: \(reason)>"
            default:
                throw ARMError(ARMDiagnosticID.resourceInvalid, "the resource name must be a string, found '\(nameValue.typeName)'").located(location(nameNode, ptr.appending("name")))
            }
            if let parent {
                // A nested child's type is relative to its parent's ('subnets', 'blobServices/containers')
                // unless it names a provider namespace ('Microsoft.Network/virtualNetworks/subnets').
                let isFullType = type.split(separator: "/").first?.contains(".") == true
                if !isFullType { type = parent.type + "/" + type }
                let needed = type.split(separator: "/").count - 1
                if name.split(separator: "/", omittingEmptySubsequences: false).count < needed {
                    name = parent.fullName + "/" + name
                }
            }
            var scopeID: String?
            if let scopeNode = node.member(caseInsensitive: "scope") {
                let v = session.revealIdentity(try evaluator.evaluateJSON(scopeNode, pointer: ptr.appending("scope")))
                if case .string(let s) = v {
                    // languageVersion 2.0 may name a symbolic resource as the scope.
                    if !s.hasPrefix("/"), let target = instances.first(where: { $0.symbolicName?.lowercased() == s.lowercased() }),
                        case .string(let tid) = target.id
                    {
                        scopeID = tid
                    } else {
                        scopeID = s
                    }
                }
            }
            var id: ARMValue
            if let reason = nameValue.unknownReason ?? parent?.unknownName {
                id = .unknown(reason)
            } else {
                id = ResourceIDBuilder.id(type: type, name: name, target: target, scopeID: scopeID)
                if case .unknown = id, ResourceIDBuilder.providerPath(type: type, name: name) == nil {
                    throw ARMError(ARMDiagnosticID.resourceInvalid,
                        "the template resource '\(name)' for type '\(type)' has incorrect segment lengths: a nested resource type must have identical number of segments as its resource name")
                        .located(location(nameNode, ptr.appending("name")))
                }
            }
            let existing = node.member(caseInsensitive: "existing")?.boolValue == true
            let instance = ResourceInstance(scope: self, node: node, pointer: ptr, symbolicName: symbolicName, evaluator: evaluator,
                fullName: name, type: type, id: id, existing: existing, parent: parent)
            instance.deployed = deployed
            instance.unknownName = nameValue.unknownReason ?? parent?.unknownName
            instances.append(instance)
            session.allInstances.append(instance)
            if let children = node.member(caseInsensitive: "resources")?.arrayValue {
                for (i, child) in children.enumerated() {
                    enumerate(child, pointer: ptr.appending("resources").appending(i), symbolicName: nil, evaluator: evaluator, parent: instance)
                }
            }
        } catch {
            // Errors in a resource that is not deployed are not reported (Azure skips it).
            if deployed { session.report(error, fallback: location(node, ptr, position: nil)) }
        }
    }

    func conditionHolds(_ cond: JSONNode, pointer ptr: JSONPointer, evaluator: Evaluator, what: String) -> Bool {
        do throws(ARMError) {
            let v = try evaluator.evaluateJSON(cond, pointer: ptr).deepRevealed
            switch v {
            case .bool(let b): return b
            case .unknown(let reason):
                session.report(.warning, ARMDiagnosticID.resourceInvalid, "the condition of this \(what) is known only at deployment (\(reason)); it is expanded as if deployed", at: location(cond, ptr))
                return true
            case .string(let s) where ["true", "false"].contains(s.lowercased()): return s.lowercased() == "true"
            default:
                session.report(.error, ARMDiagnosticID.resourceInvalid, "the condition of this \(what) must be a boolean, found '\(v.typeName)'", at: location(cond, ptr))
                return false
            }
        } catch {
            session.report(error, fallback: location(cond, ptr))
            return false
        }
    }

    // MARK: Emission

    func emit(_ instance: ResourceInstance) {
        guard !instance.emitted else { return }
        instance.emitted = true
        guard !instance.existing, instance.deployed else { return }
        if instance.isDeployment {
            do throws(ARMError) { try expandDeploymentIfNeeded(instance) } catch { session.report(error, fallback: instance.location) }
            return
        }
        do throws(ARMError) {
            let body = try instance.body()
            var unknowns: [(JSONPointer, String)] = []
            let node = ValueRenderer.render(body, source: instance.node, pointer: JSONPointer(), unknowns: &unknowns)
            let index = session.documents.count
            session.documents.append(ResourceDocument(node: node, pointer: instance.pointer, file: file))
            for (p, r) in unknowns { session.unknowns.append((index, p, r)) }
        } catch {
            session.report(error, fallback: instance.location)
        }
    }

    // MARK: reference()

    /// Finds the instance a `reference()`/`resourceId`-style argument names.
    func findInstance(_ target: String, at position: Int = 0) throws(ARMError) -> ResourceInstance? {
        let lower = target.lowercased()
        if target.hasPrefix("/") {
            let match: (ResourceInstance) -> Bool = { if case .string(let id) = $0.id { return id.lowercased() == lower }; return false }
            return instances.first(where: match) ?? session.allInstances.first(where: match)
        }
        if let s = instances.first(where: { $0.symbolicName?.lowercased() == lower }) { return s }
        // languageVersion 2.0: 'name[i]' is the i-th instance of a copied symbolic resource.
        if lower.hasSuffix("]"), let open = lower.lastIndex(of: "["), let i = Int(lower[lower.index(after: open)..<lower.index(before: lower.endIndex)]) {
            let symbol = String(lower[..<open])
            let copies = instances.filter { $0.symbolicName?.lowercased() == symbol }
            if i >= 0, i < copies.count { return copies[i] }
            if !copies.isEmpty {
                // The loop exists but has fewer instances: Azure fails the deployment rather than treating the name as
                // a resource outside the template.
                throw ARMError(ARMDiagnosticID.functionArgumentType,
                    "'\(target)' is past the end of the copy loop '\(symbol)', which has \(copies.count) instance\(copies.count == 1 ? "" : "s") (indexes 0-\(copies.count - 1))",
                    at: position)
            }
        }
        return instances.first { $0.fullName.lowercased() == lower }
    }

    /// `references(collection)`: `reference()` of each instance of a symbolic resource collection.
    func references(_ target: ARMValue, full: Bool, at position: Int) throws(ARMError) -> ARMValue {
        guard case .string(let symbol) = target else {
            if case .unknown = target { return target }
            throw ARMError(ARMDiagnosticID.functionArgumentType, "the template function 'references' expects the symbolic name of a resource collection, found '\(target.typeName)'", at: position)
        }
        let copies = instances.filter { $0.symbolicName?.lowercased() == symbol.lowercased() }
        guard !copies.isEmpty else {
            throw ARMError(ARMDiagnosticID.functionArgumentType, "the template function 'references' expects the symbolic name of a resource collection (languageVersion 2.0); '\(symbol)' is not one", at: position)
        }
        var values: [ARMValue] = []
        for instance in copies where instance.deployed {
            do throws(ARMError) {
                values.append(try instance.referenceValue(full: full))
            } catch {
                if error.id == ARMDiagnosticID.referenceCycle || error.isReported {
                    values.append(.unknown("value of resource '\(instance.fullName)' (\(error.message))"))
                } else {
                    throw error
                }
            }
        }
        return .array(values)
    }

    func reference(_ target: ARMValue, full: Bool, at position: Int) throws(ARMError) -> ARMValue {
        guard case .string(let s) = target else {
            if case .unknown = target { return target }
            throw ARMError(ARMDiagnosticID.functionArgumentType, "the template function 'reference' expects a resource name or id, found '\(target.typeName)'", at: position)
        }
        guard let instance = try findInstance(s, at: position) else {
            // template-functions-resource.md, reference: "When referencing a resource that is deployed in the same
            // template, provide the name of the resource"; otherwise its resource ID. A plain name (no '/') that the
            // template does not declare names nothing.
            if !s.contains("/"), !declaredNames.contains(s.lowercased()) {
                throw ARMError(ARMDiagnosticID.referenceNotFound,
                    "the template function 'reference' names '\(s)', which is not a resource of this template; a resource deployed elsewhere is referenced by its resource ID (resourceId(...))", at: position)
            }
            let o = ARMObject()
            var open = o
            open.openReason = "runtime state of resource '\(s)' (not deployed by this template) known only at deployment"
            return .object(open)
        }
        do throws(ARMError) {
            return try instance.referenceValue(full: full)
        } catch {
            if error.id == ARMDiagnosticID.referenceCycle {
                // Azure refuses the template ("Circular dependency detected"); said once per resource, the value is unknown.
                if session.reportedKeys.insert("cycle|\(instance.fullName)").inserted {
                    session.report(.error, ARMDiagnosticID.referenceCycle, "\(error.message): a circular dependency, which Azure refuses (\"Circular dependency detected on resource\")", at: session.currentLocation ?? instance.location)
                }
                return .unknown("value of resource '\(instance.fullName)' (\(error.message))")
            }
            if error.isReported { return .unknown("value of resource '\(instance.fullName)' (\(error.message))") }
            throw error
        }
    }
}
