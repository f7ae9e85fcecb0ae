/// Conversion of the `Microsoft.Network` resources that make up virtual networks.
extension BuildState {
    func convertVirtualNetwork(_ header: DocumentHeader) {
        let properties = header.properties
        let vnetHeader = resourceHeader(header, type: ResourceType.virtualNetwork)
        var vnet = VirtualNetwork(header: vnetHeader)
        vnet.addressSpace = properties?.child("addressSpace")?.prefixes("addressPrefixes") ?? []
        vnet.dnsServers = properties?.child("dhcpOptions")?.array("dnsServers").compactMap(\.address) ?? []
        vnet.enableDdosProtection = properties?.bool("enableDdosProtection") ?? false
        for item in properties?.array("subnets") ?? [] {
            guard let name = item.string("name") else {
                item.mismatch("a subnet object with a 'name'")
                continue
            }
            let id = item.child("id")?.resourceID ?? header.id.child("subnets", name)
            let subnet = convertSubnet(item.child("properties") ?? item, id: id, name: name, virtualNetwork: header.id, source: item.location, location: vnetHeader.location)
            addSubnet(subnet, source: item.location)
            vnet.subnets.append(id)
        }
        for item in properties?.array("virtualNetworkPeerings") ?? [] {
            guard let name = item.string("name") else {
                item.mismatch("a peering object with a 'name'")
                continue
            }
            let id = item.child("id")?.resourceID ?? header.id.child("virtualNetworkPeerings", name)
            var peering = convertPeering(item.child("properties") ?? item, id: id, name: name, local: header.id, source: item.location)
            peering.header.location = vnetHeader.location
            addPeering(peering, source: item.location)
            vnet.peerings.append(id)
        }
        topology.virtualNetworks[header.id] = vnet
    }

    func convertSubnet(_ properties: PropertyReader, id: ResourceID, name: String, virtualNetwork: ResourceID, source: SourceLocation, location: String? = nil) -> Subnet {
        var prefixes: [IPPrefix] = []
        if let single = properties.child("addressPrefix")?.prefix { prefixes.append(single) }
        for prefix in properties.prefixes("addressPrefixes") where !prefixes.contains(prefix) { prefixes.append(prefix) }
        if properties.child("addressPrefix") == nil && properties.child("addressPrefixes") == nil {
            sink.report(Diagnostic(
                .warning, id: DiagnosticID.resourceMissingField,
                "subnet '\(name)' has neither 'addressPrefix' nor 'addressPrefixes'", at: source, resource: id))
        }
        let nsg = properties.reference("networkSecurityGroup")
        expect(nsg, ResourceType.networkSecurityGroup, by: id, at: properties.child("networkSecurityGroup")?.location)
        let routeTable = properties.reference("routeTable")
        expect(routeTable, ResourceType.routeTable, by: id, at: properties.child("routeTable")?.location)
        let endpoints = properties.array("serviceEndpoints").compactMap { item -> ServiceEndpoint? in
            guard let service = item.string("service") else { return nil }
            return ServiceEndpoint(service: service, locations: item.strings("locations").map(Region.normalize))
        }
        let delegations = properties.array("delegations").compactMap { item in
            (item.child("properties") ?? item).string("serviceName")
        }
        let policies = properties.enumeration("privateEndpointNetworkPolicies", as: PrivateEndpointNetworkPolicies.self) ?? .disabled
        let header = ResourceHeader(id: id, name: name, type: ResourceType.subnet, location: location ?? topology.virtualNetworks[virtualNetwork]?.header.location, source: source)
        return Subnet(
            header: header, virtualNetwork: virtualNetwork, addressPrefixes: prefixes, networkSecurityGroup: nsg,
            routeTable: routeTable, natGateway: properties.reference("natGateway"), serviceEndpoints: endpoints,
            serviceEndpointPolicies: properties.references("serviceEndpointPolicies"), delegations: delegations,
            privateEndpointNetworkPolicies: policies,
            privateLinkServiceNetworkPolicies: properties.string("privateLinkServiceNetworkPolicies"),
            defaultOutboundAccess: properties.bool("defaultOutboundAccess"))
    }

    func addSubnet(_ subnet: Subnet, source: SourceLocation) {
        var subnet = subnet
        if subnet.header.location == nil { subnet.header.location = topology.virtualNetworks[subnet.virtualNetwork]?.header.location }
        topology.subnets[subnet.id] = subnet
    }

