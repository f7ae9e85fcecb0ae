/// Writes a realistic enterprise network as exported resource JSON (`{"value": [...]}`), for
/// benchmarks and scale tests: hub-and-spoke per region, every spoke peered with its regional hub
/// (gateway transit), hubs peered with each other, a VPN gateway to an on-premises range in each hub,
/// one NSG (custom rules plus Azure's defaults) and one NIC per subnet, a route table per spoke that
/// sends 0.0.0.0/0 to the hub's firewall, a private endpoint in every tenth spoke, and a SQL managed instance
/// in its own delegated subnet of the middle spoke (`managedInstanceVirtualNetwork`).
///
/// Addressing: VNet *i* is `10.0.0.0/8` + i × /22 (so up to 16,384 VNets), its subnets are /26s.
public struct EnterpriseGenerator: Sendable {
    public var virtualNetworks: Int
    public var subnetsPerVirtualNetwork: Int
    public var rulesPerNetworkSecurityGroup: Int
    public var regions: [String]
    public var subscription = "00000000-0000-0000-0000-00000000beef"

    public init(virtualNetworks: Int = 1000, subnetsPerVirtualNetwork: Int = 10, rulesPerNetworkSecurityGroup: Int = 50, regions: [String] = ["westeurope", "northeurope", "eastus", "westus2"]) {
        self.virtualNetworks = max(1, min(virtualNetworks, 16_384))
        self.subnetsPerVirtualNetwork = max(1, min(subnetsPerVirtualNetwork, 15))
        self.rulesPerNetworkSecurityGroup = max(0, min(rulesPerNetworkSecurityGroup, 1000))
        self.regions = regions.isEmpty ? ["westeurope"] : regions
    }

    func base(_ i: Int) -> UInt32 { (10 << 24) + UInt32(i) * 1024 }
    func dotted(_ value: UInt32) -> String { "\(value >> 24).\((value >> 16) & 255).\((value >> 8) & 255).\(value & 255)" }
    func rg(_ i: Int) -> String { "/subscriptions/\(subscription)/resourceGroups/rg-\(region(i))" }
    func region(_ i: Int) -> String { regions[i % regions.count] }
    /// The hub of a region is the VNet with the region's index.
    func isHub(_ i: Int) -> Bool { i < regions.count }
    func hub(of i: Int) -> Int { i % regions.count }
    func vnetID(_ i: Int) -> String { "\(rg(i))/providers/Microsoft.Network/virtualNetworks/vnet-\(i)" }
    /// The spoke that holds the managed instance `sqlmi-bench` (nil when there is no spoke).
    public var managedInstanceVirtualNetwork: Int? {
        let middle = virtualNetworks / 2
        return isHub(middle) ? nil : middle
    }

    /// The whole document as UTF-8 bytes.
    public func generate() -> [UInt8] {
        var out = ""
        out.reserveCapacity(virtualNetworks * subnetsPerVirtualNetwork * (rulesPerNetworkSecurityGroup * 420 + 1500))
        out += "{\"value\": [\n"
        var first = true
        func emit(_ text: String) {
            if !first { out += ",\n" }
            first = false
            out += text
        }
        for i in 0..<virtualNetworks {
            emit(virtualNetwork(i))
            for s in 0..<subnetsPerVirtualNetwork {
                emit(networkSecurityGroup(i, s))
                emit(networkInterface(i, s))
            }
            if !isHub(i) { emit(routeTable(i)) }
            if isHub(i) {
                emit(gateway(i))
                emit(localNetworkGateway(i))
                emit(connection(i))
            }
            if i % 10 == 5 { emit(privateEndpoint(i)) }
            if i == managedInstanceVirtualNetwork { emit(managedInstance(i)) }
        }
        out += "\n]}\n"
        return Array(out.utf8)
    }

    func subnetName(_ i: Int, _ s: Int) -> String { isHub(i) && s == 0 ? "GatewaySubnet" : "snet-\(s)" }
    func subnetPrefix(_ i: Int, _ s: Int) -> String { "\(dotted(base(i) + UInt32(s) * 64))/26" }

