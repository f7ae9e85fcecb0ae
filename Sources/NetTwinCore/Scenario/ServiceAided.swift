/// SQL Managed Instance service-aided subnet configuration: the NSG rules and routes Azure's network intent policy adds to
/// an instance's subnet (azure-sql/managed-instance/connectivity-architecture-overview.md, "Service-aided subnet
/// configuration"; subnet-service-aided-configuration-enable.md, 07/10/2024: "Mandatory rules and routes always begin
/// with Microsoft.Sql-managedInstances_UseOnly_mi-" and "can't be removed or modified"). An exported configuration
/// already holds them; a template does not, so they are added to the model of every instance subnet whose NSG or route
/// table has none, marked as service-aided. The rule sets of each article version are data
/// (`ManagedInstanceServiceAided.json`, Docs/research/service-side.md); priorities are not documented and are taken
/// from deployments as observed.
public struct ServiceAidedConfiguration: Hashable, Sendable {
    public struct Rule: Hashable, Sendable {
        public var name: String
        public var direction: SecurityRuleDirection
        public var access: SecurityRuleAccess
        public var protocolText: String
        public var source: String
        public var destination: String
        public var destinationPorts: String
        public var priority: Int?
        public var mandatory: Bool
    }
    public struct RouteEntry: Hashable, Sendable {
        public var name: String
        public var prefix: String
        public var nextHopType: RouteNextHopType
        public var mandatory: Bool
    }

    public static let reservedPrefix = "Microsoft.Sql-managedInstances_UseOnly_mi-"

    public var version: String
    public var msDate: String
    public var rules: [Rule]
    public var routes: [RouteEntry]

    /// The versions of the data file, oldest first (`{"versions": [{name, msDate, securityRules, routes}]}`).
    public static func parse(_ root: JSONNode) -> [ServiceAidedConfiguration] {
        (root["versions"]?.arrayValue ?? []).compactMap { version in
            guard let name = version["name"]?.stringValue else { return nil }
            let rules = (version["securityRules"]?.arrayValue ?? []).compactMap { rule -> Rule? in
                guard let ruleName = rule["name"]?.stringValue,
                      let direction = rule["direction"]?.stringValue.flatMap({ SecurityRuleDirection(rawValue: $0) }),
                      let access = rule["access"]?.stringValue.flatMap({ SecurityRuleAccess(rawValue: $0) }) else { return nil }
                let priority = rule["priority"]?.intValue ?? rule["observedPriority"]?["value"]?.intValue
                return Rule(name: prefixed(ruleName), direction: direction, access: access, protocolText: rule["protocol"]?.stringValue ?? "*",
                            source: rule["sourceAddressPrefix"]?.stringValue ?? "*", destination: rule["destinationAddressPrefix"]?.stringValue ?? "*",
                            destinationPorts: rule["destinationPortRange"]?.stringValue ?? "*", priority: priority.map(Int.init),
                            mandatory: rule["mandatory"]?.boolValue ?? true)
            }
            let routes = (version["routes"]?.arrayValue ?? []).compactMap { route -> RouteEntry? in
                guard let routeName = route["name"]?.stringValue, let prefix = route["addressPrefix"]?.stringValue,
                      let hop = route["nextHopType"]?.stringValue.flatMap({ RouteNextHopType(rawValue: $0) }) else { return nil }
                return RouteEntry(name: prefixed(routeName), prefix: prefix, nextHopType: hop, mandatory: route["mandatory"]?.boolValue ?? true)
            }
            return ServiceAidedConfiguration(version: name, msDate: version["msDate"]?.stringValue ?? "", rules: rules, routes: routes)
        }
    }

    static func prefixed(_ name: String) -> String { name.hasPrefix(reservedPrefix) ? name : reservedPrefix + name }
}

