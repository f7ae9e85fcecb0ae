/// The answer a Traffic Manager profile gives, by its routing method and its endpoints' states, for a client
/// (traffic-manager-routing-methods.md, traffic-manager-monitoring.md, traffic-manager-nested-profiles.md,
/// traffic-manager-FAQs.md; notes with quotes in Docs/research/traffic-manager.md).
///
/// Endpoint states: `endpointStatus` Disabled endpoints are never returned. Monitor status Online, CheckingEndpoint and
/// Unmonitored (`alwaysServe`) are eligible; Degraded is skipped — unless every eligible endpoint is Degraded, when
/// Traffic Manager "responds as if all the Degraded status endpoints actually are in an online state"; Stopped and
/// Inactive are not eligible and are never revived. A nested endpoint takes the health of its child profile: Online when
/// at least `minChildEndpoints` (default 1) child endpoints are Online, CheckingEndpoint when Online plus CheckingEndpoint
/// reach it, else Degraded; Stopped when the child profile is disabled or inactive.
public struct TrafficManagerRouting: Sendable {
    /// One endpoint Traffic Manager may return: a CNAME to `target` (or an A record when the target is an address).
    public struct Candidate: Hashable, Sendable {
        public var endpoint: TrafficManagerEndpoint
        public var target: String
        /// `priority 1`, `weight 3 of 4`, `location West Europe`.
        public var note: String
    }

    public enum Outcome: Hashable, Sendable {
        /// The one endpoint the method picks for this client.
        case endpoint(Candidate, warnings: [String])
        /// MultiValue: several endpoints in one answer.
        case endpoints([Candidate], warnings: [String])
        /// The endpoint depends on what the question does not give (Weighted: random by weight; Performance,
        /// Geographic, Subnet without the client's vantage); every candidate is listed.
        case depends([Candidate], reason: String)
        /// No endpoint can be returned (NODATA or NXDOMAIN), with the reason.
        case noAnswer(String)
    }

    /// Where the query comes from: the recursive resolver's Azure region (Performance), its geographic location code
    /// (Geographic: `US-CA`, `DE`, `GEO-EU`), its address (Subnet; the client subnet when the resolver passes ECS).
    public struct Client: Hashable, Sendable {
        public var region: String?
        public var location: String?
        public var address: IPAddress?
        public init(region: String? = nil, location: String? = nil, address: IPAddress? = nil) {
            self.region = region.map(Region.normalize)
            self.location = location?.uppercased()
            self.address = address
        }
        public static let unknown = Client()
        public var isUnknown: Bool { region == nil && location == nil && address == nil }
    }

    public let topology: Topology
    public let data: TrafficManagerData

    public init(topology: Topology, data: TrafficManagerData = .empty) {
        self.topology = topology
        self.data = data
    }

    /// The effective state of an endpoint: `online` (eligible), `checking`, `unmonitored`, `degraded`, `stopped`, `disabled`.
    public func state(of endpoint: TrafficManagerEndpoint, depth: Int = 0) -> String {
        if endpoint.endpointStatus?.lowercased() == "disabled" { return "disabled" }
        if endpoint.alwaysServe { return "unmonitored" }
        if endpoint.endpointType.lowercased().hasPrefix("nested"), let child = endpoint.targetResourceId.flatMap({ topology.trafficManagerProfiles[$0] }), depth < 10 {
            // traffic-manager-FAQs.md: a disabled or inactive child makes the parent's endpoint Stopped; otherwise the
            // count of Online (and CheckingEndpoint) child endpoints against MinChildEndpoints decides.
            if child.profileStatus?.lowercased() == "disabled" { return "stopped" }
            let states = child.endpoints.map { state(of: $0, depth: depth + 1) }
            if states.allSatisfy({ $0 == "disabled" || $0 == "stopped" }) { return "stopped" }
            let minimum = Int(endpoint.minChildEndpoints ?? 1)
            let online = states.count { $0 == "online" || $0 == "unmonitored" }
            let checking = states.count { $0 == "checking" }
            func family(_ ipv6: Bool) -> Int {
                zip(child.endpoints, states).count { pair in
                    guard pair.1 == "online" || pair.1 == "unmonitored", let target = pair.0.target, let address = IPAddress(target) else { return false }
                    if case .v4 = address { return !ipv6 }
                    return ipv6
                }
            }
            let familiesOK = family(false) >= Int(endpoint.minChildEndpointsIPv4 ?? 0) && family(true) >= Int(endpoint.minChildEndpointsIPv6 ?? 0)
            if online >= minimum && familiesOK { return "online" }
            if online + checking >= minimum && familiesOK { return "checking" }
            return "degraded"
        }
        switch endpoint.endpointMonitorStatus?.lowercased() ?? "online" {
        case "degraded": return "degraded"
        case "stopped", "inactive": return "stopped"
        case "disabled": return "disabled"
        case "checkingendpoint": return "checking"
        case "unmonitored": return "unmonitored"
        default: return "online"
        }
    }

