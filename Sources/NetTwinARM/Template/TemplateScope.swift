import NetTwinCore

/// Where a template deploys to.
struct TargetScope {
    enum Level: String { case resourceGroup, subscription, managementGroup, tenant }
    var level: Level
    var subscriptionId: ARMValue
    var resourceGroup: ARMValue
    /// The location of the target resource group (or the deployment location at other scopes).
    var location: ARMValue
    var managementGroup: String? = nil

    static func level(ofSchema schema: String?) -> Level {
        let s = (schema ?? "").lowercased()
        if s.contains("subscriptiondeploymenttemplate") { return .subscription }
        if s.contains("managementgroupdeploymenttemplate") { return .managementGroup }
        if s.contains("tenantdeploymenttemplate") { return .tenant }
        return .resourceGroup
    }
}

/// A user-defined function (`functions[].members`).
struct UserFunction {
    var fullName: String
    var parameters: [String]
    var output: JSONNode
}

/// One template being evaluated: its parameters, variables, functions and resources.
final class TemplateScope {
    let session: ExpansionSession
    let file: SourceFile
    let root: JSONNode
    /// Pointer of the template object in its file (empty for a main or linked template).
    let pointer: JSONPointer
    var target: TargetScope
    let deploymentName: String
    /// Set for nested templates evaluated in the outer scope: parameters, variables and functions are the parent's.
    let outer: TemplateScope?
    let depth: Int
    let languageVersion2: Bool
    /// Values given for parameters (parameters file, overrides, or a nested deployment's `parameters`).
    var supplied: [String: ARMValue]
    /// The deployment()'s `templateLink` when the template was linked.
    var templateLink: ARMValue?

    var parameterDecls: [String: (name: String, node: JSONNode)] = [:]
    var parameterOrder: [String] = []
    var parameterCache: [String: ARMValue] = [:]
    var parameterBusy: Set<String> = []
    var variableDecls: [String: (name: String, node: JSONNode, pointer: JSONPointer)] = [:]
    var variableCopies: [String: (node: JSONNode, pointer: JSONPointer)] = [:]
    var variableCache: [String: ARMValue] = [:]
    var variableBusy: Set<String> = []
    var functions: [String: UserFunction] = [:]
    var instances: [ResourceInstance] = []
    var secureParameters: Set<String> = []
    var secureOutputNames: Set<String> = []
    /// Copy loops in force for every expression of this template (an outer-scope nested
    /// template inside a copied deployment sees the deployment's loop).
    var baseCopyLoops: [(name: String, index: Int, byNameOnly: Bool)] = []
    /// deployment().properties.template, built on first use.
    var templateValueCache: ARMValue?

    init(session: ExpansionSession, file: SourceFile, root: JSONNode, pointer: JSONPointer, target: TargetScope,
         deploymentName: String, supplied: [String: ARMValue], outer: TemplateScope?, depth: Int)
    {
        self.session = session
        self.file = file
        self.root = root
        self.pointer = pointer
        self.target = target
        self.deploymentName = deploymentName
        self.supplied = supplied
        self.outer = outer
        self.depth = depth
        self.languageVersion2 = root.member(caseInsensitive: "languageVersion")?.stringValue?.hasPrefix("2") == true
        if let params = root.member(caseInsensitive: "parameters")?.objectValue {
            for m in params {
                parameterDecls[m.key.lowercased()] = (m.key, m.value)
                parameterOrder.append(m.key)
            }
        }
        if let vars = root.member(caseInsensitive: "variables")?.objectValue {
            let base = pointer.appending("variables")
            for m in vars {
                if m.key.lowercased() == "copy", let loops = m.value.arrayValue {
                    for (i, loop) in loops.enumerated() {
                        if let name = loop.member(caseInsensitive: "name")?.stringValue {
                            variableCopies[name.lowercased()] = (loop, base.appending("copy").appending(i))
                        }
                    }
                } else {
                    variableDecls[m.key.lowercased()] = (m.key, m.value, base.appending(m.key))
                }
            }
        }
        if let namespaces = root.member(caseInsensitive: "functions")?.arrayValue {
            for ns in namespaces {
                let nsName = ns.member(caseInsensitive: "namespace")?.stringValue ?? ""
                for member in ns.member(caseInsensitive: "members")?.objectValue ?? [] {
                    let params = (member.value.member(caseInsensitive: "parameters")?.arrayValue ?? [])
                        .compactMap { $0.member(caseInsensitive: "name")?.stringValue }
                    let output = member.value.member(caseInsensitive: "output")?.member(caseInsensitive: "value") ?? JSONNode(.null)
                    functions["\(nsName).\(member.key)".lowercased()] =
                        UserFunction(fullName: "\(nsName).\(member.key)", parameters: params, output: output)
                }
            }
        }
            session.scopes.append(self)
    }

