/// Where a reachability question starts.
public enum ReachSource: Hashable, Sendable {
    /// A NIC (a VM is named by one of its NICs); traffic leaves from its primary private IP.
    case networkInterface(ResourceID)
    /// Any address of a subnet (a representative address is used, and said so).
    case subnet(ResourceID)
    /// One given address of a subnet (no NIC needed: the subnet's NSG applies).
    case subnetAddress(ResourceID, IPAddress)
    /// An App Service app through its regional VNet integration subnet.
    case webSite(ResourceID)
    /// An address on the Internet.
    case internet(IPAddress)
    /// An address on-premises, behind a local network gateway.
    case onPremises(IPAddress)
}

/// Where a reachability question ends.
public enum ReachDestination: Hashable, Sendable {
    case address(IPAddress)
    case networkInterface(ResourceID)
    /// A SQL managed instance's VNet-local endpoint (1433; 11000–11999 with Redirect).
    case managedInstanceVNetLocal(ResourceID)
    /// A SQL managed instance's public endpoint (3342, always proxy).
    case managedInstancePublic(ResourceID)
    /// A SQL Database logical server's public endpoint (`<server>.database.windows.net`, 1433), guarded by
    /// its own firewall; private endpoints are reached by their address instead.
    case sqlServer(ResourceID)
    /// The public endpoint of a Key Vault, Managed HSM or storage account, guarded by its `networkAcls`.
    case dataService(ResourceID)
}

extension ReachDestination: CustomStringConvertible {
    /// A short, stable text (cache keys and messages; the default reflection of an enum is slow).
    public var description: String {
        switch self {
        case .address(let address): "address:\(address)"
        case .networkInterface(let id): "nic:\(id.normalized)"
        case .managedInstanceVNetLocal(let id): "mi:\(id.normalized)"
        case .managedInstancePublic(let id): "mi-public:\(id.normalized)"
        case .sqlServer(let id): "sql:\(id.normalized)"
        case .dataService(let id): "service:\(id.normalized)"
        }
    }
}

public enum ReachVerdict: String, Hashable, Sendable {
    case reachable = "Reachable"
    case unreachable = "Unreachable"
    case unknown = "Unknown"
}

/// One step of the path, with the resource that took it.
public struct ReachHop: Hashable, Sendable {
    public var kind: String
    public var resourceId: ResourceID?
    public var detail: String
    public init(_ kind: String, _ resourceId: ResourceID?, _ detail: String) {
        self.kind = kind
        self.resourceId = resourceId
        self.detail = detail
    }
}

/// Why a path is blocked, with a stable code (see `ReachCode`) and a fix in one sentence.
public struct ReachBlocker: Hashable, Sendable {
    public var code: ReachCode
    public var resourceId: ResourceID?
    public var message: String
    public var fix: String
    public init(_ code: ReachCode, _ resourceId: ResourceID?, _ message: String, fix: String) {
        self.code = code
        self.resourceId = resourceId
        self.message = message
        self.fix = fix
    }
}

