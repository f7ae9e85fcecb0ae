import NetTwinChecks
import NetTwinCore
import Testing

/// The bundled secure reference architecture (Examples/secure-sqlmi) is clean, and each deliberate
/// misconfiguration of a copy of it is found by the rule for it and by no other rule.
@Suite struct ExampleCheckTests {
    func check(_ files: [String: String]) -> [Finding] { findings(topology(files)) }

    @Test func theExampleIsClean() throws {
        // The public endpoint of sqlmi-weu/neu is open to 198.51.100.0/28 and 203.0.113.64/27 only: narrower
        // than the default /24 limit, as public-endpoint-configure.md asks (NT-MI-001 passes). vnet-sqlmi-neu
        // routes to pe-hsm-weu over global peering but resolves the HSM to its own approved endpoint
        // 10.11.1.4 (the per-region pattern of multi-region-replication.md), which NT-PE-004 accepts.
        let found = check(try exampleFiles())
        #expect(found.isEmpty, "\(found.map { "\($0.ruleID) \($0.message)" })")
    }

    /// Applies one edit to one file of a copy of the example and returns the ids of the rules that fire.
    func misconfigure(_ file: String, _ edit: (String) -> String) throws -> [String: [Finding]] {
        var files = try exampleFiles()
        let path = "Examples/secure-sqlmi/\(file)"
        let original = try #require(files[path])
        files[path] = edit(original)
        #expect(files[path] != original, "the edit changed nothing")
        return Dictionary(grouping: check(files), by: \.ruleID)
    }

    @Test func publicEndpointOpenToTheInternet() throws {
        let fired = try misconfigure("network-weu.json") { $0.replacing("\"198.51.100.0/28\"", with: "\"0.0.0.0/0\"", after: "\"name\": \"allow_public_endpoint_inbound\"") }
        #expect(Set(fired.keys) == ["NT-MI-001"])
        #expect(fired["NT-MI-001"]?.map(\.message) == ["public endpoint of managed instance 'sqlmi-weu' (tcp 3342) is reachable from the whole internet"])
    }

    @Test func tdsOpenToTheInternet() throws {
        let fired = try misconfigure("network-weu.json") { $0.replacing("\"sourceAddressPrefix\": \"VirtualNetwork\"", with: "\"sourceAddressPrefix\": \"*\"", after: "\"name\": \"allow_tds_inbound\"") }
        #expect(Set(fired.keys) == ["NT-NET-002"])
        #expect(fired["NT-NET-002"]?.first?.message == "nsg 'nsg-sqlmi-weu' rule 'allow_tds_inbound' opens tcp 1433 to the whole internet")
    }

    /// Replacing the source VirtualNetwork by Internet opens 1433 to the Internet and, in the same stroke, takes
    /// the peered app VNet out of the rule: the app's integration subnet then falls to deny_all_inbound, which
    /// NT-APP-001 reports. Two true consequences, two rules.
    @Test func tdsSwitchedFromVirtualNetworkToInternet() throws {
        let fired = try misconfigure("network-weu.json") { $0.replacing("\"sourceAddressPrefix\": \"VirtualNetwork\"", with: "\"sourceAddressPrefix\": \"Internet\"", after: "\"name\": \"allow_tds_inbound\"") }
        #expect(Set(fired.keys) == ["NT-NET-002", "NT-APP-001"])
        #expect(fired["NT-APP-001"]?.first?.message == "app 'app-orders-weu' cannot reach managed instance 'sqlmi-weu' through the peering: NSG_DENY_INBOUND")
    }

    @Test func appBlockedOutbound() throws {
        let fired = try misconfigure("network-weu.json") { $0.replacing("\"access\": \"Allow\"", with: "\"access\": \"Deny\"", after: "\"name\": \"allow_sqlmi_outbound\"") }
        #expect(Set(fired.keys) == ["NT-MI-005"])
        #expect(fired["NT-MI-005"]?.map(\.message) == ["subnet 'vnet-app-weu/snet-app-integration' is blocked outbound to managed instance 'sqlmi-weu' on tcp 1433,11000-11999"])
    }

    @Test func privateEndpointPoliciesDisabled() throws {
        let fired = try misconfigure("network-weu.json") { $0.replacing("\"privateEndpointNetworkPolicies\": \"Enabled\"", with: "\"privateEndpointNetworkPolicies\": \"Disabled\"") }
        #expect(Set(fired.keys) == ["NT-PE-002"])
    }

    @Test func hsmFirewallOpen() throws {
        let fired = try misconfigure("data.json") {
            $0.replacing("\"defaultAction\": \"Deny\"", with: "\"defaultAction\": \"Allow\"").replacing("\"publicNetworkAccess\": \"Disabled\"", with: "\"publicNetworkAccess\": \"Enabled\"")
        }
        // Two true consequences, two rules: the firewall admits everyone (NT-ACL-001), and the HSM answers publicly
        // although its private endpoints exist (NT-ACL-002).
        #expect(Set(fired.keys) == ["NT-ACL-001", "NT-ACL-002"])
        #expect(fired["NT-ACL-001"]?.map(\.message) == ["managed hsm 'hsm-nettwin' has networkacls defaultaction 'Allow'"])
        #expect(fired["NT-ACL-002"]?.map(\.message) == ["managed hsm 'hsm-nettwin' has private endpoints and public network access 'Enabled'"])
    }

    @Test func oldTLSOnTheSecondary() throws {
        let fired = try misconfigure("data.json") { $0.replacing("\"minimalTlsVersion\": \"1.2\"", with: "\"minimalTlsVersion\": \"1.0\"", after: "\"minimalTlsVersion\": \"1.2\"") }
        #expect(Set(fired.keys) == ["NT-TLS-001"])
        #expect(fired["NT-TLS-001"]?.count == 1)
    }

    @Test func wrongRecordInTheWestEuropeZone() throws {
        // The WEU zone is linked to the hub, the MI and the app VNets: all three now get 10.1.1.5.
        let fired = try misconfigure("dns.json") { $0.replacing("\"ipv4Address\": \"10.1.1.4\"", with: "\"ipv4Address\": \"10.1.1.5\"") }
        #expect(Set(fired.keys) == ["NT-PE-004"])
        #expect(fired["NT-PE-004"]?.map(\.message).sorted() == ["vnet-app-weu", "vnet-hub-weu", "vnet-sqlmi-weu"].map {
            "'hsm-nettwin.managedhsm.azure.net' does not resolve to private endpoint 'pe-hsm-weu' (10.1.1.4) from virtual network '\($0)'"
        })
    }

    @Test func secondaryManagedInstanceSubnetNotDelegated() throws {
        let fired = try misconfigure("network-neu.json") { $0.replacing("\"serviceName\": \"Microsoft.Sql/managedInstances\"", with: "\"serviceName\": \"Microsoft.Web/serverFarms\"") }
        #expect(Set(fired.keys) == ["NT-MI-004"])
    }

    @Test func findingsPointAtTheResourceInItsFile() throws {
        let fired = try misconfigure("network-weu.json") { $0.replacing("\"198.51.100.0/28\"", with: "\"0.0.0.0/0\"", after: "\"name\": \"allow_public_endpoint_inbound\"") }
        let location = try #require(fired["NT-MI-001"]?.first?.location)
        // sqlmi-weu is a Resource Graph row in data.json.
        #expect(location.file == "Examples/secure-sqlmi/data.json")
        #expect((location.line ?? 0) > 1)
    }
}
