import NetTwinCore

/// The topology as people draw it (issue 14): regions as clusters, VNets with their address spaces, subnets with their
/// NSG, route table and delegation, peerings with their flags, gateways and on-premises ranges, private endpoints with
/// edges to their services (labelled with the connection state), private DNS zones and their VNet links, the data
/// services, App Service integration, Traffic Manager and failover groups. A traced `reach` path can be drawn on it.
///
/// The diagram is a neutral graph (`Diagram`); `DiagramRendering` writes it as DOT or Mermaid. Everything is sorted,
/// and node ids are hashes of resource ids, so the same input always gives the same text.
public struct Diagram: Sendable {
    public enum Detail: String, Sendable, CaseIterable {
        /// Subnets with their resources inside each VNet.
        case subnets
        /// One node per VNet.
        case vnets
        /// One node per hub, with its spokes folded into one node per hub.
        case hubs
        /// One node per region.
        case regions
    }

    public struct Cluster: Sendable, Hashable {
        public var id: String
        public var label: String
        public var parent: String?
        /// `region`, `vnet`, `subnet`, `global`, `onprem`.
        public var kind: String
        public var marks: [String] = []
    }

    public struct Node: Sendable, Hashable {
        public var id: String
        public var lines: [String]
        /// What it is (`subnet`, `managedInstance`, `privateEndpoint`, ...): the shape and the legend.
        public var kind: String
        public var cluster: String?
        /// Hop numbers of a drawn path through this node ("1", "4") and a blocker code, shown in the label too.
        public var marks: [String] = []
        public var blocked: Bool = false
        /// The resource it stands for (for the report's reach form).
        public var resourceID: String?
    }

    public struct Edge: Sendable, Hashable {
        public var from: String
        public var to: String
        public var label: String
        /// `peering`, `privateLink`, `dnsLink`, `connection`, `integration`, `failover`, `trafficManager`, `path`,
        /// `natGateway`, `inSubnet`.
        public var kind: String
        public var dashed: Bool = false
        public var onPath: Bool = false
        public var blocked: Bool = false
    }

    public var title: String
    public var detail: Detail
    public var clusters: [Cluster] = []
    public var nodes: [Node] = []
    public var edges: [Edge] = []
    /// Lines under the title: the verdict and blocker of a drawn path, what was collapsed, what the scope left out.
    public var notes: [String] = []
}

public enum DiagramBuilder {
    /// Where to look: a region, a resource group or a VNet (by name), or everything.
    public enum Scope: Sendable {
        case everything
        case region(String)
        case resourceGroup(String)
        case virtualNetwork(ResourceID)
    }

    /// A traced path to draw on the diagram.
    public struct Path: Sendable {
        public var result: ReachResult
        public var source: String
        public var destination: String
        public init(result: ReachResult, source: String, destination: String) {
            self.result = result
            self.source = source
            self.destination = destination
        }
    }

    /// Stable node id for a resource: `n` + FNV-1a 64 of its normalized id (deterministic across runs and machines).
    public static func nodeID(_ key: String) -> String { "n" + StableHash.fnv1a64Hex(key) }
    static func id(_ resource: ResourceID) -> String { nodeID(resource.normalized) }

    /// The scope a text names: a region, else a VNet, else a resource group (nil: nothing matches).
    public static func scope(named text: String, in topology: Topology) -> Scope? {
        let region = Region.normalize(text)
        if topology.virtualNetworks.values.contains(where: { $0.header.location == region }) { return .region(region) }
        let vnets = topology.virtualNetworks.values.filter { $0.header.name.lowercased() == text.lowercased() || $0.id.normalized == ResourceID(text).normalized }
        if vnets.count == 1 { return .virtualNetwork(vnets[0].id) }
        if topology.virtualNetworks.values.contains(where: { $0.id.resourceGroup?.lowercased() == text.lowercased() }) { return .resourceGroup(text) }
        return nil
    }

    public static func build(_ topology: Topology, scope: Scope = .everything, detail requested: Diagram.Detail? = nil, path: Path? = nil) -> Diagram {
        var builder = base(topology, scope: scope, detail: requested)
        if let path { builder.drawPath(path) }
        builder.finish()
        return builder.diagram
    }

    /// The diagram without a path, and for each path the nodes it marks on it (the same ids) and the node marked as
    /// blocking: what the report's offline reach form highlights in the picture. The topology is drawn once.
    public static func build(_ topology: Topology, scope: Scope = .everything, detail requested: Diagram.Detail? = nil,
                             highlighting paths: [Path]) -> (diagram: Diagram, highlights: [(nodes: [String], blocked: String?)]) {
        let builder = base(topology, scope: scope, detail: requested)
        let highlights = paths.map { path in
            var copy = builder
            copy.drawPath(path)
            let marked = copy.diagram.nodes.filter { !$0.marks.isEmpty }
            return (nodes: marked.filter { !$0.blocked }.map(\.id), blocked: marked.first(where: \.blocked)?.id)
        }
        var plain = builder
        plain.finish()
        return (plain.diagram, highlights)
    }

