/// What-if: components taken down (`--fail`) and operational state changed (`--set`), applied to a configuration
/// before a question is asked. The answer then reads as Azure would answer in that situation.
///
/// `--fail`: `region:REGION` (everything located there: networks, NICs and VMs, gateways and connections, firewalls,
/// private endpoints, managed instances, single-region data services, the region's pool of a multi-region Managed
/// HSM, Traffic Manager endpoints located there), `zone:REGION/ZONE` (resources pinned to that availability zone;
/// zone-redundant and regional ones stay up), or one resource by name or ID (a gateway, connection, peering, virtual
/// appliance NIC or VM, firewall, private endpoint, managed instance, HSM or vault, storage account, SQL server, Traffic
/// Manager endpoint, VNet, subnet, local network gateway).
///
/// `--set`: `pe-connection:NAME=Approved|Pending|Rejected|Disconnected` (NAME: the private endpoint, or the
/// connection's name on the service's side; both sides take the state, as Azure shows them),
/// `tm-endpoint:NAME=Online|Degraded|Disabled|Stopped|CheckingEndpoint` (NAME: `endpoint` or `profile/endpoint`),
/// `failover-group:NAME=failover` (the roles of the two instances swap), `hsm-region:REGION=down|up` (a Managed HSM's
/// regional pool; `hsm-region:HSM/REGION` for one HSM).
public struct Scenario: Sendable, Hashable {
    public enum Operation: Sendable, Hashable {
        case failRegion(String)
        case failZone(region: String, zone: String)
        case failResource(ResourceID)
        case setConnection(endpoint: ResourceID, status: PrivateLinkConnectionStatus)
        case setTrafficManagerEndpoint(profile: ResourceID, endpoint: String, status: String)
        case failover(group: ResourceID)
        case hsmRegion(hsm: ResourceID?, region: String, down: Bool)
    }

    public var operations: [Operation] = []

    public init(operations: [Operation] = []) { self.operations = operations }

    public var isEmpty: Bool { operations.isEmpty }

    /// A specification that does not name anything in the configuration, with the close matches.
    public struct Problem: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    public static func parse(fail: [String], set: [String], in topology: Topology) throws(Problem) -> Scenario {
        var operations: [Operation] = []
        for spec in fail { operations.append(try parseFail(spec, topology)) }
        for spec in set { operations.append(try parseSet(spec, topology)) }
        return Scenario(operations: operations)
    }

    static func parseFail(_ spec: String, _ topology: Topology) throws(Problem) -> Operation {
        let text = spec.trimmingWhitespace
        let lowered = text.lowercased()
        if lowered.hasPrefix("region:") {
            let region = Region.normalize(String(text.dropFirst("region:".count)))
            let known = Self.regions(topology)
            guard known.contains(region) else {
                throw Problem(description: "--fail '\(spec)': no resource of the input is in region '\(region)'\(suggest(region, Array(known)))")
            }
            return .failRegion(region)
        }
        if lowered.hasPrefix("zone:") {
            let rest = String(text.dropFirst("zone:".count))
            let parts = rest.split(separator: "/")
            guard parts.count == 2, !parts[1].isEmpty else {
                throw Problem(description: "--fail '\(spec)': a zone is zone:REGION/ZONE (for example zone:westeurope/1)")
            }
            return .failZone(region: Region.normalize(String(parts[0])), zone: String(parts[1]))
        }
        let name = lowered.hasPrefix("resource:") ? String(text.dropFirst("resource:".count)) : text
        return .failResource(try resolve(name, option: "--fail", in: topology, candidates: Self.failable(topology)))
    }

