/// The typed model of everything that was loaded, keyed by normalized resource ID.
///
/// Built once by `TopologyBuilder`, then only read. Child resources (subnets, peerings, private
/// endpoint connections) are stored in their own maps and referenced by ID from their parents.
public struct Topology: Sendable {
    public var virtualNetworks: [ResourceID: VirtualNetwork] = [:]
    public var subnets: [ResourceID: Subnet] = [:]
    public var peerings: [ResourceID: VirtualNetworkPeering] = [:]
    public var networkSecurityGroups: [ResourceID: NetworkSecurityGroup] = [:]
    public var applicationSecurityGroups: [ResourceID: ApplicationSecurityGroup] = [:]
    public var routeTables: [ResourceID: RouteTable] = [:]
    public var networkInterfaces: [ResourceID: NetworkInterface] = [:]
    public var publicIPAddresses: [ResourceID: PublicIPAddress] = [:]
    public var virtualMachines: [ResourceID: VirtualMachine] = [:]
    public var virtualNetworkGateways: [ResourceID: VirtualNetworkGateway] = [:]
    public var localNetworkGateways: [ResourceID: LocalNetworkGateway] = [:]
    public var connections: [ResourceID: VirtualNetworkGatewayConnection] = [:]
    public var privateEndpoints: [ResourceID: PrivateEndpoint] = [:]
    public var privateEndpointConnections: [ResourceID: PrivateEndpointConnection] = [:]
    public var privateDnsZones: [ResourceID: PrivateDnsZone] = [:]
    public var sqlManagedInstances: [ResourceID: SqlManagedInstance] = [:]
    public var sqlServers: [ResourceID: SqlServer] = [:]
    public var instanceFailoverGroups: [ResourceID: InstanceFailoverGroup] = [:]
    /// Key Vaults and Managed HSMs (`KeyVault.kind` tells which).
    public var keyVaults: [ResourceID: KeyVault] = [:]
    public var storageAccounts: [ResourceID: StorageAccount] = [:]
    /// PostgreSQL and MySQL flexible servers.
    public var flexibleServers: [ResourceID: FlexibleServer] = [:]
    public var webSites: [ResourceID: WebSite] = [:]
    public var trafficManagerProfiles: [ResourceID: TrafficManagerProfile] = [:]
    public var azureFirewalls: [ResourceID: AzureFirewall] = [:]
    public var firewallPolicies: [ResourceID: FirewallPolicy] = [:]
    public var ipGroups: [ResourceID: IPGroup] = [:]
    public var dnsResolverInboundEndpoints: [ResourceID: DnsResolverInboundEndpoint] = [:]
    public var natGateways: [ResourceID: NatGateway] = [:]

    /// What-if (`Scenario`): resources that are down, with why (a region, a zone, the resource itself).
    public var failed: [ResourceID: String] = [:]
    /// Reference data Azure publishes that the questions use (Traffic Manager's geographic hierarchy and region
    /// latencies), set by the loader; not part of the configuration.
    public var trafficManagerData: TrafficManagerData = .empty
    /// The private endpoint DNS zones of the cloud the configuration lives in (set by the loader; `--cloud`).
    public var privateLinkZones: PrivateLinkZoneCatalog = .commercial
    /// What-if: one sentence per operation of the scenario the answer is for (empty without one).
    public var scenarioNotes: [String] = []
    /// What-if: the regional pools of multi-region Managed HSMs that are down.
    public var hsmRegionsDown: [ResourceID: Set<String>] = [:]

    /// Why a resource is down in this scenario, or nil when it is up.
    public func down(_ id: ResourceID?) -> String? {
        guard let id, !failed.isEmpty else { return nil }
        return failed[id]
    }

    /// Resources of types NetTwin does not model: counted and listed.
    public var unmodelled: [UnmodelledResource] = []
    /// References to resources that are not in the input.
    public var externalReferences: [ExternalReference] = []
    public var diagnostics: [Diagnostic] = []
    /// One entry per resource document read, for counting: (type as Azure spells it, region).
    public var inventory: [InventoryEntry] = []

    public init() {}

    public struct InventoryEntry: Hashable, Sendable {
        public var type: String
        public var location: String?
        public var modelled: Bool
    }

    /// Whether a resource with this ID is in the model (any kind).
    public func contains(_ id: ResourceID) -> Bool {
        virtualNetworks[id] != nil || subnets[id] != nil || peerings[id] != nil || networkSecurityGroups[id] != nil
            || applicationSecurityGroups[id] != nil || routeTables[id] != nil || networkInterfaces[id] != nil
            || publicIPAddresses[id] != nil || virtualMachines[id] != nil || virtualNetworkGateways[id] != nil
            || localNetworkGateways[id] != nil || connections[id] != nil || privateEndpoints[id] != nil
            || privateEndpointConnections[id] != nil || privateDnsZones[id] != nil || sqlManagedInstances[id] != nil
            || sqlServers[id] != nil || instanceFailoverGroups[id] != nil || keyVaults[id] != nil
            || storageAccounts[id] != nil || flexibleServers[id] != nil || webSites[id] != nil || trafficManagerProfiles[id] != nil
            || azureFirewalls[id] != nil || firewallPolicies[id] != nil || ipGroups[id] != nil
            || unmodelled.contains { $0.id == id }
    }

    /// Counts of modelled resources per kind, for summaries.
    public var modelledCounts: [(kind: String, count: Int)] {
        [
            ("virtualNetworks", virtualNetworks.count), ("subnets", subnets.count), ("peerings", peerings.count),
            ("networkSecurityGroups", networkSecurityGroups.count),
            ("applicationSecurityGroups", applicationSecurityGroups.count), ("routeTables", routeTables.count),
            ("networkInterfaces", networkInterfaces.count), ("publicIPAddresses", publicIPAddresses.count),
            ("virtualMachines", virtualMachines.count), ("virtualNetworkGateways", virtualNetworkGateways.count),
            ("localNetworkGateways", localNetworkGateways.count), ("connections", connections.count),
            ("privateEndpoints", privateEndpoints.count), ("privateEndpointConnections", privateEndpointConnections.count),
            ("privateDnsZones", privateDnsZones.count), ("sqlManagedInstances", sqlManagedInstances.count),
            ("sqlServers", sqlServers.count), ("instanceFailoverGroups", instanceFailoverGroups.count),
            ("keyVaults", keyVaults.values.count { $0.kind == .vault }),
            ("managedHSMs", keyVaults.values.count { $0.kind == .managedHSM }),
            ("storageAccounts", storageAccounts.count), ("flexibleServers", flexibleServers.count), ("webSites", webSites.count),
            ("trafficManagerProfiles", trafficManagerProfiles.count), ("azureFirewalls", azureFirewalls.count),
            ("firewallPolicies", firewallPolicies.count), ("ipGroups", ipGroups.count),
        ]
    }
}
