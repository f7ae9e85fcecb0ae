/// `Microsoft.Sql/managedInstances` (connectivity-architecture-overview.md, public-endpoint-configure.md).
public struct SqlManagedInstance: Hashable, Sendable {
    public var header: ResourceHeader
    public var id: ResourceID { header.id }
    public var subnet: ResourceID?
    /// The public endpoint, TCP 3342, always proxy.
    public var publicDataEndpointEnabled: Bool
    /// `proxyOverride`: `Proxy`, `Redirect` or `Default` (connection types of the VNet-local endpoint).
    public var proxyOverride: String?
    public var minimalTlsVersion: String?
    /// The DNS zone id shared by the instances of a failover group (`a1b2c3d4e5f6`).
    public var dnsZone: String?
    public var fullyQualifiedDomainName: String?
    /// `keyId`: the customer-managed TDE key (a Key Vault or Managed HSM key URI).
    public var keyId: String?
    public var publicNetworkAccess: String?
    public var privateEndpointConnections: [ResourceID]

    public init(header: ResourceHeader, subnet: ResourceID? = nil, publicDataEndpointEnabled: Bool = false, proxyOverride: String? = nil, minimalTlsVersion: String? = nil, dnsZone: String? = nil, fullyQualifiedDomainName: String? = nil, keyId: String? = nil, publicNetworkAccess: String? = nil, privateEndpointConnections: [ResourceID] = []) {
        self.header = header
        self.subnet = subnet
        self.publicDataEndpointEnabled = publicDataEndpointEnabled
        self.proxyOverride = proxyOverride
        self.minimalTlsVersion = minimalTlsVersion
        self.dnsZone = dnsZone
        self.fullyQualifiedDomainName = fullyQualifiedDomainName
        self.keyId = keyId
        self.publicNetworkAccess = publicNetworkAccess
        self.privateEndpointConnections = privateEndpointConnections
    }
}

/// `Microsoft.Sql/servers` (the logical server of Azure SQL Database).
public struct SqlServer: Hashable, Sendable {
    public var header: ResourceHeader
    public var id: ResourceID { header.id }
    public var fullyQualifiedDomainName: String?
    /// `Enabled`, `Disabled`, `SecuredByPerimeter`; absent means enabled.
    public var publicNetworkAccess: String?
    public var minimalTlsVersion: String?
    public var firewallRules: [SqlFirewallRule]
    public var virtualNetworkRules: [SqlVirtualNetworkRule]
    public var privateEndpointConnections: [ResourceID]
    /// `servers/connectionPolicies/default` `connectionType`: `Default`, `Redirect` or `Proxy` (nil: not in the input,
    /// which is `Default`).
    public var connectionType: String?

    public init(header: ResourceHeader, fullyQualifiedDomainName: String? = nil, publicNetworkAccess: String? = nil, minimalTlsVersion: String? = nil, firewallRules: [SqlFirewallRule] = [], virtualNetworkRules: [SqlVirtualNetworkRule] = [], privateEndpointConnections: [ResourceID] = []) {
        self.header = header
        self.fullyQualifiedDomainName = fullyQualifiedDomainName
        self.publicNetworkAccess = publicNetworkAccess
        self.minimalTlsVersion = minimalTlsVersion
        self.firewallRules = firewallRules
        self.virtualNetworkRules = virtualNetworkRules
        self.privateEndpointConnections = privateEndpointConnections
    }
}