/// Explanation codes, in families as AWS Reachability Analyzer's are.
public enum ReachCode: String, Hashable, Sendable, CaseIterable {
    // Blocked by a rule.
    case nsgDenyOutbound = "NSG_DENY_OUTBOUND"
    case nsgDenyInbound = "NSG_DENY_INBOUND"
    case blackholeRoute = "BLACKHOLE_ROUTE"
    case peeringAccessDisabled = "PEERING_ACCESS_DISABLED"
    case peeringForwardedTrafficDisabled = "PEERING_FORWARDED_TRAFFIC_DISABLED"
    case privateEndpointNotApproved = "PRIVATE_ENDPOINT_NOT_APPROVED"
    case publicEndpointDisabled = "PUBLIC_ENDPOINT_DISABLED"
    case portNotServed = "PORT_NOT_SERVED"
    case publicNetworkAccessDisabled = "PUBLIC_NETWORK_ACCESS_DISABLED"
    case serviceFirewall = "SERVICE_FIREWALL"
    case missingVirtualNetworkRule = "MISSING_VNET_RULE"
    case missingServiceEndpoint = "MISSING_SERVICE_ENDPOINT"
    case serviceEndpointOtherRegion = "SERVICE_ENDPOINT_OTHER_REGION"
    case firewallDeny = "FIREWALL_DENY"
    // No path possible.
    case noRoute = "NO_ROUTE"
    case peeringNotConnected = "PEERING_NOT_CONNECTED"
    case applianceWithoutIPForwarding = "APPLIANCE_WITHOUT_IP_FORWARDING"
    case noReturnRoute = "NO_RETURN_ROUTE"
    case routingLoop = "ROUTING_LOOP"
    case connectionNotConnected = "CONNECTION_NOT_CONNECTED"
    case asymmetricRouting = "ASYMMETRIC_ROUTING"
    /// A private subnet (or a None route) gives traffic to a public endpoint no way out of Azure.
    case noOutboundAccess = "NO_OUTBOUND_ACCESS"
    /// What-if: a component on the path is down (`--fail`).
    case componentDown = "COMPONENT_DOWN"
    // The question matched nothing.
    case dnsNameNotFound = "DNS_NAME_NOT_FOUND"
    case dnsResolvesPublicDespitePrivateEndpoint = "DNS_PUBLIC_DESPITE_PRIVATE_ENDPOINT"
    case destinationNotFound = "DESTINATION_NOT_FOUND"
    case sourceNotFound = "SOURCE_NOT_FOUND"

    public var family: String {
        switch self {
        case .nsgDenyOutbound, .nsgDenyInbound, .blackholeRoute, .peeringAccessDisabled, .peeringForwardedTrafficDisabled, .privateEndpointNotApproved,
            .publicEndpointDisabled, .portNotServed, .publicNetworkAccessDisabled, .serviceFirewall, .missingVirtualNetworkRule,
            .firewallDeny:
            "BlockedByRule"
        case .noRoute, .peeringNotConnected, .applianceWithoutIPForwarding, .noReturnRoute, .routingLoop, .connectionNotConnected,
            .asymmetricRouting, .componentDown, .noOutboundAccess,
            .missingServiceEndpoint, .serviceEndpointOtherRegion, .dnsNameNotFound, .dnsResolvesPublicDespitePrivateEndpoint:
            "NoPath"
        case .destinationNotFound, .sourceNotFound:
            "MatchedNothing"
        }
    }
}

/// The answer: a verdict, the hops, every blocker, and the assumptions made.
public struct ReachResult: Sendable {
    public var verdict: ReachVerdict
    public var sourceAddress: IPAddress?
    public var destinationAddress: IPAddress?
    public var port: UInt16
    public var `protocol`: ProtocolSet
    public var hops: [ReachHop]
    public var blockers: [ReachBlocker]
    public var assumptions: [String]
    /// The route back from the destination to the source, when it was checked.
    public var returnPath: String?
    /// The source address the destination sees when a firewall on the path translated it (SNAT).
    public var translatedSourceAddress: IPAddress? = nil
    /// What the destination service sees as the source: `10.2.1.4 (a private VNet address, over the service endpoint)`,
    /// `20.1.2.3 (NAT gateway 'ng')`; nil when the destination sees the source address itself.
    public var sourceSeenByDestination: String? = nil
    /// The SQL connection type in effect and the ports it needs (SQL Database servers, managed instances), with whether
    /// the redirect ports are open on this path.
    public var connection: String? = nil
    /// Something on the path could not be decided offline (the verdict is Unknown unless a blocker makes it
    /// Unreachable): kept apart from the verdict so that a caller who sets address-dependent blockers aside
    /// (exposure, the matrix) still knows.
    public var undecided: Bool = false
    /// The replies do not take the requests' way back: they bypass an appliance the requests crossed, or go through one
    /// the requests did not (`returnVia`, its address). Drawn by `graph --path`.
    public var returnDiffers: Bool = false
    public var returnVia: IPAddress? = nil
}
