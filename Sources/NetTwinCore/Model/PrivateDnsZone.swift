/// `Microsoft.Network/privateDnsZones` with its record sets and virtual network links.
public struct PrivateDnsZone: Hashable, Sendable {
    public var header: ResourceHeader
    public var id: ResourceID { header.id }
    /// The zone name, lowercased (`privatelink.database.windows.net`).
    public var zoneName: String { header.name.lowercased() }
    public var recordSets: [DnsRecordSet]
    public var virtualNetworkLinks: [VirtualNetworkLink]

    public init(header: ResourceHeader, recordSets: [DnsRecordSet] = [], virtualNetworkLinks: [VirtualNetworkLink] = []) {
        self.header = header
        self.recordSets = recordSets
        self.virtualNetworkLinks = virtualNetworkLinks
    }
}

public enum DnsRecordType: String, AzureEnum {
    case a = "A"
    case aaaa = "AAAA"
    case cname = "CNAME"
    case mx = "MX"
    case ptr = "PTR"
    case soa = "SOA"
    case srv = "SRV"
    case txt = "TXT"
}

/// `privateDnsZones/{A|AAAA|CNAME|…}/NAME`.
public struct DnsRecordSet: Hashable, Sendable {
    public var id: ResourceID?
    /// Relative name (`@` for the apex, `server1`).
    public var name: String
    public var type: DnsRecordType
    public var ttl: Int64?
    /// A and AAAA values.
    public var addresses: [IPAddress]
    /// The CNAME target.
    public var canonicalName: String?
    public var sourceLocation: SourceLocation?

    public init(id: ResourceID? = nil, name: String, type: DnsRecordType, ttl: Int64? = nil, addresses: [IPAddress] = [], canonicalName: String? = nil, sourceLocation: SourceLocation? = nil) {
        self.id = id
        self.name = name
        self.type = type
        self.ttl = ttl
        self.addresses = addresses
        self.canonicalName = canonicalName
        self.sourceLocation = sourceLocation
    }
}

/// `privateDnsZones/virtualNetworkLinks/NAME`: only VNets linked to a zone see it.
public struct VirtualNetworkLink: Hashable, Sendable {
    public var id: ResourceID?
    public var name: String
    public var virtualNetwork: ResourceID?
    public var registrationEnabled: Bool
    /// `resolutionPolicy` (`Default` or `NxDomainRedirect`), when present.
    public var resolutionPolicy: String?
    public var sourceLocation: SourceLocation?

    public init(id: ResourceID? = nil, name: String, virtualNetwork: ResourceID?, registrationEnabled: Bool = false, resolutionPolicy: String? = nil, sourceLocation: SourceLocation? = nil) {
        self.id = id
        self.name = name
        self.virtualNetwork = virtualNetwork
        self.registrationEnabled = registrationEnabled
        self.resolutionPolicy = resolutionPolicy
        self.sourceLocation = sourceLocation
    }
}
