import Foundation
import NetTwinARM
import NetTwinCore
import Testing

/// The function samples of the ARM docs (/work/shared/corpus/arm/_function-samples/<family>/*.json)
/// with the outputs the docs state, transcribed in expected-outputs.json (each entry names its doc page,
/// e.g. articles/azure-resource-manager/templates/template-functions-array.md).
struct FunctionSampleTests {
    struct Sample: Sendable, CustomStringConvertible {
        var file: String
        var doc: String
        var parameters: [String: String]
        var outputs: [(name: String, expected: JSONValue?, skip: String?)]
        var description: String { "\(file) (\(doc))" }
    }

    /// Deployment context each doc example assumes (its example ids name these values).
    static let contexts: [String: (sub: String, rg: String, location: String)] = [
        "resource/resourcegroup.json": ("{subscription-id}", "examplegroup", "southcentralus"),
        "resource/resourceid.json": ("{current-sub-id}", "examplegroup", "westeurope"),
    ]
    /// Context-dependent outputs whose doc example we can reproduce (the context above, the public cloud, zone data).
    static let comparableExamples: Set<String> = [
        "resource/resourcegroup.json", "resource/resourceid.json", "deployment/environment.json", "resource/pickzones.json",
    ]

    static let all: [Sample] = {
        guard let data = FileManager.default.contents(atPath: ARMSupport.samples + "/expected-outputs.json"),
            let root = try? JSONParser.parse([UInt8](data)).root.objectValue else { return [] }
        return root.map { entry in
            let v = entry.value
            var params: [String: String] = [:]
            for p in v["parameters"]?.objectValue ?? [] { params[p.key] = p.value.stringValue ?? p.value.value.description }
            var outputs: [(String, JSONValue?, String?)] = []
            for o in v["outputs"]?.objectValue ?? [] {
                let out = o.value
                if let caveat = out["caveat"]?.stringValue, caveat.hasPrefix("SUSPECT") {
                    outputs.append((o.key, nil, "the transcription is flagged suspect: \(caveat.prefix(120))…"))
                } else if let depends = out["depends"]?.stringValue {
                    if comparableExamples.contains(entry.key), let example = out["doc_example"] {
                        outputs.append((o.key, example.value, nil))
                    } else {
                        outputs.append((o.key, nil, "depends on \(depends); the doc's value is only an illustration"))
                    }
                } else {
                    outputs.append((o.key, out["value"]?.value, nil))
                }
            }
            return Sample(file: entry.key, doc: v["doc"]?.stringValue ?? "", parameters: params, outputs: outputs)
        }
    }()

    static var withOutputs: [Sample] { all.filter { !$0.outputs.isEmpty && isJSON($0.file) } }

    static func isJSON(_ file: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: ARMSupport.samples + "/" + file) else { return false }
        var o = JSONParseOptions(); o.allowComments = true
        return (try? JSONParser.parse([UInt8](data), options: o)) != nil
    }

    static func expand(_ s: Sample) -> ExpansionResult {
        var context = DeploymentContext()
        if let c = contexts[s.file] { context.subscriptionId = c.sub; context.resourceGroup = c.rg; context.location = c.location }
        return TemplateExpander(context: context).expand(templatePath: ARMSupport.samples + "/" + s.file, parametersPath: nil,
            overrides: s.parameters)
    }

    @Test("every stated output equals the doc's value", .enabled(if: ARMSupport.corpusPresent), arguments: withOutputs)
    func outputsMatchDocs(_ s: Sample) {
        let result = Self.expand(s)
        #expect(ARMSupport.errors(result).isEmpty, "\(s): \(ARMSupport.errors(result))")
        for (name, expected, skip) in s.outputs {
            if let skip {
                // Not asserted (reason recorded in the test log).
                print("skip \(s.file) output '\(name)': \(skip)")
                continue
            }
            let actual = result.outputs.first { $0.name == name }?.value
            guard let expected else { Issue.record("\(s): no expected value for '\(name)'"); continue }
            if s.file == "date/datetimeadd.json" {
                // The doc table shows US general date format ("4/7/2023 2:53:14 PM") while the function
                // keeps the base value's format: compare the instants (see the entry's note).
                #expect(Self.instant(actual) != nil && Self.instant(actual) == Self.instant(expected), "\(s) output '\(name)': \(String(describing: actual)) vs \(expected)")
                continue
            }
            #expect(actual.map { Self.same($0, expected) } == true, "\(s) output '\(name)': got \(actual.map { "\($0)" } ?? "nothing"), doc says \(expected)")
        }
    }

    /// Samples that are doc excerpts (with `...`, not JSON) or that state no outputs still expand
    /// without errors when they are JSON.
    @Test("samples without stated outputs expand", .enabled(if: ARMSupport.corpusPresent),
          arguments: all.filter { $0.outputs.isEmpty })
    func samplesWithoutOutputs(_ s: Sample) {
        guard Self.isJSON(s.file) else {
            print("skip \(s.file): a doc excerpt with '...', not JSON")
            return
        }
        let result = Self.expand(s)
        let errors = ARMSupport.errors(result)
        #expect(errors.isEmpty, "\(s): \(errors)")
    }

    static func same(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.object(let x), .object(let y)):
            guard x.count == y.count else { return false }
            return x.allSatisfy { m in y.first { $0.key == m.key }.map { same(m.value.value, $0.value.value) } ?? false }
        case (.array(let x), .array(let y)): return x.count == y.count && zip(x, y).allSatisfy { same($0.value, $1.value) }
        case (.integer(let x), .double(let y)), (.double(let y), .integer(let x)): return Double(x) == y
        default: return a == b
        }
    }

    /// Seconds since 1970 of "2023-04-07 14:53:14Z" or "4/7/2023 2:53:14 PM" (UTC).
    static func instant(_ v: JSONValue?) -> Int? {
        guard case .string(let s)? = v else { return nil }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        for pattern in ["yyyy-MM-dd HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss'Z'", "M/d/yyyy h:mm:ss a"] {
            f.dateFormat = pattern
            if let d = f.date(from: s) { return Int(d.timeIntervalSince1970) }
        }
        return nil
    }
}
