/// `--from` and `--to` of `matrix` and `diff`: which locations and destinations to ask about.
///
/// A selector is a kind (`internet`, `onprem`, `subnet` for sources; `nic`, `pe`, `mi`, `sqlserver`, `keyvault`,
/// `hsm`, `storage`, `subnet`, `hostname` for destinations) or a name pattern (`*` matches any run of characters,
/// case-insensitive) matched against the name (`vnet/subnet` for a subnet), the resource's own name, its ID, its
/// VNet's name (a VNet selects its subnets), a host name, or an address. Several selectors select their union.
public struct MatrixSelector: Hashable, Sendable {
    public let text: String

    public init(_ text: String) { self.text = text.trimmingWhitespace }

    /// Comma-separated selectors (empty entries are an error: nil).
    public static func list(_ text: String) -> [MatrixSelector]? {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { MatrixSelector(String($0)) }
        return parts.contains { $0.text.isEmpty } ? nil : parts
    }

    static let locationKinds: [String: ExposureEngine.LocationKind] = [
        "internet": .internet, "onprem": .onPremises, "on-premises": .onPremises, "onpremises": .onPremises, "subnet": .subnet, "subnets": .subnet,
    ]

    static let destinationKinds: [String: MatrixDestination.Kind] = [
        "nic": .networkInterface, "nics": .networkInterface, "networkinterface": .networkInterface,
        "pe": .privateEndpoint, "privateendpoint": .privateEndpoint, "privateendpoints": .privateEndpoint,
        "mi": .managedInstance, "managedinstance": .managedInstance, "managedinstances": .managedInstance,
        "mi-public": .managedInstancePublic, "managedinstancepublicendpoint": .managedInstancePublic,
        "sqlserver": .sqlServer, "sqlservers": .sqlServer, "keyvault": .keyVault, "keyvaults": .keyVault,
        "hsm": .managedHSM, "managedhsm": .managedHSM, "storage": .storageAccount, "storageaccount": .storageAccount,
        "subnet": .subnet, "subnets": .subnet, "hostname": .hostName, "hostnames": .hostName,
    ]

    public func matches(_ location: ExposureEngine.Location) -> Bool {
        if let kind = Self.locationKinds[text.lowercased()] { return location.kind == kind }
        var names = [location.name]
        if let id = location.id {
            names += [id.name, id.text]
            if location.kind == .subnet, let vnet = location.name.split(separator: "/").first { names.append(String(vnet)) }
        }
        return names.contains { Self.glob(text, $0) }
    }

    public func matches(_ destination: MatrixDestination) -> Bool {
        if let kind = Self.destinationKinds[text.lowercased()] { return destination.kind == kind }
        var names = [destination.name, destination.resourceId.name, destination.resourceId.text]
        if let host = destination.hostName { names.append(host) }
        if let address = destination.address { names.append(address.description) }
        if destination.kind == .subnet, let vnet = destination.name.split(separator: "/").first { names.append(String(vnet)) }
        return names.contains { Self.glob(text, $0) }
    }

    /// `*` matches any run of characters; the match is case-insensitive and covers the whole text.
    static func glob(_ pattern: String, _ text: String) -> Bool {
        let p = Array(pattern.lowercased())
        let t = Array(text.lowercased())
        var pi = 0, ti = 0
        var star = -1, mark = 0
        while ti < t.count {
            if pi < p.count && p[pi] != "*" && p[pi] == t[ti] {
                pi += 1; ti += 1
            } else if pi < p.count && p[pi] == "*" {
                star = pi; mark = ti; pi += 1
            } else if star >= 0 {
                pi = star + 1; mark += 1; ti = mark
            } else {
                return false
            }
        }
        while pi < p.count && p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}