/// `servers/firewallRules`: an IPv4 range; 0.0.0.0–0.0.0.0 is "Allow Azure services" (`AllowAllWindowsAzureIps`).
public struct SqlFirewallRule: Hashable, Sendable {
    public var id: ResourceID?
    public var name: String
    public var startIpAddress: IPv4Address?
    public var endIpAddress: IPv4Address?
    public var sourceLocation: SourceLocation?
    public init(id: ResourceID? = nil, name: String, startIpAddress: IPv4Address?, endIpAddress: IPv4Address?, sourceLocation: SourceLocation? = nil) {
        self.id = id
        self.name = name
        self.startIpAddress = startIpAddress
        self.endIpAddress = endIpAddress
        self.sourceLocation = sourceLocation
    }
    public var isAllowAzureServices: Bool { startIpAddress?.value == 0 && endIpAddress?.value == 0 }
    /// 0.0.0.0-255.255.255.255: the whole IPv4 Internet.
    public var admitsEveryAddress: Bool { startIpAddress?.value == 0 && endIpAddress?.value == UInt32.max }

    /// The addresses the rule admits, start through end inclusive (firewall-configure.md); nil for the 0.0.0.0-0.0.0.0
    /// "Allow Azure services" rule, which admits Azure's addresses rather than a range, and for an incomplete or
    /// reversed range.
    public var admittedRange: ClosedRange<UInt32>? {
        guard let start = startIpAddress, let end = endIpAddress, start.value <= end.value, !isAllowAzureServices else { return nil }
        return start.value...end.value
    }

    /// Whether the rule admits an address (never for the "Allow Azure services" rule).
    public func admits(_ address: IPv4Address) -> Bool { admittedRange?.contains(address.value) ?? false }

    /// Every address some of the rules admit.
    public static func admitted(by rules: [SqlFirewallRule]) -> IPv4AddressSet { IPv4AddressSet(ranges: rules.compactMap(\.admittedRange)) }
}

/// `servers/virtualNetworkRules`: admits a subnet that has the `Microsoft.Sql` service endpoint.
public struct SqlVirtualNetworkRule: Hashable, Sendable {
    public var id: ResourceID?
    public var name: String
    public var subnet: ResourceID?
    public var ignoreMissingVnetServiceEndpoint: Bool
    public var state: String?
    public var sourceLocation: SourceLocation?
    public init(id: ResourceID? = nil, name: String, subnet: ResourceID?, ignoreMissingVnetServiceEndpoint: Bool = false, state: String? = nil, sourceLocation: SourceLocation? = nil) {
        self.id = id
        self.name = name
        self.subnet = subnet
        self.ignoreMissingVnetServiceEndpoint = ignoreMissingVnetServiceEndpoint
        self.state = state
        self.sourceLocation = sourceLocation
    }
}

/// `Microsoft.Sql/locations/instanceFailoverGroups` (failover-group-sql-mi.md).
public struct InstanceFailoverGroup: Hashable, Sendable {
    public var header: ResourceHeader
    public var id: ResourceID { header.id }
    /// `readWriteEndpoint.failoverPolicy`: `Automatic` / `Manual`.
    public var failoverPolicy: String?
    public var failoverWithDataLossGracePeriodMinutes: Int64?
    public var readOnlyFailoverEnabled: Bool?
    public var partnerRegions: [String]
    public var managedInstancePairs: [(primary: ResourceID?, partner: ResourceID?)]
    public var replicationRole: String?

    public init(header: ResourceHeader, failoverPolicy: String? = nil, failoverWithDataLossGracePeriodMinutes: Int64? = nil, readOnlyFailoverEnabled: Bool? = nil, partnerRegions: [String] = [], managedInstancePairs: [(primary: ResourceID?, partner: ResourceID?)] = [], replicationRole: String? = nil) {
        self.header = header
        self.failoverPolicy = failoverPolicy
        self.failoverWithDataLossGracePeriodMinutes = failoverWithDataLossGracePeriodMinutes
        self.readOnlyFailoverEnabled = readOnlyFailoverEnabled
        self.partnerRegions = partnerRegions
        self.managedInstancePairs = managedInstancePairs
        self.replicationRole = replicationRole
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.header == rhs.header && lhs.failoverPolicy == rhs.failoverPolicy
            && lhs.failoverWithDataLossGracePeriodMinutes == rhs.failoverWithDataLossGracePeriodMinutes
            && lhs.readOnlyFailoverEnabled == rhs.readOnlyFailoverEnabled && lhs.partnerRegions == rhs.partnerRegions
            && lhs.managedInstancePairs.map { [$0.primary, $0.partner] } == rhs.managedInstancePairs.map { [$0.primary, $0.partner] }
            && lhs.replicationRole == rhs.replicationRole
    }
    public func hash(into hasher: inout Hasher) { hasher.combine(header) }
}