    static func base(_ topology: Topology, scope: Scope, detail requested: Diagram.Detail?) -> Builder {
        var builder = Builder(topology: topology)
        builder.select(scope)
        let detail = requested ?? builder.automaticDetail()
        builder.diagram.detail = detail
        builder.diagram.title = builder.title(scope)
        switch detail {
        case .subnets: builder.drawSubnets()
        case .vnets: builder.drawVirtualNetworks(foldSpokes: false)
        case .hubs: builder.drawVirtualNetworks(foldSpokes: true)
        case .regions: builder.drawRegions()
        }
        if detail != .regions { builder.drawServices() }
        return builder
    }

    struct Builder {
        let topology: Topology
        var diagram = Diagram(title: "", detail: .subnets)
        /// VNets in focus, and VNets outside the scope peered with them (drawn folded).
        var focus: [VirtualNetwork] = []
        var neighbours: [VirtualNetwork] = []
        /// Resource id (normalized) → the node that stands for it in this drawing.
        var anchor: [String: String] = [:]
        var nodeIDs: Set<String> = []
        var clusterIDs: Set<String> = []
        var everything = false

        init(topology: Topology) { self.topology = topology }

        mutating func select(_ scope: Scope) {
            let all = topology.virtualNetworks.values.sorted { $0.id < $1.id }
            switch scope {
            case .everything:
                focus = all
                everything = true
            case .region(let region): focus = all.filter { $0.header.location == region }
            case .resourceGroup(let group): focus = all.filter { $0.id.resourceGroup?.lowercased() == group.lowercased() }
            case .virtualNetwork(let id): focus = all.filter { $0.id == id }
            }
            let inFocus = Set(focus.map(\.id))
            var outside: Set<ResourceID> = []
            for vnet in focus {
                for peering in vnet.peerings.compactMap({ topology.peerings[$0] }) {
                    if let remote = peering.remoteVirtualNetwork, !inFocus.contains(remote) { outside.insert(remote) }
                }
            }
            neighbours = outside.compactMap { topology.virtualNetworks[$0] }.sorted { $0.id < $1.id }
            if !everything && !outside.isEmpty {
                diagram.notes.append("\(outside.count) peered virtual network(s) outside the scope are drawn folded")
            }
        }

        func title(_ scope: Scope) -> String {
            switch scope {
            case .everything: "NetTwin topology"
            case .region(let region): "NetTwin topology: region \(region)"
            case .resourceGroup(let group): "NetTwin topology: resource group \(group)"
            case .virtualNetwork(let id): "NetTwin topology: virtual network \(id.name)"
            }
        }

        /// Readable at 10 VNets, useful at 1,000: subnets up to 150 of them, VNets up to 120, hubs with folded spokes
        /// up to 300 nodes, regions beyond.
        func automaticDetail() -> Diagram.Detail {
            let subnets = focus.reduce(0) { $0 + $1.subnets.count }
            if subnets <= 150 { return .subnets }
            if focus.count <= 120 { return .vnets }
            if hubs().count + Set(focus.map { $0.header.location ?? "" }).count * 2 <= 300 { return .hubs }
            return .regions
        }

        // MARK: Adding

        mutating func addCluster(_ cluster: Diagram.Cluster) {
            guard clusterIDs.insert(cluster.id).inserted else { return }
            diagram.clusters.append(cluster)
        }

        mutating func addNode(_ node: Diagram.Node, for resources: [ResourceID] = []) {
            for resource in resources { anchor[resource.normalized] = node.id }
            guard nodeIDs.insert(node.id).inserted else { return }
            diagram.nodes.append(node)
        }

        mutating func regionCluster(_ region: String?) -> String {
            let name = region ?? "no region"
            let id = "cluster_region_" + DiagramBuilder.nodeID(name)
            addCluster(Diagram.Cluster(id: id, label: "region \(name)", parent: nil, kind: "region"))
            return id
        }

        mutating func globalCluster() -> String {
            let id = "cluster_global"
            addCluster(Diagram.Cluster(id: id, label: "global (DNS, Traffic Manager)", parent: nil, kind: "global"))
            return id
        }

        static func prefixes(_ list: [IPPrefix]) -> String { list.isEmpty ? "no address space" : list.map(\.description).joined(separator: ", ") }

        // MARK: Levels

        mutating func drawSubnets() {
            for vnet in focus {
                let region = regionCluster(vnet.header.location)
                let vnetCluster = "cluster_" + DiagramBuilder.id(vnet.id)
                addCluster(Diagram.Cluster(id: vnetCluster, label: "VNet \(vnet.header.name) · \(Self.prefixes(vnet.addressSpace))", parent: region, kind: "vnet"))
                // The VNet's own anchor: what peering edges and DNS links attach to.
                addNode(Diagram.Node(id: DiagramBuilder.id(vnet.id), lines: [vnet.header.name, Self.prefixes(vnet.addressSpace)] + (vnet.dnsServers.isEmpty ? [] : ["DNS " + vnet.dnsServers.map(\.description).joined(separator: ", ")]),
                                     kind: "virtualNetwork", cluster: vnetCluster, resourceID: vnet.id.text), for: [vnet.id])
                for subnet in vnet.subnets.compactMap({ topology.subnets[$0] }).sorted(by: { $0.id < $1.id }) {
                    drawSubnet(subnet, in: vnetCluster)
                }
            }
            for vnet in neighbours { drawFoldedVirtualNetwork(vnet, note: "outside the scope") }
            drawPeerings()
            drawGateways()
        }

