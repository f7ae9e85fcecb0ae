import Dispatch

/// Turns resource documents into the typed `Topology`: converts each document, merges child
/// resources given inline (subnets in a VNet's properties) with those given as separate documents
/// (`Microsoft.Network/virtualNetworks/subnets`, name `vnet/subnet`), links references, records
/// references to resources missing from the input, and validates what Azure's own deployment
/// validation would reject.
public struct TopologyBuilder: Sendable {
    /// From this many NSG documents on, NSGs are converted on two threads (`Int.max`: never).
    public var parallelThreshold: Int

    /// From this many NSG documents on, they are converted on two threads, each with its own state, then
    /// merged: at enterprise scale their rules are most of the model (10,000 NSGs × 50 rules: 70% of the build).
    public static let defaultParallelThreshold = 1024

    public init(parallelThreshold: Int = TopologyBuilder.defaultParallelThreshold) {
        self.parallelThreshold = parallelThreshold
    }

    public func build(_ documents: [ResourceDocument]) -> Topology {
        let state = BuildState()
        state.parallelThreshold = parallelThreshold
        state.run(documents)
        return state.finish()
    }
}

/// The canonical spelling of the modelled types (inputs such as Resource Graph lowercase them).
enum ResourceType {
    static let virtualNetwork = "Microsoft.Network/virtualNetworks"
    static let subnet = "Microsoft.Network/virtualNetworks/subnets"
    static let peering = "Microsoft.Network/virtualNetworks/virtualNetworkPeerings"
    static let networkSecurityGroup = "Microsoft.Network/networkSecurityGroups"
    static let securityRule = "Microsoft.Network/networkSecurityGroups/securityRules"
    static let applicationSecurityGroup = "Microsoft.Network/applicationSecurityGroups"
    static let routeTable = "Microsoft.Network/routeTables"
    static let route = "Microsoft.Network/routeTables/routes"
    static let networkInterface = "Microsoft.Network/networkInterfaces"
    static let publicIPAddress = "Microsoft.Network/publicIPAddresses"
    static let virtualMachine = "Microsoft.Compute/virtualMachines"
    static let virtualNetworkGateway = "Microsoft.Network/virtualNetworkGateways"
    static let localNetworkGateway = "Microsoft.Network/localNetworkGateways"
    static let connection = "Microsoft.Network/connections"
    static let privateEndpoint = "Microsoft.Network/privateEndpoints"
    static let dnsResolverInboundEndpoint = "Microsoft.Network/dnsResolvers/inboundEndpoints"
    static let natGateway = "Microsoft.Network/natGateways"
    static let privateDnsZone = "Microsoft.Network/privateDnsZones"
    static let virtualNetworkLink = "Microsoft.Network/privateDnsZones/virtualNetworkLinks"
    static let sqlManagedInstance = "Microsoft.Sql/managedInstances"
    static let sqlServer = "Microsoft.Sql/servers"
    static let sqlFirewallRule = "Microsoft.Sql/servers/firewallRules"
    static let sqlVirtualNetworkRule = "Microsoft.Sql/servers/virtualNetworkRules"
    static let instanceFailoverGroup = "Microsoft.Sql/locations/instanceFailoverGroups"
    static let keyVault = "Microsoft.KeyVault/vaults"
    static let managedHSM = "Microsoft.KeyVault/managedHSMs"
    static let storageAccount = "Microsoft.Storage/storageAccounts"
    static let postgreSQLFlexibleServer = "Microsoft.DBforPostgreSQL/flexibleServers"
    static let mySQLFlexibleServer = "Microsoft.DBforMySQL/flexibleServers"
    static let webSite = "Microsoft.Web/sites"
    static let webSiteNetworkConfig = "Microsoft.Web/sites/networkConfig"
    static let trafficManagerProfile = "Microsoft.Network/trafficManagerProfiles"
    static let azureFirewall = "Microsoft.Network/azureFirewalls"
    static let firewallPolicy = "Microsoft.Network/firewallPolicies"
    static let firewallPolicyRuleCollectionGroup = "Microsoft.Network/firewallPolicies/ruleCollectionGroups"
    static let ipGroup = "Microsoft.Network/ipGroups"
    static let privateEndpointConnectionSuffix = "/privateendpointconnections"
    static let dnsRecordTypes = Set(DnsRecordType.allCases.map { "microsoft.network/privatednszones/" + $0.rawValue.lowercased() })
    static let trafficManagerEndpointTypes: Set<String> = [
        "microsoft.network/trafficmanagerprofiles/externalendpoints",
        "microsoft.network/trafficmanagerprofiles/azureendpoints",
        "microsoft.network/trafficmanagerprofiles/nestedendpoints",
    ]
}

