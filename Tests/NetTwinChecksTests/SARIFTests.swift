import Foundation
import NetTwinChecks
import NetTwinCore
import NetTwinRender
import Testing

/// SARIF 2.1.0 output: the shape GitHub code scanning reads, determinism, and validation against the
/// official schema (../shared/data/sarif-schema-2.1.0.json) with Python's jsonschema when it is installed.
@Suite struct SARIFTests {
    static let schema = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data/sarif-schema-2.1.0.json")

    /// A copy of the example with three findings (public endpoint, TDS from the Internet, TLS 1.1 on sqlmi-weu), the last suppressed.
    func report() throws -> CheckReport {
        var files = try exampleFiles()
        files["Examples/secure-sqlmi/network-weu.json"] = files["Examples/secure-sqlmi/network-weu.json"]!
            .replacing("\"198.51.100.0/28\"", with: "\"0.0.0.0/0\"", after: "\"name\": \"allow_public_endpoint_inbound\"")
            .replacing("\"sourceAddressPrefix\": \"VirtualNetwork\"", with: "\"sourceAddressPrefix\": \"*\"", after: "\"name\": \"allow_tds_inbound\"")
        files["Examples/secure-sqlmi/data.json"] = files["Examples/secure-sqlmi/data.json"]!.replacing("\"minimalTlsVersion\": \"1.2\"", with: "\"minimalTlsVersion\": \"1.1\"")
        let configuration = CheckConfiguration(suppressions: [Suppression(ruleID: "NT-TLS-001", resource: "sqlmi-weu", reason: "upgrade planned in change CHG-1")])
        return CheckRunner().run(CheckContext(topology: topology(files), serviceTags: bundledTags, configuration: configuration))
    }

    func sarif() throws -> (text: String, root: JSONNode) {
        let text = JSONWriter.string(SARIFRendering.json(try report(), toolVersion: "0.1.0"))
        return (text, try JSONParser.parse(Array(text.utf8)).root)
    }

    @Test func runHasDriverRulesAndResults() throws {
        let (_, root) = try sarif()
        #expect(root["version"]?.stringValue == "2.1.0")
        #expect(root["$schema"]?.stringValue == SARIFRendering.schemaURI)
        let run = try #require(root["runs"]?.arrayValue?.first)
        let driver = try #require(run["tool"]?["driver"])
        #expect(driver["name"]?.stringValue == "NetTwin")
        let rules = try #require(driver["rules"]?.arrayValue)
        #expect(rules.map { $0["id"]?.stringValue ?? "" } == CheckCatalog.all.map(\.id))
        for rule in rules {
            #expect(rule["helpUri"]?.stringValue?.hasPrefix("https://learn.microsoft.com/") == true)
            #expect(rule["shortDescription"]?["text"]?.stringValue?.isEmpty == false)
            #expect(rule["fullDescription"]?["text"]?.stringValue?.isEmpty == false)
            #expect(["error", "warning", "note"].contains(rule["defaultConfiguration"]?["level"]?.stringValue ?? ""))
        }
        let results = try #require(run["results"]?.arrayValue)
        #expect(results.map { $0["ruleId"]?.stringValue ?? "" }.sorted() == ["NT-MI-001", "NT-NET-002", "NT-TLS-001"])
        for result in results {
            let index = try #require(result["ruleIndex"]?.intValue)
            #expect(rules[Int(index)]["id"]?.stringValue == result["ruleId"]?.stringValue)
            let location = try #require(result["locations"]?.arrayValue?.first)
            let uri = try #require(location["physicalLocation"]?["artifactLocation"]?["uri"]?.stringValue)
            #expect(uri.hasPrefix("Examples/secure-sqlmi/") && uri.hasSuffix(".json"))
            #expect((location["physicalLocation"]?["region"]?["startLine"]?.intValue ?? 0) > 1)
            #expect((location["physicalLocation"]?["region"]?["startColumn"]?.intValue ?? 0) >= 1)
            #expect(location["logicalLocations"]?.arrayValue?.first?["fullyQualifiedName"]?.stringValue?.hasPrefix("/subscriptions/") == true)
            #expect(result["partialFingerprints"]?["nettwinFinding/v1"]?.stringValue?.count == 16)
        }
        let suppressed = results.filter { $0["suppressions"] != nil }
        #expect(suppressed.count == 1)
        #expect(suppressed.first?["suppressions"]?.arrayValue?.first?["justification"]?.stringValue == "upgrade planned in change CHG-1")
    }

    @Test func outputIsDeterministic() throws {
        #expect(try sarif().text == sarif().text)
    }

    @Test func pathsBecomeURIReferences() {
        #expect(SARIFRendering.uri(forPath: "./Examples/a b.json") == "Examples/a%20b.json")
        #expect(SARIFRendering.uri(forPath: "/tmp/x.json") == "file:///tmp/x.json")
        #expect(SARIFRendering.uri(forPath: "dir\\t.json") == "dir/t.json")
    }

    @Test func validatesAgainstTheOfficialSchema() throws {
        guard FileManager.default.fileExists(atPath: Self.schema.path) else {
            print("skipped: the SARIF schema is not at \(Self.schema.path)")
            return
        }
        guard run("/usr/bin/env", ["python3", "-c", "import jsonschema"]).status == 0 else {
            print("skipped: Python's jsonschema is not importable (.ci/run installs it with pip)")
            return
        }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("nettwin-check-\(UUID().uuidString).sarif")
        try Data(try sarif().text.utf8).write(to: output)
        defer { try? FileManager.default.removeItem(at: output) }
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1])); document = json.load(open(sys.argv[2]))
            validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
            errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
            for error in errors: print(list(error.path), error.message)
            sys.exit(1 if errors else 0)
            """
        let result = run("/usr/bin/env", ["python3", "-c", script, Self.schema.path, output.path])
        #expect(result.status == 0, "schema errors:\n\(result.output)")
    }

    func run(_ executable: String, _ arguments: [String]) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { return (-1, "\(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
