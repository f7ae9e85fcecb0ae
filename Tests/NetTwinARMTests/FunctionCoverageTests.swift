import NetTwinCore
import Testing
@testable import NetTwinARM

/// Functions of the template function reference that no other test exercised (see
/// Docs/ARM-FUNCTIONS.md). Each case names its doc page (MicrosoftDocs/azure-docs,
/// articles/azure-resource-manager/templates/…, as published on learn.microsoft.com). Where the
/// page gives an example with its output, that output is the expected value; where it gives only the
/// description, the case says so and checks what the description states.
struct FunctionCoverageTests {
    struct Case: Sendable, CustomStringConvertible {
        var doc: String, expression: String, expected: String, variables: String = "{}"
        var description: String { "\(doc): \(expression)" }
    }

    static let cases: [Case] = [
        // template-functions-array.md#flatten (example: [["one","two"],["three"],["four","five"]]).
        Case(doc: "template-functions-array.md#flatten", expression: "[flatten(variables('a'))]",
             expected: #"["one","two","three","four","five"]"#, variables: #"{"a": [["one", "two"], ["three"], ["four", "five"]]}"#),
        // template-functions-array.md#indexfromend / #tryindexfromend: "reverseIndex … one-based
        // index from the end" (description; 1 is the last element). tryIndexFromEnd gives null out of range.
        Case(doc: "template-functions-array.md#indexfromend (description)", expression: "[indexFromEnd(createArray('a', 'b', 'c'), 1)]", expected: #""c""#),
        Case(doc: "template-functions-array.md#indexfromend (description)", expression: "[indexFromEnd(createArray('a', 'b', 'c'), 3)]", expected: #""a""#),
        Case(doc: "template-functions-array.md#tryindexfromend (description)", expression: "[tryIndexFromEnd(createArray('a', 'b', 'c'), 2)]", expected: #""b""#),
        Case(doc: "template-functions-array.md#tryindexfromend (description)", expression: "[tryIndexFromEnd(createArray('a', 'b', 'c'), 4)]", expected: "null"),
        // template-functions-array.md#indexof / #lastindexof with arrays (description: "the index of
        // the first/last occurrence of an item in an array", -1 when not found).
        Case(doc: "template-functions-array.md#indexof (description)", expression: "[indexOf(createArray('abc', 'def', 'ghi', 'def'), 'def')]", expected: "1"),
        Case(doc: "template-functions-array.md#lastindexof (description)", expression: "[lastIndexOf(createArray('abc', 'def', 'ghi', 'def'), 'def')]", expected: "3"),
        Case(doc: "template-functions-array.md#indexof (description)", expression: "[indexOf(createArray(1, 2, 3), 4)]", expected: "-1"),
        // template-functions-array.md#tryget: an array index out of range gives null.
        Case(doc: "template-functions-array.md#tryget (description)", expression: "[tryGet(createArray('a', 'b'), 5)]", expected: "null"),
        // distinct (template-functions-array.md, 2026; Azure/bicep PR #19167 tests distinct([1,2,2,3,1]) → [1,2,3]):
        // duplicates removed, first occurrences kept in order; objects compare by value (Docs/research/arm-language-2.md).
        Case(doc: "template-functions-array.md#distinct (Bicep PR #19167)", expression: "[distinct(createArray(1, 2, 2, 3, 1))]", expected: "[1,2,3]"),
        Case(doc: "template-functions-array.md#distinct (description)", expression: "[distinct(createArray('b', 'a', 'b'))]", expected: #"["b","a"]"#),
        Case(doc: "template-functions-array.md#distinct (description)", expression: "[distinct(createArray(createObject('a', 1), createObject('a', 1), createObject('a', 2)))]", expected: #"[{"a":1},{"a":2}]"#),
        Case(doc: "template-functions-array.md#distinct (description)", expression: "[distinct(createArray())]", expected: "[]"),
        // like (template-functions-string.md, 2026; Azure/bicep PR #18990 passes like('abcdef', 'a*c*') through): the whole
        // string matches, `*` is any run of characters, case-insensitive; `?` has no special meaning.
        Case(doc: "template-functions-string.md#like (Bicep PR #18990)", expression: "[like('abcdef', 'a*c*')]", expected: "true"),
        Case(doc: "template-functions-string.md#like (description)", expression: "[like('abcdef', 'a*c')]", expected: "false"),
        Case(doc: "template-functions-string.md#like (description)", expression: "[like('SQL-MI-WEU', 'sql-*-weu')]", expected: "true"),
        Case(doc: "template-functions-string.md#like (description)", expression: "[like('subnet-ab-ab', '*-ab')]", expected: "true"),
        Case(doc: "template-functions-string.md#like (description)", expression: "[like('abc', 'a?c')]", expected: "false"),
        Case(doc: "template-functions-string.md#like (description)", expression: "[like('a?c', 'a?c')]", expected: "true"),
        Case(doc: "template-functions-string.md#like (description)", expression: "[like('', '*')]", expected: "true"),
        // template-functions-lambda.md#groupby (example: groupBy of 'foo', 'bar', 'baz' by first letter).
        Case(doc: "template-functions-lambda.md#groupby", expression: "[groupBy(createArray('foo', 'bar', 'baz'), lambda('x', substring(lambdaVariables('x'), 0, 1)))]",
             expected: #"{"f":["foo"],"b":["bar","baz"]}"#),
        // template-functions-lambda.md#mapvalues (example: toUpper over {"foo": "foo"}).
        Case(doc: "template-functions-lambda.md#mapvalues", expression: "[mapValues(createObject('foo', 'foo'), lambda('val', toUpper(lambdaVariables('val'))))]",
             expected: #"{"foo":"FOO"}"#),
        // template-functions-date.md#datetimefromepoch / #datetimetoepoch (example epoch 1683040573).
        Case(doc: "template-functions-date.md#datetimefromepoch", expression: "[dateTimeFromEpoch(1683040573)]", expected: #""2023-05-02T15:16:13Z""#),
        Case(doc: "template-functions-date.md#datetimetoepoch", expression: "[dateTimeToEpoch('2023-05-02T15:16:13Z')]", expected: "1683040573"),
        // template-functions-numeric.md#float ("Converts the value to a floating point number").
        Case(doc: "template-functions-numeric.md#float (description)", expression: "[float('3.5')]", expected: "3.5"),
        Case(doc: "template-functions-numeric.md#float (description)", expression: "[float(2)]", expected: "2.0"),
        // template-functions-resource.md: the id formats each function's "Return value" section states.
        Case(doc: "template-functions-resource.md#subscriptionresourceid", expression: "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'acdd72a7-3385-48ef-bd42-f606fba81ae7')]",
             expected: #""/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7""#),
        Case(doc: "template-functions-resource.md#tenantresourceid", expression: "[tenantResourceId('Microsoft.Authorization/policyDefinitions', '0a914e76-4921-4c19-b460-a2d36003525a')]",
             expected: #""/providers/Microsoft.Authorization/policyDefinitions/0a914e76-4921-4c19-b460-a2d36003525a""#),
        Case(doc: "template-functions-resource.md#extensionresourceid", expression: "[extensionResourceId(resourceGroup().id, 'Microsoft.Authorization/locks', 'rgLock')]",
             expected: #""/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/nettwin-rg/providers/Microsoft.Authorization/locks/rgLock""#),
        Case(doc: "template-functions-resource.md#extensionresourceid", expression: "[extensionResourceId(resourceId('Microsoft.Network/virtualNetworks', 'vnet'), 'Microsoft.Authorization/locks', 'vnetLock')]",
             expected: #""/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/nettwin-rg/providers/Microsoft.Network/virtualNetworks/vnet/providers/Microsoft.Authorization/locks/vnetLock""#),
        Case(doc: "template-functions-resource.md#managementgroupresourceid", expression: "[managementGroupResourceId('mg1', 'Microsoft.Authorization/policyDefinitions', 'locationpolicy')]",
             expected: #""/providers/Microsoft.Management/managementGroups/mg1/providers/Microsoft.Authorization/policyDefinitions/locationpolicy""#),
        // template-functions-scope.md#subscription / #tenant: the returned object's documented members.
        Case(doc: "template-functions-scope.md#subscription", expression: "[subscription().id]", expected: #""/subscriptions/00000000-0000-0000-0000-000000000000""#),
        Case(doc: "template-functions-scope.md#subscription", expression: "[subscription().subscriptionId]", expected: #""00000000-0000-0000-0000-000000000000""#),
        Case(doc: "template-functions-scope.md#tenant", expression: "[tenant().id]", expected: #""/tenants/00000000-0000-0000-0000-000000000000""#),
        // template-functions-deployment.md#deployment: name, mode and provisioningState as in the example.
        Case(doc: "template-functions-deployment.md#deployment", expression: "[deployment().name]", expected: #""nettwin""#),
        Case(doc: "template-functions-deployment.md#deployment", expression: "[deployment().properties.mode]", expected: #""Incremental""#),
        Case(doc: "template-functions-deployment.md#deployment", expression: "[deployment().properties.provisioningState]", expected: #""Accepted""#),
        // template-functions-deployment.md#deployer: tenantId is the deployment's tenant.
        Case(doc: "template-functions-deployment.md#deployer", expression: "[deployer().tenantId]", expected: #""00000000-0000-0000-0000-000000000000""#),
    ]

    @Test(arguments: cases)
    func documentedValue(_ c: Case) {
        let (value, diagnostics) = ARMSupport.evaluate(c.expression, variables: c.variables)
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty, "\(diagnostics)")
        let expected = ARMSupport.json(c.expected)
        #expect(value.map { FunctionSampleTests.same($0, expected) } == true, "\(c): got \(value.map { "\($0)" } ?? "nothing")")
    }

    /// Values Azure knows only while deploying are unknowns, reported where they end up.
    @Test(arguments: [
        ("[deployer().objectId]", "template-functions-deployment.md#deployer"),
        ("[deployer().userPrincipalName]", "template-functions-deployment.md#deployer"),
        ("[deployment().properties.templateHash]", "template-functions-deployment.md#deployment"),
        ("[providers('Microsoft.Network', 'virtualNetworks')]", "template-functions-resource.md#providers"),
        ("[listKeys(resourceId('Microsoft.Storage/storageAccounts', 'st'), '2023-01-01')]", "template-functions-resource.md#listkeys"),
        ("[listAccountSas(resourceId('Microsoft.Storage/storageAccounts', 'st'), '2023-01-01', createObject())]", "template-functions-resource.md#list"),
        ("[listSecrets(resourceId('Microsoft.Web/sites/functions', 'site', 'f'), '2022-03-01')]", "template-functions-resource.md#list"),
        ("[subscription().displayName]", "template-functions-scope.md#subscription"),
        ("[tenant().displayName]", "template-functions-scope.md#tenant"),
    ])
    func deployTimeUnknown(_ expression: String, _ doc: String) {
        let r = ARMSupport.expand("""
        {"resources": [], "outputs": {"o": {"type": "", "value": "\(expression)"}}}
        """)
        #expect(ARMSupport.errors(r).isEmpty, "\(doc): \(r.diagnostics)")
        #expect(r.outputUnknowns.map(\.output) == ["o"], "\(doc): \(expression)")
    }

    /// template-functions-scope.md#managementgroup: "can only be used in deployments to a management group".
    @Test func managementGroupOnlyAtManagementGroupScope() {
        let mg = ARMSupport.expand("""
        {"$schema": "https://schema.management.azure.com/schemas/2019-08-01/managementGroupDeploymentTemplate.json#", "contentVersion": "1.0.0.0",
         "resources": [], "outputs": {"id": {"type": "string", "value": "[managementGroup().id]"}, "type": {"type": "string", "value": "[managementGroup().type]"}}}
        """)
        #expect(ARMSupport.errors(mg).isEmpty, "\(mg.diagnostics)")
        #expect(mg.outputs.first { $0.name == "id" }?.value == .string("/providers/Microsoft.Management/managementGroups/nettwin-mg"))
        #expect(mg.outputs.first { $0.name == "type" }?.value == .string("Microsoft.Management/managementGroups"))
        let (_, diagnostics) = ARMSupport.evaluate("[managementGroup().id]")
        #expect(diagnostics.contains { $0.id == ARMDiagnosticID.functionNotAllowed })
    }

    /// template-functions-any.md: "This function doesn't exist in the Azure Resource Manager template
    /// runtime. It's only used by Bicep and isn't emitted in the JSON for the built template."
    /// It is reported as an unknown function (an error), as Azure would.
    @Test func anyIsNotInTheRuntime() {
        let (_, diagnostics) = ARMSupport.evaluate("[any('0.5')]")
        #expect(diagnostics.contains { $0.id == ARMDiagnosticID.functionUnknown && $0.severity == .error }, "\(diagnostics)")
    }

    /// template-functions-resource.md#references: "Returns an array of objects representing a resource
    /// collection's runtime states" (languageVersion 2.0, the symbolic name of a copied resource).
    @Test func referencesOfACollection() {
        let r = ARMSupport.expand("""
        {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "languageVersion": "2.0",
         "contentVersion": "1.0.0.0",
         "resources": {"vnets": {"type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-04-01", "name": "[format('vnet{0}', copyIndex())]",
           "location": "westeurope", "copy": {"name": "vnets", "count": 3},
           "properties": {"addressSpace": {"addressPrefixes": ["[format('10.{0}.0.0/16', copyIndex())]"]}}}},
         "outputs": {
           "count": {"type": "int", "value": "[length(references('vnets'))]"},
           "prefixes": {"type": "array", "value": "[map(references('vnets'), lambda('v', lambdaVariables('v').addressSpace.addressPrefixes[0]))]"},
           "full": {"type": "int", "value": "[length(references('vnets', 'Full'))]"}}}
        """)
        #expect(ARMSupport.errors(r).isEmpty, "\(r.diagnostics)")
        #expect(r.outputs.first { $0.name == "count" }?.value == .integer(3))
        #expect(r.outputs.first { $0.name == "full" }?.value == .integer(3))
        let prefixes = r.outputs.first { $0.name == "prefixes" }?.value
        #expect(prefixes.map { FunctionSampleTests.same($0, ARMSupport.json(#"["10.0.0.0/16", "10.1.0.0/16", "10.2.0.0/16"]"#)) } == true)
        let (_, diagnostics) = ARMSupport.evaluate("[references('nothing')]")
        #expect(diagnostics.contains { $0.severity == .error })
    }
}