    func convertPeering(_ properties: PropertyReader, id: ResourceID, name: String, local: ResourceID, source: SourceLocation) -> VirtualNetworkPeering {
        let remote = properties.reference("remoteVirtualNetwork")
        expect(remote, ResourceType.virtualNetwork, by: id, at: properties.child("remoteVirtualNetwork")?.location)
        return VirtualNetworkPeering(
            header: ResourceHeader(id: id, name: name, type: ResourceType.peering, location: topology.virtualNetworks[local]?.header.location, source: source),
            localVirtualNetwork: local, remoteVirtualNetwork: remote,
            allowVirtualNetworkAccess: properties.bool("allowVirtualNetworkAccess") ?? true,
            allowForwardedTraffic: properties.bool("allowForwardedTraffic") ?? false,
            allowGatewayTransit: properties.bool("allowGatewayTransit") ?? false,
            useRemoteGateways: properties.bool("useRemoteGateways") ?? false,
            peeringState: properties.enumeration("peeringState", as: PeeringState.self),
            remoteAddressSpace: properties.child("remoteAddressSpace")?.prefixes("addressPrefixes") ?? [])
    }

    func addPeering(_ peering: VirtualNetworkPeering, source: SourceLocation) {
        topology.peerings[peering.id] = peering
    }

    func convertNetworkSecurityGroup(_ header: DocumentHeader) {
        let properties = header.properties
        var nsg = NetworkSecurityGroup(header: resourceHeader(header, type: ResourceType.networkSecurityGroup))
        for item in properties?.array("securityRules") ?? [] {
            guard let name = item.string("name") else {
                item.mismatch("a security rule object with a 'name'")
                continue
            }
            // The rule's own ID is not kept (it is the NSG's ID + /securityRules/NAME); not parsing
            // half a million IDs matters at enterprise scale.
            if let rule = convertSecurityRule(item.child("properties") ?? item, id: nil, name: name, isDefault: false, source: item.location, owner: header.id) {
                nsg.securityRules.append(rule)
            }
        }
        if let defaults = properties?.child("defaultSecurityRules")?.array, !defaults.isEmpty {
            var rules: [SecurityRule] = []
            for item in defaults {
                guard let name = item.string("name") else { continue }
                if let rule = convertSecurityRule(item.child("properties") ?? item, id: header.id.child("defaultSecurityRules", name), name: name, isDefault: true, source: item.location, owner: header.id) {
                    rules.append(rule)
                }
            }
            nsg.defaultSecurityRules = rules
        }
        topology.networkSecurityGroups[header.id] = nsg
    }

    /// One address item of a rule: `*`, a prefix or address, a service tag.
    func addressItem(_ text: String, reader: PropertyReader) -> AddressMatchItem? {
        if let cached = addressCache[text] { return cached }
        let item = parseAddressItem(text, reader: reader)
        // Only valid items are cached, so that every invalid one is reported where it is.
        if item != nil { addressCache[text] = item }
        return item
    }

    func parseAddressItem(_ text: String, reader: PropertyReader) -> AddressMatchItem? {
        let trimmed = text.trimmingWhitespace
        if trimmed == "*" || trimmed.lowercased() == "any" { return .any }
        if looksLikeAddress(trimmed) {
            guard let prefix = reader.prefix else { return nil }
            return .prefix(prefix)
        }
        return .serviceTag(trimmed)
    }

    /// An address or prefix starts with a digit (IPv4) or holds ':' (IPv6) or '/'; a service tag does not.
    func looksLikeAddress(_ text: String) -> Bool {
        guard let first = text.utf8.first else { return false }
        if first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9") { return true }
        return text.utf8.contains(UInt8(ascii: ":")) || text.utf8.contains(UInt8(ascii: "/"))
    }

    /// True when the rule has no non-empty list under `key` (the common case: one prefix, one port range).
    func hasNoList(_ list: PropertyReader?) -> Bool {
        guard let list else { return true }
        return list.node.arrayValue?.isEmpty ?? false
    }

