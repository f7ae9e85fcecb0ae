/// Traces a flow hop by hop as Azure forwards it: the source's NSGs outbound, route selection at
/// every hop (VNet-local, peering and its flags, gateway transit, VPN, virtual appliances with IP
/// forwarding, Internet, None), the destination's NSGs inbound, private endpoint approval, the SQL
/// managed instance endpoint rules, and the route back. Every blocker is reported, not only the first.
///
/// A reference type for the caches of the IP flow verifier it uses; one per thread.
public final class ReachabilityEngine {
    public let topology: Topology
    let verifier: IPFlowVerifier
    let routes: RouteEngine
    let index: NetworkIndex
    let firewalls: FirewallEvaluator
    let serviceTags: ServiceTagTable
    /// Whether answers name the SQL connection type and check the redirect ports (`connection`): the `reach` command
    /// does; exposure and the matrix, which ask the same question for many sources, do not (it traces twice more).
    public var describesConnections = false

    /// `routes`: a route engine already built on this topology (its index and memoized route tables are shared).
    public init(topology: Topology, serviceTags: ServiceTagTable = .empty, routes shared: RouteEngine? = nil) {
        self.topology = topology
        self.serviceTags = serviceTags
        let routes = shared ?? RouteEngine(topology: topology, serviceTags: serviceTags)
        self.routes = routes
        self.index = routes.index
        self.firewalls = FirewallEvaluator(topology: topology, serviceTags: serviceTags)
        self.verifier = IPFlowVerifier(security: SecurityEngine(topology: topology, serviceTags: serviceTags, routes: routes))
    }

    /// connectivity-architecture-overview.md: the VNet-local endpoint serves 1433, and 11000–11999 with
    /// the Redirect connection type; the public endpoint serves 3342 only, always proxy.
    public static let redirectPorts: ClosedRange<UInt16> = 11000...11999
    public static let tdsPort: UInt16 = 1433
    public static let publicEndpointPort: UInt16 = 3342
    static let sourcePort: UInt16 = 50000

    struct Trace {
        var hops: [ReachHop] = []
        var blockers: [ReachBlocker] = []
        var assumptions: [String] = []
        var returnPath: String?
        var returnDiffers = false
        var returnVia: IPAddress?
        var sourceAddress: IPAddress?
        var destinationAddress: IPAddress?
        var unknown = false
        /// The virtual appliances and firewalls the request crossed (next hop addresses), for the return path.
        var appliances: [(address: IPAddress, firewall: ResourceID?)] = []
        /// The source address after a firewall's SNAT, when it was translated.
        var translatedSource: IPAddress?
        /// What the destination service sees as the source, when that is not the source address (ReachResult).
        var sourceSeen: String?
        /// The name the client asked for, when the destination was given as a DNS name (for application rules).
        var destinationName: String?
    }

    public func reach(from source: ReachSource, to destination: ReachDestination, port: UInt16, protocol flowProtocol: ProtocolSet = .tcp) -> ReachResult {
        reach(from: source, to: destination, name: nil, port: port, protocol: flowProtocol)
    }

    func reach(from source: ReachSource, to destination: ReachDestination, name: String?, port: UInt16, protocol flowProtocol: ProtocolSet) -> ReachResult {
        var answer = trace(from: source, to: destination, name: name, port: port, protocol: flowProtocol)
        if describesConnections { answer.connection = connectionType(from: source, to: destination, port: port, protocol: flowProtocol, answer: answer) }
        return answer
    }

    func trace(from source: ReachSource, to destination: ReachDestination, name: String?, port: UInt16, protocol flowProtocol: ProtocolSet) -> ReachResult {
        var trace = Trace()
        trace.destinationName = name
        if case .sqlServer(let server) = destination {
            toSqlServer(server, from: source, port: port, protocol: flowProtocol, trace: &trace)
            return result(trace, port: port, protocol: flowProtocol)
        }
        if case .dataService(let service) = destination {
            toDataService(service, from: source, port: port, protocol: flowProtocol, trace: &trace)
            return result(trace, port: port, protocol: flowProtocol)
        }
        let target = resolveDestination(destination, port: port, trace: &trace)
        switch source {
        case .internet(let address):
            trace.sourceAddress = address
            trace.hops.append(ReachHop("source", nil, "Internet address \(address)"))
            if let target { fromInternet(address, to: target, port: port, protocol: flowProtocol, trace: &trace) }
        case .onPremises(let address):
            if let assumed = throughExpressRoute(address, to: destination, port: port, protocol: flowProtocol) { return assumed }
            trace.sourceAddress = address
            trace.hops.append(ReachHop("source", nil, "on-premises address \(address)"))
            if let target { fromOnPremises(address, to: target, port: port, protocol: flowProtocol, trace: &trace) }
        default:
            guard let (nic, subnet) = sourceNIC(source, trace: &trace) else { break }
            if case .webSite(let site) = source, checkDown(site, "app", trace: &trace) { break }
            if checkDown(nic: nic, trace: &trace) || checkDown(subnet.id, "subnet", trace: &trace) { break }
            if let target { fromVNet(nic: nic, subnet: subnet, to: target, port: port, protocol: flowProtocol, trace: &trace) }
        }
        return result(trace, port: port, protocol: flowProtocol)
    }