        mutating func drawSubnet(_ subnet: Subnet, in vnetCluster: String) {
            let cluster = "cluster_" + DiagramBuilder.id(subnet.id)
            addCluster(Diagram.Cluster(id: cluster, label: "subnet \(subnet.header.name) · \(Self.prefixes(subnet.addressPrefixes))", parent: vnetCluster, kind: "subnet"))
            var lines = ["\(subnet.header.name) \(Self.prefixes(subnet.addressPrefixes))"]
            lines.append("NSG " + (subnet.networkSecurityGroup?.name ?? "none"))
            if let table = subnet.routeTable { lines.append("route table " + table.name) }
            if !subnet.delegations.isEmpty { lines.append("delegated to " + subnet.delegations.joined(separator: ", ")) }
            if !subnet.serviceEndpoints.isEmpty { lines.append("service endpoints " + subnet.serviceEndpoints.map(\.service).joined(separator: ", ")) }
            addNode(Diagram.Node(id: DiagramBuilder.id(subnet.id), lines: lines, kind: "subnet", cluster: cluster, resourceID: subnet.id.text), for: [subnet.id])
            // What lives in the subnet.
            for instance in topology.sqlManagedInstances.values.filter({ $0.subnet == subnet.id }).sorted(by: { $0.id < $1.id }) {
                var lines = ["SQL MI " + instance.header.name, "VNet-local 1433" + ((instance.proxyOverride ?? "").lowercased() == "proxy" ? " (proxy)" : ", redirect 11000-11999")]
                if instance.publicDataEndpointEnabled { lines.append("public endpoint 3342") }
                addNode(Diagram.Node(id: DiagramBuilder.id(instance.id), lines: lines, kind: "managedInstance", cluster: cluster, resourceID: instance.id.text), for: [instance.id])
            }
            for server in topology.flexibleServers.values.filter({ $0.delegatedSubnet == subnet.id }).sorted(by: { $0.id < $1.id }) {
                addNode(Diagram.Node(id: DiagramBuilder.id(server.id), lines: ["\(server.engine.rawValue) flexible " + server.header.name, "VNet-integrated, \(server.engine.port)"],
                                     kind: "flexibleServer", cluster: cluster, resourceID: server.id.text), for: [server.id])
            }
            for endpoint in topology.privateEndpoints.values.filter({ $0.subnet == subnet.id }).sorted(by: { $0.id < $1.id }) {
                let addresses = endpoint.networkInterfaces.compactMap { topology.networkInterfaces[$0] }.flatMap { $0.ipConfigurations.compactMap(\.privateIPAddress) }
                    + endpoint.customDnsConfigs.flatMap(\.ipAddresses)
                let unique = Array(Set(addresses.map(\.description))).sorted()
                addNode(Diagram.Node(id: DiagramBuilder.id(endpoint.id), lines: ["private endpoint " + endpoint.header.name] + (unique.isEmpty ? [] : [unique.joined(separator: ", ")]),
                                     kind: "privateEndpoint", cluster: cluster, resourceID: endpoint.id.text), for: [endpoint.id] + endpoint.networkInterfaces)
            }
            for vm in topology.virtualMachines.values.sorted(by: { $0.id < $1.id }) {
                let nics = vm.networkInterfaces.compactMap { topology.networkInterfaces[$0] }
                guard let nic = nics.first, nic.primaryIPConfiguration?.subnet == subnet.id else { continue }
                let address = nic.primaryIPConfiguration?.privateIPAddress.map(\.description) ?? "dynamic"
                addNode(Diagram.Node(id: DiagramBuilder.id(vm.id), lines: ["VM " + vm.header.name, address] + (nic.networkSecurityGroup.map { ["NIC NSG " + $0.name] } ?? []),
                                     kind: "virtualMachine", cluster: cluster, resourceID: vm.id.text), for: [vm.id] + vm.networkInterfaces)
            }
            // NICs of no VM and no private endpoint (appliances, load-balanced backends) are drawn on their own.
            for nic in topology.networkInterfaces.values.sorted(by: { $0.id < $1.id }) where nic.virtualMachine == nil && nic.privateEndpoint == nil && nic.primaryIPConfiguration?.subnet == subnet.id {
                guard anchor[nic.id.normalized] == nil else { continue }
                addNode(Diagram.Node(id: DiagramBuilder.id(nic.id), lines: ["NIC " + nic.header.name, nic.primaryIPConfiguration?.privateIPAddress.map(\.description) ?? "dynamic"] + (nic.enableIPForwarding ? ["IP forwarding"] : []),
                                     kind: "networkInterface", cluster: cluster, resourceID: nic.id.text), for: [nic.id])
            }
            for firewall in topology.azureFirewalls.values.sorted(by: { $0.id < $1.id }) where firewall.subnet == subnet.id {
                addNode(Diagram.Node(id: DiagramBuilder.id(firewall.id), lines: ["Azure Firewall " + firewall.header.name] + (firewall.privateIPAddress.map { [$0.description] } ?? []),
                                     kind: "azureFirewall", cluster: cluster, resourceID: firewall.id.text), for: [firewall.id])
            }
            for gateway in topology.virtualNetworkGateways.values.sorted(by: { $0.id < $1.id }) where gateway.ipConfigurations.contains(where: { $0.subnet == subnet.id }) {
                addNode(Diagram.Node(id: DiagramBuilder.id(gateway.id), lines: ["\(gateway.isExpressRoute ? "ExpressRoute" : "VPN") gateway " + gateway.header.name] + (gateway.sku.map { ["SKU " + $0] } ?? []) + (gateway.enableBgp ? ["BGP"] : []),
                                     kind: "gateway", cluster: cluster, resourceID: gateway.id.text), for: [gateway.id])
            }
            for endpoint in topology.dnsResolverInboundEndpoints.values.sorted(by: { $0.id < $1.id }) where endpoint.subnet == subnet.id {
                addNode(Diagram.Node(id: DiagramBuilder.id(endpoint.id), lines: ["DNS resolver inbound " + endpoint.header.name, endpoint.addresses.map(\.description).joined(separator: ", ")],
                                     kind: "dnsResolver", cluster: cluster, resourceID: endpoint.id.text), for: [endpoint.id])
            }
            if let nat = subnet.natGateway {
                let natID = DiagramBuilder.id(nat)
                addNode(Diagram.Node(id: natID, lines: ["NAT gateway " + nat.name], kind: "natGateway", cluster: vnetCluster, resourceID: nat.text), for: [nat])
                diagram.edges.append(Diagram.Edge(from: DiagramBuilder.id(subnet.id), to: natID, label: "outbound via NAT", kind: "natGateway", dashed: true))
            }
        }