/// The common fields of a resource document.
struct DocumentHeader {
    var id: ResourceID
    var type: String
    var typeKey: String
    var name: String?
    var location: String?
    var root: PropertyReader
    var properties: PropertyReader?
    var sourceLocation: SourceLocation
}

struct PendingReference {
    var target: ResourceID
    var expectedType: String
    var referencedBy: ResourceID
    var location: SourceLocation?
}

final class BuildState {
    var topology = Topology()
    let sink = DiagnosticSink()
    var pending: [PendingReference] = []
    /// IDs that came from a separate document (as opposed to inline in a parent), for de-duplication.
    var fromDocument: [ResourceID: SourceLocation] = [:]
    /// Parsed port and address texts: the same few values recur in thousands of rules.
    var portCache: [String: PortSet] = [:]
    var addressCache: [String: AddressMatchItem] = [:]
    /// One-item address lists and one-range port texts, shared between rules (no allocation per rule).
    var singleAddressCache: [String: [AddressMatchItem]] = [:]
    var singlePortCache: [String: (PortSet, [String])] = [:]
    var unmodelledTypes: [String: (type: String, count: Int, first: SourceLocation)] = [:]

    var parallelThreshold = TopologyBuilder.defaultParallelThreshold

    func run(_ documents: [ResourceDocument]) {
        var parents: [DocumentHeader] = []
        var children: [DocumentHeader] = []
        var groups: [ResourceDocument] = []
        let split = documents.count >= parallelThreshold
        for document in documents {
            if split, let type = document.node.member(caseInsensitive: "type")?.stringValue,
                JSONNode.equalsIgnoringCase(type, ResourceType.networkSecurityGroup)
            {
                groups.append(document)
                continue
            }
            guard let header = readHeader(document) else { continue }
            if isChildType(header.typeKey) { children.append(header) } else { parents.append(header) }
        }
        if groups.count >= parallelThreshold {
            convertInParallel(groups)
        } else {
            for document in groups { if let header = readHeader(document) { parents.append(header) } }
        }
        for header in parents { convertTopLevel(header) }
        for header in children { convertChild(header) }
    }

    /// NSG documents converted in two halves on two threads, then merged in document order (an NSG given in both
    /// halves is a duplicate, which `claim` reports as it does within one state).
    func convertInParallel(_ documents: [ResourceDocument]) {
        let parts = 2
        let workers = Workers((0..<parts).map { _ in BuildState() })
        let chunk = (documents.count + parts - 1) / parts
        DispatchQueue.concurrentPerform(iterations: parts) { index in
            let state = workers.states[index]
            for document in documents[min(documents.count, index * chunk)..<min(documents.count, (index + 1) * chunk)] {
                guard let header = state.readHeader(document) else { continue }
                state.convertTopLevel(header)
            }
        }
        for worker in workers.states {
            for item in worker.sink.items { sink.report(item) }
            pending += worker.pending
            // Documents whose header could not be read (no ID, a deploy-time ID) are listed as unmodelled.
            topology.unmodelled += worker.topology.unmodelled
            for (id, location) in worker.fromDocument.sorted(by: { $0.value < $1.value }) where claim(id, at: location) {
                topology.networkSecurityGroups[id] = worker.topology.networkSecurityGroups[id]
            }
        }
    }

    /// The per-thread states of `convertInParallel`: each thread touches only its own.
    final class Workers: @unchecked Sendable {
        let states: [BuildState]
        init(_ states: [BuildState]) { self.states = states }
    }