    /// An on-premises address no local network gateway covers, behind an ExpressRoute connection: traced on
    /// a copy of the topology where the connection advertises it (`assumingExpressRoutePrefixes`). The answer is
    /// at best Unknown: the prefix is assumed.
    func throughExpressRoute(_ address: IPAddress, to destination: ReachDestination, port: UInt16, protocol flowProtocol: ProtocolSet) -> ReachResult? {
        let covered = topology.localNetworkGateways.values.contains { $0.addressSpace.contains { $0.contains(address) } }
        guard !covered, !topology.expressRouteConnectionsWithoutPrefixes.isEmpty else { return nil }
        let (assumed, connections) = topology.assumingExpressRoutePrefixes([IPPrefix(address)])
        var result = ReachabilityEngine(topology: assumed, serviceTags: serviceTags).reach(from: .onPremises(address), to: destination, port: port, protocol: flowProtocol)
        let names = connections.map { "'\($0.name)'" }.joined(separator: ", ")
        result.assumptions.insert("no local network gateway covers \(address); ExpressRoute connection \(names) learns its on-premises prefixes by BGP, which no configuration holds: \(address) is assumed to be advertised through it", at: 0)
        if result.verdict == .reachable { result.verdict = .unknown }
        return result
    }

    func result(_ trace: Trace, port: UInt16, protocol flowProtocol: ProtocolSet) -> ReachResult {
        let verdict: ReachVerdict = !trace.blockers.isEmpty ? .unreachable : (trace.unknown ? .unknown : .reachable)
        return ReachResult(
            verdict: verdict, sourceAddress: trace.sourceAddress, destinationAddress: trace.destinationAddress, port: port,
            protocol: flowProtocol, hops: trace.hops, blockers: trace.blockers, assumptions: trace.assumptions, returnPath: trace.returnPath,
            translatedSourceAddress: trace.translatedSource, sourceSeenByDestination: trace.sourceSeen, undecided: trace.unknown,
            returnDiffers: trace.returnDiffers, returnVia: trace.returnVia)
    }

    // MARK: Endpoints of the question

    /// What the destination is: an address in a subnet (with a NIC, a managed instance or a private
    /// endpoint behind it), or a public endpoint.
    struct Target {
        var address: IPAddress
        var subnet: Subnet?
        var nic: NetworkInterface?
        var managedInstance: SqlManagedInstance?
        var isPublicEndpoint = false
        var description: String
    }

