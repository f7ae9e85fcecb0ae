import Foundation
import NetTwinCore
import Testing
@testable import NetTwinARM

/// languageVersion 2.0 user-defined types enforced on parameter values (definitions.md, "Type definitions in ARM
/// templates"; Bicep's compiled forms from Azure/bicep's TypeDeclarations baseline; see Docs/research/arm-language-2.md).
/// Every accepted/rejected value below is one the article lists for its example, unless the comment says otherwise.
@Suite struct UserDefinedTypeTests {
    /// A languageVersion 2.0 template with `definitions` and one parameter `p` of type `parameterType`, given `value`.
    static func expand(definitions: String, parameterType: String, value: String) -> ExpansionResult {
        let template = """
            {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "languageVersion": "2.0",
             "contentVersion": "1.0.0.0", "definitions": \(definitions),
             "parameters": {"p": \(parameterType)}, "resources": {}}
            """
        let parameters = """
            {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "contentVersion": "1.0.0.0",
             "parameters": {"p": {"value": \(value)}}}
            """
        return ARMSupport.expand(template, parameters: parameters)
    }

    static func errors(_ r: ExpansionResult) -> [Diagnostic] { ARMSupport.errors(r) }

    /// `{"$ref": "#/definitions/PATH"}`.
    static func ref(_ path: String) -> String { "{\"$ref\": \"#/definitions/\(path)\"}" }

    // definitions.md "properties": {"foo": string minLength 1, "bar": int minValue 0}.
    static let objectDefinition = #"{"obj": {"type": "object", "properties": {"foo": {"type": "string", "minLength": 1}, "bar": {"type": "int", "minValue": 0}}}}"#