    func addressItems(single: PropertyReader?, list: PropertyReader?, groups: PropertyReader?, owner properties: PropertyReader) -> [AddressMatchItem] {
        // One address and nothing else: the arrays are shared between the rules that use the same text.
        if hasNoList(list), hasNoList(groups), let reader = single, let text = reader.string, !text.isEmpty {
            if let cached = singleAddressCache[text] { return cached }
            guard let item = addressItem(text, reader: reader) else { return [] }
            singleAddressCache[text] = [item]
            return [item]
        }
        var items: [AddressMatchItem] = []
        if let reader = single, let text = reader.string, !text.isEmpty {
            if let item = addressItem(text, reader: reader) { items.append(item) }
        }
        for reader in list?.array ?? [] {
            guard let text = reader.string else { continue }
            if let item = addressItem(text, reader: reader) { items.append(item) }
        }
        if let groups {
            for group in groups.referenceList {
                items.append(.applicationSecurityGroup(group))
                expect(group, ResourceType.applicationSecurityGroup, by: properties.resource ?? group, at: groups.location)
            }
        }
        return items
    }

    func ports(single: PropertyReader?, list: PropertyReader?, owner properties: PropertyReader) -> (PortSet, [String]) {
        // One range and no list: the set and the text array are shared between the rules that use the same text.
        let noList = hasNoList(list)
        if noList, let reader = single, let text = reader.string, !text.isEmpty, let cached = singlePortCache[text] {
            return cached
        }
        var texts: [String] = []
        var set = PortSet.empty
        var readers: [PropertyReader] = []
        var failed = false
        if let reader = single, let text = reader.string, !text.isEmpty { readers.append(reader); texts.append(text) }
        for reader in list?.array ?? [] {
            if let text = reader.string { readers.append(reader); texts.append(text) }
        }
        for (reader, text) in zip(readers, texts) {
            if let cached = portCache[text] {
                set = texts.count == 1 ? cached : set.union(cached)
                continue
            }
            do {
                let parsed = try PortSet(parsing: text)
                portCache[text] = parsed
                set = texts.count == 1 ? parsed : set.union(parsed)
            } catch {
                sink.report(Diagnostic(
                    .error, id: DiagnosticID.invalidPort, "\(error) (at '\(reader.pointer)')", at: reader.location,
                    resource: properties.resource, azureErrorCode: "SecurityRuleInvalidPortRange"))
                failed = true
            }
        }
        // Only a valid text is shared, so that every invalid one is reported where it is.
        if !failed && texts.count == 1 && noList { singlePortCache[texts[0]] = (set, texts) }
        return (set, texts)
    }

    /// The members of a security rule's properties, found in one pass over the object (rather than one
    /// case-insensitive search per property: half a million rules at enterprise scale). As `member(caseInsensitive:)`,
    /// a key spelled exactly as documented wins over another spelling of it.
    struct SecurityRuleMembers {
        static let keys = ["priority", "direction", "access", "protocol", "sourcePortRange", "sourcePortRanges", "destinationPortRange",
                           "destinationPortRanges", "sourceAddressPrefix", "sourceAddressPrefixes", "destinationAddressPrefix",
                           "destinationAddressPrefixes", "sourceApplicationSecurityGroups", "destinationApplicationSecurityGroups", "description"]
        var priority, direction, access, protocolValue, sourcePortRange, sourcePortRanges, destinationPortRange, destinationPortRanges: PropertyReader?
        var sourceAddressPrefix, sourceAddressPrefixes, destinationAddressPrefix, destinationAddressPrefixes: PropertyReader?
        var sourceApplicationSecurityGroups, destinationApplicationSecurityGroups, description: PropertyReader?

        /// The index in `keys` of a member name, case-insensitively; candidates are picked by length first.
        static func index(of key: String) -> Int? {
            let first: Int, second: Int
            switch key.utf8.count {
            case 6: (first, second) = (2, -1)
            case 8: (first, second) = (0, 3)
            case 9: (first, second) = (1, -1)
            case 11: (first, second) = (14, -1)
            case 15: (first, second) = (4, -1)
            case 16: (first, second) = (5, -1)
            case 19: (first, second) = (8, -1)
            case 20: (first, second) = (6, -1)
            case 21: (first, second) = (7, 9)
            case 24: (first, second) = (10, -1)
            case 26: (first, second) = (11, -1)
            case 31: (first, second) = (12, -1)
            case 36: (first, second) = (13, -1)
            default: return nil
            }
            if key == keys[first] || JSONNode.equalsIgnoringCase(key, keys[first]) { return first }
            if second >= 0, key == keys[second] || JSONNode.equalsIgnoringCase(key, keys[second]) { return second }
            return nil
        }

