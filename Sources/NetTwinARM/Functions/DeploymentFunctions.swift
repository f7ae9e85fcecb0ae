/// Deployment functions (template-functions-deployment.md).
enum DeploymentFunctions {
    static let all: [String: FunctionDef] = [
        "deployment": .eager(0, 0) { _, s throws(ARMError) in deploymentObject(s.scope) },
        "deployer": .eager(0, 0) { _, s throws(ARMError) in
            .object(ARMObject([
                ("objectId", .unknown("object id of the principal that deploys")), ("tenantId", .string(s.scope.context.tenantId)),
                ("userPrincipalName", .unknown("user principal name of the principal that deploys")),
            ]))
        },
        "environment": .eager(0, 0) { _, _ throws(ARMError) in azureCloud },
        "parameters": .eager(1, 1) { a, s throws(ARMError) in
            let name = try s.string(a, 0)
            if let args = s.evaluator.functionArguments {
                guard let v = args[name.lowercased()] else {
                    throw ARMError(ARMDiagnosticID.parameterUndeclared, "the user-defined function has no parameter '\(name)'", at: s.position)
                }
                return v
            }
            return try s.scope.parameter(name, at: s.position)
        },
        "variables": .eager(1, 1) { a, s throws(ARMError) in
            let name = try s.string(a, 0)
            if s.evaluator.functionArguments != nil {
                throw ARMError(ARMDiagnosticID.functionNotAllowed, "the template function 'variables' can't be used in a user-defined function", at: s.position)
            }
            return try s.scope.variable(name, at: s.position)
        },
    ]

    static func deploymentObject(_ scope: TemplateScope) -> ARMValue {
        let template: ARMValue
        if let cached = scope.templateValueCache {
            template = cached
        } else {
            template = ARMValue(json: scope.root.value)
            scope.templateValueCache = template
        }
        var props = ARMObject()
        if let link = scope.templateLink { props["templateLink"] = link }
        props["template"] = template
        props["templateHash"] = .unknown("template hash computed by Azure")
        props["parameters"] = .object(ARMObject())
        props["mode"] = .string("Incremental")
        props["provisioningState"] = .string("Accepted")
        if scope.templateLink == nil {
            props.openReason = "deployment().properties: the template is not deployed from a link, so 'templateLink' is known only when Azure deploys it from a URI"
        }
        var o = ARMObject([("name", .string(scope.deploymentName)), ("properties", .object(props))])
        if scope.target.level != .resourceGroup { o["location"] = .string(scope.context.location) }
        return .object(o)
    }

    /// environment() for the public cloud, as template-functions-deployment.md gives it.
    static let azureCloud: ARMValue = {
        let suffixes = ARMObject([
            ("acrLoginServer", .string(".azurecr.io")),
            ("azureDatalakeAnalyticsCatalogAndJob", .string("azuredatalakeanalytics.net")),
            ("azureDatalakeStoreFileSystem", .string("azuredatalakestore.net")),
            ("azureFrontDoorEndpointSuffix", .string("azurefd.net")),
            ("keyvaultDns", .string(".vault.azure.net")),
            ("sqlServerHostname", .string(".database.windows.net")),
            ("storage", .string("core.windows.net")),
        ])
        let authentication = ARMObject([
            ("loginEndpoint", .string("https://login.microsoftonline.com/")),
            ("audiences", .array([.string("https://management.core.windows.net/"), .string("https://management.azure.com/")])),
            ("tenant", .string("common")),
            ("identityProvider", .string("AAD")),
        ])
        return .object(ARMObject([
            ("name", .string("AzureCloud")),
            ("gallery", .string("https://gallery.azure.com/")),
            ("graph", .string("https://graph.windows.net/")),
            ("portal", .string("https://portal.azure.com")),
            ("graphAudience", .string("https://graph.windows.net/")),
            ("activeDirectoryDataLake", .string("https://datalake.azure.net/")),
            ("batch", .string("https://batch.core.windows.net/")),
            ("media", .string("https://rest.media.azure.net")),
            ("sqlManagement", .string("https://management.core.windows.net:8443/")),
            ("vmImageAliasDoc", .string("https://raw.githubusercontent.com/Azure/azure-rest-api-specs/master/arm-compute/quickstart-templates/aliases.json")),
            ("resourceManager", .string("https://management.azure.com/")),
            ("authentication", .object(authentication)),
            ("suffixes", .object(suffixes)),
        ]))
    }()
}
