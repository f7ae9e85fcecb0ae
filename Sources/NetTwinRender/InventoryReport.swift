import NetTwinCore

/// `nettwin inventory`: what was loaded, per type and region, with every diagnostic and external
/// reference.
public struct InventoryReport: Sendable {
    public var files: [InputFile]
    public var topology: Topology
    /// Diagnostics of reading (syntax, format) and of modelling, in that order.
    public var diagnostics: [Diagnostic]

    public init(files: [InputFile], topology: Topology, loadDiagnostics: [Diagnostic]) {
        self.files = files
        self.topology = topology
        self.diagnostics = loadDiagnostics + topology.diagnostics
    }

    var counts: [Topology.TypeCount] { topology.countsByTypeAndRegion }

    public func text() -> String {
        let counts = counts
        let modelled = counts.filter(\.modelled).reduce(0) { $0 + $1.count }
        let unmodelled = counts.filter { !$0.modelled }.reduce(0) { $0 + $1.count }
        var out: [String] = []
        out.append("NetTwin inventory: \(files.count) file\(files.count == 1 ? "" : "s"), \(modelled) modelled resource\(modelled == 1 ? "" : "s"), \(unmodelled) not modelled")
        out.append("")
        out.append("Files")
        var fileTable = TextTable(headers: ["PATH", "KIND", "RESOURCES"])
        for file in files { fileTable.append([file.path, file.kind.rawValue, String(file.resourceCount)]) }
        out.append(fileTable.render())
        out.append("")
        out.append("Resources by type and region")
        var typeTable = TextTable(headers: ["TYPE", "REGION", "COUNT"])
        for count in counts where count.modelled { typeTable.append([count.type, count.location ?? "-", String(count.count)]) }
        out.append(typeTable.render())
        let notModelled = counts.filter { !$0.modelled }
        if !notModelled.isEmpty {
            out.append("")
            out.append("Not modelled (listed, not analysed)")
            var table = TextTable(headers: ["TYPE", "REGION", "COUNT"])
            for count in notModelled { table.append([count.type, count.location ?? "-", String(count.count)]) }
            out.append(table.render())
        }
        out.append("")
        out.append("External references (\(topology.externalReferences.count))")
        if !topology.externalReferences.isEmpty {
            var table = TextTable(headers: ["REFERENCED ID", "EXPECTED TYPE", "REFERENCED BY"])
            for reference in sortedReferences { table.append([reference.target.text, reference.expectedType, reference.referencedBy.text]) }
            out.append(table.render())
        }
        out.append("")
        out.append("Diagnostics: \(DiagnosticRendering.summary(diagnostics))")
        for diagnostic in diagnostics { out.append("  " + diagnostic.description.replacingNewlines(with: "\n    ")) }
        return out.joined(separator: "\n") + "\n"
    }

    var sortedReferences: [ExternalReference] {
        topology.externalReferences.sorted { ($0.target, $0.referencedBy) < ($1.target, $1.referencedBy) }
    }

    public func json() -> JSONValue {
        let counts = counts
        return .object([
            member("files", .array(files.map { file in
                JSONNode(.object([
                    member("path", .string(file.path)), member("kind", .string(file.kind.rawValue)),
                    member("resources", .integer(Int64(file.resourceCount))),
                ]))
            })),
            member("resources", .array(counts.map { count in
                JSONNode(.object([
                    member("type", .string(count.type)),
                    member("location", count.location.map { .string($0) } ?? .null),
                    member("count", .integer(Int64(count.count))),
                    member("modelled", .bool(count.modelled)),
                ]))
            })),
            member("externalReferences", .array(sortedReferences.map { reference in
                var members = [
                    member("id", .string(reference.target.text)), member("expectedType", .string(reference.expectedType)),
                    member("referencedBy", .string(reference.referencedBy.text)),
                ]
                if let location = reference.location {
                    members.append(member("file", .string(location.file)))
                    if let line = location.line { members.append(member("line", .integer(Int64(line)))) }
                    members.append(member("pointer", .string(location.pointer.description)))
                }
                return JSONNode(.object(members))
            })),
            member("diagnostics", .array(diagnostics.map { JSONNode(DiagnosticRendering.json($0)) })),
            member("summary", .object([
                member("errors", .integer(Int64(diagnostics.count { $0.severity == .error }))),
                member("warnings", .integer(Int64(diagnostics.count { $0.severity == .warning }))),
                member("notes", .integer(Int64(diagnostics.count { $0.severity == .note }))),
            ])),
        ])
    }
}

extension String {
    func replacingNewlines(with replacement: String) -> String {
        split(separator: "\n", omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