    static func parseSet(_ spec: String, _ topology: Topology) throws(Problem) -> Operation {
        let text = spec.trimmingWhitespace
        guard let colon = text.firstIndex(of: ":"), let equals = text.lastIndex(of: "="), colon < equals else {
            throw Problem(description: "--set '\(spec)': expected KIND:NAME=VALUE (pe-connection:NAME=Approved|Pending|Rejected|Disconnected, tm-endpoint:NAME=Online|Degraded|Disabled|Stopped|CheckingEndpoint, failover-group:NAME=failover, hsm-region:REGION=down|up)")
        }
        let kind = text[..<colon].lowercased()
        let name = String(text[text.index(after: colon)..<equals])
        let value = String(text[text.index(after: equals)...])
        switch kind {
        case "pe-connection":
            guard let status = PrivateLinkConnectionStatus(azure: value) else {
                throw Problem(description: "--set '\(spec)': a connection state is one of \(PrivateLinkConnectionStatus.acceptedValues)")
            }
            // The private endpoint by name, or a service-side connection by name (its endpoint takes the state).
            var candidates = topology.privateEndpoints.values.map { ($0.header.name, $0.id) }
            for (id, connection) in topology.privateEndpointConnections {
                if let endpoint = connection.privateEndpoint { candidates.append((id.name, endpoint)) }
            }
            for endpoint in topology.privateEndpoints.values {
                for connection in endpoint.connections { candidates.append((connection.name, endpoint.id)) }
            }
            return .setConnection(endpoint: try resolve(name, option: "--set pe-connection", in: topology, candidates: candidates), status: status)
        case "tm-endpoint":
            let statuses = ["online", "degraded", "disabled", "stopped", "checkingendpoint", "inactive"]
            guard statuses.contains(value.lowercased()) else {
                throw Problem(description: "--set '\(spec)': a Traffic Manager endpoint status is Online, Degraded, Disabled, Stopped or CheckingEndpoint")
            }
            var matches: [(profile: ResourceID, endpoint: String)] = []
            let wanted = name.lowercased()
            for profile in topology.trafficManagerProfiles.values.sorted(by: { $0.id < $1.id }) {
                for endpoint in profile.endpoints where endpoint.name.lowercased() == wanted || "\(profile.header.name)/\(endpoint.name)".lowercased() == wanted
                    || endpoint.id.map({ $0.normalized == wanted }) == true
                {
                    matches.append((profile.id, endpoint.name))
                }
            }
            guard matches.count == 1 else {
                let all = topology.trafficManagerProfiles.values.flatMap { profile in profile.endpoints.map { "\(profile.header.name)/\($0.name)" } }.sorted()
                throw Problem(description: matches.isEmpty
                    ? "--set '\(spec)': no Traffic Manager endpoint is named '\(name)'\(suggest(name, all))"
                    : "--set '\(spec)': '\(name)' names \(matches.count) Traffic Manager endpoints; give PROFILE/ENDPOINT (\(matches.map { "\($0.profile.name)/\($0.endpoint)" }.joined(separator: ", ")))")
            }
            return .setTrafficManagerEndpoint(profile: matches[0].profile, endpoint: matches[0].endpoint, status: value)
        case "failover-group":
            guard value.lowercased() == "failover" else {
                throw Problem(description: "--set '\(spec)': the only failover group operation is 'failover' (the roles of the two instances swap)")
            }
            let candidates = topology.instanceFailoverGroups.values.map { ($0.header.name, $0.id) }
            return .failover(group: try resolve(name, option: "--set failover-group", in: topology, candidates: candidates))
        case "hsm-region":
            guard ["down", "up"].contains(value.lowercased()) else { throw Problem(description: "--set '\(spec)': an HSM region is down or up") }
            let parts = name.split(separator: "/").map(String.init)
            let hsms = topology.keyVaults.values.filter { $0.kind == .managedHSM }
            var hsm: ResourceID?
            let region = Region.normalize(parts.last ?? "")
            if parts.count == 2 {
                hsm = try resolve(parts[0], option: "--set hsm-region", in: topology, candidates: hsms.map { ($0.header.name, $0.id) })
            }
            let pools = Set(hsms.filter { hsm == nil || $0.id == hsm }.flatMap { vault in vault.regions.map { Region.normalize($0.name) } + [vault.header.location].compactMap { $0 } })
            guard pools.contains(region) else {
                throw Problem(description: "--set '\(spec)': no Managed HSM of the input has a pool in '\(region)'\(suggest(region, Array(pools)))")
            }
            return .hsmRegion(hsm: hsm, region: region, down: value.lowercased() == "down")
        default:
            throw Problem(description: "--set '\(spec)': unknown kind '\(kind)' (expected pe-connection, tm-endpoint, failover-group, hsm-region)")
        }
    }