    func virtualNetwork(_ i: Int) -> String {
        let id = vnetID(i)
        var subnets: [String] = []
        for s in 0..<subnetsPerVirtualNetwork {
            let name = subnetName(i, s)
            var properties = "\"addressPrefix\": \"\(subnetPrefix(i, s))\""
            if name != "GatewaySubnet" {
                properties += ", \"networkSecurityGroup\": {\"id\": \"\(rg(i))/providers/Microsoft.Network/networkSecurityGroups/nsg-\(i)-\(s)\"}"
                if !isHub(i) { properties += ", \"routeTable\": {\"id\": \"\(rg(i))/providers/Microsoft.Network/routeTables/rt-\(i)\"}" }
                if s == 1 { properties += ", \"serviceEndpoints\": [{\"service\": \"Microsoft.Storage\", \"locations\": [\"\(region(i))\"]}]" }
                if s == subnetsPerVirtualNetwork - 1 && i % 10 == 5 { properties += ", \"privateEndpointNetworkPolicies\": \"Enabled\"" }
            }
            subnets.append("{\"name\": \"\(name)\", \"id\": \"\(id)/subnets/\(name)\", \"properties\": {\(properties)}}")
        }
        if i == managedInstanceVirtualNetwork {
            // A subnet after the others (at most 15 /26s fill 960 of the /22's 1,024 addresses).
            subnets.append("""
                {"name": "snet-sqlmi", "id": "\(id)/subnets/snet-sqlmi", "properties": {"addressPrefix": "\(subnetPrefix(i, subnetsPerVirtualNetwork))", \
                "networkSecurityGroup": {"id": "\(rg(i))/providers/Microsoft.Network/networkSecurityGroups/nsg-\(i)-0"}, \
                "routeTable": {"id": "\(rg(i))/providers/Microsoft.Network/routeTables/rt-\(i)"}, \
                "delegations": [{"name": "sqlmi", "properties": {"serviceName": "Microsoft.Sql/managedInstances"}}]}}
                """)
        }
        var peerings: [String] = []
        func peering(to remote: Int, hubSide: Bool) {
            let name = "peer-\(i)-to-\(remote)"
            let bothHubs = isHub(i) && isHub(remote)
            peerings.append("""
                {"name": "\(name)", "id": "\(id)/virtualNetworkPeerings/\(name)", "properties": {"peeringState": "Connected", \
                "remoteVirtualNetwork": {"id": "\(vnetID(remote))"}, "allowVirtualNetworkAccess": true, "allowForwardedTraffic": true, \
                "allowGatewayTransit": \(hubSide && !bothHubs), "useRemoteGateways": \(!hubSide && !bothHubs), \
                "remoteAddressSpace": {"addressPrefixes": ["\(dotted(base(remote)))/22"]}}}
                """)
        }
        if isHub(i) {
            for other in 0..<regions.count where other != i && other < virtualNetworks { peering(to: other, hubSide: true) }
            var spoke = i + regions.count
            while spoke < virtualNetworks {
                peering(to: spoke, hubSide: true)
                spoke += regions.count
            }
        } else {
            peering(to: hub(of: i), hubSide: false)
        }
        return """
            {"id": "\(id)", "name": "vnet-\(i)", "type": "Microsoft.Network/virtualNetworks", "location": "\(region(i))", \
            "properties": {"addressSpace": {"addressPrefixes": ["\(dotted(base(i)))/22"]}, "subnets": [\(subnets.joined(separator: ", "))], \
            "virtualNetworkPeerings": [\(peerings.joined(separator: ", "))]}}
            """
    }

    func networkSecurityGroup(_ i: Int, _ s: Int) -> String {
        let id = "\(rg(i))/providers/Microsoft.Network/networkSecurityGroups/nsg-\(i)-\(s)"
        var rules: [String] = []
        let ports = ["443", "1433", "22", "3389", "5432", "8080-8090", "11000-11999", "3342"]
        for r in 0..<rulesPerNetworkSecurityGroup {
            let direction = r % 3 == 2 ? "Outbound" : "Inbound"
            let access = r % 7 == 6 ? "Deny" : "Allow"
            let source: String
            switch r % 5 {
            case 0: source = "\"sourceAddressPrefix\": \"VirtualNetwork\""
            case 1: source = "\"sourceAddressPrefix\": \"\(dotted(base((i + r) % virtualNetworks)))/24\""
            case 2: source = "\"sourceAddressPrefixes\": [\"192.168.\(r % 256).0/24\", \"172.16.\(r % 256).0/24\"]"
            case 3: source = "\"sourceAddressPrefix\": \"Internet\""
            default: source = "\"sourceAddressPrefix\": \"*\""
            }
            rules.append("""
                {"name": "rule-\(r)", "id": "\(id)/securityRules/rule-\(r)", "properties": {"priority": \(100 + r * 10), \
                "direction": "\(direction)", "access": "\(access)", "protocol": "\(r % 4 == 3 ? "*" : "Tcp")", \(source), \
                "sourcePortRange": "*", "destinationAddressPrefix": "\(subnetPrefix(i, s))", "destinationPortRange": "\(ports[r % ports.count])"}}
                """)
        }
        return """
            {"id": "\(id)", "name": "nsg-\(i)-\(s)", "type": "Microsoft.Network/networkSecurityGroups", "location": "\(region(i))", \
            "properties": {"securityRules": [\(rules.joined(separator: ", "))]}}
            """
    }

    /// The address of the NIC in subnet s of VNet i.
    public func nicAddress(_ i: Int, _ s: Int) -> String { dotted(base(i) + UInt32(s) * 64 + 4) }

