import Foundation
import NetTwinCore
import Testing

/// Bad input gets the right message, located, with the right exit status (issue 15 C, D, E).
@Suite struct HostileInputCommandTests {
    func withFolder(_ files: [String: String], _ body: (URL) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nettwin-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, text) in files { try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        try body(folder)
    }

    /// A YAML configuration nested 200,000 levels deep would overflow Yams' recursion (a crash): refused with a message.
    @Test func deepYAMLIsRefused() throws {
        try withFolder(["deep.yaml": String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000)]) { folder in
            let result = try run(["check", "Examples/secure-sqlmi", "--config", folder.appendingPathComponent("deep.yaml").path])
            #expect(result.status == 2, "\(result.stderr)")
            #expect(result.stderr.contains("nested more than 64 levels"))
        }
    }

    /// YAML aliases ("billion laughs") are refused before Yams expands them.
    @Test func yamlAliasesAreRefused() throws {
        let bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
        try withFolder(["laughs.yaml": bomb]) { folder in
            let result = try run(["check", "Examples/secure-sqlmi", "--config", folder.appendingPathComponent("laughs.yaml").path])
            #expect(result.status == 2 && result.stderr.contains("aliases"), "\(result.stderr)")
        }
    }

    /// A parameters file with a syntax error is reported as one, with its line and column (not as "not a parameters file").
    @Test(arguments: [#"{"parameters": {,,}}"#, #"{"parameters": {"a": {"value": "\q"}}}"#, #"{"parameters": {"a": {"value": 1}"#])
    func parametersSyntaxErrors(text: String) throws {
        let template = #"{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0", "parameters": {"a": {"type": "int", "defaultValue": 1}}, "resources": []}"#
        try withFolder(["bad.parameters.json": text, "t.json": template]) { folder in
            let result = try run(["expand", folder.appendingPathComponent("t.json").path, "--parameters", folder.appendingPathComponent("bad.parameters.json").path])
            #expect(result.status == 2)
            #expect(result.stderr.contains("bad.parameters.json:1:") && result.stderr.contains("invalid JSON"), "\(result.stderr)")
            #expect(!result.stderr.contains("not an ARM parameters file"))
        }
    }

    /// An empty folder, or one without JSON: every command says so, with the path, and exits 2.
    @Test(arguments: [["check"], ["expand"], ["routes", "--subnet", "a/b"], ["inventory"]])
    func emptyFolders(command: [String]) throws {
        try withFolder(["notes.txt": "nothing here"]) { folder in
            let result = try run(command + [folder.path])
            #expect(result.status == 2)
            // inventory lists the diagnostic in its report; the other commands on standard error.
            let said = result.stderr + result.stdout
            #expect(said.contains(folder.path) && said.contains("holds no .json or .jsonc file"), "\(command): \(result.stderr)")
        }
    }

    /// exposure --ports with an empty list or empty entries is a malformed question (exit 2).
    @Test(arguments: ["", ",,,", "22,,3389"])
    func emptyPortLists(ports: String) throws {
        let result = try run(["exposure", "sqlmi-weu", "--ports", ports, "Examples/secure-sqlmi"])
        #expect(result.status == 2 && result.stderr.contains("empty entry"), "\(result.stderr)")
    }

    /// An answer that cannot be written (/dev/full) is an error, not a lost answer with status 0.
    @Test func unwritableOutput() throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
        let result = try run(["inventory", "Examples/secure-sqlmi", "--output", "/dev/full"])
        #expect(result.status == 2 && result.stderr.contains("cannot write '/dev/full'"), "\(result.stderr)")
    }

    /// A service tag download with invalid prefixes: each problem is a warning, the valid entries are used.
    @Test func serviceTagsWithInvalidPrefixes() throws {
        let tags = #"{"changeNumber": 1, "cloud": "Public", "values": [{"name": "Sql", "properties": {"addressPrefixes": ["10.0.0.0/33", "banana", "1.2.3.0/24"]}}]}"#
        try withFolder(["tags.json": tags]) { folder in
            let result = try run(["tags", "Sql", "--service-tags", folder.appendingPathComponent("tags.json").path, "Examples/secure-sqlmi"])
            #expect(result.status == 0)
            #expect(result.stderr.components(separatedBy: "warning:").count == 3, "\(result.stderr)")
            #expect(result.stdout.contains("1.2.3.0/24"))
        }
    }

    /// azure-subscription-service-limits.md: 1,000 security rules per NSG. A larger group is an error, and the 1,000
    /// evaluated first are kept, so the questions still answer.
    @Test func tooManySecurityRules() throws {
        let sub = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network"
        let rules = (0..<1_200).map { i in
            #"{"name": "r\#(i)", "properties": {"priority": \#(100 + i), "direction": "Inbound", "access": "Deny", "protocol": "Tcp", "sourceAddressPrefix": "192.0.2.\#(i % 250)", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "\#(1000 + i)"}}"#
        }.joined(separator: ",")
        let text = """
            [{"id": "\(sub)/virtualNetworks/v", "type": "Microsoft.Network/virtualNetworks", "location": "westeurope",
              "properties": {"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]}, "subnets": [{"name": "s", "properties": {"addressPrefix": "10.0.0.0/24", "networkSecurityGroup": {"id": "\(sub)/networkSecurityGroups/big"}}}]}},
             {"id": "\(sub)/networkSecurityGroups/big", "type": "Microsoft.Network/networkSecurityGroups", "location": "westeurope", "properties": {"securityRules": [\(rules)]}}]
            """
        try withFolder(["big.json": text]) { folder in
            let result = try run(["inventory", folder.path])
            #expect(result.status == 1)
            #expect(result.stdout.contains("has 1200 security rules; Azure allows at most 1000") && result.stdout.contains("model.securityRule.tooMany"), "\(result.stdout)")
            let rulesOut = try run(["rules", "--subnet", "v/s", "--format", "json", folder.path])
            let count = try JSONParser.parse(Array(rulesOut.stdout.utf8)).root["value"]?[0]?["effectiveSecurityRules"]?.arrayValue?.count
            #expect(count == 1_000 + 6)   // the kept rules and the six defaults
        }
    }
}
