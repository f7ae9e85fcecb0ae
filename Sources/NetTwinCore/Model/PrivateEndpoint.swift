/// The approval state of a private link connection (private-endpoint-overview.md, "Private link
/// resource connection states"): only `Approved` carries traffic.
public enum PrivateLinkConnectionStatus: String, AzureEnum {
    case pending = "Pending"
    case approved = "Approved"
    case rejected = "Rejected"
    case disconnected = "Disconnected"
}

/// `privateLinkServiceConnectionState`.
public struct PrivateLinkConnectionState: Hashable, Sendable {
    public var status: PrivateLinkConnectionStatus?
    /// The status as written, kept when it is not one of the documented values.
    public var statusText: String?
    public var description: String?
    public var actionsRequired: String?
    public init(status: PrivateLinkConnectionStatus?, statusText: String? = nil, description: String? = nil, actionsRequired: String? = nil) {
        self.status = status
        self.statusText = statusText ?? status?.rawValue
        self.description = description
        self.actionsRequired = actionsRequired
    }
}

/// One entry of a private endpoint's `privateLinkServiceConnections` (automatic approval) or
/// `manualPrivateLinkServiceConnections` (manual approval).
public struct PrivateLinkServiceConnection: Hashable, Sendable {
    public var name: String
    public var privateLinkServiceId: ResourceID?
    /// Sub-resources (`sqlServer`, `managedInstance`, `blob`, `vault`, `managedhsm`).
    public var groupIds: [String]
    public var requestMessage: String?
    public var isManual: Bool
    public var state: PrivateLinkConnectionState
    public init(name: String, privateLinkServiceId: ResourceID?, groupIds: [String] = [], requestMessage: String? = nil, isManual: Bool, state: PrivateLinkConnectionState) {
        self.name = name
        self.privateLinkServiceId = privateLinkServiceId
        self.groupIds = groupIds
        self.requestMessage = requestMessage
        self.isManual = isManual
        self.state = state
    }
}

/// `Microsoft.Network/privateEndpoints`.
public struct PrivateEndpoint: Hashable, Sendable {
    public var header: ResourceHeader
    public var id: ResourceID { header.id }
    public var subnet: ResourceID?
    public var connections: [PrivateLinkServiceConnection]
    /// The NIC Azure created for the endpoint (exports only).
    public var networkInterfaces: [ResourceID]
    /// `customDnsConfigs[]`: FQDNs and the endpoint's IPs (exports only).
    public var customDnsConfigs: [CustomDnsConfig]
    /// Static IPs requested in `ipConfigurations[].properties.privateIPAddress`.
    public var staticIPAddresses: [IPAddress]
    /// `privateDnsZoneGroups[].privateDnsZoneConfigs[].privateDnsZoneId`.
    public var privateDnsZones: [ResourceID]

    public init(header: ResourceHeader, subnet: ResourceID? = nil, connections: [PrivateLinkServiceConnection] = [], networkInterfaces: [ResourceID] = [], customDnsConfigs: [CustomDnsConfig] = [], staticIPAddresses: [IPAddress] = [], privateDnsZones: [ResourceID] = []) {
        self.header = header
        self.subnet = subnet
        self.connections = connections
        self.networkInterfaces = networkInterfaces
        self.customDnsConfigs = customDnsConfigs
        self.staticIPAddresses = staticIPAddresses
        self.privateDnsZones = privateDnsZones
    }
}

public struct CustomDnsConfig: Hashable, Sendable {
    public var fqdn: String?
    public var ipAddresses: [IPAddress]
    public init(fqdn: String?, ipAddresses: [IPAddress]) {
        self.fqdn = fqdn
        self.ipAddresses = ipAddresses
    }
}

/// The service side of a private endpoint: `…/privateEndpointConnections/NAME` of any resource
/// (SQL server, managed instance, vault, HSM, storage account, site).
public struct PrivateEndpointConnection: Hashable, Sendable {
    public var id: ResourceID?
    public var name: String
    /// The resource that owns the connection.
    public var parent: ResourceID
    public var privateEndpoint: ResourceID?
    public var state: PrivateLinkConnectionState
    public var groupIds: [String]
    public var sourceLocation: SourceLocation?
    public init(id: ResourceID?, name: String, parent: ResourceID, privateEndpoint: ResourceID?, state: PrivateLinkConnectionState, groupIds: [String] = [], sourceLocation: SourceLocation? = nil) {
        self.id = id
        self.name = name
        self.parent = parent
        self.privateEndpoint = privateEndpoint
        self.state = state
        self.groupIds = groupIds
        self.sourceLocation = sourceLocation
    }
}
