/// The public endpoints of Key Vault, Managed HSM and storage accounts and their `networkAcls`
/// (key-vault/general/network-security.md, storage/common/storage-network-security.md,
/// key-vault/managed-hsm/network-security.md).
extension ReachabilityEngine {
    func toDataService(_ id: ResourceID, from source: ReachSource, port: UInt16, protocol flowProtocol: ProtocolSet, trace: inout Trace) {
        if checkDown(id, "service", trace: &trace) { return }
        if let server = topology.flexibleServers[id] {
            toFlexibleServer(server, from: source, port: port, protocol: flowProtocol, trace: &trace)
            return
        }
        let vault = topology.keyVaults[id]
        let account = topology.storageAccounts[id]
        guard vault != nil || account != nil else {
            trace.blockers.append(ReachBlocker(.destinationNotFound, id, "'\(id.name)' is not a key vault, managed HSM or storage account in the input", fix: "export the resource"))
            return
        }
        let name = vault?.header.name ?? account!.header.name
        let region = vault?.header.location ?? account?.header.location
        let acls = vault?.networkAcls ?? account?.networkAcls
        let publicAccess = vault?.publicNetworkAccess ?? account?.publicNetworkAccess
        let service = vault != nil ? "Microsoft.KeyVault" : "Microsoft.Storage"
        if port != 443 {
            trace.blockers.append(ReachBlocker(.portNotServed, id, "'\(name)' serves HTTPS on 443, not \(port)", fix: "connect to port 443"))
        }
        if publicAccess?.lowercased() == "disabled" {
            trace.blockers.append(ReachBlocker(.publicNetworkAccessDisabled, id, "public network access of '\(name)' is disabled: only private endpoints connect", fix: "connect through a private endpoint with its private DNS zone linked to the client's VNet"))
            return
        }
        let denyByDefault = acls?.defaultAction?.lowercased() == "deny"
        switch source {
        case .internet(let address), .onPremises(let address):
            trace.sourceAddress = address
            trace.hops.append(ReachHop("source", nil, "\(address)"))
            trace.hops.append(ReachHop("internet", nil, "to the public endpoint of '\(name)'"))
            if case .onPremises = source { trace.assumptions.append("on-premises clients reach the public endpoint from their own Internet egress address; \(address) stands for it") }
            guard denyByDefault else {
                trace.hops.append(ReachHop("serviceFirewall", id, "networkAcls defaultAction Allow (or none): every address is admitted"))
                return
            }
            if let rule = acls?.ipRules.first(where: { $0.contains(address) }) {
                trace.hops.append(ReachHop("serviceFirewall", id, "allowed by IP rule \(rule)"))
            } else {
                trace.blockers.append(ReachBlocker(.serviceFirewall, id, "networkAcls of '\(name)' deny by default and no IP rule admits \(address)", fix: "add an IP rule for the client's range, or use a private endpoint"))
            }
        default:
            guard let (nic, subnet) = sourceNIC(source, trace: &trace), let address = trace.sourceAddress else { return }
            let base = vault != nil ? "AzureKeyVault" : "Storage"
            let tagAddress = serviceTagAddress(base, region: region)
            if let tagAddress {
                nsg(.outbound, nic: nic, local: address, localPort: Self.sourcePort, remote: tagAddress, remotePort: port, protocol: flowProtocol, trace: &trace)
            }
            let endpoint = subnet.serviceEndpoints.first { $0.service.lowercased() == service.lowercased() }
            guard denyByDefault else {
                trace.hops.append(ReachHop("serviceFirewall", id, "networkAcls defaultAction Allow (or none): every address is admitted"))
                return
            }
            if endpoint != nil {
                trace.hops.append(ReachHop("serviceEndpoint", subnet.id, "service endpoint \(service): '\(name)' sees \(address) from subnet \(subnet.virtualNetwork.name)/\(subnet.header.name)"))
                trace.sourceSeen = "\(address) (a private address of subnet \(subnet.virtualNetwork.name)/\(subnet.header.name), over the \(service) service endpoint: virtual network rules apply, IP rules do not)"
                if acls?.virtualNetworkRules.contains(subnet.id) == true {
                    trace.hops.append(ReachHop("serviceFirewall", id, "allowed by a virtual network rule for the subnet"))
                } else {
                    trace.blockers.append(ReachBlocker(.missingVirtualNetworkRule, id, "networkAcls of '\(name)' have no virtual network rule for subnet \(subnet.virtualNetwork.name)/\(subnet.header.name)", fix: "add the subnet to the resource's virtual network rules"))
                }
                return
            }
            if acls?.virtualNetworkRules.contains(subnet.id) == true {
                trace.blockers.append(ReachBlocker(.missingServiceEndpoint, subnet.id, "'\(name)' has a virtual network rule for subnet \(subnet.header.name), which has no \(service) service endpoint", fix: "enable the \(service) service endpoint on the subnet"))
                return
            }
            let vnetRegion = topology.virtualNetworks[subnet.virtualNetwork]?.header.location
            if account != nil, let region, let vnetRegion, Region.normalize(region) == Region.normalize(vnetRegion) {
                // storage-network-security-limitations.md: "IP network rules have no effect on requests that originate
                // from the same Azure region as the storage account. Use Virtual network rules to allow same-region requests."
                trace.sourceSeen = "a private Azure address (a request from the account's own region, \(region))"
                trace.blockers.append(ReachBlocker(.serviceFirewall, id, "networkAcls of '\(name)' deny by default, and IP network rules have no effect on requests from the account's own region (\(region)): the request comes from a private Azure address", fix: "enable the Microsoft.Storage service endpoint on the subnet with a virtual network rule, or use a private endpoint"))
                return
            }
            guard let identity = egress(nic: nic, subnet: subnet, toward: tagAddress, service: name, trace: &trace) else { return }
            if let seen = identity.address {
                if let rule = acls?.ipRules.first(where: { $0.contains(seen) }) {
                    trace.hops.append(ReachHop("serviceFirewall", id, "allowed by IP rule \(rule) ('\(name)' sees \(seen))"))
                } else {
                    trace.blockers.append(ReachBlocker(.serviceFirewall, id, "networkAcls of '\(name)' deny by default and no IP rule admits \(seen), the address it sees (\(identity.description))", fix: "add an IP rule for \(seen), enable the \(service) service endpoint with a virtual network rule, or use a private endpoint"))
                }
            } else {
                trace.assumptions.append("without a service endpoint '\(name)' sees \(identity.description); whether an IP rule admits it cannot be told")
                trace.unknown = true
            }
        }
    }
}
