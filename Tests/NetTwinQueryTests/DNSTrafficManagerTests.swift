import NetTwinCore
import Testing

/// traffic-manager/traffic-manager-routing-methods.md: Priority returns the available endpoint with the
/// lowest priority value; Disabled endpoints are never returned; if all endpoints are degraded, Traffic
/// Manager "treats all endpoints as healthy"; Weighted picks at random by weight.
@Suite struct DNSTrafficManagerTests {
    static func profile(_ name: String, method: String, _ endpoints: [(name: String, target: String, priority: Int, weight: Int, status: String, monitor: String)]) -> String {
        let list = endpoints.map { endpoint in
            #"{"id": "\#(DNSFixture.base)/Microsoft.Network/trafficManagerProfiles/\#(name)/externalEndpoints/\#(endpoint.name)", "name": "\#(endpoint.name)", "type": "Microsoft.Network/trafficManagerProfiles/externalEndpoints", "properties": {"target": "\#(endpoint.target)", "priority": \#(endpoint.priority), "weight": \#(endpoint.weight), "endpointStatus": "\#(endpoint.status)", "endpointMonitorStatus": "\#(endpoint.monitor)"}}"#
        }
        return #"{"id": "\#(DNSFixture.base)/Microsoft.Network/trafficManagerProfiles/\#(name)", "type": "Microsoft.Network/trafficManagerProfiles", "location": "global", "properties": {"profileStatus": "Enabled", "trafficRoutingMethod": "\#(method)", "dnsConfig": {"relativeName": "\#(name)", "ttl": 30}, "endpoints": [\#(list.joined(separator: ", "))]}}"#
    }

    let resolver: DNSResolver = {
        DNSResolver(topology: DNSFixture.topology([
            DNSFixture.vnet("vnet-a", "10.0.0.0/16", subnet: "10.0.0.0/24"),
            profile("tm-failover", method: "Priority", [
                ("primary", "app-eus.contoso.com", 1, 1, "Enabled", "Degraded"),
                ("secondary", "app-wus.contoso.com", 2, 1, "Enabled", "Online"),
                ("tertiary", "app-neu.contoso.com", 3, 1, "Enabled", "Online"),
            ]),
            profile("tm-all-degraded", method: "Priority", [
                ("primary", "app-eus.contoso.com", 1, 1, "Enabled", "Degraded"),
                ("secondary", "app-wus.contoso.com", 2, 1, "Enabled", "Degraded"),
            ]),
            profile("tm-disabled-first", method: "Priority", [
                ("primary", "app-eus.contoso.com", 1, 1, "Disabled", "Online"),
                ("secondary", "203.0.113.7", 2, 1, "Enabled", "Online"),
            ]),
            profile("tm-weighted", method: "Weighted", [
                ("one", "app-eus.contoso.com", 1, 3, "Enabled", "Online"),
                ("two", "app-wus.contoso.com", 2, 1, "Enabled", "Online"),
            ]),
        ]))
    }()

    func resolve(_ name: String) -> DNSResolution {
        resolver.resolve(name: name, from: .virtualNetwork(DNSFixture.vnetID("vnet-a")))
    }

    @Test func priorityTakesTheNextEndpointWhenThePrimaryIsDegraded() {
        let result = resolve("tm-failover.trafficmanager.net")
        #expect(result.chain.first.map { "\($0.type.rawValue) \($0.value) \($0.source.rawValue)" } == "CNAME app-wus.contoso.com TrafficManager")
        #expect(result.chain.first?.note == "priority 2")
        // contoso.com is outside the input: its address is not invented.
        #expect(result.status == .unknown)
        #expect(result.answers.isEmpty)
    }

    @Test func allDegradedMeansAllHealthy() {
        let result = resolve("tm-all-degraded.trafficmanager.net")
        #expect(result.chain.first?.value == "app-eus.contoso.com")
        #expect(result.warnings.contains { $0.contains("answers as if they were online") })
    }

    @Test func disabledEndpointIsSkippedAndAnAddressTargetIsAnARecord() {
        let result = resolve("tm-disabled-first.trafficmanager.net")
        #expect(result.status == .noError)
        #expect(result.chain.map { "\($0.type.rawValue) \($0.value)" } == ["A 203.0.113.7"])
        #expect(result.addresses == [ip("203.0.113.7")])
    }

    @Test func weightedListsTheCandidatesWithTheirWeights() {
        let result = resolve("tm-weighted.trafficmanager.net")
        #expect(result.status == .unknown)
        #expect(result.chain.map { "\($0.value) \($0.note ?? "")" } == ["app-eus.contoso.com weight 3 of 4", "app-wus.contoso.com weight 1 of 4"])
    }

    /// The example's profile fronts the Managed HSM (Priority, both endpoints Online): priority 1, West Europe.
    @Test func exampleProfileAnswersWestEurope() throws {
        let example = loadSecureSqlmiExample()
        let result = DNSResolver(topology: example).resolve(name: "tm-hsm-nettwin.trafficmanager.net", from: .virtualNetwork(try example.virtualNetwork(named: "vnet-hub-weu").id))
        #expect(result.chain.first?.value == "westeurope.hsm-nettwin.managedhsm.azure.net")
    }
}
