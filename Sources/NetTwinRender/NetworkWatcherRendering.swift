import NetTwinCore

/// JSON in the shapes of Network Watcher's REST responses (azure-rest-api-specs,
/// specification/network/resource-manager/Microsoft.Network/stable/*/networkInterface.json and
/// networkWatcher.json), and readable text tables.
public enum NetworkWatcherRendering {
    // MARK: Effective routes (EffectiveRouteListResult)

    public static func effectiveRoutesJSON(_ table: EffectiveRouteTable) -> JSONValue {
        .object([
            member("value", .array(table.routes.map { route in
                var members: [JSONMember] = []
                if let name = route.name { members.append(member("name", .string(name))) }
                members += [
                    member("disableBgpRoutePropagation", .bool(table.disableBgpRoutePropagation)),
                    member("source", .string(route.source.rawValue)),
                    member("state", .string(route.state.rawValue)),
                    member("addressPrefix", .array(route.addressPrefixes.map { JSONNode(.string($0.description)) })),
                    member("nextHopIpAddress", .array(route.nextHopIpAddresses.map { JSONNode(.string($0.description)) })),
                    member("nextHopType", .string(route.nextHopType.rawValue)),
                ]
                // SQL MI service-aided routes (named Microsoft.Sql-managedInstances_UseOnly_mi-…) are marked.
                if route.name?.hasPrefix(ServiceAidedConfiguration.reservedPrefix) == true { members.append(member("serviceAided", .bool(true))) }
                return JSONNode(.object(members))
            }))
        ])
    }

    public static func effectiveRoutesText(_ table: EffectiveRouteTable, title: String) -> String {
        var out = [title + (table.disableBgpRoutePropagation ? " (gateway route propagation disabled)" : "")]
        var grid = TextTable(headers: ["SOURCE", "STATE", "ADDRESS PREFIX", "NEXT HOP TYPE", "NEXT HOP IP", "NAME"])
        for route in table.routes {
            let prefixes = route.addressPrefixes.count > 4
                ? route.addressPrefixes.prefix(3).map(\.description).joined(separator: ", ") + ", … (\(route.addressPrefixes.count) prefixes\(route.serviceTag.map { ", tag \($0)" } ?? ""))"
                : (route.addressPrefixes.isEmpty ? (route.serviceTag ?? "-") : route.addressPrefixes.map(\.description).joined(separator: ", "))
            grid.append([
                route.source.rawValue, route.state.rawValue, prefixes, route.nextHopType.rawValue,
                route.nextHopIpAddresses.isEmpty ? "-" : route.nextHopIpAddresses.map(\.description).joined(separator: ", "),
                (route.name ?? "-") + (route.name?.hasPrefix(ServiceAidedConfiguration.reservedPrefix) == true ? " [service-aided]" : ""),
            ])
        }
        out.append(grid.render())
        let invalid = table.routes.filter { $0.state == .invalid && $0.invalidReason != nil }
        if !invalid.isEmpty {
            out.append("")
            out.append("Invalid routes")
            for route in invalid {
                out.append("  \(route.addressPrefixes.prefix(3).map(\.description).joined(separator: ", ")) \(route.nextHopType.rawValue): \(route.invalidReason!)")
            }
        }
        for assumption in table.assumptions { out.append("note: \(assumption)") }
        return out.joined(separator: "\n") + "\n"
    }

    // MARK: Next hop (NextHopResult)

    public struct NextHop: Sendable {
        public var nextHopType: String
        public var nextHopIpAddress: String?
        /// The route table ID, or "System Route" when a system route decides.
        public var routeTableId: String
        public var route: EffectiveRoute?
        public var prefix: IPPrefix?
        public init(nextHopType: String, nextHopIpAddress: String?, routeTableId: String, route: EffectiveRoute?, prefix: IPPrefix?) {
            self.nextHopType = nextHopType
            self.nextHopIpAddress = nextHopIpAddress
            self.routeTableId = routeTableId
            self.route = route
            self.prefix = prefix
        }
    }

    public static func nextHop(in table: EffectiveRouteTable, destination: IPAddress) -> NextHop {
        guard let (prefix, route) = table.route(to: destination) else {
            return NextHop(nextHopType: "None", nextHopIpAddress: nil, routeTableId: "System Route", route: nil, prefix: nil)
        }
        return NextHop(
            nextHopType: route.nextHopType.rawValue, nextHopIpAddress: route.nextHopIpAddresses.first?.description,
            routeTableId: route.source == .user ? (route.routeTable?.text ?? "System Route") : "System Route", route: route, prefix: prefix)
    }

    public static func nextHopJSON(_ hop: NextHop) -> JSONValue {
        var members = [member("nextHopType", .string(hop.nextHopType))]
        if let ip = hop.nextHopIpAddress { members.append(member("nextHopIpAddress", .string(ip))) }
        members.append(member("routeTableId", .string(hop.routeTableId)))
        return .object(members)
    }

