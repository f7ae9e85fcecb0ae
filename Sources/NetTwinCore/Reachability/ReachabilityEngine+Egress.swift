/// The address a service's public endpoint sees for a client in a VNet that has no service endpoint for it: where the
/// traffic leaves Azure's network.
///
/// - nat-overview.md: "NAT Gateway takes precedence over other outbound scenarios (including Load balancer and
///   instance-level public IP addresses)"; the subnet's outbound traffic leaves from the NAT gateway's public addresses.
/// - load-balancer-outbound-connections.md: a VM with an instance-level public IP leaves from that address.
/// - default-outbound-access.md: without any of these, Azure gives a default outbound address the customer does not
///   own; a subnet with `defaultOutboundAccess: false` (a private subnet) has no outbound access at all.
/// - A user route sending the traffic to an Azure Firewall makes it leave from the firewall's public address (SNAT).
/// - storage-network-security-limitations.md: "IP network rules have no effect on requests that originate from the same
///   Azure region as the storage account" (such requests come from private Azure addresses).
public struct OutboundIdentity: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case natGateway(ResourceID)
        case instancePublicIP(ResourceID)
        case firewall(ResourceID)
        case defaultOutbound
        /// A private subnet without NAT gateway, public IP or firewall: no outbound access.
        case noOutbound
        /// Forced tunnelling or an appliance NetTwin cannot see through: the egress address is elsewhere.
        case elsewhere(String)
    }
    public var kind: Kind
    /// The public address, when the configuration gives it.
    public var address: IPAddress?
    /// What a reader is told: `20.1.2.3 (NAT gateway 'ng-app')`.
    public var description: String
}

extension ReachabilityEngine {
    /// Where traffic from `nic` in `subnet` towards a public `destination` leaves Azure, and from which address.
    public func outboundIdentity(nic: NetworkInterface?, subnet: Subnet, toward destination: IPAddress?) -> OutboundIdentity {
        func publicAddress(_ id: ResourceID?) -> IPAddress? { id.flatMap { topology.publicIPAddresses[$0]?.ipAddress } }
        func shown(_ address: IPAddress?, _ what: String) -> String { "\(address?.description ?? "an address the configuration does not give") (\(what))" }
        if let destination, let table = verifier.routeTable(subnet: subnet.id), let (_, route) = table.route(to: destination) {
            switch route.nextHopType {
            case .virtualAppliance:
                let hop = route.nextHopIpAddresses.first
                if let firewall = topology.azureFirewalls.values.sorted(by: { $0.id < $1.id }).first(where: { $0.privateIPAddress != nil && $0.privateIPAddress == hop }) {
                    let address = firewall.publicIPAddresses.lazy.compactMap(publicAddress).first
                    return OutboundIdentity(kind: .firewall(firewall.id), address: address, description: shown(address, "SNAT by Azure Firewall '\(firewall.header.name)'"))
                }
                return OutboundIdentity(kind: .elsewhere("appliance"), address: nil, description: "the address virtual appliance \(hop?.description ?? "?") sends from (not in the configuration)")
            case .virtualNetworkGateway:
                return OutboundIdentity(kind: .elsewhere("gateway"), address: nil, description: "the on-premises egress address (a route sends the traffic to the virtual network gateway)")
            case .none:
                return OutboundIdentity(kind: .noOutbound, address: nil, description: "no address: the effective route to \(destination) drops the traffic (next hop None)")
            default:
                break
            }
        }
        if let id = subnet.natGateway {
            let gateway = topology.natGateways[id]
            let address = gateway?.publicIPAddresses.lazy.compactMap(publicAddress).first
            return OutboundIdentity(kind: .natGateway(id), address: address, description: shown(address, "NAT gateway '\(id.name)'"))
        }
        if let nic, let configuration = nic.ipConfigurations.first(where: { $0.publicIPAddress != nil }), let pip = configuration.publicIPAddress {
            let address = publicAddress(pip)
            return OutboundIdentity(kind: .instancePublicIP(pip), address: address, description: shown(address, "public IP '\(pip.name)' of network interface '\(nic.header.name)'"))
        }
        if subnet.defaultOutboundAccess == false {
            return OutboundIdentity(kind: .noOutbound, address: nil, description: "no address: subnet '\(subnet.virtualNetwork.name)/\(subnet.header.name)' is private (defaultOutboundAccess false) and has no NAT gateway or public IP")
        }
        return OutboundIdentity(kind: .defaultOutbound, address: nil, description: "Azure's default outbound address (not owned by the customer, not in the configuration)")
    }

    /// Adds the egress hop and what the service sees; false when the traffic has no way out (a blocker is added).
    func egress(nic: NetworkInterface?, subnet: Subnet, toward destination: IPAddress?, service: String, trace: inout Trace) -> OutboundIdentity? {
        let identity = outboundIdentity(nic: nic, subnet: subnet, toward: destination)
        trace.sourceSeen = identity.description
        if case .noOutbound = identity.kind {
            trace.blockers.append(ReachBlocker(.noOutboundAccess, subnet.id, "traffic to the public endpoint of '\(service)' has no way out: \(identity.description)", fix: "attach a NAT gateway to the subnet, give the source a public IP, enable a service endpoint, or use a private endpoint"))
            return nil
        }
        switch identity.kind {
        case .firewall(let id): trace.hops.append(ReachHop("snat", id, "leaves Azure as \(identity.description)"))
        case .natGateway(let id): trace.hops.append(ReachHop("egress", id, "leaves Azure as \(identity.description)"))
        default: trace.hops.append(ReachHop("egress", nil, "leaves Azure as \(identity.description)"))
        }
        if let address = identity.address { trace.translatedSource = address }
        return identity
    }
}