        mutating func drawFoldedVirtualNetwork(_ vnet: VirtualNetwork, note: String? = nil) {
            let region = regionCluster(vnet.header.location)
            let subnets = vnet.subnets.compactMap { topology.subnets[$0] }
            let instances = topology.sqlManagedInstances.values.count { instance in subnets.contains { $0.id == instance.subnet } }
            let endpoints = topology.privateEndpoints.values.count { endpoint in subnets.contains { $0.id == endpoint.subnet } }
            var lines = [vnet.header.name, Self.prefixes(vnet.addressSpace), "\(subnets.count) subnet(s)"]
            if instances > 0 { lines.append("\(instances) SQL MI") }
            if endpoints > 0 { lines.append("\(endpoints) private endpoint(s)") }
            if let note { lines.append("(\(note))") }
            addNode(Diagram.Node(id: DiagramBuilder.id(vnet.id), lines: lines, kind: "virtualNetwork", cluster: region, resourceID: vnet.id.text),
                    for: [vnet.id] + subnets.map(\.id))
        }

        mutating func drawVirtualNetworks(foldSpokes: Bool) {
            let hubSet = foldSpokes ? hubs() : []
            var folded: [ResourceID: [VirtualNetwork]] = [:]
            for vnet in focus {
                if foldSpokes, !hubSet.contains(vnet.id), let hub = soleHub(of: vnet, hubs: hubSet) {
                    folded[hub, default: []].append(vnet)
                    continue
                }
                drawFoldedVirtualNetwork(vnet)
            }
            for vnet in neighbours { drawFoldedVirtualNetwork(vnet, note: "outside the scope") }
            for (hub, spokes) in folded.sorted(by: { $0.key < $1.key }) {
                guard let hubVNet = topology.virtualNetworks[hub] else { continue }
                let id = DiagramBuilder.nodeID("spokes|" + hub.normalized)
                let subnets = spokes.reduce(0) { $0 + $1.subnets.count }
                addNode(Diagram.Node(id: id, lines: ["\(spokes.count) spoke VNet(s) of \(hubVNet.header.name)", "\(subnets) subnet(s)"], kind: "spokes",
                                     cluster: regionCluster(hubVNet.header.location)),
                        for: spokes.map(\.id) + spokes.flatMap(\.subnets))
                diagram.edges.append(Diagram.Edge(from: DiagramBuilder.id(hub), to: id, label: "\(spokes.count) peering(s)", kind: "peering"))
            }
            if !folded.isEmpty { diagram.notes.append("spokes peered only with one hub are folded into one node per hub") }
            drawPeerings(skipFolded: Set(folded.values.flatMap { $0.map(\.id) }))
            drawGateways()
        }

