import NetTwinCore
import Testing

/// What Azure's deployment validation refuses, one documented rule per test, each with a configuration
/// that breaks the rule and its nearest valid neighbour (which must stay silent). The quotes and the
/// provenance of every error code are in Docs/research/validation-rules.md.
@Suite struct DeploymentValidationTests {
    let sql = "/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/rg/providers/Microsoft.Sql"

    func found(_ resources: [String], _ id: String) -> [Diagnostic] {
        loadText("[" + resources.joined(separator: ",\n") + "]").diagnostics.filter { $0.id == id }
    }

    // MARK: Peering and gateways (virtual-network-manage-peering.md)

    func hubAndSpoke(hubGateway: Bool = true, hubTransit: Bool = true, spokeGateway: Bool = false, secondHub: Bool = false) -> [String] {
        var resources = [
            Build.vnet("hub", "10.0.0.0/16", subnets: [("GatewaySubnet", "10.0.0.0/27", "")],
                       peerings: [("spoke", "\"peeringState\": \"Connected\", \"allowGatewayTransit\": \(hubTransit)")]),
            Build.vnet("spoke", "10.1.0.0/16", subnets: [("GatewaySubnet", "10.1.0.0/27", ""), ("app", "10.1.1.0/24", "")],
                       peerings: [("hub", "\"peeringState\": \"Connected\", \"useRemoteGateways\": true")]
                           + (secondHub ? [("hub2", "\"peeringState\": \"Connected\", \"useRemoteGateways\": true")] : [])),
        ]
        if hubGateway { resources.append(Self.gateway("gw", vnet: "hub")) }
        if spokeGateway { resources.append(Self.gateway("gw-spoke", vnet: "spoke")) }
        if secondHub {
            resources.append(Build.vnet("hub2", "10.2.0.0/16", subnets: [("GatewaySubnet", "10.2.0.0/27", "")],
                                        peerings: [("spoke", "\"peeringState\": \"Connected\", \"allowGatewayTransit\": true")]))
            resources.append(Self.gateway("gw2", vnet: "hub2"))
        }
        return resources
    }

    static func gateway(_ name: String, vnet: String) -> String {
        """
        {"id": "\(Build.sub)/virtualNetworkGateways/\(name)", "type": "Microsoft.Network/virtualNetworkGateways", "location": "westeurope",
         "properties": {"gatewayType": "Vpn", "vpnType": "RouteBased", "ipConfigurations": [{"name": "c", "properties": {"subnet": \(Build.ref("virtualNetworks/\(vnet)/subnets/GatewaySubnet"))}}]}}
        """
    }

    @Test func validGatewayTransitIsSilent() {
        let topology = loadText("[" + hubAndSpoke().joined(separator: ",\n") + "]")
        #expect(topology.diagnostics.filter { $0.id.hasPrefix("model.peering.") }.isEmpty, "\(topology.diagnostics)")
    }

    /// "the peered virtual network must have a virtual network gateway deployed in it" (Azure: RemoteVnetHasNoGateways,
    /// seen in ARM responses quoted in hashicorp/terraform#30569 and Azure/bicep#12191).
    @Test func remoteGatewayMissing() {
        let errors = found(hubAndSpoke(hubGateway: false), DiagnosticID.peeringRemoteHasNoGateway)
        #expect(errors.count == 1)
        #expect(errors.first?.azureErrorCode == "RemoteVnetHasNoGateways" && errors.first?.severity == .error)
        #expect(errors.first?.message.contains("'to-hub'") == true)
    }

    /// "... and must have the Use this virtual network's gateway or Route Server setting selected"
    /// (allowGatewayTransit on the peering back).
    @Test func remoteTransitNotAllowed() {
        #expect(found(hubAndSpoke(hubTransit: false), DiagnosticID.peeringRemoteNoGatewayTransit).count == 1)
        #expect(found(hubAndSpoke(), DiagnosticID.peeringRemoteNoGatewayTransit).isEmpty)
    }

    /// "You can't use remote gateways if you already have a gateway configured in your virtual network."
    @Test func localGatewayForbidsRemote() {
        #expect(found(hubAndSpoke(spokeGateway: true), DiagnosticID.peeringLocalGatewayExists).count == 1)
    }

