import Foundation
import NetTwinCore

/// Everything read from the inputs.
public struct LoadedInputs: Sendable {
    public var files: [InputFile] = []
    public var documents: [ResourceDocument] = []
    public var diagnostics: [Diagnostic] = []
    /// Parsed template and parameters files, kept for the template stage.
    public var templates: [SourceFile] = []
    public var parameterFiles: [SourceFile] = []

    public init() {}

    /// True when any input could not be read, parsed or recognised.
    public var hasUnreadableInput: Bool { files.contains { $0.kind == .unreadable || $0.kind == .unrecognised } || files.isEmpty }
}

/// Reads files and folders of resource JSON as Azure produces it.
public struct InputLoader: Sendable {
    public var parseOptions: JSONParseOptions

    public init() {
        var options = JSONParseOptions()
        options.allowComments = true  // Azure tooling emits JSON with comments (JSONC).
        options.allowMultilineStrings = true  // ARM templates may hold multi-line strings (template-syntax.md).
        self.parseOptions = options
    }

    /// Loads every path: files as given, folders recursively (`*.json`, `*.jsonc`, sorted, hidden
    /// entries and `.build` skipped).
    public func load(paths: [String]) -> LoadedInputs {
        var result = LoadedInputs()
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                result.files.append(InputFile(path: path, kind: .unreadable, resourceCount: 0))
                result.diagnostics.append(Diagnostic(
                    .error, id: DiagnosticID.fileUnreadable, "no such file or folder '\(path)'",
                    at: SourceLocation(file: path)))
                continue
            }
            if isDirectory.boolValue {
                guard FileManager.default.isReadableFile(atPath: path), (try? FileManager.default.contentsOfDirectory(atPath: path)) != nil else {
                    result.files.append(InputFile(path: path, kind: .unreadable, resourceCount: 0))
                    result.diagnostics.append(Diagnostic(
                        .error, id: DiagnosticID.fileUnreadable, "the folder '\(path)' cannot be read (permission denied?)",
                        at: SourceLocation(file: path)))
                    continue
                }
                let files = Self.jsonFiles(in: path)
                if files.isEmpty {
                    result.diagnostics.append(Diagnostic(
                        .warning, id: DiagnosticID.noInputFiles, "folder '\(path)' holds no .json or .jsonc file",
                        at: SourceLocation(file: path)))
                }
                for file in files { loadFile(file, into: &result, inFolder: true) }
            } else {
                loadFile(path, into: &result)
            }
        }
        return result
    }

    static func jsonFiles(in folder: String) -> [String] {
        let base = URL(fileURLWithPath: folder)
        guard let enumerator = FileManager.default.enumerator(
            at: base, includingPropertiesForKeys: [.isDirectoryKey], options: [.skipsHiddenFiles])
        else { return [] }
        var files: [String] = []
        for case let url as URL in enumerator {
            if url.lastPathComponent == ".build" || url.lastPathComponent == "node_modules" {
                enumerator.skipDescendants()
                continue
            }
            let ext = url.pathExtension.lowercased()
            guard ext == "json" || ext == "jsonc" else { continue }
            if (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true { continue }
            // Keep the path relative to what the user typed, for stable messages.
            let relative = url.path.hasPrefix(base.path) ? String(url.path.dropFirst(base.path.count)) : url.path
            files.append(folder.hasSuffix("/") ? folder + relative.drop(while: { $0 == "/" }) : folder + relative)
        }
        return files.sorted()
    }

    /// - Parameter inFolder: the file was found by walking a folder: JSON that is not an Azure input
    ///   (a tool's settings, a data file) is then skipped with a warning rather than an error.
    public func loadFile(_ path: String, into result: inout LoadedInputs, inFolder: Bool = false) {
        guard let data = FileManager.default.contents(atPath: path) else {
            result.files.append(InputFile(path: path, kind: .unreadable, resourceCount: 0))
            result.diagnostics.append(Diagnostic(
                .error, id: DiagnosticID.fileUnreadable, "cannot read '\(path)'", at: SourceLocation(file: path)))
            return
        }
        loadBytes([UInt8](data), path: path, into: &result, inFolder: inFolder)
    }

    /// Parses and classifies one file's bytes (also used by tests).
    public func loadBytes(_ bytes: [UInt8], path: String, into result: inout LoadedInputs, inFolder: Bool = false) {
        let document: JSONDocument
        do {
            document = try JSONParser.parse(bytes, options: parseOptions)
        } catch {
            result.files.append(InputFile(path: path, kind: .unreadable, resourceCount: 0))
            result.diagnostics.append(Diagnostic(
                .error, id: DiagnosticID.jsonSyntax, "invalid JSON: \(error.message)",
                at: SourceLocation(file: path, line: error.line, column: error.column)))
            return
        }
        let file = SourceFile(path: path, json: document)
        let root = document.root
        let (kind, resources) = Self.classify(root)
        switch kind {
        case .deploymentTemplate:
            result.templates.append(file)
            result.diagnostics.append(Diagnostic(
                .warning, id: DiagnosticID.templateNotExpanded,
                "'\(path)' is an ARM deployment template; its resources are not loaded unless it is expanded",
                at: file.location(of: root, pointer: JSONPointer())))
        case .deploymentParameters:
            result.parameterFiles.append(file)
            result.diagnostics.append(Diagnostic(
                .note, id: DiagnosticID.parametersFile,
                "'\(path)' is an ARM parameters file; it is used only with its template",
                at: file.location(of: root, pointer: JSONPointer())))
        case .unrecognised where inFolder:
            result.diagnostics.append(Diagnostic(
                .warning, id: DiagnosticID.formatUnrecognised,
                "'\(path)' is not resource JSON nor an ARM template; skipped (found \(Self.describe(root)))",
                at: file.location(of: root, pointer: JSONPointer())))
            result.files.append(InputFile(path: path, kind: .skipped, resourceCount: 0))
            return
        case .unrecognised:
            result.diagnostics.append(Diagnostic(
                .error, id: DiagnosticID.formatUnrecognised,
                "'\(path)' is not resource JSON: expected an array of resources, {\"value\": [...]}, {\"data\": [...]}, a resource object with 'id' and 'type', or an ARM template; found \(Self.describe(root))",
                at: file.location(of: root, pointer: JSONPointer())))
        default:
            break
        }
        let start = result.documents.count
        for (node, pointer) in resources {
            Self.appendWithChildren(node, pointer: pointer, file: file, into: &result.documents)
        }
        result.files.append(InputFile(path: path, kind: kind, resourceCount: result.documents.count - start))
    }

    /// A resource and, as resources of their own, the child resources nested in its `resources` array (the shape of
    /// PSRule for Azure's `Export-AzRuleData` and of some portal exports: a private DNS zone with its virtual network
    /// links, a SQL server with its firewall and virtual network rules), depth first, each with its own JSON pointer.
    static func appendWithChildren(_ node: JSONNode, pointer: JSONPointer, file: SourceFile, into documents: inout [ResourceDocument], depth: Int = 0) {
        documents.append(ResourceDocument(node: node, pointer: pointer, file: file))
        // Exported children sit a few levels deep at most (zone → link); the bound keeps hostile nesting harmless.
        guard depth < 16, node.objectValue != nil, let key = node.objectValue?.first(where: { $0.key.lowercased() == "resources" })?.key,
              let children = node[key]?.arrayValue else { return }
        for (index, child) in children.enumerated() {
            appendWithChildren(child, pointer: pointer.appending(key).appending(index), file: file, into: &documents, depth: depth + 1)
        }
    }

    static func describe(_ node: JSONNode) -> String {
        guard let members = node.objectValue else { return node.typeName }
        let keys = members.prefix(5).map { "'\($0.key)'" }.joined(separator: ", ")
        return members.isEmpty ? "an empty object" : "an object with keys \(keys)\(members.count > 5 ? ", …" : "")"
    }

    /// Decides what a parsed file is and where its resource objects are.
    static func classify(_ root: JSONNode) -> (InputKind, [(JSONNode, JSONPointer)]) {
        if let items = root.arrayValue {
            // An array of resources: empty, or with at least one object that has a 'type' or an 'id'.
            let looksLikeResources = items.isEmpty || items.contains { item in
                ["type", "id", "ResourceType", "ResourceId"].contains { item.member(caseInsensitive: $0) != nil }
            }
            guard looksLikeResources else { return (.unrecognised, []) }
            return (.resourceArray, items.enumerated().map { ($1, JSONPointer().appending($0)) })
        }
        guard root.objectValue != nil else { return (.unrecognised, []) }
        if let schema = root.member(caseInsensitive: "$schema")?.stringValue?.lowercased() {
            if schema.contains("deploymenttemplate") { return (.deploymentTemplate, []) }
            if schema.contains("deploymentparameters") { return (.deploymentParameters, []) }
        }
        if let value = root["value"], let items = value.arrayValue {
            return (.listResponse, items.enumerated().map { ($1, JSONPointer().appending("value").appending($0)) })
        }
        if let data = root["data"] {
            if let items = data.arrayValue {
                return (.resourceGraph, items.enumerated().map { ($1, JSONPointer().appending("data").appending($0)) })
            }
            if let table = tableRows(data) { return (.resourceGraph, table) }
        }
        if (root.member(caseInsensitive: "type") ?? root.member(caseInsensitive: "ResourceType")) != nil
            && (root.member(caseInsensitive: "id") ?? root.member(caseInsensitive: "ResourceId")) != nil {
            return (.singleResource, [(root, JSONPointer())])
        }
        if root.member(caseInsensitive: "resources") != nil && root.member(caseInsensitive: "contentVersion") != nil {
            return (.deploymentTemplate, [])
        }
        return (.unrecognised, [])
    }

    /// Resource Graph's `table` result format: `{"columns": [{"name", "type"}], "rows": [[…]]}`,
    /// turned into one object per row.
    static func tableRows(_ data: JSONNode) -> [(JSONNode, JSONPointer)]? {
        guard let columns = data["columns"]?.arrayValue, let rows = data["rows"]?.arrayValue else { return nil }
        let names = columns.map { $0["name"]?.stringValue ?? "" }
        return rows.enumerated().map { index, row in
            let cells = row.arrayValue ?? []
            let members = zip(names, cells).map { JSONMember(key: $0, keyOffset: $1.offset, value: $1) }
            return (JSONNode(.object(members), offset: row.offset), JSONPointer().appending("data").appending("rows").appending(index))
        }
    }
}
