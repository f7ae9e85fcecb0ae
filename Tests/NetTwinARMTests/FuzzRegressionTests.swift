import Foundation
import NetTwinCore
import Testing
@testable import NetTwinARM

/// Every input in Fuzz/regressions/<target>/ (inputs a fuzzer found, and hand-made hostile ones) runs through the same
/// code as its libFuzzer target (Fuzz/Targets), without the fuzzer: none may crash, and each must finish. CI runs these;
/// it does not run the fuzzers (Docs/FUZZING.md).
@Suite struct FuzzRegressionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz/regressions")

    static func inputs(_ target: String) -> [URL] {
        let folder = root.appendingPathComponent(target)
        return ((try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []).sorted { $0.path < $1.path }
    }

    @Test func everyTargetHasRegressions() {
        for target in ["json", "model", "expression", "parsers"] { #expect(!Self.inputs(target).isEmpty, "\(target)") }
    }

    @Test func json() throws {
        for url in Self.inputs("json") {
            let bytes = [UInt8](try Data(contentsOf: url))
            var options = JSONParseOptions()
            options.allowComments = true
            options.allowMultilineStrings = true
            if let document = try? JSONParser.parse(bytes, options: options) { _ = JSONWriter.string(document.root.value) }
            _ = try? JSONParser.parse(bytes)
            // As the fuzz target does: the two-thread parse (forced on) gives the one-thread parse's document or error.
            var sequential = options, parallel = options
            sequential.parallelThreshold = .max
            parallel.parallelThreshold = 0
            let one = Result { () throws(JSONParseError) -> JSONDocument in try JSONParser.parse(bytes, options: sequential) }
            let two = Result { () throws(JSONParseError) -> JSONDocument in try JSONParser.parse(bytes, options: parallel) }
            switch (one, two) {
            case (.success(let a), .success(let b)): #expect(a.root == b.root && a.lineStarts == b.lineStarts, "\(url.lastPathComponent)")
            case (.failure(let a), .failure(let b)): #expect(a.message == b.message && a.offset == b.offset, "\(url.lastPathComponent)")
            default: Issue.record("\(url.lastPathComponent): the two parses disagree")
            }
        }
    }

    @Test func model() throws {
        for url in Self.inputs("model") {
            guard let document = try? JSONParser.parse([UInt8](try Data(contentsOf: url))) else { continue }
            let file = SourceFile(path: url.lastPathComponent, json: document)
            let items = document.root.arrayValue ?? [document.root]
            let topology = TopologyBuilder().build(items.enumerated().map { ResourceDocument(node: $1, pointer: JSONPointer().appending($0), file: file) })
            let routes = RouteEngine(topology: topology)
            for subnet in topology.subnets.values { _ = routes.effectiveRoutes(of: subnet) }
            #expect(!topology.diagnostics.isEmpty, "\(url.lastPathComponent): a hostile input gets a diagnostic")
        }
    }

    @Test func expression() throws {
        for url in Self.inputs("expression") {
            let text = try String(contentsOf: url, encoding: .utf8)
            let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            let template = """
                {"parameters": {"s": {"type": "securestring", "defaultValue": "hunter2"}, "o": {"type": "object", "defaultValue": {"a": [1]}}},
                 "variables": {"v": "[\(escaped)]"}, "resources": [], "outputs": {"o": {"type": "string", "value": "[string(\(escaped))]"}}}
                """
            let result = ARMSupport.expand(template).redacted()
            // Whatever the expression does, the secure default never comes out.
            let printed = result.diagnostics.map(\.description).joined() + result.outputs.map { "\($0.value)" }.joined()
            #expect(!printed.contains("hunter2") && !printed.contains("HUNTER2"), "\(url.lastPathComponent)")
        }
    }

    @Test func parsers() throws {
        for url in Self.inputs("parsers") {
            let text = try String(contentsOf: url, encoding: .utf8)
            _ = IPAddress(text)
            _ = try? IPPrefix(parsing: text)
            _ = try? PortSet(parsing: text)
            let id = ResourceID(text)
            _ = (id.isWellFormed, id.name, id.parent, id.resourceType, id.resourceGroup)
            _ = DNSResolver.normalize(text)
        }
    }
}
