/// Every posture rule, in the order Docs/CHECKS.md lists them.
public enum CheckCatalog {
    public static let all: [CheckRule] = [
        InternetExposureRules.management,
        InternetExposureRules.database,
        FirewallDNATRule.rule,
        ManagedInstanceRules.publicEndpoint,
        ManagedInstanceRules.subnetNSG,
        ManagedInstanceRules.subnetRouteTable,
        ManagedInstanceRules.subnetDelegation,
        ManagedInstanceClientRule.rule,
        AppServiceManagedInstanceRule.rule,
        DataServiceRules.minimalTLS,
        PrivateEndpointRules.connectionState,
        PrivateEndpointRules.policiesDisabled,
        PrivateEndpointRules.delegatedSubnet,
        PrivateEndpointDNSRule.rule,
        DataServiceRules.allowAll,
        DataServiceRules.allowAzure,
        DataServiceRules.publicWithPrivateEndpoint,
        DataServiceRules.defaultAllow,
        ServiceEndpointRegionRule.rule,
        TransparentDataEncryptionKeyRule.rule,
        PrivateDnsZoneRules.overridesPublicZone,
        PrivateDnsZoneRules.notRecommendedName,
        GatewayAndEndpointRules.propagationDisabled,
        GatewayAndEndpointRules.endpointHidesPublicAddress,
        NetworkRules.peeringNotConnected,
    ]

    public static func rule(id: String) -> CheckRule? { all.first { $0.id.lowercased() == id.lowercased() } }
}
