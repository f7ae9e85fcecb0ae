import Foundation
import NetTwinCore

extension TemplateScope {
    /// Expands a `Microsoft.Resources/deployments` resource once: its inline template or the
    /// template its `templateLink.relativePath` names. Its resources are emitted; its outputs are
    /// kept for `reference(name).outputs`.
    func expandDeploymentIfNeeded(_ instance: ResourceInstance) throws(ARMError) {
        guard !instance.deploymentExpanded else { return }
        instance.deploymentExpanded = true
        instance.emitted = true
        let ptr = instance.pointer.appending("properties")
        let e = instance.evaluator
        guard let props = instance.node.member(caseInsensitive: "properties") else {
            throw ARMError(ARMDiagnosticID.resourceInvalid, "the deployment '\(instance.fullName)' has no 'properties'").located(instance.location)
        }
        guard depth + 1 <= context.maxNestingDepth else {
            throw ARMError(ARMDiagnosticID.templateDepth, "the deployment '\(instance.fullName)' nests deployments more than \(context.maxNestingDepth) deep").located(instance.location)
        }
        let scopeOption = props.member(caseInsensitive: "expressionEvaluationOptions")?.member(caseInsensitive: "scope")
        let innerScope = try scopeOption.map { n throws(ARMError) in
            try e.evaluateJSON(n, pointer: ptr.appending("expressionEvaluationOptions").appending("scope"))
        }?.stringValue?.lowercased() == "inner"

        // The template: inline, or linked by a relative path.
        var templateFile = file
        var templateNode: JSONNode
        var templatePointer = ptr.appending("template")
        var link: ARMValue?
        if let inline = props.member(caseInsensitive: "template") {
            templateNode = inline
        } else if let linkNode = props.member(caseInsensitive: "templateLink") {
            let linkValue = try e.evaluateJSON(linkNode, pointer: ptr.appending("templateLink"))
            link = linkValue
            let relative = linkValue.objectValue?["relativePath"]?.stringValue
            let uri = linkValue.objectValue?["uri"] ?? linkValue.objectValue?["id"] ?? .null
            let mapped = uri.stringValue.flatMap { mappedPath(ofURI: $0) }
            guard relative != nil || mapped != nil else {
                // A URI built with a secure SAS token (`_artifactsLocationSasToken`) is shown without its query,
                // where the token goes (the query is never needed to map the URI to a local file).
                let shown: String
                if uri.containsSecret, let text = uri.stringValue {
                    let bare = text.split(separator: "?", maxSplits: 1).first.map(String.init) ?? ""
                    shown = "'\(bare)' (with a query computed from a secure value, not shown)"
                } else {
                    shown = uri.stringValue.map { "'\($0)'" } ?? uri.unknownReason.map { "an unknown value (\($0))" } ?? "no readable location"
                }
                var message = "the linked template of deployment '\(instance.fullName)' is at \(shown), which cannot be read offline; its resources are not expanded"
                if let local = uri.stringValue.flatMap({ localCandidate(forURI: $0) }) {
                    message += "; the local file '\(local.path)' has the same name (to read it: --map-uri '\(local.prefix)=\(local.folder)')"
                }
                session.report(.warning, ARMDiagnosticID.templateLinkRemote, message, at: location(linkNode, ptr.appending("templateLink")))
                instance.deploymentOutputs = .unknown("outputs of the linked deployment '\(instance.fullName)' (template not readable offline)")
                return
            }
            let path: String
            if let mapped {
                path = mapped
            } else {
                let relative = relative!
                let baseFolder: String
                if depth == 0, let root = context.linkedTemplateRoot {
                    baseFolder = root
                } else {
                    baseFolder = (file.path as NSString).deletingLastPathComponent
                }
                path = relative.hasPrefix("/") ? relative : (baseFolder.isEmpty ? relative : baseFolder + "/" + relative)
            }
            switch session.loadFile(path) {
            case .success(let f):
                templateFile = f
                templateNode = f.json.root
                templatePointer = JSONPointer()
            case .failure(let failure):
                let message = failure.message
                session.report(.error, ARMDiagnosticID.templateLinkUnreadable,
                    "the linked template '\(relative ?? path)' of deployment '\(instance.fullName)' cannot be read: \(message)",
                    at: location(linkNode, ptr.appending("templateLink")))
                instance.deploymentOutputs = .unknown("outputs of deployment '\(instance.fullName)' (linked template unreadable)")
                return
            }
        } else {
            throw ARMError(ARMDiagnosticID.resourceInvalid, "the deployment '\(instance.fullName)' has neither 'template' nor 'templateLink'").located(instance.location)
        }

        // Where it deploys.
        var nestedTarget = target
        if let rgNode = instance.node.member(caseInsensitive: "resourceGroup") {
            let rg = session.revealIdentity(try e.evaluateJSON(rgNode, pointer: instance.pointer.appending("resourceGroup")))
            if rg != target.resourceGroup {
                nestedTarget.resourceGroup = rg
                nestedTarget.location = .unknown("location of resource group '\(rg.stringValue ?? "?")'")
            }
            nestedTarget.level = .resourceGroup
        }
        if let subNode = instance.node.member(caseInsensitive: "subscriptionId") {
            let sub = session.revealIdentity(try e.evaluateJSON(subNode, pointer: instance.pointer.appending("subscriptionId")))
            if sub != target.subscriptionId {
                nestedTarget.subscriptionId = sub
                if instance.node.member(caseInsensitive: "resourceGroup") == nil, target.level == .subscription {
                    nestedTarget.level = .subscription
                }
            }
        }
        let schemaLevel = TargetScope.level(ofSchema: templateNode.member(caseInsensitive: "$schema")?.stringValue)
        if schemaLevel != .resourceGroup { nestedTarget.level = schemaLevel }

        // Parameters passed in (inner scope, or linked templates).
        var supplied: [String: ARMValue] = [:]
        if let paramsNode = props.member(caseInsensitive: "parameters") {
            // Bicep passes a for-expression as a property copy loop, either `"p": {"copy": [{"name": "value", ...}]}` or
            // `"p": {"value": {"copy": [...]}}`; both are expanded (copy-properties.md).
            let values = try e.evaluateJSON(paramsNode, pointer: ptr.appending("parameters"), propertyCopy: true)
            for (k, v) in values.objectValue?.pairs ?? [] {
                if let o = v.objectValue {
                    if let value = o["value"] { supplied[k.lowercased()] = value }
                    else if o["reference"] != nil { supplied[k.lowercased()] = .secret(.unknown("key vault secret for parameter '\(k)'")) }
                }
            }
        }
        if props.member(caseInsensitive: "parametersLink") != nil {
            session.report(.warning, ARMDiagnosticID.templateLinkRemote,
                "the parameters link of deployment '\(instance.fullName)' cannot be read offline; its parameters are unknown",
                at: location(props, ptr))
        }
        let useOuter = !innerScope && link == nil
        let child = TemplateScope(session: session, file: templateFile, root: templateNode, pointer: templatePointer, target: nestedTarget,
            deploymentName: instance.lastName, supplied: supplied, outer: useOuter ? self : nil, depth: depth + 1)
        child.templateLink = link
        if useOuter { child.baseCopyLoops = instance.evaluator.copyLoops }
        if !useOuter {
            for (k, _) in supplied where child.parameterDecls[k] == nil {
                session.report(.error, ARMDiagnosticID.parameterNotInTemplate,
                    "the deployment '\(instance.fullName)' passes the parameter '\(k)' that its template does not declare",
                    at: location(props, ptr.appending("parameters")))
            }
        }
        instance.deploymentOutputs = child.expand()
    }
}