/// `networkAcls` of storage accounts, Key Vaults and Managed HSMs.
public struct NetworkAcls: Hashable, Sendable {
    /// `Allow` or `Deny`.
    public var defaultAction: String?
    /// `AzureServices`, `None`, or a comma list (`Logging, Metrics, AzureServices` for storage).
    public var bypass: String?
    public var ipRules: [IPPrefix]
    public var virtualNetworkRules: [ResourceID]
    public init(defaultAction: String? = nil, bypass: String? = nil, ipRules: [IPPrefix] = [], virtualNetworkRules: [ResourceID] = []) {
        self.defaultAction = defaultAction
        self.bypass = bypass
        self.ipRules = ipRules
        self.virtualNetworkRules = virtualNetworkRules
    }
}

/// `Microsoft.KeyVault/vaults` and `Microsoft.KeyVault/managedHSMs`.
public struct KeyVault: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable { case vault, managedHSM }
    public var header: ResourceHeader
    public var id: ResourceID { header.id }
    public var kind: Kind
    public var publicNetworkAccess: String?
    public var networkAcls: NetworkAcls?
    public var privateEndpointConnections: [ResourceID]
    /// Managed HSM multi-region replication: the regions of the pool, primary first.
    public var regions: [(name: String, isPrimary: Bool)]
    /// `vaultUri` / `hsmUri`.
    public var uri: String?

    public init(header: ResourceHeader, kind: Kind, publicNetworkAccess: String? = nil, networkAcls: NetworkAcls? = nil, privateEndpointConnections: [ResourceID] = [], regions: [(name: String, isPrimary: Bool)] = [], uri: String? = nil) {
        self.header = header
        self.kind = kind
        self.publicNetworkAccess = publicNetworkAccess
        self.networkAcls = networkAcls
        self.privateEndpointConnections = privateEndpointConnections
        self.regions = regions
        self.uri = uri
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.header == rhs.header && lhs.kind == rhs.kind && lhs.publicNetworkAccess == rhs.publicNetworkAccess
            && lhs.networkAcls == rhs.networkAcls && lhs.privateEndpointConnections == rhs.privateEndpointConnections
            && lhs.regions.map(\.name) == rhs.regions.map(\.name) && lhs.regions.map(\.isPrimary) == rhs.regions.map(\.isPrimary)
            && lhs.uri == rhs.uri
    }
    public func hash(into hasher: inout Hasher) { hasher.combine(header) }
}

/// `Microsoft.Storage/storageAccounts`.
public struct StorageAccount: Hashable, Sendable {
    public var header: ResourceHeader
    public var id: ResourceID { header.id }
    public var kind: String?
    public var sku: String?
    public var publicNetworkAccess: String?
    public var networkAcls: NetworkAcls?
    public var privateEndpointConnections: [ResourceID]
    public var secondaryLocation: String?
    /// `minimumTlsVersion` (`TLS1_0`, `TLS1_1`, `TLS1_2`); absent means TLS 1.0 ("The default interpretation is TLS 1.0
    /// for this property", storage.json in azure-rest-api-specs).
    public var minimumTlsVersion: String?

    public init(header: ResourceHeader, kind: String? = nil, sku: String? = nil, publicNetworkAccess: String? = nil, networkAcls: NetworkAcls? = nil, privateEndpointConnections: [ResourceID] = [], secondaryLocation: String? = nil, minimumTlsVersion: String? = nil) {
        self.minimumTlsVersion = minimumTlsVersion
        self.header = header
        self.kind = kind
        self.sku = sku
        self.publicNetworkAccess = publicNetworkAccess
        self.networkAcls = networkAcls
        self.privateEndpointConnections = privateEndpointConnections
        self.secondaryLocation = secondaryLocation
    }
}

