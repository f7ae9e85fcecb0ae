import Foundation
import NetTwinCore
import Testing
@testable import NetTwinARM

/// Hostile templates (issue 15 B): expression bombs end in a located error with its id, never in an abort or a
/// timeout; what Azure's validation refuses is refused. Limits: Docs/ARM-FUNCTIONS.md, "Limits".
@Suite struct HostileTemplateTests {
    static func template(variables: [String: String] = [:], output: String, type: String = "string") -> String {
        let vars = variables.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \"\($0.value)\"" }.joined(separator: ", ")
        return """
            {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0",
             "variables": {\(vars)}, "resources": [], "outputs": {"o": {"type": "\(type)", "value": "\(output)"}}}
            """
    }

    static func errorIDs(_ r: ExpansionResult) -> [String] { ARMSupport.errors(r).map(\.id) }

    /// A string doubled 40 times by concat (2^41 bytes): stopped at the value limit (4 MiB), at the variable that crosses it.
    @Test func doublingByConcat() {
        var variables = ["v00": "ab"]
        for i in 1...40 { variables[String(format: "v%02d", i)] = "[concat(variables('\(String(format: "v%02d", i - 1))'), variables('\(String(format: "v%02d", i - 1))'))]" }
        let r = ARMSupport.expand(Self.template(variables: variables, output: "[variables('v40')]"))
        #expect(Self.errorIDs(r).contains(ARMDiagnosticID.limitValueSize))
        let error = ARMSupport.errors(r).first { $0.id == ARMDiagnosticID.limitValueSize }
        // 2 × 2^21 = 4 MiB is allowed; the next doubling (v22) is not.
        #expect(error?.location?.pointer.description == "/variables/v22")
    }

    /// `string(createArray(v, v))` applied 40 times.
    @Test func doublingByString() {
        var variables = ["v00": "ab"]
        for i in 1...40 { variables[String(format: "v%02d", i)] = "[string(createArray(variables('\(String(format: "v%02d", i - 1))'), variables('\(String(format: "v%02d", i - 1))')))]" }
        let r = ARMSupport.expand(Self.template(variables: variables, output: "[variables('v40')]"))
        #expect(Self.errorIDs(r).contains(ARMDiagnosticID.limitValueSize))
    }

    /// `map` over range(0, 10000) returning 10,000-element arrays (10^8 elements): stopped while the array is built.
    @Test func mapOfRanges() {
        let r = ARMSupport.expand(Self.template(output: "[map(range(0, 10000), lambda('x', range(0, 10000)))]", type: "array"))
        #expect(Self.errorIDs(r) == [ARMDiagnosticID.limitValueSize])
    }

    /// A reduce that concatenates 10,000 times (quadratic): stopped by the work limit.
    @Test func quadraticReduce() {
        let r = ARMSupport.expand(Self.template(output: "[reduce(range(0, 10000), '', lambda('acc', 'x', concat(lambdaVariables('acc'), string(range(0, 100)))))]"))
        #expect(Self.errorIDs(r) == [ARMDiagnosticID.limitEvaluationWork])
    }

    /// `format('{0,2000000000}', 'a')`: .NET composite formatting refuses a width of 1,000,000 or more.
    @Test(arguments: [("{0,2000000000}", false), ("{0,-1000000}", false), ("{0,999999}", true), ("{0,5}", true)])
    func formatAlignment(item: String, accepted: Bool) {
        let r = ARMSupport.expand(Self.template(output: "[length(format('\(item)', 'a'))]", type: "int"))
        #expect(ARMSupport.errors(r).isEmpty == accepted, "\(r.diagnostics)")
    }

    /// A copy loop whose elements each hold a 1 MB string: the variable's array is stopped at 4 MiB.
    @Test func growingCopyLoop() {
        let template = """
            {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0",
             "variables": {"big": "[string(map(range(0, 10000), lambda('i', 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx')))]", "copy": [{"name": "many", "count": 800, "input": "[variables('big')]"}]},
             "resources": [], "outputs": {"o": {"type": "int", "value": "[length(variables('many'))]"}}}
            """
        let r = ARMSupport.expand(template)
        #expect(Self.errorIDs(r).contains(ARMDiagnosticID.limitValueSize), "\(r.diagnostics)")
    }

    /// Json.NET refuses a repeated key ("Property with the same name already exists"): an error with different values,
    /// a warning with the same value, at the repeated member.
    @Test func duplicateKeys() {
        let different = ARMSupport.expand(#"{"variables": {"a": 1, "a": 2}, "resources": []}"#)
        let errors = ARMSupport.errors(different)
        #expect(errors.map(\.id) == [ARMDiagnosticID.duplicateKey])
        #expect(errors.first?.location?.pointer.description == "/variables/a")
        let same = ARMSupport.expand(#"{"variables": {"a": 1, "a": 1}, "resources": []}"#)
        #expect(ARMSupport.errors(same).isEmpty)
        #expect(same.diagnostics.contains { $0.id == ARMDiagnosticID.duplicateKey && $0.severity == .warning })
    }

    /// resource-dependency.md: dependsOn names resources of the template; a resource cannot depend on itself; no cycles.
    @Test func dependencies() {
        func template(_ dependsOn: [String: [String]]) -> String {
            let resources = ["a", "b", "c"].map { name in
                "{\"type\": \"Microsoft.Network/routeTables\", \"apiVersion\": \"2023-04-01\", \"name\": \"\(name)\", \"location\": \"westeurope\", \"dependsOn\": [\((dependsOn[name] ?? []).map { "\"\($0)\"" }.joined(separator: ", "))], \"properties\": {}}"
            }
            return "{\"resources\": [\(resources.joined(separator: ", "))]}"
        }
        #expect(ARMSupport.errors(ARMSupport.expand(template(["b": ["a"], "c": ["[resourceId('Microsoft.Network/routeTables', 'b')]", "Microsoft.Network/routeTables/a"]]))).isEmpty)
        let cycle = ARMSupport.errors(ARMSupport.expand(template(["a": ["b"], "b": ["c"], "c": ["a"]])))
        #expect(cycle.map(\.id) == [ARMDiagnosticID.dependsOnCycle] && cycle.first?.message.contains("'a' → 'b' → 'c' → 'a'") == true, "\(cycle)")
        #expect(ARMSupport.errors(ARMSupport.expand(template(["a": ["a"]]))).map(\.id) == [ARMDiagnosticID.dependsOnCycle])
        let missing = ARMSupport.errors(ARMSupport.expand(template(["a": ["nothing-here"]])))
        #expect(missing.map(\.id) == [ARMDiagnosticID.dependsOnMissing] && missing.first?.location?.pointer.description == "/resources/0/dependsOn/0")
    }

    /// A resource of a template that is not deployed (its condition is false) is not checked.
    @Test func dependenciesOfUndeployedResources() {
        let r = ARMSupport.expand("""
            {"resources": [{"condition": false, "type": "Microsoft.Network/routeTables", "apiVersion": "2023-04-01", "name": "a", "dependsOn": ["nothing"], "properties": {}}]}
            """)
        #expect(ARMSupport.errors(r).isEmpty)
    }

    /// `resources` as an object of symbolic names needs languageVersion 2.0.
    @Test func symbolicResourcesNeedLanguageVersion2() {
        let body = #""resources": {"rt": {"type": "Microsoft.Network/routeTables", "apiVersion": "2023-04-01", "name": "rt", "properties": {}}}"#
        #expect(Self.errorIDs(ARMSupport.expand("{\(body)}")) == [ARMDiagnosticID.templateInvalid])
        #expect(ARMSupport.errors(ARMSupport.expand("{\"languageVersion\": \"2.0\", \(body)}")).isEmpty)
    }

    /// reference('name') names a resource of the same template; one deployed elsewhere is referenced by its ID.
    @Test func referenceToAnUndeclaredName() {
        let r = ARMSupport.expand(Self.template(output: "[string(reference('nowhere'))]"))
        #expect(Self.errorIDs(r) == [ARMDiagnosticID.referenceNotFound])
        let byID = ARMSupport.expand(Self.template(output: "[string(reference(resourceId('Microsoft.Network/routeTables', 'elsewhere'), '2023-04-01'))]"))
        #expect(!Self.errorIDs(byID).contains(ARMDiagnosticID.referenceNotFound))
    }

    /// key-vault-parameter.md: a Key Vault reference has keyVault.id and secretName as strings.
    @Test func keyVaultReferenceShape() {
        let template = #"{"parameters": {"p": {"type": "securestring"}}, "resources": []}"#
        func parameters(_ reference: String) -> String {
            #"{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "contentVersion": "1.0.0.0", "parameters": {"p": {"reference": \#(reference)}}}"#
        }
        let good = ARMSupport.expand(template, parameters: parameters(#"{"keyVault": {"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv"}, "secretName": "pw"}"#))
        #expect(ARMSupport.errors(good).isEmpty, "\(good.diagnostics)")
        let bad = ARMSupport.expand(template, parameters: parameters(#"{"keyVault": {"id": 42}, "secretName": "pw"}"#))
        #expect(Self.errorIDs(bad) == [ARMDiagnosticID.parametersFileInvalid])
    }
}
