import Foundation
import NetTwinCore
import Testing

/// `nettwin check`: exit status 0 clean, 1 findings at or above --fail-on (default error), 2 bad input;
/// --rules/--skip; the YAML configuration; SARIF to a file.
@Suite struct CheckCommandTests {
    static let sub = "/subscriptions/s/resourceGroups/rg/providers"
    /// An NSG that opens SSH to any source on a subnet (NT-NET-001, error) and a SQL server on TLS 1.0 (NT-TLS-001, warning).
    static let misconfigured = """
        [{"id": "\(sub)/Microsoft.Network/virtualNetworks/vnet1", "type": "Microsoft.Network/virtualNetworks", "location": "westeurope",
          "properties": {"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]}, "subnets": [{"name": "web", "id": "\(sub)/Microsoft.Network/virtualNetworks/vnet1/subnets/web",
            "properties": {"addressPrefix": "10.0.1.0/24", "networkSecurityGroup": {"id": "\(sub)/Microsoft.Network/networkSecurityGroups/nsg-web"}}}]}},
         {"id": "\(sub)/Microsoft.Network/networkSecurityGroups/nsg-web", "type": "Microsoft.Network/networkSecurityGroups", "location": "westeurope",
          "properties": {"securityRules": [{"name": "allow-ssh", "properties": {"priority": 200, "direction": "Inbound", "access": "Allow", "protocol": "Tcp",
            "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "22"}}]}},
         {"id": "\(sub)/Microsoft.Sql/servers/sql1", "type": "Microsoft.Sql/servers", "location": "westeurope", "properties": {"minimalTlsVersion": "1.0", "publicNetworkAccess": "Disabled"}}]
        """