/// `Microsoft.Web/sites` with regional VNet integration.
public struct WebSite: Hashable, Sendable {
    public var header: ResourceHeader
    public var id: ResourceID { header.id }
    public var kind: String?
    public var serverFarm: ResourceID?
    /// `properties.virtualNetworkSubnetId` (or the `networkConfig/virtualNetwork` child's `subnetResourceId`).
    public var virtualNetworkSubnet: ResourceID?
    /// `vnetRouteAllEnabled` (properties or siteConfig): all outbound traffic goes into the VNet.
    public var vnetRouteAllEnabled: Bool
    public var publicNetworkAccess: String?
    public var defaultHostName: String?
    public var privateEndpointConnections: [ResourceID]

    public init(header: ResourceHeader, kind: String? = nil, serverFarm: ResourceID? = nil, virtualNetworkSubnet: ResourceID? = nil, vnetRouteAllEnabled: Bool = false, publicNetworkAccess: String? = nil, defaultHostName: String? = nil, privateEndpointConnections: [ResourceID] = []) {
        self.header = header
        self.kind = kind
        self.serverFarm = serverFarm
        self.virtualNetworkSubnet = virtualNetworkSubnet
        self.vnetRouteAllEnabled = vnetRouteAllEnabled
        self.publicNetworkAccess = publicNetworkAccess
        self.defaultHostName = defaultHostName
        self.privateEndpointConnections = privateEndpointConnections
    }
}

/// `Microsoft.Network/trafficManagerProfiles` (traffic-manager-routing-methods.md).
public struct TrafficManagerProfile: Hashable, Sendable {
    public var header: ResourceHeader
    public var id: ResourceID { header.id }
    /// `Priority`, `Weighted`, `Performance`, `Geographic`, `MultiValue`, `Subnet`.
    public var trafficRoutingMethod: String?
    public var relativeName: String?
    public var ttl: Int64?
    public var profileStatus: String?
    public var monitorProtocol: String?
    public var monitorPort: Int64?
    /// MultiValue routing: the most endpoints one answer carries (`maxReturn`; 2 when not given).
    public var maxReturn: Int64?
    public var endpoints: [TrafficManagerEndpoint]

    public init(header: ResourceHeader, trafficRoutingMethod: String? = nil, relativeName: String? = nil, ttl: Int64? = nil, profileStatus: String? = nil, monitorProtocol: String? = nil, monitorPort: Int64? = nil, endpoints: [TrafficManagerEndpoint] = []) {
        self.header = header
        self.trafficRoutingMethod = trafficRoutingMethod
        self.relativeName = relativeName
        self.ttl = ttl
        self.profileStatus = profileStatus
        self.monitorProtocol = monitorProtocol
        self.monitorPort = monitorPort
        self.endpoints = endpoints
    }

    /// `<relativeName>.trafficmanager.net`.
    public var fqdn: String? { relativeName.map { "\($0.lowercased()).trafficmanager.net" } }
}

public struct TrafficManagerEndpoint: Hashable, Sendable {
    public var id: ResourceID?
    public var name: String
    /// `externalEndpoints`, `azureEndpoints`, `nestedEndpoints`.
    public var endpointType: String
    public var target: String?
    public var targetResourceId: ResourceID?
    public var endpointStatus: String?
    public var endpointMonitorStatus: String?
    public var priority: Int64?
    public var weight: Int64?
    public var endpointLocation: String?
    public var sourceLocation: SourceLocation?

