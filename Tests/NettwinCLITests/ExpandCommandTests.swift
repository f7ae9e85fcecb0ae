import Foundation
import NetTwinCore
import Testing

/// `nettwin expand` on a small template written by the test.
@Suite struct ExpandCommandTests {
    static let secret = "Sup3r-Secret-Pa55word!"

    static let template = """
    {
      "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
      "contentVersion": "1.0.0.0",
      "parameters": {
        "prefix": {"type": "string", "defaultValue": "app"},
        "adminPassword": {"type": "securestring"}
      },
      "resources": [
        {"type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-04-01", "name": "[concat(parameters('prefix'), '-vnet')]",
         "location": "[resourceGroup().location]",
         "properties": {"addressSpace": {"addressPrefixes": ["10.1.0.0/16"]},
                        "subnets": [{"name": "default", "properties": {"addressPrefix": "10.1.0.0/24"}}]}},
        {"type": "Microsoft.Compute/virtualMachines", "apiVersion": "2023-03-01", "name": "[concat(parameters('prefix'), '-vm')]",
         "location": "[resourceGroup().location]",
         "properties": {"osProfile": {"computerName": "vm", "adminUsername": "azureuser", "adminPassword": "[parameters('adminPassword')]"},
                        "note": "[reference(resourceId('Microsoft.Network/virtualNetworks', concat(parameters('prefix'), '-vnet'))).provisioningState]"}}
      ],
      "outputs": {
        "vnetId": {"type": "string", "value": "[resourceId('Microsoft.Network/virtualNetworks', concat(parameters('prefix'), '-vnet'))]"},
        "password": {"type": "string", "value": "[parameters('adminPassword')]"}
      }
    }
    """

    /// Writes the template to a fresh folder and returns its path.
    static func write(_ text: String = template) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nettwin-expand-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("azuredeploy.json").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func jsonOutputShapeAndSecureParameter() throws {
        let path = try Self.write()
        let result = try run(["expand", path, "--format", "json", "-p", "adminPassword=\(Self.secret)", "-p", "prefix=web"])
        #expect(result.status == 0, "\(result.stderr)")
        // The secure value never appears on standard output (nor on standard error); <secure> does.
        #expect(!result.stdout.contains(Self.secret))
        #expect(!result.stderr.contains(Self.secret))
        #expect(result.stdout.contains("<secure>"))

        let root = try JSONParser.parse(Array(result.stdout.utf8)).root
        #expect(root.objectValue?.map(\.key) == ["value", "outputs", "deployTimeValues"])
        let documents = try #require(root["value"]?.arrayValue)
        #expect(documents.compactMap { $0["name"]?.stringValue } == ["web-vnet", "web-vm"])
        #expect(documents[0]["id"]?.stringValue
            == "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/nettwin-rg/providers/Microsoft.Network/virtualNetworks/web-vnet")
        #expect(documents[1]["properties"]?["osProfile"]?["adminPassword"]?.stringValue == "<secure>")
        let outputs = try #require(root["outputs"]?.objectValue)
        #expect(outputs.first { $0.key == "vnetId" }?.value.stringValue == documents[0]["id"]?.stringValue)
        #expect(outputs.first { $0.key == "password" }?.value.stringValue == "<secure>")
        // reference(...).provisioningState is known only at deployment: recorded with where it ended up.
        let deployTime = try #require(root["deployTimeValues"]?.arrayValue)
        #expect(deployTime.contains { $0["resource"]?.stringValue?.hasSuffix("/virtualMachines/web-vm") == true
            && $0["pointer"]?.stringValue == "/properties/note" })
    }

    @Test func strictWithMissingRequiredParameterExits1() throws {
        let path = try Self.write()
        let strict = try run(["expand", path, "--format", "json", "--strict"])
        #expect(strict.status == 1, "\(strict.stderr)")
        #expect(strict.stderr.contains("adminPassword"))
        // Without --strict the missing value is unknown and a warning: the expansion succeeds.
        let lenient = try run(["expand", path, "--format", "json"])
        #expect(lenient.status == 0, "\(lenient.stderr)")
    }

    @Test func missingFileExits2() throws {
        let result = try run(["expand", "/nonexistent/nettwin/azuredeploy.json"])
        #expect(result.status == 2)
        #expect(!result.stderr.isEmpty)
    }
}

/// `--map-uri PREFIX=FOLDER`: linked templates given by URL (here through `_artifactsLocation`) read from a local
/// folder, and expanded through their parent only. The corpus's web-app-regional-vnet-private-endpoint-sql-storage
/// links ten templates under nestedtemplates/; its sqldb.json declares the SQL server without minimalTlsVersion,
/// which NT-TLS-001 reports once the link is followed. Skipped without ../shared/corpus.
@Suite struct MapURITests {
    let folder = "../shared/corpus/arm/web-app-regional-vnet-private-endpoint-sql-storage"
    let prefix = "https://raw.githubusercontent.com/Azure/azure-quickstart-templates/master/301-web-app-regional-vnet-private-endpoint-sql-storage/"

    @Test func linkedTemplatesByURIAreReadFromTheMappedFolder() throws {
        guard FileManager.default.fileExists(atPath: packageRoot.appendingPathComponent(folder).path) else { return }
        let unmapped = try run(["inventory", folder])
        #expect(unmapped.stdout.contains("arm.template.linkRemote"))
        #expect(unmapped.stdout.contains("--map-uri '\(prefix)=\(folder)'"))
        let mapped = try run(["inventory", "--format", "json", folder, "--map-uri", prefix + "=" + folder])
        #expect(mapped.status == 0, "\(mapped.stderr)")
        let root = try JSONParser.parse(Array(mapped.stdout.utf8)).root
        let ids = root["diagnostics"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
        #expect(!ids.contains("arm.template.linkRemote"))
        // The nested templates are not expanded on their own (no missing-parameter warnings from them).
        #expect(!(root["diagnostics"]?.arrayValue ?? []).contains {
            $0["id"]?.stringValue == "arm.parameter.missing" && ($0["file"]?.stringValue ?? "").hasSuffix("nestedtemplates/sqldb.json")
        })
        let check = try run(["check", folder, "--map-uri", prefix + "=" + folder, "--rules", "NT-TLS-001", "--fail-on", "none"])
        #expect(check.stdout.contains("NT-TLS-001"), "\(check.stdout)")
        #expect(try run(["inventory", folder, "--map-uri", "no-equals-sign"]).status == 64)
    }
}
