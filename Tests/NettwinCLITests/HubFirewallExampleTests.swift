import Foundation
import NetTwinCore
import Testing

/// The bundled example Examples/hub-firewall (README there): an app spoke reaches a SQL server's private endpoint in
/// a data spoke through the hub's Azure Firewall. Expected from the files: the name resolves through the linked
/// privatelink zone to 10.2.0.5; the spoke's 0.0.0.0/0 route leads to the firewall (10.0.1.4) across app-to-hub;
/// rcg-data/app-to-sql/tds allows TCP 1433 from 10.1.0.0/24 to 10.2.0.0/24; the policy SNATs every destination
/// (privateRanges 255.255.255.255/32), which keeps the private endpoint's direct replies symmetric; deny-admin
/// (priority 100) denies 22 and 3389 first.
@Suite struct HubFirewallExampleTests {
    let example = "Examples/hub-firewall"

    @Test func appReachesTheDatabaseThroughTheFirewall() throws {
        let result = try run(["reach", "nic-vm-app", "sql-orders.database.windows.net", "--port", "1433", "--format", "json", example])
        #expect(result.status == 0, "\(result.stderr)")
        let root = try JSONParser.parse(Array(result.stdout.utf8)).root
        #expect(root["verdict"]?.stringValue == "Reachable")
        #expect(root["destinationAddress"]?.stringValue == "10.2.0.5")
        #expect(root["translatedSourceAddress"]?.stringValue == "10.0.1.4")
        let kinds = root["hops"]?.arrayValue?.compactMap { $0["kind"]?.stringValue } ?? []
        #expect(kinds == ["source", "nsgOutbound", "peering", "firewall", "firewallRule", "snat", "privateEndpoint", "nsgInbound"])
    }

    @Test func adminPortsAreDeniedFirst() throws {
        let result = try run(["reach", "nic-vm-app", "sql-orders", "--endpoint", "private", "--port", "22", "--format", "json", example])
        let root = try JSONParser.parse(Array(result.stdout.utf8)).root
        #expect(root["blockers"]?.arrayValue?.compactMap { $0["code"]?.stringValue } == ["FIREWALL_DENY"])
        #expect(root["blockers"]?.arrayValue?.first?["message"]?.stringValue?.contains("deny-admin/no-rdp-ssh") == true)
    }

    @Test func theExampleLoadsCleanAndChecksClean() throws {
        let inventory = try run(["inventory", example])
        #expect(inventory.stdout.contains("Diagnostics: 0 errors, 0 warnings"))
        let check = try run(["check", example])
        #expect(check.status == 0, "\(check.stdout)")
    }

    /// Without the policy's SNAT setting the private endpoint's direct replies bypass the firewall.
    @Test func withoutSNATThePathIsAsymmetric() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nettwin-hub-firewall-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["network.json", "data.json"] {
            var text = try String(contentsOf: packageRoot.appendingPathComponent("\(example)/\(name)"), encoding: .utf8)
            text = text.replacingOccurrences(of: "\"snat\": {\"privateRanges\": [\"255.255.255.255/32\"]},", with: "")
            try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let result = try run(["reach", "nic-vm-app", "sql-orders.database.windows.net", "--port", "1433", "--format", "json", folder.path])
        let root = try JSONParser.parse(Array(result.stdout.utf8)).root
        #expect(root["blockers"]?.arrayValue?.compactMap { $0["code"]?.stringValue } == ["ASYMMETRIC_ROUTING"])
    }
}
