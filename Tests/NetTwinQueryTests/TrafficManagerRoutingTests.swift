import Foundation
import NetTwinARM
import NetTwinCore
import Testing

/// Traffic Manager's routing methods and endpoint states, each case from the articles
/// (traffic-manager-routing-methods.md, traffic-manager-monitoring.md, traffic-manager-nested-profiles.md,
/// traffic-manager-FAQs.md; quotes in Docs/research/traffic-manager.md).
@Suite struct TrafficManagerRoutingTests {
    static let sub = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/trafficManagerProfiles"

    static func endpoint(_ name: String, _ target: String, priority: Int64? = nil, weight: Int64? = nil, status: String = "Enabled", monitor: String = "Online",
                         location: String? = nil, geo: [String] = [], subnets: [String] = [], nested: String? = nil, minChild: Int64? = nil) -> TrafficManagerEndpoint {
        var e = TrafficManagerEndpoint(id: ResourceID("\(sub)/p/externalEndpoints/\(name)"), name: name, endpointType: nested == nil ? "externalEndpoints" : "nestedEndpoints",
                                       target: nested == nil ? target : nil, targetResourceId: nested.map { ResourceID("\(sub)/\($0)") },
                                       endpointStatus: status, endpointMonitorStatus: monitor, priority: priority, weight: weight, endpointLocation: location.map(Region.normalize))
        e.geoMapping = geo
        e.subnets = subnets.map { IPAddressSet(prefixes: [try! IPPrefix(parsing: $0)]) }
        e.minChildEndpoints = minChild
        return e
    }

    static func profile(_ name: String, _ method: String, _ endpoints: [TrafficManagerEndpoint], status: String = "Enabled", maxReturn: Int64? = nil) -> TrafficManagerProfile {
        var p = TrafficManagerProfile(header: ResourceHeader(id: ResourceID("\(sub)/\(name)"), type: "Microsoft.Network/trafficManagerProfiles", location: "global"),
                                      trafficRoutingMethod: method, relativeName: name, profileStatus: status, endpoints: endpoints)
        p.maxReturn = maxReturn
        return p
    }

    static let data = TrafficManagerDataLoader.bundled()

    func answer(_ profile: TrafficManagerProfile, client: TrafficManagerRouting.Client = .unknown, others: [TrafficManagerProfile] = []) -> TrafficManagerRouting.Outcome {
        var topology = Topology()
        for p in [profile] + others { topology.trafficManagerProfiles[p.id] = p }
        return TrafficManagerRouting(topology: topology, data: Self.data).answer(profile, client: client)
    }

    func picked(_ outcome: TrafficManagerRouting.Outcome) -> String? {
        if case .endpoint(let candidate, _) = outcome { return candidate.endpoint.name }
        return nil
    }

    /// "If the primary endpoint isn't available, Traffic Manager routes the traffic to the second endpoint"; Disabled
    /// endpoints are never returned; Stopped is not eligible.
    @Test func priorityTakesTheFirstAvailable() {
        let p = Self.profile("p", "Priority", [
            Self.endpoint("a", "a.example.com", priority: 1, monitor: "Degraded"),
            Self.endpoint("b", "b.example.com", priority: 2, status: "Disabled"),
            Self.endpoint("c", "c.example.com", priority: 3, monitor: "Stopped"),
            Self.endpoint("d", "d.example.com", priority: 4, monitor: "CheckingEndpoint"),
        ])
        #expect(picked(answer(p)) == "d")
    }

    /// All eligible endpoints degraded: "responds as if all the Degraded status endpoints actually are in an online
    /// state"; Stopped ones are not revived (traffic-manager-monitoring.md).
    @Test func allDegradedAreTreatedAsOnlineButStoppedIsNot() {
        let p = Self.profile("p", "Priority", [
            Self.endpoint("stopped", "s.example.com", priority: 1, monitor: "Stopped"),
            Self.endpoint("a", "a.example.com", priority: 2, monitor: "Degraded"),
            Self.endpoint("b", "b.example.com", priority: 3, monitor: "Degraded"),
        ])
        #expect(picked(answer(p)) == "a")
    }