    /// "Only one peering for this virtual network can have this setting enabled."
    @Test func onlyOnePeeringUsesRemoteGateways() {
        let errors = found(hubAndSpoke(secondHub: true), DiagnosticID.peeringSeveralRemoteGateways)
        #expect(errors.count == 1)
        #expect(errors.first?.message.contains("'to-hub'") == true && errors.first?.message.contains("'to-hub2'") == true)
    }

    // MARK: Application security groups (application-security-groups.md)

    /// "All network interfaces assigned to an application security group have to exist in the same virtual network
    /// that the first network interface assigned to the application security group is in."
    @Test func groupMembersInOneNetwork() {
        let base = [Build.vnet("a", "10.0.0.0/16", subnets: [("s", "10.0.0.0/24", "")]),
                    Build.vnet("b", "10.1.0.0/16", subnets: [("s", "10.1.0.0/24", "")]),
                    Build.nic("n1", vnet: "a", subnet: "s", address: "10.0.0.4", asgs: ["web"])]
        let across = found(base + [Build.nic("n2", vnet: "b", subnet: "s", address: "10.1.0.4", asgs: ["web"])], DiagnosticID.applicationSecurityGroupAcrossVnets)
        #expect(across.count == 1 && across.first?.message.contains("'n2'") == true)
        #expect(found(base + [Build.nic("n2", vnet: "a", subnet: "s", address: "10.0.0.5", asgs: ["web"])], DiagnosticID.applicationSecurityGroupAcrossVnets).isEmpty)
    }

    /// "If you specify an application security group as the source and destination in a security rule, the network
    /// interfaces in both application security groups must exist in the same virtual network"
    /// (Azure: AllApplicationSecurityGroupsInSecurityRuleMustBeFromSameVnet, Azure/azure-sdk-for-java#34158).
    @Test func ruleGroupsInOneNetwork() {
        let rule = Build.rule("web-to-db", 100, "Inbound", "Allow",
                              source: "\"sourceApplicationSecurityGroups\": [\(Build.ref("applicationSecurityGroups/web"))]",
                              destination: "\"destinationApplicationSecurityGroups\": [\(Build.ref("applicationSecurityGroups/db"))]")
        func resources(dbIn vnet: String) -> [String] {
            [Build.vnet("a", "10.0.0.0/16", subnets: [("s", "10.0.0.0/24", "")]),
             Build.vnet("b", "10.1.0.0/16", subnets: [("s", "10.1.0.0/24", "")]),
             Build.nic("web1", vnet: "a", subnet: "s", address: "10.0.0.4", asgs: ["web"]),
             Build.nic("db1", vnet: vnet, subnet: "s", address: vnet == "a" ? "10.0.0.5" : "10.1.0.5", asgs: ["db"]),
             Build.nsg("nsg", rules: [rule])]
        }
        let errors = found(resources(dbIn: "b"), DiagnosticID.securityRuleGroupsAcrossVnets)
        #expect(errors.count == 1)
        #expect(errors.first?.azureErrorCode == "AllApplicationSecurityGroupsInSecurityRuleMustBeFromSameVnet")
        #expect(found(resources(dbIn: "a"), DiagnosticID.securityRuleGroupsAcrossVnets).isEmpty)
    }

    // MARK: Storage network rules (storage-network-security-limitations.md, storage-network-security-virtual-networks.md)

    func storage(ipRules: [String] = [], subnetRule: String? = nil) -> String {
        let ip = ipRules.map { "{\"value\": \"\($0)\", \"action\": \"Allow\"}" }.joined(separator: ", ")
        let vnetRules = subnetRule.map { "{\"id\": \"\(Build.sub)/virtualNetworks/\($0)\", \"action\": \"Allow\"}" } ?? ""
        return """
            {"id": "/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st1",
             "type": "Microsoft.Storage/storageAccounts", "location": "westeurope", "kind": "StorageV2",
             "properties": {"networkAcls": {"defaultAction": "Deny", "bypass": "AzureServices", "ipRules": [\(ip)], "virtualNetworkRules": [\(vnetRules)]}}}
            """
    }

