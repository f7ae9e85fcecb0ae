import NetTwinChecks
import NetTwinCore
import Testing

/// NT-TDE-001 on copies of the bundled example: each managed instance of the failover group uses the TDE
/// key in hsm-nettwin through the private endpoint of its own region (multi-region-replication.md:
/// "a private endpoint and private DNS zone in each region"; failover-group-sql-mi.md).
@Suite struct TransparentDataEncryptionKeyRuleTests {
    func fired(_ file: String, _ edit: (String) -> String) throws -> [Finding] {
        var files = try exampleFiles()
        let path = "Examples/secure-sqlmi/\(file)"
        let original = try #require(files[path])
        files[path] = edit(original)
        #expect(files[path] != original)
        return findings(topology(files), rule: "NT-TDE-001")
    }

    @Test func exampleIsClean() throws {
        #expect(findings(topology(try exampleFiles()), rule: "NT-TDE-001").isEmpty)
    }

    /// Without the North Europe zone's link, vnet-sqlmi-neu resolves the HSM publicly, and the HSM's public
    /// network access is disabled: the secondary cannot reach its key.
    @Test func secondaryZoneNotLinked() throws {
        let found = try fired("dns.json") { $0.replacing("/resourceGroups/rg-net-neu/providers/Microsoft.Network/virtualNetworks/vnet-sqlmi-neu", with: "/resourceGroups/rg-net-neu/providers/Microsoft.Network/virtualNetworks/vnet-elsewhere", after: "\"name\": \"link-vnet-sqlmi-neu\"") }
        #expect(found.map(\.resourceID.name) == ["sqlmi-neu"])
        #expect(found.first?.message.contains("public network access of 'hsm-nettwin' is disabled") == true)
    }

    /// Without the North Europe replica the secondary has no HSM in its region.
    @Test func noReplicaInTheSecondaryRegion() throws {
        let found = try fired("data.json") { $0.replacing("\"name\": \"northeurope\"", with: "\"name\": \"uksouth\"", after: "\"regions\"") }
        #expect(found.map(\.resourceID.name) == ["sqlmi-neu"])
        #expect(found.first?.message.contains("no replica in northeurope") == true)
    }

    /// A private endpoint connection that is not approved blocks the path to the key.
    @Test func endpointNotApproved() throws {
        let found = try fired("network-neu.json") { $0.replacing("\"status\": \"Approved\"", with: "\"status\": \"Pending\"", after: "pe-hsm-neu") }
        #expect(found.map(\.resourceID.name).contains("sqlmi-neu"))
        #expect(found.first { $0.resourceID.name == "sqlmi-neu" }?.evidence.contains { $0.hasPrefix("PRIVATE_ENDPOINT_NOT_APPROVED") } == true)
    }
}