    func networkInterface(_ i: Int, _ s: Int) -> String {
        let name = "nic-\(i)-\(s)"
        let forwarding = isHub(i) && s == 1  // the hub's firewall appliance
        return """
            {"id": "\(rg(i))/providers/Microsoft.Network/networkInterfaces/\(name)", "name": "\(name)", "type": "Microsoft.Network/networkInterfaces", \
            "location": "\(region(i))", "properties": {"enableIPForwarding": \(forwarding), "ipConfigurations": [{"name": "ipconfig1", \
            "properties": {"primary": true, "privateIPAddress": "\(nicAddress(i, s))", "privateIPAllocationMethod": "Static", \
            "subnet": {"id": "\(vnetID(i))/subnets/\(subnetName(i, s))"}}}]}}
            """
    }

    func routeTable(_ i: Int) -> String {
        let firewall = nicAddress(hub(of: i), min(1, subnetsPerVirtualNetwork - 1))
        let id = "\(rg(i))/providers/Microsoft.Network/routeTables/rt-\(i)"
        return """
            {"id": "\(id)", "name": "rt-\(i)", "type": "Microsoft.Network/routeTables", "location": "\(region(i))", \
            "properties": {"disableBgpRoutePropagation": \(i % 5 == 0), "routes": [\
            {"name": "default-to-firewall", "id": "\(id)/routes/default-to-firewall", "properties": {"addressPrefix": "0.0.0.0/0", "nextHopType": "VirtualAppliance", "nextHopIpAddress": "\(firewall)"}}, \
            {"name": "onprem-to-firewall", "id": "\(id)/routes/onprem-to-firewall", "properties": {"addressPrefix": "192.168.0.0/16", "nextHopType": "VirtualAppliance", "nextHopIpAddress": "\(firewall)"}}, \
            {"name": "local", "id": "\(id)/routes/local", "properties": {"addressPrefix": "\(dotted(base(i)))/22", "nextHopType": "VnetLocal"}}]}}
            """
    }

    func gateway(_ i: Int) -> String {
        """
        {"id": "\(rg(i))/providers/Microsoft.Network/virtualNetworkGateways/vgw-\(i)", "name": "vgw-\(i)", "type": "Microsoft.Network/virtualNetworkGateways", \
        "location": "\(region(i))", "properties": {"gatewayType": "Vpn", "vpnType": "RouteBased", "sku": {"name": "VpnGw1"}, \
        "ipConfigurations": [{"name": "default", "properties": {"privateIPAddress": "\(dotted(base(i) + 4))", "subnet": {"id": "\(vnetID(i))/subnets/GatewaySubnet"}}}]}}
        """
    }

    func localNetworkGateway(_ i: Int) -> String {
        """
        {"id": "\(rg(i))/providers/Microsoft.Network/localNetworkGateways/lng-\(i)", "name": "lng-\(i)", "type": "Microsoft.Network/localNetworkGateways", \
        "location": "\(region(i))", "properties": {"gatewayIpAddress": "203.0.113.\(i % 250 + 1)", \
        "localNetworkAddressSpace": {"addressPrefixes": ["192.168.\(i % 256).0/24"]}}}
        """
    }

    func connection(_ i: Int) -> String {
        """
        {"id": "\(rg(i))/providers/Microsoft.Network/connections/cn-\(i)", "name": "cn-\(i)", "type": "Microsoft.Network/connections", \
        "location": "\(region(i))", "properties": {"connectionType": "IPsec", "connectionStatus": "Connected", \
        "virtualNetworkGateway1": {"id": "\(rg(i))/providers/Microsoft.Network/virtualNetworkGateways/vgw-\(i)"}, \
        "localNetworkGateway2": {"id": "\(rg(i))/providers/Microsoft.Network/localNetworkGateways/lng-\(i)"}}}
        """
    }

    func managedInstance(_ i: Int) -> String {
        """
        {"id": "\(rg(i))/providers/Microsoft.Sql/managedInstances/sqlmi-bench", "name": "sqlmi-bench", "type": "Microsoft.Sql/managedInstances", \
        "location": "\(region(i))", "properties": {"subnetId": "\(vnetID(i))/subnets/snet-sqlmi", "proxyOverride": "Redirect", \
        "publicDataEndpointEnabled": false, "minimalTlsVersion": "1.2", "dnsZone": "b3nch0000000"}}
        """
    }

    func privateEndpoint(_ i: Int) -> String {
        let s = subnetsPerVirtualNetwork - 1
        return """
            {"id": "\(rg(i))/providers/Microsoft.Network/privateEndpoints/pe-\(i)", "name": "pe-\(i)", "type": "Microsoft.Network/privateEndpoints", \
            "location": "\(region(i))", "properties": {"subnet": {"id": "\(vnetID(i))/subnets/\(subnetName(i, s))"}, \
            "customDnsConfigs": [{"fqdn": "sql-\(i).database.windows.net", "ipAddresses": ["\(dotted(base(i) + UInt32(s) * 64 + 10))"]}], \
            "privateLinkServiceConnections": [{"name": "sql", "properties": {"privateLinkServiceId": "\(rg(i))/providers/Microsoft.Sql/servers/sql-\(i)", \
            "groupIds": ["sqlServer"], "privateLinkServiceConnectionState": {"status": "Approved"}}}]}}
            """
    }
}