    /// "would accept {"foo": "string", "bar": 1}, but reject {"foo": "string", "bar": -1}, {"foo": "", "bar": 1}, or any
    /// object without a foo or bar property" ("All properties are required unless ... nullable").
    @Test(arguments: [(#"{"foo": "string", "bar": 1}"#, nil as String?),
                      (#"{"foo": "string", "bar": -1}"#, "at 'bar'"),
                      (#"{"foo": "", "bar": 1}"#, "at 'foo'"),
                      (#"{"foo": "string"}"#, "required property 'bar'"),
                      (#"{"bar": 1}"#, "required property 'foo'"),
                      (#""not an object""#, "expected a value of type 'object'")])
    func properties(value: String, error: String?) {
        let r = Self.expand(definitions: Self.objectDefinition, parameterType: Self.ref("obj"), value: value)
        let errors = Self.errors(r)
        if let error {
            #expect(errors.count == 1 && errors.first?.message.contains(error) == true, "\(errors)")
            #expect(errors.first?.message.contains("template parameter 'p'") == true)
        } else {
            #expect(errors.isEmpty, "\(errors)")
        }
    }

    /// "The nullable constraint indicates that the value may be null or omitted."
    @Test func nullablePropertyMayBeOmitted() {
        let definitions = #"{"obj": {"type": "object", "properties": {"foo": {"type": "string"}, "bar": {"type": "int", "nullable": true}}}}"#
        #expect(Self.errors(Self.expand(definitions: definitions, parameterType: Self.ref("obj"), value: #"{"foo": "x"}"#)).isEmpty)
        #expect(Self.errors(Self.expand(definitions: definitions, parameterType: Self.ref("obj"), value: #"{"foo": "x", "bar": null}"#)).isEmpty)
    }

    /// additionalProperties as a type: "accept {"fizz": "buzz", "foo": "bar"}" and "reject {"property": 1}"; false: "no
    /// properties beyond those defined" (Bicep's @sealed()).
    @Test func additionalProperties() {
        let dictionary = #"{"dict": {"type": "object", "properties": {"foo": {"type": "string"}}, "additionalProperties": {"type": "string"}}}"#
        #expect(Self.errors(Self.expand(definitions: dictionary, parameterType: Self.ref("dict"), value: #"{"fizz": "buzz", "foo": "bar"}"#)).isEmpty)
        let rejected = Self.errors(Self.expand(definitions: dictionary, parameterType: Self.ref("dict"), value: #"{"property": 1}"#))
        #expect(rejected.count == 1, "\(rejected)")
        let sealed = #"{"s": {"type": "object", "properties": {"foo": {"type": "string"}}, "additionalProperties": false}}"#
        let extra = Self.errors(Self.expand(definitions: sealed, parameterType: Self.ref("s"), value: #"{"foo": "a", "extra": 1}"#))
        #expect(extra.count == 1 && extra.first?.message.contains("'extra' is not allowed") == true, "\(extra)")
        // Without the constraint the default is true: any other property is accepted.
        let open = #"{"o": {"type": "object", "properties": {"foo": {"type": "string"}}}}"#
        #expect(Self.errors(Self.expand(definitions: open, parameterType: Self.ref("o"), value: #"{"foo": "a", "extra": 1}"#)).isEmpty)
    }

    /// The article's discriminator example: accept {"type": "ints", "foo": 1, "bar": 2} and {"type": "strings", "fizz":
    /// "buzz", "pop": "goes", "the": "weasel"}, reject {"type": "ints", "fizz": "buzz"}.
    @Test(arguments: [(#"{"type": "ints", "foo": 1, "bar": 2}"#, true),
                      (#"{"type": "strings", "fizz": "buzz", "pop": "goes", "the": "weasel"}"#, true),
                      (#"{"type": "ints", "fizz": "buzz"}"#, false),
                      (#"{"type": "floats", "x": 1.5}"#, false)])
    func discriminator(value: String, accepted: Bool) {
        let definitions = """
            {"taggedUnion": {"type": "object", "discriminator": {"propertyName": "type", "mapping": {
               "ints": {"type": "object", "additionalProperties": {"type": "int"}},
               "strings": {"type": "object", "additionalProperties": {"type": "string"}}}}}}
            """
        let errors = Self.errors(Self.expand(definitions: definitions, parameterType: Self.ref("taggedUnion"), value: value))
        #expect(errors.isEmpty == accepted, "\(errors)")
    }

    /// prefixItems [int, bool] "would accept [1, true] but reject [1, "string"] or [1]"; with "items": false, "the validated
    /// array must be the exact same length as the prefixItems constraint".
    @Test(arguments: [("[1, true]", true), (#"[1, "string"]"#, false), ("[1]", false), ("[1, true, 3]", false)])
    func tuples(value: String, accepted: Bool) {
        let definitions = #"{"tuple": {"type": "array", "prefixItems": [{"type": "int"}, {"type": "bool"}], "items": false}}"#
        #expect(Self.errors(Self.expand(definitions: definitions, parameterType: Self.ref("tuple"), value: value)).isEmpty == accepted)
    }

    /// items as a type applies to every element; the error names the element's path.
    @Test func itemsAndNestedPaths() {
        let definitions = """
            {"subnet": {"type": "object", "properties": {"name": {"type": "string"}, "addressPrefix": {"type": "string"}}},
             "subnets": {"type": "array", "items": {"$ref": "#/definitions/subnet"}, "minLength": 1}}
            """
        let good = Self.expand(definitions: definitions, parameterType: Self.ref("subnets"),
                               value: #"[{"name": "a", "addressPrefix": "10.0.0.0/24"}, {"name": "b", "addressPrefix": "10.0.1.0/24"}]"#)
        #expect(Self.errors(good).isEmpty, "\(good.diagnostics)")
        let bad = Self.errors(Self.expand(definitions: definitions, parameterType: Self.ref("subnets"),
                                          value: #"[{"name": "a", "addressPrefix": "10.0.0.0/24"}, {"name": "b", "addressPrefix": 24}]"#))
        #expect(bad.count == 1 && bad.first?.message.contains("at '[1].addressPrefix'") == true, "\(bad)")
        #expect(bad.first?.id == ARMDiagnosticID.parameterType)
        let empty = Self.errors(Self.expand(definitions: definitions, parameterType: Self.ref("subnets"), value: "[]"))
        #expect(empty.first?.id == ARMDiagnosticID.parameterLength)
    }

    /// Bicep points `$ref` into a definition (`#/definitions/pair/prefixItems/1`), and a `nullable` beside `$ref` overrides
    /// the referenced type (Azure/bicep TypeDeclarations baseline).
    @Test func referencesAreJSONPointers() {
        let definitions = #"{"pair": {"type": "array", "prefixItems": [{"type": "string"}, {"type": "int", "minValue": 1}], "items": false}, "maybe": {"type": "string", "nullable": true}}"#
        #expect(Self.errors(Self.expand(definitions: definitions, parameterType: Self.ref("pair/prefixItems/1"), value: "5")).isEmpty)
        #expect(Self.errors(Self.expand(definitions: definitions, parameterType: Self.ref("pair/prefixItems/1"), value: "0")).first?.id == ARMDiagnosticID.parameterRange)
        let notNull = Self.errors(Self.expand(definitions: ##"{"o": {"type": "object", "properties": {"x": {"$ref": "#/definitions/maybe", "nullable": false}}}, "maybe": {"type": "string", "nullable": true}}"##,
                                              parameterType: Self.ref("o"), value: #"{"x": null}"#))
        #expect(notNull.count == 1, "\(notNull)")
        let missing = Self.errors(Self.expand(definitions: definitions, parameterType: Self.ref("nothere"), value: "1"))
        #expect(missing.first?.message.contains("'#/definitions/nothere'") == true)
    }

    /// A recursive type is legal (Bicep emits `{"$ref": "#/definitions/node", "nullable": true}`); the value is checked
    /// to its end. A definition that only refers to itself is reported, not followed for ever.
    @Test func recursiveTypes() {
        let definitions = ##"{"node": {"type": "object", "properties": {"name": {"type": "string"}, "child": {"$ref": "#/definitions/node", "nullable": true}}}, "loop": {"$ref": "#/definitions/loop"}}"##
        #expect(Self.errors(Self.expand(definitions: definitions, parameterType: Self.ref("node"), value: #"{"name": "a", "child": {"name": "b", "child": {"name": "c"}}}"#)).isEmpty)
        let deep = Self.errors(Self.expand(definitions: definitions, parameterType: Self.ref("node"), value: #"{"name": "a", "child": {"name": "b", "child": {"name": 3}}}"#))
        #expect(deep.first?.message.contains("at 'child.child.name'") == true, "\(deep)")
        let loop = Self.errors(Self.expand(definitions: definitions, parameterType: Self.ref("loop"), value: "1"))
        #expect(loop.first?.message.contains("refers to itself") == true, "\(loop)")
    }

    /// allowedValues on an array type lists the allowed elements ("the actual value can be any subset of the allowed
    /// values", parameters.md); Bicep's literal-union arrays compile to it.
    @Test func allowedElementsOfAnArray() {
        let type = #"{"type": "array", "allowedValues": ["Standard_LRS", "Standard_ZRS"]}"#
        #expect(Self.errors(Self.expand(definitions: "{}", parameterType: type, value: #"["Standard_ZRS"]"#)).isEmpty)
        #expect(Self.errors(Self.expand(definitions: "{}", parameterType: type, value: #"["Premium_LRS"]"#)).first?.id == ARMDiagnosticID.parameterNotAllowed)
    }

    /// A secure object's violations do not quote its values.
    @Test func secureValuesAreNotQuoted() {
        let type = #"{"type": "secureObject", "properties": {"password": {"type": "string", "allowedValues": ["only-this"]}}}"#
        let errors = Self.errors(Self.expand(definitions: "{}", parameterType: type, value: #"{"password": "hunter2-secret"}"#))
        #expect(errors.count == 1)
        #expect(errors.allSatisfy { !$0.message.contains("hunter2-secret") }, "\(errors)")
    }
}
