/// A destination of the reachability matrix: something clients connect to.
public struct MatrixDestination: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case networkInterface = "NetworkInterface"
        case privateEndpoint = "PrivateEndpoint"
        /// A managed instance's VNet-local endpoint (1433, 11000-11999 with Redirect).
        case managedInstance = "ManagedInstance"
        /// A managed instance's public endpoint (3342).
        case managedInstancePublic = "ManagedInstancePublicEndpoint"
        case sqlServer = "SqlServer"
        case keyVault = "KeyVault"
        case managedHSM = "ManagedHSM"
        case storageAccount = "StorageAccount"
        /// A subnet's address space: an address of it that no NIC holds.
        case subnet = "Subnet"
        /// A service's host name, resolved from each source as its clients resolve it (private DNS zones linked to
        /// the source's VNet, or public DNS): a private endpoint, a listener, or the public endpoint.
        case hostName = "HostName"
    }

    public var kind: Kind
    public var resourceId: ResourceID
    public var name: String
    /// What `reach` is asked (for a host name: nil, resolved per source).
    public var target: ReachDestination?
    /// The host name, for `hostName`.
    public var hostName: String?
    /// The address, where the destination has one in the configuration.
    public var address: IPAddress?

    public init(kind: Kind, resourceId: ResourceID, name: String, target: ReachDestination?, hostName: String? = nil, address: IPAddress? = nil) {
        self.kind = kind
        self.resourceId = resourceId
        self.name = name
        self.target = target
        self.hostName = hostName
        self.address = address
    }

    /// A stable key (kind, resource, host name).
    public var key: String { "\(kind.rawValue)|\(resourceId.normalized)\(hostName.map { "|\($0)" } ?? "")" }

    /// Every destination of a topology, in a stable order (kind, then resource ID), and what was left out and why.
    public static func all(in topology: Topology) -> (destinations: [MatrixDestination], notes: [String]) {
        var result: [MatrixDestination] = []
        var notes: [String] = []
        for nic in topology.networkInterfaces.values.sorted(by: { $0.id < $1.id }) {
            // A private endpoint's NIC is the endpoint.
            if nic.privateEndpoint != nil { continue }
            guard let address = nic.primaryIPConfiguration?.privateIPAddress else {
                notes.append("network interface '\(nic.header.name)' has no private address in the input (allocated at deployment): left out")
                continue
            }
            result.append(MatrixDestination(kind: .networkInterface, resourceId: nic.id, name: nic.header.name, target: .networkInterface(nic.id), address: address))
        }
        for endpoint in topology.privateEndpoints.values.sorted(by: { $0.id < $1.id }) {
            guard let address = NetworkIndex.addresses(of: endpoint, in: topology).first else {
                notes.append("private endpoint '\(endpoint.header.name)' has no private address in the input (allocated at deployment): left out")
                continue
            }
            result.append(MatrixDestination(kind: .privateEndpoint, resourceId: endpoint.id, name: endpoint.header.name, target: .address(address), address: address))
        }
        for instance in topology.sqlManagedInstances.values.sorted(by: { $0.id < $1.id }) {
            result.append(MatrixDestination(kind: .managedInstance, resourceId: instance.id, name: instance.header.name, target: .managedInstanceVNetLocal(instance.id)))
            result.append(MatrixDestination(kind: .managedInstancePublic, resourceId: instance.id, name: instance.header.name, target: .managedInstancePublic(instance.id)))
        }
        for server in topology.sqlServers.values.sorted(by: { $0.id < $1.id }) {
            result.append(MatrixDestination(kind: .sqlServer, resourceId: server.id, name: server.header.name, target: .sqlServer(server.id)))
        }
        for vault in topology.keyVaults.values.sorted(by: { $0.id < $1.id }) {
            result.append(MatrixDestination(kind: vault.kind == .managedHSM ? .managedHSM : .keyVault, resourceId: vault.id, name: vault.header.name, target: .dataService(vault.id)))
        }
        for account in topology.storageAccounts.values.sorted(by: { $0.id < $1.id }) {
            result.append(MatrixDestination(kind: .storageAccount, resourceId: account.id, name: account.header.name, target: .dataService(account.id)))
        }
        for subnet in topology.subnets.values.sorted(by: { $0.id < $1.id }) {
            guard let address = subnet.representativeAddress?.address else { continue }
            result.append(MatrixDestination(kind: .subnet, resourceId: subnet.id, name: "\(subnet.virtualNetwork.name)/\(subnet.header.name)", target: .address(address), address: address))
        }
        // Host names whose answer depends on where it is asked from: services with a private endpoint (private DNS
        // zones decide), managed instances and failover group listeners.
        let directory = AzureServiceDirectory(topology: topology)
        let withEndpoints = Set(topology.privateEndpoints.values.flatMap { $0.connections.compactMap(\.privateLinkServiceId) })
            .union(topology.privateEndpointConnections.values.map(\.parent))
        for service in directory.byName.values.sorted(by: { $0.fqdn < $1.fqdn }) {
            switch service.kind {
            case .sqlServer, .keyVault, .managedHSM, .storage:
                guard withEndpoints.contains(service.resource) else { continue }
                if case .storage = service.kind, let group = service.groupID, !Self.hasEndpoint(for: service.resource, group: group, in: topology) { continue }
            case .managedInstanceLocal, .failoverGroupListener, .failoverGroupReadOnlyListener:
                break
            default:
                continue
            }
            result.append(MatrixDestination(kind: .hostName, resourceId: service.resource, name: service.fqdn, target: nil, hostName: service.fqdn))
        }
        return (result, notes)
    }

    /// Whether a private endpoint (any state) connects to this sub-resource of the resource.
    static func hasEndpoint(for resource: ResourceID, group: String, in topology: Topology) -> Bool {
        topology.privateEndpoints.values.contains { endpoint in
            endpoint.connections.contains { $0.privateLinkServiceId == resource && $0.groupIds.contains { $0.lowercased() == group } }
        }
    }
}