    public static func nextHopText(_ hop: NextHop, source: String, destination: String) -> String {
        var lines = ["Next hop from \(source) to \(destination): \(hop.nextHopType)\(hop.nextHopIpAddress.map { " \($0)" } ?? "")"]
        lines.append("  route table: \(hop.routeTableId)")
        if let route = hop.route, let prefix = hop.prefix {
            lines.append("  matched: \(prefix) (\(route.source.rawValue) route\(route.name.map { " '\($0)'" } ?? ""))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: Effective security rules (EffectiveNetworkSecurityGroupListResult)

    public struct EffectiveGroup: Sendable {
        public var networkSecurityGroup: ResourceID
        public var association: NSGAssociation
        public var rules: [CompiledSecurityRule]
        public init(networkSecurityGroup: ResourceID, association: NSGAssociation, rules: [CompiledSecurityRule]) {
            self.networkSecurityGroup = networkSecurityGroup
            self.association = association
            self.rules = rules
        }
    }

    static func protocolName(_ rule: SecurityRule) -> String {
        rule.protocols == .any ? "All" : rule.protocols.networkWatcherName
    }

    static func addressText(_ items: [AddressMatchItem]) -> [String] {
        items.map { item in
            switch item {
            case .any: "0.0.0.0/0"
            case .prefix(let prefix): prefix.description
            case .serviceTag(let tag): tag
            case .applicationSecurityGroup(let id): id.text
            }
        }
    }

    static func portText(_ texts: [String]) -> [String] { texts.map { $0 == "*" ? "0-65535" : $0 } }

    public static func effectiveRulesJSON(_ groups: [EffectiveGroup]) -> JSONValue {
        .object([
            member("value", .array(groups.map { group in
                var association: [JSONMember] = []
                switch group.association {
                case .subnet(let id): association.append(member("subnet", .object([member("id", .string(id.text))])))
                case .networkInterface(let id): association.append(member("networkInterface", .object([member("id", .string(id.text))])))
                }
                let rules = group.rules.map { compiled -> JSONNode in
                    let rule = compiled.rule
                    let sources = addressText(rule.source)
                    let destinations = addressText(rule.destination)
                    let sourcePorts = portText(rule.sourcePortTexts)
                    let destinationPorts = portText(rule.destinationPortTexts)
                    var members = [
                        member("name", .string(compiled.qualifiedName)),
                        member("protocol", .string(protocolName(rule))),
                        member("sourcePortRange", .string(sourcePorts.count == 1 ? sourcePorts[0] : "")),
                        member("destinationPortRange", .string(destinationPorts.count == 1 ? destinationPorts[0] : "")),
                        member("sourcePortRanges", .array(sourcePorts.map { JSONNode(.string($0)) })),
                        member("destinationPortRanges", .array(destinationPorts.map { JSONNode(.string($0)) })),
                        member("sourceAddressPrefix", .string(sources.count == 1 ? sources[0] : "")),
                        member("destinationAddressPrefix", .string(destinations.count == 1 ? destinations[0] : "")),
                        member("sourceAddressPrefixes", .array(sources.map { JSONNode(.string($0)) })),
                        member("destinationAddressPrefixes", .array(destinations.map { JSONNode(.string($0)) })),
                        member("expandedSourceAddressPrefix", .array(compiled.sourceAddresses.prefixes.map { JSONNode(.string($0.description)) })),
                        member("expandedDestinationAddressPrefix", .array(compiled.destinationAddresses.prefixes.map { JSONNode(.string($0.description)) })),
                        member("access", .string(rule.access.rawValue)),
                        member("priority", .integer(Int64(rule.priority))),
                        member("direction", .string(rule.direction.rawValue)),
                    ]
                    // SQL MI service-aided rules (network intent policy) are marked.
                    if rule.serviceAided || rule.name.hasPrefix(ServiceAidedConfiguration.reservedPrefix) { members.append(member("serviceAided", .bool(true))) }
                    return JSONNode(.object(members))
                }
                return JSONNode(.object([
                    member("networkSecurityGroup", .object([member("id", .string(group.networkSecurityGroup.text))])),
                    member("association", .object(association)),
                    member("effectiveSecurityRules", .array(rules)),
                ]))
            }))
        ])
    }

    public static func effectiveRulesText(_ groups: [EffectiveGroup], title: String) -> String {
        var out = [title]
        if groups.isEmpty { out.append("  no network security group applies: all traffic is allowed") }
        for group in groups {
            let association: String
            switch group.association {
            case .subnet(let id): association = "subnet \(id.parent?.name ?? "")/\(id.name)"
            case .networkInterface(let id): association = "network interface \(id.name)"
            }
            out.append("")
            out.append("\(group.networkSecurityGroup.name) (associated with \(association))")
            var grid = TextTable(headers: ["DIRECTION", "PRIORITY", "NAME", "ACCESS", "PROTOCOL", "SOURCE", "SOURCE PORTS", "DESTINATION", "DESTINATION PORTS"])
            for compiled in group.rules {
                let rule = compiled.rule
                grid.append([
                    rule.direction.rawValue, String(rule.priority),
                    compiled.qualifiedName + (rule.serviceAided || rule.name.hasPrefix(ServiceAidedConfiguration.reservedPrefix) ? " [service-aided]" : ""),
                    rule.access.rawValue, protocolName(rule),
                    addressText(rule.source).joined(separator: ","), portText(rule.sourcePortTexts).joined(separator: ","),
                    addressText(rule.destination).joined(separator: ","), portText(rule.destinationPortTexts).joined(separator: ","),
                ])
            }
            out.append(grid.render())
        }
        return out.joined(separator: "\n") + "\n"
    }

    // MARK: IP flow verify (VerificationIPFlowResult)

    public static func flowJSON(_ evaluation: IPFlowVerifier.Evaluation, explain: Bool) -> JSONValue {
        var members = [member("access", .string(evaluation.access.rawValue)), member("ruleName", .string(evaluation.ruleName ?? ""))]
        if explain {
            members.append(member("explanation", .array(evaluation.groups.map { group in
                JSONNode(.object([
                    member("networkSecurityGroup", .string(group.networkSecurityGroup.text)),
                    member("access", .string(group.access.rawValue)),
                    member("decidingRule", group.decidingRule.map { .string($0.qualifiedName) } ?? .null),
                    member("rules", .array(group.rules.map { item in
                        JSONNode(.object([
                            member("name", .string(item.rule.qualifiedName)),
                            member("priority", .integer(Int64(item.rule.rule.priority))),
                            member("access", .string(item.rule.rule.access.rawValue)),
                            member("protocolMatched", .bool(item.match.protocol)),
                            member("sourceMatched", .bool(item.match.sourceAddress)),
                            member("sourcePortMatched", .bool(item.match.sourcePort)),
                            member("destinationMatched", .bool(item.match.destinationAddress)),
                            member("destinationPortMatched", .bool(item.match.destinationPort)),
                            member("matched", .bool(item.match.all)),
                        ]))
                    })),
                ]))
            })))
            members.append(member("notes", .array(evaluation.notes.map { JSONNode(.string($0)) })))
        }
        return .object(members)
    }

    public static func flowText(_ evaluation: IPFlowVerifier.Evaluation, question: String, explain: Bool) -> String {
        var out = ["\(question): \(evaluation.access.rawValue)\(evaluation.ruleName.map { " by \($0)" } ?? "")\(evaluation.decidingGroup.map { " (\($0.name))" } ?? "")"]
        for note in evaluation.notes { out.append("note: \(note)") }
        if explain {
            for group in evaluation.groups {
                out.append("")
                out.append("\(group.networkSecurityGroup.name): \(group.access.rawValue)")
                var grid = TextTable(headers: ["PRIORITY", "RULE", "ACCESS", "PROTOCOL", "SOURCE", "SRC PORT", "DESTINATION", "DST PORT", "RESULT"])
                func mark(_ value: Bool) -> String { value ? "yes" : "no" }
                for item in group.rules {
                    let isDeciding = group.decidingRule?.qualifiedName == item.rule.qualifiedName
                    grid.append([
                        String(item.rule.rule.priority), item.rule.qualifiedName, item.rule.rule.access.rawValue, mark(item.match.protocol),
                        mark(item.match.sourceAddress), mark(item.match.sourcePort), mark(item.match.destinationAddress),
                        mark(item.match.destinationPort), isDeciding ? "DECIDES" : (item.match.all ? "matched" : "-"),
                    ])
                }
                out.append(grid.render())
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// A gateway's advertised or learned routes: GatewayRouteListResult's `value` (`network`, `origin`, `sourcePeer`), plus
    /// `note` for what the configuration does not hold and `rejected` for a learned prefix that is not installed.
    public static func gatewayRoutesJSON(_ view: GatewayBGPView, advertised: Bool) -> JSONValue {
        let entries = advertised ? view.advertised : view.learned
        return .object([
            member("value", .array(entries.map { entry in
                var members = [member("network", entry.prefix.map { .string($0.description) } ?? .null), member("origin", .string(entry.origin))]
                if let connection = entry.connection { members.append(member("sourcePeer", .string(connection.name))) }
                if let rejected = entry.rejected { members.append(member("rejected", .string(rejected))) }
                if advertised && !view.bgpEnabled { members.append(member("staticOnly", .bool(true))) }
                return JSONNode(.object(members))
            })),
            member("notes", .array(view.notes.map { JSONNode(.string($0)) })),
        ])
    }

    public static func gatewayRoutesText(_ view: GatewayBGPView, advertised: Bool) -> String {
        var out = ["Routes \(advertised ? "advertised to on-premises by" : "learned from on-premises by") gateway \(view.gateway.name)"]
        var grid = TextTable(headers: ["NETWORK", "ORIGIN", "STATE"])
        for entry in advertised ? view.advertised : view.learned {
            grid.append([entry.prefix?.description ?? "-", entry.origin, entry.rejected.map { "rejected: \($0)" } ?? (entry.prefix == nil ? "-" : (advertised ? (view.bgpEnabled ? "advertised" : "static on-premises (no BGP)") : "installed"))])
        }
        out.append(grid.render())
        for note in view.notes { out.append("note: \(note)") }
        return out.joined(separator: "\n") + "\n"
    }
}
