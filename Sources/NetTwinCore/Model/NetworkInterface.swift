/// `Microsoft.Network/networkInterfaces`.
public struct NetworkInterface: Hashable, Sendable {
    public var header: ResourceHeader
    public var id: ResourceID { header.id }
    public var ipConfigurations: [NetworkInterfaceIPConfiguration]
    /// `properties.enableIPForwarding`: required for a NIC that forwards traffic as a virtual appliance.
    public var enableIPForwarding: Bool
    public var networkSecurityGroup: ResourceID?
    public var virtualMachine: ResourceID?
    /// Set on the NIC Azure creates for a private endpoint.
    public var privateEndpoint: ResourceID?
    public var dnsServers: [IPAddress]

    public init(header: ResourceHeader, ipConfigurations: [NetworkInterfaceIPConfiguration] = [], enableIPForwarding: Bool = false, networkSecurityGroup: ResourceID? = nil, virtualMachine: ResourceID? = nil, privateEndpoint: ResourceID? = nil, dnsServers: [IPAddress] = []) {
        self.header = header
        self.ipConfigurations = ipConfigurations
        self.enableIPForwarding = enableIPForwarding
        self.networkSecurityGroup = networkSecurityGroup
        self.virtualMachine = virtualMachine
        self.privateEndpoint = privateEndpoint
        self.dnsServers = dnsServers
    }

    /// The primary IP configuration (the one marked primary, else the first).
    public var primaryIPConfiguration: NetworkInterfaceIPConfiguration? {
        ipConfigurations.first { $0.primary } ?? ipConfigurations.first
    }
}

public struct NetworkInterfaceIPConfiguration: Hashable, Sendable {
    public var id: ResourceID?
    public var name: String
    public var subnet: ResourceID?
    /// nil when Dynamic allocation has not yet assigned an address (a template before deployment).
    public var privateIPAddress: IPAddress?
    public var privateIPAllocationMethod: String?
    public var publicIPAddress: ResourceID?
    public var primary: Bool
    public var applicationSecurityGroups: [ResourceID]
    public var loadBalancerBackendAddressPools: [ResourceID]

    public init(id: ResourceID? = nil, name: String, subnet: ResourceID? = nil, privateIPAddress: IPAddress? = nil, privateIPAllocationMethod: String? = nil, publicIPAddress: ResourceID? = nil, primary: Bool = false, applicationSecurityGroups: [ResourceID] = [], loadBalancerBackendAddressPools: [ResourceID] = []) {
        self.id = id
        self.name = name
        self.subnet = subnet
        self.privateIPAddress = privateIPAddress
        self.privateIPAllocationMethod = privateIPAllocationMethod
        self.publicIPAddress = publicIPAddress
        self.primary = primary
        self.applicationSecurityGroups = applicationSecurityGroups
        self.loadBalancerBackendAddressPools = loadBalancerBackendAddressPools
    }
}

/// `Microsoft.Network/publicIPAddresses`.
public struct PublicIPAddress: Hashable, Sendable {
    public var header: ResourceHeader
    public var id: ResourceID { header.id }
    /// nil for a dynamic address before deployment.
    public var ipAddress: IPAddress?
    public var allocationMethod: String?
    public var sku: String?
    /// The IP configuration (of a NIC, gateway, load balancer) that uses the address.
    public var ipConfiguration: ResourceID?
    public var fqdn: String?

    public init(header: ResourceHeader, ipAddress: IPAddress? = nil, allocationMethod: String? = nil, sku: String? = nil, ipConfiguration: ResourceID? = nil, fqdn: String? = nil) {
        self.header = header
        self.ipAddress = ipAddress
        self.allocationMethod = allocationMethod
        self.sku = sku
        self.ipConfiguration = ipConfiguration
        self.fqdn = fqdn
    }
}

/// `Microsoft.Compute/virtualMachines`: only what networking needs, its NICs.
public struct VirtualMachine: Hashable, Sendable {
    public var header: ResourceHeader
    public var id: ResourceID { header.id }
    public var networkInterfaces: [ResourceID]
    public init(header: ResourceHeader, networkInterfaces: [ResourceID] = []) {
        self.header = header
        self.networkInterfaces = networkInterfaces
    }
}
