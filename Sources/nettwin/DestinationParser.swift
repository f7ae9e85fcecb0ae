import NetTwinCore

/// A resource, address or private endpoint named on the command line, as `reach` and `exposure` take it.
struct DestinationParser {
    let topology: Topology
    let endpoint: Reach.Endpoint?

    /// The destination; nil for a DNS name (resolved from the source's VNet by `reach`).
    func parse(_ text: String, source: ReachSource?) throws -> ReachDestination? {
        if let address = IPAddress(text) { return .address(address) }
        if let endpointID = uniquelyNamed(text, in: topology.privateEndpoints.values.map(\.header)) {
            return try privateEndpointAddress(endpoints: [endpointID], of: text)
        }
        if endpoint == .private {
            let resources = topology.sqlManagedInstances.values.map(\.header) + topology.sqlServers.values.map(\.header)
                + topology.keyVaults.values.map(\.header) + topology.storageAccounts.values.map(\.header) + topology.webSites.values.map(\.header)
            guard let resource = uniquelyNamed(text, in: resources) else {
                printError("error: --endpoint private needs a SQL server or managed instance, a vault, a managed HSM, a storage account or an app in the input; '\(text)' is none")
                throw ExitStatus.badInput
            }
            // Approved endpoints first, then the one in the source's VNet, then one in its region.
            let sourceSubnet = source.flatMap(subnet(of:))
            func rank(_ endpoint: PrivateEndpoint) -> Int {
                let subnet = endpoint.subnet.flatMap { topology.subnets[$0] }
                return (endpoint.connections.contains { $0.state.status == .approved } ? 0 : 4)
                    + (subnet?.virtualNetwork == sourceSubnet?.virtualNetwork ? 0 : 2)
                    + (endpoint.header.location == sourceSubnet.flatMap { topology.virtualNetworks[$0.virtualNetwork]?.header.location } ? 0 : 1)
            }
            let endpoints = topology.privateEndpoints.values.filter { $0.connections.contains { $0.privateLinkServiceId == resource } }
                .sorted { (rank($0), $0.id) < (rank($1), $1.id) }
            return try privateEndpointAddress(endpoints: endpoints.map(\.id), of: text)
        }
        if let instance = uniquelyNamed(text, in: topology.sqlManagedInstances.values.map(\.header)) {
            return endpoint == .public ? .managedInstancePublic(instance) : .managedInstanceVNetLocal(instance)
        }
        if let server = uniquelyNamed(text, in: topology.sqlServers.values.map(\.header)) { return .sqlServer(server) }
        if let store = uniquelyNamed(text, in: topology.keyVaults.values.map(\.header) + topology.storageAccounts.values.map(\.header)) { return .dataService(store) }
        if let id = uniquelyNamed(text, in: topology.flexibleServers.values.map(\.header)), let server = topology.flexibleServers[id] {
            // A VNet-integrated server is reached at an address of its delegated subnet (its own address is assigned at
            // deployment; the subnet's NSG and routes are what decide); otherwise at its public endpoint.
            if let subnet = server.delegatedSubnet.flatMap({ topology.subnets[$0] }), let address = subnet.representativeAddress?.address, endpoint != .public {
                printError("note: '\(text)' is VNet-integrated; \(address), an address of its delegated subnet \(subnet.virtualNetwork.name)/\(subnet.header.name), stands for it")
                return .address(address)
            }
            return .dataService(id)
        }
        if let vm = uniquelyNamed(text, in: topology.virtualMachines.values.map(\.header)), let nic = topology.virtualMachines[vm]?.networkInterfaces.first { return .networkInterface(nic) }
        if let nic = uniquelyNamed(text, in: topology.networkInterfaces.values.map(\.header)) { return .networkInterface(nic) }
        if topology.networkInterfaces.values.filter({ $0.header.name.lowercased() == text.lowercased() }).count > 1 {
            // An ambiguous NIC name: the lookup's error lists the candidates.
            return .networkInterface(try lookup { () throws(LookupError) in try topology.networkInterface(named: text) }.id)
        }
        guard text.contains(".") else {
            printError("error: '\(text)' is not an IP, a DNS name, a NIC, a VM, a private endpoint, a managed instance, a SQL server, a PostgreSQL or MySQL server, a vault or a storage account in the input")
            throw ExitStatus.badInput
        }
        return nil
    }

    func subnet(of source: ReachSource) -> Subnet? {
        switch source {
        case .networkInterface(let id): topology.networkInterfaces[id]?.primaryIPConfiguration?.subnet.flatMap { topology.subnets[$0] }
        case .subnet(let id), .subnetAddress(let id, _): topology.subnets[id]
        case .webSite(let id): topology.webSites[id]?.virtualNetworkSubnet.flatMap { topology.subnets[$0] }
        case .internet, .onPremises: nil
        }
    }

    /// The address of the first private endpoint (in the order given) that has one in the input.
    func privateEndpointAddress(endpoints: [ResourceID], of name: String) throws -> ReachDestination {
        for id in endpoints {
            guard let endpoint = topology.privateEndpoints[id], let address = NetworkIndex.addresses(of: endpoint, in: topology).first else { continue }
            return .address(address)
        }
        printError(endpoints.isEmpty
            ? "error: '\(name)' has no private endpoint in the input"
            : "error: the private endpoint\(endpoints.count == 1 ? "" : "s") of '\(name)' (\(endpoints.map(\.name).joined(separator: ", "))) \(endpoints.count == 1 ? "has" : "have") no private IP in the input (allocated at deployment); give the address instead")
        throw ExitStatus.badInput
    }
}

/// The one resource with this name (or ID); nil when none or several have it.
func uniquelyNamed(_ text: String, in headers: [ResourceHeader]) -> ResourceID? {
    let matches = headers.filter { $0.name.lowercased() == text.lowercased() || $0.id == ResourceID(text) }
    return matches.count == 1 ? matches[0].id : nil
}
