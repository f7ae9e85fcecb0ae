import Foundation
import NetTwinCore
import Testing

/// `nettwin exposure` on the bundled example (Examples/secure-sqlmi): the public endpoint's NSG admits 3342 from
/// 198.51.100.0/28 and 203.0.113.64/27 only (network-weu.json, allow_public_endpoint_inbound); the HSM's private
/// endpoints (data.json) are reached from the MI and endpoint subnets of both regions.
@Suite struct ExposureCommandTests {
    let example = "Examples/secure-sqlmi"

    @Test func publicEndpointFromTheInternet() throws {
        let result = try run(["exposure", "sqlmi-weu", "--endpoint", "public", "--port", "3342", "--format", "json", example])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("198.51.100.0/28") && result.stdout.contains("203.0.113.64/27"))
        let internetOnly = try run(["exposure", "sqlmi-weu", "--endpoint", "public", "--port", "3342", "--from", "internet", example])
        #expect(internetOnly.stdout.contains("Internet"))
    }

    /// "Is this reachable from the Internet, from where, on which ports": the public endpoint on 3342 only.
    @Test func onWhichPortsFromTheInternet() throws {
        let result = try run(["exposure", "sqlmi-weu", "--endpoint", "public", "--ports", "0-65535", "--from", "internet", "--format", "json", example])
        #expect(result.status == 0, "\(result.stderr)")
        let root = try JSONParser.parse(Array(result.stdout.utf8)).root
        let exposures = root["exposures"]?.arrayValue ?? []
        #expect(exposures.compactMap { $0["ports"]?.stringValue } == ["3342"])
        #expect(try run(["exposure", "sqlmi-weu", "--ports", "70000", example]).status == 2)
    }

    @Test func privateEndpointOfAResource() throws {
        let result = try run(["exposure", "hsm-nettwin", "--endpoint", "private", "--port", "443", example])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("vnet-sqlmi-weu/snet-sqlmi") && result.stdout.contains("vnet-sqlmi-neu/snet-sqlmi"))
        #expect(!result.stdout.contains("Internet  "))
    }

    @Test func namesAreRefusedAndAClosedPublicEndpointIsExplained() throws {
        let name = try run(["exposure", "hsm-nettwin.managedhsm.azure.net", example])
        #expect(name.status == 2)
        #expect(name.stderr.contains("nettwin resolve"))
        // The HSM's public network access is disabled (data.json): nobody through the public endpoint, and why.
        let vault = try run(["exposure", "hsm-nettwin", "--port", "443", example])
        #expect(vault.status == 0)
        #expect(vault.stdout.contains("0 locations") && vault.stdout.contains("--endpoint private"))
    }

    /// Two NICs named alike in different resource groups: the error lists both IDs (the issue: "an ambiguous name is
    /// an error that lists the candidates").
    @Test func anAmbiguousNameListsTheCandidates() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nettwin-ambiguous-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let subnet = "/subscriptions/s/resourceGroups/a/providers/Microsoft.Network/virtualNetworks/v/subnets/s"
        let text = """
            [{"id": "/subscriptions/s/resourceGroups/a/providers/Microsoft.Network/virtualNetworks/v", "type": "Microsoft.Network/virtualNetworks", "location": "westeurope",
              "properties": {"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]}, "subnets": [{"name": "s", "properties": {"addressPrefix": "10.0.0.0/24"}}]}},
             {"id": "/subscriptions/s/resourceGroups/a/providers/Microsoft.Network/networkInterfaces/nic", "type": "Microsoft.Network/networkInterfaces", "location": "westeurope",
              "properties": {"ipConfigurations": [{"name": "c", "properties": {"privateIPAddress": "10.0.0.4", "subnet": {"id": "\(subnet)"}}}]}},
             {"id": "/subscriptions/s/resourceGroups/b/providers/Microsoft.Network/networkInterfaces/nic", "type": "Microsoft.Network/networkInterfaces", "location": "westeurope",
              "properties": {"ipConfigurations": [{"name": "c", "properties": {"privateIPAddress": "10.0.0.5", "subnet": {"id": "\(subnet)"}}}]}}]
            """
        let file = folder.appendingPathComponent("nics.json")
        try text.write(to: file, atomically: true, encoding: .utf8)
        for arguments in [["exposure", "nic", file.path], ["reach", "v/s", "nic", file.path]] {
            let result = try run(arguments)
            #expect(result.status == 2)
            #expect(result.stderr.contains("resourceGroups/a/") && result.stderr.contains("resourceGroups/b/"), "\(result.stderr)")
        }
    }
}