    var context: DeploymentContext { session.context }

    func location(_ node: JSONNode?, _ pointer: JSONPointer, position: Int? = nil) -> SourceLocation {
        var loc = file.location(of: node, pointer: pointer)
        if let position, let c = loc.column, node?.stringValue != nil { loc.column = c + 1 + position }
        return loc
    }

    func userFunction(namespace: String?, name: String) -> UserFunction? {
        if let outer { return outer.userFunction(namespace: namespace, name: name) }
        if let namespace { return functions["\(namespace).\(name)".lowercased()] }
        // A call without namespace: accept a unique member name (Bicep emits `__bicep.name`).
        let matches = functions.filter { $0.key.hasSuffix(".\(name.lowercased())") }
        return matches.count == 1 ? matches.first?.value : nil
    }

    // MARK: Parameters

    /// The value of a parameter (evaluating its default value the first time).
    func parameter(_ name: String, at position: Int?) throws(ARMError) -> ARMValue {
        if let outer { return try outer.parameter(name, at: position) }
        let key = name.lowercased()
        if let v = parameterCache[key] { return v }
        guard let decl = parameterDecls[key] else {
            throw ARMError(ARMDiagnosticID.parameterUndeclared, "the template parameter '\(name)' is not found", at: position)
        }
        guard parameterBusy.insert(key).inserted else {
            throw ARMError(ARMDiagnosticID.parameterCycle, "the default value of parameter '\(decl.name)' refers to itself", at: position)
        }
        defer { parameterBusy.remove(key) }
        let ptr = pointer.appending("parameters").appending(decl.name)
        let value: ARMValue
        do throws(ARMError) {
            value = try ParameterResolver(scope: self, name: decl.name, decl: decl.node, pointer: ptr).resolve()
        } catch {
            if error.isReported { throw error }
            var e = error
            if e.location == nil { e.location = location(decl.node, ptr) }
            session.report(e, fallback: nil)
            if e.id == ARMDiagnosticID.parameterMissing && !context.strict {
                let v = ARMValue.unknown("parameter '\(decl.name)' has no value")
                parameterCache[key] = v
                return v
            }
            throw ARMError(ARMError.reportedID, e.message, at: position)
        }
        parameterCache[key] = value
        return value
    }

    // MARK: Variables

    func variable(_ name: String, at position: Int?) throws(ARMError) -> ARMValue {
        if let outer { return try outer.variable(name, at: position) }
        let key = name.lowercased()
        if let v = variableCache[key] { return v }
        guard variableDecls[key] != nil || variableCopies[key] != nil else {
            throw ARMError(ARMDiagnosticID.variableUndeclared, "the template variable '\(name)' is not found", at: position)
        }
        guard variableBusy.count < 200 else {
            throw ARMError(ARMDiagnosticID.expressionDepth, "variables refer to variables more than 200 levels deep", at: position)
        }
        guard variableBusy.insert(key).inserted else {
            throw ARMError(ARMDiagnosticID.variableCycle, "the template variable '\(name)' refers to itself (a cycle through \(variableBusy.sorted().map { "'\($0)'" }.joined(separator: ", ")))", at: position)
        }
        defer { variableBusy.remove(key) }
        let evaluator = Evaluator(scope: self)
        do throws(ARMError) {
            let value: ARMValue
            if let (node, ptr) = variableCopies[key] {
                value = try evaluator.evaluateCopyArray(node, pointer: ptr, what: "variable", byNameOnly: true)
            } else {
                let decl = variableDecls[key]!
                value = try evaluator.evaluateJSON(decl.node, pointer: decl.pointer, propertyCopy: true)
            }
            variableCache[key] = value
            return value
        } catch {
            if error.isReported || error.id == ARMDiagnosticID.variableCycle { throw error }
            let ptr = variableDecls[key]?.pointer ?? variableCopies[key]!.pointer
            let node = variableDecls[key]?.node ?? variableCopies[key]!.node
            session.report(error, fallback: location(node, ptr, position: error.position))
            throw ARMError(ARMError.reportedID, error.message, at: position)
        }
    }
}
