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
}