    /// A disabled profile answers NXDOMAIN; a profile whose endpoints are all disabled too (traffic-manager-monitoring.md,
    /// traffic-manager-endpoint-types.md).
    @Test func disabledProfileOrEndpointsAnswerNothing() {
        let off = Self.profile("p", "Priority", [Self.endpoint("a", "a.example.com")], status: "Disabled")
        guard case .noAnswer(let reason) = answer(off) else { Issue.record("a disabled profile answers"); return }
        #expect(reason.contains("NXDOMAIN"))
        let allDisabled = Self.profile("p", "Weighted", [Self.endpoint("a", "a.example.com", status: "Disabled")])
        guard case .noAnswer = answer(allDisabled) else { Issue.record("an all-disabled profile answers"); return }
    }

    /// Weighted: at random by weight among the available endpoints (a degraded one is not drawn).
    @Test func weightedDrawsAmongAvailable() {
        let p = Self.profile("p", "Weighted", [
            Self.endpoint("a", "a.example.com", weight: 3), Self.endpoint("b", "b.example.com", weight: 1), Self.endpoint("c", "c.example.com", weight: 5, monitor: "Degraded"),
        ])
        guard case .depends(let candidates, _) = answer(p) else { Issue.record("weighted depends on the draw"); return }
        #expect(candidates.map(\.endpoint.name) == ["a", "b"])
        #expect(candidates.map(\.note) == ["weight 3 of 4", "weight 1 of 4"])
    }

    /// Performance: the closest region's endpoint; "If all enabled endpoints in the closest Azure region are degraded,
    /// Traffic Manager moves traffic to the endpoints in the next closest Azure region". Latency from UK South: West
    /// Europe is closer than North Europe? The data file decides; this test reads it for the expectation.
    @Test func performanceFallsToTheNextClosestRegion() {
        let p = Self.profile("p", "Performance", [
            Self.endpoint("weu", "weu.example.com", location: "West Europe"),
            Self.endpoint("neu", "neu.example.com", location: "North Europe"),
            Self.endpoint("eus", "eus.example.com", location: "East US"),
        ])
        // From West Europe itself, its own endpoint (latency 0).
        #expect(picked(answer(p, client: .init(region: "westeurope"))) == "weu")
        let order = Self.data.closest(to: "northeurope", among: ["westeurope", "eastus"])
        #expect(order.first == "westeurope", "North Europe is closer to West Europe than to East US in the latency table")
        var degraded = p
        degraded.endpoints[0].endpointMonitorStatus = "Degraded"
        #expect(picked(answer(degraded, client: .init(region: "westeurope"))) == "neu", "the next closest region to West Europe")
        // Without a vantage the answer depends on the resolver.
        guard case .depends = answer(p) else { Issue.record("performance without a client region depends"); return }
    }

    /// Geographic: lowest granularity first (state → country → grouping → World); returned whatever its health; a
    /// Stopped match answers NODATA without looking further; a Disabled endpoint is left out of matching; no mapping → NODATA.
    @Test func geographicWalksUpTheHierarchy() {
        let p = Self.profile("p", "Geographic", [
            Self.endpoint("california", "ca.example.com", geo: ["US-CA"]),
            Self.endpoint("usa", "us.example.com", monitor: "Degraded", geo: ["US"]),
            Self.endpoint("europe", "eu.example.com", geo: ["GEO-EU"]),
            Self.endpoint("ireland", "ie.example.com", status: "Disabled", geo: ["IE"]),
            Self.endpoint("spain", "es.example.com", monitor: "Stopped", geo: ["ES"]),
        ])
        #expect(picked(answer(p, client: .init(location: "US-CA"))) == "california")
        // Texas is not mapped: its country is, degraded, and still returned.
        #expect(picked(answer(p, client: .init(location: "US-TX"))) == "usa")
        // Germany: its grouping Europe.
        #expect(picked(answer(p, client: .init(location: "DE"))) == "europe")
        // Ireland's endpoint is disabled: the walk goes on to Europe.
        #expect(picked(answer(p, client: .init(location: "IE"))) == "europe")
        // Spain's endpoint is stopped: NODATA, no fallback to Europe.
        guard case .noAnswer(let stopped) = answer(p, client: .init(location: "ES")) else { Issue.record("a stopped match answers NODATA"); return }
        #expect(stopped.contains("NODATA"))
        // Japan: nothing above it is mapped.
        guard case .noAnswer = answer(p, client: .init(location: "JP")) else { Issue.record("an unmapped region answers NODATA"); return }
    }