        mutating func drawRegions() {
            var byRegion: [String: [VirtualNetwork]] = [:]
            for vnet in focus + neighbours { byRegion[vnet.header.location ?? "no region", default: []].append(vnet) }
            for (region, vnets) in byRegion.sorted(by: { $0.key < $1.key }) {
                let id = DiagramBuilder.nodeID("region|" + region)
                let subnets = vnets.reduce(0) { $0 + $1.subnets.count }
                addNode(Diagram.Node(id: id, lines: ["region \(region)", "\(vnets.count) VNet(s), \(subnets) subnet(s)"], kind: "region"),
                        for: vnets.map(\.id) + vnets.flatMap(\.subnets))
            }
            var crossing: [String: Int] = [:]
            for peering in topology.peerings.values {
                guard let a = topology.virtualNetworks[peering.localVirtualNetwork]?.header.location, let remote = peering.remoteVirtualNetwork,
                      let b = topology.virtualNetworks[remote]?.header.location, a < b else { continue }
                crossing[a + "|" + b, default: 0] += 1
            }
            for (pair, count) in crossing.sorted(by: { $0.key < $1.key }) {
                let parts = pair.split(separator: "|").map(String.init)
                diagram.edges.append(Diagram.Edge(from: DiagramBuilder.nodeID("region|" + parts[0]), to: DiagramBuilder.nodeID("region|" + parts[1]), label: "\(count) global peering(s)", kind: "peering"))
            }
            diagram.notes.append("collapsed by region: pass --scope REGION (or --detail) to zoom in")
        }

        /// VNets peered with three or more others, or holding a gateway: hubs.
        func hubs() -> Set<ResourceID> {
            var result: Set<ResourceID> = []
            for vnet in focus where vnet.peerings.count >= 3 || topology.virtualNetworkGateways.values.contains(where: { $0.virtualNetwork == vnet.id }) {
                result.insert(vnet.id)
            }
            return result
        }

        func soleHub(of vnet: VirtualNetwork, hubs: Set<ResourceID>) -> ResourceID? {
            let remotes = Set(vnet.peerings.compactMap { topology.peerings[$0]?.remoteVirtualNetwork })
            guard remotes.count == 1, let hub = remotes.first, hubs.contains(hub) else { return nil }
            return hub
        }

        // MARK: Edges between VNets and gateways

        mutating func drawPeerings(skipFolded: Set<ResourceID> = []) {
            var seen: Set<String> = []
            let visible = Set((focus + neighbours).map(\.id)).subtracting(skipFolded)
            for peering in topology.peerings.values.sorted(by: { $0.id < $1.id }) {
                guard let remote = peering.remoteVirtualNetwork, visible.contains(peering.localVirtualNetwork), visible.contains(remote) else { continue }
                let a = peering.localVirtualNetwork, b = remote
                let key = a < b ? a.normalized + "|" + b.normalized : b.normalized + "|" + a.normalized
                guard seen.insert(key).inserted else { continue }
                let back = topology.peerings.values.first { $0.localVirtualNetwork == b && $0.remoteVirtualNetwork == a }
                func flags(_ p: VirtualNetworkPeering) -> String {
                    var f: [String] = []
                    if !p.allowVirtualNetworkAccess { f.append("no VNet access") }
                    if p.allowForwardedTraffic { f.append("forwarded") }
                    if p.allowGatewayTransit { f.append("gateway transit") }
                    if p.useRemoteGateways { f.append("remote gateways") }
                    if p.peeringState != .connected { f.append(p.peeringState?.rawValue ?? "not connected") }
                    return "\(p.localVirtualNetwork.name): " + (f.isEmpty ? "access" : f.joined(separator: ", "))
                }
                let label = ([flags(peering)] + (back.map { [flags($0)] } ?? ["no peering back"])).joined(separator: "\n")
                let broken = peering.peeringState != .connected || back == nil || back?.peeringState != .connected
                diagram.edges.append(Diagram.Edge(from: DiagramBuilder.id(a), to: DiagramBuilder.id(b), label: "peering\n" + label, kind: "peering", dashed: broken))
                anchorEdge(peering.id, a, b)
                if let back { anchorEdge(back.id, b, a) }
            }
        }

        /// Peerings are edges: a path hop through one marks the edge.
        var peeringEdges: [String: (String, String)] = [:]
        mutating func anchorEdge(_ peering: ResourceID, _ a: ResourceID, _ b: ResourceID) {
            peeringEdges[peering.normalized] = (DiagramBuilder.id(a), DiagramBuilder.id(b))
        }