        init(_ properties: PropertyReader) {
            guard let members = properties.node.objectValue else { return }
            // Bit i: key i found (spelled exactly); no allocation per rule.
            var exact: UInt32 = 0, found: UInt32 = 0
            for member in members {
                guard let index = Self.index(of: member.key) else { continue }
                let bit = UInt32(1) << UInt32(index)
                let isExact = member.key == Self.keys[index]
                // The first exact spelling, else the first other spelling.
                if exact & bit != 0 || (found & bit != 0 && !isExact) { continue }
                found |= bit
                if isExact { exact |= bit }
                set(index, properties.child(Self.keys[index], found: member.value))
            }
        }

        mutating func set(_ index: Int, _ reader: PropertyReader?) {
            switch index {
            case 0: priority = reader
            case 1: direction = reader
            case 2: access = reader
            case 3: protocolValue = reader
            case 4: sourcePortRange = reader
            case 5: sourcePortRanges = reader
            case 6: destinationPortRange = reader
            case 7: destinationPortRanges = reader
            case 8: sourceAddressPrefix = reader
            case 9: sourceAddressPrefixes = reader
            case 10: destinationAddressPrefix = reader
            case 11: destinationAddressPrefixes = reader
            case 12: sourceApplicationSecurityGroups = reader
            case 13: destinationApplicationSecurityGroups = reader
            default: description = reader
            }
        }
    }

    func convertSecurityRule(_ properties: PropertyReader, id: ResourceID?, name: String, isDefault: Bool, source: SourceLocation, owner: ResourceID) -> SecurityRule? {
        let id = id ?? owner
        let members = SecurityRuleMembers(properties)
        guard let priority = members.priority?.int else {
            sink.report(Diagnostic(.error, id: DiagnosticID.resourceMissingField, "security rule '\(name)' has no 'priority'; the rule is ignored", at: source, resource: id))
            return nil
        }
        guard let direction = members.direction?.enumerationValue(as: SecurityRuleDirection.self) else {
            sink.report(Diagnostic(.error, id: DiagnosticID.resourceMissingField, "security rule '\(name)' has no valid 'direction' ('Inbound' or 'Outbound'); the rule is ignored", at: source, resource: id))
            return nil
        }
        guard let access = members.access?.enumerationValue(as: SecurityRuleAccess.self) else {
            sink.report(Diagnostic(.error, id: DiagnosticID.resourceMissingField, "security rule '\(name)' has no valid 'access' ('Allow' or 'Deny'); the rule is ignored", at: source, resource: id))
            return nil
        }
        let protocolText = members.protocolValue?.string ?? "*"
        guard let protocols = ProtocolSet(nsgProtocol: protocolText) else {
            sink.report(Diagnostic(
                .error, id: DiagnosticID.invalidProtocol,
                "security rule '\(name)' has protocol '\(protocolText)'; expected one of 'Tcp', 'Udp', 'Icmp', 'Esp', 'Ah', '*'; the rule is ignored",
                at: members.protocolValue?.location ?? source, resource: id))
            return nil
        }
        let (sourcePorts, sourcePortTexts) = ports(single: members.sourcePortRange, list: members.sourcePortRanges, owner: properties)
        let (destinationPorts, destinationPortTexts) = ports(single: members.destinationPortRange, list: members.destinationPortRanges, owner: properties)
        return SecurityRule(
            id: isDefault || id != owner ? id : nil, name: name, priority: Int(priority), direction: direction, access: access, protocols: protocols,
            protocolText: protocolText,
            source: addressItems(single: members.sourceAddressPrefix, list: members.sourceAddressPrefixes, groups: members.sourceApplicationSecurityGroups, owner: properties),
            destination: addressItems(single: members.destinationAddressPrefix, list: members.destinationAddressPrefixes, groups: members.destinationApplicationSecurityGroups, owner: properties),
            sourcePorts: sourcePorts, destinationPorts: destinationPorts, sourcePortTexts: sourcePortTexts,
            destinationPortTexts: destinationPortTexts, description: members.description?.string, isDefault: isDefault,
            sourceLocation: source)
    }

    func convertRouteTable(_ header: DocumentHeader) {
        let properties = header.properties
        var table = RouteTable(header: resourceHeader(header, type: ResourceType.routeTable))
        table.disableBgpRoutePropagation = properties?.bool("disableBgpRoutePropagation") ?? false
        for item in properties?.array("routes") ?? [] {
            guard let name = item.string("name") else {
                item.mismatch("a route object with a 'name'")
                continue
            }
            let id = item.child("id")?.resourceID ?? header.id.child("routes", name)
            if let route = convertRoute(item.child("properties") ?? item, id: id, name: name, source: item.location) {
                table.routes.append(route)
            }
        }
        topology.routeTables[header.id] = table
    }

