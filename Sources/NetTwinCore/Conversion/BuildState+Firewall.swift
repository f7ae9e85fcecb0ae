/// Conversion of Azure Firewall, Firewall Policy rule collection groups and IP Groups
/// (azureFirewall.json, firewallPolicy.json, ipGroups.json in Azure/azure-rest-api-specs).
extension BuildState {
    func convertAzureFirewall(_ header: DocumentHeader) {
        let properties = header.properties
        var firewall = AzureFirewall(header: resourceHeader(header, type: ResourceType.azureFirewall))
        for configuration in properties?.array("ipConfigurations") ?? [] {
            let configurationProperties = configuration.child("properties") ?? configuration
            if firewall.subnet == nil, let subnet = configurationProperties.reference("subnet") {
                firewall.subnet = subnet
                expect(subnet, ResourceType.subnet, by: header.id, at: configurationProperties.child("subnet")?.location)
            }
            if firewall.privateIPAddress == nil { firewall.privateIPAddress = configurationProperties.address("privateIPAddress") }
            if let publicIP = configurationProperties.reference("publicIPAddress") { firewall.publicIPAddresses.append(publicIP) }
        }
        if firewall.privateIPAddress == nil {
            firewall.privateIPAddress = properties?.child("hubIPAddresses")?.address("privateIPAddress")
        }
        firewall.firewallPolicy = properties?.reference("firewallPolicy")
        expect(firewall.firewallPolicy, ResourceType.firewallPolicy, by: header.id, at: properties?.child("firewallPolicy")?.location)
        firewall.virtualHub = properties?.reference("virtualHub")
        firewall.threatIntelMode = properties?.string("threatIntelMode")
        if let ranges = properties?.child("additionalProperties")?.string("Network.SNAT.PrivateRanges") {
            firewall.snatPrivateRanges = ranges.split(separator: ",").map { String($0).trimmingWhitespace }
        }
        for (key, kind) in [("networkRuleCollections", FirewallRuleKind.network), ("applicationRuleCollections", .application), ("natRuleCollections", .nat)] {
            for item in properties?.array(key) ?? [] {
                let collectionProperties = item.child("properties") ?? item
                let name = item.string("name") ?? key
                let rules = collectionProperties.array("rules")
                firewall.ruleCollections.append(FirewallRuleCollection(
                    name: name, kind: kind, priority: priority(collectionProperties, what: "rule collection '\(name)'", owner: header.id, source: item.location),
                    action: collectionProperties.child("action")?.enumeration("type", as: FirewallRuleAction.self),
                    networkRules: kind == .network ? rules.compactMap { networkRule($0, protocolsKey: "protocols") } : [],
                    applicationRules: kind == .application ? rules.compactMap(applicationRule) : [],
                    natRules: kind == .nat ? rules.compactMap { natRule($0, protocolsKey: "protocols") } : [], source: item.location))
            }
        }
        topology.azureFirewalls[header.id] = firewall
    }

    func convertFirewallPolicy(_ header: DocumentHeader) {
        let properties = header.properties
        var policy = FirewallPolicy(header: resourceHeader(header, type: ResourceType.firewallPolicy))
        policy.basePolicy = properties?.reference("basePolicy")
        expect(policy.basePolicy, ResourceType.firewallPolicy, by: header.id, at: properties?.child("basePolicy")?.location)
        if let snat = properties?.child("snat"), snat.child("privateRanges") != nil {
            policy.snatPrivateRanges = snat.strings("privateRanges")
        }
        topology.firewallPolicies[header.id] = policy
    }

    func convertRuleCollectionGroup(_ properties: PropertyReader, id: ResourceID, name: String, source: SourceLocation) -> FirewallPolicyRuleCollectionGroup {
        var collections: [FirewallRuleCollection] = []
        for item in properties.array("ruleCollections") {
            let name = item.string("name") ?? "ruleCollection"
            let type = item.string("ruleCollectionType") ?? ""
            let rules = item.array("rules")
            var collection = FirewallRuleCollection(
                name: name, kind: .network, priority: priority(item, what: "rule collection '\(name)'", owner: id, source: item.location),
                action: item.child("action")?.enumeration("type", as: FirewallRuleAction.self), source: item.location)
            if type.lowercased() == "firewallpolicynatrulecollection" {
                collection.kind = .nat
                collection.natRules = rules.compactMap { natRule($0, protocolsKey: "ipProtocols") }
            } else {
                // A filter collection holds network rules or application rules (one type per collection).
                for rule in rules {
                    switch rule.string("ruleType")?.lowercased() {
                    case "applicationrule":
                        collection.kind = .application
                        if let converted = applicationRule(rule) { collection.applicationRules.append(converted) }
                    case "networkrule":
                        if let converted = networkRule(rule, protocolsKey: "ipProtocols") { collection.networkRules.append(converted) }
                    default:
                        sink.report(Diagnostic(
                            .warning, id: DiagnosticID.enumValueUnknown,
                            "rule '\(rule.string("name") ?? "(unnamed)")' has ruleType '\(rule.string("ruleType") ?? "(none)")'; expected 'NetworkRule' or 'ApplicationRule' in a filter rule collection; the rule is ignored",
                            at: rule.location, resource: id))
                    }
                }
            }
            collections.append(collection)
        }
        return FirewallPolicyRuleCollectionGroup(
            id: id, name: name, priority: priority(properties, what: "rule collection group '\(name)'", owner: id, source: source),
            ruleCollections: collections, source: source)
    }

