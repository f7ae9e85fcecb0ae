/// Finds a resource by full ID or by an unambiguous short name.
public struct LookupError: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

extension Topology {
    /// A NIC by ID or by name.
    public func networkInterface(named text: String) throws(LookupError) -> NetworkInterface {
        try find(text, in: networkInterfaces, kind: "network interface", name: { $0.header.name }, example: "NIC or its full resource ID")
    }

    /// A virtual network by ID or by name.
    public func virtualNetwork(named text: String) throws(LookupError) -> VirtualNetwork {
        try find(text, in: virtualNetworks, kind: "virtual network", name: { $0.header.name }, example: "VNET or its full resource ID")
    }

    /// A subnet by ID or as `VNET/SUBNET`.
    public func subnet(named text: String) throws(LookupError) -> Subnet {
        try find(text, in: subnets, kind: "subnet", name: { "\($0.virtualNetwork.name)/\($0.header.name)" }, example: "VNET/SUBNET or the subnet's full resource ID")
    }

    /// The NICs that hold a private IP address.
    /// The subnet whose range holds an address (the most specific prefix; the first by ID on a tie), for an address with
    /// no NIC in the configuration: a managed instance node, a private endpoint, a load balancer frontend.
    public func subnet(holding address: IPAddress) -> Subnet? {
        var best: (length: Int, subnet: Subnet)?
        for subnet in subnets.values.sorted(by: { $0.id < $1.id }) {
            for prefix in subnet.addressPrefixes where prefix.contains(address) && prefix.length > (best?.length ?? -1) {
                best = (prefix.length, subnet)
            }
        }
        return best?.subnet
    }

    public func networkInterfaces(withAddress address: IPAddress) -> [NetworkInterface] {
        networkInterfaces.values.filter { nic in nic.ipConfigurations.contains { $0.privateIPAddress == address } }.sorted { $0.id < $1.id }
    }

    func find<Value>(_ text: String, in map: [ResourceID: Value], kind: String, name: (Value) -> String, example: String) throws(LookupError) -> Value {
        if text.hasPrefix("/") {
            if let value = map[ResourceID(text)] { return value }
            throw LookupError("no \(kind) with ID '\(text)' in the input")
        }
        let matches = map.filter { name($0.value).lowercased() == text.lowercased() }.sorted { $0.key < $1.key }
        if matches.count == 1 { return matches[0].value }
        if matches.isEmpty {
            let known = map.values.map(name).sorted().prefix(10).joined(separator: ", ")
            throw LookupError("no \(kind) named '\(text)' in the input (expected \(example)); known: \(known.isEmpty ? "none" : known)")
        }
        throw LookupError("'\(text)' names \(matches.count) \(kind)s; use the full resource ID: \(matches.map(\.key.text).joined(separator: ", "))")
    }
}
