import Foundation
import NetTwinCore
import Testing

/// `nettwin reach` on the bundled example: JSON in the shape, names resolved from the source, exit codes.
@Suite struct ReachCommandTests {
    let example = "Examples/secure-sqlmi"

    @Test func reachableJSON() throws {
        let result = try run(["reach", "vm-jump-weu", "sqlmi-weu", "--port", "1433", "--format", "json", example])
        #expect(result.status == 0, "\(result.stderr)")
        let root = try JSONParser.parse(Array(result.stdout.utf8)).root
        #expect(root["verdict"]?.stringValue == "Reachable")
        #expect(root["blockers"]?.arrayValue?.isEmpty == true)
        #expect(root["hops"]?.arrayValue?.contains { $0["kind"]?.stringValue == "peering" } == true)
        #expect(root["returnPath"]?.stringValue != nil)
    }

    /// The HSM name resolves from the MI subnet to its private endpoint (README row 10/11).
    @Test func destinationByName() throws {
        let result = try run(["reach", "vnet-sqlmi-weu/snet-sqlmi", "hsm-nettwin.managedhsm.azure.net", "--port", "443", example])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Reachable"))
        #expect(result.stdout.contains("10.1.1.4"))
    }

    @Test func unreachableIsAnAnswerUnlessAskedOtherwise() throws {
        let arguments = ["reach", "onprem:192.168.10.10", "sqlmi-neu", example]
        let answer = try run(arguments)
        #expect(answer.status == 0)
        #expect(answer.stdout.hasPrefix("Unreachable"))
        #expect(answer.stdout.contains("NO_ROUTE"))
        #expect(try run(arguments + ["--fail-on-unreachable"]).status == 1)
    }

    /// README row 11 from the instances themselves: each MI (as a source, its subnet) reaches the HSM through the
    /// private endpoint of its own region (pe-hsm-weu 10.1.1.4, pe-hsm-neu 10.11.1.4 in the example's data.json).
    @Test func privateEndpointOfAResource() throws {
        for (instance, address) in [("sqlmi-weu", "10.1.1.4"), ("sqlmi-neu", "10.11.1.4")] {
            let result = try run(["reach", instance, "hsm-nettwin", "--endpoint", "private", "--port", "443", "--format", "json", example])
            #expect(result.status == 0, "\(result.stderr)")
            let root = try JSONParser.parse(Array(result.stdout.utf8)).root
            #expect(root["verdict"]?.stringValue == "Reachable")
            #expect(root["destinationAddress"]?.stringValue == address)
            #expect(root["translatedSourceAddress"]?.isNull == true)
        }
        let byEndpointName = try run(["reach", "vm-jump-weu", "pe-hsm-weu", "--port", "443", example])
        #expect(byEndpointName.stdout.contains("10.1.1.4"), "\(byEndpointName.stderr)")
        let none = try run(["reach", "vm-jump-weu", "sqlmi-weu", "--endpoint", "private", example])
        #expect(none.status == 2)
        #expect(none.stderr.contains("has no private endpoint"))
    }

    /// The interface: an on-premises range named by its local network gateway or connection, and
    /// --source-ip to pick the address (the example's lng-onprem holds 192.168.0.0/16 behind cn-vgw-hub-weu-onprem).
    @Test func sourceIPPicksTheAddress() throws {
        let byGateway = try run(["reach", "lng-onprem", "sqlmi-weu", "--format", "json", example])
        #expect(try JSONParser.parse(Array(byGateway.stdout.utf8)).root["sourceAddress"]?.stringValue == "192.168.0.1", "\(byGateway.stderr)")
        let byConnection = try run(["reach", "cn-vgw-hub-weu-onprem", "sqlmi-weu", "--source-ip", "192.168.10.10", "--format", "json", example])
        let root = try JSONParser.parse(Array(byConnection.stdout.utf8)).root
        #expect(root["sourceAddress"]?.stringValue == "192.168.10.10")
        #expect(root["verdict"]?.stringValue == "Reachable")
        let outside = try run(["reach", "lng-onprem", "sqlmi-weu", "--source-ip", "10.9.9.9", example])
        #expect(outside.status == 2)
        #expect(outside.stderr.contains("192.168.0.0/16"))
        let inSubnet = try run(["reach", "vnet-app-weu/snet-vm", "sqlmi-weu", "--source-ip", "10.2.1.77", "--format", "json", example])
        #expect(try JSONParser.parse(Array(inSubnet.stdout.utf8)).root["sourceAddress"]?.stringValue == "10.2.1.77")
        #expect(try run(["reach", "vnet-app-weu/snet-vm", "sqlmi-weu", "--source-ip", "10.9.9.9", example]).status == 2)
    }

    @Test func badSourceExitsWithTwo() throws {
        let result = try run(["reach", "no-such-thing", "sqlmi-weu", example])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no-such-thing"))
    }
}

/// The README's two one-command questions (issue 12): an Internet address to a SQL server by name, and what a storage
/// account sees as the source (nat-overview.md; storage-network-security-limitations.md: "IP network rules have no
/// effect on requests that originate from the same Azure region as the storage account").
@Suite struct VantageCommandTests {
    func json(_ result: CommandResult) throws -> JSONNode { try JSONParser.parse(Array(result.stdout.utf8)).root }

    @Test func internetToASqlServerByName() throws {
        let result = try run(["reach", "internet:203.0.113.9", "sql-orders.database.windows.net", "--format", "json", "Examples/hub-firewall"])
        #expect(result.status == 0, "\(result.stderr)")
        let root = try json(result)
        let codes = root["blockers"]?.arrayValue?.compactMap { $0["code"]?.stringValue } ?? []
        #expect(codes == ["PUBLIC_NETWORK_ACCESS_DISABLED", "SERVICE_FIREWALL"])
        #expect(root["connectionType"]?.stringValue?.hasPrefix("Proxy (connection policy Default, client outside Azure)") == true)
    }

    @Test func whatTheStorageAccountSees() throws {
        let example = "Examples/storage-egress"
        let neu = try json(try run(["reach", "nic-app", "stordersneu", "--port", "443", "--format", "json", example]))
        #expect(neu["verdict"]?.stringValue == "Reachable")
        #expect(neu["sourceSeenByDestination"]?.stringValue == "20.50.1.10 (NAT gateway 'ng-app')")
        #expect(neu["translatedSourceAddress"]?.stringValue == "20.50.1.10")
        let weu = try json(try run(["reach", "nic-app", "stordersweu", "--port", "443", "--format", "json", example]))
        #expect(weu["verdict"]?.stringValue == "Unreachable")
        #expect(weu["blockers"]?[0]?["message"]?.stringValue?.contains("own region") == true)
        let batch = try json(try run(["reach", "vnet-app/snet-batch", "stordersneu", "--port", "443", "--format", "json", example]))
        #expect(batch["verdict"]?.stringValue == "Reachable")
        #expect(batch["sourceSeenByDestination"]?.stringValue?.hasPrefix("10.20.2.4 (a private address") == true)
    }
}
