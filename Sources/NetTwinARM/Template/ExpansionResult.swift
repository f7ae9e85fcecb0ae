import Foundation
import NetTwinCore

/// What expanding a template produced.
public struct ExpansionResult: Sendable {
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
    /// Values of `securestring`/`secureObject` parameters (never to be printed).
    var secrets: [JSONValue] = []
    /// Names of outputs declared `securestring`/`secureObject`.
    var secureOutputs: Set<String> = []

    public init() {}

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// A copy safe to print: every secure parameter value, and every string containing a secure
    /// string, is replaced by `"<secure>"` in documents and outputs; secure outputs are `"<secure>"`.
    public func redacted() -> ExpansionResult {
        var copy = self
        let secretStrings = secrets.compactMap { v -> String? in if case .string(let s) = v, !s.isEmpty { return s }; return nil }
        let secretValues = secrets.filter { if case .string = $0 { return false }; if case .null = $0 { return false }; return true }
        func redact(_ v: JSONValue) -> JSONValue {
            if secretValues.contains(where: { $0.isEquivalent(to: v) }) { return .string("<secure>") }
            switch v {
            case .string(let s):
                // Secrets of 4 characters or more are also found inside longer strings (concat, format).
                let hit = secretStrings.contains { $0 == s || ($0.count >= 4 && s.contains($0)) }
                return hit ? .string("<secure>") : v
            case .array(let items):
                return .array(items.map { JSONNode(redact($0.value), offset: $0.offset) })
            case .object(let members):
                return .object(members.map { JSONMember(key: $0.key, keyOffset: $0.keyOffset, value: JSONNode(redact($0.value.value), offset: $0.value.offset)) })
            default: return v
            }
        }
        copy.documents = documents.map { d in
            var d = d
            d.node = JSONNode(redact(d.node.value), offset: d.node.offset)
            return d
        }
        copy.outputs = outputs.map { o in
            (o.name, secureOutputs.contains(o.name) ? .string("<secure>") : redact(o.value))
        }
        copy.diagnostics = diagnostics.map { d in
            var d = d
            for secret in secretStrings where secret.count >= 4 { d.message = d.message.replacingOccurrences(of: secret, with: "<secure>") }
            return d
        }
        copy.secrets = []
        return copy
    }
}
