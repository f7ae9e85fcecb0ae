import Foundation
import NetTwinCore
import Testing
@testable import NetTwinARM

/// Template-language features that current Bicep output uses (issue 11 B).
@Suite struct BicepOutputTests {
    /// A nested deployment whose parameter `subnets` is built by a property copy loop, as Bicep emits a `for`
    /// expression passed to a module (copy-properties.md: "copy" inside "properties" builds the array named by
    /// `name`). `form` is the member layout; the inner template returns what it received.
    static func module(parameter: String, count: String) -> String {
        """
        {"parameters": {"names": {"type": "array", "defaultValue": ["a", "b", "c"]}, "n": {"type": "int", "defaultValue": \(count)}},
         "resources": [{"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "vnet-module",
           "properties": {"mode": "Incremental", "expressionEvaluationOptions": {"scope": "inner"},
             "parameters": {"subnets": \(parameter)},
             "template": {"parameters": {"subnets": {"type": "array"}}, "resources": [],
               "outputs": {"got": {"type": "array", "value": "[parameters('subnets')]"}}}}}],
         "outputs": {"got": {"type": "array", "value": "[reference('vnet-module').outputs.got.value]"}}}
        """
    }

    static let loop = #"[{"name": "value", "count": "[parameters('n')]", "input": "[format('snet-{0}', parameters('names')[copyIndex('value')])]"}]"#

    @Test(arguments: [3, 0])
    func copyLoopInModuleParameters(count: Int) {
        let expected = "[" + ["snet-a", "snet-b", "snet-c"].prefix(count).map { "\"\($0)\"" }.joined(separator: ",") + "]"
        // Form 1: the parameter object is itself the property copy: {"copy": [{"name": "value", ...}]}.
        let direct = ARMSupport.expand(Self.module(parameter: "{\"copy\": \(Self.loop)}", count: "\(count)"))
        #expect(ARMSupport.errors(direct).isEmpty, "\(direct.diagnostics)")
        #expect(direct.outputs.first.map { "\($0.value)" } == expected)
        // Form 2: the copy sits inside "value": {"value": {"copy": [{"name": "items", ...}]}} gives an object with "items".
        let inside = Self.loop.replacingOccurrences(of: "\"value\"", with: "\"items\"").replacingOccurrences(of: "copyIndex('value')", with: "copyIndex('items')")
        let wrapped = ARMSupport.expand(Self.module(parameter: "{\"value\": {\"copy\": \(inside)}}", count: "\(count)")
            .replacingOccurrences(of: "\"subnets\": {\"type\": \"array\"}", with: "\"subnets\": {\"type\": \"object\"}")
            .replacingOccurrences(of: "{\"got\": {\"type\": \"array\", \"value\": \"[parameters('subnets')]\"}}", with: "{\"got\": {\"type\": \"array\", \"value\": \"[parameters('subnets').items]\"}}"))
        #expect(ARMSupport.errors(wrapped).isEmpty, "\(wrapped.diagnostics)")
        #expect(wrapped.outputs.first.map { "\($0.value)" } == expected)
    }

    /// Bicep compiles `userAssignedIdentities: { '${identity.id}': {} }` to a property name that is an expression; Azure
    /// evaluates it (template-expressions.md: an expression is a string that starts with `[` and ends with `]`; a
    /// leading `[[` escapes it).
    @Test func expressionPropertyNamesAreEvaluated() throws {
        let template = """
            {"parameters": {"identity": {"type": "string", "defaultValue": "uami-app"}},
             "resources": [{"type": "Microsoft.Web/sites", "apiVersion": "2023-01-01", "name": "app", "location": "westeurope",
               "identity": {"type": "UserAssigned", "userAssignedIdentities": {
                 "[format('{0}', resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', parameters('identity')))]": {}}},
               "tags": {"[[literal]": "kept", "plain": "[toUpper('x')]"}, "properties": {}}]}
            """
        let r = ARMSupport.expand(template)
        #expect(ARMSupport.errors(r).isEmpty, "\(r.diagnostics)")
        let document = try #require(r.documents.first)
        guard case .object(let identities)? = ARMSupport.value(document, "/identity/userAssignedIdentities") else {
            Issue.record("no userAssignedIdentities")
            return
        }
        let key = try #require(identities.first?.key)
        #expect(key.hasSuffix("/resourceGroups/\(DeploymentContext().resourceGroup)/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uami-app") || key.contains("/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uami-app"), "\(key)")
        #expect(!key.hasPrefix("["))
        #expect(ARMSupport.string(document, "/tags/[literal]") == "kept")
        #expect(ARMSupport.string(document, "/tags/plain") == "X")
    }

    /// A property name that evaluates to an object is refused (a name is a string).
    @Test func propertyNameMustBeAString() {
        let template = #"{"resources": [{"type": "Microsoft.Network/routeTables", "apiVersion": "2023-04-01", "name": "rt", "tags": {"[createObject('a', 1)]": "x"}, "properties": {}}]}"#
        let r = ARMSupport.expand(template)
        #expect(ARMSupport.errors(r).contains { $0.message.contains("property name") })
    }

    /// Any Unicode white space between tokens is accepted: a no-break space (U+00A0) and an ideographic space (U+3000)
    /// between arguments, as in templates copied from rendered web pages.
    @Test(arguments: ["\u{00A0}", "\u{3000}", "\u{2009}"])
    func unicodeWhitespaceBetweenArguments(space: String) {
        let (value, diagnostics) = ARMSupport.evaluate("[concat('a',\(space)'b',\(space)\(space)'c')]")
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty, "\(diagnostics)")
        #expect(value == ARMSupport.json(#""abc""#))
        // Inside a string literal the character is kept.
        let (kept, _) = ARMSupport.evaluate("[concat('a\(space)b')]")
        #expect(kept == ARMSupport.json("\"a\(space)b\""))
    }

    /// languageVersion 2.0 symbolic names: `reference('vnets[1]')` is the second instance of the copy loop `vnets`; an
    /// index past the end is a deployment error, not a resource outside the template.
    @Test func symbolicReferencePastTheEndOfALoop() {
        func template(_ index: Int) -> String {
            """
            {"languageVersion": "2.0", "contentVersion": "1.0.0.0",
             "resources": {"vnets": {"copy": {"name": "vnets", "count": 2}, "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-04-01",
                "name": "[format('vnet{0}', copyIndex())]", "location": "westeurope",
                "properties": {"addressSpace": {"addressPrefixes": ["[format('10.{0}.0.0/16', copyIndex())]"]}}}},
             "outputs": {"space": {"type": "array", "value": "[reference('vnets[\(index)]').addressSpace.addressPrefixes]"}}}
            """
        }
        let inside = ARMSupport.expand(template(1))
        #expect(ARMSupport.errors(inside).isEmpty, "\(inside.diagnostics)")
        #expect(inside.outputs.first.map { "\($0.value)" } == #"["10.1.0.0/16"]"#)
        let past = ARMSupport.expand(template(5))
        let errors = ARMSupport.errors(past)
        #expect(errors.count == 1 && errors.first?.message.contains("past the end of the copy loop 'vnets'") == true, "\(past.diagnostics)")
    }
}