    static func eligible(_ state: String) -> Bool { state == "online" || state == "checking" || state == "unmonitored" }

    public func answer(_ profile: TrafficManagerProfile, client: Client = .unknown) -> Outcome {
        let name = profile.header.name
        if profile.profileStatus?.lowercased() == "disabled" {
            // traffic-manager-monitoring.md: a disabled profile answers NXDOMAIN.
            return .noAnswer("traffic manager profile '\(name)' is disabled: it answers NXDOMAIN (traffic-manager-monitoring.md)")
        }
        var entries: [(index: Int, endpoint: TrafficManagerEndpoint, target: String, state: String)] = []
        for (index, endpoint) in profile.endpoints.enumerated() {
            guard let target = target(of: endpoint) else { continue }
            entries.append((index, endpoint, target, state(of: endpoint)))
        }
        let enabled = entries.filter { $0.state != "disabled" }
        guard !enabled.isEmpty else {
            return .noAnswer("every endpoint of traffic manager profile '\(name)' is disabled (or has no target): it answers NXDOMAIN (traffic-manager-endpoint-types.md)")
        }
        let eligible = enabled.filter { Self.eligible($0.state) }
        let degraded = enabled.filter { $0.state == "degraded" }
        // "Traffic Manager makes a 'best effort' attempt and responds as if all the Degraded status endpoints actually are
        // in an online state" — when no endpoint is eligible; Stopped endpoints are never revived.
        let failOpen = eligible.isEmpty && !degraded.isEmpty
        let pool = failOpen ? degraded : eligible
        let failOpenWarning = failOpen
            ? ["every eligible endpoint of traffic manager profile '\(name)' is degraded; traffic manager then answers as if they were online (traffic-manager-monitoring.md)"]
            : []
        func candidate(_ entry: (index: Int, endpoint: TrafficManagerEndpoint, target: String, state: String), _ note: String) -> Candidate {
            Candidate(endpoint: entry.endpoint, target: entry.target, note: note + (entry.state == "online" ? "" : ", \(entry.state)"))
        }
        let method = profile.trafficRoutingMethod?.lowercased() ?? ""
        if method != "geographic" && method != "subnet" && pool.isEmpty {
            return .noAnswer("no endpoint of traffic manager profile '\(name)' can be returned (every enabled endpoint is stopped)")
        }
        switch method {
        case "priority":
            // Lower value first; without values, the order of the endpoints.
            func priority(_ e: (index: Int, endpoint: TrafficManagerEndpoint, target: String, state: String)) -> Int64 { e.endpoint.priority ?? Int64(e.index + 1) }
            let best = pool.min { (priority($0), $0.index) < (priority($1), $1.index) }!
            var warnings = failOpenWarning
            for skipped in enabled where priority(skipped) < priority(best) {
                warnings.append("traffic manager endpoint '\(skipped.endpoint.name)' has a higher priority but is \(skipped.state); the next endpoint answers (traffic-manager-routing-methods.md)")
            }
            return .endpoint(candidate(best, "priority \(priority(best))"), warnings: warnings)
        case "weighted":
            let total = pool.reduce(Int64(0)) { $0 + ($1.endpoint.weight ?? 1) }
            let list = pool.map { candidate($0, "weight \($0.endpoint.weight ?? 1) of \(total)") }
            if list.count == 1 { return .endpoint(list[0], warnings: failOpenWarning) }
            return .depends(list, reason: "traffic manager profile '\(name)' is weighted: each query gets one endpoint at random by weight")
        case "performance":
            return performance(profile, enabled: enabled, pool: pool, failOpen: failOpen, client: client, candidate: candidate)
        case "geographic":
            return geographic(profile, enabled: enabled, client: client, candidate: candidate)
        case "multivalue":
            // "Traffic Manager returns all healthy endpoints, subject to a configurable maximum return count" (default 2).
            let maximum = Int(profile.maxReturn ?? 2)
            let list = pool.prefix(maximum).map { candidate($0, "one of up to \(maximum)") }
            var warnings = failOpenWarning
            if pool.count > maximum {
                warnings.append("\(pool.count) endpoints of traffic manager profile '\(name)' are healthy and at most \(maximum) are returned; which ones is not documented, the first \(maximum) are shown")
            }
            return .endpoints(Array(list), warnings: warnings)
        case "subnet":
            return subnetRouting(profile, enabled: enabled, client: client, candidate: candidate)
        default:
            let methodName = profile.trafficRoutingMethod ?? "none"
            let list = pool.map { candidate($0, "routing method \(methodName)") }
            return .depends(list, reason: "traffic manager profile '\(name)' uses routing method '\(methodName)', which nettwin does not model; all candidates listed")
        }
    }

