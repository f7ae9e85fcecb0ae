/// The exposure of a Key Vault's, Managed HSM's or storage account's public endpoint, by the rules `reach`
/// applies (ReachabilityEngine+DataService.swift): public network access, `networkAcls` (default action, IP
/// rules, virtual network rules with the service endpoint), after the subnets' outbound NSGs towards the
/// service tag (key-vault/general/network-security.md, storage/common/storage-network-security.md).
extension ExposureEngine {
    func dataServiceExposure(_ id: ResourceID, port: UInt16, protocol flowProtocol: ProtocolSet, internetOnly: Bool) -> Result {
        var assumptions = modelAssumptions
        let vault = topology.keyVaults[id]
        let account = topology.storageAccounts[id]
        guard vault != nil || account != nil else {
            return Result(destinationAddress: nil, port: port, entries: [], assumptions: ["'\(id.name)' is not a key vault, managed HSM or storage account in the input"])
        }
        let name = vault?.header.name ?? account!.header.name
        let acls = vault?.networkAcls ?? account?.networkAcls
        let publicAccess = vault?.publicNetworkAccess ?? account?.publicNetworkAccess
        if publicAccess?.lowercased() == "disabled" || port != 443 {
            assumptions.append(port == 443
                ? "public network access of '\(name)' is disabled: only its private endpoints connect (ask with --endpoint private)"
                : "'\(name)' serves HTTPS on 443, not \(port)")
            return Result(destinationAddress: nil, port: port, entries: [], assumptions: assumptions)
        }
        let denyByDefault = acls?.defaultAction?.lowercased() == "deny"
        let service = vault != nil ? "microsoft.keyvault" : "microsoft.storage"
        var entries: [Entry] = []
        let publicSpace = IPAddressSet.all.subtracting(SecurityEngine.nonInternet)
        let internet = denyByDefault ? IPAddressSet(prefixes: acls?.ipRules ?? []).intersection(publicSpace) : publicSpace
        if let first = internet.prefixes.first {
            let path = reach.reach(from: .internet(first.network), to: .dataService(id), port: port, protocol: flowProtocol)
            entries.append(Entry(kind: .internet, location: nil, name: "Internet", allowed: internet, path: path))
        }
        if denyByDefault, let bypass = acls?.bypass, bypass.lowercased().contains("azureservices") {
            assumptions.append("networkAcls bypass '\(bypass)' lets trusted Microsoft services through whatever the rules say")
        }
        if !internetOnly {
            var unknown = 0
            for subnet in topology.subnets.values.sorted(by: { $0.id < $1.id }) {
                guard let first = subnet.addressPrefixes.first(where: \.isIPv4), case .v4(let network) = first.network else { continue }
                let endpoint = subnet.serviceEndpoints.contains { $0.service.lowercased() == service }
                let rule = acls?.virtualNetworkRules.contains(subnet.id) ?? false
                // Without a service endpoint or a rule the subnet is seen from its outbound public address: admitted
                // only when the default action is Allow.
                if denyByDefault && !endpoint && !rule {
                    unknown += 1
                    continue
                }
                let path = reach.reach(from: .subnetAddress(subnet.id, .v4(IPv4Address(network.value + 4))), to: .dataService(id), port: port, protocol: flowProtocol)
                guard locationOpen(path) else { continue }
                var allowed = IPAddressSet(prefixes: subnet.addressPrefixes)
                if let tagAddress = reach.serviceTagAddress(vault != nil ? "AzureKeyVault" : "Storage", region: vault?.header.location ?? account?.header.location) {
                    allowed = allowed.intersection(outboundAllowed(from: subnet, to: tagAddress, port: port, protocol: flowProtocol))
                }
                entries.append(Entry(kind: .subnet, location: subnet.id, name: "\(subnet.virtualNetwork.name)/\(subnet.header.name)", allowed: allowed, path: path))
            }
            if unknown > 0 {
                assumptions.append("\(unknown) subnet(s) without a \(vault != nil ? "Microsoft.KeyVault" : "Microsoft.Storage") service endpoint reach '\(name)' from their outbound public address, which the configuration does not give: not counted")
            }
        }
        return Result(destinationAddress: nil, port: port, entries: entries.filter { !$0.allowed.isEmpty }, assumptions: assumptions)
    }
}