    /// MultiValue: every healthy endpoint, at most maxReturn (default 2).
    @Test func multiValueReturnsUpToMaxReturn() {
        let p = Self.profile("p", "MultiValue", [
            Self.endpoint("a", "203.0.113.1"), Self.endpoint("b", "203.0.113.2", monitor: "Degraded"), Self.endpoint("c", "203.0.113.3"), Self.endpoint("d", "203.0.113.4"),
        ])
        guard case .endpoints(let list, _) = answer(p) else { Issue.record("multivalue returns several"); return }
        #expect(list.map(\.endpoint.name) == ["a", "c"])
        var three = p
        three.maxReturn = 3
        guard case .endpoints(let more, _) = answer(three) else { Issue.record("multivalue returns several"); return }
        #expect(more.map(\.endpoint.name) == ["a", "c", "d"])
    }

    /// Subnet: the endpoint whose ranges hold the client's address; else the fallback endpoint (no ranges); a disabled
    /// mapped endpoint is as if it did not exist; without a fallback, NODATA.
    @Test func subnetMapsRangesWithAFallback() {
        let p = Self.profile("p", "Subnet", [
            Self.endpoint("office", "office.example.com", subnets: ["198.51.100.0/24"]),
            Self.endpoint("lab", "lab.example.com", status: "Disabled", subnets: ["192.0.2.0/24"]),
            Self.endpoint("fallback", "all.example.com"),
        ])
        #expect(picked(answer(p, client: .init(address: IPAddress("198.51.100.7")))) == "office")
        #expect(picked(answer(p, client: .init(address: IPAddress("192.0.2.7")))) == "fallback")
        #expect(picked(answer(p, client: .init(address: IPAddress("203.0.113.1")))) == "fallback")
        let noFallback = Self.profile("p", "Subnet", [Self.endpoint("office", "office.example.com", subnets: ["198.51.100.0/24"])])
        guard case .noAnswer = answer(noFallback, client: .init(address: IPAddress("203.0.113.1"))) else { Issue.record("no fallback answers NODATA"); return }
    }

    /// Nested: the child profile counts as available when at least MinChildEndpoints (default 1) of its endpoints are
    /// online; below, the parent endpoint is degraded and the parent routes to its other endpoints. A disabled child
    /// makes the parent endpoint Stopped (traffic-manager-FAQs.md).
    @Test func nestedProfilesFollowMinChildEndpoints() {
        let child = Self.profile("child", "Weighted", [
            Self.endpoint("c1", "c1.example.com"), Self.endpoint("c2", "c2.example.com", monitor: "Degraded"), Self.endpoint("c3", "c3.example.com", monitor: "Degraded"),
        ])
        let parent = Self.profile("parent", "Priority", [
            Self.endpoint("nested", "", priority: 1, nested: "child", minChild: 2),
            Self.endpoint("backup", "backup.example.com", priority: 2),
        ])
        #expect(picked(answer(parent, others: [child])) == "backup", "one online child endpoint of the two required")
        var lenient = parent
        lenient.endpoints[0].minChildEndpoints = 1
        #expect(picked(answer(lenient, others: [child])) == "nested")
        var disabledChild = child
        disabledChild.profileStatus = "Disabled"
        let routing = TrafficManagerRouting(topology: { var t = Topology(); t.trafficManagerProfiles[disabledChild.id] = disabledChild; return t }(), data: Self.data)
        #expect(routing.state(of: lenient.endpoints[0]) == "stopped")
    }

    /// The geographic data file: every country code leads up to WORLD through a regional grouping.
    @Test func geographicHierarchyIsComplete() {
        #expect(Self.data.ancestry(of: "US-CA") == ["US-CA", "US", "GEO-NA", "WORLD"])
        #expect(Self.data.ancestry(of: "DE") == ["DE", "GEO-EU", "WORLD"])
        #expect(Self.data.parents.count > 300)
    }
}