    func isChildType(_ key: String) -> Bool {
        key == "microsoft.network/virtualnetworks/subnets" || key == "microsoft.network/virtualnetworks/virtualnetworkpeerings"
            || key == "microsoft.network/networksecuritygroups/securityrules" || key == "microsoft.network/routetables/routes"
            || ResourceType.dnsRecordTypes.contains(key) || key == "microsoft.network/privatednszones/virtualnetworklinks"
            || key == "microsoft.sql/servers/firewallrules" || key == "microsoft.sql/servers/virtualnetworkrules"
            || key == "microsoft.sql/servers/connectionpolicies"
            || key == "microsoft.dbforpostgresql/flexibleservers/firewallrules" || key == "microsoft.dbformysql/flexibleservers/firewallrules"
            || key == "microsoft.dbforpostgresql/servers/firewallrules" || key == "microsoft.dbformysql/servers/firewallrules"
            || key.hasSuffix(ResourceType.privateEndpointConnectionSuffix)
            || ResourceType.trafficManagerEndpointTypes.contains(key) || key == "microsoft.web/sites/networkconfig"
            || key == "microsoft.network/privateendpoints/privatednszonegroups"
            || key == "microsoft.network/firewallpolicies/rulecollectiongroups"
    }

    func readHeader(_ document: ResourceDocument) -> DocumentHeader? {
        let root = PropertyReader(node: document.node, pointer: document.pointer, file: document.file, sink: sink, resource: nil)
        let location = document.location
        guard root.isObject else {
            sink.report(Diagnostic(
                .error, id: DiagnosticID.resourceNotObject, "expected a resource object, found \(document.node.typeName)",
                at: location))
            return nil
        }
        // `ResourceType`/`ResourceId`/`ResourceName`: the keys of PSRule for Azure's Export-AzRuleData (Get-AzResource objects).
        guard let typeReader = root.child("type") ?? root.child("ResourceType"), let type = typeReader.string else {
            sink.report(Diagnostic(
                .error, id: DiagnosticID.resourceMissingField, "resource has no 'type'; it cannot be modelled",
                at: location))
            topology.unmodelled.append(UnmodelledResource(id: (root.child("id") ?? root.child("ResourceId"))?.string.map(ResourceID.init), type: "(missing)", name: root.string("name") ?? root.string("ResourceName"), location: nil, source: location))
            return nil
        }
        if let idNode = document.node.member(caseInsensitive: "id"), idNode.isNull {
            // An expanded template resource whose name depends on a value known only at deployment.
            sink.report(Diagnostic(
                .warning, id: DiagnosticID.deployTimeValue,
                "the ID of this '\(type)' resource is known only at deployment time (its name depends on a deploy-time value); it is listed, not analysed",
                at: location))
            topology.unmodelled.append(UnmodelledResource(id: nil, type: type, name: root.string("name"), location: nil, source: location))
            return nil
        }
        guard let idText = (root.child("id") ?? root.child("ResourceId"))?.string else {
            sink.report(Diagnostic(
                .error, id: DiagnosticID.resourceMissingField,
                "resource of type '\(type)' has no 'id'; exported resources always carry one (templates go through 'nettwin expand')",
                at: location))
            topology.unmodelled.append(UnmodelledResource(id: nil, type: type, name: root.string("name"), location: nil, source: location))
            return nil
        }
        let id = ResourceID(idText)
        if !id.isWellFormed {
            sink.report(Diagnostic(
                .warning, id: DiagnosticID.resourceIDMalformed,
                "'\(idText)' is not a well-formed resource ID (expected '/subscriptions/{id}/resourceGroups/{name}/providers/{namespace}/{type}/{name}')",
                at: location))
        }
        var properties = root.child("properties")
        if let reader = properties, !reader.isObject {
            reader.mismatch("an object")
            properties = nil
        }
        return DocumentHeader(
            id: id, type: type, typeKey: type.lowercased(), name: root.string("name") ?? root.string("ResourceName"), location: root.string("location"),
            root: PropertyReader(node: document.node, anchor: document.node, anchorPointer: document.pointer, file: document.file, sink: sink, resource: id),
            properties: properties.map { PropertyReader(node: $0.node, anchor: document.node, anchorPointer: document.pointer, file: $0.file, sink: sink, resource: id) },
            sourceLocation: location)
    }

    func resourceHeader(_ header: DocumentHeader, type: String, location: String? = nil) -> ResourceHeader {
        ResourceHeader(id: header.id, name: header.id.name.isEmpty ? header.name : header.id.name, type: type, location: location ?? header.location, source: header.sourceLocation,
                       zones: header.root.node["zones"] == nil ? [] : header.root.strings("zones"))
    }

