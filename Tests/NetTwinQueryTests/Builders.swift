/// Small builders for topologies written in tests, in the shape Azure exports them.
enum Build {
    static let sub = "/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/rg/providers/Microsoft.Network"

    static func vnet(_ name: String, _ space: String, location: String = "westeurope", subnets: [(String, String, String)] = [], peerings: [(to: String, properties: String)] = []) -> String {
        let subnetText = subnets.map { subnet, prefix, extra in
            "{\"name\": \"\(subnet)\", \"id\": \"\(sub)/virtualNetworks/\(name)/subnets/\(subnet)\", \"properties\": {\"addressPrefix\": \"\(prefix)\"\(extra.isEmpty ? "" : ", " + extra)}}"
        }.joined(separator: ", ")
        let peeringText = peerings.map { remote, properties in
            "{\"name\": \"to-\(remote)\", \"id\": \"\(sub)/virtualNetworks/\(name)/virtualNetworkPeerings/to-\(remote)\", \"properties\": {\"remoteVirtualNetwork\": {\"id\": \"\(sub)/virtualNetworks/\(remote)\"}\(properties.isEmpty ? "" : ", " + properties)}}"
        }.joined(separator: ", ")
        return """
            {"id": "\(sub)/virtualNetworks/\(name)", "name": "\(name)", "type": "Microsoft.Network/virtualNetworks", "location": "\(location)",
             "properties": {"addressSpace": {"addressPrefixes": ["\(space)"]}, "subnets": [\(subnetText)], "virtualNetworkPeerings": [\(peeringText)]}}
            """
    }

    static func ref(_ path: String) -> String { "{\"id\": \"\(sub)/\(path)\"}" }

    static func vpnHub(vnet: String, onPremises: String, status: String = "Connected") -> String {
        """
        {"id": "\(sub)/virtualNetworkGateways/gw", "type": "Microsoft.Network/virtualNetworkGateways", "location": "westeurope",
         "properties": {"gatewayType": "Vpn", "vpnType": "RouteBased", "ipConfigurations": [{"name": "c", "properties": {"privateIPAddress": "10.0.0.4", "subnet": \(ref("virtualNetworks/\(vnet)/subnets/GatewaySubnet"))}}]}},
        {"id": "\(sub)/localNetworkGateways/onprem", "type": "Microsoft.Network/localNetworkGateways", "location": "westeurope",
         "properties": {"gatewayIpAddress": "203.0.113.10", "localNetworkAddressSpace": {"addressPrefixes": ["\(onPremises)"]}}},
        {"id": "\(sub)/connections/cn", "type": "Microsoft.Network/connections", "location": "westeurope",
         "properties": {"connectionType": "IPsec", "connectionStatus": "\(status)", "virtualNetworkGateway1": \(ref("virtualNetworkGateways/gw")), "localNetworkGateway2": \(ref("localNetworkGateways/onprem"))}}
        """
    }

    static func routeTable(_ name: String, routes: [(String, String, String?)], disablePropagation: Bool = false) -> String {
        let text = routes.enumerated().map { index, route in
            "{\"name\": \"r\(index)\", \"properties\": {\"addressPrefix\": \"\(route.0)\", \"nextHopType\": \"\(route.1)\"\(route.2.map { ", \"nextHopIpAddress\": \"\($0)\"" } ?? "")}}"
        }.joined(separator: ", ")
        return "{\"id\": \"\(sub)/routeTables/\(name)\", \"type\": \"Microsoft.Network/routeTables\", \"location\": \"westeurope\", \"properties\": {\"disableBgpRoutePropagation\": \(disablePropagation), \"routes\": [\(text)]}}"
    }

    static func nic(_ name: String, vnet: String, subnet: String, address: String, nsg: String? = nil, asgs: [String] = []) -> String {
        let asgText = asgs.map { ref("applicationSecurityGroups/\($0)") }.joined(separator: ", ")
        return """
            {"id": "\(sub)/networkInterfaces/\(name)", "type": "Microsoft.Network/networkInterfaces", "location": "westeurope",
             "properties": {\(nsg.map { "\"networkSecurityGroup\": \(ref("networkSecurityGroups/\($0)")), " } ?? "")"ipConfigurations": [{"name": "ipconfig1",
               "properties": {"privateIPAddress": "\(address)", "subnet": \(ref("virtualNetworks/\(vnet)/subnets/\(subnet)")), "applicationSecurityGroups": [\(asgText)]}}]}}
            """
    }

    static func nsg(_ name: String, rules: [String]) -> String {
        "{\"id\": \"\(sub)/networkSecurityGroups/\(name)\", \"type\": \"Microsoft.Network/networkSecurityGroups\", \"location\": \"westeurope\", \"properties\": {\"securityRules\": [\(rules.joined(separator: ", "))]}}"
    }

    static func rule(_ name: String, _ priority: Int, _ direction: String, _ access: String, protocol: String = "Tcp", source: String = "\"sourceAddressPrefix\": \"*\"", destination: String = "\"destinationAddressPrefix\": \"*\"", ports: String = "\"destinationPortRange\": \"*\"") -> String {
        "{\"name\": \"\(name)\", \"properties\": {\"priority\": \(priority), \"direction\": \"\(direction)\", \"access\": \"\(access)\", \"protocol\": \"\(`protocol`)\", \(source), \"sourcePortRange\": \"*\", \(destination), \(ports)}}"
    }
}
