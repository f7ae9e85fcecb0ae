/// The service side of Azure SQL Database's public endpoint: `publicNetworkAccess`, server firewall
/// rules, virtual network rules with service endpoints (firewall-configure.md,
/// vnet-service-endpoint-rule-overview.md, connectivity-settings.md).
extension ReachabilityEngine {
    func toSqlServer(_ id: ResourceID, from source: ReachSource, port: UInt16, protocol flowProtocol: ProtocolSet, trace: inout Trace) {
        if checkDown(id, "service", trace: &trace) { return }
        guard let server = topology.sqlServers[id] else {
            trace.blockers.append(ReachBlocker(.destinationNotFound, id, "SQL server '\(id.name)' is not in the input", fix: "export the server"))
            return
        }
        let name = server.fullyQualifiedDomainName ?? "\(server.header.name).database.windows.net"
        if port != Self.tdsPort && !Self.redirectPorts.contains(port) {
            trace.blockers.append(ReachBlocker(.portNotServed, id, "the SQL Database gateway serves TCP 1433 (and 11000-11999 with Redirect), not \(port)", fix: "connect to port 1433"))
        }
        // connectivity-settings.md: with public network access disabled only private endpoints connect (error 47073).
        if server.publicNetworkAccess?.lowercased() == "disabled" {
            trace.blockers.append(ReachBlocker(.publicNetworkAccessDisabled, id, "public network access of '\(server.header.name)' is disabled: only private endpoints can connect (error 47073)", fix: "connect through a private endpoint and a private DNS zone linked to the client's VNet, or enable public network access"))
        }
        switch source {
        case .internet(let address):
            trace.sourceAddress = address
            trace.hops.append(ReachHop("source", nil, "Internet address \(address)"))
            trace.hops.append(ReachHop("internet", nil, "Internet → \(name) (public endpoint)"))
            firewall(server, client: address, trace: &trace)
        case .onPremises(let address):
            trace.sourceAddress = address
            trace.hops.append(ReachHop("source", nil, "on-premises address \(address)"))
            trace.assumptions.append("on-premises clients reach the public endpoint through their own Internet egress, whose public address the configuration does not give; service endpoints do not apply to on-premises traffic")
            trace.unknown = true
        default:
            guard let (nic, subnet) = sourceNIC(source, trace: &trace), let address = trace.sourceAddress else { return }
            let vnetRegion = topology.virtualNetworks[subnet.virtualNetwork]?.header.location
            let serverRegion = server.header.location
            let tagAddress = serviceTagAddress("Sql", region: serverRegion)
            if let tagAddress {
                nsg(.outbound, nic: nic, local: address, localPort: Self.sourcePort, remote: tagAddress, remotePort: port, protocol: flowProtocol, trace: &trace)
            } else {
                trace.assumptions.append("no Sql service tag data for \(serverRegion ?? "the server's region"): the outbound NSG is not evaluated")
            }
            let endpoint = subnet.serviceEndpoints.first { $0.service.lowercased() == "microsoft.sql" }
            let rule = server.virtualNetworkRules.first { $0.subnet == subnet.id }
            if let endpoint {
                // "a service endpoint applies only to Azure service traffic within a virtual network's region".
                let regions = endpoint.locations.isEmpty ? [vnetRegion].compactMap { $0 } : endpoint.locations
                if let serverRegion, let vnetRegion, serverRegion != vnetRegion || !(regions.contains(serverRegion) || regions.contains("*")) {
                    trace.blockers.append(ReachBlocker(.serviceEndpointOtherRegion, subnet.id, "the Microsoft.Sql service endpoint of subnet \(subnet.header.name) (\(vnetRegion)) does not apply to a server in \(serverRegion)", fix: "use a private endpoint for a server in another region"))
                    return
                }
                trace.hops.append(ReachHop("serviceEndpoint", subnet.id, "service endpoint Microsoft.Sql: the server sees \(address) from subnet \(subnet.virtualNetwork.name)/\(subnet.header.name)"))
                trace.sourceSeen = "\(address) (a private address of subnet \(subnet.virtualNetwork.name)/\(subnet.header.name), over the Microsoft.Sql service endpoint: virtual network rules apply, IP rules do not)"
                if let rule {
                    trace.hops.append(ReachHop("serviceFirewall", server.id, "allowed by virtual network rule '\(rule.name)'"))
                } else {
                    trace.blockers.append(ReachBlocker(.missingVirtualNetworkRule, server.id, "'\(server.header.name)' has no virtual network rule for subnet \(subnet.virtualNetwork.name)/\(subnet.header.name); with the service endpoint the server no longer sees the client's public address, so IP firewall rules do not match", fix: "add a virtual network rule for the subnet on the server"))
                }
                return
            }
            if rule != nil {
                trace.blockers.append(ReachBlocker(.missingServiceEndpoint, subnet.id, "'\(server.header.name)' has a virtual network rule for subnet \(subnet.header.name), but the subnet has no Microsoft.Sql service endpoint", fix: "enable the Microsoft.Sql service endpoint on the subnet"))
                return
            }
            trace.hops.append(ReachHop("internet", nil, "no service endpoint: to \(name) from the VNet's outbound public address"))
            guard let identity = egress(nic: nic, subnet: subnet, toward: tagAddress, service: server.header.name, trace: &trace) else { return }
            // The server's IP firewall rules are evaluated on the address it sees (firewall-configure.md).
            if let seen = identity.address, case .v4(let v4) = seen, let rule = server.firewallRules.first(where: { $0.admits(v4) }) {
                trace.hops.append(ReachHop("serviceFirewall", server.id, "allowed by server firewall rule '\(rule.name)' (the server sees \(seen))"))
            } else if server.firewallRules.contains(where: \.isAllowAzureServices) {
                trace.hops.append(ReachHop("serviceFirewall", server.id, "allowed by 'Allow Azure services' (AllowAllWindowsAzureIps): any client inside Azure"))
            } else if let seen = identity.address {
                trace.blockers.append(ReachBlocker(.serviceFirewall, server.id, "no server firewall rule of '\(server.header.name)' admits \(seen), the address it sees (\(identity.description))", fix: "add a server firewall rule for \(seen), or enable the Microsoft.Sql service endpoint with a virtual network rule, or use a private endpoint"))
            } else {
                trace.assumptions.append("the server sees \(identity.description): whether a server firewall rule admits it cannot be told")
                trace.unknown = true
            }
        }
    }

    /// firewall-configure.md: server-level IP rules (database-level rules are set by T-SQL and not in the configuration).
    func firewall(_ server: SqlServer, client: IPAddress, trace: inout Trace) {
        guard case .v4(let v4) = client else { return }
        if let rule = server.firewallRules.first(where: { $0.admits(v4) }) {
            trace.hops.append(ReachHop("serviceFirewall", server.id, "allowed by server firewall rule '\(rule.name)'"))
            return
        }
        trace.blockers.append(ReachBlocker(.serviceFirewall, server.id, "no server firewall rule of '\(server.header.name)' admits \(client)\(server.firewallRules.contains(where: \.isAllowAzureServices) ? " ('Allow Azure services' admits Azure addresses only, not the Internet)" : "")", fix: "add a server firewall rule for the client's address range, or connect through a private endpoint"))
        trace.assumptions.append("database-level firewall rules (set with T-SQL) are not in the configuration")
    }

    func serviceTagAddress(_ base: String, region: String?) -> IPAddress? {
        let tags = verifier.security.serviceTags
        let tag = region.flatMap { tags.regionalTag(base, region: $0) } ?? tags.tag(named: base)
        return tag?.prefixes.first(where: \.isIPv4).map(\.network)
    }
}
