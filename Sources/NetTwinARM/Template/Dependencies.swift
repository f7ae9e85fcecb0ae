import NetTwinCore

/// `dependsOn` as Azure validates it before deploying (resource-dependency.md; the deployment fails with
/// InvalidTemplate): every entry names a resource of the same template (by name, `type/name`, resource ID, copy loop
/// name or, with languageVersion 2.0, symbolic name); a resource cannot depend on itself; the dependencies have no
/// cycle ("Circular dependency detected on resource"). Entries of resources that are not deployed (condition false)
/// are not checked; an entry known only at deployment is skipped.
extension TemplateScope {
    func checkDependencies() {
        var edges: [ObjectIdentifier: [ResourceInstance]] = [:]
        for instance in instances where instance.deployed {
            guard let node = instance.node.member(caseInsensitive: "dependsOn") else { continue }
            let ptr = instance.pointer.appending("dependsOn")
            let value: ARMValue
            do throws(ARMError) {
                value = session.revealIdentity(try instance.evaluator.evaluateJSON(node, pointer: ptr))
            } catch {
                session.report(error, fallback: location(node, ptr))
                continue
            }
            guard case .array(let entries) = value else {
                if case .unknown = value { continue }
                session.report(.error, ARMDiagnosticID.dependsOnInvalid, "'dependsOn' must be an array, found '\(value.typeName)'", at: location(node, ptr))
                continue
            }
            for (index, entry) in entries.enumerated() {
                let entryLocation = location(node.arrayValue?[safe: index] ?? node, ptr.appending(index))
                guard case .string(let text) = entry else {
                    if case .unknown = entry { continue }
                    session.report(.error, ARMDiagnosticID.dependsOnInvalid, "a 'dependsOn' entry must be a string, found '\(entry.typeName)'", at: entryLocation)
                    continue
                }
                let targets = dependencyTargets(text)
                if targets.isEmpty && !declaredNames.contains(text.lowercased()) {
                    session.report(.error, ARMDiagnosticID.dependsOnMissing,
                        "the resource '\(instance.fullName)' depends on '\(text)', which is not defined in the template (Azure: InvalidTemplate, \"The resource '\(text)' is not defined in the template\")",
                        at: entryLocation)
                    continue
                }
                if targets.contains(where: { $0 === instance }) {
                    session.report(.error, ARMDiagnosticID.dependsOnCycle,
                        "the resource '\(instance.fullName)' depends on itself ('\(text)')", at: entryLocation)
                    continue
                }
                edges[ObjectIdentifier(instance), default: []] += targets.filter(\.deployed)
            }
        }
        // Cycles: depth-first search, each cycle reported once at its first resource.
        var state: [ObjectIdentifier: Int] = [:]   // 1 visiting, 2 done
        var reported = Set<ObjectIdentifier>()
        func visit(_ instance: ResourceInstance, path: [ResourceInstance]) {
            let key = ObjectIdentifier(instance)
            if state[key] == 2 { return }
            if state[key] == 1 {
                guard let start = path.firstIndex(where: { $0 === instance }) else { return }
                let cycle = Array(path[start...])
                guard !cycle.contains(where: { reported.contains(ObjectIdentifier($0)) }) else { return }
                cycle.forEach { reported.insert(ObjectIdentifier($0)) }
                session.report(.error, ARMDiagnosticID.dependsOnCycle,
                    "circular dependency: \((cycle + [instance]).map { "'\($0.fullName)'" }.joined(separator: " → ")) (Azure: \"Circular dependency detected on resource\")",
                    at: location(cycle[0].node.member(caseInsensitive: "dependsOn") ?? cycle[0].node, cycle[0].pointer.appending("dependsOn")))
                return
            }
            state[key] = 1
            for next in edges[key] ?? [] { visit(next, path: path + [instance]) }
            state[key] = 2
        }
        for instance in instances where instance.deployed { visit(instance, path: []) }
    }

    /// What the template declares, as written, whether or not it could be enumerated (a copy loop whose count is known
    /// only at deployment, a resource whose name is unknown, an `existing` resource under a false condition): symbolic
    /// names, copy loop names, literal names and their last segment. A `dependsOn` entry matching one is not missing.
    var declaredNames: Set<String> {
        var names = Set<String>()
        func collect(_ node: JSONNode, symbol: String?) {
            if let symbol { names.insert(symbol.lowercased()) }
            if let copy = node.member(caseInsensitive: "copy")?.member(caseInsensitive: "name")?.stringValue { names.insert(copy.lowercased()) }
            if let name = node.member(caseInsensitive: "name")?.stringValue, !name.hasPrefix("[") {
                names.insert(name.lowercased())
                if let last = name.split(separator: "/").last { names.insert(last.lowercased()) }
                if let type = node.member(caseInsensitive: "type")?.stringValue { names.insert("\(type)/\(name)".lowercased()) }
            }
            for child in node.member(caseInsensitive: "resources")?.arrayValue ?? [] { collect(child, symbol: nil) }
        }
        switch root.member(caseInsensitive: "resources")?.value {
        case .array(let items)?: items.forEach { collect($0, symbol: nil) }
        case .object(let members)?: members.forEach { collect($0.value, symbol: $0.key) }
        default: break
        }
        return names
    }

    /// The instances a `dependsOn` entry names.
    func dependencyTargets(_ text: String) -> [ResourceInstance] {
        let lower = text.lowercased()
        if lower.hasPrefix("/") {
            return instances.filter { if case .string(let id) = $0.id { return id.lowercased() == lower }; return false }
        }
        let bySymbol = instances.filter { $0.symbolicName?.lowercased() == lower }
        if !bySymbol.isEmpty { return bySymbol }
        if let found = (try? findInstance(text)) ?? nil { return [found] }
        let byLoop = instances.filter { $0.evaluator.copyLoops.contains { !$0.byNameOnly && $0.name.lowercased() == lower } }
        if !byLoop.isEmpty { return byLoop }
        // A name as written: the full name, `type/name`, or (for a child declared inside its parent) the last segment.
        return instances.filter {
            $0.fullName.lowercased() == lower || "\($0.type)/\($0.fullName)".lowercased() == lower || $0.lastName.lowercased() == lower
        }
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