    func convertIPGroup(_ header: DocumentHeader) {
        let texts = header.properties?.strings("ipAddresses") ?? []
        var addresses = IPAddressSet.empty
        for reader in header.properties?.array("ipAddresses") ?? [] {
            if case .addresses(let set, _)? = firewallAddressItem(reader, serviceTags: false) { addresses.formUnion(set) }
        }
        topology.ipGroups[header.id] = IPGroup(header: resourceHeader(header, type: ResourceType.ipGroup), addresses: addresses, texts: texts)
    }

    /// rule-processing.md: priorities are 100 (highest) to 65,000 (lowest).
    func priority(_ reader: PropertyReader, what: String, owner: ResourceID, source: SourceLocation) -> Int {
        guard let value = reader.int("priority") else {
            sink.report(Diagnostic(.error, id: DiagnosticID.resourceMissingField, "\(what) has no 'priority'; it is ordered last", at: source, resource: owner))
            return 65_001
        }
        if !(100...65_000).contains(value) {
            sink.report(Diagnostic(
                .error, id: DiagnosticID.firewallPriorityRange, "\(what) has priority \(value); Azure Firewall accepts 100 to 65000",
                at: reader.child("priority")?.location ?? source, resource: owner))
        }
        return Int(value)
    }

    /// A rule must be an object; anything else is reported and skipped.
    func isRuleObject(_ rule: PropertyReader) -> Bool {
        if rule.isObject { return true }
        rule.mismatch("a firewall rule object")
        return false
    }

    func natRule(_ rule: PropertyReader, protocolsKey: String) -> FirewallNatRule? {
        guard isRuleObject(rule) else { return nil }
        let name = rule.string("name") ?? "rule"
        let (ports, portTexts) = firewallPorts(rule)
        let (protocols, protocolTexts) = firewallProtocols(rule, key: protocolsKey, name: name, ports: ports)
        var translatedPort: UInt16?
        if let reader = rule.child("translatedPort") {
            // A string in the REST API ("8080"), a number in some templates.
            translatedPort = reader.node.stringValue != nil ? reader.string.flatMap { UInt16($0.trimmingWhitespace) } : reader.int.flatMap { UInt16(exactly: $0) }
            if translatedPort == nil {
                sink.report(Diagnostic(.error, id: DiagnosticID.invalidPort, "translatedPort of DNAT rule '\(name)' is not a port (0-65535)", at: reader.location, resource: rule.resource))
            }
        }
        return FirewallNatRule(
            name: name, protocols: protocols, protocolTexts: protocolTexts,
            source: addressMatch(rule, addresses: "sourceAddresses", groups: "sourceIpGroups", fqdns: nil),
            destinationAddresses: rule.strings("destinationAddresses"), destinationPorts: ports, destinationPortTexts: portTexts,
            translatedAddress: rule.string("translatedAddress"), translatedFqdn: rule.string("translatedFqdn"), translatedPort: translatedPort,
            sourceLocation: rule.location)
    }

    /// rule-processing.md: "Any IP protocol includes all the IP protocols ... If a destination port is explicitly
    /// configured, then the rule is translated to a TCP+UDP rule."
    func firewallProtocols(_ rule: PropertyReader, key: String, name: String, ports: PortSet) -> (ProtocolSet, [String]) {
        var protocols: ProtocolSet = []
        let texts = rule.strings(key)
        for text in texts {
            switch text.lowercased() {
            case "tcp": protocols.formUnion(.tcp)
            case "udp": protocols.formUnion(.udp)
            case "icmp": protocols.formUnion(.icmp)
            case "any": protocols.formUnion(ports == .all ? .any : [.tcp, .udp])
            default:
                sink.report(Diagnostic(
                    .error, id: DiagnosticID.invalidProtocol, "firewall rule '\(name)' has protocol '\(text)'; expected 'TCP', 'UDP', 'ICMP' or 'Any'",
                    at: rule.child(key)?.location ?? rule.location, resource: rule.resource))
            }
        }
        return (protocols, texts)
    }