    typealias Entry = (index: Int, endpoint: TrafficManagerEndpoint, target: String, state: String)

    /// Performance: the eligible endpoints of the Azure region closest to the client's resolver; when every enabled
    /// endpoint there is degraded, the next closest region (traffic-manager-routing-methods.md). Closeness is the
    /// round-trip latency between Azure regions (networking/azure-network-latency.md, TrafficManagerData): the Internet
    /// Latency Table Traffic Manager uses is not published, so this is NetTwin's stand-in for it, said in the answer.
    func performance(_ profile: TrafficManagerProfile, enabled: [Entry], pool: [Entry], failOpen: Bool, client: Client, candidate: (Entry, String) -> Candidate) -> Outcome {
        let name = profile.header.name
        func note(_ entry: Entry) -> String { entry.endpoint.endpointLocation.map { "location \($0)" } ?? "no location" }
        guard let region = client.region else {
            return .depends(pool.map { candidate($0, note($0)) }, reason: "traffic manager profile '\(name)' routes by performance: the endpoint depends on the Azure region closest to the client's recursive resolver (give it with --client-region)")
        }
        let regions = Set(enabled.compactMap(\.endpoint.endpointLocation))
        let order = data.closest(to: region, among: regions)
        guard !order.isEmpty else {
            return .depends(pool.map { candidate($0, note($0)) }, reason: "traffic manager profile '\(name)' routes by performance, and the latency from \(region) to its endpoints' regions is not in the latency data: every candidate is listed")
        }
        var warnings = ["closest region by the Azure round-trip latency table (networking/azure-network-latency.md) from \(region): Traffic Manager's own Internet Latency Table is not published"]
        for place in order {
            let here = enabled.filter { $0.endpoint.endpointLocation == place }
            let usable = failOpen ? here.filter { $0.state == "degraded" } : here.filter { Self.eligible($0.state) }
            if usable.isEmpty {
                if !here.isEmpty { warnings.append("every enabled endpoint of traffic manager profile '\(name)' in \(place) is \(Set(here.map(\.state)).sorted().joined(separator: " or ")): traffic goes to the next closest region") }
                continue
            }
            if usable.count == 1 { return .endpoint(candidate(usable[0], "location \(place), closest to \(region)"), warnings: warnings) }
            return .depends(usable.map { candidate($0, "location \(place)") }, reason: "the endpoints of traffic manager profile '\(name)' in \(place), closest to \(region), share its traffic evenly")
        }
        return .noAnswer("no endpoint of traffic manager profile '\(name)' in a region with latency data can be returned")
    }

