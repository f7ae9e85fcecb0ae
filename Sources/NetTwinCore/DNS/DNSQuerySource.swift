/// Where a DNS query comes from. A subnet or NIC maps to its VNet (private DNS zones are linked to
/// VNets); a NIC's own `dnsServers` replace the VNet's (virtual-networks-name-resolution-for-vms-and-role-instances.md).
public enum DNSQuerySource: Hashable, Sendable {
    case virtualNetwork(ResourceID)
    case subnet(ResourceID)
    case networkInterface(ResourceID)

    public var resourceID: ResourceID {
        switch self {
        case .virtualNetwork(let id), .subnet(let id), .networkInterface(let id): id
        }
    }

    /// `virtual network`, `subnet`, `network interface`.
    public var kind: String {
        switch self {
        case .virtualNetwork: "virtual network"
        case .subnet: "subnet"
        case .networkInterface: "network interface"
        }
    }
}