    func firewallPorts(_ rule: PropertyReader) -> (PortSet, [String]) {
        var ports = PortSet.empty
        for reader in rule.array("destinationPorts") {
            guard let text = reader.string else { continue }
            do {
                ports.formUnion(try PortSet(parsing: text))
            } catch {
                sink.report(Diagnostic(.error, id: DiagnosticID.invalidPort, "\(error) (at '\(reader.pointer)')", at: reader.location, resource: rule.resource))
            }
        }
        return (ports, rule.strings("destinationPorts"))
    }

    func networkRule(_ rule: PropertyReader, protocolsKey: String) -> FirewallNetworkRule? {
        guard isRuleObject(rule) else { return nil }
        let name = rule.string("name") ?? "rule"
        let (ports, portTexts) = firewallPorts(rule)
        let (protocols, protocolTexts) = firewallProtocols(rule, key: protocolsKey, name: name, ports: ports)
        return FirewallNetworkRule(
            name: name, protocols: protocols, protocolTexts: protocolTexts,
            source: addressMatch(rule, addresses: "sourceAddresses", groups: "sourceIpGroups", fqdns: nil),
            destination: addressMatch(rule, addresses: "destinationAddresses", groups: "destinationIpGroups", fqdns: "destinationFqdns"),
            destinationPorts: ports, destinationPortTexts: portTexts)
    }

    func applicationRule(_ rule: PropertyReader) -> FirewallApplicationRule? {
        guard isRuleObject(rule) else { return nil }
        let protocols = rule.array("protocols").map { item in
            FirewallApplicationProtocol(type: item.string("protocolType") ?? "Https", port: item.int("port").flatMap { UInt16(exactly: $0) })
        }
        return FirewallApplicationRule(
            name: rule.string("name") ?? "rule", protocols: protocols, targetFqdns: rule.strings("targetFqdns"),
            fqdnTags: rule.strings("fqdnTags"), source: addressMatch(rule, addresses: "sourceAddresses", groups: "sourceIpGroups", fqdns: nil))
    }

    func addressMatch(_ rule: PropertyReader, addresses: String, groups: String, fqdns: String?) -> FirewallAddressMatch {
        let groupIDs = rule.array(groups).compactMap { reader -> ResourceID? in
            guard let text = reader.string else { return nil }
            let id = ResourceID(text)
            expect(id, ResourceType.ipGroup, by: rule.resource ?? id, at: reader.location)
            return id
        }
        return FirewallAddressMatch(
            items: rule.array(addresses).compactMap { firewallAddressItem($0, serviceTags: fqdns != nil) },
            ipGroups: groupIDs, fqdns: fqdns.map { rule.strings($0) } ?? [])
    }

    /// `*`, an address, a prefix, a range `a-b`, or (destinations) a service tag.
    func firewallAddressItem(_ reader: PropertyReader, serviceTags: Bool) -> FirewallAddressItem? {
        guard let text = reader.string?.trimmingWhitespace, !text.isEmpty else { return nil }
        if text == "*" { return .any }
        if let dash = text.firstIndex(of: "-"), looksLikeAddress(text) {
            let low = IPAddress(String(text[..<dash]).trimmingWhitespace)
            let high = IPAddress(String(text[text.index(after: dash)...]).trimmingWhitespace)
            if case .v4(let a)? = low, case .v4(let b)? = high, a.value <= b.value {
                return .addresses(IPAddressSet(v4: IPv4AddressSet(ranges: [a.value...b.value]), v6: .empty), text: text)
            }
            sink.report(Diagnostic(
                .error, id: DiagnosticID.invalidAddress, "'\(text)' at '\(reader.pointer)' is not a valid address range (expected 'first-last' with first <= last)",
                at: reader.location, resource: reader.resource))
            return nil
        }
        if looksLikeAddress(text) {
            guard let prefix = reader.prefix else { return nil }
            return .addresses(IPAddressSet(prefix), text: text)
        }
        if serviceTags { return .serviceTag(text) }
        sink.report(Diagnostic(
            .error, id: DiagnosticID.invalidAddress, "'\(text)' at '\(reader.pointer)' is not an address, prefix or range (service tags are accepted as destinations only)",
            at: reader.location, resource: reader.resource))
        return nil
    }
}
