import Foundation
import NetTwinCore

/// What expanding a template produced.
public struct ExpansionResult: Sendable {
    /// Cells of values computed by the expansion (measured against TemplateLimits.evaluationCells).
    public var evaluationWork = 0
    /// One per deployed resource, shaped like a GET/export of the resource with the evaluated values.
    public var documents: [ResourceDocument] = []
    /// The files read as linked templates while expanding (`relativePath`, or a URI under `--map-uri`).
    public var linkedTemplatePaths: [String] = []
    public var outputs: [(name: String, value: JSONValue)] = []
    public var diagnostics: [Diagnostic] = []
    /// Where values known only at deployment time ended up (written as null in the document).
    public var unknowns: [(document: Int, pointer: JSONPointer, reason: String)] = []
    /// Unknowns in outputs (output name, pointer inside its value, reason).
    public var outputUnknowns: [(output: String, pointer: JSONPointer, reason: String)] = []
    /// The strings of every secret value the expansion computed: secure parameters (command line, parameters
    /// file, defaults), Key Vault references, `list*()`, secure outputs, and everything derived from them.
    var secretStrings: Set<String> = []
    /// Names of outputs declared `securestring`/`secureObject`.
    var secureOutputs: Set<String> = []

    public init() {}

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// A copy safe to print. Secret values are already `"<secure>"` in documents and outputs (the evaluator
    /// marks every value computed from a secret). As a last line of defence, the strings of secure parameter
    /// values and of names computed from them are cut out of every string (exact matches only for strings
    /// shorter than 4 characters), and secure outputs are `"<secure>"`.
    public func redacted() -> ExpansionResult {
        var copy = self
        let long = secretStrings.filter { $0.count >= 4 }.sorted { $0.count > $1.count }
        func scrub(_ s: String) -> String {
            if secretStrings.contains(s) { return ARMValue.secureText }
            return Self.scrub(s, secrets: long)
        }
        func redact(_ v: JSONValue) -> JSONValue {
            switch v {
            case .string(let s):
                return .string(scrub(s))
            case .array(let items):
                return .array(items.map { JSONNode(redact($0.value), offset: $0.offset) })
            case .object(let members):
                return .object(members.map {
                    JSONMember(key: scrub($0.key), keyOffset: $0.keyOffset, value: JSONNode(redact($0.value.value), offset: $0.value.offset))
                })
            default: return v
            }
        }
        if !secretStrings.isEmpty {
            copy.documents = documents.map { d in
                var d = d
                d.node = JSONNode(redact(d.node.value), offset: d.node.offset)
                return d
            }
        }
        copy.outputs = outputs.map { o in
            (o.name, secureOutputs.contains(o.name) ? .string(ARMValue.secureText) : secretStrings.isEmpty ? o.value : redact(o.value))
        }
        copy.diagnostics = diagnostics.map { d in
            var d = d
            d.message = Self.scrub(d.message, secrets: long)
            return d
        }
        copy.secretStrings = []
        return copy
    }

    /// Cuts every secret out of a text (`secrets` longest first, so that a secret inside another goes with it).
    static func scrub(_ text: String, secrets: [String]) -> String {
        var out = text
        for secret in secrets where out.contains(secret) {
            out = out.replacingOccurrences(of: secret, with: ARMValue.secureText)
        }
        return out
    }
}
