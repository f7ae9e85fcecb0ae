/// The answer to "what does NAME resolve to from here?", with the chain that explains it.
public struct DNSResolution: Hashable, Sendable {
    /// The outcome, named after DNS response codes (RFC 1035 §4.1.1), plus `Unknown` when the
    /// configuration does not determine the answer.
    public enum Status: String, Hashable, Sendable {
        case noError = "NoError"
        case nxDomain = "NXDomain"
        /// A CNAME loop or an over-long chain: resolvers answer SERVFAIL.
        case serverFailure = "ServFail"
        case unknown = "Unknown"
    }

    /// The queried name, lowercased, without a trailing dot.
    public var name: String
    public var from: DNSQuerySource
    /// The VNet whose DNS view answered (the VNet of the subnet or NIC); nil when it is not in the input.
    public var virtualNetwork: ResourceID?
    /// The DNS servers the client uses; empty means Azure-provided DNS (168.63.129.16).
    public var dnsServers: [IPAddress]
    public var status: Status
    public var answers: [DNSAnswer]
    public var chain: [DNSChainLink]
    /// Assumptions and warnings, lowercase, names in 'quotes'.
    public var warnings: [String]

    public init(name: String, from: DNSQuerySource, virtualNetwork: ResourceID?, dnsServers: [IPAddress], status: Status, answers: [DNSAnswer] = [], chain: [DNSChainLink] = [], warnings: [String] = []) {
        self.name = name
        self.from = from
        self.virtualNetwork = virtualNetwork
        self.dnsServers = dnsServers
        self.status = status
        self.answers = answers
        self.chain = chain
        self.warnings = warnings
    }

    /// The known addresses of the answers.
    public var addresses: [IPAddress] { answers.compactMap(\.address) }
}

/// The type of a record in a resolution chain.
public enum DNSRecordKind: String, Hashable, Sendable {
    case a = "A"
    case aaaa = "AAAA"
    case cname = "CNAME"
}

/// Where a link of the chain comes from.
public enum DNSLinkSource: String, Hashable, Sendable {
    /// A record set of a private DNS zone linked to the VNet.
    case privateDnsZone = "PrivateDnsZone"
    /// A record Azure publishes in public DNS for a resource (the `privatelink` alias).
    case publicDns = "PublicDns"
    /// Custom DNS servers of the VNet or NIC.
    case customDns = "CustomDns"
    /// The answer a Traffic Manager profile gives for its routing method.
    case trafficManager = "TrafficManager"
    /// A name Azure gives a resource (SQL MI endpoints, failover group listeners, service front ends).
    case azureService = "AzureService"
}

/// One step of the chain: `name TYPE value`.
public struct DNSChainLink: Hashable, Sendable {
    public var name: String
    public var type: DNSRecordKind
    /// The CNAME target or the address; for an unknown address, a description in angle brackets.
    public var value: String
    public var source: DNSLinkSource
    /// The resource that holds or causes the record (zone record set, private DNS zone, resource, profile endpoint).
    public var resourceID: ResourceID?
    /// Extra context (`priority 1`, `weight 3`).
    public var note: String?

    public init(name: String, type: DNSRecordKind, value: String, source: DNSLinkSource, resourceID: ResourceID?, note: String? = nil) {
        self.name = name
        self.type = type
        self.value = value
        self.source = source
        self.resourceID = resourceID
        self.note = note
    }
}

/// One address of the answer: known, or unknown with the reason (and where it lies, when known).
public struct DNSAnswer: Hashable, Sendable {
    public var type: DNSRecordKind
    public var address: IPAddress?
    /// Why the address is not known (nil when `address` is set).
    public var unknownReason: String?
    /// Prefixes the unknown address lies in (a managed instance's subnet).
    public var within: [IPPrefix]
    /// The resource the address belongs to, when known.
    public var resourceID: ResourceID?

    public init(type: DNSRecordKind, address: IPAddress?, unknownReason: String? = nil, within: [IPPrefix] = [], resourceID: ResourceID? = nil) {
        self.type = type
        self.address = address
        self.unknownReason = unknownReason
        self.within = within
        self.resourceID = resourceID
    }
}
