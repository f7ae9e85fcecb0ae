import Foundation
import NetTwinCore
import Testing

/// `nettwin resolve` on the bundled example. Expected values: README "Expected answers" row 13
/// (vm-jump-weu in vnet-app-weu, linked to the WEU zone: `hsm-nettwin.managedhsm.azure.net` → 10.1.1.4
/// through the privatelink alias) and row 12 (vnet-sqlmi-neu → 10.11.1.4).
@Suite struct ResolveCommandTests {
    @Test func textShowsTheChain() throws {
        let result = try run(["resolve", "hsm-nettwin.managedhsm.azure.net", "--from", "nic-vm-jump-weu", "Examples/secure-sqlmi"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("CNAME  hsm-nettwin.privatelink.managedhsm.azure.net"))
        #expect(result.stdout.contains("Status: NoError"))
        #expect(result.stdout.contains("Answer: A 10.1.1.4"))
    }

    @Test func jsonHasTheDocumentedShape() throws {
        let result = try run(["resolve", "hsm-nettwin.managedhsm.azure.net", "--from", "vnet-sqlmi-neu/snet-sqlmi", "--format", "json", "Examples/secure-sqlmi"])
        #expect(result.status == 0, "\(result.stderr)")
        let root = try JSONParser.parse(Array(result.stdout.utf8)).root
        #expect(root["name"]?.stringValue == "hsm-nettwin.managedhsm.azure.net")
        #expect(root["status"]?.stringValue == "NoError")
        let answers = try #require(root["answers"]?.arrayValue)
        #expect(answers.map { "\($0["type"]?.stringValue ?? "") \($0["address"]?.stringValue ?? "")" } == ["A 10.11.1.4"])
        let chain = try #require(root["chain"]?.arrayValue)
        #expect(chain.map { $0["type"]?.stringValue ?? "" } == ["CNAME", "A"])
        #expect(chain.map { $0["source"]?.stringValue ?? "" } == ["PublicDns", "PrivateDnsZone"])
        #expect(chain[1]["resourceId"]?.stringValue?.contains("/resourceGroups/rg-net-neu/") == true)
        #expect(root["warnings"]?.arrayValue?.isEmpty == true)
    }

    @Test func unknownSourceExitsWithTwo() throws {
        let result = try run(["resolve", "x.example.com", "--from", "no-such-vnet", "Examples/secure-sqlmi"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("'no-such-vnet'"))
    }
}
