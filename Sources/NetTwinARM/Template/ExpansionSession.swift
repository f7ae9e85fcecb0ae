import Foundation
import NetTwinCore

/// State shared by every template of one expansion (the main template and nested/linked ones).
final class ExpansionSession {
    let context: DeploymentContext
    var diagnostics: [Diagnostic] = []
    var documents: [ResourceDocument] = []
    var unknowns: [(document: Int, pointer: JSONPointer, reason: String)] = []
    /// True once a secret value exists (functions then look for secrets in their arguments).
    var secretsSeen = false
    /// The strings of the secret values given to the expansion (secure parameters, values only) and of
    /// resource names, types and scopes computed from a secret: the last line of defence, which scrubs them
    /// from anything printed. Everything else computed from a secret is a marked value and prints as `<secure>`.
    var secretStrings: Set<String> = []

    /// A secret value now exists (a `list*()` result, a Key Vault reference, a secure output).
    func noteSecret() { secretsSeen = true }

    /// Records the value of a secure parameter: its strings are never printed.
    func rememberSecret(_ value: ARMValue) {
        secretsSeen = true
        value.forEachValueString { if !$0.isEmpty { secretStrings.insert($0) } }
    }

    var parseCache: [String: Result<ExpressionNode, ARMError>] = [:]
    var allInstances: [ResourceInstance] = []
    /// Every template scope of the expansion (the main one and the nested ones), for `tearDown`.
    var scopes: [TemplateScope] = []

    /// Breaks the reference cycles of an expansion (a resource instance refers to its scope and evaluator, the scope
    /// to its instances), so that a process expanding many templates (`check --each`, a server) releases each one.
    func tearDown() {
        for scope in scopes {
            scope.instances.removeAll()
            scope.functions.removeAll()
        }
        scopes.removeAll()
        allInstances.removeAll()
    }
    var reportedKeys: Set<String> = []
    /// Files read for linked templates (path -> parsed file), so each is read once.
    var linkedFiles: [String: SourceFile] = [:]

    /// Cells of every value computed so far (TemplateLimits.evaluationCells).
    var evaluationWork = 0

    /// Where the expression being evaluated is (for warnings raised by functions).
    var currentLocation: SourceLocation?

    init(context: DeploymentContext) { self.context = context }

    /// A `list*` function was called: its value is unknown; warn once per location.
    func noteRuntimeFunction(_ name: String) {
        let key = "list|\(name)|\(currentLocation?.description ?? "")"
        guard reportedKeys.insert(key).inserted else { return }
        report(.warning, ARMDiagnosticID.functionRuntimeOnly,
            "the template function '\(name)' returns values known only at deployment; its result is unknown", at: currentLocation)
    }

    /// A resource name, type, scope, resource group or subscription computed from a secret: used as the plain
    /// value (it is an identity), and its text is scrubbed from everything printed.
    func revealIdentity(_ value: ARMValue) -> ARMValue {
        guard value.containsSecret else { return value }
        let plain = value.deepRevealed
        plain.forEachValueString { if !$0.isEmpty { secretStrings.insert($0) } }
        return plain
    }

    func parse(_ text: String, offset: Int) throws(ARMError) -> ExpressionNode {
        let key = text
        // .NET strings count UTF-16 code units; the brackets are not counted.
        if text.utf16.count > TemplateLimits.expressionCharacters {
            throw ARMError(ARMDiagnosticID.limitExpressionLength,
                "the template expression has \(text.utf16.count) characters; Azure allows at most \(TemplateLimits.expressionCharacters) (\(TemplateLimits.source): \"You're also limited to: … 24,576 characters in a template expression\")",
                at: 0)
        }
        if let cached = parseCache[key] {
            switch cached {
            case .success(let n): return n
            case .failure(let e): throw e
            }
        }
        do throws(ARMError) {
            let node = try ExpressionParser.parse(text, offset: offset)
            parseCache[key] = .success(node)
            return node
        } catch {
            parseCache[key] = .failure(error)
            throw error
        }
    }

    func report(_ severity: Diagnostic.Severity, _ id: String, _ message: String, at location: SourceLocation?) {
        diagnostics.append(Diagnostic(severity, id: id, message, at: location))
    }

    /// Reports an evaluation error once (errors already reported are skipped).
    func report(_ error: ARMError, fallback: SourceLocation?) {
        guard !error.isReported else { return }
        let location = error.location ?? fallback
        let key = "\(error.id)|\(error.message)|\(location?.description ?? "")"
        guard reportedKeys.insert(key).inserted else { return }
        let severity: Diagnostic.Severity = error.id == ARMDiagnosticID.parameterMissing && !context.strict ? .warning : .error
        diagnostics.append(Diagnostic(severity, id: error.id, error.message, at: location))
    }

    /// Reads and parses a linked template file.
    func loadFile(_ path: String) -> Result<SourceFile, TemplateLoadError> {
        if let f = linkedFiles[path] { return .success(f) }
        guard let data = FileManager.default.contents(atPath: path) else { return .failure(TemplateLoadError(message: "cannot read '\(path)'")) }
        var options = JSONParseOptions()
        options.allowComments = true
        options.allowMultilineStrings = true
        do {
            let doc = try JSONParser.parse([UInt8](data), options: options)
            let file = SourceFile(path: path, json: doc)
            linkedFiles[path] = file
            DuplicateKeys.check(file) { severity, message, location in report(severity, ARMDiagnosticID.duplicateKey, message, at: location) }
            return .success(file)
        } catch {
            return .failure(TemplateLoadError(message: "invalid JSON in '\(path)': \(error.message) at \(error.line):\(error.column)"))
        }
    }
}

struct TemplateLoadError: Error {
    var message: String
}