    /// Geographic: the first endpoint whose mapping holds the client's location, walking up state → country →
    /// regional grouping → World; returned whatever its health; a Stopped match answers NODATA without looking further;
    /// a Disabled endpoint is left out of the matching; no match answers NODATA (traffic-manager-routing-methods.md).
    func geographic(_ profile: TrafficManagerProfile, enabled: [Entry], client: Client, candidate: (Entry, String) -> Candidate) -> Outcome {
        let name = profile.header.name
        guard let location = client.location else {
            return .depends(enabled.map { candidate($0, "regions \($0.endpoint.geoMapping.joined(separator: ", "))") },
                            reason: "traffic manager profile '\(name)' routes by geography: the endpoint depends on where the client's recursive resolver is (give it with --client-country)")
        }
        for code in data.ancestry(of: location) {
            guard let match = enabled.first(where: { $0.endpoint.geoMapping.contains { $0.uppercased() == code } }) else { continue }
            if match.state == "stopped" {
                return .noAnswer("traffic manager profile '\(name)' maps \(code) to endpoint '\(match.endpoint.name)', which is stopped: it answers NODATA and looks no further (traffic-manager-routing-methods.md)")
            }
            var warnings: [String] = []
            if match.state == "degraded" {
                warnings.append("endpoint '\(match.endpoint.name)' is degraded but geographic routing returns the mapped endpoint whatever its health (traffic-manager-routing-methods.md)")
            }
            return .endpoint(candidate(match, "mapped to \(code) (client \(location))"), warnings: warnings)
        }
        return .noAnswer("no endpoint of traffic manager profile '\(name)' is mapped to \(location) or a region above it: it answers NODATA (traffic-manager-routing-methods.md)")
    }

    /// Subnet: the endpoint whose ranges hold the client's address, else the fallback endpoint (no ranges), else NODATA.
    /// A disabled mapped endpoint is as if it did not exist; a mapped unhealthy one answers NXDOMAIN (traffic-manager-FAQs.md).
    func subnetRouting(_ profile: TrafficManagerProfile, enabled: [Entry], client: Client, candidate: (Entry, String) -> Candidate) -> Outcome {
        let name = profile.header.name
        guard let address = client.address else {
            return .depends(enabled.map { candidate($0, $0.endpoint.subnets.isEmpty ? "fallback" : "ranges \($0.endpoint.subnets.map(\.description).joined(separator: ", "))") },
                            reason: "traffic manager profile '\(name)' routes by the client's subnet: the endpoint depends on the resolver's address (give it with --client-ip)")
        }
        if let match = enabled.first(where: { $0.endpoint.subnets.contains { $0.contains(address) } }) {
            guard Self.eligible(match.state) else {
                return .noAnswer("traffic manager profile '\(name)' maps \(address) to endpoint '\(match.endpoint.name)', which is \(match.state): it answers NXDOMAIN (traffic-manager-FAQs.md; the routing-methods article says NODATA)")
            }
            return .endpoint(candidate(match, "range holding \(address)"), warnings: [])
        }
        if let fallback = enabled.first(where: { $0.endpoint.subnets.isEmpty }) {
            return .endpoint(candidate(fallback, "fallback (no range holds \(address))"), warnings: [])
        }
        return .noAnswer("no endpoint of traffic manager profile '\(name)' maps \(address) and there is no fallback endpoint: it answers NODATA (traffic-manager-routing-methods.md)")
    }

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

/// What Traffic Manager's location-aware methods need and Azure publishes: the geographic hierarchy
/// (traffic-manager-geographic-regions.md) and the round-trip latency between Azure regions
/// (networking/azure-network-latency.md). Loaded from the package's data files (NetTwinARM/Resources).
public struct TrafficManagerData: Sendable, Hashable {
    /// Each geographic code's parent (`US-CA` → `US` → `GEO-NA` → `WORLD`).
    public var parents: [String: String]
    /// Median round-trip latency in milliseconds, `latency[from][to]`.
    public var latency: [String: [String: Int]]

    public init(parents: [String: String] = [:], latency: [String: [String: Int]] = [:]) {
        self.parents = parents
        self.latency = latency
    }

    public static let empty = TrafficManagerData()

    /// The code and every region above it, up to WORLD.
    public func ancestry(of code: String) -> [String] {
        var chain = [code.uppercased()]
        var seen = Set(chain)
        while let parent = parents[chain.last!], seen.insert(parent).inserted { chain.append(parent) }
        if chain.last != "WORLD" { chain.append("WORLD") }
        return chain
    }

    /// The regions, closest first from `region` (the region itself first); regions without data are left out. The
    /// latency of a pair is the larger of its two directions (the article's tables are directional).
    public func closest(to region: String, among regions: Set<String>) -> [String] {
        let from = Region.normalize(region)
        func distance(_ to: String) -> Int? {
            if to == from { return 0 }
            let a = latency[from]?[to]
            let b = latency[to]?[from]
            switch (a, b) {
            case let (x?, y?): return max(x, y)
            case let (x?, nil): return x
            case let (nil, y?): return y
            default: return nil
            }
        }
        return regions.compactMap { r in distance(r).map { (r, $0) } }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.map(\.0)
    }
}
