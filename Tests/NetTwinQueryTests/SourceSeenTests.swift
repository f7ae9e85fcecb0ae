import NetTwinCore
import Testing

/// What a service's public endpoint sees as the source address (issue 12 B), and the rules evaluated on it.
/// nat-overview.md ("NAT Gateway takes precedence over other outbound scenarios (including Load balancer and
/// instance-level public IP addresses)"), default-outbound-access.md (a private subnet has no default outbound access),
/// vnet-service-endpoint-rule-overview.md and storage-network-security-virtual-networks.md (over a service endpoint the
/// service sees the private address), storage-network-security-limitations.md ("IP network rules have no effect on
/// requests that originate from the same Azure region as the storage account").
@Suite struct SourceSeenTests {
    static let rg = "/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/rg/providers"
    static let server = "\(rg)/Microsoft.Sql/servers/sql1"

    static func publicIP(_ name: String, _ address: String) -> String {
        "{\"id\": \"\(Build.sub)/publicIPAddresses/\(name)\", \"type\": \"Microsoft.Network/publicIPAddresses\", \"location\": \"westeurope\", \"sku\": {\"name\": \"Standard\"}, \"properties\": {\"ipAddress\": \"\(address)\", \"publicIPAllocationMethod\": \"Static\"}}"
    }

    /// A VNet `v` with subnet `app` (extra subnet properties), a VM NIC (optionally with a public IP), a NAT gateway
    /// (optional) and a SQL server whose firewall admits 20.50.1.0/24 only.
    static func topology(subnet: String = "", natGateway: Bool = false, instanceIP: Bool = false, extra: [String] = []) -> Topology {
        var properties = [subnet].filter { !$0.isEmpty }
        if natGateway { properties.append("\"natGateway\": \(Build.ref("natGateways/ng"))") }
        var documents = [
            Build.vnet("v", "10.0.0.0/16", subnets: [("app", "10.0.1.0/24", properties.joined(separator: ", "))]),
            """
            {"id": "\(Build.sub)/networkInterfaces/vm1-nic", "type": "Microsoft.Network/networkInterfaces", "location": "westeurope",
             "properties": {"ipConfigurations": [{"name": "ipconfig1", "properties": {"privateIPAddress": "10.0.1.4", "subnet": \(Build.ref("virtualNetworks/v/subnets/app"))\(instanceIP ? ", \"publicIPAddress\": \(Build.ref("publicIPAddresses/pip-vm1"))" : "")}}]}}
            """,
            publicIP("pip-vm1", "20.60.0.7"), publicIP("pip-ng", "20.50.1.10"),
            "{\"id\": \"\(server)\", \"type\": \"Microsoft.Sql/servers\", \"location\": \"westeurope\", \"properties\": {\"publicNetworkAccess\": \"Enabled\"}}",
            "{\"id\": \"\(server)/firewallRules/egress\", \"name\": \"egress\", \"type\": \"Microsoft.Sql/servers/firewallRules\", \"properties\": {\"startIpAddress\": \"20.50.1.0\", \"endIpAddress\": \"20.50.1.255\"}}",
        ]
        if natGateway {
            documents.append("{\"id\": \"\(Build.sub)/natGateways/ng\", \"type\": \"Microsoft.Network/natGateways\", \"location\": \"westeurope\", \"sku\": {\"name\": \"Standard\"}, \"properties\": {\"publicIpAddresses\": [\(Build.ref("publicIPAddresses/pip-ng"))]}}")
        }
        return loadText("[" + (documents + extra).joined(separator: ",\n") + "]")
    }

    func reachServer(_ topology: Topology) -> ReachResult {
        let nic = topology.networkInterfaces.keys.first!
        return ReachabilityEngine(topology: topology, serviceTags: bundledTags).reach(from: .networkInterface(nic), to: .sqlServer(ResourceID(Self.server)), port: 1433)
    }

    /// The NAT gateway's address is what the server sees, and its firewall rules are evaluated on it.
    @Test func natGatewayAddressMeetsTheServerFirewall() {
        let result = reachServer(Self.topology(natGateway: true))
        #expect(result.verdict == .reachable, "\(result.blockers)")
        #expect(result.translatedSourceAddress == ip("20.50.1.10"))
        #expect(result.sourceSeenByDestination?.contains("NAT gateway 'ng'") == true)
    }

