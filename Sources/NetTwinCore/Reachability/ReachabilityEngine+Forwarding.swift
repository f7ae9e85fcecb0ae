extension ReachabilityEngine {
    func nsg(_ direction: SecurityRuleDirection, nic: NetworkInterface, local: IPAddress, localPort: UInt16, remote: IPAddress, remotePort: UInt16, protocol flowProtocol: ProtocolSet, trace: inout Trace) {
        let evaluation = verifier.evaluate(
            .init(direction: direction, protocol: flowProtocol, localAddress: local, localPort: localPort, remoteAddress: remote, remotePort: remotePort), nic: nic)
        let names = evaluation.groups.map { $0.networkSecurityGroup.name }.joined(separator: ", ")
        // An NSG that is referenced but not in the input: the verdict depends on it.
        for note in evaluation.notes where note.contains("is not in the input") {
            trace.assumptions.append(note)
            trace.unknown = true
        }
        if evaluation.access == .deny {
            let group = evaluation.decidingGroup
            trace.blockers.append(ReachBlocker(
                direction == .inbound ? .nsgDenyInbound : .nsgDenyOutbound, group,
                "\(direction.rawValue.lowercased()) TCP/\(direction == .inbound ? localPort : remotePort) is denied by \(evaluation.ruleName ?? "a rule") of network security group '\(group?.name ?? "")'",
                fix: "add an \(direction.rawValue.lowercased()) Allow rule with a higher priority (lower number) than '\(evaluation.ruleName ?? "")' for \(remote) on port \(direction == .inbound ? localPort : remotePort)"))
        } else {
            trace.hops.append(ReachHop("nsg\(direction.rawValue)", evaluation.decidingGroup,
                evaluation.groups.isEmpty ? "\(direction.rawValue.lowercased()): no network security group applies" : "\(direction.rawValue.lowercased()) allowed by \(evaluation.ruleName ?? "") (\(names))"))
        }
    }

    /// From a NIC or subnet: NSGs outbound, then route hop by hop, then the destination.
    func fromVNet(nic: NetworkInterface, subnet start: Subnet, to target: Target, port: UInt16, protocol flowProtocol: ProtocolSet, trace: inout Trace) {
        guard let source = trace.sourceAddress else { return }
        nsg(.outbound, nic: nic, local: source, localPort: Self.sourcePort, remote: target.address, remotePort: port, protocol: flowProtocol, trace: &trace)
        if target.isPublicEndpoint {
            // The public endpoint is reached over the Internet (the client's public address is what the NSG sees).
            trace.hops.append(ReachHop("route", nil, "to the public endpoint over the Internet"))
            trace.assumptions.append("the source reaches the public endpoint from its outbound public address, which the configuration does not give; the NSG of the instance is not evaluated for it")
            trace.unknown = true
            return
        }
        forward(from: start, source: source, to: target, port: port, protocol: flowProtocol, trace: &trace)
    }

    /// Route selection hop by hop from a subnet: VNet-local, peering, gateway, virtual appliances (an Azure
    /// Firewall evaluated by its rules, another appliance assumed to forward), Internet, None.
    func forward(from start: Subnet, source original: IPAddress, to target: Target, port: UInt16, protocol flowProtocol: ProtocolSet, trace: inout Trace) {
        var source = original
        var subnet = start
        var visited: Set<ResourceID> = [subnet.id]
        for _ in 0..<8 {
            let table = verifier.routeTable(subnet: subnet.id) ?? routes.effectiveRoutes(of: subnet)
            guard let (prefix, route) = table.route(to: target.address) else {
                trace.blockers.append(ReachBlocker(.noRoute, subnet.id, "no route to \(target.address) from subnet \(subnet.header.name)", fix: "add a route"))
                return
            }
            let routeName = route.name.map { "user route '\($0)'" } ?? "\(route.source.rawValue.lowercased()) route"
            switch route.nextHopType {
            case .none:
                // A peering towards the destination's network that is not Connected gives no route: say so (the None
                // route is the consequence).
                if let peering = unconnectedPeering(from: subnet, toward: target.address) {
                    let remote = peering.remoteVirtualNetwork?.name ?? "?"
                    let back = index.peeringBetween[peering.remoteVirtualNetwork ?? peering.localVirtualNetwork]?[peering.localVirtualNetwork] == nil && topology.virtualNetworks[peering.remoteVirtualNetwork ?? peering.localVirtualNetwork] != nil
                    trace.blockers.append(ReachBlocker(
                        .peeringNotConnected, peering.id,
                        "peering '\(peering.header.name)' to '\(remote)' is \(peering.peeringState?.rawValue ?? "not connected")\(back ? ": '\(remote)' has no peering back to '\(peering.localVirtualNetwork.name)'" : ""), so there is no route to \(target.address) (the \(routeName) \(prefix) drops it)",
                        fix: "create the peering in both virtual networks (or re-create the deleted side) so that both show Connected"))
                    return
                }
                trace.blockers.append(ReachBlocker(
                    .blackholeRoute, route.routeTable ?? subnet.id, "the \(routeName) \(prefix) of subnet \(subnet.virtualNetwork.name)/\(subnet.header.name) drops the traffic (next hop None)",
                    fix: route.source == .user ? "change or remove the route in '\(route.routeTable?.name ?? "")'" : "connect the destination network (peering, gateway) so that a route to it exists"))
                return
            case .vnetLocal:
                trace.hops.append(ReachHop("route", route.routeTable, "\(prefix) → VnetLocal (\(routeName)) within \(subnet.virtualNetwork.name)"))
                deliver(to: target, from: source, port: port, protocol: flowProtocol, trace: &trace)
                return
            case .vnetPeering:
                guard let peeringID = route.origin, let peering = topology.peerings[peeringID], let remote = peering.remoteVirtualNetwork else { return }
                trace.hops.append(ReachHop("peering", peering.id, "\(prefix) → VNetPeering \(peering.localVirtualNetwork.name) → \(remote.name)"))
                checkPeering(peering, trace: &trace)
                checkForwarded(peering, source: source, trace: &trace)
                deliver(to: target, from: source, port: port, protocol: flowProtocol, trace: &trace)
                return
            case .virtualNetworkGateway:
                trace.hops.append(ReachHop("gateway", route.origin, "\(prefix) → VirtualNetworkGateway (\(routeName)) to on-premises"))
                if checkDown(route.origin, "gateway", trace: &trace) { return }
                if let origin = route.origin, let connection = topology.connections.values.first(where: { $0.virtualNetworkGateway1 == origin && topology.down($0.id) != nil }) {
                    checkDown(connection.id, "connection", trace: &trace)
                    return
                }
                trace.assumptions.append("the on-premises network behind the gateway is not modelled: its firewalls and routes are assumed to let the traffic through")
                return
            case .virtualAppliance:
                if let hop = route.nextHopIpAddresses.first, let (firewall, inferred) = firewalls.firewall(at: hop) {
                    if checkDown(firewall.id, "firewall", trace: &trace) { return }
                    if let firewallSubnet = firewall.subnet.flatMap({ topology.subnets[$0] }),
                        !towardsAppliance(from: subnet, to: firewallSubnet, address: hop, source: source, trace: &trace)
                    {
                        return
                    }
                    guard let next = throughFirewall(firewall, inferred: inferred, hop: hop, prefix: prefix, routeName: routeName, source: &source, target: target, port: port, protocol: flowProtocol, trace: &trace),
                        visited.insert(next.id).inserted
                    else {
                        if firewall.subnet.flatMap({ topology.subnets[$0] }) != nil {
                            trace.blockers.append(ReachBlocker(.routingLoop, firewall.id, "the path returns to a subnet it already crossed (the firewall's own subnet routes back to it)", fix: "review the route tables of the firewall subnet and the source"))
                        }
                        return
                    }
                    subnet = next
                    continue
                }
                guard let hop = route.nextHopIpAddresses.first, let appliance = networkInterface(withAddress: hop) else {
                    let address = route.nextHopIpAddresses.first
                    // A next hop in a firewall's subnet that is not the firewall's address: a typo in the route.
                    if let address, let firewall = topology.azureFirewalls.values.sorted(by: { $0.id < $1.id }).first(where: { firewall in
                        firewall.privateIPAddress != nil && (firewall.subnet.flatMap { topology.subnets[$0] }?.addressPrefixes.contains { $0.contains(address) } ?? false)
                    }), let actual = firewall.privateIPAddress {
                        trace.blockers.append(ReachBlocker(.noRoute, route.routeTable, "the \(routeName) sends \(prefix) to \(address), in the subnet of firewall '\(firewall.header.name)', whose address is \(actual)", fix: "set the route's next hop to \(actual)"))
                        return
                    }
                    trace.blockers.append(ReachBlocker(.noRoute, route.routeTable, "the \(routeName) sends \(prefix) to a virtual appliance at \(address?.description ?? "no address"), which is not a NIC in the input", fix: "export the appliance's NIC, or correct the next hop address"))
                    return
                }
                trace.hops.append(ReachHop("appliance", appliance.id, "\(prefix) → VirtualAppliance \(hop) (\(appliance.header.name), \(routeName))"))
                if checkDown(nic: appliance, trace: &trace) { return }
                let applianceSubnet = appliance.primaryIPConfiguration?.subnet.flatMap { topology.subnets[$0] }
                if let applianceSubnet, !towardsAppliance(from: subnet, to: applianceSubnet, address: hop, source: source, trace: &trace) { return }
                if !appliance.enableIPForwarding {
                    trace.blockers.append(ReachBlocker(.applianceWithoutIPForwarding, appliance.id, "the appliance NIC '\(appliance.header.name)' does not have IP forwarding enabled, so Azure drops traffic not addressed to it", fix: "enable IP forwarding on '\(appliance.header.name)'"))
                    return
                }
                // The appliance's NIC and subnet NSGs see the packet on its way in and out (its address is neither
                // the source nor the destination: rules match the flow's own addresses).
                nsg(.inbound, nic: appliance, local: target.address, localPort: port, remote: source, remotePort: Self.sourcePort, protocol: flowProtocol, trace: &trace)
                nsg(.outbound, nic: appliance, local: source, localPort: Self.sourcePort, remote: target.address, remotePort: port, protocol: flowProtocol, trace: &trace)
                trace.assumptions.append("appliance \(appliance.header.name) is assumed to forward the flow (its own rules are not modelled)")
                trace.appliances.append((hop, nil))
                guard let next = appliance.primaryIPConfiguration?.subnet.flatMap({ topology.subnets[$0] }), visited.insert(next.id).inserted else {
                    trace.blockers.append(ReachBlocker(.routingLoop, appliance.id, "the path returns to subnet it already crossed", fix: "review the route tables"))
                    return
                }
                subnet = next
            case .internet:
                if SecurityEngine.nonInternet.contains(target.address) {
                    trace.blockers.append(ReachBlocker(.noRoute, subnet.id, "\(target.address) is a private address with no route other than the default route to the Internet", fix: "peer or connect the network that holds \(target.address)"))
                } else {
                    trace.hops.append(ReachHop("internet", nil, "\(prefix) → Internet"))
                    trace.assumptions.append("the destination on the Internet is not modelled")
                }
                return
            case .interfaceEndpoint:
                trace.hops.append(ReachHop("privateEndpoint", route.origin, "\(prefix) → private endpoint \(route.origin?.name ?? "")"))
                if let endpointID = route.origin, let endpoint = topology.privateEndpoints[endpointID] {
                    if checkDown(endpoint.id, "private endpoint", trace: &trace) { return }
                    for service in Set(endpoint.connections.compactMap(\.privateLinkServiceId)) where checkDown(service, "the service behind the private endpoint", trace: &trace) { return }
                    noteRegionalPools(behind: endpoint, trace: &trace)
                    checkApproved(endpoint, trace: &trace)
                    if let endpointSubnet = endpoint.subnet.flatMap({ topology.subnets[$0] }) {
                        if endpointSubnet.virtualNetwork != subnet.virtualNetwork,
                            let peering = index.peeringBetween[subnet.virtualNetwork]?[endpointSubnet.virtualNetwork].flatMap({ topology.peerings[$0] })
                        {
                            checkPeering(peering, trace: &trace)
                            checkForwarded(peering, source: source, trace: &trace)
                        }
                        let nic = endpoint.networkInterfaces.first.flatMap { topology.networkInterfaces[$0] } ?? syntheticEndpointNIC(endpoint, subnet: endpointSubnet, address: target.address)
                        nsg(.inbound, nic: nic, local: target.address, localPort: port, remote: source, remotePort: Self.sourcePort, protocol: flowProtocol, trace: &trace)
                    }
                    endpointReplies(source: source, trace: &trace)
                }
                return
            case .virtualNetworkServiceEndpoint:
                trace.hops.append(ReachHop("serviceEndpoint", subnet.id, "\(prefix) → service endpoint (the service sees the private source address)"))
                trace.assumptions.append("the service's own firewall is not evaluated for service endpoint traffic yet")
                trace.unknown = true
                return
            }
        }
        trace.blockers.append(ReachBlocker(.routingLoop, subnet.id, "more than 8 appliance hops", fix: "review the route tables"))
    }

    func syntheticEndpointNIC(_ endpoint: PrivateEndpoint, subnet: Subnet, address: IPAddress) -> NetworkInterface {
        var nic = syntheticNIC(in: subnet, address: address)
        nic.privateEndpoint = endpoint.id
        return nic
    }

    /// private-endpoint-overview.md: "Only private endpoints in an Approved state can send traffic".
    func checkApproved(_ endpoint: PrivateEndpoint, trace: inout Trace) {
        for connection in endpoint.connections where connection.state.status != .approved {
            trace.blockers.append(ReachBlocker(
                .privateEndpointNotApproved, endpoint.id,
                "the connection '\(connection.name)' of private endpoint '\(endpoint.header.name)' is \(connection.state.statusText ?? "not approved"); only Approved connections carry traffic",
                fix: connection.state.status == .disconnected ? "delete the private endpoint and create it again" : "approve the connection on the target resource"))
        }
    }

    /// Replies from a private endpoint go straight back: "User-defined routes (UDR) traffic is bypassed from private
    /// endpoints", so a firewall that forwarded the request without SNAT never sees them
    /// (private-link/inspect-traffic-with-azure-firewall.md: "If network rules are used, or an NVA is used instead of
    /// Azure Firewall, SNAT must be configured for traffic destined to private endpoints in order to maintain flow
    /// symmetry").
    func endpointReplies(source: IPAddress, trace: inout Trace) {
        trace.returnPath = "direct (user routes do not apply to a private endpoint's replies)"
        guard trace.translatedSource == nil else { return }
        if !trace.appliances.isEmpty { trace.returnDiffers = true }
        flagBypassed(
            trace: &trace,
            firewall: { name, _ in "requests to the private endpoint cross firewall '\(name)' without SNAT, but the endpoint's replies to \(source) bypass it (user routes do not apply to them); the stateful firewall drops the session" },
            fix: { _ in "allow the traffic with an application rule (always SNATed), or make the firewall SNAT it (private ranges 255.255.255.255/32)" },
            appliance: { address in "requests to the private endpoint cross the appliance at \(address), but its replies bypass user routes: without SNAT on the appliance, routing is asymmetric" })
    }

    /// Every appliance the requests crossed and the replies bypass: a blocker for a firewall (stateful by design), an
    /// assumption for another appliance (its statefulness is not known).
    func flagBypassed(trace: inout Trace, firewall message: (String, IPAddress) -> String, fix: (IPAddress) -> String, appliance assumption: (IPAddress) -> String) {
        for crossed in trace.appliances {
            if let firewall = crossed.firewall {
                trace.blockers.append(ReachBlocker(.asymmetricRouting, firewall, message(firewall.name, crossed.address), fix: fix(crossed.address)))
            } else {
                trace.assumptions.append(assumption(crossed.address))
            }
        }
    }

    /// A next hop in another VNet is reached through the peering between the two (peering is not transitive:
    /// virtual-network-peering-overview.md). False when there is none.
    func towardsAppliance(from subnet: Subnet, to applianceSubnet: Subnet, address: IPAddress, source: IPAddress, trace: inout Trace) -> Bool {
        guard applianceSubnet.virtualNetwork != subnet.virtualNetwork else { return true }
        guard let peering = index.peeringBetween[subnet.virtualNetwork]?[applianceSubnet.virtualNetwork].flatMap({ topology.peerings[$0] }) else {
            trace.blockers.append(ReachBlocker(
                .noRoute, subnet.id, "the next hop \(address) is in \(applianceSubnet.virtualNetwork.name), which \(subnet.virtualNetwork.name) is not peered with",
                fix: "peer \(subnet.virtualNetwork.name) with \(applianceSubnet.virtualNetwork.name), or route to an appliance in a peered network"))
            return false
        }
        trace.hops.append(ReachHop("peering", peering.id, "to the next hop \(address): VNetPeering \(subnet.virtualNetwork.name) → \(applianceSubnet.virtualNetwork.name)"))
        checkPeering(peering, trace: &trace)
        checkForwarded(peering, source: source, trace: &trace)
        return true
    }

    /// virtual-network-manage-peering.md, "Allow forwarded traffic from remote virtual network": traffic "forwarded
    /// by a network virtual appliance in the remote virtual network (that didn't originate from the remote virtual
    /// network)" enters only when the receiving side's peering allows it.
    func checkForwarded(_ peering: VirtualNetworkPeering, source: IPAddress, trace: inout Trace) {
        guard !trace.appliances.isEmpty, let remote = peering.remoteVirtualNetwork,
            let localSpace = topology.virtualNetworks[peering.localVirtualNetwork]?.addressSpace,
            !localSpace.contains(where: { $0.contains(source) }),
            let reverse = index.peeringBetween[remote]?[peering.localVirtualNetwork].flatMap({ topology.peerings[$0] }),
            !reverse.allowForwardedTraffic
        else { return }
        trace.blockers.append(ReachBlocker(
            .peeringForwardedTrafficDisabled, reverse.id,
            "traffic from \(source) forwarded by an appliance in \(peering.localVirtualNetwork.name) enters \(remote.name) only if its peering '\(reverse.header.name)' allows forwarded traffic (allowForwardedTraffic is false)",
            fix: "set allowForwardedTraffic to true on '\(reverse.header.name)'"))
    }

    /// A peering of the subnet's VNet, not Connected, whose remote network holds the address.
    func unconnectedPeering(from subnet: Subnet, toward address: IPAddress) -> VirtualNetworkPeering? {
        guard let vnet = topology.virtualNetworks[subnet.virtualNetwork] else { return nil }
        return vnet.peerings.compactMap { topology.peerings[$0] }.sorted { $0.id < $1.id }.first { peering in
            guard peering.peeringState != .connected, let remote = peering.remoteVirtualNetwork else { return false }
            let space = topology.virtualNetworks[remote]?.addressSpace ?? peering.remoteAddressSpace
            return space.contains { $0.contains(address) }
        }
    }

    /// virtual-network-manage-peering.md: both peerings must be connected; access to the remote network must be allowed.
    func checkPeering(_ peering: VirtualNetworkPeering, trace: inout Trace) {
        guard let remote = peering.remoteVirtualNetwork else { return }
        let reverse = index.peeringBetween[remote]?[peering.localVirtualNetwork].flatMap { topology.peerings[$0] }
        if checkDown(peering.id, "peering", trace: &trace) || checkDown(reverse?.id, "peering", trace: &trace) { return }
        if topology.virtualNetworks[remote] != nil && reverse == nil {
            trace.blockers.append(ReachBlocker(.peeringNotConnected, peering.id, "'\(remote.name)' has no peering back to '\(peering.localVirtualNetwork.name)'", fix: "create the peering in both virtual networks"))
        }
        for side in [peering, reverse].compactMap({ $0 }) where !side.allowVirtualNetworkAccess {
            trace.blockers.append(ReachBlocker(.peeringAccessDisabled, side.id, "peering '\(side.header.name)' does not allow access to the remote virtual network (allowVirtualNetworkAccess is false)", fix: "set allowVirtualNetworkAccess to true on '\(side.header.name)'"))
        }
    }

    /// Arrived in the destination's network: its NSGs inbound, then the route back.
    func deliver(to target: Target, from source: IPAddress, port: UInt16, protocol flowProtocol: ProtocolSet, trace: inout Trace) {
        guard let subnet = target.subnet else {
            trace.blockers.append(ReachBlocker(.destinationNotFound, nil, "no subnet in the input holds \(target.address)", fix: "export the network that holds the destination"))
            return
        }
        if !subnet.addressPrefixes.contains(where: { $0.contains(target.address) }) && target.nic == nil {
            trace.blockers.append(ReachBlocker(.destinationNotFound, subnet.id, "\(target.address) is not in subnet \(subnet.header.name)", fix: "check the address"))
            return
        }
        let nic = target.nic ?? destinationNIC(for: target.address, in: subnet)
        nsg(.inbound, nic: nic, local: target.address, localPort: port, remote: source, remotePort: Self.sourcePort, protocol: flowProtocol, trace: &trace)
        if target.managedInstance != nil && port == Self.tdsPort, let instance = target.managedInstance,
            (instance.proxyOverride ?? "Default").lowercased() != "proxy"
        {
            // connection-types-overview.md: with Redirect the client then connects to 11000–11999.
            var redirect = Trace()
            nsg(.inbound, nic: nic, local: target.address, localPort: Self.redirectPorts.lowerBound, remote: source, remotePort: Self.sourcePort, protocol: flowProtocol, trace: &redirect)
            for blocker in redirect.blockers {
                trace.blockers.append(ReachBlocker(blocker.code, blocker.resourceId, blocker.message + " (the Redirect connection type needs 11000-11999 after the first 1433 exchange)", fix: blocker.fix))
            }
            if redirect.blockers.isEmpty { trace.hops.append(ReachHop("redirect", instance.id, "connection type Redirect: 11000-11999 also allowed inbound")) }
        }
        trace.hops.append(ReachHop("destination", target.managedInstance?.id ?? target.nic?.id ?? subnet.id, target.description))
        returnPath(from: subnet, to: source, trace: &trace)
    }

    /// The route the reply takes: NSGs are stateful, but the reply still needs a route.
    func returnPath(from subnet: Subnet, to source: IPAddress, trace: inout Trace) {
        let table = verifier.routeTable(subnet: subnet.id) ?? routes.effectiveRoutes(of: subnet)
        guard let (prefix, route) = table.route(to: source), route.nextHopType != .none else {
            trace.returnPath = "no route back"
            trace.blockers.append(ReachBlocker(.noReturnRoute, subnet.id, "subnet \(subnet.virtualNetwork.name)/\(subnet.header.name) has no route back to \(source)", fix: "connect the source's network to the destination's (peering, gateway transit) so that replies can return"))
            return
        }
        trace.returnPath = "\(prefix) → \(route.nextHopType.rawValue)\(route.nextHopIpAddresses.first.map { " \($0)" } ?? "")"
        let replyHop = route.nextHopType == .virtualAppliance ? route.nextHopIpAddresses.first : nil
        if trace.translatedSource != nil { return }  // replies go to the firewall that translated the source
        if let replyHop, trace.appliances.contains(where: { $0.address == replyHop }) { return }  // symmetric
        if !trace.appliances.isEmpty || replyHop != nil {
            trace.returnDiffers = true
            trace.returnVia = replyHop
        }
        // integrate-lb.md: "Since the firewall is stateful, it drops the returning packet because the firewall isn't
        // aware of such an established session."
        let bypass = replyHop.map { "through the appliance at \($0)" } ?? "by \(route.nextHopType.rawValue)"
        let place = "\(subnet.virtualNetwork.name)/\(subnet.header.name)"
        flagBypassed(
            trace: &trace,
            firewall: { name, address in "requests cross firewall '\(name)' (\(address)) but replies from subnet \(place) to \(source) go \(bypass) (\(prefix)); the stateful firewall drops the session" },
            fix: { address in "add a user route for \(source)'s network with next hop VirtualAppliance \(address) to the route table of \(place), or SNAT the traffic at the firewall" },
            appliance: { address in "requests cross the appliance at \(address) but replies go \(bypass): routing is asymmetric, and a stateful appliance drops the replies" })
        if trace.appliances.isEmpty, let replyHop {
            if let (firewall, _) = firewalls.firewall(at: replyHop) {
                trace.blockers.append(ReachBlocker(
                    .asymmetricRouting, firewall.id,
                    "replies from subnet \(subnet.virtualNetwork.name)/\(subnet.header.name) to \(source) go through firewall '\(firewall.header.name)' (\(replyHop)), which the requests did not cross; the stateful firewall drops them",
                    fix: "route the requests through '\(firewall.header.name)' as well (a user route on the source's subnet), or exempt \(source)'s network from the route to the firewall"))
            } else {
                trace.assumptions.append("replies go through the appliance at \(replyHop); requests do not, so routing is asymmetric and a stateful appliance drops the replies")
            }
        }
    }

    /// The request reaches an Azure Firewall: its network rules decide (application rules are reported, not
    /// evaluated), SNAT applies to destinations outside its private ranges, and the flow goes on from the
    /// firewall's subnet. Returns that subnet.
    func throughFirewall(_ firewall: AzureFirewall, inferred: Bool, hop: IPAddress, prefix: IPPrefix, routeName: String, source: inout IPAddress, target: Target, port: UInt16, protocol flowProtocol: ProtocolSet, trace: inout Trace) -> Subnet? {
        trace.hops.append(ReachHop("firewall", firewall.id, "\(prefix) → VirtualAppliance \(hop) (Azure Firewall \(firewall.header.name), \(routeName))"))
        trace.appliances.append((hop, firewall.id))
        if inferred {
            trace.assumptions.append("the private IP of firewall '\(firewall.header.name)' is not in the configuration (known after deployment); \(hop), in its subnet, is taken to be it")
        }
        let decision = firewalls.evaluate(firewall, source: source, destination: target.address, port: port, protocol: flowProtocol, name: trace.destinationName)
        trace.assumptions += decision.notes
        switch decision.verdict {
        case .allow:
            trace.hops.append(ReachHop("firewallRule", firewall.id, decision.explanation))
        case .deny:
            trace.blockers.append(ReachBlocker(
                .firewallDeny, firewall.id, "firewall '\(firewall.header.name)': \(decision.explanation)",
                fix: decision.rule == nil
                    ? "add a network rule collection with an Allow rule for \(source) to \(target.address) on port \(port) to firewall '\(firewall.header.name)'\(firewall.firewallPolicy.map { " (policy '\($0.name)')" } ?? "")"
                    : "add an Allow network rule for this flow in a collection processed before '\(decision.rule!)' (a lower priority number), or narrow that rule"))
        case .notEvaluated:
            trace.hops.append(ReachHop("firewallRule", firewall.id, decision.explanation))
            trace.assumptions.append("firewall '\(firewall.header.name)': \(decision.explanation)")
            trace.unknown = true
        }
        guard let subnet = firewall.subnet.flatMap({ topology.subnets[$0] }) else {
            trace.assumptions.append("the subnet of firewall '\(firewall.header.name)' is not in the input; the path after it is not traced")
            trace.unknown = true
            return nil
        }
        if decision.verdict == .allow && decision.byApplicationRule && target.subnet != nil {
            // snat-private-range.md: "Application rules are always SNATed using a transparent proxy".
            trace.hops.append(ReachHop("snat", firewall.id, "application rules are always SNATed: the source \(source) is translated to a firewall address (\(hop) stands for it)"))
            source = hop
            trace.translatedSource = hop
        } else if target.subnet != nil, firewalls.isSNATed(firewall, destination: target.address) {
            // (Also after a deny: the trace goes on as the traffic the firewall does allow would, to find every blocker.)
            // snat-private-range.md: a private destination outside the firewall's private ranges is SNATed "to one
            // of the firewall private IP addresses in AzureFirewallSubnet".
            trace.hops.append(ReachHop("snat", firewall.id, "\(target.address) is outside the firewall's private ranges: the source \(source) is translated to a firewall address (\(hop) stands for it)"))
            source = hop
            trace.translatedSource = hop
        }
        return subnet
    }

    /// From the Internet: a managed instance's public endpoint, or a NIC by its public IP.
    func fromInternet(_ source: IPAddress, to target: Target, port: UInt16, protocol flowProtocol: ProtocolSet, trace: inout Trace) {
        if target.isPublicEndpoint, let subnet = target.subnet {
            trace.hops.append(ReachHop("internet", nil, "Internet → public endpoint of \(target.managedInstance?.header.name ?? "")"))
            // public-endpoint-configure.md: inbound NSG rules on the MI subnet govern TCP 3342.
            nsg(.inbound, nic: syntheticNIC(in: subnet, address: target.address), local: target.address, localPort: port, remote: source, remotePort: Self.sourcePort, protocol: flowProtocol, trace: &trace)
            trace.hops.append(ReachHop("destination", target.managedInstance?.id, target.description))
            return
        }
        if SecurityEngine.nonInternet.contains(target.address) {
            trace.blockers.append(ReachBlocker(.noRoute, nil, "\(target.address) is a private address, not reachable from the Internet", fix: "use a public endpoint or a public IP"))
            return
        }
        if let pip = topology.publicIPAddresses.values.first(where: { $0.ipAddress == target.address }),
            let configuration = pip.ipConfiguration, let nicID = configuration.parent, let nic = topology.networkInterfaces[nicID],
            let address = nic.primaryIPConfiguration?.privateIPAddress
        {
            trace.hops.append(ReachHop("publicIP", pip.id, "public IP \(target.address) → \(nic.header.name) (\(address))"))
            nsg(.inbound, nic: nic, local: address, localPort: port, remote: source, remotePort: Self.sourcePort, protocol: flowProtocol, trace: &trace)
            return
        }
        trace.blockers.append(ReachBlocker(.destinationNotFound, nil, "no public IP in the input is \(target.address)", fix: "export the public IP and the resource it is attached to"))
    }

    /// From on-premises: through the VPN connection to the gateway's VNet, and with gateway transit to spokes.
    func fromOnPremises(_ source: IPAddress, to target: Target, port: UInt16, protocol flowProtocol: ProtocolSet, trace: inout Trace) {
        let candidates = topology.connections.values.sorted { $0.id < $1.id }.filter { connection in
            connection.localNetworkGateway2.flatMap { topology.localNetworkGateways[$0] }?.addressSpace.contains { $0.contains(source) } ?? false
        }

        guard let connection = candidates.first, let gatewayID = connection.virtualNetworkGateway1,
            let gateway = topology.virtualNetworkGateways[gatewayID], let hub = gateway.virtualNetwork
        else {
            trace.blockers.append(ReachBlocker(.sourceNotFound, nil, "no local network gateway in the input covers \(source)", fix: "export the local network gateway and connection that serve this range"))
            return
        }
        trace.hops.append(ReachHop("connection", connection.id, "on-premises → connection \(connection.header.name) → gateway \(gateway.header.name) in \(hub.name)"))
        if checkDown(connection.localNetworkGateway2, "on-premises site", trace: &trace) || checkDown(connection.id, "connection", trace: &trace)
            || checkDown(gateway.id, "gateway", trace: &trace)
        {
            return
        }
        if let status = connection.connectionStatus, status.lowercased() != "connected" {
            trace.blockers.append(ReachBlocker(.connectionNotConnected, connection.id, "connection '\(connection.header.name)' is \(status)", fix: "bring the VPN connection up"))
        }
        guard let subnet = target.subnet else {
            trace.blockers.append(ReachBlocker(.destinationNotFound, nil, "no subnet in the input holds \(target.address)", fix: "export the destination's network"))
            return
        }
        if subnet.virtualNetwork != hub {
            // vpn-gateway-peering-gateway-transit.md: the gateway routes to a spoke only through a peering
            // where the spoke uses the remote gateway and the hub allows gateway transit.
            let hubPeering = index.peeringBetween[hub]?[subnet.virtualNetwork].flatMap { topology.peerings[$0] }
            let spokePeering = index.peeringBetween[subnet.virtualNetwork]?[hub].flatMap { topology.peerings[$0] }
            guard let hubPeering, let spokePeering, hubPeering.peeringState == .connected, spokePeering.peeringState == .connected else {
                trace.blockers.append(ReachBlocker(.noRoute, gateway.id, "gateway '\(gateway.header.name)' in \(hub.name) has no route to \(subnet.virtualNetwork.name): the networks are not peered (peering is not transitive)", fix: "peer \(subnet.virtualNetwork.name) with \(hub.name), with gateway transit, or connect it to its own gateway"))
                return
            }
            if !(hubPeering.allowGatewayTransit && spokePeering.useRemoteGateways) {
                trace.blockers.append(ReachBlocker(.noRoute, spokePeering.id, "\(subnet.virtualNetwork.name) does not use the remote gateway of \(hub.name) (needs useRemoteGateways on its peering and allowGatewayTransit on the hub's)", fix: "set allowGatewayTransit on '\(hubPeering.header.name)' and useRemoteGateways on '\(spokePeering.header.name)'"))
                return
            }
        }
        // The gateway forwards with the effective routes of GatewaySubnet (a user route there can send the
        // traffic through a firewall or an appliance first).
        if let gatewaySubnet = topology.virtualNetworks[hub]?.subnets.lazy.compactMap({ self.topology.subnets[$0] }).first(where: { $0.header.name.lowercased() == "gatewaysubnet" }) {
            forward(from: gatewaySubnet, source: source, to: target, port: port, protocol: flowProtocol, trace: &trace)
            return
        }
        if subnet.virtualNetwork != hub, let hubPeering = index.peeringBetween[hub]?[subnet.virtualNetwork].flatMap({ topology.peerings[$0] }) {
            trace.hops.append(ReachHop("peering", hubPeering.id, "gateway transit \(hub.name) → \(subnet.virtualNetwork.name)"))
            checkPeering(hubPeering, trace: &trace)
        }
        deliver(to: target, from: source, port: port, protocol: flowProtocol, trace: &trace)
    }
}

extension ReachabilityEngine {
    /// What-if: a multi-region Managed HSM behind a private endpoint with one regional pool down still serves
    /// through the endpoint (managed-hsm/multi-region-replication.md: requests that enter through a region's private
    /// endpoint are sent to the pool that is up); with the primary down, writes may fail.
    func noteRegionalPools(behind endpoint: PrivateEndpoint, trace: inout Trace) {
        for service in Set(endpoint.connections.compactMap(\.privateLinkServiceId)) {
            guard let down = topology.hsmRegionsDown[service], !down.isEmpty, let vault = topology.keyVaults[service] else { continue }
            let primary = vault.regions.first(where: \.isPrimary).map { Region.normalize($0.name) } ?? vault.header.location
            let up = Set(vault.regions.map { Region.normalize($0.name) }).subtracting(down)
            trace.assumptions.append("the \(down.sorted().joined(separator: ", ")) pool of Managed HSM '\(vault.header.name)' is down: requests entering through private endpoint '\(endpoint.header.name)' are served by \(up.sorted().joined(separator: ", ")) (reads and key operations)\(primary.map { down.contains($0) ? "; with the primary region \($0) down, writes may fail (managed-hsm/multi-region-replication.md)" : "" } ?? "")")
        }
    }
}