    func convertRoute(_ properties: PropertyReader, id: ResourceID, name: String, source: SourceLocation) -> Route? {
        guard let prefixReader = properties.child("addressPrefix"), let text = prefixReader.string else {
            sink.report(Diagnostic(.error, id: DiagnosticID.resourceMissingField, "route '\(name)' has no 'addressPrefix'; the route is ignored", at: source, resource: id))
            return nil
        }
        let destination: RouteDestination
        if looksLikeAddress(text) {
            guard let prefix = prefixReader.prefix else { return nil }
            destination = .prefix(prefix)
        } else {
            destination = .serviceTag(text)
        }
        guard let nextHopType = properties.enumeration("nextHopType", as: RouteNextHopType.self) else {
            sink.report(Diagnostic(.error, id: DiagnosticID.resourceMissingField, "route '\(name)' has no valid 'nextHopType' (one of \(RouteNextHopType.acceptedValues)); the route is ignored", at: source, resource: id))
            return nil
        }
        let nextHop = properties.address("nextHopIpAddress")
        if nextHopType == .virtualAppliance && nextHop == nil {
            sink.report(Diagnostic(
                .error, id: DiagnosticID.routeNextHopAddress,
                "route '\(name)' has next hop type 'VirtualAppliance' but no 'nextHopIpAddress'",
                at: source, resource: id))
        }
        return Route(id: id, name: name, destination: destination, nextHopType: nextHopType, nextHopIpAddress: nextHop, sourceLocation: source)
    }

    func convertNetworkInterface(_ header: DocumentHeader) {
        let properties = header.properties
        var nic = NetworkInterface(header: resourceHeader(header, type: ResourceType.networkInterface))
        nic.enableIPForwarding = properties?.bool("enableIPForwarding") ?? false
        nic.networkSecurityGroup = properties?.reference("networkSecurityGroup")
        expect(nic.networkSecurityGroup, ResourceType.networkSecurityGroup, by: header.id, at: properties?.child("networkSecurityGroup")?.location)
        nic.virtualMachine = properties?.reference("virtualMachine")
        nic.privateEndpoint = properties?.reference("privateEndpoint")
        nic.dnsServers = properties?.child("dnsSettings")?.array("dnsServers").compactMap(\.address) ?? []
        for item in properties?.array("ipConfigurations") ?? [] {
            let itemProperties = item.child("properties") ?? item
            let name = item.string("name") ?? "ipconfig"
            let subnet = itemProperties.reference("subnet")
            expect(subnet, ResourceType.subnet, by: header.id, at: itemProperties.child("subnet")?.location)
            let groups = itemProperties.references("applicationSecurityGroups")
            for group in groups { expect(group, ResourceType.applicationSecurityGroup, by: header.id, at: itemProperties.child("applicationSecurityGroups")?.location) }
            let publicIP = itemProperties.reference("publicIPAddress")
            expect(publicIP, ResourceType.publicIPAddress, by: header.id, at: itemProperties.child("publicIPAddress")?.location)
            nic.ipConfigurations.append(NetworkInterfaceIPConfiguration(
                id: item.child("id")?.resourceID, name: name, subnet: subnet,
                privateIPAddress: itemProperties.address("privateIPAddress"),
                privateIPAllocationMethod: itemProperties.string("privateIPAllocationMethod"), publicIPAddress: publicIP,
                primary: itemProperties.bool("primary") ?? false, applicationSecurityGroups: groups,
                loadBalancerBackendAddressPools: itemProperties.references("loadBalancerBackendAddressPools")))
        }
        topology.networkInterfaces[header.id] = nic
    }

    func convertPublicIPAddress(_ header: DocumentHeader) {
        let properties = header.properties
        topology.publicIPAddresses[header.id] = PublicIPAddress(
            header: resourceHeader(header, type: ResourceType.publicIPAddress), ipAddress: properties?.address("ipAddress"),
            allocationMethod: properties?.string("publicIPAllocationMethod"), sku: header.root.child("sku")?.string("name"),
            ipConfiguration: properties?.reference("ipConfiguration"),
            fqdn: properties?.child("dnsSettings")?.string("fqdn"))
    }