        mutating func drawGateways() {
            var onPremises = false
            for connection in topology.connections.values.sorted(by: { $0.id < $1.id }) {
                guard let gateway = connection.virtualNetworkGateway1, let vnet = topology.virtualNetworkGateways[gateway]?.virtualNetwork,
                      Set((focus + neighbours).map(\.id)).contains(vnet) else { continue }
                let from = anchor[gateway.normalized] ?? anchor[vnet.normalized] ?? DiagramBuilder.id(vnet)
                let state = connection.connectionStatus.map { ", \($0)" } ?? ""
                if let local = connection.localNetworkGateway2, let lng = topology.localNetworkGateways[local] {
                    if !onPremises {
                        addCluster(Diagram.Cluster(id: "cluster_onprem", label: "on-premises", parent: nil, kind: "onprem"))
                        onPremises = true
                    }
                    addNode(Diagram.Node(id: DiagramBuilder.id(lng.id), lines: ["local network gateway " + lng.header.name, Self.prefixes(lng.addressSpace)] + (lng.gatewayIpAddress.map { ["peer " + $0.description] } ?? []),
                                         kind: "localNetworkGateway", cluster: "cluster_onprem", resourceID: lng.id.text), for: [lng.id])
                    diagram.edges.append(Diagram.Edge(from: from, to: DiagramBuilder.id(lng.id), label: "\(connection.header.name) (\(connection.connectionType?.rawValue ?? "connection")\(state))", kind: "connection"))
                } else if let other = connection.virtualNetworkGateway2, let otherVNet = topology.virtualNetworkGateways[other]?.virtualNetwork {
                    let to = anchor[other.normalized] ?? anchor[otherVNet.normalized] ?? DiagramBuilder.id(otherVNet)
                    guard from < to else { continue }
                    diagram.edges.append(Diagram.Edge(from: from, to: to, label: "\(connection.header.name) (VNet-to-VNet\(state))", kind: "connection"))
                } else if connection.peer != nil {
                    if !onPremises {
                        addCluster(Diagram.Cluster(id: "cluster_onprem", label: "on-premises", parent: nil, kind: "onprem"))
                        onPremises = true
                    }
                    let circuit = DiagramBuilder.nodeID("circuit|" + (connection.peer?.normalized ?? ""))
                    addNode(Diagram.Node(id: circuit, lines: ["ExpressRoute circuit " + (connection.peer?.name ?? "?"), "prefixes learned by BGP"], kind: "localNetworkGateway", cluster: "cluster_onprem"))
                    diagram.edges.append(Diagram.Edge(from: from, to: circuit, label: "\(connection.header.name) (ExpressRoute\(state))", kind: "connection"))
                }
            }
        }

        // MARK: Services outside the VNets

        /// Whether a service belongs in this drawing: in a focused region or resource group, or reached by an endpoint in it.
        func inScope(_ header: ResourceHeader) -> Bool {
            if everything { return true }
            let regions = Set(focus.compactMap(\.header.location))
            let groups = Set(focus.compactMap { $0.id.resourceGroup?.lowercased() })
            if let location = header.location, regions.contains(location) { return true }
            if let group = header.id.resourceGroup?.lowercased(), groups.contains(group) { return true }
            return topology.privateEndpoints.values.contains { endpoint in
                anchor[endpoint.id.normalized] != nil && endpoint.connections.contains { $0.privateLinkServiceId == header.id }
            }
        }

        mutating func service(_ header: ResourceHeader, _ lines: [String], kind: String) {
            guard inScope(header) else { return }
            addNode(Diagram.Node(id: DiagramBuilder.id(header.id), lines: lines, kind: kind, cluster: regionCluster(header.location), resourceID: header.id.text), for: [header.id])
        }

        static func access(_ text: String?) -> String { "public network access " + (text ?? "not set") }

