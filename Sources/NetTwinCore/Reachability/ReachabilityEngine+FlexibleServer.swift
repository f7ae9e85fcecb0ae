/// The public endpoint of PostgreSQL and MySQL flexible servers (and the retired single servers): public network
/// access and firewall rules (postgresql/flexible-server/concepts-networking-public.md, concepts-firewall-rules.md;
/// mysql/flexible-server/concepts-networking-public.md). A VNet-integrated server has no public endpoint; it is reached
/// at an address of its delegated subnet (the destination parser gives that address).
extension ReachabilityEngine {
    func toFlexibleServer(_ server: FlexibleServer, from source: ReachSource, port: UInt16, protocol flowProtocol: ProtocolSet, trace: inout Trace) {
        let name = server.header.name
        let id = server.id
        if port != server.engine.port {
            trace.blockers.append(ReachBlocker(.portNotServed, id, "'\(name)' (\(server.engine.rawValue)) listens on TCP \(server.engine.port), not \(port)", fix: "connect to port \(server.engine.port)"))
        }
        if server.delegatedSubnet != nil {
            trace.blockers.append(ReachBlocker(.publicEndpointDisabled, id, "'\(name)' is integrated into a virtual network (private access): it has no public endpoint", fix: "reach it from the virtual network (or a peered one) at its private address"))
            return
        }
        if server.publicNetworkAccess?.lowercased() == "disabled" {
            trace.blockers.append(ReachBlocker(.publicNetworkAccessDisabled, id, "public network access of '\(name)' is disabled: only private endpoints connect", fix: "connect through a private endpoint with its private DNS zone linked to the client's VNet, or enable public access with a firewall rule"))
            return
        }
        func admit(_ client: IPAddress, seenAs described: String) {
            guard case .v4(let v4) = client else {
                trace.blockers.append(ReachBlocker(.serviceFirewall, id, "the firewall rules of '\(name)' admit IPv4 ranges only", fix: "connect over IPv4"))
                return
            }
            if let rule = server.firewallRules.first(where: { $0.admits(v4) }) {
                trace.hops.append(ReachHop("serviceFirewall", id, "allowed by firewall rule '\(rule.name)'\(described)"))
            } else {
                trace.blockers.append(ReachBlocker(.serviceFirewall, id, "no firewall rule of '\(name)' admits \(client)\(described)\(server.firewallRules.contains(where: \.isAllowAzureServices) ? " (the 0.0.0.0 rule admits Azure addresses only, not the Internet)" : "")", fix: "add a firewall rule for the client's address range, or connect through a private endpoint"))
            }
        }
        switch source {
        case .internet(let address):
            trace.sourceAddress = address
            trace.hops.append(ReachHop("source", nil, "Internet address \(address)"))
            trace.hops.append(ReachHop("internet", nil, "Internet → public endpoint of \(server.engine.rawValue) server '\(name)'"))
            admit(address, seenAs: "")
        case .onPremises(let address):
            trace.sourceAddress = address
            trace.hops.append(ReachHop("source", nil, "on-premises address \(address)"))
            trace.assumptions.append("on-premises clients reach the public endpoint through their own Internet egress, whose public address the configuration does not give")
            trace.unknown = true
        default:
            guard let (nic, subnet) = sourceNIC(source, trace: &trace), trace.sourceAddress != nil else { return }
            trace.hops.append(ReachHop("internet", nil, "to the public endpoint of '\(name)' from the VNet's outbound public address (flexible servers take no service endpoints)"))
            trace.assumptions.append("the outbound NSG is not evaluated toward the server: its public address is not in the configuration")
            guard let identity = egress(nic: nic, subnet: subnet, toward: nil, service: name, trace: &trace) else { return }
            if let seen = identity.address {
                admit(seen, seenAs: " ('\(name)' sees \(seen))")
            } else if server.firewallRules.contains(where: \.isAllowAzureServices) {
                trace.hops.append(ReachHop("serviceFirewall", id, "allowed by the 0.0.0.0 rule ('Allow public access from any Azure service'): any client inside Azure"))
            } else {
                trace.assumptions.append("'\(name)' sees \(identity.description); whether a firewall rule admits it cannot be told")
                trace.unknown = true
            }
        }
    }
}