extension TemplateScope {
    /// The local file a `templateURIMappings` entry gives for a URI.
    func mappedPath(ofURI uri: String) -> String? {
        let bare = uri.split(separator: "?", maxSplits: 1).first.map(String.init) ?? uri
        for (prefix, folder) in context.templateURIMappings.sorted(by: { $0.key.count > $1.key.count }) where bare.hasPrefix(prefix) {
            let rest = bare.dropFirst(prefix.count).drop { $0 == "/" }
            return folder.hasSuffix("/") ? folder + rest : folder + "/" + rest
        }
        return nil
    }

    /// A file beside this template whose path matches the end of the URI (`nested/x.json`), to suggest a mapping.
    /// Also the URI prefix and the local folder that map one onto the other (for `--map-uri PREFIX=FOLDER`).
    func localCandidate(forURI uri: String) -> (path: String, prefix: String, folder: String)? {
        let bare = uri.split(separator: "?", maxSplits: 1).first.map(String.init) ?? uri
        let parts = bare.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let folder = (file.path as NSString).deletingLastPathComponent
        for n in stride(from: min(3, parts.count - 1), through: 1, by: -1) {
            let tail = parts.suffix(n).joined(separator: "/")
            let candidate = folder.isEmpty ? tail : folder + "/" + tail
            if FileManager.default.fileExists(atPath: candidate) {
                return (candidate, parts.dropLast(n).joined(separator: "/") + "/", folder.isEmpty ? "." : folder)
            }
        }
        return nil
    }
}