    /// Records a reference that must resolve once everything is loaded.
    func expect(_ target: ResourceID?, _ expectedType: String, by owner: ResourceID, at location: SourceLocation?) {
        guard let target else { return }
        pending.append(PendingReference(target: target, expectedType: expectedType, referencedBy: owner, location: location))
    }

    /// Registers a resource that came as its own document; false (and a warning) when the same ID
    /// was already given as a document.
    func claim(_ header: DocumentHeader) -> Bool { claim(header.id, at: header.sourceLocation) }

    func claim(_ id: ResourceID, at location: SourceLocation) -> Bool {
        if let previous = fromDocument[id] {
            sink.report(Diagnostic(
                .warning, id: DiagnosticID.resourceDuplicate,
                "resource '\(id)' is given more than once; the first one (\(previous)) is used",
                at: location, resource: id))
            return false
        }
        fromDocument[id] = location
        return true
    }

    func convertTopLevel(_ header: DocumentHeader) {
        switch header.typeKey {
        case "microsoft.network/virtualnetworks": if claim(header) { convertVirtualNetwork(header) }
        case "microsoft.network/networksecuritygroups": if claim(header) { convertNetworkSecurityGroup(header) }
        case "microsoft.network/applicationsecuritygroups":
            if claim(header) { topology.applicationSecurityGroups[header.id] = ApplicationSecurityGroup(header: resourceHeader(header, type: ResourceType.applicationSecurityGroup)) }
        case "microsoft.network/routetables": if claim(header) { convertRouteTable(header) }
        case "microsoft.network/networkinterfaces": if claim(header) { convertNetworkInterface(header) }
        case "microsoft.network/publicipaddresses": if claim(header) { convertPublicIPAddress(header) }
        case "microsoft.compute/virtualmachines": if claim(header) { convertVirtualMachine(header) }
        case "microsoft.network/virtualnetworkgateways": if claim(header) { convertVirtualNetworkGateway(header) }
        case "microsoft.network/localnetworkgateways": if claim(header) { convertLocalNetworkGateway(header) }
        case "microsoft.network/connections": if claim(header) { convertConnection(header) }
        case "microsoft.network/privateendpoints": if claim(header) { convertPrivateEndpoint(header) }
        case "microsoft.network/dnsresolvers/inboundendpoints": if claim(header) { convertInboundEndpoint(header) }
        case "microsoft.network/natgateways":
            if claim(header) {
                var gateway = NatGateway(header: resourceHeader(header, type: ResourceType.natGateway))
                gateway.publicIPAddresses = header.properties?.references("publicIpAddresses") ?? []
                gateway.publicIPPrefixes = header.properties?.references("publicIpPrefixes") ?? []
                topology.natGateways[header.id] = gateway
            }
        case "microsoft.network/privatednszones": if claim(header) { convertPrivateDnsZone(header) }
        case "microsoft.sql/managedinstances": if claim(header) { convertManagedInstance(header) }
        case "microsoft.sql/servers": if claim(header) { convertSqlServer(header) }
        case "microsoft.sql/locations/instancefailovergroups": if claim(header) { convertInstanceFailoverGroup(header) }
        case "microsoft.keyvault/vaults": if claim(header) { convertKeyVault(header, kind: .vault) }
        case "microsoft.keyvault/managedhsms": if claim(header) { convertKeyVault(header, kind: .managedHSM) }
        case "microsoft.storage/storageaccounts": if claim(header) { convertStorageAccount(header) }
        case "microsoft.dbforpostgresql/flexibleservers": if claim(header) { convertFlexibleServer(header, engine: .postgreSQL) }
        case "microsoft.dbformysql/flexibleservers": if claim(header) { convertFlexibleServer(header, engine: .mySQL) }
        case "microsoft.dbforpostgresql/servers": if claim(header) { convertFlexibleServer(header, engine: .postgreSQL, single: true) }
        case "microsoft.dbformysql/servers": if claim(header) { convertFlexibleServer(header, engine: .mySQL, single: true) }
        case "microsoft.web/sites": if claim(header) { convertWebSite(header) }
        case "microsoft.network/trafficmanagerprofiles": if claim(header) { convertTrafficManagerProfile(header) }
        case "microsoft.network/azurefirewalls": if claim(header) { convertAzureFirewall(header) }
        case "microsoft.network/firewallpolicies": if claim(header) { convertFirewallPolicy(header) }
        case "microsoft.network/ipgroups": if claim(header) { convertIPGroup(header) }
        default: recordUnmodelled(header)
        }
    }