    /// Geographic routing: the region codes mapped to the endpoint (`geoMapping`: `WORLD`, `GEO-EU`, `DE`, `US-CA`).
    public var geoMapping: [String] = []
    /// Subnet routing: the client address ranges mapped to the endpoint (`subnets[]`: first, last or scope).
    public var subnets: [IPAddressSet] = []
    /// Nested endpoints: the healthy child endpoints the child profile needs to count as available.
    public var minChildEndpoints: Int64?
    public var minChildEndpointsIPv4: Int64?
    public var minChildEndpointsIPv6: Int64?
    /// `alwaysServe` Enabled: not monitored, always eligible (monitor status `Unmonitored`).
    public var alwaysServe: Bool = false

    public init(id: ResourceID? = nil, name: String, endpointType: String, target: String? = nil, targetResourceId: ResourceID? = nil, endpointStatus: String? = nil, endpointMonitorStatus: String? = nil, priority: Int64? = nil, weight: Int64? = nil, endpointLocation: String? = nil, sourceLocation: SourceLocation? = nil) {
        self.id = id
        self.name = name
        self.endpointType = endpointType
        self.target = target
        self.targetResourceId = targetResourceId
        self.endpointStatus = endpointStatus
        self.endpointMonitorStatus = endpointMonitorStatus
        self.priority = priority
        self.weight = weight
        self.endpointLocation = endpointLocation
        self.sourceLocation = sourceLocation
    }
}

/// `Microsoft.DBforPostgreSQL/flexibleServers` and `Microsoft.DBforMySQL/flexibleServers` (and the retired single
/// servers, `.../servers`): the network settings only.
/// A server is either VNet-integrated (private access: `network.delegatedSubnetResourceId`, no public endpoint) or
/// has public access (`network.publicNetworkAccess`), guarded by its firewall rules and reachable by private endpoints
/// (concepts-networking-private.md and concepts-networking-public.md of each service).
public struct FlexibleServer: Hashable, Sendable {
    public enum Engine: String, Hashable, Sendable {
        case postgreSQL = "PostgreSQL", mySQL = "MySQL"
        /// The port the server listens on (5432 for PostgreSQL, 3306 for MySQL).
        public var port: UInt16 { self == .postgreSQL ? 5432 : 3306 }
    }
    public var header: ResourceHeader
    public var id: ResourceID { header.id }
    public var engine: Engine
    /// VNet integration: the delegated subnet the server lives in.
    public var delegatedSubnet: ResourceID?
    public var privateDnsZone: ResourceID?
    /// `network.publicNetworkAccess`: `Enabled` or `Disabled`; nil when not given.
    public var publicNetworkAccess: String?
    public var firewallRules: [SqlFirewallRule]
    public var privateEndpointConnections: [ResourceID]
    public var fullyQualifiedDomainName: String?
    /// A single server (`Microsoft.DBforPostgreSQL/servers`, `Microsoft.DBforMySQL/servers`, retired): public endpoint
    /// with firewall rules, `properties.publicNetworkAccess`, never VNet-integrated.
    public var isSingleServer = false

    public init(header: ResourceHeader, engine: Engine, delegatedSubnet: ResourceID? = nil, privateDnsZone: ResourceID? = nil, publicNetworkAccess: String? = nil, firewallRules: [SqlFirewallRule] = [], privateEndpointConnections: [ResourceID] = [], fullyQualifiedDomainName: String? = nil) {
        self.header = header
        self.engine = engine
        self.delegatedSubnet = delegatedSubnet
        self.privateDnsZone = privateDnsZone
        self.publicNetworkAccess = publicNetworkAccess
        self.firewallRules = firewallRules
        self.privateEndpointConnections = privateEndpointConnections
        self.fullyQualifiedDomainName = fullyQualifiedDomainName
    }

    /// Whether the public endpoint exists: not VNet-integrated, and public network access not Disabled
    /// (a server created with public access has it Enabled).
    public var hasPublicEndpoint: Bool {
        delegatedSubnet == nil && publicNetworkAccess?.lowercased() != "disabled"
    }
}