        mutating func drawServices() {
            for server in topology.sqlServers.values.sorted(by: { $0.id < $1.id }) {
                service(server.header, ["SQL server " + server.header.name, Self.access(server.publicNetworkAccess), "\(server.firewallRules.count) firewall rule(s)"], kind: "sqlServer")
            }
            for server in topology.flexibleServers.values.sorted(by: { $0.id < $1.id }) where server.delegatedSubnet == nil {
                service(server.header, ["\(server.engine.rawValue) flexible " + server.header.name, Self.access(server.publicNetworkAccess), "\(server.firewallRules.count) firewall rule(s)"], kind: "flexibleServer")
            }
            for vault in topology.keyVaults.values.sorted(by: { $0.id < $1.id }) {
                var lines = [(vault.kind == .vault ? "Key Vault " : "Managed HSM ") + vault.header.name, Self.access(vault.publicNetworkAccess)]
                if let action = vault.networkAcls?.defaultAction { lines.append("firewall default " + action) }
                if vault.regions.count > 1 { lines.append("replicas " + vault.regions.map { $0.name + ($0.isPrimary ? " (primary)" : "") }.joined(separator: ", ")) }
                service(vault.header, lines, kind: vault.kind == .vault ? "keyVault" : "managedHSM")
            }
            for account in topology.storageAccounts.values.sorted(by: { $0.id < $1.id }) {
                var lines = ["storage " + account.header.name, Self.access(account.publicNetworkAccess)]
                if let action = account.networkAcls?.defaultAction { lines.append("firewall default " + action) }
                service(account.header, lines, kind: "storageAccount")
            }
            for site in topology.webSites.values.sorted(by: { $0.id < $1.id }) {
                service(site.header, ["App Service " + site.header.name] + (site.vnetRouteAllEnabled ? ["route all"] : []), kind: "webSite")
                if let subnet = site.virtualNetworkSubnet, let target = anchor[subnet.normalized], anchor[site.id.normalized] != nil {
                    diagram.edges.append(Diagram.Edge(from: DiagramBuilder.id(site.id), to: target, label: "VNet integration", kind: "integration", dashed: true))
                }
            }
            for endpoint in topology.privateEndpoints.values.sorted(by: { $0.id < $1.id }) {
                guard let from = anchor[endpoint.id.normalized] else { continue }
                for connection in endpoint.connections {
                    guard let target = connection.privateLinkServiceId else { continue }
                    let state = connection.state.status?.rawValue ?? "unknown"
                    // The service's own connection record wins (its approval is what counts).
                    let recorded = topology.privateEndpointConnections.values.first { $0.privateEndpoint == endpoint.id && $0.parent == target }?.state.status?.rawValue
                    if anchor[target.normalized] == nil, topology.contains(target) == false {
                        addNode(Diagram.Node(id: DiagramBuilder.id(target), lines: [target.name, "(not in the input)"], kind: "external", cluster: nil, resourceID: target.text), for: [target])
                    }
                    guard let to = anchor[target.normalized] else { continue }
                    let shown = recorded ?? state
                    diagram.edges.append(Diagram.Edge(from: from, to: to, label: "private link \(connection.groupIds.joined(separator: ",")): \(shown)", kind: "privateLink", dashed: shown != "Approved"))
                }
            }
            var global: String?
            for zone in topology.privateDnsZones.values.sorted(by: { $0.id < $1.id }) {
                let links = zone.virtualNetworkLinks.filter { link in link.virtualNetwork.map { anchor[$0.normalized] != nil } ?? false }
                guard !links.isEmpty else { continue }
                if global == nil { global = globalCluster() }
                addNode(Diagram.Node(id: DiagramBuilder.id(zone.id), lines: ["private DNS zone " + zone.zoneName, "\(zone.recordSets.count) record set(s), rg \(zone.id.resourceGroup ?? "?")"],
                                     kind: "privateDnsZone", cluster: global, resourceID: zone.id.text), for: [zone.id])
                for link in links.sorted(by: { $0.name < $1.name }) {
                    guard let vnet = link.virtualNetwork, let to = anchor[vnet.normalized] else { continue }
                    diagram.edges.append(Diagram.Edge(from: DiagramBuilder.id(zone.id), to: to, label: "link" + (link.registrationEnabled ? " (registration)" : ""), kind: "dnsLink", dashed: true))
                }
            }
            for profile in topology.trafficManagerProfiles.values.sorted(by: { $0.id < $1.id }) {
                let targets = profile.endpoints.compactMap { endpoint in endpoint.targetResourceId.flatMap { anchor[$0.normalized] }.map { (endpoint, $0) } }
                guard !targets.isEmpty || inScope(profile.header) else { continue }
                if global == nil { global = globalCluster() }
                addNode(Diagram.Node(id: DiagramBuilder.id(profile.id), lines: ["Traffic Manager " + profile.header.name, profile.trafficRoutingMethod ?? "", profile.fqdn ?? ""].filter { !$0.isEmpty },
                                     kind: "trafficManager", cluster: global, resourceID: profile.id.text), for: [profile.id])
                for (endpoint, to) in targets {
                    diagram.edges.append(Diagram.Edge(from: DiagramBuilder.id(profile.id), to: to, label: "\(endpoint.name)\(endpoint.endpointStatus.map { " (\($0))" } ?? "")", kind: "trafficManager", dashed: true))
                }
            }
            for group in topology.instanceFailoverGroups.values.sorted(by: { $0.id < $1.id }) {
                for pair in group.managedInstancePairs {
                    guard let primary = pair.primary.flatMap({ anchor[$0.normalized] }), let partner = pair.partner.flatMap({ anchor[$0.normalized] }) else { continue }
                    diagram.edges.append(Diagram.Edge(from: primary, to: partner, label: "failover group \(group.header.name)", kind: "failover", dashed: true))
                }
            }
        }

        // MARK: The path

        /// The node a hop's resource is drawn as: the resource itself, or the subnet holding the hop's address for an NSG
        /// or route table.
        func pathAnchor(_ hop: ReachHop, result: ReachResult) -> String? {
            guard let resource = hop.resourceId else { return nil }
            if let node = anchor[resource.normalized] { return node }
            let subnetsUsing = topology.subnets.values.filter { $0.networkSecurityGroup == resource || $0.routeTable == resource }
            let address = hop.kind.lowercased().contains("inbound") ? result.destinationAddress : result.sourceAddress
            if let address, let subnet = subnetsUsing.first(where: { $0.addressPrefixes.contains { $0.contains(address) } }) {
                return anchor[subnet.id.normalized]
            }
            if let nic = topology.networkInterfaces[resource], let subnet = nic.primaryIPConfiguration?.subnet { return anchor[subnet.normalized] }
            return subnetsUsing.count == 1 ? anchor[subnetsUsing[0].id.normalized] : nil
        }