    func convertChild(_ header: DocumentHeader) {
        let key = header.typeKey
        guard let parent = header.id.parent else {
            sink.report(Diagnostic(
                .error, id: DiagnosticID.resourceIDMalformed,
                "the ID '\(header.id)' of a '\(header.type)' resource names no parent resource",
                at: header.sourceLocation, resource: header.id))
            return
        }
        guard claim(header) else { return }
        let properties = header.properties ?? header.root
        switch key {
        case "microsoft.network/virtualnetworks/subnets":
            let subnet = convertSubnet(properties, id: header.id, name: header.id.name, virtualNetwork: parent, source: header.sourceLocation)
            addSubnet(subnet, source: header.sourceLocation)
        case "microsoft.network/virtualnetworks/virtualnetworkpeerings":
            let peering = convertPeering(properties, id: header.id, name: header.id.name, local: parent, source: header.sourceLocation)
            addPeering(peering, source: header.sourceLocation)
        case "microsoft.network/networksecuritygroups/securityrules":
            guard let rule = convertSecurityRule(properties, id: header.id, name: header.id.name, isDefault: false, source: header.sourceLocation, owner: parent) else { return }
            withParent(parent, header, ResourceType.networkSecurityGroup, in: \.networkSecurityGroups) { nsg in
                nsg.securityRules.removeAll { $0.name.lowercased() == rule.name.lowercased() }
                nsg.securityRules.append(rule)
            }
        case "microsoft.network/routetables/routes":
            guard let route = convertRoute(properties, id: header.id, name: header.id.name, source: header.sourceLocation) else { return }
            withParent(parent, header, ResourceType.routeTable, in: \.routeTables) { table in
                table.routes.removeAll { $0.id == route.id }
                table.routes.append(route)
            }
        case "microsoft.network/privatednszones/virtualnetworklinks":
            let link = convertVirtualNetworkLink(properties, id: header.id, name: header.id.name, source: header.sourceLocation)
            withParent(parent, header, ResourceType.privateDnsZone, in: \.privateDnsZones) { zone in
                zone.virtualNetworkLinks.removeAll { $0.id == link.id }
                zone.virtualNetworkLinks.append(link)
            }
        case _ where ResourceType.dnsRecordTypes.contains(key):
            guard let record = convertRecordSet(properties, id: header.id, typeKey: key, source: header.sourceLocation) else { return }
            withParent(parent, header, ResourceType.privateDnsZone, in: \.privateDnsZones) { zone in
                zone.recordSets.removeAll { $0.id == record.id }
                zone.recordSets.append(record)
            }
        case "microsoft.sql/servers/firewallrules":
            let rule = convertSqlFirewallRule(properties, id: header.id, name: header.id.name, source: header.sourceLocation)
            withParent(parent, header, ResourceType.sqlServer, in: \.sqlServers) { server in
                server.firewallRules.removeAll { $0.id == rule.id }
                server.firewallRules.append(rule)
            }
        case "microsoft.dbforpostgresql/flexibleservers/firewallrules", "microsoft.dbformysql/flexibleservers/firewallrules",
             "microsoft.dbforpostgresql/servers/firewallrules", "microsoft.dbformysql/servers/firewallrules":
            let rule = convertSqlFirewallRule(properties, id: header.id, name: header.id.name, source: header.sourceLocation)
            let type = String(header.type.split(separator: "/").prefix(2).joined(separator: "/"))
            withParent(parent, header, type, in: \.flexibleServers) { server in
                server.firewallRules.removeAll { $0.id == rule.id }
                server.firewallRules.append(rule)
            }
        case "microsoft.sql/servers/connectionpolicies":
            let type = properties.string("connectionType")
            withParent(parent, header, ResourceType.sqlServer, in: \.sqlServers) { server in server.connectionType = type }
        case "microsoft.sql/servers/virtualnetworkrules":
            let rule = convertSqlVirtualNetworkRule(properties, id: header.id, name: header.id.name, source: header.sourceLocation)
            withParent(parent, header, ResourceType.sqlServer, in: \.sqlServers) { server in
                server.virtualNetworkRules.removeAll { $0.id == rule.id }
                server.virtualNetworkRules.append(rule)
            }
        case _ where key.hasSuffix(ResourceType.privateEndpointConnectionSuffix):
            let connection = convertPrivateEndpointConnection(properties, id: header.id, name: header.id.name, parent: parent, source: header.sourceLocation)
            addPrivateEndpointConnection(connection)
            if !topology.contains(parent) {
                reportMissingParent(header, parent, expected: String(header.type.dropLast(ResourceType.privateEndpointConnectionSuffix.count)))
            }
        case _ where ResourceType.trafficManagerEndpointTypes.contains(key):
            let endpoint = convertTrafficManagerEndpoint(properties, id: header.id, name: header.id.name, type: String(key.split(separator: "/").last ?? ""), source: header.sourceLocation)
            withParent(parent, header, ResourceType.trafficManagerProfile, in: \.trafficManagerProfiles) { profile in
                profile.endpoints.removeAll { $0.id == endpoint.id }
                profile.endpoints.append(endpoint)
            }
        case "microsoft.network/privateendpoints/privatednszonegroups":
            let zones = properties.array("privateDnsZoneConfigs").compactMap { config in
                (config.child("properties") ?? config).child("privateDnsZoneId")?.resourceID
            }
            for zone in zones { expect(zone, ResourceType.privateDnsZone, by: header.id, at: properties.location) }
            withParent(parent, header, ResourceType.privateEndpoint, in: \.privateEndpoints) { endpoint in
                for zone in zones where !endpoint.privateDnsZones.contains(zone) { endpoint.privateDnsZones.append(zone) }
            }
        case "microsoft.network/firewallpolicies/rulecollectiongroups":
            let group = convertRuleCollectionGroup(properties, id: header.id, name: header.id.name, source: header.sourceLocation)
            withParent(parent, header, ResourceType.firewallPolicy, in: \.firewallPolicies) { policy in
                policy.ruleCollectionGroups.removeAll { $0.id == group.id }
                policy.ruleCollectionGroups.append(group)
            }
        case "microsoft.web/sites/networkconfig":
            let subnet = properties.child("subnetResourceId")?.resourceID
            expect(subnet, ResourceType.subnet, by: header.id, at: properties.child("subnetResourceId")?.location)
            withParent(parent, header, ResourceType.webSite, in: \.webSites) { site in
                if let subnet { site.virtualNetworkSubnet = subnet }
                if let routeAll = properties.bool("swiftSupported"), !routeAll { /* legacy flag; no effect on routing */ }
            }
        default:
            recordUnmodelled(header)
        }
    }