    func resolveDestination(_ destination: ReachDestination, port: UInt16, trace: inout Trace) -> Target? {
        switch destination {
        case .networkInterface(let id):
            guard let nic = topology.networkInterfaces[id], let configuration = nic.primaryIPConfiguration, let address = configuration.privateIPAddress else {
                trace.blockers.append(ReachBlocker(.destinationNotFound, id, "network interface '\(id.name)' has no private IP address in the input", fix: "export the NIC with its IP configuration"))
                return nil
            }
            trace.destinationAddress = address
            if checkDown(nic: nic, trace: &trace) { return nil }
            return Target(address: address, subnet: configuration.subnet.flatMap { topology.subnets[$0] }, nic: nic, description: "network interface \(nic.header.name) (\(address))")
        case .address(let address):
            trace.destinationAddress = address
            if let nic = networkInterface(withAddress: address), nic.privateEndpoint == nil, checkDown(nic: nic, trace: &trace) { return nil }
            if let subnet = topology.subnets.values.first(where: { $0.addressPrefixes.contains { $0.contains(address) } }), !topology.failed.isEmpty,
                checkDown(subnet.id, "subnet", trace: &trace)
            {
                return nil
            }
            if let nic = networkInterface(withAddress: address) {
                let subnet = nic.ipConfigurations.first { $0.privateIPAddress == address }?.subnet.flatMap { topology.subnets[$0] }
                return Target(address: address, subnet: subnet, nic: nic, description: "\(address) (\(nic.header.name))")
            }
            if let subnet = topology.subnets.values.first(where: { $0.addressPrefixes.contains { $0.contains(address) } }) {
                if let instance = topology.sqlManagedInstances.values.first(where: { $0.subnet == subnet.id }) {
                    return Target(address: address, subnet: subnet, managedInstance: instance, description: "\(address) (managed instance \(instance.header.name))")
                }
                return Target(address: address, subnet: subnet, description: "\(address) (subnet \(subnet.virtualNetwork.name)/\(subnet.header.name), no NIC with this address in the input)")
            }
            return Target(address: address, description: "\(address)")
        case .sqlServer, .dataService:
            return nil
        case .managedInstanceVNetLocal(let id), .managedInstancePublic(let id):
            guard let instance = topology.sqlManagedInstances[id], let subnetID = instance.subnet, let subnet = topology.subnets[subnetID],
                let (address, first) = subnet.representativeAddress
            else {
                trace.blockers.append(ReachBlocker(.destinationNotFound, id, "managed instance '\(id.name)' or its subnet is not in the input", fix: "export the managed instance and its virtual network"))
                return nil
            }
            // The endpoint's private IP (an internal load balancer in the subnet) is not in the configuration.
            trace.destinationAddress = address
            if checkDown(instance.id, "managed instance", trace: &trace) || checkDown(subnetID, "subnet", trace: &trace) { return nil }
            let isPublic: Bool
            if case .managedInstancePublic = destination { isPublic = true } else { isPublic = false }
            trace.assumptions.append("the managed instance's endpoint address is not in the configuration; \(address), an address of its subnet \(first), stands for it in NSG evaluation")
            served(instance, port: port, publicEndpoint: isPublic, trace: &trace)
            return Target(address: address, subnet: subnet, managedInstance: instance, isPublicEndpoint: isPublic,
                          description: "managed instance \(instance.header.name) (\(isPublic ? "public endpoint" : "VNet-local endpoint"))")
        }
    }

    func served(_ instance: SqlManagedInstance, port: UInt16, publicEndpoint: Bool, trace: inout Trace) {
        if publicEndpoint {
            if !instance.publicDataEndpointEnabled {
                trace.blockers.append(ReachBlocker(.publicEndpointDisabled, instance.id, "the public endpoint of managed instance '\(instance.header.name)' is disabled (publicDataEndpointEnabled is false)", fix: "enable the public data endpoint on the instance, then allow TCP 3342 in the subnet's NSG from known addresses only"))
            }
            if port != Self.publicEndpointPort {
                trace.blockers.append(ReachBlocker(.portNotServed, instance.id, "the public endpoint serves TCP 3342 only (always proxy), not \(port)", fix: "connect to port 3342 on <instance>.public.<dns zone>.database.windows.net"))
            }
            return
        }
        let redirect = (instance.proxyOverride ?? "Default").lowercased() != "proxy"
        if port == Self.tdsPort { return }
        if redirect && Self.redirectPorts.contains(port) { return }
        trace.blockers.append(ReachBlocker(.portNotServed, instance.id, "the VNet-local endpoint serves TCP 1433\(redirect ? " and 11000-11999 (Redirect)" : " (Proxy)"), not \(port)", fix: "connect to port 1433"))
    }

