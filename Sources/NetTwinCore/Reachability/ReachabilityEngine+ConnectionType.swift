/// The connection type of SQL Database and SQL Managed Instance, and the ports it needs.
///
/// - azure-sql/database/connectivity-architecture.md: "Default: ... Redirect for all client connections originating
///   inside of Azure (for example, from an Azure Virtual Machine) and Proxy for all client connections originating
///   outside"; Redirect needs 1433 to the gateway and 11000-11999 to "all Azure SQL IP addresses in the region"; Proxy
///   needs 1433 only.
/// - azure-sql/managed-instance/connection-types-overview.md (10/22/2025): "Starting in October 2025, the redirect
///   connection type is the default"; `proxyOverride=Default` "is interpreted as Redirect" (instances left on Default
///   before then were converted to Proxy); Redirect needs "port 1433 and port range 11000-11999 to the entire IP address
///   range assigned to the subnet". The public endpoint (3342) and private endpoints "always use the proxy connection
///   type" (connectivity-architecture-overview.md, 07/10/2024).
extension ReachabilityEngine {
    func connectionType(from source: ReachSource, to destination: ReachDestination, port: UInt16, protocol flowProtocol: ProtocolSet, answer: ReachResult) -> String? {
        guard flowProtocol == .tcp else { return nil }
        switch destination {
        case .managedInstancePublic:
            return "Proxy (the public endpoint always proxies): TCP 3342 only"
        case .managedInstanceVNetLocal(let id):
            guard let instance = topology.sqlManagedInstances[id] else { return nil }
            let setting = instance.proxyOverride ?? "Default"
            guard setting.lowercased() != "proxy" else { return "Proxy (proxyOverride Proxy): TCP 1433 only" }
            let why = setting.lowercased() == "default" ? "proxyOverride Default, which means Redirect since October 2025" : "proxyOverride \(setting)"
            return "Redirect (\(why)): TCP 1433, then 11000-11999 to the instance's node" + redirectPorts(from: source, to: destination, port: port, answer: answer)
        case .sqlServer(let id):
            guard let server = topology.sqlServers[id] else { return nil }
            let setting = server.connectionType ?? "Default"
            let inside: Bool
            switch source {
            case .internet, .onPremises: inside = false
            default: inside = true
            }
            switch setting.lowercased() {
            case "proxy": return "Proxy (connection policy Proxy): TCP 1433 to the gateway"
            case "redirect": return "Redirect (connection policy Redirect): TCP 1433 to the gateway, then 11000-11999 to the database node" + redirectPorts(from: source, to: destination, port: port, answer: answer)
            default:
                return inside
                    ? "Redirect (connection policy Default, client inside Azure): TCP 1433 to the gateway, then 11000-11999 to the database node" + redirectPorts(from: source, to: destination, port: port, answer: answer)
                    : "Proxy (connection policy Default, client outside Azure): TCP 1433 to the gateway"
            }
        case .address(let address):
            // A private endpoint of a SQL server or managed instance proxies.
            let endpoint = topology.privateEndpoints.values.first { NetworkIndex.addresses(of: $0, in: topology).contains(address) }
            let target = endpoint?.connections.first?.privateLinkServiceId
            if let target, topology.sqlManagedInstances[target] != nil || topology.sqlServers[target] != nil {
                return "Proxy (a private endpoint always proxies): TCP 1433"
            }
            return nil
        default:
            return nil
        }
    }

    /// For a Redirect question on 1433: whether 11000 and 11999 get through on the same path.
    func redirectPorts(from source: ReachSource, to destination: ReachDestination, port: UInt16, answer: ReachResult) -> String {
        guard port == Self.tdsPort, answer.verdict != .unreachable else { return "" }
        let blocked = [Self.redirectPorts.lowerBound, Self.redirectPorts.upperBound].compactMap { redirectPort -> String? in
            let result = trace(from: source, to: destination, name: nil, port: redirectPort, protocol: .tcp)
            guard result.verdict == .unreachable, let blocker = result.blockers.first else { return nil }
            return "\(redirectPort): \(blocker.code.rawValue), \(blocker.message)"
        }
        return blocked.isEmpty ? "; 11000-11999 get through on this path" : "; but the redirect ports are blocked on this path (\(blocked.joined(separator: "; "))): the login on 1433 succeeds and the session fails"
    }
}