    /// Applies a child to its parent, or reports the parent as missing.
    func withParent<Value>(
        _ parent: ResourceID, _ header: DocumentHeader, _ parentType: String,
        in keyPath: WritableKeyPath<Topology, [ResourceID: Value]>, apply: (inout Value) -> Void
    ) {
        if topology[keyPath: keyPath][parent] != nil {
            apply(&topology[keyPath: keyPath][parent]!)
        } else {
            reportMissingParent(header, parent, expected: parentType)
            topology.unmodelled.append(UnmodelledResource(id: header.id, type: header.type, name: header.name, location: header.location, source: header.sourceLocation))
        }
    }

    func reportMissingParent(_ header: DocumentHeader, _ parent: ResourceID, expected: String) {
        sink.report(Diagnostic(
            .warning, id: DiagnosticID.childWithoutParent,
            "'\(header.type)' resource '\(header.id.name)' belongs to '\(parent)', which is not in the input",
            at: header.sourceLocation, resource: header.id))
        topology.externalReferences.append(ExternalReference(target: parent, expectedType: expected, referencedBy: header.id, location: header.sourceLocation))
    }

    func recordUnmodelled(_ header: DocumentHeader) {
        topology.unmodelled.append(UnmodelledResource(id: header.id, type: header.type, name: header.name, location: header.location.map(Region.normalize), source: header.sourceLocation))
        let key = header.type.lowercased()
        if let entry = unmodelledTypes[key] {
            unmodelledTypes[key] = (entry.type, entry.count + 1, entry.first)
        } else {
            unmodelledTypes[key] = (header.type, 1, header.sourceLocation)
        }
    }