    func convertVirtualMachine(_ header: DocumentHeader) {
        let nics = header.properties?.child("networkProfile")?.references("networkInterfaces") ?? []
        for nic in nics { expect(nic, ResourceType.networkInterface, by: header.id, at: header.properties?.child("networkProfile")?.location) }
        topology.virtualMachines[header.id] = VirtualMachine(header: resourceHeader(header, type: ResourceType.virtualMachine), networkInterfaces: nics)
    }

    func bgpSettings(_ reader: PropertyReader?) -> BgpSettings? {
        guard let reader else { return nil }
        return BgpSettings(asn: reader.int("asn"), bgpPeeringAddress: reader.string("bgpPeeringAddress"), peerWeight: reader.int("peerWeight"))
    }

    func convertVirtualNetworkGateway(_ header: DocumentHeader) {
        let properties = header.properties
        var gateway = VirtualNetworkGateway(header: resourceHeader(header, type: ResourceType.virtualNetworkGateway))
        gateway.gatewayType = properties?.string("gatewayType")
        gateway.vpnType = properties?.string("vpnType")
        gateway.sku = properties?.child("sku")?.string("name")
        gateway.enableBgp = properties?.bool("enableBgp") ?? false
        gateway.activeActive = properties?.bool("activeActive") ?? false
        gateway.bgpSettings = bgpSettings(properties?.child("bgpSettings"))
        gateway.vpnClientAddressPool = properties?.path("vpnClientConfiguration", "vpnClientAddressPool")?.prefixes("addressPrefixes") ?? []
        for item in properties?.array("ipConfigurations") ?? [] {
            let itemProperties = item.child("properties") ?? item
            let subnet = itemProperties.reference("subnet")
            expect(subnet, ResourceType.subnet, by: header.id, at: itemProperties.child("subnet")?.location)
            let publicIP = itemProperties.reference("publicIPAddress")
            expect(publicIP, ResourceType.publicIPAddress, by: header.id, at: itemProperties.child("publicIPAddress")?.location)
            gateway.ipConfigurations.append(GatewayIPConfiguration(
                name: item.string("name") ?? "ipconfig", subnet: subnet, publicIPAddress: publicIP,
                privateIPAddress: itemProperties.address("privateIPAddress")))
        }
        topology.virtualNetworkGateways[header.id] = gateway
    }

    func convertLocalNetworkGateway(_ header: DocumentHeader) {
        let properties = header.properties
        topology.localNetworkGateways[header.id] = LocalNetworkGateway(
            header: resourceHeader(header, type: ResourceType.localNetworkGateway),
            gatewayIpAddress: properties?.address("gatewayIpAddress"), fqdn: properties?.string("fqdn"),
            addressSpace: properties?.child("localNetworkAddressSpace")?.prefixes("addressPrefixes") ?? [],
            bgpSettings: bgpSettings(properties?.child("bgpSettings")))
    }

    func convertConnection(_ header: DocumentHeader) {
        let properties = header.properties
        var connection = VirtualNetworkGatewayConnection(header: resourceHeader(header, type: ResourceType.connection))
        connection.connectionType = properties?.enumeration("connectionType", as: VirtualNetworkGatewayConnection.ConnectionType.self)
        connection.virtualNetworkGateway1 = properties?.reference("virtualNetworkGateway1")
        connection.virtualNetworkGateway2 = properties?.reference("virtualNetworkGateway2")
        connection.localNetworkGateway2 = properties?.reference("localNetworkGateway2")
        connection.peer = properties?.reference("peer")
        expect(connection.virtualNetworkGateway1, ResourceType.virtualNetworkGateway, by: header.id, at: properties?.child("virtualNetworkGateway1")?.location)
        expect(connection.virtualNetworkGateway2, ResourceType.virtualNetworkGateway, by: header.id, at: properties?.child("virtualNetworkGateway2")?.location)
        expect(connection.localNetworkGateway2, ResourceType.localNetworkGateway, by: header.id, at: properties?.child("localNetworkGateway2")?.location)
        connection.enableBgp = properties?.bool("enableBgp") ?? false
        connection.connectionStatus = properties?.string("connectionStatus")
        connection.routingWeight = properties?.int("routingWeight")
        topology.connections[header.id] = connection
    }
}

extension String {
    var trimmingWhitespace: String {
        func isSpace(_ byte: UInt8?) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        if !isSpace(utf8.first) && !isSpace(utf8.last) && (utf8.first ?? 0) < 0x80 && (utf8.last ?? 0) < 0x80 { return self }
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