extension Topology {
    /// Adds the configuration's rules and routes (the mandatory ones, and the optional ones with `optional`) to the NSG
    /// and route table of every managed instance subnet that has none of them. Returns one note per subnet changed, and
    /// per rule or route left out (a placeholder NetTwin cannot fill, such as a paired region).
    public mutating func applyServiceAided(_ configuration: ServiceAidedConfiguration, optional: Bool = false) -> [String] {
        var notes: [String] = []
        let subnetIDs = Set(sqlManagedInstances.values.compactMap(\.subnet)).sorted()
        var doneGroups = Set<ResourceID>(), doneTables = Set<ResourceID>()
        for subnetID in subnetIDs {
            guard let subnet = subnets[subnetID], let prefix = subnet.addressPrefixes.first(where: \.isIPv4) else { continue }
            let region = virtualNetworks[subnet.virtualNetwork]?.header.location
            func fill(_ text: String) -> String? {
                var value = text.replacing("{subnet}", with: prefix.description).replacing("{range}", with: prefix.description.replacing(".", with: "-").replacing("/", with: "-"))
                if let region {
                    value = value.replacing("{primaryRegion}", with: region).replacing("{region}", with: region)
                }
                return value.contains("{") ? nil : value
            }
            var added: [String] = []
            if let nsgID = subnet.networkSecurityGroup, !doneGroups.contains(nsgID), var nsg = networkSecurityGroups[nsgID],
               !nsg.securityRules.contains(where: { $0.name.hasPrefix(ServiceAidedConfiguration.reservedPrefix) }) {
                doneGroups.insert(nsgID)
                for rule in configuration.rules where rule.mandatory || optional {
                    guard let source = fill(rule.source), let destination = fill(rule.destination), let protocols = ProtocolSet(nsgProtocol: rule.protocolText),
                          let ports = try? PortSet(parsing: rule.destinationPorts) else {
                        notes.append("service-aided rule '\(rule.name)' is not added to '\(nsgID.name)': it names a place NetTwin cannot fill (\(rule.source) → \(rule.destination))")
                        continue
                    }
                    var priority = rule.priority ?? 100
                    while nsg.securityRules.contains(where: { $0.direction == rule.direction && $0.priority == priority }) && priority < 4096 { priority += 1 }
                    var model = SecurityRule(
                        name: "\(rule.name)-\(prefix.description.replacing(".", with: "-").replacing("/", with: "-"))", priority: priority,
                        direction: rule.direction, access: rule.access, protocols: protocols, protocolText: rule.protocolText,
                        source: [Self.addressItem(source)], destination: [Self.addressItem(destination)], sourcePorts: .all, destinationPorts: ports,
                        sourcePortTexts: ["*"], destinationPortTexts: [rule.destinationPorts],
                        description: "service-aided (network intent policy, \(configuration.version))")
                    model.serviceAided = true
                    nsg.securityRules.append(model)
                }
                nsg.securityRules.sort { ($0.direction.rawValue, $0.priority) < ($1.direction.rawValue, $1.priority) }
                networkSecurityGroups[nsgID] = nsg
                added.append("rules to '\(nsgID.name)'")
            }
            if let tableID = subnet.routeTable, !doneTables.contains(tableID), var table = routeTables[tableID],
               !table.routes.contains(where: { $0.name.hasPrefix(ServiceAidedConfiguration.reservedPrefix) }) {
                doneTables.insert(tableID)
                for entry in configuration.routes where entry.mandatory || optional {
                    guard let text = fill(entry.prefix), let name = fill(entry.name) else {
                        notes.append("service-aided route '\(entry.name)' is not added to '\(tableID.name)': it names a place NetTwin cannot fill (\(entry.prefix))")
                        continue
                    }
                    let destination: RouteDestination = (try? IPPrefix(parsing: text)).map { .prefix($0) } ?? .serviceTag(text)
                    var route = Route(name: name, destination: destination, nextHopType: entry.nextHopType)
                    route.serviceAided = true
                    table.routes.append(route)
                }
                routeTables[tableID] = table
                added.append("routes to '\(tableID.name)'")
            }
            if !added.isEmpty {
                notes.append("service-aided configuration \(configuration.version) (\(configuration.msDate)) of managed instance subnet '\(subnet.virtualNetwork.name)/\(subnet.header.name)': Azure's network intent policy adds \(added.joined(separator: " and ")); they are in the model, marked service-aided")
            }
        }
        return notes
    }

    static func addressItem(_ text: String) -> AddressMatchItem {
        if text == "*" { return .any }
        if let prefix = try? IPPrefix(parsing: text) { return .prefix(prefix) }
        return .serviceTag(text)
    }
}