        mutating func drawPath(_ path: Path) {
            let result = path.result
            var steps: [(node: String, hop: Int)] = []
            for (index, hop) in result.hops.enumerated() {
                var node = pathAnchor(hop, result: result)
                if node == nil, hop.kind == "source" || hop.kind == "internet" {
                    let internet = DiagramBuilder.nodeID("internet")
                    addNode(Diagram.Node(id: internet, lines: ["Internet", result.sourceAddress.map(\.description) ?? ""].filter { !$0.isEmpty }, kind: "internet"))
                    node = internet
                }
                if let peering = hop.resourceId.flatMap({ peeringEdges[$0.normalized] }) {
                    for i in diagram.edges.indices where diagram.edges[i].kind == "peering"
                        && Set([diagram.edges[i].from, diagram.edges[i].to]) == Set([peering.0, peering.1]) {
                        diagram.edges[i].onPath = true
                    }
                    if steps.last?.node != peering.0 {
                        steps.append((peering.0, index + 1))
                        mark(peering.0, "\(index + 1)")
                    }
                    node = peering.1
                }
                guard let node else { continue }
                if steps.last?.node == node {
                    mark(node, "\(index + 1)")
                    continue
                }
                steps.append((node, index + 1))
                mark(node, "\(index + 1)")
            }
            for (a, b) in zip(steps, steps.dropFirst()) {
                diagram.edges.append(Diagram.Edge(from: a.node, to: b.node, label: "step \(b.hop)", kind: "path", onPath: true))
            }
            var blockerText = ""
            if let blocker = result.blockers.first {
                blockerText = " — BLOCKED \(blocker.code.rawValue)"
                let hop = ReachHop("blocker", blocker.resourceId, blocker.message)
                if let node = pathAnchor(hop, result: result) ?? steps.last?.node {
                    if let i = diagram.nodes.firstIndex(where: { $0.id == node }) {
                        diagram.nodes[i].blocked = true
                        diagram.nodes[i].marks.append("BLOCKED " + blocker.code.rawValue)
                    }
                    if let last = diagram.edges.indices.last(where: { diagram.edges[$0].kind == "path" && diagram.edges[$0].to == node }) { diagram.edges[last].blocked = true }
                }
            }
            // The way back, when it is not the way there: through the appliance the replies take, or straight back past
            // the one the requests crossed.
            if result.returnDiffers, let first = steps.first?.node, let last = steps.last?.node, first != last {
                if let via = result.returnVia, let viaNode = applianceNode(at: via) {
                    diagram.edges.append(Diagram.Edge(from: last, to: viaNode, label: "return 1: replies via \(via)", kind: "returnPath", dashed: true, onPath: true))
                    diagram.edges.append(Diagram.Edge(from: viaNode, to: first, label: "return 2", kind: "returnPath", dashed: true, onPath: true))
                } else {
                    diagram.edges.append(Diagram.Edge(from: last, to: first, label: "return: replies \(result.returnVia.map { "via \($0)" } ?? "bypass the appliance the requests crossed")", kind: "returnPath", dashed: true, onPath: true))
                }
            }
            diagram.notes.insert("path \(path.source) → \(path.destination) \(result.protocol == .udp ? "UDP" : "TCP")/\(result.port): \(result.verdict.rawValue)\(blockerText)", at: 0)
            if let back = result.returnPath { diagram.notes.insert("return path: \(back)", at: 1) }
        }

        /// The drawn node of the appliance at an address: an Azure Firewall, or a NIC (its VM) with that private address.
        func applianceNode(at address: IPAddress) -> String? {
            if let firewall = topology.azureFirewalls.values.first(where: { $0.privateIPAddress == address }), let node = anchor[firewall.id.normalized] { return node }
            if let nic = topology.networkInterfaces.values.first(where: { $0.ipConfigurations.contains { $0.privateIPAddress == address } }), let node = anchor[nic.id.normalized] { return node }
            return nil
        }

        mutating func mark(_ node: String, _ text: String) {
            guard let i = diagram.nodes.firstIndex(where: { $0.id == node }) else { return }
            if !diagram.nodes[i].marks.contains(text) { diagram.nodes[i].marks.append(text) }
        }

        mutating func finish() {
            let known = Set(diagram.nodes.map(\.id))
            diagram.edges = diagram.edges.filter { known.contains($0.from) && known.contains($0.to) }
            // Deterministic: clusters and nodes in insertion order (already sorted by id per kind), edges sorted.
            diagram.edges.sort { ($0.kind, $0.from, $0.to, $0.label) < ($1.kind, $1.from, $1.to, $1.label) }
            // Remove duplicate edges (a failover pair seen from both groups).
            var seen: Set<String> = []
            diagram.edges = diagram.edges.filter { seen.insert("\($0.kind)|\($0.from)|\($0.to)|\($0.label)").inserted }
        }
    }
}