    func sourceNIC(_ source: ReachSource, trace: inout Trace) -> (NetworkInterface, Subnet)? {
        switch source {
        case .networkInterface(let id):
            guard let nic = topology.networkInterfaces[id], let configuration = nic.primaryIPConfiguration,
                let subnet = configuration.subnet.flatMap({ topology.subnets[$0] }),
                let address = configuration.privateIPAddress ?? dynamicAddress(in: subnet, trace: &trace)
            else {
                trace.blockers.append(ReachBlocker(.sourceNotFound, id, "network interface '\(id.name)' has no private IP or subnet in the input", fix: "export the NIC with its IP configuration and its virtual network"))
                return nil
            }
            trace.sourceAddress = address
            trace.hops.append(ReachHop("source", nic.id, "network interface \(nic.header.name) (\(address)) in subnet \(subnet.virtualNetwork.name)/\(subnet.header.name)"))
            return (nic, subnet)
        case .subnetAddress(let id, let address):
            guard let subnet = topology.subnets[id] else {
                trace.blockers.append(ReachBlocker(.sourceNotFound, id, "subnet '\(id.name)' is not in the input", fix: "export the virtual network"))
                return nil
            }
            trace.sourceAddress = address
            trace.hops.append(ReachHop("source", subnet.id, "\(address) in subnet \(subnet.virtualNetwork.name)/\(subnet.header.name)"))
            return (syntheticNIC(in: subnet, address: address), subnet)
        case .subnet(let id), .webSite(let id):
            var subnetID = id
            if case .webSite = source {
                guard let site = topology.webSites[id], let integration = site.virtualNetworkSubnet else {
                    trace.blockers.append(ReachBlocker(.sourceNotFound, id, "app '\(id.name)' has no regional VNet integration in the input", fix: "set virtualNetworkSubnetId on the app"))
                    return nil
                }
                subnetID = integration
                trace.hops.append(ReachHop("source", site.id, "App Service app \(site.header.name) through its VNet integration\(site.vnetRouteAllEnabled ? " (route all: all outbound traffic enters the VNet)" : "; without route all only private (RFC 1918) destinations enter the VNet")"))
            }
            guard let subnet = topology.subnets[subnetID], let (address, first) = subnet.representativeAddress else {
                trace.blockers.append(ReachBlocker(.sourceNotFound, subnetID, "subnet '\(subnetID.name)' is not in the input", fix: "export the virtual network"))
                return nil
            }
            trace.sourceAddress = address
            trace.assumptions.append("\(address), an address of subnet \(first), stands for the source")
            trace.hops.append(ReachHop("source", subnet.id, "subnet \(subnet.virtualNetwork.name)/\(subnet.header.name) (\(address))"))
            return (syntheticNIC(in: subnet, address: address), subnet)
        default:
            return nil
        }
    }

    /// The NIC that holds a private address (the first by ID when several do), from the index: a scan of
    /// every NIC per appliance hop made exposure of a 10,000-NIC network twice as slow.
    func networkInterface(withAddress address: IPAddress) -> NetworkInterface? {
        (index.nicsByAddress[address] ?? []).map(\.nic).sorted().first.flatMap { topology.networkInterfaces[$0] }
    }

    /// The NIC that receives traffic for an address of a subnet: its own NIC, a private endpoint's (stood in for
    /// when the export has no NIC, so that the endpoint's network policies decide whether NSGs apply), or an
    /// address of the subnet with no NIC of its own.
    func destinationNIC(for address: IPAddress, in subnet: Subnet) -> NetworkInterface {
        if let nic = networkInterface(withAddress: address) { return nic }
        if let entry = index.privateEndpointsByVirtualNetwork[subnet.virtualNetwork]?.first(where: { $0.addresses.contains(address) }),
            let endpoint = topology.privateEndpoints[entry.endpoint]
        {
            return syntheticEndpointNIC(endpoint, subnet: subnet, address: address)
        }
        return syntheticNIC(in: subnet, address: address)
    }

    /// A NIC whose dynamic address is not allocated yet (a template): Azure allocates from the first usable
    /// address of the subnet, so its representative address stands for it.
    func dynamicAddress(in subnet: Subnet, trace: inout Trace) -> IPAddress? {
        guard let (address, first) = subnet.representativeAddress else { return nil }
        trace.assumptions.append("the NIC's dynamic private address is allocated at deployment; \(address), an address of its subnet \(first), stands for it")
        return address
    }

    /// What-if: when a resource on the path is down, a COMPONENT_DOWN blocker; true when it is.
    @discardableResult
    func checkDown(_ id: ResourceID?, _ what: String, trace: inout Trace) -> Bool {
        guard let id, let reason = topology.down(id) else { return false }
        trace.blockers.append(ReachBlocker(
            .componentDown, id, "\(what) '\(id.name)' is down in this scenario (\(reason))",
            fix: "the path has no alternative to '\(id.name)': give it a second one in another region or zone, or restore it"))
        return true
    }

    /// What-if: a NIC is down with itself, its VM, its subnet or its VNet.
    func checkDown(nic: NetworkInterface, trace: inout Trace) -> Bool {
        if checkDown(nic.id, "network interface", trace: &trace) { return true }
        if checkDown(nic.virtualMachine, "virtual machine", trace: &trace) { return true }
        if let subnet = nic.primaryIPConfiguration?.subnet, checkDown(subnet, "subnet", trace: &trace) { return true }
        return false
    }

    /// A NIC without its own NSG, to evaluate a subnet's NSG for an address that has no NIC in the input.
    func syntheticNIC(in subnet: Subnet, address: IPAddress) -> NetworkInterface {
        NetworkInterface(
            header: ResourceHeader(id: subnet.id.child("nettwinAddresses", address.description), type: "NetTwin/subnetAddress"),
            ipConfigurations: [NetworkInterfaceIPConfiguration(name: "address", subnet: subnet.id, privateIPAddress: address, primary: true)])
    }
}