    func finish() -> Topology {
        linkChildren()
        resolveReferences()
        derivePeeringStates()
        capSecurityRules()
        for (_, entry) in unmodelledTypes.sorted(by: { $0.key < $1.key }) {
            let type = entry.type
            sink.report(Diagnostic(
                .note, id: DiagnosticID.unmodelledType,
                "\(entry.count) resource\(entry.count == 1 ? "" : "s") of type '\(type)' \(entry.count == 1 ? "is" : "are") not modelled; listed in the inventory, not analysed",
                at: entry.first))
        }
        TopologyValidator(topology: topology, sink: sink).validate()
        topology.diagnostics = sink.items.sorted { lhs, rhs in
            switch (lhs.location, rhs.location) {
            case let (l?, r?): return l < r
            case (nil, _?): return true
            default: return false
            }
        }
        return topology
    }

    /// Makes every parent list its children, whichever way they arrived.
    /// azure-subscription-service-limits.md, Networking limits: "Security rules per network security group: 1,000" (the
    /// default; the most that can be requested is 1,000 too). A larger group cannot exist in Azure: the error says so,
    /// and the 1,000 rules evaluated first (lowest priority numbers) are kept, so that every question still answers in
    /// bounded time; the others are named by count in the error.
    static let maxSecurityRules = 1_000

    func capSecurityRules() {
        for id in topology.networkSecurityGroups.keys.sorted() {
            guard var nsg = topology.networkSecurityGroups[id], nsg.securityRules.count > Self.maxSecurityRules else { continue }
            let total = nsg.securityRules.count
            nsg.securityRules = Array(nsg.securityRules.sorted { $0.priority < $1.priority }.prefix(Self.maxSecurityRules))
            topology.networkSecurityGroups[id] = nsg
            sink.report(Diagnostic(.error, id: DiagnosticID.tooManySecurityRules,
                "network security group '\(id.name)' has \(total) security rules; Azure allows at most \(Self.maxSecurityRules) per group (azure-subscription-service-limits.md). The \(Self.maxSecurityRules) with the lowest priority numbers are evaluated, the other \(total - Self.maxSecurityRules) are not",
                at: nsg.header.source, resource: id))
        }
    }

    /// The state Azure shows for each peering (virtual-network-manage-peering.md): Connected once both sides exist,
    /// Initiated while only one does, Disconnected on the side left after the other is deleted ("traffic doesn't flow").
    /// A template states no peeringState: it is derived from the peering back when the remote VNet is in the input,
    /// and assumed Connected (with a note) when it is not. An exported Connected peering whose remote VNet is in the
    /// input without a peering back is Disconnected (warning).
    func derivePeeringStates() {
        var reverse = Set<[ResourceID]>()
        for peering in topology.peerings.values { if let remote = peering.remoteVirtualNetwork { reverse.insert([peering.localVirtualNetwork, remote]) } }
        for id in topology.peerings.keys.sorted() {
            guard var peering = topology.peerings[id], let remote = peering.remoteVirtualNetwork else { continue }
            let back = reverse.contains([remote, peering.localVirtualNetwork])
            let remoteKnown = topology.virtualNetworks[remote] != nil
            switch (peering.peeringState, remoteKnown, back) {
            case (nil, true, true):
                peering.peeringState = .connected
            case (nil, true, false):
                peering.peeringState = .initiated
                sink.report(Diagnostic(.warning, id: DiagnosticID.peeringRemoteSideMissing,
                    "peering '\(peering.header.name)' of '\(peering.localVirtualNetwork.name)' has no peering back from '\(remote.name)': it stays Initiated and carries no traffic until that side is created",
                    at: peering.header.source, resource: id))
            case (nil, false, _):
                peering.peeringState = .connected
                sink.report(Diagnostic(.note, id: DiagnosticID.peeringStateAssumed,
                    "peering '\(peering.header.name)' to '\(remote.name)', which is not in the input: assumed Connected (the peering back is not in the input either)",
                    at: peering.header.source, resource: id))
            case (.connected?, true, false):
                peering.peeringState = .disconnected
                sink.report(Diagnostic(.warning, id: DiagnosticID.peeringRemoteSideMissing,
                    "peering '\(peering.header.name)' of '\(peering.localVirtualNetwork.name)' says Connected, but '\(remote.name)' has no peering back: Azure shows this side Disconnected once the other is deleted, and no traffic flows",
                    at: peering.header.source, resource: id))
            default:
                continue
            }
            topology.peerings[id] = peering
        }
    }

