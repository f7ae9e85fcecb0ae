/// A host name Azure publishes for a modelled resource, and what it points at.
///
/// Host name formats: SQL Database `<server>.database.windows.net`; SQL MI VNet-local
/// `<mi>.<dnsZone>.database.windows.net` and public `<mi>.public.<dnsZone>.database.windows.net`
/// (managed-instance/connectivity-architecture-overview.md); failover group listeners
/// `<fog>.<dnsZone>.database.windows.net` and `<fog>.secondary.<dnsZone>.database.windows.net`
/// (managed-instance/failover-group-sql-mi.md); storage `<account>.<service>.core.windows.net`;
/// Key Vault `<vault>.vault.azure.net`; Managed HSM `<hsm>.managedhsm.azure.net`; App Service
/// `<site>.azurewebsites.net` and `<site>.scm.azurewebsites.net`.
public struct AzureServiceName: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case sqlServer
        /// The VNet-local endpoint: a private IP in the instance's subnet.
        case managedInstanceLocal
        /// The public data endpoint; `enabled` is `publicDataEndpointEnabled`.
        case managedInstancePublic(enabled: Bool)
        /// The read-write listener: CNAME to the current primary's VNet-local name.
        case failoverGroupListener(target: String?)
        /// The read-only listener: CNAME to the current secondary's VNet-local name.
        case failoverGroupReadOnlyListener(target: String?)
        case storage(service: String)
        case keyVault
        case managedHSM
        case webApp
        case webAppSCM
    }

    public var fqdn: String
    public var resource: ResourceID
    public var resourceName: String
    public var kind: Kind
    /// The private link sub-resource whose Approved private endpoint adds the `privatelink` alias.
    public var groupID: String?
    /// `<name>.<privatelink zone>`: the alias Azure inserts in public DNS for an Approved private endpoint.
    public var privateLinkName: String?
    /// Where the VNet-local endpoint of a managed instance lives.
    public var subnet: ResourceID?

    public init(fqdn: String, resource: ResourceID, resourceName: String, kind: Kind, groupID: String? = nil, privateLinkName: String? = nil, subnet: ResourceID? = nil) {
        self.fqdn = fqdn.lowercased()
        self.resource = resource
        self.resourceName = resourceName
        self.kind = kind
        self.groupID = groupID
        self.privateLinkName = privateLinkName?.lowercased()
        self.subnet = subnet
    }

    /// `sql server`, `managed instance`, … for messages.
    public var kindDescription: String {
        switch kind {
        case .sqlServer: "sql server"
        case .managedInstanceLocal: "managed instance"
        case .managedInstancePublic: "managed instance public endpoint"
        case .failoverGroupListener: "failover group listener"
        case .failoverGroupReadOnlyListener: "failover group read-only listener"
        case .storage(let service): "storage account (\(service))"
        case .keyVault: "key vault"
        case .managedHSM: "managed hsm"
        case .webApp: "web app"
        case .webAppSCM: "web app (scm)"
        }
    }
}