    /// Every region a resource of the input is in.
    static func regions(_ topology: Topology) -> Set<String> {
        var result = Set<String>()
        func add(_ header: ResourceHeader) { if let location = header.location, location != "global" { result.insert(location) } }
        topology.virtualNetworks.values.forEach { add($0.header) }
        topology.networkInterfaces.values.forEach { add($0.header) }
        topology.virtualNetworkGateways.values.forEach { add($0.header) }
        topology.privateEndpoints.values.forEach { add($0.header) }
        topology.sqlManagedInstances.values.forEach { add($0.header) }
        topology.sqlServers.values.forEach { add($0.header) }
        topology.keyVaults.values.forEach { vault in
            add(vault.header)
            for region in vault.regions { result.insert(Region.normalize(region.name)) }
        }
        topology.storageAccounts.values.forEach { add($0.header) }
        topology.webSites.values.forEach { add($0.header) }
        topology.azureFirewalls.values.forEach { add($0.header) }
        for profile in topology.trafficManagerProfiles.values {
            for endpoint in profile.endpoints { if let location = endpoint.endpointLocation { result.insert(Region.normalize(location)) } }
        }
        return result
    }

    /// What `--fail` can take down by name.
    static func failable(_ topology: Topology) -> [(String, ResourceID)] {
        var result: [(String, ResourceID)] = []
        func add(_ header: ResourceHeader) { result.append((header.name, header.id)) }
        topology.virtualNetworks.values.forEach { add($0.header) }
        topology.subnets.values.forEach { result.append(("\($0.virtualNetwork.name)/\($0.header.name)", $0.id)) }
        topology.peerings.values.forEach { add($0.header) }
        topology.networkInterfaces.values.forEach { add($0.header) }
        topology.virtualMachines.values.forEach { add($0.header) }
        topology.virtualNetworkGateways.values.forEach { add($0.header) }
        topology.localNetworkGateways.values.forEach { add($0.header) }
        topology.connections.values.forEach { add($0.header) }
        topology.privateEndpoints.values.forEach { add($0.header) }
        topology.sqlManagedInstances.values.forEach { add($0.header) }
        topology.sqlServers.values.forEach { add($0.header) }
        topology.keyVaults.values.forEach { add($0.header) }
        topology.storageAccounts.values.forEach { add($0.header) }
        topology.webSites.values.forEach { add($0.header) }
        topology.azureFirewalls.values.forEach { add($0.header) }
        topology.trafficManagerProfiles.values.forEach { add($0.header) }
        for profile in topology.trafficManagerProfiles.values {
            for endpoint in profile.endpoints {
                result.append(("\(profile.header.name)/\(endpoint.name)", endpoint.id ?? profile.id.child("endpoints", endpoint.name)))
            }
        }
        return result
    }

    /// The one candidate a name (or ID) names; an error with the close matches otherwise.
    static func resolve(_ name: String, option: String, in topology: Topology, candidates: [(String, ResourceID)]) throws(Problem) -> ResourceID {
        let wanted = name.lowercased()
        let matches = Set(candidates.filter { $0.0.lowercased() == wanted || $0.1.normalized == wanted }.map(\.1))
        if matches.count == 1 { return matches.first! }
        if matches.isEmpty {
            throw Problem(description: "\(option) '\(name)': nothing in the input is named so\(suggest(name, candidates.map(\.0)))")
        }
        throw Problem(description: "\(option) '\(name)': \(matches.count) resources have this name; give the full resource ID (\(matches.sorted().prefix(4).map(\.text).joined(separator: ", ")))")
    }

    /// "; did you mean: a, b" with up to five names that contain the text or are close to it.
    static func suggest(_ text: String, _ names: [String]) -> String {
        let needle = text.lowercased()
        guard !needle.isEmpty else { return "" }
        let scored = Set(names).map { name -> (String, Int) in
            let lowered = name.lowercased()
            if lowered.contains(needle) || needle.contains(lowered) { return (name, 0) }
            return (name, editDistance(needle, lowered))
        }
        let close = scored.filter { $0.1 <= max(2, needle.count / 3) }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.prefix(5).map(\.0)
        return close.isEmpty ? "" : "; did you mean: \(close.joined(separator: ", "))"
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        guard !x.isEmpty else { return y.count }
        guard !y.isEmpty else { return x.count }
        var previous = Array(0...y.count)
        for i in 1...x.count {
            var current = [i] + Array(repeating: 0, count: y.count)
            for j in 1...y.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[y.count]
    }
}