    func linkChildren() {
        for subnet in topology.subnets.values.sorted(by: { $0.id < $1.id }) {
            link(subnet.id, kind: "subnet", name: subnet.header.name, source: subnet.header.source, to: subnet.virtualNetwork, list: \.subnets)
        }
        for peering in topology.peerings.values.sorted(by: { $0.id < $1.id }) {
            link(peering.id, kind: "peering", name: peering.header.name, source: peering.header.source, to: peering.localVirtualNetwork, list: \.peerings)
        }
        for connection in topology.privateEndpointConnections.values {
            guard let id = connection.id else { continue }
            appendOnce(id, to: connection.parent, in: \.sqlServers, list: \.privateEndpointConnections)
            appendOnce(id, to: connection.parent, in: \.sqlManagedInstances, list: \.privateEndpointConnections)
            appendOnce(id, to: connection.parent, in: \.keyVaults, list: \.privateEndpointConnections)
            appendOnce(id, to: connection.parent, in: \.storageAccounts, list: \.privateEndpointConnections)
            appendOnce(id, to: connection.parent, in: \.flexibleServers, list: \.privateEndpointConnections)
            appendOnce(id, to: connection.parent, in: \.webSites, list: \.privateEndpointConnections)
        }
    }

    /// Lists a VNet child in its VNet, or reports the VNet as missing.
    func link(_ child: ResourceID, kind: String, name: String, source: SourceLocation?, to vnet: ResourceID, list: WritableKeyPath<VirtualNetwork, [ResourceID]>) {
        if topology.virtualNetworks[vnet] != nil {
            appendOnce(child, to: vnet, in: \.virtualNetworks, list: list)
            return
        }
        sink.report(Diagnostic(
            .warning, id: DiagnosticID.childWithoutParent,
            "\(kind) '\(name)' belongs to virtual network '\(vnet)', which is not in the input", at: source, resource: child))
        topology.externalReferences.append(ExternalReference(target: vnet, expectedType: ResourceType.virtualNetwork, referencedBy: child, location: source))
    }

    func appendOnce<Value>(_ child: ResourceID, to parent: ResourceID, in map: WritableKeyPath<Topology, [ResourceID: Value]>, list: WritableKeyPath<Value, [ResourceID]>) {
        guard topology[keyPath: map][parent] != nil, !topology[keyPath: map][parent]![keyPath: list].contains(child) else { return }
        topology[keyPath: map][parent]![keyPath: list].append(child)
    }

    /// Every reference must name a resource in the input; the others become external placeholders.
    func resolveReferences() {
        var seen = Set<ResourceID>()
        for reference in pending where !topology.contains(reference.target) {
            // Sub-resources of modelled resources (NIC IP configurations, gateway IP configurations, load
            // balancer pools) resolve when their top-level resource is present.
            let type = reference.target.resourceType?.lowercased() ?? ""
            if !BuildState.separatelyModelledChildTypes.contains(type),
                let parent = topology.parentInModel(of: reference.target), parent != reference.target
            {
                continue
            }
            topology.externalReferences.append(ExternalReference(
                target: reference.target, expectedType: reference.expectedType, referencedBy: reference.referencedBy,
                location: reference.location))
            if seen.insert(reference.target).inserted {
                sink.report(Diagnostic(
                    .warning, id: DiagnosticID.externalReference,
                    "'\(reference.referencedBy.name)' refers to '\(reference.expectedType)' resource '\(reference.target)' that is not in the input; it is kept as an external placeholder",
                    at: reference.location, resource: reference.referencedBy))
            }
        }
    }

    static let separatelyModelledChildTypes: Set<String> = [
        "microsoft.network/virtualnetworks/subnets", "microsoft.network/virtualnetworks/virtualnetworkpeerings",
        "microsoft.network/privatednszones/virtualnetworklinks",
    ]
}

extension Topology {
    /// The closest ancestor of `id` (itself included) that is in the model.
    func parentInModel(of id: ResourceID) -> ResourceID? {
        var current: ResourceID? = id
        while let candidate = current {
            if contains(candidate) { return candidate }
            current = candidate.parent
        }
        return nil
    }
}
