/// The answer a Traffic Manager profile gives for its routing method
/// (traffic-manager/traffic-manager-routing-methods.md, traffic-manager-monitoring.md).
public struct TrafficManagerRouting: Sendable {
    /// One endpoint Traffic Manager may return: a CNAME to `target` (or an A record when the target is an address).
    public struct Candidate: Hashable, Sendable {
        public var endpoint: TrafficManagerEndpoint
        public var target: String
        /// `priority 1`, `weight 3 of 4`, `location West Europe`.
        public var note: String
    }

    public enum Outcome: Hashable, Sendable {
        /// The one endpoint the method picks for every client.
        case endpoint(Candidate, warnings: [String])
        /// The endpoint depends on the client (Weighted: random by weight; Performance and Geographic:
        /// the recursive resolver's location); every candidate is listed.
        case depends([Candidate], reason: String)
        /// No endpoint can be returned, with the reason.
        case noAnswer(String)
    }

    public let topology: Topology

    public init(topology: Topology) { self.topology = topology }

    public func answer(_ profile: TrafficManagerProfile) -> Outcome {
        let name = profile.header.name
        if profile.profileStatus?.lowercased() == "disabled" {
            return .noAnswer("traffic manager profile '\(name)' is disabled; its dns answer is not covered by the documents read")
        }
        // "Disabled" endpoints are never returned.
        let enabled = profile.endpoints.enumerated().filter { $0.element.endpointStatus?.lowercased() != "disabled" }
        let candidates = enabled.compactMap { offset, endpoint in target(of: endpoint).map { (offset, endpoint, $0) } }
        guard !candidates.isEmpty else { return .noAnswer("traffic manager profile '\(name)' has no enabled endpoint with a target") }
        // Health: Degraded, Stopped and Inactive endpoints are skipped; when none is healthy, Traffic
        // Manager "treats all endpoints as healthy and routes traffic to all endpoints" (fail open).
        let healthy = candidates.filter { !Self.unhealthy.contains($0.1.endpointMonitorStatus?.lowercased() ?? "") }
        let failOpen = healthy.isEmpty
        let pool = failOpen ? candidates : healthy
        let failOpenWarning = failOpen
            ? ["all enabled endpoints of traffic manager profile '\(name)' are degraded; traffic manager then treats all as healthy (traffic-manager-routing-methods.md)"]
            : []
        switch profile.trafficRoutingMethod?.lowercased() ?? "" {
        case "priority":
            // Lower priority value first; without values, the order of the endpoints.
            let best = pool.min { ($0.1.priority ?? Int64($0.0 + 1), $0.0) < ($1.1.priority ?? Int64($1.0 + 1), $1.0) }!
            let skipped = candidates.filter { candidate in
                (candidate.1.priority ?? Int64(candidate.0 + 1)) < (best.1.priority ?? Int64(best.0 + 1))
            }
            var warnings = failOpenWarning
            for (_, endpoint, _) in skipped {
                warnings.append("traffic manager endpoint '\(endpoint.name)' has a higher priority but is \((endpoint.endpointMonitorStatus ?? "unhealthy").lowercased()); the next endpoint answers")
            }
            let priority = best.1.priority ?? Int64(best.0 + 1)
            return .endpoint(Candidate(endpoint: best.1, target: best.2, note: "priority \(priority)"), warnings: warnings)
        case "weighted":
            let total = pool.reduce(Int64(0)) { $0 + ($1.1.weight ?? 1) }
            let list = pool.map { Candidate(endpoint: $0.1, target: $0.2, note: "weight \($0.1.weight ?? 1) of \(total)") }
            if list.count == 1 { return .endpoint(list[0], warnings: failOpenWarning) }
            return .depends(list, reason: "traffic manager profile '\(name)' is weighted: each query gets one endpoint at random by weight")
        case "performance", "geographic":
            let method = profile.trafficRoutingMethod!.lowercased()
            // Geographic returns the mapped endpoint regardless of health.
            let list = (method == "geographic" ? candidates : pool).map {
                Candidate(endpoint: $0.1, target: $0.2, note: $0.1.endpointLocation.map { "location \($0)" } ?? "no location")
            }
            let basis = method == "performance" ? "the lowest latency from the client's recursive resolver" : "the geographic region of the client's recursive resolver"
            return .depends(list, reason: "traffic manager profile '\(name)' routes by \(method): the endpoint depends on \(basis)")
        default:
            let method = profile.trafficRoutingMethod ?? "none"
            let list = pool.map { Candidate(endpoint: $0.1, target: $0.2, note: "routing method \(method)") }
            return .depends(list, reason: "traffic manager profile '\(name)' uses routing method '\(method)', which nettwin does not model; all candidates listed")
        }
    }

    static let unhealthy: Set<String> = ["degraded", "stopped", "inactive"]

    /// The endpoint's DNS target: `target`, or the name of the resource it points at.
    func target(of endpoint: TrafficManagerEndpoint) -> String? {
        if let target = endpoint.target, !target.isEmpty { return target.lowercased() }
        guard let id = endpoint.targetResourceId else { return nil }
        if let address = topology.publicIPAddresses[id] { return address.fqdn?.lowercased() ?? address.ipAddress?.description }
        if let site = topology.webSites[id] { return site.defaultHostName?.lowercased() ?? "\(site.header.name.lowercased()).azurewebsites.net" }
        if let nested = topology.trafficManagerProfiles[id] { return nested.fqdn }
        return nil
    }
}
