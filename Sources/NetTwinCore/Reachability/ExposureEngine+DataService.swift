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
        let internet = denyByDefault ? IPAddressSet(prefixes: acls?.ipRules ?? []).intersection(SecurityEngine.publicAddresses) : SecurityEngine.publicAddresses
        if denyByDefault, let bypass = acls?.bypass, bypass.lowercased().contains("azureservices") {
            assumptions.append("networkAcls bypass '\(bypass)' lets trusted Microsoft services through whatever the rules say")
        }
        // Without a service endpoint or a rule the subnet is seen from its outbound public address: admitted only
        // when the default action is Allow.
        let (entries, unknown) = publicEndpointEntries(
            to: .dataService(id), internet: internet, tag: (vault != nil ? "AzureKeyVault" : "Storage", vault?.header.location ?? account?.header.location),
            port: port, protocol: flowProtocol, internetOnly: internetOnly
        ) { subnet in
            !denyByDefault || subnet.serviceEndpoints.contains { $0.service.lowercased() == service } || (acls?.virtualNetworkRules.contains(subnet.id) ?? false)
        }
        if unknown > 0 {
            assumptions.append("\(unknown) subnet(s) without a \(vault != nil ? "Microsoft.KeyVault" : "Microsoft.Storage") service endpoint reach '\(name)' from their outbound public address, which the configuration does not give: not counted")
        }
        return Result(destinationAddress: nil, port: port, entries: entries.filter { !$0.allowed.isEmpty }, assumptions: assumptions)
    }
}