    /// The instance public IP (20.60.0.7) is outside the firewall rule: blocked, and the message names the address.
    @Test func instancePublicIPIsSeen() {
        let result = reachServer(Self.topology(instanceIP: true))
        #expect(result.blockers.map(\.code) == [.serviceFirewall])
        #expect(result.blockers.first?.message.contains("20.60.0.7") == true)
    }

    /// NAT gateway and instance public IP together: the NAT gateway wins.
    @Test func natGatewayTakesPrecedence() {
        let result = reachServer(Self.topology(natGateway: true, instanceIP: true))
        #expect(result.translatedSourceAddress == ip("20.50.1.10") && result.verdict == .reachable)
    }

    /// Default outbound access: an address nobody configures, so the firewall's answer is unknown; a private subnet has
    /// no way out at all.
    @Test func defaultOutboundAndPrivateSubnets() {
        let open = reachServer(Self.topology())
        #expect(open.verdict == .unknown && open.sourceSeenByDestination?.contains("default outbound") == true)
        let closed = reachServer(Self.topology(subnet: "\"defaultOutboundAccess\": false"))
        #expect(closed.blockers.map(\.code) == [.noOutboundAccess])
    }

    /// Over the Microsoft.Sql service endpoint the server sees the private address: the firewall rule for the NAT address
    /// no longer helps, a virtual network rule is needed.
    @Test func serviceEndpointShowsThePrivateAddress() {
        let result = reachServer(Self.topology(subnet: "\"serviceEndpoints\": [{\"service\": \"Microsoft.Sql\", \"locations\": [\"westeurope\"]}]", natGateway: true))
        #expect(result.blockers.map(\.code) == [.missingVirtualNetworkRule])
        #expect(result.sourceSeenByDestination?.hasPrefix("10.0.1.4 (a private address") == true)
    }

    /// A storage account with an IP rule for the NAT gateway's address: from the same region the IP rule has no effect;
    /// from another region it admits the NAT address.
    @Test(arguments: [("westeurope", false), ("northeurope", true)])
    func storageIPRulesAndTheSameRegion(accountRegion: String, admitted: Bool) {
        let account = "\(Self.rg)/Microsoft.Storage/storageAccounts/st1"
        let storage = "{\"id\": \"\(account)\", \"type\": \"Microsoft.Storage/storageAccounts\", \"location\": \"\(accountRegion)\", \"kind\": \"StorageV2\", \"properties\": {\"networkAcls\": {\"defaultAction\": \"Deny\", \"ipRules\": [{\"value\": \"20.50.1.10\", \"action\": \"Allow\"}]}}}"
        let topology = Self.topology(natGateway: true, extra: [storage])
        let nic = topology.networkInterfaces.keys.first!
        let result = ReachabilityEngine(topology: topology, serviceTags: bundledTags).reach(from: .networkInterface(nic), to: .dataService(ResourceID(account)), port: 443)
        if admitted {
            #expect(result.verdict == .reachable, "\(result.blockers)")
        } else {
            #expect(result.blockers.map(\.code) == [.serviceFirewall])
            #expect(result.blockers.first?.message.contains("own region") == true)
        }
    }

    /// A default route to an Azure Firewall: the traffic leaves from the firewall's public address (SNAT).
    @Test func firewallSNAT() {
        let firewall = """
            {"id": "\(Build.sub)/azureFirewalls/fw", "type": "Microsoft.Network/azureFirewalls", "location": "westeurope",
             "properties": {"ipConfigurations": [{"name": "c", "properties": {"privateIPAddress": "10.9.0.4", "subnet": \(Build.ref("virtualNetworks/hub/subnets/AzureFirewallSubnet")), "publicIPAddress": \(Build.ref("publicIPAddresses/pip-fw"))}}]}}
            """
        let topology = Self.topology(subnet: "\"routeTable\": \(Build.ref("routeTables/rt"))", extra: [
            Build.vnet("hub", "10.9.0.0/16", subnets: [("AzureFirewallSubnet", "10.9.0.0/26", "")]), firewall, Self.publicIP("pip-fw", "20.70.0.1"),
            Build.routeTable("rt", routes: [("0.0.0.0/0", "VirtualAppliance", "10.9.0.4")]),
        ])
        let engine = ReachabilityEngine(topology: topology, serviceTags: bundledTags)
        let subnet = topology.subnets.values.first { $0.header.name == "app" }!
        let identity = engine.outboundIdentity(nic: nil, subnet: subnet, toward: ip("20.40.0.1"))
        #expect(identity.address == ip("20.70.0.1"))
        #expect(identity.description.contains("Azure Firewall 'fw'"))
    }
}