    func withFiles(_ files: [String: String], _ body: (URL) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nettwin-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, text) in files { try Data(text.utf8).write(to: folder.appendingPathComponent(name)) }
        try body(folder)
    }

    @Test func theExampleIsClean() throws {
        let result = try run(["check", "Examples/secure-sqlmi"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains(" rule(s) run: 0 error(s), 0 warning(s), 0 note(s)"))
    }

    @Test func exitStatusFollowsFailOn() throws {
        try withFiles(["input.json": Self.misconfigured]) { folder in
            let input = folder.appendingPathComponent("input.json").path
            let errors = try run(["check", input])
            #expect(errors.status == 1)
            #expect(errors.stdout.contains("error NT-NET-001: nsg 'nsg-web' rule 'allow-ssh' opens tcp 22 to the whole internet"))
            #expect(errors.stdout.contains("warning NT-TLS-001: minimal tls version of sql server 'sql1' is '1.0'"))
            #expect(try run(["check", input, "--fail-on", "none"]).status == 0)
            // Without the error, a warning fails only with --fail-on warning or note.
            #expect(try run(["check", input, "--skip", "NT-NET-001"]).status == 0)
            #expect(try run(["check", input, "--skip", "NT-NET-001", "--fail-on", "warning"]).status == 1)
            #expect(try run(["check", input, "--rules", "NT-MI-001,NT-PE-001", "--fail-on", "note"]).status == 0)
        }
    }

    @Test func badInputExitsWithTwo() throws {
        let unknownRule = try run(["check", "Examples/secure-sqlmi", "--rules", "NT-NOPE-001"])
        #expect(unknownRule.status == 2)
        #expect(unknownRule.stderr.contains("unknown rule id(s): 'NT-NOPE-001'"))
        #expect(try run(["check", "no/such/file.json"]).status == 2)
        try withFiles(["bad.yaml": "suppresions:\n  - rule: NT-NET-001\n"]) { folder in
            let result = try run(["check", "Examples/secure-sqlmi", "--config", folder.appendingPathComponent("bad.yaml").path])
            #expect(result.status == 2)
            #expect(result.stderr.contains("unknown key 'suppresions'"))
        }
        try withFiles(["noreason.yaml": "suppressions:\n  - rule: NT-NET-001\n    resource: nsg-web\n"]) { folder in
            let result = try run(["check", "Examples/secure-sqlmi", "--config", folder.appendingPathComponent("noreason.yaml").path])
            #expect(result.status == 2)
            #expect(result.stderr.contains("needs a 'reason'"))
        }
    }

    @Test func suppressionsAndSARIFOutput() throws {
        let config = """
            thresholds:
              publicSourcePrefixLimit: 24
            knownSources:
              - 198.51.100.0/28
            suppressions:
              - rule: NT-NET-001
                resource: nsg-web
                reason: jump host until the bastion lands (OPS-42)
            """
        try withFiles(["input.json": Self.misconfigured, "check.yaml": config]) { folder in
            let input = folder.appendingPathComponent("input.json").path
            let sarif = folder.appendingPathComponent("out.sarif").path
            let result = try run(["check", input, "--config", folder.appendingPathComponent("check.yaml").path, "--format", "sarif", "--output", sarif])
            // The only error is suppressed: the warning does not fail the default --fail-on error.
            #expect(result.status == 0, "\(result.stderr)")
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: sarif)))
            let root = try JSONParser.parse(bytes).root
            let results = try #require(root["runs"]?[0]?["results"]?.arrayValue)
            #expect(results.count == 2)
            let suppressed = try #require(results.first { $0["ruleId"]?.stringValue == "NT-NET-001" })
            #expect(suppressed["suppressions"]?[0]?["justification"]?.stringValue == "jump host until the bastion lands (OPS-42)")
            #expect(suppressed["locations"]?[0]?["physicalLocation"]?["artifactLocation"]?["uri"]?.stringValue?.hasSuffix("/input.json") == true)
            // The rule sits on line 5 of the input, where "allow-ssh" starts.
            #expect(suppressed["locations"]?[0]?["physicalLocation"]?["region"]?["startLine"]?.intValue == 5)
        }
    }

    @Test func jsonOutput() throws {
        try withFiles(["input.json": Self.misconfigured]) { folder in
            let result = try run(["check", folder.appendingPathComponent("input.json").path, "--format", "json", "--rules", "NT-TLS-001"])
            #expect(result.status == 0)
            let root = try JSONParser.parse(Array(result.stdout.utf8)).root
            #expect(root["findings"]?[0]?["ruleId"]?.stringValue == "NT-TLS-001")
            #expect(root["findings"]?[0]?["severity"]?.stringValue == "warning")
            #expect(root["rules"]?.arrayValue?.count == 1)
        }
    }

    /// `check --each`: every PATH is its own deployment; findings carry it (JSON `deployment`, SARIF
    /// `properties.deployment`, results naming their files); a template takes its sibling parameters file; one
    /// unreadable deployment is reported and exits 2 while the others are still checked.
    @Test func eachPathIsItsOwnDeployment() throws {
        // A template whose sibling parameters file turns SSH open to the Internet: only with the parameters file does
        // NT-NET-001 fire, which shows the sibling was read.
        let template = """
            {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0",
             "parameters": {"sshSource": {"type": "string", "defaultValue": "10.0.0.0/8"}},
             "resources": [{"type": "Microsoft.Network/networkSecurityGroups", "apiVersion": "2023-09-01", "name": "nsg-t", "location": "westeurope",
               "properties": {"securityRules": [{"name": "ssh", "properties": {"priority": 100, "direction": "Inbound", "access": "Allow", "protocol": "Tcp",
                 "sourceAddressPrefix": "[parameters('sshSource')]", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "22"}}]}}]}
            """
        let parameters = """
            {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "contentVersion": "1.0.0.0",
             "parameters": {"sshSource": {"value": "*"}}}
            """
        try withFiles(["input.json": Self.misconfigured, "main.json": template, "main.parameters.json": parameters]) { folder in
            let first = folder.appendingPathComponent("input.json").path
            let second = folder.appendingPathComponent("main.json").path
            let sibling = folder.appendingPathComponent("main.parameters.json").path
            let json = try run(["check", "--each", first, second, sibling, "--format", "json", "--fail-on", "none"])
            #expect(json.status == 0, "\(json.stderr)")
            let root = try JSONParser.parse(Array(json.stdout.utf8)).root
            let findings = try #require(root["findings"]?.arrayValue)
            let byDeployment = Dictionary(grouping: findings, by: { $0["deployment"]?.stringValue ?? "" })
            #expect(Set(byDeployment.keys) == [first, second], "the parameters file given beside its template is not a deployment of its own")
            #expect(byDeployment[first]?.contains { $0["ruleId"]?.stringValue == "NT-TLS-001" } == true)
            #expect(byDeployment[second]?.contains { $0["ruleId"]?.stringValue == "NT-NET-001" } == true)
            #expect(byDeployment[first]?.allSatisfy { $0["file"]?.stringValue == first } == true)
            let sarif = try run(["check", "--each", first, second, "--format", "sarif", "--fail-on", "none"])
            let results = try #require(try JSONParser.parse(Array(sarif.stdout.utf8)).root["runs"]?.arrayValue?.first?["results"]?.arrayValue)
            #expect(results.contains { $0["properties"]?["deployment"]?.stringValue == second && $0["ruleId"]?.stringValue == "NT-NET-001" })
            let twice = try run(["check", "--each", first, first, "--fail-on", "none"])
            #expect(twice.stdout.contains("1 deployment(s):"), "a path given twice is one deployment")
            let text = try run(["check", "--each", first, folder.appendingPathComponent("missing").path])
            #expect(text.status == 2)
            #expect(text.stdout.contains("2 deployment(s), 1 not checked:"))
            #expect(text.stdout.contains("error NT-NET-001: nsg 'nsg-web'"), "the readable deployment is still checked")
        }
    }
}
