import Foundation
import NetTwinCore
import Testing

/// `nettwin resilience` on the bundled example and on its copy with the HSM's private endpoint only in West Europe,
/// and what-if flags on the question commands.
@Suite struct ResilienceCommandTests {
    /// Every required path survives every single failure outside its own region (Examples/secure-sqlmi/README.md).
    @Test func theExampleSurvivesEverySingleFailure() throws {
        let result = try run(["resilience", "Examples/secure-sqlmi", "--all-single-failures", "--format", "json"])
        #expect(result.status == 0, "\(result.stdout.prefix(2000))")
        let root = try JSONParser.parse(Array(result.stdout.utf8)).root
        #expect(root["unexpectedLosses"]?.intValue == 0)
        let paths = root["paths"]?.arrayValue?.compactMap { $0["path"]?.stringValue } ?? []
        // The derived paths: the app to the listener, each instance to its TDE key, on-premises to the primary, replication.
        #expect(paths.contains { $0.hasPrefix("app-orders-weu → fog-sqlmi") })
        #expect(paths.contains { $0.hasPrefix("sqlmi-weu → TDE key hsm-nettwin.managedhsm.azure.net") })
        #expect(paths.contains { $0.hasPrefix("sqlmi-neu → TDE key hsm-nettwin.managedhsm.azure.net") })
        #expect(paths.contains { $0.hasPrefix("on-premises lng-onprem") })
        #expect(paths.count { $0.hasPrefix("replication") } == 4)
    }

    /// With the HSM's private endpoint in the primary region only, North Europe's instance reaches its key through West
    /// Europe: a West Europe outage (outside the instance's region) loses the key path, and the command exits 1.
    /// managed-hsm/multi-region-replication.md recommends a private endpoint and private DNS zone in each region.
    @Test func aSingleRegionEndpointLosesTheKeyPath() throws {
        let result = try run(["resilience", "Examples/secure-sqlmi-one-hsm-endpoint", "--format", "json"])
        #expect(result.status == 1)
        let root = try JSONParser.parse(Array(result.stdout.utf8)).root
        let key = try #require(root["paths"]?.arrayValue?.first { $0["path"]?.stringValue?.hasPrefix("sqlmi-neu → TDE key") == true })
        let regionDown = try #require(key["outcomes"]?.arrayValue?.first { $0["failure"]?.stringValue == "region westeurope" })
        #expect(regionDown["outcome"]?.stringValue == "Lost")
        #expect(regionDown["code"]?.stringValue == "COMPONENT_DOWN")
        #expect((root["unexpectedLosses"]?.intValue ?? 0) >= 1)
    }

    /// --fail on a question: the answer says which what-ifs it is for; an unknown target exits 2 with close matches.
    @Test func whatIfOnQuestions() throws {
        let down = try run(["reach", "lng-onprem", "sqlmi-weu", "--port", "1433", "Examples/secure-sqlmi", "--fail", "vgw-hub-weu", "--format", "json"])
        #expect(down.status == 0, "\(down.stderr)")
        let root = try JSONParser.parse(Array(down.stdout.utf8)).root
        #expect(root["whatIf"]?.arrayValue?.first?.stringValue == "'vgw-hub-weu' is down")
        #expect(root["verdict"]?.stringValue == "Unreachable")
        #expect(root["blockers"]?.arrayValue?.first?["code"]?.stringValue == "COMPONENT_DOWN")
        let typo = try run(["reach", "lng-onprem", "sqlmi-weu", "Examples/secure-sqlmi", "--fail", "vgw-hub-wue"])
        #expect(typo.status == 2)
        #expect(typo.stderr.contains("did you mean: vgw-hub-weu"))
        // TDE: with the West Europe endpoint rejected, the instance loses its key (transparent-data-encryption-byok-overview.md).
        let check = try run(["check", "Examples/secure-sqlmi", "--rules", "NT-TDE-001", "--set", "pe-connection:pe-hsm-weu=Rejected", "--fail-on", "none"])
        #expect(check.stdout.contains("What-if: the connection of private endpoint 'pe-hsm-weu'"))
        #expect(check.stdout.contains("NT-TDE-001"), "\(check.stdout)")
        let clean = try run(["check", "Examples/secure-sqlmi", "--rules", "NT-TDE-001", "--fail-on", "none"])
        #expect(!clean.stdout.contains("managed instance 'sqlmi-weu' cannot use its tde key"))
    }
}