    /// "IP address ranges reserved for private networks (as defined in RFC 1918) aren't allowed in IP rules. Private
    /// networks include addresses that start with 10, 172.16 to 172.31, and 192.168." (Azure:
    /// InvalidValuesForRequestParameters, Azure/azure-cli#7417.) 172.32.0.0/16 is outside 172.16.0.0/12.
    @Test(arguments: [("10.0.0.0/24", 1), ("172.31.255.0/24", 1), ("192.168.1.7", 1), ("172.32.0.0/16", 0), ("20.50.0.0/16", 0)])
    func storageIPRulesArePublic(rule: String, expected: Int) {
        let errors = found([storage(ipRules: [rule])], DiagnosticID.storageIPRulePrivate)
        #expect(errors.count == expected)
        if expected == 1 { #expect(errors.first?.azureErrorCode == "InvalidValuesForRequestParameters") }
    }

    /// "Small address ranges that use /31 or /32 prefix sizes are not supported. Configure these ranges by using
    /// individual IP address rules." A bare address is an individual rule and is fine.
    @Test(arguments: [("20.50.1.0/31", 1), ("20.50.1.7/32", 1), ("20.50.1.7", 0), ("20.50.1.0/30", 0)])
    func storageIPRulePrefixSize(rule: String, expected: Int) {
        #expect(found([storage(ipRules: [rule])], DiagnosticID.storageIPRuleSmallPrefix).count == expected)
    }

    /// A virtual network rule needs the subnet's Microsoft.Storage (or Microsoft.Storage.Global) service endpoint
    /// (Azure: NetworkAclsValidationFailure, "SubnetsHaveNoServiceEndpointsConfigured", Azure/azure-cli#32434).
    @Test(arguments: [("", 1), ("\"serviceEndpoints\": [{\"service\": \"Microsoft.Storage\"}]", 0),
                      ("\"serviceEndpoints\": [{\"service\": \"Microsoft.Storage.Global\"}]", 0),
                      ("\"serviceEndpoints\": [{\"service\": \"Microsoft.Sql\"}]", 1)])
    func storageVirtualNetworkRuleNeedsEndpoint(subnetProperties: String, expected: Int) {
        let errors = found([Build.vnet("v", "10.0.0.0/16", subnets: [("s", "10.0.0.0/24", subnetProperties)]), storage(subnetRule: "v/subnets/s")],
                           DiagnosticID.storageRuleWithoutServiceEndpoint)
        #expect(errors.count == expected)
        if expected == 1 { #expect(errors.first?.azureErrorCode == "NetworkAclsValidationFailure") }
    }

    // MARK: SQL Managed Instance subnet (connectivity-architecture-overview.md, vnet-subnet-determine-size.md)

    static let delegation = "\"delegations\": [{\"name\": \"mi\", \"properties\": {\"serviceName\": \"Microsoft.Sql/managedInstances\"}}]"

    func managedInstance(_ name: String, vnet: String = "v", location: String = "westeurope", dnsZone: String = "abc123") -> String {
        """
        {"id": "\(sql)/managedInstances/\(name)", "type": "Microsoft.Sql/managedInstances", "location": "\(location)",
         "properties": {"subnetId": "\(Build.sub)/virtualNetworks/\(vnet)/subnets/mi", "dnsZone": "\(dnsZone)"}}
        """
    }

    func miNetwork(_ vnet: String = "v", space: String = "10.0.0.0/16", prefix: String = "10.0.0.0/27", nsg: Bool = true, routeTable: Bool = true) -> [String] {
        var properties = [Self.delegation]
        if nsg { properties.append("\"networkSecurityGroup\": \(Build.ref("networkSecurityGroups/nsg-\(vnet)"))") }
        if routeTable { properties.append("\"routeTable\": \(Build.ref("routeTables/rt-\(vnet)"))") }
        return [Build.vnet(vnet, space, subnets: [("mi", prefix, properties.joined(separator: ", ")), ("other", space.replacingOccurrences(of: ".0.0/16", with: ".1.0/24"), "")]),
                Build.nsg("nsg-\(vnet)", rules: []), Build.routeTable("rt-\(vnet)", routes: [])]
    }

    @Test func validManagedInstanceSubnetIsSilent() {
        let topology = loadText("[" + (miNetwork() + [managedInstance("mi1")]).joined(separator: ",\n") + "]")
        #expect(topology.diagnostics.filter { $0.id.hasPrefix("model.managedInstance.") }.isEmpty, "\(topology.diagnostics)")
    }

    /// "you can deploy only SQL Managed Instance resources in the subnet" (Azure: SubnetHasResourcesOfDifferentType).
    @Test func managedInstanceSubnetIsDedicated() {
        let nic = Build.nic("vm1", vnet: "v", subnet: "mi", address: "10.0.0.20")
        let errors = found(miNetwork() + [managedInstance("mi1"), nic], DiagnosticID.managedInstanceSubnetNotDedicated)
        #expect(errors.count == 1 && errors.first?.message.contains("'vm1'") == true)
    }

    /// "a managed instance needs a minimum of 32 IP addresses in a subnet ... /27"; "A subnet size of 16 IP addresses
    /// (subnet mask /28) allows the deployment of a single managed instance" (a warning); smaller is refused.
    @Test(arguments: [("10.0.0.0/26", nil), ("10.0.0.0/27", nil), ("10.0.0.0/28", Diagnostic.Severity.warning), ("10.0.0.0/29", .error)])
    func managedInstanceSubnetSize(prefix: String, severity: Diagnostic.Severity?) {
        let diagnostics = found(miNetwork(prefix: prefix) + [managedInstance("mi1")], DiagnosticID.managedInstanceSubnetTooSmall)
        #expect(diagnostics.map(\.severity) == (severity.map { [$0] } ?? []))
    }

    /// "A network security group must be associated with the SQL Managed Instance subnet." "A route table must be
    /// associated with the SQL Managed Instance subnet."
    @Test func managedInstanceSubnetNeedsNSGAndRouteTable() {
        #expect(found(miNetwork(nsg: false) + [managedInstance("mi1")], DiagnosticID.managedInstanceSubnetWithoutNSG).count == 1)
        #expect(found(miNetwork(routeTable: false) + [managedInstance("mi1")], DiagnosticID.managedInstanceSubnetWithoutRouteTable).count == 1)
        #expect(found(miNetwork(nsg: false) + [managedInstance("mi1")], DiagnosticID.managedInstanceSubnetWithoutRouteTable).isEmpty)
    }

    /// "Networking constraints": private DNS zones with a name reserved for Microsoft services (for example
    /// database.windows.net) must not be linked to the managed instance's network; privatelink.* zones are fine.
    @Test(arguments: [("database.windows.net", 1), ("privatelink.database.windows.net", 0), ("contoso.internal", 0)])
    func reservedZoneLinked(zone: String, expected: Int) {
        let zoneJSON = """
            {"id": "\(Build.sub)/privateDnsZones/\(zone)", "name": "\(zone)", "type": "Microsoft.Network/privateDnsZones", "location": "global", "properties": {}},
            {"id": "\(Build.sub)/privateDnsZones/\(zone)/virtualNetworkLinks/l", "type": "Microsoft.Network/privateDnsZones/virtualNetworkLinks", "location": "global",
             "properties": {"virtualNetwork": \(Build.ref("virtualNetworks/v")), "registrationEnabled": false}}
            """
        #expect(found(miNetwork() + [managedInstance("mi1"), zoneJSON], DiagnosticID.managedInstanceReservedDnsZone).count == expected)
    }

    // MARK: Instance failover group (failover-group-configure-sql-mi.md; InstanceFailoverGroups.json error list)

    func failoverGroup(secondaryLocation: String = "northeurope", secondaryZone: String = "abc123", secondarySpace: String = "10.1.0.0/16",
                       policy: String = "Automatic", grace: Int = 60) -> [String] {
        let group = """
            {"id": "\(sql.replacingOccurrences(of: "/providers/Microsoft.Sql", with: ""))/providers/Microsoft.Sql/locations/westeurope/instanceFailoverGroups/fog",
             "type": "Microsoft.Sql/locations/instanceFailoverGroups",
             "properties": {"readWriteEndpoint": {"failoverPolicy": "\(policy)", "failoverWithDataLossGracePeriodMinutes": \(grace)}, "readOnlyEndpoint": {"failoverPolicy": "Disabled"},
              "managedInstancePairs": [{"primaryManagedInstanceId": "\(sql)/managedInstances/mi1", "partnerManagedInstanceId": "\(sql)/managedInstances/mi2"}]}}
            """
        return miNetwork("v") + miNetwork("w", space: secondarySpace, prefix: secondarySpace.replacingOccurrences(of: ".0.0/16", with: ".0.0/27"))
            + [managedInstance("mi1"), managedInstance("mi2", vnet: "w", location: secondaryLocation, dnsZone: secondaryZone), group]
    }

    @Test func validFailoverGroupIsSilent() {
        let topology = loadText("[" + failoverGroup().joined(separator: ",\n") + "]")
        #expect(topology.instanceFailoverGroups.count == 1)
        #expect(topology.diagnostics.filter { $0.id.hasPrefix("model.failoverGroup.") }.isEmpty, "\(topology.diagnostics)")
    }

    /// "Failover groups can't be created between two instances in the same Azure region." (InvalidFailoverGroupRegion)
    @Test func failoverGroupNeedsTwoRegions() {
        let errors = found(failoverGroup(secondaryLocation: "westeurope"), DiagnosticID.failoverGroupSameRegion)
        #expect(errors.count == 1 && errors.first?.azureErrorCode == "InvalidFailoverGroupRegion")
    }

    /// "Both instances must be in the same DNS zone." (DnsZoneMismatch)
    @Test func failoverGroupSharesTheDnsZone() {
        let errors = found(failoverGroup(secondaryZone: "zzz999"), DiagnosticID.failoverGroupDnsZoneMismatch)
        #expect(errors.count == 1 && errors.first?.azureErrorCode == "DnsZoneMismatch")
    }

    /// "the grace period can't be set below one hour" with the Microsoft-managed (Automatic) policy.
    @Test(arguments: [("Automatic", 59, 1), ("Automatic", 60, 0), ("Manual", 0, 0)])
    func failoverGroupGracePeriod(policy: String, grace: Int, expected: Int) {
        #expect(found(failoverGroup(policy: policy, grace: grace), DiagnosticID.failoverGroupGracePeriod).count == expected)
    }

    /// "The IP address range for the virtual network of the primary instance must not overlap with the address range of
    /// the virtual network for the secondary managed instance".
    @Test func failoverGroupNetworksDoNotOverlap() {
        let errors = found(failoverGroup(secondarySpace: "10.0.0.0/16"), DiagnosticID.failoverGroupAddressSpacesOverlap)
        #expect(errors.count == 1 && errors.first?.message.contains("10.0.0.0/16") == true)
    }

    // MARK: Traffic Manager (traffic-manager-routing-methods.md)

    func profile(_ method: String, _ endpoints: [(name: String, extra: String)]) -> String {
        let text = endpoints.map { name, extra in
            "{\"name\": \"\(name)\", \"type\": \"Microsoft.Network/trafficManagerProfiles/externalEndpoints\", \"properties\": {\"target\": \"\(name).contoso.com\", \"endpointStatus\": \"Enabled\"\(extra.isEmpty ? "" : ", " + extra)}}"
        }.joined(separator: ", ")
        return """
            {"id": "\(Build.sub)/trafficManagerProfiles/tm", "type": "Microsoft.Network/trafficManagerProfiles", "location": "global",
             "properties": {"trafficRoutingMethod": "\(method)", "dnsConfig": {"relativeName": "tm-test", "ttl": 30}, "endpoints": [\(text)]}}
            """
    }

    /// Priority: "a value between 1 and 1000 ... Endpoints can't share priority values."
    @Test(arguments: [(1, 2, 0), (1, 1, 1), (0, 2, 1), (1, 1001, 1)])
    func trafficManagerPriorities(first: Int, second: Int, expected: Int) {
        let json = profile("Priority", [("a", "\"priority\": \(first)"), ("b", "\"priority\": \(second)")])
        #expect(found([json], DiagnosticID.trafficManagerPriority).count == expected)
    }

    /// Weight: "an integer from 1 to 1000".
    @Test(arguments: [(1, 0), (1000, 0), (0, 1), (1001, 1)])
    func trafficManagerWeights(weight: Int, expected: Int) {
        #expect(found([profile("Weighted", [("a", "\"weight\": \(weight)")])], DiagnosticID.trafficManagerWeight).count == expected)
    }

    /// "A geographic region can be mapped only to one endpoint in a Traffic Manager profile".
    @Test func trafficManagerRegionMappedOnce() {
        let twice = profile("Geographic", [("a", "\"geoMapping\": [\"FR\", \"DE\"]"), ("b", "\"geoMapping\": [\"DE\"]")])
        let errors = found([twice], DiagnosticID.trafficManagerGeoMapping)
        #expect(errors.count == 1 && errors.first?.message.contains("DE") == true)
        #expect(found([profile("Geographic", [("a", "\"geoMapping\": [\"FR\"]"), ("b", "\"geoMapping\": [\"DE\"]")])], DiagnosticID.trafficManagerGeoMapping).isEmpty)
    }

    // MARK: Special subnets

    /// AzureFirewallSubnet /26 (Azure Firewall FAQ): an error when a firewall is deployed into it, a warning for the
    /// subnet alone (the size is checked when the service is created); AzureBastionSubnet /26
    /// (bastion/configuration-settings.md); GatewaySubnet /29 at least, /27 recommended
    /// (vpn-gateway-about-vpn-gateway-settings.md).
    @Test func specialSubnetSizes() {
        let firewall = """
            {"id": "\(Build.sub)/azureFirewalls/fw", "type": "Microsoft.Network/azureFirewalls", "location": "westeurope",
             "properties": {"ipConfigurations": [{"name": "c", "properties": {"privateIPAddress": "10.0.0.4", "subnet": \(Build.ref("virtualNetworks/v/subnets/AzureFirewallSubnet"))}}]}}
            """
        let small = Build.vnet("v", "10.0.0.0/16", subnets: [("AzureFirewallSubnet", "10.0.0.0/27", ""), ("AzureBastionSubnet", "10.0.1.0/27", ""), ("GatewaySubnet", "10.0.2.0/28", "")])
        let alone = found([small], DiagnosticID.specialSubnetTooSmall)
        #expect(alone.map(\.severity) == [.warning, .warning, .warning], "\(alone)")
        let withFirewall = found([small, firewall], DiagnosticID.specialSubnetTooSmall)
        #expect(withFirewall.filter { $0.severity == .error }.count == 1)
        #expect(withFirewall.first { $0.severity == .error }?.message.contains("AzureFirewallSubnet") == true)
        let tiny = found([Build.vnet("v", "10.0.0.0/16", subnets: [("GatewaySubnet", "10.0.2.0/30", "")])], DiagnosticID.specialSubnetTooSmall)
        #expect(tiny.map(\.severity) == [.error])
        let fine = Build.vnet("v", "10.0.0.0/16", subnets: [("AzureFirewallSubnet", "10.0.0.0/26", ""), ("AzureBastionSubnet", "10.0.1.0/26", ""), ("GatewaySubnet", "10.0.2.0/27", "")])
        #expect(found([fine, firewall], DiagnosticID.specialSubnetTooSmall).isEmpty)
    }
}

/// GatewaySubnet and AzureBastionSubnet hold their service only.
@Suite struct DedicatedSubnetTests {
    /// vpn-gateway-about-vpn-gateway-settings.md: "Never deploy anything else (for example, additional VMs) to the gateway
    /// subnet"; bastion/configuration-settings.md: "The subnet cannot contain additional resources" (Azure: AzureBastionSubnet).
    @Test(arguments: [("GatewaySubnet", 1), ("AzureBastionSubnet", 1), ("workload", 0)])
    func nothingElseInTheSubnet(subnet: String, expected: Int) {
        let topology = loadText("[" + [Build.vnet("v", "10.0.0.0/16", subnets: [(subnet, "10.0.0.0/26", "")]),
                                       Build.nic("vm1", vnet: "v", subnet: subnet, address: "10.0.0.10")].joined(separator: ",\n") + "]")
        let errors = topology.diagnostics.filter { $0.id == DiagnosticID.dedicatedSubnetInUse }
        #expect(errors.count == expected)
        #expect(errors.allSatisfy { $0.message.contains("'vm1'") })
        if subnet == "AzureBastionSubnet" { #expect(errors.first?.azureErrorCode == "AzureBastionSubnet") }
    }

    /// An NSG on the gateway subnet is refused (Azure: NetworkSecurityGroupCannotBeAttachedToGatewaySubnet, seen in
    /// Azure-Terraform/terraform-azurerm-virtual-network#18); the article says to "avoid associating a network security group".
    @Test func noNSGOnTheGatewaySubnet() {
        let vnet = Build.vnet("v", "10.0.0.0/16", subnets: [("GatewaySubnet", "10.0.0.0/27", "\"networkSecurityGroup\": \(Build.ref("networkSecurityGroups/nsg"))"),
                                                            ("app", "10.0.1.0/24", "\"networkSecurityGroup\": \(Build.ref("networkSecurityGroups/nsg"))")])
        let errors = loadText("[\(vnet), \(Build.nsg("nsg", rules: []))]").diagnostics.filter { $0.id == DiagnosticID.gatewaySubnetWithNSG }
        #expect(errors.count == 1)
        #expect(errors.first?.azureErrorCode == "NetworkSecurityGroupCannotBeAttachedToGatewaySubnet")
    }
}
